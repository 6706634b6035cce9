package recipes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
	"github.com/mipack/mipack/render/pack"
)

func checkCompare(p *fault.Problems, pl *engine.Plan, s *Section, sec *engine.SectionPlan, path string, out []string) []string {
	if !s.Compare.Set() || s.Compare.Value == "" {
		return out
	}
	w := engine.WordsFor(pl.Locale)
	cp := &engine.ComparePlan{Kind: s.Compare.Value}
	var other string
	switch s.Compare.Value {
	case "previous_period":
		cp.Period, other = pl.Period.Previous(), w.PreviousPeriod
	case "same_period_last_year":
		cp.Period, other = pl.Period.SameLastYear(), w.LastYear
	default:
		kinds := []string{"previous_period", "same_period_last_year"}
		p.Addf(s.Compare.Pos, path+".compare", fault.ErrBadValue, "compare %q is not previous_period or same_period_last_year%s", s.Compare.Value, engine.HintFor(s.Compare.Value, kinds))
		return out
	}
	for _, m := range sec.Measures {
		typ := engine.PackType(m.Typ)
		label := sec.Label(m.Name)
		cp.Cols = append(cp.Cols,
			engine.ExtraCol{Name: m.Name + "_prev", Label: fmt.Sprintf("%s (%s)", label, other), Typ: typ, Decimals: m.Decimals},
			engine.ExtraCol{Name: m.Name + "_change", Label: fmt.Sprintf(w.Change, label), Typ: typ, Decimals: m.Decimals},
			engine.ExtraCol{Name: m.Name + "_change_pct", Label: fmt.Sprintf(w.ChangePct, label), Typ: pack.TypePercent, Decimals: 1},
		)
	}
	sec.Compare = cp
	for _, c := range cp.Cols {
		out = append(out, c.Name)
	}
	return out
}

func checkBudget(p *fault.Problems, pl *engine.Plan, sources map[string]*engine.SourcePlan, s *Section, sec *engine.SectionPlan, path string, out []string) []string {
	b := s.Budget
	if b == nil {
		return out
	}
	bpath := path + ".budget"
	w := engine.WordsFor(pl.Locale)
	bp := &engine.BudgetPlan{Spent: -1}
	src := lookupSource(p, sources, b.Source, bpath+".source")
	if src == nil {
		return out
	}
	if len(b.On) == 0 {
		p.Addf(b.Source.Pos, bpath+".on", fault.ErrMissing, "budget names no key: add `on: [<group_by column>]`")
		return out
	}
	groupNames := out[:len(sec.Groups)]
	if len(b.On) != len(groupNames) {
		p.Addf(b.On[0].Pos, bpath+".on", fault.ErrBadValue, "budget on %v must name every group_by column (%s), so each row meets one budget line", b.On.Values(), strings.Join(groupNames, ", "))
	}
	hidden := &engine.SectionPlan{ID: sec.ID + ".budget", Written: written(s), From: src, Hidden: true, Subject: -1}
	for _, c := range src.Cols {
		hidden.Schema.Add(c.Name, c.Typ, &engine.ColRef{Src: src, Col: src.Col(c.Name)}, "", c.Name)
	}
	ok := true
	for _, k := range b.On {
		gi := engine.IndexOf(groupNames, k.Value)
		if gi < 0 {
			p.Addf(k.Pos, bpath+".on", fault.ErrUnknownColumn, "%q is not a group_by column%s", k.Value, engine.HintFor(k.Value, groupNames))
			ok = false
		}
		bi := needCol(p, src, k, bpath+".on")
		ok = ok && bi >= 0
		bp.On = append(bp.On, gi)
		hidden.Groups = append(hidden.Groups, bi)
	}
	vi := needCol(p, src, b.Value, bpath+".value")
	switch {
	case vi < 0:
		ok = false
	case src.Cols[vi].Typ != expr.TNumber && src.Cols[vi].Typ != expr.TInteger:
		p.Addf(b.Value.Pos, bpath+".value", fault.ErrBadValue, "the budget column %q must be a number", b.Value.Value)
		ok = false
	}
	if !ok {
		return out
	}
	hidden.Measures = []engine.MeasurePlan{{Name: "budget", Fn: engine.AggSum, Col: vi, Typ: expr.TNumber, SrcCol: &engine.ColRef{Src: src, Col: vi}}}
	bp.Budget = hidden
	for i, m := range sec.Measures {
		if b.Spent.Set() && m.Name == b.Spent.Value || !b.Spent.Set() && m.Fn == engine.AggSum && bp.Spent < 0 {
			bp.Spent = len(sec.Groups) + i
		}
	}
	if bp.Spent < 0 {
		pos := b.Source.Pos
		if b.Spent.Set() {
			pos = b.Spent.Pos
		}
		p.Addf(pos, bpath+".spent", fault.ErrUnknownColumn, "name the measure that holds the spending so far (a sum() measure)%s", engine.HintFor(b.Spent.Value, out[len(sec.Groups):]))
		return out
	}
	if b.Threshold.Set() {
		t, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(b.Threshold.Value), "%"), 64)
		if strings.HasSuffix(strings.TrimSpace(b.Threshold.Value), "%") {
			t /= 100
		}
		if err != nil || t < 0 {
			p.Addf(b.Threshold.Pos, bpath+".threshold", fault.ErrBadValue, "threshold %q is not a share such as 0.05 (or 5%%)", b.Threshold.Value)
		}
		bp.Threshold = t
	}
	bp.Cols = []engine.ExtraCol{
		{Name: "budget", Label: w.Budget, Typ: pack.TypeNumber},
		{Name: "spent_share", Label: w.SpentShare, Typ: pack.TypePercent, Decimals: 1},
		{Name: "forecast", Label: w.Forecast, Typ: pack.TypeNumber},
	}
	if c := b.Committed; c != nil {
		bp.Committed = checkCommitted(p, pl, sources, c, s.Budget.On, sec, bp, bpath+".committed")
		bp.Cols = append(bp.Cols, engine.ExtraCol{Name: "forecast_committed", Label: w.ForecastCommitted, Typ: pack.TypeNumber})
	}
	bp.Cols = append(bp.Cols,
		engine.ExtraCol{Name: "variance", Label: w.Variance, Typ: pack.TypeNumber},
		engine.ExtraCol{Name: "over_budget", Label: w.OverBudget, Typ: pack.TypeBool},
	)
	sec.Budget = bp
	for _, c := range bp.Cols {
		out = append(out, c.Name)
	}
	return out
}

