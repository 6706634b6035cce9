package recipes

import (
	"slices"
	"strings"
	"testing"

	"github.com/mipack/mipack/render/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const joinGrants = "case_id,citizen_id,section\n" +
	"C1,P1,§107\n" +
	"C2,P2,§107\n" +
	"C3,P3,§108\n"

// C1 paid twice, C2 never, C3 once; C9 has no grant.
const joinPayments = "case_id,citizen_id,amount\n" +
	"C1,P1,100.25\n" +
	"C1,P1,50\n" +
	"C3,P3,300\n" +
	"C9,P9,999.5\n"

func joinRecipe(kind string) string {
	return `title: Join
period: 2026-10
sources:
  grants:
    file: grants.csv
    columns: {case_id: string, citizen_id: string, section: string}
  payments:
    file: payments.csv
    columns: {case_id: string, citizen_id: string, amount: number}
sections:
  - id: paid
    title: Paid per section
    from: grants
    join:
      - {source: payments, on: case_id, type: ` + kind + `}
    group_by: [section]
    measures:
      rows: count()
      citizens: count_distinct(citizen_id)
      paid: sum(payments.amount)
    reservations: ["Test."]
  - id: unbilled
    title: Payments without grant
    reconcile: {left: grants, right: payments, on: case_id}
    reservations: ["Test."]
`
}

func TestJoin(t *testing.T) {
	files := map[string]string{"grants.csv": joinGrants, "payments.csv": joinPayments}
	t.Run("inner", func(t *testing.T) {
		s := section(t, mustRunMem(t, joinRecipe("inner"), files), "paid")
		// C1 matches twice, C3 once; C2 is left out.
		assert.Equal(t, [][]any{{"§107", int64(2), int64(1), 150.25}, {"§108", int64(1), int64(1), 300.0}}, s.Rows)
		assert.Contains(t, footnote(t, s, pack.FootnoteUnmatched).Text, "1 of 3 rows of grants had no match in payments on case_id and was left out")
	})
	t.Run("left", func(t *testing.T) {
		s := section(t, mustRunMem(t, joinRecipe("left"), files), "paid")
		// C2 is kept with no payment: its amount is nil, left out of the sum and counted.
		assert.Equal(t, [][]any{{"§107", int64(3), int64(2), 150.25}, {"§108", int64(1), int64(1), 300.0}}, s.Rows)
		assert.Contains(t, footnote(t, s, pack.FootnoteUnmatched).Text, "1 of 3 rows of grants had no match in payments on case_id; it counts with empty values from payments.")
		nils := footnote(t, s, pack.FootnoteNils)
		assert.Equal(t, "paid", nils.Column)
		assert.Contains(t, nils.Text, "1 row with no value in amount is left out of amount, total.")
	})
}

func TestReconcile(t *testing.T) {
	files := map[string]string{"grants.csv": joinGrants, "payments.csv": joinPayments}
	s := section(t, mustRunMem(t, joinRecipe("left"), files), "unbilled")
	assert.Equal(t, []string{"side", "keys", "grants_rows", "payments_rows", "payments.amount"}, s.Columns)
	assert.Equal(t, [][]any{
		{"Only in grants", int64(1), int64(1), int64(0), nil},
		{"Only in payments", int64(1), int64(0), int64(1), 999.5},
		{"In both", int64(2), int64(2), int64(3), 450.25},
	}, s.Rows)
	assert.Equal(t, "reconcile", s.Kind)
}

func TestReconcileUnderDisclosureTakesSubjectsFromEitherSide(t *testing.T) {
	files := map[string]string{"grants.csv": joinGrants, "payments.csv": joinPayments}
	recipe := strings.Replace(joinRecipe("left"), "period: 2026-10", "period: 2026-10\naudience: council\ndisclosure: {min_count: 2}", 1)
	s := section(t, mustRunMem(t, recipe, files), "unbilled")
	// Only-left: P2; only-right: P9 — both fewer than 2 persons; both: P1,
	// P3. Withholding the first two is not enough: grants has 3 rows read
	// (its provenance and step say so), the only-right class has none, so
	// 3 − 2 (in both) = 1 would be the only-left class's rows. In both goes
	// too.
	assert.Equal(t, [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 1}, {1, 2}, {1, 3}, {1, 4}, {2, 1}, {2, 2}, {2, 3}, {2, 4}}, s.Suppressed)
	assert.Equal(t, []any{"In both", nil, nil, nil, nil}, s.Rows[2])
	require.Nil(t, s.Rows[1][4])
	// The step that counts the keys shows the withheld mark where they are withheld.
	var keysStep string
	for _, st := range s.Steps {
		if strings.HasPrefix(st.Text, "Reconcile ") {
			keysStep = st.Text
		}
	}
	assert.Contains(t, keysStep, ": x keys only in grants, x keys only in payments, x keys in both")
}

// A reconcile whose sides name the person differently says so: payments
// calls it payee_cpr. With that column named, the reconcile counts persons
// on the right too, and a class of one person there is withheld.
func TestReconcileNamesEachSidesSubject(t *testing.T) {
	payments := strings.ReplaceAll(joinPayments, "case_id,citizen_id,amount", "case_id,payee_cpr,amount")
	recipe := strings.Replace(joinRecipe("left"), "period: 2026-10", "period: 2026-10\naudience: council\ndisclosure: {min_count: 2}", 1)
	recipe = strings.Replace(recipe, "columns: {case_id: string, citizen_id: string, amount: number}", "columns: {case_id: string, payee_cpr: string, amount: number}", 1)
	recipe = strings.Replace(recipe, "reconcile: {left: grants, right: payments, on: case_id}", "reconcile: {left: grants, right: payments, on: case_id, subject: {right: payee_cpr}}", 1)
	files := map[string]string{"grants.csv": joinGrants, "payments.csv": payments}
	s := section(t, mustRunMem(t, recipe, files), "unbilled")
	// Only in payments: C9, paid to P9 alone: withheld as one person, not
	// as a class in which no person is known.
	assert.Contains(t, s.Suppressed, [2]int{1, 1}, "the payments-only class describes one person")
	for _, f := range s.Footnotes {
		assert.NotContains(t, f.Text, "no person", "the right side's subject is named: every class has its persons")
	}
	unnamed := section(t, mustRunMem(t, strings.Replace(recipe, ", subject: {right: payee_cpr}", "", 1), files), "unbilled")
	assert.True(t, slices.ContainsFunc(unnamed.Footnotes, func(f pack.Footnote) bool { return strings.Contains(f.Text, "no person (citizen_id) is known") }),
		"without the subject named, the payments-only class is withheld as one with no known person: %v", unnamed.Footnotes)

	bad := strings.Replace(recipe, "subject: {right: payee_cpr}", "subject: {right: payee}", 1)
	_, err := runRecipe(office(t, bad, files), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reconcile.subject.right")
}
