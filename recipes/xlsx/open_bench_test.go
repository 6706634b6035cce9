package xlsx

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkOpen opens a small workbook and reads its rows: the cost of a
// workbook's opening, which the fuzz target pays once an input.
func BenchmarkOpen(b *testing.B) {
	path := grants(b)
	for b.Loop() {
		rd, err := Open(path, "bevillinger.xlsx", Options{Sheet: "Bevillinger"})
		require.NoError(b, err)
		readRows(b, rd, nil)
		rd.Close()
	}
}
