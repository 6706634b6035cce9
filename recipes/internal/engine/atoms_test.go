package engine

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAtomsOf holds atomsOf, which lists every group's atoms in one pass,
// to going through every atom for the group asked about.
func TestAtomsOf(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 2))
	for n := range 50 {
		runs, groups := 1+rng.IntN(3), 1+rng.IntN(20)
		as := &atomSource{runs: make([]*tableRun, runs)}
		for range rng.IntN(300) {
			f := make([]int32, runs)
			for k := range f {
				f[k] = int32(rng.IntN(groups+4)) - 4 // fates below zero too
			}
			as.fates = append(as.fates, f)
		}
		for k := range runs {
			for g := int32(-4); g <= int32(groups); g++ {
				var want []int
				for a, f := range as.fates {
					if f[k] == g && g >= 0 {
						want = append(want, a)
					}
				}
				got := as.atomsOf(k, g)
				require.Equal(t, want, got, "source %d, run %d, group %d: atoms", n, k, g)
				if len(got) > 0 {
					got[0] = -1 // a caller's changes stay its own
					require.Equal(t, want[0], as.atomsOf(k, g)[0], "source %d: atomsOf handed out its own list", n)
				}
			}
		}
	}
}

// TestAtomBatches holds the atoms counted on their own goroutine, in
// batches, to the atoms worked out here row by row: the same atoms in the
// same order, the same rows and the same sums, to the last bit. Rows
// enough for several batches make the goroutine run.
func TestAtomBatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, n := range []int{0, 1, atomBatchRows - 1, atomBatchRows, 5*atomBatchRows + 17} {
		runs := []*tableRun{{row: make([]any, 1)}, {row: make([]any, 1)}}
		as := &atomSource{runs: runs, width: 4*len(runs) + 8,
			// A run's value counts where its row got a group; the second
			// run's where the first left the row out.
			sums: []*atomSum{{from: []sumFrom{{run: 0, rec: -1, col: 0}, {run: 1, rec: -1, col: 0}}}}}
		type want struct {
			rows   float64
			sum    float64
			nonNil bool
		}
		index := map[[3]int64]int{}
		var wants []want
		var keys [][3]int64
		negative := false
		for range n {
			for _, r := range runs {
				r.last, r.manyRow, r.unmatchedRow = int32(rng.IntN(6))-3, rng.IntN(9) == 0, rng.IntN(5) == 0
				r.row[0] = nil
				if rng.IntN(4) > 0 {
					r.row[0] = float64(rng.IntN(2001)-1000) / 8
				}
			}
			as.record()
			key := [3]int64{int64(fate(runs[0])), int64(fate(runs[1])), 0}
			for k, r := range runs {
				if r.unmatchedRow {
					key[2] |= 1 << k
				}
			}
			a, ok := index[key]
			if !ok {
				a = len(wants)
				index[key] = a
				wants = append(wants, want{})
				keys = append(keys, key)
			}
			wants[a].rows++
			for _, r := range runs {
				if fate(r) < 0 {
					continue
				}
				if v, ok := r.row[0].(float64); ok {
					wants[a].sum += v
					wants[a].nonNil = true
					negative = negative || v < 0
				}
				break
			}
		}
		as.wait()
		require.Len(t, as.rows, len(wants), "%d rows: atoms", n)
		s := as.sums[0]
		for a, w := range wants {
			k := keys[a]
			require.Equal(t, k, [3]int64{int64(as.fates[a][0]), int64(as.fates[a][1]), int64(as.unmatched[a])}, "%d rows, atom %d: key", n, a)
			require.Equal(t, w, want{rows: as.rows[a], sum: s.sums[a], nonNil: s.nonNil[a]}, "%d rows, atom %d: rows, sum and whether a value counted", n, a)
		}
		require.Equal(t, negative, s.negative, "%d rows: negative", n)
	}
}

// TestSubjectLists holds the flat lists to plain ones: each atom keeps
// its first limit distinct subjects (0 is none), past the inline slots too.
func TestSubjectLists(t *testing.T) {
	for _, limit := range []int{1, 5, inlineSubjects, inlineSubjects + 3, 30, 300} {
		rng := rand.New(rand.NewPCG(uint64(limit), 3))
		var l subjectLists
		var want [][]uint32
		for range 400 + 10*limit {
			a := rng.IntN(min(len(want)+1, 3))
			if a == len(want) {
				l.grow(limit)
				want = append(want, nil)
			}
			id := uint32(rng.IntN(40 + limit))
			l.add(int32(a), id)
			if id != 0 && len(want[a]) < limit && !slices.Contains(want[a], id) {
				want[a] = append(want[a], id)
			}
		}
		for a := range want {
			assert.ElementsMatch(t, want[a], l.Of(a), "limit %d, atom %d", limit, a)
		}
	}
}
