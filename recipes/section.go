package recipes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/expr-lang/expr"

	"github.com/mipack/mipack/recipes/didyoumean"
)

// sectionPlan is one compiled section.
type sectionPlan struct {
	spec *Section
	id   string
	// from is the source the rows come from; for a reconcile, left.
	from  *sourcePlan
	joins []joinPlan
	// schema is the row as the section sees it: the source's columns, each
	// join's columns, then derived columns.
	schema schema
	where  *compiled
	// whereAfterDerive is true when the filter reads a derived column, so
	// derive runs first; otherwise rows are filtered before deriving.
	whereAfterDerive bool
	derives          []derivePlan
	groups           []int
	// measures and computes in output order.
	measures []measurePlan
	computes []computePlan
	orderBy  []orderKey
	total    bool
	chart    *Chart
	// subject is the schema index of the disclosure subject column, or -1.
	subject int
	exempt  string
	notes   []note
	labels  map[string]string
	decimal map[string]int
	// w are the pack's words; subjectName the disclosure subject column.
	w           *words
	subjectName string

	reconcile *reconcilePlan
	// text is a text section's prose and references, or nil.
	text *textPlan
	// columns are the table's column names in order: group columns, then
	// the figures (measures, computed and extension columns).
	columns []string

	// compare is the other period each measure is compared with, or nil.
	compare *comparePlan
	// budget compares the section's spending with a budget, or is nil.
	budget *budgetPlan
	// alert lists (internal) or counts (council) single rows whose value
	// exceeds a threshold, or is nil.
	alert *alertPlan
	// secondaryTotal withholds the total instead of further rows.
	secondaryTotal bool
	// derivedDecimals holds, by schema index, the decimals of the derived
	// numbers whose decimals follow from their inputs.
	derivedDecimals map[int]decimalsFunc
	// doubt are the table's names whose definition is at fault (a measure
	// of an unknown column, a group column the source lacks, and the name
	// that column is closest to): what names them reports nothing more.
	// doubtGroups is set when a group column is among them.
	doubt       map[string]bool
	doubtGroups bool
	// unsureRows is set when a key that defines the section's rows (join,
	// derive) is misspelt, unsureTable when one that defines its table
	// (those, group_by, measures, compute, total) is: any name may then
	// be meant, so unknown names are not reported.
	unsureRows, unsureTable bool
	// hidden sections feed another section and are not shown.
	hidden bool
	// period, when set, is the period a hidden section runs with.
	period *Period
}

// note is a written reservation, resolved: a pack-wide one (ID set) or the
// section's own text.
type note struct {
	id, text string
}

type joinPlan struct {
	src    *sourcePlan
	left   bool
	keys   []int // in the section schema (left side)
	rkeys  []int // in the joined source's columns
	offset int   // where the joined columns start in the schema
}

type derivePlan struct {
	name string
	expr *compiled
	idx  int
}

type measurePlan struct {
	name string
	fn   string
	col  int // schema index; -1 for count()
	typ  valType
	// decimals shown; for sums of a number column, the column's decimals
	// once read (see run.go).
	decimals int
	srcCol   *colRef
	// exact gives the decimals a sum of a derived number is exact to; nil
	// for a source column (see srcCol) or an expression that can make any.
	exact decimalsFunc
}

// colRef names a source column a measure reads, for exact rounding of sums.
type colRef struct {
	src *sourcePlan
	col int
}

type computePlan struct {
	name     string
	expr     *compiled
	typ      valType
	decimals int
}

type orderKey struct {
	col  int // output column
	desc bool
}

// schema is the ordered set of columns a section's rows have.
type schema struct {
	names []string
	types []valType
	refs  []*colRef
	// env is the nested environment name for qualified join columns
	// ("payments" for "payments.amount"); empty for top-level names.
	qual  []string
	field []string
	// doubt holds the columns whose definition is at fault: the expression
	// compiler sees them as doubtful (see compileExpr).
	doubt map[int]bool
}

// addCol adds a source's column as name, doubtful where its type is at fault.
func (s *schema) addCol(c colPlan, name string, ref *colRef, qual string) {
	i := s.add(name, c.typ, ref, qual, c.name)
	if c.doubt {
		s.markDoubt(i)
	}
}

// markDoubt marks column i as defined at fault.
func (s *schema) markDoubt(i int) {
	if s.doubt == nil {
		s.doubt = map[int]bool{}
	}
	s.doubt[i] = true
}

