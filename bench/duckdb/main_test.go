package main

import (
	"context"
	"database/sql"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// extract is a small file in bench/gen's layout: quoted providers with
// commas and doubled quotes, empty end dates and amounts, a credit note.
const extract = `sagsnr,cpr_løbenr,paragraf,leverandør,status,startdato,slutdato,bogført,beløb,note
S-1,B-1,§ 85,"Bostedet Søby, afd. 1",active,2026-01-05,,2026-10-03,100.10,
S-2,B-1,§ 85,"Bostedet Søby, afd. 1",active,2026-02-05,2026-12-31,2026-10-20,200.2,"rettet, jf. mail"
S-3,B-2,§ 85,"Kærhuset ""Fænø"", Region Midt",active,2026-03-05,,2026-09-01,,
S-4,B-3,§ 107,Vrå ApS,active,2026-10-31,,2026-09-30,-50,kreditnota
S-5,B-4,§ 107,Vrå ApS,closed,2026-01-01,,2026-09-30,1000,
S-6,B-5,§ 108,Vrå ApS,active,2026-11-01,,2026-09-30,7.77,
`

func TestAggregate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payments.csv")
	if err := os.WriteFile(path, []byte(extract), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"scan", "table"} {
		t.Run(mode, func(t *testing.T) {
			res, err := aggregate(context.Background(), config{csv: path, mode: mode}, time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := res.rows, int64(6); got != want {
				t.Errorf("got %d rows, want %d", got, want)
			}
			sections := []struct {
				key      string
				citizens int64
				amount   string
				mean     float64
			}{
				{"§ 85", 2, "300.30", 150.15},
				{"§ 107", 1, "-50.00", -50},
				{"", 3, "250.30", 250.30 / 3},
			}
			if got, want := len(res.bySection), len(sections); got != want {
				t.Errorf("got %d section rows, want %d (§ 108 starts after the period)", got, want)
			}
			for _, w := range sections {
				g, ok := res.bySection[w.key]
				if !ok {
					t.Errorf("section %q: missing", w.key)
					continue
				}
				if g.citizens != w.citizens || ratText(g.amount) != w.amount || !near(g.mean.Float64, w.mean) {
					t.Errorf("section %q: got %d, %s, %.4f, want %d, %s, %.4f", w.key,
						g.citizens, ratText(g.amount), g.mean.Float64, w.citizens, w.amount, w.mean)
				}
			}
			providers := []struct {
				key      string
				amount   string
				payments int64
			}{
				{"Bostedet Søby, afd. 1\x1f2026-10", "300.30", 2},
				{`Kærhuset "Fænø", Region Midt` + "\x1f2026-09", "null", 1},
				{"Vrå ApS\x1f2026-09", "957.77", 3},
				{"", "1258.07", 6},
			}
			if got, want := len(res.byProvider), len(providers); got != want {
				t.Errorf("got %d provider rows, want %d", got, want)
			}
			for _, w := range providers {
				g, ok := res.byProvider[w.key]
				if !ok {
					t.Errorf("provider %q: missing", w.key)
					continue
				}
				if ratText(g.amount) != w.amount || g.payments != w.payments {
					t.Errorf("provider %q: got %s, %d, want %s, %d", w.key, ratText(g.amount), g.payments, w.amount, w.payments)
				}
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// packJSON is a pack.json for sampleResults(): by_section, then by_provider_month.
const packJSON = `{"sections": [
 {"id": "by_section", "columns": ["section", "citizens", "amount", "mean_amount"],
  "rows": [["§ 85", 2, %SUM%, 150.15]], "total": ["I alt", 2, 300.3, 150.15]},
 {"id": "by_provider_month", "columns": ["provider", "month", "amount", "payments"],
  "rows": [["Vrå ApS", "2026-09", 957.77, %COUNT%], ["Kærhuset", "2026-09", null, 1]],
  "total": ["I alt", null, 957.77, 4]}]}`

func sampleResults() *results {
	r := func(s string) *big.Rat { v, _ := new(big.Rat).SetString(s); return v }
	mean := sql.NullFloat64{Float64: 150.15, Valid: true}
	return &results{
		rows: 4,
		bySection: map[string]sectionRow{
			"§ 85": {citizens: 2, amount: r("300.30"), mean: mean},
			"":     {citizens: 2, amount: r("300.30"), mean: mean},
		},
		byProvider: map[string]providerRow{
			"Vrå ApS\x1f2026-09":  {amount: r("957.77"), payments: 3},
			"Kærhuset\x1f2026-09": {payments: 1},
			"":                    {amount: r("957.77"), payments: 4},
		},
	}
}

func TestCrossCheck(t *testing.T) {
	tests := []struct {
		name       string
		sum, count string
		want       []string
	}{
		{"equal", "300.3", "3", nil},
		{"equal to the cent", "300.300000001", "3", nil},
		{"a cent off", "300.31", "3", []string{`by_section["§ 85"].amount: got 300.31, want 300.30`}},
		{"count off", "300.3", "2", []string{`by_provider_month["Vrå ApS\x1f2026-09"].payments: got 2, want 3`}},
		{"empty sum", "null", "3", []string{`by_section["§ 85"].amount: got <nil>, want 300.30`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pack.json")
			data := strings.NewReplacer("%SUM%", tt.sum, "%COUNT%", tt.count).Replace(packJSON)
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := crossCheck(path, sampleResults())
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got problems %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCrossCheckMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pack.json")
	if err := os.WriteFile(path, []byte(`{"sections": [{"id": "by_section", "columns": ["section"], "rows": []}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := crossCheck(path, sampleResults())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`by_section: no column "amount" in [section]`,
		`by_section: no column "citizens" in [section]`,
		`by_section: no column "mean_amount" in [section]`,
		`pack.json has no section "by_provider_month"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got problems %q, want %q", got, want)
	}
}
