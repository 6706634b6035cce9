package pdf

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mipack/mipack/render/pack/packtest"
	"github.com/mipack/mipack/render/pdf/pdftest"
)

// TestTextNeverShowsAWithheldFigure: a figure whose section withholds the
// cell shows the withheld mark, even when the model holds a value for it.
func TestTextNeverShowsAWithheldFigure(t *testing.T) {
	p := packtest.Summary()
	f := p.Sections[0].Paragraphs[0].Spans[8].Figure
	f.Value, f.Withheld = 4711.0, false
	path, _ := render(t, p)
	text := strings.Join(pdftest.Text(t, path), "\n")
	assert.NotContains(t, text, "4.711", "got the withheld value 4.711 in the PDF, want the withheld mark")
	assert.Contains(t, text, "§ 103 for x", "got no withheld mark for § 103 in the text")
}