func (s *schema) add(name string, t valType, ref *colRef, qual, field string) int {
	s.names = append(s.names, name)
	s.types = append(s.types, t)
	s.refs = append(s.refs, ref)
	s.qual = append(s.qual, qual)
	s.field = append(s.field, field)
	return len(s.names) - 1
}

func (s *schema) index(name string) int {
	for i := len(s.names) - 1; i >= 0; i-- {
		if s.names[i] == name {
			return i
		}
	}
	return -1
}

// typeEnv is the expression compiler's view of the schema: every name with
// a typed zero value, joined sources as nested maps, and `period`.
func (s *schema) typeEnv(per Period) map[string]any {
	env := map[string]any{"period": per.env()}
	for i, name := range s.names {
		var v any = s.types[i].zero()
		if s.doubt[i] {
			v = doubtful{}
		}
		if s.qual[i] != "" {
			m, _ := env[s.qual[i]].(map[string]any)
			if m == nil {
				m = map[string]any{}
				env[s.qual[i]] = m
			}
			m[s.field[i]] = v
			continue
		}
		env[name] = v
	}
	return env
}

func (s *schema) visible() []string {
	var out []string
	for i, n := range s.names {
		if s.qual[i] == "" || !strings.Contains(n, ".") {
			out = append(out, n)
		}
	}
	return out
}

func checkSection(p *problems, pl *Plan, sources map[string]*sourcePlan, s *Section, path string) *sectionPlan {
	sec := &sectionPlan{spec: s, id: s.ID.Value, subject: -1, labels: map[string]string{}, decimal: map[string]int{},
		w: wordsFor(pl.Locale), subjectName: pl.Subject, doubt: map[string]bool{}}
	misspelt := func(keys ...string) bool {
		return slices.ContainsFunc(keys, func(k string) bool { return p.meant[path+"."+k] })
	}
	sec.unsureRows = misspelt("join", "derive")
	sec.unsureTable = sec.unsureRows || misspelt("group_by", "measures", "compute", "total")
	switch {
	case !s.ID.Set() || s.ID.Value == "":
		p.addf(s.pos, path+".id", ErrMissing, "a section needs an id (letters, digits, _ and -), stable across versions")
	case !sectionIDPattern.MatchString(s.ID.Value):
		p.addf(s.ID.Pos, path+".id", ErrBadValue, "section id %q must start with a letter and hold only letters, digits, _ and -", s.ID.Value)
	}
	if strings.TrimSpace(s.Title.Value) == "" {
		p.addf(s.pos, path+".title", ErrMissing, "section %q has no title", s.ID.Value)
	}
	checkNotes(p, pl, s, sec, path)
	for _, l := range s.Labels {
		sec.labels[l.Name.Value] = l.Value.Value
	}
	for _, d := range s.Decimals {
		n, err := d.Value.Int()
		if err != nil || n < 0 || n > 6 {
			p.addf(d.Value.Pos, path+".decimals."+d.Name.Value, ErrBadValue, "decimals %q is not a whole number from 0 to 6", d.Value.Value)
		}
		sec.decimal[d.Name.Value] = n
	}
	if s.Text.Set() {
		checkText(p, pl.Recipe.Bytes, s, sec, path)
		return sec
	}
	if s.Reconcile != nil {
		checkReconcile(p, pl, sources, s, sec, path)
		return sec
	}
	if !s.From.Set() {
		if !misspelt("text", "reconcile") {
			p.addf(s.pos, path+".from", ErrMissing, "section %q names no source: add `from: <source>` (or `reconcile:`)", s.ID.Value)
		}
		return nil
	}
	sec.from = lookupSource(p, sources, s.From, path+".from")
	if sec.from == nil {
		return nil
	}
	for _, c := range sec.from.cols {
		sec.schema.addCol(c, c.name, &colRef{sec.from, sec.from.col(c.name)}, "")
	}
	ok := checkJoins(p, sources, s, sec, path)
	if !ok {
		return nil
	}
	env := sec.schema.typeEnv(pl.Period)
	var rows []expr.Option // options of the expressions over the section's rows
	if sec.unsureRows {
		rows = append(rows, expr.AllowUndefinedVariables())
	}
	for _, d := range s.Derive {
		name := d.Name.Value
		dp := derivePlan{name: name, expr: compileExpr(p, path+".derive."+name, d.Value, env, sec.schema.visible(), rows...)}
		if dp.expr == nil {
			if sec.schema.index(name) < 0 {
				sec.schema.markDoubt(sec.schema.add(name, tAny, nil, "", name))
				env[name] = doubtful{}
			}
			continue
		}
		if sec.schema.index(name) >= 0 {
			p.addf(d.Name.Pos, path+".derive."+name, ErrDuplicate, "column %q already exists; give the derived column another name", name)
			continue
		}
		dp.idx = sec.schema.add(name, dp.expr.out, nil, "", name)
		if f := derivedDecimals(dp.expr.prog.Node(), &sec.schema, sec.derivedDecimals); f != nil {
			if sec.derivedDecimals == nil {
				sec.derivedDecimals = map[int]decimalsFunc{}
			}
			sec.derivedDecimals[dp.idx] = f
		}
		env[name] = dp.expr.out.zero()
		sec.derives = append(sec.derives, dp)
	}
	if s.Where.Set() && strings.TrimSpace(s.Where.Value) != "" {
		sec.where = compileExpr(p, path+".where", s.Where, env, sec.schema.visible(), append(rows, exprAsBool())...)
		for _, d := range sec.derives {
			if sec.where != nil && contains(sec.where.names, d.name) {
				sec.whereAfterDerive = true
			}
		}
	}
	if s.Alert != nil {
		checkAlert(p, pl, s, sec, path)
	}
	checkGrouping(p, pl, sources, s, sec, path)
	return sec
}

