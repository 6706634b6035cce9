package recipes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// textSection makes a text section's pack section once every table
// section of p is made: each figure is read from its section's finished
// table, after disclosure control ran there, so a withheld cell is quoted
// as withheld and its number never reaches the text.
func (pl *Plan) textSection(sec *sectionPlan, p *pack.Pack) pack.Section {
	w := wordsFor(pl.Locale)
	out := pack.Section{ID: sec.id, Title: strings.TrimSpace(sec.spec.Title.Value), Kind: pack.KindText,
		Columns: []string{}, ColumnInfo: []pack.Column{}, Rows: [][]any{}, Suppressed: [][2]int{}, Steps: []pack.Step{}}
	out.Footnotes = sec.writtenNotes()
	absent := map[string]int{} // a missing row's key → its footnote
	quoted := map[string]bool{}
	for _, par := range sec.text.paragraphs {
		var para pack.Paragraph
		for _, sp := range par {
			if sp.ref == nil {
				para.Spans = append(para.Spans, pack.Span{Text: sp.text, Bold: sp.bold})
				continue
			}
			from := packSection(p, sp.ref.section)
			f := quoteFigure(from, sp.ref)
			if f.Row < 0 {
				key := sp.ref.section + "\x1f" + strings.Join(sp.ref.values, "\x1f")
				n, ok := absent[key]
				if !ok {
					n = len(out.Footnotes)
					absent[key] = n
					out.Footnotes = append(out.Footnotes, pack.Footnote{Kind: pack.FootnoteAbsent,
						Text: fmt.Sprintf(w.absentRow, from.Title, strings.Join(sp.ref.values, ", "))})
				}
				f.Notes = append([]pack.NoteRef{{Section: sec.id, Index: n}}, f.Notes...)
			}
			if !quoted[f.Ref] {
				quoted[f.Ref] = true
				out.Steps = append(out.Steps, pack.Step{Text: quoteWords(w, from, sp.ref), Rows: -1})
			}
			para.Spans = append(para.Spans, pack.Span{Figure: f, Bold: sp.bold})
		}
		out.Paragraphs = append(out.Paragraphs, para)
	}
	return out
}

// packSection is the section of p with the id; Check made sure it exists.
func packSection(p *pack.Pack, id string) *pack.Section {
	for i := range p.Sections {
		if p.Sections[i].ID == id {
			return &p.Sections[i]
		}
	}
	panic(fmt.Sprintf("textSection: no section %q in the pack", id))
}

// quoteFigure reads the cell ref quotes from its section's table. The
// figure carries the section's footnotes that qualify the whole section
// or the figure's column.
func quoteFigure(from *pack.Section, ref *figureRef) *pack.Figure {
	f := &pack.Figure{Ref: ref.src, Section: from.ID, Row: -1, Column: ref.col, Notes: []pack.NoteRef{}}
	var cells []any
	switch {
	case ref.total && from.Total != nil:
		f.Row, cells = len(from.Rows), from.Total
	case ref.total && len(from.Rows) == 1:
		f.Row, cells = 0, from.Rows[0] // a section without group_by: its one row
	case !ref.total:
		for r, row := range from.Rows {
			if rowHas(row, ref.values) {
				f.Row, cells = r, row
				break
			}
		}
	}
	switch {
	case f.Row < 0:
	case from.IsSuppressed(f.Row, f.Column):
		f.Withheld = true
	default:
		f.Value = cells[f.Column]
	}
	name := from.Columns[f.Column]
	for i, n := range from.Footnotes {
		if n.Column == "" || n.Column == name {
			f.Notes = append(f.Notes, pack.NoteRef{Section: from.ID, Index: i})
		}
	}
	return f
}

// rowHas reports whether a row's group cells are the values quoted; "" is
// an empty group value.
func rowHas(row []any, values []string) bool {
	for i, v := range values {
		if i >= len(row) {
			return false
		}
		switch {
		case row[i] == nil:
			if v != "" {
				return false
			}
		case fmt.Sprint(row[i]) != v:
			return false
		}
	}
	return true
}

// quoteWords says which figure a text quotes, by the column's heading, the
// row's group values (or the total row) and the section's title.
func quoteWords(w *words, from *pack.Section, ref *figureRef) string {
	label := ref.measure
	if i := slices.Index(from.Columns, ref.measure); i >= 0 {
		label = from.ColumnInfo[i].Label
	}
	row := locale.For(w.tag).Labels.Total
	if !ref.total {
		row = strings.Join(ref.values, " / ")
	}
	return fmt.Sprintf(w.quoteStep, label, row, from.Title)
}
