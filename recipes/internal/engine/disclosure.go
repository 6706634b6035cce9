package engine

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/mipack/mipack/recipes/disclosure"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/render/pack"
)

// disclosureResult says what disclosure control withheld in one section.
type disclosureResult struct {
	cells  int  // cells withheld
	counts bool // the row counts of its steps and notes are withheld
	// totalNotEnough is set where the recipe asked to withhold the total
	// instead of further rows (secondary: total) and rows went too.
	totalNotEnough bool
}

// protector writes every figure a council pack would publish as one
// disclosure.Problem — table cells and totals of every section, the
// period compared with, a budget's committed grants, the row counts of
// steps and notes, each extract's rows read — asks package disclosure
// what to withhold, and hands each section its part. Deciding is the
// disclosure package's job alone; this file only describes the pack.
type protector struct {
	pl    *Plan
	stats Reads
	prob  disclosure.Problem
	atoms map[*tableRun]atomRef
	// recAtoms places a reconcile's side read after the other in that
	// scan's atoms (its classes are among the scan's fates).
	recAtoms map[*reconcileRun]atomRef
	// vars holds the quantities already made: per atom source by key
	// ("rows" or a sum's key), and local ones by run and measure.
	vars  map[*atomSource]map[string]int
	local map[string]int
	// reads holds the unit of each scan's rows read.
	reads map[*atomSource]int
	// places says, by cell, which table row and column a cell is (row nil
	// for cells that are no single table cell); place is the current one.
	places []cellPlace
	place  cellPlace
	// before holds the previous pack's withheld rows: section → row keys,
	// "" for its total.
	before map[string]map[rowName]bool
}

// cellPlace is a problem cell's place in a table.
type cellPlace struct {
	row *tableRow
	col int
}

// atomRef places a run in the atoms of the scan that fed it.
type atomRef struct {
	as *atomSource
	k  int
}

// sectionUnits are the units of one section, by draft row.
type sectionUnits struct {
	rows          []int
	total, counts int // -1 where there is none
}

func newProtector(pl *Plan, stats Reads, atoms map[*tableRun]atomRef, previous *pack.Pack) *protector {
	p := &protector{pl: pl, stats: stats, atoms: atoms, vars: map[*atomSource]map[string]int{}, local: map[string]int{}, reads: map[*atomSource]int{}, before: map[string]map[rowName]bool{}}
	if previous != nil {
		for _, s := range previous.Sections {
			ng := 0
			for _, c := range s.ColumnInfo {
				if c.Group {
					ng++
				}
			}
			keys := map[rowName]bool{}
			for _, rc := range s.Suppressed {
				switch {
				case rc[0] < len(s.Rows):
					keys[groupKey(s.Rows[rc[0]], ng)] = true
				case rc[0] == len(s.Rows):
					keys[rowName{total: true}] = true
				}
			}
			p.before[s.ID] = keys
		}
	}
	return p
}

// rowName names a section's row by its group values, alike in this pack
// and in a pack read back from its JSON, or names the section's total.
type rowName struct {
	total bool
	// groups are the texts of the row's first group values (fmt.Sprint),
	// each quoted as Go quotes a string (strconv.Quote) and written back
	// to back: a quoted text ends at its first unescaped '"', so no text,
	// whatever it holds, runs into the next.
	groups string
}

// groupKey names a row by its first n group values.
func groupKey(cells []any, n int) rowName {
	var b []byte
	for i := 0; i < n && i < len(cells); i++ {
		b = strconv.AppendQuote(b, fmt.Sprint(cells[i]))
	}
	return rowName{groups: string(b)}
}

func (p *protector) unit(name string, primary disclosure.Reason, rank int, cost float64, subjects ...*idSet) int {
	u := disclosure.Unit{Name: name, Primary: primary, Rank: rank, Cost: cost}
	u.Subjects = p.someSubjects(subjects)
	p.prob.Units = append(p.prob.Units, u)
	return len(p.prob.Units) - 1
}

