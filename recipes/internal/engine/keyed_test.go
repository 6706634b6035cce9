package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/recipes/gitfile"
	"github.com/stretchr/testify/require"
)

// TestKeyedCellsSkippedRows runs a council recipe over more citizens than
// a column caches (so their ids are given a batch at a time, see
// sourceReader.key), with bad rows whose citizen cell comes before the bad
// amount, skipped by on_error: skip. A skipped row must leave no trace in
// the figures: the sections equal those of the same extract without the
// bad rows (their notes and steps say what was skipped, so they differ).
func TestKeyedCellsSkippedRows(t *testing.T) {
	var clean, dirty strings.Builder
	clean.WriteString("citizen,section,amount\n")
	dirty.WriteString("citizen,section,amount\n")
	for i := range 9000 {
		row := fmt.Sprintf("C%05d,§ %d,%d.%02d\n", i%6000, 85+i%7, 100+i%911, i%100)
		clean.WriteString(row)
		dirty.WriteString(row)
		if i%97 == 0 {
			// A citizen met nowhere else, then one met elsewhere, each
			// with an amount that cannot be read.
			fmt.Fprintf(&dirty, "X%05d,§ 85,12x\nC%05d,§ 86,n/a\n", i, (i*7)%6000)
		}
	}
	recipe := `title: Pakke
period: 2026-10
locale: da
audience: council
disclosure: {min_count: 5, subject: citizen}
sources:
  payments:
    file: payments.csv
    on_error: skip
    columns: {citizen: string, section: string, amount: number}
reservations:
  - {id: test, text: Syntetiske tal.}
sections:
  - id: by_section
    title: Betalt pr. paragraf
    from: payments
    group_by: [section]
    measures: {citizens: count_distinct(citizen), amount: sum(amount), payments: count()}
    total: true
    reservations: [test]
`
	sections := func(extract string) any {
		fsys := fstest.MapFS{
			"office/recipe.yaml":  {Data: []byte(recipe)},
			"office/payments.csv": {Data: []byte(extract)},
		}
		r, err := recipes.LoadFS(fsys, "office/recipe.yaml")
		require.NoError(t, err)
		pl, err := recipes.Check(r, recipes.Options{FS: fsys})
		require.NoError(t, err)
		p, err := pl.Run(context.Background(), recipes.RunOptions{Generated: time.Unix(0, 0), History: &gitfile.History{}})
		require.NoError(t, err)
		sec := p.Sections[0]
		return []any{sec.Rows, sec.Total, sec.Suppressed}
	}
	want := sections(clean.String())
	require.Equal(t, want, sections(dirty.String()))
	total := want.([]any)[1].([]any)
	require.Equal(t, "6000 9000", fmt.Sprint(total[1], " ", total[3]), "the total's citizens and payments, counted by hand: C00000 to C05999, one row each of 9,000")
	// Σ (100 + i mod 911) + Σ (i mod 100)/100 over i < 9000, by hand:
	// 9000·100 + 9·(910·911/2) + Σ_{i=8199}^{8999} (i−8199) = 900,000 +
	// 3,730,545 + 320,400 = 4,950,945; the cents: 90 rounds of
	// 0.00 … 0.99 = 90 · 49.50 = 4,455. In all 4,955,400.
	require.InDelta(t, 4_955_400.0, total[2], 0.005, "the total amount")
}
