package engine

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// palette gives chart series their colours, in legend order: calm, print-
// safe and distinguishable; both renderers draw with these.
var palette = [...]string{"#1f5f8b", "#c8553d", "#4d8b31", "#8e6c8a", "#d4a017", "#5b7083", "#2a9d8f", "#9c6644"}

// tableRow is one row of a section's table with what disclosure control
// needs to know about it.
type tableRow struct {
	cells    []any
	key      string // the group values' canonical key
	subjects *idSet // nil without disclosure control
	rows     int64  // source rows behind the row (0: a row only a budget or earlier period has)
	// group, prev and committed are the groups behind the row in this
	// period, the period compared with, and a budget's committed grants
	// (nil where the row has none).
	group, prev, committed *groupState
}

// tableDraft is a table section with its figures, before disclosure
// control has decided what is withheld.
type tableDraft struct {
	run         *tableRun
	out         pack.Section
	rows        []*tableRow
	total       *tableRow
	budgetNotes []pack.Footnote
	// done is a finished section that needs no decision (an internal
	// alert's list).
	done *pack.Section
}

// draft turns a finished table run into its section's figures and order.
func (t *tableRun) draft(pl *Plan, stats Reads) *tableDraft {
	sec := t.plan
	out := pack.Section{ID: sec.ID, Title: strings.TrimSpace(sec.Written.Title), Kind: pack.KindTable, Suppressed: [][2]int{}}
	if sec.Alert != nil && sec.Alert.List {
		done := t.alertList(pl, stats, out)
		return &tableDraft{run: t, done: &done}
	}
	for _, g := range sec.Groups {
		name := sec.Schema.Names[g]
		out.Columns = append(out.Columns, name)
		typ := PackType(sec.Schema.Types[g])
		if sec.isMonth(g) {
			typ = pack.TypeMonth
		}
		out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: name, Label: sec.Label(name), Type: typ, Group: true})
	}
	for i := range sec.Measures {
		m := &sec.Measures[i]
		out.Columns = append(out.Columns, m.Name)
		out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: m.Name, Label: sec.Label(m.Name), Type: PackType(m.Typ), Decimals: min(t.measureDecimals(m, stats), 2)})
	}
	for _, c := range sec.Computes {
		out.Columns = append(out.Columns, c.Name)
		out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: c.Name, Label: sec.Label(c.Name), Type: PackType(c.Typ), Decimals: c.Decimals})
	}
	t.mergeTotal()
	groups := t.Order
	if len(sec.Groups) == 0 {
		groups = []*groupState{t.total}
	}
	rows := make([]*tableRow, len(groups))
	for i, g := range groups {
		rows[i] = t.groupRow(g, stats, pl.MinCount)
	}
	var total *tableRow
	if sec.Total && len(sec.Groups) > 0 {
		total = t.groupRow(t.total, stats, pl.MinCount)
		total.cells[0] = pack.TotalLabel
		for k := 1; k < len(sec.Groups); k++ {
			total.cells[k] = nil
		}
	}
	if sec.Compare != nil {
		rows = t.addCompare(&out, rows, total, stats, pl.MinCount)
	}
	d := &tableDraft{run: t}
	if sec.Budget != nil {
		rows, d.budgetNotes = t.addBudget(pl, &out, rows, total, stats)
	}
	slices.SortStableFunc(rows, func(a, b *tableRow) int {
		for _, k := range sec.OrderBy {
			c := readerOrder(a.cells[k.Col], b.cells[k.Col])
			if c != 0 && k.Desc && a.cells[k.Col] != nil && b.cells[k.Col] != nil {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return compareGroups(a, b, len(sec.Groups))
	})
	d.out, d.rows, d.total = out, rows, total
	return d
}

// compareGroups orders two rows by their group values, in natural order
// ("§ 85" before "§ 103"): the order of the table, its chart and, in a
// council pack, of the withheld rows placed after the shown ones.
func compareGroups(a, b *tableRow, n int) int {
	for k := range n {
		if c := readerOrder(a.cells[k], b.cells[k]); c != 0 {
			return c
		}
	}
	return 0
}

// withholding is what disclosure control decided for one section.
type withholding struct {
	rows   []bool // by draft row
	total  bool
	counts bool // the row counts of the steps and notes
	// further is set when a row is withheld to protect others.
	further bool
	// revealed holds the cells of withheld rows that are shown after all:
	// every other published figure works them out (disclosure.Result.Revealed).
	revealed map[*tableRow]map[int]bool
}

// finish withholds what disclosure control decided and writes the
// section's notes, steps and chart. Withheld rows never keep a place that
// their hidden figures gave them: where the order reads a figure, they
// follow the shown rows, in the order of their group values.
func (d *tableDraft) finish(pl *Plan, stats Reads, wh withholding) pack.Section {
	if d.done != nil {
		return *d.done
	}
	t, sec, out := d.run, d.run.plan, d.out
	rows := d.rows
	if wh.rows != nil && slices.ContainsFunc(sec.OrderBy, func(k OrderKey) bool { return k.Col >= len(sec.Groups) }) {
		type placed struct {
			row      *tableRow
			withheld bool
		}
		ps := make([]placed, len(rows))
		for i, r := range rows {
			ps[i] = placed{r, wh.rows[i]}
		}
		slices.SortStableFunc(ps, func(a, b placed) int {
			switch {
			case a.withheld && b.withheld:
				return compareGroups(a.row, b.row, len(sec.Groups))
			case a.withheld:
				return 1
			case b.withheld:
				return -1
			}
			return 0
		})
		rows = make([]*tableRow, len(ps))
		newRows := make([]bool, len(ps))
		for i, p := range ps {
			rows[i], newRows[i] = p.row, p.withheld
		}
		wh.rows = newRows
	}
	out.Rows = [][]any{}
	for _, r := range rows {
		out.Rows = append(out.Rows, r.cells)
	}
	if d.total != nil {
		out.Total = d.total.cells
	}
	// Budget lines are not about persons: a withheld row keeps its budget.
	// The share of it spent is a figure of the spending, and is withheld.
	public := map[int]bool{}
	if sec.Budget != nil {
		public[slices.Index(out.Columns, "budget")] = true
	}
	withhold := func(row int, r *tableRow) {
		for c := len(sec.Groups); c < len(out.Columns); c++ {
			if !public[c] && !wh.revealed[r][c] {
				out.Suppressed = append(out.Suppressed, [2]int{row, c})
			}
		}
	}
	for i, w := range wh.rows {
		if w {
			withhold(i, rows[i])
		}
	}
	if wh.total && out.Total != nil {
		withhold(len(out.Rows), d.total)
	}
	for _, rc := range out.Suppressed {
		if rc[0] < len(out.Rows) {
			out.Rows[rc[0]][rc[1]] = nil
		} else {
			out.Total[rc[1]] = nil
		}
	}
	t.disc = disclosureResult{cells: len(out.Suppressed), counts: wh.counts, totalNotEnough: sec.SecondaryTotal && wh.further}
	if over := slices.Index(out.Columns, "over_budget"); over >= 0 && sec.Budget != nil {
		for i, r := range out.Rows {
			if flag, _ := r[over].(bool); flag {
				out.Flagged = append(out.Flagged, i)
			}
		}
	}
	trimDecimals(&out, sec.Decimal)
	out.Chart = sec.chartData(&out, pl)
	out.Footnotes = append(t.footnotes(pl, stats, &out), d.budgetNotes...)
	out.Steps = t.steps(pl, stats, &out)
	return out
}

// groupRow computes one group's table row.
func (t *tableRun) groupRow(g *groupState, stats Reads, minCount int) *tableRow {
	r := &tableRow{cells: t.cells(g, stats), subjects: g.Subjects, rows: g.rows, group: g}
	r.key = rowKey(r.cells, len(t.plan.Groups))
	return r
}

// rowKey is the canonical key of a row's first n (group) cells.
func rowKey(cells []any, n int) string {
	var buf []byte
	for i := 0; i < n; i++ {
		if i > 0 {
			buf = append(buf, 0x1f)
		}
		buf = appendKey(buf, cells[i])
	}
	return string(buf)
}

// sameDecimals gives every sum of one source column the same decimals
// in every section of the pack, the most any of them needs: a day price
// total reads 336.205 in one table and 17.107,84 in another only if both
// need it; otherwise both read alike. runs holds, by section, the table
// run behind it (nil for other sections).
func sameDecimals(p *pack.Pack, runs []*tableRun) {
	type place struct{ sec, col int }
	byCol := map[ColRef][]place{}
	var order []ColRef
	for si, t := range runs {
		if t == nil {
			continue
		}
		ng := len(t.plan.Groups)
		for i, m := range t.plan.Measures {
			if _, fixed := t.plan.Decimal[m.Name]; fixed || m.Fn != AggSum || m.SrcCol == nil || m.Typ != expr.TNumber {
				continue
			}
			ref := *m.SrcCol
			if _, seen := byCol[ref]; !seen {
				order = append(order, ref)
			}
			byCol[ref] = append(byCol[ref], place{si, ng + i})
		}
	}
	for _, ref := range order {
		need := 0
		for _, pl := range byCol[ref] {
			need = max(need, p.Sections[pl.sec].ColumnInfo[pl.col].Decimals)
		}
		for _, pl := range byCol[ref] {
			s := &p.Sections[pl.sec]
			s.ColumnInfo[pl.col].Decimals = need
			if ch := s.Chart; ch != nil && slices.Contains(ch.Y, s.Columns[pl.col]) {
				ch.Decimals = max(ch.Decimals, need)
			}
		}
	}
}

// trimDecimals shows a number column with no more decimals than its shown
// values need: sums of prices written "3.155,00" read 182.700, not
// 182.700,00. Columns whose decimals the recipe sets keep them.
func trimDecimals(out *pack.Section, fixed map[string]int) {
	for c := range out.ColumnInfo {
		info := &out.ColumnInfo[c]
		if info.Type != pack.TypeNumber || info.Decimals == 0 {
			continue
		}
		if _, ok := fixed[info.Name]; ok {
			continue
		}
		need := 0
		cells := make([]any, 0, len(out.Rows)+1)
		for _, r := range out.Rows {
			cells = append(cells, r[c])
		}
		if out.Total != nil {
			cells = append(cells, out.Total[c])
		}
		for _, v := range cells {
			if f, ok := v.(float64); ok {
				need = max(need, decimalsNeeded(f, info.Decimals))
			}
		}
		info.Decimals = need
	}
}

// decimalsNeeded is how many of at most limit decimals v needs.
func decimalsNeeded(v float64, limit int) int {
	text := strconv.FormatFloat(roundTo(v, limit), 'f', -1, 64)
	if _, frac, ok := strings.Cut(text, "."); ok {
		return min(len(frac), limit)
	}
	return 0
}

// measureDecimals is the decimals a measure is written with: a sum of a
// number column keeps the most decimals written in that column.
func (t *tableRun) measureDecimals(m *MeasurePlan, stats Reads) int {
	if d, ok := m.SumDecimals(stats); ok {
		return d
	}
	if m.Fn == AggMin || m.Fn == AggMax {
		if m.SrcCol != nil && m.Typ == expr.TNumber {
			if st := stats[m.SrcCol.Src]; st != nil {
				return st.Decimals[m.SrcCol.Col]
			}
		}
	}
	return m.Decimals
}

// cells computes one group's row: group values, measures, computed columns.
func (t *tableRun) cells(g *groupState, stats Reads) []any {
	sec := t.plan
	row := make([]any, 0, len(sec.Groups)+len(sec.Measures)+len(sec.Computes))
	env := map[string]any{"period": t.env["period"]}
	for k, g2 := range sec.Groups {
		var v any
		if g.key != nil {
			v = g.key[k]
		}
		env[sec.Schema.Names[g2]] = v
		row = append(row, cell(v))
	}
	for i := range sec.Measures {
		m := &sec.Measures[i]
		v := g.aggs[i].result()
		if f, ok := v.(float64); ok {
			if m.Fn == AggSum {
				if d, ok := m.SumDecimals(stats); ok {
					v = roundTo(f, d)
				}
			} else if m.Fn == AggMean || m.Fn == AggMedian {
				env[m.Name] = f
				row = append(row, roundTo(f, m.Decimals))
				continue
			}
		}
		env[m.Name] = exprValue(v)
		row = append(row, cell(v))
	}
	for _, c := range sec.Computes {
		v, err := c.Expr.Run(env)
		if err != nil {
			v = nil
		}
		v = Normalize(v)
		if f, ok := v.(float64); ok {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				v = nil
			} else {
				env[c.Name] = f
				row = append(row, roundTo(f, c.Decimals))
				continue
			}
		}
		env[c.Name] = v
		row = append(row, cell(v))
	}
	return row
}

