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
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// rewritePart replaces old with new in one part of a zip archive, as a
// workbook saved by Excel differs from one excelize writes (cached formula
// results, the 1904 date system).
func rewritePart(t testing.TB, path, part, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	b = rezip(t, b, func(name string, data []byte) ([]byte, uint16) {
		if name != part {
			return data, zip.Deflate
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s holds no %q: %s", part, old, data)
		}
		found = true
		return []byte(strings.Replace(string(data), old, new, 1)), zip.Deflate
	})
	if !found {
		t.Fatalf("no part %s", part)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// rezip writes a zip archive anew, each entry's data and method as edit
// returns them.
func rezip(t testing.TB, b []byte, edit func(name string, data []byte) ([]byte, uint16)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		data, method := edit(zf.Name, data)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
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
		if err != nil {
			t.Fatalf("after %d rows: got %v", n, err)
		}
		n++
		if each != nil {
			each(n)
		}
	}
}

func set(t testing.TB, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
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
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if got, want := strings.Join(rd.Header(), "|"), "Sag|Start|Beløb|Konto|Tekstbeløb|Aktiv"; got != want {
		t.Errorf("got header %q, want %q", got, want)
	}
	if got := rd.HeaderRow(); got != 3 {
		t.Errorf("got header row %d, want 3 (row 2 is empty)", got)
	}
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
		if err != nil {
			t.Fatalf("row %d: %v", w.row, err)
		}
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = string(f)
		}
		if got := strings.Join(parts, "|"); got != w.fields || rd.Line() != w.row {
			t.Errorf("got row %d %q, want row %d %q", rd.Line(), got, w.row, w.fields)
		}
		for i, k := range rd.Kinds() {
			if k != w.kinds[i] {
				t.Errorf("row %d, field %d: got kind %d, want %d", w.row, i, k, w.kinds[i])
			}
		}
	}
	if _, err := rd.Read(); err != io.EOF {
		t.Errorf("got %v after the last row, want io.EOF", err)
	}
	if got := rd.Hidden(); got != 1 {
		t.Errorf("got %d hidden rows, want 1", got)
	}
	d, err := rd.DateOf([]byte("46023"))
	if err != nil || !d.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("got DateOf(46023) %v, %v; want 2026-01-01", d, err)
	}
}

func TestFirstSheetInWorkbookOrder(t *testing.T) {
	path := workbook(t, "two.xlsx", func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", "first")
		i, _ := f.NewSheet("Second")
		set(t, f, "Second", "A1", "second")
		f.SetActiveSheet(i)
	})
	rd, err := Open(path, "two.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if got := rd.Sheet() + ":" + rd.Header()[0]; got != "Sheet1:first" {
		t.Errorf("got %s, want the first sheet, not the active one", got)
	}
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
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	fields, err := rd.Read()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(fields[0]) + " " + string(rune('0'+rd.Kinds()[0])); got != "2.0000000000000004 2" {
		t.Errorf("got %q, want the cached result as a number", got)
	}
	d, _ := rd.DateOf(fields[1])
	if got, want := d.Format("2006-01-02"), "2030-01-02"; got != want {
		t.Errorf("got %s in the 1904 date system, want %s", got, want)
	}
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
		if got := pe.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
		if got := pe.Place(); got != c.wantPlace {
			t.Errorf("got place %q, want %q", got, c.wantPlace)
		}
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
		var pe *csvx.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.text) || !strings.HasPrefix(err.Error(), filepath.Base(c.path)+": ") {
			t.Errorf("%s: got %v, want a *csvx.ParseError naming the file, with %v and %q", filepath.Base(c.path), err, c.want, c.text)
		}
	}
}

func TestTooLarge(t *testing.T) {
	path := grants(t)
	_, err := Open(path, "bevillinger.xlsx", Options{MaxUnpacked: 1 << 10})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
	_, err = Open(path, "bevillinger.xlsx", Options{Sheet: "Bevillinger", MaxStrings: 16})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "shared strings hold more than") {
		t.Errorf("got %v, want ErrTooLarge for the shared strings", err)
	}
	if _, err = Open(path, "bevillinger.xlsx", Options{Sheet: "Bevillinger", MaxStrings: 1 << 10}); err != nil {
		t.Errorf("got %v, want the shared strings within 1 KiB read", err)
	}
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
		if got := isDateFormat(c.builtin, c.custom); got != c.want {
			code := ""
			if c.custom != nil {
				code = *c.custom
			}
			t.Errorf("isDateFormat(%d, %q): got %v, want %v", c.builtin, code, got, c.want)
		}
	}
}
