package recipes

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/fault"
	"github.com/mipack/mipack/render/pack"
)

// hostileRecipe reads one extract, g.csv, with a typed amount column.
const hostileRecipe = `title: Hostile
period: 2026-10
sources:
  g:
    file: g.csv
    columns: {grp: string, amount: number}
sections:
  - id: s
    title: S
    from: g
    group_by: grp
    measures: {a: sum(amount)}
    reservations: ["Test."]
`

// aliasBomb is the "billion laughs": nine levels of nine aliases each,
// 9^9 values when expanded, put under key.
func aliasBomb(key string) string {
	var b strings.Builder
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n")
		prev = n
	}
	b.WriteString(key + ": *i\n")
	return b.String()
}

// TestHostileRecipes feeds recipes built to exhaust the loader; each must
// fail fast with a fault placed in the recipe.
func TestHostileRecipes(t *testing.T) {
	tests := []struct {
		name   string
		recipe string
		want   string // the first line of the error, after the recipe's path
	}{
		{
			name:   "billion laughs in a text",
			recipe: aliasBomb("title"),
			want:   `:1:1: a: unknown key "a"`,
		},
		{
			name:   "billion laughs in a list of sections",
			recipe: aliasBomb("sections"),
			want:   `:1:1: a: unknown key "a"`,
		},
		{
			name:   "billion laughs in group_by",
			recipe: strings.Replace(aliasBomb("title"), "title: *i", "sections: [{group_by: *i}]", 1),
			want:   `:1:1: a: unknown key "a"`,
		},
		{
			// Aliases where the recipe's shape allows them: 1,000 sections,
			// each with the same 1,000 group_by columns, from 9 KB of text.
			name: "aliases that fit the recipe's shape",
			recipe: "sections:\n  - &s {id: s, group_by: &g [" + strings.TrimSuffix(strings.Repeat("a, ", 1000), ", ") + "]}\n" +
				strings.Repeat("  - *s\n", 1000),
			want: ":2:1221: sections[199].group_by[397]: the recipe has more than 200000 YAML nodes (aliases expanded); refusing to read it",
		},
		{
			name:   "deep flow nesting",
			recipe: "title: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n",
			want:   ":1:1: YAML syntax error: exceeded max depth of 10000",
		},
		{
			name:   "deep block nesting",
			recipe: "title: T\nsections:\n" + strings.Repeat("- ", 20_000) + "x\n",
			want:   ":2:1: YAML syntax error: exceeded max depth of 10000",
		},
		{
			name:   "binary garbage",
			recipe: "\x00\x01\x02\xff\xfe\x00garbage\x00\n",
			want:   ":1:4: the recipe is not UTF-8 text; save it as UTF-8",
		},
		{
			name:   "control characters",
			recipe: "\x00\x01\x02garbage\x00\n",
			want:   ":1:1: YAML syntax error: control characters are not allowed",
		},
		{
			name:   "UTF-16 with its byte order mark",
			recipe: "\xff\xfe( 00",
			want:   ":1:1: the recipe is not UTF-8 text; save it as UTF-8",
		},
		{
			name:   "only a document marker",
			recipe: "---",
			want:   ":1:1: the recipe is empty",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := office(t, tt.recipe, nil)
			var err error
			withDeadline(t, "Load and Check", func() { _, err = runRecipe(path, Options{}) })
			require.Error(t, err, "want %q", path+tt.want)
			first, _, _ := strings.Cut(err.Error(), "\n")
			assert.Equal(t, path+tt.want, first, "first line")
			recipeErrors(t, err, path, lineCount([]byte(tt.recipe)))
		})
	}
}

// TestHostileRecipeTooLarge checks the recipe size limit comes before
// any parsing.
func TestHostileRecipeTooLarge(t *testing.T) {
	path := office(t, "title: T\n# "+strings.Repeat("x", MaxRecipeBytes)+"\n", nil)
	_, err := Load(path)
	want := fmt.Sprintf("%s: recipe is %d bytes; the limit is %d", path, MaxRecipeBytes+12, MaxRecipeBytes)
	assert.EqualError(t, err, want)
}

