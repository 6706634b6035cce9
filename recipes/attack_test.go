package recipes

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/fault"
	"github.com/mipack/mipack/render/pack"
)

// Each test here is an attack on a council pack, made with nothing but the
// pack's own published numbers, as a reader with a calculator would make
// it. The arithmetic is written out; the test fails where the pack lets it
// succeed.

// people writes rows grp,citizen_id,amount: for each group, its persons'
// amounts (one row each).
func people(groups []string, amounts map[string][]float64) string {
	var b strings.Builder
	b.WriteString("grp,citizen_id,amount\n")
	n := 0
	for _, g := range groups {
		for _, a := range amounts[g] {
			n++
			fmt.Fprintf(&b, "%s,P%03d,%g\n", g, n, a)
		}
	}
	return b.String()
}

func councilRecipe(sections string) string {
	return `title: Attack
period: 2026-10
audience: council
sources:
  g:
    file: g.csv
    columns: {grp: string, citizen_id: string, amount: number}
sections:
` + sections
}

func withheldRow(s *pack.Section, row int) bool {
	return slices.Contains(s.Suppressed, [2]int{row, len(s.Columns) - 1})
}

func rowIndex(t *testing.T, s *pack.Section, group string) int {
	t.Helper()
	for i, r := range s.Rows {
		if r[0] == group {
			return i
		}
	}
	require.Failf(t, "no row", "section %s has no row %q", s.ID, group)
	return -1
}

var fiveEach = map[string][]float64{
	"A": {100, 100, 100, 100, 100, 100},
	"B": {200, 200, 200, 200, 200, 200, 200},
	"C": {700, 900},
}

