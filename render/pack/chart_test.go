package pack_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

// TestChartWithheldNames: which chart values are withheld, named for a
// text alternative, from the section's withheld cells.
func TestChartWithheldNames(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(s *pack.Section)
		want  []string
	}{
		{"none withheld", func(s *pack.Section) {}, nil},
		{"series column", func(s *pack.Section) {
			s.Rows[3][2] = nil
			s.Suppressed = [][2]int{{3, 2}}
			s.Chart.Data[1].Values[1] = nil
		}, []string{packtest.Hostile + " (§ 108)"}},
		{"two, in chart order", func(s *pack.Section) {
			s.Rows[3][2], s.Rows[0][2] = nil, nil
			s.Suppressed = [][2]int{{3, 2}, {0, 2}}
			s.Chart.Data[1].Values[1], s.Chart.Data[0].Values[0] = nil, nil
		}, []string{"Bo & Støtte ApS (§ 107)", packtest.Hostile + " (§ 108)"}},
		{"a label column withheld is no chart value", func(s *pack.Section) {
			s.Suppressed = [][2]int{{3, 1}}
		}, nil},
		{"the total row is not in the chart", func(s *pack.Section) {
			s.Suppressed = [][2]int{{4, 2}}
		}, nil},
		{"a value the chart still shows is not withheld from it", func(s *pack.Section) {
			s.Suppressed = [][2]int{{3, 2}}
		}, nil},
		{"categories the rows do not give", func(s *pack.Section) {
			s.Suppressed = [][2]int{{3, 2}}
			s.Chart.Data[1].Values[1] = nil
			s.Chart.Categories = s.Chart.Categories[:1]
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := packtest.Sample().Sections[1]
			tt.spoil(&s)
			assert.Equal(t, tt.want, s.ChartWithheldNames())
		})
	}
}

// TestChartAxes: axis titles come from the column labels; several
// measures share the unit in their labels' brackets.
func TestChartAxes(t *testing.T) {
	cols := []pack.Column{
		{Name: "section", Label: "Paragraf", Group: true},
		{Name: "paid", Label: "Udbetalt (kr.)"},
		{Name: "paid_prev", Label: "Udbetalt (kr.) (forrige periode)"},
		{Name: "n", Label: "Betalinger"},
	}
	tests := []struct {
		name      string
		y         []string
		cat, unit string
	}{
		{"one measure: its label", []string{"paid"}, "Paragraf", "Udbetalt (kr.)"},
		{"two measures: their shared unit", []string{"paid_prev", "paid"}, "Paragraf", "kr."},
		{"no shared unit: none", []string{"paid", "n"}, "Paragraf", ""},
	}
	for _, tt := range tests {
		s := &pack.Section{ColumnInfo: cols, Chart: &pack.Chart{X: "section", Y: tt.y}}
		for _, c := range cols {
			s.Columns = append(s.Columns, c.Name)
		}
		cat, unit := s.ChartAxes()
		assert.Equal(t, tt.cat, cat, "%s: category axis", tt.name)
		assert.Equal(t, tt.unit, unit, "%s: value axis unit", tt.name)
	}
}
