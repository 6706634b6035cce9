package disclosure

import "math"

// auditor computes the range a reader can derive for a withheld figure:
// the least and the greatest value its atoms can sum to while every shown
// figure of the same quantity keeps its published value (within its
// rounding) and no count or amount that cannot be negative is. This is a
// pair of linear programs, solved exactly; τ-Argus calls it an audit of
// protection intervals.
type auditor struct {
	p *Problem
	// byVar lists the cells of each quantity; cellsOf the cells of each
	// (quantity, atom), in the order of the cells.
	byVar   [][]int
	cellsOf [][][]int
	// sets caches each cell's atoms as a set (see atomSet).
	sets map[int]map[int]bool
	// revealed are cells of withheld units shown after all (see reveal).
	revealed map[int]bool
	// revealEpoch counts the changes to revealed.
	revealEpoch uint64
	// cell is the cell whose range is being worked out, for a
	// *TooLargeError; maxBytes is Rules.MaxTableauBytes.
	cell     int
	maxBytes int64
	// plain solves every program as it is written (solvePlain), for the
	// tests that hold the smaller programs of solveMerged to it.
	plain bool
	// scratch is the fast path's working space (see intervalFast).
	scratch scratch
	// sensitive lists the sensitive cells of each quantity.
	sensitive [][]int
}

// atomSet is cell ci's atoms as a set.
func (a *auditor) atomSet(ci int) map[int]bool {
	if s, ok := a.sets[ci]; ok {
		return s
	}
	s := make(map[int]bool, len(a.p.Cells[ci].Atoms))
	for _, x := range a.p.Cells[ci].Atoms {
		s[x] = true
	}
	a.sets[ci] = s
	return s
}

func newAuditor(p *Problem) *auditor {
	a := &auditor{p: p, byVar: make([][]int, len(p.Vars)), cellsOf: make([][][]int, len(p.Vars)), sets: map[int]map[int]bool{}, revealed: map[int]bool{}}
	size := make([]int, len(p.Vars)) // atoms of each quantity that cells take
	for _, c := range p.Cells {
		for _, x := range c.Atoms {
			size[c.Var] = max(size[c.Var], x+1)
		}
	}
	for v := range p.Vars {
		a.cellsOf[v] = make([][]int, size[v])
	}
	for ci, c := range p.Cells {
		a.byVar[c.Var] = append(a.byVar[c.Var], ci)
		for _, x := range c.Atoms {
			a.cellsOf[c.Var][x] = append(a.cellsOf[c.Var][x], ci)
		}
	}
	a.maxBytes = DefaultMaxTableauBytes
	return a
}

// interval is cell ci's range when the units marked withheld are not
// published.
func (a *auditor) interval(ci int, withheld []bool) Interval {
	a.cell = ci
	if a.plain {
		return a.intervalPlain(ci, withheld)
	}
	return a.intervalFast(ci, withheld)
}

// intervalPlain is interval with maps for its index and every program
// solved as written.
func (a *auditor) intervalPlain(ci int, withheld []bool) Interval {
	p := a.p
	c := &p.Cells[ci]
	v := &p.Vars[c.Var]
	// The equations that can bear on the cell: shown cells reached from
	// its atoms through shared atoms.
	atomIndex := map[int]int{} // atom → column
	var atoms []int
	var rows []int
	seenCell := map[int]bool{}
	queue := append([]int(nil), c.Atoms...)
	seenAtom := map[int]bool{}
	for _, x := range queue {
		seenAtom[x] = true
	}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		for _, ei := range a.cellsOf[c.Var][x] {
			if seenCell[ei] || withheld[p.Cells[ei].Unit] && !a.revealed[ei] {
				continue
			}
			seenCell[ei] = true
			rows = append(rows, ei)
			for _, y := range p.Cells[ei].Atoms {
				if !seenAtom[y] {
					seenAtom[y] = true
					queue = append(queue, y)
				}
			}
		}
	}
	for _, ei := range rows {
		for _, y := range p.Cells[ei].Atoms {
			if _, ok := atomIndex[y]; !ok {
				atomIndex[y] = len(atoms)
				atoms = append(atoms, y)
			}
		}
	}
	// An atom of the cell that no shown figure touches can be anything a
	// quantity allows: the range is open above, and below unless the
	// quantity cannot be negative.
	iv := Interval{}
	var obj []int
	for _, x := range c.Atoms {
		if j, ok := atomIndex[x]; ok {
			obj = append(obj, j)
			continue
		}
		iv.Hi = math.Inf(1)
		if !v.NonNegative {
			iv.Lo = math.Inf(-1)
		}
	}
	if len(obj) == 0 {
		return iv
	}
	lo, hi := a.solvePlain(c.Var, atoms, rows, obj)
	iv.Lo += lo
	iv.Hi += hi
	return iv
}

// solvePlain minimises and maximises the sum of the atoms at obj (columns
// of atoms) subject to the shown cells at rows, each program as written:
// every atom its own column, each program solved from scratch.
func (a *auditor) solvePlain(vi int, atoms, rows, obj []int) (lo, hi float64) {
	p := a.p
	v := &p.Vars[vi]
	n := len(atoms)
	cols := n
	if !v.NonNegative {
		cols = 2 * n // x = x⁺ − x⁻
	}
	m := len(rows)
	A := make([][]float64, 2*m)
	for r := range A {
		A[r] = make([]float64, cols+2*m)
	}
	b := make([]float64, 2*m)
	col := map[int]int{}
	for j, x := range atoms {
		col[x] = j
	}
	for k, ei := range rows {
		e := &p.Cells[ei]
		up, down := 2*k, 2*k+1
		for _, x := range e.Atoms {
			j := col[x]
			A[up][j], A[down][j] = 1, 1
			if !v.NonNegative {
				A[up][n+j], A[down][n+j] = -1, -1
			}
		}
		tol := e.Tolerance
		A[up][cols+up] = 1      // Σx + s = V + tol
		A[down][cols+down] = -1 // Σx − s = V − tol
		b[up], b[down] = e.Value+tol, e.Value-tol
	}
	objective := func(sign float64) []float64 {
		c := make([]float64, cols+2*m)
		for _, j := range obj {
			c[j] = sign
			if !v.NonNegative {
				c[n+j] = -sign
			}
		}
		return c
	}
	lo = a.optimum(objective(1), A, b, math.Inf(-1))
	hi = -a.optimum(objective(-1), A, b, math.Inf(-1))
	return lo, hi
}

// optimum is the least value of cᵀx; unbounded gives unboundedValue. A
// program the solver finds infeasible (the published figures contradict
// each other beyond their rounding, which the true figures never do) gives
// NaN, which protects nothing (a range with a NaN end fails every
// comparison): when in doubt, withhold.
func (a *auditor) optimum(c []float64, A [][]float64, b []float64, unboundedValue float64) float64 {
	f, status := simplex(c, A, b)
	switch status {
	case lpOptimal:
		return f
	case lpUnbounded:
		return unboundedValue
	}
	return math.NaN()
}
