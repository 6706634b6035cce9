package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

func TestParseInit(t *testing.T) {
	tests := []struct {
		args    []string
		want    initOptions
		wantErr string
	}{
		{args: []string{"a.csv"}, want: initOptions{files: []string{"a.csv"}}},
		{args: []string{"a.csv", "b.csv", "-o", "r.yaml", "--locale", "da", "--period", "2026-10"},
			want: initOptions{files: []string{"a.csv", "b.csv"}, out: "r.yaml", locale: "da", period: "2026-10"}},
		{args: nil, wantErr: "init takes one or more extracts (CSV files or .xlsx workbooks)"},
		{args: []string{"a.csv", "--locale", "de"}, wantErr: `unknown locale "de": use da or en`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f := &fakeEnv{}
			got, err := parseInit(tt.args, f.env())
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tt.wantErr, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "got options %+v, want %+v", got, tt.want)
		})
	}
}

// bevillingerCSV is a Danish case-system extract: semicolons, decimal
// commas, case numbers with leading zeros, dd-mm-yyyy dates, Danish
// letters in the header, and one row with a field too many.
const bevillingerCSV = `Sagsnr;CPR-løbenr;Paragraf;Døgnpris;Startdato;Slutdato;Status
0042;B-0001;§ 108;3.155,00;01-03-2026;;Aktiv
0043;B-0002;§ 107;2.134,50;15-09-2026;31-12-2026;Aktiv
0044;B-0003;§ 108;3.155,00;01-01-2025;30-06-2026;Lukket
0045;B-0004;§ 85;420,00;01-10-2026;;Aktiv
0046;B-0005;§ 107;2.200,00;01-02-2026;;Aktiv;ekstra
0047;B-0006;§ 85;410,00;05-10-2026;;Afventer
0048;B-0007;§ 107;2.134,00;01-06-2026;;Aktiv
0049;B-0008;§ 108;3.000,00;01-07-2026;;Aktiv
`

func TestInit(t *testing.T) {
	pkg, err := os.Getwd()
	require.NoError(t, err)
	dir := t.TempDir()
	cp1252, err := charmap.Windows1252.NewEncoder().String(bevillingerCSV)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "extracts"), 0o755))
	csv := filepath.Join(dir, "extracts", "bevillinger.csv")
	require.NoError(t, os.WriteFile(csv, []byte(cp1252), 0o644))
	recipe := filepath.Join(dir, "monthly.yaml")

	code, stdout, stderr := runCmd(t, "init", csv, "-o", recipe)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "wrote "+recipe+"\nNext: write the reservation's text, check the column types, then: mipack validate "+recipe+"\n", stdout)
	written, err := os.ReadFile(recipe)
	require.NoError(t, err)
	golden(t, pkg, "monthly.yaml", string(written))

	t.Chdir(dir)
	code, stdout, _ = runCmd(t, "init", filepath.Join("extracts", "bevillinger.csv"))
	require.Equal(t, exitOK, code)
	assert.Equal(t, strings.Replace(string(written), "validate monthly.yaml", "validate recipe.yaml", 1), stdout,
		"got a recipe on stdout that differs from the one written with -o")

	code, _, stderr = runCmd(t, "init", csv, "-o", recipe)
	assert.Equal(t, exitFailure, code, "got exit %d, want %d: init must not overwrite", code, exitFailure)
	assert.Contains(t, stderr, recipe+" exists; init never overwrites a recipe")

	checkPlaceholder(t, recipe, "TODO: skriv forbeholdet", "Døgnpriserne er ikke afstemt med fakturaer.")
}

