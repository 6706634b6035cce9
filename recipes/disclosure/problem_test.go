package disclosure

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// table builds the problem of one table over one quantity: a cell per row,
// each its own atom, and a shown total over them all.
func table(values []float64, primary []bool, nonNegative bool) *Problem {
	p := &Problem{Vars: []Var{{Name: "rows", Atoms: values, NonNegative: nonNegative, Step: 1}}}
	all := make([]int, len(values))
	total := 0.0
	for i, v := range values {
		reason := Shown
		if primary[i] {
			reason = TooFew
		}
		p.Units = append(p.Units, Unit{Name: "row", Primary: reason, Cost: v})
		p.Cells = append(p.Cells, Cell{Unit: i, Atoms: []int{i}, Value: v, Sensitive: primary[i]})
		all[i] = i
		total += v
	}
	p.Units = append(p.Units, Unit{Name: "total", Rank: 1, Cost: total})
	p.Cells = append(p.Cells, Cell{Unit: len(values), Atoms: all, Value: total})
	return p
}

// intervalsOf is p.intervals(res, plain) (Problem.Intervals when not
// plain), failing the test on an error.
func intervalsOf(t *testing.T, p *Problem, res Result, plain bool) map[int]Interval {
	t.Helper()
	ivs, err := p.intervals(res, plain)
	require.NoError(t, err)
	return ivs
}

func withheldUnits(res Result) []int {
	var out []int
	for i, w := range res.Withheld {
		if w {
			out = append(out, i)
		}
	}
	return out
}

func TestProtect(t *testing.T) {
	tests := []struct {
		name string
		p    *Problem
		want []int // units withheld
	}{
		{
			// Rows 10, 3, 20 and a total of 33: with only row 1 withheld,
			// 33 − 10 − 20 = 3 gives it away. The cheapest other row (10)
			// goes too: then row 1 lies anywhere in 0..13.
			name: "a total gives a lone withheld row away",
			p:    table([]float64{10, 3, 20}, []bool{false, true, false}, true),
			want: []int{0, 1},
		},
		{
			// Rows 0, 3, 20, total 23. Withholding the empty row protects
			// nothing: 23 − 20 = 3 = row 0 + row 1 with both ≥ 0 puts row 1
			// in 0..3, never above 3. So the row of 20 goes instead.
			name: "an empty partner protects nothing",
			p:    table([]float64{0, 3, 20}, []bool{false, true, false}, true),
			want: []int{1, 2},
		},
		{
			// Two small rows protect each other: 40 − 30 = 10 = 4 + 6,
			// each anywhere in 0..10.
			name: "two withheld rows keep each other hidden",
			p:    table([]float64{4, 6, 30}, []bool{true, true, false}, true),
			want: []int{0, 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Protect(tt.p, Rules{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, withheldUnits(res), "withheld units")
			for ci, iv := range intervalsOf(t, tt.p, res, false) {
				assert.True(t, tt.p.protects(&tt.p.Cells[ci], iv, Rules{}.WithDefaults()), "cell %d left with range %v", ci, iv)
			}
		})
	}
}

// A cell of one table is the sum of cells in another over the same rows:
// the overview's § 107 day price (182.700) is the sum of the four § 107
// providers' rows. With only the small provider withheld, 182.700 −
// 55.066,64 − 62.936,69 − 47.588,83 = 17.107,84 gives it away; the audit
// sees that through the shared atoms, and one more provider is withheld.
func TestProtectLinkedTables(t *testing.T) {
	providers := []float64{55066.64, 62936.69, 47588.83, 17107.84}
	p := &Problem{Vars: []Var{{Name: "day price", Atoms: providers, NonNegative: true, Step: 1}}}
	for i, v := range providers {
		p.Units = append(p.Units, Unit{Name: "providers row", Primary: map[bool]Reason{true: TooFew}[i == 3], Cost: v})
		p.Cells = append(p.Cells, Cell{Unit: i, Atoms: []int{i}, Value: v, Tolerance: 0.005, Sensitive: i == 3})
	}
	p.Units = append(p.Units, Unit{Name: "overview row § 107", Cost: 182700})
	p.Cells = append(p.Cells, Cell{Unit: 4, Atoms: []int{0, 1, 2, 3}, Value: 182700, Tolerance: 0.5})

	a := newAuditor(p)
	only := []bool{false, false, false, true, false}
	iv := a.interval(3, only)
	const attack = "with one row withheld the range is %v, want 17107.84 ± 0.515 (the attack: the rounding of four figures)"
	require.InDelta(t, 17107.84, iv.Lo, 0.52, attack, iv)
	require.InDelta(t, 17107.84, iv.Hi, 0.52, attack, iv)
	res, err := Protect(p, Rules{})
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, withheldUnits(res), "withheld, want the cheapest other provider too")
	// Now 17.107,84 + 47.588,83 = 64.696,67 is all a reader knows: the
	// small row lies in 0..64.696,67 (±0,5 of rounding).
	got := intervalsOf(t, p, res, false)[3]
	assert.InDelta(t, 0.0, got.Lo, 1, "range %v, want about [0, 64696.67]", got)
	assert.InDelta(t, 64696.67, got.Hi, 1, "range %v, want about [0, 64696.67]", got)
}

