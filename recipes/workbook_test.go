package recipes

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/mipack/mipack/render/pack"
)

// grantRow is one row of the test extract, written alike as a workbook and
// as a CSV file.
type grantRow struct {
	id, section, account string
	start                time.Time
	øre                  int64 // the amount in øre, to sum exactly
	hidden               bool
}

// grantRows makes n rows from a fixed seed: amounts with øre whose binary
// sum is not exact, accounts with leading zeros, Danish letters.
func grantRows(n int) []grantRow {
	r := rand.New(rand.NewPCG(17, 1))
	sections := []string{"§ 107 Midlertidigt ophold", "§ 108 Længerevarende ophold", "§ 85 Socialpædagogisk støtte"}
	rows := make([]grantRow, n)
	for i := range rows {
		rows[i] = grantRow{
			id:      fmt.Sprintf("S%05d", i),
			section: sections[r.IntN(len(sections))],
			account: fmt.Sprintf("0%07d", r.IntN(5)*1000+17),
			start:   time.Date(2026, time.Month(1+r.IntN(10)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
			øre:     r.Int64N(2_000_000) - 200_000,
			hidden:  i%97 == 5,
		}
	}
	return rows
}

func amount(øre int64) float64 { return float64(øre) / 100 }

// writeGrantsWorkbook writes rows as a report-style sheet: a title, a blank
// row, the header in row 3, dates as Excel dates, amounts as numbers,
// accounts as text, then a totals row and a note below it.
func writeGrantsWorkbook(t testing.TB, path string, rows []grantRow) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Bevillinger")
	sw, err := f.NewStreamWriter("Bevillinger")
	require.NoError(t, err)
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	put := func(row int, values []any, opts ...excelize.RowOpts) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		require.NoError(t, sw.SetRow(cell, values, opts...))
	}
	put(1, []any{"Bevillinger, oktober 2026"})
	put(3, []any{"Sag", "Paragraf", "Konto", "Startdato", "Beløb"})
	var total int64
	for i, r := range rows {
		total += r.øre
		put(4+i, []any{r.id, r.section, r.account, excelize.Cell{StyleID: date, Value: r.start}, amount(r.øre)}, excelize.RowOpts{Hidden: r.hidden})
	}
	put(4+len(rows), []any{"I alt", nil, nil, "-", amount(total)})
	put(6+len(rows), []any{"Udtrukket af økonomisystemet"})
	require.NoError(t, sw.Flush())
	require.NoError(t, f.SaveAs(path))
}

// grantsCSV writes the same rows as a Windows-1252 CSV file with ";" and a
// decimal comma, with the same totals row.
func grantsCSV(rows []grantRow) string {
	var b strings.Builder
	b.WriteString("Sag;Paragraf;Konto;Startdato;Beløb\n")
	var total int64
	for _, r := range rows {
		total += r.øre
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s\n", r.id, r.section, r.account, r.start.Format("02-01-2006"), strings.Replace(fmt.Sprintf("%.2f", amount(r.øre)), ".", ",", 1))
	}
	fmt.Fprintf(&b, "I alt;;;-;%s\n", strings.Replace(fmt.Sprintf("%.2f", amount(total)), ".", ",", 1))
	s, err := charmap.Windows1252.NewEncoder().String(b.String())
	if err != nil {
		panic(err)
	}
	return s
}

func bookRecipe(file, extra string) string {
	return `title: Bevillinger
period: 2026-10
locale: da
sources:
  g:
    file: ` + file + `
` + extra + `    end_before: id == "I alt"
    null: ["-"]
    columns:
      id: {from: Sag, type: string}
      section: {from: Paragraf, type: string}
      account: {from: Konto, type: string}
      start: {from: Startdato, type: date, layout: ["2006-01-02", "02-01-2006"]}
      amount: {from: Beløb, type: number}
sections:
  - id: by_section
    title: Efter paragraf
    from: g
    group_by: [section]
    measures: {grants: count(), accounts: count_distinct(account), amount: sum(amount), first: min(start)}
    order_by: [section]
    total: true
    reservations: ["Test."]
`
}