// checkPlaceholder checks that the recipe fails validation on its
// placeholder reservation, and validates and renders once it is written.
func checkPlaceholder(t *testing.T, recipe, placeholder, text string) {
	t.Helper()
	code, _, stderr := runCmd(t, "validate", recipe)
	assert.Equal(t, exitFailure, code, "got exit %d, want %d for the placeholder", code, exitFailure)
	assert.Contains(t, stderr, `reservation "data" is still the placeholder`)
	assert.Contains(t, stderr, "Try: replace the placeholder text with what a reader must know")

	data, err := os.ReadFile(recipe)
	require.NoError(t, err)
	require.Contains(t, string(data), `text: "`+placeholder+`"`)
	require.NoError(t, os.WriteFile(recipe, []byte(strings.Replace(string(data), placeholder, text, 1)), 0o644))
	code, _, stderr = runCmd(t, "validate", recipe)
	require.Equal(t, exitOK, code, "validate once the reservation is written: %s", stderr)
	code, _, stderr = runCmd(t, "render", recipe, "--format", "json", "--out", t.TempDir())
	require.Equal(t, exitOK, code, "render over the extract: %s", stderr)
}

// TestInitRealExtracts runs init on the published extracts kept beside
// the repository, and checks that each recipe validates and renders once
// its reservation is written.
func TestInitRealExtracts(t *testing.T) {
	real := filepath.Join("..", "..", "..", "shared", "data", "real")
	files, _ := filepath.Glob(filepath.Join(real, "*.csv"))
	if len(files) == 0 {
		t.Skipf("no real-world extracts in %s: they are kept beside the repository, not in it", real)
	}
	tests := []struct {
		file        string
		placeholder string
		want        []string // lines the recipe must hold
	}{
		{"uk_lambeth_payments-to-suppliers_2012-06.csv", "TODO: write the reservation", []string{
			"    header_line: 10\n", "    on_error: skip", `invoice_creation_date: {from: "Invoice Creation Date", type: date, layout: "02/01/2006"}`,
			`invoice_nett_amount: {from: "Invoice Nett Amount", type: number}`, "period: 2012-06\n"}},
		{"uk_oxford_expenditure-over-500_2017-oct-dec.csv", "TODO: write the reservation", []string{
			`paid_date: {from: "Paid Date", type: date, layout: "02/01/2006"}`, `amount: {from: "Amount", type: number}`,
			`expenditure_code: {from: "Expenditure Code", type: string}`, "group_by: [service_area]", "period: 2017-12\n"}},
		{"dk_os2bos_activities.csv", "TODO: skriv forbeholdet", []string{
			`aktivitet: {from: "Aktivitet", type: string}`, `hovedaktivitet_paa: {from: "Hovedaktivitet på", type: string}`}},
		{"dk_os2bos_paragraphs.csv", "TODO: skriv forbeholdet", []string{
			`noegle: {from: "Nøgle", type: string}`, `kolonne1: {from: "Kolonne1", type: string}`, "locale: da\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			csv, err := filepath.Abs(filepath.Join(real, tt.file))
			require.NoError(t, err)
			recipe := filepath.Join(t.TempDir(), "starter.yaml")
			code, _, stderr := runCmd(t, "init", csv, "-o", recipe)
			require.Equal(t, exitOK, code, stderr)
			data, err := os.ReadFile(recipe)
			require.NoError(t, err)
			for _, w := range tt.want {
				assert.Contains(t, string(data), w)
			}
			checkPlaceholder(t, recipe, tt.placeholder, "Figures as published by the council.")
		})
	}
}

