package engine

import (
	"fmt"
	"slices"
	"time"

	"github.com/expr-lang/expr/ast"
	"github.com/mipack/mipack/recipes/internal/expr"
)

// groupState is one group's running aggregates.
type groupState struct {
	key      []any
	aggs     []aggregator
	Subjects *idSet // ids of the distinct subjects, under disclosure control
	rows     int64
	// idx is the group's place in its run's order (0 for the one group of
	// a section without group_by).
	idx int32
	// contrib holds, under disclosure control, who contributes how much
	// to every summed measure (nil for other measures; measures of one
	// column share one); sums are the distinct ones, by tableRun.sumCols.
	contrib []*subjectSums
	sums    []*subjectSums
	// differ lists, for each pair of summed columns (see sumPairs), up to
	// min_count subjects with a row whose two values differ: those the
	// difference of the row's two sums describes. Nil until one differs.
	differ [][]uint32
}

// controlledGroup is a group under disclosure control with its subjects
// and, where the section sums one column, that column's subject totals in
// the same allocation: a row reaches them without following a pointer to
// each, and groups outside disclosure control carry none of it.
type controlledGroup struct {
	groupState
	subjects idSet
	sums     [1]*subjectSums
	sum      subjectSums
}

// tableRun is one run of a table section: its rows arrive from the
// section's source one at a time and are folded into groups.
type tableRun struct {
	plan   *SectionPlan
	recipe string
	tables []map[string][][]any // join hash tables, one per join
	row    []any                // the joined, derived row being built
	env    map[string]any
	nested map[string]map[string]any
	// envCols are the schema columns the expressions read; envSet is true
	// once they are set for the current row.
	envCols []int
	envSet  bool
	// fastWhere and fastDerive evaluate common expressions without the
	// environment; nil where an expression needs the library.
	fastWhere  expr.Fast
	fastDerive []expr.Fast
	groups     map[string]*groupState
	Order      []*groupState
	total      *groupState
	keyBuf     []byte
	// rowIDs are the ids of the row's values by schema column: the
	// source's, and a derived value's id where the derive is memoized;
	// 0 where there is none.
	rowIDs []uint32
	// memo holds, for a derive that reads one source column, its value
	// for each id of that column, computed once (see memoDerive).
	memo []*deriveMemo
	// byIDs finds a row's group by its group values' ids before building
	// the group's text key; nil for more than maxGroupIDs group columns.
	byIDs *groupTable
	// dicts gives the values of each column a count_distinct reads their
	// ids, shared by the groups (see newAggregator); nil for other measures.
	// distinct finds them by the values' scan ids.
	dicts    []*textIDs
	distinct []*idVia

	// rowsIn came from the source, rowsJoined after joins, rowsWhere passed
	// the filter, rowsKept were folded (an alert keeps only rows over its
	// threshold).
	rowsIn, rowsJoined, rowsWhere, rowsKept int64
	unmatched                               []int64

	// prev is the same section run over the period compared with;
	// budgetRun and committedRun are the budget's hidden sections.
	prev, budgetRun, committedRun *tableRun
	// merged is set once the total's aggregates are merged from the groups.
	merged bool
	// list holds an internal alert's rows: its shown cells, then the value.
	list [][]any
	// below counts rows under an alert's threshold.
	below int64

	// disc is what disclosure control withheld; controlled is true when it ran.
	disc       disclosureResult
	controlled bool
	// last says where the source row just added went (see atoms.go):
	// its group's idx, or one of the fate codes below. unmatchedRow is
	// set when one of its joins found no partner.
	last         int32
	unmatchedRow bool
	// kept caches the atoms of the rows kept (see keptAtoms).
	kept []int
	// nilsAudited is set where disclosure control holds the counts of
	// empty values the notes print (see addTable).
	nilsAudited bool
	// manyRow is set when a join gave the row several partners, so it was
	// folded (or filtered) more than once; many is set once any row was.
	manyRow, many bool
	// subjectIDs gives the subjects their ids; every run in a pack shares
	// it, so the sets of a section and of its earlier period can be joined.
	subjectIDs *textIDs
	subjectVia idVia
	// countsSubjects is the first measure that counts the distinct
	// subjects (count_distinct of the subject column), -1 for none: a
	// group's subject set is then that measure's set, not a second copy.
	countsSubjects int
	// sumCols are the columns whose subject totals the groups keep (see
	// subjectSums); sumOf gives each measure's place among them, -1 for
	// none.
	sumCols  []int
	sumOf    []int
	sumVals  []float64 // the row's values of sumCols, for foldDiffer
	minCount int
	// refine is set on a run that reads its source again for the exact
	// subject totals of the groups listed (see refine): only those keep
	// them, and the total where refineTotal is set.
	refine      map[int32]bool
	refineTotal bool
	period      Period
}

