package engine

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/csvx/typed"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
	"github.com/mipack/mipack/recipes/xlsx"
)

// Reads are what a run found reading its sources, by source: the result
// of the reading step, which every later step (refine, drafting, decimals,
// footnotes, provenance) takes.
type Reads map[*SourcePlan]*SourceStats

// SourceStats is what reading a source found: for provenance and the
// automatic reservation on skipped rows.
type SourceStats struct {
	sha256      string
	bytes       int64
	rowsRead    int64
	rowsSkipped int64
	// readWithheld is set when disclosure control withholds the number
	// of rows read: with the pack's other figures it would give a
	// withheld figure away.
	readWithheld bool
	// firstSkip is where the first row skipped as bad is: never its
	// value, which may be a citizen's name or CPR number.
	firstSkip badPlace
	// bad holds the faults of the first rows skipped, when the source
	// lists them (CheckRows).
	bad []error
	// Decimals is the most decimals written in each number column.
	Decimals []int
	// ended says where end_before ended the table; hidden counts the
	// hidden rows of a workbook's sheet that were read.
	ended   ending
	hidden  int64
	dialect csvx.Dialect
	// texts caches each column's typed values by text while the column has
	// few of them (sections, statuses, providers), so that repeated values
	// are parsed and allocated once, not once a row; days caches each date
	// column's values by day.
	texts []typed.Texts
	days  []*typed.Days
	// keys gives the values of a keyed column (see colPlan.keyed) their
	// ids once the column no longer caches; nil for other columns. Its ids
	// follow the cached ones (maxInterned + 1, + 2, ...), so a value's id
	// is never another value's.
	keys []*textIDs
}

// badPlace names a bad cell or row by its place and its column alone.
type badPlace struct {
	place string // file:line:column, or file:Sheet!G17
	field string // the column's header text; "" for a whole row
}

// MaxInterned is how many distinct texts a column may have and still have
// its typed values cached (typed.MaxTexts); a column of ids or amounts
// stops caching when it passes this.
const MaxInterned = typed.MaxTexts

// checkEvery is how many rows pass between checks of the context.
const checkEvery = 4096

// ProgressFunc is told, now and then, how many bytes of a source were read.
type ProgressFunc func(source string, read, size int64)

// batchRows is how many rows the reading goroutine hands over at a time.
const batchRows = 1024

// batchTexts is the most spilled text a batch holds before it is handed
// over with fewer rows: it bounds a batch's memory when fields are long,
// and keeps offsets in texts far below 2³².
const batchTexts = 1 << 20

// batch is a run of typed rows passed from the goroutine that reads and
// types an extract to the goroutine that runs the sections over it.
type batch struct {
	values []any    // len(cols) values a row, rows back to back
	ids    []uint32 // their ids (see SourceStats.texts), 0 for none
	lines  []int
	// texts holds, back to back, the texts of cells left for the
	// receiving goroutine to make strings of (see spill); spills says
	// which cell each is for.
	texts  []byte
	spills []spill
	err    error // a fault that ends the scan, after the rows before it
}

// spill is a text cell whose string is made on the goroutine that folds
// the batch rather than the one that reads it: a column of ids or names too
// many to cache allocates a string a row, and reading is the busier side.
type spill struct {
	cell uint32 // index in values
	end  uint32 // end of its text in texts; it starts where the last ended
}

// unspill makes the strings of the spilled cells.
func (b *batch) unspill() {
	start := uint32(0)
	for _, s := range b.spills {
		b.values[s.cell] = string(b.texts[start:s.end])
		start = s.end
	}
}

// reset empties b for reuse.
func (b *batch) reset() {
	b.values, b.ids, b.lines, b.texts, b.spills, b.err = b.values[:0], b.ids[:0], b.lines[:0], b.texts[:0], b.spills[:0], nil
}

