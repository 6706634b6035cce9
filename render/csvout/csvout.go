package csvout

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
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
	withheld := pack.WithheldMark

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
			records = append(records, cells(s, r, row, loc, withheld))
		}
		if s.Total != nil {
			total := cells(s, len(s.Rows), s.Total, loc, withheld)
			if len(total) > 0 {
				// The total row is known by its place, not its text
				// (pack.TotalLabel): it reads in the pack's language.
				total[0] = Text(loc.Labels.Total)
			}
			records = append(records, total)
		}
		for _, f := range s.Footnotes {
			records = append(records, []string{"[" + f.Mark + "]", Text(f.Text)})
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

// cells formats one table row; row index r (len(s.Rows) for the total)
// finds the row's suppressed cells.
func cells(s *pack.Section, r int, row []any, loc locale.Locale, withheld string) []string {
	out := make([]string, len(row))
	for c, v := range row {
		if s.IsSuppressed(r, c) {
			out[c] = withheld
			continue
		}
		out[c] = Cell(v, loc)
	}
	return out
}

// Cell formats one table value for a spreadsheet: figures raw with the
// locale's decimal separator ("-1234,5" for da), booleans as the locale's
// yes and no, nil (no value) as an empty cell, and text through Text.
func Cell(v any, loc locale.Locale) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return Text(v)
	case bool:
		if v {
			return Text(loc.Labels.Yes)
		}
		return Text(loc.Labels.No)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return number(v, loc)
	case float32:
		return number(float64(v), loc)
	case fmt.Stringer:
		return Text(v.String())
	}
	return Text(fmt.Sprint(v))
}

// number writes f in the shortest decimal form that reads back as f, never
// with an exponent, with the locale's decimal separator. NaN and the
// infinities, which no figure should be, are an empty cell.
func number(f float64, loc locale.Locale) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	if f == 0 {
		f = 0 // -0 is written as 0
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if loc.Decimal != "." {
		s = strings.Replace(s, ".", loc.Decimal, 1)
	}
	return s
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
