package engine

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/xlsx"
)

// extractReader is what scan reads records from: a CSV file or one sheet
// of a workbook. Both are satisfied by *csvx.Reader and *xlsx.Reader.
type extractReader interface {
	Read() ([][]byte, error)
	Line() int
	FieldPos(i int) (line, col int)
}

// OpenWorkbook opens the workbook sp reads, at its sheet, from sp.FS
// (nil: the operating system's files), after the checks every extract
// gets (OpenExtract).
func OpenWorkbook(sp *SourcePlan) (*xlsx.Reader, error) {
	f, err := OpenExtract(sp.FS, sp.Path)
	if err != nil {
		return nil, err
	}
	return xlsx.OpenFile(f, DisplayName(sp.Path), filepath.Ext(sp.Path), xlsx.Options{Sheet: sp.Sheet, HeaderRow: sp.Dialect.HeaderLine})
}

// isNull reports a cell read as nil: blank, or one of the source's null
// tokens once trimmed.
func (sp *SourcePlan) isNull(text []byte) bool {
	if csvx.IsBlank(text) {
		return true
	}
	if len(sp.Nulls) == 0 {
		return false
	}
	t := bytes.TrimSpace(text)
	for _, n := range sp.Nulls {
		if bytes.Equal(t, n) {
			return true
		}
	}
	return false
}

// ending is how the table of a source with `end_before` ended.
type ending struct {
	// line is the line (a workbook's row) where end_before first held; 0
	// when it never did.
	line int
	// rows counts the records from that line on, which are not data.
	rows int64
}

// endsTable evaluates end_before on a typed row, through fast, this
// read's fast form of it, when it has one.
func (sp *SourcePlan) endsTable(fast expr.Fast, row []any, env map[string]any) bool {
	if fast != nil {
		if v, ok := fast(row); ok {
			b, isBool := v.(bool)
			return isBool && b
		}
	}
	for _, name := range sp.EndBefore.Names {
		if i := sp.Col(name); i >= 0 {
			env[name] = row[i]
		}
	}
	v, err := sp.EndBefore.Run(env)
	b, ok := v.(bool)
	return err == nil && ok && b
}

// endsTableLoosely evaluates end_before on a record that did not type as
// a row, as a totals row often does not ("I alt" in a date column): each
// column it reads is typed alone, and one that does not parse is nil.
func (sp *SourcePlan) endsTableLoosely(fast expr.Fast, wb *xlsx.Reader, st *SourceStats, fields [][]byte, row []any, env map[string]any) bool {
	clear(row)
	for i := range sp.Cols {
		c := &sp.Cols[i]
		if !Contains(sp.EndBefore.Names, c.Name) || c.Index >= len(fields) {
			continue
		}
		v, _, err := typeCell(wb, sp, st, i, fields[c.Index], kindOf(wb, c.Index))
		if err == nil {
			row[i] = v
		}
	}
	return sp.endsTable(fast, row, env)
}

// finishTable counts the records from the one that ended the table to the
// end of the extract; none of them is read as a row.
func finishTable(rd extractReader, e *ending) error {
	e.line, e.rows = rd.Line(), 1
	for {
		_, err := rd.Read()
		if err == io.EOF {
			return nil
		}
		if pe, ok := err.(*csvx.ParseError); err != nil && (!ok || fatalParse(pe)) {
			return err
		}
		e.rows++
	}
}

// kindOf is the kind of field i of the record just read: always text in a
// CSV file.
func kindOf(wb *xlsx.Reader, i int) xlsx.Kind {
	if wb == nil {
		return xlsx.Text
	}
	if k := wb.Kinds(); i < len(k) {
		return k[i]
	}
	return xlsx.Empty
}

