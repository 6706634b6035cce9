package disclosure

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// TestSimplexAgreesWithGonum holds the audit's own simplex to gonum's on
// random programs of the audit's shape: sums of atoms between bounds,
// atoms not negative or free, some figures exact and some rounded, some
// atoms in no equation, the objective a random set of atoms.
func TestSimplexAgreesWithGonum(t *testing.T) {
	gonumFailed := 0
	defer func() {
		assert.LessOrEqual(t, gonumFailed, 30, "gonum found %d of 6000 feasible programs infeasible", gonumFailed)
	}()
	for seed := range uint64(3000) {
		rng := rand.New(rand.NewPCG(seed, 11))
		n := 1 + rng.IntN(10)
		free := rng.IntN(3) == 0
		truth := make([]float64, n)
		for i := range truth {
			truth[i] = float64(rng.IntN(1000)) / 4
			if free && rng.IntN(2) == 0 {
				truth[i] = -truth[i]
			}
		}
		m := 1 + rng.IntN(8)
		cols := n
		if free {
			cols = 2 * n
		}
		A := make([][]float64, 2*m)
		b := make([]float64, 2*m)
		for k := range m {
			up, down := make([]float64, cols+2*m), make([]float64, cols+2*m)
			v := 0.0
			for j := range n {
				if rng.IntN(2) == 0 {
					up[j], down[j] = 1, 1
					if free {
						up[n+j], down[n+j] = -1, -1
					}
					v += truth[j]
				}
			}
			tol := []float64{0, 0.005, 0.5}[rng.IntN(3)]
			up[cols+2*k] = 1
			down[cols+2*k+1] = -1
			A[2*k], A[2*k+1] = up, down
			b[2*k], b[2*k+1] = v+tol, v-tol
		}
		c := make([]float64, cols+2*m)
		for j := range n {
			if rng.IntN(2) == 0 {
				c[j] = 1
				if free {
					c[n+j] = -1
				}
			}
		}
		for _, sign := range []float64{1, -1} {
			cs := make([]float64, len(c))
			for j := range c {
				cs[j] = sign * c[j]
			}
			got, status := simplex(cs, A, b)
			require.NotEqual(t, lpInfeasible, status, "seed %d sign %v: got infeasible, but the true atoms satisfy every equation", seed, sign)
			want, wantStatus := gonumSimplex(cs, A, b)
			if wantStatus == lpInfeasible {
				// gonum's revised simplex gives up on a few degenerate
				// programs that the true atoms show to be feasible.
				gonumFailed++
				continue
			}
			require.Equal(t, wantStatus, status, "seed %d sign %v: status, against gonum", seed, sign)
			if status == lpOptimal {
				require.InDelta(t, want, got, 1e-6*max(1, math.Abs(want)), "seed %d sign %v: optimum, against gonum", seed, sign)
			}
		}
	}
}

// gonumSimplex solves the same program with gonum, dropping columns that
// are all zero (gonum refuses them; a zero column with a cost below zero
// makes the program unbounded).
func gonumSimplex(c []float64, A [][]float64, b []float64) (float64, lpStatus) {
	var keep []int
	for j := range c {
		zero := true
		for i := range A {
			zero = zero && A[i][j] == 0
		}
		if !zero {
			keep = append(keep, j)
		} else if c[j] < 0 {
			return math.Inf(-1), lpUnbounded
		}
	}
	M := mat.NewDense(len(A), len(keep), nil)
	ck := make([]float64, len(keep))
	for jj, j := range keep {
		ck[jj] = c[j]
		for i := range A {
			M.Set(i, jj, A[i][j])
		}
	}
	bb := append([]float64(nil), b...)
	for i := range bb {
		if bb[i] < 0 {
			bb[i] = -bb[i]
			for jj := range keep {
				M.Set(i, jj, -M.At(i, jj))
			}
		}
	}
	f, _, err := lp.Simplex(ck, M, bb, 1e-10, nil)
	switch {
	case err == nil:
		return f, lpOptimal
	case errors.Is(err, lp.ErrUnbounded):
		return math.Inf(-1), lpUnbounded
	case errors.Is(err, lp.ErrInfeasible):
		return 0, lpInfeasible
	}
	panic(err)
}
