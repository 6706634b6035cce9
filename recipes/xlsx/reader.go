package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mipack/mipack/recipes/csvx"
)

// Kind is what a cell holds.
type Kind uint8

// The kinds of cell Read returns.
const (
	// Empty is a cell with nothing in it, or no cell at all.
	Empty Kind = iota
	// Text is a text: shared, inline, or a formula's text result.
	Text
	// Number is a number, its text as Excel stores it ("1234.5", "1E-3").
	Number
	// Date is a number whose number format shows a date: an Excel serial
	// date, read with DateOf.
	Date
	// ISODate is a date stored as ISO 8601 text (a cell of type "d").
	ISODate
	// Bool is TRUE or FALSE, its text "1" or "0".
	Bool
	// Error is an Excel error value such as #DIV/0! or #N/A.
	Error
	// Uncalculated is a formula with no cached result.
	Uncalculated
)

// Defaults of Options.
const (
	// DefaultMaxUnpacked is the most bytes a workbook's parts may unpack
	// to, in all: 2 GiB.
	DefaultMaxUnpacked = 2 << 30
	// DefaultMaxStrings is the most bytes of text the workbook's shared
	// strings may hold: 256 MiB. They are kept in memory while the sheet is
	// read, in one block with 4 bytes of bookkeeping a string.
	DefaultMaxStrings = 256 << 20
)

// Sentinel errors inside the *csvx.ParseError values Open and Read return.
var (
	// ErrNotWorkbook means the file is not an .xlsx workbook: an .xls or
	// .xlsb workbook, a damaged file, or something else entirely.
	ErrNotWorkbook = errors.New("not an .xlsx workbook")
	// ErrEncrypted means the workbook is protected by a password.
	ErrEncrypted = errors.New("encrypted workbook")
	// ErrTooLarge means the workbook unpacks to more than MaxUnpacked.
	ErrTooLarge = errors.New("workbook too large")
	// ErrNoSheet means the workbook has no sheet of the name asked for.
	ErrNoSheet = errors.New("no such sheet")
	// ErrCell means a cell cannot be read: a formula without its result,
	// an Excel error value, a broken reference.
	ErrCell = errors.New("unreadable cell")
)

// Options say which table of a workbook to read. The zero value reads the
// first sheet with its header in row 1.
type Options struct {
	// Sheet is the sheet's name (compared ignoring case); "" is the first
	// sheet in workbook order, whichever sheet was active when saved.
	Sheet string
	// HeaderRow is the 1-based row of the header; 0 means 1. Empty rows at
	// HeaderRow are skipped, as a blank line is in a CSV file.
	HeaderRow int
	// MaxUnpacked is the most bytes the workbook's parts may unpack to;
	// 0 means DefaultMaxUnpacked.
	MaxUnpacked int64
	// MaxStrings is the most bytes of text the shared strings may hold;
	// 0 means DefaultMaxStrings.
	MaxStrings int64
}

// Reader reads the rows of one sheet. It holds the workbook's shared
// strings and one row at a time.
type Reader struct {
	name, sheet string
	sheets      []string // every sheet, in workbook order
	date1904    bool
	headerRow   int
	header      []string
	// cols maps a column number (1-based) to its field, or -1.
	cols []int
	// colOf is each field's column number.
	colOf []int

	file fs.File // the workbook, when opened by Open or OpenFile
	zr   *zip.Reader
	part io.ReadCloser
	dec  *xml.Decoder
	// sst holds the shared strings back to back; string i ends at
	// sstEnd[i] and starts where string i-1 ends.
	sst    []byte
	sstEnd []uint32
	// dateStyle says, by style index, whether the style shows a date; the
	// styles are few, so all are looked at once.
	dateStyle []bool

	row       int // the row of the last record read
	rowHidden bool
	fields    [][]byte
	kinds     []Kind
	buf       []byte
	cells     []cell
	hidden    int64
}

// Open opens the workbook at path (named name in messages), finds the
// sheet and reads up to its header.
func Open(path, name string, o Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &csvx.ParseError{File: name, Err: err}
	}
	return OpenFile(f, name, filepath.Ext(path), o)
}