// Linked tables: section "by" shows A 600 and B 1.400 with C withheld (2
// persons) and no total; section "all" shows the same rows' sum, 3.600.
// Then 3.600 − 600 − 1.400 = 1.600 would be C. Disclosure control sees the
// two sections as one and withholds a second row of "by" (or "all").
func TestAttackLinkedTables(t *testing.T) {
	p := mustRun(t, councilRecipe(`  - id: by
    title: By group
    from: g
    group_by: grp
    measures: {amount: sum(amount)}
    reservations: ["Test."]
  - id: all
    title: All
    from: g
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A", "B", "C"}, fiveEach)})
	by, all := section(t, p, "by"), section(t, p, "all")
	require.True(t, withheldRow(by, rowIndex(t, by, "C")), "C has 2 persons")
	shown := 0.0
	for i, r := range by.Rows {
		if !withheldRow(by, i) {
			shown += r[1].(float64)
		}
	}
	if all.Rows[0][0] != nil {
		assert.NotEqual(t, 1600.0, all.Rows[0][0].(float64)-shown, "all − shown rows of by gives C's 1.600 away")
	}
}

// The same table with and without a total: "plain" has no total, "with"
// has one; together they give plain's withheld row as total − shown.
func TestAttackSameTableWithAndWithoutTotal(t *testing.T) {
	section := `  - id: %s
    title: %s
    from: g
    group_by: grp
    measures: {amount: sum(amount)}
    total: %t
    reservations: ["Test."]
`
	p := mustRun(t, councilRecipe(fmt.Sprintf(section, "plain", "Plain", false)+fmt.Sprintf(section, "with", "With", true)),
		map[string]string{"g.csv": people([]string{"A", "B", "C"}, fiveEach)})
	plain, with := sectionOf(p, "plain"), sectionOf(p, "with")
	if with.Total[1] == nil {
		return // with's total withheld: nothing to subtract from
	}
	for _, s := range []*pack.Section{plain, with} {
		n := 0
		for i := range s.Rows {
			if withheldRow(s, i) {
				n++
			}
		}
		// 3.600 (with's total) − A 600 − B 1.400 = 1.600 = C: with the
		// total shown, a second row must go in both, since each one's
		// rows are the other's.
		assert.GreaterOrEqual(t, n, 2, "section %s withholds only C while the total is shown", s.ID)
	}
}

func sectionOf(p *pack.Pack, id string) *pack.Section {
	for i := range p.Sections {
		if p.Sections[i].ID == id {
			return &p.Sections[i]
		}
	}
	return nil
}

// Published counts: a section counting rows shows no total, but its
// filter step says how many rows it kept. Kept 15 − A 6 − B 7 = 2 would be
// C's count. Either a second row or the step's count is withheld.
func TestAttackStepCounts(t *testing.T) {
	p := mustRun(t, councilRecipe(`  - id: s
    title: Rows
    from: g
    where: amount > 0
    group_by: grp
    measures: {rows: count()}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A", "B", "C"}, fiveEach)})
	s := section(t, p, "s")
	var kept int64 = -1
	for _, st := range s.Steps {
		if strings.HasPrefix(st.Text, "Keep rows where") {
			kept = st.Rows
		}
	}
	shown := int64(0)
	withheld := 0
	for i, r := range s.Rows {
		if withheldRow(s, i) {
			withheld++
		} else {
			shown += r[1].(int64)
		}
	}
	assert.False(t, kept >= 0 && withheld == 1, "kept %d − shown %d = %d gives the one withheld row away", kept, shown, kept-shown)
}

// Rank: ordered by amount, largest first, a withheld row's place would
// bound its value (between its neighbours). Withheld rows follow the
// shown ones, in the order of their group values: C (1.600) is not placed
// between B (1.400) and A (600), nor above them.
func TestAttackRank(t *testing.T) {
	amounts := map[string][]float64{"A": fiveEach["A"], "B": fiveEach["B"], "C": {700, 900}, "D": {50}}
	p := mustRun(t, councilRecipe(`  - id: s
    title: Ranked
    from: g
    group_by: grp
    measures: {amount: sum(amount)}
    order_by: [-amount]
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A", "B", "C", "D"}, amounts)})
	s := section(t, p, "s")
	var order []any
	for _, r := range s.Rows {
		order = append(order, r[0])
	}
	assert.Equal(t, []any{"B", "A", "C", "D"}, order, "shown rows by amount, then withheld rows by group")
}

// A sum over a subset: the group has 8 persons, but only one has a value
// in the column summed. The sum is that person's own amount: its
// contributors (1) are fewer than 5, so the row is withheld.
func TestAttackSumOfOnePersonInALargeGroup(t *testing.T) {
	csv := "grp,citizen_id,amount\n"
	for i := range 8 {
		v := ""
		if i == 0 {
			v = "4711"
		}
		csv += fmt.Sprintf("A,P%d,%s\n", i, v)
	}
	for i := range 6 {
		csv += fmt.Sprintf("B,Q%d,10\n", i)
	}
	p := mustRun(t, councilRecipe(`  - id: s
    title: Subset
    from: g
    group_by: grp
    measures: {persons: count_distinct(citizen_id), amount: sum(amount)}
    reservations: ["Test."]
`), map[string]string{"g.csv": csv})
	s := section(t, p, "s")
	assert.True(t, withheldRow(s, rowIndex(t, s, "A")), "A's amount is one person's 4.711")
	// The paths name a temporary directory, whose random name may hold
	// any digits: only what the pack says of the extract is looked at.
	p.Provenance.Recipe = ""
	for i := range p.Provenance.Sources {
		p.Provenance.Sources[i].File = ""
	}
	data, err := pack.Encode(p)
	require.NoError(t, err)
	assert.NotContains(t, string(data), "4711")
}

// Dominance: 6 persons, one of them 9.500 of 10.000 (95 %). The second
// largest (100) and the sum bound the largest within 100 of its value:
// 10.000 − 5 × 100 ≤ largest ≤ 10.000 − 0. With n 2 and k 85 the row is
// withheld; with 6 equal persons it is not.
func TestAttackDominance(t *testing.T) {
	amounts := map[string][]float64{
		"A": {9500, 100, 100, 100, 100, 100},
		"B": {100, 100, 100, 100, 100, 100},
		"C": {100, 100, 100, 100, 100, 100},
	}
	p := mustRun(t, councilRecipe(`  - id: s
    title: Dominance
    from: g
    group_by: grp
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A", "B", "C"}, amounts)})
	s := section(t, p, "s")
	assert.True(t, withheldRow(s, rowIndex(t, s, "A")), "one person makes up 95 % of A")
	assert.False(t, withheldRow(s, rowIndex(t, s, "B")), "B has six equal persons")
}

// Extremes publish one person's exact value; a council recipe asking for
// them is refused, with the fix.
func TestAttackExtremesRefused(t *testing.T) {
	for _, fn := range []string{"min", "max", "median"} {
		dir := office(t, councilRecipe(`  - id: s
    title: Extreme
    from: g
    group_by: grp
    measures: {top: `+fn+`(amount)}
    reservations: ["Test."]
`), map[string]string{"g.csv": people([]string{"A"}, fiveEach)})
		_, err := runRecipe(dir, Options{})
		require.Error(t, err, fn)
		assert.Contains(t, err.Error(), fn+"() shows one person's own value, so a council pack cannot publish it. Try: mean(...) or sum(...)")
	}
}

// Revision: a pack withheld B (say, when B had 4 persons). This month B
// has 5, but showing it would let the two packs together give last
// month's B away: the revised pack keeps B withheld.
func TestRevisionKeepsWithheldRows(t *testing.T) {
	recipe := councilRecipe(`  - id: s
    title: Revised
    from: g
    group_by: grp
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`)
	path := office(t, recipe, map[string]string{"g.csv": people([]string{"A", "B", "C"}, fiveEach)})
	r, err := Load(path)
	require.NoError(t, err)
	pl, err := Check(r, Options{})
	require.NoError(t, err)
	before := &pack.Pack{Sections: []pack.Section{{ID: "s", Columns: []string{"grp", "amount"},
		ColumnInfo: []pack.Column{{Name: "grp", Group: true}, {Name: "amount"}},
		Rows:       [][]any{{"A", 600.0}, {"B", nil}, {"C", nil}}, Suppressed: [][2]int{{1, 1}, {2, 1}}}}}
	p, err := pl.Run(context.Background(), engine.RunOptions{Generated: time.Unix(0, 0), Previous: func() *pack.Pack { return before }})
	require.NoError(t, err)
	s := section(t, p, "s")
	assert.True(t, withheldRow(s, rowIndex(t, s, "B")), "B was withheld in the pack this one revises")
}

// A reconcile beside a table over the same payments: the table "paid"
// groups payments by their grant's section (§ 103 has 2 persons) and
// shows a total; payments with no grant are its empty group. The
// reconcile's "only in payments" amount is that same group's sum. If only
// § 103 and the empty group were withheld, total − § 85 − § 107 − "only
// in payments" would be § 103's amount: with these figures 33.212 −
// 10.108 − 9.332 − 10.551 = 3.221. The reconcile's side read second is
// tied to the table's rows, so more is withheld.
func TestAttackReconcileBesideATable(t *testing.T) {
	var grants, payments strings.Builder
	grants.WriteString("case_id,citizen_id,section\n")
	payments.WriteString("case_id,citizen_id,amount\n")
	n := 0
	for _, g := range []struct {
		section string
		persons int
	}{{"§ 85", 8}, {"§ 107", 7}, {"§ 103", 2}, {"", 6}} {
		for range g.persons {
			n++
			if g.section != "" {
				fmt.Fprintf(&grants, "K%d,P%d,%s\n", n, n, g.section)
			}
			fmt.Fprintf(&payments, "K%d,P%d,%d\n", n, n, 1000+37*n)
		}
	}
	recipe := `title: Attack
period: 2026-10
audience: council
sources:
  grants:
    file: grants.csv
    columns: {case_id: string, citizen_id: string, section: string}
  payments:
    file: payments.csv
    columns: {case_id: string, citizen_id: string, amount: number}
sections:
  - id: paid
    title: Paid
    from: payments
    join:
      - {source: grants, on: case_id, type: left}
    group_by: section
    measures: {amount: sum(amount)}
    total: true
    reservations: ["Test."]
  - id: rec
    title: Reconcile
    reconcile: {left: grants, right: payments, on: case_id}
    reservations: ["Test."]
`
	p := mustRun(t, recipe, map[string]string{"grants.csv": grants.String(), "payments.csv": payments.String()})
	paid, rec := section(t, p, "paid"), section(t, p, "rec")
	require.True(t, withheldRow(paid, rowIndex(t, paid, "§ 103")), "§ 103 has 2 persons")
	if paid.Total[1] == nil {
		return
	}
	// What a reader knows of the withheld rows together: the total minus
	// the shown rows, and the empty group's sum where the reconcile shows it.
	hidden := 0
	for i, r := range paid.Rows {
		if !withheldRow(paid, i) {
			continue
		}
		onlyPayments := rec.Rows[1][len(rec.Columns)-1]
		if r[0] == nil && onlyPayments != nil {
			continue // known from the reconcile
		}
		hidden++
	}
	assert.GreaterOrEqual(t, hidden, 2, "total − shown rows − the reconcile's only-in-payments amount gives § 103 away\npaid %v\nrec %v", paid.Rows, rec.Rows)
}

// The committed forecast: forecast (grants) − spent = the committed
// grants' day price × days left in the year. § 107 has five persons in
// its spending but one binding grant (P1's, 100 a day, 61 days left:
// 6.100), so 310.100 − 304.000 = 6.100 would give P1's day price away.
// The committed grants are counted as persons too: the row is withheld.
func TestAttackCommittedForecast(t *testing.T) {
	grants := "section,citizen_id,cost_per_day,start,end,status\n" +
		"§107,P1,100,2026-01-01,,Aktiv\n" +
		"§108,P6,200,2026-01-01,,Aktiv\n§108,P7,200,2026-01-01,,Aktiv\n§108,P8,200,2026-01-01,,Aktiv\n§108,P9,200,2026-01-01,,Aktiv\n§108,P10,210,2026-01-01,,Aktiv\n"
	recipe := strings.Replace(budgetRecipe, "period: 2026-10", "period: 2026-10\naudience: council", 1)
	recipe = strings.Replace(recipe, "columns: {section: string, cost_per_day: number, start: date, end: date, status: string}", "columns: {section: string, citizen_id: string, cost_per_day: number, start: date, end: date, status: string}", 1)
	recipe = strings.Replace(recipe, "    total: true\n", "    total: false\n", 1)
	p := mustRun(t, recipe, map[string]string{"payments.csv": budgetPayments, "budget.csv": budgetFile, "grants.csv": grants})
	s := section(t, p, "budget")
	row := rowIndex(t, s, "§107")
	at := slices.Index(s.Columns, "forecast_committed")
	assert.True(t, s.IsSuppressed(row, at), "§ 107's committed forecast rests on one person's grant: %v", s.Rows[row])
	assert.False(t, s.IsSuppressed(rowIndex(t, s, "§108"), at), "§ 108's rests on five: %v", s.Rows)
}

// An exemption's reason is checked alike on a table and on a reconcile: a
// reason of spaces is none (it was refused on a table and taken on a
// reconcile, where it exempted the section with an empty reservation).
func TestExemptionNeedsAReasonEverywhere(t *testing.T) {
	for _, tt := range []struct{ section, want string }{
		{"    from: g\n    group_by: grp\n    measures: {amount: sum(amount)}\n", "recipe.yaml:15:26: sections[0].disclosure.exempt: an exemption needs its reason"},
		{"    reconcile: {left: g, right: g, on: grp}\n", "recipe.yaml:13:26: sections[0].disclosure.exempt: an exemption needs its reason"},
	} {
		// The subject is person, which g lacks, so that the reason is the only fault.
		recipe := strings.Replace(councilRecipe("  - id: s\n    title: S\n"+tt.section+"    disclosure: {exempt: \" \"}\n    reservations: [\"Test.\"]\n"),
			"audience: council", "audience: council\ndisclosure: {subject: person}", 1)
		_, err := runRecipe(office(t, recipe, map[string]string{"g.csv": people([]string{"A"}, fiveEach)}), Options{})
		require.Error(t, err, tt.section)
		assert.Equal(t, []string{tt.want}, errorLines(err), tt.section)
	}
}

// The attacks the disclosure review made on the sample pack itself, each
// with the figures it used then:
//   - overview § 107 (182.700) − the three shown § 107 providers (55.066,64
//   - 62.936,69 + 47.588,83) = 17.107,84, the withheld one-person provider;
//   - overview total 336.205 − § 107 − § 85 = § 108, since § 103 has no day
//     price (a reservation says so);
//   - change § 107 paid − the shown § 107 rows of paid = one person's payment;
//   - budget total − shown rows − the reconcile's payments-only amount = § 103.
//
// Each must now leave at least two unknowns (or none shown to subtract from).
func TestAttackSamplePack(t *testing.T) {
	p, err := runRecipe(filepath.Join("..", "samples", "disability", "monthly.yaml"), Options{})
	require.NoError(t, err)
	overview, providers := section(t, p, "overview"), section(t, p, "providers")
	paid, change, budget, rec := section(t, p, "paid"), section(t, p, "change"), section(t, p, "budget"), section(t, p, "unbilled")
	// unknownsIn counts the rows of s whose group column col is value (any
	// where value is nil) and whose figure fig is withheld, leaving out
	// those known otherwise.
	unknownsIn := func(s *pack.Section, col int, value any, fig string, known func(row []any) bool) int {
		n := 0
		f := slices.Index(s.Columns, fig)
		for i, r := range s.Rows {
			if (value == nil || r[col] == value) && s.IsSuppressed(i, f) && (known == nil || !known(r)) {
				n++
			}
		}
		return n
	}
	shown := func(s *pack.Section, group string) bool {
		return !withheldRow(s, rowIndex(t, s, group))
	}
	if shown(overview, "§ 107") {
		assert.NotEqual(t, 1, unknownsIn(providers, 1, "§ 107", "cost_per_day", nil),
			"overview § 107 minus the shown § 107 providers gives the one withheld provider away")
	}
	noPrice := func(r []any) bool { return r[0] == "§ 103" } // no day price, by its reservation
	if overview.Total[2] != nil {
		assert.NotEqual(t, 1, unknownsIn(overview, 0, nil, "cost_per_day", noPrice),
			"the overview's total minus its shown rows gives the one withheld priced row away")
	}
	if shown(change, "§ 107") {
		assert.NotEqual(t, 1, unknownsIn(paid, 0, "§ 107", "paid", nil),
			"change § 107 minus paid's shown § 107 rows gives the one withheld payee away")
	}
	if budget.Total[1] != nil {
		onlyPayments := rec.Rows[1][len(rec.Columns)-1] != nil
		known := func(r []any) bool { return r[0] == nil && onlyPayments }
		assert.NotEqual(t, 1, unknownsIn(budget, 0, nil, "spent", known),
			"the budget's total minus its shown rows and the reconcile's payments-only amount gives § 103 away")
	}
}

// An exemption on a section that describes persons. Section "by" shows A
// 600 and B 1.400 with C withheld (2 persons); an exempt section "all" over
// the same rows would show their sum, 3.600, outside disclosure control.
// Then 3.600 − 600 − 1.400 = 1.600 would be C. A council recipe therefore
// refuses an exemption wherever the section's rows carry the subject
// column: from its source, through a join, or on a reconcile side. Where
// the rows carry none, or the pack is internal, the exemption stands.
func TestAttackExemptSectionWithSubject(t *testing.T) {
	const refused = "the section's rows carry the subject column \"citizen_id\", and an exemption is only for a section without it: " +
		"an exempt section's figures, set against another section's shown rows, can give a withheld figure away. " +
		"Try: remove the exemption; the section's figures are then protected like the others"
	const by = `  - id: by
    title: By group
    from: g
    group_by: grp
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`
	// budget.csv has no citizen_id; its case_id joins persons.csv, which has.
	files := map[string]string{
		"g.csv":       people([]string{"A", "B", "C"}, fiveEach),
		"budget.csv":  "grp,case_id,amount\nA,K1,1000\nB,K2,2000\n",
		"persons.csv": "case_id,citizen_id\nK1,P001\nK2,P002\n",
	}
	sources := `  budget:
    file: budget.csv
    columns: {grp: string, case_id: string, amount: number}
  persons:
    file: persons.csv
    columns: {case_id: string, citizen_id: string}
`
	recipe := func(audience, section string) string {
		r := strings.Replace(councilRecipe(by+section), "audience: council", "audience: "+audience, 1)
		return strings.Replace(r, "sections:\n", sources+"sections:\n", 1)
	}
	const exempt = "    disclosure: {exempt: \"Et samlet beløb beskriver ingen enkeltpersoner.\"}\n    reservations: [\"Test.\"]\n"
	for _, tt := range []struct {
		name, audience, section string
		want                    string // "" when the recipe is valid
	}{
		{"table over a source with the subject", "council",
			"  - id: all\n    title: All\n    from: g\n    measures: {amount: sum(amount)}\n" + exempt,
			"recipe.yaml:25:26: sections[1].disclosure.exempt: " + refused},
		{"table given the subject by a join", "council",
			"  - id: all\n    title: All\n    from: budget\n    join:\n      - {source: persons, on: case_id}\n    measures: {amount: sum(amount)}\n" + exempt,
			"recipe.yaml:27:26: sections[1].disclosure.exempt: " + refused},
		{"reconcile with the subject on one side", "council",
			"  - id: all\n    title: All\n    reconcile: {left: budget, right: persons, on: case_id}\n" + exempt,
			"recipe.yaml:24:26: sections[1].disclosure.exempt: " + refused},
		{"table without the subject", "council",
			"  - id: all\n    title: All\n    from: budget\n    measures: {amount: sum(amount)}\n" + exempt, ""},
		{"internal pack", "internal",
			"  - id: all\n    title: All\n    from: g\n    measures: {amount: sum(amount)}\n" + exempt, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := runRecipe(office(t, recipe(tt.audience, tt.section), files), Options{})
			if tt.want == "" {
				require.NoError(t, err)
				assert.Contains(t, footnote(t, section(t, p, "all"), pack.FootnoteExempt).Text, "Et samlet beløb")
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, fault.ErrDisclosure)
			assert.Equal(t, []string{tt.want}, errorLines(err))
		})
	}
}

// One extract read by two sources. Disclosure control ties the figures made
// from one source's rows together; "by" over source g shows A 600 and B
// 1.400 with C withheld (2 persons), and "all" over g_year, the same file,
// would show their sum, 3.600, tied to nothing of g's. Then 3.600 − 600 −
// 1.400 = 1.600 would be C. A council recipe therefore refuses a second
// source over an extract already read: the same path once cleaned, the
// same file on disk, or, for a workbook, the same sheet. Internal recipes
// may read an extract twice.
func TestAttackOneExtractReadTwice(t *testing.T) {
	const refused = "is also read by source g; in a council pack, figures from one extract are protected together only when it is read once. " +
		"Try: read it as one source and use where: filters in the sections"
	recipe := func(audience, second, extra string) string {
		return `title: Alias
period: 2026-10
audience: ` + audience + `
sources:
  g:
    file: g.csv
    columns: {grp: string, citizen_id: string, amount: number}
  g_year:
    file: ` + second + `
` + extra + `    columns: {citizen_id: string, amount: number}
sections:
  - id: by
    title: By group
    from: g
    group_by: grp
    measures: {amount: sum(amount)}
    reservations: ["Test."]
  - id: all
    title: All
    from: g_year
    measures: {amount: sum(amount)}
    reservations: ["Test."]
`
	}
	g := people([]string{"A", "B", "C"}, fiveEach)
	files := map[string]string{"g.csv": g, "sub/g.csv": g, "copy.csv": g}
	for _, tt := range []struct {
		name, audience, second string
		link                   bool   // g_year's file is a link to g.csv
		want                   string // "" when the recipe is valid
	}{
		{"same path", "council", "g.csv", false, "recipe.yaml:9:11: sources.g_year.file: g.csv " + refused},
		{"same path once cleaned", "council", "./sub/../g.csv", false, "recipe.yaml:9:11: sources.g_year.file: ./sub/../g.csv " + refused},
		{"a link to the same file", "council", "link.csv", true, "recipe.yaml:9:11: sources.g_year.file: link.csv " + refused},
		// A copy under another name is not found: the check is on the file
		// read, not its content (docs/limits.md says so).
		{"a copy is another extract", "council", "copy.csv", false, ""},
		{"another file of the same name", "council", "sub/g.csv", false, ""},
		{"internal pack", "internal", "g.csv", false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := office(t, recipe(tt.audience, tt.second, ""), files)
			if tt.link {
				require.NoError(t, os.Symlink(filepath.Join(filepath.Dir(path), "g.csv"), filepath.Join(filepath.Dir(path), "link.csv")))
			}
			p, err := runRecipe(path, Options{})
			if tt.want == "" {
				require.NoError(t, err)
				assert.Len(t, section(t, p, "all").Rows, 1)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, fault.ErrDisclosure)
			assert.Equal(t, []string{tt.want}, errorLines(err))
		})
	}
	t.Run("in memory, compared by cleaned paths", func(t *testing.T) {
		_, err := runMem(memOffice(recipe("council", "./g.csv", ""), files), Options{})
		require.Error(t, err)
		assert.Equal(t, []string{"recipe.yaml:9:11: sources.g_year.file: ./g.csv " + refused}, errorLines(err))
	})
	t.Run("workbook sheets", func(t *testing.T) {
		dir := t.TempDir()
		book := excelize.NewFile()
		defer book.Close()
		require.NoError(t, book.SetSheetName("Sheet1", "Bevillinger"))
		_, err := book.NewSheet("Betalinger")
		require.NoError(t, err)
		for _, sheet := range []string{"Bevillinger", "Betalinger"} {
			for i, line := range strings.Split(strings.TrimSpace(g), "\n") {
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				row := []any{}
				for j, v := range strings.Split(line, ",") {
					if f, err := strconv.ParseFloat(v, 64); err == nil && j == 2 {
						row = append(row, f)
					} else {
						row = append(row, v)
					}
				}
				require.NoError(t, book.SetSheetRow(sheet, cell, &row))
			}
		}
		require.NoError(t, book.SaveAs(filepath.Join(dir, "g.xlsx")))
		books := strings.NewReplacer("file: g.csv", "file: g.xlsx\n    sheet: Bevillinger")
		for _, tt := range []struct{ extra, want string }{
			{"    sheet: betalinger\n", ""}, // another sheet: another extract
			{"", `recipe.yaml:10:11: sources.g_year.file: g.xlsx (sheet "Bevillinger") ` + refused}, // the first sheet, Bevillinger
			{"    sheet: BEVILLINGER\n", `recipe.yaml:10:11: sources.g_year.file: g.xlsx (sheet "Bevillinger") ` + refused},
		} {
			r := books.Replace(recipe("council", filepath.Join(dir, "g.xlsx"), tt.extra))
			r = strings.Replace(r, "file: "+filepath.Join(dir, "g.xlsx"), "file: g.xlsx", 1)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "recipe.yaml"), []byte(r), 0o644))
			_, err := runRecipe(filepath.Join(dir, "recipe.yaml"), Options{})
			if tt.want == "" {
				assert.NoError(t, err, tt.extra)
				continue
			}
			require.Error(t, err, tt.extra)
			assert.Equal(t, []string{tt.want}, errorLines(err), tt.extra)
		}
	})
}
