package recipes

import (
	"math/rand/v2"
	"slices"
	"testing"
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
				if !slices.Equal(got, want) {
					t.Fatalf("source %d, run %d, group %d: got atoms %v, want %v", n, k, g, got, want)
				}
				if len(got) > 0 {
					got[0] = -1 // a caller's changes stay its own
					if as.atomsOf(k, g)[0] != want[0] {
						t.Fatalf("source %d: atomsOf handed out its own list", n)
					}
				}
			}
		}
	}
}
