package recipes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mipack/mipack/render/pack"
)

// extraCol is a column a section extension adds after the computed columns.
type extraCol struct {
	name, label, typ string
	decimals         int
}

// comparePlan adds, for each measure, its figure for another period and
// the change, absolute and in per cent.
type comparePlan struct {
	kind   string // previous_period or same_period_last_year
	period Period
	cols   []extraCol
}

func checkCompare(p *problems, pl *Plan, s *Section, sec *sectionPlan, path string, out []string) []string {
	if !s.Compare.Set() || s.Compare.Value == "" {
		return out
	}
	w := wordsFor(pl.Locale)
	cp := &comparePlan{kind: s.Compare.Value}
	var other string
	switch s.Compare.Value {
	case "previous_period":
		cp.period, other = pl.Period.Previous(), w.previousPeriod
	case "same_period_last_year":
		cp.period, other = pl.Period.SameLastYear(), w.lastYear
	default:
		kinds := []string{"previous_period", "same_period_last_year"}
		p.addf(s.Compare.Pos, path+".compare", ErrBadValue, "compare %q is not previous_period or same_period_last_year%s", s.Compare.Value, hintFor(s.Compare.Value, kinds))
		return out
	}
	for _, m := range sec.measures {
		typ := packType(m.typ)
		label := sec.label(m.name)
		cp.cols = append(cp.cols,
			extraCol{name: m.name + "_prev", label: fmt.Sprintf("%s (%s)", label, other), typ: typ, decimals: m.decimals},
			extraCol{name: m.name + "_change", label: fmt.Sprintf(w.change, label), typ: typ, decimals: m.decimals},
			extraCol{name: m.name + "_change_pct", label: fmt.Sprintf(w.changePct, label), typ: pack.TypePercent, decimals: 1},
		)
	}
	sec.compare = cp
	for _, c := range cp.cols {
		out = append(out, c.name)
	}
	return out
}

// budgetPlan compares spending with a budget read from another source.
type budgetPlan struct {
	budget    *sectionPlan // hidden: sum of the budget per key
	committed *sectionPlan // hidden: committed cost per key, or nil
	on        []int        // output columns (group columns) of the key, in budget order
	spent     int          // output column of the spending so far
	threshold float64
	cols      []extraCol
}