// scan streams a source's rows, typed per the recipe's columns, to fn, in
// file order. Reading and typing run on one goroutine and fn on the
// caller's, so the two use both cores; batches are recycled, so fn must
// copy what it keeps. Rows that fail to read stop the scan with a
// *csvx.ParseError, or are counted and left out when the source says
// `on_error: skip`.
func scan(ctx context.Context, sp *SourcePlan, progress ProgressFunc, fn func(row []any, ids []uint32, line int) error) (*SourceStats, error) {
	f, err := OpenExtract(sp.FS, sp.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	before, err := f.Stat()
	if err == nil {
		size = before.Size()
	}
	h := newHasher()
	defer h.close()
	counted := &countingReader{r: f, h: h}
	var rd extractReader
	var wb *xlsx.Reader
	dialect := sp.Dialect
	if sp.Workbook {
		// A workbook is read through its zip directory, not front to back,
		// so its sha256 is taken first, from the bytes on disk.
		if _, err := io.Copy(io.Discard, counted); err != nil {
			return nil, err
		}
		if wb, err = OpenWorkbook(sp); err != nil {
			return nil, err
		}
		defer wb.Close()
		rd = wb
	} else {
		crd, err := csvx.NewReader(bufio.NewReaderSize(counted, 1<<16), DisplayName(sp.Path), sp.Dialect)
		if err != nil {
			return nil, err
		}
		dialect = crd.Dialect()
		rd = crd
	}
	n := len(sp.Cols)
	st := &SourceStats{Decimals: make([]int, n), dialect: dialect, texts: make([]typed.Texts, n), days: make([]*typed.Days, n), keys: make([]*textIDs, n)}
	for i, c := range sp.Cols {
		if c.Keyed {
			st.keys[i] = NewTextIDs()
		}
		if c.Typ == expr.TDate {
			st.days[i] = &typed.Days{}
		} else {
			st.texts[i] = typed.NewTexts()
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	full := make(chan *batch, 4)
	empty := make(chan *batch, 8)
	go func() {
		defer close(full)
		r := &sourceReader{sp: sp, st: st, rd: rd, wb: wb, counted: counted, size: size, progress: progress}
		send := func(b *batch) bool {
			r.key(b)
			select {
			case full <- b:
				return true
			case <-ctx.Done():
				return false
			}
		}
		if b := r.readBatches(ctx, empty, send); b != nil {
			send(b)
		}
	}()
	width := len(sp.Cols)
	var failed error
	for b := range full {
		if failed != nil {
			continue // drain, so the reading goroutine can end
		}
		b.unspill()
		for i, line := range b.lines {
			if err := fn(b.values[i*width:(i+1)*width:(i+1)*width], b.ids[i*width:(i+1)*width:(i+1)*width], line); err != nil {
				failed = err
				cancel()
				break
			}
		}
		if failed == nil && b.err != nil {
			failed = b.err
		}
		select {
		case empty <- b:
		default:
		}
	}
	if failed != nil {
		return nil, failed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := unchanged(sp.FS, sp.Path, before, counted.n); err != nil {
		return nil, err
	}
	st.sha256 = h.sum()
	st.bytes = counted.n
	return st, nil
}

// unchanged reports an extract that was written to, truncated or replaced
// while it was read: the file at path is no longer the file that was opened,
// its size or modification time moved, or more or fewer bytes were read than
// it held when reading began. Figures from such a read mix two versions of
// the extract, and its sha256 names neither. In an fs.FS (fsys not nil)
// a file is not known to be another by its identity, only by its size and
// time.
func unchanged(fsys fs.FS, path string, before fs.FileInfo, read int64) error {
	if before == nil {
		return nil
	}
	after, err := statExtract(fsys, path)
	if err != nil {
		return &csvx.ParseError{File: DisplayName(path), Err: fmt.Errorf("%w: it was removed or renamed", fault.ErrExtractChanged)}
	}
	if fsys == nil && !os.SameFile(before, after) || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) || read != before.Size() {
		return &csvx.ParseError{File: DisplayName(path), Err: fmt.Errorf("%w: %d bytes when reading began, %d bytes read, %d bytes now",
			fault.ErrExtractChanged, before.Size(), read, after.Size())}
	}
	return nil
}

// sourceReader is one source being read, on the goroutine that reads and
// types its rows (see scan): where the records come from, and what
// reading them finds.
type sourceReader struct {
	sp *SourcePlan
	st *SourceStats // what reading finds, filled as rows are read
	rd extractReader
	wb *xlsx.Reader // the workbook rd reads, or nil for a CSV file
	// counted is every byte read from the extract, hashed as it goes.
	counted *countingReader
	// size is the extract's size when reading began (0 unknown), and
	// progress, when set, is told how far reading has come.
	size     int64
	progress ProgressFunc
}

// readBatches reads and types every row into batches, taken from empty
// when one is free, and hands them over with send; it returns a last
// batch holding a fault, or nil at the end.
func (r *sourceReader) readBatches(ctx context.Context, empty <-chan *batch, send func(*batch) bool) *batch {
	sp, st, rd, wb, counted := r.sp, r.st, r.rd, r.wb, r.counted
	width := len(sp.Cols)
	var ends *tableEnd
	if sp.EndBefore != nil {
		ends = &tableEnd{row: make([]any, width), env: map[string]any{}}
		if sp.EndFast != nil {
			ends.fast = sp.EndFast()
		}
	}
	next := func() *batch {
		select {
		case b := <-empty:
			b.reset()
			return b
		default:
			return &batch{values: make([]any, 0, batchRows*width), ids: make([]uint32, 0, batchRows*width), lines: make([]int, 0, batchRows)}
		}
	}
	b := next()
	for n := 0; ; n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				b.err = err
				return b
			}
			if r.progress != nil {
				r.progress(sp.Name, counted.n, r.size)
			}
		}
		fields, err := rd.Read()
		if err == io.EOF {
			break
		}
		if ends != nil && ends.at(r, fields, err) {
			st.hidden = hiddenRows(wb)
			if err := finishTable(rd, &st.ended); err != nil {
				b.err = err
				return b
			}
			break
		}
		if err == nil {
			// Typed straight into the batch: copying a row of interfaces
			// in costs a write barrier per value while the GC marks.
			at, texts, spills := len(b.values), len(b.texts), len(b.spills)
			b.values, b.ids = b.values[:at+width], b.ids[:at+width]
			err = r.typeRow(fields, b, at)
			if err != nil {
				clear(b.values[at:])
				b.values, b.ids = b.values[:at], b.ids[:at]
				b.texts, b.spills = b.texts[:texts], b.spills[:spills]
			}
		}
		if err != nil {
			var pe *csvx.ParseError
			if !sp.SkipBad || !errors.As(err, &pe) || fatalParse(pe) {
				b.err = err
				return b
			}
			st.rowsSkipped++
			if len(st.bad) < sp.listBad {
				st.bad = append(st.bad, err)
			}
			if st.firstSkip.place == "" {
				at := *pe
				at.File = filepath.Base(pe.File)
				st.firstSkip = badPlace{place: at.Place(), field: pe.Field}
			}
			continue
		}
		st.rowsRead++
		b.lines = append(b.lines, rd.Line())
		if len(b.lines) == batchRows || len(b.texts) >= batchTexts {
			if !send(b) {
				return nil
			}
			b = next()
		}
	}
	if st.ended.line == 0 {
		st.hidden = hiddenRows(wb)
	}
	if _, err := io.Copy(io.Discard, counted); err != nil {
		b.err = err
		return b
	}
	if r.progress != nil {
		r.progress(sp.Name, counted.n, r.size)
	}
	if len(b.lines) > 0 {
		return b
	}
	return nil
}

