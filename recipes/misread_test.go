package recipes

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestColumnNamedWithSymbolsIsRead checks that a text column whose name
// holds characters other than letters, digits and _ ("cost-centre", "cost
// centre") counts as named where group_by names it, and is read: were it
// left untyped, its groups would fall together into one empty group.
func TestColumnNamedWithSymbolsIsRead(t *testing.T) {
	p := mustRun(t, `title: T
period: 2026-10
sources:
  x:
    file: x.csv
    columns: {"cost-centre": string, "cost centre": string, amount: number}
sections:
  - id: s
    title: S
    from: x
    group_by: ["cost-centre", "cost centre"]
    measures: {amount: sum(amount)}
    reservations: ["R."]
`, map[string]string{"x.csv": "cost-centre,cost centre,amount\nA,X,1\nB,Y,2\nA,X,3\n"})
	got := section(t, p, "s").Rows
	want := [][]any{{"A", "X", 4.0}, {"B", "Y", 2.0}}
	require.Len(t, got, len(want), "rows %v, want %v", got, want)
	for i := range want {
		for j := range want[i] {
			// The sum in column 2 may come as any number type.
			require.True(t, reflect.DeepEqual(got[i][j], want[i][j]) || (j == 2 && numberOf(got[i][j]) == want[i][j]),
				"got rows %v, want %v", got, want)
		}
	}
}

// TestDeriveOfJoinedColumnIsNotMemoized checks that a derive reading a
// joined column (y.s3) is worked out on every row, even where the join's
// name y is also a column of the section's own source: memoized per value
// of that column, every row would get the first row's joined value.
func TestDeriveOfJoinedColumnIsNotMemoized(t *testing.T) {
	p := mustRun(t, `title: T
period: 2026-10
sources:
  x:
    file: x.csv
    delimiter: ";"
    columns: {k: string, y: string, amount: number}
  y:
    file: y.csv
    delimiter: ";"
    columns: {k: string, s3: string}
sections:
  - id: s
    title: S
    from: x
    join: [{source: y, on: k}]
    derive: {j: 'y.s3'}
    group_by: j
    measures: {amount: sum(amount)}
    reservations: ["R."]
`, map[string]string{
		"x.csv": "k;y;amount\nK1;same;1\nK2;same;2\nK3;same;4\n",
		"y.csv": "k;s3\nK1;Q\nK2;R\nK3;S\n",
	})
	got := map[any]float64{}
	for _, r := range section(t, p, "s").Rows {
		got[r[0]] = numberOf(r[1])
	}
	want := map[any]float64{"Q": 1, "R": 2, "S": 4}
	require.Equal(t, want, got, "groups")
}

// numberOf is a cell's number, or a value no test expects.
func numberOf(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	case int64:
		return float64(x)
	}
	return -1e300
}
