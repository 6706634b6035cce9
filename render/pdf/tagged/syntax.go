package tagged

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The few PDF objects an update reads and writes back. Numbers, strings,
// booleans and null are kept as the bytes they were written with (raw), so
// an object read and written again is unchanged but for the keys set.
type (
	object any
	name   string
	raw    []byte
	array  []object
	dict   []entry // in the order written
	ref    struct{ num, gen int }
	entry  struct {
		key name
		val object
	}
)

// get returns the value of key, or nil.
func (d dict) get(key name) object {
	for _, e := range d {
		if e.key == key {
			return e.val
		}
	}
	return nil
}

// set replaces the value of key, or adds key at the end.
func (d dict) set(key name, val object) dict {
	for i, e := range d {
		if e.key == key {
			d[i].val = val
			return d
		}
	}
	return append(d, entry{key, val})
}

// errSyntax is returned for input the reader does not understand.
var errSyntax = errors.New("PDF syntax the update cannot read")

// isSpace and isDelim are PDF's white-space and delimiter characters.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}
func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

// skip returns the position of the next token in b at or after i.
func skip(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// regular returns the end of the regular characters from i.
func regular(b []byte, i int) int {
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		i++
	}
	return i
}

// parse reads one object starting at b[i] and returns it with the position
// after it. "n g R" is read as a reference.
func parse(b []byte, i int) (object, int, error) {
	i = skip(b, i)
	if i >= len(b) {
		return nil, i, fmt.Errorf("%w: unexpected end", errSyntax)
	}
	switch c := b[i]; {
	case c == '/':
		j := regular(b, i+1)
		return name(b[i+1 : j]), j, nil
	case c == '<' && i+1 < len(b) && b[i+1] == '<':
		var d dict
		i += 2
		for {
			i = skip(b, i)
			if i+1 < len(b) && b[i] == '>' && b[i+1] == '>' {
				return d, i + 2, nil
			}
			k, j, err := parse(b, i)
			if err != nil {
				return nil, j, err
			}
			key, ok := k.(name)
			if !ok {
				return nil, j, fmt.Errorf("%w: a dictionary key at %d is not a name", errSyntax, i)
			}
			v, j, err := parse(b, j)
			if err != nil {
				return nil, j, err
			}
			d, i = append(d, entry{key, v}), j
		}
	case c == '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return nil, i, fmt.Errorf("%w: unterminated hex string", errSyntax)
		}
		return raw(b[i : i+j+1]), i + j + 1, nil
	case c == '(':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return raw(b[i : j+1]), j + 1, nil
				}
			}
		}
		return nil, i, fmt.Errorf("%w: unterminated string", errSyntax)
	case c == '[':
		var a array
		i++
		for {
			i = skip(b, i)
			if i < len(b) && b[i] == ']' {
				return a, i + 1, nil
			}
			v, j, err := parse(b, i)
			if err != nil {
				return nil, j, err
			}
			a, i = append(a, v), j
		}
	case isDelim(c):
		return nil, i, fmt.Errorf("%w: unexpected %q at %d", errSyntax, c, i)
	}
	j := regular(b, i)
	tok := b[i:j]
	if num, err := strconv.Atoi(string(tok)); err == nil {
		// A reference is two integers and R.
		k := skip(b, j)
		l := regular(b, k)
		if gen, err := strconv.Atoi(string(b[k:l])); err == nil && l > k {
			m := skip(b, l)
			if m < len(b) && b[m] == 'R' && (m+1 == len(b) || isSpace(b[m+1]) || isDelim(b[m+1])) {
				return ref{num, gen}, m + 1, nil
			}
		}
	}
	if len(tok) == 0 {
		return nil, i, fmt.Errorf("%w: empty token at %d", errSyntax, i)
	}
	return raw(tok), j, nil
}

// write appends the PDF syntax of o to buf.
func write(buf *bytes.Buffer, o object) {
	switch v := o.(type) {
	case name:
		buf.WriteByte('/')
		buf.WriteString(string(v))
	case raw:
		buf.Write(v)
	case ref:
		fmt.Fprintf(buf, "%d %d R", v.num, v.gen)
	case array:
		buf.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				buf.WriteByte(' ')
			}
			write(buf, x)
		}
		buf.WriteByte(']')
	case dict:
		buf.WriteString("<<")
		for i, e := range v {
			if i > 0 {
				buf.WriteByte(' ')
			}
			write(buf, e.key)
			buf.WriteByte(' ')
			write(buf, e.val)
		}
		buf.WriteString(">>")
	case int:
		buf.WriteString(strconv.Itoa(v))
	case nil:
		buf.WriteString("null")
	default:
		panic(fmt.Sprintf("tagged: cannot write %T", o))
	}
}

// text is a PDF text string: UTF-16BE with a byte order mark, in hex, so
// that any text needs no escaping.
func text(s string) raw {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return raw(b.Bytes())
}
