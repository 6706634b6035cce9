package csvx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/mipack/mipack/recipes/didyoumean"
)

const (
	// bufferBytes is the size of the decoded-text buffer; it grows only for
	// a record that does not fit.
	bufferBytes = 256 << 10
	// recordFieldsFactor bounds a record at this many times MaxFieldBytes.
	recordFieldsFactor = 8
	// minRead is the least room, in bytes of input, fill reads into.
	minRead = 4096
	// maxEmptyReads is how many reads may return nothing before the source
	// is declared stuck.
	maxEmptyReads = 100
)

// needMore is what the record parsers return when the buffer ends before
// the record does.
const needMore = -1

// Reader reads the records of one extract, streaming, in a bounded amount of
// memory. It is safe for one goroutine.
//
// Text is decoded to UTF-8 as it is read, so fields are always UTF-8. The
// fields Read returns alias an internal buffer and are valid only until the
// next Read; copy what you keep.
type Reader struct {
	src  io.Reader
	name string
	d    Dialect

	table     *decodeTable // decodes a single-byte encoding; nil for UTF-8
	raw       []byte       // read buffer for a single-byte encoding
	checkUTF8 bool         // whether records must be checked for valid UTF-8
	validEnd  int          // buf[:validEnd] is known to be valid UTF-8

	buf   []byte // decoded text; buf[pos:end] is not yet parsed
	pos   int
	end   int
	eof   bool  // the source has no more bytes
	nread int64 // raw bytes read from the source

	eol   byte // '\n', or '\r' for a file with old Mac line ends
	delim byte

	header []string
	fields [][]byte
	starts []int  // where each field of the last record starts, from recPos
	rec    []byte // unescaped text of quoted fields that held ""
	recPos int    // where the last record starts in buf
	line   int    // physical line where the last record starts
	next   int    // physical line where the next record starts
	skip   bool   // skip the rest of the physical line before the next record
	err    error  // a fault after which nothing more is read
}

// NewReader reads an extract's header from r, resolving the dialect: its
// encoding, line ends and delimiter. name names the extract in errors.
//
// Faults in the extract, such as an empty file, are a *ParseError; a dialect
// that cannot be used is a plain error.
func NewReader(r io.Reader, name string, d Dialect) (*Reader, error) {
	d, err := d.resolve()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rd := &Reader{src: r, name: name, d: d, line: 1, next: 1}
	if err := rd.start(); err != nil {
		return nil, err
	}
	return rd, nil
}

// start reads the first bytes, settles the encoding and line ends, skips
// the preamble, sniffs the delimiter and reads the header.
func (r *Reader) start() error {
	sample := make([]byte, sniffBytes)
	n, err := r.readFull(sample)
	if err != nil {
		return err
	}
	sample = sample[:n]
	if utf16BOM(sample) {
		return &ParseError{File: r.name, Err: Detail(ErrEncoding, "the file is UTF-16; save it as UTF-8 or Windows-1252")}
	}
	if r.d.Encoding == "" {
		r.d.Encoding = sniffEncoding(sample, r.eof)
	}
	size := bufferBytes
	if r.eof {
		size = 3*len(sample) + 3 // the whole extract, decoded
	}
	r.buf = make([]byte, size)
	switch r.d.Encoding {
	case UTF8:
		r.checkUTF8 = true
		r.end = copy(r.buf, sample)
		if bytes.HasPrefix(r.buf[:r.end], bom) {
			r.pos = len(bom)
		}
	case Windows1252:
		r.table = newDecodeTable(charmap.Windows1252)
	case ISO88591:
		r.table = newDecodeTable(charmap.ISO8859_1)
	}
	if r.table != nil {
		r.raw = sample[:cap(sample)]
		r.end = r.table.decode(r.buf, sample)
	}
	if r.checkUTF8 {
		r.validate()
	}
	r.eol = r.sniffEOL()
	for r.next < r.d.HeaderLine {
		ok, err := r.skipLine()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
	}
	if r.d.Delimiter == 0 {
		line, err := r.peekLine()
		if err != nil {
			return err
		}
		r.d.Delimiter = sniffDelimiter(line)
	}
	r.delim = r.d.Delimiter
	fields, err := r.Read()
	if err == io.EOF {
		what := "the file is empty"
		if r.d.HeaderLine > 1 {
			what = fmt.Sprintf("the file ends before line %d", r.d.HeaderLine)
		}
		return &ParseError{File: r.name, Err: Detail(ErrNoHeader, "no header line: "+what)}
	}
	if err != nil {
		return err
	}
	r.header = make([]string, len(fields))
	for i, f := range fields {
		r.header[i] = strings.TrimSpace(strings.TrimPrefix(string(f), "\uFEFF"))
	}
	r.d.HeaderLine = r.line
	return nil
}

