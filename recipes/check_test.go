package recipes

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			want: []string{
				`recipe.yaml:1:1: titel: unknown key "titel"; did you mean "title"?`,
				`recipe.yaml:1:1: title: the recipe has no title`,
			},
			is: ErrUnknownKey,
		},
		{
			name:    "front matter of format v1.1",
			replace: []string{"title: Checks", "title: Checks\nmeeting: 12-11-2026\nowner: Anne <aa\napproval: requird"},
			want: []string{
				`recipe.yaml:2:10: meeting: meeting "12-11-2026" is not a day written YYYY-MM-DD, e.g. 2026-11-12`,
				`recipe.yaml:3:8: owner: owner "Anne <aa" is not "Name <email>" nor a name, e.g. "Anne Andersen <aa@kommune-k.dk>"`,
				`recipe.yaml:4:11: approval: approval "requird" is not required; did you mean "required"?`,
			},
			is: ErrBadValue,
		},
		{
			name:    "misspelt group column",
			replace: []string{"group_by: [status]", "group_by: [statsu]"},
			want:    []string{`recipe.yaml:20:16: sections[0].group_by: unknown column "statsu"; did you mean "status"?`},
			is:      ErrUnknownColumn,
		},
		{
			name:    "unknown name inside an expression",
			replace: []string{"where: amount > 0", "where: amount > 0 && stauts == \"active\""},
			want:    []string{`recipe.yaml:19:26: sections[0].where: unknown name stauts; did you mean "status"? (in ` + "`amount > 0 && stauts == \"active\"`" + `)`},
			is:      ErrExpression,
		},
		{
			name:    "unknown aggregate",
			replace: []string{"total: sum(amount)", "total: summ(amount)"},
			want:    []string{`recipe.yaml:22:14: sections[0].measures.total: unknown aggregate "summ"; did you mean "sum"? (one of count, count_distinct, sum, mean, median, min, max)`},
			is:      ErrBadValue,
		},
		{
			name:    "section without a reservation",
			replace: []string{"    reservations: [r1]\n", ""},
			want:    []string{`recipe.yaml:16:5: sections[0].reservations: section "s1" names no reservation: every section says under which conditions its figures hold (the id of a pack-wide reservation, or a text)`},
			is:      ErrNoReservation,
		},
		{
			name:    "unknown reservation id",
			replace: []string{"reservations: [r1]", "reservations: [r2]"},
			want:    []string{`recipe.yaml:23:20: sections[0].reservations[0]: no pack-wide reservation has the id "r2"; did you mean "r1"?; to write a text of its own, put it in quotes`},
			is:      ErrUnknownReserve,
		},
		{
			name:    "unknown source",
			replace: []string{"from: pay", "from: payy"},
			want:    []string{`recipe.yaml:18:11: sections[0].from: unknown source "payy"; did you mean "pay"?`},
			is:      ErrUnknownSource,
		},
		{
			name:    "bad column type",
			replace: []string{"amount: number", "amount: numbr"},
			want: []string{
				`recipe.yaml:10:15: sources.pay.columns.amount: type "numbr" is not one of string, number, integer, date, bool; did you mean "number"?`,
				"recipe.yaml:19:19: sections[0].where: `>` compares nil (empty) with a number (in `amount > 0`). Try: == nil or != nil, to test whether a value is empty",
			},
			is: ErrBadValue,
		},
		{
			name:    "header not in the file",
			replace: []string{"status: string", "status: {from: Statuss, type: string}"},
			want:    []string{`recipe.yaml:9:22: sources.pay.columns.status: pay.csv has no column "Statuss"; did you mean "status"? (its header: "case_id", "citizen_id", "status", "amount", "booked")`},
			is:      ErrUnknownColumn,
		},
		{
			name:    "council section without subject",
			replace: []string{"period: 2026-10", "period: 2026-10\naudience: council\ndisclosure: {subject: person}"},
			want:    []string{`recipe.yaml:18:5: sections[0]: a council section needs the subject column "person" to count persons (from its source, a join or a reconcile side), or ` + "`disclosure: {exempt: \"reason\"}`"},
			is:      ErrDisclosure,
		},
		{
			name:    "expression type error",
			replace: []string{"where: amount > 0", "where: amount > \"x\""},
			want:    []string{`recipe.yaml:19:19: sections[0].where: ` + "`>` compares a number with a text (in `amount > \"x\"`)" + `. Try: write the number without quotes; or, if the column holds texts, give it type: string`},
			is:      ErrExpression,
		},
		{
			name:    "expression comparing a date with a text",
			replace: []string{"where: amount > 0", "where: booked >= \"2026-10-01\""},
			want:    []string{`recipe.yaml:19:19: sections[0].where: ` + "`>=` compares a date with a text (in `booked >= \"2026-10-01\"`)" + `. Try: compare it with a date, e.g. date("2026-10-01") or period.start`},
			is:      ErrExpression,
		},
		{
			name:    "several faults at once, in line order",
			replace: []string{"title: Checks", "titel: Checks", "group_by: [status]", "group_by: [statsu]", "total: sum(amount)", "total: sum(amout)"},
			want: []string{
				`recipe.yaml:1:1: titel: unknown key "titel"; did you mean "title"?`,
				`recipe.yaml:1:1: title: the recipe has no title`,
				`recipe.yaml:20:16: sections[0].group_by: unknown column "statsu"; did you mean "status"?`,
				`recipe.yaml:22:14: sections[0].measures.total: unknown column "amout"; did you mean "amount"?`,
			},
		},
		{
			name:    "YAML syntax error",
			replace: []string{"    from: pay\n", "    from: [pay\n"},
			// The YAML parser places an unclosed flow list at the line
			// before the one that opens it; its errors carry no node.
			want: []string{`recipe.yaml:17:1: YAML syntax error: did not find expected ',' or ']'`},
			is:   ErrSyntax,
		},
		{
			name:    "a list where a mapping belongs",
			replace: []string{"    measures:\n      total: sum(amount)", "    measures: [sum(amount)]"},
			want:    []string{`recipe.yaml:21:15: sections[0].measures: want a mapping of names, got a list`},
			is:      ErrShape,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recipe := baseRecipe
			for i := 0; i+1 < len(tt.replace); i += 2 {
				require.Contains(t, recipe, tt.replace[i], "the case's replacement must apply")
				recipe = strings.Replace(recipe, tt.replace[i], tt.replace[i+1], 1)
			}
			path := office(t, recipe, map[string]string{"pay.csv": paymentsCSV})
			_, err := runRecipe(path, Options{})
			require.Error(t, err)
			got := strings.Split(strings.ReplaceAll(err.Error(), filepath.Dir(path)+string(filepath.Separator), ""), "\n")
			assert.Equal(t, tt.want, got)
			if tt.is != nil {
				assert.True(t, errors.Is(err, tt.is), "errors.Is(err, %v) = false", tt.is)
			}
			var re *Error
			assert.True(t, errors.As(err, &re), "want a *recipes.Error inside")
		})
	}
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
	require.ErrorIs(t, err, ErrBadValue)
}
