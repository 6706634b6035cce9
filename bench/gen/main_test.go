package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mipack/mipack/recipes"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestCSVField(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Bostedet Søby", "Bostedet Søby"},
		{"comma", "Bostedet Søby, afd. 2", `"Bostedet Søby, afd. 2"`},
		{"quote", `Kærhuset "Fænø"`, `"Kærhuset ""Fænø"""`},
		{"quote and comma", `Vrå "Lyngå", Region Midt`, `"Vrå ""Lyngå"", Region Midt"`},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := csvField(tt.in); got != tt.want {
				t.Errorf("csvField(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestProviders(t *testing.T) {
	seen := map[string]bool{}
	quoted := 0
	for _, p := range providers() {
		if seen[p] {
			t.Errorf("provider %s appears twice", p)
		}
		seen[p] = true
		if strings.HasPrefix(p, `"`) {
			quoted++
		}
	}
	if got, want := len(seen), 300; got != want {
		t.Errorf("got %d providers, want %d", got, want)
	}
	if quoted < 50 {
		t.Errorf("got %d quoted provider names, want at least 50", quoted)
	}
}

// TestExtract reads a generated extract back with encoding/csv: every row
// has every field, and the columns hold what the recipe says they hold.
func TestExtract(t *testing.T) {
	var buf bytes.Buffer
	const rows = 5000
	n, err := writeExtract(&buf, config{rows: rows, citizens: 1000, seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n, int64(buf.Len()); got != want {
		t.Errorf("got %d bytes counted, want %d written", got, want)
	}
	records, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("the extract is not valid CSV: %v", err)
	}
	if got, want := len(records), rows+1; got != want {
		t.Fatalf("got %d records, want %d", got, want)
	}
	if got, want := strings.Join(records[0], ","), strings.TrimSuffix(header, "\n"); got != want {
		t.Errorf("got header %q, want %q", got, want)
	}
	empty := map[int]int{}
	for i, r := range records[1:] {
		if got, want := len(r), 10; got != want {
			t.Fatalf("row %d: got %d fields, want %d", i+1, got, want)
		}
		for col, v := range r {
			if v == "" {
				empty[col]++
			}
		}
		if !strings.HasPrefix(r[2], "§ ") {
			t.Errorf("row %d: got section %q, want it to start with \"§ \"", i+1, r[2])
		}
	}
	for _, col := range []int{6, 8} { // end date, amount
		if empty[col] == 0 {
			t.Errorf("column %s: got no empty cells, want some", records[0][col])
		}
	}
	for _, col := range []int{0, 1, 2, 3, 4, 5, 7} {
		if empty[col] != 0 {
			t.Errorf("column %s: got %d empty cells, want none", records[0][col], empty[col])
		}
	}
}

// TestDeterministic: the same seed writes the same bytes, another seed others.
func TestDeterministic(t *testing.T) {
	write := func(seed uint64) []byte {
		var buf bytes.Buffer
		if _, err := writeExtract(&buf, config{rows: 2000, citizens: 500, seed: seed}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(write(8), write(8)) {
		t.Errorf("got different extracts from seed 8 twice, want the same bytes")
	}
	if bytes.Equal(write(8), write(9)) {
		t.Errorf("got the same extract from seeds 8 and 9, want different bytes")
	}
}

// TestGolden pins the first rows of the default seed, so that a change to
// the generator (and so to the published figures) is seen in review.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if _, err := writeExtract(&buf, config{rows: 25, citizens: 100_000, seed: 8}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", t.Name(), "payments.csv")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./bench/gen -update to write it)", err)
	}
	if got := buf.String(); got != string(want) {
		t.Errorf("got extract\n%s\nwant\n%s", got, want)
	}
}

// TestRecipeChecks runs the command, then loads and checks the recipe it
// wrote against the extract it wrote: the benchmark's recipe must be valid.
func TestRecipeChecks(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-rows", "300", "-out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "300 rows"; !strings.Contains(got, want) {
		t.Errorf("got output %q, want it to contain %q", got, want)
	}
	r, err := recipes.Load(filepath.Join(dir, "bench.yaml"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if _, err := recipes.Check(r, recipes.Options{}); err != nil {
		t.Fatalf("Check: %v", err)
	}
}

func TestRunFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no out", []string{"-rows", "10"}, "-out DIR is required"},
		{"negative rows", []string{"-rows", "-1", "-out", "x"}, "-rows must be at least 0"},
		{"no citizens", []string{"-citizens", "0", "-out", "x"}, "-citizens at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(tt.args, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q): got error %v, want one containing %q", tt.args, err, tt.want)
			}
		})
	}
}

func BenchmarkWriteExtract(b *testing.B) {
	c := config{rows: 100_000, citizens: 100_000, seed: 8}
	var n int64
	for b.Loop() {
		var err error
		if n, err = writeExtract(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(n)
}