// readFull reads from the source until p is full or the source ends.
func (r *Reader) readFull(p []byte) (int, error) {
	n, empty := 0, 0
	for n < len(p) && !r.eof {
		m, err := r.src.Read(p[n:])
		n += m
		r.nread += int64(m)
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			return n, err
		case m == 0:
			empty++
			if empty > maxEmptyReads {
				return n, io.ErrNoProgress
			}
		}
	}
	return n, nil
}

// sniffEOL returns '\r' when the first line ends with a lone carriage
// return (an old Mac file) and '\n' otherwise.
func (r *Reader) sniffEOL() byte {
	b := r.buf[r.pos:r.end]
	i := bytes.IndexAny(b, "\r\n")
	if i >= 0 && b[i] == '\r' && i+1 < len(b) && b[i+1] != '\n' {
		return '\r'
	}
	return '\n'
}

// peekLine returns the next physical line that is not blank, without
// consuming anything.
func (r *Reader) peekLine() ([]byte, error) {
	for {
		b := r.buf[r.pos:r.end]
		for len(b) > 0 {
			i := bytes.IndexByte(b, r.eol)
			if i < 0 {
				break
			}
			if line := bytes.TrimSuffix(b[:i], []byte{'\r'}); len(line) > 0 {
				return line, nil
			}
			b = b[i+1:]
		}
		if r.eof || r.end-r.pos >= r.d.MaxFieldBytes {
			return b, nil
		}
		if err := r.fill(); err != nil {
			return nil, err
		}
	}
}

// skipLine consumes the rest of the current physical line. It reports false
// at the end of the input.
func (r *Reader) skipLine() (bool, error) {
	for {
		b := r.buf[r.pos:r.end]
		if i := bytes.IndexByte(b, r.eol); i >= 0 {
			r.pos += i + 1
			r.next++
			return true, nil
		}
		r.pos = r.end
		if r.eof {
			return false, nil
		}
		if err := r.fill(); err != nil {
			return false, err
		}
	}
}

// fill reads more of the source into the buffer, keeping buf[pos:end]: as
// much as fits, so that a long record is parsed again only after the buffer
// doubles. The buffer grows when buf[pos:end] leaves too little room.
func (r *Reader) fill() error {
	if r.pos > 0 {
		r.end = copy(r.buf, r.buf[r.pos:r.end])
		r.validEnd = max(0, r.validEnd-r.pos)
		r.pos = 0
	}
	if r.checkUTF8 {
		defer r.validate()
	}
	perByte := 1
	if r.table != nil {
		perByte = 3
	}
	if len(r.buf)-r.end < perByte*minRead {
		grown := make([]byte, 2*len(r.buf))
		copy(grown, r.buf[:r.end])
		r.buf = grown
	}
	for empty := 0; !r.eof && len(r.buf)-r.end >= perByte; {
		var n int
		var err error
		if r.table == nil {
			n, err = r.src.Read(r.buf[r.end:])
			r.end += n
		} else {
			room := min(len(r.raw), (len(r.buf)-r.end)/3)
			n, err = r.src.Read(r.raw[:room])
			r.end += r.table.decode(r.buf[r.end:], r.raw[:n])
		}
		r.nread += int64(n)
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			return err
		case n == 0:
			empty++
			if empty > maxEmptyReads {
				return io.ErrNoProgress
			}
		}
	}
	return nil
}

// Dialect returns the dialect as resolved: the delimiter and encoding found
// by sniffing, the line the header was found on, and the field limit.
func (r *Reader) Dialect() Dialect { return r.d }

// Header returns the header's names as written, without a byte-order mark
// or surrounding spaces. Duplicate names are kept; see Index.
func (r *Reader) Header() []string { return r.header }

