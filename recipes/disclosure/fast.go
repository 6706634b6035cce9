package disclosure

import (
	"encoding/binary"
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
func (a *auditor) solveMerged(vi int, atoms, rows, obj []int) (lo, hi float64) {
	p := a.p
	v := &p.Vars[vi]
	col := make(map[int]int, len(atoms))
	for j, x := range atoms {
		col[x] = j
	}
	// Each column's signature: the equations it is in, in order, and
	// whether the objective takes it.
	sig := make([][]byte, len(atoms))
	for k, ei := range rows {
		for _, x := range p.Cells[ei].Atoms {
			j := col[x]
			sig[j] = binary.AppendUvarint(sig[j], uint64(k))
		}
	}
	for _, j := range obj {
		sig[j] = append(sig[j], 0xff) // no varint ends with 0xff
	}
	first := make(map[string]int, len(atoms))
	merged := make([]int, len(atoms)) // column → merged column
	n := 0
	for j := range atoms {
		if r, ok := first[string(sig[j])]; ok {
			merged[j] = r
			continue
		}
		first[string(sig[j])] = n
		merged[j] = n
		n++
	}
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
	for k, ei := range rows {
		e := &p.Cells[ei]
		up, down := 2*k, 2*k+1
		for _, x := range e.Atoms {
			j := merged[col[x]]
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
			c[merged[j]] = sign
			if !v.NonNegative {
				c[n+merged[j]] = -sign
			}
		}
		return c
	}
	fl, sl, fh, sh := simplexPair(objective(1), objective(-1), A, b)
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

// simplexPair is simplex(c1, A, b) and simplex(c2, A, b), with the
// arithmetic of each exactly as simplex does it: phase 1, which does not
// depend on the objective, runs once, and phase 2 runs on a copy of its
// tableau without the artificial columns, which phase 2 never reads.
func simplexPair(c1, c2 []float64, A [][]float64, b []float64) (f1 float64, s1 lpStatus, f2 float64, s2 lpStatus) {
	t, basis, ok := phase1(len(c1), A, b)
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
	f1, s1 = phase2(c1, cp(), append([]int(nil), basis...))
	f2, s2 = phase2(c2, cp(), basis)
	return f1, s1, f2, s2
}