func checkCommitted(p *fault.Problems, pl *engine.Plan, sources map[string]*engine.SourcePlan, c *Committed, budgetOn StrList, sec *engine.SectionPlan, bp *engine.BudgetPlan, path string) *engine.SectionPlan {
	src := lookupSource(p, sources, c.Source, path+".source")
	if src == nil {
		return nil
	}
	hidden := &engine.SectionPlan{ID: sec.ID + ".committed", Written: sec.Written, From: src, Hidden: true, Subject: -1}
	for _, col := range src.Cols {
		hidden.Schema.Add(col.Name, col.Typ, &engine.ColRef{Src: src, Col: src.Col(col.Name)}, "", col.Name)
	}
	// The committed grants are persons' grants: under disclosure control
	// their persons are counted, so that a forecast built on one grant is
	// withheld with its row.
	hidden.Subject = hidden.Schema.Index(pl.Subject)
	on := c.On
	if len(on) == 0 {
		on = budgetOn
	}
	for _, k := range on {
		i := needCol(p, src, k, path+".on")
		if i < 0 {
			return nil
		}
		hidden.Groups = append(hidden.Groups, i)
	}
	want := []struct {
		key Str
		typ expr.Type
		def string
	}{{c.CostPerDay, expr.TNumber, "cost_per_day"}, {c.Start, expr.TDate, "start"}, {c.End, expr.TDate, "end"}}
	names := make([]string, len(want))
	for i, w := range want {
		names[i] = w.key.Value
		if !w.key.Set() {
			names[i] = w.def
		}
		ci := src.Col(names[i])
		if ci < 0 {
			p.Addf(c.Source.Pos, path+"."+w.def, fault.ErrUnknownColumn, "source %q has no column %q%s; name it with `%s:`", src.Name, names[i], engine.HintFor(names[i], src.ColNames()), w.def)
			return nil
		}
		if src.Cols[ci].Typ != w.typ {
			p.Addf(c.Source.Pos, path+"."+w.def, fault.ErrBadValue, "column %q must be a %s", names[i], w.typ)
			return nil
		}
	}
	env := hidden.Schema.TypeEnv(pl.Period)
	if c.Where.Set() && strings.TrimSpace(c.Where.Value) != "" {
		hidden.Where = compileExpr(p, path+".where", c.Where, env, hidden.Schema.Visible(), expr.AsBool())
	}
	cost := Str{Value: fmt.Sprintf("%s * days_left(%s, %s)", names[0], names[1], names[2]), Pos: c.Source.Pos, set: true}
	d := compileExpr(p, path, cost, env, hidden.Schema.Visible())
	if d == nil {
		return nil
	}
	idx := hidden.Schema.Add("committed", expr.TNumber, nil, "", "committed")
	hidden.Derives = []engine.DerivePlan{{Name: "committed", Expr: d, Idx: idx}}
	hidden.Measures = []engine.MeasurePlan{{Name: "committed", Fn: engine.AggSum, Col: idx, Typ: expr.TNumber, Decimals: 2}}
	return hidden
}

