package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mipack/mipack/recipes/csvx"
)

// FuzzRead opens any bytes as a workbook and reads every row: it must
// never panic, and every fault must be a *csvx.ParseError naming the file
// (and, past the header, the sheet and row).
//
// The workbook is read from memory, and the seeds are small workbooks
// whose parts are stored rather than deflated, so that a mutation changes
// the XML the reader decodes instead of breaking a compressed stream; one
// deflated seed keeps the unpacking covered. Each input is cheap, so the
// fuzzer spends a bounded run exploring rather than minimizing.
func FuzzRead(f *testing.F) {
	small := smallBook(f)
	f.Add(stored(f, small))
	f.Add(small)
	f.Add(stored(f, small)[:len(small)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		placed := func(err error) {
			var pe *csvx.ParseError
			require.ErrorAs(t, err, &pe, "want a *csvx.ParseError naming fuzz.xlsx")
			require.Equal(t, "fuzz.xlsx", pe.File, "file named in %v", err)
		}
		rd, err := open(bytes.NewReader(b), int64(len(b)), "fuzz.xlsx", ".xlsx", Options{MaxUnpacked: 64 << 20, MaxStrings: 1 << 20})
		if err != nil {
			placed(err)
			return
		}
		defer rd.Close()
		for range 100_000 {
			_, err := rd.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				placed(err)
				var pe *csvx.ParseError
				errors.As(err, &pe)
				require.NotEmpty(t, pe.Sheet, "got %v, want the sheet named", err)
				return
			}
			require.Len(t, rd.Kinds(), len(rd.Header()), "a kind for each column")
		}
	})
}

// smallBook is a workbook of one sheet with a cell of every kind: shared
// and inline text, numbers, a date, a truth value, a formula with and
// without its result, and a hidden row.
func smallBook(t testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	rows := [][]any{{"Sag", "Start", "Beløb", "Konto", "Aktiv"},
		{"S1", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 12500.5, "04017", true},
		{"S2", 46054, 0.1, nil, false}}
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if v != nil {
				require.NoError(t, f.SetCellValue(s, cell, v))
			}
		}
	}
	f.SetCellStyle(s, "B2", "B3", date)
	f.SetCellFormula(s, "D3", "A3")
	f.SetRowVisible(s, 3, false)
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

// stored rewrites a zip archive with its entries stored, not deflated.
func stored(t testing.TB, b []byte) []byte {
	return rezip(t, b, func(_ string, data []byte) ([]byte, uint16) { return data, zip.Store })
}

// TestSmallBookReads keeps the fuzz seeds meaningful: the stored and the
// deflated seed both read past the header, to every row.
func TestSmallBookReads(t *testing.T) {
	small := smallBook(t)
	for name, b := range map[string][]byte{"deflated": small, "stored": stored(t, small)} {
		rd, err := open(bytes.NewReader(b), int64(len(b)), "seed.xlsx", ".xlsx", Options{})
		require.NoError(t, err, "%s: want the seed to open", name)
		n := readRows(t, rd, nil)
		rd.Close()
		assert.Equal(t, 2, n, "%s: rows", name)
		assert.Equal(t, int64(1), rd.Hidden(), "%s: hidden rows", name)
	}
}
