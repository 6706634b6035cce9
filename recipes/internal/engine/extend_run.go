package engine

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// addCompare appends, for each measure, the other period's figure and the
// change. Groups found only in the other period get a row of their own.
func (t *tableRun) addCompare(out *pack.Section, rows []*tableRow, total *tableRow, stats Reads, minCount int) []*tableRow {
	sec, prev := t.plan, t.prev
	prev.mergeTotal()
	for _, c := range sec.Compare.Cols {
		out.Columns = append(out.Columns, c.Name)
		out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: c.Name, Label: c.heading(sec), Type: c.Typ, Decimals: c.Decimals})
	}
	ng, nm := len(sec.Groups), len(sec.Measures)
	before := map[string]*tableRow{}
	var order []string
	prevGroups := prev.Order
	if ng == 0 {
		prevGroups = []*groupState{prev.total}
	}
	for _, g := range prevGroups {
		r := prev.groupRow(g, stats, minCount)
		before[r.key] = r
		order = append(order, r.key)
	}
	seen := map[string]bool{}
	extend := func(cur, old *tableRow) {
		for m := 0; m < nm; m++ {
			now, then := cur.cells[ng+m], zeroFor(&sec.Measures[m])
			if old != nil {
				then = old.cells[ng+m]
			}
			cur.cells = append(cur.cells, then, difference(now, then), relativeChange(now, then))
		}
		if old != nil {
			cur.rows += old.rows
			cur.prev = old.group
		}
	}
	for _, r := range rows {
		seen[r.key] = true
		extend(r, before[r.key])
	}
	for _, key := range order {
		if seen[key] {
			continue
		}
		old := before[key]
		cur := &tableRow{key: key, cells: make([]any, ng+nm+len(sec.Computes)), rows: old.rows, subjects: old.subjects}
		copy(cur.cells, old.cells[:ng])
		for m := range sec.Measures {
			cur.cells[ng+m] = zeroFor(&sec.Measures[m])
		}
		extend(cur, old)
		rows = append(rows, cur)
	}
	if total != nil {
		extend(total, prev.groupRow(prev.total, stats, minCount))
	}
	return rows
}

// heading is the column's label: the recipe's, else the extension's own.
func (c ExtraCol) heading(sec *SectionPlan) string {
	if l := sec.Labels[c.Name]; l != "" {
		return l
	}
	return c.Label
}

// zeroFor is a measure's value for a group with no rows: 0 for counts and
// sums (nothing happened), nil for the rest (there is nothing to average).
func zeroFor(m *MeasurePlan) any {
	switch {
	case m.Fn == AggCount || m.Fn == AggCountDistinct || m.Fn == AggSum && m.Typ == expr.TInteger:
		return int64(0)
	case m.Fn == AggSum:
		return 0.0
	}
	return nil
}

// difference is now − then for numbers; nil when either is missing.
func difference(now, then any) any {
	a, ok1 := now.(int64)
	b, ok2 := then.(int64)
	if ok1 && ok2 {
		return a - b
	}
	x, ok1 := ToFloat(now)
	y, ok2 := ToFloat(then)
	if !ok1 || !ok2 {
		return nil
	}
	return roundTo(x-y, 6)
}

// relativeChange is (now − then) ÷ then; nil when then is 0 or missing.
func relativeChange(now, then any) any {
	x, ok1 := ToFloat(now)
	y, ok2 := ToFloat(then)
	if !ok1 || !ok2 || y == 0 {
		return nil
	}
	return roundTo((x-y)/y, 4)
}

