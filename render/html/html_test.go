package html_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/html"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
	"github.com/mipack/mipack/templates"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render renders p and fails t on an error.
func render(t testing.TB, p *pack.Pack) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, (html.Renderer{}).Render(&b, p), "Render")
	return b.String()
}

// runtimeMark stands for the inlined ECharts runtime in golden files, so that
// they show the page and not a megabyte of minified library.
const runtimeMark = "/* echarts.min.js " + templates.EChartsVersion + " sha256:" + templates.EChartsSHA256 + " */"

// withoutRuntime replaces the inlined ECharts runtime by runtimeMark.
func withoutRuntime(page string) string {
	return strings.Replace(page, templates.ECharts(), runtimeMark, 1)
}

// TestRenderGolden compares the sample pack's page with the golden file,
// the ECharts runtime replaced by a mark (go test -update rewrites it).
func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name string
		pack *pack.Pack
	}{
		{"sample", packtest.Sample()},
		{"minimal_english", minimalEnglish()},
		{"summary", packtest.Summary()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withoutRuntime(render(t, tt.pack))
			golden := filepath.Join("testdata", "TestRenderGolden", tt.name+".html")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update to write it")
			assert.Equal(t, string(want), got, "got a page that differs from %s (go test -update to accept):\n%s", golden, firstDiff(got, string(want)))
		})
	}
}

// firstDiff shows the first line where got and want part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got  " + clip(gl) + "\n want " + clip(wl)
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// TestRenderDeterministic: the same pack gives the same bytes, also after a
// round trip through pack.json.
func TestRenderDeterministic(t *testing.T) {
	// The pages hold the ECharts runtime: assert.True, not assert.Equal,
	// which would print a megabyte of it.
	first := render(t, packtest.Sample())
	second := render(t, packtest.Sample())
	assert.True(t, second == first, "two renders of the sample differ:\n%s", firstDiff(second, first))
	data, err := pack.Encode(packtest.Sample())
	require.NoError(t, err)
	decoded, err := pack.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	got := render(t, decoded)
	assert.True(t, got == first, "the decoded pack renders differently:\n%s", firstDiff(got, first))
}

var (
	scriptRE = regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)
	styleRE  = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	cspRE    = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
)

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// TestContentSecurityPolicy: the page forbids every request, names each
// inline script and stylesheet by its hash, and needs neither 'unsafe-eval'
// nor 'unsafe-inline' for scripts.
func TestContentSecurityPolicy(t *testing.T) {
	tests := []struct {
		name      string
		pack      *pack.Pack
		scripts   int
		styleAttr string
	}{
		{"sample", packtest.Sample(), 2, "'unsafe-inline'"}, // ECharts styles what it draws
		{"minimal_english", minimalEnglish(), 0, "'none'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := render(t, tt.pack)
			m := cspRE.FindStringSubmatch(page)
			require.NotNil(t, m, "got no Content-Security-Policy meta tag, want one")
			csp := stdhtml.UnescapeString(m[1])
			directives := map[string]string{}
			for _, d := range strings.Split(csp, ";") {
				name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
				directives[name] = value
			}
			assert.Equal(t, "'none'", directives["default-src"], "default-src")
			assert.Equal(t, tt.styleAttr, directives["style-src-attr"], "style-src-attr")
			assert.NotContains(t, csp, "unsafe-eval", "CSP: want no 'unsafe-eval'")
			assert.NotContains(t, directives["script-src"], "unsafe-inline", "script-src: want no 'unsafe-inline'")
			n := 0
			for _, s := range scriptRE.FindAllStringSubmatch(page, -1) {
				if strings.Contains(s[1], "application/json") {
					continue // a data block: never run
				}
				n++
				assert.NotContains(t, s[1], "src=", "got a script with src, want every script inline")
				assert.Contains(t, directives["script-src"], hash(s[2]), "script %d: its hash is not in script-src", n)
			}
			assert.Equal(t, tt.scripts, n, "inline scripts")
			for _, s := range styleRE.FindAllStringSubmatch(page, -1) {
				assert.Contains(t, directives["style-src-elem"], hash(s[1]), "stylesheet hash is not in style-src-elem")
			}
		})
	}
}

