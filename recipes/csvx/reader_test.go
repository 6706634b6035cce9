package csvx

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite golden files")

// record is one result of Read, as a test sees it.
type record struct {
	Line   int
	Fields []string
	Err    error
}

// readAll reads every record of an extract through NewReader and Read.
func readAll(t *testing.T, r io.Reader, d Dialect) (*Reader, []record) {
	t.Helper()
	rd, err := NewReader(r, "t.csv", d)
	require.NoError(t, err, "NewReader")
	var got []record
	for {
		fields, err := rd.Read()
		if err == io.EOF {
			return rd, got
		}
		rec := record{Line: rd.Line(), Err: err}
		if err != nil {
			assert.Nil(t, fields, "line %d: Read returned fields with error %v", rd.Line(), err)
		}
		for _, f := range fields {
			rec.Fields = append(rec.Fields, string(f))
		}
		got = append(got, rec)
		if errors.Is(err, ErrFieldTooLong) {
			return rd, got // the reader stops here
		}
		require.LessOrEqual(t, len(got), 1_000_000, "Read does not reach the end")
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		d      Dialect
		header []string
		want   []record
	}{
		{
			name:   "simple",
			in:     "a,b,c\n1,2,3\n4,5,6\n",
			header: []string{"a", "b", "c"},
			want:   []record{{Line: 2, Fields: []string{"1", "2", "3"}}, {Line: 3, Fields: []string{"4", "5", "6"}}},
		},
		{
			name:   "no final newline",
			in:     "a,b\n1,2",
			header: []string{"a", "b"},
			want:   []record{{Line: 2, Fields: []string{"1", "2"}}},
		},
		{
			name:   "CRLF, final CR dropped",
			in:     "a,b\r\n1,2\r\n3,4\r",
			header: []string{"a", "b"},
			want:   []record{{Line: 2, Fields: []string{"1", "2"}}, {Line: 3, Fields: []string{"3", "4"}}},
		},
		{
			name:   "lone CR inside a LF line is data",
			in:     "a,b\n1\r2,3\n",
			header: []string{"a", "b"},
			want:   []record{{Line: 2, Fields: []string{"1\r2", "3"}}},
		},
		{
			name:   "old Mac line ends",
			in:     "a,b\r1,2\r\r3,4",
			header: []string{"a", "b"},
			want:   []record{{Line: 2, Fields: []string{"1", "2"}}, {Line: 4, Fields: []string{"3", "4"}}},
		},
		{
			name:   "blank lines skipped and counted",
			in:     "\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n",
			header: []string{"a", "b"},
			want:   []record{{Line: 5, Fields: []string{"1", "2"}}, {Line: 8, Fields: []string{"3", "4"}}},
		},
		{
			name:   "quoted delimiters, doubled quotes, empty quoted",
			in:     "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"\"\n",
			header: []string{"a", "b", "c"},
			want:   []record{{Line: 2, Fields: []string{"x,y", `say "hi"`, ""}}},
		},
		{
			name:   "quoted newlines keep line numbers physical",
			in:     "a,b\n\"1\n2\n3\",x\n4,\"5\r\n6\"\r\n7,8\n",
			header: []string{"a", "b"},
			want: []record{
				{Line: 2, Fields: []string{"1\n2\n3", "x"}},
				{Line: 5, Fields: []string{"4", "5\r\n6"}},
				{Line: 7, Fields: []string{"7", "8"}},
			},
		},
		{
			name:   "quoted field ends the input",
			in:     "a,b\n1,\"2\"",
			header: []string{"a", "b"},
			want:   []record{{Line: 2, Fields: []string{"1", "2"}}},
		},
		{
			name:   "empty cells",
			in:     "a,b,c\n,,\n1,,\n",
			header: []string{"a", "b", "c"},
			want:   []record{{Line: 2, Fields: []string{"", "", ""}}, {Line: 3, Fields: []string{"1", "", ""}}},
		},
		{
			name:   "header trimmed of BOM and spaces, duplicates kept",
			in:     "\uFEFF id , name,id\n1,2,3\n",
			header: []string{"id", "name", "id"},
			want:   []record{{Line: 2, Fields: []string{"1", "2", "3"}}},
		},
		{
			name:   "sniffed semicolon",
			in:     "a;b,c;d\n1;2,5;3\n",
			header: []string{"a", "b,c", "d"},
			want:   []record{{Line: 2, Fields: []string{"1", "2,5", "3"}}},
		},
		{
			name:   "sniffed tab",
			in:     "a\tb\tc\n1\t2\t3\n",
			header: []string{"a", "b", "c"},
			want:   []record{{Line: 2, Fields: []string{"1", "2", "3"}}},
		},
		{
			name:   "sniffed pipe",
			in:     "a|b\n1|2\n",
			header: []string{"a", "b"},
			want:   []record{{Line: 2, Fields: []string{"1", "2"}}},
		},
		{
			name:   "one column",
			in:     "a\n1\n\n2\n",
			header: []string{"a"},
			want:   []record{{Line: 2, Fields: []string{"1"}}, {Line: 4, Fields: []string{"2"}}},
		},
		{
			name:   "preamble skipped unread, quotes and all",
			in:     "Report \"x\nmade today\n\nid;v\n1;2\n",
			d:      Dialect{HeaderLine: 3},
			header: []string{"id", "v"},
			want:   []record{{Line: 5, Fields: []string{"1", "2"}}},
		},
		{
			name:   "explicit delimiter",
			in:     "a,b;c\n1,2;3\n",
			d:      Dialect{Delimiter: ','},
			header: []string{"a", "b;c"},
			want:   []record{{Line: 2, Fields: []string{"1", "2;3"}}},
		},
		{
			name:   "lazy quotes keep a bare quote as data",
			in:     "a,b\n5\" pipe,\"q\"\"\"\n",
			d:      Dialect{LazyQuotes: true},
			header: []string{"a", "b"},
			want:   []record{{Line: 2, Fields: []string{`5" pipe`, `q"`}}},
		},
		{
			name:   "windows-1252 sniffed",
			in:     "navn;bel\xf8b\n\xc6r\xf8;\x80 5\n",
			header: []string{"navn", "beløb"},
			want:   []record{{Line: 2, Fields: []string{"Ærø", "€ 5"}}},
		},
		{
			name:   "iso-8859-1 declared",
			in:     "navn;bel\xf8b\n\xc6r\xf8;\x80 5\n",
			d:      Dialect{Encoding: "latin1"},
			header: []string{"navn", "beløb"},
			want:   []record{{Line: 2, Fields: []string{"Ærø", "\u0080 5"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, got := readAll(t, strings.NewReader(tt.in), tt.d)
			assert.Equal(t, tt.header, rd.Header(), "header")
			assert.Equal(t, tt.want, got, "records")
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		d    Dialect
		want []record
		is   error
	}{
		{
			name: "too few fields",
			in:   "a,b,c\n1,2\n3,4,5\n",
			want: []record{
				{Line: 2, Err: &ParseError{File: "t.csv", Line: 2, Column: 1, Err: Detail(ErrFieldCount, "2 fields, header has 3")}},
				{Line: 3, Fields: []string{"3", "4", "5"}},
			},
			is: ErrFieldCount,
		},
		{
			name: "too many fields, placed at the first extra one",
			in:   "a,b\n1,2,3\n",
			want: []record{
				{Line: 2, Err: &ParseError{File: "t.csv", Line: 2, Column: 5, Err: Detail(ErrFieldCount, "3 fields, header has 2")}},
			},
			is: ErrFieldCount,
		},
		{
			name: "bare quote, reading goes on at the next line",
			in:   "a,b\nx,5\" pipe\ny,z\n",
			want: []record{
				{Line: 2, Err: &ParseError{File: "t.csv", Line: 2, Column: 4, Field: "b",
					Err: Detail(ErrBareQuote, `a quote inside a field must be in a quoted field, written "like ""this"""`)}},
				{Line: 3, Fields: []string{"y", "z"}},
			},
			is: ErrBareQuote,
		},
		{
			name: "text after a closing quote",
			in:   "a,b\n\"x\"y,1\n2,3\n",
			want: []record{
				{Line: 2, Err: &ParseError{File: "t.csv", Line: 2, Column: 4, Field: "a",
					Err: Detail(ErrQuote, `"y" follows the closing quote; a quote inside a quoted field is written ""`)}},
				{Line: 3, Fields: []string{"2", "3"}},
			},
			is: ErrQuote,
		},
		{
			name: "text after a closing quote on a later line",
			in:   "a,b\n1,\"two\nlines\" and more\n2,3\n",
			want: []record{
				{Line: 2, Err: &ParseError{File: "t.csv", Line: 3, Column: 7, Field: "b",
					Err: Detail(ErrQuote, `" " follows the closing quote; a quote inside a quoted field is written ""`)}},
				{Line: 4, Fields: []string{"2", "3"}},
			},
			is: ErrQuote,
		},
		{
			name: "quote never closed",
			in:   "a,b\n1,2\n3,\"open\n4,5\n",
			want: []record{
				{Line: 2, Fields: []string{"1", "2"}},
				{Line: 3, Err: &ParseError{File: "t.csv", Line: 3, Column: 3, Field: "b",
					Err: Detail(ErrQuote, "the quote that opens this field is never closed")}},
				{Line: 4, Fields: []string{"4", "5"}},
			},
			is: ErrQuote,
		},
		{
			name: "invalid UTF-8 placed in characters",
			in:   "navn,by\nÅse,K\xf8ge\nBo,Ry\n",
			d:    Dialect{Encoding: "utf-8"},
			want: []record{
				{Line: 2, Err: &ParseError{File: "t.csv", Line: 2, Column: 6, Field: "by",
					Err: Detail(ErrInvalidUTF8, "byte 0xF8 is not UTF-8. Try: encoding: windows-1252")}},
				{Line: 3, Fields: []string{"Bo", "Ry"}},
			},
			is: ErrInvalidUTF8,
		},
		{
			name: "field too long stops reading",
			in:   "a,b\n1,2\n3,12345678901\n5,6\n",
			d:    Dialect{MaxFieldBytes: 10},
			want: []record{
				{Line: 2, Fields: []string{"1", "2"}},
				{Line: 3, Err: &ParseError{File: "t.csv", Line: 3, Column: 3, Field: "b",
					Err: Detail(ErrFieldTooLong, "field longer than 10 bytes (is a quote left open?)")}},
			},
			is: ErrFieldTooLong,
		},
		{
			name: "quoted field too long",
			in:   "a,b\n1,\"12345\n678901\"\n5,6\n",
			d:    Dialect{MaxFieldBytes: 10},
			want: []record{
				{Line: 2, Err: &ParseError{File: "t.csv", Line: 2, Column: 3, Field: "b",
					Err: Detail(ErrFieldTooLong, "field longer than 10 bytes (is a quote left open?)")}},
			},
			is: ErrFieldTooLong,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, got := readAll(t, strings.NewReader(tt.in), tt.d)
			assert.Equal(t, tt.want, got, "records: got\n%s\nwant\n%s", dump(got), dump(tt.want))
			found := false
			for _, r := range got {
				if r.Err != nil {
					var pe *ParseError
					assert.ErrorAs(t, r.Err, &pe, "line %d", r.Line)
				}
				found = found || errors.Is(r.Err, tt.is)
			}
			assert.True(t, found, "got no error wrapping %v", tt.is)
			if errors.Is(tt.is, ErrFieldTooLong) {
				_, err := rd.Read()
				assert.ErrorIs(t, err, ErrFieldTooLong, "after ErrFieldTooLong, want it again")
			}
		})
	}
}

// dump shows records with their errors spelt out.
func dump(recs []record) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "  %d %q", r.Line, r.Fields)
		if r.Err != nil {
			fmt.Fprintf(&b, " error %q", r.Err.Error())
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestNewReaderErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		d    Dialect
		want error
	}{
		{"empty file", "", Dialect{}, &ParseError{File: "t.csv", Err: Detail(ErrNoHeader, "no header line: the file is empty")}},
		{"only blank lines", "\n\r\n\n", Dialect{}, &ParseError{File: "t.csv", Err: Detail(ErrNoHeader, "no header line: the file is empty")}},
		{"header line past the end", "a\nb\n", Dialect{HeaderLine: 5}, &ParseError{File: "t.csv", Err: Detail(ErrNoHeader, "no header line: the file ends before line 5")}},
		{"UTF-16", "\xff\xfea\x00", Dialect{}, &ParseError{File: "t.csv", Err: Detail(ErrEncoding, "the file is UTF-16; save it as UTF-8 or Windows-1252")}},
		{"bare quote in the header", "a,b\"\n", Dialect{}, &ParseError{File: "t.csv", Line: 1, Column: 4,
			Err: Detail(ErrBareQuote, `a quote inside a field must be in a quoted field, written "like ""this"""`)}},
		{"unknown encoding", "a\n", Dialect{Encoding: "utf-16"}, errors.New(`t.csv: encoding "utf-16" is not one of utf-8, windows-1252, iso-8859-1`)},
		{"quote as delimiter", "a\n", Dialect{Delimiter: '"'}, errors.New(`t.csv: delimiter '"' cannot separate fields: use one of "," ";" "\t" "|"`)},
		{"negative header line", "a\n", Dialect{HeaderLine: -1}, errors.New(`t.csv: header line -1 is not a line number (1 or more)`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.in), "t.csv", tt.d)
			require.Error(t, err, "want %v", tt.want)
			if _, ok := tt.want.(*ParseError); ok {
				assert.Equal(t, tt.want, err, "got %v, want %v", err, tt.want)
				return
			}
			assert.EqualError(t, err, tt.want.Error())
		})
	}
}

