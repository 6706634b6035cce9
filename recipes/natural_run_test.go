package recipes

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestTablesAndChartsInNaturalOrder checks that a table ordered by its
// group column, its chart's categories and a chart's series read "§ 85"
// before "§ 103", and that in a council pack withheld rows, placed after
// the shown ones, keep that order among themselves.
func TestTablesAndChartsInNaturalOrder(t *testing.T) {
	grants := "section;provider;citizen_id;cost\n" +
		"§ 103;A;P1;1\n§ 85;A;P2;2\n§ 107;B;P3;3\n§ 108;B;P4;4\n§ 85;B;P5;5\n"
	recipe := `title: T
period: 2026-10
sources:
  g:
    file: g.csv
    columns: {section: string, provider: string, citizen_id: string, cost: number}
sections:
  - id: by_section
    title: By section
    from: g
    group_by: [section]
    measures: {cost: sum(cost)}
    order_by: [section]
    chart: {type: bar, x: section, y: cost}
    reservations: ["Test."]
  - id: by_provider
    title: By provider
    from: g
    group_by: [provider, section]
    measures: {cost: sum(cost)}
    chart: {type: stacked_bar, x: provider, y: cost, series: section}
    reservations: ["Test."]
`
	p := mustRunMem(t, recipe, map[string]string{"g.csv": grants})
	s := section(t, p, "by_section")
	var got []string
	for _, r := range s.Rows {
		got = append(got, r[0].(string))
	}
	want := []string{"§ 85", "§ 103", "§ 107", "§ 108"}
	assert.Equal(t, want, got, "rows")
	assert.Equal(t, want, s.Chart.Categories, "categories")
	var series []string
	for _, d := range section(t, p, "by_provider").Chart.Data {
		series = append(series, d.Name)
	}
	assert.Equal(t, want, series, "series")

	council := "audience: council\ndisclosure: {min_count: 2}\n" + recipe
	council = strings.Replace(council, "order_by: [section]", "order_by: [-cost]", 1)
	s = section(t, mustRunMem(t, council, map[string]string{"g.csv": grants}), "by_section")
	got = got[:0]
	for _, r := range s.Rows {
		got = append(got, r[0].(string))
	}
	// § 85 (two citizens) is shown; the three single ones are withheld and
	// follow it in natural order.
	want = []string{"§ 85", "§ 103", "§ 107", "§ 108"}
	assert.Equal(t, want, got, "council rows")
}