// someSubjects lists, sorted, the min_count smallest ids of the union of
// the sets (all of them where there are fewer): enough for disclosure
// control, which reads a unit's subjects only to tell whether withheld
// units together describe fewer than min_count persons. If any unit among
// them has min_count subjects, its list alone holds min_count distinct ids,
// so the union of the lists reaches min_count as the union of the sets
// does; if none has, the lists are the whole sets. A row of a thousand
// citizens then costs min_count ids, not a thousand
// (TestSomeSubjects holds this to the whole sets).
func (p *protector) someSubjects(sets []*idSet) []uint32 {
	limit := max(p.pl.MinCount, 1)
	var out []uint32
	for _, s := range sets {
		taken := 0
		s.members(func(id uint32) bool {
			out = append(out, id)
			taken++
			return taken < limit
		})
	}
	slices.Sort(out)
	out = slices.Compact(out)
	return out[:min(len(out), limit)]
}

// rowSubjects are the subject sets behind a row in every period it shows.
func rowSubjects(r *tableRow) []*idSet {
	var out []*idSet
	for _, g := range []*groupState{r.group, r.prev, r.committed} {
		if g != nil {
			out = append(out, g.Subjects)
		}
	}
	return out
}

// cell adds c to the problem, at the table cell p.place.
func (p *protector) cell(c disclosure.Cell) {
	p.prob.Cells = append(p.prob.Cells, c)
	p.places = append(p.places, p.place)
}

// revealed maps the cells disclosure control shows after all to their
// table rows and columns.
func (p *protector) revealed(res disclosure.Result) map[*tableRow]map[int]bool {
	out := map[*tableRow]map[int]bool{}
	for _, ci := range res.Revealed {
		pl := p.places[ci]
		if pl.row == nil {
			continue
		}
		if out[pl.row] == nil {
			out[pl.row] = map[int]bool{}
		}
		out[pl.row][pl.col] = true
	}
	return out
}

// sourceVar is the quantity key ("rows" or a sum's key) over a scan's atoms.
func (p *protector) sourceVar(as *atomSource, key string) int {
	m := p.scanVars(as)
	if v, ok := m[key]; ok {
		return v
	}
	v := disclosure.Var{Name: key, Atoms: as.rows, NonNegative: true, Step: 1}
	if as.subjectOf != nil {
		v.Subjects = &as.subjects
	}
	if key != "rows" {
		s := as.sums[as.sumIdx[key]]
		v.Atoms, v.NonNegative = s.sums, !s.negative
		v.Subjects = nil
		if as.subjectOf != nil {
			v.Subjects = &s.subjects
		}
	}
	p.prob.Vars = append(p.prob.Vars, v)
	m[key] = len(p.prob.Vars) - 1
	if _, ok := p.reads[as]; !ok {
		// Every extract's rows read are published in its provenance and
		// the read steps; they are the last thing withheld.
		u := len(p.prob.Units)
		p.reads[as] = u
		p.prob.Units = append(p.prob.Units, disclosure.Unit{Name: fmt.Sprintf("the rows read of %s", as.src.Name), Rank: 3})
		all := make([]int, len(as.rows))
		total := 0.0
		for a, n := range as.rows {
			all[a], total = a, total+n
		}
		p.cell(disclosure.Cell{Unit: u, Var: p.sourceVar(as, "rows"), Atoms: all, Value: total, Name: "rows read"})
	}
	return m[key]
}

// scanVars are the quantities made over a scan's atoms, by key.
func (p *protector) scanVars(as *atomSource) map[string]int {
	if p.vars[as] == nil {
		p.vars[as] = map[string]int{}
	}
	return p.vars[as]
}

// personsVar is the count of distinct subjects over a scan's atoms: no
// sum, only for the differences of two counts (disclosure.Var.Distinct).
func (p *protector) personsVar(as *atomSource) int {
	key := "persons"
	m := p.scanVars(as)
	if v, ok := m[key]; ok {
		return v
	}
	p.prob.Vars = append(p.prob.Vars, disclosure.Var{Name: key, NonNegative: true, Step: 1, Distinct: true})
	m[key] = len(p.prob.Vars) - 1
	return m[key]
}