func checkAlert(p *fault.Problems, pl *engine.Plan, s *Section, sec *engine.SectionPlan, path string) {
	a := s.Alert
	apath := path + ".alert"
	if len(s.Measures) > 0 || len(s.Compute) > 0 || s.Budget != nil || s.Compare.Set() {
		p.Addf(s.pos, apath, fault.ErrBadValue, "an alert section takes no measures, compute, budget or compare: it lists (or, for a council, counts) the rows over the threshold")
	}
	ap := &engine.AlertPlan{List: pl.Audience != "council", Label: a.Label.Value}
	if ap.Label == "" {
		ap.Label = engine.WordsFor(pl.Locale).AlertValue
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(a.Threshold.Value), 64)
	if err != nil {
		p.Addf(a.Threshold.Pos, apath+".threshold", fault.ErrBadValue, "threshold %q is not a number such as 1000000", a.Threshold.Value)
	}
	ap.Threshold = t
	env := sec.Schema.TypeEnv(pl.Period)
	for _, d := range sec.Derives {
		env[d.Name] = sec.Schema.Types[d.Idx].Zero()
	}
	if !a.Value.Set() {
		p.Addf(s.pos, apath+".value", fault.ErrMissing, "an alert needs `value:`, an expression such as cost_per_day * 365")
		return
	}
	v := compileExpr(p, apath+".value", a.Value, env, sec.Schema.Visible())
	if v == nil {
		return
	}
	ap.Value = sec.Schema.Add("value", expr.TNumber, nil, "", "value")
	sec.Derives = append(sec.Derives, engine.DerivePlan{Name: "value", Expr: v, Idx: ap.Value})
	if ap.List {
		show := a.Show
		if len(show) == 0 {
			// One recipe makes both audiences' packs: an internal list
			// shows, by default, the columns a council pack groups by.
			show = s.GroupBy
		}
		for _, c := range show {
			i := sec.Schema.Index(c.Value)
			if i < 0 {
				p.Addf(c.Pos, apath+".show", fault.ErrUnknownColumn, "unknown column %q%s", c.Value, engine.HintFor(c.Value, sec.Schema.Visible()))
				continue
			}
			ap.Show = append(ap.Show, i)
		}
	} else {
		sec.Measures = append(sec.Measures,
			engine.MeasurePlan{Name: "rows", Fn: engine.AggCount, Col: -1, Typ: expr.TInteger},
			engine.MeasurePlan{Name: "value", Fn: engine.AggSum, Col: ap.Value, Typ: expr.TNumber, Decimals: 0})
		sec.Labels["rows"] = engine.WordsFor(pl.Locale).AlertRows
		sec.Labels["value"] = ap.Label
	}
	sec.Alert = ap
}

// alertColumns adds an alert's own columns to the names order_by and
// chart may use.
func alertColumns(sec *engine.SectionPlan, out []string) []string {
	if sec.Alert == nil {
		return out
	}
	if !sec.Alert.List {
		return append(out, "rows", "value")
	}
	out = out[:0:0]
	for _, i := range sec.Alert.Show {
		out = append(out, sec.Schema.Names[i])
	}
	return append(out, "value")
}