func TestParseErrorText(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{File: "grants.csv", Line: 45, Column: 23, Field: "cost_per_day", Err: errors.New(`"12,5x" is not a number`)},
			`grants.csv:45:23: cost_per_day: "12,5x" is not a number`},
		{&ParseError{File: "grants.csv", Line: 12, Column: 1, Err: Detail(ErrFieldCount, "3 fields, header has 6")},
			`grants.csv:12:1: 3 fields, header has 6`},
		{&ParseError{File: "grants.csv", Err: Detail(ErrNoHeader, "no header line: the file is empty")},
			`grants.csv: no header line: the file is empty`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.err.Error())
	}
}

func TestResolvedDialect(t *testing.T) {
	tests := []struct {
		name string
		in   string
		d    Dialect
		want Dialect
	}{
		{"defaults", "a,b\n", Dialect{}, Dialect{Delimiter: ',', Encoding: UTF8, HeaderLine: 1, MaxFieldBytes: DefaultMaxFieldBytes}},
		{"sniffed windows-1252", "a;b\xe6\n", Dialect{}, Dialect{Delimiter: ';', Encoding: Windows1252, HeaderLine: 1, MaxFieldBytes: DefaultMaxFieldBytes}},
		{"aliases", "a\tb\n", Dialect{Encoding: "CP1252", MaxFieldBytes: 99}, Dialect{Delimiter: '\t', Encoding: Windows1252, HeaderLine: 1, MaxFieldBytes: 99}},
		{"header found after blank lines", "x\n\n\na|b\n", Dialect{HeaderLine: 2}, Dialect{Delimiter: '|', Encoding: UTF8, HeaderLine: 4, MaxFieldBytes: DefaultMaxFieldBytes}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := NewReader(strings.NewReader(tt.in), "t.csv", tt.d)
			require.NoError(t, err)
			assert.Equal(t, tt.want, rd.Dialect())
			again, err := NewReader(strings.NewReader(tt.in), "t.csv", rd.Dialect())
			require.NoError(t, err)
			assert.Equal(t, tt.want, again.Dialect(), "read again with the resolved dialect")
		})
	}
}

