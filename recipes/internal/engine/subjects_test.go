package engine

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/disclosure"
)

// TestSomeSubjects checks that a unit's subjects cut to the min_count
// smallest (someSubjects) make disclosure control withhold exactly what
// every subject does: on random tables with subtotals and a total, whose
// rows hold up to 12 subjects drawn from a small pool (so rows share
// persons), Protect withholds the same units from both.
func TestSomeSubjects(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 4))
	differ := 0
	for n := range 120 {
		minCount := 2 + rng.IntN(5)
		p := &protector{pl: &Plan{MinCount: minCount}}
		rows := 2 + rng.IntN(12)
		var full, cut []disclosure.Unit
		var cells []disclosure.Cell
		v := disclosure.Var{Name: "rows", NonNegative: true, Step: 1}
		addUnit := func(primary disclosure.Reason, rank int, sets []*idSet, atoms []int) {
			u := disclosure.Unit{Name: fmt.Sprint("unit ", len(full)), Primary: primary, Rank: rank}
			var all []uint32
			for _, s := range sets {
				s.members(func(id uint32) bool { all = append(all, id); return true })
			}
			slices.Sort(all)
			u.Subjects = slices.Compact(all)
			u.Cost = float64(len(u.Subjects))
			full = append(full, u)
			u.Subjects = p.someSubjects(sets)
			want := full[len(full)-1].Subjects[:min(minCount, len(full[len(full)-1].Subjects))]
			require.Equal(t, want, u.Subjects, "problem %d: subjects, want the %d smallest", n, minCount)
			cut = append(cut, u)
			value := 0.0
			for _, a := range atoms {
				value += v.Atoms[a]
			}
			cells = append(cells, disclosure.Cell{Unit: len(full) - 1, Atoms: atoms, Value: value, Sensitive: primary != disclosure.Shown})
		}
		var rowSets []*idSet
		for range rows {
			s := &idSet{}
			k := rng.IntN(13)
			for range k {
				s.add(uint32(1 + rng.IntN(30)))
			}
			rowSets = append(rowSets, s)
			v.Atoms = append(v.Atoms, float64(k))
		}
		for i, s := range rowSets {
			reason := disclosure.Shown
			if c := s.Count(); c > 0 && c < minCount {
				reason = disclosure.TooFew
			}
			addUnit(reason, 0, []*idSet{s}, []int{i})
		}
		for b := range 2 {
			var atoms []int
			var sets []*idSet
			for i := b; i < rows; i += 2 {
				atoms, sets = append(atoms, i), append(sets, rowSets[i])
			}
			addUnit(disclosure.Shown, 1, sets, atoms)
		}
		all := make([]int, rows)
		for i := range all {
			all[i] = i
		}
		addUnit(disclosure.Shown, 2, rowSets, all)
		rules := disclosure.Rules{MinCount: minCount}
		want, errWant := disclosure.Protect(&disclosure.Problem{Vars: []disclosure.Var{v}, Units: full, Cells: cells}, rules)
		got, errGot := disclosure.Protect(&disclosure.Problem{Vars: []disclosure.Var{v}, Units: cut, Cells: cells}, rules)
		require.Equal(t, want.Withheld, got.Withheld, "problem %d: withheld", n)
		require.Equal(t, errWant == nil, errGot == nil, "problem %d: error %v, want %v", n, errGot, errWant)
		for i, u := range full {
			if len(u.Subjects) > len(cut[i].Subjects) {
				differ++
			}
		}
	}
	require.GreaterOrEqual(t, differ, 50, "only %d units had more subjects than min_count: the test proves little", differ)
}
