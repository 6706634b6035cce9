package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeEnv is a command's outside world in a test.
type fakeEnv struct {
	stdout, stderr bytes.Buffer
	vars           map[string]string
}

func (f *fakeEnv) env() env {
	return env{
		getenv: func(k string) string { return f.vars[k] },
		stdin:  strings.NewReader(""),
		stdout: &f.stdout, stderr: &f.stderr,
	}
}

// runCmd runs the command line and returns the exit status and outputs.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	f := &fakeEnv{vars: map[string]string{"SOURCE_DATE_EPOCH": "1790000000"}}
	code := run(context.Background(), args, f.env())
	return code, f.stdout.String(), f.stderr.String()
}

// tinyOffice writes a small valid recipe and extract and returns the recipe path.
func tinyOffice(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	write("pay.csv", "case_id,citizen_id,status,amount\nC1,P1,active,100.5\nC2,P2,active,200\nC3,P3,closed,50\n")
	write("tiny.yaml", `title: Tiny
period: 2026-10
sources:
  pay:
    file: pay.csv
    columns: {case_id: string, citizen_id: string, status: string, amount: number}
sections:
  - id: by_status
    title: By status
    from: pay
    group_by: [status]
    measures: {cases: count(), amount: sum(amount)}
    total: true
    reservations: ["Figures are a test."]
`)
	return filepath.Join(dir, "tiny.yaml")
}

func TestParseRender(t *testing.T) {
	tests := []struct {
		args    []string
		want    renderOptions
		wantErr string
	}{
		{args: []string{"r.yaml"}, want: renderOptions{recipe: "r.yaml", out: "out", formats: []string{"html", "pdf", "json"}}},
		{args: []string{"r.yaml", "--period", "2026-09", "--out", "x", "--format", "json,html"}, want: renderOptions{recipe: "r.yaml", period: "2026-09", out: "x", formats: []string{"json", "html"}}},
		{args: []string{"--format=pdf", "r.yaml"}, want: renderOptions{recipe: "r.yaml", out: "out", formats: []string{"pdf"}}},
		{args: []string{"r.yaml", "--format", "docx"}, wantErr: `unknown format "docx": use html, pdf, json or csv`},
		{args: []string{}, wantErr: "render takes one recipe file, got 0 arguments"},
		{args: []string{"a.yaml", "b.yaml"}, wantErr: "render takes one recipe file, got 2 arguments"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f := &fakeEnv{}
			got, err := parseRender(tt.args, f.env())
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestExitCodes(t *testing.T) {
	recipe := tinyOffice(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command", nil, exitUsage, "Usage:"},
		{"unknown command", []string{"rendr"}, exitUsage, `unknown command "rendr"`},
		// The tiny recipe heads its columns by their names: a warning, and still exit 0.
		{"validate ok", []string{"validate", recipe}, exitOK, "warning: " + recipe + `:6:15: sources.pay.columns.case_id: readers see this column as "case_id"`},
		{"missing recipe", []string{"validate", filepath.Join(filepath.Dir(recipe), "nope.yaml")}, exitFailure, "nope.yaml: cannot read recipe: no such file or directory"},
		{"bad period", []string{"validate", recipe, "--period", "2026-13"}, exitFailure, `period "2026-13" is not a month`},
		{"explain unknown section", []string{"explain", recipe, "nope"}, exitUsage, `no section "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tt.args...)
			assert.Equal(t, tt.code, code, "stderr: %s", stderr)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}

func TestValidateReportsEveryFault(t *testing.T) {
	recipe := tinyOffice(t)
	data, err := os.ReadFile(recipe)
	require.NoError(t, err)
	broken := strings.NewReplacer("group_by: [status]", "group_by: [statsu]", "sum(amount)", "summ(amount)").Replace(string(data))
	require.NoError(t, os.WriteFile(recipe, []byte(broken), 0o644))
	code, stdout, stderr := runCmd(t, "validate", recipe)
	assert.Equal(t, exitFailure, code)
	assert.Empty(t, stdout)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	require.Len(t, lines, 2, stderr)
	assert.Equal(t, recipe+`:11:16: sections[0].group_by: unknown column "statsu"; did you mean "status"?`, lines[0])
	assert.Equal(t, recipe+`:12:40: sections[0].measures.amount: unknown aggregate "summ"; did you mean "sum"? (one of count, count_distinct, sum, mean, median, min, max)`, lines[1])
}

func TestRenderJSONAndExplain(t *testing.T) {
	recipe := tinyOffice(t)
	out := filepath.Join(t.TempDir(), "packs")
	code, stdout, stderr := runCmd(t, "render", recipe, "--out", out, "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	path := filepath.Join(out, "tiny-2026-10.json")
	assert.Equal(t, "wrote "+path+"\n", stdout)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"generated_at": "2026-09-21T14:13:20Z"`)
	assert.Contains(t, string(data), "[\n          \"active\",\n          2,\n          300.5\n        ]")

	code, stdout, stderr = runCmd(t, "explain", recipe)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, `By status (by_status)
  1. Read pay (pay.csv)  [3 rows]
  2. Group by status: 2 groups  [2 rows]
  3. Measure Count = number of rows
  4. Measure amount, total = sum of amount
  5. Add a total row computed from all rows
  Reservations:
   1) Figures are a test.

`, stdout)
}

// TestValidateWarnsWhereReadersSeeARecipeName checks that validate warns,
// and still succeeds, where a pack would head a column by its recipe name.
func TestValidateWarnsWhereReadersSeeARecipeName(t *testing.T) {
	recipe := tinyOffice(t)
	code, stdout, stderr := runCmd(t, "validate", recipe)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "ok (1 sources, 1 sections)")
	want := []string{
		"warning: " + recipe + `:6:15: sources.pay.columns.case_id: readers see this column as "case_id". Try: {from: "case_id", label: "words a reader knows"}`,
		"warning: " + recipe + `:6:32: sources.pay.columns.citizen_id: readers see this column as "citizen_id". Try: {from: "citizen_id", label: "words a reader knows"}`,
	}
	assert.Equal(t, want, strings.Split(strings.TrimSpace(stderr), "\n"))

	data, err := os.ReadFile(recipe)
	require.NoError(t, err)
	labelled := strings.Replace(string(data), "{case_id: string, citizen_id: string,", "{case_id: {type: string, label: Sag}, citizen_id: {type: string, label: Borger},", 1)
	require.NoError(t, os.WriteFile(recipe, []byte(labelled), 0o644))
	code, _, stderr = runCmd(t, "validate", recipe)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr, "no warning once every column has words")
}
