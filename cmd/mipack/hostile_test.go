package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/render/csvout"
	"github.com/mipack/mipack/render/html"
	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

// panicRenderer writes half a file, then panics.
type panicRenderer struct{}

func (panicRenderer) Render(w io.Writer, p *pack.Pack) error {
	io.WriteString(w, "<html><body>half a pack")
	panic("index out of range [3] with length 3")
}

// failRenderer writes half a file, then fails.
type failRenderer struct{}

func (failRenderer) Render(w io.Writer, p *pack.Pack) error {
	io.WriteString(w, "<html><body>half a pack")
	return errors.New("font not found")
}

var (
	_ renderer = panicRenderer{}
	_ renderer = failRenderer{}
)

func TestRenderSafely(t *testing.T) {
	tests := []struct {
		name string
		r    renderer
		want string
	}{
		{"panic", panicRenderer{}, "renderer failed: index out of range [3] with length 3"},
		{"error", failRenderer{}, "font not found"},
		{"json", jsonRenderer{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := renderSafely(tt.r, &buf, packtest.Sample())
			if tt.want == "" {
				assert.NoError(t, err)
			} else {
				assert.EqualError(t, err, tt.want)
			}
		})
	}
}

// earlierPack writes an earlier pack's files into dir and returns their
// contents by name.
func earlierPack(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{
		"monthly-2026-10.json": []byte(`{"title": "earlier"}` + "\n"),
		"monthly-2026-10.html": []byte("<html>earlier</html>\n"),
		"monthly-2026-10.pdf":  []byte("%PDF-1.4 earlier\n"),
	}
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	return files
}

// checkUnchanged fails unless dir holds exactly the files, byte for byte:
// no temporary file, nothing half written.
func checkUnchanged(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		want, ok := files[e.Name()]
		if !ok {
			assert.Equal(t, "blocked.pdf", e.Name(), "got file %s left in the output directory, want none", e.Name())
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s: want the earlier contents", e.Name())
	}
	tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	assert.Empty(t, tmps, "got temporary files left behind, want none")
}

// TestWriteAllFailureKeepsEarlierPack makes the last of three writes fail
// after the first two have been written to temporary files.
func TestWriteAllFailureKeepsEarlierPack(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the failing file's path
	}{
		{
			name: "output directory cannot be made",
			setup: func(t *testing.T, dir string) string {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "blocked.pdf"), nil, 0o644))
				return filepath.Join(dir, "blocked.pdf", "monthly-2026-10.pdf")
			},
		},
		{
			name: "target is a directory",
			setup: func(t *testing.T, dir string) string {
				require.NoError(t, os.Mkdir(filepath.Join(dir, "blocked.pdf"), 0o755))
				require.NoError(t, os.WriteFile(filepath.Join(dir, "blocked.pdf", "keep"), nil, 0o644))
				return filepath.Join(dir, "blocked.pdf")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			before := earlierPack(t, dir)
			failing := tt.setup(t, dir)
			err := writeAll([]outputFile{
				{path: filepath.Join(dir, "monthly-2026-10.json"), data: []byte(`{"title": "new"}`)},
				{path: filepath.Join(dir, "monthly-2026-10.html"), data: []byte("<html>new</html>")},
				{path: failing, data: []byte("%PDF-1.4 new")},
			})
			require.Error(t, err, "want one for %s", failing)
			assert.ErrorContains(t, err, filepath.Join(dir, "blocked.pdf"), "want the error to name the blocked path")
			checkUnchanged(t, dir, before)
		})
	}
}

// hostilePack is the sample pack with every text a reader sees set to a
// script, found by walking the model.
func hostilePack(text string) *pack.Pack {
	p := packtest.Sample()
	setStrings(reflect.ValueOf(p).Elem(), text)
	return p
}

// setStrings sets every string reachable from v to text, except values
// the renderers read as identifiers or formats: ids are letters and
// digits by contract, and types, kinds, colours, dates, periods and
// locales are validated by the engine.
func setStrings(v reflect.Value, text string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			e := v.Elem()
			if v.Kind() == reflect.Interface && e.Kind() == reflect.String && v.CanSet() {
				v.Set(reflect.ValueOf(text))
				return
			}
			setStrings(e, text)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			switch name := v.Type().Field(i).Name; name {
			case "ID", "Kind", "Type", "ValueType", "Color", "Locale", "Period", "PeriodStart", "PeriodEnd",
				"Audience", "GeneratedAt", "Mark", "X", "Y", "Series", "Column", "Columns", "RecipeSHA256", "SHA256":
				continue
			case "Name":
				// A column's or source's name is an identifier from the
				// recipe; a chart series' name is a value from an extract.
				if v.Type() != reflect.TypeFor[pack.Series]() {
					continue
				}
			}
			setStrings(v.Field(i), text)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			setStrings(v.Index(i), text)
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(text)
		}
	}
}

