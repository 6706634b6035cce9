package recipes

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/engine"
)

// TestCountDistinctByID checks count_distinct, which counts by the ids the
// reader gives each distinct value, against counts made here from the
// values written: texts that differ only in surrounding spaces are one
// value, as are two spellings of one date or number; blank cells are not
// counted; and a column with more distinct values than the reader caches
// (maxInterned) is still counted whole, per group and in the total.
func TestCountDistinctByID(t *testing.T) {
	cases := []struct {
		name string
		typ  string
		cell func(r *rand.Rand) (text, value string) // value "" for a blank
		rows int
	}{
		{"strings with spaces and blanks", "string", func(r *rand.Rand) (string, string) {
			n := r.IntN(50)
			switch r.IntN(6) {
			case 0:
				return "", ""
			case 1:
				return fmt.Sprintf("  B%d ", n), fmt.Sprintf("B%d", n)
			}
			return fmt.Sprintf("B%d", n), fmt.Sprintf("B%d", n)
		}, 2000},
		{"more values than are cached", "string", func(r *rand.Rand) (string, string) {
			v := fmt.Sprintf("C%d", r.IntN(3*engine.MaxInterned))
			return v, v
		}, 20000},
		{"numbers written two ways", "number", func(r *rand.Rand) (string, string) {
			n := r.IntN(30)
			if r.IntN(2) == 0 {
				return fmt.Sprintf("%d.50", n), fmt.Sprintf("%d.5", n)
			}
			return fmt.Sprintf("%d.5", n), fmt.Sprintf("%d.5", n)
		}, 1000},
		{"dates", "date", func(r *rand.Rand) (string, string) {
			d := fmt.Sprintf("2026-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
			return d, d
		}, 3000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			var b strings.Builder
			b.WriteString("grp;v\n")
			want := map[string]map[string]bool{"": {}}
			for range c.rows {
				g := fmt.Sprintf("G%d", r.IntN(4))
				text, value := c.cell(r)
				fmt.Fprintf(&b, "%s;%s\n", g, text)
				if want[g] == nil {
					want[g] = map[string]bool{}
				}
				if value != "" {
					want[g][value] = true
					want[""][value] = true
				}
			}
			recipe := fmt.Sprintf(`title: Distinct
period: 2026-10
sources:
  x:
    file: x.csv
    delimiter: ";"
    columns: {grp: string, v: %s}
sections:
  - id: s
    title: Distinct
    from: x
    group_by: grp
    measures: {n: count_distinct(v)}
    order_by: grp
    total: true
    reservations: ["Test."]
`, c.typ)
			p := mustRun(t, recipe, map[string]string{"x.csv": b.String()})
			s := section(t, p, "s")
			for _, row := range s.Rows {
				g := row[0].(string)
				assert.Equal(t, int64(len(want[g])), row[1], "distinct values of group %s", g)
			}
			assert.Equal(t, int64(len(want[""])), s.Total[1], "distinct values in the total")
		})
	}
}

// TestGroupsByIDs checks the groups a section finds by its values' ids
// (and by a derive memoized per date) against sums made here: a group
// column with more distinct values than the reader caches, so that rows
// with ids and rows without meet in one group; blank dates, whose derived
// month is empty; and one month spelled by many dates.
func TestGroupsByIDs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	b.WriteString("who;booked;amount\n")
	type key struct{ who, month string }
	want := map[key]int64{}
	for i := range 30000 {
		who := fmt.Sprintf("P%d", r.IntN(engine.MaxInterned+500))
		if i%7 == 0 {
			who = "P1" // met before and after the column stops caching
		}
		booked, month := "", ""
		if r.IntN(10) > 0 {
			m, d := 1+r.IntN(12), 1+r.IntN(28)
			booked, month = fmt.Sprintf("2026-%02d-%02d", m, d), fmt.Sprintf("2026-%02d", m)
		}
		cents := int64(r.IntN(100000))
		fmt.Fprintf(&b, "%s;%s;%d.%02d\n", who, booked, cents/100, cents%100)
		want[key{who, month}] += cents
	}
	recipe := `title: Groups
period: 2026-10
sources:
  x:
    file: x.csv
    delimiter: ";"
    columns: {who: string, booked: date, amount: number}
sections:
  - id: s
    title: Groups
    from: x
    derive: {month: month(booked)}
    group_by: [who, month]
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`
	p := mustRun(t, recipe, map[string]string{"x.csv": b.String()})
	s := section(t, p, "s")
	require.Len(t, s.Rows, len(want), "groups")
	for _, row := range s.Rows {
		k := key{who: row[0].(string)}
		if row[1] != nil {
			k.month = row[1].(string)
		}
		got := int64(math.Round(row[2].(float64) * 100))
		assert.Equal(t, want[k], got, "cents of group %v", k)
	}
}
