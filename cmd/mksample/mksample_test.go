package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite golden files")

// officeDir is the committed sample office, the generator's golden output.
const officeDir = "../../samples/disability"

// TestCommittedOfficeMatchesGenerator regenerates the office into a
// temporary directory and compares every file with the committed one, so
// the data and its generator cannot drift apart. With -update it rewrites
// the committed files instead.
func TestCommittedOfficeMatchesGenerator(t *testing.T) {
	if *update {
		var out bytes.Buffer
		if code := run([]string{"-dir", officeDir}, &out, io.Discard); code != 0 {
			t.Fatalf("run -update: got exit %d, want 0", code)
		}
	}
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-dir", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("run: got exit %d, want 0; stderr: %s", code, stderr.String())
	}
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dir, f.name))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(officeDir, f.name))
			if err != nil {
				t.Fatalf("%v (run `go run ./cmd/mksample` from the repository root)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("generated %s (%d bytes) differs from the committed file (%d bytes); run `go run ./cmd/mksample` and review the diff",
					f.name, len(got), len(want))
			}
		})
	}
}

// TestGenerateIsDeterministic makes the office twice and compares the bytes.
func TestGenerateIsDeterministic(t *testing.T) {
	a, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if !bytes.Equal(a[i].data, b[i].data) {
			t.Errorf("%s: got different bytes on a second run, want the same", a[i].name)
		}
	}
}

// readGrants decodes bevillinger.csv from its bytes with encoding/csv and
// charmap alone, as an independent check on the project's reader.
func readGrants(t *testing.T, raw []byte) (header []string, rows [][]string) {
	t.Helper()
	text, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = ';'
	all, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return all[0], all[1:]
}

// parseDanish reads "3.155,00" as øre; ok is false for an empty cell.
func parseDanish(t *testing.T, s string) (øre, bool) {
	t.Helper()
	if s == "" {
		return 0, false
	}
	s = strings.ReplaceAll(s, ".", "")
	kr, frac, _ := strings.Cut(s, ",")
	k, err := strconv.ParseInt(kr, 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	f, err := strconv.ParseInt((frac + "00")[:2], 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return øre(k*100 + f), true
}

// TestOverviewFromExtractBytes recomputes the overview for October 2026
// from the committed bevillinger.csv bytes and checks the design targets.
func TestOverviewFromExtractBytes(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(officeDir, "extracts", "bevillinger.csv"))
	if err != nil {
		t.Fatal(err)
	}
	header, rows := readGrants(t, raw)
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, h := range []string{"Sagsnr", "CPR-løbenr", "Paragraf", "Døgnpris", "Startdato", "Slutdato", "Status"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("header %q: got none in %q, want it", h, header)
		}
	}
	from, to := day(2026, 10, 1), day(2026, 10, 31)
	date := func(s string) (time.Time, bool) {
		if s == "" {
			return time.Time{}, false
		}
		d, err := time.Parse("02-01-2006", s)
		if err != nil {
			t.Fatalf("date %q: %v", s, err)
		}
		return d, true
	}
	type figures struct {
		citizens map[string]bool
		sum      øre
		grants   int
		nils     int
	}
	got := map[string]*figures{}
	for _, r := range rows {
		start, _ := date(r[col["Startdato"]])
		end, hasEnd := date(r[col["Slutdato"]])
		if r[col["Status"]] != "Aktiv" || start.After(to) || (hasEnd && end.Before(from)) {
			continue
		}
		f := got[r[col["Paragraf"]]]
		if f == nil {
			f = &figures{citizens: map[string]bool{}}
			got[r[col["Paragraf"]]] = f
		}
		f.citizens[r[col["CPR-løbenr"]]] = true
		f.grants++
		if p, ok := parseDanish(t, r[col["Døgnpris"]]); ok {
			f.sum += p
		} else {
			f.nils++
		}
	}
	tests := []struct {
		section          string
		citizens, grants int
		sum              øre
		nils             int
	}{
		{"§ 107", 21, 22, 182_700_00, 1},
		{"§ 108", 10, 10, 85_505_00, 0},
		{"§ 85", 34, 36, 68_000_00, 2},
		{"§ 103", 2, 2, 0, 2},
	}
	if len(got) != len(tests) {
		t.Errorf("sections: got %d, want %d", len(got), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.section, func(t *testing.T) {
			f := got[tt.section]
			if f == nil {
				t.Fatalf("got no active grants, want %d", tt.grants)
			}
			if len(f.citizens) != tt.citizens {
				t.Errorf("citizens: got %d, want %d", len(f.citizens), tt.citizens)
			}
			if f.sum != tt.sum {
				t.Errorf("sum of Døgnpris: got %s, want %s", danishAmount(f.sum), danishAmount(tt.sum))
			}
			if f.grants != tt.grants {
				t.Errorf("grants: got %d, want %d", f.grants, tt.grants)
			}
			if f.nils != tt.nils {
				t.Errorf("empty Døgnpris: got %d, want %d", f.nils, tt.nils)
			}
		})
	}
}