func lookupSource(p *problems, sources map[string]*sourcePlan, name Str, path string) *sourcePlan {
	sp, failed := sources[name.Value]
	if sp != nil || failed || p.meant["sources"] {
		// A source that failed its own checks is reported there, as is a
		// misspelt sources key.
		return sp
	}
	known := make([]string, 0, len(sources))
	for n := range sources {
		known = append(known, n)
	}
	if !name.Set() {
		p.addf(name.Pos, path, ErrMissing, "no source named")
		return nil
	}
	p.addf(name.Pos, path, ErrUnknownSource, "unknown source %q%s", name.Value, hintFor(name.Value, known))
	return nil
}

func checkNotes(p *problems, pl *Plan, s *Section, sec *sectionPlan, path string) {
	sec.notes = resolveNotes(p, pl, s.Reservations, path+".reservations")
	// A text section's figures carry the reservations of their sections,
	// each of which names at least one; it need not name one of its own.
	if len(sec.notes) == 0 && len(s.Reservations) == 0 && !s.Text.Set() && !p.meant[path+".text"] {
		p.addf(s.pos, path+".reservations", ErrNoReservation, "section %q names no reservation: every section says under which conditions its figures hold (the id of a pack-wide reservation, or a text)", s.ID.Value)
	}
}

// resolveNotes resolves a `reservations` list, a section's or a source's:
// each entry is the id of a pack-wide reservation, or a text of its own (a
// one-word text must be quoted, or it is taken for an id).
func resolveNotes(p *problems, pl *Plan, list StrList, path string) []note {
	ids := make([]string, 0, len(pl.reservations))
	for id := range pl.reservations {
		ids = append(ids, id)
	}
	var notes []note
	for i, r := range list {
		text := strings.TrimSpace(r.Value)
		switch {
		case text == "":
			continue
		case pl.reservations[text] != "":
			notes = append(notes, note{id: text, text: pl.reservations[text]})
		case isIdentifier(text) && !r.Quoted:
			if p.meant["reservations"] {
				continue // the pack-wide reservations' key is misspelt
			}
			p.addf(r.Pos, fmt.Sprintf("%s[%d]", path, i), ErrUnknownReserve, "no pack-wide reservation has the id %q%s; to write a text of its own, put it in quotes", text, hintFor(text, ids))
		case isPlaceholder(text):
			p.addf(r.Pos, fmt.Sprintf("%s[%d]", path, i), ErrPlaceholder, "the reservation is still a placeholder (%q)", text)
		default:
			notes = append(notes, note{text: text})
		}
	}
	return notes
}

// isIdentifier reports a reservation entry that looks like an id (one word
// of letters, digits, _ and -), not a sentence.
func isIdentifier(s string) bool {
	return sectionIDPattern.MatchString(s) && !strings.ContainsAny(s, " ")
}