// TestHTMLEscapesEveryText renders a pack whose every text is a script:
// the page must show the text, never run it.
func TestHTMLEscapesEveryText(t *testing.T) {
	const script = `<script>alert(1)</script>`
	p := hostilePack(script)
	require.Equal(t, script, p.Title, "want every text set to the script")
	require.Equal(t, script, p.Sections[0].Footnotes[0].Text, "want every text set to the script")
	require.Equal(t, script, p.Sections[0].ColumnInfo[0].Label, "want every text set to the script")
	var buf bytes.Buffer
	require.NoError(t, (html.Renderer{}).Render(&buf, p), "render")
	page := buf.String()
	// -1: none. The message shows the script where one is found.
	i := strings.Index(page, "<script>alert")
	assert.Equal(t, -1, i, "got an unescaped script in the page: …%s…", page[max(0, i-80):min(len(page), i+40)])
	n := strings.Count(page, "&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.GreaterOrEqual(t, n, 10, "got the escaped text %d times, want it shown wherever the pack has text (10 or more)", n)
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	require.NotNil(t, csp, "got no Content-Security-Policy meta tag, want one")
	assert.NotContains(t, csp[1], "unsafe-eval", "want no 'unsafe-eval' in the CSP")
}

// TestCSVNeutralisesEveryText writes the same pack with every text a
// formula as CSV: no cell may start one, while negative figures stay numbers.
func TestCSVNeutralisesEveryText(t *testing.T) {
	const formula = `=HYPERLINK("http://evil.example","x")`
	p := hostilePack(formula)
	p.Sections[0].Rows[0][2] = -182700.5
	p.Sections[0].ColumnInfo[2].Decimals = 1
	var buf bytes.Buffer
	require.NoError(t, (csvout.Renderer{}).Render(&buf, p), "render")
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
	r.Comma = csvout.Separator(locale.For(p.Locale))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	require.NoError(t, err, "read the CSV back")
	quoted, negative := 0, 0
	for i, rec := range recs {
		for j, cell := range rec {
			switch {
			case cell == "'"+formula:
				quoted++
			case cell == "-182700,5":
				negative++
			case strings.HasPrefix(strings.TrimLeft(cell, " "), "=") || strings.HasPrefix(cell, "+") || strings.HasPrefix(cell, "-") || strings.HasPrefix(cell, "@"):
				assert.Failf(t, "a cell starts a formula", "record %d cell %d: got %q, which a spreadsheet runs", i+1, j+1, cell)
			}
		}
	}
	assert.GreaterOrEqual(t, quoted, 10, "got %d quoted formulas, want every text quoted (10 or more)", quoted)
	assert.Equal(t, 1, negative, "the negative figure as a number")
}

// TestReportExtractChanged checks an extract that changed while being read
// is reported as bad input with a next step, not as a bad row.
func TestReportExtractChanged(t *testing.T) {
	err := &csvx.ParseError{File: "extracts/pay.csv", Err: fmt.Errorf("%w: 100 bytes when reading began, 50 bytes read, 50 bytes now", recipes.ErrExtractChanged)}
	var stderr bytes.Buffer
	assert.Equal(t, exitBadInput, report(err, &stderr), "exit status")
	want := "extracts/pay.csv: extract changed while being read: 100 bytes when reading began, 50 bytes read, 50 bytes now\n" +
		"Try: run again once the extract is written in full; copy it aside first if it is still being exported.\n"
	assert.Equal(t, want, stderr.String(), "stderr")
}

// TestReportPutsEachHintAfterItsFault checks that a "Try:" line follows
// the faults it fits, not the last fault printed, and that a fault that
// says its own "Try:", or a fault of a whole extract, gets none.
func TestReportPutsEachHintAfterItsFault(t *testing.T) {
	const rowHint = "Try: fix the row, or set `on_error: skip` on the source to leave bad rows out (they are counted in a reservation)."
	const reservationHint = "Try: name a pack-wide reservation by id under the section's `reservations:`, or write one in quotes."
	row := func(line int, msg string) error {
		return &csvx.ParseError{File: "pay.csv", Line: line, Column: 4, Field: "amount", Err: errors.New(msg)}
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{
			name: "a reservation's hint before the fault after it",
			err: errors.Join(
				&recipes.Error{File: "r.yaml", Line: 16, Col: 5, Path: "sections[0].reservations", Err: fmt.Errorf("%w: section \"s1\" names none", recipes.ErrNoReservation)},
				&recipes.Error{File: "r.yaml", Line: 23, Col: 14, Path: "sections[0].measures.total", Err: fmt.Errorf("%w: unknown column \"amout\"", recipes.ErrUnknownColumn)},
			),
			want: "r.yaml:16:5: sections[0].reservations: no reservation: section \"s1\" names none\n" + reservationHint + "\n" +
				"r.yaml:23:14: sections[0].measures.total: unknown column: unknown column \"amout\"\n",
		},
		{
			name: "bad rows, one with a hint of its own",
			err: errors.Join(row(2, `"1x" is not a number`), row(3, `"2x" is not a number`),
				row(4, `"02-10-2026" is not a date. Try: layout: "02-01-2006"`), row(5, `"3x" is not a number`),
				&recipes.TooManyBadRows{File: "pay.csv", More: 10}),
			want: "pay.csv:2:4: amount: \"1x\" is not a number\npay.csv:3:4: amount: \"2x\" is not a number\n" + rowHint + "\n" +
				"pay.csv:4:4: amount: \"02-10-2026\" is not a date. Try: layout: \"02-01-2006\"\n" +
				"pay.csv:5:4: amount: \"3x\" is not a number\npay.csv: and 10 more bad rows\n" + rowHint + "\n",
		},
		{
			name: "an extract that has no header",
			err: errors.Join(&recipes.Error{File: "r.yaml", Line: 5, Col: 11, Path: "sources.pay.file",
				Err: &csvx.ParseError{File: "pay.csv", Line: 1, Err: errors.New("no header line: the file is empty")}}),
			want: "r.yaml:5:11: sources.pay.file: pay.csv:1: no header line: the file is empty\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			report(tt.err, &stderr)
			assert.Equal(t, tt.want, stderr.String(), "stderr")
		})
	}
}
