package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
	"github.com/mipack/mipack/render/pdf/pdftest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render renders p to a file in a temporary directory and returns its path
// and bytes.
func render(t testing.TB, p *pack.Pack) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, (Renderer{}).Render(&buf, p), "Render")
	path := filepath.Join(t.TempDir(), "pack.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path, buf.Bytes()
}

// startPages lays p out once and returns the page each section starts on.
func startPages(t testing.TB, p *pack.Pack) plan {
	t.Helper()
	d, err := layout(p, plan{})
	require.NoError(t, err, "layout")
	return d.rec
}

// squashed returns the pages' text with white space collapsed.
func squashed(pages []string) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = pdftest.Squash(p)
	}
	return out
}

func TestRenderSample(t *testing.T) {
	p := packtest.Sample()
	path, _ := render(t, p)
	pdftest.Check(t, path)
	pages := squashed(pdftest.Text(t, path))
	all := strings.Join(pages, " ")
	rec := startPages(t, p)

	assert.GreaterOrEqual(t, len(pages), 5, "pages: want 5 to 10")
	assert.LessOrEqual(t, len(pages), 10, "pages: want 5 to 10")
	assert.Equal(t, len(pages), rec.pages, "pages the layout counted (actual) and pdftotext found (expected)")

	for _, want := range []string{
		// cover and front matter
		"Handicapområdet — månedsrapport", "Voksne, serviceloven §§ 85, 107 og 108", "oktober 2026",
		"Politisk udvalg", "01.11.2026", "3f2a0c1b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
		"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", "Indhold", "Læs dette først",
		// figures, in Danish format, and withheld cells
		"182.700", "85.505", "68.000", "342.905", "8.550,50", "5.042,72", "x",
		"120.000,50", "275.000,75", "1.500.000", "6.410.000", "1.267", "5.400.000,50",
		// marks on revised and flagged cells
		"† § 108 · Døgnpris i alt (kr.): Rettet; før 84.200", "! Kræver opmærksomhed",
		// chart text: titles, legends, ticks, categories
		"Døgnpris i alt efter paragraf", "Udgift efter leverandør", "Udgift og betalinger pr. måned",
		"200.000", "2.000.000", "2026-07", "Diagrammets tal står i tabellen.",
		// hostile text, literally
		packtest.Hostile,
		// appendix
		"Sådan er tallene lavet", "Behold rækker hvor status er aktiv og bevillingen løber i perioden",
		"Oprindelse", "samples/disability/extracts/payments.csv",
		"0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b", "Rækker sprunget over",
	} {
		assert.Contains(t, all, want, "text layer")
	}

	for i, s := range p.Sections {
		assert.Contains(t, pages[rec.sections[i]-1], s.Title, "section %q: got no title on its start page %d", s.ID, rec.sections[i])
	}
	// Every footnote stands on every page that carries its mark: the page
	// a section starts on and the page of its chart.
	for i, s := range p.Sections {
		onPages := []int{rec.sections[i]}
		if s.Chart != nil {
			for n, page := range pages {
				if strings.Contains(page, s.Chart.Title+" "+markText(s.Marks())) {
					onPages = append(onPages, n+1)
				}
			}
			assert.Len(t, onPages, 2, "section %q: chart title with marks found on pages %v, want one page", s.ID, onPages[1:])
		}
		for _, n := range onPages {
			for _, fn := range s.Footnotes {
				want := fn.Mark + " " + pdftest.Squash(fn.Text)
				assert.Contains(t, pages[n-1], want, "section %q page %d: got no footnote on the page of its mark", s.ID, n)
			}
		}
	}

	noFootnoteTwice(t, p, pages)

	read := pages[rec.readFirst-1]
	for _, r := range p.Reservations {
		assert.Contains(t, read, r.Text, "read-first page %d: got no reservation", rec.readFirst)
	}
	assert.Contains(t, read, "x: tallet vises ikke af hensyn til diskretion. Det beskriver færre end 5 personer", "read-first page %d", rec.readFirst)
	// The sample is short: its contents stand on the cover.
	toc := pages[0]
	for i, s := range p.Sections {
		assert.Contains(t, toc, fmt.Sprintf("%d %s %d", i+1, s.Title, rec.sections[i]), "contents")
	}
	for n, page := range pages[1:] {
		assert.Contains(t, page, fmt.Sprintf("Side %d af %d", n+2, len(pages)), "page %d: got no footer", n+2)
	}
}

