package disclosure

import (
	"math"
	"slices"
)

// Inner bounds. Every point that keeps each shown figure at its value
// (within rounding) and each non-negative atom at or above zero is one a
// reader cannot rule out, and withholding more only takes equations away:
// a point feasible for some withheld units stays feasible when more are
// withheld. The true figures are one such point; each optimum the audit
// finds, with the atoms outside its program at their true values, is
// another (its program holds every shown figure that touches those
// atoms, and the rest hold at the true values). Where the points known
// reach a cell's protection distance below and above its value, the
// cell's least and greatest value reach at least as far: it is protected,
// and no program needs solving to say so. Only a yes or no can come from
// them; a width, or a range Problem.Intervals reports, is always worked
// out.

// known is what the feasible points found so far say of one cell: its
// least and greatest value among them, while gen is the auditor's.
type known struct {
	gen    uint64
	lo, hi float64
}

// sync makes the fast path's state follow withheld and the revealed
// cells: a new version of the published figures for the remembered
// ranges, and a new generation of points when a unit is shown again or
// the revealed cells change (a figure published again is an equation the
// points were not held to).
func (a *auditor) sync(withheld []bool) {
	s := &a.scratch
	if !s.initiated {
		a.index()
	}
	if slices.Equal(withheld, s.shown) && a.revealEpoch == s.revealedAt {
		return
	}
	grown := a.revealEpoch == s.revealedAt && len(s.shown) == len(withheld)
	for u := 0; grown && u < len(withheld); u++ {
		grown = !s.shown[u] || withheld[u]
	}
	if !grown {
		s.gen++
	}
	s.shown = append(s.shown[:0], withheld...)
	s.revealedAt = a.revealEpoch
	s.version++
}

// protected is p.protects(cell ci, its range under withheld): the same
// answer, from the points known where they suffice.
func (a *auditor) protected(ci int, withheld []bool, r Rules) bool {
	p := a.p
	c := &p.Cells[ci]
	if !a.plain {
		a.sync(withheld)
		s := &a.scratch
		k := s.known[ci]
		if k.gen != s.gen && s.memo[ci].version != s.version {
			// Nothing known of this generation yet: the true figures,
			// with the atoms of the cell's program trading value, may
			// be enough, and cost no program.
			a.intervalOf(ci, withheld, false)
			k = s.known[ci]
		}
		if k.gen == s.gen && s.memo[ci].version != s.version {
			// Held a tenth of protects' slack inside the protection
			// distance, so that the rounding of the programs' arithmetic
			// cannot make the answer differ from the range's.
			margin := 1e-7 * max(1, abs(c.Value))
			if p.protects(c, Interval{Lo: k.lo + margin, Hi: k.hi - margin}, r) {
				s.spared++
				return true
			}
		}
	}
	return p.protects(c, a.interval(ci, withheld), r)
}

// learn records what a program's columns say of every sensitive cell of
// quantity vi not yet known to be protected. Columns merged into one
// (merged[col(atom)]; size counts an atom column's fellows, col is −1 for
// an atom outside the program) lie in the same shown figures, which stay
// true when their atoms trade value: a cell that has some but not all of
// a merged column's atoms takes any share of its total, from none to all
// (any at all where a quantity may be negative). Each point is a merged
// column's total at a point the program allows: its optima, and the true
// figures. An atom outside the program keeps its true value.
func (a *auditor) learn(vi int, col func(atom int) int, merged []int, size []int32, points [][]float64) {
	p := a.p
	s := &a.scratch
	v := &p.Vars[vi]
	count := s.count[:0]
	for range size {
		count = append(count, 0)
	}
	s.count = count
	var touched []int
	for _, ci := range a.sensitive[vi] {
		c := &p.Cells[ci]
		k := &s.known[ci]
		if k.gen != s.gen {
			*k = known{gen: s.gen, lo: c.Value, hi: c.Value}
		}
		touched = touched[:0]
		outside := 0.0
		for _, x := range c.Atoms {
			j := col(x)
			if j < 0 {
				outside += v.Atoms[x]
				continue
			}
			mj := merged[j]
			if count[mj] == 0 {
				touched = append(touched, mj)
			}
			count[mj]++
		}
		for _, t := range points {
			lo, hi := outside, outside
			for _, mj := range touched {
				switch {
				case count[mj] == size[mj]:
					lo += t[mj]
					hi += t[mj]
				case v.NonNegative:
					lo += min(0, t[mj])
					hi += max(0, t[mj])
				default:
					lo, hi = math.Inf(-1), math.Inf(1)
				}
			}
			k.lo, k.hi = min(k.lo, lo), max(k.hi, hi)
		}
		for _, mj := range touched {
			count[mj] = 0
		}
	}
}
