package pdf

import (
	"strings"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf/tagged"
)

// table is a table ready to lay out: formatted text in columns, with what
// repeats on every page it reaches.
type table struct {
	cols   []column
	rows   []row
	header bool // whether the table has a header row (repeated after page breaks)
	// notes are the footnotes the table's title and headings mark: they are
	// printed at the bottom of the page the table starts on, once, and not
	// again on the pages it continues on.
	notes []pack.Footnote
	// contTitle heads the table on the pages it continues on, without
	// marks: their notes stand where the table starts.
	contTitle string
	// after are short notes printed under the last row (revisions, flags).
	after []string
}

// column is a table column.
type column struct {
	label string
	right bool     // figures: right-aligned, never wrapped
	marks []string // footnote marks on the heading
	muted bool     // a label column in a key-value table
	head  bool     // its cells head their rows (tagged TH with /Scope /Row)
	fixed float64  // a fixed width, when not zero
}

// row is a table row.
type row struct {
	cells   []cell
	flagged bool // calls for attention: tinted, with a mark in the margin
	total   bool // the total row: bold, on a tint, with a rule above
}

// cell is one formatted cell.
type cell struct {
	text   string
	dagger bool // revised since the previous pack
	mono   bool // monospaced (hashes)
}

// Table type and spacing.
const (
	tablePadX  = 1.6
	tablePadY  = 1.1
	minNumW    = 24.0 // a figure column is at least this wide before its heading wraps
	minLabelW  = 24.0 // a label column is at least this wide (or its natural width)
	keepRows   = 3    // rows kept with a table's title and heading
	daggerW    = 1.4
	flagMarkX  = 4.0 // distance of the flag mark left of the table
	sizeTable  = 8.5
	sizeHeadTb = 7.8
)

// sizes tried, largest first, until a table's figures fit the page width.
var tableSizes = [...]float64{sizeTable, 7.5, 6.5}

// tableLayout is a table measured for the page.
type tableLayout struct {
	size    float64
	widths  []float64
	head    [][]string // heading lines per column
	headH   float64
	lines   [][][]string // lines per row per cell
	rowH    []float64
	afterH  float64
	afterLn [][]string
}

// measure lays out t on the current page: column widths, wrapped lines
// and heights.
func (d *doc) measure(t *table) tableLayout {
	var lay tableLayout
	for i, size := range tableSizes {
		w, ok := d.columnWidths(t, size, d.bodyW())
		if ok || i == len(tableSizes)-1 {
			lay.size, lay.widths = size, w
			break
		}
	}
	lh := lineHeight(lay.size)
	maxLines := int((d.bodyBottom() - bodyTop - 60) / lh)
	if t.header {
		d.setFont("B", lay.size-0.7)
		n := 1
		lay.head = make([][]string, len(t.cols))
		for c, col := range t.cols {
			lay.head[c] = d.wrap(col.label, lay.widths[c]-2*tablePadX-d.marksWidth(col.marks))
			n = max(n, len(lay.head[c]))
		}
		lay.headH = float64(n)*lineHeight(lay.size-0.7) + 2*tablePadY
	}
	lay.lines = make([][][]string, len(t.rows))
	lay.rowH = make([]float64, len(t.rows))
	for r, rw := range t.rows {
		n := 1
		lay.lines[r] = make([][]string, len(rw.cells))
		for c, cl := range rw.cells {
			d.cellFont(cl, rw, lay.size)
			var lines []string
			if t.cols[c].right {
				lines = []string{cl.text}
			} else {
				lines = d.wrap(cl.text, lay.widths[c]-2*tablePadX)
			}
			if len(lines) > maxLines {
				lines = lines[:maxLines]
				lines[maxLines-1] = d.truncate(lines[maxLines-1]+"…", lay.widths[c]-2*tablePadX)
			}
			lay.lines[r][c] = lines
			n = max(n, len(lines))
		}
		lay.rowH[r] = float64(n)*lh + 2*tablePadY
	}
	if len(t.after) > 0 {
		d.setFont("I", sizeNote)
		lay.afterH = 1.2
		for _, a := range t.after {
			ln := d.wrap(a, d.bodyW())
			lay.afterLn = append(lay.afterLn, ln)
			lay.afterH += float64(len(ln)) * lineHeight(sizeNote)
		}
	}
	return lay
}

