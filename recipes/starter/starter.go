package starter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mipack/mipack/recipes/csvx"
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

// dateLayouts are the date layouts Inspect tries, in order; ISO 8601 first.
var dateLayouts = []string{"2006-01-02", "02-01-2006", "02.01.2006", "02/01/2006", "2006/01/02"}

// Options are Inspect's and Write's settings; the zero value works.
type Options struct {
	// SampleRows is how many rows are read to infer column types
	// (DefaultSampleRows when 0).
	SampleRows int
	// MaxGroups is the most distinct values of the example section's group
	// column (DefaultMaxGroups when 0).
	MaxGroups int
	// Period is the recipe's period, "YYYY-MM", when no date column gives
	// one (the latest month in the first date column is used when one does).
	Period string
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
	// Delimiter, Encoding and HeaderLine are the sniffed dialect.
	Delimiter  byte
	Encoding   string
	HeaderLine int
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
}

// Skip reports whether bad rows were seen, so that the recipe should skip them.
func (s *Source) Skip() bool { return s.BadRows > 0 || s.BadValues > 0 }

// Column is one column as inferred from the data.
type Column struct {
	// Name is the column's identifier in the recipe; Header its header text.
	Name, Header string
	// Type is string, number, integer or date; Layout a date's layout
	// ("" for ISO 8601).
	Type, Layout string
	// Distinct is the number of distinct non-blank values seen, counted up
	// to MaxGroups+1.
	Distinct int
	// Values and Blank are the numbers of non-blank and blank values seen.
	Values, Blank int
}

// Inspect reads the start of an extract and works out its dialect, header
// line, column types and whether it holds bad rows.
func Inspect(path string, o Options) (*Source, error) {
	o = o.withDefaults()
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
	r, err := csvx.NewReader(bufio.NewReader(f), filepath.Base(path), csvx.Dialect{Delimiter: delim, HeaderLine: headerLine})
	if err != nil {
		return nil, err
	}
	d := r.Dialect()
	src := &Source{Name: Identifier(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))), Path: path,
		Delimiter: d.Delimiter, Encoding: d.Encoding, HeaderLine: max(d.HeaderLine, 1)}
	header := r.Header()
	guesses := make([]*guess, len(header))
	for i := range header {
		guesses[i] = newGuess(o.MaxGroups)
	}
	for src.Rows < o.SampleRows {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csvx.ParseError
		if errors.As(err, &pe) && !errors.Is(err, csvx.ErrFieldTooLong) {
			src.Rows++
			src.BadRows++
			continue
		}
		if err != nil {
			return nil, err
		}
		src.Rows++
		for i, b := range rec {
			guesses[i].add(b)
		}
	}
	src.Decimal = decimalOf(guesses)
	names := map[string]bool{}
	seenHeader := map[string]bool{}
	for i, h := range header {
		if seenHeader[h] {
			continue // a repeated header cannot be read by name
		}
		seenHeader[h] = true
		g := guesses[i]
		typ, layout, bad := g.decide(src.Decimal)
		src.BadValues += bad
		c := Column{Name: unique(Identifier(h), names), Header: h, Type: typ, Layout: layout, Distinct: len(g.distinct), Values: g.values, Blank: g.blank}
		if typ == "date" && src.LastDate.IsZero() {
			src.LastDate = g.last(layout)
		}
		src.Columns = append(src.Columns, c)
	}
	return src, nil
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
	first := 0
	for i, n := range bestCounts {
		if n != bestWidth {
			continue
		}
		if first == 0 {
			first = i + 1
		}
		if allFilled(bytes.TrimRight(lines[i], "\r"), best) {
			return best, i + 1
		}
	}
	return best, max(first, 1)
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
	values    int // non-blank values
	blank     int
	distinct  map[string]bool
	// fails counts the values that do not parse as each candidate type.
	integerFails, leadingZeros int
	numberFails                map[byte]int // by decimal separator
	dateFails                  []int        // by dateLayouts index
	dates                      [][]byte     // every date-like value, for last()
}

func newGuess(maxGroups int) *guess {
	return &guess{maxGroups: maxGroups, distinct: map[string]bool{}, numberFails: map[byte]int{}, dateFails: make([]int, len(dateLayouts))}
}

func (g *guess) add(b []byte) {
	if csvx.IsBlank(b) {
		g.blank++
		return
	}
	g.values++
	if len(g.distinct) <= g.maxGroups {
		g.distinct[string(b)] = true
	}
	t := bytes.TrimSpace(b)
	if !plainInteger(t) {
		g.integerFails++
	} else if len(t) > 1 && t[0] == '0' {
		g.leadingZeros++
	}
	for _, d := range []byte{'.', ','} {
		if _, _, err := csvx.ParseNumber(b, d); err != nil {
			g.numberFails[d]++
		}
	}
	dateLike := false
	for i, layout := range dateLayouts {
		if _, err := csvx.ParseDate(b, layout); err != nil {
			g.dateFails[i]++
		} else {
			dateLike = true
		}
	}
	if dateLike {
		g.dates = append(g.dates, bytes.Clone(t))
	}
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

// decide picks the column's type: a date when every value is one in the
// same layout, an integer when every value is whole (and none a code
// written with leading zeros), a number when every value is one with the
// source's decimal separator, else a string. It returns how many values
// will not parse.
func (g *guess) decide(decimal byte) (typ, layout string, bad int) {
	if g.values == 0 {
		return "string", "", 0
	}
	tol := tolerated(g.values)
	for i, l := range dateLayouts {
		if g.dateFails[i] <= tol && len(g.dates) > 0 {
			if l == csvx.ISODate {
				l = ""
			}
			return "date", l, g.dateFails[i]
		}
	}
	if g.leadingZeros > 0 {
		return "string", "", 0
	}
	if g.integerFails <= tol {
		return "integer", "", g.integerFails
	}
	if g.numberFails[decimal] <= tol {
		return "number", "", g.numberFails[decimal]
	}
	return "string", "", 0
}

// last returns the latest date of the column.
func (g *guess) last(layout string) time.Time {
	var latest time.Time
	for _, b := range g.dates {
		if t, err := csvx.ParseDate(b, layout); err == nil && t.After(latest) {
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
		if !s.LastDate.IsZero() {
			period = s.LastDate.Format("2006-01")
			break
		}
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
		fmt.Fprintf(&b, "    delimiter: %s\n    decimal: %s\n    encoding: %s\n", quote(string(s.Delimiter)), quote(string(s.Decimal)), s.Encoding)
		if s.HeaderLine > 1 {
			fmt.Fprintf(&b, "    header_line: %d\n", s.HeaderLine)
		}
		if s.Skip() {
			fmt.Fprintf(&b, "    on_error: skip   # of %d rows read, %d have the wrong number of fields and %d values do not parse\n", s.Rows, s.BadRows, s.BadValues)
		}
		b.WriteString("    columns:\n")
		for _, c := range s.Columns {
			fmt.Fprintf(&b, "      %s: {from: %s, type: %s", c.Name, quote(c.Header), c.Type)
			if c.Layout != "" {
				fmt.Fprintf(&b, ", layout: %s", quote(c.Layout))
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
