package pdftest

import (
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/go-pdf/fpdf"
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
	if err := f.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTextAndCheck(t *testing.T) {
	path := write(t)
	Check(t, path)
	pages := Text(t, path)
	if len(pages) != 2 {
		t.Fatalf("got %d pages, want 2: %q", len(pages), pages)
	}
	for i, want := range []string{"first page", "second page"} {
		if got := Squash(pages[i]); got != want {
			t.Errorf("page %d: got %q, want %q", i+1, got, want)
		}
	}
	if got := Info(t, path)["Title"]; got != "Prøve" {
		t.Errorf("Info Title: got %q, want %q", got, "Prøve")
	}
}

func TestCheckFailsOnBrokenFile(t *testing.T) {
	tool(t, "qpdf")
	path := filepath.Join(t.TempDir(), "broken.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4\nnot a pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	ft := &fakeT{TB: t}
	func() {
		defer func() { recover() }()
		Check(ft, path)
	}()
	if !ft.failed {
		t.Errorf("Check on a broken file: got no failure, want one")
	}
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
		if got := Squash(tt.in); got != tt.want {
			t.Errorf("Squash(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