// cellFont selects the font a cell is written in.
func (d *doc) cellFont(cl cell, r row, size float64) {
	switch {
	case cl.mono:
		d.f.SetFont(mono, "", size-0.8)
	case r.total:
		d.setFont("B", size)
	default:
		d.setFont("", size)
	}
}

// tooWideUpright reports whether t needs a turned page: its columns do not
// fit an upright page's body without breaking a word, in the type sizes
// down to minUprightSize.
func (d *doc) tooWideUpright(t *table) bool {
	for _, size := range tableSizes {
		if size < minUprightSize {
			break
		}
		if _, ok := d.columnWidths(t, size, a4Short-marginL-marginR); ok {
			return false
		}
	}
	return true
}

// minUprightSize is the smallest table type on an upright page; a table
// that needs smaller type goes on a turned page instead.
const minUprightSize = 7.5

// columnWidths shares room (the body width) between t's columns at one
// type size: figure columns get what their widest figure needs (and their
// heading, up to minNumW), label columns share the rest; no column is
// narrower than its longest word. ok is false when that does not fit.
func (d *doc) columnWidths(t *table, size, room float64) (widths []float64, ok bool) {
	n := len(t.cols)
	widths = make([]float64, n)
	natural := make([]float64, n)
	least := make([]float64, n)
	for c, col := range t.cols {
		cellMax, wordMax := 0.0, 0.0
		for _, r := range t.rows {
			d.cellFont(r.cells[c], r, size)
			w := d.width(r.cells[c].text)
			if r.cells[c].dagger {
				w += daggerW
			}
			cellMax = max(cellMax, w)
			if !col.right {
				for _, word := range strings.Fields(r.cells[c].text) {
					wordMax = max(wordMax, d.width(word))
				}
			}
		}
		cellMax += 2 * tablePadX
		wordMax += 2 * tablePadX
		headFull, headMin := 0.0, 0.0
		if t.header {
			d.setFont("B", size-0.7)
			mw := d.marksWidth(col.marks)
			headFull = d.width(col.label) + mw + 2*tablePadX
			for _, word := range strings.Fields(col.label) {
				headMin = max(headMin, d.width(word))
			}
			headMin += mw + 2*tablePadX
		}
		switch {
		case col.fixed > 0:
			natural[c], least[c] = col.fixed, col.fixed
		case col.right:
			natural[c] = max(cellMax, headFull)
			least[c] = max(cellMax, headMin, min(headFull, minNumW))
		default:
			natural[c] = max(cellMax, headFull)
			least[c] = min(natural[c], max(headMin, wordMax, minLabelW))
		}
	}
	var labels, figures []int
	for c, col := range t.cols {
		if col.right || col.fixed > 0 {
			figures = append(figures, c)
		} else {
			labels = append(labels, c)
		}
	}
	sum := func(cols []int, w []float64) float64 {
		total := 0.0
		for _, c := range cols {
			total += w[c]
		}
		return total
	}
	// grow sets cols to from, plus a share of room in proportion to how far
	// each is from to.
	grow := func(cols []int, from, to []float64, room float64) {
		gap := sum(cols, to) - sum(cols, from)
		for _, c := range cols {
			widths[c] = from[c]
			if gap > 0 {
				widths[c] += min(room, gap) * (to[c] - from[c]) / gap
			}
		}
	}
	labNat, labMin := sum(labels, natural), sum(labels, least)
	figNat, figMin := sum(figures, natural), sum(figures, least)
	switch {
	case labNat+figNat <= room:
		// Everything at its natural width; labels (or else the first
		// column) take what is left.
		copy(widths, natural)
		extra := room - labNat - figNat
		if len(labels) == 0 {
			widths[0] += extra
		} else {
			for _, c := range labels {
				widths[c] += extra * natural[c] / labNat
			}
		}
		return widths, true
	case labNat+figMin <= room:
		// Labels whole; figure headings wrap as little as the room allows.
		copy(widths, natural)
		grow(figures, least, natural, room-labNat-figMin)
		return widths, true
	case labMin+figMin <= room:
		// Figure headings wrapped; labels wrap as little as the room allows.
		grow(figures, least, least, 0)
		grow(labels, least, natural, room-labMin-figMin)
		return widths, true
	}
	copy(widths, least)
	return scale(widths, room), false
}