func TestRenderMetadata(t *testing.T) {
	path, _ := render(t, packtest.Sample())
	info := pdftest.Info(t, path)
	for _, tt := range []struct{ key, want string }{
		{"Title", "Handicapområdet — månedsrapport"},
		{"Author", "mipack"},
		{"Subject", "Voksne, serviceloven §§ 85, 107 og 108 — oktober 2026"},
		{"Creator", "mipack v0.1.0"},
		{"Page size", "595.28 x 841.89 pts (A4)"},
	} {
		assert.Equal(t, tt.want, info[tt.key], "pdfinfo %s", tt.key)
	}
	assert.Contains(t, info["CreationDate"], "2026", "pdfinfo CreationDate: want the generation time in 2026")
}

func TestRenderDeterministic(t *testing.T) {
	_, first := render(t, packtest.Sample())
	_, second := render(t, packtest.Sample())
	// assert.True with bytes.Equal, not assert.Equal: a difference would
	// print both files whole.
	require.True(t, bytes.Equal(first, second), "two renders of the sample: got different bytes (%d and %d bytes), want identical", len(first), len(second))
	// A pack read back from pack.json renders to the same bytes.
	data, err := pack.Encode(packtest.Sample())
	require.NoError(t, err)
	decoded, err := pack.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	_, third := render(t, decoded)
	assert.True(t, bytes.Equal(first, third), "render of the decoded pack: got different bytes, want identical")
	_, big1 := render(t, bigPack())
	_, big2 := render(t, bigPack())
	assert.True(t, bytes.Equal(big1, big2), "two renders of the big pack: got different bytes, want identical")
}

// TestRenderGolden compares the text of sample packs (pdftotext) with the
// golden files: the sample, and a summary quoting its figures.
func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name string
		pack *pack.Pack
	}{
		{"sample", packtest.Sample()},
		{"summary", packtest.Summary()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, _ := render(t, tt.pack)
			pages := pdftest.Text(t, path)
			var b strings.Builder
			for i, page := range pages {
				fmt.Fprintf(&b, "=== page %d ===\n", i+1)
				for _, line := range strings.Split(strings.TrimRight(page, "\n"), "\n") {
					b.WriteString(strings.TrimRight(line, " "))
					b.WriteString("\n")
				}
			}
			got := b.String()
			golden := filepath.Join("testdata", "TestRenderGolden", tt.name+".txt")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -run %s -update to write it", t.Name())
			assert.Equal(t, string(want), got, "text of the %s pack differs from %s (run with -update if the change is meant):\n%s", tt.name, golden, firstDiff(got, string(want)))
		})
	}
}

// golden compares got, described by what, to testdata/<Test>/sample.txt,
// rewriting the file first with -update.
func golden(t *testing.T, what, got string) {
	t.Helper()
	path := filepath.Join("testdata", t.Name(), "sample.txt")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -run %s -update to write it", t.Name())
	assert.Equal(t, string(want), got, "%s differs from %s (run with -update if the change is meant):\n%s", what, path, firstDiff(got, string(want)))
}

// firstDiff shows the first differing line of two texts.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\ngot  %q\nwant %q", i+1, gl, wl)
		}
	}
	return "no line differs"
}

// bigPack builds a pack of 50 sections: long titles, labels and footnotes
// that wrap, one table of 120 rows that spans pages, and every chart type,
// with a euro sign and dashes in the text.
func bigPack() *pack.Pack {
	p := packtest.Sample()
	p.Title = "Handicapområdet – stor årsrapport med €-beløb"
	p.Reservations = append(p.Reservations, pack.Reservation{ID: "euro", Text: "Beløb i € er omregnet til kr. – kurs 7,46."})
	p.Sections = nil
	mark := 0
	types := []string{pack.ChartBar, pack.ChartStackedBar, pack.ChartLine}
	for k := range 50 {
		title := fmt.Sprintf("Afsnit %02d: udgift efter tilbud", k+1)
		if k%7 == 0 {
			title += " og paragraf, opgjort for hele kommunen inklusive de midlertidige anbringelser uden for kommunen – særskilt for § 107"
		}
		rows := 3 + k%9
		if k == 10 {
			rows = 120
		}
		s := pack.Section{
			ID: fmt.Sprintf("s%02d", k+1), Title: title, Kind: pack.KindTable,
			Columns: []string{"offer", "citizens", "amount", "share"},
			ColumnInfo: []pack.Column{
				{Name: "offer", Label: "Tilbud", Type: pack.TypeString, Group: true},
				{Name: "citizens", Label: "Borgere", Type: pack.TypeInteger},
				{Name: "amount", Label: "Beløb (kr.)", Type: pack.TypeNumber, Decimals: 2},
				{Name: "share", Label: "Andel", Type: pack.TypePercent, Decimals: 1},
			},
			Suppressed: [][2]int{{1, 1}},
			Flagged:    []int{0},
			Steps:      []pack.Step{{Text: "Læs betalinger (payments.csv)", Rows: 10000}, {Text: "Gruppér efter tilbud", Rows: int64(rows)}},
		}
		c := &pack.Chart{Type: types[k%3], Title: fmt.Sprintf("Afsnit %02d i diagram", k+1), X: "offer", Y: []string{"amount"}, ValueType: pack.TypeNumber}
		a := pack.Series{Name: "Beløb (kr.)", Color: "#1f5f8b"}
		b := pack.Series{Name: "Beløb året før (kr.)", Color: "#c8553d"}
		total := 0.0
		for r := range rows {
			label := fmt.Sprintf("Tilbud %03d", r+1)
			if (k+r)%5 == 0 {
				label += " – botilbud efter § 107 med døgndækning og særlige pladser til unge voksne"
			}
			amount := float64((k+1)*1000+r*37) + 0.25
			total += amount
			var citizens any = int64(5 + r%20)
			if r == 1 {
				citizens = nil
			}
			s.Rows = append(s.Rows, []any{label, citizens, amount, float64(r%10) / 40})
			c.Categories = append(c.Categories, label)
			v, w := amount, amount*0.9
			a.Values = append(a.Values, &v)
			if r == 2 {
				b.Values = append(b.Values, nil)
			} else {
				b.Values = append(b.Values, &w)
			}
		}
		s.Total = []any{"I alt", int64(99), total, 1.0}
		c.Data = []pack.Series{a, b}
		s.Chart = c
		for n := range 1 + k%4 {
			mark++
			fn := pack.Footnote{Mark: strconv.Itoa(mark), Kind: pack.FootnoteWritten, Text: fmt.Sprintf("Forbehold %d for afsnit %02d: tallene er foreløbige.", n+1, k+1)}
			if k%6 == 0 && n == 0 {
				fn.Text += strings.Repeat(" Udbetalinger kan blive bogført i den følgende måned, og rettelser indgår først i næste pakke.", 4)
			}
			if n == 1 {
				fn.Column = "amount"
			}
			s.Footnotes = append(s.Footnotes, fn)
		}
		p.Sections = append(p.Sections, s)
	}
	return p
}

