package recipes

import (
	"math/rand/v2"
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
					for range n {
						id := uint32(1 + r.IntN(maxID))
						s.add(id)
						want[id] = true
					}
					if got := s.count(); got != len(want) {
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
				if got := sa.count(); got != len(wa) {
					t.Fatalf("union: got %d, want %d", got, len(wa))
				}
			})
		}
	}
}

// TestIDSetTurnsDense checks that a set that holds most ids up to its
// largest keeps them as bits, one that holds few keeps a map, and one that
// turned dense early goes back to a map when far ids come late, rather
// than keeping bits up to the largest.
func TestIDSetTurnsDense(t *testing.T) {
	early := &idSet{}
	for id := uint32(1); id <= 200; id++ {
		early.add(id)
	}
	if early.dense == nil {
		t.Fatalf("200 ids of 200: got a map, want bits")
	}
	for k := uint32(1); k <= 10; k++ {
		early.add(k * 1_000_000)
	}
	if early.dense != nil || early.count() != 210 {
		t.Errorf("after 10 ids up to 10,000,000: got %d words of bits and %d members, want a map of 210", len(early.dense), early.count())
	}
	dense, sparse := &idSet{}, &idSet{}
	for id := uint32(1); id <= 10000; id++ {
		dense.add(id)
		if id%1000 == 0 {
			sparse.add(id * 1000)
		}
	}
	if dense.dense == nil || dense.sparse != nil {
		t.Errorf("10,000 ids of 10,000: got sparse %d entries, want bits", len(dense.sparse))
	}
	if sparse.dense != nil {
		t.Errorf("10 ids up to 10,000,000: got %d words of bits, want a map", len(sparse.dense))
	}
}
