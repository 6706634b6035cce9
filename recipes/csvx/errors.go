package csvx

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
)

// Sentinel errors found inside a *ParseError; test for them with errors.Is.
var (
	// ErrNoHeader means the extract holds no header line: it is empty, or
	// HeaderLine points past its end.
	ErrNoHeader = errors.New("no header line")
	// ErrEncoding means the extract is in an encoding the reader does not
	// read, such as UTF-16.
	ErrEncoding = errors.New("unsupported encoding")
	// ErrQuote means a quoted field is never closed, or its closing quote
	// is followed by something other than a delimiter or the end of the line.
	ErrQuote = errors.New(`extraneous or missing " in quoted field`)
	// ErrBareQuote means a quote appears inside a field that does not start
	// with one.
	ErrBareQuote = errors.New(`bare " in unquoted field`)
	// ErrFieldCount means a record has more or fewer fields than the header.
	ErrFieldCount = errors.New("wrong number of fields")
	// ErrFieldTooLong means a field is longer than Dialect.MaxFieldBytes.
	// The reader stops after it: every later Read returns the same error.
	ErrFieldTooLong = errors.New("field too long")
	// ErrInvalidUTF8 means a UTF-8 extract holds bytes that are not UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrNoColumn means Index was asked for a name the header lacks.
	ErrNoColumn = errors.New("no such column")
	// ErrAmbiguousColumn means Index was asked for a name the header holds
	// more than once.
	ErrAmbiguousColumn = errors.New("ambiguous column")
)

// ParseError is any fault in an extract, placed at file:line:column. Line
// is the physical line (1-based) and Column the character (1-based, in the
// decoded line) where the fault is; both are 0 when the fault concerns the
// whole file. In a workbook, Sheet names the sheet, Line is the row and
// Column the column's number, and the place reads as Excel writes a cell:
// "bevillinger.xlsx:Bevillinger!G17".
//
// Err is one of the sentinel errors of this package, wrapped with detail, or
// the error of a value that does not parse (ParseNumber, ParseDate, ...).
type ParseError struct {
	File   string // the extract's name as given to NewReader
	Line   int    // physical line, 1-based; 0 for the whole file
	Column int    // character in the decoded line, 1-based; 0 for the whole line
	Field  string // the column's header name, when known
	Err    error  // what is wrong
	Sheet  string // a workbook's sheet; "" for a CSV file
}

// Error reads "grants.csv:45:23: cost_per_day: "12,5x" is not a number";
// the position and the field are left out when unknown.
func (e *ParseError) Error() string {
	b := e.appendPlace(make([]byte, 0, 64))
	b = append(b, ": "...)
	if e.Field != "" {
		b = append(b, e.Field...)
		b = append(b, ": "...)
	}
	b = append(b, e.Err.Error()...)
	return string(b)
}

// Place is where the fault is, without what it is: "grants.csv:45:23", or
// "bevillinger.xlsx:Bevillinger!G17" in a workbook. Unlike Error it never
// quotes the cell's value.
func (e *ParseError) Place() string { return string(e.appendPlace(nil)) }

func (e *ParseError) appendPlace(b []byte) []byte {
	b = append(b, e.File...)
	if e.Sheet != "" {
		return appendCell(append(b, ':'), e.Sheet, e.Line, e.Column)
	}
	if e.Line > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(e.Line), 10)
		if e.Column > 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(e.Column), 10)
		}
	}
	return b
}

// Unwrap returns the underlying error, so errors.Is(err, ErrQuote) works.
func (e *ParseError) Unwrap() error { return e.Err }

// detailError is a sentinel error told in words that fit the case. Its text
// is the detail alone; errors.Is still finds the sentinel.
type detailError struct {
	sentinel error
	detail   string
}

func (e *detailError) Error() string { return e.detail }
func (e *detailError) Unwrap() error { return e.sentinel }

// Detail wraps a sentinel with the words that say what is wrong here: the
// error reads as text alone, and errors.Is finds sentinel in it.
// Detail(ErrEncoding, "the file is UTF-16; save it as UTF-8") reads "the
// file is UTF-16; save it as UTF-8". It is the one such type: a recipe's
// faults (fault.Errorf) are made with it too.
func Detail(sentinel error, text string) error {
	return &detailError{sentinel: sentinel, detail: text}
}

// appendCell appends a workbook place as Excel writes it: Sheet!G17 for a
// cell, Sheet!17:17 for a whole row, the sheet alone for the whole sheet;
// a sheet name with anything but letters, digits and _ is quoted, as in
// 'Drift 2026'!B4.
func appendCell(b []byte, sheet string, row, col int) []byte {
	plain := true
	for _, r := range sheet {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			plain = false
		}
	}
	if plain {
		b = append(b, sheet...)
	} else {
		b = append(b, '\'')
		b = append(b, strings.ReplaceAll(sheet, "'", "''")...)
		b = append(b, '\'')
	}
	switch {
	case row <= 0:
		return b
	case col <= 0:
		b = append(b, '!')
		b = strconv.AppendInt(b, int64(row), 10)
		b = append(b, ':')
		return strconv.AppendInt(b, int64(row), 10)
	}
	b = append(b, '!')
	b = append(b, ColumnName(col)...)
	return strconv.AppendInt(b, int64(row), 10)
}

// ColumnName is a workbook column's letters: 1 is "A", 27 is "AA".
func ColumnName(col int) string {
	var buf [8]byte
	i := len(buf)
	for col > 0 && i > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}
