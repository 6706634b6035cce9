package pdftest

import (
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// write makes a two-page PDF with a known text on each page.
func write(t *testing.T) string {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetTitle("Prøve", true)
	f.SetFont("Helvetica", "", 12)
	for _, s := range []string{"first page", "second   page"} {
		f.AddPage()
		f.Text(20, 20, s)
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	require.NoError(t, f.OutputFileAndClose(path))
	return path
}

func TestTextAndCheck(t *testing.T) {
	path := write(t)
	Check(t, path)
	pages := Text(t, path)
	require.Len(t, pages, 2, "pages")
	for i, want := range []string{"first page", "second page"} {
		assert.Equal(t, want, Squash(pages[i]), "page %d", i+1)
	}
	assert.Equal(t, "Prøve", Info(t, path)["Title"], "Info Title")
}

func TestCheckFailsOnBrokenFile(t *testing.T) {
	tool(t, "qpdf")
	path := filepath.Join(t.TempDir(), "broken.pdf")
	require.NoError(t, os.WriteFile(path, []byte("%PDF-1.4\nnot a pdf"), 0o644))
	ft := &fakeT{TB: t}
	func() {
		defer func() { recover() }()
		Check(ft, path)
	}()
	assert.True(t, ft.failed, "Check on a broken file: got no failure, want one")
}

// fakeT records a fatal failure instead of ending the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper() {}

func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed = true
	panic("fatal")
}

func TestSquash(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a  b\n  c", "a b c"},
		{"\n\n", ""},
		{"one", "one"},
	} {
		assert.Equal(t, tt.want, Squash(tt.in), "Squash(%q)", tt.in)
	}
}
