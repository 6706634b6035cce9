package pack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Encode returns the pack as pack.json: indented, with a final newline, and
// byte-identical for identical packs.
func Encode(p *Pack) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("encode pack: %w", err)
	}
	return buf.Bytes(), nil
}

// Decode reads a pack.json. Cells come back typed by their column: int64 in
// integer columns, float64 in number and percent columns, strings and bools
// as they are, so a decoded pack equals the pack that was encoded.
func Decode(r io.Reader) (*Pack, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var p Pack
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("decode pack: %w", err)
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		for _, row := range s.Rows {
			s.typeCells(row)
		}
		s.typeCells(s.Total)
		for j := range s.Revised {
			r := &s.Revised[j]
			r.Previous = s.typeCell(r.Col, r.Previous)
		}
	}
	for i := range p.Sections {
		for _, par := range p.Sections[i].Paragraphs {
			for _, sp := range par.Spans {
				if f := sp.Figure; f != nil {
					if from := p.section(f.Section); from != nil {
						f.Value = from.typeCell(f.Column, f.Value)
					}
				}
			}
		}
	}
	return &p, nil
}

// Footnote returns the footnote ref points at.
func (p *Pack) Footnote(ref NoteRef) (Footnote, bool) {
	s := p.section(ref.Section)
	if s == nil || ref.Index < 0 || ref.Index >= len(s.Footnotes) {
		return Footnote{}, false
	}
	return s.Footnotes[ref.Index], true
}

// FigureMarks returns the marks of the footnotes a figure carries, in mark
// order, each once.
func (p *Pack) FigureMarks(f *Figure) []string {
	var marks []string
	for _, ref := range f.Notes {
		if n, ok := p.Footnote(ref); ok {
			marks = append(marks, n.Mark)
		}
	}
	return SortMarks(marks)
}

// FigureWithheld reports whether a figure must show the withheld mark: the
// text says so, or its section lists the cell as suppressed.
func (p *Pack) FigureWithheld(f *Figure) bool {
	if f.Withheld {
		return true
	}
	s := p.section(f.Section)
	return s != nil && f.Row >= 0 && s.IsSuppressed(f.Row, f.Column)
}

// FigureColumn returns the description of the column a figure is quoted
// from, by which renderers format it as its table does.
func (p *Pack) FigureColumn(f *Figure) Column {
	if s := p.section(f.Section); s != nil && f.Column >= 0 && f.Column < len(s.ColumnInfo) {
		return s.ColumnInfo[f.Column]
	}
	return Column{Type: TypeNumber}
}

func (s *Section) typeCells(row []any) {
	for c := range row {
		row[c] = s.typeCell(c, row[c])
	}
}

func (s *Section) typeCell(col int, v any) any {
	n, ok := v.(json.Number)
	if !ok {
		return v
	}
	if col < len(s.ColumnInfo) && s.ColumnInfo[col].Type == TypeInteger {
		if i, err := n.Int64(); err == nil {
			return i
		}
	}
	f, err := n.Float64()
	if err != nil {
		return n.String()
	}
	return f
}

// IsSuppressed reports whether the cell at row, col (row len(Rows) being the
// total row) was withheld by disclosure control.
func (s *Section) IsSuppressed(row, col int) bool {
	for _, rc := range s.Suppressed {
		if rc[0] == row && rc[1] == col {
			return true
		}
	}
	return false
}

// Revision returns the revision recorded for the cell, if any.
func (s *Section) Revision(row, col int) (Revision, bool) {
	for _, r := range s.Revised {
		if r.Row == row && r.Col == col {
			return r, true
		}
	}
	return Revision{}, false
}

// IsFlagged reports whether row calls for attention.
func (s *Section) IsFlagged(row int) bool {
	for _, r := range s.Flagged {
		if r == row {
			return true
		}
	}
	return false
}
