package disclosure

import (
	"math"
)

// solveMerged is solve with the audit's programs made smaller in ways the
// simplex method cannot tell apart, so results never differ from
// solvePlain's (the tests hold the two to each other):
//
//   - Atoms that lie in the same equations, and in the objective or not,
//     are one column. Their columns in A and in the objective are equal, so
//     they stay equal through every pivot; Bland's rule always lets the
//     first of them enter, and the others, in the plain program, are never
//     chosen (their reduced cost equals the first's, or is zero while the
//     first is basic). Every other column, the right-hand side and the
//     objective value see exactly the same arithmetic without them.
//   - The least and the greatest value share phase 1, which does not look
//     at the objective: it runs once, and phase 2 runs twice from a copy.
//   - Phase 2 never reads the artificial columns, so they are dropped
//     before it.
func (a *auditor) solveMerged(vi int, atoms, rows, obj []int, col func(atom int) int, solve bool) (lo, hi float64) {
	p := a.p
	v := &p.Vars[vi]
	// Each column's class is the sequence of equations it lies in, then
	// whether the objective takes it: the class of a sequence and one
	// more equation k is made on first use. The equations come in order,
	// so a class meets k only while k is the equation being read: to[c]
	// is c's successor for the equation at[c] − 1, and a lookup is an
	// index, not a hash.
	cls := a.scratch.cls[:0]
	for range atoms {
		cls = append(cls, 0)
	}
	at, to := append(a.scratch.at[:0], 0), append(a.scratch.to[:0], 0)
	classes := int32(1)
	step := func(j, k int) {
		c := cls[j]
		if at[c] != int32(k)+1 {
			at[c], to[c] = int32(k)+1, classes
			at, to = append(at, 0), append(to, 0)
			classes++
		}
		cls[j] = to[c]
	}
	for k, ei := range rows {
		for _, x := range p.Cells[ei].Atoms {
			step(col(x), k)
		}
	}
	for _, j := range obj {
		step(j, len(rows))
	}
	first := a.scratch.first[:0]
	for range classes {
		first = append(first, -1)
	}
	merged := a.scratch.merged[:0] // column → merged column
	n := 0
	for j := range atoms {
		if first[cls[j]] < 0 {
			first[cls[j]] = int32(n)
			n++
		}
		merged = append(merged, int(first[cls[j]]))
	}
	a.scratch.cls, a.scratch.first, a.scratch.merged, a.scratch.at, a.scratch.to = cls, first, merged, at, to
	cols := n
	if !v.NonNegative {
		cols = 2 * n // x = x⁺ − x⁻
	}
	m := len(rows)
	b := make([]float64, 2*m)
	for k, ei := range rows {
		e := &p.Cells[ei]
		b[2*k], b[2*k+1] = e.Value+e.Tolerance, e.Value-e.Tolerance
	}
	// Row 2k is Σx + s = V + tol, row 2k+1 Σx − s = V − tol, for the k-th
	// equation; fill writes them straight into the tableau.
	fill := func(i int, row []float64) {
		for _, x := range p.Cells[rows[i/2]].Atoms {
			j := merged[col(x)]
			row[j] = 1
			if !v.NonNegative {
				row[n+j] = -1
			}
		}
		if i%2 == 0 {
			row[cols+i] = 1
		} else {
			row[cols+i] = -1
		}
	}
	objective := func(sign float64) []float64 {
		c := make([]float64, cols+2*m)
		for _, j := range obj {
			c[merged[j]] = sign
			if !v.NonNegative {
				c[n+merged[j]] = -sign
			}
		}
		return c
	}
	// The true figures and each optimum are points a reader cannot rule
	// out (see learn), given as each merged column's total.
	size := a.scratch.size[:0]
	for range n {
		size = append(size, 0)
	}
	truth := make([]float64, n)
	for j, x := range atoms {
		size[merged[j]]++
		truth[merged[j]] += v.Atoms[x]
	}
	a.scratch.size = size
	points := [][]float64{truth}
	if !solve {
		a.learn(vi, col, merged, size, points)
		return 0, 0
	}
	point := func(z []float64) {
		t := make([]float64, n)
		for mj := range t {
			t[mj] = z[mj]
			if !v.NonNegative {
				t[mj] -= z[n+mj]
			}
		}
		points = append(points, t)
	}
	// phase1's tableau: the columns, one artificial per row, the
	// right-hand side.
	if need := int64(len(b)) * int64(cols+2*m+len(b)+1) * 8; need > a.maxBytes {
		panic(tooLarge(need))
	}
	fl, sl, fh, sh := simplexPair(objective(1), objective(-1), b, fill, point)
	a.learn(vi, col, merged, size, points)
	lo = optimumOf(fl, sl, math.Inf(-1))
	hi = -optimumOf(fh, sh, math.Inf(-1))
	return lo, hi
}

