package disclosure

import "math"

// lpStatus says how a linear program ended.
type lpStatus int

const (
	lpOptimal lpStatus = iota
	lpUnbounded
	lpInfeasible
)

// simplex minimises cᵀz subject to A z = b and z ≥ 0, by the two-phase
// simplex method on a dense tableau with Bland's rule (which cannot
// cycle). The audit's programs are small (tens of rows, a few hundred
// columns) and their matrices hold only 0 and ±1, so a tableau is both the
// simplest and the fastest way; the tests hold it to gonum's solver.
func simplex(c []float64, A [][]float64, b []float64) (float64, lpStatus) {
	t, basis, ok := phase1(len(c), b, func(i int, row []float64) { copy(row, A[i]) })
	if !ok {
		return 0, lpInfeasible
	}
	return phase2(c, t, basis)
}

// phase1 builds the tableau of A z = b (n columns of z; fill writes row
// i of A into the first n places of a zeroed row) and finds a basic
// feasible solution: the tableau, its basis, and false when there is none.
func phase1(n int, b []float64, fill func(i int, row []float64)) (t [][]float64, basis []int, ok bool) {
	m := len(b)
	// The tableau: the columns of z, one artificial per row, the right-hand
	// side. Rows with a negative right-hand side are negated first.
	w := n + m + 1
	t = make([][]float64, m)
	basis = make([]int, m)
	scale := 1.0
	for i := range b {
		row := make([]float64, w)
		fill(i, row[:n])
		sign := 1.0
		if b[i] < 0 {
			sign = -1
			for j := range row[:n] {
				row[j] = -row[j]
			}
		}
		row[n+i] = 1
		row[w-1] = sign * b[i]
		scale = max(scale, math.Abs(b[i]))
		t[i] = row
		basis[i] = n + i
	}
	// Phase 1: minimise the artificials' sum.
	cost := make([]float64, w)
	for i := range t {
		for j := 0; j < n; j++ {
			cost[j] -= t[i][j]
		}
		cost[w-1] -= t[i][w-1]
	}
	if pivotAll(t, basis, cost, n+m, lpEps) == lpUnbounded {
		return nil, nil, false // cannot happen: phase 1 is bounded
	}
	if -cost[w-1] > lpEps*scale*float64(m+1) {
		return nil, nil, false
	}
	// Artificials left in the basis at zero are pivoted out, or their row
	// is redundant and dropped.
	for i := 0; i < len(t); i++ {
		if basis[i] < n {
			continue
		}
		j := 0
		for j < n && math.Abs(t[i][j]) <= lpEps {
			j++
		}
		if j == n {
			t = append(t[:i], t[i+1:]...)
			basis = append(basis[:i], basis[i+1:]...)
			i--
			continue
		}
		pivot(t, basis, nil, i, j)
	}
	return t, basis, true
}

// phase2 minimises cᵀz from phase 1's tableau, over the columns of z
// only. The tableau's last column is the right-hand side; the columns
// between z's and it (the artificials) are never read, and may be left
// out.
func phase2(c []float64, t [][]float64, basis []int) (float64, lpStatus) {
	n := len(c)
	w := n + 1
	if len(t) > 0 {
		w = len(t[0])
	}
	cost := make([]float64, w)
	copy(cost, c)
	for i, bj := range basis {
		if cb := c[bj]; cb != 0 {
			for j := range cost {
				cost[j] -= cb * t[i][j]
			}
		}
	}
	if pivotAll(t, basis, cost, n, lpEps) == lpUnbounded {
		return math.Inf(-1), lpUnbounded
	}
	return -cost[w-1], lpOptimal
}

// lpEps is the simplex method's zero.
const lpEps = 1e-9

// pivotAll pivots until no column below limit has a negative reduced cost
// (optimal) or an improving column has no bound (unbounded). Bland's rule:
// the lowest such column enters, the lowest basic column of the tied rows
// leaves.
func pivotAll(t [][]float64, basis []int, cost []float64, limit int, eps float64) lpStatus {
	w := len(cost)
	for {
		enter := -1
		for j := 0; j < limit; j++ {
			if cost[j] < -eps {
				enter = j
				break
			}
		}
		if enter < 0 {
			return lpOptimal
		}
		leave := -1
		best := math.Inf(1)
		for i := range t {
			if a := t[i][enter]; a > eps {
				ratio := t[i][w-1] / a
				if ratio < best-eps || ratio <= best+eps && leave >= 0 && basis[i] < basis[leave] {
					best, leave = ratio, i
				}
			}
		}
		if leave < 0 {
			return lpUnbounded
		}
		pivot(t, basis, cost, leave, enter)
	}
}

// pivot makes column j basic in row r.
func pivot(t [][]float64, basis []int, cost []float64, r, j int) {
	pr := t[r]
	inv := 1 / pr[j]
	for k := range pr {
		pr[k] *= inv
	}
	pr[j] = 1
	// Only the pivot row's non-zeros change another row: each is found
	// once, not once per row.
	var nz []int
	for k, v := range pr {
		if v != 0 {
			nz = append(nz, k)
		}
	}
	for i, row := range t {
		if i == r {
			continue
		}
		if f := row[j]; f != 0 {
			for _, k := range nz {
				row[k] -= f * pr[k]
			}
			row[j] = 0
		}
	}
	if cost != nil {
		if f := cost[j]; f != 0 {
			for _, k := range nz {
				cost[k] -= f * pr[k]
			}
			cost[j] = 0
		}
	}
	basis[r] = j
}
