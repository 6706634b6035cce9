package disclosure

import "slices"

// Rules are the settings of disclosure control, as a recipe's
// `disclosure:` block gives them. The zero value of a field means its
// default (see WithDefaults).
type Rules struct {
	// MinCount is the least number of distinct subjects (persons) a shown
	// figure may describe, counted over the subjects that contribute a
	// value to it (default 5).
	MinCount int
	// DominanceN and DominanceK are the dominance rule on sums: a sum whose
	// DominanceN largest subjects make up more than DominanceK per cent of
	// it is withheld (default n = 2, k = 85).
	DominanceN int
	DominanceK float64
	// Protection is how far, in per cent of a withheld figure's value, the
	// range a reader can work out for it from every published figure must
	// reach on each side of the true value (default 10). A range narrower
	// than that is a disclosure, and more is withheld.
	Protection float64
	// MaxTableauBytes bounds the memory of one of the audit's linear
	// programs, a dense tableau of float64s (default 1 GiB). A pack whose
	// audit would need more for one figure is refused with a
	// *TooLargeError rather than left to exhaust the machine's memory.
	MaxTableauBytes int64
}

// Defaults of Rules.
const (
	DefaultMinCount        = 5
	DefaultDominanceN      = 2
	DefaultDominanceK      = 85
	DefaultProtection      = 10
	DefaultMaxTableauBytes = 1 << 30
)

// WithDefaults returns the rules with every unset field at its default.
func (r Rules) WithDefaults() Rules {
	if r.MinCount <= 0 {
		r.MinCount = DefaultMinCount
	}
	if r.DominanceN <= 0 {
		r.DominanceN = DefaultDominanceN
	}
	if r.DominanceK <= 0 {
		r.DominanceK = DefaultDominanceK
	}
	if r.Protection <= 0 {
		r.Protection = DefaultProtection
	}
	if r.MaxTableauBytes <= 0 {
		r.MaxTableauBytes = DefaultMaxTableauBytes
	}
	return r
}

// Reason says why a figure is withheld for its own sake.
type Reason int

// The reasons, in the order a figure is tested for them.
const (
	Shown     Reason = iota // not sensitive
	TooFew                  // fewer than MinCount subjects contribute
	Dominated               // the largest few subjects make up most of a sum
	Kept                    // withheld in the pack this one revises
)

func (r Reason) String() string {
	return [...]string{"shown", "too few subjects", "dominated by few subjects", "withheld before"}[r]
}

// Contribution is what the primary rules need to know of one figure.
type Contribution struct {
	// Rows counts the rows behind a count or a row of figures; 0 for a
	// sum's contributors. Rows with no known subject cannot be shown to
	// describe MinCount persons.
	Rows int64
	// Subjects counts the distinct subjects with a value in the figure
	// (an empty value contributes nothing).
	Subjects int
	// Largest holds the largest totals of single subjects in a sum, in any
	// order, at least DominanceN of them where there are that many; nil
	// for a figure that is not a sum.
	Largest []float64
	// Whole is the sum of every subject's total taken by size (|total|),
	// for a sum.
	Whole float64
}

// Primary applies the primary rules to one figure: the minimum count, then
// dominance. A figure with neither rows nor contributing subjects (an
// empty group, a sum of no values) describes nobody and is not sensitive;
// rows whose subjects are unknown are.
func (r Rules) Primary(c Contribution) Reason {
	r = r.WithDefaults()
	if c.Subjects == 0 && c.Rows == 0 {
		return Shown
	}
	if c.Subjects < r.MinCount {
		return TooFew
	}
	if c.Largest != nil && r.dominated(c.Largest, c.Whole) {
		return Dominated
	}
	return Shown
}

// dominated applies the (n, k) rule: the n largest contributions exceed k
// per cent of the whole. Contributions are taken by size, so credit notes
// (negative totals) cannot hide a dominant subject.
func (r Rules) dominated(largest []float64, whole float64) bool {
	sizes := make([]float64, len(largest))
	for i, v := range largest {
		sizes[i] = abs(v)
	}
	slices.Sort(sizes)
	slices.Reverse(sizes)
	top := 0.0
	for i := 0; i < r.DominanceN && i < len(sizes); i++ {
		top += sizes[i]
	}
	if whole == 0 {
		return false
	}
	return top > r.DominanceK/100*whole
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
