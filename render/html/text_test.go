package html_test

import (
	"strings"
	"testing"

	"github.com/mipack/mipack/render/pack/packtest"
)

// TestTextNeverShowsAWithheldFigure gives the withheld § 103 figure a value
// the model should not hold and unsets its flag: the section's suppressed
// cells still make it show the withheld mark.
func TestTextNeverShowsAWithheldFigure(t *testing.T) {
	p := packtest.Summary()
	f := p.Sections[0].Paragraphs[0].Spans[8].Figure
	if f.Ref != `overview["§ 103"].cost_per_day` {
		t.Fatalf("got figure %s, want the § 103 one", f.Ref)
	}
	f.Value, f.Withheld = 4711.0, false
	page := render(t, p)
	if strings.Contains(page, "4.711") {
		t.Errorf("got the withheld value 4.711 in the page, want the withheld mark")
	}
	if !strings.Contains(page, `§ 103 for <span class="figure"><abbr title="skjult af hensyn til diskretion: færre end 5 personer, eller skjult så andre tal ikke afslører et sådant tal">x</abbr></span>`) {
		t.Errorf("got no withheld mark for § 103 in the text")
	}
}
