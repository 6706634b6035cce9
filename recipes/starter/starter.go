package starter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// guess gathers what a column's values could be.
type guess struct {
	maxGroups int
	values    int // non-blank values, "-" left out
	blank     int
	dashes    int // values that are "-"
	distinct  map[string]bool
	// fails counts the values that do not parse as each candidate type.
	integerFails, leadingZeros int
	numberFails                map[byte]int // by decimal separator
	// digitsMin and digitsMax are the fewest and most digits of its whole
	// numbers; signed says one has a sign, long how many have more digits
	// than a float64 holds exactly.
	digitsMin, digitsMax, long int
	signed                     bool
	// dateMasks counts the text values by the set of dateLayouts (a bit
	// each) they read in; dateCells counts the workbook's date cells.
	dateMasks map[uint16]int
	dateCells int
	lastCell  time.Time
	dates     [][]byte // every date-like text, for last()
	// bools counts truth-value cells, and cellFaults the cells that hold
	// an Excel error or an uncalculated formula.
	bools, cellFaults int
	// mojibake counts texts that look double-encoded, the first at line
	// mojibakeLine.
	mojibake, mojibakeLine int
}

func newGuess(maxGroups int) *guess {
	return &guess{maxGroups: maxGroups, distinct: map[string]bool{}, numberFails: map[byte]int{}, dateMasks: map[uint16]int{}}
}

// add looks at one value of the column, of the kind a workbook stores it
// as (xlsx.Text for every CSV field), on line.
func (g *guess) add(b []byte, kind xlsx.Kind, line int) {
	t := bytes.TrimSpace(b)
	if kind == xlsx.Empty || csvx.IsBlank(b) {
		g.blank++
		return
	}
	if string(t) == nullToken {
		g.dashes++
		return
	}
	g.values++
	if len(g.distinct) <= g.maxGroups {
		g.distinct[string(b)] = true
	}
	switch kind {
	case xlsx.Number:
		g.dateMasks[0]++
		g.addNumberCell(t)
		return
	case xlsx.Date, xlsx.ISODate:
		g.dateCells++
		g.integerFails++
		g.numberFails['.']++
		g.numberFails[',']++
		return
	case xlsx.Bool:
		g.bools++
		g.dateMasks[0]++
		return
	case xlsx.Error, xlsx.Uncalculated:
		g.cellFaults++
		return
	}
	if csvx.DoubleEncoded(t) {
		if g.mojibake == 0 {
			g.mojibakeLine = line
		}
		g.mojibake++
	}
	if !plainInteger(t) {
		g.integerFails++
	} else {
		if len(t) > 1 && t[0] == '0' {
			g.leadingZeros++
		}
		g.digits(t)
	}
	for _, d := range []byte{'.', ','} {
		if _, _, err := csvx.ParseNumber(b, d); err != nil {
			g.numberFails[d]++
		}
	}
	var mask uint16
	for i, layout := range dateLayouts {
		if !maybeDate(t) {
			break
		}
		if _, err := csvx.ParseDate(b, layout); err == nil {
			mask |= 1 << i
		}
	}
	g.dateMasks[mask]++
	if mask != 0 {
		g.dates = append(g.dates, bytes.Clone(t))
	}
}

// maybeDate reports whether a text could be a date in one of
// dateLayouts, which all start with a digit and have a separator: a
// failed parse is far dearer than this look.
func maybeDate(t []byte) bool {
	return len(t) >= 6 && t[0] >= '0' && t[0] <= '9' && bytes.ContainsAny(t, "-/. ")
}

