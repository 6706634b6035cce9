package recipes

import (
	"bytes"
	"unicode/utf8"

	"github.com/mipack/mipack/recipes/internal/fault"
)

// scalarPos places a byte offset inside a scalar's value in the recipe
// file. The value is walked beside the file's text from where the scalar
// starts: a block scalar (| or >) on the line after its indicator, past
// the block's indentation; a quoted one after its quote. Where the two
// part (an escape in a quoted scalar), the last place both agree on is
// returned, which is never further than the start of the text concerned.
func scalarPos(data []byte, s Str, offset int) fault.Pos {
	lines := bytes.Split(data, []byte("\n"))
	line, col := s.Pos.Line-1, s.Pos.Col-1 // 0-based; col in runes
	indent := -1                           // block scalars: the block's indentation
	if s.Block {
		line, col = line+1, 0
		for l := line; l < len(lines); l++ {
			if t := bytes.TrimLeft(lines[l], " "); len(bytes.TrimSpace(t)) > 0 {
				indent = len(lines[l]) - len(t)
				break
			}
		}
		col = max(indent, 0)
	} else if s.Quoted {
		col++
	}
	if line < 0 || line >= len(lines) {
		return s.Pos
	}
	rest := runeTail(lines[line], col)
	nextLine := func() {
		line++
		rest = nil
		if line >= len(lines) {
			return
		}
		rest = lines[line]
		if indent >= 0 {
			rest = runeTail(rest, min(indent, len(rest)))
			col = min(indent, utf8.RuneCount(lines[line]))
		} else {
			t := bytes.TrimLeft(rest, " \t")
			col = len(rest) - len(t)
			rest = t
		}
	}
	value := s.Value
	for i := 0; i < offset && i < len(value) && line < len(lines); {
		r, size := utf8.DecodeRuneInString(value[i:])
		if len(rest) == 0 {
			// The file's line ends: the value has a newline or a folding
			// space here, or a blank line folded into the next newline.
			nextLine()
			if r == '\n' || r == ' ' {
				i += size
			}
			continue
		}
		fr, fsize := utf8.DecodeRune(rest)
		if fr != r {
			break
		}
		rest = rest[fsize:]
		col++
		i += size
	}
	return fault.Pos{Line: line + 1, Col: col + 1}
}

// runeTail is b from its n-th rune on.
func runeTail(b []byte, n int) []byte {
	for ; n > 0 && len(b) > 0; n-- {
		_, size := utf8.DecodeRune(b)
		b = b[size:]
	}
	return b
}
