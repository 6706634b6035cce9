package csvx

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// IsBlank reports whether b is empty or holds only spaces and tabs: a cell
// the engine reads as nil.
func IsBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// trimBlank trims spaces, tabs and no-break spaces from both ends of b.
func trimBlank(b []byte) []byte {
	for len(b) > 0 {
		switch {
		case b[0] == ' ' || b[0] == '\t':
			b = b[1:]
		case len(b) > 1 && b[0] == 0xC2 && b[1] == 0xA0:
			b = b[2:]
		default:
			goto right
		}
	}
right:
	for n := len(b); n > 0; n = len(b) {
		switch {
		case b[n-1] == ' ' || b[n-1] == '\t':
			b = b[:n-1]
		case n > 1 && b[n-2] == 0xC2 && b[n-1] == 0xA0:
			b = b[:n-2]
		default:
			return b
		}
	}
	return b
}

// number is what scanNumber finds in a number's text.
type number struct {
	neg   bool
	mant  uint64 // the digits, as an integer, while exact
	exact bool   // whether mant holds every digit
	frac  int    // fraction digits written
}

// addDigit appends decimal digit c to the mantissa, or marks it inexact.
func (n *number) addDigit(c byte) {
	if n.mant >= 1e18 {
		n.exact = false
		return
	}
	n.mant = n.mant*10 + uint64(c-'0')
}

// scanNumber reads an optional sign, integer digits in groups of three
// split by one kind of thousands separator, and, when decimal is not 0, an
// optional decimal separator with at least one fraction digit. group is the
// thousands separator that is not a space or apostrophe; 0 allows both '.'
// and ','. Spaces, no-break spaces and apostrophes always serve too.
func scanNumber(s []byte, decimal, group byte) (num number, ok bool) {
	num.exact = true
	i := 0
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		num.neg = s[0] == '-'
		i++
	}
	var sep []byte // the thousands separator in use
	digits, run := 0, 0
	for i < len(s) {
		c := s[i]
		if '0' <= c && c <= '9' {
			num.addDigit(c)
			digits++
			run++
			i++
			continue
		}
		w := thousandsSep(s[i:], group)
		if w == 0 || s[i] == decimal {
			break
		}
		if run == 0 || (sep == nil && run > 3) || (sep != nil && (run != 3 || !bytes.Equal(sep, s[i:i+w]))) {
			return num, false
		}
		sep = s[i : i+w]
		run = 0
		i += w
	}
	if digits == 0 || (sep != nil && run != 3) {
		return num, false
	}
	if decimal != 0 && i < len(s) && s[i] == decimal {
		i++
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			num.addDigit(s[i])
			num.frac++
			i++
		}
		if num.frac == 0 {
			return num, false
		}
	}
	return num, i == len(s)
}

// thousandsSep returns the width of the thousands separator s starts with,
// or 0: group (or '.' and ',' when group is 0), a space, an apostrophe, a
// no-break space, a narrow no-break space or a right single quote.
func thousandsSep(s []byte, group byte) int {
	switch c := s[0]; {
	case c == ' ' || c == '\'':
		return 1
	case c == group || (group == 0 && (c == '.' || c == ',')):
		return 1
	case c == 0xC2 && len(s) > 1 && s[1] == 0xA0: // U+00A0
		return 2
	case c == 0xE2 && len(s) > 2 && s[1] == 0x80 && (s[2] == 0xAF || s[2] == 0x99): // U+202F, U+2019
		return 3
	}
	return 0
}

// ParseNumber reads a decimal number such as "1.234.567,89" (decimal ',')
// or "-1,234.5" (decimal '.'), and returns its value and how many fraction
// digits were written. decimal is '.' or ','; the other of the two, spaces,
// no-break spaces and apostrophes serve as thousands separators, but only
// between correct groups of three digits. A leading + or - is allowed;
// trailing minuses, parentheses, currency and exponents are not. The value
// equals strconv.ParseFloat of the text without separators, exactly.
func ParseNumber(b []byte, decimal byte) (v float64, decimals int, err error) {
	if v, decimals, ok := parsePlain(b, decimal); ok {
		return v, decimals, nil
	}
	return parseNumber(b, decimal)
}

// maxPlain is the longest text parsePlain reads: a sign, fifteen digits and
// a decimal separator. Fifteen digits stay below 2⁵³, exact in a float64.
const maxPlain = 17

