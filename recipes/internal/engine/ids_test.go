package engine

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestGroupTable(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var gt groupTable
	want := map[[2]uint32]*groupState{}
	for range 200_000 {
		a, b := uint32(r.IntN(300)), uint32(1+r.IntN(4096))
		if r.IntN(50) == 0 {
			a = uint32(r.IntN(2 * maxByIDs)) // far ids, which the budget refuses
		}
		key := [2]uint32{a, b}
		require.Same(t, want[key], gt.get(a, b), "get(%d, %d)", a, b)
		if want[key] != nil {
			continue
		}
		g := &groupState{}
		gt.put(a, b, g)
		if gt.get(a, b) == g {
			want[key] = g
		}
		require.LessOrEqual(t, gt.n, maxByIDs, "slots past the budget")
		require.LessOrEqual(t, len(gt.far), maxByIDs, "far ids past the budget")
	}
	require.Greater(t, len(gt.far), 1000, "no ids went to the map")
	require.Greater(t, len(want), 60_000, "the table remembered too little to test")
}

// TestGroupTableGrowsByDoubling puts ids in the order a reader gives them
// (1, 2, 3, ...) up to the table's bound: the rows must double, not grow
// by one slot per id, which would copy the row for every new group.
func TestGroupTableGrowsByDoubling(t *testing.T) {
	for _, a := range []uint32{0, 1} {
		var gt groupTable
		g := &groupState{}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for b := uint32(1); b < maxByIDs; b++ {
			gt.put(a, b, g)
		}
		runtime.ReadMemStats(&after)
		allocs := after.Mallocs - before.Mallocs
		require.Less(t, allocs, uint64(100), "row %d: allocations for %d ids", a, maxByIDs-1)
		for b := uint32(1); b < maxByIDs; b++ {
			require.Same(t, g, gt.get(a, b), "id %d", b)
		}
	}
}
