package main

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/html/htmltest"
	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf/pdftest"
)

// TestSampleOutputs renders every sample recipe in every format and checks
// the real files: the HTML in headless Chromium (no console error, no
// outside request, every chart drawn, links resolve, no serious
// accessibility fault), the PDF with qpdf and pdftotext (valid; every
// section title, shown figure and reservation in the text layer), and both
// against the pack.json beside them.
func TestSampleOutputs(t *testing.T) {
	for _, recipe := range sampleRecipes(t) {
		t.Run(filepath.Base(recipe), func(t *testing.T) {
			p, dir := renderSample(t, recipe, "json,html,pdf")
			base := strings.TrimSuffix(filepath.Base(recipe), ".yaml") + "-" + p.Period

			t.Run("html", func(t *testing.T) {
				report := htmltest.Check(t, filepath.Join(dir, base+".html"))
				charts := 0
				for _, s := range p.Sections {
					if s.Chart != nil {
						charts++
					}
				}
				assert.Len(t, report.Charts, charts, "one drawn chart per section with a chart")
			})

			t.Run("pdf", func(t *testing.T) {
				path := filepath.Join(dir, base+".pdf")
				pdftest.Check(t, path)
				text := pdftest.Squash(strings.Join(pdftest.Text(t, path), "\n"))
				loc := locale.For(p.Locale)
				for _, s := range p.Sections {
					assert.Contains(t, text, pdftest.Squash(s.Title), "section title")
					for _, f := range s.Footnotes {
						assert.Contains(t, text, prefix(pdftest.Squash(f.Text), 40), "reservation of %s", s.ID)
					}
					for _, row := range s.Rows {
						for c, v := range row {
							if want := shownNumber(loc, s.ColumnInfo[c], v); want != "" {
								assert.Contains(t, text, want, "figure in %s", s.ID)
							}
							if v == nil && s.ColumnInfo[c].Group {
								assert.Contains(t, text, loc.Labels.Empty, "an empty group value in %s is named", s.ID)
							}
						}
					}
				}
				for _, r := range p.Reservations {
					assert.Contains(t, text, prefix(pdftest.Squash(r.Text), 40), "pack-wide reservation %s", r.ID)
				}
			})

			t.Run("contents", func(t *testing.T) {
				page, err := os.ReadFile(filepath.Join(dir, base+".html"))
				require.NoError(t, err)
				htmlLines := tocRE.FindAllStringSubmatch(string(page), -1)
				require.NotEmpty(t, htmlLines, "contents lines in the HTML")
				pages := pdftest.Text(t, filepath.Join(dir, base+".pdf"))
				loc := locale.For(p.Locale)
				var toc []string // the contents page's lines
				for _, pg := range pages {
					if strings.Contains(pg, loc.Labels.Contents) {
						for _, ln := range strings.Split(pg, "\n") {
							toc = append(toc, pdftest.Squash(ln))
						}
						break
					}
				}
				require.NotEmpty(t, toc, "a contents page in the PDF")
				line := regexp.MustCompile(`^(?:(\d+) )?(.+) \d+$`)
				for _, ln := range htmlLines {
					num, title := ln[1], prefix(pdftest.Squash(html.UnescapeString(ln[2])), 30)
					found := false
					for _, l := range toc {
						if m := line.FindStringSubmatch(l); m != nil && strings.HasPrefix(m[2], title) {
							found = true
							assert.Equal(t, num, m[1], "number of %q: HTML, then PDF", title)
						}
					}
					assert.True(t, found, "PDF contents line %q", title)
				}
			})
		})
	}
}

// tocRE finds the lines of an HTML pack's contents: number and title.
var tocRE = regexp.MustCompile(`<li><span class="toc-num">([^<]*)</span><a href="#[^"]*">([^<]*)</a></li>`)

// shownNumber is a figure as both renderers print it, or "" for a cell
// that is not a plain number.
func shownNumber(loc locale.Locale, col pack.Column, v any) string {
	switch x := v.(type) {
	case int64:
		return loc.Integer(x)
	case float64:
		if col.Type == pack.TypeNumber {
			return loc.Number(x, col.Decimals)
		}
	}
	return ""
}

func prefix(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// TestRenderIsDeterministic renders the sample twice and wants the same
// bytes in every format.
func TestRenderIsDeterministic(t *testing.T) {
	recipe := filepath.Join("..", "..", "samples", "disability", "monthly.yaml")
	_, first := renderSample(t, recipe, "json,html,pdf")
	_, second := renderSample(t, recipe, "json,html,pdf")
	for _, ext := range []string{".json", ".html", ".pdf"} {
		a, err := os.ReadFile(filepath.Join(first, "monthly-2026-10"+ext))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(second, "monthly-2026-10"+ext))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a, b), "%s differs between two renders", ext)
	}
}
