package disclosure

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// benchProblem is the shape of a council pack grouped finely: a table of
// groups (provider and month) over two quantities (rows, amounts that
// may be negative), each group's rows split among a few sections that a
// second table counts, both with totals, and a few groups under the
// minimum count.
func benchProblem(groups int) *Problem {
	rng := rand.New(rand.NewPCG(uint64(groups), 5))
	const sections = 8
	p := &Problem{Vars: []Var{{Name: "rows", NonNegative: true, Step: 1}, {Name: "amount", Step: 1}}}
	type atom struct{ g, s int }
	var atoms []atom
	for g := range groups {
		for s := range sections {
			if rng.IntN(2) == 0 {
				atoms = append(atoms, atom{g, s})
				n := float64(1 + rng.IntN(6))
				p.Vars[0].Atoms = append(p.Vars[0].Atoms, n)
				p.Vars[1].Atoms = append(p.Vars[1].Atoms, n*float64(rng.IntN(90000))/100)
			}
		}
	}
	add := func(name string, rank int, primary bool, in func(atom) bool) {
		u := len(p.Units)
		reason := Shown
		if primary {
			reason = TooFew
		}
		var of []int
		for x, a := range atoms {
			if in(a) {
				of = append(of, x)
			}
		}
		p.Units = append(p.Units, Unit{Name: name, Primary: reason, Rank: rank, Cost: float64(len(of))})
		for vi := range p.Vars {
			sum := 0.0
			for _, x := range of {
				sum += p.Vars[vi].Atoms[x]
			}
			tol := 0.0
			if vi == 1 {
				tol = 0.005
			}
			p.Cells = append(p.Cells, Cell{Unit: u, Var: vi, Atoms: of, Value: sum, Tolerance: tol, Name: p.Vars[vi].Name, Sensitive: primary})
		}
	}
	for g := range groups {
		add(fmt.Sprint("group ", g), 0, rng.IntN(50) == 0, func(a atom) bool { return a.g == g })
	}
	add("groups' total", 1, false, func(atom) bool { return true })
	for s := range sections {
		add(fmt.Sprint("section ", s), 0, false, func(a atom) bool { return a.s == s })
	}
	add("sections' total", 1, false, func(atom) bool { return true })
	return p
}

// BenchmarkProtect protects packs of many small groups, by the fast path
// and (where it takes seconds, not minutes) by the plain one.
func BenchmarkProtect(b *testing.B) {
	for _, groups := range []int{100, 400} {
		p := benchProblem(groups)
		for _, plain := range []bool{false, true} {
			if plain && groups > 100 {
				continue
			}
			name := fmt.Sprintf("groups=%d/fast", groups)
			if plain {
				name = fmt.Sprintf("groups=%d/plain", groups)
			}
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					_, err := protect(p, Rules{}, plain)
					require.NoError(b, err)
				}
			})
		}
	}
}