// Index returns the position of the header column called name. A name the
// header lacks is an error wrapping ErrNoColumn that suggests the closest
// name; one the header holds more than once wraps ErrAmbiguousColumn.
func (r *Reader) Index(name string) (int, error) {
	name = strings.TrimSpace(name)
	var at []string
	found := -1
	for i, h := range r.header {
		if h == name {
			found = i
			at = append(at, strconv.Itoa(i+1))
		}
	}
	switch {
	case len(at) > 1:
		return -1, fmt.Errorf("%w: %q is the name of columns %s of %s", ErrAmbiguousColumn, name, strings.Join(at, ", "), r.name)
	case found < 0:
		return -1, fmt.Errorf("%w: %s has no column %q%s", ErrNoColumn, r.name, name, didyoumean.Hint(name, r.header))
	}
	return found, nil
}

// Line returns the physical line (1-based) where the last record read
// starts, or where the fault Read last returned was found.
func (r *Reader) Line() int { return r.line }

// BytesRead returns how many bytes have been read from the source so far.
// It runs ahead of the records returned by up to the buffer's size (256 KiB),
// which is close enough for a progress bar.
func (r *Reader) BytesRead() int64 { return r.nread }

// FieldPos returns the physical line and the 1-based column, in characters
// of the decoded line, where field i of the last record starts (at its
// opening quote when quoted). For an i out of range it returns the start of
// the record. Columns are counted only when asked for, so reading stays fast.
func (r *Reader) FieldPos(i int) (line, col int) {
	if i < 0 || i >= len(r.starts) {
		return r.line, 1
	}
	return r.posAt(r.buf[r.recPos:], r.starts[i])
}

