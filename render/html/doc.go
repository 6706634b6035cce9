// Package html renders a management pack as one self-contained HTML file
// that a manager can e-mail to councillors and that still opens, complete,
// years later with no network.
//
// The page carries everything inline: its stylesheet, the ECharts runtime
// (templates.ECharts, pinned and checked by sha256) and the small script
// that draws the charts. A Content-Security-Policy meta tag forbids every
// request (default-src 'none') and lets run only those two scripts, named by
// their sha256 hashes, so no 'unsafe-inline' and no 'unsafe-eval' are needed
// for scripts. Every value from an extract or a recipe goes through
// html/template's escaping, and chart data travels in JSON data blocks with
// <, > and & escaped, so text such as "</script>" stays text.
//
// A pack such as
//
//	n21 := 21.0
//	p := &pack.Pack{
//		Title: "Handicapområdet — månedsrapport", Period: "2026-10", Locale: "da",
//		Audience: "council", MinCount: 5,
//		Reservations: []pack.Reservation{{ID: "prices", Text: "Døgnpriser er ikke afstemt."}},
//		Sections: []pack.Section{{
//			ID: "overview", Title: "Aktive bevillinger efter paragraf",
//			Columns: []string{"section", "citizens"},
//			ColumnInfo: []pack.Column{
//				{Name: "section", Label: "Paragraf", Type: pack.TypeString, Group: true},
//				{Name: "citizens", Label: "Borgere", Type: pack.TypeInteger},
//			},
//			Rows:       [][]any{{"§ 107", int64(21)}, {"§ 103", nil}},
//			Total:      []any{"I alt", int64(24)},
//			Suppressed: [][2]int{{1, 1}},
//			Footnotes:  []pack.Footnote{{Mark: "1", ID: "prices", Text: "Døgnpriser er ikke afstemt."}},
//			Chart: &pack.Chart{Type: pack.ChartBar, Title: "Borgere", ValueType: pack.TypeInteger,
//				Categories: []string{"§ 107", "§ 103"},
//				Data:       []pack.Series{{Name: "Borgere", Color: "#1f5f8b", Values: []*float64{&n21, nil}}}},
//		}},
//	}
//	err := html.Renderer{}.Render(w, p)
//
// gives, in outline:
//
//	<html lang="da"> ... <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-…' 'sha256-…'; …">
//	<header class="cover"><h1>Handicapområdet — månedsrapport</h1> … <dd>oktober 2026</dd> <dd>Politisk udvalg</dd>
//	<nav id="contents"> … links to every part, sections numbered as in the PDF (pack.Contents)
//	<section id="read-this-first"> … "Døgnpriser er ikke afstemt." and "<5 betyder færre end 5 personer; …"
//	<section id="overview">
//	  <figure class="chart"><div role="img" aria-label="Diagram: Borgere. Diagrammets tal står i tabellen." data-chart="overview-chart-data">
//	    <script type="application/json" id="overview-chart-data">{…"data":["§ 107","§ 103"]…}</script>
//	    <figcaption>Diagram: Borgere<sup><a id="overview-chart-mark-1" href="#overview-fn-1">1</a></sup> …
//	  <table><caption>Aktive bevillinger efter paragraf<sup><a id="overview-mark-1" href="#overview-fn-1">1</a></sup></caption>
//	    <tr><th scope="row">§ 107</th><td class="num">21</td></tr>
//	    <tr><th scope="row">§ 103</th><td class="num"><abbr title="skjult af hensyn til diskretion: …">x</abbr></td></tr>
//	    <tfoot><tr><th scope="row">I alt</th><td class="num">24</td></tr></tfoot>
//	  <div class="footnotes"><li id="overview-fn-1">1 Døgnpriser er ikke afstemt. <a href="#overview-mark-1">↩</a>
//	<section id="how-made"> the steps of every section with row counts, then the provenance:
//	  recipe, its sha256 and commit, generator, generation time, and each extract's
//	  file, sha256, size, encoding, delimiter, decimal mark, rows read and skipped
//
// Layout rules:
//
//   - Cells are formatted by pack.Section.CellText, as in the PDF and the
//     CSV (minus sign U+2212, the column's decimals, "okt. 2026" for a
//     month). On charts, axes and tooltips use the browser's
//     Intl.NumberFormat in the pack's language (da: 182.700 and 1.234,5).
//   - A withheld cell shows the withheld mark "x" with an abbr title and
//     never its value; a revised cell shows the new value marked and
//     "Rettet; før …" under it; a flagged row is tinted and labelled.
//   - Every footnote is marked on its section's table caption and beside its
//     chart, and on the heading of the column it names; a section lists
//     each mark once, in order, and the footnote links back once, to the
//     caption's mark. Written and automatic reservations look alike, and
//     nothing hides them.
//   - Each chart's data is also the section's table, as the chart's caption
//     and accessible name say. Its axes are titled from the column labels;
//     a nil value is a gap, a withheld one shows the withheld mark at the
//     foot of its slot. Category labels stand level while they fit their
//     slot on the axis and are turned 30 degrees (and cut at 160 px) when
//     they do not.
//   - Text, charts and footnotes stand in a 680 px column; a figure table
//     is as wide as its figures need, up to the window's width. Headings
//     wrap between words (and at "_", so raw column names such as
//     payments_change_pct fit a printed page).
//   - Ids are unique in the page: a section id that clashes or holds other
//     characters than letters, digits, "-" and "_" is adjusted.
//
// Charts are built with go-echarts (bar, stacked bar, line; colours from
// the pack's series). The page reads each chart's option from the chart's
// JSON() map rather than RenderSnippet, whose text is unescaped and has
// "__f__" cut out of it, and draws it with templates.ChartScript, so no
// go-echarts asset or CDN address is ever written.
//
// The page prints on A4: each section starts a page and charts are redrawn
// to the printed width; a section whose table is too wide for an upright
// page (estimated from its texts) has class "wide" and prints turned.
//
// Package htmltest checks a rendered page in headless Chromium (console
// errors, outside requests, charts drawn, links, axe-core) for any test that
// writes one.
package html