func TestFieldPos(t *testing.T) {
	in := "a,b,c\n" +
		"æøå,\"x\ny\",ü\n" +
		"1,2,3\n"
	rd, err := NewReader(strings.NewReader(in), "t.csv", Dialect{})
	require.NoError(t, err)
	type pos struct{ line, col int }
	want := [][]pos{
		{{2, 1}, {2, 5}, {3, 4}},
		{{4, 1}, {4, 3}, {4, 5}},
	}
	for r, w := range want {
		_, err := rd.Read()
		require.NoError(t, err)
		for i, p := range w {
			l, c := rd.FieldPos(i)
			assert.Equal(t, p, pos{l, c}, "record %d field %d", r, i)
		}
		l, c := rd.FieldPos(7)
		assert.Equal(t, pos{w[0].line, 1}, pos{l, c}, "record %d field out of range", r)
	}
}

func TestIndex(t *testing.T) {
	rd, err := NewReader(strings.NewReader("CPR-løbenr,status,beløb,status\n"), "g.csv", Dialect{})
	require.NoError(t, err)
	tests := []struct {
		name    string
		want    int
		wantErr string
		is      error
	}{
		{"beløb", 2, "", nil},
		{" CPR-løbenr ", 0, "", nil},
		{"cpr_loebenr", -1, `no such column: g.csv has no column "cpr_loebenr"; did you mean "CPR-løbenr"?`, ErrNoColumn},
		{"belob", -1, `no such column: g.csv has no column "belob"; did you mean "beløb"?`, ErrNoColumn},
		{"amount", -1, `no such column: g.csv has no column "amount"`, ErrNoColumn},
		{"status", -1, `ambiguous column: "status" is the name of columns 2, 4 of g.csv`, ErrAmbiguousColumn},
	}
	for _, tt := range tests {
		got, err := rd.Index(tt.name)
		assert.Equal(t, tt.want, got, "Index(%q)", tt.name)
		if tt.is == nil {
			assert.NoError(t, err, "Index(%q)", tt.name)
			continue
		}
		assert.EqualError(t, err, tt.wantErr, "Index(%q)", tt.name)
		assert.ErrorIs(t, err, tt.is, "Index(%q)", tt.name)
	}
}

