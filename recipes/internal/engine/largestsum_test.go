package engine

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLargestSum holds the one-pass selection to the sort it replaces:
// the n largest, added largest first, give the same bits.
func TestLargestSum(t *testing.T) {
	sorted := func(values []float64, n int) float64 {
		c := slices.Clone(values)
		slices.SortFunc(c, func(a, b float64) int { return cmpFloat(b, a) })
		sum := 0.0
		for _, v := range c[:min(n, len(c))] {
			sum += v
		}
		return sum
	}
	cases := []struct {
		name   string
		values []float64
		n      int
		want   float64
	}{
		{"none", nil, 2, 0},
		{"fewer values than n", []float64{3, 1}, 5, 4},
		{"the two largest of five", []float64{1, 9, 4, 9, 2}, 2, 18},
		{"n is zero", []float64{1, 2}, 0, 0},
		{"ties and zeros", []float64{0, 5, 5, 0, 5}, 2, 10},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, largestSum(c.values, c.n), c.name)
	}
	rng := rand.New(rand.NewPCG(3, 7))
	for range 500 {
		values := make([]float64, rng.IntN(70))
		for i := range values {
			values[i] = rng.Float64() * 1e6
		}
		n := rng.IntN(6)
		assert.Equal(t, sorted(values, n), largestSum(values, n), "n = %d of %d values", n, len(values))
	}
}