// addBudget appends the budget, the share of it spent, the forecasts, the
// variance and the over-budget flag to each row; the share of the year
// elapsed, the same on every row, is said once, in the budget's note. Budget lines
// with no spending get a row of their own; rows with no budget line keep
// an empty budget, and a reservation names them.
func (t *tableRun) addBudget(pl *Plan, out *pack.Section, rows []*tableRow, total *tableRow, stats Reads) ([]*tableRow, []pack.Footnote) {
	sec, bp := t.plan, t.plan.Budget
	w := WordsFor(pl.Locale)
	for _, c := range bp.Cols {
		out.Columns = append(out.Columns, c.Name)
		out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: c.Name, Label: c.heading(sec), Type: c.Typ, Decimals: c.Decimals})
	}
	ng := len(sec.Groups)
	width := len(out.Columns) - len(bp.Cols)
	keyOf := func(cells []any) string {
		ordered := make([]any, len(bp.On))
		for i, gi := range bp.On {
			ordered[i] = cells[gi]
		}
		return rowKey(ordered, len(ordered))
	}
	budgets := map[string]float64{}
	for _, g := range t.budgetRun.Order {
		if f, ok := ToFloat(g.aggs[0].result()); ok {
			budgets[rowKey(g.key, len(g.key))] = roundTo(f, 2)
		}
	}
	committed := map[string]float64{}
	committedGroups := map[string]*groupState{}
	if t.committedRun != nil {
		for _, g := range t.committedRun.Order {
			if f, ok := ToFloat(g.aggs[0].result()); ok {
				committed[rowKey(g.key, len(g.key))] = f
				committedGroups[rowKey(g.key, len(g.key))] = g
			}
		}
	}
	have := map[string]bool{}
	for _, r := range rows {
		have[keyOf(r.cells)] = true
	}
	for _, g := range t.budgetRun.Order {
		key := rowKey(g.key, len(g.key))
		if have[key] {
			continue
		}
		cells := make([]any, width)
		for i, gi := range bp.On {
			cells[gi] = cell(g.key[i])
		}
		for m := range sec.Measures {
			cells[ng+m] = zeroFor(&sec.Measures[m])
		}
		rows = append(rows, &tableRow{cells: cells, key: rowKey(cells, ng)})
	}
	share := float64(pl.Period.YearElapsedDays()) / float64(pl.Period.YearDays())
	var missing []string
	extend := func(r *tableRow, budget any, comm float64, hasCommitted bool) {
		spent, _ := ToFloat(r.cells[bp.Spent])
		forecast := roundTo(spent/share, 2)
		var spentShare any
		if b, ok := budget.(float64); ok && b != 0 {
			spentShare = roundTo(spent/b, 4)
		}
		r.cells = append(r.cells, budget, spentShare, forecast)
		worst := forecast
		if bp.Committed != nil {
			fc := roundTo(spent+comm, 2)
			r.cells = append(r.cells, fc)
			worst = max(worst, fc)
			if hasCommitted {
				forecast = fc
			}
		}
		b, ok := budget.(float64)
		if !ok {
			r.cells = append(r.cells, nil, nil)
			return
		}
		r.cells = append(r.cells, roundTo(b-forecast, 2), worst > b*(1+bp.Threshold))
	}
	var budgetTotal, committedTotal float64
	for _, r := range rows {
		key := keyOf(r.cells)
		var budget any
		if b, ok := budgets[key]; ok {
			budget = b
			budgetTotal += b
		} else {
			missing = append(missing, groupText(r.cells[:ng], pl.Locale))
		}
		c := committed[key]
		r.committed = committedGroups[key]
		committedTotal += c
		extend(r, budget, c, bp.Committed != nil)
	}
	if total != nil {
		var budget any
		if len(budgets) > 0 {
			budget = roundTo(budgetTotal, 2)
		}
		extend(total, budget, committedTotal, bp.Committed != nil)
	}
	loc := locale.For(pl.Locale)
	text := fmt.Sprintf(w.BudgetNote, loc.Percent(share, 1), w.num(int64(pl.Period.YearElapsedDays())), w.num(int64(pl.Period.YearDays())))
	if bp.Committed != nil {
		text += " " + w.CommittedNote
	}
	if bp.Threshold > 0 {
		text += fmt.Sprintf(w.BudgetThreshold, loc.Percent(bp.Threshold, 1))
	}
	notes := []pack.Footnote{{Kind: pack.FootnoteBudget, Text: text}}
	if len(missing) > 0 {
		slices.Sort(missing)
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteBudget, Column: "budget", Text: fmt.Sprintf(w.BudgetMissing, strings.Join(missing, ", "))})
	}
	return rows, notes
}

func groupText(cells []any, locale string) string {
	parts := make([]string, len(cells))
	text := categoryText(locale, pack.Column{Type: pack.TypeString})
	for i, c := range cells {
		parts[i] = text(c)
	}
	return strings.Join(parts, " / ")
}

// alertList is an internal alert section: one line per row over the
// threshold, largest first.
func (t *tableRun) alertList(pl *Plan, stats Reads, out pack.Section) pack.Section {
	sec, ap := t.plan, t.plan.Alert
	loc := locale.For(pl.Locale)
	w := WordsFor(pl.Locale)
	for _, i := range ap.Show {
		name := sec.Schema.Names[i]
		out.Columns = append(out.Columns, name)
		out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: name, Label: sec.Label(name), Type: PackType(sec.Schema.Types[i]), Group: true})
	}
	out.Columns = append(out.Columns, "value")
	out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: "value", Label: ap.Label, Type: pack.TypeNumber})
	slices.SortStableFunc(t.list, func(a, b []any) int {
		return cmp.Compare(b[len(b)-1].(float64), a[len(a)-1].(float64))
	})
	out.Rows = [][]any{}
	for _, r := range t.list {
		row := make([]any, len(r))
		for i, v := range r {
			row[i] = cell(v)
		}
		out.Rows = append(out.Rows, row)
	}
	out.Footnotes = sec.writtenNotes()
	out.Footnotes = append(out.Footnotes, pack.Footnote{Kind: pack.FootnoteFiltered, Text: fmt.Sprintf(w.AlertNote, loc.Number(ap.Threshold, 0))})
	out.Footnotes = append(out.Footnotes, sourceNotes(w, stats, t.sources()...)...)
	out.Steps = t.steps(pl, stats, &out)
	return out
}
