package recipes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mipack/mipack/recipes/didyoumean"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
)

func checkSection(p *fault.Problems, pl *engine.Plan, sources map[string]*engine.SourcePlan, s *Section, path string) *engine.SectionPlan {
	sec := &engine.SectionPlan{Written: written(s), ID: s.ID.Value, Subject: -1, Labels: map[string]string{}, Decimal: map[string]int{},
		W: engine.WordsFor(pl.Locale), SubjectName: pl.Subject, Doubt: map[string]bool{}}
	misspelt := func(keys ...string) bool {
		return slices.ContainsFunc(keys, func(k string) bool { return p.Meant[path+"."+k] })
	}
	sec.UnsureRows = misspelt("join", "derive")
	sec.UnsureTable = sec.UnsureRows || misspelt("group_by", "measures", "compute", "total")
	switch {
	case !s.ID.Set() || s.ID.Value == "":
		p.Addf(s.pos, path+".id", fault.ErrMissing, "a section needs an id (letters, digits, _ and -), stable across versions")
	case !sectionIDPattern.MatchString(s.ID.Value):
		p.Addf(s.ID.Pos, path+".id", fault.ErrBadValue, "section id %q must start with a letter and hold only letters, digits, _ and -", s.ID.Value)
	}
	if strings.TrimSpace(s.Title.Value) == "" {
		p.Addf(s.pos, path+".title", fault.ErrMissing, "section %q has no title", s.ID.Value)
	}
	checkNotes(p, pl, s, sec, path)
	for _, l := range s.Labels {
		sec.Labels[l.Name.Value] = l.Value.Value
	}
	for _, d := range s.Decimals {
		n, err := d.Value.Int()
		if err != nil || n < 0 || n > 6 {
			p.Addf(d.Value.Pos, path+".decimals."+d.Name.Value, fault.ErrBadValue, "decimals %q is not a whole number from 0 to 6", d.Value.Value)
		}
		sec.Decimal[d.Name.Value] = n
	}
	if s.Text.Set() {
		checkText(p, pl.Head.Bytes, s, sec, path)
		return sec
	}
	if s.Reconcile != nil {
		checkReconcile(p, pl, sources, s, sec, path)
		return sec
	}
	if !s.From.Set() {
		if !misspelt("text", "reconcile") {
			p.Addf(s.pos, path+".from", fault.ErrMissing, "section %q names no source: add `from: <source>` (or `reconcile:`)", s.ID.Value)
		}
		return nil
	}
	sec.From = lookupSource(p, sources, s.From, path+".from")
	if sec.From == nil {
		return nil
	}
	for _, c := range sec.From.Cols {
		sec.Schema.AddCol(c, c.Name, &engine.ColRef{Src: sec.From, Col: sec.From.Col(c.Name)}, "")
	}
	ok := checkJoins(p, sources, s, sec, path)
	if !ok {
		return nil
	}
	env := sec.Schema.TypeEnv(pl.Period)
	var rows []expr.Option // options of the expressions over the section's rows
	if sec.UnsureRows {
		rows = append(rows, expr.AllowUndefined())
	}
	for _, d := range s.Derive {
		name := d.Name.Value
		dp := engine.DerivePlan{Name: name, Expr: compileExpr(p, path+".derive."+name, d.Value, env, sec.Schema.Visible(), rows...)}
		if dp.Expr == nil {
			if sec.Schema.Index(name) < 0 {
				sec.Schema.MarkDoubt(sec.Schema.Add(name, expr.TAny, nil, "", name))
				env[name] = expr.Doubtful{}
			}
			continue
		}
		if sec.Schema.Index(name) >= 0 {
			p.Addf(d.Name.Pos, path+".derive."+name, fault.ErrDuplicate, "column %q already exists; give the derived column another name", name)
			continue
		}
		dp.Idx = sec.Schema.Add(name, dp.Expr.Out, nil, "", name)
		if f := derivedDecimals(dp.Expr.Prog.Node(), &sec.Schema, sec.DerivedDecimals); f != nil {
			if sec.DerivedDecimals == nil {
				sec.DerivedDecimals = map[int]engine.DecimalsFunc{}
			}
			sec.DerivedDecimals[dp.Idx] = f
		}
		env[name] = dp.Expr.Out.Zero()
		sec.Derives = append(sec.Derives, dp)
	}
	if s.Where.Set() && strings.TrimSpace(s.Where.Value) != "" {
		sec.Where = compileExpr(p, path+".where", s.Where, env, sec.Schema.Visible(), append(rows, expr.AsBool())...)
		for _, d := range sec.Derives {
			if sec.Where != nil && engine.Contains(sec.Where.Names, d.Name) {
				sec.WhereAfterDerive = true
			}
		}
	}
	if s.Alert != nil {
		checkAlert(p, pl, s, sec, path)
	}
	checkGrouping(p, pl, sources, s, sec, path)
	return sec
}

