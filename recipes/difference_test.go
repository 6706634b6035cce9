package recipes

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pack"
)

// The attacks here subtract two shown figures, neither about few persons,
// whose difference is: a total and the same total under a filter, or a
// total beside the rows an inner join kept.

// shownFigure is the figure in column col of a section's only row, or
// false where it is withheld.
func shownFigure(t *testing.T, s *pack.Section, col int) (float64, bool) {
	t.Helper()
	require.Len(t, s.Rows, 1, "section %s", s.ID)
	if s.IsSuppressed(0, col) || s.Rows[0][col] == nil {
		return 0, false
	}
	v, ok := s.Rows[0][col].(float64)
	return v, ok
}

// assertDifferenceHidden checks that the one-row sections outer and inner
// do not both show their figure, whose difference is secret.
func assertDifferenceHidden(t *testing.T, outer, inner *pack.Section, secret float64) {
	t.Helper()
	a, okA := shownFigure(t, outer, 0)
	b, okB := shownFigure(t, inner, 0)
	if okA && okB {
		assert.NotEqual(t, secret, a-b, "%s %v − %s %v gives one person's %v away", outer.ID, a, inner.ID, b, secret)
	}
	assert.False(t, okA && okB, "both shown: %s %v, %s %v", outer.ID, a, inner.ID, b)
}

