package pdf

import (
	"slices"
	"testing"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

func TestWithheld(t *testing.T) {
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
			if got := withheld(&s); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChartAlt(t *testing.T) {
	s := packtest.Sample().Sections[0]
	got := chartAlt(locale.For("en"), &s)
	want := "Chart: Døgnpris i alt efter paragraf. Bar chart. Categories: § 107, § 108, § 85, § 103. Series: Døgnpris i alt (kr.). " +
		"Withheld to protect privacy: § 103 (Døgnpris i alt (kr.)). The chart's figures are in the table."
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