func lookupSource(p *fault.Problems, sources map[string]*engine.SourcePlan, name Str, path string) *engine.SourcePlan {
	sp, failed := sources[name.Value]
	if sp != nil || failed || p.Meant["sources"] {
		// A source that failed its own checks is reported there, as is a
		// misspelt sources key.
		return sp
	}
	known := make([]string, 0, len(sources))
	for n := range sources {
		known = append(known, n)
	}
	if !name.Set() {
		p.Addf(name.Pos, path, fault.ErrMissing, "no source named")
		return nil
	}
	p.Addf(name.Pos, path, fault.ErrUnknownSource, "unknown source %q%s", name.Value, engine.HintFor(name.Value, known))
	return nil
}

func checkNotes(p *fault.Problems, pl *engine.Plan, s *Section, sec *engine.SectionPlan, path string) {
	sec.Notes = resolveNotes(p, pl, s.Reservations, path+".reservations")
	// A text section's figures carry the reservations of their sections,
	// each of which names at least one; it need not name one of its own.
	if len(sec.Notes) == 0 && len(s.Reservations) == 0 && !s.Text.Set() && !p.Meant[path+".text"] {
		p.Addf(s.pos, path+".reservations", fault.ErrNoReservation, "section %q names no reservation: every section says under which conditions its figures hold (the id of a pack-wide reservation, or a text)", s.ID.Value)
	}
}

// resolveNotes resolves a `reservations` list, a section's or a source's:
// each entry is the id of a pack-wide reservation, or a text of its own (a
// one-word text must be quoted, or it is taken for an id).
func resolveNotes(p *fault.Problems, pl *engine.Plan, list StrList, path string) []engine.Note {
	ids := make([]string, 0, len(pl.Reservations))
	for id := range pl.Reservations {
		ids = append(ids, id)
	}
	var notes []engine.Note
	for i, r := range list {
		text := strings.TrimSpace(r.Value)
		switch {
		case text == "":
			continue
		case pl.Reservations[text] != "":
			notes = append(notes, engine.Note{ID: text, Text: pl.Reservations[text]})
		case isIdentifier(text) && !r.Quoted:
			if p.Meant["reservations"] {
				continue // the pack-wide reservations' key is misspelt
			}
			p.Addf(r.Pos, fmt.Sprintf("%s[%d]", path, i), fault.ErrUnknownReserve, "no pack-wide reservation has the id %q%s; to write a text of its own, put it in quotes", text, engine.HintFor(text, ids))
		case isPlaceholder(text):
			p.Addf(r.Pos, fmt.Sprintf("%s[%d]", path, i), fault.ErrPlaceholder, "the reservation is still a placeholder (%q)", text)
		default:
			notes = append(notes, engine.Note{Text: text})
		}
	}
	return notes
}

// isIdentifier reports a reservation entry that looks like an id (one word
// of letters, digits, _ and -), not a sentence.
func isIdentifier(s string) bool {
	return sectionIDPattern.MatchString(s) && !strings.ContainsAny(s, " ")
}

