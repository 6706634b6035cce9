package engine

import (
	"strings"
	"unicode/utf8"
)

// naturalCompare orders texts as a reader does: a run of digits inside a
// text compares as the number it writes, so "§ 85" comes before "§ 103"
// and "uge 9" before "uge 10"; everything else compares by character.
// Texts that differ only in leading zeros ("07", "7") fall back to their
// bytes, so the order is total and stable across runs.
func naturalCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			ei, ej := digitsEnd(a, i), digitsEnd(b, j)
			x, y := strings.TrimLeft(a[i:ei], "0"), strings.TrimLeft(b[j:ej], "0")
			if len(x) != len(y) {
				if len(x) < len(y) {
					return -1
				}
				return 1
			}
			if c := strings.Compare(x, y); c != 0 {
				return c
			}
			i, j = ei, ej
			continue
		}
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		if ra != rb {
			if ra < rb {
				return -1
			}
			return 1
		}
		i, j = i+na, j+nb
	}
	switch {
	case len(a)-i < len(b)-j:
		return -1
	case len(a)-i > len(b)-j:
		return 1
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// readerOrder orders two cells of one table column for a reader: nil last,
// numbers by value, dates by time, texts in natural order (naturalCompare).
func readerOrder(a, b any) int {
	sa, okA := a.(string)
	sb, okB := b.(string)
	if okA && okB {
		return naturalCompare(sa, sb)
	}
	return compareValues(a, b)
}
