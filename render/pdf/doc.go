// Package pdf renders a management pack (render/pack) as an A4 PDF for
// printing and for councillors' reading devices. It tells the same story as
// the HTML pack: the same sections, figures, reservations and chart data,
// with every figure and fixed label formatted by render/locale.
//
//	var buf bytes.Buffer
//	if err := (pdf.Renderer{}).Render(&buf, p); err != nil {
//		return err
//	}
//
// # What the PDF holds
//
// For the sample pack (packtest.Sample: a Danish council pack for October
// 2026 with four sections) the pages are
//
//	1  cover      Handicapområdet — månedsrapport / oktober 2026; the
//	              contents (Indhold: one line per part with its page
//	              number, linked, numbered as the HTML numbers them) when
//	              they fit, else on page 2; period, audience, committee,
//	              meeting, owner, approval and date
//	2  Læs dette først
//	              the pack-wide reservations, and what "<5" means
//	4  sections   title¹²³ · table · notes under it · chart¹²³ ·
//	              footnotes 1, 2, 3 at the foot of the page
//	   ...
//	7  Sådan er tallene lavet
//	              each section's steps with row counts; the provenance of
//	              the recipe (file, SHA-256, commit, generator) and of
//	              every extract (file, SHA-256, rows)
//
// Every body page has a running header (pack title, period) and a footer
// ("Side 4 af 7"). A section whose table does not fit an upright page in
// 7.5 pt type or more stands on a turned (A4 landscape) page. Each part has a bookmark in the PDF outline, and the
// document information names the title, subject and author "mipack".
//
// # Tables
//
// Cells are formatted by pack.Section.CellText: figures right-aligned in the
// locale's format ("182.700", "5.042,72", "12,5 %", "−1.682"); a withheld
// cell shows the withheld mark "x"; a revised cell has a
// dagger and a note under the table ("† § 108 · Døgnpris i alt (kr.):
// Rettet; før 84.200"); a flagged row is tinted with "!" in the margin; the
// total row is bold on a tint between rules. Labels and headings wrap
// between words, never inside one. A table that runs over a page break
// continues under its title and "(fortsat)", with its heading row
// repeated, but not its marks or footnotes.
//
// # Footnotes
//
// A section's footnote marks stand after its title and its chart title, and
// after the heading of any column a footnote qualifies. One reservation has
// one mark through the pack (pack.NumberMarks), and the footnote texts
// stand once at the foot of each page where a title, heading, chart or
// quoted figure carries their mark, so a reservation is never a page away
// from its figure; the pages a table continues on repeat none of them. The
// space they need is measured for each page: before a section starts, its title, heading, first
// rows and all its footnotes must fit, or the section starts on a new page;
// a chart that does not fit with its footnotes moves whole to the next page.
// Only footnotes too long to share a page with their figure (more than
// about half a page) follow the section instead, as a block headed
// "Forbehold". There is no option to leave reservations out.
//
// # Charts
//
// Bar, stacked bar and line charts are drawn as vector graphics in the
// series' colours (pack.Series.Color), in legend order, on a value axis from
// zero with round ticks (steps of 1, 2 or 5 times a power of ten, formatted
// by the locale). Category labels stand level, wrap onto up to three lines
// (shortened with "…"), or, when slots are narrow, slant at 45° (shortened
// and thinned out when crowded). The axes are titled from the column labels
// (pack.Section.ChartAxes). A missing value leaves a gap: no bar, a break in
// the line; a withheld one shows the withheld mark at the foot of its slot
// (pack.Section.ChartWithheld). All chart text is real text.
//
// # Tagged for screen readers
//
// Every pack is a tagged PDF (package tagged) meant to meet PDF/UA-1: a
// Document of Sect parts; H1 for the cover title and the parts, H2 for
// section titles and appendix headings, H3 for chart titles; P for text;
// the contents as TOC, TOCI and Link (each link annotation with
// /Contents); the read-first reservations as L, LI and LBody; every table
// as Table, TR, TH with /Scope and TD; each chart as a Figure whose /Alt
// names its kind, categories and series, the values it leaves out as
// withheld (from pack.Section.Suppressed) and that its figures are in the
// table, but never a figure; footnote marks as Reference, and each
// footnote as a Note with its mark as Lbl where it first stands. Running
// headers and footers, rules, tints, leaders, and what repeats on later
// pages (a table's continued title and heading row, a footnote printed
// again) are artifacts. The catalog names the language of the locale and
// has the title shown; the XMP metadata says pdfuaid:part 1. Tagging moves
// nothing on the page.
//
// # Same input, same bytes
//
// Fonts are the Go fonts (golang.org/x/image/font/gofont), embedded as
// subsets so that all of Danish (æ ø å), "§", "–" and "€" show and can be
// copied. The document dates come from Provenance.GeneratedAt and the
// catalogue is written in sorted order, so a pack always renders to the same
// bytes. Page numbers (contents and footers) come from a first layout pass;
// the second pass must paginate the same way or Render fails.
//
// Tests check rendered files with the package pdftest (qpdf, pdftotext).
package pdf
