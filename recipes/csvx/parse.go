package csvx

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"unicode/utf8"
)

// parseFast splits a record that is one physical line without quotes, and
// hands any other to parseQuoted. It returns the bytes the record takes,
// line end included, and its number of physical lines.
func (r *Reader) parseFast(b []byte) (n, lines int, err error) {
	nl := bytes.IndexByte(b, r.eol)
	line := b
	if nl >= 0 {
		line, n = b[:nl], nl+1
	} else {
		if !r.eof {
			return needMore, 0, nil
		}
		n = len(b)
	}
	if bytes.IndexByte(line, '"') >= 0 {
		return r.parseQuoted(b, false)
	}
	if r.eol == '\n' && len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	fields, starts := splitLine(line, r.delim, r.fields[:0], r.starts[:0])
	r.fields, r.starts = fields, starts
	if len(line) > r.d.MaxFieldBytes {
		for i, f := range fields {
			if len(f) > r.d.MaxFieldBytes {
				return n, 1, &fieldError{at: starts[i], field: i, err: r.tooLong()}
			}
		}
	}
	return n, 1, nil
}

// splitLine appends the fields of line, which holds no quote, split at
// delim, and where each starts. It looks at eight bytes at a time: fields
// are short, and a call to bytes.IndexByte per field costs more than the
// field.
func splitLine(line []byte, delim byte, fields [][]byte, starts []int) ([][]byte, []int) {
	pattern := everyByte(delim)
	off, i := 0, 0
	for ; i+8 <= len(line); i += 8 {
		m := zeroBytes(binary.LittleEndian.Uint64(line[i:]) ^ pattern) // where the byte is delim
		for ; m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			fields = append(fields, line[off:j:j])
			starts = append(starts, off)
			off = j + 1
		}
	}
	for ; i < len(line); i++ {
		if line[i] == delim {
			fields = append(fields, line[off:i:i])
			starts = append(starts, off)
			off = i + 1
		}
	}
	fields = append(fields, line[off:len(line):len(line)])
	starts = append(starts, off)
	return fields, starts
}

// everyByte returns a word with c in each of its eight bytes.
func everyByte(c byte) uint64 { return 0x0101010101010101 * uint64(c) }

// zeroBytes returns a word with the top bit set in each byte where x's byte
// is 0, and nothing else: adding to the low seven bits of a byte cannot
// carry into the next.
func zeroBytes(x uint64) uint64 {
	const lows = 0x7f7f7f7f7f7f7f7f
	return ^((x&lows + lows) | x | lows)
}

// nextSpecial returns the index of the first byte at or after i in b that
// may end an unquoted field or needs a closer look: delim, eol, '"' or
// '\r'; len(b) if there is none. Like splitLine it looks at eight bytes at
// a time.
func nextSpecial(b []byte, i int, delim, eol byte) int {
	pd, pe, pq, pr := everyByte(delim), everyByte(eol), everyByte('"'), everyByte('\r')
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if m := zeroBytes(w^pd) | zeroBytes(w^pe) | zeroBytes(w^pq) | zeroBytes(w^pr); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == delim || c == eol || c == '"' || c == '\r' {
			return i
		}
	}
	return i
}