func checkJoins(p *fault.Problems, sources map[string]*engine.SourcePlan, s *Section, sec *engine.SectionPlan, path string) bool {
	ok := true
	for i, j := range s.Join {
		jpath := fmt.Sprintf("%s.join[%d]", path, i)
		src := lookupSource(p, sources, j.Source, jpath+".source")
		if src == nil {
			ok = false
			continue
		}
		jp := engine.JoinPlan{Src: src}
		switch j.Type.Value {
		case "", "inner":
		case "left":
			jp.Left = true
		default:
			p.Addf(j.Type.Pos, jpath+".type", fault.ErrBadValue, "join type %q is not inner or left", j.Type.Value)
		}
		if len(j.On) == 0 {
			p.Addf(j.Source.Pos, jpath+".on", fault.ErrMissing, "join names no key: add `on: <column>`")
			ok = false
			continue
		}
		for _, k := range j.On {
			l := sec.Schema.Index(k.Value)
			if l < 0 && !sec.UnsureRows {
				p.Addf(k.Pos, jpath+".on", fault.ErrUnknownColumn, "the rows joined to have no column %q%s", k.Value, engine.HintFor(k.Value, sec.Schema.Visible()))
				ok = false
			}
			r := needCol(p, src, k, jpath+".on")
			ok = ok && r >= 0
			jp.Keys = append(jp.Keys, l)
			jp.Rkeys = append(jp.Rkeys, r)
		}
		jp.Offset = len(sec.Schema.Names)
		for ci, c := range src.Cols {
			sec.Schema.AddCol(c, src.Name+"."+c.Name, &engine.ColRef{Src: src, Col: ci}, src.Name)
		}
		for ci, c := range src.Cols {
			if sec.Schema.Index(c.Name) < 0 {
				// an unqualified alias for the joined column, filled alike
				sec.Schema.AddCol(c, c.Name, &engine.ColRef{Src: src, Col: ci}, "")
			}
		}
		sec.Joins = append(sec.Joins, jp)
	}
	return ok
}