// TestNoOutsideAddress: apart from the ECharts runtime's own text, the page
// names no address to fetch: no http(s) URL, no src, no <link>.
func TestNoOutsideAddress(t *testing.T) {
	page := strings.Replace(render(t, packtest.Sample()), templates.ECharts(), "", 1)
	for _, bad := range []string{"http://", "https://", "<link", "@import", "url("} {
		// -1: not found. The message shows where it was found.
		i := strings.Index(page, bad)
		assert.Equal(t, -1, i, "got %q at %q, want none", bad, clip(page[max(0, i-60):min(len(page), i+60)]))
	}
	m := srcRE.FindString(page)
	assert.Empty(t, m, "got an element with src: %q, want none", clip(m))
	assert.Equal(t, 1, strings.Count(render(t, packtest.Sample()), templates.ECharts()), "the ECharts runtime: want it once")
}

// TestEscaping: hostile text from extracts and recipes reaches the page as
// text only, never as markup, in cells, reservations, chart data and
// attributes.
func TestEscaping(t *testing.T) {
	page := withoutRuntime(render(t, packtest.Sample()))
	assert.NotContains(t, page, packtest.Hostile, "got the hostile text unescaped, want it escaped everywhere")
	for _, bad := range []string{"<img", "onerror=alert(1)>"} {
		assert.NotContains(t, page, bad, "got %q in the page, want none", bad)
	}
	// Every <script is closed by its own </script>: no data block ended early.
	assert.Equal(t, strings.Count(page, "<script"), strings.Count(page, "</script>"), "counts of <script (expected) and </script> (actual)")
	escaped := stdhtml.EscapeString(packtest.Hostile)
	assert.GreaterOrEqual(t, strings.Count(page, escaped), 4, "the escaped hostile text: want it at least 4 times (reservation, footnote, two cells)")
	// The chart data holds the hostile category, JSON-escaped, and decodes back to it.
	for _, s := range scriptRE.FindAllStringSubmatch(page, -1) {
		if !strings.Contains(s[1], "application/json") || !strings.Contains(s[2], `\u003cimg`) {
			continue
		}
		var opt struct {
			XAxis []struct {
				Data []string `json:"data"`
			} `json:"xAxis"`
		}
		require.NoError(t, json.Unmarshal([]byte(s[2]), &opt), "chart data")
		if assert.NotEmpty(t, opt.XAxis, "chart categories") && assert.Len(t, opt.XAxis[0].Data, 2, "chart categories") {
			assert.Equal(t, packtest.Hostile, opt.XAxis[0].Data[1], "chart categories: want the hostile text back")
		}
		return
	}
	assert.Fail(t, "got no chart data block with the hostile category, want one")
}

// TestChartLabelsSurviveGoEchartsMarkers: text that go-echarts' snippet
// would cut ("__f__" marks its functions) reaches the chart unchanged.
func TestChartLabelsSurviveGoEchartsMarkers(t *testing.T) {
	p := minimalEnglish()
	one := 1.0
	p.Sections[0].Chart = &pack.Chart{
		Type: pack.ChartBar, Title: "Amount", X: "team", Y: []string{"amount"}, ValueType: pack.TypeNumber,
		Categories: []string{`__f__North`, `South__f__"`},
		Data:       []pack.Series{{Name: "__f__", Color: "#1f5f8b", Values: []*float64{&one, nil}}},
	}
	page := render(t, p)
	for _, want := range []string{`"__f__North"`, `"South__f__\"`, `"name":"__f__"`, `{"value":"-"}`} {
		// Not assert.Contains: the page holds the ECharts runtime, a megabyte.
		assert.True(t, strings.Contains(page, want), "chart data: want %s in it", want)
	}
}