// OpenFile is Open for a workbook already opened: an *os.File, or a file
// of an fs.FS such as fstest.MapFS. ext is its file name's extension
// (".xlsx"). A workbook is read at offsets, so f must be an io.ReaderAt.
// The Reader closes f; so does OpenFile when it fails.
func OpenFile(f fs.File, name, ext string, o Options) (*Reader, error) {
	ra, ok := f.(io.ReaderAt)
	if !ok {
		f.Close()
		return nil, &csvx.ParseError{File: name, Err: fmt.Errorf("%w: its file cannot be read at an offset, as a workbook is read", ErrNotWorkbook)}
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &csvx.ParseError{File: name, Err: err}
	}
	r, err := open(ra, info.Size(), name, ext, o)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.file = f
	return r, nil
}

// open reads a workbook of size bytes from ra; ext is its file name's
// extension, which tells an .xls from an encrypted .xlsx.
func open(ra io.ReaderAt, size int64, name, ext string, o Options) (*Reader, error) {
	if o.MaxUnpacked <= 0 {
		o.MaxUnpacked = DefaultMaxUnpacked
	}
	if o.MaxStrings <= 0 {
		o.MaxStrings = DefaultMaxStrings
	}
	o.MaxStrings = min(o.MaxStrings, math.MaxUint32) // offsets are 32-bit
	if o.HeaderRow <= 0 && o.HeaderRow != headless {
		o.HeaderRow = 1
	}
	if err := checkFormat(ra, name, ext); err != nil {
		return nil, err
	}
	fault := func(sentinel error, format string, args ...any) error {
		return &csvx.ParseError{File: name, Err: fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))}
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, fault(ErrNotWorkbook, "it cannot be opened as an .xlsx workbook (%v); it may be damaged. Try: open it in Excel and save it again as .xlsx, or export it as CSV", err)
	}
	if unpackedSize(zr) > uint64(o.MaxUnpacked) {
		return nil, fault(ErrTooLarge, "its parts unpack to more than %d MiB; a workbook that size is more likely damaged or hostile than an extract. Try: export it as CSV", o.MaxUnpacked>>20)
	}
	b, err := readBook(zr)
	if err != nil {
		return nil, fault(ErrNotWorkbook, "%v; it may be damaged. Try: open it in Excel and save it again as .xlsx", err)
	}
	if len(b.sheets) == 0 {
		return nil, fault(ErrNoSheet, "the workbook has no sheets")
	}
	r := &Reader{name: name, headerRow: o.HeaderRow, date1904: b.date1904, zr: zr}
	sheet := b.sheets[0]
	if o.Sheet != "" {
		found := false
		for _, s := range b.sheets {
			if strings.EqualFold(s.name, strings.TrimSpace(o.Sheet)) {
				sheet, found = s, true
				break
			}
		}
		if !found {
			names := make([]string, len(b.sheets))
			for i, s := range b.sheets {
				names[i] = s.name
			}
			return nil, fault(ErrNoSheet, "the workbook has no sheet %q (its sheets: %s)", o.Sheet, quoted(names))
		}
	}
	r.sheet = sheet.name
	if r.dateStyle, err = readStyles(zr, b.stylesPart); err != nil {
		return nil, fault(ErrNotWorkbook, "%v; it may be damaged. Try: open it in Excel and save it again as .xlsx", err)
	}
	if err := r.readStrings(b.stringsPart, o.MaxStrings); err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, &csvx.ParseError{File: name, Err: err}
		}
		return nil, fault(ErrNotWorkbook, "its shared strings cannot be read (%v); it may be damaged", err)
	}
	zp := findPart(zr, sheet.part)
	if sheet.part == "" || zp == nil {
		return nil, fault(ErrNotWorkbook, "sheet %q has no data part %s; it may be damaged", r.sheet, sheet.part)
	}
	r.part, err = zp.Open()
	if err != nil {
		return nil, fault(ErrNotWorkbook, "%v", err)
	}
	r.dec = xml.NewDecoder(r.part)
	r.sheets = make([]string, len(b.sheets))
	for i, s := range b.sheets {
		r.sheets[i] = s.name
	}
	if o.HeaderRow == headless {
		return r, nil
	}
	if err := r.readHeader(); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// headless is the header row of a Reader opened by Head, which reads no
// header.
const headless = -1

