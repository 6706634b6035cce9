package csvx

import (
	"bytes"
	"errors"
)

// Chunk is a run of whole records of an extract, decoded to UTF-8, that
// Records reads on its own: so that several goroutines can parse one
// extract, each its own chunks.
type Chunk struct {
	// Text is the records' text, from the start of one record to the end of
	// another, line ends included.
	Text []byte
	// Line is the physical line Text starts on.
	Line int
}

// ErrNoChunk is what NextChunk returns when the text cannot be cut into
// chunks that start and end with records: the dialect allows quotes that do
// not pair up, the file has old Mac line ends, a fault was read, or no
// record ends within the longest record a Reader accepts. Read the extract
// with Read instead; it places the fault, if there is one.
var ErrNoChunk = errors.New("csvx: the extract cannot be cut into chunks")

// CanChunk reports whether NextChunk can cut this extract into chunks: its
// quotes always pair up (LazyQuotes is off), its lines end with "\n" and no
// fault has been read.
func (r *Reader) CanChunk() bool {
	return !r.d.LazyQuotes && r.eol == '\n' && r.err == nil && !r.skip && r.header != nil
}

// NextChunk returns the text of the next records, after those read so far,
// as a chunk of about size bytes: the text up to the last record end within
// the next size bytes, or the one record that is longer. It appends the
// text to dst[:0], which the caller may reuse once the chunk is parsed. At
// the end of the extract it returns a chunk with no text.
//
// A record ends at a line end after an even number of quotes: with strict
// quotes, every quote opens or closes a quoted field or is half of a "" in
// one, so the cut never falls inside a quoted field of a well-formed
// extract. A badly quoted one cuts wrongly from its first fault on, and
// reading the chunk that holds that fault finds it; so a reader of chunks
// that meets any fault should read the extract again with Read to place
// the first one. Where chunks end depends only on the text and size, not on
// how the source hands over its bytes.
//
// Chunks are not checked for valid UTF-8 here; Records checks its chunk.
// Read and NextChunk must not be mixed after the first NextChunk.
func (r *Reader) NextChunk(dst []byte, size int) (Chunk, error) {
	if !r.CanChunk() {
		return Chunk{}, ErrNoChunk
	}
	r.chunking = true
	if size < 1 {
		size = 1
	}
	if len(r.buf) < 2*size {
		grown := make([]byte, 2*size)
		r.end = copy(grown, r.buf[r.pos:r.end])
		r.buf, r.pos, r.validEnd = grown, 0, 0
	}
	limit := recordFieldsFactor * r.d.MaxFieldBytes
	for {
		b := r.buf[r.pos:r.end]
		if len(b) < size && !r.eof {
			if err := r.fill(); err != nil {
				r.err = err
				return Chunk{}, err
			}
			continue
		}
		cut := -1
		switch {
		case r.eof && len(b) <= size:
			cut = len(b)
		default:
			cut = lastRecordEnd(b[:size])
			if cut < 0 {
				cut = firstRecordEnd(b)
			}
		}
		if cut < 0 && r.eof {
			cut = len(b) // one last record, without a line end
		}
		if cut < 0 {
			if len(b) > limit {
				return Chunk{}, ErrNoChunk
			}
			if err := r.growAndFill(); err != nil {
				return Chunk{}, err
			}
			continue
		}
		c := Chunk{Text: append(dst[:0], b[:cut]...), Line: r.next}
		r.pos += cut
		r.next += bytes.Count(c.Text, []byte{'\n'})
		return c, nil
	}
}

// growAndFill doubles the buffer and reads more into it, for a record
// longer than the text buffered.
func (r *Reader) growAndFill() error {
	grown := make([]byte, 2*len(r.buf))
	r.end = copy(grown, r.buf[r.pos:r.end])
	r.buf, r.pos, r.validEnd = grown, 0, 0
	if err := r.fill(); err != nil {
		r.err = err
		return err
	}
	return nil
}

// lastRecordEnd returns the offset just past the last line end in b that
// follows an even number of quotes, or -1.
func lastRecordEnd(b []byte) int {
	quotes := bytes.Count(b, []byte{'"'})
	after := 0
	for end := len(b); ; {
		i := bytes.LastIndexByte(b[:end], '\n')
		if i < 0 {
			return -1
		}
		after += bytes.Count(b[i+1:end], []byte{'"'})
		if (quotes-after)%2 == 0 {
			return i + 1
		}
		end = i
	}
}

// firstRecordEnd returns the offset just past the first line end in b that
// follows an even number of quotes, or -1.
func firstRecordEnd(b []byte) int {
	quotes := 0
	for off := 0; ; {
		j := bytes.IndexByte(b[off:], '\n')
		if j < 0 {
			return -1
		}
		quotes += bytes.Count(b[off:off+j], []byte{'"'})
		off += j + 1
		if quotes%2 == 0 {
			return off
		}
	}
}

// Records returns a Reader of the records in c, a chunk of this Reader's
// extract, read with its dialect and header: lines and columns in faults
// are the extract's. It may run on a goroutine of its own.
func (r *Reader) Records(c Chunk) *Reader {
	return &Reader{
		name: r.name, d: r.d, checkUTF8: r.checkUTF8,
		buf: c.Text, end: len(c.Text), eof: true,
		eol: r.eol, delim: r.delim, header: r.header,
		line: c.Line, next: c.Line,
	}
}
