package csvx

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// benchRows is the size of the synthetic extract the benchmarks read.
const benchRows = 300_000

// syntheticExtract writes a grants extract of n rows, about 87 bytes each,
// with a quoted field in every tenth row.
func syntheticExtract(n int) []byte {
	var b bytes.Buffer
	b.WriteString("case_id,citizen_id,section,cost_per_day,start,end,status,note\n")
	sections := []string{"§ 85", "§ 107", "§ 108"}
	for i := range n {
		note := "ordinary grant (renewed)"
		if i%10 == 0 {
			note = `"reviewed, see ""case file"""`
		}
		fmt.Fprintf(&b, "C%07d,P%06d,%s,%d.%02d,2026-%02d-%02d,2026-12-31,active,%s\n",
			i, i%40000, sections[i%3], 1000+i%3000, i%100, 1+i%12, 1+i%28, note)
	}
	return b.Bytes()
}

// readEvery reads every record of data and returns the fields seen.
func readEvery(b *testing.B, data []byte, d Dialect) int {
	rd, err := NewReader(bytes.NewReader(data), "bench.csv", d)
	require.NoError(b, err)
	fields := 0
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			return fields
		}
		if err != nil { // asserted only then: an assertion per record would weigh on the timing
			require.NoError(b, err)
		}
		fields += len(rec)
	}
}

func BenchmarkRead(b *testing.B) {
	data := syntheticExtract(benchRows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		require.Equal(b, 8*benchRows, readEvery(b, data, Dialect{}), "fields")
	}
}

func BenchmarkReadWindows1252(b *testing.B) {
	data, err := charmap.Windows1252.NewEncoder().Bytes(syntheticExtract(benchRows))
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		require.Equal(b, 8*benchRows, readEvery(b, data, Dialect{Encoding: Windows1252}), "fields")
	}
}

// BenchmarkEncodingCSV reads the same extract with encoding/csv, for scale.
func BenchmarkEncodingCSV(b *testing.B) {
	data := syntheticExtract(benchRows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		r.ReuseRecord = true
		for {
			if _, err := r.Read(); err == io.EOF {
				break
			} else if err != nil { // asserted only then, to keep the timing the reader's
				require.NoError(b, err)
			}
		}
	}
}

// BenchmarkDecode compares the reader's byte table with x/text's
// transform.Reader for decoding Windows-1252.
func BenchmarkDecode(b *testing.B) {
	src, err := charmap.Windows1252.NewEncoder().Bytes(syntheticExtract(benchRows / 10))
	require.NoError(b, err)
	b.Run("table", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		t := newDecodeTable(charmap.Windows1252)
		dst := make([]byte, 3*64<<10)
		for b.Loop() {
			for off := 0; off < len(src); off += 64 << 10 {
				t.decode(dst, src[off:min(len(src), off+64<<10)])
			}
		}
	})
	b.Run("transform", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		buf := make([]byte, 256<<10)
		for b.Loop() {
			r := transform.NewReader(bytes.NewReader(src), charmap.Windows1252.NewDecoder())
			_, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf)
			require.NoError(b, err)
		}
	})
}

func BenchmarkParseNumber(b *testing.B) {
	cells := [][]byte{[]byte("2134.50"), []byte("1.234.567,89"), []byte("-12"), []byte("3155")}
	decimals := []byte{'.', ',', '.', ','}
	b.ReportAllocs()
	for b.Loop() {
		for i, c := range cells {
			if _, _, err := ParseNumber(c, decimals[i]); err != nil { // asserted only then, to keep the timing the parser's
				require.NoError(b, err)
			}
		}
	}
}

func BenchmarkParseDate(b *testing.B) {
	iso, dmy := []byte("2026-10-01"), []byte("01-10-2026")
	b.ReportAllocs()
	for b.Loop() {
		// Asserted only on an error, to keep the timing the parser's.
		if _, err := ParseDate(iso, ""); err != nil {
			require.NoError(b, err)
		}
		if _, err := ParseDate(dmy, "02-01-2006"); err != nil {
			require.NoError(b, err)
		}
	}
}

// TestReadDoesNotAllocate checks that, once running, Read allocates nothing
// per record, quoted fields with doubled quotes included.
func TestReadDoesNotAllocate(t *testing.T) {
	for _, enc := range []string{UTF8, Windows1252} {
		t.Run(enc, func(t *testing.T) {
			data := syntheticExtract(20_000)
			rd, err := NewReader(bytes.NewReader(data), "t.csv", Dialect{Encoding: enc})
			require.NoError(t, err)
			for range 100 { // warm up: the field slices reach their size
				_, err := rd.Read()
				require.NoError(t, err)
			}
			allocs := testing.AllocsPerRun(10_000, func() {
				_, err := rd.Read()
				require.NoError(t, err)
			})
			assert.Zero(t, allocs, "allocations per record")
		})
	}
}

// TestSyntheticExtract keeps the benchmark's input what it claims to be.
func TestSyntheticExtract(t *testing.T) {
	data := syntheticExtract(1000)
	assert.Equal(t, 1001, strings.Count(string(data), "\n"), "lines")
	per := len(data) / 1000
	assert.GreaterOrEqual(t, per, 80, "bytes a row, want about 87")
	assert.LessOrEqual(t, per, 95, "bytes a row, want about 87")
}