// optimumOf is optimum's answer for a program that ended with value f and
// status s.
func optimumOf(f float64, s lpStatus, unboundedValue float64) float64 {
	switch s {
	case lpOptimal:
		return f
	case lpUnbounded:
		return unboundedValue
	}
	return math.NaN()
}

// simplexPair is simplex(c1, A, b) and simplex(c2, A, b), A's rows written
// by fill (see phase1) straight into the tableau rather than first into a
// matrix of their own, with the arithmetic of each exactly as simplex
// does it: phase 1, which does not
// depend on the objective, runs once, and phase 2 runs on a copy of its
// tableau without the artificial columns, which phase 2 never reads.
// Each optimum found is passed to point, as the value of every column.
func simplexPair(c1, c2 []float64, b []float64, fill func(i int, row []float64), point func(z []float64)) (f1 float64, s1 lpStatus, f2 float64, s2 lpStatus) {
	t, basis, ok := phase1(len(c1), b, fill)
	if !ok {
		return 0, lpInfeasible, 0, lpInfeasible
	}
	n := len(c1)
	tt := make([][]float64, len(t))
	backing := make([]float64, len(t)*(n+1))
	cp := func() [][]float64 {
		for i, row := range t {
			r := backing[i*(n+1) : (i+1)*(n+1) : (i+1)*(n+1)]
			copy(r, row[:n])
			r[n] = row[len(row)-1]
			tt[i] = r
		}
		return tt
	}
	z := make([]float64, n)
	at := func(s lpStatus, basis []int) {
		if s != lpOptimal {
			return
		}
		clear(z)
		for i, j := range basis {
			z[j] = tt[i][n]
		}
		point(z)
	}
	basis1 := append([]int(nil), basis...)
	f1, s1 = phase2(c1, cp(), basis1)
	at(s1, basis1)
	f2, s2 = phase2(c2, cp(), basis)
	at(s2, basis)
	return f1, s1, f2, s2
}

// scratch is the fast path's working space, kept between calls: marks
// that say whether a cell or atom was met in the current call (equal to
// stamp), and the buffers of solveMerged.
type scratch struct {
	stamp     uint32
	cellSeen  []uint32
	atomSeen  [][]uint32
	colStamp  [][]uint32
	col       [][]int32
	queue     []int
	rows      []int
	atoms     []int
	obj       []int
	cls       []int32
	first     []int32
	merged    []int
	size      []int32
	count     []int32
	at, to    []int32
	initiated bool
	// memo holds each cell's last range and the version of the published
	// figures it was worked out for; the version changes with the
	// withheld units (a copy of them is in shown) or the revealed cells
	// (revealedAt is the auditor's revealEpoch seen last).
	memo       []memo
	version    uint64
	shown      []bool
	revealedAt uint64
	// known is what the feasible points of generation gen say of each
	// cell (see learn).
	known []known
	gen   uint64
	// spared counts the answers the points gave, for the tests.
	spared int
}

// memo is a cell's range for one version of the published figures.
type memo struct {
	version uint64
	iv      Interval
}

