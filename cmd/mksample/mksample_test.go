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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		require.Equal(t, 0, run([]string{"-dir", officeDir}, &out, io.Discard), "run -update: exit")
	}
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"-dir", dir}, &stdout, &stderr)
	require.Equal(t, 0, code, "run: exit; stderr: %s", stderr.String())
	files, err := generate()
	require.NoError(t, err)
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dir, f.name))
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join(officeDir, f.name))
			require.NoError(t, err, "run `go run ./cmd/mksample` from the repository root")
			// assert.True, not assert.Equal: the extracts are large.
			assert.True(t, bytes.Equal(got, want), "generated %s (%d bytes) differs from the committed file (%d bytes); run `go run ./cmd/mksample` and review the diff",
				f.name, len(got), len(want))
		})
	}
}

// TestGenerateIsDeterministic makes the office twice and compares the bytes.
func TestGenerateIsDeterministic(t *testing.T) {
	a, err := generate()
	require.NoError(t, err)
	b, err := generate()
	require.NoError(t, err)
	for i := range a {
		assert.True(t, bytes.Equal(a[i].data, b[i].data), "%s: got different bytes on a second run, want the same", a[i].name)
	}
}

// readGrants decodes bevillinger.csv from its bytes with encoding/csv and
// charmap alone, as an independent check on the project's reader.
func readGrants(t *testing.T, raw []byte) (header []string, rows [][]string) {
	t.Helper()
	text, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	require.NoError(t, err)
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = ';'
	all, err := r.ReadAll()
	require.NoError(t, err)
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
	require.NoError(t, err, "amount %q", s)
	f, err := strconv.ParseInt((frac + "00")[:2], 10, 64)
	require.NoError(t, err, "amount %q", s)
	return øre(k*100 + f), true
}

// TestOverviewFromExtractBytes recomputes the overview for October 2026
// from the committed bevillinger.csv bytes and checks the design targets.
func TestOverviewFromExtractBytes(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(officeDir, "extracts", "bevillinger.csv"))
	require.NoError(t, err)
	header, rows := readGrants(t, raw)
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, h := range []string{"Sagsnr", "CPR-løbenr", "Paragraf", "Døgnpris", "Startdato", "Slutdato", "Status"} {
		require.Contains(t, col, h, "header %q: got none in %q, want it", h, header)
	}
	from, to := day(2026, 10, 1), day(2026, 10, 31)
	date := func(s string) (time.Time, bool) {
		if s == "" {
			return time.Time{}, false
		}
		d, err := time.Parse("02-01-2006", s)
		require.NoError(t, err, "date %q", s)
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
	assert.Len(t, got, len(tests), "sections")
	for _, tt := range tests {
		t.Run(tt.section, func(t *testing.T) {
			f := got[tt.section]
			require.NotNil(t, f, "got no active grants, want %d", tt.grants)
			assert.Len(t, f.citizens, tt.citizens, "citizens")
			assert.Equal(t, tt.sum, f.sum, "sum of Døgnpris: got %s, want %s", danishAmount(f.sum), danishAmount(tt.sum))
			assert.Equal(t, tt.grants, f.grants, "grants")
			assert.Equal(t, tt.nils, f.nils, "empty Døgnpris")
		})
	}
}

// TestExtractDialects checks that each extract is written the way its
// system exports it.
func TestExtractDialects(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(officeDir, "extracts", name))
		require.NoError(t, err)
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
		assert.True(t, tt.ok, "%s: got false, want true", tt.name)
	}
	r := csv.NewReader(bytes.NewReader(payments))
	all, err := r.ReadAll()
	require.NoError(t, err, "betalinger.csv")
	assert.Equal(t, "bilag,sagsnr,cpr_loebenr,leverandoer,konto,bogfoert,beloeb,tekst", strings.Join(all[0], ","), "betalinger.csv header")
	for _, row := range all[1:] {
		_, err := time.Parse(time.DateOnly, row[5])
		assert.NoError(t, err, "bogfoert %q: want an ISO date", row[5])
		_, err = strconv.ParseFloat(row[6], 64)
		assert.NoError(t, err, "beloeb %q: want a number with . decimals", row[6])
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
		assert.Equal(t, tt.danish, danishAmount(tt.in), "danishAmount(%d)", tt.in)
		assert.Equal(t, tt.plain, plainAmount(tt.in), "plainAmount(%d)", tt.in)
	}
}

func TestRunRejectsArguments(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"extra"}, io.Discard, &stderr), "run extra: exit")
	assert.Contains(t, stderr.String(), "Try: go run ./cmd/mksample", "stderr: want a Try: hint")
}

// TestTrendFromExtractBytes recomputes the payments by month from the
// committed betalinger.csv bytes with encoding/csv alone and compares them
// with the trend section of expected.json, so the expected figures and the
// written amounts cannot disagree.
func TestTrendFromExtractBytes(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(officeDir, "extracts", "betalinger.csv"))
	require.NoError(t, err)
	all, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	require.NoError(t, err)
	sums := map[string]øre{}
	counts := map[string]int64{}
	for _, r := range all[1:] {
		kr, frac, _ := strings.Cut(strings.TrimPrefix(r[6], "-"), ".")
		k, err1 := strconv.ParseInt(kr, 10, 64)
		f, err2 := strconv.ParseInt(frac, 10, 64)
		require.NoError(t, err1, "beloeb %q: got no amount with two decimals", r[6])
		require.NoError(t, err2, "beloeb %q: got no amount with two decimals", r[6])
		require.Len(t, frac, 2, "beloeb %q: got no amount with two decimals", r[6])
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
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &exp))
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
				require.NoError(t, errors.Join(json.Unmarshal(row[0], &month), json.Unmarshal(row[1], &paid), json.Unmarshal(row[2], &n)))
				assert.Equal(t, paid.String(), kr(sums[month]).String(), "%s paid: from the extract (actual)", month)
				assert.Equal(t, n, counts[month], "%s payments: from the extract (actual)", month)
				checked++
			}
		}
	}
	assert.Equal(t, 10, checked, "months checked (January to October)")
}
