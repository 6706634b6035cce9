package starter

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/xlsx"
)

// Defaults of Options.
const (
	// DefaultSampleRows is how many rows Inspect reads to infer types.
	DefaultSampleRows = 50000
	// DefaultMaxGroups is the most distinct values a column may have to be
	// the example section's group.
	DefaultMaxGroups = 20
)

// sniffLines is how many physical lines decide the delimiter and header line.
const sniffLines = 200

// dateLayouts are the date layouts Inspect tries, in order; ISO 8601 first,
// a zero-padded layout before the same one unpadded. A column may need
// several: "04/07/2016" and "20-Jan-17" in one.
var dateLayouts = []string{"2006-01-02", "02-01-2006", "02.01.2006", "02/01/2006", "2006/01/02",
	"2-1-2006", "2.1.2006", "2/1/2006", "2-Jan-06", "2-Jan-2006", "2 Jan 2006"}

// nullToken is what a spreadsheet writes for zero or nothing in a number
// column; such a column gets `null: ["", "-"]` rather than being text.
const nullToken = "-"

// codeLength is the fewest digits of a column whose whole numbers are all
// as long as each other, such as account numbers (90540000), for it to be
// a code rather than an amount.
const codeLength = 6

// Options are Inspect's and Write's settings; the zero value works.
type Options struct {
	// SampleRows is how many rows are read to infer column types
	// (DefaultSampleRows when 0).
	SampleRows int
	// MaxGroups is the most distinct values of the example section's group
	// column (DefaultMaxGroups when 0).
	MaxGroups int
	// Period is the recipe's period, "YYYY-MM"; "" takes the latest month
	// of the first date column, or DefaultPeriod when no extract has one.
	Period string
	// DefaultPeriod is the period when Period is "" and no extract has a
	// date column.
	DefaultPeriod string
	// Locale is "da" or "en"; "" picks "da" when a source writes a decimal
	// comma or a Danish letter in its header, else "en".
	Locale string
}

// Source is what Inspect learnt about one extract.
type Source struct {
	// Name is the source's name in the recipe: the file name as an identifier.
	Name string
	// Path is the file as given to Inspect.
	Path string
	// Delimiter, Encoding and HeaderLine are the sniffed dialect; a
	// workbook has no delimiter or encoding, and its HeaderLine is the
	// header's row.
	Delimiter  byte
	Encoding   string
	HeaderLine int
	// Sheet is the sheet read, for a workbook; "" for a CSV file.
	Sheet string
	// Null says that number or date columns write "-" for zero or nothing,
	// so the source reads "-" as empty.
	Null bool
	// Warnings are what the recipe cannot put right, such as texts that
	// look double-encoded, each placed at file:line: column. They never
	// quote a value.
	Warnings []error
	// Decimal is the decimal separator of its number columns, '.' or ','.
	Decimal byte
	// Columns are the extract's columns in file order.
	Columns []Column
	// Rows is the number of rows read; BadRows how many of them the reader
	// refused (the wrong number of fields, a broken quote), and BadValues
	// how many values did not parse as their column's type. Either makes
	// the recipe say `on_error: skip`.
	Rows, BadRows, BadValues int
	// LastDate is the latest value of the first date column, if any.
	LastDate time.Time

	// notUTF8 counts the rows refused as not UTF-8, the first at line
	// firstNotUTF8.
	notUTF8, firstNotUTF8 int
}

// Skip reports whether bad rows were seen, so that the recipe should skip them.
func (s *Source) Skip() bool { return s.BadRows > 0 || s.BadValues > 0 }

// Column is one column as inferred from the data.
type Column struct {
	// Name is the column's identifier in the recipe; Header its header text.
	Name, Header string
	// Type is string, number, integer, bool or date.
	Type string
	// Layouts are a date's layouts, tried in turn (none for ISO 8601).
	Layouts []string
	// Distinct is the number of distinct non-blank values seen, counted up
	// to MaxGroups+1.
	Distinct int
	// Values and Blank are the numbers of non-blank and blank values seen.
	Values, Blank int
}

// Inspect reads the start of an extract, a CSV file or an Excel workbook
// (.xlsx, .xlsm), and works out its dialect, header line, column types
// and whether it holds bad rows.
func Inspect(path string, o Options) (*Source, error) {
	o = o.withDefaults()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xls", ".xlsb":
		return inspectWorkbook(path, o)
	}
	src, err := inspectCSV(path, "", o)
	if err != nil || src.notUTF8 == 0 {
		return src, err
	}
	// The first 64 KiB were UTF-8 and later bytes are not: read as
	// Windows-1252, unless that makes the texts double-encoded, which
	// says the file is UTF-8 with a few stray bytes.
	again, err := inspectCSV(path, csvx.Windows1252, o)
	if err != nil || len(again.Warnings) > 0 {
		return src, nil
	}
	again.Warnings = append(again.Warnings, &csvx.ParseError{File: filepath.Base(path), Line: src.firstNotUTF8,
		Err: errors.New("the start of the file is UTF-8 but this line is not, so the recipe reads it as Windows-1252. Try: encoding: utf-8, if its letters then read wrong")})
	return again, nil
}

