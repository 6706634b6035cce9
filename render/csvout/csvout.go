package csvout

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// bom is the UTF-8 byte order mark that tells Excel the file is UTF-8.
const bom = "\uFEFF"

// Renderer writes a pack as CSV. The zero value is ready to use.
type Renderer struct{}

// Render writes every table section of p as a CSV block to w; a text
// section has no table, and its figures are in their own sections.
func (Renderer) Render(w io.Writer, p *pack.Pack) error {
	loc := locale.For(p.Locale)
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.Comma = Separator(loc)
	cw.UseCRLF = true

	records := [][]string{
		{Text(p.Title)},
		{Text(loc.Labels.Period), Text(loc.Month(p.Period))},
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		if s.Kind == pack.KindText {
			continue // prose, no table: its figures are in their own sections' tables
		}
		records = append(records, nil, []string{Text(s.Title)})
		header := make([]string, len(s.Columns))
		for c, name := range s.Columns {
			label := name
			if c < len(s.ColumnInfo) && s.ColumnInfo[c].Label != "" {
				label = s.ColumnInfo[c].Label
			}
			header[c] = Text(label)
		}
		records = append(records, header)
		for r, row := range s.Rows {
			records = append(records, cells(s, r, row, loc))
		}
		if s.Total != nil {
			records = append(records, cells(s, len(s.Rows), s.Total, loc))
		}
		// The section's reservations in mark order, each mark once
		// (footnotes quoting one reservation share a mark).
		listed := map[string]bool{}
		for _, i := range s.NoteOrder() {
			if f := s.Footnotes[i]; !listed[f.Mark] {
				listed[f.Mark] = true
				records = append(records, []string{"[" + f.Mark + "]", Text(f.Text)})
			}
		}
	}
	for _, rec := range records {
		if rec == nil {
			// encoding/csv writes an empty record as an empty quoted
			// field; an empty line parts the blocks instead.
			if err := cw.Error(); err != nil {
				return err
			}
			cw.Flush()
			if _, err := bw.WriteString("\r\n"); err != nil {
				return err
			}
			continue
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// Separator returns the list separator a spreadsheet in loc's language
// expects: ';' where the decimal separator is a comma, else ','.
func Separator(loc locale.Locale) rune {
	if loc.Decimal == "," {
		return ';'
	}
	return ','
}

// cells formats one table row as pack.Section.CellText does for a
// spreadsheet (row index r, len(s.Rows) for the total): figures as numbers
// a spreadsheet reads, every text through Text.
func cells(s *pack.Section, r int, row []any, loc locale.Locale) []string {
	out := make([]string, len(row))
	for c, v := range row {
		out[c] = s.CellText(loc, r, c, pack.Sheet)
		if !figure(v) || s.IsSuppressed(r, c) {
			out[c] = Text(out[c])
		}
	}
	return out
}

// figure reports whether v is a number, which a spreadsheet must read as
// one (a minus in front is no formula).
func figure(v any) bool {
	switch v.(type) {
	case int, int64, float64, float32:
		return true
	}
	return false
}

// Text neutralises a text cell against formula injection: when its first
// character other than a space is '=', '+', '-', '@', a tab or a carriage
// return, a single quote is put in front, so that a spreadsheet shows the
// text instead of running it. Other text is returned as it is.
func Text(s string) string {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return s
	}
	switch t[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
