package html_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/html"
	"github.com/mipack/mipack/render/html/htmltest"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

// writePage renders p into a file in a fresh directory and returns its path.
func writePage(t *testing.T, p *pack.Pack) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pack.html")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, (html.Renderer{}).Render(f, p), "Render")
	require.NoError(t, f.Close())
	return path
}

// TestBrowser loads rendered pages in headless Chromium: no console error,
// no request outside the file, no script dialog or <img> from hostile
// text, every chart drawn at a real size with an accessible name, every
// fragment link resolved, and no serious or critical axe-core violation.
func TestBrowser(t *testing.T) {
	if htmltest.FindBrowser() == "" && os.Getenv(htmltest.RequireBrowserEnv) != "1" {
		t.Skip("no chromium, chromium-browser or google-chrome on PATH; install chromium to run the browser checks")
	}
	tests := []struct {
		name   string
		pack   *pack.Pack
		charts int
	}{
		{"sample", packtest.Sample(), 3},
		{"minimal_english", minimalEnglish(), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := htmltest.Check(t, writePage(t, tt.pack))
			assert.Len(t, r.Charts, tt.charts, "charts")
		})
	}
}
