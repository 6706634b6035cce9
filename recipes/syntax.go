package recipes

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/mipack/mipack/recipes/internal/fault"
)

// A YAML syntax error comes from the parser as text with a line, often the
// line where the enclosing block starts rather than the slip itself. The
// slips a recipe author makes are few, and each has a shape that can be
// found in the lines from there on:
//
//	title:By status          a colon without the space after it
//	where: a > 0 ? 1 : 0     a plain value holding ": "
//	title: "By status        a quote never closed
//	group_by: [status        a list never closed
//	<tab>from: grants        a tab in the indentation
//
// syntaxHint looks for the slip the parser's message points at, and gives
// where it is and a hint to fix it; when the slip is not found, the
// parser's line and a hint for its message.

// syntaxSlip finds one kind of slip on a line: the column (1-based, in
// runes) where it is, and the hint, or 0.
type syntaxSlip func(line string) (col int, hint string)

// syntaxSlips are the slips each parser message may stand for, tried in
// turn on the lines from the message's line on, and the hint when none is
// found.
var syntaxSlips = []struct {
	messages []string
	slips    []syntaxSlip
	// indent: when no slip is found, look for a line indented unlike
	// any block it could belong to.
	indent   bool
	fallback string
}{
	{
		messages: []string{"found a tab character", "found character that cannot start any token"},
		slips:    []syntaxSlip{tabIndent, unquotableStart},
		fallback: "Try: indent with spaces only, and put a value that starts with @ or ` in quotes",
	},
	{
		messages: []string{"could not find expected ':'"},
		slips:    []syntaxSlip{unclosedQuote, colonWithoutSpace},
		fallback: "Try: write each entry as `key: value`, with a space after the colon",
	},
	{
		messages: []string{"mapping values are not allowed in this context"},
		slips:    []syntaxSlip{colonInValue},
		indent:   true, // a key indented further reads as going on from the value above
		fallback: "Try: put a value that holds \": \" in quotes",
	},
	{
		messages: []string{"did not find expected ',' or ']'"},
		slips:    []syntaxSlip{unclosedQuote, unclosedFlow('[', ']'), flowStart('[')},
		fallback: "Try: close the list with ], and put an item that holds a comma or \": \" in quotes",
	},
	{
		messages: []string{"did not find expected ',' or '}'"},
		slips:    []syntaxSlip{unclosedQuote, unclosedFlow('{', '}'), flowStart('{')},
		fallback: "Try: close the mapping with }, and put a value that holds a comma or \": \" in quotes",
	},
	{
		messages: []string{"found unknown escape character"},
		slips:    []syntaxSlip{badEscape},
		fallback: `Try: write \\ for a backslash inside double quotes, or put the value in single quotes`,
	},
	{
		messages: []string{"found unexpected end of stream", "did not find expected key", "did not find expected node content", "did not find expected '-' indicator"},
		slips:    []syntaxSlip{unclosedQuote, tabIndent, dashWithoutSpace},
		indent:   true,
		fallback: indentHint,
	},
}

const indentHint = "Try: line each key up with the keys beside it (the same number of spaces), and each list item's - with the items beside it"

// syntaxHint places a YAML syntax error reported at line with message msg,
// and gives a hint for it ("" when the message is none of the above).
func syntaxHint(data []byte, line int, msg string) (fault.Pos, string) {
	pos := fault.Pos{Line: max(line, 1), Col: 1}
	for _, k := range syntaxSlips {
		if !hasAnyPrefix(msg, k.messages) {
			continue
		}
		lines := bytes.Split(data, []byte("\n"))
		// The parser names the line before the slip or the line where
		// its block starts: look from the line before on.
		for i := max(line-2, 0); i < len(lines); i++ {
			text := strings.TrimSuffix(string(lines[i]), "\r")
			if isComment(text) {
				continue
			}
			for _, slip := range k.slips {
				if col, hint := slip(text); col > 0 {
					return fault.Pos{Line: i + 1, Col: col}, hint
				}
			}
		}
		if k.indent {
			if at, ok := misindented(lines); ok {
				return at, indentHint
			}
		}
		return pos, k.fallback
	}
	return pos, ""
}

// misindented finds the first line that ends blocks without coming back
// to the indentation of a block it is inside, as `     total:` does under
// `    measures:` whose keys stand at six spaces, or goes in further than
// the line before opens a block for.
func misindented(lines [][]byte) (fault.Pos, bool) {
	levels := []int{0} // indentations of the open blocks, innermost last
	scalarAt := -1     // in a block scalar (| or >): its key's indentation
	opens := false     // the line before ends in "key:", opening a block
	for i, b := range lines {
		line := strings.TrimRight(string(b), "\r")
		t := strings.TrimLeft(line, " ")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		ind := len(line) - len(t)
		if scalarAt >= 0 && ind > scalarAt {
			continue
		}
		scalarAt = -1
		popped := false
		for len(levels) > 1 && ind < levels[len(levels)-1] {
			levels, popped = levels[:len(levels)-1], true
		}
		switch top := levels[len(levels)-1]; {
		case popped && ind != top, ind > top && !opens:
			return fault.Pos{Line: i + 1, Col: ind + 1}, true
		case ind > top:
			levels = append(levels, ind)
		}
		opens = strings.HasSuffix(strings.TrimSpace(stripComment(t)), ":") || strings.TrimSpace(t) == "-"
		if rest, ok := strings.CutPrefix(t, "- "); ok {
			// an item's keys stand where its text starts
			ind += len(t) - len(strings.TrimLeft(rest, " "))
			levels = append(levels, ind)
			t = strings.TrimLeft(rest, " ")
		}
		if key, v, ok := entry(t); ok && key != "" {
			if value := strings.TrimSpace(stripComment(t[v:])); strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">") {
				scalarAt = ind
			}
		}
	}
	return fault.Pos{}, false
}

