package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lineageOffice writes two versions of a recipe over the same extracts:
// in the old one the section reads payments alone, in the new one it joins
// grants, whose source carries a reservation.
func lineageOffice(t *testing.T) (oldRecipe, newRecipe string) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
		return path
	}
	write("grants.csv", "case_id,section\nC1,§ 107\nC2,§ 85\n")
	write("pay.csv", "case_id,amount\nC1,100\nC2,50\nC3,7\n")
	const recipe = `title: Lineage
period: 2026-10
sources:
  grants:
    file: grants.csv
    columns: {case_id: string, section: string}
    reservations: [status]
  pay:
    file: pay.csv
    columns: {case_id: string, amount: number}
    reservations: ["Payments lag a month."]
reservations:
  - id: status
    text: Status is not always corrected when a grant ends.
sections:
  - id: paid
    title: Paid
    from: pay
JOIN    measures: {amount: sum(amount)}
    reservations: ["Test figures."]
`
	oldRecipe = write("old.yaml", strings.Replace(recipe, "JOIN", "", 1))
	newRecipe = write("new.yaml", strings.Replace(recipe, "JOIN", "    join: [{source: grants, on: case_id}]\n", 1))
	return oldRecipe, newRecipe
}

func TestExplainSaysWhereAReservationIsInheritedFrom(t *testing.T) {
	_, recipe := lineageOffice(t)
	code, stdout, stderr := runCmd(t, "explain", recipe)
	require.Equal(t, exitOK, code, stderr)
	want := `  Reservations:
   1) Test figures.
   2) Payments lag a month.
      from source pay (from)
   3) Status is not always corrected when a grant ends.
      from source grants (join)
   4) 1 of 3 rows of pay had no match in grants on case_id and was left out.
`
	assert.Contains(t, stdout, want, "explain")
}

func TestDiffReportsAnInheritedReservation(t *testing.T) {
	oldRecipe, newRecipe := lineageOffice(t)
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"appears", oldRecipe, newRecipe,
			"  added (section paid, status, from source grants (join)): Status is not always corrected when a grant ends.\n"},
		{"disappears", newRecipe, oldRecipe,
			"REMOVED RESERVATION (section paid, status, from source grants (join)): Status is not always corrected when a grant ends.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "diff", tt.old, tt.new)
			require.Equal(t, exitOK, code, stderr)
			assert.Contains(t, stdout, tt.want, "got diff\n%s", stdout)
		})
	}
}
