package pdf

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
	"github.com/mipack/mipack/render/pdf/pdftest"
)

// TestChartReadable: each chart of the sample has its axes titled from
// the column labels, and shows the withheld mark once for each withheld
// value of a bar (once a category for stacks and lines), so a withheld
// value never reads as zero.
func TestChartReadable(t *testing.T) {
	p := packtest.Sample()
	path, _ := render(t, p)
	all := strings.Join(squashed(pdftest.Text(t, path)), " ")
	note := "Diagrammets tal står i tabellen."
	checked := 0
	for _, s := range p.Sections {
		if s.Chart == nil {
			continue
		}
		start := strings.Index(all, s.Chart.Title+" "+markText(s.Marks()))
		if !assert.GreaterOrEqual(t, start, 0, "section %q: got no chart title", s.ID) {
			continue
		}
		block := all[start:]
		block = block[:strings.Index(block, note)]
		cat, value := s.ChartAxes()
		for _, title := range []string{cat, value} {
			if title != "" {
				assert.Contains(t, block, title, "section %q: got no axis title %q in the chart", s.ID, title)
			}
		}
		want := 0
		if w := s.ChartWithheld(); w != nil {
			for i := range s.Chart.Categories {
				n := 0
				for k := range s.Chart.Data {
					if w[k][i] {
						n++
					}
				}
				if s.Chart.Type != pack.ChartBar {
					n = min(n, 1)
				}
				want += n
			}
		}
		got := 0
		for _, tok := range strings.Fields(block) {
			if tok == pack.WithheldMark {
				got++
			}
		}
		assert.Equal(t, want, got, "section %q: withheld marks in the chart", s.ID)
		checked += want
	}
	require.NotZero(t, checked, "the sample's charts withhold nothing: nothing checked")
}
