package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
	"github.com/mipack/mipack/render/pdf/pdftest"
)

// widePack is the sample with a section comparing two months in nine
// columns, as the monthly sample's comparison: too wide for an upright page.
func widePack() *pack.Pack {
	p := packtest.Sample()
	cols := []pack.Column{{Name: "section", Label: "Paragraf", Type: pack.TypeString, Group: true}}
	for _, m := range []string{"Udbetalt (kr.)", "Betalinger"} {
		cols = append(cols,
			pack.Column{Name: m, Label: m, Type: pack.TypeNumber, Decimals: 2},
			pack.Column{Name: m + "_prev", Label: m + " (forrige periode)", Type: pack.TypeNumber},
			pack.Column{Name: m + "_change", Label: m + ", ændring", Type: pack.TypeNumber},
			pack.Column{Name: m + "_pct", Label: m + ", ændring i %", Type: pack.TypePercent, Decimals: 1})
	}
	s := pack.Section{ID: "change", Title: "Udbetalt i måneden mod forrige måned", Kind: pack.KindTable, ColumnInfo: cols}
	for _, c := range cols {
		s.Columns = append(s.Columns, c.Name)
	}
	for i, sec := range []string{"§ 107", "§ 108", "§ 85"} {
		f := float64(i + 1)
		s.Rows = append(s.Rows, []any{sec, 6318198.08 * f, 5341703.74 * f, 976494.34 * f, -0.183 * f, 1128.0 * f, 1131.0 * f, -3.0 * f, -0.0097 * f})
	}
	p.Sections = append(p.Sections[:1], append([]pack.Section{s}, p.Sections[1:]...)...)
	return p
}

// TestWideTable: a table too wide for an upright page goes on a turned
// one, with every heading word whole; the sections around it stay upright.
func TestWideTable(t *testing.T) {
	p := widePack()
	d, err := layout(p, plan{})
	require.NoError(t, err)
	turned := map[int]bool{}
	for n := 1; n <= d.rec.pages; n++ {
		w, h, _ := d.f.PageSize(n)
		turned[n] = w > h
	}
	wide := d.rec.sections[1]
	assert.True(t, turned[wide], "page %d of the nine-column table: got an upright page, want a turned one", wide)
	for _, n := range []int{1, d.rec.sections[0], d.rec.sections[2], d.rec.appendix} {
		assert.False(t, turned[n], "page %d: got a turned page, want upright (only the wide table turns)", n)
	}

	path, _ := render(t, p)
	pdftest.Check(t, path)
	pages := pdftest.Text(t, path)
	headingWordsWhole(t, p, pages, d.rec)
}

// headingWordsWhole fails t when a column heading is wrapped inside a
// word on the page its table starts on: "Paragraf" as "Paragr" and "af".
// A piece is a token of the page that is the start of a heading word and
// is no word the pack itself writes anywhere.
func headingWordsWhole(t *testing.T, p *pack.Pack, pages []string, rec plan) {
	t.Helper()
	known := map[string]bool{}
	addWords := func(s string) {
		for _, w := range strings.Fields(s) {
			known[w] = true
		}
	}
	addWords(p.Title + " " + p.Subtitle + " " + p.Organisation)
	for _, r := range p.Reservations {
		addWords(r.Text)
	}
	for _, s := range p.Sections {
		addWords(s.Title)
		for _, c := range s.ColumnInfo {
			addWords(c.Label)
		}
		for _, f := range s.Footnotes {
			addWords(f.Text)
		}
		for _, row := range s.Rows {
			for _, v := range row {
				if text, ok := v.(string); ok {
					addWords(text)
				}
			}
		}
	}
	for i, s := range p.Sections {
		if s.Kind == pack.KindText {
			continue
		}
		page := strings.Fields(pages[rec.sections[i]-1])
		for _, c := range s.ColumnInfo {
			for _, w := range strings.Fields(c.Label) {
				for _, tok := range page {
					broken := len(tok) < len(w) && strings.HasPrefix(w, tok) && len([]rune(tok)) >= 3 && !known[tok]
					assert.False(t, broken, "section %q page %d: got %q, a piece of the heading word %q in %q, want no word broken", s.ID, rec.sections[i], tok, w, c.Label)
				}
			}
		}
	}
}

// TestHeadingWordsWhole: no heading of the sample packs breaks a word.
func TestHeadingWordsWhole(t *testing.T) {
	for i, p := range []*pack.Pack{packtest.Sample(), bigPack()} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			path, _ := render(t, p)
			headingWordsWhole(t, p, pdftest.Text(t, path), startPages(t, p))
		})
	}
}