// typeCell types one cell of column i by itself, without the caches: a
// workbook cell that Excel stores as a number, date, truth value or error,
// or any cell read loosely. It returns the value and, for a number, the
// decimals it has.
func typeCell(wb *xlsx.Reader, sp *SourcePlan, st *SourceStats, i int, text []byte, kind xlsx.Kind) (any, int, error) {
	c := &sp.Cols[i]
	if sp.isNull(text) {
		return nil, 0, nil
	}
	switch kind {
	case xlsx.Text:
		return parseText(c, text, sp.Decimal)
	case xlsx.Number:
		f, dec, err := excelNumber(text)
		if err != nil {
			return nil, 0, err
		}
		switch c.Typ {
		case expr.TNumber:
			return f, dec, nil
		case expr.TInteger:
			if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
				return nil, 0, fmt.Errorf("%s is not an integer: it has a fraction. Try: type: number", generalText(f))
			}
			return int(f), 0, nil
		case expr.TString:
			return generalText(f), 0, nil
		}
		// A date written as digits (20260115) or a truth value as 1 or 0.
		return parseText(c, []byte(generalText(f)), sp.Decimal)
	case xlsx.Date, xlsx.ISODate:
		var t time.Time
		var err error
		if kind == xlsx.Date {
			t, err = wb.DateOf(text)
		} else {
			t, err = csvx.ParseDate(text, "")
		}
		if err != nil {
			return nil, 0, err
		}
		switch c.Typ {
		case expr.TDate:
			return t, 0, nil
		case expr.TString:
			if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
				return t.Format("2006-01-02 15:04:05"), 0, nil
			}
			return t.Format("2006-01-02"), 0, nil
		}
		return nil, 0, fmt.Errorf("the cell holds a date (%s), not a %s. Try: type: date, or format the column as a number in the workbook", t.Format("2006-01-02"), c.Typ)
	case xlsx.Bool:
		b := len(text) > 0 && text[0] == '1'
		switch c.Typ {
		case expr.TBool:
			return b, 0, nil
		case expr.TString:
			return strings.ToUpper(strconv.FormatBool(b)), 0, nil
		}
		return nil, 0, fmt.Errorf("the cell holds TRUE or FALSE, not a %s. Try: type: bool", c.Typ)
	case xlsx.Error:
		return nil, 0, fmt.Errorf("the cell holds the Excel error %s. Try: correct the formula in the workbook, or clear the cell", text)
	case xlsx.Uncalculated:
		return nil, 0, fmt.Errorf("the cell is a formula whose result was never calculated. Try: open the workbook in Excel and save it, so that its formulas are calculated")
	}
	return nil, 0, nil
}

// parseText types a cell's text by its column's type: the reading of a CSV
// field and of a workbook's text cell alike.
func parseText(c *ColPlan, text []byte, decimal byte) (any, int, error) {
	switch c.Typ {
	case expr.TString:
		return string(bytes.TrimSpace(text)), 0, nil
	case expr.TNumber:
		f, dec, err := csvx.ParseNumber(text, decimal)
		return f, dec, err
	case expr.TInteger:
		n, err := csvx.ParseInteger(text)
		return int(n), 0, err
	case expr.TBool:
		b, err := csvx.ParseBool(text)
		return b, 0, err
	case expr.TDate:
		t, err := csvx.ParseDateIn(text, c.Layouts)
		return t, 0, err
	}
	return string(text), 0, nil
}

// excelNumber reads a number as a workbook stores it, to the 15
// significant digits Excel keeps: a cached formula result of
// 1234.5600000000002 is the 1234.56 Excel shows. decimals are those of
// that value, at most 15.
func excelNumber(text []byte) (float64, int, error) {
	f, err := strconv.ParseFloat(string(bytes.TrimSpace(text)), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, 0, fmt.Errorf("%q is not a number", text)
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	s := strconv.FormatFloat(f, 'f', -1, 64)
	dec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		dec = min(len(s)-i-1, 15)
	}
	return f, dec, nil
}

// generalText is a number as Excel's General format writes it in full:
// 90540000, 0.25, -1234.5.
func generalText(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