func TestWorkbookEqualsCSVAndIndependentSums(t *testing.T) {
	rows := grantRows(2000)
	dir := t.TempDir()
	writeGrantsWorkbook(t, filepath.Join(dir, "bevillinger.xlsx"), rows)
	book, err := runRecipe(office(t, bookRecipe(filepath.Join(dir, "bevillinger.xlsx"), "    sheet: bevillinger\n    header_line: 3\n"), nil), Options{})
	require.NoError(t, err)
	csv := mustRun(t, bookRecipe("bevillinger.csv", "    encoding: windows-1252\n    header_line: 1\n"), map[string]string{"bevillinger.csv": grantsCSV(rows)})

	type sums struct {
		n        int64
		øre      int64
		accounts map[string]bool
		first    time.Time
	}
	want := map[string]*sums{}
	var all sums
	for _, r := range rows {
		s := want[r.section]
		if s == nil {
			s = &sums{accounts: map[string]bool{}, first: r.start}
			want[r.section] = s
		}
		s.n++
		s.øre += r.øre
		s.accounts[r.account] = true
		if r.start.Before(s.first) {
			s.first = r.start
		}
		all.n++
		all.øre += r.øre
	}
	for _, p := range []*pack.Pack{book, csv} {
		s := section(t, p, "by_section")
		require.Len(t, s.Rows, len(want), "rows")
		for _, row := range s.Rows {
			w := want[row[0].(string)]
			require.NotNil(t, w, "unexpected group %v", row[0])
			assert.Equal(t, []any{w.n, int64(len(w.accounts)), amount(w.øre)}, row[1:4], "grants, accounts and amount of %s", row[0])
			assert.Equal(t, w.first.Format("2006-01-02"), row[4], "first start of %s", row[0])
		}
		assert.Equal(t, amount(all.øre), s.Total[3], "total")
		ended := footnote(t, s, pack.FootnoteEnded)
		assert.Contains(t, ended.Text, "hvor Sag er \"I alt\"", "the end note must say the expression in words")
	}
	assert.Equal(t, "Tabellen i bevillinger.xlsx slutter på linje 2004, hvor Sag er \"I alt\": 2 rækker derfra og frem er ikke data og indgår ikke.",
		footnote(t, section(t, book, "by_section"), pack.FootnoteEnded).Text, "the workbook's end note")
	assert.Equal(t, "Tabellen i bevillinger.csv slutter på linje 2002, hvor Sag er \"I alt\": 1 række derfra og frem er ikke data og indgår ikke.",
		footnote(t, section(t, csv, "by_section"), pack.FootnoteEnded).Text, "the CSV file's end note")
	hidden := 0
	for _, r := range rows {
		if r.hidden {
			hidden++
		}
	}
	assert.Equal(t, fmt.Sprintf("%d rækker i bevillinger.xlsx er skjulte rækker i regnearket; de indgår som alle andre.", hidden),
		footnote(t, section(t, book, "by_section"), pack.FootnoteHidden).Text, "the hidden-row note")
	assert.Equal(t, int64(len(rows)), book.Provenance.Sources[0].RowsRead, "rows read from the workbook")
}

// TestWorkbookFromMemory: a workbook in an fs.FS (Options.FS) is read as
// the same workbook on disk: the same section, the same end and hidden-row
// notes, every row read.
func TestWorkbookFromMemory(t *testing.T) {
	rows := grantRows(300)
	path := filepath.Join(t.TempDir(), "bevillinger.xlsx")
	writeGrantsWorkbook(t, path, rows)
	body, err := os.ReadFile(path)
	require.NoError(t, err)
	recipe := bookRecipe("bevillinger.xlsx", "    sheet: bevillinger\n    header_line: 3\n")
	files := map[string]string{"bevillinger.xlsx": string(body)}
	disk, mem := mustRun(t, recipe, files), mustRunMem(t, recipe, files)
	assert.Equal(t, section(t, disk, "by_section"), section(t, mem, "by_section"), "the section from memory, want it as from disk")
	assert.Equal(t, int64(len(rows)), mem.Provenance.Sources[0].RowsRead, "rows read from memory")
}