// NewTableRun starts a run of table section sec over per: tables are
// its joins' hash tables, minCount the disclosure threshold (0: none) and
// subjects the ids every run in the pack gives the disclosure subjects.
func NewTableRun(sec *SectionPlan, recipe string, per Period, tables []map[string][][]any, minCount int, subjects *textIDs) *tableRun {
	t := &tableRun{
		controlled: minCount > 0 && sec.Subject >= 0 && sec.Exempt == "",
		subjectIDs: subjects,
		subjectVia: idVia{dict: subjects},
		plan:       sec, recipe: recipe, tables: tables,
		row:       make([]any, len(sec.Schema.Names)),
		env:       map[string]any{"period": per.Env()},
		nested:    map[string]map[string]any{},
		groups:    map[string]*groupState{},
		unmatched: make([]int64, len(sec.Joins)),
		envCols:   exprColumns(sec),
	}
	if sec.Where != nil {
		t.fastWhere = CompileFast(sec.Where.Prog.Node(), &sec.Schema, per)
	}
	t.fastDerive = make([]expr.Fast, len(sec.Derives))
	for i, d := range sec.Derives {
		t.fastDerive[i] = CompileFast(d.Expr.Prog.Node(), &sec.Schema, per)
	}
	for _, j := range sec.Joins {
		m := map[string]any{}
		t.nested[j.Src.Name] = m
		t.env[j.Src.Name] = m
	}
	t.dicts = make([]*textIDs, len(sec.Measures))
	t.distinct = make([]*idVia, len(sec.Measures))
	for i, m := range sec.Measures {
		if m.Fn != AggCountDistinct {
			continue
		}
		// Measures of one column share its ids.
		for j := range i {
			if sec.Measures[j].Fn == AggCountDistinct && sec.Measures[j].Col == m.Col {
				t.dicts[i], t.distinct[i] = t.dicts[j], t.distinct[j]
			}
		}
		switch {
		case t.dicts[i] != nil:
		case m.Col == sec.Subject && t.controlled:
			// Persons counted: the ids the subjects have already.
			t.dicts[i], t.distinct[i] = subjects, &t.subjectVia
		default:
			t.dicts[i] = NewTextIDs()
			t.distinct[i] = &idVia{dict: t.dicts[i]}
		}
	}
	t.countsSubjects = slices.Index(t.distinct, &t.subjectVia)
	t.rowIDs = make([]uint32, len(sec.Schema.Names))
	t.memo = make([]*deriveMemo, len(sec.Derives))
	for i := range sec.Derives {
		t.memo[i] = memoDerive(sec, i, t.fastDerive[i])
	}
	if n := len(sec.Groups); n > 0 && n <= maxGroupIDs {
		t.byIDs = &groupTable{}
	}
	t.minCount, t.period = minCount, per
	t.sumOf = make([]int, len(sec.Measures))
	for i, m := range sec.Measures {
		t.sumOf[i] = -1
		if m.Fn != AggSum && m.Fn != AggMean {
			continue
		}
		t.sumOf[i] = slices.Index(t.sumCols, m.Col)
		if t.sumOf[i] < 0 {
			t.sumOf[i] = len(t.sumCols)
			t.sumCols = append(t.sumCols, m.Col)
		}
	}
	t.sumVals = make([]float64, len(t.sumCols))
	t.total = t.newGroup(nil, 0, true)
	return t
}