func TestRenderBig(t *testing.T) {
	p := bigPack()
	path, _ := render(t, p)
	pdftest.Check(t, path)
	pages := squashed(pdftest.Text(t, path))
	rec := startPages(t, p)
	assert.GreaterOrEqual(t, len(pages), 30, "pages: want 30 to 80")
	assert.LessOrEqual(t, len(pages), 80, "pages: want 30 to 80")
	// Checks in the whole text or the contents are assert.True with
	// strings.Contains, not assert.Contains: a failure would print many
	// pages.
	all := strings.Join(pages, " ")
	for _, want := range []string{"Beløb i € er omregnet til kr. – kurs 7,46.", "Handicapområdet – stor årsrapport med €-beløb"} {
		assert.True(t, strings.Contains(all, want), "text layer: got no %q", want)
	}
	toc := strings.Join(pages[1:rec.readFirst-1], " ")
	for i, s := range p.Sections {
		start := rec.sections[i]
		assert.Contains(t, pages[start-1], s.Title, "section %q: got no title on its start page %d", s.ID, start)
		want := fmt.Sprintf("%d %s %d", i+1, s.Title, start)
		assert.True(t, strings.Contains(toc, want), "contents: got no %q", want)
		// The page a section starts on carries all its footnotes; the
		// pages its table continues on carry none of them again.
		end := rec.appendix - 1
		if i+1 < len(p.Sections) {
			end = rec.sections[i+1] - 1
		}
		for _, fn := range s.Footnotes {
			want := fn.Mark + " " + fn.Text
			assert.Contains(t, pages[start-1], want, "section %q page %d: got no footnote %.40q… on its start page", s.ID, start, want)
		}
		for n := start + 1; n <= end; n++ {
			for _, fn := range s.Footnotes {
				if strings.Contains(pages[n-1], s.Title+" (fortsat)") {
					assert.NotContains(t, pages[n-1], fn.Text, "section %q page %d: got footnote %.40q… again where its table continues, want it once, where the table starts", s.ID, n, fn.Text)
				}
			}
		}
	}
	noFootnoteTwice(t, p, pages)
	// The long table runs over pages, each starting with the continued
	// title and the heading row.
	long := p.Sections[10]
	cont := 0
	for n := rec.sections[10] + 1; n < rec.sections[11]; n++ {
		page := pages[n-1]
		if !strings.Contains(page, long.Title+" (fortsat)") {
			continue
		}
		cont++
		assert.Contains(t, page, "Tilbud Borgere Beløb (kr.)", "page %d: got no repeated heading row", n)
	}
	assert.GreaterOrEqual(t, cont, 2, "120-row table: continuation pages")
	// The total row goes over a page break with the last rows before it.
	for _, page := range pages[rec.sections[10]-1 : rec.sections[11]] {
		if strings.Contains(page, "Tilbud 120") {
			assert.Contains(t, page, "Tilbud 118", "120-row table: got the last row without the two before it on its page")
		}
	}
	for r := range 120 {
		want := fmt.Sprintf("Tilbud %03d", r+1)
		assert.True(t, strings.Contains(all, want), "120-row table: got no row %q", want)
	}
}

