package csvx

import (
	"fmt"
	"strings"
	"time"
)

// ISODate is the layout ParseDate reads when given none.
const ISODate = "2006-01-02"

// ParseDate reads a date written in a Go time layout, such as "02-01-2006"
// for 31-12-2026. The layout "" reads ISO 8601: "2006-01-02", also with a
// clock time "2006-01-02T15:04:05" (or a space for the T), fractional
// seconds and a zone ("Z", "+02:00"); the result is then the date alone.
//
// The result is in UTC and keeps the date and clock time as written: the
// zone, when there is one, is checked and dropped, so that
// "2026-10-01T00:30:00+02:00" stays on 1 October. Layouts without a clock
// give midnight.
//
// The common layouts (made of 2006, 01, 1, 02, 2, 15, 04, 05 and the
// separators - / . : , space and T) are read without allocating; others go
// through time.Parse.
func ParseDate(b []byte, layout string) (time.Time, error) {
	s := trimBlank(b)
	if layout == "" {
		if t, ok := parseISO(s); ok {
			return t, nil
		}
		return time.Time{}, dateError(s, layout)
	}
	t, ok, handled := parseLayout(s, layout)
	if !handled {
		var err error
		t, err = time.Parse(layout, string(s))
		ok = err == nil
		if ok {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
	}
	if !ok {
		return time.Time{}, dateError(s, layout)
	}
	return t, nil
}

// ParseDateIn reads a date in the first of layouts it fits, tried in
// turn, as a column whose dates are written "04/07/2016" and "20-Jan-17"
// needs; no layouts reads ISO 8601, and one layout is ParseDate. When none
// fits, the error names every layout tried.
func ParseDateIn(b []byte, layouts []string) (time.Time, error) {
	if len(layouts) <= 1 {
		layout := ""
		if len(layouts) == 1 {
			layout = layouts[0]
		}
		return ParseDate(b, layout)
	}
	for _, l := range layouts {
		if t, err := ParseDate(b, l); err == nil {
			return t, nil
		}
	}
	s := trimBlank(b)
	if len(s) == 0 {
		return time.Time{}, fmt.Errorf("an empty value is not a date in any of the layouts %q", layouts)
	}
	return time.Time{}, fmt.Errorf("%q is not a date in any of the layouts %q", s, layouts)
}

// parseISO reads an ISO 8601 date, with an optional clock time and zone,
// and returns the date.
func parseISO(s []byte) (time.Time, bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || !validDate(y, m, d) {
		return time.Time{}, false
	}
	if len(s) > 10 && !validISOClock(s[10:]) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// validISOClock checks "T15:04:05", with optional fractional seconds and
// zone.
func validISOClock(s []byte) bool {
	if len(s) < 9 || (s[0] != 'T' && s[0] != ' ') || s[3] != ':' || s[6] != ':' {
		return false
	}
	h, ok1 := digits(s[1:3])
	mi, ok2 := digits(s[4:6])
	sec, ok3 := digits(s[7:9])
	if !ok1 || !ok2 || !ok3 || h > 23 || mi > 59 || sec > 59 {
		return false
	}
	s = s[9:]
	if len(s) > 0 && (s[0] == '.' || s[0] == ',') {
		n := 1
		for n < len(s) && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		if n == 1 {
			return false
		}
		s = s[n:]
	}
	switch {
	case len(s) == 0:
		return true
	case len(s) == 1:
		return s[0] == 'Z'
	case s[0] != '+' && s[0] != '-':
		return false
	}
	var mins []byte // "+02:00", "+0200" or "+02"
	switch {
	case len(s) == 6 && s[3] == ':':
		mins = s[4:6]
	case len(s) == 5:
		mins = s[3:5]
	case len(s) != 3:
		return false
	}
	zh, ok1 := digits(s[1:3])
	zm, ok2 := 0, true
	if mins != nil {
		zm, ok2 = digits(mins)
	}
	return ok1 && ok2 && zh <= 23 && zm <= 59
}

// layoutToken is one element of a layout parseLayout knows: a number
// (with its value's place and widths) or a literal byte.
type layoutToken struct {
	field    int // 0 year, 1 month, 2 day, 3 hour, 4 minute, 5 second; -1 literal
	width    int // digits in the layout, or 1 for a literal
	minWidth int // fewest digits the value may have
	maxWidth int // most digits the value may have
}

// nextToken returns the token layout starts with; ok is false for anything
// parseLayout leaves to time.Parse.
func nextToken(layout string) (tok layoutToken, ok bool) {
	num := func(field, width, minWidth, maxWidth int) (layoutToken, bool) {
		return layoutToken{field: field, width: width, minWidth: minWidth, maxWidth: maxWidth}, true
	}
	switch {
	case strings.HasPrefix(layout, "2006"):
		return num(0, 4, 4, 4)
	case strings.HasPrefix(layout, "01"):
		return num(1, 2, 2, 2)
	case strings.HasPrefix(layout, "02"):
		return num(2, 2, 2, 2)
	case strings.HasPrefix(layout, "15"):
		return num(3, 2, 2, 2)
	case strings.HasPrefix(layout, "04"):
		return num(4, 2, 2, 2)
	case strings.HasPrefix(layout, "05"):
		return num(5, 2, 2, 2)
	case layout[0] == '1':
		return num(1, 1, 1, 2)
	case layout[0] == '2':
		return num(2, 1, 1, 2)
	case layout[0] == '.' || layout[0] == ',':
		// As in time.Parse: a run of 0s or 9s that no digit follows is
		// fractional seconds.
		if len(layout) > 1 && (layout[1] == '0' || layout[1] == '9') {
			j := 1
			for j < len(layout) && layout[j] == layout[1] {
				j++
			}
			if j == len(layout) || layout[j] < '0' || layout[j] > '9' {
				return tok, false
			}
		}
		return layoutToken{field: -1, width: 1}, true
	case strings.IndexByte("-/: T", layout[0]) >= 0:
		return layoutToken{field: -1, width: 1}, true
	}
	return tok, false
}

// parseLayout reads s in layout when the layout is one it knows, with a
// year, month and day; handled is false otherwise.
func parseLayout(s []byte, layout string) (t time.Time, ok, handled bool) {
	var seen [6]bool
	for j := 0; j < len(layout); {
		tok, known := nextToken(layout[j:])
		if !known {
			return t, false, false
		}
		if tok.field >= 0 {
			seen[tok.field] = true
		}
		j += tok.width
	}
	if !seen[0] || !seen[1] || !seen[2] {
		return t, false, false
	}
	var v [6]int
	i := 0
	for j := 0; j < len(layout); {
		tok, _ := nextToken(layout[j:])
		if tok.field < 0 {
			if i >= len(s) || s[i] != layout[j] {
				return t, false, true
			}
			i++
			j++
			continue
		}
		j += tok.width
		n := 0
		for n < tok.maxWidth && i+n < len(s) && '0' <= s[i+n] && s[i+n] <= '9' {
			n++
		}
		if n < tok.minWidth {
			return t, false, true
		}
		v[tok.field], _ = digits(s[i : i+n])
		i += n
	}
	y, m, d, h, mi, sec := v[0], v[1], v[2], v[3], v[4], v[5]
	if i != len(s) || !validDate(y, m, d) || h > 23 || mi > 59 || sec > 59 {
		return t, false, true
	}
	return time.Date(y, time.Month(m), d, h, mi, sec, 0, time.UTC), true, true
}

// digits reads b, all decimal digits, as a number.
func digits(b []byte) (int, bool) {
	if len(b) == 0 {
		return 0, false
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// validDate reports whether y-m-d is a day of the calendar.
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// suggestedLayouts are the layouts a date error suggests when the value
// reads in one of them.
func suggestedLayouts() []string {
	return []string{
		"02-01-2006", "02/01/2006", "02.01.2006", "2006-01-02", "01/02/2006", "2006/01/02",
		"2-1-2006", "2/1/2006", "2.1.2006",
		"02-01-2006 15:04:05", "02/01/2006 15:04:05", "02.01.2006 15:04:05", "2006-01-02 15:04:05",
		"02-01-2006 15:04", "02/01/2006 15:04", "02.01.2006 15:04", "2006-01-02 15:04",
	}
}

// dateError says s is not a date in layout and suggests one it reads in.
func dateError(s []byte, layout string) error {
	shown := layout
	if shown == "" {
		shown = ISODate
	}
	msg := fmt.Sprintf("%q is not a date in layout %q", s, shown)
	if len(s) == 0 {
		return fmt.Errorf("an empty value is not a date in layout %q", shown)
	}
	for _, l := range suggestedLayouts() {
		if l == shown {
			continue
		}
		if _, ok, _ := parseLayout(s, l); ok {
			return fmt.Errorf("%s. Try: layout: %q", msg, l)
		}
	}
	return fmt.Errorf("%s", msg)
}