// again is a run made as t was, for refine: it keeps the exact subject
// totals of the groups listed (and of the total where total is set), and
// no subject sets.
func (t *tableRun) again(groups map[int32]bool, total bool) *tableRun {
	fresh := NewTableRun(t.plan, t.recipe, t.period, t.tables, t.minCount, t.subjectIDs)
	fresh.refine, fresh.refineTotal = groups, total
	fresh.total = fresh.newGroup(nil, 0, true)
	return fresh
}

// maxGroupIDs is the most group columns whose ids find a group (see
// groupTable). maxByIDs bounds the slots a groupTable holds.
const (
	maxGroupIDs = 2
	maxByIDs    = 1 << 16
)

// groupTable finds a group by the ids of its one or two group values, as
// slots[a][b]: with one group column a is 0 and b its id. Ids are small
// and dense (1, 2, 3, ... per column), so two indexings replace hashing a
// key. Ids whose slots would take the table past maxByIDs go to a map
// instead, itself holding at most maxByIDs groups; rows past both find
// their group by its text key.
type groupTable struct {
	slots [][]*groupState
	n     int // slots allocated, rows of slots counted as one each
	far   map[uint64]*groupState
}

// get returns the group remembered for ids a and b, or nil.
func (gt *groupTable) get(a, b uint32) *groupState {
	if int(a) < len(gt.slots) {
		if row := gt.slots[a]; int(b) < len(row) {
			if g := row[b]; g != nil {
				return g
			}
		}
	}
	if gt.far != nil {
		return gt.far[uint64(a)<<32|uint64(b)]
	}
	return nil
}

// put remembers g for ids a and b.
func (gt *groupTable) put(a, b uint32, g *groupState) {
	if !gt.putSlot(a, b, g) {
		if gt.far == nil {
			gt.far = map[uint64]*groupState{}
		}
		if len(gt.far) < maxByIDs {
			gt.far[uint64(a)<<32|uint64(b)] = g
		}
	}
}

// putSlot puts g in its slot, growing the table within maxByIDs; it
// reports false when that would pass the bound.
func (gt *groupTable) putSlot(a, b uint32, g *groupState) bool {
	if int(a) >= len(gt.slots) {
		more := int(a) + 1 - len(gt.slots)
		if gt.n+more > maxByIDs {
			return false
		}
		gt.slots = append(gt.slots, make([][]*groupState, more)...)
		gt.n += more
	}
	row := gt.slots[a]
	if int(b) >= len(row) {
		// Double, or take what room is left: ids come in order, so
		// growing by less would copy the row for every new id.
		size := min(max(int(b)+1, 2*len(row)), len(row)+maxByIDs-gt.n)
		if size < int(b)+1 {
			return false
		}
		grown := make([]*groupState, size)
		copy(grown, row)
		gt.n += size - len(row)
		gt.slots[a], row = grown, grown
	}
	row[b] = g
	return true
}

// deriveMemo is a derive's value for each id of the one source column it
// reads, and that value's id among the derive's values.
type deriveMemo struct {
	col    int // the source column read
	values []any
	ids    []uint32 // 0: not yet computed
	dict   *textIDs // ids of the derive's values
	buf    []byte
}

// memoDerive returns the memo of derive i when it can be kept: the derive
// has a fast form (a pure function of the columns it names and the
// period) and names exactly one column, of the section's own source.
func memoDerive(sec *SectionPlan, i int, fast expr.Fast) *deriveMemo {
	if fast == nil || sec.From == nil {
		return nil
	}
	names, members := readNames(sec.Derives[i].Expr.Prog.Node())
	for _, base := range members {
		if base != "period" || sec.Schema.Index("period") >= 0 {
			return nil // a joined source's column (y.s3): not a column of this row's ids
		}
	}
	col := -1
	for _, name := range names {
		c := sec.Schema.Index(name)
		if c < 0 || c >= len(sec.From.Cols) || col >= 0 && c != col {
			return nil
		}
		col = c
	}
	if col < 0 {
		return nil
	}
	return &deriveMemo{col: col, dict: NewTextIDs()}
}

