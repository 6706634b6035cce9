package html_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pack/packtest"
)

// TestTextNeverShowsAWithheldFigure gives the withheld § 103 figure a value
// the model should not hold and unsets its flag: the section's suppressed
// cells still make it show the withheld mark.
func TestTextNeverShowsAWithheldFigure(t *testing.T) {
	p := packtest.Summary()
	f := p.Sections[0].Paragraphs[0].Spans[8].Figure
	require.Equal(t, `overview["§ 103"].cost_per_day`, f.Ref, "want the § 103 figure")
	f.Value, f.Withheld = 4711.0, false
	page := render(t, p)
	assert.NotContains(t, page, "4.711", "got the withheld value 4.711 in the page, want the withheld mark")
	assert.Contains(t, page, `§ 103 for <span class="figure"><abbr title="skjult af hensyn til diskretion: færre end 5 personer, eller skjult så andre tal ikke afslører et sådant tal">x</abbr></span>`, "got no withheld mark for § 103 in the text")
}
