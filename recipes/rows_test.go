package recipes

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/render/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const badRows = "id,citizen_id,amount,booked\n" +
	"1,P1,10.5,2026-10-01\n" +
	"2,P2,ten,2026-10-02\n" +
	"3,P3,30,2026-13-45\n" +
	"4,P4,40,2026-10-04\n"

func badRowsRecipe(onError string) string {
	return `title: Bad rows
period: 2026-10
sources:
  pay:
    file: pay.csv
    on_error: ` + onError + `
    columns: {id: string, citizen_id: string, amount: number, booked: date}
sections:
  - id: s
    title: All
    from: pay
    measures: {n: count(), amount: sum(amount)}
    reservations: ["Test."]
`
}

func TestBadRowIsRejectedWithItsPosition(t *testing.T) {
	path := office(t, badRowsRecipe("reject"), map[string]string{"pay.csv": badRows})
	_, err := runRecipe(path, Options{})
	require.Error(t, err)
	var pe *csvx.ParseError
	require.True(t, errors.As(err, &pe), "want a *csvx.ParseError, got %T: %v", err, err)
	assert.Equal(t, filepath.Join(filepath.Dir(path), "pay.csv"), pe.File)
	assert.Equal(t, 3, pe.Line)
	assert.Equal(t, 6, pe.Column)
	assert.Equal(t, "amount", pe.Field)
	assert.True(t, strings.HasPrefix(err.Error(), pe.File+":3:6: amount: "), "message %q", err)
}

func TestBadRowsAreSkippedAndCounted(t *testing.T) {
	p := mustRun(t, badRowsRecipe("skip"), map[string]string{"pay.csv": badRows})
	s := section(t, p, "s")
	assert.Equal(t, [][]any{{int64(2), 50.5}}, s.Rows)
	note := footnote(t, s, pack.FootnoteSkipped)
	assert.Contains(t, note.Text, "2 rows of pay.csv could not be read and were skipped (first: ")
	assert.Contains(t, note.Text, "(first: pay.csv:3:6, column amount).")
	assert.Equal(t, int64(2), p.Provenance.Sources[0].RowsRead)
	assert.Equal(t, int64(2), p.Provenance.Sources[0].RowsSkipped)
}

func TestNilComparisonLeavesTheRowOut(t *testing.T) {
	csv := "id,end\n1,2026-12-31\n2,\n3,2026-01-31\n"
	recipe := `title: Nil
period: 2026-10
sources:
  g:
    file: g.csv
    columns: {id: string, end: date}
sections:
  - id: s
    title: Still running
    from: g
    where: end >= period.start
    derive:
      left_days: days(period.end, end)
    measures: {n: count(), days: sum(left_days)}
    reservations: ["Test."]
`
	s := section(t, mustRun(t, recipe, map[string]string{"g.csv": csv}), "s")
	// Row 2 has no end: the comparison is unknown and the row is left out,
	// as in SQL; row 3 ended before the period. days(31 Oct, 31 Dec) = 62.
	assert.Equal(t, [][]any{{int64(1), int64(62)}}, s.Rows)
	assert.Contains(t, footnote(t, s, pack.FootnoteFiltered).Text, "2 of 3 rows were left out")
}

func TestDateFunctions(t *testing.T) {
	csv := "id,d\n1,2024-02-29\n2,2026-10-01\n3,2026-12-31\n"
	recipe := `title: Dates
period: 2026-10
sources:
  g:
    file: g.csv
    columns: {id: string, d: date}
sections:
  - id: s
    title: Dates
    from: g
    derive:
      m: month(d)
      q: quarter(d)
      y: year(d)
      elapsed: period.year_elapsed_days
      pdays: period.days
    group_by: [m, q, y, elapsed, pdays]
    measures: {n: count()}
    reservations: ["Test."]
`
	s := section(t, mustRun(t, recipe, map[string]string{"g.csv": csv}), "s")
	assert.Equal(t, [][]any{
		{"2024-02", "2024-Q1", int64(2024), int64(304), int64(31), int64(1)},
		{"2026-10", "2026-Q4", int64(2026), int64(304), int64(31), int64(1)},
		{"2026-12", "2026-Q4", int64(2026), int64(304), int64(31), int64(1)},
	}, s.Rows)
}

// TestSpilledTextsStayWithTheirRows reads a text column with more values
// than are cached, so its strings are made on the folding side, with
// texts long enough that batches are handed over early, and bad rows whose
// texts must be taken back out.
func TestSpilledTextsStayWithTheirRows(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	var csv strings.Builder
	csv.WriteString("citizen_id,amount\n")
	sums, counts := map[string]float64{}, map[string]int64{}
	for i := range 6000 {
		k := r.IntN(2 * engine.MaxInterned)
		id := fmt.Sprintf("P%05d-%s", k, strings.Repeat("x", k*37%2000))
		if i%13 == 0 {
			fmt.Fprintf(&csv, "BAD-%s,ten\n", id)
			continue
		}
		amount := float64(1 + k%7)
		fmt.Fprintf(&csv, "%s,%g\n", id, amount)
		sums[id] += amount
		counts[id]++
	}
	csv.WriteString("BAD-last,ten\n") // a spilled text with no row to go to
	recipe := `title: Spilled
period: 2026-10
audience: internal
sources:
  pay:
    file: pay.csv
    on_error: skip
    columns: {citizen_id: string, amount: number}
sections:
  - id: s
    title: By citizen
    from: pay
    group_by: [citizen_id]
    measures: {n: count(), amount: sum(amount)}
    reservations: ["Test."]
`
	p := mustRun(t, recipe, map[string]string{"pay.csv": csv.String()})
	s := section(t, p, "s")
	require.Len(t, s.Rows, len(sums))
	for _, row := range s.Rows {
		id := row[0].(string)
		assert.Equal(t, counts[id], row[1], id)
		assert.Equal(t, sums[id], row[2], id)
	}
	assert.Equal(t, int64(6000/13+2), p.Provenance.Sources[0].RowsSkipped)
}
