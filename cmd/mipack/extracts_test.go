package main

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pdf/pdftest"
)

// renderAll renders a recipe as every output and returns each output's
// text: pack.json, the HTML page, the CSV file and the PDF's text layer.
func renderAll(t *testing.T, recipe string) map[string]string {
	t.Helper()
	p, dir := renderSample(t, recipe, "json,html,pdf,csv")
	base := filepath.Join(dir, strings.TrimSuffix(filepath.Base(recipe), ".yaml")+"-"+p.Period)
	texts := map[string]string{}
	for _, ext := range []string{".json", ".html", ".csv"} {
		b, err := os.ReadFile(base + ext)
		require.NoError(t, err)
		texts[ext] = string(b)
	}
	texts[".pdf"] = pdftest.Squash(strings.Join(pdftest.Text(t, base+".pdf"), "\n"))
	return texts
}

func writeOffice(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	return dir
}

// TestDerivedSumIsExactInEveryOutput sums a signed amount made by derive
// from a Debet/Kredit column. Added in binary the amounts drift from their
// sum in øre; every output must show the sum to the øre.
func TestDerivedSumIsExactInEveryOutput(t *testing.T) {
	var b strings.Builder
	var øre int64
	var binary float64
	// The first seed whose amounts, as binary numbers, add up (even
	// without any rounding on the way) to a number that is not the sum.
	for seed := uint64(1); binary == float64(øre)/100; seed++ {
		r := rand.New(rand.NewPCG(seed, 63))
		b.Reset()
		b.WriteString("bilag;side;beløb\n")
		øre = 0
		exact := new(big.Float).SetPrec(256)
		for i := range 400 {
			cents := r.Int64N(1_000_000) + 1
			side := "Debet"
			if r.IntN(3) == 0 {
				side = "Kredit"
				øre -= cents
				exact.Sub(exact, big.NewFloat(float64(cents)/100))
			} else {
				øre += cents
				exact.Add(exact, big.NewFloat(float64(cents)/100))
			}
			fmt.Fprintf(&b, "B%d;%s;%d,%02d\n", i, side, cents/100, cents%100)
		}
		binary, _ = exact.Float64()
	}
	kroner, rest := øre/100, øre%100
	shown := locale.For("da").Number(float64(øre)/100, 2)
	require.True(t, strings.HasSuffix(shown, fmt.Sprintf(",%02d", rest)), "shown as %s", shown)
	dir := writeOffice(t, map[string]string{
		"posteringer.csv": b.String(),
		"signed.yaml": `title: Posteringer
period: 2026-10
locale: da
sources:
  p:
    file: posteringer.csv
    columns: {bilag: string, side: string, amount: {from: beløb, type: number}}
sections:
  - id: net
    title: Netto
    from: p
    derive: {signed: 'side == "Debet" ? amount : -amount'}
    measures: {net: sum(signed), lines: count()}
    reservations: ["Test."]
`})
	texts := renderAll(t, filepath.Join(dir, "signed.yaml"))
	raw := fmt.Sprintf("%d.%02d", kroner, rest)
	assert.Contains(t, pdftest.Squash(texts[".json"]), `"rows": [ [ `+raw+",", "pack.json: the sum as an exact decimal")
	assert.NotContains(t, texts[".json"], fmt.Sprint(binary), "pack.json: no binary noise")
	assert.Contains(t, texts[".csv"], "\n"+strings.Replace(raw, ".", ",", 1)+";400", "CSV: the sum as an exact decimal, with the Danish decimal comma")
	assert.Contains(t, texts[".html"], shown, "HTML: the sum to the øre")
	assert.Contains(t, texts[".pdf"], shown, "PDF: the sum to the øre")
}