// HeadRow is one row of a sheet's start, as Head returns it.
type HeadRow struct {
	// Row is the row's number.
	Row int
	// Kinds are the kinds of its cells from column A to its last filled
	// cell; a cell of blanks alone is Empty.
	Kinds []Kind
}

// Head reads up to n non-empty rows from the start of a sheet, header or
// not, for a caller that looks for where the table starts (a report puts
// a title and blank rows above it). It also returns the workbook's sheet
// names, in workbook order, and the sheet read. Rows wider than 1024
// columns are cut there.
func Head(path, name string, o Options, n int) (sheets []string, sheet string, rows []HeadRow, err error) {
	o.HeaderRow = headless
	r, err := Open(path, name, o)
	if err != nil {
		return nil, "", nil, err
	}
	defer r.Close()
	for len(rows) < n {
		row, cells, err := r.readRow()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", nil, err
		}
		var kinds []Kind
		for _, c := range cells {
			if c.kind == Empty || c.col > 1024 || len(bytes.TrimSpace(r.buf[c.start:c.end])) == 0 {
				continue
			}
			for len(kinds) < c.col {
				kinds = append(kinds, Empty)
			}
			kinds[c.col-1] = c.kind
		}
		if len(kinds) > 0 {
			rows = append(rows, HeadRow{Row: row, Kinds: kinds})
		}
	}
	return r.sheets, r.sheet, rows, nil
}

// checkFormat refuses, by their first bytes and name, the files that are
// not .xlsx workbooks: an .xls or an encrypted workbook (both OLE compound
// files), an .xlsb, anything that is not a zip archive.
func checkFormat(ra io.ReaderAt, name, ext string) error {
	head := make([]byte, 8)
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	ext = strings.ToLower(ext)
	fault := func(sentinel error, msg string) error {
		return &csvx.ParseError{File: name, Err: fmt.Errorf("%w: %s", sentinel, msg)}
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) && ext == ".xls":
		return fault(ErrNotWorkbook, "it is an Excel 97–2003 workbook (.xls), which is not read. Try: open it in Excel and save it as .xlsx, or export it as CSV")
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return fault(ErrEncrypted, "it is protected by a password, so it cannot be read. Try: save a copy without the password (File > Info > Protect Workbook), or export it as CSV")
	case ext == ".xlsb":
		return fault(ErrNotWorkbook, "it is a binary workbook (.xlsb), which is not read. Try: open it in Excel and save it as .xlsx, or export it as CSV")
	case !bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return fault(ErrNotWorkbook, "it is not a zip archive, as an .xlsx workbook is; it may be damaged, or a CSV or HTML file named .xlsx. Try: open it in Excel and save it as .xlsx")
	}
	return nil
}

// readStrings reads the shared strings table: each <si> as the text of its
// <t> elements, runs of rich text joined, phonetic guides left out. The
// texts are kept in one block, at most limit bytes of them.
func (r *Reader) readStrings(part string, limit int64) error {
	if part == "" {
		return nil
	}
	zp := findPart(r.zr, part)
	if zp == nil {
		return nil
	}
	rc, err := zp.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	depthRPh, inT := 0, false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "rPh":
				depthRPh++
			case "t":
				inT = depthRPh == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				r.sstEnd = append(r.sstEnd, uint32(len(r.sst)))
			case "rPh":
				depthRPh--
			case "t":
				inT = false
			}
		case xml.CharData:
			if !inT {
				continue
			}
			if int64(len(r.sst))+int64(len(t)) > limit {
				return fmt.Errorf("%w: its shared strings hold more than %d MiB of text, more than is read from one workbook. Try: export the sheet as CSV", ErrTooLarge, limit>>20)
			}
			r.sst = append(r.sst, t...)
		}
	}
}

// sharedString returns shared string i, or false when there is none.
func (r *Reader) sharedString(i int) ([]byte, bool) {
	if i < 0 || i >= len(r.sstEnd) {
		return nil, false
	}
	start := uint32(0)
	if i > 0 {
		start = r.sstEnd[i-1]
	}
	return r.sst[start:r.sstEnd[i]], true
}

// Close releases the workbook.
func (r *Reader) Close() error {
	var err error
	if r.part != nil {
		err = r.part.Close()
		r.part = nil
	}
	if r.file != nil {
		if e := r.file.Close(); err == nil {
			err = e
		}
		r.file = nil
	}
	return err
}