// index sizes the fast path's scratch space.
func (a *auditor) index() {
	p := a.p
	s := &a.scratch
	s.atomSeen = make([][]uint32, len(p.Vars))
	s.colStamp = make([][]uint32, len(p.Vars))
	s.col = make([][]int32, len(p.Vars))
	for v := range p.Vars {
		n := len(a.cellsOf[v])
		s.atomSeen[v] = make([]uint32, n)
		s.colStamp[v] = make([]uint32, n)
		s.col[v] = make([]int32, n)
	}
	s.cellSeen = make([]uint32, len(p.Cells))
	s.memo = make([]memo, len(p.Cells))
	s.version = 1
	s.known = make([]known, len(p.Cells))
	s.gen = 1
	a.sensitive = make([][]int, len(p.Vars))
	for ci, c := range p.Cells {
		if c.Sensitive {
			a.sensitive[c.Var] = append(a.sensitive[c.Var], ci)
		}
	}
	s.initiated = true
}

// intervalFast is intervalPlain remembered: a cell's range is worked out
// again only when the withheld units or the revealed cells have changed
// since it was last.
func (a *auditor) intervalFast(ci int, withheld []bool) Interval {
	s := &a.scratch
	// A range depends on nothing but the cell, the withheld units and
	// the revealed cells: while those stay as they were, it is the same.
	a.sync(withheld)
	if m := s.memo[ci]; m.version == s.version {
		return m.iv
	}
	iv := a.intervalOf(ci, withheld, true)
	s.memo[ci] = memo{version: s.version, iv: iv}
	return iv
}

// intervalOf is intervalPlain with slices and marks for its maps, the
// same equations and atoms met in the same order, and the programs solved
// by solveMerged.
//
// Without solve, it only learns from the true figures what the program's
// merged columns say (see learn), and its range means nothing.
func (a *auditor) intervalOf(ci int, withheld []bool, solve bool) Interval {
	p := a.p
	s := &a.scratch
	c := &p.Cells[ci]
	v := &p.Vars[c.Var]
	s.stamp++
	if s.stamp == 0 { // wrapped: no mark is current any more
		clear(s.cellSeen)
		for vi := range s.atomSeen {
			clear(s.atomSeen[vi])
			clear(s.colStamp[vi])
		}
		s.stamp = 1
	}
	stamp := s.stamp
	seenAtom, colStamp, colOf, cellsOf := s.atomSeen[c.Var], s.colStamp[c.Var], s.col[c.Var], a.cellsOf[c.Var]
	// The equations that can bear on the cell: shown cells reached from
	// its atoms through shared atoms.
	queue := append(s.queue[:0], c.Atoms...)
	for _, x := range queue {
		seenAtom[x] = stamp
	}
	rows := s.rows[:0]
	for h := 0; h < len(queue); h++ {
		x := queue[h]
		for _, ei := range cellsOf[x] {
			if s.cellSeen[ei] == stamp || withheld[p.Cells[ei].Unit] && !a.revealed[ei] {
				continue
			}
			s.cellSeen[ei] = stamp
			rows = append(rows, ei)
			for _, y := range p.Cells[ei].Atoms {
				if seenAtom[y] != stamp {
					seenAtom[y] = stamp
					queue = append(queue, y)
				}
			}
		}
	}
	atoms := s.atoms[:0]
	for _, ei := range rows {
		for _, y := range p.Cells[ei].Atoms {
			if colStamp[y] != stamp {
				colStamp[y] = stamp
				colOf[y] = int32(len(atoms))
				atoms = append(atoms, y)
			}
		}
	}
	s.queue, s.rows, s.atoms = queue, rows, atoms
	iv := Interval{}
	obj := s.obj[:0]
	for _, x := range c.Atoms {
		if colStamp[x] == stamp {
			obj = append(obj, int(colOf[x]))
			continue
		}
		iv.Hi = math.Inf(1)
		if !v.NonNegative {
			iv.Lo = math.Inf(-1)
		}
	}
	s.obj = obj
	if len(obj) == 0 {
		return iv
	}
	lo, hi := a.solveMerged(c.Var, atoms, rows, obj, func(x int) int {
		if colStamp[x] != stamp {
			return -1 // in no equation of the program
		}
		return int(colOf[x])
	}, solve)
	iv.Lo += lo
	iv.Hi += hi
	return iv
}
