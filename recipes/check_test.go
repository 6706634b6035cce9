package recipes

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/fault"
)

const paymentsCSV = "case_id,citizen_id,status,amount,booked\n" +
	"C1,P1,active,100.50,2026-10-01\n" +
	"C2,P2,active,200,2026-10-02\n"

// baseRecipe is valid; each case below breaks it in one or more places.
const baseRecipe = `title: Checks
period: 2026-10
sources:
  pay:
    file: pay.csv
    columns:
      case_id: string
      citizen_id: string
      status: string
      amount: number
      booked: date
reservations:
  - id: r1
    text: A reservation.
sections:
  - id: s1
    title: By status
    from: pay
    where: amount > 0
    group_by: [status]
    measures:
      total: sum(amount)
    reservations: [r1]
`

func TestCheckReportsEveryFaultWithItsPosition(t *testing.T) {
	tests := []struct {
		name    string
		replace []string // old, new pairs applied to baseRecipe
		want    []string
		is      error
	}{
		{
			name:    "unknown top-level key",
			replace: []string{"title: Checks", "titel: Checks"},
			// The misspelt title is not also missing.
			want: []string{`recipe.yaml:1:1: titel: unknown key "titel"; did you mean "title"?`},
			is:   fault.ErrUnknownKey,
		},
		{
			name:    "front matter of format v1.1",
			replace: []string{"title: Checks", "title: Checks\nmeeting: 12-11-2026\nowner: Anne <aa\napproval: requird"},
			want: []string{
				`recipe.yaml:2:10: meeting: meeting "12-11-2026" is not a day written YYYY-MM-DD, e.g. 2026-11-12`,
				`recipe.yaml:3:8: owner: owner "Anne <aa" is not "Name <email>" nor a name, e.g. "Anne Andersen <aa@kommune-k.dk>"`,
				`recipe.yaml:4:11: approval: approval "requird" is not required; did you mean "required"?`,
			},
			is: fault.ErrBadValue,
		},
		{
			name:    "misspelt group column",
			replace: []string{"group_by: [status]", "group_by: [statsu]"},
			want:    []string{`recipe.yaml:20:16: sections[0].group_by: unknown column "statsu"; did you mean "status"?`},
			is:      fault.ErrUnknownColumn,
		},
		{
			name:    "unknown name inside an expression",
			replace: []string{"where: amount > 0", "where: amount > 0 && stauts == \"active\""},
			want:    []string{`recipe.yaml:19:26: sections[0].where: unknown name stauts; did you mean "status"? (in ` + "`amount > 0 && stauts == \"active\"`" + `)`},
			is:      fault.ErrExpression,
		},
		{
			name:    "unknown aggregate",
			replace: []string{"total: sum(amount)", "total: summ(amount)"},
			want:    []string{`recipe.yaml:22:14: sections[0].measures.total: unknown aggregate "summ"; did you mean "sum"? (one of count, count_distinct, sum, mean, median, min, max)`},
			is:      fault.ErrBadValue,
		},
		{
			name:    "section without a reservation",
			replace: []string{"    reservations: [r1]\n", ""},
			want:    []string{`recipe.yaml:16:5: sections[0].reservations: section "s1" names no reservation: every section says under which conditions its figures hold (the id of a pack-wide reservation, or a text)`},
			is:      fault.ErrNoReservation,
		},
		{
			name:    "unknown reservation id",
			replace: []string{"reservations: [r1]", "reservations: [r2]"},
			want:    []string{`recipe.yaml:23:20: sections[0].reservations[0]: no pack-wide reservation has the id "r2"; did you mean "r1"?; to write a text of its own, put it in quotes`},
			is:      fault.ErrUnknownReserve,
		},
		{
			name:    "unknown source",
			replace: []string{"from: pay", "from: payy"},
			want:    []string{`recipe.yaml:18:11: sections[0].from: unknown source "payy"; did you mean "pay"?`},
			is:      fault.ErrUnknownSource,
		},
		{
			name:    "bad column type",
			replace: []string{"amount: number", "amount: numbr"},
			// The filter reading the column reports nothing of its own.
			want: []string{`recipe.yaml:10:15: sources.pay.columns.amount: type "numbr" is not one of string, number, integer, date, bool; did you mean "number"?`},
			is:   fault.ErrBadValue,
		},
		{
			name:    "header not in the file",
			replace: []string{"status: string", "status: {from: Statuss, type: string}"},
			want:    []string{`recipe.yaml:9:22: sources.pay.columns.status: pay.csv has no column "Statuss"; did you mean "status"? (its header: "case_id", "citizen_id", "status", "amount", "booked")`},
			is:      fault.ErrUnknownColumn,
		},
		{
			name:    "council section without subject",
			replace: []string{"period: 2026-10", "period: 2026-10\naudience: council\ndisclosure: {subject: person}"},
			want:    []string{`recipe.yaml:18:5: sections[0]: a council section needs the subject column "person" to count persons (from its source, a join or a reconcile side), or ` + "`disclosure: {exempt: \"reason\"}`"},
			is:      fault.ErrDisclosure,
		},
		{
			name:    "expression type error",
			replace: []string{"where: amount > 0", "where: amount > \"x\""},
			want:    []string{`recipe.yaml:19:19: sections[0].where: ` + "`>` compares a number with a text (in `amount > \"x\"`)" + `. Try: write the number without quotes; or, if the column holds texts, give it type: string`},
			is:      fault.ErrExpression,
		},
		{
			name:    "expression comparing a date with a text",
			replace: []string{"where: amount > 0", "where: booked >= \"2026-10-01\""},
			want:    []string{`recipe.yaml:19:19: sections[0].where: ` + "`>=` compares a date with a text (in `booked >= \"2026-10-01\"`)" + `. Try: compare it with a date, e.g. date("2026-10-01") or period.start`},
			is:      fault.ErrExpression,
		},
		{
			name:    "several faults at once, in line order",
			replace: []string{"title: Checks", "titel: Checks", "group_by: [status]", "group_by: [statsu]", "total: sum(amount)", "total: sum(amout)"},
			want: []string{
				`recipe.yaml:1:1: titel: unknown key "titel"; did you mean "title"?`,
				`recipe.yaml:20:16: sections[0].group_by: unknown column "statsu"; did you mean "status"?`,
				`recipe.yaml:22:14: sections[0].measures.total: unknown column "amout"; did you mean "amount"?`,
			},
		},
		{
			name:    "YAML syntax error",
			replace: []string{"    from: pay\n", "    from: [pay\n"},
			// The YAML parser places an unclosed flow list at the line
			// before the one that opens it; the list is found from there.
			want: []string{`recipe.yaml:18:11: YAML syntax error: did not find expected ',' or ']'. Try: close it with ] on the same line`},
			is:   fault.ErrSyntax,
		},
		{
			name:    "a list where a mapping belongs",
			replace: []string{"    measures:\n      total: sum(amount)", "    measures: [sum(amount)]"},
			want:    []string{`recipe.yaml:21:15: sections[0].measures: want a mapping of names, got a list`},
			is:      fault.ErrShape,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkBroken(t, baseRecipe, tt.replace)
			assert.Equal(t, tt.want, errorLines(err))
			if tt.is != nil {
				assert.True(t, errors.Is(err, tt.is), "errors.Is(err, %v) = false", tt.is)
			}
			var re *fault.Error
			assert.True(t, errors.As(err, &re), "want a *recipes.Error inside")
		})
	}
}