// localVar is a quantity of one run alone, its atoms the run's groups: a
// count of distinct subjects, or any figure of a run whose rows a join
// multiplied. Such a figure is tied only to its own table's total.
func (p *protector) localVar(name string, values []float64, nonNegative bool) int {
	if v, ok := p.local[name]; ok {
		return v
	}
	p.prob.Vars = append(p.prob.Vars, disclosure.Var{Name: name, Atoms: values, NonNegative: nonNegative, Step: 1})
	p.local[name] = len(p.prob.Vars) - 1
	return p.local[name]
}

// addTable describes one table section: a unit for each row, its total
// and its steps' counts, and a cell for each figure that is a sum.
func (p *protector) addTable(d *tableDraft) sectionUnits {
	t, sec := d.run, d.run.plan
	su := sectionUnits{total: -1, counts: -1}
	if d.done != nil || !t.controlled {
		return su
	}
	rank := 1
	if sec.SecondaryTotal {
		rank = -1
	}
	for _, r := range d.rows {
		name := fmt.Sprintf("section %s, the row for %s", sec.ID, groupText(r.cells[:len(sec.Groups)], p.pl.Locale))
		u := p.unit(name, p.primary(sec.ID, r, groupKey(r.cells, len(sec.Groups))), 0, rowCost(r), rowSubjects(r)...)
		su.rows = append(su.rows, u)
		p.rowCells(u, d, r, false)
	}
	if d.total != nil {
		su.total = p.unit(fmt.Sprintf("section %s, the total", sec.ID), p.primary(sec.ID, d.total, rowName{total: true}), rank, math.MaxFloat32, rowSubjects(d.total)...)
		p.rowCells(su.total, d, d.total, true)
	}
	if ref, ok := p.atoms[t]; ok && !t.many {
		su.counts = p.unit(fmt.Sprintf("section %s, the row counts of its steps", sec.ID), disclosure.Shown, 2, 0, t.total.Subjects)
		rows := p.sourceVar(ref.as, "rows")
		kept := t.keptAtoms(ref)
		p.cell(disclosure.Cell{Unit: su.counts, Var: rows, Atoms: kept, Value: float64(t.rowsKept), Name: "rows kept"})
		// The note on empty values counts the rows kept with none,
		// where the scan knows their subjects (else it gives no count).
		t.nilsAudited = ref.as.subjectOf != nil
		for i := range sec.Measures {
			n := t.total.aggs[i].nils()
			if n == 0 || sec.Measures[i].Col < 0 {
				continue
			}
			atoms, ok := ref.as.nilsAtoms(ref.k, i, kept)
			if !ok {
				t.nilsAudited = false
				continue
			}
			p.cell(disclosure.Cell{Unit: su.counts, Var: rows, Atoms: atoms, Value: float64(n), Name: "rows with no value"})
		}
		// The notes on filters and joins say "N of M rows": M is every
		// row the section took.
		all := ref.as.atomsWhere(ref.k, func(int32, bool) bool { return true })
		p.cell(disclosure.Cell{Unit: su.counts, Var: rows, Atoms: all, Value: float64(t.rowsIn), Name: "rows taken"})
		if sec.Alert != nil {
			where := ref.as.atomsWhere(ref.k, func(f int32, _ bool) bool { return f >= 0 || f == fateBelow })
			p.cell(disclosure.Cell{Unit: su.counts, Var: rows, Atoms: where, Value: float64(t.rowsWhere), Name: "rows kept by the filter"})
		}
		if len(sec.Joins) > 0 {
			joined := ref.as.atomsWhere(ref.k, func(f int32, _ bool) bool { return f != fateNoMatch })
			p.cell(disclosure.Cell{Unit: su.counts, Var: rows, Atoms: joined, Value: float64(t.rowsJoined), Name: "rows joined"})
		}
		if len(sec.Joins) == 1 {
			missed := ref.as.atomsWhere(ref.k, func(_ int32, miss bool) bool { return miss })
			p.cell(disclosure.Cell{Unit: su.counts, Var: rows, Atoms: missed, Value: float64(t.unmatched[0]), Name: "rows without a match"})
		}
	}
	return su
}

