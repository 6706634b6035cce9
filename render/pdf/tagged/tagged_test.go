package tagged

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
			require.NoError(t, err, "parse")
			var b bytes.Buffer
			write(&b, o)
			assert.Equal(t, tt.want, b.String())
		})
	}
	for _, bad := range []string{"(open", "<</A>>", "[1 2", "<<1 2>>", ")"} {
		_, _, err := parse([]byte(bad), 0)
		assert.Error(t, err, "parse(%q): got no error, want one", bad)
	}
}

func TestText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "<FEFF>"},
		{"å)", "<FEFF00E50029>"},
		{"𝄞", "<FEFFD834DD1E>"},
	} {
		assert.Equal(t, tt.want, string(text(tt.in)), "text(%q)", tt.in)
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
			require.NoError(t, f.Output(&buf))
			_, err := tr.Finish(buf.Bytes(), Info{Lang: "en"})
			assert.ErrorContains(t, err, tt.want)
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
	require.NoError(t, f.Output(&buf))
	return buf.Bytes(), tr
}

func TestFinish(t *testing.T) {
	orig, tr := small(t)
	out, err := tr.Finish(orig, Info{Title: "Small", Lang: "en"})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(out[8:len(orig)], orig[8:]), "got the original bytes changed, want them kept but for the version")
	assert.Equal(t, "%PDF-1.7", string(out[:8]), "the version")
	update := string(out[len(orig):])
	for _, want := range []string{
		"/MarkInfo <</Marked true>>", "/StructTreeRoot", "/ViewerPreferences <</DisplayDocTitle true>>", "/Lang (en)",
		"/StructParents 0 /Tabs /S", "/StructParents 1 /Tabs /S",
		"/S /P", "/K [2 <</Type /MCR /Pg", // the paragraph: MCID 2 on page 1, MCID 0 on page 2
		"/Type /OBJR", "/StructParent 2 /Contents <FEFF005000610067006500200032> /F 4",
		"/Nums [0 [", "/ParentTreeNextKey 3", "/Prev ",
	} {
		assert.Contains(t, update, want, "update")
	}
	again, _ := small(t)
	_, tr2 := small(t)
	out2, err := tr2.Finish(again, Info{Title: "Small", Lang: "en"})
	assert.NoError(t, err, "two runs")
	assert.True(t, bytes.Equal(out, out2), "two runs: got different bytes, want the same")
	path := filepath.Join(t.TempDir(), "small.pdf")
	require.NoError(t, os.WriteFile(path, out, 0o644))
	pdftest.Check(t, path)
	want := "Document\n  H1 (block)\n    \"Title\"\n  Link (inline)\n    \"to page 2\"\n"
	got := pdftest.StructText(t, path)
	assert.True(t, strings.HasPrefix(got, want), "structure: got\n%s\nwant it to start\n%s", got, want)
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
			_, err := tr.Finish(tt.pdf, tt.info)
			assert.ErrorContains(t, err, tt.want)
		})
	}
	// A file already updated is not read twice.
	out, err := tr.Finish(orig, Info{Lang: "en"})
	require.NoError(t, err)
	_, err = tr.Finish(out, Info{Lang: "en"})
	assert.ErrorContains(t, err, "updated before", "finishing twice: want an error saying the file has been updated before")
}
