package html_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pack/packtest"
)

// FuzzRenderText puts arbitrary text in every place a recipe or an extract
// reaches (title, section id, labels, cells, chart categories and series,
// footnotes, steps, provenance) and checks that it never becomes markup:
// no element the page does not make itself, and the script and data blocks
// stay closed.
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{packtest.Hostile, "</script><script>alert(1)</script>", "__f__\"", "<!--", "\u2028", "a&amp;b", "<svg onload=alert(1)>", "x\" onmouseover=\"alert(1)"} {
		f.Add(s)
	}
	base := withoutRuntime(render(f, packtest.Sample()))
	wantScripts := strings.Count(base, "<script")
	f.Fuzz(func(t *testing.T, s string) {
		p := packtest.Sample()
		p.Title, p.Subtitle = s, s
		p.Reservations[0].Text = s
		sec := &p.Sections[1]
		sec.ID, sec.Title = s, s
		sec.ColumnInfo[0].Label = s
		sec.Rows[0][0] = s
		sec.Footnotes[0].Text = s
		sec.Steps[0].Text = s
		sec.Chart.Title = s
		sec.Chart.Categories[0] = s
		sec.Chart.Data[0].Name = s
		p.Provenance.Sources[0].File = s
		page := withoutRuntime(render(t, p))
		for _, tag := range []string{"<img", "<svg", "<iframe", "<object", "<a href=\"javascript"} {
			require.NotContains(t, strings.ToLower(page), tag, "text %q: got %q in the page, want none", s, tag)
		}
		require.Equal(t, wantScripts, strings.Count(page, "<script"), "text %q: count of <script", s)
		require.Equal(t, wantScripts, strings.Count(page, "</script>"), "text %q: count of </script>", s)
		require.NotContains(t, page, "<!--", "text %q: got an HTML comment opened in the page", s)
	})
}
