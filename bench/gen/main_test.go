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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
			assert.Equal(t, tt.want, csvField(tt.in), "csvField(%q)", tt.in)
		})
	}
}

func TestProviders(t *testing.T) {
	seen := map[string]bool{}
	quoted := 0
	for _, p := range providers() {
		assert.False(t, seen[p], "provider %s appears twice", p)
		seen[p] = true
		if strings.HasPrefix(p, `"`) {
			quoted++
		}
	}
	assert.Len(t, seen, 300, "providers")
	assert.GreaterOrEqual(t, quoted, 50, "quoted provider names")
}

// TestExtract reads a generated extract back with encoding/csv: every row
// has every field, and the columns hold what the recipe says they hold.
func TestExtract(t *testing.T) {
	var buf bytes.Buffer
	const rows = 5000
	n, err := writeExtract(&buf, config{rows: rows, citizens: 1000, seed: 8})
	require.NoError(t, err)
	assert.Equal(t, int64(buf.Len()), n, "bytes counted, against those written")
	records, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	require.NoError(t, err, "the extract is not valid CSV")
	require.Len(t, records, rows+1, "records")
	assert.Equal(t, strings.TrimSuffix(header, "\n"), strings.Join(records[0], ","), "header")
	empty := map[int]int{}
	for i, r := range records[1:] {
		require.Len(t, r, 10, "row %d: fields", i+1)
		for col, v := range r {
			if v == "" {
				empty[col]++
			}
		}
		assert.True(t, strings.HasPrefix(r[2], "§ "), "row %d: got section %q, want it to start with \"§ \"", i+1, r[2])
	}
	for _, col := range []int{6, 8} { // end date, amount
		assert.NotZero(t, empty[col], "column %s: got no empty cells, want some", records[0][col])
	}
	for _, col := range []int{0, 1, 2, 3, 4, 5, 7} {
		assert.Zero(t, empty[col], "column %s: empty cells", records[0][col])
	}
}

// TestDeterministic: the same seed writes the same bytes, another seed others.
func TestDeterministic(t *testing.T) {
	write := func(seed uint64) []byte {
		var buf bytes.Buffer
		_, err := writeExtract(&buf, config{rows: 2000, citizens: 500, seed: seed})
		require.NoError(t, err)
		return buf.Bytes()
	}
	assert.Equal(t, write(8), write(8), "extracts from seed 8 twice")
	assert.NotEqual(t, write(8), write(9), "got the same extract from seeds 8 and 9, want different bytes")
}

// TestGolden pins the first rows of the default seed, so that a change to
// the generator (and so to the published figures) is seen in review.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	_, err := writeExtract(&buf, config{rows: 25, citizens: 100_000, seed: 8})
	require.NoError(t, err)
	golden := filepath.Join("testdata", t.Name(), "payments.csv")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./bench/gen -update to write it")
	assert.Equal(t, string(want), buf.String(), "extract")
}

// TestRecipeChecks runs the command, then loads and checks the recipe it
// wrote against the extract it wrote: the benchmark's recipe must be valid.
func TestRecipeChecks(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run([]string{"-rows", "300", "-out", dir}, &out))
	assert.Contains(t, out.String(), "300 rows", "output")
	r, err := recipes.Load(filepath.Join(dir, "bench.yaml"))
	require.NoError(t, err, "Load")
	_, err = recipes.Check(r, recipes.Options{})
	require.NoError(t, err, "Check")
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
			assert.ErrorContains(t, err, tt.want, "run(%q)", tt.args)
		})
	}
}

func BenchmarkWriteExtract(b *testing.B) {
	c := config{rows: 100_000, citizens: 100_000, seed: 8}
	var n int64
	for b.Loop() {
		var err error
		n, err = writeExtract(io.Discard, c)
		require.NoError(b, err)
	}
	b.SetBytes(n)
}
