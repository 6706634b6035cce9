package csvx

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// asciiMask has the high bit of every byte in a word: a word of ASCII
// text and'ed with it is zero.
const asciiMask = 0x8080808080808080

// validPrefix returns the length of the longest prefix of p that is valid
// UTF-8. Like utf8.Valid it skips ASCII eight bytes at a time, but it goes
// back to doing so after every multi-byte character instead of going on
// byte by byte: Danish text has an æ, ø or å on most lines.
func validPrefix(p []byte) int {
	i, n := 0, len(p)
	for i < n {
		for i+8 <= n {
			high := binary.LittleEndian.Uint64(p[i:]) & asciiMask
			if high != 0 {
				i += bits.TrailingZeros64(high) / 8
				break
			}
			i += 8
		}
		if i >= n {
			break
		}
		c := p[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < n && p[i+1]&0xC0 == 0x80 {
			i += 2 // a two-byte character: æ, ø, å, §
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return n
}