// TestHostileExtracts runs a valid recipe over extracts that are broken
// in the ways real exports break; each fault names the file and place.
func TestHostileExtracts(t *testing.T) {
	withEncoding := strings.Replace(hostileRecipe, "file: g.csv", "file: g.csv\n    encoding: utf-8", 1)
	tests := []struct {
		name   string
		recipe string
		csv    string
		want   string // the error with the office's directory as DIR; "" for none
		is     error  // a sentinel the error must wrap, when set
		rows   [][]any
	}{
		{
			name: "no newline at the end", csv: "grp,amount\nA,1.5",
			rows: [][]any{{"A", 1.5}},
		},
		{
			name: "a header and no newline at all", csv: "grp,amount",
			rows: [][]any{},
		},
		{
			name: "binary garbage", csv: "\x00\x01\x02\xff\xfe\x00garbage\x00\n\x89PNG\r\n",
			want: `DIR/recipe.yaml:6:15: sources.g.columns.grp: g.csv has no column "grp" (its header: "\x00\x01\x02ÿþ\x00garbage\x00")` + "\n" +
				`DIR/recipe.yaml:6:28: sources.g.columns.amount: g.csv has no column "amount" (its header: "\x00\x01\x02ÿþ\x00garbage\x00")`,
			is: fault.ErrUnknownColumn,
		},
		{
			name: "binary garbage after the header", csv: "grp,amount\nA,1\n\x00\x01\x02\xff\xfe\x00garbage\x00\n",
			want: "DIR/g.csv:3:1: 1 fields, header has 2",
			is:   csvx.ErrFieldCount,
		},
		{
			name: "invalid UTF-8 in a UTF-8 file", recipe: withEncoding, csv: "grp,amount\nA,1\nB\xff\xfe,2\n",
			want: "DIR/g.csv:3:2: grp: byte 0xFF is not UTF-8. Try: encoding: windows-1252",
			is:   csvx.ErrInvalidUTF8,
		},
		{
			name: "the header repeated mid-file", csv: "grp,amount\nA,1\nB,2\ngrp,amount\nC,3\n",
			want: `DIR/g.csv:4:5: amount: "amount" is not a number (decimal separator ".")`,
		},
		{
			name: "a column name twice", csv: "grp,amount,amount\nA,1,2\n",
			want: `DIR/recipe.yaml:6:28: sources.g.columns.amount: g.csv has the header "amount" more than once`,
			is:   fault.ErrDuplicate,
		},
		{
			name: "an empty file", csv: "",
			// The section reading the source is not also told it is unknown.
			want: "DIR/recipe.yaml:5:11: sources.g.file: DIR/g.csv: no header line: the file is empty",
			is:   csvx.ErrNoHeader,
		},
		{
			name: "UTF-16", csv: "\xff\xfeg\x00r\x00p\x00",
			want: "DIR/recipe.yaml:5:11: sources.g.file: DIR/g.csv: the file is UTF-16; save it as UTF-8 or Windows-1252",
			is:   csvx.ErrEncoding,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recipe := tt.recipe
			if recipe == "" {
				recipe = hostileRecipe
			}
			path := office(t, recipe, map[string]string{"g.csv": tt.csv})
			dir := filepath.Dir(path)
			p, err := runRecipe(path, Options{})
			if tt.want == "" {
				require.NoError(t, err)
				// Rows are compared as printed, whatever the number type of a cell.
				assert.Equal(t, fmt.Sprint(tt.rows), fmt.Sprint(p.Sections[0].Rows), "rows")
				return
			}
			require.Error(t, err, "want %q", tt.want)
			assert.Equal(t, tt.want, strings.ReplaceAll(err.Error(), dir, "DIR"), "error")
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
		})
	}
}

// TestHostileSourcePaths names extracts that are not files to read.
func TestHostileSourcePaths(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  string
	}{
		{
			name:  "missing",
			setup: func(t *testing.T, path string) {},
			want:  "DIR/recipe.yaml:5:11: sources.g.file: extract DIR/g.csv does not exist",
		},
		{
			name: "a directory",
			setup: func(t *testing.T, path string) {
				require.NoError(t, os.Mkdir(path, 0o755))
			},
			want: "DIR/recipe.yaml:5:11: sources.g.file: extract DIR/g.csv is a directory, not a CSV file",
		},
		{
			// A named pipe would block the run for ever.
			name: "a named pipe",
			setup: func(t *testing.T, path string) {
				mkfifo, err := exec.LookPath("mkfifo")
				if err != nil {
					t.Skip("mkfifo is not installed")
				}
				if out, err := exec.Command(mkfifo, path).CombinedOutput(); err != nil {
					t.Skipf("mkfifo: %v: %s", err, out)
				}
			},
			want: "DIR/recipe.yaml:5:11: sources.g.file: extract DIR/g.csv is not a regular file (p---------)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := office(t, hostileRecipe, nil)
			dir := filepath.Dir(path)
			tt.setup(t, filepath.Join(dir, "g.csv"))
			var err error
			withDeadline(t, "run", func() { _, err = runRecipe(path, Options{}) })
			require.Error(t, err, "want %q", tt.want)
			first, _, _ := strings.Cut(err.Error(), "\n")
			assert.Equal(t, tt.want, strings.ReplaceAll(first, dir, "DIR"), "first line")
		})
	}
}

