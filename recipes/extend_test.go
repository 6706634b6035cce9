package recipes

import (
	"testing"

	"github.com/mipack/mipack/render/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const budgetPayments = "section,citizen_id,amount,booked\n" +
	"§107,P1,60800,2026-03-15\n§107,P2,60800,2026-03-15\n§107,P3,60800,2026-03-15\n§107,P4,60800,2026-03-15\n§107,P5,60800,2026-03-15\n" +
	"§108,P6,91200,2026-06-01\n§108,P7,91200,2026-06-01\n§108,P8,91200,2026-06-01\n§108,P9,91200,2026-06-01\n§108,P10,91200,2026-06-01\n" +
	"§85,P11,5000,2025-12-31\n§85,P11,3040,2026-10-31\n"

// The budget file as a finance system writes it: BOM, semicolons, decimal commas.
const budgetFile = "\ufeffParagraf;Budget 2026\n§107;400.000,00\n§108;500.000,00\n§103;100.000,00\n"

const budgetGrants = "section,cost_per_day,start,end,status\n" +
	"§107,100,2026-01-01,,Aktiv\n" + // 61 days left (1 Nov–31 Dec): 6100
	"§108,200,2026-01-01,2026-11-30,Aktiv\n" + // 30 days left: 6000
	"§108,50,2027-01-01,,Aktiv\n" + // starts after the year: 0
	"§107,1000,2026-01-01,,Afsluttet\n" // not binding

const budgetRecipe = `title: Budget
period: 2026-10
sources:
  payments:
    file: payments.csv
    columns: {section: string, citizen_id: string, amount: number, booked: date}
  budget:
    file: budget.csv
    decimal: ","
    columns:
      section: {from: Paragraf, type: string}
      amount: {from: Budget 2026, type: number}
  grants:
    file: grants.csv
    columns: {section: string, cost_per_day: number, start: date, end: date, status: string}
sections:
  - id: budget
    title: Budget and spending
    from: payments
    where: booked >= period.year_start && booked <= period.end
    group_by: [section]
    measures: {spent: sum(amount)}
    total: true
    budget:
      source: budget
      on: [section]
      value: amount
      threshold: 5%
      committed: {source: grants, where: status == "Aktiv"}
    reservations: ["Test."]
`

func TestBudgetAgainstHandComputedFigures(t *testing.T) {
	p := mustRun(t, budgetRecipe, map[string]string{"payments.csv": budgetPayments, "budget.csv": budgetFile, "grants.csv": budgetGrants})
	s := section(t, p, "budget")
	// Share of the year: 304 of 365 days. Forecast = spent × 365 / 304.
	// Share of budget spent = spent ÷ budget.
	assert.Equal(t, []string{"section", "spent", "budget", "spent_share", "forecast", "forecast_committed", "variance", "over_budget"}, s.Columns)
	assert.Equal(t, [][]any{
		// no budget line: budget, its share and variance stay empty, never 0
		{"§85", 3040.0, nil, nil, 3650.0, 3040.0, nil, nil},
		// a budget line with no spending still shows
		{"§103", 0.0, 100000.0, 0.0, 0.0, 0.0, 100000.0, false},
		// 304000 → 365000 (run rate); 304000 + 6100 committed; 400000 − 310100
		{"§107", 304000.0, 400000.0, 0.76, 365000.0, 310100.0, 89900.0, false},
		// 456000 → 547500 > 500000 × 1.05: over; 500000 − 462000
		{"§108", 456000.0, 500000.0, 0.912, 547500.0, 462000.0, 38000.0, true},
	}, s.Rows)
	assert.Equal(t, []any{"Total", 763040.0, 1000000.0, 0.763, 916150.0, 775140.0, 224860.0, false}, s.Total)
	// The share of the year is the same on every row: the note says it once.
	budgetNote := footnote(t, s, pack.FootnoteBudget)
	assert.Contains(t, budgetNote.Text, "Share of the year: 83.3 % (304 of 365 days).")
	assert.Equal(t, []int{3}, s.Flagged)
	assert.Equal(t, "Forecast (run rate)", s.ColumnInfo[4].Label)
	assert.Equal(t, "percent", s.ColumnInfo[3].Type)
	var missing pack.Footnote
	for _, f := range s.Footnotes {
		if f.Kind == pack.FootnoteBudget && f.Column == "budget" {
			missing = f
		}
	}
	assert.Equal(t, "No budget line for §85: its forecast is not compared with a budget (shown empty, not as 0).", missing.Text)
}

func TestBudgetOnLeapYear(t *testing.T) {
	// 2028 is a leap year: 29 February 2028 is day 60, so the share of the
	// year at the end of February is 60/366.
	payments := "section,citizen_id,amount,booked\n§107,P1,600,2028-02-29\n§107,P1,100,2027-12-31\n"
	recipe := `title: Leap
period: 2028-02
sources:
  payments:
    file: payments.csv
    columns: {section: string, citizen_id: string, amount: number, booked: date}
  budget:
    file: budget.csv
    decimal: ","
    columns:
      section: {from: Paragraf, type: string}
      amount: {from: Budget 2026, type: number}
sections:
  - id: b
    title: B
    from: payments
    where: booked >= period.year_start && booked <= period.end
    group_by: [section]
    measures: {spent: sum(amount)}
    budget: {source: budget, on: [section], value: amount}
    reservations: ["Test."]
`
	s := section(t, mustRun(t, recipe, map[string]string{"payments.csv": payments, "budget.csv": budgetFile}), "b")
	// 600 × 366 / 60 = 3660; share of the year 60/366 = 16.4 %
	assert.Equal(t, []any{"§107", 600.0, 400000.0, 0.0015, 3660.0, 396340.0, false}, s.Rows[1])
	assert.Contains(t, footnote(t, s, pack.FootnoteBudget).Text, "Share of the year: 16.4 % (60 of 366 days).")
}

func TestCompareWithPreviousPeriod(t *testing.T) {
	payments := "section,citizen_id,amount,booked\n" +
		"§107,P1,100,2026-10-01\n§107,P2,200,2026-10-31\n§85,P3,10,2026-10-15\n" +
		"§107,P1,150,2026-09-30\n§108,P4,50,2026-09-01\n"
	recipe := `title: Compare
period: 2026-10
sources:
  payments:
    file: payments.csv
    columns: {section: string, citizen_id: string, amount: number, booked: date}
sections:
  - id: c
    title: C
    from: payments
    where: booked >= period.start && booked <= period.end
    group_by: [section]
    measures: {n: count(), amount: sum(amount)}
    compare: previous_period
    total: true
    chart: {type: bar, x: section, y: [amount, amount_prev]}
    reservations: ["Test."]
`
	s := section(t, mustRun(t, recipe, map[string]string{"payments.csv": payments}), "c")
	assert.Equal(t, []string{"section", "n", "amount", "n_prev", "n_change", "n_change_pct", "amount_prev", "amount_change", "amount_change_pct"}, s.Columns)
	assert.Equal(t, [][]any{
		{"§85", int64(1), 10.0, int64(0), int64(1), nil, 0.0, 10.0, nil},
		{"§107", int64(2), 300.0, int64(1), int64(1), 1.0, 150.0, 150.0, 1.0},
		{"§108", int64(0), 0.0, int64(1), int64(-1), -1.0, 50.0, -50.0, -1.0},
	}, s.Rows)
	assert.Equal(t, []any{"Total", int64(3), 310.0, int64(2), int64(1), 0.5, 200.0, 110.0, 0.55}, s.Total)
	assert.Equal(t, "Count (previous period)", s.ColumnInfo[3].Label)
	assert.Equal(t, "amount, total, change in %", s.ColumnInfo[8].Label)
	require.NotNil(t, s.Chart)
	require.Len(t, s.Chart.Data, 2)
	assert.Equal(t, 150.0, *s.Chart.Data[1].Values[1])
}

const alertGrants = "case_id,citizen_id,section,cost_per_day\n" +
	"G1,P1,§108,3000\n" + // 1,095,000 a year
	"G2,P2,§108,3500\n" + // 1,277,500
	"G3,P3,§107,2800\n" + // 1,022,000
	"G4,P4,§107,2000\n" // 730,000: under

func alertRecipe(audience string) string {
	return `title: Alert
period: 2026-10
audience: ` + audience + `
disclosure: {min_count: 2}
sources:
  grants:
    file: grants.csv
    columns: {case_id: string, citizen_id: string, section: string, cost_per_day: number}
sections:
  - id: large
    title: Grants over a million a year
    from: grants
    group_by: [section]
    alert: {value: cost_per_day * 365, threshold: 1000000, show: [case_id, section]}
    reservations: ["Test."]
`
}

func TestAlertListsSingleGrantsForInternalPacks(t *testing.T) {
	s := section(t, mustRun(t, alertRecipe("internal"), map[string]string{"grants.csv": alertGrants}), "large")
	assert.Equal(t, []string{"case_id", "section", "value"}, s.Columns)
	assert.Equal(t, [][]any{{"G2", "§108", 1277500.0}, {"G1", "§108", 1095000.0}, {"G3", "§107", 1022000.0}}, s.Rows)
}

func TestAlertCountsUnderDisclosureForCouncil(t *testing.T) {
	s := section(t, mustRun(t, alertRecipe("council"), map[string]string{"grants.csv": alertGrants}), "large")
	// No case ids for a council; § 107 has one grant over the threshold (one
	// person): withheld. The steps count the rows over the threshold (3), so
	// § 108's rows would give § 107's away: § 108 is withheld too.
	assert.Equal(t, []string{"section", "rows", "value"}, s.Columns)
	assert.Equal(t, [][]any{{"§107", nil, nil}, {"§108", nil, nil}}, s.Rows)
	assert.Equal(t, [][2]int{{0, 1}, {0, 2}, {1, 1}, {1, 2}}, s.Suppressed)
}
