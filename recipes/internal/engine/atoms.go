package engine

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mipack/mipack/recipes/internal/expr"
)

// atomSource records the atoms of one scan of a source: the sets of rows
// that every table run fed by the scan treats alike (the same group, or
// the same fate: left out by the filter, under an alert's threshold, ...).
// Every figure those runs publish is a sum over whole atoms, so two tables
// over the same rows share them, and disclosure control can see that a
// figure of one table is the sum of figures of another. Memory grows with
// the atoms, never with the rows.
type atomSource struct {
	src  *SourcePlan
	runs []*tableRun
	// recs are the reconciles whose side this scan reads after the other:
	// each row's class is its fate there.
	recs []*reconcileRun
	// sums are the summed quantities besides the row count, by key (see
	// measureSource): runs summing the same values share one.
	sums   []*atomSum
	sumIdx map[string]int
	index  atomIndex
	width  int // bytes in a row's key (see appendKey)
	// Recorded rows on their way to the atoms' goroutine (see record).
	cur        *atomBatch
	full, free chan *atomBatch
	done       chan struct{}
	// Per atom: each run's group or fate, a bit per run whose joins missed
	// a partner, its rows, and its row bits (see rowBit).
	fates     [][]int32
	unmatched []uint64
	rows      []float64
	bitsOf    []uint64
	// bits are the row bits every row's key holds; bitIdx finds a
	// measure's, by run and measure.
	bits   []runBit
	bitIdx map[[2]int]int
	// nilIdx finds, by run and measure, the bit of the rows where the
	// measure's column has a value.
	nilIdx map[[2]int]int
	// sources holds what each sum and count takes (see measureSourceOf),
	// by run and measure, worked out once; untied marks those whose row
	// bit found no room among the 64 (see linkedMeasure).
	sources map[[2]int]measureSource
	untied  map[[2]int]bool
	// byFate indexes the atoms by run and fate (see atomsOf).
	byFate []map[int32][]int
	// subjectOf is the run whose rows give each row's subject, nil where
	// no run reads the subject from this source itself (a subject that
	// comes through a join is not known by atom). subjects lists, per
	// atom, up to minCount distinct subjects of its rows (see
	// subjectLists).
	subjectOf *tableRun
	minCount  int
	subjects  subjectLists
}

// atomSum is one summed quantity over the atoms.
type atomSum struct {
	key      string
	from     []sumFrom    // the runs whose rows carry the value, and where
	sums     []float64    // per atom
	nonNil   []bool       // per atom: some row had a value
	negative bool         // some row's value was below zero
	subjects subjectLists // per atom: up to minCount subjects with a value
}

// sumFrom is where a summed value is: column col of run run's row, or of
// reconcile rec's row where run is -1.
type sumFrom struct{ run, rec, col int }