// readNames returns the names an expression reads as they are: its
// identifiers, but not the names of the functions it calls nor the
// sources or records it takes members of; those are members (payments in
// payments.amount, period in period.end).
func readNames(n ast.Node) (names, members []string) {
	v := nameVisitor{skip: map[ast.Node]bool{}}
	ast.Walk(&n, &v)
	for _, id := range v.ids {
		if !v.skip[id] && !slices.Contains(names, id.Value) {
			names = append(names, id.Value)
		}
	}
	return names, v.members
}

type nameVisitor struct {
	ids     []*ast.IdentifierNode
	skip    map[ast.Node]bool // callees and the bases of members
	members []string
}

func (v *nameVisitor) Visit(n *ast.Node) {
	switch x := (*n).(type) {
	case *ast.IdentifierNode:
		v.ids = append(v.ids, x)
	case *ast.CallNode:
		v.skip[x.Callee] = true
	case *ast.MemberNode:
		if id, ok := x.Node.(*ast.IdentifierNode); ok {
			v.skip[id] = true
			v.members = append(v.members, id.Value)
		} else {
			v.members = append(v.members, "") // a member of something else: not memoized
		}
	}
}

// get returns the memoized value for source id, if computed.
func (m *deriveMemo) get(id uint32) (any, uint32, bool) {
	if int(id) < len(m.ids) && m.ids[id] != 0 {
		return m.values[id], m.ids[id], true
	}
	return nil, 0, false
}

// put memoizes v as the value for source id and returns v's id.
func (m *deriveMemo) put(id uint32, v any) uint32 {
	vid := m.dict.idValue(v, &m.buf)
	if int(id) >= len(m.ids) {
		n := max(int(id)+1, 2*len(m.ids))
		m.ids = append(m.ids, make([]uint32, n-len(m.ids))...)
		m.values = append(m.values, make([]any, n-len(m.values))...)
	}
	m.ids[id], m.values[id] = vid, v
	return vid
}

// newGroup makes the group at idx in the run's order, or its total.
func (t *tableRun) newGroup(key []any, idx int32, total bool) *groupState {
	var g *groupState
	var cg *controlledGroup
	if t.plan.Subject >= 0 && t.controlled {
		cg = &controlledGroup{}
		g = &cg.groupState
	} else {
		g = &groupState{}
	}
	g.key, g.aggs, g.idx = key, make([]aggregator, len(t.plan.Measures)), idx
	for i := range t.plan.Measures {
		g.aggs[i] = newAggregator(&t.plan.Measures[i], t.dicts[i])
	}
	if cg == nil {
		return g
	}
	if t.refine == nil && t.countsSubjects >= 0 {
		g.Subjects = &g.aggs[t.countsSubjects].(*distinctAgg).ids
	} else if t.refine == nil {
		g.Subjects = &cg.subjects
	} else if total && !t.refineTotal || !total && !t.refine[idx] {
		return g
	}
	if len(t.sumCols) == 1 {
		cg.sum = *newSubjectSums(t.minCount, t.refine != nil)
		cg.sums[0] = &cg.sum
		g.sums = cg.sums[:]
	} else {
		g.sums = make([]*subjectSums, len(t.sumCols))
		for j := range g.sums {
			g.sums[j] = newSubjectSums(t.minCount, t.refine != nil)
		}
	}
	g.contrib = make([]*subjectSums, len(t.plan.Measures))
	for i, j := range t.sumOf {
		if j >= 0 {
			g.contrib[i] = g.sums[j]
		}
	}
	return g
}

