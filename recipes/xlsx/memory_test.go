package xlsx

import (
	"archive/zip"
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

var (
	bigRows = flag.Int("bigrows", 0, "rows of the sheet TestMemoryBounded writes and reads (0 skips it)")
	bigPath = flag.String("bigpath", "", "where TestMemoryBounded keeps its workbook; when the file is there it is read, not written, so that a second run measures reading alone")
)

// TestMemoryBounded writes a sheet of -bigrows rows, every case's texts
// distinct, and reads it through, checking that the heap stays far below
// the sheet's unpacked size. It does so twice: with the texts inline, as
// excelize's stream writer saves them, and as shared strings, as Excel
// saves every workbook, whose table the reader holds while it reads. Run it
// with -bigrows 300000 -v to measure.
func TestMemoryBounded(t *testing.T) {
	if *bigRows == 0 {
		t.Skip("run with -bigrows N")
	}
	for _, kind := range []struct {
		name  string
		write func(t *testing.T, path string, n int)
	}{{"inline", writeBig}, {"shared", writeSharedBig}} {
		t.Run(kind.name, func(t *testing.T) {
			path := *bigPath
			if path == "" {
				path = filepath.Join(t.TempDir(), "big.xlsx")
			}
			path = strings.TrimSuffix(path, ".xlsx") + "-" + kind.name + ".xlsx"
			if _, err := os.Stat(path); err != nil {
				kind.write(t, path, *bigRows)
			}
			runtime.GC()
			readBig(t, path)
		})
	}
}

// bigRow is row i of the big sheet: a case number, a person (one of
// 50,000), a paragraph, a day, an amount, an account with a leading zero,
// and a note.
func bigRow(i int) (sag, cpr, par string, day int, amount float64, konto, note string) {
	return fmt.Sprintf("S%07d", i), fmt.Sprintf("P%07d", i%50000), "§ 107", 46000 + i%300, float64(i%100000) / 100, fmt.Sprintf("0%07d", i%900), fmt.Sprintf("note %d", i)
}

var bigHeader = []string{"Sag", "CPR", "Paragraf", "Start", "Beløb", "Konto", "Note"}

// writeBig writes a sheet of n rows through excelize's stream writer,
// which saves texts inline in the sheet.
func writeBig(t *testing.T, path string, n int) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	header := make([]any, len(bigHeader))
	for i, h := range bigHeader {
		header[i] = h
	}
	sw.SetRow("A1", header)
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sag, cpr, par, day, amount, konto, note := bigRow(i)
		sw.SetRow(cell, []any{sag, cpr, par, excelize.Cell{StyleID: date, Value: day}, amount, konto, note})
	}
	require.NoError(t, sw.Flush())
	require.NoError(t, f.SaveAs(path))
	f.Close()
}

// writeSharedBig writes a sheet of n rows with every text a shared
// string, as Excel saves a workbook: the parts a workbook needs, the sheet
// referring to the strings by number, and the table of strings.
func writeSharedBig(t *testing.T, path string, n int) {
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	zw := zip.NewWriter(f)
	part := func(name, body string) {
		w, err := zw.Create(name)
		require.NoError(t, err)
		io.WriteString(w, body)
	}
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bevillinger" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	part("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`)
	index := map[string]int{}
	var texts []string
	ref := func(s string) int {
		i, ok := index[s]
		if !ok {
			i = len(texts)
			index[s] = i
			texts = append(texts, s)
		}
		return i
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">`)
	for _, h := range bigHeader {
		fmt.Fprintf(bw, `<c t="s"><v>%d</v></c>`, ref(h))
	}
	bw.WriteString(`</row>`)
	for i := range n {
		sag, cpr, par, day, amount, konto, note := bigRow(i)
		fmt.Fprintf(bw, `<row r="%d"><c t="s"><v>%d</v></c><c t="s"><v>%d</v></c><c t="s"><v>%d</v></c><c s="1"><v>%d</v></c><c><v>%v</v></c><c t="s"><v>%d</v></c><c t="s"><v>%d</v></c></row>`,
			i+2, ref(sag), ref(cpr), ref(par), day, amount, ref(konto), ref(note))
	}
	bw.WriteString(`</sheetData></worksheet>`)
	require.NoError(t, bw.Flush())
	w, err = zw.Create("xl/sharedStrings.xml")
	require.NoError(t, err)
	bw = bufio.NewWriter(w)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, 7*(n+1), len(texts))
	for _, s := range texts {
		fmt.Fprintf(bw, `<si><t>%s</t></si>`, s)
	}
	bw.WriteString(`</sst>`)
	require.NoError(t, bw.Flush())
	require.NoError(t, zw.Close())
	t.Logf("%d rows, %d shared strings", n, len(texts))
}

func readBig(t *testing.T, path string) {
	var peak uint64
	rd, err := Open(path, "big.xlsx", Options{})
	require.NoError(t, err)
	defer rd.Close()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("heap in use once opened: %d MiB (%d shared strings, %d MiB of text)", m.HeapInuse>>20, len(rd.sstEnd), len(rd.sst)>>20)
	n := readRows(t, rd, func(n int) {
		if n%20000 == 0 {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
		}
	})
	require.Equal(t, *bigRows, n, "rows read")
	t.Logf("%d rows read; heap in use at most %d MiB", n, peak>>20)
	assert.LessOrEqual(t, peak, uint64(128<<20), "heap in use reached %d MiB", peak>>20)
}
