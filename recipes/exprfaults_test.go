package recipes

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestExprFault holds the library's faults, as it words them, to the
// author's words they are said in.
func TestExprFault(t *testing.T) {
	tests := []struct {
		msg, said, hint string
	}{
		{"invalid operation: > (mismatched types time.Time and string)",
			"`>` compares a date with a text", `Try: compare it with a date, e.g. date("2026-10-01") or period.start`},
		{"invalid operation: == (mismatched types float64 and string)",
			"`==` compares a number with a text", "Try: write the number without quotes; or, if the column holds texts, give it type: string"},
		{"invalid operation: < (mismatched types int and bool)", "`<` compares a number with a yes/no value", ""},
		{"invalid operation: >= (mismatched types time.Time and unknown)",
			"`>=` compares a date with nil (empty)", "Try: == nil or != nil, to test whether a value is empty"},
		{"invalid operation: > (mismatched types time.Duration and int)",
			"`>` compares a duration with a number", "Try: days(start, end) counts the days from one date to another"},
		{"invalid operation: > (mismatched types map[string]interface {} and int)",
			"`>` compares a record of fields with a number", "Try: one of its fields, e.g. period.start"},
		{"invalid operation: + (mismatched types float64 and string)", "`+` adds a text to a number", ""},
		{"invalid operation: - (mismatched types string and int)", "`-` subtracts a number from a text", ""},
		{"invalid operation: && (mismatched types bool and string)", "`&&` joins a yes/no value and a text, where it needs two yes/no values", ""},
		{"invalid operation: contains (mismatched types string and float64)", "`contains` looks for a number in a text, where it needs two texts", ""},
		{"invalid operation: not (mismatched type float64)", "`not` needs a yes/no value, not a number", ""},
		{"invalid operation: - (mismatched type string)", "`-` needs a number, not a text", ""},
		{"cannot use string as argument (type time.Time) to call month ", "month() needs a date here, not a text", ""},
		{"too many arguments to call days", "days() is given too many arguments", "Try: days(from, to)"},
		{"not enough arguments to call upper", "upper() is given too few arguments", ""},
		{"expected bool, but got float64",
			"the expression must be true or false for each row, but it gives a number", `Try: compare it with something, e.g. status == "Aktiv"`},
		{"non-bool expression (type string) used as condition", "the condition before ? must be true or false, not a text", ""},
		{"cannot use float64 as type string in array", "`in` looks for a number in a list of texts", ""},
		{"type time.Time has no field Yaer", "a date has no field Yaer", ""},
		{"invalid argument for len (type int)", "len() needs a text or a list, not a number", ""},
		{"unexpected token EOF", "the expression ends too soon: a value is missing after an operator, or a ( is never closed", ""},
		{`unexpected token Operator("=")`, `unexpected "="`, "Try: == to compare"},
		{`unexpected token Bracket(")")`, `unexpected ")"`, ""},
		{"literal not terminated", "a quoted text is never closed", "Try: end the text with the quote it starts with"},
		// Unknown wording keeps its text, its Go type names said in words.
		{"cannot use int to get an element from time.Time", "cannot use a number to get an element from a date", ""},
		{"unknown name stauts", "unknown name stauts", ""},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			said, hint := exprFault(tt.msg)
			assert.Equal(t, tt.said, said, "said")
			assert.Equal(t, tt.hint, hint, "hint")
		})
	}
}
