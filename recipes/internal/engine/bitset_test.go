package engine

import (
	"math/rand/v2"
	"slices"
	"testing"
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
						if i == n/3 && s.Count() != len(want) { // read while ids wait
							t.Fatalf("count after %d ids: got %d, want %d", i+1, s.Count(), len(want))
						}
					}
					if got := s.Count(); got != len(want) {
						t.Fatalf("count: got %d, want %d", got, len(want))
					}
					return s, want
				}
				sa, wa := fill(a.n, a.maxID)
				sb, wb := fill(b.n, b.maxID)
				for id := range wb {
					wa[id] = true
				}
				sa.union(sb)
				if got := sa.Count(); got != len(wa) {
					t.Fatalf("union: got %d, want %d", got, len(wa))
				}
				var members []uint32
				sa.members(func(id uint32) bool { members = append(members, id); return true })
				if !slices.IsSorted(members) || len(members) != len(wa) {
					t.Fatalf("members: %d, sorted %v; want %d in order", len(members), slices.IsSorted(members), len(wa))
				}
				for _, id := range members {
					if !wa[id] {
						t.Fatalf("members: %d is not in the union", id)
					}
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
	if got := s.Count(); got != len(want) {
		t.Fatalf("count: got %d, want %d", got, len(want))
	}
	if got := int(s.bits.GetSizeInBytes()); got > 3*len(want) {
		t.Errorf("memory: got %d bytes for %d members, want at most 3 a member", got, len(want))
	}
	prev, n := uint32(0), 0
	s.members(func(id uint32) bool {
		if id <= prev || !want[id] {
			t.Fatalf("member %d after %d: not in order, or never added", id, prev)
		}
		prev, n = id, n+1
		return true
	})
	if n != len(want) {
		t.Errorf("members: got %d, want %d", n, len(want))
	}
}