// fatalParse reports a fault after which no further row can be trusted,
// even when bad rows are skipped.
func fatalParse(pe *csvx.ParseError) bool {
	return errors.Is(pe, csvx.ErrFieldTooLong)
}

// typeRow parses the recipe's columns of one record into the batch's row
// that starts at value at, with their ids. The text of a column that no
// longer caches is spilled: its string is made on the receiving side.
func (r *sourceReader) typeRow(fields [][]byte, b *batch, at int) error {
	sp, st, wb := r.sp, r.st, r.wb
	row, ids := b.values[at:at+len(sp.Cols)], b.ids[at:at+len(sp.Cols)]
	var kinds []xlsx.Kind
	if wb != nil {
		kinds = wb.Kinds()
	}
	for i := range sp.Cols {
		c := &sp.Cols[i]
		text := fields[c.Index]
		if c.Unread || sp.isNull(text) {
			row[i], ids[i] = nil, 0
			continue
		}
		if kinds != nil && kinds[c.Index] != xlsx.Text {
			// Stored by Excel as a number, date or truth value: typed from
			// what is stored, never cached with texts that look alike.
			v, dec, err := typeCell(wb, sp, st, i, text, kinds[c.Index])
			if err != nil {
				return r.cellError(c, err)
			}
			if t, ok := v.(time.Time); ok && c.Typ == expr.TDate {
				row[i], ids[i] = st.days[i].Box(t)
				continue
			}
			st.Decimals[i] = max(st.Decimals[i], dec)
			row[i], ids[i] = v, 0
			continue
		}
		if c.Typ == expr.TDate {
			v, id, err := st.days[i].Parse(text, c.Layouts)
			if err != nil {
				return r.cellError(c, err)
			}
			row[i], ids[i] = v, id
			continue
		}
		if e, ok := st.texts[i].Get(text); ok {
			row[i], ids[i] = e.V, e.ID
			continue
		}
		if c.Typ == expr.TString && !st.texts[i].Caching() {
			text = bytes.TrimSpace(text)
			b.texts = append(b.texts, text...)
			b.spills = append(b.spills, spill{cell: uint32(at + i), end: uint32(len(b.texts))})
			row[i], ids[i] = nil, 0 // a keyed column's id comes in key
			continue
		}
		v, dec, err := parseText(c, text, sp.Decimal)
		if err != nil {
			return r.cellError(c, err)
		}
		if dec > st.Decimals[i] {
			st.Decimals[i] = dec
		}
		ids[i] = st.texts[i].Put(text, v)
		row[i] = v
	}
	return nil
}

