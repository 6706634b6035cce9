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
	return &p, nil
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

// ColumnMarks returns the marks of the footnotes that qualify column name.
func (s *Section) ColumnMarks(name string) []string {
	var marks []string
	for _, f := range s.Footnotes {
		if f.Column == name {
			marks = append(marks, f.Mark)
		}
	}
	return marks
}

// Marks returns the marks of all the section's footnotes, in order.
func (s *Section) Marks() []string {
	marks := make([]string, len(s.Footnotes))
	for i, f := range s.Footnotes {
		marks[i] = f.Mark
	}
	return marks
}
