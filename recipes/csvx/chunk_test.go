package csvx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readSequential reads every record after the header with Read; the
// records' fields joined by "|" and prefixed with their line.
func readSequential(t *testing.T, data []byte, d Dialect) ([]string, error) {
	t.Helper()
	rd, err := NewReader(bytes.NewReader(data), "f.csv", d)
	if err != nil {
		return nil, err
	}
	var out []string
	for {
		fields, err := rd.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, recordText(rd.Line(), fields))
	}
}

// readChunked reads the same records as readSequential, cutting the text
// into chunks of size bytes and reading each with Records; src wraps the
// input, to hand it over in odd pieces.
func readChunked(t *testing.T, data []byte, d Dialect, size int, src func(io.Reader) io.Reader) ([]string, error) {
	t.Helper()
	rd, err := NewReader(src(bytes.NewReader(data)), "f.csv", d)
	if err != nil {
		return nil, err
	}
	var out []string
	var buf []byte
	for {
		c, err := rd.NextChunk(buf, size)
		if err != nil {
			return out, err
		}
		if len(c.Text) == 0 {
			return out, nil
		}
		if size > 0 && len(c.Text) > size {
			// Only a chunk of one record may pass the size.
			one := rd.Records(c)
			if _, err := one.Read(); err == nil {
				if _, err := one.Read(); err != io.EOF {
					t.Fatalf("chunk of %d bytes, over the size %d, holds more than one record", len(c.Text), size)
				}
			}
		}
		cr := rd.Records(c)
		for {
			fields, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return out, err
			}
			out = append(out, recordText(cr.Line(), fields))
		}
		buf = c.Text
	}
}

func recordText(line int, fields [][]byte) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = string(f)
	}
	return fmt.Sprintf("%d:%s", line, strings.Join(parts, "|"))
}

// checkChunked checks the property chunked reading rests on: where Read
// reads an extract without a fault, chunks of any size give the same
// records on the same lines; where Read finds a fault, reading the chunks
// finds one too (or NextChunk refuses), so the caller can fall back to Read.
func checkChunked(t *testing.T, data []byte, d Dialect, size int, src func(io.Reader) io.Reader) {
	t.Helper()
	want, wantErr := readSequential(t, data, d)
	got, gotErr := readChunked(t, data, d, size, src)
	if wantErr != nil {
		if gotErr == nil {
			t.Fatalf("size %d: Read finds %v, chunks read without a fault:\n%q", size, wantErr, got)
		}
		return
	}
	if errors.Is(gotErr, ErrNoChunk) {
		return // refused before any record was parsed wrongly
	}
	if gotErr != nil {
		t.Fatalf("size %d: chunks: %v; Read reads the extract without a fault", size, gotErr)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("size %d: chunks read\n%q\nRead reads\n%q", size, got, want)
	}
}

func TestChunksReadAsRead(t *testing.T) {
	cases := map[string]string{
		"simple":            "a,b\n1,2\n3,4\n",
		"no final line end": "a,b\n1,2\n3,4",
		"crlf":              "a,b\r\n1,2\r\n3,4\r\n",
		"quoted newlines":   "a,b\n1,\"x\ny\"\n\"p\nq\nr\",2\n5,6\n",
		"doubled quotes":    "a,b\n\"say \"\"hi\"\"\nthere\",2\n3,\"\"\"\"\n",
		"blank lines":       "a,b\n\n1,2\n\r\n\n3,4\n\n",
		"bom and preamble":  "\ufeffa,b\n1,2\n",
		"empty cells":       "a,b,c\n,,\n1,,\n",
		"long record":       "a,b\n1," + strings.Repeat("x", 300) + "\n2,\"" + strings.Repeat("y\n", 100) + "\"\n3,4\n",
		"carriage returns":  "a,b\n1,x\ry\n2,\"\r\"\n",
		"bare quote":        "a,b\n1,2\n3,x\"y\n5,6\n7,8\n",
		"unclosed quote":    "a,b\n1,2\n3,\"x\n5,6\n7,8\n",
		"after quote":       "a,b\n1,\"x\"y\n5,6\n",
		"ragged":            "a,b\n1,2\n3\n5,6\n",
		"invalid utf-8":     "a,b\n1,2\n3,\xff\n5,6\n",
		"header only":       "a,b\n",
	}
	pieces := map[string]func(io.Reader) io.Reader{
		"whole":       func(r io.Reader) io.Reader { return r },
		"byte a read": iotest.OneByteReader,
		"half reads":  iotest.HalfReader,
	}
	for name, text := range cases {
		for how, src := range pieces {
			t.Run(name+"/"+how, func(t *testing.T) {
				for size := 1; size <= len(text)+1; size++ {
					checkChunked(t, []byte(text), Dialect{Encoding: UTF8}, size, src)
				}
			})
		}
	}
}