// The fates of a source row other than a group (tableRun.last).
const (
	fateFiltered int32 = -1 // left out by where (or not yet placed)
	fateMany     int32 = -2 // a join gave it several partners (tableRun.manyRow)
	fateBelow    int32 = -3 // kept by where, under an alert's threshold
	fateNoMatch  int32 = -4 // left out by an inner join
)

// Add takes one row of the section's source.
func (t *tableRun) Add(src []any, ids []uint32, line int) error {
	t.rowsIn++
	t.last, t.unmatchedRow, t.manyRow = fateFiltered, false, false
	copy(t.rowIDs, ids)
	copy(t.row, src)
	return t.join(0, line)
}

func (t *tableRun) join(j int, line int) error {
	if j == len(t.plan.Joins) {
		return t.keep(line)
	}
	jp := &t.plan.Joins[j]
	t.keyBuf = joinKey(t.keyBuf[:0], t.row, jp.Keys)
	matches := t.tables[j][string(t.keyBuf)]
	if t.keyBuf == nil {
		matches = nil
	}
	if len(matches) == 0 {
		t.unmatched[j]++
		t.unmatchedRow = true
		if !jp.Left {
			t.last = fateNoMatch
			return nil
		}
		t.fillJoin(jp, nil)
		return t.join(j+1, line)
	}
	if len(matches) > 1 {
		t.manyRow, t.many = true, true
	}
	for _, m := range matches {
		t.fillJoin(jp, m)
		if err := t.join(j+1, line); err != nil {
			return err
		}
	}
	return nil
}

// fillJoin puts a joined source's row (nil: no match) into the section row:
// its qualified columns, then the unqualified aliases that follow them.
func (t *tableRun) fillJoin(jp *JoinPlan, m []any) {
	s := &t.plan.Schema
	for i := jp.Offset; i < len(s.Names); i++ {
		ref := s.Refs[i]
		if ref == nil || ref.Src != jp.Src {
			continue
		}
		if m == nil {
			t.row[i] = nil
		} else {
			t.row[i] = m[ref.Col]
		}
	}
}

// joinKey appends the canonical key of row's key columns; nil when a key is nil.
func joinKey(buf []byte, row []any, idx []int) []byte {
	for n, i := range idx {
		if row[i] == nil {
			return nil
		}
		if n > 0 {
			buf = append(buf, 0x1f)
		}
		buf = appendKey(buf, row[i])
	}
	if buf == nil {
		buf = []byte{}
	}
	return buf
}

// setEnv puts the row's values that the section's expressions read into
// their environment.
func (t *tableRun) setEnv() {
	s := &t.plan.Schema
	for _, i := range t.envCols {
		if s.qual[i] != "" {
			t.nested[s.qual[i]][s.field[i]] = t.row[i]
			continue
		}
		t.env[s.Names[i]] = t.row[i]
	}
}

// exprColumns are the schema columns that the section's where and derive
// expressions read: a column by its name, a joined source's by its qualifier.
func exprColumns(sec *SectionPlan) []int {
	read := map[string]bool{}
	if sec.Where != nil {
		for _, n := range sec.Where.Names {
			read[n] = true
		}
	}
	for _, d := range sec.Derives {
		for _, n := range d.Expr.Names {
			read[n] = true
		}
	}
	var cols []int
	for i, name := range sec.Schema.Names {
		if q := sec.Schema.qual[i]; q != "" && read[q] || q == "" && read[name] {
			cols = append(cols, i)
		}
	}
	return cols
}

