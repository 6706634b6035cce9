package xlsx

import "testing"

// BenchmarkOpen opens a small workbook and reads its rows: the cost of a
// workbook's opening, which the fuzz target pays once an input.
func BenchmarkOpen(b *testing.B) {
	path := grants(b)
	for b.Loop() {
		rd, err := Open(path, "bevillinger.xlsx", Options{Sheet: "Bevillinger"})
		if err != nil {
			b.Fatal(err)
		}
		readRows(b, rd, nil)
		rd.Close()
	}
}