func checkGrouping(p *fault.Problems, pl *engine.Plan, sources map[string]*engine.SourcePlan, s *Section, sec *engine.SectionPlan, path string) {
	var out []string
	for _, g := range s.GroupBy {
		i := sec.Schema.Index(g.Value)
		if i < 0 {
			if !sec.UnsureRows {
				p.Addf(g.Pos, path+".group_by", fault.ErrUnknownColumn, "unknown column %q%s", g.Value, engine.HintFor(g.Value, sec.Schema.Visible()))
			}
			// The table's other keys may name the column as written or
			// as it was meant.
			sec.Doubt[g.Value], sec.DoubtGroups = true, true
			if meant := didyoumean.Closest(g.Value, sec.Schema.Visible()); meant != "" {
				sec.Doubt[meant] = true
			}
			continue
		}
		sec.Groups = append(sec.Groups, i)
		out = append(out, g.Value)
	}
	if len(s.Measures) == 0 && s.Alert == nil {
		p.Addf(s.pos, path+".measures", fault.ErrMissing, "section %q has no measures: add e.g. `measures: {grants: count()}`", s.ID.Value)
	}
	menv := map[string]any{"period": pl.Period.Env()}
	for _, g := range sec.Groups {
		menv[sec.Schema.Names[g]] = sec.Schema.Types[g].Zero()
	}
	atFault := func(name string) {
		sec.Doubt[name] = true
		menv[name] = expr.Doubtful{}
	}
	for _, m := range s.Measures {
		mp, ok := checkMeasure(p, sec, m, path+".measures."+m.Name.Value)
		if !ok {
			atFault(m.Name.Value)
			continue
		}
		if pl.MinCount > 0 && (mp.Fn == engine.AggMin || mp.Fn == engine.AggMax || mp.Fn == engine.AggMedian) {
			// An extreme or a median is one person's own value (the middle
			// one, or either of two): no group size protects it.
			p.Addf(m.Value.Pos, path+".measures."+mp.Name, fault.ErrDisclosure, "%s() shows one person's own value, so a council pack cannot publish it. Try: mean(...) or sum(...), or audience: internal for this recipe", mp.Fn)
			atFault(mp.Name)
			continue
		}
		if engine.Contains(out, mp.Name) {
			p.Addf(m.Name.Pos, path+".measures."+mp.Name, fault.ErrDuplicate, "column %q is already in the table", mp.Name)
			continue
		}
		out = append(out, mp.Name)
		sec.Measures = append(sec.Measures, mp)
		menv[mp.Name] = mp.Typ.Zero()
	}
	var table []expr.Option // options of the expressions over the table's rows
	if sec.UnsureTable {
		table = append(table, expr.AllowUndefined())
	}
	for _, c := range s.Compute {
		name := c.Name.Value
		ce := compileExpr(p, path+".compute."+name, c.Value, menv, keys(menv), table...)
		if ce == nil {
			atFault(name)
			continue
		}
		if engine.Contains(out, name) {
			p.Addf(c.Name.Pos, path+".compute."+name, fault.ErrDuplicate, "column %q is already in the table", name)
			continue
		}
		cp := engine.ComputePlan{Name: name, Expr: ce, Typ: ce.Out, Decimals: 2}
		if cp.Typ == expr.TAny {
			cp.Typ = expr.TNumber
		}
		if cp.Typ == expr.TInteger {
			cp.Decimals = 0
		}
		if d, ok := sec.Decimal[name]; ok {
			cp.Decimals = d
		}
		out = append(out, name)
		sec.Computes = append(sec.Computes, cp)
		menv[name] = cp.Typ.Zero()
	}
	out = checkCompare(p, pl, s, sec, path, out)
	out = checkBudget(p, pl, sources, s, sec, path, out)
	out = alertColumns(sec, out)
	sec.Columns = out
	for _, o := range s.OrderBy {
		name, desc := strings.CutPrefix(strings.TrimSpace(o.Value), "-")
		name = strings.TrimPrefix(name, "+")
		i := engine.IndexOf(out, name)
		if i < 0 && sec.Named(name) {
			continue
		}
		if i < 0 {
			p.Addf(o.Pos, path+".order_by", fault.ErrUnknownColumn, "unknown column %q%s (order by a group column, a measure or a computed column)", name, engine.HintFor(name, out))
			continue
		}
		sec.OrderBy = append(sec.OrderBy, engine.OrderKey{Col: i, Desc: desc})
	}
	if s.Total.Set() {
		t, ok := s.Total.Bool()
		if !ok {
			p.Addf(s.Total.Pos, path+".total", fault.ErrBadValue, "total %q is not true or false", s.Total.Value)
		}
		sec.Total = t
	}
	for _, l := range s.Labels {
		name := l.Name.Value
		// An alert's columns differ by audience; a label for the other
		// audience's column is not a fault.
		otherAudience := sec.Alert != nil && (name == "rows" || engine.Contains(s.GroupBy.Values(), name))
		if !engine.Contains(out, name) && !otherAudience && !sec.Named(name) {
			p.Addf(l.Name.Pos, path+".labels."+name, fault.ErrUnknownColumn, "label for unknown column %q%s", name, engine.HintFor(name, out))
		}
	}
	checkChart(p, s, sec, out, path)
	checkSubject(p, pl, s, sec, path)
}