// parsePlain reads the common case of ParseNumber, digits with an optional
// sign and decimal separator and nothing else ("-25959.94"), in one pass;
// ok is false for anything else, which ParseNumber then reads in full. The
// value is the one parseNumber gives: the digits as an exact integer,
// divided once by a power of ten.
func parsePlain(b []byte, decimal byte) (v float64, decimals int, ok bool) {
	if len(b) == 0 || len(b) > maxPlain || (decimal != '.' && decimal != ',') {
		return 0, 0, false
	}
	neg := b[0] == '-'
	if neg || b[0] == '+' {
		b = b[1:]
	}
	var mant uint64
	digits, point := 0, -1
	for i, c := range b {
		switch {
		case '0' <= c && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
		case c == decimal && point < 0 && i > 0 && i < len(b)-1:
			point = i
		default:
			return 0, 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, 0, false
	}
	v = float64(mant)
	if point >= 0 {
		decimals = len(b) - 1 - point
		v /= math.Pow10(decimals)
	}
	if neg {
		v = -v
	}
	return v, decimals, true
}

// parseNumber is ParseNumber for any text: separators, spaces and errors.
func parseNumber(b []byte, decimal byte) (v float64, decimals int, err error) {
	if decimal != '.' && decimal != ',' {
		return 0, 0, fmt.Errorf("decimal separator %q is not \".\" or \",\"", string(decimal))
	}
	s := trimBlank(b)
	num, ok := scanNumber(s, decimal, otherSeparator(decimal))
	if !ok {
		return 0, 0, numberError(s, decimal)
	}
	if num.exact && num.mant <= 1<<53 && num.frac <= 22 {
		// Both are exact in float64, so one division rounds correctly.
		v = float64(num.mant)
		if num.frac > 0 {
			v /= math.Pow10(num.frac)
		}
		if num.neg {
			v = -v
		}
		return v, num.frac, nil
	}
	v, err = strconv.ParseFloat(string(plainDigits(s, decimal)), 64)
	if err != nil {
		return 0, 0, fmt.Errorf("%q is out of range for a number", s)
	}
	return v, num.frac, nil
}

// otherSeparator returns '.' for ',' and ',' for '.'.
func otherSeparator(decimal byte) byte {
	if decimal == ',' {
		return '.'
	}
	return ','
}

// plainDigits writes a number scanNumber accepted as strconv reads it:
// sign, digits and a '.' before the fraction.
func plainDigits(s []byte, decimal byte) []byte {
	out := make([]byte, 0, len(s))
	for _, c := range s {
		switch {
		case c == '-' || ('0' <= c && c <= '9'):
			out = append(out, c)
		case c == decimal:
			out = append(out, '.')
		}
	}
	return out
}

// numberError says why s is not a number and, where it can, what to try.
func numberError(s []byte, decimal byte) error {
	if len(s) == 0 {
		return errors.New("an empty value is not a number")
	}
	msg := fmt.Sprintf("%q is not a number (decimal separator %q)", s, string(decimal))
	other := otherSeparator(decimal)
	valid := func(t []byte) bool {
		_, ok := scanNumber(t, decimal, other)
		return ok
	}
	n := len(s)
	switch {
	case func() bool { _, ok := scanNumber(s, other, decimal); return ok }():
		return fmt.Errorf("%s. Try: decimal: %q", msg, string(other))
	case s[n-1] == '-' && valid(s[:n-1]):
		return fmt.Errorf("%s: write a minus in front, as in \"-%s\"", msg, s[:n-1])
	case n > 2 && s[0] == '(' && s[n-1] == ')' && valid(s[1:n-1]):
		return fmt.Errorf("%s: write a negative amount with a minus in front, as in \"-%s\"", msg, s[1:n-1])
	}
	if i := bytes.IndexAny(s, "eE"); i > 0 && valid(s[:i]) {
		return fmt.Errorf("%s: scientific notation is not accepted, as the figure may have lost digits; export the column as a plain number", msg)
	}
	for _, unit := range []string{"kr.", "kr", "DKK", "EUR", "GBP", "£", "$", "€"} {
		if t := trimBlank(bytes.TrimSuffix(bytes.TrimPrefix(s, []byte(unit)), []byte(unit))); len(t) < n && valid(t) {
			return fmt.Errorf("%s: leave the currency %q out", msg, unit)
		}
	}
	return errors.New(msg)
}

// ParseInteger reads a whole number with an optional sign, such as "-42"
// or "1.234.567": '.', ',', spaces and apostrophes are allowed as thousands
// separators between correct groups of three digits.
func ParseInteger(b []byte) (int64, error) {
	s := trimBlank(b)
	num, ok := scanNumber(s, 0, 0)
	if !ok {
		if len(s) == 0 {
			return 0, errors.New("an empty value is not an integer")
		}
		if _, _, err := ParseNumber(s, '.'); err == nil {
			return 0, fmt.Errorf("%q is not an integer: it has a fraction. Try: type: number", s)
		}
		if _, _, err := ParseNumber(s, ','); err == nil {
			return 0, fmt.Errorf("%q is not an integer: it has a fraction. Try: type: number", s)
		}
		return 0, fmt.Errorf("%q is not an integer", s)
	}
	if !num.exact || num.mant > 1<<63 || (!num.neg && num.mant == 1<<63) {
		return 0, fmt.Errorf("%q is out of range for an integer", s)
	}
	if num.neg {
		return -int64(num.mant), nil // -(1<<63) wraps to itself, as it should
	}
	return int64(num.mant), nil
}

// ParseBool reads true/false, yes/no, ja/nej, 1/0 or sand/falsk, in any
// case.
func ParseBool(b []byte) (bool, error) {
	s := trimBlank(b)
	var low [5]byte
	if len(s) <= len(low) {
		for i, c := range s {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			low[i] = c
		}
		switch string(low[:len(s)]) {
		case "true", "yes", "ja", "1", "sand":
			return true, nil
		case "false", "no", "nej", "0", "falsk":
			return false, nil
		}
	}
	return false, fmt.Errorf("%q is not a yes/no value (true/false, yes/no, ja/nej, 1/0 or sand/falsk)", s)
}
