package disclosure

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomProblem is a pack in small: for each quantity (rows, an amount
// that may be negative or not), a few tables over the same atoms, each a
// row per group of atoms and often a total, some groups primary, some
// units fixed, figures exact or rounded; some atoms lie in no table.
func randomProblem(rng *rand.Rand, atoms int) *Problem {
	p := &Problem{}
	nVars := 1 + rng.IntN(2)
	tables := 1 + rng.IntN(3)
	for ti := range tables {
		groups := 1 + rng.IntN(max(1, atoms/2))
		of := make([]int, atoms) // atom → group, −1 for none
		for x := range of {
			of[x] = rng.IntN(groups)
			if rng.IntN(8) == 0 {
				of[x] = -1
			}
		}
		units := make([]int, groups)
		for g := range units {
			reason := Shown
			if rng.IntN(4) == 0 {
				reason = TooFew
			}
			units[g] = len(p.Units)
			p.Units = append(p.Units, Unit{Name: fmt.Sprintf("table %d row %d", ti, g), Primary: reason, Rank: rng.IntN(2), Cost: float64(rng.IntN(20)), Fixed: rng.IntN(40) == 0, Subjects: subjects(rng)})
		}
		total := -1
		if rng.IntN(3) > 0 {
			total = len(p.Units)
			p.Units = append(p.Units, Unit{Name: fmt.Sprintf("table %d total", ti), Rank: 2, Cost: 100, Fixed: rng.IntN(10) == 0, Subjects: subjects(rng)})
		}
		for vi := range nVars {
			for len(p.Vars) <= vi {
				nonNeg := rng.IntN(3) > 0
				vals := make([]float64, atoms)
				for x := range vals {
					vals[x] = float64(rng.IntN(400)) / 4
					if !nonNeg && rng.IntN(3) == 0 {
						vals[x] = -vals[x]
					}
					if rng.IntN(6) == 0 {
						vals[x] = 0
					}
				}
				p.Vars = append(p.Vars, Var{Name: fmt.Sprint("var ", vi), Atoms: vals, NonNegative: nonNeg, Step: 1})
			}
			v := &p.Vars[vi]
			tol := 0.0
			if rng.IntN(2) == 0 {
				tol = 0.005
			}
			var all []int
			for g := range groups {
				var in []int
				sum := 0.0
				for x, og := range of {
					if og == g {
						in = append(in, x)
						sum += v.Atoms[x]
					}
				}
				if len(in) == 0 {
					continue
				}
				all = append(all, in...)
				sens := p.Units[units[g]].Primary != Shown
				p.Cells = append(p.Cells, Cell{Unit: units[g], Var: vi, Atoms: in, Value: sum, Tolerance: tol, Name: fmt.Sprint("cell ", len(p.Cells)), Sensitive: sens})
			}
			if total >= 0 && len(all) > 0 {
				sum := 0.0
				for _, x := range all {
					sum += v.Atoms[x]
				}
				p.Cells = append(p.Cells, Cell{Unit: total, Var: vi, Atoms: all, Value: sum, Tolerance: tol, Name: fmt.Sprint("total ", len(p.Cells))})
			}
		}
	}
	return p
}

func subjects(rng *rand.Rand) []uint32 {
	var out []uint32
	for id := range uint32(12) {
		if rng.IntN(3) == 0 {
			out = append(out, id)
		}
	}
	return out
}

func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// TestMergedIntervalsArePlain holds the audit's smaller programs to the
// programs as written: for random problems and random patterns of
// withheld units, every cell's range, shown or withheld, is the same to
// the last bit, worked out or remembered.
func TestMergedIntervalsArePlain(t *testing.T) {
	for seed := range uint64(400) {
		rng := rand.New(rand.NewPCG(seed, 19))
		p := randomProblem(rng, 2+rng.IntN(24))
		fast, plain := newAuditor(p), newAuditor(p)
		plain.plain = true
		for range 4 {
			withheld := make([]bool, len(p.Units))
			for u := range withheld {
				withheld[u] = rng.IntN(3) == 0
			}
			for range 2 {
				for ci := range p.Cells {
					got, want := fast.interval(ci, withheld), plain.interval(ci, withheld)
					require.True(t, sameFloat(got.Lo, want.Lo) && sameFloat(got.Hi, want.Hi), "seed %d, cell %d: range %v, plain %v", seed, ci, got, want)
				}
			}
		}
	}
}

// TestProtectIsPlain holds Protect to Protect with every program solved as
// written: the same units withheld, ranges, revealed cells and errors.
// The last problems are larger, with more small groups to protect.
func TestProtectIsPlain(t *testing.T) {
	withheld := 0
	for seed := range uint64(800) {
		rng := rand.New(rand.NewPCG(seed, 23))
		atoms := 24
		if seed >= 600 {
			atoms = 64
		}
		p := randomProblem(rng, 2+rng.IntN(atoms))
		r := Rules{MinCount: 1 + rng.IntN(6)}
		got, errGot := protect(p, r, false)
		want, errWant := protect(p, r, true)
		require.Equal(t, fmt.Sprint(errWant), fmt.Sprint(errGot), "seed %d: error, against the plain one", seed)
		require.Equal(t, want.Withheld, got.Withheld, "seed %d: withheld, against the plain result", seed)
		require.Equal(t, want.Revealed, got.Revealed, "seed %d: revealed, against the plain result", seed)
		var gotIv, wantIv map[int]Interval
		if errGot == nil {
			gotIv, wantIv = intervalsOf(t, p, got, false), intervalsOf(t, p, want, true)
		}
		require.Len(t, gotIv, len(wantIv), "seed %d: ranges, plain %v", seed, wantIv)
		for ci, w := range wantIv {
			g := gotIv[ci]
			require.True(t, sameFloat(g.Lo, w.Lo) && sameFloat(g.Hi, w.Hi), "seed %d, cell %d: range %v, plain %v", seed, ci, g, w)
		}
		for u, w := range got.Withheld {
			if w && p.Units[u].Primary == Shown {
				withheld++
			}
		}
	}
	assert.GreaterOrEqual(t, withheld, 100, "only %d units withheld beyond the primary ones: the problems test too little", withheld)
}

// TestProtectedIsPlain holds protected, which answers from the points
// already known where they suffice, to the plain range: for random
// problems, patterns of withheld units that grow, shrink and reveal
// cells, every sensitive cell gets the same yes or no. The points must
// answer often, or the test proves little.
func TestProtectedIsPlain(t *testing.T) {
	asked := 0
	spared := 0
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 29))
		p := randomProblem(rng, 2+rng.IntN(48))
		r := Rules{MinCount: 3}.WithDefaults()
		fast, plain := newAuditor(p), newAuditor(p)
		plain.plain = true
		withheld := make([]bool, len(p.Units))
		for round := range 6 {
			for u := range withheld {
				switch {
				case rng.IntN(5) == 0:
					withheld[u] = true
				case round == 3 && rng.IntN(8) == 0:
					withheld[u] = false
				}
			}
			if round == 4 {
				for ci := range p.Cells {
					if c := &p.Cells[ci]; !c.Sensitive && withheld[c.Unit] && rng.IntN(3) == 0 {
						fast.revealed[ci], plain.revealed[ci] = true, true
					}
				}
				fast.revealEpoch++
				plain.revealEpoch++
			}
			for ci := range p.Cells {
				c := &p.Cells[ci]
				if !c.Sensitive {
					continue
				}
				got := fast.protected(ci, withheld, r)
				want := p.protects(c, plain.interval(ci, withheld), r)
				require.Equal(t, want, got, "seed %d, round %d, cell %d: protected, against the plain range %v", seed, round, ci, plain.interval(ci, withheld))
				asked++
			}
		}
		spared += fast.scratch.spared
	}
	assert.GreaterOrEqual(t, spared, asked/10, "the points answered %d of %d: the problems test too little", spared, asked)
	t.Logf("the points answered %d of %d", spared, asked)
}
