package disclosure

import (
	"cmp"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestProtectResidualsFast holds protectResiduals, which looks at the
// withheld figures inside a shown one first, to the plain search it
// replaced (plainResiduals, below): on random problems of nested tables,
// with random figures withheld, both withhold the same units and fail
// alike.
func TestProtectResidualsFast(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 1))
	compared := 0
	for n := range 400 {
		p := randomNested(rng)
		withheld := make([]bool, len(p.Units))
		for u := range withheld {
			withheld[u] = p.Units[u].Primary != Shown || rng.IntN(8) == 0 && !p.Units[u].Fixed
		}
		before, want := slices.Clone(withheld), slices.Clone(withheld)
		r := Rules{MinCount: 1 + rng.IntN(6)}.WithDefaults()
		a := newAuditor(p)
		errWant := p.plainResiduals(a, want, r)
		errGot := p.protectResiduals(a, withheld, r)
		require.Equal(t, want, withheld, "problem %d: withheld", n)
		var ue1, ue2 *UnprotectedError
		gotAs, wantAs := errors.As(errGot, &ue1), errors.As(errWant, &ue2)
		require.Equal(t, wantAs, gotAs, "problem %d: got error %v, want %v", n, errGot, errWant)
		if ue1 != nil {
			require.Equal(t, *ue2, *ue1, "problem %d: error", n)
		}
		if !slices.Equal(withheld, before) {
			compared++
		}
	}
	require.GreaterOrEqual(t, compared, 50, "only %d of 400 problems withheld more for a residual: the test proves little", compared)
}

// randomNested is a table of rows grouped in blocks, with a subtotal per
// block and a total, over one or two quantities: rows of few subjects are
// primary.
func randomNested(rng *rand.Rand) *Problem {
	rows := 2 + rng.IntN(10)
	blocks := 1 + rng.IntN(3)
	p := &Problem{}
	nv := 1 + rng.IntN(2)
	for range nv {
		v := Var{Name: "q", NonNegative: true, Step: 1}
		for range rows {
			v.Atoms = append(v.Atoms, float64(rng.IntN(20)))
		}
		p.Vars = append(p.Vars, v)
	}
	next := uint32(1)
	unitCells := func(u int, atoms []int) {
		for v := range nv {
			sum := 0.0
			for _, a := range atoms {
				sum += p.Vars[v].Atoms[a]
			}
			p.Cells = append(p.Cells, Cell{Unit: u, Var: v, Atoms: atoms, Value: sum, Sensitive: p.Units[u].Primary != Shown})
		}
	}
	for i := range rows {
		subjects := make([]uint32, rng.IntN(7))
		for j := range subjects {
			subjects[j] = next
			next++
		}
		reason := Shown
		if len(subjects) > 0 && len(subjects) < 3 {
			reason = TooFew
		}
		p.Units = append(p.Units, Unit{Name: "row", Primary: reason, Cost: float64(len(subjects)), Subjects: subjects})
		unitCells(i, []int{i})
	}
	for b := range blocks {
		var atoms []int
		for i := b; i < rows; i += blocks {
			atoms = append(atoms, i)
		}
		p.Units = append(p.Units, Unit{Name: "subtotal", Rank: 1, Cost: float64(len(atoms)), Fixed: rng.IntN(5) == 0})
		unitCells(len(p.Units)-1, atoms)
	}
	all := make([]int, rows)
	for i := range all {
		all[i] = i
	}
	p.Units = append(p.Units, Unit{Name: "total", Rank: 2, Cost: float64(rows), Fixed: rng.IntN(3) == 0})
	unitCells(len(p.Units)-1, all)
	return p
}

// plainResiduals is protectResiduals as first written: every figure of a
// quantity compared with every other.
func (p *Problem) plainResiduals(a *auditor, withheld []bool, r Rules) error {
	for changed := true; changed; {
		changed = false
		for ei := range p.Cells {
			e := &p.Cells[ei]
			if withheld[e.Unit] {
				continue
			}
			inside := map[int]bool{}
			for _, x := range e.Atoms {
				inside[x] = true
			}
			var hidden, shown []int
			primary := false
			for _, ci := range a.byVar[e.Var] {
				c := &p.Cells[ci]
				if ci == ei || c.Unit == e.Unit || !within(c.Atoms, inside) {
					continue
				}
				if withheld[c.Unit] {
					hidden = append(hidden, c.Unit)
					primary = primary || c.Sensitive || p.Units[c.Unit].Primary != Shown
				} else if !p.Units[c.Unit].Fixed {
					shown = append(shown, c.Unit)
				}
			}
			if !primary {
				continue
			}
			n := countUnion(p.Units, hidden)
			if n == 0 || n >= r.MinCount {
				continue
			}
			slices.SortStableFunc(shown, func(x, y int) int {
				ux, uy := &p.Units[x], &p.Units[y]
				return cmp.Or(cmp.Compare(ux.Rank, uy.Rank), cmp.Compare(ux.Cost, uy.Cost), cmp.Compare(x, y))
			})
			switch {
			case len(shown) > 0:
				withheld[shown[0]] = true
			case !p.Units[e.Unit].Fixed:
				withheld[e.Unit] = true
			default:
				return &UnprotectedError{Unit: p.Units[hidden[0]].Name, Cell: e.Name}
			}
			changed = true
		}
	}
	return nil
}
