package pdftest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pdf/tagged"
)

// TestPDFJSFindsFaults holds the pdf.js check to finding what it looks for:
// an untagged file, and a tagged one with a figure without /Alt and a
// heading that skips a level.
func TestPDFJSFindsFaults(t *testing.T) {
	untagged := write(t)

	f := fpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 12)
	tr := tagged.New(f)
	f.AddPage()
	tr.Mark(tr.Root().Add(tagged.H1), func() { f.Text(20, 20, "Title") })
	tr.Mark(tr.Root().Add(tagged.H3), func() { f.Text(20, 30, "Too deep") })
	tr.Mark(tr.Root().Add(tagged.Figure), func() { f.Rect(20, 40, 30, 20, "F") })
	f.Text(20, 80, "left untagged")
	var buf strings.Builder
	require.NoError(t, f.Output(&buf))
	out, err := tr.Finish([]byte(buf.String()), tagged.Info{Title: "Fault", Lang: "en"})
	require.NoError(t, err)
	faulty := filepath.Join(t.TempDir(), "faulty.pdf")
	require.NoError(t, os.WriteFile(faulty, out, 0o644))

	for _, tt := range []struct {
		name, path string
		want       []string
	}{
		{"untagged", untagged, []string{"page 1: 1 × showText painted outside tagged content and artifacts", "page 2: 1 × showText painted outside"}},
		{"faulty", faulty, []string{"page 1: 1 × showText painted outside", "page 1: a Figure has no /Alt", "page 1: H3 follows H1, skipping a level"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := PDFJS(t, tt.path)
			all := strings.Join(res.Problems, "\n")
			for _, w := range tt.want {
				assert.Contains(t, all, w, "want a problem saying %q", w)
			}
		})
	}
}
