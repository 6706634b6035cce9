package pdf

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf/tagged"
)

// Renderer renders a pack as an A4 PDF. The zero value is ready to use and
// has no options: every pack is laid out the same way, and every reservation
// is always printed beside its figure.
type Renderer struct{}

// Render writes p to w as a PDF. The same pack always gives the same bytes.
//
// The pack is laid out twice: the first pass finds the page each part starts
// on and the number of pages, the second writes the contents page and the
// "page x of y" footers with them. Render returns an error, and writes
// nothing, when the pack is malformed (a row with the wrong number of cells,
// a chart series with the wrong number of values, a colour that is not
// "#rrggbb", a generation time that is not RFC 3339).
func (Renderer) Render(w io.Writer, p *pack.Pack) error {
	if p == nil {
		return fmt.Errorf("pdf: no pack")
	}
	if err := validate(p); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	first, err := layout(p, plan{})
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	second, err := layout(p, first.rec)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if !second.rec.equal(first.rec) {
		return fmt.Errorf("pdf: the second layout pass paginated differently from the first (%d pages, then %d)", first.rec.pages, second.rec.pages)
	}
	var buf bytes.Buffer
	if err := second.f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := second.tag.Finish(buf.Bytes(), second.info)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// plan is what a layout pass learns about pagination: the page each part
// starts on (1-based) and the number of pages.
type plan struct {
	pages     int
	readFirst int
	sections  []int
	appendix  int
}

func (a plan) equal(b plan) bool {
	return a.pages == b.pages && a.readFirst == b.readFirst && a.appendix == b.appendix && slices.Equal(a.sections, b.sections)
}

// Page geometry in millimetres. A page is upright A4, or turned (A4
// landscape) for a table too wide for an upright page; see doc.turned.
const (
	a4Short     = 210.0
	a4Long      = 297.0
	marginL     = 20.0
	marginR     = 20.0
	bodyTop     = 25.0 // first baseline area below the running header
	bottomSpace = 18.0 // below the lowest point of body text and footnotes
	footerSpace = 10.0 // below the running footer's baseline
	headerY     = 13.0 // running header baseline
)

// pageW and pageH are the current page's size.
func (d *doc) pageW() float64 {
	if d.turned {
		return a4Long
	}
	return a4Short
}

func (d *doc) pageH() float64 {
	if d.turned {
		return a4Short
	}
	return a4Long
}

// bodyW is the width of the current page's body.
func (d *doc) bodyW() float64 { return d.pageW() - marginL - marginR }

// bodyBottom is the lowest point of body text and footnotes on the page.
func (d *doc) bodyBottom() float64 { return d.pageH() - bottomSpace }

// footerY is the running footer's baseline.
func (d *doc) footerY() float64 { return d.pageH() - footerSpace }

// Font families registered with fpdf.
const (
	sans = "go"
	mono = "gomono"
)

// Colours.
var (
	colInk      = rgb{0x22, 0x22, 0x22}
	colMuted    = rgb{0x5f, 0x63, 0x68}
	colRule     = rgb{0xc9, 0xcd, 0xd2}
	colStrong   = rgb{0x3a, 0x3f, 0x45}
	colAccent   = rgb{0x1f, 0x4e, 0x79}
	colTotal    = rgb{0xec, 0xf1, 0xf6}
	colFlagFill = rgb{0xfb, 0xee, 0xd5}
	colFlagMark = rgb{0xa8, 0x5a, 0x00}
	colGrid     = rgb{0xe3, 0xe6, 0xea}
	colWhite    = rgb{0xff, 0xff, 0xff}
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// parseColor reads "#rrggbb".
func parseColor(s string) (rgb, error) {
	var c rgb
	if len(s) != 7 || s[0] != '#' {
		return c, fmt.Errorf("colour %q is not #rrggbb", s)
	}
	if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &c.r, &c.g, &c.b); err != nil {
		return c, fmt.Errorf("colour %q is not #rrggbb", s)
	}
	return c, nil
}

// generatedAt parses the provenance time; an empty one gives the Unix epoch
// so that the document dates stay fixed.
func generatedAt(p *pack.Pack) (time.Time, error) {
	if p.Provenance.GeneratedAt == "" {
		return time.Unix(0, 0).UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, p.Provenance.GeneratedAt)
	if err != nil {
		return t, fmt.Errorf("provenance generated_at %q is not RFC 3339", p.Provenance.GeneratedAt)
	}
	return t.UTC(), nil
}

// validate checks what the layout relies on.
func validate(p *pack.Pack) error {
	if _, err := generatedAt(p); err != nil {
		return err
	}
	for _, s := range p.Sections {
		if len(s.ColumnInfo) != len(s.Columns) {
			return fmt.Errorf("section %q: %d columns but %d column descriptions", s.ID, len(s.Columns), len(s.ColumnInfo))
		}
		for i, row := range s.Rows {
			if len(row) != len(s.Columns) {
				return fmt.Errorf("section %q: row %d has %d cells, want %d", s.ID, i, len(row), len(s.Columns))
			}
		}
		if s.Total != nil && len(s.Total) != len(s.Columns) {
			return fmt.Errorf("section %q: total row has %d cells, want %d", s.ID, len(s.Total), len(s.Columns))
		}
		if c := s.Chart; c != nil {
			switch c.Type {
			case pack.ChartBar, pack.ChartStackedBar, pack.ChartLine:
			default:
				return fmt.Errorf("section %q: unknown chart type %q", s.ID, c.Type)
			}
			for _, d := range c.Data {
				if len(d.Values) != len(c.Categories) {
					return fmt.Errorf("section %q: chart series %q has %d values for %d categories", s.ID, d.Name, len(d.Values), len(c.Categories))
				}
				if _, err := parseColor(d.Color); err != nil {
					return fmt.Errorf("section %q: chart series %q: %w", s.ID, d.Name, err)
				}
			}
		}
	}
	return nil
}

// doc is one layout pass: the fpdf document being written and the cursor.
type doc struct {
	f    *fpdf.Fpdf
	p    *pack.Pack
	l    locale.Locale
	at   time.Time
	prev plan // pagination found by the previous pass (zero in the first)
	rec  plan // pagination found by this pass

	info tagged.Info  // the document's metadata
	tag  *tagged.Tree // the structure tree being drawn
	// owner is the element a footnote's Note goes in, by mark; noted holds
	// the marks whose Note has been drawn (later copies are artifacts).
	owner map[string]*tagged.Elem
	noted map[string]bool

	y      float64         // top of the free space on the current page
	notes  []pack.Footnote // footnotes marked on the current page
	chrome bool            // whether the current page has a running header and footer
	turned bool            // whether the current page is turned (A4 landscape)
	// contentsOnCover is true when the contents stand on the cover (a
	// short pack), not on a page of their own.
	contentsOnCover bool

	links struct {
		readFirst, appendix int
		sections            []int
	}
}

// layout runs one pass over the pack.
func layout(p *pack.Pack, prev plan) (*doc, error) {
	at, err := generatedAt(p)
	if err != nil {
		return nil, err
	}
	f := fpdf.New("P", "mm", "A4", "")
	d := &doc{f: f, p: p, l: locale.For(p.Locale), at: at, prev: prev, tag: tagged.New(f),
		owner: map[string]*tagged.Elem{}, noted: map[string]bool{}}
	d.info = info(p, d.l, at)
	d.rec.sections = make([]int, len(p.Sections))
	d.links.sections = make([]int, len(p.Sections))

	f.SetCreationDate(at)
	f.SetModificationDate(at)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(marginL, bodyTop, marginR)
	f.SetCellMargin(0)
	f.AddUTF8FontFromBytes(sans, "", goregular.TTF)
	f.AddUTF8FontFromBytes(sans, "B", gobold.TTF)
	f.AddUTF8FontFromBytes(sans, "I", goitalic.TTF)
	f.AddUTF8FontFromBytes(mono, "", gomono.TTF)
	f.SetTitle(d.info.Title, true)
	f.SetAuthor(d.info.Author, true)
	f.SetSubject(d.info.Subject, true)
	f.SetCreator(d.info.Creator, true)
	f.SetProducer(d.info.Producer, true)
	f.SetLang(d.info.Lang)
	d.setFont("", 10)

	d.links.readFirst = f.AddLink()
	d.links.appendix = f.AddLink()
	for i := range p.Sections {
		d.links.sections[i] = f.AddLink()
	}

	d.cover()
	d.contents()
	d.readFirst()
	if len(p.Sections) > 0 {
		d.newPage()
	}
	for i := range p.Sections {
		if p.Sections[i].Kind == pack.KindText {
			d.textSection(i)
		} else {
			d.section(i)
		}
	}
	d.appendix()
	d.finishPage()
	d.rec.pages = f.PageNo()
	if err := f.Error(); err != nil {
		return nil, err
	}
	return d, nil
}

// info is the document's metadata, for the document information
// dictionary and the XMP metadata alike.
func info(p *pack.Pack, l locale.Locale, at time.Time) tagged.Info {
	gen := p.Provenance.Generator
	if gen == "" {
		gen = "mipack"
	}
	return tagged.Info{Title: p.Title, Subject: subject(p, l), Author: "mipack", Creator: gen, Producer: gen, Lang: l.Tag, Date: at}
}

// subject is the document's subject metadata: subtitle and period.
func subject(p *pack.Pack, l locale.Locale) string {
	s := l.Month(p.Period)
	if p.Subtitle != "" {
		s = p.Subtitle + " — " + s
	}
	return s
}