// TestReadInPieces reads extracts whose records straddle the buffer, in
// reads of every size, and checks nothing depends on where reads end.
func TestReadInPieces(t *testing.T) {
	var big strings.Builder
	big.WriteString("id;text;n\n")
	for i := range 3000 {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&big, "%d;plain text %d;%d\n", i, i, i)
		case 1:
			fmt.Fprintf(&big, "%d;\"quoted; \"\"%d\"\"\r\nacross lines\";%d\r\n", i, i, i)
		case 2:
			repeat := 50
			if i == 2 {
				repeat = 60000 // longer than the buffer
			}
			fmt.Fprintf(&big, "%d;\"%s\";%d\n\n", i, strings.Repeat("long æøå ", repeat), i)
		case 3:
			fmt.Fprintf(&big, "%d;bad;row;%d\n", i, i)
		}
	}
	in := big.String()
	_, want := readAll(t, strings.NewReader(in), Dialect{})
	require.Len(t, want, 3000, "records")
	w := want[2]
	require.Equal(t, 5, w.Line, "record 2 line")
	require.Equal(t, "2", w.Fields[0], "record 2 first field")
	require.Len(t, w.Fields[1], 60000*len("long æøå "), "record 2 long field")
	readers := map[string]io.Reader{
		"one byte":  iotest.OneByteReader(strings.NewReader(in)),
		"half":      iotest.HalfReader(strings.NewReader(in)),
		"data+EOF":  iotest.DataErrReader(strings.NewReader(in)),
		"7 bytes":   &chunkReader{r: strings.NewReader(in), n: 7},
		"65k bytes": &chunkReader{r: strings.NewReader(in), n: 65 << 10},
	}
	for name, r := range readers {
		t.Run(name, func(t *testing.T) {
			rd, got := readAll(t, r, Dialect{})
			for i := range min(len(got), len(want)) {
				// Compared whole, shown cut short: a field holds half a megabyte.
				if !assert.ObjectsAreEqual(want[i], got[i]) {
					require.FailNowf(t, "records differ", "record %d: got line %d %.60q %v, want line %d %.60q %v", i, got[i].Line, got[i].Fields, got[i].Err, want[i].Line, want[i].Fields, want[i].Err)
				}
			}
			require.Len(t, got, len(want), "records")
			assert.Equal(t, int64(len(in)), rd.BytesRead(), "BytesRead")
		})
	}
	latin := strings.NewReplacer("æ", "\xe6", "ø", "\xf8", "å", "\xe5").Replace(in)
	t.Run("windows-1252 one byte", func(t *testing.T) {
		_, got := readAll(t, iotest.OneByteReader(strings.NewReader(latin)), Dialect{Encoding: Windows1252})
		// Compared whole, not shown: a field holds half a megabyte.
		require.True(t, assert.ObjectsAreEqual(want, got), "got %d records differing from the UTF-8 reading of the same text", len(got))
	})
}