// TestSkipNoteNeverQuotesTheCell skips a row whose unreadable cell holds a
// name and a CPR number: the skip note names the row by its place and
// column, and the value reaches no output.
func TestSkipNoteNeverQuotesTheCell(t *testing.T) {
	const cpr = "010203-1234"
	dir := writeOffice(t, map[string]string{
		"ydelser.csv": "sag;cpr;beløb\nS1;P1;100,50\nS2;P2;Jens Hansen " + cpr + "\nS3;P3;200\n",
		"skip.yaml": `title: Ydelser
period: 2026-10
locale: da
sources:
  y:
    file: ydelser.csv
    on_error: skip
    columns: {sag: string, amount: {from: beløb, type: number}}
sections:
  - id: total
    title: I alt
    from: y
    measures: {amount: sum(amount), cases: count()}
    reservations: ["Test."]
`})
	texts := renderAll(t, filepath.Join(dir, "skip.yaml"))
	for ext, text := range texts {
		for _, leak := range []string{cpr, "1234", "Jens", "Hansen"} {
			assert.NotContains(t, text, leak, "%s shows the unreadable cell", ext)
		}
	}
	note := "1 række i ydelser.csv kunne ikke læses og er sprunget over (ydelser.csv:3:7, kolonnen beløb)."
	assert.Contains(t, texts[".json"], note, "pack.json: the skip note, all Danish")
	assert.Contains(t, texts[".pdf"], pdftest.Squash(note), "PDF: the skip note")
	for _, english := range []string{"is not a number", "decimal separator"} {
		assert.NotContains(t, texts[".json"], english, "the Danish pack speaks English")
	}
}

// TestValidateListsEveryBadRow reads an extract with 60 bad rows to its
// end: validate lists the first 50, each placed and with its fix, and
// counts the other 10.
func TestValidateListsEveryBadRow(t *testing.T) {
	var b strings.Builder
	b.WriteString("sag;beløb\n")
	for i := range 200 {
		if i%3 == 1 && i < 180 {
			fmt.Fprintf(&b, "S%d;12.5\n", i) // a decimal point in a Danish extract
		} else {
			fmt.Fprintf(&b, "S%d;12,5\n", i)
		}
	}
	dir := writeOffice(t, map[string]string{
		"ydelser.csv": b.String(),
		"bad.yaml": `title: Ydelser
period: 2026-10
locale: da
sources:
  y:
    file: ydelser.csv
    columns: {sag: string, amount: {from: beløb, type: number}}
sections:
  - id: total
    title: I alt
    from: y
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`})
	code, stdout, stderr := runCmd(t, "validate", filepath.Join(dir, "bad.yaml"))
	assert.Equal(t, exitBadInput, code, "stdout: %s", stdout)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	var listed []string
	for _, l := range lines {
		if strings.Contains(l, "ydelser.csv:") && strings.Contains(l, ": beløb: ") {
			listed = append(listed, l)
		}
	}
	require.Len(t, listed, 50, "stderr: %s", stderr)
	assert.Equal(t, filepath.Join(dir, "ydelser.csv")+`:3:4: beløb: "12.5" is not a number (decimal separator ","). Try: decimal: "."`, listed[0])
	assert.Contains(t, listed[49], "ydelser.csv:150:6: ")
	assert.Contains(t, stderr, "ydelser.csv: and 10 more bad rows")
}