// A complementary filter: "all" sums every person's amount; "most" sums
// those with amount < 1.000. 11 persons of 100 and 1 of 5.000 (P012) give
// all 6.100 and most 1.100: 6.100 − 1.100 = 5.000, one person's amount,
// though each figure describes 12 or 11 persons. One of the two is
// withheld.
func TestAttackComplementaryFilter(t *testing.T) {
	p := mustRun(t, councilRecipe(`  - id: all
    title: All
    from: g
    measures: {amount: sum(amount)}
    reservations: ["Test."]
  - id: most
    title: Most
    from: g
    where: amount < 1000
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A"}, elevenAndOne)})
	assertDifferenceHidden(t, section(t, p, "all"), section(t, p, "most"), 5000)
}

// unGranted is 10 payments of 100 with a grant each and P011's payment of
// 4.321 without one, and a council recipe over them with sections:
// "paid" (every payment) and "granted" (those with a grant, an inner
// join) after the sections given first.
func unGranted(t *testing.T, first string) *pack.Pack {
	t.Helper()
	var grants, payments strings.Builder
	grants.WriteString("case_id,section\n")
	payments.WriteString("case_id,citizen_id,amount\n")
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&grants, "K%d,§ 107\n", i)
		fmt.Fprintf(&payments, "K%d,P%03d,100\n", i, i)
	}
	payments.WriteString("K11,P011,4321\n")
	recipe := `title: Attack
period: 2026-10
audience: council
sources:
  grants:
    file: grants.csv
    columns: {case_id: string, section: string}
  payments:
    file: payments.csv
    columns: {case_id: string, citizen_id: string, amount: number}
sections:
` + first + `  - id: paid
    title: Paid
    from: payments
    measures: {amount: sum(amount)}
    reservations: ["Test."]
  - id: granted
    title: Granted
    from: payments
    join:
      - {source: grants, on: case_id}
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`
	return mustRun(t, recipe, map[string]string{"grants.csv": grants.String(), "payments.csv": payments.String()})
}

// An inner join beside the same rows' total: "paid" sums every payment,
// "granted" only those with a grant (an inner join). 10 persons have a
// grant and were paid 100 each; P011 has none and was paid 4.321. Paid
// is 1.000 + 4.321 = 5.321, granted 1.000, and 5.321 − 1.000 = 4.321
// would be P011's payment. One of the two is withheld.
func TestAttackInnerJoinBesideTotal(t *testing.T) {
	p := unGranted(t, "")
	assertDifferenceHidden(t, section(t, p, "paid"), section(t, p, "granted"), 4321)
}

// Two sums in one row: "paid" sums every payment and "large" only those
// over 1.000 (a derived column, empty below). Group A has 8 persons, 7
// paid 2.000 and P008 paid 300: paid 14.300, large 14.000, each about 7
// or 8 persons, and 14.300 − 14.000 = 300 would be P008's payment. Group
// B's 6 persons all paid 2.000: its two sums are equal, their difference
// describes no one, and the row is shown.
func TestAttackTwoSumsInOneRow(t *testing.T) {
	amounts := map[string][]float64{
		"A": {2000, 2000, 2000, 2000, 2000, 2000, 2000, 300},
		"B": {2000, 2000, 2000, 2000, 2000, 2000},
	}
	p := mustRun(t, councilRecipe(`  - id: s
    title: Paid
    from: g
    derive: {large: 'amount > 1000 ? amount : nil'}
    group_by: grp
    measures: {paid: sum(amount), large: sum(large)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A", "B"}, amounts)})
	s := section(t, p, "s")
	a := rowIndex(t, s, "A")
	if !s.IsSuppressed(a, 1) && !s.IsSuppressed(a, 2) {
		assert.NotEqual(t, 300.0, s.Rows[a][1].(float64)-s.Rows[a][2].(float64), "paid − large gives P008's 300 away")
	}
	assert.True(t, withheldRow(s, a), "A: %v", s.Rows[a])
	assert.False(t, withheldRow(s, rowIndex(t, s, "B")), "B: %v", s.Rows)
}

// An alert beside a table of the same rows: "cost" sums the day prices
// by paragraph; "large" counts and sums the yearly cost (day price × 365)
// of the grants over 1.000.000 a year. § 107 has 8 persons at 3.000 a day
// (1.095.000 a year) and P009 at 100: cost 24.100, large 8.760.000 for 8
// grants, and 24.100 − 8.760.000 ÷ 365 = 24.100 − 24.000 = 100 would be
// P009's day price. The alert's sum is tied to the day prices, scaled, so
// the difference is protected.
func TestAttackAlertBesideATable(t *testing.T) {
	var b strings.Builder
	b.WriteString("grp,citizen_id,amount\n")
	for i := 1; i <= 9; i++ {
		price := 3000
		if i == 9 {
			price = 100
		}
		fmt.Fprintf(&b, "§ 107,P%03d,%d\n", i, price)
	}
	for i := 10; i <= 15; i++ {
		fmt.Fprintf(&b, "§ 108,P%03d,3000\n", i)
	}
	p := mustRun(t, councilRecipe(`  - id: cost
    title: Day prices
    from: g
    group_by: grp
    measures: {amount: sum(amount)}
    reservations: ["Test."]
  - id: large
    title: Large
    from: g
    group_by: grp
    alert: {value: amount * 365, threshold: 1000000}
    reservations: ["Test."]
`), map[string]string{"g.csv": b.String()})
	cost, large := section(t, p, "cost"), section(t, p, "large")
	c, l := rowIndex(t, cost, "§ 107"), rowIndex(t, large, "§ 107")
	value := slices.Index(large.Columns, "value")
	if !cost.IsSuppressed(c, 1) && !large.IsSuppressed(l, value) {
		assert.NotEqual(t, 100.0, cost.Rows[c][1].(float64)-large.Rows[l][value].(float64)/365, "cost − large ÷ 365 gives P009's day price away")
	}
	assert.True(t, cost.IsSuppressed(c, 1) || large.IsSuppressed(l, value), "cost %v, large %v", cost.Rows, large.Rows)
}

// A source read twice: "bysec" reads grants joined to payments (so
// payments is read first, to be joined), and "granted" reads payments
// joined to grants (so it waits for grants). paid − granted = 5.321 −
// 1.000 = 4.321 would be P011's payment, as in
// TestAttackInnerJoinBesideTotal: all of payments' sections are read in
// one scan, after grants, and tied.
func TestAttackSourceReadTwice(t *testing.T) {
	p := unGranted(t, `  - id: bysec
    title: By paragraph
    from: grants
    join:
      - {source: payments, on: case_id}
    group_by: section
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`)
	assertDifferenceHidden(t, section(t, p, "paid"), section(t, p, "granted"), 4321)
}

// elevenAndOne is 11 persons of 100 and P012 of 5.000.
var elevenAndOne = map[string][]float64{"A": {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 5000}}

// shareRecipe is two sections over the same rows: "all" measuring all,
// "small" measuring small over a derived column small, the amount below
// 1.000 and empty above.
func shareRecipe(all, small string) string {
	return councilRecipe(`  - id: all
    title: All
    from: g
    measures: {` + all + `}
    reservations: ["Test."]
  - id: small
    title: Small
    from: g
    derive: {small: 'amount < 1000 ? amount : nil'}
    measures: {` + small + `}
    reservations: ["Test."]
`)
}

// A share beside its column, in two sections: all sums every amount,
// small the amounts below 1.000: all 6.100, small 1.100, and 6.100 −
// 1.100 = 5.000 would be P012's amount. The share is the column's own sum
// over the rows where it is taken, so the two are tied.
func TestAttackShareBesideItsColumn(t *testing.T) {
	p := mustRun(t, shareRecipe("amount: sum(amount)", "small: sum(small)"), map[string]string{"g.csv": people([]string{"A"}, elevenAndOne)})
	assertDifferenceHidden(t, section(t, p, "all"), section(t, p, "small"), 5000)
}

// count(col) counts the rows where col has a value, not every row: 12
// rows and 11 small ones give 12 − 11 = 1 row, P012's, about one person.
func TestAttackCountOfAColumnBesideTheRows(t *testing.T) {
	p := mustRun(t, shareRecipe("rows: count()", "rows: count(small)"), map[string]string{"g.csv": people([]string{"A"}, elevenAndOne)})
	all, small := section(t, p, "all"), section(t, p, "small")
	shownAll := !all.IsSuppressed(0, 0) && all.Rows[0][0] != nil
	shownSmall := !small.IsSuppressed(0, 0) && small.Rows[0][0] != nil
	assert.False(t, shownAll && shownSmall, "all %v − small %v gives P012's row away", all.Rows, small.Rows)
}

// Two counts of persons, one under a filter: all counts 12 persons and
// sums 6.100; most counts the 11 with an amount below 1.000, and shows
// their mean, 100. 12 − 11 = 1 person has 1.000 or more, and 6.100 − 11
// × 100 = 5.000 is P012's amount. One of the two rows goes.
func TestAttackPersonsUnderAFilter(t *testing.T) {
	p := mustRun(t, councilRecipe(`  - id: all
    title: All
    from: g
    measures: {amount: sum(amount), persons: count_distinct(citizen_id)}
    reservations: ["Test."]
  - id: most
    title: Most
    from: g
    where: amount < 1000
    measures: {persons: count_distinct(citizen_id), avg: mean(amount)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A"}, elevenAndOne)})
	all, most := section(t, p, "all"), section(t, p, "most")
	shown := !all.IsSuppressed(0, 1) && !most.IsSuppressed(0, 0)
	if shown {
		assert.NotEqual(t, int64(1), all.Rows[0][1].(int64)-most.Rows[0][0].(int64), "all %v − most %v counts one person", all.Rows, most.Rows)
	}
	assert.False(t, shown, "both counts shown: all %v, most %v", all.Rows, most.Rows)
}

// A share that divides: monthly is amount / 12 below 1.000 and empty
// above. 11 persons of 103 and P012 of 5.000: all 6.133, monthly 94,4167
// (1.133 ÷ 12), and 6.133 − 94,4167 × 12 = 5.000 would be P012's amount.
// 103 / 12 is not 103 × (1/12) in floating point: the rows a share took
// are told by its value, not by that product.
func TestAttackShareThatDivides(t *testing.T) {
	amounts := map[string][]float64{"A": {103, 103, 103, 103, 103, 103, 103, 103, 103, 103, 103, 5000}}
	p := mustRun(t, councilRecipe(`  - id: all
    title: All
    from: g
    measures: {amount: sum(amount)}
    reservations: ["Test."]
  - id: monthly
    title: Monthly
    from: g
    derive: {monthly: 'amount < 1000 ? amount / 12 : nil'}
    measures: {monthly: sum(monthly)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A"}, amounts)})
	all, monthly := section(t, p, "all"), section(t, p, "monthly")
	a, okA := shownFigure(t, all, 0)
	m, okM := shownFigure(t, monthly, 0)
	if okA && okM {
		assert.NotEqual(t, 5000.0, math.Round(a-12*m), "all %v − monthly %v × 12 gives P012's amount away", a, m)
	}
	assert.False(t, okA && okM, "both shown: all %v, monthly %v", a, m)
}

// The note on empty values counts rows: 12 rows, a sum of small over 11,
// and "1 row with no value in small" would be P012's row, published
// outright. The count describes one person: it is withheld with the
// section's step counts, and the note says that rows were left out, not
// how many.
func TestNilsNoteWithoutCount(t *testing.T) {
	p := mustRun(t, councilRecipe(`  - id: s
    title: Small
    from: g
    derive: {small: 'amount < 1000 ? amount : nil'}
    measures: {rows: count(), small: sum(small)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A"}, elevenAndOne)})
	s := section(t, p, "s")
	found := false
	for _, f := range s.Footnotes {
		if f.Kind == pack.FootnoteNils {
			found = true
			assert.NotRegexp(t, `^[0-9]`, f.Text, "the note counts the empty rows")
			assert.NotContains(t, f.Text, "1 row", "the note counts the empty rows")
		}
	}
	assert.True(t, found, "no note on the empty values: %v", s.Footnotes)
}

// The note's count of empty values is a figure like a step's: shown where
// the audit holds it. 12 rows of 12 persons, 7 of them with no amount:
// "7 rows with no value" describes 7 persons and is shown, and the sum of
// the other 5 too.
func TestNilsNoteCountedWhereSafe(t *testing.T) {
	csv := "grp,citizen_id,amount\n"
	for i := range 12 {
		v := ""
		if i >= 7 {
			v = "100"
		}
		csv += fmt.Sprintf("A,P%03d,%s\n", i, v)
	}
	p := mustRun(t, councilRecipe(`  - id: s
    title: Some
    from: g
    measures: {rows: count(), amount: sum(amount)}
    reservations: ["Test."]
`), map[string]string{"g.csv": csv})
	s := section(t, p, "s")
	var texts []string
	for _, f := range s.Footnotes {
		if f.Kind == pack.FootnoteNils {
			texts = append(texts, f.Text)
		}
	}
	require.Len(t, texts, 1)
	assert.True(t, strings.HasPrefix(texts[0], "7 rows"), "%q", texts[0])
}

// A row with no person (an empty citizen_id) beside the same rows under a
// filter: s 6.100, f 1.100, and 6.100 − 1.100 = 5.000 is that row's
// amount. A row of no known person is as sensitive as a small group.
func TestAttackRowOfNoKnownPerson(t *testing.T) {
	csv := "grp,citizen_id,amount\n"
	for i := 1; i <= 11; i++ {
		csv += fmt.Sprintf("A,P%03d,100\n", i)
	}
	csv += "A,,5000\n"
	p := mustRun(t, councilRecipe(`  - id: s
    title: All
    from: g
    measures: {paid: sum(amount)}
    reservations: ["Test."]
  - id: f
    title: Small
    from: g
    where: amount < 1000
    measures: {paid: sum(amount)}
    reservations: ["Test."]
`), map[string]string{"g.csv": csv})
	assertDifferenceHidden(t, section(t, p, "s"), section(t, p, "f"), 5000)
}

// Many sections before a share: their figures take row bits first, and
// the notes' bits come last, so the share keeps its tie to the column
// (31 sections of two measured columns once took all 64 bits).
func TestAttackShareAfterManySections(t *testing.T) {
	var sections strings.Builder
	for k := range 31 {
		fmt.Fprintf(&sections, "  - id: f%d\n    title: F%d\n    from: g\n    where: amount > %d\n    measures: {persons: count_distinct(citizen_id), amount: sum(amount)}\n    reservations: [\"Test.\"]\n", k, k, k)
	}
	p := mustRun(t, councilRecipe(sections.String()+`  - id: all
    title: All
    from: g
    measures: {amount: sum(amount)}
    reservations: ["Test."]
  - id: small
    title: Small
    from: g
    derive: {small: 'amount < 1000 ? amount : nil'}
    measures: {small: sum(small)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A"}, elevenAndOne)})
	assertDifferenceHidden(t, section(t, p, "all"), section(t, p, "small"), 5000)
}

// The note on empty values where the persons come through a join: the
// scan of payments does not know who each row is, so it cannot tell that
// "1 row with no value in amount" is P012's payment: no count.
func TestNilsNoteWithSubjectsThroughAJoin(t *testing.T) {
	var grants, payments strings.Builder
	grants.WriteString("case_id,citizen_id\n")
	payments.WriteString("case_id,amount\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&grants, "K%d,P%03d\n", i, i)
		amount := "100"
		if i == 12 {
			amount = ""
		}
		fmt.Fprintf(&payments, "K%d,%s\n", i, amount)
	}
	recipe := `title: Attack
period: 2026-10
audience: council
sources:
  grants:
    file: grants.csv
    columns: {case_id: string, citizen_id: string}
  payments:
    file: payments.csv
    columns: {case_id: string, amount: number}
sections:
  - id: s
    title: Paid
    from: payments
    join:
      - {source: grants, on: case_id}
    measures: {rows: count(), paid: sum(amount), persons: count_distinct(grants.citizen_id)}
    reservations: ["Test."]
`
	p := mustRun(t, recipe, map[string]string{"grants.csv": grants.String(), "payments.csv": payments.String()})
	for _, f := range section(t, p, "s").Footnotes {
		if f.Kind == pack.FootnoteNils {
			assert.NotContains(t, f.Text, "1 row", "the note counts P012's empty payment")
		}
	}
}

// Values a sum leaves out without being empty: amount / amount is NaN
// for P020's amount of 0. The note counts it with the empty values, and
// so does the audit: "1 row with no value" is one person's, and goes.
func TestNilsNoteCountsWhatTheSumLeavesOut(t *testing.T) {
	amounts := map[string][]float64{"A": make([]float64, 20)}
	for i := range 19 {
		amounts["A"][i] = 100
	}
	p := mustRun(t, councilRecipe(`  - id: s
    title: Ratio
    from: g
    derive: {v: 'amount / amount'}
    measures: {rows: count(), v: sum(v)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A"}, amounts)})
	for _, f := range section(t, p, "s").Footnotes {
		if f.Kind == pack.FootnoteNils {
			assert.NotContains(t, f.Text, "1 row", "the note counts P020's row")
		}
	}
}