// parseQuoted splits a record that may hold quoted fields, as RFC 4180 has
// them: a field that starts with '"' runs to the next lone '"', and may hold
// delimiters, line ends and doubled quotes. With probe set, it only checks a
// partial record for fields that are already too long.
func (r *Reader) parseQuoted(b []byte, probe bool) (n, lines int, err error) {
	fields, starts := r.fields[:0], r.starts[:0]
	rec := r.rec[:0]
	max := r.d.MaxFieldBytes
	i := 0
	for {
		start := i
		if i < len(b) && b[i] == '"' {
			i++
			from := i     // start of text not yet taken
			escaped := -1 // where the field starts in rec, once it has a ""
			for {
				j := bytes.IndexByte(b[i:], '"')
				if j < 0 {
					if len(b)-start > max {
						return 0, 0, &fieldError{at: start, field: len(fields), err: r.tooLong()}
					}
					if !r.eof || probe {
						return needMore, 0, nil
					}
					return 0, 0, &fieldError{at: start, field: len(fields),
						err: Detail(ErrQuote, `the quote that opens this field is never closed`)}
				}
				i += j
				if i+1 == len(b) && !r.eof {
					return needMore, 0, nil // a quote at the end may be half of ""
				}
				if i+1 < len(b) && b[i+1] == '"' {
					if escaped < 0 {
						if cap(rec) < len(b) {
							rec = make([]byte, 0, len(b))
						}
						escaped = len(rec)
					}
					rec = append(rec, b[from:i+1]...)
					i += 2
					from = i
					continue
				}
				break
			}
			lines += bytes.Count(b[start:i], []byte{r.eol})
			var f []byte
			if escaped >= 0 {
				rec = append(rec, b[from:i]...)
				f = rec[escaped:len(rec):len(rec)]
			} else {
				f = b[from:i:i]
			}
			if len(f) > max {
				return 0, 0, &fieldError{at: start, field: len(fields), err: r.tooLong()}
			}
			fields = append(fields, f)
			starts = append(starts, start)
			i++ // the closing quote
			end, more, ok := r.fieldEnd(b, i)
			switch {
			case more:
				return needMore, 0, nil
			case !ok:
				return 0, 0, &fieldError{at: i, field: len(fields) - 1,
					err: Detail(ErrQuote, fmt.Sprintf(`%q follows the closing quote; a quote inside a quoted field is written ""`, firstChar(b[i:])))}
			case end < 0: // a delimiter
				i++
				continue
			}
			n = i + end
			break
		}
		// An unquoted field: up to a delimiter or the line's end. In a '\n'
		// file a '\r' is data unless a '\n' or the end of input follows.
		for i < len(b) {
			i = nextSpecial(b, i, r.delim, r.eol)
			if i == len(b) {
				break
			}
			c := b[i]
			if c == r.delim || c == r.eol || (c == '"' && !r.d.LazyQuotes) {
				break
			}
			if c == '\r' && r.eol == '\n' {
				if i+1 < len(b) {
					if b[i+1] == '\n' {
						break
					}
				} else if r.eof || probe {
					break
				} else {
					return needMore, 0, nil
				}
			}
			i++
		}
		if i-start > max {
			return 0, 0, &fieldError{at: start, field: len(fields), err: r.tooLong()}
		}
		if i < len(b) && b[i] == '"' {
			return 0, 0, &fieldError{at: i, field: len(fields),
				err: Detail(ErrBareQuote, `a quote inside a field must be in a quoted field, written "like ""this"""`)}
		}
		fields = append(fields, b[start:i:i])
		starts = append(starts, start)
		if i == len(b) {
			if !r.eof || probe {
				return needMore, 0, nil
			}
			n = i
			break
		}
		if b[i] == r.delim {
			i++
			continue
		}
		if b[i] == '\r' && r.eol == '\n' {
			n = min(i+2, len(b))
		} else {
			n = i + 1
		}
		break
	}
	r.fields, r.starts, r.rec = fields, starts, rec
	return n, lines + 1, nil
}

// fieldEnd looks at b[i:], just after a quoted field. It returns -1 for a
// delimiter, or the bytes to the end of the record for a line end or the
// end of input; more when more input is needed, and !ok for anything else.
func (r *Reader) fieldEnd(b []byte, i int) (end int, more, ok bool) {
	switch {
	case i == len(b):
		return 0, !r.eof, true
	case b[i] == r.delim:
		return -1, false, true
	case b[i] == r.eol:
		return 1, false, true
	case b[i] == '\r' && r.eol == '\n':
		switch {
		case i+1 < len(b) && b[i+1] == '\n':
			return 2, false, true
		case i+1 == len(b):
			return 1, !r.eof, true
		}
	}
	return 0, false, false
}

// firstChar returns the first character of b.
func firstChar(b []byte) string {
	_, n := utf8.DecodeRune(b)
	return string(b[:n])
}