// keptAtoms are the atoms of every row the run kept, made once.
func (t *tableRun) keptAtoms(ref atomRef) []int {
	if t.kept == nil {
		t.kept = ref.as.atomsWhere(ref.k, func(f int32, _ bool) bool { return f >= 0 })
	}
	return t.kept
}

// rowCost is what withholding a row costs: the persons it describes.
func rowCost(r *tableRow) float64 {
	if r.subjects != nil {
		return float64(r.subjects.Count())
	}
	return float64(r.rows)
}

// primary applies the primary rules to a row (key: its name, or the
// total's): withheld in the pack this one revises, fewer than min_count
// persons in any period, a sum with too few contributors or dominated by
// one or two, committed grants of too few persons behind a budget forecast.
func (p *protector) primary(section string, r *tableRow, key rowName) disclosure.Reason {
	if p.before[section][key] {
		return disclosure.Kept
	}
	rules := p.rules().WithDefaults()
	for _, g := range []*groupState{r.group, r.prev, r.committed} {
		if reason := groupReason(g, rules); reason != disclosure.Shown {
			return reason
		}
	}
	return disclosure.Shown
}

// groupReason applies the primary rules to one group behind a row: its
// rows and persons, then each of its sums, then the difference of each
// two of its sums. A group that counts no persons
// (nil, or a run outside disclosure control) is not judged here.
func groupReason(g *groupState, rules disclosure.Rules) disclosure.Reason {
	if g == nil || g.Subjects == nil {
		return disclosure.Shown
	}
	if reason := rules.Primary(disclosure.Contribution{Rows: g.rows, Subjects: g.Subjects.Count()}); reason != disclosure.Shown {
		return reason
	}
	for _, c := range g.contrib {
		if c == nil {
			continue
		}
		reason, decided := c.reason(rules)
		if !decided {
			// refine reads every undecided sum again exactly, so this
			// cannot happen; withholding is the safe side if it did.
			return disclosure.Dominated
		}
		if reason != disclosure.Shown {
			return reason
		}
	}
	// Two sums in one row publish their difference: the subjects whose
	// values differ are its contributors, and the minimum count holds
	// for it as for any sum.
	for _, d := range g.differ {
		if reason := rules.Primary(disclosure.Contribution{Subjects: len(d)}); reason != disclosure.Shown {
			return reason
		}
	}
	return disclosure.Shown
}

func (p *protector) rules() disclosure.Rules {
	return disclosure.Rules{MinCount: p.pl.MinCount, DominanceN: p.pl.DominanceN, DominanceK: p.pl.DominanceK, Protection: p.pl.Protection}
}

// rowCells adds the cells of one row (or the total) to unit u: each
// measure in this period and the period compared with, and the committed
// grants behind a budget forecast.
func (p *protector) rowCells(u int, d *tableDraft, r *tableRow, total bool) {
	t, sec := d.run, d.run.plan
	ng, nm, nc := len(sec.Groups), len(sec.Measures), len(sec.Computes)
	sensitive := p.prob.Units[u].Primary != disclosure.Shown
	for i := range sec.Measures {
		p.place = cellPlace{r, ng + i}
		p.measureCell(u, groupOf{t, r.group, total}, i, r.cells[ng+i], sensitive)
		if sec.Compare != nil && t.prev != nil {
			g := r.prev
			if total {
				g = t.prev.total
			}
			p.place = cellPlace{r, ng + nm + nc + 3*i}
			p.measureCell(u, groupOf{t.prev, g, total}, i, r.cells[ng+nm+nc+3*i], sensitive)
		}
	}
	p.place = cellPlace{}
	if c := t.committedRun; c != nil && sec.Budget != nil {
		at := slices.Index(d.out.Columns, "forecast_committed")
		spent, ok1 := ToFloat(r.cells[sec.Budget.Spent])
		fc, ok2 := ToFloat(r.cells[at])
		if !ok1 || !ok2 {
			return
		}
		ref, ok := p.atoms[c]
		if !ok || c.many {
			return
		}
		var atoms []int
		if total {
			for _, row := range d.rows {
				if row.committed != nil {
					atoms = append(atoms, ref.as.atomsOf(ref.k, row.committed.idx)...)
				}
			}
			slices.Sort(atoms)
		} else if r.committed != nil {
			atoms = ref.as.atomsOf(ref.k, r.committed.idx)
		}
		if atoms == nil {
			return
		}
		v := p.sourceVar(ref.as, ref.as.source(ref.k, 0).key)
		p.cell(disclosure.Cell{Unit: u, Var: v, Atoms: atoms, Value: fc - spent, Tolerance: 0.011, Name: "forecast_committed", Sensitive: sensitive && r.committed != nil && r.committed.rows > 0})
	}
}

