package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const recipe = `title: Profile test
period: 2026-10
locale: en
audience: internal
sources:
  payments:
    file: payments.csv
    delimiter: ","
    decimal: "."
    columns:
      section: {from: paragraf, type: string}
      amount: {from: beløb, type: number}
reservations:
  - id: test
    text: A test extract.
sections:
  - id: by_section
    title: By section
    from: payments
    group_by: [section]
    measures:
      amount: sum(amount)
      payments: count()
    order_by: [section]
    reservations: [test]
`

const extract = "paragraf,beløb\n§ 85,10.5\n§ 85,4.5\n§ 107,1\n"

func TestRun(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"bench.yaml": recipe, "payments.csv": extract} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	out := filepath.Join(dir, "pack.json")
	cpu := filepath.Join(dir, "cpu.pprof")
	mem := filepath.Join(dir, "mem.pprof")
	var stdout bytes.Buffer
	err := run([]string{"-recipe", filepath.Join(dir, "bench.yaml"), "-runs", "2",
		"-out", out, "-cpuprofile", cpu, "-memprofile", mem}, &stdout)
	require.NoError(t, err)
	line := regexp.MustCompile(`(?m)^run [12]: [0-9.]+ s, 3 rows, [0-9]+ rows/s, [0-9.]+ MiB allocated in [0-9]+ objects, peak RSS .+$`)
	assert.Len(t, line.FindAllString(stdout.String(), -1), 2, "run lines in %q", stdout.String())
	var p struct {
		Sections []struct {
			Rows [][]any `json:"rows"`
		} `json:"sections"`
	}
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &p))
	require.Len(t, p.Sections, 1, "sections")
	got, _ := json.Marshal(p.Sections[0].Rows)
	assert.Equal(t, `[["§ 85",15,2],["§ 107",1,1]]`, string(got), "rows")
	for _, f := range []string{cpu, mem} {
		info, err := os.Stat(f)
		if assert.NoError(t, err, "profile %s", f) {
			assert.NotZero(t, info.Size(), "profile %s: want a non-empty file", f)
		}
	}
}

func TestRunFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no recipe", nil, "-recipe FILE is required"},
		{"no runs", []string{"-recipe", "x.yaml", "-runs", "0"}, "-runs must be at least 1"},
		{"missing recipe", []string{"-recipe", filepath.Join("testdata", "absent.yaml")}, "absent.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(tt.args, io.Discard)
			assert.ErrorContains(t, err, tt.want, "run(%q)", tt.args)
		})
	}
}