// TestExtractDialects checks that each extract is written the way its
// system exports it.
func TestExtractDialects(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(officeDir, "extracts", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	grants, payments, budget := read("bevillinger.csv"), read("betalinger.csv"), read("budget.csv")
	tests := []struct {
		name string
		ok   bool
	}{
		{"bevillinger.csv has CRLF line endings", bytes.Count(grants, []byte("\r\n")) == bytes.Count(grants, []byte("\n"))},
		{"bevillinger.csv holds cp1252 § (0xA7), not UTF-8", bytes.Contains(grants, []byte{0xA7, ' ', '1', '0', '7'}) && !bytes.Contains(grants, []byte("§"))},
		{"bevillinger.csv quotes a provider with a ;", bytes.Contains(grants, []byte(`;"L`+"\xe6"+`rkely Bof`+"\xe6"+`llesskab; afd. Nord";`))},
		{"bevillinger.csv has a quoted line break in a note", bytes.Contains(grants, []byte("13-10-2026.\r\nStatus"))},
		{"betalinger.csv has no BOM and no CR", !bytes.HasPrefix(payments, []byte("\uFEFF")) && !bytes.Contains(payments, []byte("\r"))},
		{"betalinger.csv has a credit note", bytes.Contains(payments, []byte(",-"))},
		{"betalinger.csv quotes payees with commas", bytes.Contains(payments, []byte(`,"Bo & Støtte, Sønderby ApS",`))},
		{"budget.csv starts with a BOM", bytes.HasPrefix(budget, []byte("\uFEFFParagraf;"))},
		{"budget.csv has no § 103 row", !bytes.Contains(budget, []byte("§ 103"))},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("%s: got false, want true", tt.name)
		}
	}
	r := csv.NewReader(bytes.NewReader(payments))
	all, err := r.ReadAll()
	if err != nil {
		t.Fatalf("betalinger.csv: %v", err)
	}
	if got, want := strings.Join(all[0], ","), "bilag,sagsnr,cpr_loebenr,leverandoer,konto,bogfoert,beloeb,tekst"; got != want {
		t.Errorf("betalinger.csv header: got %q, want %q", got, want)
	}
	for _, row := range all[1:] {
		if _, err := time.Parse(time.DateOnly, row[5]); err != nil {
			t.Errorf("bogfoert %q: got %v, want an ISO date", row[5], err)
		}
		if _, err := strconv.ParseFloat(row[6], 64); err != nil {
			t.Errorf("beloeb %q: got %v, want a number with . decimals", row[6], err)
		}
	}
}

func TestAmountFormats(t *testing.T) {
	tests := []struct {
		in            øre
		danish, plain string
	}{
		{315500, "3.155,00", "3155.00"},
		{5, "0,05", "0.05"},
		{-26618770, "-266.187,70", "-266187.70"},
		{12150000000, "121.500.000,00", "121500000.00"},
	}
	for _, tt := range tests {
		if got := danishAmount(tt.in); got != tt.danish {
			t.Errorf("danishAmount(%d): got %q, want %q", tt.in, got, tt.danish)
		}
		if got := plainAmount(tt.in); got != tt.plain {
			t.Errorf("plainAmount(%d): got %q, want %q", tt.in, got, tt.plain)
		}
	}
}

func TestRunRejectsArguments(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"extra"}, io.Discard, &stderr); code != 2 {
		t.Errorf("run extra: got exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "Try: go run ./cmd/mksample") {
		t.Errorf("stderr: got %q, want a Try: hint", stderr.String())
	}
}

// TestTrendFromExtractBytes recomputes the payments by month from the
// committed betalinger.csv bytes with encoding/csv alone and compares them
// with the trend section of expected.json, so the expected figures and the
// written amounts cannot disagree.
func TestTrendFromExtractBytes(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(officeDir, "extracts", "betalinger.csv"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]øre{}
	counts := map[string]int64{}
	for _, r := range all[1:] {
		kr, frac, _ := strings.Cut(strings.TrimPrefix(r[6], "-"), ".")
		k, err1 := strconv.ParseInt(kr, 10, 64)
		f, err2 := strconv.ParseInt(frac, 10, 64)
		if err1 != nil || err2 != nil || len(frac) != 2 {
			t.Fatalf("beloeb %q: got no amount with two decimals", r[6])
		}
		a := øre(k*100 + f)
		if strings.HasPrefix(r[6], "-") {
			a = -a
		}
		sums[r[5][:7]] += a
		counts[r[5][:7]]++
	}
	var exp []struct {
		Recipe   string
		Sections []struct {
			ID   string
			Rows [][]json.RawMessage
		}
	}
	data, err := os.ReadFile(filepath.Join(officeDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range exp {
		for _, s := range e.Sections {
			if e.Recipe != "monthly.yaml" || s.ID != "trend" {
				continue
			}
			for _, row := range s.Rows {
				var month string
				var paid json.Number
				var n int64
				if err := errors.Join(json.Unmarshal(row[0], &month), json.Unmarshal(row[1], &paid), json.Unmarshal(row[2], &n)); err != nil {
					t.Fatal(err)
				}
				if got, want := kr(sums[month]).String(), paid.String(); got != want {
					t.Errorf("%s paid: got %s from the extract, want %s", month, got, want)
				}
				if counts[month] != n {
					t.Errorf("%s payments: got %d from the extract, want %d", month, counts[month], n)
				}
				checked++
			}
		}
	}
	if checked != 10 {
		t.Errorf("months checked: got %d, want 10 (January to October)", checked)
	}
}
