package recipes

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// atomSource records the atoms of one scan of a source: the sets of rows
// that every table run fed by the scan treats alike (the same group, or
// the same fate: left out by the filter, under an alert's threshold, ...).
// Every figure those runs publish is a sum over whole atoms, so two tables
// over the same rows share them, and disclosure control can see that a
// figure of one table is the sum of figures of another. Memory grows with
// the atoms, never with the rows.
type atomSource struct {
	runs []*tableRun
	// sums are the summed quantities besides the row count, by key (see
	// sumKey): runs summing the same values share one.
	sums   []*atomSum
	sumIdx map[string]int
	index  map[string]int32
	key    []byte
	// Per atom: each run's group or fate, a bit per run whose joins missed
	// a partner, and its rows.
	fates     [][]int32
	unmatched []uint64
	rows      []float64
	// byGroup lists, once asked, the atoms of each run's groups: per run,
	// per group idx, in atom order (see atomsOf).
	byGroup [][][]int
}

// atomSum is one summed quantity over the atoms.
type atomSum struct {
	key      string
	from     []sumFrom // the runs whose rows carry the value, and where
	sums     []float64 // per atom
	nonNil   []bool    // per atom: some row had a value
	negative bool      // some row's value was below zero
}

type sumFrom struct{ run, col int }

func newAtomSource(runs []*tableRun) *atomSource {
	as := &atomSource{runs: runs, sumIdx: map[string]int{}, index: map[string]int32{}}
	for k, t := range runs {
		for i := range t.plan.measures {
			m := &t.plan.measures[i]
			if m.fn != "sum" || m.col < 0 {
				continue
			}
			key := sumKey(t, m)
			n, ok := as.sumIdx[key]
			if !ok {
				n = len(as.sums)
				as.sumIdx[key] = n
				as.sums = append(as.sums, &atomSum{key: key})
			}
			as.sums[n].from = append(as.sums[n].from, sumFrom{k, m.col})
		}
	}
	return as
}

// sumKey names what a measure sums, so that two runs summing the same
// values of the same rows share the quantity: a source column, a joined
// column through the same joins, or a derived column by its expression
// (and the period, which an expression may read).
func sumKey(t *tableRun, m *measurePlan) string {
	sec := t.plan
	var joins strings.Builder
	for i, j := range sec.joins {
		fmt.Fprintf(&joins, "%s%v%v;", j.src.name, sec.spec.Join[i].On.Values(), j.left)
	}
	if ref := sec.schema.refs[m.col]; ref != nil {
		if ref.src == sec.from {
			return fmt.Sprintf("col %d", ref.col)
		}
		return fmt.Sprintf("join %s %s %d", joins.String(), ref.src.name, ref.col)
	}
	for _, d := range sec.derives {
		if d.name == sec.schema.names[m.col] {
			return fmt.Sprintf("derive %s %s %s", joins.String(), d.expr.src.Value, t.env["period"])
		}
	}
	return fmt.Sprintf("run %p %d", t, m.col) // shared with no other run
}

// add records the source row every run has just taken.
func (as *atomSource) add() {
	as.key = as.key[:0]
	var miss uint64
	for k, t := range as.runs {
		fate := t.last
		if t.manyRow {
			fate = fateMany
		}
		as.key = binary.LittleEndian.AppendUint32(as.key, uint32(fate))
		if t.unmatchedRow && k < 64 {
			miss |= 1 << k
		}
	}
	as.key = binary.LittleEndian.AppendUint64(as.key, miss)
	a, ok := as.index[string(as.key)]
	if !ok {
		a = int32(len(as.rows))
		as.index[string(as.key)] = a
		fates := make([]int32, len(as.runs))
		for k, t := range as.runs {
			fates[k] = t.last
			if t.manyRow {
				fates[k] = fateMany
			}
		}
		as.fates = append(as.fates, fates)
		as.unmatched = append(as.unmatched, miss)
		as.rows = append(as.rows, 0)
		for _, s := range as.sums {
			s.sums = append(s.sums, 0)
			s.nonNil = append(s.nonNil, false)
		}
	}
	as.rows[a]++
	for _, s := range as.sums {
		for _, f := range s.from {
			if as.fates[a][f.run] < 0 {
				continue
			}
			if v, ok := toFloat(as.runs[f.run].row[f.col]); ok {
				s.sums[a] += v
				s.nonNil[a] = true
				s.negative = s.negative || v < 0
			}
			break
		}
	}
}

// atomsOf are the atoms run k put in group g, in atom order. The atoms of
// every group are listed in one pass the first time: a pack asks for each
// row's atoms, and going through every atom for each of thousands of rows
// took longer than reading the extract.
func (as *atomSource) atomsOf(k int, g int32) []int {
	if as.byGroup == nil {
		as.byGroup = make([][][]int, len(as.runs))
		for a, f := range as.fates {
			for r, gi := range f {
				if gi < 0 {
					continue
				}
				if int(gi) >= len(as.byGroup[r]) {
					as.byGroup[r] = append(as.byGroup[r], make([][]int, int(gi)+1-len(as.byGroup[r]))...)
				}
				as.byGroup[r][gi] = append(as.byGroup[r][gi], a)
			}
		}
	}
	if g < 0 || int(g) >= len(as.byGroup[k]) {
		return nil
	}
	return slices.Clone(as.byGroup[k][g])
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