func newAtomSource(src *SourcePlan, runs []*tableRun, recs []*reconcileRun, minCount int) *atomSource {
	as := &atomSource{src: src, runs: runs, recs: recs, sumIdx: map[string]int{}, width: 4*(len(runs)+len(recs)) + 8, minCount: minCount}
	for _, t := range runs {
		sec := t.plan
		if t.controlled && sec.Subject >= 0 && sec.Schema.Refs[sec.Subject] != nil && sec.Schema.Refs[sec.Subject].Src == sec.From {
			as.subjectOf = t
			break
		}
	}
	as.bitIdx, as.nilIdx = map[[2]int]int{}, map[[2]int]int{}
	as.sources, as.untied = map[[2]int]measureSource{}, map[[2]int]bool{}
	for k, t := range runs {
		for i := range t.plan.Measures {
			m := &t.plan.Measures[i]
			if m.Fn != AggSum && m.Fn != AggCount {
				continue
			}
			ms := measureSourceOf(t, m)
			as.sources[[2]int{k, i}] = ms
			if ms.bit != nil {
				b := as.bitFor(k, *ms.bit)
				if b < 0 {
					as.untied[[2]int{k, i}] = true // no bit left: described alone
					continue
				}
				as.bitIdx[[2]int{k, i}] = b
			}
			if ms.key != "rows" {
				s := as.sumOf(ms.key)
				s.from = append(s.from, sumFrom{k, -1, ms.col})
			}
		}
	}
	// The rows with no value in a measure's column, which a note counts
	// (see nilsAtoms), take the bits the figures have left: a note
	// without its bit loses its count, a figure without its bit would
	// lose its ties.
	for k, t := range runs {
		for i := range t.plan.Measures {
			m := &t.plan.Measures[i]
			if m.Col < 0 {
				continue
			}
			if b := as.bitFor(k, rowBit{col: m.Col, number: m.Fn == AggSum || m.Fn == AggMean}); b >= 0 {
				as.nilIdx[[2]int{k, i}] = b
			}
		}
	}
	if len(as.bits) > 0 {
		as.width += 8
	}
	for k, r := range recs {
		for _, c := range r.sideNums(src) {
			as.sumOf(fmt.Sprintf("col %d", c)).from = append(as.sumOf(fmt.Sprintf("col %d", c)).from, sumFrom{-1, k, c})
		}
	}
	return as
}

// bitFor is the index of run k's row bit rb, made where there is none
// yet, or -1 where the 64 a key holds are taken.
func (as *atomSource) bitFor(k int, rb rowBit) int {
	b := slices.IndexFunc(as.bits, func(x runBit) bool { return x.run == k && x.rowBit == rb })
	if b < 0 && len(as.bits) < 64 {
		b = len(as.bits)
		as.bits = append(as.bits, runBit{k, rb})
	}
	return b
}

// sumOf is the summed quantity of key, made where there is none yet.
func (as *atomSource) sumOf(key string) *atomSum {
	n, ok := as.sumIdx[key]
	if !ok {
		n = len(as.sums)
		as.sumIdx[key] = n
		as.sums = append(as.sums, &atomSum{key: key})
	}
	return as.sums[n]
}

// measureSource says which quantity of a scan's atoms a measure's figure
// sums, and over which of its group's rows.
type measureSource struct {
	// key names the quantity: "rows", or a sum's (see sumOf); col is where
	// a run's row holds the value summed.
	key string
	col int
	// scale is what the quantity's sum is multiplied by for the figure.
	scale float64
	// bit, where set, says which of the group's rows the figure takes:
	// count(col) the rows where col has a value, a sum of a share (see
	// expr.Share) the rows where the share was taken. Nil: all of them.
	bit *rowBit
}

// rowBit is a test of a row a run has kept: col has a value (taken is
// false), or the share col took column raw (taken is true; factor is the
// share's, see expr.Share).
type rowBit struct {
	col, raw int
	factor   float64
	taken    bool
	// number asks for a value a sum takes: a finite number, as sumAgg
	// counts one (the note on empty values counts the rest).
	number bool
}

// runBit is a row bit of one run.
type runBit struct {
	run int
	rowBit
}