// scale shrinks widths to room.
func scale(widths []float64, room float64) []float64 {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	for i := range widths {
		widths[i] *= room / total
	}
	return widths
}

// lead is what comes before a table's first row and must stay with it: a
// section title, for instance.
type lead struct {
	height float64
	draw   func()
}

// table writes t at the cursor, after lead. It breaks the page before the
// lead unless the lead, the heading, the first rows and every footnote the
// table marks fit; it breaks between rows, repeating a short title and the
// heading on each new page, and keeps the last keepRows rows and the notes
// under the table together.
//
// The table is a Table in parent, with a TR of TH (/Scope /Column) for the
// heading and a TR for each row, and the notes under it are a P each; the
// short title and heading repeated on later pages are artifacts.
func (d *doc) table(parent *tagged.Elem, t *table, ld lead) {
	lay := d.measure(t)
	keep := ld.height + lay.headH
	n := len(t.rows)
	if n <= keepRows+1 {
		for _, h := range lay.rowH {
			keep += h
		}
		keep += lay.afterH
	} else {
		for _, h := range lay.rowH[:keepRows] {
			keep += h
		}
	}
	if !d.atTop() && !d.fits(keep, t.notes) {
		d.newPage()
	}
	if ld.draw != nil {
		ld.draw()
	}
	tb := parent.Add(tagged.Table)
	d.mark(t.notes)
	d.tableHead(tb, t, &lay)
	notes := t.notes // marked on this page; the pages the table continues on carry none
	for r := range t.rows {
		need := lay.rowH[r]
		if r == n-keepRows && r > 0 {
			// The last rows (the total among them) go over a page break
			// together, never one or two on their own.
			for _, h := range lay.rowH[r+1:] {
				need += h
			}
		}
		if r == n-1 || r == n-keepRows {
			need += lay.afterH
		}
		if !d.fits(need, notes) && !d.atTop() {
			d.newPage()
			notes = nil
			d.furniture(tagged.Pagination, func() {
				d.continued(t)
				d.tableHead(nil, t, &lay)
			})
		}
		d.tableRow(tb, t, &lay, r)
	}
	if len(lay.afterLn) > 0 {
		d.y += 1.2
		d.setFont("I", sizeNote)
		d.textColor(colMuted)
		for _, lines := range lay.afterLn {
			p := parent.Add(tagged.P)
			for _, ln := range lines {
				d.textIn(p, marginL, baseline(d.y, sizeNote), ln)
				d.y += lineHeight(sizeNote)
			}
		}
	}
}

// continued writes the short title heading a table's continuation.
func (d *doc) continued(t *table) {
	if t.contTitle == "" {
		return
	}
	d.setFont("B", sizeH3)
	d.textColor(colMuted)
	d.text(marginL, baseline(d.y, sizeH3), d.truncate(t.contTitle, d.bodyW()))
	d.y += lineHeight(sizeH3) + 1.5
}