// inspectCSV inspects a CSV file read in encoding ("" sniffs it).
func inspectCSV(path, encoding string, o Options) (*Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 256<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	delim, headerLine := sniffLayout(head[:n])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	r, err := csvx.NewReader(bufio.NewReader(f), filepath.Base(path), csvx.Dialect{Delimiter: delim, HeaderLine: headerLine, Encoding: encoding})
	if err != nil {
		return nil, err
	}
	d := r.Dialect()
	src := &Source{Name: sourceName(path), Path: path,
		Delimiter: d.Delimiter, Encoding: d.Encoding, HeaderLine: max(d.HeaderLine, 1)}
	header := r.Header()
	guesses := newGuesses(len(header), o)
	for src.Rows < o.SampleRows {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csvx.ParseError
		if errors.As(err, &pe) && !errors.Is(err, csvx.ErrFieldTooLong) {
			src.Rows++
			src.BadRows++
			if errors.Is(err, csvx.ErrInvalidUTF8) {
				if src.notUTF8 == 0 {
					src.firstNotUTF8 = pe.Line
				}
				src.notUTF8++
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		src.Rows++
		for i, b := range rec {
			guesses[i].add(b, xlsx.Text, r.Line())
		}
	}
	src.settle(header, guesses, nil)
	return src, nil
}

// inspectWorkbook inspects the first sheet of a workbook that holds a
// table, its header the first row that looks like one after a title and
// blank rows.
func inspectWorkbook(path string, o Options) (*Source, error) {
	name := filepath.Base(path)
	sheets, _, _, err := xlsx.Head(path, name, xlsx.Options{}, 1)
	if err != nil {
		return nil, err
	}
	sheet, headerRow := "", 0
	for _, sh := range sheets {
		_, _, rows, err := xlsx.Head(path, name, xlsx.Options{Sheet: sh}, sniffLines)
		if err != nil {
			return nil, err
		}
		shapes := make([]shape, len(rows))
		for i, r := range rows {
			shapes[i] = workbookShape(r.Kinds)
		}
		if i, ok := headerOf(shapes); ok {
			sheet, headerRow = sh, rows[i].Row
			break
		}
		if sheet == "" && len(rows) > 0 {
			sheet, headerRow = sh, rows[0].Row
		}
	}
	if sheet == "" {
		return nil, fmt.Errorf("%s: no sheet holds a table", name)
	}
	rd, err := xlsx.Open(path, name, xlsx.Options{Sheet: sheet, HeaderRow: headerRow})
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	src := &Source{Name: sourceName(path), Path: path, Sheet: rd.Sheet(), HeaderLine: rd.HeaderRow()}
	header := rd.Header()
	guesses := newGuesses(len(header), o)
	for src.Rows < o.SampleRows {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		src.Rows++
		for i, b := range rec {
			k := rd.Kinds()[i]
			guesses[i].add(b, k, rd.Line())
			if t, err := workbookDate(rd, b, k); err == nil {
				guesses[i].dateCell(t)
			}
		}
	}
	src.settle(header, guesses, rd)
	return src, nil
}

// workbookDate reads a date cell, of a serial date or ISO 8601 text; any
// other cell is an error.
func workbookDate(rd *xlsx.Reader, b []byte, k xlsx.Kind) (time.Time, error) {
	switch k {
	case xlsx.Date:
		return rd.DateOf(b)
	case xlsx.ISODate:
		return csvx.ParseDate(b, "")
	}
	return time.Time{}, errors.New("not a date cell")
}

// sourceName is the source's name in the recipe: its file name as an
// identifier.
func sourceName(path string) string {
	return Identifier(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
}

func newGuesses(n int, o Options) []*guess {
	gs := make([]*guess, n)
	for i := range gs {
		gs[i] = newGuess(o.MaxGroups)
	}
	return gs
}

// settle decides the source's decimal separator and its columns' types
// from what was seen; wb is the workbook read, nil for a CSV file.
func (src *Source) settle(header []string, guesses []*guess, wb *xlsx.Reader) {
	src.Decimal = decimalOf(guesses)
	names := map[string]bool{}
	seenHeader := map[string]bool{}
	encoding := src.Encoding
	if wb != nil {
		encoding = ""
	}
	for i, h := range header {
		if seenHeader[h] || strings.TrimSpace(h) == "" {
			continue // a repeated or empty header cannot be read by name
		}
		seenHeader[h] = true
		g := guesses[i]
		typ, layouts, bad := g.decide(src.Decimal, h)
		src.BadValues += bad
		c := Column{Name: unique(Identifier(h), names), Header: h, Type: typ, Layouts: layouts, Distinct: len(g.distinct), Values: g.values, Blank: g.blank}
		if typ == "date" && src.LastDate.IsZero() {
			src.LastDate = g.last(layouts)
		}
		if g.dashes > 0 && typ != "string" {
			src.Null = true
		}
		if typ == "string" && g.mojibake > 0 {
			pe := &csvx.ParseError{File: filepath.Base(src.Path), Sheet: src.Sheet, Line: g.mojibakeLine, Field: h, Err: csvx.DoubleEncodedAdvice(int64(g.mojibake), encoding)}
			src.Warnings = append(src.Warnings, pe)
		}
		src.Columns = append(src.Columns, c)
	}
}

func (o Options) withDefaults() Options {
	if o.SampleRows <= 0 {
		o.SampleRows = DefaultSampleRows
	}
	if o.MaxGroups <= 0 {
		o.MaxGroups = DefaultMaxGroups
	}
	return o
}

// sniffLayout finds the delimiter and the header line in the start of an
// extract. The delimiter is the one of , ; tab | that splits most lines
// into the same number (above one) of fields; the header line is the
// first line with that many fields, all of them filled in (so that a
// report's preamble, such as "Title,,,,", is passed over), or else the
// first with that many fields.
func sniffLayout(head []byte) (delim byte, headerLine int) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut short
	}
	lines = lines[:min(len(lines), sniffLines)]
	best, bestShare, bestWidth := byte(','), 0, 0
	var bestCounts []int
	for _, d := range []byte{',', ';', '\t', '|'} {
		counts := make([]int, len(lines))
		freq := map[int]int{}
		for i, l := range lines {
			counts[i] = fieldCount(bytes.TrimRight(l, "\r"), d)
			if len(bytes.TrimSpace(l)) > 0 {
				freq[counts[i]]++
			}
		}
		width, share := 0, 0
		for w, n := range freq {
			if w > 1 && (n > share || n == share && w > width) {
				width, share = w, n
			}
		}
		if share > bestShare || share == bestShare && width > bestWidth {
			best, bestShare, bestWidth, bestCounts = d, share, width, counts
		}
	}
	if bestCounts == nil {
		return best, 1
	}
	shapes := make([]shape, len(lines))
	for i, n := range bestCounts {
		if len(bytes.TrimSpace(lines[i])) > 0 {
			shapes[i] = shape{width: n, complete: allFilled(bytes.TrimRight(lines[i], "\r"), best)}
		}
	}
	if i, ok := headerOf(shapes); ok {
		return best, i + 1
	}
	for i, n := range bestCounts {
		if n == bestWidth {
			return best, i + 1
		}
	}
	return best, 1
}

// shape is what a line, or a sheet's row, shows of being a header: how
// many fields it has (a row: up to its last filled cell), and whether all
// of them are filled (a row: with text).
type shape struct {
	width    int
	complete bool
}

// headerOf finds the header among the first lines of a table: the table's
// width is the most common width above one (the widest on a tie), and
// the header the first complete line at least that wide, so that a
// report's title, blank lines and "Title,,,," above it are passed over.
// ok is false when no line is.
func headerOf(shapes []shape) (int, bool) {
	freq := map[int]int{}
	for _, s := range shapes {
		if s.width > 1 {
			freq[s.width]++
		}
	}
	width, share := 0, 0
	for w, n := range freq {
		if n > share || n == share && w > width {
			width, share = w, n
		}
	}
	for i, s := range shapes {
		if width > 0 && s.width >= width && s.complete {
			return i, true
		}
	}
	return 0, false
}

// workbookShape is the shape of a sheet's row, by its cells' kinds.
func workbookShape(kinds []xlsx.Kind) shape {
	complete := true
	for _, k := range kinds {
		complete = complete && k == xlsx.Text
	}
	return shape{width: len(kinds), complete: complete}
}

// fieldCount counts the fields of one line, minding quotes.
func fieldCount(line []byte, d byte) int {
	n, quoted := 1, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case c == d && !quoted:
			n++
		}
	}
	return n
}

// allFilled reports whether every field of the line holds something.
func allFilled(line []byte, d byte) bool {
	start, quoted := 0, false
	for i := 0; i <= len(line); i++ {
		if i < len(line) {
			if line[i] == '"' {
				quoted = !quoted
			}
			if line[i] != d || quoted {
				continue
			}
		}
		if len(bytes.Trim(line[start:i], " \t\"")) == 0 {
			return false
		}
		start = i + 1
	}
	return true
}
