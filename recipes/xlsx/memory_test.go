package xlsx

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

var (
	bigRows = flag.Int("bigrows", 0, "rows of the sheet TestMemoryBounded writes and reads (0 skips it)")
	bigPath = flag.String("bigpath", "", "where TestMemoryBounded keeps its workbook; when the file is there it is read, not written, so that a second run measures reading alone")
)

// TestMemoryBounded writes a sheet of -bigrows rows, every text distinct,
// and reads it through, checking that the heap stays far below the
// sheet's unpacked size. Run it with -bigrows 300000 to measure.
func TestMemoryBounded(t *testing.T) {
	if *bigRows == 0 {
		t.Skip("run with -bigrows N")
	}
	path := *bigPath
	if path == "" {
		path = filepath.Join(t.TempDir(), "big.xlsx")
	}
	if _, err := os.Stat(path); err != nil {
		writeBig(t, path, *bigRows)
	}
	runtime.GC()
	readBig(t, path)
}

// writeBig writes a sheet of n rows through excelize's stream writer.
func writeBig(t *testing.T, path string, n int) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw.SetRow("A1", []any{"Sag", "CPR", "Paragraf", "Start", "Beløb", "Konto", "Note"})
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("S%07d", i), fmt.Sprintf("P%07d", i%50000), "§ 107", excelize.Cell{StyleID: date, Value: 46000 + i%300}, float64(i%100000) / 100, fmt.Sprintf("0%07d", i%900), fmt.Sprintf("note %d", i)})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func readBig(t *testing.T, path string) {
	var peak uint64
	rd, err := Open(path, "big.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	n := 0
	for {
		_, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n%20000 == 0 {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
		}
	}
	if n != *bigRows {
		t.Fatalf("got %d rows, want %d", n, *bigRows)
	}
	t.Logf("%d rows read; heap in use at most %d MiB", n, peak>>20)
	if peak > 512<<20 {
		t.Errorf("heap in use reached %d MiB", peak>>20)
	}
}