// TestHostileHugeField reads an extract with a 100 MB field: the run
// stops at the field, naming file and line, without holding the field.
func TestHostileHugeField(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB file")
	}
	path := office(t, hostileRecipe, nil)
	dir := filepath.Dir(path)
	f, err := os.Create(filepath.Join(dir, "g.csv"))
	require.NoError(t, err)
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("grp,amount\nA,1\nB,")
	chunk := strings.Repeat("9", 1<<20)
	for range 100 {
		w.WriteString(chunk)
	}
	w.WriteString("\nC,3\n")
	require.NoError(t, errors.Join(w.Flush(), f.Close()))
	for _, onError := range []string{"reject", "skip"} {
		t.Run(onError, func(t *testing.T) {
			recipe := strings.Replace(hostileRecipe, "file: g.csv", "file: g.csv\n    on_error: "+onError, 1)
			require.NoError(t, os.WriteFile(path, []byte(recipe), 0o644))
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := runRecipe(path, Options{})
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			want := "DIR/g.csv:3:3: amount: field longer than 16777216 bytes (is a quote left open?)"
			require.Error(t, err, "want %q", want)
			assert.Equal(t, want, strings.ReplaceAll(err.Error(), dir, "DIR"), "error")
			assert.ErrorIs(t, err, csvx.ErrFieldTooLong)
			// The reader holds at most a few times the field limit, never the field.
			grew := after.TotalAlloc - before.TotalAlloc
			assert.LessOrEqual(t, grew, uint64(100<<20), "bytes allocated reading the extract (%d MB), want less than the 100 MB field", grew>>20)
		})
	}
}

// TestExtractChangedWhileRead writes to, cuts or replaces an extract while
// the run reads it: the run fails naming the file rather than make figures
// from two versions of it.
func TestExtractChangedWhileRead(t *testing.T) {
	var b strings.Builder
	b.WriteString("grp,amount\n")
	for i := range 50_000 {
		fmt.Fprintf(&b, "G%d,%d.25\n", i%7, i)
	}
	csv := b.String()
	tests := []struct {
		name   string
		change func(path string) error
		want   string
	}{
		{
			name: "appended",
			change: func(path string) error {
				f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					return err
				}
				_, err = f.WriteString("G1,1.5\nG2,2.5\n")
				return errors.Join(err, f.Close())
			},
			want: fmt.Sprintf("DIR/g.csv: extract changed while being read: %d bytes when reading began, %d bytes read, %d bytes now", len(csv), len(csv)+14, len(csv)+14),
		},
		{
			name: "truncated",
			change: func(path string) error {
				cut := strings.Index(csv[len(csv)/2:], "\n") + len(csv)/2 + 1
				return os.Truncate(path, int64(cut))
			},
			want: "DIR/g.csv: extract changed while being read: ",
		},
		{
			name: "replaced",
			change: func(path string) error {
				tmp := path + ".new"
				if err := os.WriteFile(tmp, []byte(csv), 0o644); err != nil {
					return err
				}
				return os.Rename(tmp, path)
			},
			want: fmt.Sprintf("DIR/g.csv: extract changed while being read: %d bytes when reading began, %d bytes read, %d bytes now", len(csv), len(csv), len(csv)),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := office(t, hostileRecipe, map[string]string{"g.csv": csv})
			dir := filepath.Dir(path)
			extract := filepath.Join(dir, "g.csv")
			r, err := Load(path)
			require.NoError(t, err)
			pl, err := Check(r, Options{})
			require.NoError(t, err)
			changed := false
			var changeErr error
			progress := func(_ string, read, size int64) {
				if !changed && read > 0 && read < size {
					changed = true
					changeErr = tt.change(extract)
				}
			}
			_, err = pl.Run(context.Background(), engine.RunOptions{Generated: time.Unix(0, 0), Generator: "mipack test", Progress: progress})
			require.NoError(t, changeErr, "changing the extract")
			require.True(t, changed, "got no progress report mid-read to change the extract at")
			require.Error(t, err, "want %q", tt.want)
			got := strings.ReplaceAll(err.Error(), dir, "DIR")
			assert.True(t, strings.HasPrefix(got, tt.want), "error %q, want it to start %q", got, tt.want)
			assert.ErrorIs(t, err, fault.ErrExtractChanged)
		})
	}
}

