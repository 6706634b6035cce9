package pdf

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf/tagged"
)

// ptMM converts points to millimetres.
const ptMM = 25.4 / 72

// Type sizes in points, and line heights in millimetres.
const (
	sizeBody   = 9.5
	sizeSmall  = 8
	sizeNote   = 7.5
	sizeChrome = 7.5
	sizeMark   = 6
	sizeH1     = 15
	sizeH2     = 12
	sizeH3     = 9.5
)

// lineHeight is the line height for a type size: 1.3 times the size.
func lineHeight(size float64) float64 { return size * ptMM * 1.3 }

// Footnote block geometry.
const (
	noteMarkW = 6.0 // width of the mark column
	noteGap   = 0.9 // space between two footnotes
	noteRule  = 3.2 // rule and space above the first footnote
	noteSpace = 2.5 // space kept between the body and the footnote block
)

func (d *doc) setFont(style string, size float64) {
	d.f.SetFont(sans, style, size)
}

func (d *doc) textColor(c rgb) { d.f.SetTextColor(c.r, c.g, c.b) }
func (d *doc) drawColor(c rgb) { d.f.SetDrawColor(c.r, c.g, c.b) }
func (d *doc) fillColor(c rgb) { d.f.SetFillColor(c.r, c.g, c.b) }

// width is the width of s in the current font.
func (d *doc) width(s string) float64 { return d.f.GetStringWidth(s) }

// wrap splits s into lines no wider than w in the current font; an empty s
// gives one empty line. Explicit newlines are kept.
func (d *doc) wrap(s string, w float64) []string {
	if s == "" {
		return []string{""}
	}
	lines := d.f.SplitText(s, w)
	if len(lines) == 0 {
		return []string{""}
	}
	for i, ln := range lines {
		lines[i] = strings.TrimRight(ln, " ")
	}
	return lines
}

// baseline is the baseline of a line of the given size in a box starting at top.
func baseline(top, size float64) float64 {
	return top + lineHeight(size)/2 + 0.34*size*ptMM
}

// text writes s with its baseline at y.
func (d *doc) text(x, y float64, s string) {
	if s != "" {
		d.f.Text(x, y, s)
	}
}

// marks writes footnote marks as raised small text after x on the line with
// baseline y of a line in the given size, as a Reference in e (see in), and
// returns their width.
func (d *doc) marks(e *tagged.Elem, x, y, size float64, marks []string) float64 {
	if len(marks) == 0 {
		return 0
	}
	fam, style, sz := d.fontState()
	d.f.SetFont(sans, "B", sizeMark)
	d.textColor(colAccent)
	s := markText(marks)
	if e != nil {
		e = e.Add(tagged.Reference)
	}
	d.textIn(e, x+0.5, y-0.38*size*ptMM, s)
	w := 0.5 + d.width(s)
	d.f.SetFont(fam, style, sz)
	return w
}

// marksWidth is the width marks take after a text.
func (d *doc) marksWidth(marks []string) float64 {
	if len(marks) == 0 {
		return 0
	}
	fam, style, sz := d.fontState()
	d.f.SetFont(sans, "B", sizeMark)
	w := 0.5 + d.width(markText(marks))
	d.f.SetFont(fam, style, sz)
	return w
}

// markText joins marks with commas, writing a run of three or more
// consecutive numbers as a range: 1, 2, 3, 4, 6 gives "1–4,6".
func markText(marks []string) string {
	var b strings.Builder
	for i := 0; i < len(marks); {
		j := i
		for j+1 < len(marks) && consecutive(marks[j], marks[j+1]) {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(",")
		}
		switch {
		case j-i >= 2:
			b.WriteString(marks[i] + "–" + marks[j])
			i = j + 1
		default:
			b.WriteString(marks[i])
			i++
		}
	}
	return b.String()
}

// consecutive reports whether b is the number after a.
func consecutive(a, b string) bool {
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	return err1 == nil && err2 == nil && y == x+1
}