// noFootnoteTwice fails t for every page that shows one footnote's text
// more than once (under two marks, or in two blocks).
func noFootnoteTwice(t *testing.T, p *pack.Pack, pages []string) {
	t.Helper()
	texts := map[string]bool{}
	for _, s := range p.Sections {
		for _, fn := range s.Footnotes {
			texts[pdftest.Squash(fn.Text)] = true
		}
	}
	for n, page := range pages {
		for text := range texts {
			c := strings.Count(page, text)
			assert.LessOrEqual(t, c, 1, "page %d: got footnote %.50q… %d times, want it once", n+1, text, c)
		}
	}
}

func TestRenderLongFootnotes(t *testing.T) {
	// Footnotes that could not share a page with their figure follow the
	// section as a block: every one is printed, after the section's title.
	p := packtest.Sample()
	s := &p.Sections[0]
	s.Footnotes = nil
	for n := range 30 {
		s.Footnotes = append(s.Footnotes, pack.Footnote{
			Mark: strconv.Itoa(n + 1), Kind: pack.FootnoteWritten,
			Text: fmt.Sprintf("Forbehold nummer %d.", n+1) + strings.Repeat(" Tallene er foreløbige og kan blive rettet.", 6),
		})
	}
	path, _ := render(t, p)
	pdftest.Check(t, path)
	pages := squashed(pdftest.Text(t, path))
	rec := startPages(t, p)
	rest := strings.Join(pages[rec.sections[0]-1:], " ")
	head := "Forbehold 1 Forbehold nummer 1."
	at := strings.Index(rest, head)
	require.GreaterOrEqual(t, at, 0, "got no block starting %q after the section start", head)
	for _, fn := range s.Footnotes {
		want := fn.Mark + " " + fn.Text
		assert.True(t, strings.Contains(rest[at:], want), "got no footnote %.30q… in the block", want)
	}
}

func TestRenderMinimal(t *testing.T) {
	// An English pack with no sections, reservations or sources still has
	// its cover, with its contents, and appendix, in English.
	p := &pack.Pack{Title: "Empty pack", Period: "2026-10", Locale: "en", Provenance: pack.Provenance{GeneratedAt: "2026-11-01T08:00:00Z"}}
	path, _ := render(t, p)
	pdftest.Check(t, path)
	pages := squashed(pdftest.Text(t, path))
	want := []string{
		"Empty pack October 2026 Contents How these figures were made 2 Period October 2026 Approval Not approved (the recipe is not in git) Generated 1 Nov 2026",
		"Empty pack October 2026 How these figures were made Provenance Approval Not approved (the recipe is not in git) Generated 1 Nov 2026, 09:00 CET Page 2 of 2",
	}
	require.Len(t, pages, len(want), "pages")
	for i := range want {
		assert.Equal(t, want[i], pages[i], "page %d", i+1)
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(p *pack.Pack)
		want  string
	}{
		{"short row", func(p *pack.Pack) { p.Sections[0].Rows[0] = p.Sections[0].Rows[0][:2] }, `section "overview": row 0 has 2 cells, want 5`},
		{"total row", func(p *pack.Pack) { p.Sections[0].Total = []any{"I alt"} }, `section "overview": total row has 1 cells, want 5`},
		{"column info", func(p *pack.Pack) { p.Sections[1].ColumnInfo = nil }, `section "by_provider": 3 columns but 0 column descriptions`},
		{"chart values", func(p *pack.Pack) { p.Sections[2].Chart.Data[1].Values = nil }, `section "trend": chart series "Betalinger" has 0 values for 4 categories`},
		{"colour", func(p *pack.Pack) { p.Sections[2].Chart.Data[0].Color = "blue" }, `section "trend": chart series "Beløb (kr.)": colour "blue" is not #rrggbb`},
		{"chart type", func(p *pack.Pack) { p.Sections[2].Chart.Type = "pie" }, `section "trend": unknown chart type "pie"`},
		{"time", func(p *pack.Pack) { p.Provenance.GeneratedAt = "yesterday" }, `provenance generated_at "yesterday" is not RFC 3339`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := packtest.Sample()
			tt.spoil(p)
			var buf bytes.Buffer
			err := (Renderer{}).Render(&buf, p)
			assert.EqualError(t, err, "pdf: "+tt.want)
			assert.Zero(t, buf.Len(), "bytes written")
		})
	}
}

func BenchmarkRender50Sections(b *testing.B) {
	p := bigPack()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		require.NoError(b, (Renderer{}).Render(&buf, p))
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}