// key gives the spilled cells of keyed columns their ids, the batch's
// cells together in one loop rather than each as its row is typed: a
// dictionary of a hundred thousand citizens lies mostly outside the
// cache, and lookups one after another can wait for memory together,
// where lookups between rows wait one at a time.
func (r *sourceReader) key(b *batch) {
	width := uint32(len(r.sp.Cols))
	start := uint32(0)
	for _, s := range b.spills {
		if k := r.st.keys[s.cell%width]; k != nil {
			b.ids[s.cell] = MaxInterned + k.idBytes(b.texts[start:s.end])
		}
		start = s.end
	}
}

// cellError places a value that cannot be read as its column's type: at
// file:line:column in a CSV file, at file:Sheet!G17 in a workbook.
func (r *sourceReader) cellError(c *ColPlan, err error) error {
	line, col := r.rd.FieldPos(c.Index)
	pe := &csvx.ParseError{File: DisplayName(r.sp.Path), Line: line, Column: col, Field: c.Header, Err: err}
	if r.wb != nil {
		pe.Sheet = r.wb.Sheet()
	}
	return pe
}

// tableEnd finds the record where a source's end_before first holds, for
// one read of the source.
type tableEnd struct {
	row []any
	env map[string]any
	// fast is end_before's fast form, made for this read (see
	// SourcePlan.EndFast), or nil.
	fast expr.Fast
}

// at reports whether the record just read ends the table: end_before holds
// on it, its cells typed one by one (a totals row seldom types as a row).
// A record with the wrong number of fields, as a totals row may have, is
// looked at too.
func (e *tableEnd) at(r *sourceReader, fields [][]byte, err error) bool {
	if err != nil {
		crd, ok := r.rd.(*csvx.Reader)
		if !ok || !errors.Is(err, csvx.ErrFieldCount) {
			return false
		}
		fields = crd.Record()
	}
	return r.sp.endsTableLoosely(e.fast, r.wb, r.st, fields, e.row, e.env)
}

// hiddenRows is how many rows read from a workbook were hidden.
func hiddenRows(wb *xlsx.Reader) int64 {
	if wb == nil {
		return 0
	}
	return wb.Hidden()
}

// countingReader counts the bytes read through it and hands them to a
// hasher.
type countingReader struct {
	r io.Reader
	h *hasher
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.h.write(p[:n])
	return n, err
}

// hasher computes an extract's sha256 on a goroutine of its own, from
// copies of the bytes in the order read: on the goroutine that reads and
// types rows, the hash would make it the slower of the two that share a
// scan. It holds at most hashBuffers reads at a time.
type hasher struct {
	h      hash.Hash
	in     chan []byte
	free   chan []byte
	done   chan struct{}
	closed bool
}

const hashBuffers = 8

func newHasher() *hasher {
	x := &hasher{h: sha256.New(), in: make(chan []byte, hashBuffers), free: make(chan []byte, hashBuffers), done: make(chan struct{})}
	for range hashBuffers {
		x.free <- nil
	}
	go func() {
		defer close(x.done)
		for b := range x.in {
			x.h.Write(b)
			x.free <- b
		}
	}()
	return x
}

// write hands over a copy of p, waiting while every buffer is in use; it
// may be called by one goroutine at a time.
func (x *hasher) write(p []byte) {
	if len(p) == 0 {
		return
	}
	buf := <-x.free
	x.in <- append(buf[:0], p...)
}

// close ends the hashing goroutine once it has hashed every write.
func (x *hasher) close() {
	if !x.closed {
		x.closed = true
		close(x.in)
		<-x.done
	}
}

// sum is the hex sha256 of every byte written.
func (x *hasher) sum() string {
	x.close()
	return hex.EncodeToString(x.h.Sum(nil))
}

// rowError places a fault found while running an expression on a row: at
// the expression in the recipe, naming the extract's row.
func rowError(recipe string, pos fault.Pos, path, extract string, line int, err error) error {
	return &fault.Error{File: recipe, Line: pos.Line, Col: pos.Col, Path: path,
		Err: fmt.Errorf("%w: %v (on the row at %s:%d)", fault.ErrExpression, err, extract, line)}
}
