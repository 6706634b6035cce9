package disclosure

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ids lists subjects from..to, for Var.Subjects.
func ids(from, to uint32) []uint32 {
	var out []uint32
	for id := from; id <= to; id++ {
		out = append(out, id)
	}
	return out
}

// TestDifferenceOfShownFigures holds Protect to the differences of two
// shown figures, neither withheld for its own sake: two atoms, the first
// with 40 rows of persons 1..5 (each atom lists at most MinCount of its
// subjects), the second with the rows of the persons its list gives.
// "all" counts both atoms, "part" the first: all − part is the second
// atom alone.
func TestDifferenceOfShownFigures(t *testing.T) {
	tests := []struct {
		name     string
		second   []uint32 // the second atom's subjects
		known    bool     // the subjects by atom are known
		sameUnit bool     // all and part are withheld together
		want     []int    // units withheld
	}{
		// 42 − 40 = 2 rows of person 6: one of the two goes, the cheaper
		// (part, cost 40, before all, cost 42).
		{name: "one person", second: []uint32{6}, known: true, want: []int{1}},
		// Persons 1 and 6: the difference describes 2 < 5.
		{name: "a person in both", second: []uint32{1, 6}, known: true, want: []int{1}},
		// Persons 6..10: 2 rows of five persons may be shown.
		{name: "five persons", second: ids(6, 10), known: true},
		// No subject in the second atom: 2 rows with an empty subject,
		// of no known person, who may be one kept out of the registers
		// on purpose. As sensitive as a small row: one goes.
		{name: "no known person", second: nil, known: true, want: []int{1}},
		// Where the subjects by atom are not known, no difference is looked at.
		{name: "not known", second: []uint32{6}, known: false},
		// Both figures in one unit (a step's rows taken and rows kept):
		// the unit goes.
		{name: "one unit", second: []uint32{6}, known: true, sameUnit: true, want: []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Var{Name: "rows", Atoms: []float64{40, 2}, NonNegative: true, Step: 1}
			if tt.known {
				v.Subjects = SubjectLists{ids(1, 5), tt.second}
			}
			p := &Problem{
				Vars:  []Var{v},
				Units: []Unit{{Name: "all", Cost: 42, Subjects: append(ids(1, 5), tt.second...)}, {Name: "part", Cost: 40, Subjects: ids(1, 5)}},
				Cells: []Cell{{Unit: 0, Atoms: []int{0, 1}, Value: 42, Name: "all"}, {Unit: 1, Atoms: []int{0}, Value: 40, Name: "part"}},
			}
			if tt.sameUnit {
				p.Units = p.Units[:1]
				p.Cells[1].Unit = 0
			}
			res, err := Protect(p, Rules{})
			require.NoError(t, err)
			assert.Len(t, res.Withheld, len(p.Units), "a unit for each of the problem's, none for the differences")
			assert.Equal(t, tt.want, withheldUnits(res))
			assert.Len(t, p.Cells, 2, "the problem given is not changed")
			for _, c := range p.Cells {
				assert.False(t, c.Sensitive, "the problem given is not changed")
			}
		})
	}
}

// A difference that nothing can protect: the rows read of an extract (a
// unit that is never withheld) minus rows kept, where the one row left
// out is person 6's. Withholding the rows kept leaves 42 − nothing: the
// difference's range is 0..2, wide enough, and the pack may be written.
// With the rows kept fixed too, nothing helps, and Protect says which
// difference it is, never its value.
func TestDifferenceNothingProtects(t *testing.T) {
	p := &Problem{
		Vars:  []Var{{Name: "rows", Atoms: []float64{41, 1}, NonNegative: true, Step: 1, Subjects: SubjectLists{ids(1, 5), {6}}}},
		Units: []Unit{{Name: "the rows read", Fixed: true, Subjects: ids(1, 6)}, {Name: "the rows kept", Fixed: true, Subjects: ids(1, 5)}},
		Cells: []Cell{{Unit: 0, Atoms: []int{0, 1}, Value: 42, Name: "rows read"}, {Unit: 1, Atoms: []int{0}, Value: 41, Name: "rows kept"}},
	}
	_, err := Protect(p, Rules{})
	var ue *UnprotectedError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "the rows read minus the rows kept", ue.Unit)
	assert.Equal(t, "rows read minus rows kept", ue.Cell)
	assert.NotContains(t, err.Error(), "41")
	p.Units[1].Fixed = false
	res, err := Protect(p, Rules{})
	require.NoError(t, err)
	assert.Equal(t, []int{1}, withheldUnits(res))
}

// One difference from two pairs of figures: two copies of "all" and
// "part" (two sections alike). 42 − 40 = 2 rows of person 6 from either
// pair: each pair's proxy goes (part and its copy, the cheaper), and the
// difference's range is worked out, not taken from one proxy: with only
// the first part withheld, the copy's 42 − 40 would still give it.
func TestDifferenceFromTwoPairs(t *testing.T) {
	v := Var{Name: "rows", Atoms: []float64{40, 2}, NonNegative: true, Step: 1, Subjects: SubjectLists{ids(1, 5), {6}}}
	p := &Problem{Vars: []Var{v}}
	for range 2 {
		u := len(p.Units)
		p.Units = append(p.Units, Unit{Name: "all", Cost: 42, Subjects: ids(1, 6)}, Unit{Name: "part", Cost: 40, Subjects: ids(1, 5)})
		p.Cells = append(p.Cells, Cell{Unit: u, Atoms: []int{0, 1}, Value: 42, Name: "all"}, Cell{Unit: u + 1, Atoms: []int{0}, Value: 40, Name: "part"})
	}
	res, err := Protect(p, Rules{})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 3}, withheldUnits(res))
}