func checkMeasure(p *fault.Problems, sec *engine.SectionPlan, m Named, path string) (engine.MeasurePlan, bool) {
	mp := engine.MeasurePlan{Name: m.Name.Value, Col: -1}
	match := measurePattern.FindStringSubmatch(m.Value.Value)
	if match == nil {
		p.Addf(m.Value.Pos, path, fault.ErrBadValue, "%q is not an aggregate such as sum(cost) or count()", m.Value.Value)
		return mp, false
	}
	fn, ok := engine.ParseAggregate(strings.ToLower(match[1]))
	arg := match[2]
	if !ok {
		names := engine.AggregateNames()
		p.Addf(m.Value.Pos, path, fault.ErrBadValue, "unknown aggregate %q%s (one of %s)", match[1], engine.HintFor(match[1], names), strings.Join(names, ", "))
		return mp, false
	}
	mp.Fn = fn
	if mp.Fn == engine.AggCount {
		if arg != "" {
			mp.Col = sec.Schema.Index(arg)
			if mp.Col < 0 {
				sec.UnknownColumn(p, m.Value.Pos, path, arg)
				return mp, false
			}
		}
		mp.Typ = expr.TInteger
		return mp, true
	}
	if arg == "" {
		p.Addf(m.Value.Pos, path, fault.ErrBadValue, "%s() needs a column, e.g. %s(cost_per_day)", mp.Fn, mp.Fn)
		return mp, false
	}
	mp.Col = sec.Schema.Index(arg)
	if mp.Col < 0 {
		sec.UnknownColumn(p, m.Value.Pos, path, arg)
		return mp, false
	}
	ct := sec.Schema.Types[mp.Col]
	mp.SrcCol = sec.Schema.Refs[mp.Col]
	if mp.Fn == engine.AggSum && mp.SrcCol == nil {
		mp.Exact = sec.DerivedDecimals[mp.Col]
	}
	switch mp.Fn {
	case engine.AggCountDistinct:
		mp.Typ = expr.TInteger
	case engine.AggSum, engine.AggMean, engine.AggMedian:
		if ct != expr.TNumber && ct != expr.TInteger && ct != expr.TAny {
			p.Addf(m.Value.Pos, path, fault.ErrBadValue, "%s() needs a number column; %q is %s", mp.Fn, arg, ct)
			return mp, false
		}
		mp.Typ = ct
		if mp.Fn != engine.AggSum || ct == expr.TAny {
			mp.Typ = expr.TNumber
			mp.Decimals = 2
		}
	case engine.AggMin, engine.AggMax:
		mp.Typ = ct
		if ct == expr.TAny {
			mp.Typ = expr.TNumber
		}
		if mp.Typ == expr.TNumber && mp.SrcCol == nil {
			mp.Decimals = 2
		}
	}
	if d, ok := sec.Decimal[mp.Name]; ok {
		mp.Decimals = d
		mp.SrcCol, mp.Exact = nil, nil // decimals fixed by the recipe
	}
	return mp, true
}

func checkChart(p *fault.Problems, s *Section, sec *engine.SectionPlan, out []string, path string) {
	c := s.Chart
	if c == nil {
		return
	}
	sec.Chart = &engine.ChartPlan{Type: c.Type.Value, Title: c.Title.Value, X: c.X.Value, Y: c.Y.Values(), Series: c.Series.Value}
	cpath := path + ".chart"
	switch c.Type.Value {
	case "bar", "stacked_bar", "line":
	default:
		p.Addf(c.Type.Pos, cpath+".type", fault.ErrBadValue, "chart type %q is not bar, stacked_bar or line%s", c.Type.Value, engine.HintFor(c.Type.Value, []string{"bar", "stacked_bar", "line"}))
	}
	groupNames := make([]string, len(sec.Groups))
	for i, g := range sec.Groups {
		groupNames[i] = sec.Schema.Names[g]
	}
	if !engine.Contains(groupNames, c.X.Value) && !sec.Named(c.X.Value) {
		p.Addf(c.X.Pos, cpath+".x", fault.ErrUnknownColumn, "x must be a group_by column; %q is not%s", c.X.Value, engine.HintFor(c.X.Value, groupNames))
	}
	if len(c.Y) == 0 {
		p.Addf(c.X.Pos, cpath+".y", fault.ErrMissing, "the chart names no y (a measure to draw)")
	}
	for _, y := range c.Y {
		i := engine.IndexOf(out, y.Value)
		if i < len(sec.Groups) && !sec.Named(y.Value) {
			p.Addf(y.Pos, cpath+".y", fault.ErrUnknownColumn, "y must be a measure or computed column; unknown column %q%s", y.Value, engine.HintFor(y.Value, out[len(sec.Groups):]))
		}
	}
	if c.Series.Set() {
		if (!engine.Contains(groupNames, c.Series.Value) && !sec.Named(c.Series.Value)) || c.Series.Value == c.X.Value {
			p.Addf(c.Series.Pos, cpath+".series", fault.ErrUnknownColumn, "series must be another group_by column; %q is not%s", c.Series.Value, engine.HintFor(c.Series.Value, groupNames))
		}
		if len(c.Y) > 1 {
			p.Addf(c.Series.Pos, cpath+".series", fault.ErrBadValue, "with series, y names one measure")
		}
	} else if len(sec.Groups) > 1 && !sec.UnsureTable {
		p.Addf(c.X.Pos, cpath, fault.ErrBadValue, "the table is grouped by %d columns; name the other one as `series:` so each bar has one value", len(sec.Groups))
	}
}

