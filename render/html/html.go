package html

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/templates"
)

// Renderer renders a pack as one self-contained HTML file: styles, scripts
// and chart data are inline, and a Content-Security-Policy forbids every
// request outside the file. The zero value is ready to use; it holds no
// state, so one Renderer may render many packs at once.
type Renderer struct{}

// Render writes p as one HTML page to w. The output depends on p alone:
// the same pack gives byte-identical HTML.
func (Renderer) Render(w io.Writer, p *pack.Pack) error {
	if p == nil {
		return fmt.Errorf("html: no pack to render")
	}
	tpl, err := template.New("page").Parse(templates.Page())
	if err != nil {
		return fmt.Errorf("html: page template: %w", err)
	}
	v, err := buildPage(p)
	if err != nil {
		return fmt.Errorf("html: %w", err)
	}
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, v); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// pageView is what the page template reads: every text already formatted
// for the pack's locale, every id unique in the page.
type pageView struct {
	Lang     string
	CSP      string
	DocTitle string
	Title    string
	Subtitle string
	Period   string
	Audience string
	// Organisation is who issues the pack, above the title; Facts the
	// cover's further facts: committee, meeting, owner and approval.
	Organisation string
	Facts        []fieldView
	L            locale.Labels

	// Generator names the program that made the page (a meta tag).
	Generator string

	ReadFirstID  string
	Reservations []reservationView
	ContentsID   string
	// Contents are the contents' lines, numbered as in the PDF.
	Contents   []contentsView
	Sections   []sectionView
	HowMadeID  string
	Provenance provenanceView

	// Stylesheet, ECharts and ChartScript are inlined; their sha256 hashes
	// are in CSP. ECharts and ChartScript are left out when no section has
	// a chart.
	Stylesheet  template.CSS
	ECharts     template.JS
	ChartScript template.JS
	EChartsNote string
}

// contentsView is one line of the contents: a link to a part, with the
// section's number ("" for the parts around the sections).
type contentsView struct {
	Number, Title, Href string
}

// reservationView is one item of "Read this first".
type reservationView struct {
	ID, Text string
}

// sectionView is one section: its heading, chart, table, footnotes and the
// steps that made it (shown in the appendix).
type sectionView struct {
	ID, HeadingID string
	Title         string
	Chart         *chartView
	Table         tableView
	FootnotesID   string
	Footnotes     []footnoteView
	StepsID       string
	Steps         []stepView
	// Paragraphs are a text section's prose; TitleMarks the marks of its
	// own footnotes, on its heading (a text has no table caption).
	Paragraphs []paragraphView
	TitleMarks []markView
	// Wide is true when the table is too wide for an upright printed
	// page: the section is printed on a turned one.
	Wide bool
	// noteIDs holds, for each of the section's footnotes by index, the id
	// of the list item that shows it (footnotes sharing a mark share one).
	noteIDs []string
}

// markView is a footnote mark: a superscript link to its footnote.
type markView struct {
	// ID is the mark's own id (the footnote links back to it); Href the
	// footnote's id.
	ID, Href string
	// Text is the mark shown ("1"); Label its accessible name ("Forbehold 1").
	Text, Label string
}

// footnoteView is one footnote under its section, with one link back to
// the mark on the table's caption (or the text's heading).
type footnoteView struct {
	ID, Mark, Text string
	Back           []markView
}

// tableView is a section's table.
type tableView struct {
	Caption string
	Marks   []markView
	Head    []headView
	Rows    []rowView
	Total   *rowView
}

// headView is a column heading.
type headView struct {
	// Label is the heading; Parts is the same text cut after each "_", so
	// that a raw column name such as payments_change_pct can wrap there.
	Label   string
	Parts   []string
	Numeric bool
	Marks   []markView
}

// rowView is one table row.
type rowView struct {
	Cells []cellView
	// Flag is the visible "calls for attention" text of a flagged row, or "".
	Flag string
}

// cellView is one table cell, formatted.
type cellView struct {
	Text    string
	Numeric bool
	// Abbr is the expansion of a suppressed cell ("fewer than 5"), or "".
	Abbr string
	// Revised is the visible revision note ("Rettet; før 84.200"), or "".
	Revised string
}

// stepView is one step of how a section's figures were made.
type stepView struct {
	// N is the step's number, Rows its row count ("" when none applies).
	N, Text, Rows string
}

// provenanceView is the appendix's provenance block.
type provenanceView struct {
	ID      string
	Rows    []fieldView
	Sources []sourceView
}

// fieldView is one labelled value of the provenance.
type fieldView struct {
	Label, Value string
	// Code is true for file names, hashes and the like, shown in monospace.
	Code bool
}

// sourceView is one extract as it was read.
type sourceView struct {
	ID, Caption string
	Rows        []fieldView
}

