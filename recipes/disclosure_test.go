package recipes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/render/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// groupsCSV writes one row per citizen: group g has sizes[g] citizens,
// each with amount 100.
func groupsCSV(sizes map[string]int, order []string) string {
	var b strings.Builder
	b.WriteString("grp,citizen_id,amount\n")
	n := 0
	for _, g := range order {
		for i := 0; i < sizes[g]; i++ {
			n++
			fmt.Fprintf(&b, "%s,P%d,100\n", g, n)
		}
	}
	return b.String()
}

func disclosureRecipe(minCount int, total bool, secondary ...string) string {
	extra := ""
	if len(secondary) > 0 {
		extra = "    disclosure: {secondary: " + secondary[0] + "}\n"
	}
	return fmt.Sprintf(`title: Disclosure
period: 2026-10
audience: council
disclosure: {min_count: %d}
sources:
  g:
    file: g.csv
    columns: {grp: string, citizen_id: string, amount: number}
sections:
  - id: s
    title: Groups
    from: g
    group_by: grp
    measures: {citizens: count_distinct(citizen_id), amount: sum(amount)}
    total: %t
%s    reservations: ["Test."]
`, minCount, total, extra)
}

func TestDisclosureControl(t *testing.T) {
	tests := []struct {
		name       string
		minCount   int
		total      bool
		sizes      map[string]int
		rows       [][]any
		totalRow   []any
		suppressed [][2]int
	}{
		{
			name: "one small group: the next smallest is withheld too, so the total cannot give it away",
			// A 5, B 4, C 2 with min 3: C is withheld; total − A − B would
			// give C, so B (the smallest other) is withheld as well.
			minCount: 3, total: true, sizes: map[string]int{"A": 5, "B": 4, "C": 2},
			rows:       [][]any{{"A", int64(5), 500.0}, {"B", nil, nil}, {"C", nil, nil}},
			totalRow:   []any{"Total", int64(11), 1100.0},
			suppressed: [][2]int{{1, 1}, {1, 2}, {2, 1}, {2, 2}},
		},
		{
			name: "two small groups that together are still small: a third is withheld",
			// C 2 + D 1 = 3 citizens < 5: withholding only them would show
			// their sum; A (5) joins them; B stays.
			minCount: 5, total: true, sizes: map[string]int{"A": 5, "B": 6, "C": 2, "D": 1},
			rows:       [][]any{{"A", nil, nil}, {"B", int64(6), 600.0}, {"C", nil, nil}, {"D", nil, nil}},
			totalRow:   []any{"Total", int64(14), 1400.0},
			suppressed: [][2]int{{0, 1}, {0, 2}, {2, 1}, {2, 2}, {3, 1}, {3, 2}},
		},
		{
			name:     "every group small: the total is withheld too",
			minCount: 5, total: true, sizes: map[string]int{"A": 2, "B": 2},
			rows:       [][]any{{"A", nil, nil}, {"B", nil, nil}},
			totalRow:   []any{"Total", nil, nil},
			suppressed: [][2]int{{0, 1}, {0, 2}, {1, 1}, {1, 2}, {2, 1}, {2, 2}},
		},
		{
			name:     "no total: only the small group is withheld",
			minCount: 3, total: false, sizes: map[string]int{"A": 5, "B": 4, "C": 2},
			rows:       [][]any{{"A", int64(5), 500.0}, {"B", int64(4), 400.0}, {"C", nil, nil}},
			suppressed: [][2]int{{2, 1}, {2, 2}},
		},
		{
			// Three equal persons: the two largest are 2/3 of the sum, under
			// the dominance rule's 85 %. (Two persons would be 100 %: each
			// could work out the other's amount.)
			name:     "nothing small: nothing withheld",
			minCount: 2, total: true, sizes: map[string]int{"A": 3, "B": 3},
			rows:       [][]any{{"A", int64(3), 300.0}, {"B", int64(3), 300.0}},
			totalRow:   []any{"Total", int64(6), 600.0},
			suppressed: [][2]int{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order := []string{"A", "B", "C", "D"}
			p := mustRun(t, disclosureRecipe(tt.minCount, tt.total), map[string]string{"g.csv": groupsCSV(tt.sizes, order)})
			s := section(t, p, "s")
			assert.Equal(t, tt.rows, s.Rows)
			if tt.total {
				assert.Equal(t, tt.totalRow, s.Total)
			} else {
				assert.Nil(t, s.Total)
			}
			assert.Equal(t, tt.suppressed, s.Suppressed)
			if len(tt.suppressed) > 0 {
				note := footnote(t, s, pack.FootnoteSuppressed)
				assert.Contains(t, note.Text, fmt.Sprintf("x: the figure is withheld to protect privacy. It describes fewer than %d persons", tt.minCount))
			} else {
				for _, f := range s.Footnotes {
					assert.NotEqual(t, pack.FootnoteSuppressed, f.Kind)
				}
			}
		})
	}
}

func TestSuppressedValuesNeverReachPackJSON(t *testing.T) {
	// Group C's amount is unusual (123456.78) so that it can be searched for.
	csv := groupsCSV(map[string]int{"A": 5, "B": 5}, []string{"A", "B"}) + "C,P99,123456.78\n"
	p := mustRun(t, disclosureRecipe(5, true), map[string]string{"g.csv": csv})
	data, err := pack.Encode(p)
	require.NoError(t, err)
	assert.NotContains(t, string(data), "123456.78")
	// Nor through the total: C's one person is 123.456,78 of the total's
	// 124.456,78, 99 % of it, so the total is dominated (n 2, k 85) and
	// withheld for its own sake; A goes too, so that B and the total's
	// other figures cannot give C away.
	s := section(t, p, "s")
	assert.Equal(t, []any{"Total", nil, nil}, s.Total)
	assert.Nil(t, s.Rows[0][2], "A is withheld with C")
	assert.Equal(t, 500.0, s.Rows[1][2])
}