// Header returns the header's texts, one per column from A to the last
// filled header cell.
func (r *Reader) Header() []string { return r.header }

// Sheet returns the name of the sheet read.
func (r *Reader) Sheet() string { return r.sheet }

// HeaderRow returns the row the header was found in.
func (r *Reader) HeaderRow() int { return r.headerRow }

// Date1904 reports whether the workbook counts dates from 1904 (as old
// Mac workbooks do) rather than 1900.
func (r *Reader) Date1904() bool { return r.date1904 }

// Line returns the row of the last record read.
func (r *Reader) Line() int { return r.row }

// Kinds returns the kinds of the last record's fields.
func (r *Reader) Kinds() []Kind { return r.kinds }

// Hidden returns how many of the records read so far are in hidden rows.
func (r *Reader) Hidden() int64 { return r.hidden }

// FieldPos returns the row and column number of field i of the last
// record.
func (r *Reader) FieldPos(i int) (row, col int) {
	if i < 0 || i >= len(r.colOf) {
		return r.row, 0
	}
	return r.row, r.colOf[i]
}

// DateOf converts an Excel serial date, as a Date cell's text holds it, to
// a time in UTC, in the workbook's date system.
func (r *Reader) DateOf(text []byte) (time.Time, error) {
	v, err := strconv.ParseFloat(string(text), 64)
	if err != nil || v < 0 || v > 2958465 { // 9999-12-31
		return time.Time{}, fmt.Errorf("%q is not an Excel date", text)
	}
	t, err := excelize.ExcelDateToTime(v, r.date1904)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// readHeader reads up to the header row, skipping empty rows at it.
func (r *Reader) readHeader() error {
	for {
		row, cells, err := r.readRow()
		if err == io.EOF {
			return &csvx.ParseError{File: r.name, Sheet: r.sheet, Err: fmt.Errorf("%w: sheet %q has no header in row %d or below", csvx.ErrNoHeader, r.sheet, r.headerRow)}
		}
		if err != nil {
			return err
		}
		if row < r.headerRow || len(cells) == 0 {
			continue
		}
		last := 0
		for _, c := range cells {
			if c.kind != Empty && len(bytes.TrimSpace(r.buf[c.start:c.end])) > 0 {
				last = max(last, c.col)
			}
		}
		if last == 0 {
			continue
		}
		r.headerRow = row
		r.header = make([]string, last)
		for _, c := range cells {
			if c.col <= last && c.kind != Empty {
				r.header[c.col-1] = strings.TrimSpace(string(r.buf[c.start:c.end]))
			}
		}
		r.cols = make([]int, last+1)
		r.colOf = make([]int, last)
		for i := range r.cols {
			r.cols[i] = i - 1
		}
		for i := range r.colOf {
			r.colOf[i] = i + 1
		}
		r.fields = make([][]byte, last)
		r.kinds = make([]Kind, last)
		return nil
	}
}

// Read returns the next non-empty row's fields, one per header column, as
// slices valid until the next Read, and sets Kinds. It returns io.EOF after
// the last row.
func (r *Reader) Read() ([][]byte, error) {
	for {
		row, cells, err := r.readRow()
		if err != nil {
			return nil, err
		}
		filled := false
		for i := range r.fields {
			r.fields[i], r.kinds[i] = nil, Empty
		}
		r.row = row
		for _, c := range cells {
			if c.col >= len(r.cols) || c.kind == Empty {
				continue
			}
			i := r.cols[c.col]
			r.fields[i], r.kinds[i] = r.buf[c.start:c.end:c.end], c.kind
			filled = true
		}
		if filled {
			if r.rowHidden {
				r.hidden++
			}
			return r.fields, nil
		}
	}
}

// cell is one decoded cell of a row: its text is buf[start:end].
type cell struct {
	col        int
	kind       Kind
	start, end int
}

// readRow decodes the next <row> of the sheet: its number and cells, whose
// texts are in r.buf until the next call. It returns io.EOF after the last.
func (r *Reader) readRow() (int, []cell, error) {
	r.buf, r.cells = r.buf[:0], r.cells[:0]
	for {
		tok, err := r.dec.RawToken()
		if err == io.EOF {
			return 0, nil, io.EOF
		}
		if err != nil {
			return 0, nil, r.damaged(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				continue
			}
			n, hidden := r.row+1, false
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "r":
					if v, err := strconv.Atoi(a.Value); err == nil && v > 0 {
						n = v
					}
				case "hidden":
					hidden = a.Value == "1" || a.Value == "true"
				}
			}
			if n > maxRows {
				return 0, nil, r.damaged(fmt.Errorf("row %d is past Excel's last row", n))
			}
			r.row, r.rowHidden = n, hidden
			if err := r.readCells(); err != nil {
				return 0, nil, err
			}
			return n, r.cells, nil
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				return 0, nil, io.EOF
			}
		}
	}
}