func checkJoins(p *problems, sources map[string]*sourcePlan, s *Section, sec *sectionPlan, path string) bool {
	ok := true
	for i, j := range s.Join {
		jpath := fmt.Sprintf("%s.join[%d]", path, i)
		src := lookupSource(p, sources, j.Source, jpath+".source")
		if src == nil {
			ok = false
			continue
		}
		jp := joinPlan{src: src}
		switch j.Type.Value {
		case "", "inner":
		case "left":
			jp.left = true
		default:
			p.addf(j.Type.Pos, jpath+".type", ErrBadValue, "join type %q is not inner or left", j.Type.Value)
		}
		if len(j.On) == 0 {
			p.addf(j.Source.Pos, jpath+".on", ErrMissing, "join names no key: add `on: <column>`")
			ok = false
			continue
		}
		for _, k := range j.On {
			l := sec.schema.index(k.Value)
			if l < 0 && !sec.unsureRows {
				p.addf(k.Pos, jpath+".on", ErrUnknownColumn, "the rows joined to have no column %q%s", k.Value, hintFor(k.Value, sec.schema.visible()))
				ok = false
			}
			r := src.needCol(p, k, jpath+".on")
			ok = ok && r >= 0
			jp.keys = append(jp.keys, l)
			jp.rkeys = append(jp.rkeys, r)
		}
		jp.offset = len(sec.schema.names)
		for ci, c := range src.cols {
			sec.schema.addCol(c, src.name+"."+c.name, &colRef{src, ci}, src.name)
		}
		for ci, c := range src.cols {
			if sec.schema.index(c.name) < 0 {
				// an unqualified alias for the joined column, filled alike
				sec.schema.addCol(c, c.name, &colRef{src, ci}, "")
			}
		}
		sec.joins = append(sec.joins, jp)
	}
	return ok
}

func checkGrouping(p *problems, pl *Plan, sources map[string]*sourcePlan, s *Section, sec *sectionPlan, path string) {
	var out []string
	for _, g := range s.GroupBy {
		i := sec.schema.index(g.Value)
		if i < 0 {
			if !sec.unsureRows {
				p.addf(g.Pos, path+".group_by", ErrUnknownColumn, "unknown column %q%s", g.Value, hintFor(g.Value, sec.schema.visible()))
			}
			// The table's other keys may name the column as written or
			// as it was meant.
			sec.doubt[g.Value], sec.doubtGroups = true, true
			if meant := didyoumean.Closest(g.Value, sec.schema.visible()); meant != "" {
				sec.doubt[meant] = true
			}
			continue
		}
		sec.groups = append(sec.groups, i)
		out = append(out, g.Value)
	}
	if len(s.Measures) == 0 && s.Alert == nil {
		p.addf(s.pos, path+".measures", ErrMissing, "section %q has no measures: add e.g. `measures: {grants: count()}`", s.ID.Value)
	}
	menv := map[string]any{"period": pl.Period.env()}
	for _, g := range sec.groups {
		menv[sec.schema.names[g]] = sec.schema.types[g].zero()
	}
	atFault := func(name string) {
		sec.doubt[name] = true
		menv[name] = doubtful{}
	}
	for _, m := range s.Measures {
		mp, ok := checkMeasure(p, sec, m, path+".measures."+m.Name.Value)
		if !ok {
			atFault(m.Name.Value)
			continue
		}
		if pl.MinCount > 0 && (mp.fn == "min" || mp.fn == "max" || mp.fn == "median") {
			// An extreme or a median is one person's own value (the middle
			// one, or either of two): no group size protects it.
			p.addf(m.Value.Pos, path+".measures."+mp.name, ErrDisclosure, "%s() shows one person's own value, so a council pack cannot publish it. Try: mean(...) or sum(...), or audience: internal for this recipe", mp.fn)
			atFault(mp.name)
			continue
		}
		if contains(out, mp.name) {
			p.addf(m.Name.Pos, path+".measures."+mp.name, ErrDuplicate, "column %q is already in the table", mp.name)
			continue
		}
		out = append(out, mp.name)
		sec.measures = append(sec.measures, mp)
		menv[mp.name] = mp.typ.zero()
	}
	var table []expr.Option // options of the expressions over the table's rows
	if sec.unsureTable {
		table = append(table, expr.AllowUndefinedVariables())
	}
	for _, c := range s.Compute {
		name := c.Name.Value
		ce := compileExpr(p, path+".compute."+name, c.Value, menv, keys(menv), table...)
		if ce == nil {
			atFault(name)
			continue
		}
		if contains(out, name) {
			p.addf(c.Name.Pos, path+".compute."+name, ErrDuplicate, "column %q is already in the table", name)
			continue
		}
		cp := computePlan{name: name, expr: ce, typ: ce.out, decimals: 2}
		if cp.typ == tAny {
			cp.typ = tNumber
		}
		if cp.typ == tInteger {
			cp.decimals = 0
		}
		if d, ok := sec.decimal[name]; ok {
			cp.decimals = d
		}
		out = append(out, name)
		sec.computes = append(sec.computes, cp)
		menv[name] = cp.typ.zero()
	}
	out = checkCompare(p, pl, s, sec, path, out)
	out = checkBudget(p, pl, sources, s, sec, path, out)
	out = alertColumns(sec, out)
	sec.columns = out
	for _, o := range s.OrderBy {
		name, desc := strings.CutPrefix(strings.TrimSpace(o.Value), "-")
		name = strings.TrimPrefix(name, "+")
		i := indexOf(out, name)
		if i < 0 && sec.named(name) {
			continue
		}
		if i < 0 {
			p.addf(o.Pos, path+".order_by", ErrUnknownColumn, "unknown column %q%s (order by a group column, a measure or a computed column)", name, hintFor(name, out))
			continue
		}
		sec.orderBy = append(sec.orderBy, orderKey{col: i, desc: desc})
	}
	if s.Total.Set() {
		t, ok := s.Total.Bool()
		if !ok {
			p.addf(s.Total.Pos, path+".total", ErrBadValue, "total %q is not true or false", s.Total.Value)
		}
		sec.total = t
	}
	for _, l := range s.Labels {
		name := l.Name.Value
		// An alert's columns differ by audience; a label for the other
		// audience's column is not a fault.
		otherAudience := sec.alert != nil && (name == "rows" || contains(s.GroupBy.Values(), name))
		if !contains(out, name) && !otherAudience && !sec.named(name) {
			p.addf(l.Name.Pos, path+".labels."+name, ErrUnknownColumn, "label for unknown column %q%s", name, hintFor(name, out))
		}
	}
	checkChart(p, s, sec, out, path)
	checkSubject(p, pl, s, sec, path)
}