// addNumberCell looks at a number as a workbook stores it ("1234.5"):
// always a number, whole or not, and never a date.
func (g *guess) addNumberCell(t []byte) {
	f, err := strconv.ParseFloat(string(t), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<53 {
		g.integerFails++
		return
	}
	g.digits([]byte(strconv.FormatFloat(f, 'f', -1, 64)))
}

// digits notes the length of a whole number.
func (g *guess) digits(t []byte) {
	if t[0] == '-' || t[0] == '+' {
		g.signed = true // an amount, not a code
		return
	}
	if len(t) > 15 {
		g.long++
	}
	if g.digitsMin == 0 || len(t) < g.digitsMin {
		g.digitsMin = len(t)
	}
	g.digitsMax = max(g.digitsMax, len(t))
}

// plainInteger reports digits with an optional sign and nothing else.
func plainInteger(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("-"))
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// tolerated is how many of n values may fail to parse as a type for the
// type still to be chosen: none in a small sample, one in two hundred in a
// larger one. The rows that hold them are skipped as bad rows.
func tolerated(n int) int {
	return n / 200
}

// decide picks the column's type: a date when every value is one, in
// the fewest of dateLayouts that read them all; a string when the column
// holds codes (a value with a leading zero, whole numbers too long for a
// number, all of one length of at least codeLength digits, or a header
// that names a code, such as "Kontonr" or "Expenditure Code"); an integer
// when every value is whole; a number when every value is one with the
// source's decimal separator; a truth value when every cell is one; else
// a string. It returns how many values will not parse.
func (g *guess) decide(decimal byte, header string) (typ string, layouts []string, bad int) {
	if g.values == 0 {
		return "string", nil, 0
	}
	tol := tolerated(g.values)
	if g.bools == g.values {
		return "bool", nil, 0
	}
	if layouts, uncovered, ok := g.dateLayouts(tol); ok {
		return "date", layouts, uncovered + g.cellFaults
	}
	if g.integerFails <= tol && g.code(header) {
		return "string", nil, 0
	}
	if g.leadingZeros > 0 {
		return "string", nil, 0
	}
	if g.integerFails+g.cellFaults <= tol {
		return "integer", nil, g.integerFails + g.cellFaults
	}
	if g.numberFails[decimal]+g.cellFaults <= tol {
		return "number", nil, g.numberFails[decimal] + g.cellFaults
	}
	return "string", nil, 0
}

// dateLayouts chooses the layouts of a date column: in turn, the layout
// that reads most of the values no layout chosen yet reads, until all but
// tol are read. The date cells of a workbook need none; a column of date
// cells alone reads as ISO 8601 text too. ok is false for a column that
// is not dates.
func (g *guess) dateLayouts(tol int) (layouts []string, uncovered int, ok bool) {
	if len(g.dates) == 0 && g.dateCells == 0 {
		return nil, 0, false
	}
	masks := maps.Clone(g.dateMasks)
	for {
		uncovered = 0
		for _, n := range masks {
			uncovered += n
		}
		if uncovered <= tol {
			break
		}
		best, bestN := -1, 0
		for i := range dateLayouts {
			n := 0
			for m, c := range masks {
				if m&(1<<i) != 0 {
					n += c
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		if best < 0 {
			return nil, 0, false
		}
		for m := range masks {
			if m&(1<<best) != 0 {
				delete(masks, m)
			}
		}
		layouts = append(layouts, dateLayouts[best])
	}
	if len(layouts) == 1 && layouts[0] == csvx.ISODate {
		layouts = nil
	}
	return layouts, uncovered, true
}

// code reports a column of whole numbers that are codes, not amounts:
// grouped as "90.540.000" or summed, they would mean nothing.
func (g *guess) code(header string) bool {
	switch {
	case g.long > 0:
		return true
	case !g.signed && g.digitsMin >= codeLength && g.digitsMin == g.digitsMax:
		return true
	}
	return codeHeader(header)
}

// codeWords are header words that name a code: a whole word, or (the
// Danish compounds) the end of one, as in "Sagsnr", "Artskonto" and
// "Kontonummer".
var (
	codeWords    = []string{"id", "code", "no", "nr", "number", "ref", "reference", "account", "konto", "kode", "nummer", "cpr", "cvr", "ean", "postcode", "zip", "postnr"}
	codeSuffixes = []string{"nr", "nummer", "kode", "konto"}
)

// codeHeader reports a header that names a code: "Kontonr", "Expenditure
// Code", "Invoice No", "CPR-nummer", but not "Number of days".
func codeHeader(header string) bool {
	words := strings.Split(Identifier(header), "_")
	last := words[len(words)-1]
	if slices.Contains(codeWords, last) {
		return true
	}
	for _, w := range words {
		if w == "konto" || w == "cpr" || w == "cvr" || w == "ean" {
			return true
		}
		for _, suf := range codeSuffixes {
			if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
				return true
			}
		}
	}
	return false
}

// dateCell notes the date of a workbook's date cell.
func (g *guess) dateCell(t time.Time) {
	if t.After(g.lastCell) {
		g.lastCell = t
	}
}

// last returns the latest date of the column: its texts read in layouts,
// and its date cells.
func (g *guess) last(layouts []string) time.Time {
	latest := g.lastCell
	for _, b := range g.dates {
		if t, err := csvx.ParseDateIn(b, layouts); err == nil && t.After(latest) {
			latest = t
		}
	}
	return latest
}

// decimalOf picks the source's decimal separator: ',' when more columns
// read as numbers only with a decimal comma than only with a point.
func decimalOf(gs []*guess) byte {
	comma, point := 0, 0
	for _, g := range gs {
		if g.values == 0 || g.integerFails <= tolerated(g.values) {
			continue
		}
		c, p := g.numberFails[','] <= tolerated(g.values), g.numberFails['.'] <= tolerated(g.values)
		switch {
		case c && !p:
			comma++
		case p && !c:
			point++
		}
	}
	if comma > point {
		return ','
	}
	return '.'
}

// Identifier makes a header into a recipe name: lower case, æ ø å as ae
// oe aa, other accented letters without their accent, and anything but
// letters and digits as one "_": "Døgnpris (kr.)" is "doegnpris_kr". A
// name that would start with a digit gets "c_" in front; an empty one is
// "column".
func Identifier(header string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(header) {
		s := fold(r)
		if s == "" {
			if b.Len() > 0 {
				under = true
			}
			continue
		}
		if under {
			b.WriteByte('_')
			under = false
		}
		b.WriteString(s)
	}
	id := b.String()
	switch {
	case id == "":
		return "column"
	case id[0] >= '0' && id[0] <= '9':
		return "c_" + id
	case slices.Contains(exprWords, id):
		return id + "_"
	}
	return id
}

// exprWords are words of the expression language a column may not be called.
var exprWords = []string{"and", "or", "not", "in", "nil", "true", "false", "matches", "contains", "startswith", "endswith", "let", "period"}

// fold returns r as ASCII letters or digits, or "" for a separator.
func fold(r rune) string {
	switch r {
	case 'æ':
		return "ae"
	case 'ø':
		return "oe"
	case 'å':
		return "aa"
	case 'ä':
		return "ae"
	case 'ö':
		return "oe"
	case 'ü':
		return "ue"
	case 'ß':
		return "ss"
	case '§':
		return "par"
	}
	if r < utf8.RuneSelf {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return string(r)
		}
		return ""
	}
	if unicode.IsLetter(r) {
		if base, ok := accents[r]; ok {
			return base
		}
	}
	return ""
}

// accents maps accented Latin letters to their base letter.
var accents = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ý': "y", 'ÿ': "y",
}

// unique returns name, or name_2, name_3, ... when it is taken, and takes it.
func unique(name string, taken map[string]bool) string {
	n := name
	for i := 2; taken[n]; i++ {
		n = fmt.Sprintf("%s_%d", name, i)
	}
	taken[n] = true
	return n
}

// words are the starter recipe's texts in one language.
type words struct {
	title, reservation, by, rows, header string
}

var danish = words{
	title:       "Ny rapport",
	reservation: "TODO: skriv forbeholdet",
	by:          "%s efter %s",
	rows:        "%s: antal rækker",
	header: `# Første udkast til en opskrift, skrevet af mipack init.
# Tjek kolonnetyperne, skriv forbeholdet og byg afsnittene; kør så
#   mipack validate %s
`,
}

var english = words{
	title:       "New report",
	reservation: "TODO: write the reservation",
	by:          "%s by %s",
	rows:        "%s: number of rows",
	header: `# A starter recipe written by mipack init.
# Check the column types, write the reservation and build the sections; then run
#   mipack validate %s
`,
}

// Write writes a starter recipe for the sources to w. recipeDir is the
// absolute directory the recipe will be in, so that source files are
// written relative to it ("" writes them as given); name is
// the recipe's file name for the header comment. The recipe holds one
// example section, a count of rows grouped by the first string column with
// few distinct values, and one reservation whose text is a placeholder that
// validation refuses until it is written.
func Write(w io.Writer, recipeDir, name string, sources []*Source, o Options) error {
	o = o.withDefaults()
	if len(sources) == 0 {
		return errors.New("no extracts to start from")
	}
	loc := o.Locale
	if loc == "" {
		loc = "en"
		for _, s := range sources {
			if s.Decimal == ',' || s.Delimiter == ';' || danishHeader(s) {
				loc = "da"
			}
		}
	}
	wd := english
	if loc == "da" {
		wd = danish
	}
	period := o.Period
	for _, s := range sources {
		if period == "" && !s.LastDate.IsZero() {
			period = s.LastDate.Format("2006-01")
		}
	}
	if period == "" {
		period = o.DefaultPeriod
	}
	if period == "" {
		return errors.New("no period: give one, as no extract has a date column")
	}
	var b strings.Builder
	fmt.Fprintf(&b, wd.header, name)
	fmt.Fprintf(&b, "title: %s\nperiod: %s\nlocale: %s\naudience: internal\n\nsources:\n", quote(wd.title), period, loc)
	srcNames := map[string]bool{}
	for _, s := range sources {
		s.Name = unique(s.Name, srcNames)
		file := s.Path
		if abs, err := filepath.Abs(s.Path); err == nil && recipeDir != "" {
			if rel, err := filepath.Rel(recipeDir, abs); err == nil {
				file = rel
			}
		}
		fmt.Fprintf(&b, "  %s:\n    file: %s\n", s.Name, quote(filepath.ToSlash(file)))
		if s.Sheet != "" {
			fmt.Fprintf(&b, "    sheet: %s\n", quote(s.Sheet))
			if s.Decimal == ',' {
				b.WriteString("    decimal: \",\"   # of the amounts written as text\n")
			}
		} else {
			fmt.Fprintf(&b, "    delimiter: %s\n    decimal: %s\n    encoding: %s\n", quote(string(s.Delimiter)), quote(string(s.Decimal)), s.Encoding)
		}
		if s.HeaderLine > 1 {
			fmt.Fprintf(&b, "    header_line: %d\n", s.HeaderLine)
		}
		if s.Null {
			fmt.Fprintf(&b, "    null: [\"\", %s]   # \"-\" is zero or nothing in a number column\n", quote(nullToken))
		}
		if s.Skip() {
			fmt.Fprintf(&b, "    on_error: skip   # of %d rows read, %d have the wrong number of fields and %d values do not parse\n", s.Rows, s.BadRows, s.BadValues)
		}
		b.WriteString("    columns:\n")
		for _, c := range s.Columns {
			fmt.Fprintf(&b, "      %s: {from: %s, type: %s", c.Name, quote(c.Header), c.Type)
			switch len(c.Layouts) {
			case 0:
			case 1:
				fmt.Fprintf(&b, ", layout: %s", quote(c.Layouts[0]))
			default:
				q := make([]string, len(c.Layouts))
				for i, l := range c.Layouts {
					q[i] = quote(l)
				}
				fmt.Fprintf(&b, ", layout: [%s]", strings.Join(q, ", "))
			}
			b.WriteString("}\n")
		}
	}
	fmt.Fprintf(&b, "\nreservations:\n  - id: data\n    text: %s\n", quote(wd.reservation))
	b.WriteString("\nsections:\n")
	src, group := exampleGroup(sources, o.MaxGroups)
	id := src.Name + "_rows"
	title := fmt.Sprintf(wd.rows, src.Name)
	if group != nil {
		id = src.Name + "_by_" + group.Name
		title = fmt.Sprintf(wd.by, src.Name, group.Header)
	}
	fmt.Fprintf(&b, "  - id: %s\n    title: %s\n    from: %s\n", id, quote(title), src.Name)
	if group != nil {
		fmt.Fprintf(&b, "    group_by: [%s]\n", group.Name)
	}
	b.WriteString("    measures:\n      rows: count()\n")
	if group != nil {
		b.WriteString("    order_by: [-rows]\n    total: true\n")
	}
	b.WriteString("    reservations: [data]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// exampleGroup picks the example section's source and group column: the
// first string column, of the first source that has one, with at least two
// and at most maxGroups distinct values, each seen twice on average, and
// filled in on at least half the rows.
func exampleGroup(sources []*Source, maxGroups int) (*Source, *Column) {
	for _, s := range sources {
		for i := range s.Columns {
			c := &s.Columns[i]
			if c.Type == "string" && c.Distinct >= 2 && c.Distinct <= maxGroups && 2*c.Distinct <= c.Values && c.Blank <= c.Values {
				return s, c
			}
		}
	}
	return sources[0], nil
}

func danishHeader(s *Source) bool {
	for _, c := range s.Columns {
		if strings.ContainsAny(strings.ToLower(c.Header), "æøå") {
			return true
		}
	}
	return false
}

// quote writes a text as a YAML double-quoted scalar (JSON's quoting is
// valid YAML).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