// readCells decodes the cells of the row just started, up to </row>.
func (r *Reader) readCells() error {
	col := 0
	for {
		tok, err := r.dec.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return r.damaged(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				continue
			}
			c, err := r.readCell(t, col+1)
			if err != nil {
				return err
			}
			col = c.col
			r.cells = append(r.cells, c)
		case xml.EndElement:
			if t.Name.Local == "row" {
				return nil
			}
		}
	}
}

// readCell decodes one <c> element: its column, kind and text.
func (r *Reader) readCell(start xml.StartElement, col int) (cell, error) {
	var typ string
	style := 0
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "r":
			if c := cellColumn(a.Value); c > 0 {
				col = c
			}
		case "t":
			typ = a.Value
		case "s":
			style, _ = strconv.Atoi(a.Value)
		}
	}
	c := cell{col: col, start: len(r.buf)}
	hasV, hasF := false, false
	in := "" // the element whose text is being read: "v" or "t"
	depth := 0
	for {
		tok, err := r.dec.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return c, r.damaged(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "v":
				hasV, in = true, "v"
			case "f":
				hasF = true
			case "t":
				in = "t"
			case "rPh":
				in = "skip"
			}
		case xml.EndElement:
			if depth == 0 {
				c.end = len(r.buf)
				return r.settle(c, typ, style, hasV, hasF)
			}
			depth--
			if t.Name.Local == "v" || t.Name.Local == "t" || t.Name.Local == "rPh" {
				in = ""
			}
		case xml.CharData:
			if in == "v" || in == "t" {
				r.buf = append(r.buf, t...)
			}
		}
	}
}

// settle gives a decoded cell its kind from its type, style and contents.
func (r *Reader) settle(c cell, typ string, style int, hasV, hasF bool) (cell, error) {
	text := r.buf[c.start:c.end]
	switch typ {
	case "s":
		if !hasV {
			c.kind = Empty
			return c, nil
		}
		i, err := strconv.Atoi(string(bytes.TrimSpace(text)))
		str, ok := r.sharedString(i)
		r.buf = r.buf[:c.start]
		if err != nil || !ok {
			r.buf = fmt.Appendf(r.buf, "a reference to text %s, which the workbook lacks", text)
			c.kind = Error
		} else {
			r.buf = append(r.buf, str...)
			c.kind = Text
		}
		c.end = len(r.buf)
	case "inlineStr", "str":
		c.kind = Text
		if typ == "str" && !hasV && hasF {
			c.kind = Uncalculated
		}
	case "b":
		c.kind = Bool
	case "e":
		c.kind = Error
	case "d":
		c.kind = ISODate
	default:
		switch {
		case hasV && len(bytes.TrimSpace(text)) > 0:
			c.kind = Number
			if style >= 0 && style < len(r.dateStyle) && r.dateStyle[style] {
				c.kind = Date
			}
		case hasF:
			c.kind = Uncalculated
		}
	}
	if c.kind == Text && len(text) == 0 {
		c.kind = Empty
	}
	return c, nil
}

// damaged is the fault of a sheet whose XML cannot be read on.
func (r *Reader) damaged(err error) error {
	return &csvx.ParseError{File: r.name, Sheet: r.sheet, Line: r.row, Err: fmt.Errorf("%w: the sheet's data is damaged after row %d (%v). Try: open it in Excel and save it again as .xlsx", ErrNotWorkbook, r.row, err)}
}

// quoted lists names as "a", "b", "c".
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