// TestInitSniffs runs init on extracts as they arrive, written here: a
// budget CSV with "-" for zero, two date layouts in one column and
// account numbers; a report-style workbook whose table starts below a
// title on its second sheet; a file converted twice. Each recipe must
// hold the lines that read the extract right, take its period from the
// data (2025, while the clock says 2026), and validate and render once
// its reservation is written.
func TestInitSniffs(t *testing.T) {
	budget := "Artskonto;Tekst;Bogført;Budget;Forbrug\n" +
		"90540000;Løn;04/07/2025;1.500.000,00;1.250.000,50\n" +
		"90540100;Husleje;20-Jan-25;-;300.000,00\n" +
		"90540200;Kørsel;15/12/2025;25.000,00;-\n" +
		"90540300;Kontor;01/11/2025;-;-\n"
	tests := []struct {
		name, file  string
		write       func(t *testing.T, path string)
		want        []string // lines the recipe must hold
		wantWarning string   // a warning init gives, or ""
	}{
		{"budget CSV", "budget.csv", func(t *testing.T, path string) {
			require.NoError(t, os.WriteFile(path, []byte(budget), 0o644))
		}, []string{
			`    null: ["", "-"]`,
			`artskonto: {from: "Artskonto", type: string}`,
			`bogfoert: {from: "Bogført", type: date, layout: ["02/01/2006", "2-Jan-06"]}`,
			`budget: {from: "Budget", type: number}`,
			`forbrug: {from: "Forbrug", type: number}`,
			"period: 2025-12\n",
		}, ""},
		{"report workbook", "bevillinger.xlsx", writeReportWorkbook, []string{
			`    sheet: "Bevillinger"`,
			"    header_line: 3\n",
			`    null: ["", "-"]`,
			`sag: {from: "Sag", type: string}`,
			`start: {from: "Start", type: date}`,
			`konto: {from: "Konto", type: string}`,
			`beloeb: {from: "Beløb", type: number}`,
			`status: {from: "Status", type: string}`,
			"period: 2025-11\n",
		}, ""},
		{"converted twice", "navne.csv", func(t *testing.T, path string) {
			require.NoError(t, os.WriteFile(path, []byte("Sag;Navn;Dato\nS1;Jensen;2025-03-01\nS2;BrÃ¸nderslev;2025-03-02\nS3;Ã…SGARD;2025-03-03\n"), 0o644))
		}, []string{`navn: {from: "Navn", type: string}`, "period: 2025-03\n"},
			`warning: navne.csv:3: Navn: texts look double-encoded: 2 texts hold UTF-8 read as Windows-1252`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			tt.write(t, path)
			recipe := filepath.Join(dir, "starter.yaml")
			code, _, stderr := runCmd(t, "init", path, "-o", recipe)
			require.Equal(t, exitOK, code, stderr)
			if tt.wantWarning == "" {
				assert.Empty(t, stderr)
			} else {
				assert.Contains(t, stderr, tt.wantWarning)
				assert.NotContains(t, stderr, "SGARD", "got a value of the extract quoted in the warning")
			}
			data, err := os.ReadFile(recipe)
			require.NoError(t, err)
			for _, w := range tt.want {
				assert.Contains(t, string(data), w, "recipe:\n%s", data)
			}
			checkPlaceholder(t, recipe, "TODO: skriv forbeholdet", "Tallene er ikke afstemt.")
		})
	}
}

// writeReportWorkbook writes a workbook as a report exports it: a cover
// sheet first, then the table below a title and a blank row, with date
// cells, amounts with "-" for nothing, account numbers stored as numbers
// and case numbers with leading zeros.
func writeReportWorkbook(t *testing.T, path string) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Forside")
	require.NoError(t, f.SetCellValue("Forside", "A1", "Bevillinger, Social og Sundhed"))
	_, err := f.NewSheet("Bevillinger")
	require.NoError(t, err)
	s := "Bevillinger"
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	rows := [][]any{
		{"Bevillinger pr. 30-11-2025"},
		nil,
		{"Sag", "Start", "Konto", "Beløb", "Status"},
		{"0042", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), 90540000, 3155.5, "Aktiv"},
		{"0043", time.Date(2025, 11, 15, 0, 0, 0, 0, time.UTC), 90540100, "-", "Aktiv"},
		{"0044", time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), 90540200, 2134, "Lukket"},
		{"0045", time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), 90540300, 420.25, "Aktiv"},
	}
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			require.NoError(t, f.SetCellValue(s, cell, v))
		}
	}
	require.NoError(t, f.SetCellStyle(s, "B4", "B7", date))
	require.NoError(t, f.SaveAs(path))
}
