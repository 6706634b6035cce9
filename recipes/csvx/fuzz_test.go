package csvx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// FuzzReader checks the reader never panics or loops, and that it reads
// what encoding/csv reads wherever the two agree on the rules: valid UTF-8
// without a byte-order mark or carriage returns (encoding/csv turns a quoted
// "\r\n" into "\n"; this reader keeps it), the header trimmed of spaces, and
// rows of the wrong length reported as faults rather than returned.
func FuzzReader(f *testing.F) {
	messy, _ := filepath.Glob(filepath.Join("testdata", "TestMessyFiles", "*.csv"))
	for _, path := range messy {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b, byte(0))
		}
	}
	delimiters := [...]byte{',', ';', '\t', '|'}
	f.Fuzz(func(t *testing.T, data []byte, which byte) {
		delim := delimiters[int(which)%len(delimiters)]
		ours, headerErr := readForFuzz(data, Dialect{Delimiter: delim, Encoding: UTF8, MaxFieldBytes: 1 << 20})
		// Other encodings and sniffing must not panic or loop either.
		_, _ = readForFuzz(data, Dialect{Encoding: Windows1252})
		_, _ = readForFuzz(data, Dialect{HeaderLine: 2, LazyQuotes: true})

		if !utf8.Valid(data) || bytes.HasPrefix(data, bom) || bytes.IndexByte(data, '\r') >= 0 {
			return
		}
		cr := csv.NewReader(bytes.NewReader(data))
		cr.Comma = rune(delim)
		cr.FieldsPerRecord = -1
		var want [][]string
		var wantErr error
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				switch {
				case errors.Is(err, csv.ErrQuote):
					wantErr = ErrQuote
				case errors.Is(err, csv.ErrBareQuote):
					wantErr = ErrBareQuote
				default:
					require.NoError(t, err, "encoding/csv")
				}
				break
			}
			want = append(want, rec)
		}
		if len(want) == 0 {
			if wantErr != nil {
				require.ErrorIs(t, headerErr, wantErr, "header")
			} else {
				require.ErrorIs(t, headerErr, ErrNoHeader, "an input with no records")
			}
			return
		}
		require.NoError(t, headerErr, "header, want %q", want[0])
		header := make([]string, len(want[0]))
		for i, h := range want[0] {
			header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")) // as the reader cleans header names
		}
		require.Equal(t, header, ours[0].Fields, "header")
		for i := 1; i < len(want); i++ {
			require.Less(t, i, len(ours), "record %d: got none, want %q", i, want[i])
			got := ours[i]
			if len(want[i]) != len(header) {
				require.ErrorIs(t, got.Err, ErrFieldCount, "record %d: got %q, want ErrFieldCount for %q", i, got.Fields, want[i])
				continue
			}
			require.NoError(t, got.Err, "record %d: got %q, want %q", i, got.Fields, want[i])
			require.Equal(t, want[i], got.Fields, "record %d", i)
		}
		if wantErr != nil {
			require.Greater(t, len(ours), len(want), "record %d: got none, want a fault wrapping %v", len(want), wantErr)
			require.ErrorIs(t, ours[len(want)].Err, wantErr, "record %d: got %s", len(want), dump(ours[len(want):]))
		} else {
			require.Len(t, ours, len(want), "records")
		}
	})
}

// readForFuzz reads every record, the header first, and fails on a reader
// that returns more results than the input has bytes.
func readForFuzz(data []byte, d Dialect) ([]record, error) {
	rd, err := NewReader(bytes.NewReader(data), "f.csv", d)
	if err != nil {
		return nil, err
	}
	recs := []record{{Line: rd.Line(), Fields: rd.Header()}}
	for {
		fields, err := rd.Read()
		if err == io.EOF {
			return recs, nil
		}
		rec := record{Line: rd.Line(), Err: err}
		for i, f := range fields {
			rec.Fields = append(rec.Fields, string(f))
			rd.FieldPos(i)
		}
		recs = append(recs, rec)
		if errors.Is(err, ErrFieldTooLong) {
			return recs, nil
		}
		if len(recs) > len(data)+2 {
			panic("Read returns more records than the input has bytes")
		}
	}
}
