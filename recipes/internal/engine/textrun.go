package engine

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
func (pl *Plan) textSection(sec *SectionPlan, p *pack.Pack) pack.Section {
	w := WordsFor(pl.Locale)
	out := pack.Section{ID: sec.ID, Title: strings.TrimSpace(sec.Written.Title), Kind: pack.KindText,
		Columns: []string{}, ColumnInfo: []pack.Column{}, Rows: [][]any{}, Suppressed: [][2]int{}, Steps: []pack.Step{}}
	out.Footnotes = sec.writtenNotes()
	absent := map[string]int{} // a missing row's key → its footnote
	quoted := map[string]bool{}
	for _, par := range sec.Text.Paragraphs {
		var para pack.Paragraph
		for _, sp := range par {
			if sp.Ref == nil {
				para.Spans = append(para.Spans, pack.Span{Text: sp.Text, Bold: sp.Bold})
				continue
			}
			from := packSection(p, sp.Ref.Section)
			f := quoteFigure(from, sp.Ref)
			if f.Row < 0 {
				key := sp.Ref.Section + "\x1f" + strings.Join(sp.Ref.Values, "\x1f")
				n, ok := absent[key]
				if !ok {
					n = len(out.Footnotes)
					absent[key] = n
					out.Footnotes = append(out.Footnotes, pack.Footnote{Kind: pack.FootnoteAbsent,
						Text: fmt.Sprintf(w.AbsentRow, from.Title, strings.Join(sp.Ref.Values, ", "))})
				}
				f.Notes = append([]pack.NoteRef{{Section: sec.ID, Index: n}}, f.Notes...)
			}
			if !quoted[f.Ref] {
				quoted[f.Ref] = true
				out.Steps = append(out.Steps, pack.Step{Text: quoteWords(w, from, sp.Ref), Rows: -1})
			}
			para.Spans = append(para.Spans, pack.Span{Figure: f, Bold: sp.Bold})
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
func quoteFigure(from *pack.Section, ref *FigureRef) *pack.Figure {
	f := &pack.Figure{Ref: ref.Src, Section: from.ID, Row: -1, Column: ref.Col, Notes: []pack.NoteRef{}}
	var cells []any
	switch {
	case ref.Total && from.Total != nil:
		f.Row, cells = len(from.Rows), from.Total
	case ref.Total && len(from.Rows) == 1:
		f.Row, cells = 0, from.Rows[0] // a section without group_by: its one row
	case !ref.Total:
		for r, row := range from.Rows {
			if rowHas(row, ref.Values) {
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
func quoteWords(w *words, from *pack.Section, ref *FigureRef) string {
	label := ref.Measure
	if i := slices.Index(from.Columns, ref.Measure); i >= 0 {
		label = from.ColumnInfo[i].Label
	}
	row := locale.For(w.tag).Labels.Total
	if !ref.Total {
		row = strings.Join(ref.Values, " / ")
	}
	return fmt.Sprintf(w.QuoteStep, label, row, from.Title)
}
