package xlsx

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/mipack/mipack/recipes/csvx"
)

// FuzzRead opens any bytes as a workbook and reads every row: it must
// never panic, and every fault must be a *csvx.ParseError naming the file
// (and, past the header, the sheet and row).
func FuzzRead(f *testing.F) {
	good, err := os.ReadFile(grants(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.xlsx")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		placed := func(err error) {
			var pe *csvx.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.xlsx" {
				t.Fatalf("got %T %v, want a *csvx.ParseError naming fuzz.xlsx", err, err)
			}
		}
		rd, err := Open(path, "fuzz.xlsx", Options{MaxUnpacked: 64 << 20})
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
				if pe.Sheet == "" {
					t.Fatalf("got %v, want the sheet named", err)
				}
				return
			}
			if len(rd.Kinds()) != len(rd.Header()) {
				t.Fatalf("got %d kinds for %d columns", len(rd.Kinds()), len(rd.Header()))
			}
		}
	})
}