// realData is the shared folder of real public extracts beside the
// repository; tests skip when it is absent.
func realData(t *testing.T, name string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "..", "shared", "data", "real", name))
	require.NoError(t, err)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real-world extract %s is absent (the shared data folder sits beside the repository): %v", name, err)
	}
	return path
}

// TestRealWorldOxford sums Oxford City Council's spending over £500 by
// service area. The amounts have up to two decimals; a float sum drifts to
// 17382055.899999995, the pack must show exactly 17382055.90.
func TestRealWorldOxford(t *testing.T) {
	data := realData(t, "uk_oxford_expenditure-over-500_2017-oct-dec.csv")
	recipe := fmt.Sprintf(`title: Oxford expenditure over £500
period: 2017-12
sources:
  spend:
    file: %q
    columns:
      service_area: {from: "Service Area", type: string}
      amount: {from: "Amount", type: number}
      paid: {from: "Paid Date", type: date, layout: "02/01/2006"}
sections:
  - id: by_area
    title: Spending by service area
    from: spend
    group_by: service_area
    measures: {amount: sum(amount), payments: count()}
    order_by: [service_area]
    total: true
    reservations: ["Published payments over £500; credits are negative."]
`, data)
	p := mustRun(t, recipe, nil)
	s := section(t, p, "by_area")
	assert.Equal(t, 17382055.90, s.Total[1], "total, exactly")
	assert.Equal(t, int64(3855), s.Total[2], "payments")
	src := p.Provenance.Sources[0]
	assert.Equal(t, int64(3855), src.RowsRead, "rows read")
	assert.Equal(t, int64(0), src.RowsSkipped, "rows skipped")
	var sum float64
	for _, row := range s.Rows {
		sum += row[1].(float64)
	}
	assert.InDelta(t, 17382055.90, sum, 0.005, "the rows' sum, want the total")
}

// TestRealWorldLambeth reads Lambeth's payments report: a 9-line preamble
// before the header on line 10, ragged rows, a "Total" row and trailing
// junk. With on_error: skip the bad rows are left out, counted, and named
// in the automatic reservation; `where` keeps the invoice lines, leaving the
// report's own total row (£40,292,334.84) out. The expected figures were
// worked out apart from mipack, with Python's csv and decimal modules:
// 639 rows that do not read, 2,516 invoice lines summing to £39,775,940.53.
func TestRealWorldLambeth(t *testing.T) {
	data := realData(t, "uk_lambeth_payments-to-suppliers_2012-06.csv")
	recipe := fmt.Sprintf(`title: Lambeth payments to suppliers
period: 2012-06
sources:
  pay:
    file: %q
    header_line: 10
    on_error: skip
    columns:
      body: {from: "Body", type: string}
      department: {from: "Department", type: string}
      amount: {from: "Invoice Nett Amount", type: number}
      created: {from: "Invoice Creation Date", type: date, layout: "02/01/2006"}
sections:
  - id: by_department
    title: Payments by department
    from: pay
    where: body == "Lambeth"
    group_by: department
    measures: {amount: sum(amount), invoices: count()}
    total: true
    reservations: ["Invoices over £500 as published; the report's own total is not reconciled."]
`, data)
	p := mustRun(t, recipe, nil)
	s := section(t, p, "by_department")
	src := p.Provenance.Sources[0]
	assert.Equal(t, int64(639), src.RowsSkipped, "rows skipped")
	note := footnote(t, s, pack.FootnoteSkipped)
	want := "639 rows of uk_lambeth_payments-to-suppliers_2012-06.csv could not be read and were skipped (first: "
	assert.True(t, strings.HasPrefix(note.Text, want), "skip reservation %q, want it to start %q", note.Text, want)
	want = "(first: uk_lambeth_payments-to-suppliers_2012-06.csv:19:1)."
	assert.True(t, strings.HasSuffix(note.Text, want), "skip reservation %q, want it to end %q", note.Text, want)
	assert.Equal(t, 39775940.53, s.Total[1], "total amount")
	assert.Equal(t, int64(2516), s.Total[2], "invoices in the total")
	footnote(t, s, pack.FootnoteFiltered)
}