func checkBudget(p *problems, pl *Plan, sources map[string]*sourcePlan, s *Section, sec *sectionPlan, path string, out []string) []string {
	b := s.Budget
	if b == nil {
		return out
	}
	bpath := path + ".budget"
	w := wordsFor(pl.Locale)
	bp := &budgetPlan{spent: -1}
	src := lookupSource(p, sources, b.Source, bpath+".source")
	if src == nil {
		return out
	}
	if len(b.On) == 0 {
		p.addf(b.Source.Pos, bpath+".on", ErrMissing, "budget names no key: add `on: [<group_by column>]`")
		return out
	}
	groupNames := out[:len(sec.groups)]
	if len(b.On) != len(groupNames) {
		p.addf(b.On[0].Pos, bpath+".on", ErrBadValue, "budget on %v must name every group_by column (%s), so each row meets one budget line", b.On.Values(), strings.Join(groupNames, ", "))
	}
	hidden := &sectionPlan{id: sec.id + ".budget", spec: s, from: src, hidden: true, subject: -1}
	for _, c := range src.cols {
		hidden.schema.add(c.name, c.typ, &colRef{src, src.col(c.name)}, "", c.name)
	}
	ok := true
	for _, k := range b.On {
		gi := indexOf(groupNames, k.Value)
		if gi < 0 {
			p.addf(k.Pos, bpath+".on", ErrUnknownColumn, "%q is not a group_by column%s", k.Value, hintFor(k.Value, groupNames))
			ok = false
		}
		bi := src.needCol(p, k, bpath+".on")
		ok = ok && bi >= 0
		bp.on = append(bp.on, gi)
		hidden.groups = append(hidden.groups, bi)
	}
	vi := src.needCol(p, b.Value, bpath+".value")
	switch {
	case vi < 0:
		ok = false
	case src.cols[vi].typ != tNumber && src.cols[vi].typ != tInteger:
		p.addf(b.Value.Pos, bpath+".value", ErrBadValue, "the budget column %q must be a number", b.Value.Value)
		ok = false
	}
	if !ok {
		return out
	}
	hidden.measures = []measurePlan{{name: "budget", fn: "sum", col: vi, typ: tNumber, srcCol: &colRef{src, vi}}}
	bp.budget = hidden
	for i, m := range sec.measures {
		if b.Spent.Set() && m.name == b.Spent.Value || !b.Spent.Set() && m.fn == "sum" && bp.spent < 0 {
			bp.spent = len(sec.groups) + i
		}
	}
	if bp.spent < 0 {
		pos := b.Source.Pos
		if b.Spent.Set() {
			pos = b.Spent.Pos
		}
		p.addf(pos, bpath+".spent", ErrUnknownColumn, "name the measure that holds the spending so far (a sum() measure)%s", hintFor(b.Spent.Value, out[len(sec.groups):]))
		return out
	}
	if b.Threshold.Set() {
		t, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(b.Threshold.Value), "%"), 64)
		if strings.HasSuffix(strings.TrimSpace(b.Threshold.Value), "%") {
			t /= 100
		}
		if err != nil || t < 0 {
			p.addf(b.Threshold.Pos, bpath+".threshold", ErrBadValue, "threshold %q is not a share such as 0.05 (or 5%%)", b.Threshold.Value)
		}
		bp.threshold = t
	}
	bp.cols = []extraCol{
		{name: "budget", label: w.budget, typ: pack.TypeNumber},
		{name: "spent_share", label: w.spentShare, typ: pack.TypePercent, decimals: 1},
		{name: "forecast", label: w.forecast, typ: pack.TypeNumber},
	}
	if c := b.Committed; c != nil {
		bp.committed = checkCommitted(p, pl, sources, c, sec, bp, bpath+".committed")
		bp.cols = append(bp.cols, extraCol{name: "forecast_committed", label: w.forecastCommitted, typ: pack.TypeNumber})
	}
	bp.cols = append(bp.cols,
		extraCol{name: "variance", label: w.variance, typ: pack.TypeNumber},
		extraCol{name: "over_budget", label: w.overBudget, typ: pack.TypeBool},
	)
	sec.budget = bp
	for _, c := range bp.cols {
		out = append(out, c.name)
	}
	return out
}

func checkCommitted(p *problems, pl *Plan, sources map[string]*sourcePlan, c *Committed, sec *sectionPlan, bp *budgetPlan, path string) *sectionPlan {
	src := lookupSource(p, sources, c.Source, path+".source")
	if src == nil {
		return nil
	}
	hidden := &sectionPlan{id: sec.id + ".committed", spec: sec.spec, from: src, hidden: true, subject: -1}
	for _, col := range src.cols {
		hidden.schema.add(col.name, col.typ, &colRef{src, src.col(col.name)}, "", col.name)
	}
	// The committed grants are persons' grants: under disclosure control
	// their persons are counted, so that a forecast built on one grant is
	// withheld with its row.
	hidden.subject = hidden.schema.index(pl.Subject)
	on := c.On
	if len(on) == 0 {
		on = sec.spec.Budget.On
	}
	for _, k := range on {
		i := src.needCol(p, k, path+".on")
		if i < 0 {
			return nil
		}
		hidden.groups = append(hidden.groups, i)
	}
	want := []struct {
		key Str
		typ valType
		def string
	}{{c.CostPerDay, tNumber, "cost_per_day"}, {c.Start, tDate, "start"}, {c.End, tDate, "end"}}
	names := make([]string, len(want))
	for i, w := range want {
		names[i] = w.key.Value
		if !w.key.Set() {
			names[i] = w.def
		}
		ci := src.col(names[i])
		if ci < 0 {
			p.addf(c.Source.Pos, path+"."+w.def, ErrUnknownColumn, "source %q has no column %q%s; name it with `%s:`", src.name, names[i], hintFor(names[i], src.colNames()), w.def)
			return nil
		}
		if src.cols[ci].typ != w.typ {
			p.addf(c.Source.Pos, path+"."+w.def, ErrBadValue, "column %q must be a %s", names[i], w.typ)
			return nil
		}
	}
	env := hidden.schema.typeEnv(pl.Period)
	if c.Where.Set() && strings.TrimSpace(c.Where.Value) != "" {
		hidden.where = compileExpr(p, path+".where", c.Where, env, hidden.schema.visible(), exprAsBool())
	}
	cost := Str{Value: fmt.Sprintf("%s * days_left(%s, %s)", names[0], names[1], names[2]), Pos: c.Source.Pos, set: true}
	d := compileExpr(p, path, cost, env, hidden.schema.visible())
	if d == nil {
		return nil
	}
	idx := hidden.schema.add("committed", tNumber, nil, "", "committed")
	hidden.derives = []derivePlan{{name: "committed", expr: d, idx: idx}}
	hidden.measures = []measurePlan{{name: "committed", fn: "sum", col: idx, typ: tNumber, decimals: 2}}
	return hidden
}