// TestRenderContents checks what a reader must find, in both languages.
func TestRenderContents(t *testing.T) {
	totalLabel := packtest.Sample()
	totalLabel.Sections[2].Total[0] = pack.TotalLabel
	totalLabel.Sections[1].Total[0] = "Sum" // the place names the row, not the text
	tests := []struct {
		name string
		pack *pack.Pack
		want []string
		not  []string
	}{
		{"total row in the locale's word", totalLabel, []string{
			"<tfoot>\n<tr><th scope=\"row\">I alt</th><td class=\"num\">6.410.000</td>",
			"<tfoot>\n<tr><th scope=\"row\">I alt</th><td></td><td class=\"num\">275.000,75</td>",
		}, []string{`<th scope="row">Total</th>`, `<th scope="row">Sum</th>`}},
		{"sample", packtest.Sample(), []string{
			`<html lang="da">`,
			`<title>Handicapområdet — månedsrapport — oktober 2026</title>`,
			`<p class="subtitle">Voksne, serviceloven §§ 85, 107 og 108</p>`,
			`<dd>oktober 2026 (01.10.2026–31.10.2026)</dd>`,
			`<dd>Politisk udvalg</dd>`,
			`<h2 id="read-this-first-title">Læs dette først</h2>`,
			`<li id="reservation-prices">Døgnpriser indtastes`,
			`<td class="num">182.700</td>`,
			`<td class="num">8.550,50</td>`,
			`<span class="revised">85.505</span><span class="was">Rettet; før 84.200</span>`,
			`<abbr title="skjult af hensyn til diskretion: færre end 5 personer, eller skjult så andre tal ikke afslører et sådant tal">x</abbr>`,
			`<tr class="flagged"><th scope="row">`,
			`<span class="flag">Kræver opmærksomhed</span>`,
			"<tfoot>\n<tr><th scope=\"row\">I alt</th><td class=\"num\">68</td><td class=\"num\">342.905</td>",
			`<th scope="col" class="num">Døgnpris i alt (kr.)<span class="marks"><sup><a id="overview-col-mark-4" href="#overview-fn-4" aria-label="Forbehold 4">4</a></sup></span></th>`,
			`<a class="back" href="#overview-mark-4" aria-label="Tilbage til teksten">↩</a>`,
			`role="img" aria-label="Diagram: Døgnpris i alt efter paragraf. Diagrammets tal står i tabellen. Vises ikke af hensyn til diskretion: § 103 (Døgnpris i alt (kr.))."`,
			// The chart's axes are titled, and its withheld value marked.
			`"name":"Døgnpris i alt (kr.)"`,
			`"name":"Paragraf"`,
			`"coord":["§ 103",0]`,
			`<tr><td class="num">1</td><td>Læs bevillinger (grants.csv)</td><td class="num">114</td></tr>`,
			`<code>9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d</code>`,
			`<tr><th scope="row">Dannet</th><td>01.11.2026 kl. 09.00 CET</td></tr>`,
			`<tr><th scope="row">Rækker sprunget over</th><td>2</td></tr>`,
			`<tr><th scope="row">Skilletegn</th><td><code>;</code></td></tr>`,
		}, nil},
		{"minimal_english", minimalEnglish(), []string{
			`<html lang="en">`,
			`<title>Payments by team — March 2026</title>`,
			`<dd>March 2026</dd>`,
			`<td class="num">1,234.5</td>`,
			`<td class="num">12.5 %</td>`,
			`<h2 id="how-made-title">How these figures were made</h2>`,
			`<tr><td class="num">2</td><td>Sum by team</td><td class="num"></td></tr>`,
			`<tr><th scope="row">Generated</th><td>1 Apr 2026, 02:00 CEST</td></tr>`,
		}, []string{
			`class="subtitle"`, `<tfoot>`, `data-chart`, `<script`, `read-this-first`, `class="footnotes"`, `Audience`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := withoutRuntime(render(t, tt.pack))
			for _, w := range tt.want {
				assert.Contains(t, page, w)
			}
			for _, n := range tt.not {
				assert.NotContains(t, page, n)
			}
		})
	}
}

