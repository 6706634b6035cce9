package recipes

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnreadColumns checks which text columns the reader may leave untyped:
// only those named nowhere outside `sources`, and never the disclosure
// subject (citizen_id unless the recipe names another).
func TestUnreadColumns(t *testing.T) {
	head := `title: T
period: 2026-10
%s
sources:
  x:
    file: x.csv
    columns:
      case_id: string
      citizen_id: string
      grp: string
      &n note: string
      status: string
      amount: number
      end: date
sections:
`
	cases := []struct {
		name   string
		top    string
		rest   string
		unread []string
	}{
		{"only what sections name is read", "", `  - {id: s, title: S, from: x, where: 'status == "open"', group_by: grp, measures: {n: count()}, reservations: ["R."]}`,
			[]string{"case_id", "note"}},
		{"a name inside an expression", "", `  - {id: s, title: S, from: x, derive: {k: 'note + "!"'}, group_by: k, measures: {n: count_distinct(case_id)}, reservations: ["R."]}`,
			[]string{"grp", "status"}},
		{"the disclosure subject, though not named", "audience: council", `  - {id: s, title: S, from: x, group_by: grp, measures: {n: count()}, reservations: ["R."]}`,
			[]string{"case_id", "note", "status"}},
		{"a name reached through an alias", "", `  - {id: s, title: S, from: x, group_by: *n, measures: {n: count()}, reservations: ["R."]}`,
			[]string{"case_id", "grp", "status"}},
		{"another subject", "disclosure: {subject: case_id}", `  - {id: s, title: S, from: x, group_by: grp, measures: {n: count()}, reservations: ["R."]}`,
			[]string{"citizen_id", "note", "status"}},
	}
	csv := "case_id,citizen_id,grp,note,status,amount,end\nS1,B1,A,x,open,1,2026-01-01\n"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Load(office(t, fmt.Sprintf(head, c.top)+c.rest+"\n", map[string]string{"x.csv": csv}))
			require.NoError(t, err)
			pl, err := Check(r, Options{})
			require.NoError(t, err)
			var got []string
			for _, col := range pl.Sources[0].Cols {
				if col.Unread {
					got = append(got, col.Name)
				}
			}
			assert.ElementsMatch(t, c.unread, got)
		})
	}
}
