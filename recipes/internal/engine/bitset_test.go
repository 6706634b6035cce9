package engine

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIDSet checks idSet against a map, across the turn from sparse to
// dense and for unions of every mix of the two.
func TestIDSet(t *testing.T) {
	cases := []struct {
		name     string
		n, maxID int
	}{
		{"empty", 0, 1},
		{"few ids, far apart (stays sparse)", 50, 1 << 20},
		{"many ids, close together (turns dense)", 5000, 8000},
		{"ids past the end of the bits", 3000, 200000},
	}
	for _, a := range cases {
		for _, b := range cases {
			t.Run(a.name+" ∪ "+b.name, func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(a.n), uint64(b.maxID)))
				fill := func(n, maxID int) (*idSet, map[uint32]bool) {
					s, want := &idSet{}, map[uint32]bool{}
					for i := range n {
						id := uint32(1 + r.IntN(maxID))
						for range 1 + r.IntN(3) { // a subject's rows often come together
							s.add(id)
						}
						want[id] = true
						if i == n/3 { // read while ids wait
							require.Equal(t, len(want), s.Count(), "count after %d ids", i+1)
						}
					}
					require.Equal(t, len(want), s.Count(), "count")
					return s, want
				}
				sa, wa := fill(a.n, a.maxID)
				sb, wb := fill(b.n, b.maxID)
				for id := range wb {
					wa[id] = true
				}
				sa.union(sb)
				require.Equal(t, len(wa), sa.Count(), "union: count")
				var members []uint32
				sa.members(func(id uint32) bool { members = append(members, id); return true })
				require.True(t, slices.IsSorted(members), "members: want them in order")
				require.Len(t, members, len(wa), "members")
				for _, id := range members {
					require.True(t, wa[id], "members: %d is not in the union", id)
				}
			})
		}
	}
}

// TestIDSetCompact checks that a set costs a few bytes a member however
// many times its ids are added, and lists its members in order.
func TestIDSetCompact(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 3))
	s, want := &idSet{}, map[uint32]bool{}
	for range 200_000 {
		id := uint32(1 + r.IntN(100_000))
		if r.IntN(3) > 0 {
			id = uint32(1 + r.IntN(2000)) // most rows repeat a few
		}
		s.add(id)
		want[id] = true
	}
	require.Equal(t, len(want), s.Count(), "count")
	assert.LessOrEqual(t, int(s.bits.GetSizeInBytes()), 3*len(want), "memory: bytes for %d members, want at most 3 a member", len(want))
	prev, n := uint32(0), 0
	s.members(func(id uint32) bool {
		require.Greater(t, id, prev, "member %d after %d: not in order", id, prev)
		require.True(t, want[id], "member %d: never added", id)
		prev, n = id, n+1
		return true
	})
	assert.Equal(t, len(want), n, "members")
}
