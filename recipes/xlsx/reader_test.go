package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mipack/mipack/recipes/csvx"
)

// workbook writes a workbook with excelize: each sheet's cells by
// reference, then fix, if set, may change the file.
func workbook(t testing.TB, name string, build func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	build(f)
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, f.SaveAs(path))
	require.NoError(t, f.Close())
	return path
}

// rewritePart replaces old with new in one part of a zip archive, as a
// workbook saved by Excel differs from one excelize writes (cached formula
// results, the 1904 date system).
func rewritePart(t testing.TB, path, part, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	found := false
	b = rezip(t, b, func(name string, data []byte) ([]byte, uint16) {
		if name != part {
			return data, zip.Deflate
		}
		require.Contains(t, string(data), old, "part %s", part)
		found = true
		return []byte(strings.Replace(string(data), old, new, 1)), zip.Deflate
	})
	require.True(t, found, "no part %s", part)
	require.NoError(t, os.WriteFile(path, b, 0o644))
}

// rezip writes a zip archive anew, each entry's data and method as edit
// returns them.
func rezip(t testing.TB, b []byte, edit func(name string, data []byte) ([]byte, uint16)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		data, method := edit(zf.Name, data)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: method})
		require.NoError(t, err)
		w.Write(data)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// readRows reads every row to the end, calling each (if set) after each
// row with the number read so far, and returns how many there were.
func readRows(t testing.TB, rd *Reader, each func(n int)) int {
	t.Helper()
	n := 0
	for {
		_, err := rd.Read()
		if err == io.EOF {
			return n
		}
		require.NoError(t, err, "after %d rows", n)
		n++
		if each != nil {
			each(n)
		}
	}
}

func set(t testing.TB, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	require.NoError(t, f.SetCellValue(sheet, cell, v))
}

// grants is a report-style sheet: a title, a blank row, the header in row
// 3, then rows of every kind of cell.
func grants(t testing.TB) string {
	return workbook(t, "bevillinger.xlsx", func(f *excelize.File) {
		f.SetSheetName("Sheet1", "Forside")
		f.NewSheet("Bevillinger")
		s := "Bevillinger"
		set(t, f, s, "A1", "Bevillinger pr. 31-10-2026")
		for i, h := range []string{"Sag", "Start", "Beløb", "Konto", "Tekstbeløb", "Aktiv"} {
			cell, _ := excelize.CoordinatesToCellName(i+1, 3)
			set(t, f, s, cell, h)
		}
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		custom := "dd-mm-yyyy"
		date2, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
		set(t, f, s, "A4", "S1")
		set(t, f, s, "B4", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		f.SetCellStyle(s, "B4", "B4", date)
		set(t, f, s, "C4", 12500.5)
		set(t, f, s, "D4", "04017")
		set(t, f, s, "E4", "1.234,50")
		set(t, f, s, "F4", true)
		set(t, f, s, "A6", "S2")
		set(t, f, s, "B6", 46054)
		f.SetCellStyle(s, "B6", "B6", date2)
		set(t, f, s, "C6", 0.1)
		f.SetCellFormula(s, "D6", "A6")
		f.SetRowVisible(s, 6, false)
		set(t, f, s, "H6", "beside the table")
	})
}

func TestRead(t *testing.T) {
	path := grants(t)
	rd, err := Open(path, "bevillinger.xlsx", Options{Sheet: "bevillinger", HeaderRow: 2})
	require.NoError(t, err)
	defer rd.Close()
	assert.Equal(t, []string{"Sag", "Start", "Beløb", "Konto", "Tekstbeløb", "Aktiv"}, rd.Header(), "header")
	assert.Equal(t, 3, rd.HeaderRow(), "header row (row 2 is empty)")
	type rec struct {
		row    int
		fields string
		kinds  []Kind
	}
	want := []rec{
		{4, "S1|46023|12500.5|04017|1.234,50|1", []Kind{Text, Date, Number, Text, Text, Bool}},
		{6, "S2|46054|0.1|||", []Kind{Text, Date, Number, Uncalculated, Empty, Empty}},
	}
	for _, w := range want {
		fields, err := rd.Read()
		require.NoError(t, err, "row %d", w.row)
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = string(f)
		}
		assert.Equal(t, w.row, rd.Line(), "row number")
		assert.Equal(t, w.fields, strings.Join(parts, "|"), "row %d", w.row)
		assert.Equal(t, w.kinds, rd.Kinds(), "row %d: kinds", w.row)
	}
	_, err = rd.Read()
	assert.Same(t, io.EOF, err, "after the last row")
	assert.Equal(t, int64(1), rd.Hidden(), "hidden rows")
	d, err := rd.DateOf([]byte("46023"))
	assert.NoError(t, err, "DateOf(46023)")
	assert.WithinDuration(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), d, 0, "DateOf(46023)")
}

func TestFirstSheetInWorkbookOrder(t *testing.T) {
	path := workbook(t, "two.xlsx", func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", "first")
		i, _ := f.NewSheet("Second")
		set(t, f, "Second", "A1", "second")
		f.SetActiveSheet(i)
	})
	rd, err := Open(path, "two.xlsx", Options{})
	require.NoError(t, err)
	defer rd.Close()
	assert.Equal(t, "Sheet1:first", rd.Sheet()+":"+rd.Header()[0], "want the first sheet, not the active one")
}