// chunkReader returns at most n bytes a read.
type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	return c.r.Read(p[:min(len(p), c.n)])
}

// TestUnclosedQuoteIsBounded checks a stray quote near the start of a large
// extract stops at MaxFieldBytes instead of buffering the whole input.
func TestUnclosedQuoteIsBounded(t *testing.T) {
	in := io.MultiReader(strings.NewReader("a,b\n1,\"stray\n"), &repeatReader{line: []byte("2,3\n"), left: 64 << 20})
	rd, err := NewReader(in, "t.csv", Dialect{MaxFieldBytes: 1 << 20})
	require.NoError(t, err)
	_, err = rd.Read()
	want := &ParseError{File: "t.csv", Line: 2, Column: 3, Field: "b",
		Err: Detail(ErrFieldTooLong, "field longer than 1048576 bytes (is a quote left open?)")}
	require.Equal(t, want, err, "got %v, want %v", err, want)
	assert.LessOrEqual(t, rd.BytesRead(), int64(8<<20), "bytes read before giving up, want at most 8 MiB")
}

// TestFaultAtBufferEndIsNotFatal checks that a record cut by the end of the
// buffer, longer than MaxFieldBytes in all but holding short fields, is not
// mistaken for a runaway field, and that its own fault stays its own.
func TestFaultAtBufferEndIsNotFatal(t *testing.T) {
	const rows = 100_000
	in := io.MultiReader(strings.NewReader("a,b,c\n"), &repeatReader{line: []byte("x\"y,1234,1234\n"), left: rows * 14})
	_, got := readAll(t, in, Dialect{MaxFieldBytes: 8})
	require.Len(t, got, rows, "records")
	for i, r := range got {
		want := &ParseError{File: "t.csv", Line: i + 2, Column: 2, Field: "a",
			Err: Detail(ErrBareQuote, `a quote inside a field must be in a quoted field, written "like ""this"""`)}
		require.Equal(t, want, r.Err, "record %d: got %v, want %v", i, r.Err, want)
	}
}

