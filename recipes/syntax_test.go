package recipes

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSyntaxHint checks that each slip an author makes in YAML is placed
// where it is, not where the parser's block starts, with a hint that fits.
func TestSyntaxHint(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"a tab in the indentation", "    from: pay", "\tfrom: pay",
			"recipe.yaml:18:1: YAML syntax error: found a tab character that violates indentation. Try: indent with spaces; YAML does not allow a tab in the indentation"},
		{"no space after a colon", "    from: pay", "    from:pay",
			"recipe.yaml:18:9: YAML syntax error: could not find expected ':'. Try: a space after the colon: `from: pay`"},
		{"a colon inside a plain value", "    title: By status", "    title: Status: all",
			"recipe.yaml:17:18: YAML syntax error: mapping values are not allowed in this context. Try: put the value in quotes, as it holds \": \": `title: 'Status: all'`"},
		{"an expression with a colon", "where: amount > 0 && (big || !big)", "where: amount > 0 ? 1 : 0",
			"recipe.yaml:21:27: YAML syntax error: mapping values are not allowed in this context. Try: put the value in quotes, as it holds \": \": `where: 'amount > 0 ? 1 : 0'`"},
		{"an unclosed double quote", "    title: By status", `    title: "By status`,
			`recipe.yaml:17:12: YAML syntax error: did not find expected key. Try: end the text with the quote it starts with (")`},
		{"an unclosed single quote", "    title: By status", `    title: 'By status`,
			`recipe.yaml:17:12: YAML syntax error: found unexpected end of stream. Try: end the text with the quote it starts with (')`},
		{"an unclosed quote in a list item", "  - id: r1", `  - "A reservation`,
			`recipe.yaml:13:5: YAML syntax error: did not find expected '-' indicator. Try: end the text with the quote it starts with (")`},
		{"an unclosed flow list", "group_by: [status]", "group_by: [status",
			"recipe.yaml:22:15: YAML syntax error: did not find expected ',' or ']'. Try: close it with ] on the same line"},
		{"a flow mapping without a comma", "{status: Status, citizens: Borgere", "{status: Status citizens: Borgere",
			`recipe.yaml:29:13: YAML syntax error: did not find expected ',' or '}'. Try: separate its items with ", " and put an item that holds a comma, ": " or a bracket in quotes`},
		{"a key indented one space too little", "      total: sum(amount)", "     total: sum(amount)",
			"recipe.yaml:25:6: YAML syntax error: did not find expected key. Try: line each key up with the keys beside it (the same number of spaces), and each list item's - with the items beside it"},
		{"a key indented one space too far", "    from: pay", "     from: pay",
			"recipe.yaml:18:6: YAML syntax error: mapping values are not allowed in this context. Try: line each key up with the keys beside it (the same number of spaces), and each list item's - with the items beside it"},
		{"a list item without a space after the dash", "  - id: summary", "  -id: summary",
			"recipe.yaml:33:3: YAML syntax error: did not find expected '-' indicator. Try: a space after the -: `- id: summary`"},
		{"a backslash in double quotes", "    title: By status", `    title: "By \q status"`,
			`recipe.yaml:17:16: YAML syntax error: found unknown escape character. Try: write \\ for a backslash inside double quotes, or put the value in single quotes`},
		{"a value starting with a backquote", "where: amount > 0 && (big || !big)", "where: `amount` > 0",
			"recipe.yaml:21:12: YAML syntax error: found character that cannot start any token. Try: put the value in quotes; a YAML value cannot start with `"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Contains(t, tableRecipe, tt.old, "the case's replacement must apply")
			_, err := Parse("recipe.yaml", []byte(strings.Replace(tableRecipe, tt.old, tt.new, 1)))
			require.Error(t, err, "want %q", tt.want)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}