// groupOf is one group of a table run, or the run's total.
type groupOf struct {
	run   *tableRun
	group *groupState // nil where the run has no such group
	total bool        // the run's total rather than group
}

// measureCell adds measure i of a group (or total) to unit u with its
// published value.
func (p *protector) measureCell(u int, at groupOf, i int, value any, sensitive bool) {
	t, g, total := at.run, at.group, at.total
	m := &t.plan.Measures[i]
	if g == nil && !total {
		return
	}
	f, ok := ToFloat(value)
	if !ok {
		f = 0
	}
	tol := 0.0
	if m.Typ != expr.TInteger && m.Fn == AggSum {
		tol = 0.5*math.Pow(10, -float64(t.measureDecimals(m, p.stats))) + 1e-9*math.Abs(f)
	}
	ref, linked := p.atoms[t]
	linked = linked && !t.many && ref.as.linkedMeasure(ref.k, i)
	switch {
	case m.Fn == AggCountDistinct:
		if linked && m.Col == t.plan.Subject {
			// The persons over the scan's atoms, for the differences of
			// two such counts (see disclosure.Var.Distinct).
			atoms := t.keptAtoms(ref)
			if !total {
				atoms = ref.as.atomsOf(ref.k, g.idx)
			}
			p.cell(disclosure.Cell{Unit: u, Var: p.personsVar(ref.as), Atoms: atoms, Value: f, Name: m.Name})
		}
		v, ok := p.subjectVar(t, i)
		if !ok {
			return
		}
		p.cell(disclosure.Cell{Unit: u, Var: v, Atoms: localAtoms(t, g, total), Value: f, Name: m.Name, Sensitive: sensitive})
	case m.Fn != AggCount && m.Fn != AggSum:
		// A mean or an extreme is withheld with its row; it is no sum.
	case !linked:
		if _, scanned := p.atoms[t]; scanned && !t.many {
			// A share or count(col) that found no row bit is tied to
			// nothing outside its table: withheld, not trusted.
			sensitive = true
		}
		values := make([]float64, len(t.Order))
		for j, og := range t.Order {
			values[j], _ = ToFloat(og.aggs[i].result())
		}
		v := p.localVar(fmt.Sprintf("%p %d", t, i), values, m.Fn == AggCount)
		p.cell(disclosure.Cell{Unit: u, Var: v, Atoms: localAtoms(t, g, total), Value: f, Tolerance: tol, Name: m.Name, Sensitive: sensitive})
	default:
		ms := ref.as.source(ref.k, i)
		// A sum of a column times a constant is published as the
		// column's sum, scaled: 8.760.000 for cost_per_day * 365 is a day
		// price sum of 24.000, to within the rounding over 365.
		f, tol = f/ms.scale, tol/math.Abs(ms.scale)
		v := p.sourceVar(ref.as, ms.key)
		var atoms []int
		if total {
			atoms = t.keptAtoms(ref)
		} else {
			atoms = ref.as.atomsOf(ref.k, g.idx)
		}
		atoms = ref.as.withBit(ref.k, i, atoms)
		if m.Fn == AggSum && value == nil {
			// A sum of no values is empty, and a reader may know it is
			// (a reservation often says why): it is known to be nothing.
			known := p.unit("an empty sum", disclosure.Shown, 0, 0)
			p.prob.Units[known].Fixed = true
			p.cell(disclosure.Cell{Unit: known, Var: v, Atoms: atoms, Name: m.Name})
			return
		}
		p.cell(disclosure.Cell{Unit: u, Var: v, Atoms: atoms, Value: f, Tolerance: tol, Name: m.Name, Sensitive: sensitive})
	}
}

