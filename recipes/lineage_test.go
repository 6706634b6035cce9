package recipes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mipack/mipack/render/pack"
)

// lineageRecipe reads three sources, each with reservations of its own,
// in every way a section can read a source.
const lineageRecipe = `title: Lineage
period: 2026-10
sources:
  grants:
    file: grants.csv
    columns: {case_id: string, section: string, cost_per_day: number, start: date, end: date, status: string}
    reservations: [status, "Grant prices are typed by hand."]
  payments:
    file: payments.csv
    columns: {case_id: string, section: string, amount: number, booked: date}
    reservations: ["Payments lag a month."]
  budget:
    file: budget.csv
    columns: {section: string, amount: number}
    reservations: ["The budget is the adopted one."]
reservations:
  - id: status
    text: Status is not always corrected when a grant ends.
  - id: mine
    text: A section's own reservation.
sections:
  - id: own
    title: From grants, naming status itself
    from: grants
    group_by: [section]
    measures: {n: count()}
    reservations: [mine, status]
  - id: joined
    title: Payments joined to grants
    from: payments
    join: [{source: grants, on: case_id, type: left}]
    group_by: [section]
    measures: {paid: sum(amount)}
    reservations: [mine]
  - id: reconciled
    title: Grants against payments
    reconcile: {left: grants, right: payments, on: case_id}
    reservations: [mine]
  - id: compared
    title: Payments against the month before
    from: payments
    group_by: [section]
    measures: {paid: sum(amount)}
    compare: previous_period
    reservations: [mine]
  - id: budgeted
    title: Payments against the budget
    from: payments
    group_by: [section]
    measures: {paid: sum(amount)}
    budget:
      source: budget
      on: [section]
      value: amount
      committed: {source: grants}
    reservations: [mine]
  - id: listed
    title: Large grants
    from: grants
    alert: {value: cost_per_day * 365, threshold: 100, show: [case_id]}
    reservations: [mine]
`

var lineageFiles = map[string]string{
	"grants.csv":   "case_id,section,cost_per_day,start,end,status\nC1,§107,100,2026-01-01,,Aktiv\nC2,§108,50,2026-01-01,,Aktiv\n",
	"payments.csv": "case_id,section,amount,booked\nC1,§107,3100,2026-10-31\nC1,§107,3000,2026-09-30\nC9,§85,10,2026-10-01\n",
	"budget.csv":   "section,amount\n§107,40000\n§108,20000\n",
}

// TestSourceReservationsReachEverySectionReadingTheSource holds every way
// of reading a source to carrying the source's reservations, and only
// those of the sources read: each footnote is written "text <- source(via)".
func TestSourceReservationsReachEverySectionReadingTheSource(t *testing.T) {
	p := mustRun(t, lineageRecipe, lineageFiles)
	const (
		status   = "Status is not always corrected when a grant ends."
		prices   = "Grant prices are typed by hand."
		payments = "Payments lag a month."
		budget   = "The budget is the adopted one."
		mine     = "A section's own reservation."
	)
	tests := []struct {
		section string
		want    []string
	}{
		{"own", []string{mine, status + " <- grants(from)", prices + " <- grants(from)"}},
		{"joined", []string{mine, payments + " <- payments(from)", status + " <- grants(join)", prices + " <- grants(join)"}},
		{"reconciled", []string{mine, status + " <- grants(reconcile)", prices + " <- grants(reconcile)", payments + " <- payments(reconcile)"}},
		{"compared", []string{mine, payments + " <- payments(from, compare)"}},
		{"budgeted", []string{mine, payments + " <- payments(from)", budget + " <- budget(budget)",
			status + " <- grants(budget.committed)", prices + " <- grants(budget.committed)"}},
		{"listed", []string{mine, status + " <- grants(from)", prices + " <- grants(from)"}},
	}
	for _, tt := range tests {
		t.Run(tt.section, func(t *testing.T) {
			got := writtenWithLineage(section(t, p, tt.section))
			assert.Equal(t, tt.want, got, "written footnotes")
		})
	}
	// The section that names status itself keeps it as its own footnote,
	// in its place, and shows it once.
	own := section(t, p, "own")
	assert.Equal(t, "status", own.Footnotes[1].ID, "footnote 2 of own %+v: want the pack-wide status reservation", own.Footnotes[1])
}

// writtenWithLineage lists a section's written footnotes as
// "text <- source(via, ...)" for each source it is inherited from.
func writtenWithLineage(s *pack.Section) []string {
	var out []string
	for _, f := range s.Footnotes {
		if f.Kind != pack.FootnoteWritten {
			continue
		}
		line := f.Text
		for i, h := range f.Inherited {
			sep := " <- "
			if i > 0 {
				sep = ", "
			}
			line += sep + fmt.Sprintf("%s(%s)", h.Source, strings.Join(h.Via, ", "))
		}
		out = append(out, line)
	}
	return out
}

func TestSourceReservationFaultsArePlaced(t *testing.T) {
	recipe := strings.Replace(lineageRecipe, `reservations: ["Payments lag a month."]`, `reservations: [stauts, "TODO"]`, 1)
	_, err := runRecipe(office(t, recipe, lineageFiles), Options{})
	got := fmt.Sprint(err)
	for _, want := range []string{
		`recipe.yaml:11:20: sources.payments.reservations[0]: no pack-wide reservation has the id "stauts"; did you mean "status"?`,
		`recipe.yaml:11:28: sources.payments.reservations[1]: the reservation is still a placeholder`,
	} {
		assert.Contains(t, got, want)
	}
}