// repeatReader repeats a line until left bytes are given.
type repeatReader struct {
	line []byte
	left int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:min(len(p), n+r.left)], r.line[r.off:])
		r.off = (r.off + c) % len(r.line)
		n += c
		r.left -= c
	}
	return n, nil
}

func TestDecodeTable(t *testing.T) {
	for _, cm := range []*charmap.Charmap{charmap.Windows1252, charmap.ISO8859_1} {
		table := newDecodeTable(cm)
		src := make([]byte, 256)
		for i := range src {
			src[i] = byte(i)
		}
		dst := make([]byte, 3*len(src))
		got := dst[:table.decode(dst, src)]
		want, err := cm.NewDecoder().Bytes(src)
		require.NoError(t, err)
		assert.Equal(t, want, got, "%v", cm)
	}
}

// TestMessyFiles reads the hand-written extracts in testdata and compares
// what comes out, positions and faults included, with golden files.
func TestMessyFiles(t *testing.T) {
	dialects := map[string]Dialect{
		"windows1252_preamble.csv": {HeaderLine: 3},
		"mac_cr_latin1.csv":        {Encoding: ISO88591},
		"pipes_faults.csv":         {Encoding: UTF8},
	}
	dir := filepath.Join("testdata", t.Name())
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no extracts in %s", dir)
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			got := describe(t, path, dialects[name])
			golden := strings.TrimSuffix(path, ".csv") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run with -update to write it")
			assert.Equal(t, string(want), got)
		})
	}
}

