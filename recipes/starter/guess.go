package starter

import (
	"bytes"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/xlsx"
)

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