// measureSourceOf names what measure m (a sum, or a count) of run t takes,
// so that two runs summing the same values of the same rows share the
// quantity: the rows; a source column; a joined column through the same
// joins; a derived column by its expression (and the period, which an
// expression may read). A derived column that is a source column times a
// constant (cost_per_day * 365, see expr.Scale) is that column's quantity,
// scaled; one that is such a column on some rows and nothing on the
// others (amount < 1000 ? amount : nil, see expr.Share) is that column's
// quantity over the rows where it is taken.
func measureSourceOf(t *tableRun, m *MeasurePlan) measureSource {
	sec := t.plan
	if m.Fn == AggCount {
		ms := measureSource{key: "rows", col: -1, scale: 1}
		if m.Col >= 0 {
			ms.bit = &rowBit{col: m.Col}
		}
		return ms
	}
	var joins strings.Builder
	for i, j := range sec.Joins {
		fmt.Fprintf(&joins, "%s%v%v;", j.Src.Name, sec.Written.JoinOn[i], j.Left)
	}
	if ref := sec.Schema.Refs[m.Col]; ref != nil {
		if ref.Src == sec.From {
			return measureSource{key: fmt.Sprintf("col %d", ref.Col), col: m.Col, scale: 1}
		}
		return measureSource{key: fmt.Sprintf("join %s %s %d", joins.String(), ref.Src.Name, ref.Col), col: m.Col, scale: 1}
	}
	for _, d := range sec.Derives {
		if d.Name != sec.Schema.Names[m.Col] {
			continue
		}
		node := d.Expr.Prog.Node()
		if name, k, ok := expr.Scale(node); ok {
			if i := sourceColumn(sec, name); i >= 0 && i != m.Col {
				return measureSource{key: fmt.Sprintf("col %d", sec.Schema.Refs[i].Col), col: i, scale: k}
			}
		}
		if name, k, ok := expr.Share(node); ok {
			if i := sourceColumn(sec, name); i >= 0 && i != m.Col {
				return measureSource{key: fmt.Sprintf("col %d", sec.Schema.Refs[i].Col), col: i, scale: k, bit: &rowBit{col: m.Col, raw: i, factor: k, taken: true}}
			}
		}
		// An expression may read other derived columns, by name: the key
		// holds every derived column of the section, so that two
		// sections share the quantity only where all of them agree.
		var derives strings.Builder
		for _, o := range sec.Derives {
			fmt.Fprintf(&derives, "%q=%q;", o.Name, o.Expr.Text)
		}
		return measureSource{key: fmt.Sprintf("derive %s %s %s %s", joins.String(), derives.String(), d.Expr.Text, t.env["period"]), col: m.Col, scale: 1}
	}
	return measureSource{key: fmt.Sprintf("run %p %d", t, m.Col), col: m.Col, scale: 1} // shared with no other run
}

// sourceColumn is the schema index of the column called name where it is
// a column of the section's own source, else -1.
func sourceColumn(sec *SectionPlan, name string) int {
	i := sec.Schema.Index(name)
	if i < 0 || sec.Schema.Refs[i] == nil || sec.Schema.Refs[i].Src != sec.From {
		return -1
	}
	return i
}

// test reports whether the row run t has just kept passes the bit. A
// share that is nothing (nil, or 0 where the column is not 0) did not
// take the column; any other value did. Comparing the value with factor ×
// the column instead would fail where the expression's arithmetic rounds
// otherwise (amount / 12 is not always amount × (1/12)).
func (b *rowBit) test(t *tableRun) bool {
	v := t.row[b.col]
	if b.number {
		switch x := v.(type) {
		case int, int64:
			return true
		case float64:
			return !math.IsNaN(x) && !math.IsInf(x, 0)
		}
		return false
	}
	if !b.taken || v == nil {
		return v != nil
	}
	if f, ok := ToFloat(v); ok && f != 0 {
		return true
	}
	raw, ok := ToFloat(t.row[b.raw])
	return ok && raw == 0 // 0 taken from a column of 0, or 0 for nothing: alike in every sum
}

// The atoms are counted on a goroutine of their own, so that a council
// pack's scan uses a core more: the scanning goroutine records each row's
// key and summed values in a batch (record), and the atoms' goroutine adds
// the batches in the order they were recorded (apply), row by row as
// before, so every atom and every sum comes out the same.

// atomBatchRows is how many rows a batch of recorded rows holds.
const atomBatchRows = 1024

// atomBatch is rows recorded but not yet added to the atoms.
type atomBatch struct {
	keys []byte    // each row's key (see appendKey), one width after the other
	vals []float64 // each row's value of every sum, len(sums) of them a row
	has  []bool    // whether the row had that value
	subj []uint32  // each row's subject, 0 for none (or none known)
}

// fate is run t's fate for the row it has just taken, as the atoms see it.
func fate(t *tableRun) int32 {
	if t.manyRow {
		return fateMany
	}
	return t.last
}