// buildPage turns the pack into the page's view.
func buildPage(p *pack.Pack) (*pageView, error) {
	l := locale.For(p.Locale)
	ids := newIDs()
	v := &pageView{
		Lang:         l.Tag,
		Title:        p.Title,
		Subtitle:     p.Subtitle,
		Period:       p.PeriodText(l),
		Audience:     p.AudienceText(l),
		Organisation: p.Organisation,
		Facts:        coverFacts(l, p),
		L:            l.Labels,
		Generator:    p.Provenance.Generator,
		ReadFirstID:  ids.take("read-this-first"),
		ContentsID:   ids.take("contents"),
		HowMadeID:    ids.take("how-made"),
		Stylesheet:   template.CSS(templates.Stylesheet()),
	}
	v.DocTitle = p.Title
	if m := l.Month(p.Period); m != "" {
		v.DocTitle += " — " + m
	}
	provID := ids.take("provenance")

	for _, r := range p.Reservations {
		v.Reservations = append(v.Reservations, reservationView{ID: ids.take("reservation-" + r.ID), Text: r.Text})
	}
	if p.MinCount > 0 {
		v.Reservations = append(v.Reservations, reservationView{
			ID:   ids.take("reservation-disclosure"),
			Text: fmt.Sprintf(l.Labels.SuppressedNote, suppressedText(p.MinCount), p.MinCount),
		})
	}

	// Tables first, so that a text's figures can link to their footnotes.
	charts := false
	v.Sections = make([]sectionView, len(p.Sections))
	notes := noteIDs{}
	for _, text := range []bool{false, true} {
		for i := range p.Sections {
			s := &p.Sections[i]
			if (s.Kind == pack.KindText) != text {
				continue
			}
			sv, err := buildSection(l, p, s, ids, notes)
			if err != nil {
				return nil, fmt.Errorf("section %q: %w", s.ID, err)
			}
			notes.record(s, sv)
			charts = charts || sv.Chart != nil
			v.Sections[i] = sv
		}
	}
	v.Provenance = buildProvenance(l, &p.Provenance, provID, ids)
	for _, e := range p.Contents(l) {
		href := v.HowMadeID
		switch e.Part {
		case pack.PartReadFirst:
			href = v.ReadFirstID
		case pack.PartSection:
			href = v.Sections[e.Section].ID
		}
		v.Contents = append(v.Contents, contentsView{Number: e.Number, Title: e.Title, Href: href})
	}

	var scripts []string
	if charts {
		runtime, draw := templates.ECharts(), templates.ChartScript()
		v.ECharts = template.JS(runtime)
		v.ChartScript = template.JS(draw)
		v.EChartsNote = "Apache ECharts " + templates.EChartsVersion + " (Apache-2.0)"
		scripts = []string{runtime, draw}
	}
	v.CSP = contentSecurityPolicy(scripts, []string{string(v.Stylesheet)})
	return v, nil
}

// contentSecurityPolicy forbids every request and lets run only the inline
// scripts and stylesheets given, by their sha256 hashes. When the page has
// scripts (charts), style attributes are allowed too: ECharts sets them on
// the elements it draws, and a style attribute cannot run code. The page's
// own markup has none.
func contentSecurityPolicy(scripts, styles []string) string {
	hashes := func(texts []string) string {
		if len(texts) == 0 {
			return "'none'"
		}
		var b strings.Builder
		for i, t := range texts {
			sum := sha256.Sum256([]byte(t))
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
		}
		return b.String()
	}
	attr := "'none'"
	if len(scripts) > 0 {
		attr = "'unsafe-inline'"
	}
	return "default-src 'none'; script-src " + hashes(scripts) +
		"; style-src-elem " + hashes(styles) +
		"; style-src-attr " + attr +
		"; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
}

// coverFacts are the cover's facts after period and audience: who the
// pack is for and when, who answers for the recipe, and who approved it.
func coverFacts(l locale.Locale, p *pack.Pack) []fieldView {
	var facts []fieldView
	add := func(label, value string) {
		if value != "" {
			facts = append(facts, fieldView{Label: label, Value: value})
		}
	}
	add(l.Labels.Committee, p.Committee)
	add(l.Labels.Meeting, p.MeetingDate(l))
	add(l.Labels.Owner, p.Provenance.RecipeOwner)
	add(l.Labels.Approval, p.Provenance.Approval(l))
	return facts
}

// suppressedText is what a withheld cell shows: the neutral mark.
func suppressedText(int) string { return pack.WithheldMark }

// buildProvenance lays out how the pack was made.
func buildProvenance(l locale.Locale, pr *pack.Provenance, id string, ids *idSet) provenanceView {
	lb := l.Labels
	v := provenanceView{ID: id}
	add := func(label, value string, code bool) {
		if value != "" {
			v.Rows = append(v.Rows, fieldView{Label: label, Value: value, Code: code})
		}
	}
	add(lb.Recipe, pr.Recipe, true)
	add(lb.Recipe+" "+lb.SHA256, pr.RecipeSHA256, true)
	commit := pr.RecipeCommit
	if commit != "" && pr.RecipeDirty {
		commit += " (" + lb.Dirty + ")"
	}
	add(lb.Commit, commit, true)
	add(lb.Owner, pr.RecipeOwner, false)
	add(lb.Approval, pr.Approval(l), false)
	add(lb.Generator, pr.Generator, false)
	add(lb.GeneratedAt, pr.GeneratedText(l), false)
	if pr.Previous != nil {
		add(lb.ComparedWith, pr.Previous.Text(l), false)
	}
	for _, s := range pr.Sources {
		sv := sourceView{ID: ids.take("source-" + s.Name), Caption: lb.Source + ": " + s.Name}
		sv.Rows = []fieldView{
			{Label: lb.File, Value: s.File, Code: true},
			{Label: lb.SHA256, Value: s.SHA256, Code: true},
			{Label: lb.Size, Value: s.BytesText(l.Integer)},
			{Label: lb.Encoding, Value: s.Encoding, Code: true},
			{Label: lb.Delimiter, Value: visibleChar(s.Delimiter), Code: true},
			{Label: lb.DecimalMark, Value: visibleChar(s.Decimal), Code: true},
			{Label: lb.RowsRead, Value: s.RowsReadText(l.Integer)},
			{Label: lb.RowsSkipped, Value: l.Integer(s.RowsSkipped)},
		}
		v.Sources = append(v.Sources, sv)
	}
	return v
}

// visibleChar shows a separator so that a reader can see it: a tab as \t.
func visibleChar(s string) string {
	switch s {
	case "\t":
		return `\t`
	case " ":
		return "' '"
	}
	return s
}