// exprValue is a measure's value as compute expressions see it.
func exprValue(v any) any {
	if n, ok := v.(int64); ok {
		return int(n)
	}
	return v
}

// cell is a value as the pack holds it.
func cell(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case time.Time:
		return x.Format("2006-01-02")
	}
	return v
}

// PackType is the pack's name for values of type t.
func PackType(t expr.Type) string {
	switch t {
	case expr.TNumber, expr.TAny:
		return pack.TypeNumber
	case expr.TInteger:
		return pack.TypeInteger
	case expr.TDate:
		return pack.TypeDate
	case expr.TBool:
		return pack.TypeBool
	}
	return pack.TypeString
}

// chartData resolves the chart to categories and series from the table.
func (sec *SectionPlan) chartData(out *pack.Section, pl *Plan) *pack.Chart {
	c := sec.Chart
	if c == nil {
		return nil
	}
	xi := slices.Index(out.Columns, c.X)
	ch := &pack.Chart{Type: c.Type, Title: strings.TrimSpace(c.Title), X: c.X, Y: c.Y, Series: c.Series, Categories: []string{}}
	if ch.Title == "" {
		ch.Title = out.Title
	}
	yi := make([]int, len(ch.Y))
	for i, y := range ch.Y {
		yi[i] = slices.Index(out.Columns, y)
	}
	ch.ValueType = out.ColumnInfo[yi[0]].Type
	for _, y := range yi {
		ch.Decimals = max(ch.Decimals, out.ColumnInfo[y].Decimals)
	}
	loc := categoryText(pl.Locale, out.ColumnInfo[xi])
	catIndex := map[string]int{}
	for _, row := range out.Rows {
		name := loc(row[xi])
		if _, ok := catIndex[name]; !ok {
			catIndex[name] = len(ch.Categories)
			ch.Categories = append(ch.Categories, name)
		}
	}
	value := func(row []any, col int) *float64 {
		if f, ok := ToFloat(row[col]); ok {
			return &f
		}
		return nil
	}
	if ch.Series == "" {
		for n, y := range yi {
			s := pack.Series{Name: out.ColumnInfo[y].Label, Color: palette[n%len(palette)], Values: make([]*float64, len(ch.Categories))}
			for _, row := range out.Rows {
				s.Values[catIndex[loc(row[xi])]] = value(row, y)
			}
			ch.Data = append(ch.Data, s)
		}
		return ch
	}
	si := slices.Index(out.Columns, ch.Series)
	seriesName := categoryText(pl.Locale, out.ColumnInfo[si])
	seriesIndex := map[string]int{}
	for _, row := range out.Rows {
		name := seriesName(row[si])
		n, ok := seriesIndex[name]
		if !ok {
			n = len(ch.Data)
			seriesIndex[name] = n
			ch.Data = append(ch.Data, pack.Series{Name: name, Color: palette[n%len(palette)], Values: make([]*float64, len(ch.Categories))})
		}
		ch.Data[n].Values[catIndex[loc(row[xi])]] = value(row, yi[0])
	}
	slices.SortStableFunc(ch.Data, func(a, b pack.Series) int { return naturalCompare(a.Name, b.Name) })
	for n := range ch.Data {
		ch.Data[n].Color = palette[n%len(palette)]
	}
	return ch
}

// categoryText names a chart's category or series, or a group in a note,
// as its column shows it ("okt. 2026" for a month); an empty value is
// "(tom)" / "(empty)".
func categoryText(lang string, col pack.Column) func(v any) string {
	l := locale.For(lang)
	return func(v any) string {
		if v == nil {
			return l.Labels.Empty
		}
		return pack.Format(l, col, v, pack.Reader)
	}
}

// isMonth reports whether schema column col is derived as month(...):
// its values are "YYYY-MM", shown as months.
func (sec *SectionPlan) isMonth(col int) bool {
	for _, d := range sec.Derives {
		if d.Idx == col {
			src := strings.TrimSpace(d.Expr.Text)
			return strings.HasPrefix(src, "month(") && strings.HasSuffix(src, ")") && strings.Count(src, "(") == 1
		}
	}
	return false
}