func checkMeasure(p *problems, sec *sectionPlan, m Named, path string) (measurePlan, bool) {
	mp := measurePlan{name: m.Name.Value, col: -1}
	match := measurePattern.FindStringSubmatch(m.Value.Value)
	if match == nil {
		p.addf(m.Value.Pos, path, ErrBadValue, "%q is not an aggregate such as sum(cost) or count()", m.Value.Value)
		return mp, false
	}
	mp.fn = strings.ToLower(match[1])
	arg := match[2]
	if !contains(aggregateNames, mp.fn) {
		p.addf(m.Value.Pos, path, ErrBadValue, "unknown aggregate %q%s (one of %s)", match[1], hintFor(match[1], aggregateNames), strings.Join(aggregateNames, ", "))
		return mp, false
	}
	if mp.fn == "count" {
		if arg != "" {
			mp.col = sec.schema.index(arg)
			if mp.col < 0 {
				sec.unknownColumn(p, m.Value.Pos, path, arg)
				return mp, false
			}
		}
		mp.typ = tInteger
		return mp, true
	}
	if arg == "" {
		p.addf(m.Value.Pos, path, ErrBadValue, "%s() needs a column, e.g. %s(cost_per_day)", mp.fn, mp.fn)
		return mp, false
	}
	mp.col = sec.schema.index(arg)
	if mp.col < 0 {
		sec.unknownColumn(p, m.Value.Pos, path, arg)
		return mp, false
	}
	ct := sec.schema.types[mp.col]
	mp.srcCol = sec.schema.refs[mp.col]
	if mp.fn == "sum" && mp.srcCol == nil {
		mp.exact = sec.derivedDecimals[mp.col]
	}
	switch mp.fn {
	case "count_distinct":
		mp.typ = tInteger
	case "sum", "mean", "median":
		if ct != tNumber && ct != tInteger && ct != tAny {
			p.addf(m.Value.Pos, path, ErrBadValue, "%s() needs a number column; %q is %s", mp.fn, arg, ct)
			return mp, false
		}
		mp.typ = ct
		if mp.fn != "sum" || ct == tAny {
			mp.typ = tNumber
			mp.decimals = 2
		}
	case "min", "max":
		mp.typ = ct
		if ct == tAny {
			mp.typ = tNumber
		}
		if mp.typ == tNumber && mp.srcCol == nil {
			mp.decimals = 2
		}
	}
	if d, ok := sec.decimal[mp.name]; ok {
		mp.decimals = d
		mp.srcCol, mp.exact = nil, nil // decimals fixed by the recipe
	}
	return mp, true
}

