package recipes

import (
	"strings"
	"testing"

	"github.com/mipack/mipack/render/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// grantsCP1252 is a case-system export as Danish systems write it:
// Windows-1252 (ø is 0xF8, § is 0xA7), semicolons, decimal commas with "."
// thousands, CRLF, a quoted field with a semicolon and a newline, empty cells.
const grantsCP1252 = "Sagsnr;CPR-l\xf8benr;Paragraf;D\xf8gnpris;Startdato;Slutdato;Status;Note\r\n" +
	"S1;B1;\xa7 107;2.134,00;01-01-2026;;Aktiv;\r\n" +
	"S2;B2;\xa7 107;2.200,50;01-10-2026;31-10-2026;Aktiv;\"akut; midlertidig\r\nanbringelse\"\r\n" +
	"S3;B3;\xa7 108;3.155,25;15-03-2025;;Aktiv;\r\n" +
	"S4;B3;\xa7 108;100,00;01-09-2026;;Aktiv;tillæg\r\n" +
	"S5;B4;\xa7 108;;01-01-2026;;Aktiv;pris mangler\r\n" +
	"S6;B5;\xa7 85;1.000,00;01-01-2026;30-09-2026;Aktiv;sluttet før perioden\r\n" +
	"S7;B6;\xa7 85;1.000,00;01-11-2026;;Aktiv;starter efter perioden\r\n" +
	"S8;B7;\xa7 85;1.500,00;01-01-2026;;Afsluttet;\r\n"

const grantsRecipe = `title: Test
period: 2026-10
locale: da
sources:
  grants:
    file: grants.csv
    encoding: windows-1252
    columns:
      case_id: {from: Sagsnr, type: string}
      citizen_id: {from: "CPR-løbenr", type: string}
      section: {from: Paragraf, type: string}
      cost_per_day: {from: Døgnpris, type: number}
      start: {from: Startdato, type: date, layout: "02-01-2006"}
      end: {from: Slutdato, type: date, layout: "02-01-2006"}
      status: {from: Status, type: string}
reservations:
  - id: prices
    text: Døgnpriser er ikke afstemt med fakturaer.
sections:
  - id: overview
    title: Aktive bevillinger
    from: grants
    where: status == "Aktiv" && start <= period.end && (end == nil || end >= period.start)
    group_by: [section]
    measures:
      citizens: count_distinct(citizen_id)
      cost_per_day: sum(cost_per_day)
      grants: count()
      mean_cost: mean(cost_per_day)
      median_cost: median(cost_per_day)
      first_start: min(start)
    compute:
      avg_cost: cost_per_day / citizens
    order_by: [-cost_per_day]
    total: true
    chart: {type: bar, x: section, y: cost_per_day}
    reservations: [prices]
`

func TestRunMessyDanishExtract(t *testing.T) {
	p := mustRun(t, grantsRecipe, map[string]string{"grants.csv": grantsCP1252})
	s := section(t, p, "overview")
	// Kept by the filter: S1, S2 (§ 107); S3, S4, S5 (§ 108). Left out: S6
	// (ended in September), S7 (starts in November), S8 (status).
	// § 107: B1, B2; 2134.00 + 2200.50 = 4334.50; mean 2167.25; median 2167.25.
	// § 108: B3 (twice), B4; 3155.25 + 100.00 = 3255.25 (S5 has no price);
	//        mean 1627.625 → 1627.63; median 1627.625 → 1627.63.
	// Total: 4 citizens; 7589.75; 5 grants; mean 7589.75/4 = 1897.4375;
	// median of 100, 2134, 2200.50, 3155.25 = 2167.25.
	assert.Equal(t, []string{"section", "citizens", "cost_per_day", "grants", "mean_cost", "median_cost", "first_start", "avg_cost"}, s.Columns)
	assert.Equal(t, [][]any{
		{"§ 107", int64(2), 4334.5, int64(2), 2167.25, 2167.25, "2026-01-01", 2167.25},
		{"§ 108", int64(2), 3255.25, int64(3), 1627.63, 1627.63, "2025-03-15", 1627.63},
	}, s.Rows)
	assert.Equal(t, []any{"Total", int64(4), 7589.75, int64(5), 1897.44, 2167.25, "2025-03-15", 1897.44}, s.Total)
	assert.Empty(t, s.Suppressed, "an internal pack suppresses nothing")

	filtered := footnote(t, s, pack.FootnoteFiltered)
	assert.Contains(t, filtered.Text, "3 af 8 rækker er udeladt")
	nils := footnote(t, s, pack.FootnoteNils)
	assert.Equal(t, "cost_per_day", nils.Column)
	assert.Contains(t, nils.Text, "1 række uden værdi i Døgnpris indgår ikke i Døgnpris, i alt.")
	assert.Equal(t, pack.FootnoteWritten, s.Footnotes[0].Kind)
	assert.Equal(t, "1", s.Footnotes[0].Mark)

	require.NotNil(t, s.Chart)
	assert.Equal(t, []string{"§ 107", "§ 108"}, s.Chart.Categories)
	require.Len(t, s.Chart.Data, 1)
	assert.Equal(t, 4334.5, *s.Chart.Data[0].Values[0])

	require.Len(t, p.Provenance.Sources, 1)
	src := p.Provenance.Sources[0]
	assert.Equal(t, int64(8), src.RowsRead)
	assert.Equal(t, "windows-1252", src.Encoding)
	assert.Equal(t, ";", src.Delimiter)
	assert.Equal(t, ",", src.Decimal)
	assert.Len(t, src.SHA256, 64)
}

func TestRunSameFiguresInUTF8WithBOMAndLF(t *testing.T) {
	utf8 := strings.NewReplacer("\xf8", "ø", "\xa7", "§", "\r\n", "\n").Replace(grantsCP1252)
	recipe := strings.Replace(grantsRecipe, "    encoding: windows-1252\n", "", 1)
	p := mustRun(t, recipe, map[string]string{"grants.csv": "\ufeff" + utf8})
	s := section(t, p, "overview")
	assert.Equal(t, []any{"Total", int64(4), 7589.75, int64(5), 1897.44, 2167.25, "2025-03-15", 1897.44}, s.Total)
	assert.Equal(t, "utf-8", p.Provenance.Sources[0].Encoding)
}

func TestSumsAreExactToTheCent(t *testing.T) {
	// 0.1 added ten thousand times drifts in float64 (1000.0000000001588);
	// the engine's sum is exact to the decimals the extract wrote.
	var b strings.Builder
	b.WriteString("id,amount\n")
	for i := 0; i < 10000; i++ {
		b.WriteString("x,0.10\n")
	}
	b.WriteString("x,-0.01\n")
	recipe := `title: Sum
period: 2026-10
sources:
  pay:
    file: pay.csv
    columns: {id: string, amount: number}
sections:
  - id: all
    title: All
    from: pay
    measures: {amount: sum(amount), n: count()}
    reservations: ["Test."]
`
	p := mustRun(t, recipe, map[string]string{"pay.csv": b.String()})
	s := section(t, p, "all")
	assert.Equal(t, [][]any{{999.99, int64(10001)}}, s.Rows)
	assert.Equal(t, 2, s.ColumnInfo[0].Decimals)
}
