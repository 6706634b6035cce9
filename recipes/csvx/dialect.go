package csvx

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding names as Dialect.Encoding holds them once resolved.
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
	ISO88591    = "iso-8859-1"
)

// encodingAliases maps every name Dialect.Encoding accepts, in lower case,
// to the name it resolves to. It is the one list of encoding names: the
// recipe's check and its schema take theirs from Encodings and
// EncodingName.
var encodingAliases = map[string]string{
	"utf-8": UTF8, "utf8": UTF8,
	"windows-1252": Windows1252, "windows1252": Windows1252, "cp1252": Windows1252,
	"iso-8859-1": ISO88591, "iso8859-1": ISO88591, "latin1": ISO88591, "latin-1": ISO88591,
}

// Encodings returns the names an encoding resolves to, in the order
// messages list them: utf-8, windows-1252, iso-8859-1.
func Encodings() []string { return []string{UTF8, Windows1252, ISO88591} }

// EncodingName returns the name Dialect.Encoding resolves name to, case
// aside: EncodingName("CP1252") is "windows-1252", true. A name it does not
// know gives "", false.
func EncodingName(name string) (string, bool) {
	enc, ok := encodingAliases[strings.ToLower(name)]
	return enc, ok
}

// DefaultMaxFieldBytes is the longest field read when Dialect.MaxFieldBytes
// is 0: 16 MiB.
const DefaultMaxFieldBytes = 16 << 20

// sniffBytes is how much of the start of an extract decides its encoding.
const sniffBytes = 64 << 10

// Dialect says how an extract is written. Zero values mean "sniff" or
// "default"; Reader.Dialect returns the dialect with every value resolved,
// and passing that back to NewReader reads the extract the same way.
type Dialect struct {
	// Delimiter separates fields: ',' ';' '\t' or '|' (any ASCII byte but
	// '"', '\r' and '\n' is accepted). 0 sniffs it from the header line: the
	// most frequent of , ; tab | outside quotes, ',' when there is none.
	Delimiter byte
	// Encoding is "utf-8", "windows-1252" or "iso-8859-1" (case-insensitive;
	// "utf8", "cp1252" and "latin1" are accepted too). "" sniffs it: a UTF-8
	// byte-order mark, or valid UTF-8 in the first 64 KiB, means UTF-8, and
	// anything else Windows-1252. A UTF-8 byte-order mark is always skipped.
	Encoding string
	// HeaderLine is the 1-based physical line of the header; lines before it
	// (a report's preamble) are skipped unread. 0 means 1. Blank lines at
	// HeaderLine are skipped too, and the resolved value is the line where
	// the header was found.
	HeaderLine int
	// MaxFieldBytes is the longest field, in bytes, the reader accepts; a
	// longer one is ErrFieldTooLong. It protects memory from a stray quote
	// that would make the rest of a file one field. A whole record may be at
	// most 8 times as long. 0 means DefaultMaxFieldBytes.
	MaxFieldBytes int
	// LazyQuotes keeps a quote inside a field that does not start with one
	// as data, as in 37°36'37.8"N, instead of reporting ErrBareQuote. Off by
	// default: a stray quote often means a row's fields have shifted, which
	// is safer to see than to read past. Quoted fields are strict either way.
	LazyQuotes bool
}

// resolve checks d and fills in the defaults that need no input.
func (d Dialect) resolve() (Dialect, error) {
	if name := strings.TrimSpace(d.Encoding); name == "" {
		d.Encoding = ""
	} else if enc, ok := EncodingName(name); ok {
		d.Encoding = enc
	} else {
		return d, fmt.Errorf("encoding %q is not one of %s", d.Encoding, strings.Join(Encodings(), ", "))
	}
	if d.Delimiter != 0 && (d.Delimiter == '"' || d.Delimiter == '\r' || d.Delimiter == '\n' || d.Delimiter >= utf8.RuneSelf) {
		return d, fmt.Errorf("delimiter %q cannot separate fields: use one of \",\" \";\" \"\\t\" \"|\"", rune(d.Delimiter))
	}
	if d.HeaderLine < 0 {
		return d, fmt.Errorf("header line %d is not a line number (1 or more)", d.HeaderLine)
	}
	if d.HeaderLine == 0 {
		d.HeaderLine = 1
	}
	if d.MaxFieldBytes < 0 {
		return d, fmt.Errorf("maximum field size %d is negative", d.MaxFieldBytes)
	}
	if d.MaxFieldBytes == 0 {
		d.MaxFieldBytes = DefaultMaxFieldBytes
	}
	return d, nil
}

// sniffEncoding names the encoding of an extract that starts with b; atEOF
// says b is the whole extract.
func sniffEncoding(b []byte, atEOF bool) string {
	if bytes.HasPrefix(b, bom) {
		return UTF8
	}
	if !atEOF {
		// The sample may end inside a character: leave out an incomplete tail.
		for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
			if utf8.RuneStart(b[len(b)-k]) {
				if !utf8.FullRune(b[len(b)-k:]) {
					b = b[:len(b)-k]
				}
				break
			}
		}
	}
	if utf8.Valid(b) {
		return UTF8
	}
	return Windows1252
}

// bom is the UTF-8 byte-order mark.
var bom = []byte{0xEF, 0xBB, 0xBF}

// utf16BOM reports whether b starts with a UTF-16 byte-order mark.
func utf16BOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF})
}

// sniffDelimiter returns the most frequent of , ; tab | outside quotes in
// line, preferring them in that order on a tie, and ',' when none occurs.
func sniffDelimiter(line []byte) byte {
	candidates := [...]byte{',', ';', '\t', '|'}
	var counts [len(candidates)]int
	quoted := false
	for _, c := range line {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		for i, d := range candidates {
			if c == d {
				counts[i]++
			}
		}
	}
	best := 0
	for i := range candidates {
		if counts[i] > counts[best] {
			best = i
		}
	}
	return candidates[best]
}

// decodeTable maps each byte of a single-byte encoding to its UTF-8 form:
// up to three bytes, with the length in the fourth.
type decodeTable [256][4]byte

// newDecodeTable builds the table for a single-byte encoding.
func newDecodeTable(cm *charmap.Charmap) *decodeTable {
	t := new(decodeTable)
	for i := range t {
		r := cm.DecodeByte(byte(i))
		n := utf8.EncodeRune(t[i][:3], r)
		t[i][3] = byte(n)
	}
	return t
}

// decode writes src, decoded, to dst and returns the bytes written. dst
// must have room for 3 bytes per byte of src.
func (t *decodeTable) decode(dst, src []byte) int {
	i, j := 0, 0
	for i < len(src) {
		if i+8 <= len(src) {
			// Eight ASCII bytes at a time, the common case, copied as they are.
			if w := binary.LittleEndian.Uint64(src[i:]); w&0x8080808080808080 == 0 {
				binary.LittleEndian.PutUint64(dst[j:], w)
				i += 8
				j += 8
				continue
			}
		}
		c := src[i]
		i++
		if c < utf8.RuneSelf {
			dst[j] = c
			j++
			continue
		}
		e := &t[c]
		d := dst[j : j+3 : j+3]
		d[0], d[1], d[2] = e[0], e[1], e[2]
		j += int(e[3])
	}
	return j
}