func (d *doc) fontState() (family, style string, size float64) {
	size, _ = d.f.GetFontSize()
	return d.f.GetFontFamily(), d.f.GetFontStyle(), size
}

// union returns the footnotes on the page plus those in more that are not
// there yet, each mark once, in mark order.
func (d *doc) union(more []pack.Footnote) []pack.Footnote {
	all := d.notes
	added := false
	for _, n := range more {
		if !hasMark(all, n.Mark) {
			all = append(all[:len(all):len(all)], n)
			added = true
		}
	}
	if added {
		slices.SortStableFunc(all, func(a, b pack.Footnote) int {
			return cmp.Compare(markNumber(a.Mark), markNumber(b.Mark))
		})
	}
	return all
}

// markNumber is a mark's number, for ordering; a mark that is not a number
// sorts last.
func markNumber(m string) int {
	if n, err := strconv.Atoi(m); err == nil {
		return n
	}
	return math.MaxInt
}

func hasMark(notes []pack.Footnote, mark string) bool {
	for _, n := range notes {
		if n.Mark == mark {
			return true
		}
	}
	return false
}

// noteLines wraps a footnote's text for the footnote block.
func (d *doc) noteLines(n pack.Footnote) []string {
	d.setFont("", sizeNote)
	return d.wrap(n.Text, d.bodyW()-noteMarkW)
}

// notesHeight is the height of a footnote block holding notes, measured in
// the footnote type.
func (d *doc) notesHeight(notes []pack.Footnote) float64 {
	if len(notes) == 0 {
		return 0
	}
	h := noteRule
	for i, n := range notes {
		if i > 0 {
			h += noteGap
		}
		h += float64(len(d.noteLines(n))) * lineHeight(sizeNote)
	}
	return h
}

// limit is the lowest point body content may reach on the current page once
// the footnotes in more are marked there too.
func (d *doc) limit(more []pack.Footnote) float64 {
	all := d.union(more)
	if len(all) == 0 {
		return d.bodyBottom()
	}
	return d.bodyBottom() - d.notesHeight(all) - noteSpace
}

// fits reports whether a block of height h, marked with the footnotes in
// more, fits on the current page below the cursor.
func (d *doc) fits(h float64, more []pack.Footnote) bool {
	return d.y+h <= d.limit(more)+1e-9
}

// atTop reports whether nothing has been placed on the current page yet.
func (d *doc) atTop() bool { return d.y <= bodyTop+1e-9 }

// mark records that the footnotes are marked on the current page.
func (d *doc) mark(notes []pack.Footnote) {
	d.notes = d.union(notes)
}

// newPage finishes the current page and starts a body page with the
// running header and footer, upright or turned as the current page is.
func (d *doc) newPage() {
	d.finishPage()
	if d.turned {
		d.f.AddPageFormat("L", fpdf.SizeType{Wd: a4Short, Ht: a4Long})
	} else {
		d.f.AddPageFormat("P", fpdf.SizeType{Wd: a4Short, Ht: a4Long})
	}
	d.chrome = true
	d.y = bodyTop
	d.notes = nil
}

// orient starts a new body page when the current page is not turned as
// asked: a section whose table needs a turned page starts one, and what
// follows it is upright again.
func (d *doc) orient(turned bool) {
	if d.turned == turned {
		return
	}
	d.turned = turned
	d.newPage()
}

// bare starts a page without running header and footer (the cover).
func (d *doc) bare() {
	d.finishPage()
	d.turned = false
	d.f.AddPage()
	d.chrome = false
	d.y = bodyTop
	d.notes = nil
}

// finishPage writes the current page's footnotes, header and footer.
func (d *doc) finishPage() {
	if d.f.PageNo() == 0 {
		return
	}
	d.drawNotes()
	if d.chrome {
		d.drawChrome()
	}
}