// describe reads an extract and writes out its dialect, header, records
// with the position of every field, and faults.
func describe(t *testing.T, path string, d Dialect) string {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var b strings.Builder
	rd, err := NewReader(f, filepath.Base(path), d)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	rd.d.MaxFieldBytes = DefaultMaxFieldBytes
	got := rd.Dialect()
	fmt.Fprintf(&b, "dialect: delimiter %q, encoding %s, header line %d\n", string(got.Delimiter), got.Encoding, got.HeaderLine)
	fmt.Fprintf(&b, "header: %q\n", rd.Header())
	for {
		fields, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintf(&b, "error: %v\n", err)
			continue
		}
		fmt.Fprintf(&b, "line %d:", rd.Line())
		for i, f := range fields {
			line, col := rd.FieldPos(i)
			fmt.Fprintf(&b, " %d:%d %q", line, col, f)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestDocExample checks the worked example in the package documentation.
func TestDocExample(t *testing.T) {
	in := "Udtr\xe6k fra fagsystemet\nDannet 01-11-2026\nSag;Paragraf;Bel\xf8b;Note\n" +
		"S1;\xa7 107;12.500,50;\"Ophold; p\xe5 \"\"Solh\xf8j\"\"\"\n" +
		"S2;\xa7 108;3.155;\"to\nlinjer\"\n" +
		"S3;\xa7 85;;\n"
	rd, got := readAll(t, strings.NewReader(in), Dialect{HeaderLine: 3})
	wantDialect := Dialect{Delimiter: ';', Encoding: Windows1252, HeaderLine: 3, MaxFieldBytes: 16 << 20}
	assert.Equal(t, wantDialect, rd.Dialect(), "dialect")
	assert.Equal(t, []string{"Sag", "Paragraf", "Beløb", "Note"}, rd.Header(), "header")
	want := []record{
		{Line: 4, Fields: []string{"S1", "§ 107", "12.500,50", `Ophold; på "Solhøj"`}},
		{Line: 5, Fields: []string{"S2", "§ 108", "3.155", "to\nlinjer"}},
		{Line: 7, Fields: []string{"S3", "§ 85", "", ""}},
	}
	assert.Equal(t, want, got, "records: got\n%s\nwant\n%s", dump(got), dump(want))
	rd, err := NewReader(strings.NewReader(in), "t.csv", Dialect{HeaderLine: 3})
	require.NoError(t, err)
	_, err = rd.Read()
	require.NoError(t, err)
	line, col := rd.FieldPos(2)
	assert.Equal(t, [2]int{4, 10}, [2]int{line, col}, "line and column of 12.500,50")
	for _, c := range []struct {
		in       string
		v        float64
		decimals int
	}{{"12.500,50", 12500.5, 2}, {"3.155", 3155, 0}} {
		v, dec, err := ParseNumber([]byte(c.in), ',')
		assert.NoError(t, err, "ParseNumber(%q)", c.in)
		assert.Equal(t, c.v, v, "ParseNumber(%q)", c.in)
		assert.Equal(t, c.decimals, dec, "ParseNumber(%q) decimals", c.in)
	}
}

// TestSplitLine checks the eight-bytes-at-a-time split against
// bytes.Split, with every delimiter, the bytes next to it in value, and
// bytes with the top bit set, at every position around a word's edges.
func TestSplitLine(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, delim := range []byte{',', ';', '\t', '|'} {
		alphabet := []byte{delim, delim, delim ^ 1, delim + 1, delim - 1, delim | 0x80, 0x80, 0xff, 0, 'a', 'æ' & 0xff}
		for n := range 200 {
			line := make([]byte, n%40)
			for i := range line {
				line[i] = alphabet[r.IntN(len(alphabet))]
			}
			fields, starts := splitLine(line, delim, nil, nil)
			want := bytes.Split(line, []byte{delim})
			require.Len(t, fields, len(want), "%q split at %q: fields", line, delim)
			for i := range want {
				require.Equal(t, want[i], fields[i], "%q split at %q: field %d", line, delim, i)
				wantStart := 0
				if i > 0 {
					wantStart = starts[i-1] + len(want[i-1]) + 1
				}
				require.Equal(t, wantStart, starts[i], "%q split at %q: start of field %d", line, delim, i)
			}
		}
	}
}

func TestNextSpecial(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, dialect := range []struct{ delim, eol byte }{{',', '\n'}, {';', '\n'}, {'\t', '\r'}, {'|', '\n'}} {
		special := []byte{dialect.delim, dialect.eol, '"', '\r'}
		alphabet := append([]byte{'a', '0', ' ', 0x80, 0xff, 0, '"' ^ 1, '\r' + 1, dialect.delim ^ 1, dialect.eol - 1}, special...)
		for n := range 300 {
			b := make([]byte, n%50)
			for i := range b {
				if r.IntN(4) == 0 {
					b[i] = alphabet[r.IntN(len(alphabet))]
				} else {
					b[i] = 'x'
				}
			}
			from := 0
			if len(b) > 0 {
				from = r.IntN(len(b) + 1)
			}
			want := len(b)
			if k := bytes.IndexAny(b[from:], string(special)); k >= 0 {
				want = from + k
			}
			require.Equal(t, want, nextSpecial(b, from, dialect.delim, dialect.eol), "nextSpecial(%q, %d, %q, %q)", b, from, dialect.delim, dialect.eol)
		}
	}
}
