package csvx

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// DoubleEncoded reports whether a text (UTF-8, as Read returns every
// field) looks like UTF-8 that was decoded as Windows-1252 or ISO-8859-1:
// "Ã…SGARD" for "ÅSGARD", "Ã¦" for "æ", "Ã¸" for "ø", "Ã¥" for "å". It
// holds when the text has such a pair of letters and, written back in
// Windows-1252 (or ISO-8859-1), every one of its characters fits and the
// bytes are valid UTF-8 again: "Ã¦" is C3 A6 in Windows-1252, which is
// "æ" in UTF-8. Danish, English and other Latin texts written correctly
// never are: "Århus" in Windows-1252 is C5 72 68 75 73, not UTF-8.
//
// Such a text means one of two things. When the extract was read as
// Windows-1252, its bytes are UTF-8, and `encoding: utf-8` reads it
// right. When it was read as UTF-8, the file was converted twice (its
// UTF-8 read as Windows-1252 and saved as UTF-8 again), and no encoding
// setting reads it right.
func DoubleEncoded(text []byte) bool {
	// Every character that a UTF-8 lead byte becomes in Windows-1252 or
	// ISO-8859-1 (Â to ß for two-byte sequences, à to ï for three) is C3 xx
	// in UTF-8.
	if bytes.IndexByte(text, 0xC3) < 0 {
		return false
	}
	back := make([]byte, 0, len(text))
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		text = text[n:]
		if r < utf8.RuneSelf {
			back = append(back, byte(r))
			continue
		}
		b, ok := singleByte[r]
		if !ok {
			return false
		}
		back = append(back, b)
	}
	return utf8.Valid(back)
}

// singleByte maps the characters of bytes 0x80 to 0xFF in Windows-1252,
// and in ISO-8859-1 where they differ (its C1 controls), back to the byte.
var singleByte = func() map[rune]byte {
	m := make(map[rune]byte, 160)
	for b := 0x80; b <= 0xFF; b++ {
		m[charmap.Windows1252.DecodeByte(byte(b))] = byte(b)
	}
	for b := 0x80; b <= 0x9F; b++ {
		if _, ok := m[rune(b)]; !ok {
			m[rune(b)] = byte(b)
		}
	}
	delete(m, utf8.RuneError)
	return m
}()

// ErrDoubleEncoded is inside the warning of a text column whose texts
// look double-encoded (see DoubleEncoded).
var ErrDoubleEncoded = errors.New("texts look double-encoded")

// DoubleEncodedAdvice says, for n double-encoded texts of a column, what
// they are and what to do, given the encoding the extract was read in:
// "" for a workbook. It wraps ErrDoubleEncoded and quotes no text, so a
// warning built on it never shows a value of the extract.
func DoubleEncodedAdvice(n int64, encoding string) error {
	const example = `"Ã¦" where "æ" was meant`
	switch encoding {
	case "":
		return fmt.Errorf("%w: %d texts hold UTF-8 read as Windows-1252 (%s): they were converted twice before they reached the workbook. Try: correct them in the system they come from, and export again", ErrDoubleEncoded, n, example)
	case Windows1252, ISO88591:
		return fmt.Errorf("%w: %d texts are UTF-8 read as %s (%s). Try: encoding: utf-8", ErrDoubleEncoded, n, encoding, example)
	}
	return fmt.Errorf("%w: %d texts hold UTF-8 read as Windows-1252 (%s): the file was converted twice, to UTF-8 from what already was UTF-8. Try: export it again, or convert it back once (iconv -f utf-8 -t windows-1252)", ErrDoubleEncoded, n, example)
}