func TestSecondarySuppressionOfTheTotalInstead(t *testing.T) {
	p := mustRun(t, disclosureRecipe(3, true, "total"), map[string]string{"g.csv": groupsCSV(map[string]int{"A": 5, "B": 4, "C": 2}, []string{"A", "B", "C"})})
	s := section(t, p, "s")
	// C is withheld; the total goes instead of B, so A and B stay.
	assert.Equal(t, [][]any{{"A", int64(5), 500.0}, {"B", int64(4), 400.0}, {"C", nil, nil}}, s.Rows)
	assert.Equal(t, []any{"Total", nil, nil}, s.Total)
	assert.Equal(t, [][2]int{{2, 1}, {2, 2}, {3, 1}, {3, 2}}, s.Suppressed)
}

// TestSecondarySuppressionCountsEverySubject: secondary suppression takes
// the row with the fewest subjects, counted exactly however many there
// are, not the one with the fewest source rows. Choosing by another rule
// would withhold other rows than an earlier pack over the same extract,
// and the two packs together would give a withheld row away.
func TestSecondarySuppressionCountsEverySubject(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("grp,citizen_id,amount\n")
	for i := range 100 { // A: 100 citizens, one row each
		fmt.Fprintf(&csv, "A,PA%d,1\n", i)
	}
	for i := range 350 { // B: 70 citizens, five rows each
		fmt.Fprintf(&csv, "B,PB%d,1\n", i%70)
	}
	csv.WriteString("C,PC1,1\nC,PC2,1\n") // C: 2 citizens, under min_count
	p := mustRun(t, disclosureRecipe(3, true), map[string]string{"g.csv": csv.String()})
	s := section(t, p, "s")
	assert.Equal(t, [][]any{{"A", int64(100), 100.0}, {"B", nil, nil}, {"C", nil, nil}}, s.Rows)
	assert.Equal(t, []any{"Total", int64(172), 452.0}, s.Total)

	// Folding straight into a run: a group keeps every subject.
	path := office(t, disclosureRecipe(3, true), map[string]string{"g.csv": "grp,citizen_id,amount\n"})
	r, err := Load(path)
	require.NoError(t, err)
	pl, err := Check(r, Options{})
	require.NoError(t, err)
	run := engine.NewTableRun(pl.Sections[0], path, pl.Period, nil, pl.MinCount, engine.NewTextIDs())
	for i := range 1000 {
		require.NoError(t, run.Add([]any{"A", fmt.Sprintf("P%d", i%700), 1.0}, make([]uint32, 3), i+2))
	}
	require.Len(t, run.Order, 1)
	assert.Equal(t, 700, run.Order[0].Subjects.Count())
}

// TestStepsCountRowsLikeATotal: a section's steps count the rows it kept,
// so a column that counts rows has its total there even without a total
// row; withholding one small row alone would give its count away.
func TestStepsCountRowsLikeATotal(t *testing.T) {
	csv := groupsCSV(map[string]int{"A": 5, "B": 4, "C": 2}, []string{"A", "B", "C"})
	withCount := func(recipe string) string {
		return strings.Replace(recipe, "{citizens: count_distinct(citizen_id), amount: sum(amount)}", "{payments: count(), amount: sum(amount)}", 1)
	}
	tests := []struct {
		name       string
		recipe     string
		rows       [][]any
		total      []any
		suppressed [][2]int
	}{
		{
			name:   "no total row, a count of rows: the next smallest is withheld too",
			recipe: withCount(disclosureRecipe(3, false)),
			rows:   [][]any{{"A", int64(5), 500.0}, {"B", nil, nil}, {"C", nil, nil}},
			// Kept 11 rows − A's 5 = B and C together: 6 rows, 6 persons.
			suppressed: [][2]int{{1, 1}, {1, 2}, {2, 1}, {2, 2}},
		},
		{
			name:       "no total row, nothing that counts rows: only the small row",
			recipe:     disclosureRecipe(3, false),
			rows:       [][]any{{"A", int64(5), 500.0}, {"B", int64(4), 400.0}, {"C", nil, nil}},
			suppressed: [][2]int{{2, 1}, {2, 2}},
		},
		{
			name:   "secondary: total, with a count of rows: withholding the total is not enough",
			recipe: withCount(disclosureRecipe(3, true, "total")),
			rows:   [][]any{{"A", int64(5), 500.0}, {"B", nil, nil}, {"C", nil, nil}},
			total:  []any{"Total", int64(11), 1100.0},
			// The steps keep 11 rows whatever the total row shows.
			suppressed: [][2]int{{1, 1}, {1, 2}, {2, 1}, {2, 2}},
		},
		{
			name:       "secondary: total, nothing that counts rows: the total is withheld instead",
			recipe:     disclosureRecipe(3, true, "total"),
			rows:       [][]any{{"A", int64(5), 500.0}, {"B", int64(4), 400.0}, {"C", nil, nil}},
			total:      []any{"Total", nil, nil},
			suppressed: [][2]int{{2, 1}, {2, 2}, {3, 1}, {3, 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := section(t, mustRun(t, tt.recipe, map[string]string{"g.csv": csv}), "s")
			assert.Equal(t, tt.rows, s.Rows)
			if tt.total != nil {
				assert.Equal(t, tt.total, s.Total)
			}
			assert.Equal(t, tt.suppressed, s.Suppressed)
		})
	}
}
