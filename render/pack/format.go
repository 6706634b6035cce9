package pack

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/mipack/mipack/render/locale"
)

// Style says who reads a formatted figure.
type Style int

const (
	// Reader is for people: HTML, PDF, text sections, footnotes, diff and
	// explain. Figures have thousands separators and the minus sign U+2212
	// ("−1.234,50"), percentages a per cent sign ("12,5 %"), days and
	// months are written in the locale's words ("31.10.2026", "okt. 2026"),
	// and no value shows as NoValue.
	Reader Style = iota
	// Sheet is for a spreadsheet (CSV): figures are digits with the
	// locale's decimal mark and an ASCII minus, no thousands separator
	// ("-1234,50"), percentages are ratios ("0,125"), days and months stay
	// ISO ("2026-10-31", "2026-10"), and no value is an empty cell. A
	// spreadsheet reads each as the number or day it is.
	Sheet
)

// NoValue is what a reader sees for a cell with no value: an en dash, in
// every output and for every column type.
const NoValue = "–"

// Format formats one raw value of column c for st, the one way every output
// formats a figure (see FormatCell for a withheld one). The column's type
// decides:
//
//	TypeInteger  182700        → "182.700"      (Sheet "182700")
//	TypeNumber   5172.384, 2   → "5.172,38"     (Sheet "5172,38")
//	TypeNumber   -1682, 0      → "−1.682"       (Sheet "-1682")
//	TypePercent  0.125, 1      → "12,5 %"       (Sheet "0,125")
//	TypeDate     "2026-10-31"  → "31.10.2026"   (Sheet as it is)
//	TypeMonth    "2026-10"     → "okt. 2026"    (Sheet as it is)
//	TypeBool     true          → "Ja"
//	any          nil           → "–"            (Sheet "")
//
// A number shows exactly its column's Decimals (a percentage Decimals after
// the per cent sign's figure), so one measure reads alike wherever it
// stands. Text that is not what its type wants (a date column holding
// "soon") is shown as it is.
func Format(l locale.Locale, c Column, v any, st Style) string {
	if v == nil {
		if st == Sheet {
			return ""
		}
		return NoValue
	}
	if b, ok := v.(bool); ok {
		if b {
			return l.Labels.Yes
		}
		return l.Labels.No
	}
	if s, ok := v.(string); ok {
		if st == Sheet {
			return s
		}
		switch c.Type {
		case TypeDate:
			if t, err := time.Parse(time.DateOnly, s); err == nil {
				return l.Date(t)
			}
		case TypeMonth:
			return l.ShortMonth(s)
		}
		return s
	}
	f, ok := number(v)
	if !ok {
		return fmt.Sprint(v)
	}
	decimals := c.Decimals
	if c.Type == TypeInteger {
		decimals = 0
	}
	if st == Sheet {
		if c.Type == TypePercent {
			return sheetNumber(l, f, decimals+2)
		}
		return sheetNumber(l, f, decimals)
	}
	if c.Type == TypePercent {
		return l.Percent(f, decimals)
	}
	return l.Number(f, decimals)
}

// FormatCell formats a cell for st: a withheld one as WithheldMark, never
// its value, even one left in the model; any other as Format does.
func FormatCell(l locale.Locale, c Column, v any, withheld bool, st Style) string {
	if withheld {
		return WithheldMark
	}
	return Format(l, c, v, st)
}

// CellText formats the cell at row r, column c of the section as its table
// shows it (r == len(Rows) is the total row): withheld, formatted by
// Format, an empty group value as the locale's Empty label ("(tom)"), and
// the total row's label as the locale's Total ("I alt") with its other
// group cells blank. The total row is known by its place: its first cell
// (TotalLabel in the model) reads in the pack's language whatever it holds.
func (s *Section) CellText(l locale.Locale, r, c int, st Style) string {
	row := s.row(r)
	v := cell(row, c)
	info := s.info(c)
	if s.IsSuppressed(r, c) {
		return WithheldMark
	}
	if r == len(s.Rows) && c == 0 {
		// The total row is known by its place, not its text.
		return l.Labels.Total
	}
	if info.Group && v == nil {
		if r == len(s.Rows) {
			return ""
		}
		return l.Labels.Empty
	}
	return Format(l, info, v, st)
}

// sheetNumber writes f rounded to decimals (as Locale.Number rounds), with
// no thousands separator and an ASCII minus; -0 and a value that rounds
// to zero are "0". NaN and the infinities, which no figure should be, are
// an empty cell.
func sheetNumber(l locale.Locale, f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	s := l.Number(math.Abs(f), decimals)
	s = strings.ReplaceAll(s, l.Thousands, "")
	if f < 0 && strings.Trim(s, "0"+l.Decimal) != "" {
		s = "-" + s
	}
	return s
}

// number reads a figure of any of the model's number types.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// Numeric reports whether a column type holds figures: right-aligned in a
// table, drawn in a chart.
func Numeric(typ string) bool {
	return typ == TypeInteger || typ == TypeNumber || typ == TypePercent
}