func TestCachedFormulaAnd1904(t *testing.T) {
	path := workbook(t, "mac.xlsx", func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", "Beløb")
		set(t, f, "Sheet1", "B1", "Dato")
		f.SetCellFormula("Sheet1", "A2", "1+1")
		set(t, f, "Sheet1", "B2", 46023)
		st, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle("Sheet1", "B2", "B2", st)
	})
	rewritePart(t, path, "xl/worksheets/sheet1.xml", `<c r="A2" t="str"><f>1+1</f>`, `<c r="A2"><f>1+1</f><v>2.0000000000000004</v>`)
	rewritePart(t, path, "xl/workbook.xml", "<workbookPr", `<workbookPr date1904="1"`)
	rd, err := Open(path, "mac.xlsx", Options{})
	require.NoError(t, err)
	defer rd.Close()
	fields, err := rd.Read()
	require.NoError(t, err)
	assert.Equal(t, "2.0000000000000004", string(fields[0]), "cached result")
	assert.Equal(t, Number, rd.Kinds()[0], "want the cached result as a number")
	d, _ := rd.DateOf(fields[1])
	assert.Equal(t, "2030-01-02", d.Format("2006-01-02"), "date in the 1904 date system")
}

func TestPlaces(t *testing.T) {
	cases := []struct {
		sheet     string
		row, col  int
		want      string
		wantPlace string
	}{
		{"Bevillinger", 17, 7, "b.xlsx:Bevillinger!G17: Beløb: bad", "b.xlsx:Bevillinger!G17"},
		{"Drift 2026", 4, 28, "b.xlsx:'Drift 2026'!AB4: Beløb: bad", "b.xlsx:'Drift 2026'!AB4"},
		{"Ark", 9, 0, "b.xlsx:Ark!9:9: Beløb: bad", "b.xlsx:Ark!9:9"},
	}
	for _, c := range cases {
		pe := &csvx.ParseError{File: "b.xlsx", Sheet: c.sheet, Line: c.row, Column: c.col, Field: "Beløb", Err: errors.New("bad")}
		assert.Equal(t, c.want, pe.Error(), "%s row %d column %d", c.sheet, c.row, c.col)
		assert.Equal(t, c.wantPlace, pe.Place(), "%s row %d column %d: place", c.sheet, c.row, c.col)
	}
}

func TestRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0}
	good := grants(t)
	b, _ := os.ReadFile(good)
	cases := []struct {
		path string
		want error
		text string
	}{
		{write("old.xls", ole), ErrNotWorkbook, ".xls"},
		{write("locked.xlsx", ole), ErrEncrypted, "password"},
		{write("binary.xlsb", []byte("PK\x03\x04rest")), ErrNotWorkbook, ".xlsb"},
		{write("page.xlsx", []byte("<html></html>")), ErrNotWorkbook, "not a zip archive"},
		{write("cut.xlsx", b[:len(b)/2]), ErrNotWorkbook, "damaged"},
		{good, ErrNoSheet, `no sheet "Budget"`},
	}
	for _, c := range cases {
		o := Options{}
		if c.want == ErrNoSheet {
			o.Sheet = "Budget"
		}
		_, err := Open(c.path, filepath.Base(c.path), o)
		name := filepath.Base(c.path)
		var pe *csvx.ParseError
		if !assert.ErrorAs(t, err, &pe, name) {
			continue
		}
		assert.ErrorIs(t, err, c.want, name)
		assert.Contains(t, err.Error(), c.text, name)
		assert.True(t, strings.HasPrefix(err.Error(), name+": "), "%s: got %v, want the file named first", name, err)
	}
}

func TestTooLarge(t *testing.T) {
	path := grants(t)
	_, err := Open(path, "bevillinger.xlsx", Options{MaxUnpacked: 1 << 10})
	assert.ErrorIs(t, err, ErrTooLarge)
	_, err = Open(path, "bevillinger.xlsx", Options{Sheet: "Bevillinger", MaxStrings: 16})
	assert.ErrorIs(t, err, ErrTooLarge, "shared strings")
	assert.ErrorContains(t, err, "shared strings hold more than")
	_, err = Open(path, "bevillinger.xlsx", Options{Sheet: "Bevillinger", MaxStrings: 1 << 10})
	assert.NoError(t, err, "want the shared strings within 1 KiB read")
}

func TestIsDateFormat(t *testing.T) {
	str := func(s string) *string { return &s }
	cases := []struct {
		builtin int
		custom  *string
		want    bool
	}{
		{14, nil, true}, {22, nil, true}, {0, nil, false}, {2, nil, false}, {49, nil, false},
		{0, str("dd-mm-yyyy"), true}, {0, str("[$-406]d. mmmm yyyy"), true}, {0, str("[h]:mm"), true},
		{0, str("#,##0.00"), false}, {0, str(`#,##0 "kr."`), false}, {0, str("[Red]0.00"), false},
		{0, str("0.00E+00"), false}, {0, str("General"), false}, {0, str(`0\d`), false}, {0, str("[Magenta]0"), false},
	}
	for _, c := range cases {
		code := ""
		if c.custom != nil {
			code = *c.custom
		}
		assert.Equal(t, c.want, isDateFormat(c.builtin, c.custom), "isDateFormat(%d, %q)", c.builtin, code)
	}
}