func (t *tableRun) keep(line int) error {
	t.rowsJoined++
	sec := t.plan
	t.envSet = false
	if sec.WhereAfterDerive {
		if err := t.derive(line); err != nil {
			return err
		}
	}
	if sec.Where != nil {
		v, err := t.eval(sec.Where, t.fastWhere)
		if err != nil {
			return rowError(t.recipe, sec.Where.Pos, "sections."+sec.ID+".where", DisplayName(sec.From.Path), line, err)
		}
		if ok, _ := v.(bool); !ok {
			return nil
		}
	}
	if !sec.WhereAfterDerive {
		if err := t.derive(line); err != nil {
			return err
		}
	}
	t.rowsWhere++
	if a := sec.Alert; a != nil {
		v, ok := ToFloat(t.row[a.Value])
		if !ok || v <= a.Threshold {
			t.below++
			t.last = fateBelow
			return nil
		}
		if a.List {
			t.rowsKept++
			r := make([]any, 0, len(a.Show)+1)
			for _, i := range a.Show {
				r = append(r, t.row[i])
			}
			t.list = append(t.list, append(r, v))
			return nil
		}
	}
	t.rowsKept++
	g := t.groupByIDs()
	t.fold(g)
	t.foldTotal()
	t.last = g.idx
	return nil
}

// eval evaluates an expression on the current row: directly when its fast
// form handles the row, else with the expression library over the row's
// environment (set once a row, when first needed).
func (t *tableRun) eval(c *expr.Compiled, fast expr.Fast) (any, error) {
	if fast != nil {
		if v, ok := fast(t.row); ok {
			return v, nil
		}
	}
	if !t.envSet {
		t.setEnv()
		t.envSet = true
	}
	return c.Run(t.env)
}

func (t *tableRun) derive(line int) error {
	for i, d := range t.plan.Derives {
		m := t.memo[i]
		var in uint32
		if m != nil {
			in = t.rowIDs[m.col] // a source column's: derives set only their own
			if v, id, ok := m.get(in); ok {
				t.setDerived(d, v, id)
				continue
			}
		}
		v, err := t.eval(d.Expr, t.fastDerive[i])
		if err != nil {
			return rowError(t.recipe, d.Expr.Pos, "sections."+t.plan.ID+".derive."+d.Name, DisplayName(t.plan.From.Path), line, err)
		}
		v = Normalize(v)
		var id uint32
		if m != nil && in != 0 {
			id = m.put(in, v)
		}
		t.setDerived(d, v, id)
	}
	return nil
}

// setDerived puts a derived value and its id into the row, and into the
// expressions' environment once that is in use for the row.
func (t *tableRun) setDerived(d DerivePlan, v any, id uint32) {
	t.row[d.Idx] = v
	t.rowIDs[d.Idx] = id
	if t.envSet {
		t.env[d.Name] = v
	}
}

// Normalize turns expression results into the engine's value types.
func Normalize(v any) any {
	switch x := v.(type) {
	case int64:
		return int(x)
	case int32:
		return int(x)
	case float32:
		return float64(x)
	case time.Time:
		return x.UTC()
	}
	return v
}

// groupByIDs finds the row's group by its group values' ids where they
// have them: rows with the same ids have the same group values, so the
// group found for the first such row serves the rest without building a
// text key.
func (t *tableRun) groupByIDs() *groupState {
	if t.byIDs == nil {
		return t.group()
	}
	var a, b uint32
	for _, c := range t.plan.Groups {
		id := t.rowIDs[c]
		if id == 0 {
			return t.group() // a value with no id, or nil
		}
		a, b = b, id
	}
	if g := t.byIDs.get(a, b); g != nil {
		return g
	}
	g := t.group()
	t.byIDs.put(a, b, g)
	return g
}

func (t *tableRun) group() *groupState {
	sec := t.plan
	t.keyBuf = t.keyBuf[:0]
	for n, i := range sec.Groups {
		if n > 0 {
			t.keyBuf = append(t.keyBuf, 0x1f)
		}
		t.keyBuf = appendKey(t.keyBuf, t.row[i])
	}
	if g, ok := t.groups[string(t.keyBuf)]; ok {
		return g
	}
	key := make([]any, len(sec.Groups))
	for n, i := range sec.Groups {
		key[n] = t.row[i]
	}
	g := t.newGroup(key, int32(len(t.Order)), false)
	t.groups[string(t.keyBuf)] = g
	t.Order = append(t.Order, g)
	return g
}