func TestChunksOfMessyFiles(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "TestMessyFiles", "*.csv"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, path := range paths {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		t.Run(filepath.Base(path), func(t *testing.T) {
			for _, size := range []int{1, 7, 64, 1000, 1 << 20} {
				checkChunked(t, data, Dialect{}, size, func(r io.Reader) io.Reader { return r })
			}
		})
	}
}

func TestChunksOfWindows1252(t *testing.T) {
	text := "Sag;Beløb;Note\r\nS1;12,50;\"på\r\n\"\"Solhøj\"\"\"\r\nS2;3;æøå\r\n"
	data := []byte(strings.NewReplacer("ø", "\xf8", "æ", "\xe6", "å", "\xe5").Replace(text))
	for size := 1; size < len(data)+2; size++ {
		got, err := readChunked(t, data, Dialect{Encoding: Windows1252}, size, func(r io.Reader) io.Reader { return r })
		require.NoError(t, err)
		assert.Equal(t, []string{"2:S1|12,50|på\r\n\"Solhøj\"", "4:S2|3|æøå"}, got, "size %d", size)
	}
}

func TestNextChunkRefuses(t *testing.T) {
	cases := map[string]struct {
		text string
		d    Dialect
	}{
		"lazy quotes":       {"a,b\n1,x\"y\n", Dialect{LazyQuotes: true}},
		"old Mac line ends": {"a,b\r1,2\r3,4\r", Dialect{}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			rd, err := NewReader(strings.NewReader(c.text), "f.csv", c.d)
			require.NoError(t, err)
			assert.False(t, rd.CanChunk())
			_, err = rd.NextChunk(nil, 10)
			assert.ErrorIs(t, err, ErrNoChunk)
		})
	}
}

func TestNextChunkBoundsAnUnclosedQuote(t *testing.T) {
	text := "a,b\n1,\"" + strings.Repeat("x\n", 500000)
	rd, err := NewReader(strings.NewReader(text), "f.csv", Dialect{MaxFieldBytes: 100})
	require.NoError(t, err)
	_, err = rd.NextChunk(nil, 16)
	assert.ErrorIs(t, err, ErrNoChunk, "the buffer must not grow past 8 × MaxFieldBytes looking for a record end")
}

// FuzzChunks checks that cutting an extract into chunks never changes what
// is read: the same records on the same lines where Read reads it without
// a fault, and a fault (or a refusal) where Read finds one.
func FuzzChunks(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "TestMessyFiles", "*.csv"))
	for _, path := range paths {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b, uint16(5))
		}
	}
	f.Add([]byte("a,b\n1,\"x\ny\"\n2,3\n"), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, size uint16) {
		d := Dialect{MaxFieldBytes: 1 << 12}
		checkChunked(t, data, d, int(size%512)+1, func(r io.Reader) io.Reader { return r })
		checkChunked(t, data, d, int(size%512)+1, iotest.HalfReader)
	})
}