// TestValidateWarnsOfDoubleEncoding checks that validate warns, without
// failing, of a text column whose texts look double-encoded, names the
// column and the first row without quoting a value, and says what to do
// for how the extract was read.
func TestValidateWarnsOfDoubleEncoding(t *testing.T) {
	twice := "sag;navn\nS1;Jensen\nS2;BrÃ¸nderslev\nS3;Ã…SGARD\n" // UTF-8 text that holds mojibake
	right := "sag;navn\nS1;Jensen\nS2;Brønderslev\nS3;ÅSGARD\n"   // UTF-8, read right
	recipe := func(encoding string) string {
		return `title: Navne
period: 2026-10
locale: da
sources:
  n:
    file: navne.csv
    encoding: ` + encoding + `
    columns: {sag: string, navn: string}
sections:
  - id: total
    title: I alt
    from: n
    measures: {rows: count()}
    reservations: ["Test."]
`
	}
	tests := []struct {
		name, csv, encoding string
		want                string // the warning after the path; "" for none
	}{
		{"converted twice", twice, "utf-8", `navne.csv:3: navn: texts look double-encoded: 2 texts hold UTF-8 read as Windows-1252 ("Ã¦" where "æ" was meant): the file was converted twice, to UTF-8 from what already was UTF-8. Try: export it again, or convert it back once (iconv -f utf-8 -t windows-1252)`},
		{"UTF-8 read as Windows-1252", right, "windows-1252", `navne.csv:3: navn: texts look double-encoded: 2 texts are UTF-8 read as windows-1252 ("Ã¦" where "æ" was meant). Try: encoding: utf-8`},
		{"read right", right, "utf-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeOffice(t, map[string]string{"navne.csv": tt.csv, "r.yaml": recipe(tt.encoding)})
			code, stdout, stderr := runCmd(t, "validate", filepath.Join(dir, "r.yaml"))
			assert.Equal(t, exitOK, code, "got exit %d, want %d: a warning is not a failure; stderr: %s", code, exitOK, stderr)
			assert.Contains(t, stdout, "r.yaml: ok")
			if tt.want == "" {
				assert.Empty(t, stderr)
				return
			}
			assert.Equal(t, "warning: "+filepath.Join(dir, tt.want)+"\n", stderr)
			for _, v := range []string{"Brønderslev", "BrÃ¸nderslev", "SGARD"} {
				assert.NotContains(t, stderr, v, "got a value of the extract quoted in the warning")
			}
		})
	}
}

// TestWithheldRowsReadWithholdsTheSize reads an extract of three persons,
// too few to count, so disclosure control withholds its rows read. Its
// rows are all as wide: the header "grp,citizen_id,amount\n" is 22 bytes
// and each row ("A,P01,100\n") 10, so a size of 52 bytes would give
// (52 − 22) ÷ 10 = 3 rows read. Where rows read is withheld, the size is
// too, in pack.json and in the HTML page (the PDF shows no size); an
// internal pack shows both.
func TestWithheldRowsReadWithholdsTheSize(t *testing.T) {
	const extract = "grp,citizen_id,amount\nA,P01,100\nA,P02,110\nA,P03,120\n"
	require.Len(t, extract, 52)
	size := regexp.MustCompile(`Size \(bytes\)</th>\s*<td>([^<]*)</td>`)
	for _, tt := range []struct {
		audience    string
		bytes, rows int64
		shownSize   string
		jsonSize    string
	}{
		{"council", -1, -1, "x", `"bytes": -1,`},
		{"internal", 52, 3, "52", `"bytes": 52,`},
	} {
		t.Run(tt.audience, func(t *testing.T) {
			dir := writeOffice(t, map[string]string{
				"g.csv": extract,
				"recipe.yaml": `title: Bytes
period: 2026-10
audience: ` + tt.audience + `
sources:
  g:
    file: g.csv
    columns: {grp: string, citizen_id: string, amount: number}
sections:
  - id: s
    title: All
    from: g
    measures: {rows: count()}
    reservations: ["Test."]
`})
			p, out := renderSample(t, filepath.Join(dir, "recipe.yaml"), "json,html")
			require.Len(t, p.Provenance.Sources, 1)
			src := p.Provenance.Sources[0]
			assert.Equal(t, tt.rows, src.RowsRead, "rows read")
			assert.Equal(t, tt.bytes, src.Bytes, "size")
			assert.NotEmpty(t, src.SHA256, "the sha256 names the extract either way")
			json, err := os.ReadFile(filepath.Join(out, "recipe-2026-10.json"))
			require.NoError(t, err)
			assert.Contains(t, string(json), tt.jsonSize, "pack.json")
			html, err := os.ReadFile(filepath.Join(out, "recipe-2026-10.html"))
			require.NoError(t, err)
			m := size.FindStringSubmatch(string(html))
			require.NotNil(t, m, "the HTML page has no size row")
			assert.Equal(t, tt.shownSize, m[1], "the HTML page's size")
			if tt.audience == "council" {
				assert.NotContains(t, string(json), ": 52", "pack.json")
				assert.NotContains(t, string(html), ">52<", "the HTML page")
			}
		})
	}
}
