package engine

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/disclosure"
)

// TestSubjectSumsDecides holds a sum's cells to its exact subject totals:
// over random groups of 65 to 3,000 subjects with many rows each (even
// spreads, one or two subjects far above the rest, credit notes, groups
// near the rule's edge), whenever the cells decide, the primary rules on
// the exact totals decide the same; where the cells cannot, the group is
// read again (see refine). Groups far from the edge must be decided.
func TestSubjectSumsDecides(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 5))
	rules := disclosure.Rules{MinCount: 5}
	decided, undecided, dominated := 0, 0, 0
	for n := range 600 {
		subjects := 65 + rng.IntN(3000)
		kind := n % 4
		sums, exact := newSubjectSums(5, false), map[uint32]float64{}
		for range subjects * (1 + rng.IntN(4)) {
			id := uint32(1 + rng.IntN(subjects))
			v := float64(rng.IntN(100_000)) / 100
			switch {
			case kind == 1 && id <= 2:
				v *= float64(subjects) * 3 // two subjects near or past the edge
			case kind == 2 && rng.IntN(20) == 0:
				v = -v // credit notes
			case kind == 3 && id == 1:
				v *= float64(subjects) * float64(rng.IntN(20)) // one subject, sometimes dominant
			}
			sums.add(id, v)
			exact[id] += v
		}
		want := rules.Primary(contribution(slices.Collect(maps.Values(exact)), 2))
		got, ok := sums.reason(rules)
		if want == disclosure.Dominated {
			dominated++
		}
		if !ok {
			assert.NotEqual(t, 0, kind, "group %d: an even spread of %d subjects went undecided", n, len(exact))
			undecided++
			continue
		}
		decided++
		require.Equal(t, want, got, "group %d (%d subjects, kind %d)", n, len(exact), kind)
	}
	const counts = "decided %d, undecided %d, dominated %d of 600: want most decided, and some of each"
	require.GreaterOrEqual(t, decided, 300, counts, decided, undecided, dominated)
	require.NotZero(t, undecided, counts, decided, undecided, dominated)
	require.NotZero(t, dominated, counts, decided, undecided, dominated)
}