// alertPlan lists or counts the rows whose value exceeds a threshold.
type alertPlan struct {
	value     int // schema index of the derived value
	threshold float64
	list      bool  // internal: one line per row
	show      []int // schema indexes shown per row (list only)
	label     string
}

func checkAlert(p *problems, pl *Plan, s *Section, sec *sectionPlan, path string) {
	a := s.Alert
	apath := path + ".alert"
	if len(s.Measures) > 0 || len(s.Compute) > 0 || s.Budget != nil || s.Compare.Set() {
		p.addf(s.pos, apath, ErrBadValue, "an alert section takes no measures, compute, budget or compare: it lists (or, for a council, counts) the rows over the threshold")
	}
	ap := &alertPlan{list: pl.Audience != "council", label: a.Label.Value}
	if ap.label == "" {
		ap.label = wordsFor(pl.Locale).alertValue
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(a.Threshold.Value), 64)
	if err != nil {
		p.addf(a.Threshold.Pos, apath+".threshold", ErrBadValue, "threshold %q is not a number such as 1000000", a.Threshold.Value)
	}
	ap.threshold = t
	env := sec.schema.typeEnv(pl.Period)
	for _, d := range sec.derives {
		env[d.name] = sec.schema.types[d.idx].zero()
	}
	if !a.Value.Set() {
		p.addf(s.pos, apath+".value", ErrMissing, "an alert needs `value:`, an expression such as cost_per_day * 365")
		return
	}
	v := compileExpr(p, apath+".value", a.Value, env, sec.schema.visible())
	if v == nil {
		return
	}
	ap.value = sec.schema.add("value", tNumber, nil, "", "value")
	sec.derives = append(sec.derives, derivePlan{name: "value", expr: v, idx: ap.value})
	if ap.list {
		show := a.Show
		if len(show) == 0 {
			// One recipe makes both audiences' packs: an internal list
			// shows, by default, the columns a council pack groups by.
			show = s.GroupBy
		}
		for _, c := range show {
			i := sec.schema.index(c.Value)
			if i < 0 {
				p.addf(c.Pos, apath+".show", ErrUnknownColumn, "unknown column %q%s", c.Value, hintFor(c.Value, sec.schema.visible()))
				continue
			}
			ap.show = append(ap.show, i)
		}
	} else {
		sec.measures = append(sec.measures,
			measurePlan{name: "rows", fn: "count", col: -1, typ: tInteger},
			measurePlan{name: "value", fn: "sum", col: ap.value, typ: tNumber, decimals: 0})
		sec.labels["rows"] = wordsFor(pl.Locale).alertRows
		sec.labels["value"] = ap.label
	}
	sec.alert = ap
}

// alertColumns adds an alert's own columns to the names order_by and
// chart may use.
func alertColumns(sec *sectionPlan, out []string) []string {
	if sec.alert == nil {
		return out
	}
	if !sec.alert.list {
		return append(out, "rows", "value")
	}
	out = out[:0:0]
	for _, i := range sec.alert.show {
		out = append(out, sec.schema.names[i])
	}
	return append(out, "value")
}