// Amounts that can be negative (credit notes) give a reader no floor: two
// withheld rows summing to 13 can be anything.
func TestProtectSignedAmounts(t *testing.T) {
	p := table([]float64{10, 3, 20}, []bool{false, true, false}, false)
	res, err := Protect(p, Rules{})
	require.NoError(t, err)
	iv := intervalsOf(t, p, res, false)[1]
	assert.Equal(t, Interval{Lo: math.Inf(-1), Hi: math.Inf(1)}, iv, "range, want unbounded both ways")
}

// A count published whatever happens (an extract's rows read) that equals
// the one sensitive figure cannot be protected by withholding: Protect
// says so, naming the unit and cell, never the value.
func TestProtectRefuses(t *testing.T) {
	p := &Problem{
		Vars:  []Var{{Name: "rows", Atoms: []float64{3}, NonNegative: true, Step: 1}},
		Units: []Unit{{Name: "section s, the row for A", Primary: TooFew}, {Name: "rows read", Fixed: true}},
		Cells: []Cell{{Unit: 0, Atoms: []int{0}, Value: 3, Name: "grants", Sensitive: true}, {Unit: 1, Atoms: []int{0}, Value: 3}},
	}
	_, err := Protect(p, Rules{})
	var ue *UnprotectedError
	require.ErrorAs(t, err, &ue, "want an UnprotectedError for the row's grants cell")
	require.Equal(t, UnprotectedError{Unit: "section s, the row for A", Cell: "grants"}, *ue, "want an UnprotectedError for the row's grants cell")
}

func TestPrimary(t *testing.T) {
	tests := []struct {
		name string
		c    Contribution
		want Reason
	}{
		{"no subject: an empty group", Contribution{}, Shown},
		{"rows whose persons are unknown", Contribution{Rows: 3}, TooFew},
		{"4 subjects", Contribution{Subjects: 4}, TooFew},
		{"5 subjects", Contribution{Subjects: 5}, Shown},
		// 95 + 2 = 97 of 100 > 85 %: the second largest (2) and the
		// total bound the largest to within 2.
		{"one subject is 95 %", Contribution{Subjects: 8, Largest: []float64{2, 95}, Whole: 100}, Dominated},
		// 40 + 30 = 70 of 100 ≤ 85 %.
		{"two subjects are 70 %", Contribution{Subjects: 8, Largest: []float64{40, 30}, Whole: 100}, Shown},
		// Sizes count: a credit note of −90 among 100 by size still dominates.
		{"a large credit note", Contribution{Subjects: 6, Largest: []float64{-90, 1}, Whole: 100}, Dominated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, (Rules{}).Primary(tt.c))
		})
	}
}

// TestProtectTooLarge: rows 10, 3, 20 under a shown total of 33, row 1
// withheld. Its audit ties three shown figures (rows 0 and 2, the total)
// into a program of at least 6 rows (two per figure, for its rounding) and
// 10 columns (3 atoms, a slack per row, the right-hand side): at least
// 6 × 10 × 8 = 480 bytes. Allowed 100 bytes, Protect refuses the pack,
// naming the unit and cell and never a value, rather than build it.
func TestProtectTooLarge(t *testing.T) {
	p := table([]float64{10, 3, 20}, []bool{false, true, false}, true)
	p.Cells[1].Name = "payments"
	_, err := Protect(p, Rules{MaxTableauBytes: 100})
	var tl *TooLargeError
	require.ErrorAs(t, err, &tl, "want a TooLargeError")
	const want = "got %+v, want unit row, cell payments, at least 480 bytes of at most 100"
	assert.Equal(t, "row", tl.Unit, want, *tl)
	assert.Equal(t, "payments", tl.Cell, want, *tl)
	assert.GreaterOrEqual(t, tl.Bytes, int64(480), want, *tl)
	assert.Equal(t, int64(100), tl.Max, want, *tl)
	res, err := Protect(p, Rules{})
	if assert.NoError(t, err, "with the default bound") {
		assert.Equal(t, []bool{true, true}, res.Withheld[:2], "with the default bound: want rows 0 and 1 withheld")
	}
}