// tableHead writes the heading row, as a TR in tb; with tb nil the caller
// has wrapped it as an artifact.
func (d *doc) tableHead(tb *tagged.Elem, t *table, lay *tableLayout) {
	if !t.header {
		d.rule(colStrong, 0.3)
		return
	}
	size := lay.size - 0.7
	lh := lineHeight(size)
	x := marginL
	var tr *tagged.Elem
	if tb != nil {
		tr = tb.Add(tagged.TR)
	}
	for c, col := range t.cols {
		var th *tagged.Elem
		if tr != nil {
			th = tr.Add(tagged.TH)
			th.SetScope(tagged.Column)
		}
		w := lay.widths[c]
		d.setFont("B", size)
		d.textColor(colStrong)
		lines := lay.head[c]
		// Headings sit on the bottom of the heading row, next to the figures.
		y := d.y + lay.headH - tablePadY - float64(len(lines))*lh
		mw := d.marksWidth(col.marks)
		for i, ln := range lines {
			lw := d.width(ln)
			extra := 0.0
			if i == len(lines)-1 {
				extra = mw
			}
			tx := x + tablePadX
			if col.right {
				tx = x + w - tablePadX - lw - extra
			}
			b := baseline(y, size)
			d.textIn(th, tx, b, ln)
			if i == len(lines)-1 {
				d.marks(th, tx+lw, b, size, col.marks)
			}
			y += lh
		}
		x += w
	}
	d.y += lay.headH
	d.rule(colStrong, 0.3)
}

// rule draws a rule across the body at the cursor, as an artifact.
func (d *doc) rule(c rgb, width float64) {
	d.furniture(tagged.Layout, func() {
		d.drawColor(c)
		d.f.SetLineWidth(width)
		d.f.Line(marginL, d.y, marginL+d.bodyW(), d.y)
	})
}

// tableRow writes row r as a TR in tb: a TD for each cell, or a TH
// (/Scope /Row) in a heading column. A flagged row's "!" is read with its
// first cell; tints and rules are artifacts.
func (d *doc) tableRow(tb *tagged.Elem, t *table, lay *tableLayout, r int) {
	rw := t.rows[r]
	h := lay.rowH[r]
	tr := tb.Add(tagged.TR)
	cells := make([]*tagged.Elem, len(t.cols))
	for c, col := range t.cols {
		if col.head {
			cells[c] = tr.Add(tagged.TH)
			cells[c].SetScope(tagged.Row)
		} else {
			cells[c] = tr.Add(tagged.TD)
		}
	}
	switch {
	case rw.total:
		d.furniture(tagged.Layout, func() {
			d.fillColor(colTotal)
			d.f.Rect(marginL, d.y, d.bodyW(), h, "F")
		})
		d.rule(colStrong, 0.3)
	case rw.flagged:
		d.furniture(tagged.Layout, func() {
			d.fillColor(colFlagFill)
			d.f.Rect(marginL, d.y, d.bodyW(), h, "F")
		})
		d.setFont("B", lay.size)
		d.textColor(colFlagMark)
		d.textIn(cells[0], marginL-flagMarkX, baseline(d.y+tablePadY, lay.size), "!")
	}
	lh := lineHeight(lay.size)
	x := marginL
	for c, col := range t.cols {
		w := lay.widths[c]
		cl := rw.cells[c]
		d.cellFont(cl, rw, lay.size)
		switch {
		case col.muted:
			d.textColor(colMuted)
		default:
			d.textColor(colInk)
		}
		y := d.y + tablePadY
		for _, ln := range lay.lines[r][c] {
			tx := x + tablePadX
			if col.right {
				tx = x + w - tablePadX - d.width(ln)
			}
			d.textIn(cells[c], tx, baseline(y, lay.size), ln)
			y += lh
		}
		if cl.dagger {
			d.setFont("B", sizeMark)
			d.textColor(colFlagMark)
			d.textIn(cells[c], x+w-tablePadX+0.25, baseline(d.y+tablePadY, lay.size)-0.38*lay.size*ptMM, "†")
		}
		x += w
	}
	d.y += h
	if !rw.total {
		d.rule(colRule, 0.12)
	} else {
		d.rule(colStrong, 0.3)
	}
}
