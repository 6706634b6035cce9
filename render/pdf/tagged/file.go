package tagged

import (
	"bytes"
	"fmt"
	"strconv"
)

// file is a PDF as fpdf writes it: one classic cross-reference table and
// its trailer, every object uncompressed outside streams.
type file struct {
	b         []byte
	offsets   map[int]int // object number → offset of "n g obj"
	trailer   dict
	startxref int
}

// readFile reads the cross-reference table and trailer of b.
func readFile(b []byte) (*file, error) {
	at := bytes.LastIndex(b, []byte("startxref"))
	if at < 0 {
		return nil, fmt.Errorf("%w: no startxref", errSyntax)
	}
	o, _, err := parse(b, at+len("startxref"))
	if err != nil {
		return nil, err
	}
	start, err := strconv.Atoi(string(asRaw(o)))
	if err != nil || start < 0 || start >= len(b) || !bytes.HasPrefix(b[start:], []byte("xref")) {
		return nil, fmt.Errorf("%w: startxref does not point at a cross-reference table", errSyntax)
	}
	f := &file{b: b, offsets: map[int]int{}, startxref: start}
	i := start + len("xref")
	for {
		i = skip(b, i)
		if bytes.HasPrefix(b[i:], []byte("trailer")) {
			break
		}
		first, n, j, err := twoInts(b, i)
		if err != nil {
			return nil, err
		}
		i = skip(b, j)
		for k := range n {
			if i+18 > len(b) {
				return nil, fmt.Errorf("%w: cross-reference table cut short", errSyntax)
			}
			off, err1 := strconv.Atoi(string(b[i : i+10]))
			if err1 != nil {
				return nil, fmt.Errorf("%w: cross-reference entry at %d", errSyntax, i)
			}
			if b[i+17] == 'n' {
				f.offsets[first+k] = off
			}
			i = skip(b, i+18)
		}
	}
	t, _, err := parse(b, i+len("trailer"))
	if err != nil {
		return nil, err
	}
	var ok bool
	if f.trailer, ok = t.(dict); !ok {
		return nil, fmt.Errorf("%w: the trailer is not a dictionary", errSyntax)
	}
	if f.trailer.get("Prev") != nil {
		return nil, fmt.Errorf("%w: the file has been updated before", errSyntax)
	}
	return f, nil
}

// twoInts reads two integers at b[i].
func twoInts(b []byte, i int) (x, y, next int, err error) {
	j := regular(b, i)
	x, err1 := strconv.Atoi(string(b[i:j]))
	k := skip(b, j)
	l := regular(b, k)
	y, err2 := strconv.Atoi(string(b[k:l]))
	if err1 != nil || err2 != nil {
		return 0, 0, i, fmt.Errorf("%w: want two integers at %d", errSyntax, i)
	}
	return x, y, l, nil
}

// asRaw returns o's bytes when it is raw, else nil.
func asRaw(o object) raw {
	r, _ := o.(raw)
	return r
}

// object reads object num.
func (f *file) object(num int) (object, error) {
	off, ok := f.offsets[num]
	if !ok {
		return nil, fmt.Errorf("%w: no object %d", errSyntax, num)
	}
	n, _, j, err := twoInts(f.b, off)
	if err != nil || n != num {
		return nil, fmt.Errorf("%w: object %d is not where the cross-reference table says", errSyntax, num)
	}
	j = skip(f.b, j)
	if !bytes.HasPrefix(f.b[j:], []byte("obj")) {
		return nil, fmt.Errorf("%w: object %d has no obj keyword", errSyntax, num)
	}
	o, _, err := parse(f.b, j+3)
	return o, err
}

// dict resolves o (a dictionary or a reference to one).
func (f *file) dict(o object) (dict, error) {
	if r, ok := o.(ref); ok {
		var err error
		if o, err = f.object(r.num); err != nil {
			return nil, err
		}
	}
	d, ok := o.(dict)
	if !ok {
		return nil, fmt.Errorf("%w: want a dictionary, got %T", errSyntax, o)
	}
	return d, nil
}

// size is the trailer's /Size: the first free object number.
func (f *file) size() (int, error) {
	n, err := strconv.Atoi(string(asRaw(f.trailer.get("Size"))))
	if err != nil {
		return 0, fmt.Errorf("%w: the trailer has no /Size", errSyntax)
	}
	return n, nil
}
