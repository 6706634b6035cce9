package pdf

import (
	"fmt"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf/tagged"
)

// sectionGap is the space above a section title that does not open a page.
const sectionGap = 8.0

// section writes section i: its title with the marks of all its footnotes,
// its table, the notes on revised and flagged cells, and its chart.
func (d *doc) section(i int) {
	s := &d.p.Sections[i]
	t := d.sectionTable(s)
	d.orient(d.tooWideUpright(t))
	// Footnotes too long to share a page with their figure follow it as a
	// block instead of standing at the foot of the page.
	inline := d.notesHeight(s.Footnotes) > maxNotesShare*(d.bodyBottom()-bodyTop)
	if inline {
		t.notes = nil
	}

	d.setFont("B", sizeH2)
	marks := s.Marks()
	lines := d.wrap(s.Title, d.bodyW()-d.marksWidth(marks)-1)
	titleH := float64(len(lines))*lineHeight(sizeH2) + 2.2

	if !d.atTop() {
		if d.fits(sectionGap+titleH+12, t.notes) {
			d.y += sectionGap
		} else {
			d.newPage()
		}
	}
	sect := d.tag.Root().Add(tagged.Sect)
	for _, n := range s.Footnotes {
		d.owner[n.Mark] = sect
	}
	d.table(sect, t, lead{height: titleH, draw: func() { d.sectionTitle(i, sect, lines, marks) }})
	if s.Chart != nil {
		d.chart(sect, s, !inline)
	}
	if inline {
		d.noteBlock(sect, inOrder(s))
	}
}

// sectionTitle writes section i's title, wrapped into lines, with marks
// after its last line, and records the page and link it starts on.
func (d *doc) sectionTitle(i int, sect *tagged.Elem, lines, marks []string) {
	s := &d.p.Sections[i]
	d.rec.sections[i] = d.f.PageNo()
	d.f.SetLink(d.links.sections[i], d.y, -1)
	d.setFont("B", sizeH2)
	d.f.Bookmark(s.Title, 0, d.y)
	d.textColor(colAccent)
	h := sect.Add(tagged.H2)
	for j, ln := range lines {
		b := baseline(d.y, sizeH2)
		d.textIn(h, marginL, b, ln)
		if j == len(lines)-1 {
			d.marks(h, marginL+d.width(ln), b, sizeH2, marks)
		}
		d.y += lineHeight(sizeH2)
	}
	d.y += 2.2
}

// inOrder returns the section's footnotes in mark order, each mark once.
func inOrder(s *pack.Section) []pack.Footnote {
	var out []pack.Footnote
	for _, i := range s.NoteOrder() {
		if n := s.Footnotes[i]; !hasMark(out, n.Mark) {
			out = append(out, n)
		}
	}
	return out
}

// maxNotesShare is the largest share of a page's body that a section's
// footnotes may take at the foot of the page.
const maxNotesShare = 0.45

// noteBlock writes footnotes as a block at the cursor, breaking pages
// between notes (inside one only when it is longer than a page): the
// fallback for footnotes too long for a page's foot.
// The block is an H3 and a Note for each footnote in sect.
func (d *doc) noteBlock(sect *tagged.Elem, notes []pack.Footnote) {
	d.y += 3
	d.setFont("B", sizeH3)
	if !d.fits(lineHeight(sizeH3)+3*lineHeight(sizeNote), nil) {
		d.newPage()
	}
	d.textColor(colStrong)
	d.textIn(sect.Add(tagged.H3), marginL, baseline(d.y, sizeH3), d.l.Labels.Reservations)
	d.y += lineHeight(sizeH3) + 1
	lh := lineHeight(sizeNote)
	for _, n := range notes {
		note := sect.Add(tagged.Note)
		body := note.Add(tagged.Lbl)
		lines := d.noteLines(n)
		if h := float64(len(lines)) * lh; !d.fits(h, nil) && h < d.bodyBottom()-bodyTop {
			d.newPage() // a note is not split over two pages
		}
		for j, ln := range lines {
			if !d.fits(lh, nil) {
				d.newPage()
			}
			if j == 0 {
				d.f.SetFont(sans, "B", sizeNote)
				d.textColor(colAccent)
				d.textIn(body, marginL, baseline(d.y, sizeNote), n.Mark)
				body = note.Add(tagged.P)
			}
			d.setFont("", sizeNote)
			d.textColor(colInk)
			d.textIn(body, marginL+noteMarkW, baseline(d.y, sizeNote), ln)
			d.y += lh
		}
		d.y += noteGap
	}
}

// sectionTable formats a section's table: figures in the locale's format,
// withheld cells as "<N", revised cells marked with a dagger and explained
// under the table, flagged rows tinted.
func (d *doc) sectionTable(s *pack.Section) *table {
	t := &table{
		header:    true,
		notes:     s.Footnotes,
		contTitle: s.Title + " (" + d.l.Labels.Continued + ")",
	}
	for _, c := range s.ColumnInfo {
		t.cols = append(t.cols, column{label: c.Label, right: pack.Numeric(c.Type), marks: s.ColumnMarks(c.Name)})
	}
	flagged := false
	for r, cells := range s.Rows {
		rw := d.sectionRow(s, r, cells)
		rw.flagged = s.IsFlagged(r)
		flagged = flagged || rw.flagged
		t.rows = append(t.rows, rw)
	}
	if s.Total != nil {
		rw := d.sectionRow(s, len(s.Rows), s.Total)
		rw.total = true
		t.rows = append(t.rows, rw)
	}
	for _, rev := range s.Revised {
		if rev.Col < 0 || rev.Col >= len(s.ColumnInfo) || rev.Row < 0 || rev.Row > len(s.Rows) {
			continue
		}
		prev := fmt.Sprintf(d.l.Labels.Revised, pack.Format(d.l, s.ColumnInfo[rev.Col], rev.Previous, pack.Reader))
		t.after = append(t.after, "† "+d.rowName(s, rev.Row)+" · "+s.ColumnInfo[rev.Col].Label+": "+prev)
	}
	if flagged {
		t.after = append(t.after, "! "+d.l.Labels.Flagged)
	}
	return t
}

// sectionRow formats one row (or the total row, r == len(s.Rows)).
func (d *doc) sectionRow(s *pack.Section, r int, cells []any) row {
	rw := row{cells: make([]cell, len(cells))}
	for c := range cells {
		rw.cells[c] = cell{text: s.CellText(d.l, r, c, pack.Reader)}
		if _, ok := s.Revision(r, c); ok {
			rw.cells[c].dagger = true
		}
	}
	return rw
}

// rowName names a row by its label cells, for the notes under a table.
func (d *doc) rowName(s *pack.Section, r int) string {
	name := ""
	for c, info := range s.ColumnInfo {
		if !info.Group {
			continue
		}
		text := s.CellText(d.l, r, c, pack.Reader)
		if text == "" {
			continue
		}
		if name != "" {
			name += ", "
		}
		name += text
	}
	if name == "" {
		name = fmt.Sprint(r + 1)
	}
	return name
}
