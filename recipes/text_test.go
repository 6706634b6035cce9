package recipes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/fault"
	"github.com/mipack/mipack/render/pack"
)

const textCSV = "case_id,citizen_id,section,cost\n" +
	"C1,P1,§ 107,100.5\nC2,P2,§ 107,200\nC3,P3,§ 107,50\nC4,P4,§ 107,10\nC5,P5,§ 107,1\n" +
	"C6,P6,§ 108,300\nC7,P7,§ 108,300\nC8,P8,§ 108,300\nC9,P9,§ 108,300\nC10,P10,§ 108,300\n" +
	"C11,P11,§ 85,40\n"

// textRecipe quotes a council table with a withheld row (§ 85, one
// citizen; § 107 is withheld to protect it); the fault tests below count
// its lines and columns: the text starts on line 13, column 7.
const textRecipe = `title: Text
period: 2026-10
audience: council
sources:
  grants:
    file: grants.csv
    columns: {case_id: string, citizen_id: string, section: string, cost: number}
    reservations: ["Costs are typed by hand."]
sections:
  - id: summary
    title: Summary
    text: |
      In all **{overview.total.cost} kr.** for {overview.total.citizens}
      citizens; § 108 {overview["§ 108"].cost} kr.

      § 85: {overview["§ 85"].cost} kr.; § 86: {overview["§ 86"].citizens}. {{braces}} stay.
  - id: overview
    title: Overview
    from: grants
    group_by: [section]
    measures: {citizens: count_distinct(citizen_id), cost: sum(cost)}
    total: true
    reservations: ["Test figures."]
`

func TestTextQuotesFiguresAsTheirTableHasThem(t *testing.T) {
	p := mustRun(t, textRecipe, map[string]string{"grants.csv": textCSV})
	s := section(t, p, "summary")
	require.Equal(t, pack.KindText, s.Kind, "kind")
	overview := section(t, p, "overview")
	var got []string
	for _, par := range s.Paragraphs {
		var b strings.Builder
		for _, sp := range par.Spans {
			text := sp.Text
			if f := sp.Figure; f != nil {
				text = "{" + f.Ref + "=" + figureState(f) + "}"
			}
			if sp.Bold {
				text = "**" + text + "**"
			}
			b.WriteString(text)
		}
		got = append(got, b.String())
	}
	want := []string{
		`In all **{overview.total.cost=1901.5}****` + ` kr.**` + ` for {overview.total.citizens=11} citizens; § 108 {overview["§ 108"].cost=1500} kr.`,
		`§ 85: {overview["§ 85"].cost=withheld} kr.; § 86: {overview["§ 86"].citizens=absent}. {braces} stay.`,
	}
	assert.Equal(t, want, got, "paragraphs")
	// § 85 is withheld in its table; the text holds no number for it.
	f := s.Paragraphs[1].Spans[1].Figure
	assert.True(t, overview.IsSuppressed(f.Row, f.Column), "the § 85 figure %+v: want it withheld as in its table (suppressed %v)", f, overview.Suppressed)
	assert.Nil(t, f.Value, "the § 85 figure's value: want none, as in its table")
	// Every figure carries its section's footnotes (the source's among
	// them); the absent one the text's own note first.
	absent := s.Paragraphs[1].Spans[3].Figure
	require.NotEmpty(t, absent.Notes, "notes for the absent row")
	require.Equal(t, pack.NoteRef{Section: "summary", Index: 0}, absent.Notes[0], "notes %v for the absent row: want the text's own note first", absent.Notes)
	n := s.Footnotes[0]
	assert.Equal(t, pack.FootnoteAbsent, n.Kind, "footnote %+v: want the absent-row note", n)
	assert.Equal(t, `Section "Overview" has no row for § 86 in the period; the figure is shown as –.`, n.Text, "the absent-row note")
	marks := strings.Join(p.FigureMarks(s.Paragraphs[0].Spans[1].Figure), ",")
	assert.Equal(t, strings.Join(overview.Marks(), ","), marks, "marks on the total: want its section's")
	var texts []string
	for _, ref := range s.Paragraphs[0].Spans[1].Figure.Notes {
		n, _ := p.Footnote(ref)
		texts = append(texts, n.Text)
	}
	assert.Contains(t, strings.Join(texts, "|"), "Costs are typed by hand.", "notes: want the source's reservation among them")
}

func figureState(f *pack.Figure) string {
	switch {
	case f.Withheld:
		return "withheld"
	case f.Row < 0:
		return "absent"
	}
	return fmt.Sprint(f.Value)
}

func TestTextFaultsArePlacedInsideTheText(t *testing.T) {
	tests := []struct {
		name    string
		replace []string
		want    string
		is      error
	}{
		{"misspelt measure", []string{"{overview.total.citizens}", "{overview.total.citizen}"},
			`recipe.yaml:13:64: sections[0].text: section "overview" has no measure "citizen"; did you mean "citizens"? (its figures: citizens, cost)`, fault.ErrUnknownColumn},
		{"misspelt measure on a later line", []string{`§ 108 {overview["§ 108"].cost}`, `§ 108 {overview["§ 108"].kost}`},
			`recipe.yaml:14:42: sections[0].text: section "overview" has no measure "kost"; did you mean "cost"? (its figures: citizens, cost)`, fault.ErrUnknownColumn},
		{"unknown section", []string{"{overview.total.cost}", "{overveiw.total.cost}"},
			`recipe.yaml:13:17: sections[0].text: no section has the id "overveiw"; did you mean "overview"?`, fault.ErrUnknownSection},
		{"group column", []string{"{overview.total.cost}", "{overview.total.section}"},
			`recipe.yaml:13:32: sections[0].text: "section" is a group column of section "overview"; quote a measure`, fault.ErrUnknownColumn},
		{"two values for one group column", []string{`overview["§ 85"].cost`, `overview["§ 85", "x"].cost`},
			`recipe.yaml:16:22: sections[0].text: section "overview" is grouped by 1 column (section); the reference gives 2 values`, fault.ErrBadValue},
		{"no total row", []string{"    total: true\n", ""},
			`recipe.yaml:13:17: sections[0].text: section "overview" has no total row: add ` + "`total: true`", fault.ErrBadValue},
		{"bad syntax", []string{"{overview.total.cost}", "{overview.sum.cost}"},
			`recipe.yaml:13:25: sections[0].text: after the section id comes ".total." or ["value"]`, fault.ErrBadValue},
		{"unclosed brace", []string{"{overview.total.citizens}", "{overview.total.citizens"},
			`recipe.yaml:13:48: sections[0].text: this { opens a figure reference that is never closed with }`, fault.ErrBadValue},
		{"unclosed bold", []string{"kr.**", "kr."},
			`recipe.yaml:13:14: sections[0].text: this ** starts bold text that the paragraph never ends with **`, fault.ErrBadValue},
		{"a table key", []string{"    title: Summary\n", "    title: Summary\n    from: grants\n"},
			`recipe.yaml:10:5: sections[0].from: a text section takes no "from"`, fault.ErrBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recipe := textRecipe
			for i := 0; i < len(tt.replace); i += 2 {
				require.Contains(t, recipe, tt.replace[i], "the text to replace")
				recipe = strings.Replace(recipe, tt.replace[i], tt.replace[i+1], 1)
			}
			_, err := runRecipe(office(t, recipe, map[string]string{"grants.csv": textCSV}), Options{})
			require.Error(t, err, "want %s", tt.want)
			assert.Contains(t, err.Error(), tt.want)
			assert.ErrorIs(t, err, tt.is)
		})
	}
}