// appendKey appends the key of the row every run has just taken: each
// run's fate, each reconcile's class, and a bit per run whose joins missed
// a partner.
func (as *atomSource) appendKey(key []byte) []byte {
	var miss uint64
	for k, t := range as.runs {
		key = binary.LittleEndian.AppendUint32(key, uint32(fate(t)))
		if t.unmatchedRow && k < 64 {
			miss |= 1 << k
		}
	}
	for _, r := range as.recs {
		key = binary.LittleEndian.AppendUint32(key, uint32(r.lastClass))
	}
	key = binary.LittleEndian.AppendUint64(key, miss)
	if len(as.bits) == 0 {
		return key
	}
	var bits uint64
	for b := range as.bits {
		t := as.runs[as.bits[b].run]
		if fate(t) >= 0 && as.bits[b].test(t) {
			bits |= 1 << b
		}
	}
	return binary.LittleEndian.AppendUint64(key, bits)
}

// record records the source row every run has just taken.
func (as *atomSource) record() {
	if as.cur == nil {
		as.cur = as.newBatch()
	}
	b := as.cur
	b.keys = as.appendKey(b.keys)
	b.subj = append(b.subj, as.subject())
	for _, s := range as.sums {
		v, ok := 0.0, false
		for _, f := range s.from {
			row := as.recRow(f)
			if f.run >= 0 {
				if fate(as.runs[f.run]) < 0 {
					continue
				}
				row = as.runs[f.run].row
			}
			v, ok = ToFloat(row[f.col])
			break
		}
		b.vals = append(b.vals, v)
		b.has = append(b.has, ok)
	}
	if len(b.keys) == atomBatchRows*as.width {
		as.send(b)
		as.cur = nil
	}
}

// subject is the id of the subject of the row every run has just taken,
// 0 where it has none or none is known. The row a run copied from the
// source holds the subject whatever the run's fate for it.
func (as *atomSource) subject() uint32 {
	t := as.subjectOf
	if t == nil {
		return 0
	}
	col := t.plan.Subject
	if t.row[col] == nil {
		return 0
	}
	return t.subjectVia.id(t.rowIDs[col], t.row[col])
}

// subjectLists keeps, per atom, up to limit distinct subjects: any limit
// of them tell whether the atoms of a difference describe limit subjects
// in all, as all of them do (disclosure.Var.Subjects). The first few of an
// atom lie in one flat array, inline ids a slot, so that an atom costs a
// few bytes and no allocation of its own; an atom with more (a min_count
// over inline) keeps the rest in a list of its own.
type subjectLists struct {
	limit int
	ids   []uint32 // atom a's first ids at a*inline
	n     []int32  // how many of them atom a has (a min_count may pass 255)
	more  map[int32][]uint32
}

// inlineSubjects is how many subjects an atom keeps in the flat array.
const inlineSubjects = 8

// grow adds an atom with no subjects.
func (l *subjectLists) grow(limit int) {
	l.limit = limit
	l.ids = append(l.ids, make([]uint32, inlineSubjects)...)
	l.n = append(l.n, 0)
}

// add adds id to atom a's subjects, unless it is 0 (none), there already,
// or the atom has limit of them.
func (l *subjectLists) add(a int32, id uint32) {
	n := int(l.n[a])
	if id == 0 || n >= l.limit {
		return
	}
	first := l.ids[int(a)*inlineSubjects:][:min(n, inlineSubjects)]
	if slices.Contains(first, id) || slices.Contains(l.more[a], id) {
		return
	}
	if n < inlineSubjects {
		first[:n+1][n] = id
	} else {
		if l.more == nil {
			l.more = map[int32][]uint32{}
		}
		l.more[a] = append(l.more[a], id)
	}
	l.n[a]++
}