// drawNotes writes the footnote block at the bottom of the page. Where a
// footnote stands for the first time it is a Note (its mark the Lbl) in
// the element that marks it; its copies on later pages are artifacts, so
// that a screen reader reads each footnote once.
func (d *doc) drawNotes() {
	if len(d.notes) == 0 {
		return
	}
	top := d.bodyBottom() - d.notesHeight(d.notes)
	d.furniture(tagged.Layout, func() {
		d.drawColor(colRule)
		d.f.SetLineWidth(0.25)
		d.f.Line(marginL, top+0.6, marginL+40, top+0.6)
	})
	y := top + noteRule
	lh := lineHeight(sizeNote)
	for i, n := range d.notes {
		if i > 0 {
			y += noteGap
		}
		lines := d.noteLines(n)
		var lbl, body *tagged.Elem
		draw := func() {
			d.f.SetFont(sans, "B", sizeNote)
			d.textColor(colAccent)
			d.textIn(lbl, marginL, baseline(y, sizeNote), n.Mark)
			d.setFont("", sizeNote)
			d.textColor(colInk)
			for _, ln := range lines {
				d.textIn(body, marginL+noteMarkW, baseline(y, sizeNote), ln)
				y += lh
			}
		}
		if d.noted[n.Mark] {
			d.furniture(tagged.Pagination, draw)
			continue
		}
		d.noted[n.Mark] = true
		owner := d.owner[n.Mark]
		if owner == nil {
			owner = d.tag.Root()
		}
		note := owner.Add(tagged.Note)
		lbl, body = note.Add(tagged.Lbl), note.Add(tagged.P)
		draw()
	}
}

// drawChrome writes the running header and footer, as artifacts.
func (d *doc) drawChrome() {
	d.furniture(tagged.Header, d.drawHeader)
	d.furniture(tagged.Footer, d.drawFooter)
}

// drawHeader writes the running header: title, period and a rule.
func (d *doc) drawHeader() {
	d.setFont("", sizeChrome)
	d.textColor(colMuted)
	title := d.p.Title
	if d.p.Organisation != "" {
		title = d.p.Organisation + " · " + title
	}
	right := d.l.Month(d.p.Period)
	rw := d.width(right)
	if d.width(title) > d.bodyW()-rw-8 {
		title = d.truncate(title, d.bodyW()-rw-8)
	}
	d.text(marginL, headerY, title)
	d.text(d.pageW()-marginR-rw, headerY, right)
	d.drawColor(colRule)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginL, headerY+2.2, d.pageW()-marginR, headerY+2.2)
}

// drawFooter writes the running footer: the page number. (The program
// that made the pack is named once, in the appendix.)
func (d *doc) drawFooter() {
	d.setFont("", sizeChrome)
	d.textColor(colMuted)
	page := fmt.Sprintf(d.l.Labels.Page, d.f.PageNo(), d.prev.pages)
	d.text(d.pageW()-marginR-d.width(page), d.footerY(), page)
}

// truncate shortens s with an ellipsis to fit w in the current font.
func (d *doc) truncate(s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}

// paragraph writes s wrapped to the body width at the cursor in the given
// style as content of e, breaking pages between lines, and moves the
// cursor below it.
func (d *doc) paragraph(e *tagged.Elem, s, style string, size float64, c rgb, indent float64) {
	d.setFont(style, size)
	lines := d.wrap(s, d.bodyW()-indent)
	lh := lineHeight(size)
	for _, ln := range lines {
		if !d.fits(lh, nil) {
			d.newPage()
			d.setFont(style, size)
		}
		d.textColor(c)
		d.textIn(e, marginL+indent, baseline(d.y, size), ln)
		d.y += lh
	}
}

// heading writes a part heading (contents, read this first, appendix) and
// its bookmark at the cursor, as an H1 in part.
func (d *doc) heading(part *tagged.Elem, s string, size float64) {
	d.setFont("B", size)
	d.f.Bookmark(s, 0, d.y)
	d.textColor(colAccent)
	h := part.Add(tagged.H1)
	for _, ln := range d.wrap(s, d.bodyW()) {
		d.textIn(h, marginL, baseline(d.y, size), ln)
		d.y += lineHeight(size)
	}
	d.y += 3
}