// posAt returns the physical line and column of offset p in rec, the text
// of the record starting on line r.line.
func (r *Reader) posAt(rec []byte, p int) (line, col int) {
	before := rec[:p]
	line = r.line + bytes.Count(before, []byte{r.eol})
	lineStart := bytes.LastIndexByte(before, r.eol) + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// Read returns the next record, or io.EOF after the last one. Blank lines
// are skipped. The fields alias an internal buffer and are valid only until
// the next Read.
//
// A fault in the record is a *ParseError; reading may go on after it, at the
// next physical line (after a quote fault) or record, except after
// ErrFieldTooLong or an I/O error, which every later Read returns again.
func (r *Reader) Read() ([][]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	for {
		if r.skip {
			if _, err := r.skipLine(); err != nil {
				r.err = err
				return nil, err
			}
			r.skip = false
		}
		b := r.buf[r.pos:r.end]
		if len(b) == 0 || b[0] == r.eol || b[0] == '\r' {
			blank, n := r.blankLine(b)
			if n == needMore {
				if err := r.more(b); err != nil {
					return nil, err
				}
				continue
			}
			if blank {
				if n == 0 {
					return nil, io.EOF
				}
				r.pos += n
				r.next++
				continue
			}
		}
		n, lines, err := r.parseFast(b)
		if n == needMore {
			if err := r.more(b); err != nil {
				return nil, err
			}
			continue
		}
		r.recPos = r.pos
		r.line = r.next
		if err != nil {
			return nil, r.fault(b, err)
		}
		r.pos += n
		r.next += lines
		if r.checkUTF8 && r.pos > r.validEnd {
			// The record reaches past the text known to be valid.
			err := r.checkText(b[:n])
			r.validEnd = r.pos
			r.validate()
			if err != nil {
				return nil, err
			}
		}
		if r.header != nil && len(r.fields) != len(r.header) {
			return nil, r.fieldCount()
		}
		return r.fields, nil
	}
}

// Record returns the fields of the last record read, also when Read
// reported it as having the wrong number of fields (ErrFieldCount), so a
// caller can look at a ragged record, such as a totals row, before
// refusing it. Like Read's, they are valid only until the next Read.
func (r *Reader) Record() [][]byte { return r.fields }

// blankLine looks at b, which starts with a line end or is empty, and
// reports whether it is a blank line and how many bytes that line takes; 0
// bytes means the end of the input, and needMore that more input is needed.
func (r *Reader) blankLine(b []byte) (blank bool, n int) {
	switch {
	case len(b) == 0:
		if r.eof {
			return true, 0
		}
		return false, needMore
	case b[0] == r.eol:
		return true, 1
	case len(b) == 1: // a lone '\r' in a '\n' file
		if !r.eof {
			return false, needMore
		}
		return true, 1 // a final '\r' before the end is dropped
	case b[1] == '\n':
		return true, 2
	}
	return false, 0
}

// more makes room for and reads more input when the unparsed text b holds
// no whole record, checking first that the record stays within bounds.
func (r *Reader) more(b []byte) error {
	if r.eof {
		// Cannot happen: the parsers finish every record at the end of input.
		r.err = errors.New("csvx: record parser wants input after the end")
		return r.err
	}
	if len(b) > r.d.MaxFieldBytes {
		// Other faults in the partial record are found when it is whole.
		if _, _, err := r.parseQuoted(b, true); err != nil && errors.Is(err, ErrFieldTooLong) {
			r.line = r.next
			r.recPos = r.pos
			r.err = r.fault(b, err)
			return r.err
		}
		if len(b) > recordFieldsFactor*r.d.MaxFieldBytes {
			r.line = r.next
			r.recPos = r.pos
			r.err = &ParseError{File: r.name, Line: r.line, Column: 1,
				Err: Detail(ErrFieldTooLong, fmt.Sprintf("record longer than %d bytes", recordFieldsFactor*r.d.MaxFieldBytes))}
			return r.err
		}
	}
	if err := r.fill(); err != nil {
		r.err = err
		return err
	}
	return nil
}

// fieldError is a fault found while splitting a record: at an offset from
// the record's start, in a field.
type fieldError struct {
	at    int
	field int
	err   error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// tooLong is the error for a field past the limit.
func (r *Reader) tooLong() error {
	return Detail(ErrFieldTooLong, fmt.Sprintf("field longer than %d bytes (is a quote left open?)", r.d.MaxFieldBytes))
}

// fault places a fault found while splitting the record that starts b, and
// arranges for reading to go on at the next physical line.
func (r *Reader) fault(b []byte, err error) error {
	fe, ok := err.(*fieldError)
	if !ok {
		r.err = err
		return err
	}
	line, col := r.posAt(b, fe.at)
	pe := &ParseError{File: r.name, Line: line, Column: col, Field: r.fieldName(fe.field), Err: fe.err}
	if errors.Is(fe.err, ErrFieldTooLong) {
		r.err = pe
		return pe
	}
	// Go on after the physical line the fault is on: the likeliest place
	// for the next good record, even after a quote that is never closed.
	r.pos += fe.at
	r.next = line
	r.skip = true
	return pe
}

// fieldName returns the header name of field i, or "" while reading the
// header or past its end.
func (r *Reader) fieldName(i int) string {
	if i < len(r.header) {
		return r.header[i]
	}
	return ""
}

// validate moves validEnd over the valid UTF-8 that follows it in the
// buffer, up to the first invalid byte or a character the buffer ends
// inside of (the next fill completes it). Checking the buffer in bulk keeps
// the per-record check to records that hold, or may hold, a fault.
func (r *Reader) validate() {
	r.validEnd += validPrefix(r.buf[r.validEnd:r.end])
}

// checkText reports invalid UTF-8 in the record rec.
func (r *Reader) checkText(rec []byte) error {
	at := validPrefix(rec)
	if at == len(rec) {
		return nil
	}
	field := 0
	for field+1 < len(r.starts) && r.starts[field+1] <= at {
		field++
	}
	line, col := r.posAt(rec, at)
	return &ParseError{File: r.name, Line: line, Column: col, Field: r.fieldName(field),
		Err: Detail(ErrInvalidUTF8, fmt.Sprintf("byte 0x%02X is not UTF-8. Try: encoding: windows-1252", rec[at]))}
}

// fieldCount is the fault of a record with the wrong number of fields.
func (r *Reader) fieldCount() error {
	got, want := len(r.fields), len(r.header)
	col, field := 1, ""
	if got > want {
		_, col = r.FieldPos(want)
	}
	return &ParseError{File: r.name, Line: r.line, Column: col, Field: field,
		Err: Detail(ErrFieldCount, fmt.Sprintf("%d fields, header has %d", got, want))}
}