// TestBackLinks: every footnote links back once, to its mark, and no two
// footnotes share a back link; a section lists each mark once, even where
// two of its footnotes quote one reservation.
func TestBackLinks(t *testing.T) {
	p := packtest.Sample()
	// A section naming the same reservation twice shows it once.
	ov := &p.Sections[0]
	ov.Footnotes = append(ov.Footnotes, ov.Footnotes[0])
	page := render(t, p)
	items := footnoteRE.FindAllStringSubmatch(page, -1)
	require.NotEmpty(t, items, "got no footnotes in the page")
	seen := map[string]string{}
	for _, it := range items {
		backs := backRE.FindAllStringSubmatch(it[2], -1)
		if !assert.Len(t, backs, 1, "footnote %q: back links", it[1]) {
			continue
		}
		other, dup := seen[backs[0][1]]
		assert.False(t, dup, "footnotes %q and %q: got the same back link #%s, want one each", other, it[1], backs[0][1])
		seen[backs[0][1]] = it[1]
	}
	assert.Equal(t, 1, strings.Count(page, `id="overview-fn-1"`), "footnote 1 of overview: want it once")
}

var (
	footnoteRE = regexp.MustCompile(`<li id="([^"]*-fn-[^"]*)">(.*?)</li>`)
	backRE     = regexp.MustCompile(`<a class="back" href="#([^"]*)"`)
	srcRE      = regexp.MustCompile(`<[a-zA-Z][^>]*\ssrc=`)
	idRE       = regexp.MustCompile(`\sid="([^"]*)"`)
	hrefRE     = regexp.MustCompile(`\shref="#([^"]*)"`)
)

// TestAnchors: ids are unique and every fragment link has its target, also
// when section ids clash with each other or with the page's own ids, or
// hold characters an id cannot.
func TestAnchors(t *testing.T) {
	clash := packtest.Sample()
	clash.Sections[1].ID = "overview"          // same as section 0
	clash.Sections[2].ID = "contents"          // the table of contents' id
	clash.Sections[3].ID = "Betalinger i alt"  // a space
	clash.Sections[3].Footnotes[1].Mark = "10" // a mark repeated in a section
	tests := []struct {
		name string
		pack *pack.Pack
	}{
		{"sample", packtest.Sample()},
		{"clashing ids", clash},
		{"minimal_english", minimalEnglish()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := withoutRuntime(render(t, tt.pack))
			ids := map[string]int{}
			for _, m := range idRE.FindAllStringSubmatch(page, -1) {
				ids[m[1]]++
			}
			for id, n := range ids {
				assert.LessOrEqual(t, n, 1, "id %q: got %d elements, want 1", id, n)
				assert.False(t, strings.ContainsAny(id, " \t#"), "id %q: want no space or #", id)
			}
			links := hrefRE.FindAllStringSubmatch(page, -1)
			require.NotEmpty(t, links, "got no fragment links, want a table of contents at least")
			for _, m := range links {
				assert.NotZero(t, ids[m[1]], "link #%s: got no element with that id, want one", m[1])
			}
		})
	}
}

// TestRenderErrors: a pack the page cannot show is an error, not a page.
func TestRenderErrors(t *testing.T) {
	badChart := minimalEnglish()
	badChart.Sections[0].Chart = &pack.Chart{Type: "pie", Categories: []string{"a"}}
	tests := []struct {
		name string
		pack *pack.Pack
		want string
	}{
		{"nil pack", nil, "html: no pack to render"},
		{"unknown chart type", badChart, `html: section "teams": chart type "pie"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := (html.Renderer{}).Render(&b, tt.pack)
			if assert.Error(t, err) {
				assert.True(t, strings.HasPrefix(err.Error(), tt.want), "got error %v, want one starting %q", err, tt.want)
			}
		})
	}
}

// BenchmarkRender renders the sample pack.
func BenchmarkRender(b *testing.B) {
	p := packtest.Sample()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		require.NoError(b, (html.Renderer{}).Render(&buf, p))
	}
	b.SetBytes(int64(buf.Len()))
}
