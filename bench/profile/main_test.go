package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "pack.json")
	cpu := filepath.Join(dir, "cpu.pprof")
	mem := filepath.Join(dir, "mem.pprof")
	var stdout bytes.Buffer
	err := run([]string{"-recipe", filepath.Join(dir, "bench.yaml"), "-runs", "2",
		"-out", out, "-cpuprofile", cpu, "-memprofile", mem}, &stdout)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^run [12]: [0-9.]+ s, 3 rows, [0-9]+ rows/s, [0-9.]+ MiB allocated in [0-9]+ objects, peak RSS .+$`)
	if got, want := len(line.FindAllString(stdout.String(), -1)), 2; got != want {
		t.Errorf("got %d run lines in %q, want %d", got, stdout.String(), want)
	}
	var p struct {
		Sections []struct {
			Rows [][]any `json:"rows"`
		} `json:"sections"`
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Sections) != 1 {
		t.Fatalf("got %d sections, want 1", len(p.Sections))
	}
	got, _ := json.Marshal(p.Sections[0].Rows)
	if want := `[["§ 85",15,2],["§ 107",1,1]]`; string(got) != want {
		t.Errorf("got rows %s, want %s", got, want)
	}
	for _, f := range []string{cpu, mem} {
		if info, err := os.Stat(f); err != nil || info.Size() == 0 {
			t.Errorf("profile %s: got %v, want a non-empty file", f, err)
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
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q): got error %v, want one containing %q", tt.args, err, tt.want)
			}
		})
	}
}