func (t *tableRun) fold(g *groupState) {
	g.rows++
	for i := range t.plan.Measures {
		m := &t.plan.Measures[i]
		if m.Col < 0 {
			g.aggs[i].add(true)
			continue
		}
		if via := t.distinct[i]; via != nil && t.row[m.Col] != nil {
			g.aggs[i].(*distinctAgg).ids.add(via.id(t.rowIDs[m.Col], t.row[m.Col]))
			continue
		}
		g.aggs[i].add(t.row[m.Col])
	}
	// The total keeps its own subject totals, row by row: its groups'
	// may be in cells, and cells of different groups do not add up.
	total := t.total
	if g == total || len(t.plan.Groups) == 0 || total.sums == nil {
		total = nil
	}
	if g.Subjects == nil && g.sums == nil && total == nil {
		return
	}
	v := t.row[t.plan.Subject]
	if v == nil {
		return
	}
	id := t.subjectVia.id(t.rowIDs[t.plan.Subject], v)
	if g.Subjects != nil && t.countsSubjects < 0 {
		g.Subjects.add(id) // else counted with its measure, above
	}
	for j, col := range t.sumCols {
		f, ok := ToFloat(t.row[col])
		if len(t.sumCols) > 1 {
			t.sumVals[j] = f // 0 where empty
		}
		if !ok {
			continue
		}
		if g.sums != nil {
			g.sums[j].add(id, f)
		}
		if total != nil {
			total.sums[j].add(id, f)
		}
	}
	if len(t.sumCols) > 1 && t.refine == nil {
		t.foldDiffer(g, id)
		if total != nil {
			t.foldDiffer(total, id)
		}
	}
}

// sumPairs is the number of pairs of summed columns of n: a row showing
// two sums shows their difference, the sum of the differences of its rows.
func sumPairs(n int) int { return n * (n - 1) / 2 }

// addSubject adds id to a list of distinct subjects unless it is 0 (none)
// or the list has limit of them already.
func addSubject(list []uint32, id uint32, limit int) []uint32 {
	if id == 0 || len(list) >= limit || slices.Contains(list, id) {
		return list
	}
	return append(list, id)
}

// foldDiffer counts the row's subject for each pair of its summed columns
// whose values (t.sumVals) differ (see groupState.differ).
func (t *tableRun) foldDiffer(g *groupState, id uint32) {
	p := 0
	for j := range t.sumCols {
		for k := j + 1; k < len(t.sumCols); k, p = k+1, p+1 {
			if t.sumVals[j] == t.sumVals[k] {
				continue
			}
			if g.differ == nil {
				g.differ = make([][]uint32, sumPairs(len(t.sumCols)))
			}
			g.differ[p] = addSubject(g.differ[p], id, t.minCount)
		}
	}
}

// foldTotal counts the row for the total. The total's aggregates are the
// merge of its groups' (mergeTotal), made once at the end instead of folding
// every value twice; without groups the one group is the total.
func (t *tableRun) foldTotal() {
	if len(t.plan.Groups) == 0 {
		t.fold(t.total)
		return
	}
	t.total.rows++
}

// mergeTotal fills the total's aggregates and subjects from the groups'.
// A median's values are copied, so the groups keep theirs.
func (t *tableRun) mergeTotal() {
	if len(t.plan.Groups) == 0 || t.merged {
		return
	}
	t.merged = true
	for _, g := range t.Order {
		for i := range t.plan.Measures {
			t.total.aggs[i].merge(g.aggs[i])
		}
		if g.Subjects != nil && t.total.Subjects != nil && t.countsSubjects < 0 {
			t.total.Subjects.union(g.Subjects)
		}
	}
}

func (t *tableRun) String() string {
	return fmt.Sprintf("section %s: %d rows in, %d kept, %d groups", t.plan.ID, t.rowsIn, t.rowsKept, len(t.Order))
}
