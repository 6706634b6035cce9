package tagged

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/mipack/mipack/render/pdf/pdftest"
)

func TestParseWrite(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/Name", "/Name"},
		{"12 0 R", "12 0 R"},
		{"12 0", "12"}, // two numbers, no R: the first is read alone
		{"[1 0 R /A (x (y) \\) z) <FEFF00E5> -3.5 true null]", "[1 0 R /A (x (y) \\) z) <FEFF00E5> -3.5 true null]"},
		{"<</Type /Page\n/Parent 1 0 R\n/Annots [<</Rect [1 2 3 4]>>]>>", "<</Type /Page /Parent 1 0 R /Annots [<</Rect [1 2 3 4]>>]>>"},
		{"<< % comment\n/K [] >>", "<</K []>>"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			o, _, err := parse([]byte(tt.in), 0)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			var b bytes.Buffer
			write(&b, o)
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
	for _, bad := range []string{"(open", "<</A>>", "[1 2", "<<1 2>>", ")"} {
		if _, _, err := parse([]byte(bad), 0); err == nil {
			t.Errorf("parse(%q): got no error, want one", bad)
		}
	}
}

func TestText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "<FEFF>"},
		{"å)", "<FEFF00E50029>"},
		{"𝄞", "<FEFFD834DD1E>"},
	} {
		if got := string(text(tt.in)); got != tt.want {
			t.Errorf("text(%q): got %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestMisuse(t *testing.T) {
	tests := []struct {
		name string
		draw func(f *fpdf.Fpdf, tr *Tree)
		want string
	}{
		{"page break inside", func(f *fpdf.Fpdf, tr *Tree) {
			tr.Mark(tr.Root().Add(P), func() { f.AddPage() })
		}, "marked content opened on page 1 was closed on page 2"},
		{"mark inside artifact", func(f *fpdf.Fpdf, tr *Tree) {
			tr.Artifact(Layout, func() { tr.Mark(tr.Root().Add(P), func() {}) })
		}, "marked content opened inside other marked content on page 1"},
		{"artifact inside mark", func(f *fpdf.Fpdf, tr *Tree) {
			tr.Mark(tr.Root().Add(P), func() { tr.Artifact(Layout, func() {}) })
		}, "marked content opened inside other marked content on page 1"},
		{"link of a paragraph", func(f *fpdf.Fpdf, tr *Tree) {
			tr.Link(tr.Root().Add(P), "x")
		}, "a link annotation given to a P element, want Link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fpdf.New("P", "mm", "A4", "")
			tr := New(f)
			f.AddPage()
			tt.draw(f, tr)
			var buf bytes.Buffer
			if err := f.Output(&buf); err != nil {
				t.Fatal(err)
			}
			_, err := tr.Finish(buf.Bytes(), Info{Lang: "en"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// small draws a two-page document with a heading, a link to page 2, a
// paragraph over both pages and a rule, and returns fpdf's file and the tree.
func small(t *testing.T) ([]byte, *Tree) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 12)
	tr := New(f)
	doc := tr.Root()
	f.AddPage()
	tr.Mark(doc.Add(H1), func() { f.Text(20, 20, "Title") })
	l := doc.Add(Link)
	to := f.AddLink()
	tr.Mark(l, func() { f.Text(20, 30, "to page 2") })
	f.Link(20, 25, 40, 6, to)
	tr.Link(l, "Page 2")
	p := doc.Add(P)
	tr.Mark(p, func() { f.Text(20, 40, "first half") })
	tr.Artifact(Footer, func() { f.Text(20, 280, "1") })
	f.AddPage()
	f.SetLink(to, 20, -1)
	tr.Mark(p, func() { f.Text(20, 20, "second half") })
	tr.Artifact(Layout, func() { f.Line(20, 30, 100, 30) })
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), tr
}

func TestFinish(t *testing.T) {
	orig, tr := small(t)
	out, err := tr.Finish(orig, Info{Title: "Small", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out[8:len(orig)], orig[8:]) || string(out[:8]) != "%PDF-1.7" {
		t.Errorf("got the original bytes changed, want them kept but for the version")
	}
	update := string(out[len(orig):])
	for _, want := range []string{
		"/MarkInfo <</Marked true>>", "/StructTreeRoot", "/ViewerPreferences <</DisplayDocTitle true>>", "/Lang (en)",
		"/StructParents 0 /Tabs /S", "/StructParents 1 /Tabs /S",
		"/S /P", "/K [2 <</Type /MCR /Pg", // the paragraph: MCID 2 on page 1, MCID 0 on page 2
		"/Type /OBJR", "/StructParent 2 /Contents <FEFF005000610067006500200032> /F 4",
		"/Nums [0 [", "/ParentTreeNextKey 3", "/Prev ",
	} {
		if !strings.Contains(update, want) {
			t.Errorf("update: got no %q in\n%s", want, update)
		}
	}
	again, _ := small(t)
	_, tr2 := small(t)
	out2, err := tr2.Finish(again, Info{Title: "Small", Lang: "en"})
	if err != nil || !bytes.Equal(out, out2) {
		t.Errorf("two runs: got different bytes (%v), want the same", err)
	}
	path := filepath.Join(t.TempDir(), "small.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, path)
	want := "Document\n  H1 (block)\n    \"Title\"\n  Link (inline)\n    \"to page 2\"\n"
	if got := pdftest.StructText(t, path); !strings.HasPrefix(got, want) {
		t.Errorf("structure: got\n%s\nwant it to start\n%s", got, want)
	}
}

func TestFinishRejects(t *testing.T) {
	orig, tr := small(t)
	for _, tt := range []struct {
		name string
		pdf  []byte
		info Info
		want string
	}{
		{"not a PDF", []byte("hello"), Info{Lang: "en"}, "no startxref"},
		{"bad language", orig, Info{Lang: "en) /X (y"}, "is not a language tag"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tr.Finish(tt.pdf, tt.info); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one saying %q", err, tt.want)
			}
		})
	}
	// A file already updated is not read twice.
	out, err := tr.Finish(orig, Info{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Finish(out, Info{Lang: "en"}); err == nil || !strings.Contains(err.Error(), "updated before") {
		t.Errorf("finishing twice: got error %v, want one saying the file has been updated before", err)
	}
}