// unknownColumn reports a measure's column the section's rows lack, unless
// a misspelt key that defines the rows may be what lacks it.
func (sec *sectionPlan) unknownColumn(p *problems, pos Pos, path, name string) {
	if !sec.unsureRows {
		p.addf(pos, path, ErrUnknownColumn, "unknown column %q%s", name, hintFor(name, sec.schema.visible()))
	}
}

func checkChart(p *problems, s *Section, sec *sectionPlan, out []string, path string) {
	c := s.Chart
	if c == nil {
		return
	}
	sec.chart = c
	cpath := path + ".chart"
	switch c.Type.Value {
	case "bar", "stacked_bar", "line":
	default:
		p.addf(c.Type.Pos, cpath+".type", ErrBadValue, "chart type %q is not bar, stacked_bar or line%s", c.Type.Value, hintFor(c.Type.Value, []string{"bar", "stacked_bar", "line"}))
	}
	groupNames := make([]string, len(sec.groups))
	for i, g := range sec.groups {
		groupNames[i] = sec.schema.names[g]
	}
	if !contains(groupNames, c.X.Value) && !sec.named(c.X.Value) {
		p.addf(c.X.Pos, cpath+".x", ErrUnknownColumn, "x must be a group_by column; %q is not%s", c.X.Value, hintFor(c.X.Value, groupNames))
	}
	if len(c.Y) == 0 {
		p.addf(c.X.Pos, cpath+".y", ErrMissing, "the chart names no y (a measure to draw)")
	}
	for _, y := range c.Y {
		i := indexOf(out, y.Value)
		if i < len(sec.groups) && !sec.named(y.Value) {
			p.addf(y.Pos, cpath+".y", ErrUnknownColumn, "y must be a measure or computed column; unknown column %q%s", y.Value, hintFor(y.Value, out[len(sec.groups):]))
		}
	}
	if c.Series.Set() {
		if (!contains(groupNames, c.Series.Value) && !sec.named(c.Series.Value)) || c.Series.Value == c.X.Value {
			p.addf(c.Series.Pos, cpath+".series", ErrUnknownColumn, "series must be another group_by column; %q is not%s", c.Series.Value, hintFor(c.Series.Value, groupNames))
		}
		if len(c.Y) > 1 {
			p.addf(c.Series.Pos, cpath+".series", ErrBadValue, "with series, y names one measure")
		}
	} else if len(sec.groups) > 1 && !sec.unsureTable {
		p.addf(c.X.Pos, cpath, ErrBadValue, "the table is grouped by %d columns; name the other one as `series:` so each bar has one value", len(sec.groups))
	}
}

func checkSubject(p *problems, pl *Plan, s *Section, sec *sectionPlan, path string) {
	sec.subject = sec.schema.index(pl.Subject)
	if s.Disclosure != nil && s.Disclosure.Secondary.Set() {
		switch s.Disclosure.Secondary.Value {
		case "rows":
		case "total":
			sec.secondaryTotal = true
		default:
			p.addf(s.Disclosure.Secondary.Pos, path+".disclosure.secondary", ErrBadValue, "secondary %q is not rows or total", s.Disclosure.Secondary.Value)
		}
	}
	if checkExempt(p, s, sec, path) {
		return
	}
	// A misspelt join or disclosure key may be what would give the subject.
	if pl.Audience == "council" && sec.subject < 0 && !sec.unsureRows && !p.meant["disclosure"] && !p.meant[path+".disclosure"] {
		p.addf(s.pos, path, ErrDisclosure, "a council section needs the subject column %q to count persons (from its source, a join or a reconcile side), or `disclosure: {exempt: \"reason\"}`", pl.Subject)
	}
}

// checkExempt reads a section's exemption from disclosure control, for
// tables and reconciles alike: a reason of only spaces is no reason. It
// reports whether the section is exempt.
func checkExempt(p *problems, s *Section, sec *sectionPlan, path string) bool {
	if s.Disclosure == nil || !s.Disclosure.Exempt.Set() {
		return false
	}
	sec.exempt = strings.TrimSpace(s.Disclosure.Exempt.Value)
	if sec.exempt == "" {
		p.addf(s.Disclosure.Exempt.Pos, path+".disclosure.exempt", ErrDisclosure, "an exemption needs its reason")
	}
	return true
}

// named reports a name the table may have although its definition is at
// fault or its defining key misspelt (see problems): what names it
// reports nothing more.
func (sec *sectionPlan) named(name string) bool { return sec.doubt[name] || sec.unsureTable }

func contains(list []string, s string) bool { return indexOf(list, s) >= 0 }

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