// Of lists atom x's subjects.
func (l *subjectLists) Of(x int) []uint32 {
	n := int(l.n[x])
	first := l.ids[x*inlineSubjects:][:min(n, inlineSubjects)]
	if n <= inlineSubjects {
		return first
	}
	return append(slices.Clone(first), l.more[int32(x)]...)
}

// newBatch is an empty batch, a recycled one once the atoms' goroutine
// has handed one back.
func (as *atomSource) newBatch() *atomBatch {
	select {
	case b := <-as.free:
		b.keys, b.vals, b.has, b.subj = b.keys[:0], b.vals[:0], b.has[:0], b.subj[:0]
		return b
	default:
		return &atomBatch{}
	}
}

// send hands a full batch to the atoms' goroutine, starting it with the
// first.
func (as *atomSource) send(b *atomBatch) {
	if as.full == nil {
		as.full = make(chan *atomBatch, 4)
		as.free = make(chan *atomBatch, 8)
		as.done = make(chan struct{})
		go func() {
			defer close(as.done)
			for b := range as.full {
				as.apply(b)
				select {
				case as.free <- b:
				default:
				}
			}
		}()
	}
	as.full <- b
}

// wait adds every row recorded so far to the atoms and stops the atoms'
// goroutine; the atoms may be read after it returns.
func (as *atomSource) wait() {
	if as.full != nil {
		close(as.full)
		<-as.done
		as.full = nil
	}
	if as.cur != nil {
		as.apply(as.cur)
		as.cur = nil
	}
}

// apply adds a batch's rows to the atoms, in order.
func (as *atomSource) apply(b *atomBatch) {
	w, n := as.width, len(as.sums)
	for i := 0; i*w < len(b.keys); i++ {
		key := b.keys[i*w : (i+1)*w]
		a, ok := as.index.find(key)
		if !ok {
			k := len(as.runs) + len(as.recs)
			fates := make([]int32, k)
			for j := range fates {
				fates[j] = int32(binary.LittleEndian.Uint32(key[4*j:]))
			}
			as.fates = append(as.fates, fates)
			as.unmatched = append(as.unmatched, binary.LittleEndian.Uint64(key[4*k:]))
			if len(as.bits) > 0 {
				as.bitsOf = append(as.bitsOf, binary.LittleEndian.Uint64(key[4*k+8:]))
			}
			as.rows = append(as.rows, 0)
			as.subjects.grow(as.minCount)
			for _, s := range as.sums {
				s.sums = append(s.sums, 0)
				s.nonNil = append(s.nonNil, false)
				s.subjects.grow(as.minCount)
			}
		}
		as.rows[a]++
		id := b.subj[i]
		as.subjects.add(a, id)
		for j, s := range as.sums {
			if !b.has[i*n+j] {
				continue
			}
			v := b.vals[i*n+j]
			s.sums[a] += v
			s.nonNil[a] = true
			s.negative = s.negative || v < 0
			s.subjects.add(a, id)
		}
	}
}

// atomsOf are the atoms run k put in group g, from an index made once
// per run (the first call), so that describing a table costs its atoms,
// not its cells times its atoms.
func (as *atomSource) atomsOf(k int, g int32) []int {
	if as.byFate == nil {
		as.byFate = make([]map[int32][]int, len(as.runs)+len(as.recs))
	}
	if as.byFate[k] == nil {
		m := map[int32][]int{}
		for a, f := range as.fates {
			m[f[k]] = append(m[f[k]], a)
		}
		as.byFate[k] = m
	}
	if g < 0 {
		return nil // a fate is no group
	}
	return slices.Clone(as.byFate[k][g])
}

// withBit are the atoms of the list whose rows pass run k's bit for
// measure i (see measureSource), all of them where the measure has none.
func (as *atomSource) withBit(k, i int, atoms []int) []int {
	b, ok := as.bitIdx[[2]int{k, i}]
	if !ok {
		return atoms
	}
	return as.byBit(atoms, b, true)
}