func checkSubject(p *fault.Problems, pl *engine.Plan, s *Section, sec *engine.SectionPlan, path string) {
	sec.Subject = sec.Schema.Index(pl.Subject)
	if s.Disclosure != nil && s.Disclosure.Secondary.Set() {
		switch s.Disclosure.Secondary.Value {
		case "rows":
		case "total":
			sec.SecondaryTotal = true
		default:
			p.Addf(s.Disclosure.Secondary.Pos, path+".disclosure.secondary", fault.ErrBadValue, "secondary %q is not rows or total", s.Disclosure.Secondary.Value)
		}
	}
	if checkExempt(p, pl, s, sec, path, sec.Subject >= 0) {
		return
	}
	// A misspelt join or disclosure key may be what would give the subject.
	if pl.Audience == "council" && sec.Subject < 0 && !sec.UnsureRows && !p.Meant["disclosure"] && !p.Meant[path+".disclosure"] {
		p.Addf(s.pos, path, fault.ErrDisclosure, "a council section needs the subject column %q to count persons (from its source, a join or a reconcile side), or `disclosure: {exempt: \"reason\"}`", pl.Subject)
	}
}

// checkExempt reads a section's exemption from disclosure control, for
// tables and reconciles alike: a reason of only spaces is no reason. It
// reports whether the section is exempt.
//
// In a council recipe an exemption is only for a section without the
// subject column (hasSubject false). A section whose rows carry it
// describes persons, and its figures, outside disclosure control, could be
// set against another section's shown rows: an exempt total minus the
// shown rows of a grouped table over the same rows is the withheld row.
func checkExempt(p *fault.Problems, pl *engine.Plan, s *Section, sec *engine.SectionPlan, path string, hasSubject bool) bool {
	if s.Disclosure == nil || !s.Disclosure.Exempt.Set() {
		return false
	}
	sec.Exempt = strings.TrimSpace(s.Disclosure.Exempt.Value)
	if sec.Exempt == "" {
		p.Addf(s.Disclosure.Exempt.Pos, path+".disclosure.exempt", fault.ErrDisclosure, "an exemption needs its reason")
	}
	if pl.Audience == "council" && hasSubject {
		p.Addf(s.Disclosure.Exempt.Pos, path+".disclosure.exempt", fault.ErrDisclosure,
			"the section's rows carry the subject column %q, and an exemption is only for a section without it: an exempt section's figures, set against another section's shown rows, can give a withheld figure away. Try: remove the exemption; the section's figures are then protected like the others", pl.Subject)
	}
	return true
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// written is what the engine shows of s in the recipe's own words.
func written(s *Section) *engine.Written {
	w := &engine.Written{Title: s.Title.Value, WhereText: s.WhereText.Value}
	for _, j := range s.Join {
		w.JoinOn = append(w.JoinOn, j.On.Values())
	}
	if s.Alert != nil {
		w.Alert = s.Alert.Value.Value
	}
	if s.Budget != nil {
		w.BudgetOn = s.Budget.On.Values()
	}
	if s.Reconcile != nil {
		w.ReconcileOn = s.Reconcile.On.Values()
	}
	for _, c := range s.Compute {
		w.Compute = append(w.Compute, engine.NamePos{Name: c.Name.Value, Pos: c.Name.Pos})
	}
	return w
}