// checkBroken runs recipe broken by replace (old, new pairs, each applied
// once) beside pay.csv, and returns its error.
func checkBroken(t *testing.T, recipe string, replace []string) error {
	t.Helper()
	for i := 0; i+1 < len(replace); i += 2 {
		require.Contains(t, recipe, replace[i], "the case's replacement must apply")
		recipe = strings.Replace(recipe, replace[i], replace[i+1], 1)
	}
	path := office(t, recipe, map[string]string{"pay.csv": paymentsCSV})
	_, err := runRecipe(path, Options{})
	require.Error(t, err)
	return err
}

// errorLines are err's lines, with "recipe.yaml" for the recipe's path.
func errorLines(err error) []string {
	return strings.Split(regexp.MustCompile(`[^\s]*recipe\.yaml`).ReplaceAllString(err.Error(), "recipe.yaml"), "\n")
}

func TestBaseRecipeIsValid(t *testing.T) {
	p := mustRun(t, baseRecipe, map[string]string{"pay.csv": paymentsCSV})
	assert.Equal(t, [][]any{{"active", 300.5}}, section(t, p, "s1").Rows)
}

func TestPeriodOverride(t *testing.T) {
	path := office(t, baseRecipe, map[string]string{"pay.csv": paymentsCSV})
	p, err := runRecipe(path, Options{Period: "2025-02"})
	require.NoError(t, err)
	assert.Equal(t, "2025-02", p.Period)
	assert.Equal(t, "2025-02-28", p.PeriodEnd)
	_, err = runRecipe(path, Options{Period: "2025-13"})
	require.ErrorIs(t, err, fault.ErrBadValue)
}