// nilsAtoms are the atoms of the rows run k kept with no value in
// measure i's column, false where the scan has no bit for them.
func (as *atomSource) nilsAtoms(k, i int, kept []int) ([]int, bool) {
	b, ok := as.nilIdx[[2]int{k, i}]
	if !ok {
		return nil, false
	}
	return as.byBit(kept, b, false), true
}

// byBit are the atoms of the list whose row bit b is set (or, with set
// false, not set).
func (as *atomSource) byBit(atoms []int, b int, set bool) []int {
	var out []int
	for _, a := range atoms {
		if (as.bitsOf[a]&(1<<b) != 0) == set {
			out = append(out, a)
		}
	}
	return out
}

// source is what measure i of run k takes, a sum or a count.
func (as *atomSource) source(k, i int) measureSource {
	return as.sources[[2]int{k, i}]
}

// linkedMeasure reports whether measure i of run k is described over the
// atoms: false for one whose row bit found no room among the 64.
func (as *atomSource) linkedMeasure(k, i int) bool {
	return !as.untied[[2]int{k, i}]
}

// atomsWhere are the atoms whose fate in run k passes keep.
func (as *atomSource) atomsWhere(k int, keep func(fate int32, miss bool) bool) []int {
	var out []int
	for a, f := range as.fates {
		if keep(f[k], k < 64 && as.unmatched[a]&(1<<k) != 0) {
			out = append(out, a)
		}
	}
	return out
}

func (as *atomSource) recRow(f sumFrom) []any {
	if f.rec < 0 {
		return nil
	}
	return as.recs[f.rec].lastRow
}

// atomsOfClass are the atoms reconcile k (of recs) put in class c.
func (as *atomSource) atomsOfClass(k int, c int32) []int {
	return as.atomsOf(len(as.runs)+k, c)
}

// atomIndex numbers the atoms by their keys (see atomSource.add), which
// all have one width, a multiple of four bytes: 0, 1, 2, ... in the order
// first met. The keys lie one after the other in one array and the table
// holds their numbers, open-addressed, so a row costs one hash of a few
// words and one comparison, where a map of strings cost a lookup of a
// string made for it.
type atomIndex struct {
	keys  []byte  // atom a's key at a*width
	slots []int32 // an atom's number + 1, 0 for an empty slot; a power of two of them, at most half full
	n     int32
}

// find returns the number of key's atom; ok is false when key is new and
// was given the next number.
func (x *atomIndex) find(key []byte) (a int32, ok bool) {
	if x.slots == nil {
		x.slots = make([]int32, 64)
	}
	w := len(key)
	mask := uint64(len(x.slots) - 1)
	for i := hashKey(key) & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			break
		}
		if string(x.keys[int(s-1)*w:int(s)*w]) == string(key) {
			return s - 1, true
		}
	}
	a = x.n
	x.n++
	x.keys = append(x.keys, key...)
	if 2*int(x.n) > len(x.slots) {
		x.grow(w)
	} else {
		x.place(hashKey(key), a)
	}
	return a, false
}

// place puts atom a, whose key hashes to h, in the first free slot.
func (x *atomIndex) place(h uint64, a int32) {
	mask := uint64(len(x.slots) - 1)
	i := h & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = a + 1
}

// grow doubles the table and places every atom again.
func (x *atomIndex) grow(w int) {
	x.slots = make([]int32, 2*len(x.slots))
	for a := range x.n {
		x.place(hashKey(x.keys[int(a)*w:int(a+1)*w]), a)
	}
}

// hashKey mixes a key of four-byte words.
func hashKey(k []byte) uint64 {
	h := uint64(len(k))
	for ; len(k) >= 8; k = k[8:] {
		h = (h ^ binary.LittleEndian.Uint64(k)) * 0x9e3779b97f4a7c15
		h ^= h >> 29
	}
	if len(k) >= 4 {
		h = (h ^ uint64(binary.LittleEndian.Uint32(k))) * 0x9e3779b97f4a7c15
	}
	return h ^ h>>32
}