// localAtoms are a run's groups as local atoms: one, or all for the total.
func localAtoms(t *tableRun, g *groupState, total bool) []int {
	if total {
		all := make([]int, len(t.Order))
		for j := range all {
			all[j] = j
		}
		return all
	}
	return []int{int(g.idx)}
}

// subjectVar is the count of distinct subjects of a run's groups as one
// quantity, where the groups' counts add up to the total's: then a reader
// may subtract them. Where they do not (a person in several groups), a
// count is no sum of the others.
func (p *protector) subjectVar(t *tableRun, i int) (int, bool) {
	sum := 0.0
	values := make([]float64, len(t.Order))
	for j, g := range t.Order {
		values[j], _ = ToFloat(g.aggs[i].result())
		sum += values[j]
	}
	whole, _ := ToFloat(t.total.aggs[i].result())
	if len(t.plan.Groups) > 0 && sum != whole {
		return 0, false
	}
	return p.localVar(fmt.Sprintf("%p distinct %d", t, i), values, true), true
}

// withholdReads takes the rows read out of the provenance and the read
// steps of every extract whose count disclosure control withheld. The
// extract's size goes with them: (size − header) ÷ row width is the count
// for a small extract of fixed-width rows. Its sha256 stays: it names the
// extract, and no count can be read from it short of guessing every byte.
func (p *protector) withholdReads(res disclosure.Result, out *pack.Pack) {
	for as, u := range p.reads {
		if !res.Withheld[u] {
			continue
		}
		p.stats[as.src].readWithheld = true
		for i := range out.Provenance.Sources {
			if out.Provenance.Sources[i].Name == as.src.Name {
				out.Provenance.Sources[i].RowsRead = -1
				out.Provenance.Sources[i].Bytes = -1
			}
		}
	}
}

// ErrWithheldFigureExposed is the fault of a council pack whose published
// figures give a withheld figure away whatever more is withheld.
var ErrWithheldFigureExposed = errors.New("a withheld figure can be worked out from the others")

// ErrAuditTooLarge is the fault of a council pack whose audit would need
// more memory than disclosure.Rules.MaxTableauBytes for one figure.
var ErrAuditTooLarge = errors.New("the check that no withheld figure can be worked out is too large")

// protect decides, for every table and reconcile of a council pack
// together, what is withheld.
func (p *protector) protect() (disclosure.Result, error) {
	res, err := disclosure.Protect(&p.prob, p.rules())
	var ue *disclosure.UnprotectedError
	if errors.As(err, &ue) {
		return res, fmt.Errorf("%w: %s (%s). Try: group that section more coarsely, or leave out the figure", ErrWithheldFigureExposed, ue.Unit, ue.Cell)
	}
	var tl *disclosure.TooLargeError
	if errors.As(err, &tl) {
		return res, fmt.Errorf("%w: %s (%s) is tied to too many small figures (%d MiB, more than %d MiB). Try: group the sections more coarsely (by quarter rather than month, or fewer groups)", ErrAuditTooLarge, tl.Unit, tl.Cell, tl.Bytes>>20, tl.Max>>20)
	}
	return res, err
}

// withholding is the decision for one section's units.
func (su sectionUnits) withholding(res disclosure.Result, units []disclosure.Unit, revealed map[*tableRow]map[int]bool) withholding {
	wh := withholding{revealed: revealed}
	for _, u := range su.rows {
		wh.rows = append(wh.rows, res.Withheld[u])
		wh.further = wh.further || res.Withheld[u] && units[u].Primary == disclosure.Shown
	}
	wh.total = su.total >= 0 && res.Withheld[su.total]
	wh.counts = su.counts >= 0 && res.Withheld[su.counts]
	return wh
}