// tableRecipe is valid; its sections name each other's columns in every
// way a section can (labels, order_by, chart, compute, a text's figures),
// so that a fault in one place could echo in many.
const tableRecipe = `title: Checks
period: 2026-10
sources:
  pay:
    file: pay.csv
    columns:
      case_id: string
      citizen_id: string
      status: string
      amount: number
      booked: date
reservations:
  - id: r1
    text: A reservation.
sections:
  - id: s1
    title: By status
    from: pay
    derive:
      big: amount > 150
    where: amount > 0 && (big || !big)
    group_by: [status]
    measures:
      citizens: count_distinct(citizen_id)
      total: sum(amount)
    compute:
      avg: total / citizens
    order_by: [-total, status]
    labels: {status: Status, citizens: Borgere, avg: Gns}
    chart: {type: bar, x: status, y: total}
    total: true
    reservations: [r1]
  - id: summary
    title: Summary
    text: "In all {s1.total.total}, of which {s1[\"active\"].citizens} citizens."
`

// TestOneFaultOneError checks that a fault is reported once, at its root:
// what follows only from it (a misspelt key's group columns named in
// labels, a measure of an unknown column named in a compute, a source that
// fails named by its sections) reports nothing more, while a fault of its
// own next to it still does.
func TestOneFaultOneError(t *testing.T) {
	tests := []struct {
		name    string
		replace []string // old, new pairs applied to tableRecipe
		want    []string
	}{
		{
			name:    "misspelt group_by",
			replace: []string{"group_by:", "grup_by:"},
			want:    []string{`recipe.yaml:22:5: sections[0].grup_by: unknown key "grup_by"; did you mean "group_by"?`},
		},
		{
			name:    "misspelt measures",
			replace: []string{"measures:", "measurs:"},
			want:    []string{`recipe.yaml:23:5: sections[0].measurs: unknown key "measurs"; did you mean "measures"?`},
		},
		{
			name:    "misspelt compute",
			replace: []string{"compute:", "compte:"},
			want:    []string{`recipe.yaml:26:5: sections[0].compte: unknown key "compte"; did you mean "compute"?`},
		},
		{
			name:    "misspelt derive",
			replace: []string{"derive:", "derve:"},
			want:    []string{`recipe.yaml:19:5: sections[0].derve: unknown key "derve"; did you mean "derive"?`},
		},
		{
			name:    "misspelt total",
			replace: []string{"total: true", "totl: true"},
			want:    []string{`recipe.yaml:31:5: sections[0].totl: unknown key "totl"; did you mean "total"?`},
		},
		{
			name:    "misspelt section id",
			replace: []string{"- id: s1", "- ID: s1"},
			want:    []string{`recipe.yaml:16:5: sections[0].ID: unknown key "ID"; did you mean "id"?`},
		},
		{
			name:    "misspelt section reservations",
			replace: []string{"    reservations: [r1]", "    reservation: [r1]"},
			want:    []string{`recipe.yaml:32:5: sections[0].reservation: unknown key "reservation"; did you mean "reservations"?`},
		},
		{
			name:    "misspelt text",
			replace: []string{"    text: \"In all", "    txt: \"In all"},
			want:    []string{`recipe.yaml:35:5: sections[1].txt: unknown key "txt"; did you mean "text"?`},
		},
		{
			name:    "misspelt columns of a source",
			replace: []string{"    columns:", "    colums:"},
			want:    []string{`recipe.yaml:6:5: sources.pay.colums: unknown key "colums"; did you mean "columns"?`},
		},
		{
			name:    "misspelt type of a column",
			replace: []string{"amount: number", "amount: {tpye: number}"},
			want:    []string{`recipe.yaml:10:16: sources.pay.columns.amount.tpye: unknown key "tpye"; did you mean "type"?`},
		},
		{
			name:    "misspelt sources",
			replace: []string{"sources:", "source:"},
			want:    []string{`recipe.yaml:3:1: source: unknown key "source"; did you mean "sources"?`},
		},
		{
			name:    "misspelt pack-wide reservations",
			replace: []string{"reservations:\n  - id: r1", "reservation:\n  - id: r1"},
			want:    []string{`recipe.yaml:12:1: reservation: unknown key "reservation"; did you mean "reservations"?`},
		},
		{
			name:    "misspelt column of a measure",
			replace: []string{"count_distinct(citizen_id)", "count_distinct(citizen_idd)"},
			want:    []string{`recipe.yaml:24:17: sections[0].measures.citizens: unknown column "citizen_idd"; did you mean "citizen_id"?`},
		},
		{
			name:    "misspelt group column",
			replace: []string{"group_by: [status]", "group_by: [statsu]"},
			want:    []string{`recipe.yaml:22:16: sections[0].group_by: unknown column "statsu"; did you mean "status"?`},
		},
		{
			name:    "bad type of a column",
			replace: []string{"amount: number", "amount: numbr"},
			want:    []string{`recipe.yaml:10:15: sources.pay.columns.amount: type "numbr" is not one of string, number, integer, date, bool; did you mean "number"?`},
		},
		{
			name:    "derived column at fault",
			replace: []string{"big: amount > 150", "big: amont > 150"},
			want:    []string{`recipe.yaml:20:12: sections[0].derive.big: unknown name amont; did you mean "amount"? (in ` + "`amont > 150`" + `)`},
		},
		{
			name:    "computed column at fault",
			replace: []string{"avg: total / citizens", "avg: total / \"x\""},
			want:    []string{`recipe.yaml:27:18: sections[0].compute.avg: ` + "`/` divides a number by a text (in `total / \"x\"`)"},
		},
		{
			name:    "extreme in a council pack",
			replace: []string{"period: 2026-10", "period: 2026-10\naudience: council", "total: sum(amount)", "total: max(amount)"},
			want:    []string{`recipe.yaml:26:14: sections[0].measures.total: max() shows one person's own value, so a council pack cannot publish it. Try: mean(...) or sum(...), or audience: internal for this recipe`},
		},
		{
			name:    "unknown source",
			replace: []string{"from: pay", "from: payy"},
			want:    []string{`recipe.yaml:18:11: sections[0].from: unknown source "payy"; did you mean "pay"?`},
		},
		// Faults of their own are still reported beside a root cause.
		{
			name:    "a label of its own beside a misspelt measure column",
			replace: []string{"count_distinct(citizen_id)", "count_distinct(citizen_idd)", "avg: Gns}", "avg: Gns, mean: Middel}"},
			want: []string{
				`recipe.yaml:24:17: sections[0].measures.citizens: unknown column "citizen_idd"; did you mean "citizen_id"?`,
				`recipe.yaml:29:59: sections[0].labels.mean: label for unknown column "mean"`,
			},
		},
		{
			name:    "an unknown key like no key of the format",
			replace: []string{"    total: true", "    colour: red\n    total: true", "y: total}", "y: totl}"},
			want: []string{
				`recipe.yaml:30:38: sections[0].chart.y: y must be a measure or computed column; unknown column "totl"; did you mean "total"?`,
				`recipe.yaml:31:5: sections[0].colour: unknown key "colour"`,
			},
		},
		{
			name:    "an expression fault beside a misspelt derive",
			replace: []string{"derive:", "derve:", "avg: total / citizens", "avg: total / \"x\""},
			want: []string{
				`recipe.yaml:19:5: sections[0].derve: unknown key "derve"; did you mean "derive"?`,
				`recipe.yaml:27:18: sections[0].compute.avg: ` + "`/` divides a number by a text (in `total / \"x\"`)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := errorLines(checkBroken(t, tableRecipe, tt.replace))
			assert.Equal(t, tt.want, got, "error lines")
		})
	}
}

func TestTableRecipeIsValid(t *testing.T) {
	p := mustRun(t, tableRecipe, map[string]string{"pay.csv": paymentsCSV})
	assert.Equal(t, [][]any{{"active", int64(2), 300.5, 150.25}}, section(t, p, "s1").Rows)
}