func hasAnyPrefix(msg string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func isComment(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), "#")
}

// runeCol is the 1-based column in runes of byte offset i of line.
func runeCol(line string, i int) int { return utf8.RuneCountInString(line[:i]) + 1 }

func tabIndent(line string) (int, string) {
	indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
	if i := strings.IndexByte(indent, '\t'); i >= 0 {
		return runeCol(line, i), "Try: indent with spaces; YAML does not allow a tab in the indentation"
	}
	return 0, ""
}

// entry splits a line `  - key: value` into the key's and the value's
// byte offsets; ok is false for a line that is no `key: value`.
var entryPattern = regexp.MustCompile(`^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_.-]*):( +|$)`)

func entry(line string) (key string, value int, ok bool) {
	m := entryPattern.FindStringSubmatchIndex(line)
	if m == nil {
		return "", 0, false
	}
	return line[m[4]:m[5]], m[1], true
}

func unquotableStart(line string) (int, string) {
	if _, v, ok := entry(line); ok && v < len(line) && strings.ContainsAny(line[v:v+1], "@`") {
		return runeCol(line, v), "Try: put the value in quotes; a YAML value cannot start with " + line[v:v+1]
	}
	return 0, ""
}

var bareColon = regexp.MustCompile(`^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*):([^\s:/].*)$`)

func colonWithoutSpace(line string) (int, string) {
	m := bareColon.FindStringSubmatch(line)
	if m == nil {
		return 0, ""
	}
	at := len(m[1]) + len(m[2])
	return runeCol(line, at), "Try: a space after the colon: `" + strings.TrimSpace(m[1]+m[2]+": "+m[3]) + "`"
}

func colonInValue(line string) (int, string) {
	key, v, ok := entry(line)
	if !ok || v >= len(line) {
		return 0, ""
	}
	value := strings.TrimSpace(stripComment(line[v:]))
	if value == "" || strings.ContainsAny(value[:1], `"'[{|>&*!`) {
		return 0, ""
	}
	if i := strings.Index(value, ": "); i >= 0 || strings.HasSuffix(value, ":") {
		if i < 0 {
			i = len(value) - 1
		}
		quoted := `"` + strings.ReplaceAll(value, `"`, `\"`) + `"`
		if !strings.Contains(value, `'`) {
			quoted = "'" + value + "'"
		}
		return runeCol(line, v+i), "Try: put the value in quotes, as it holds \": \": `" + key + ": " + quoted + "`"
	}
	return 0, ""
}

// stripComment cuts a plain value's " #" comment.
func stripComment(value string) string {
	if i := strings.Index(value, " #"); i >= 0 {
		return value[:i]
	}
	return value
}

func unclosedQuote(line string) (int, string) {
	_, v, ok := entry(line)
	if !ok {
		// a list item: `- "text`
		t := strings.TrimLeft(line, " ")
		if !strings.HasPrefix(t, "- ") {
			return 0, ""
		}
		v = len(line) - len(strings.TrimLeft(t[1:], " "))
	}
	if v >= len(line) {
		return 0, ""
	}
	q := line[v]
	if q != '"' && q != '\'' {
		return 0, ""
	}
	for i := v + 1; i < len(line); i++ {
		switch {
		case q == '"' && line[i] == '\\':
			i++
		case line[i] == q && q == '\'' && i+1 < len(line) && line[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case line[i] == q:
			return 0, ""
		}
	}
	return runeCol(line, v), "Try: end the text with the quote it starts with (" + string(q) + ")"
}

// flowStart finds a flow list or mapping opened with open, for a fault
// inside one.
func flowStart(open byte) syntaxSlip {
	return func(line string) (int, string) {
		if _, v, ok := entry(line); ok && v < len(line) && line[v] == open {
			return runeCol(line, v), "Try: separate its items with \", \" and put an item that holds a comma, \": \" or a bracket in quotes"
		}
		return 0, ""
	}
}

var dashPattern = regexp.MustCompile(`^(\s*)-([^\s-].*)$`)

func dashWithoutSpace(line string) (int, string) {
	if m := dashPattern.FindStringSubmatch(line); m != nil {
		return len(m[1]) + 1, "Try: a space after the -: `- " + m[2] + "`"
	}
	return 0, ""
}

// badEscape finds a backslash in double quotes that starts no escape.
func badEscape(line string) (int, string) {
	_, v, ok := entry(line)
	if !ok || v >= len(line) || line[v] != '"' {
		return 0, ""
	}
	for i := v + 1; i+1 < len(line) && line[i] != '"'; i++ {
		if line[i] != '\\' {
			continue
		}
		if !strings.ContainsRune(`0abtnvfre "/\\N_LPxuU`+"\t", rune(line[i+1])) {
			return runeCol(line, i), `Try: write \\ for a backslash inside double quotes, or put the value in single quotes`
		}
		i++
	}
	return 0, ""
}

// unclosedFlow finds a flow list or mapping opened with open and not closed
// with closer on its line.
func unclosedFlow(opener, closer byte) syntaxSlip {
	return func(line string) (int, string) {
		if at := unclosed(line, opener, closer); at >= 0 {
			return runeCol(line, at), "Try: close it with " + string(closer) + " on the same line"
		}
		return 0, ""
	}
}

// unclosed is the byte offset of the first opener on line that no closer
// closes, outside quotes and comments; -1 if none.
func unclosed(line string, opener, closer byte) int {
	var open []int
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			i = len(line)
		case c == opener:
			open = append(open, i)
		case c == closer && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[0]
}
