package recipes

import (
	"fmt"
	"regexp"
	"strings"
)

// An expression fault is said in the recipe author's words, not Go's: the
// expression library names Go types ("mismatched types time.Time and
// string"); an author knows dates, texts, numbers and yes/no values.
//
//	invalid operation: > (mismatched types time.Time and string)
//	→ `>` compares a date with a text. Try: compare it with a date, e.g. date("2026-10-01") or period.start
//
// The library gives its faults only as text, so they are matched here by
// their wording; a message matching none is kept, its Go type names said
// in words.

// kindWords names a Go type as the author knows it: a/an form and plural.
type kindWords struct{ one, many string }

var (
	wordsDate     = kindWords{"a date", "dates"}
	wordsText     = kindWords{"a text", "texts"}
	wordsNumber   = kindWords{"a number", "numbers"}
	wordsYesNo    = kindWords{"a yes/no value", "yes/no values"}
	wordsEmpty    = kindWords{"nil (empty)", "nils"}
	wordsDuration = kindWords{"a duration", "durations"}
	wordsAny      = kindWords{"a value of any kind", "values of any kind"}
	wordsList     = kindWords{"a list", "lists"}
	wordsRecord   = kindWords{"a record of fields", "records of fields"}
)

// typeWords says the Go type name the expression library prints.
func typeWords(goType string) kindWords {
	t := strings.TrimSpace(goType)
	switch {
	case t == "time.Time":
		return wordsDate
	case t == "string":
		return wordsText
	case t == "bool":
		return wordsYesNo
	case t == "unknown" || t == "nil" || t == "<nil>":
		// The library prints a nil's type as "unknown".
		return wordsEmpty
	case t == "time.Duration":
		return wordsDuration
	case t == "interface {}":
		return wordsAny
	case strings.HasPrefix(t, "[]"):
		return wordsList
	case strings.HasPrefix(t, "map["):
		return wordsRecord
	case numberType.MatchString(t):
		return wordsNumber
	}
	return kindWords{t, t}
}

var numberType = regexp.MustCompile(`^(u?int(8|16|32|64)?|float(32|64))$`)

// operatorVerbs say what a binary operator does with its two sides, as
// "%[1]s ... %[2]s" of their kinds.
var operatorVerbs = map[string]string{
	"==": "compares %s with %s", "!=": "compares %s with %s",
	"<": "compares %s with %s", ">": "compares %s with %s",
	"<=": "compares %s with %s", ">=": "compares %s with %s",
	"+": "adds %[2]s to %[1]s", "-": "subtracts %[2]s from %[1]s",
	"*": "multiplies %s by %s", "/": "divides %s by %s",
	"**": "raises %s to the power of %s", "^": "raises %s to the power of %s",
	"%":  "takes the remainder of %s divided by %s, which needs two whole numbers",
	"..": "makes a range from %s to %s, which needs two whole numbers",
	"&&": "joins %s and %s, where it needs two yes/no values", "||": "joins %s and %s, where it needs two yes/no values",
	"and": "joins %s and %s, where it needs two yes/no values", "or": "joins %s and %s, where it needs two yes/no values",
	"contains": "looks for %[2]s in %[1]s, where it needs two texts", "startsWith": "looks for %[2]s at the start of %[1]s, where it needs two texts",
	"endsWith": "looks for %[2]s at the end of %[1]s, where it needs two texts", "matches": "matches %s against %s, where it needs two texts",
	"in": "looks for %s in %s",
}

var (
	binaryFault   = regexp.MustCompile(`^invalid operation: (\S+) \(mismatched types (.+) and (.+)\)$`)
	unaryFault    = regexp.MustCompile(`^invalid operation: (\S+) \(mismatched type (.+)\)$`)
	argumentFault = regexp.MustCompile(`^cannot use (.+) as argument \(type (.+)\) to call (\S+)\s*$`)
	arityFault    = regexp.MustCompile(`^(not enough|too many) arguments to call (\S+)$`)
	notBoolFault  = regexp.MustCompile(`^expected bool, but got (.+)$`)
	conditionFlt  = regexp.MustCompile(`^non-bool expression \(type (.+)\) used as condition$`)
	inListFault   = regexp.MustCompile(`^cannot use (.+) as type (.+) in array$`)
	noFieldFault  = regexp.MustCompile(`^type (.+) has no field (\S+)$`)
	lenFault      = regexp.MustCompile(`^invalid argument for len \(type (.+)\)$`)
	tokenFault    = regexp.MustCompile(`^unexpected token (\w+)(?:\("(.*)"\))?$`)
	goTypeName    = regexp.MustCompile(`time\.Time|time\.Duration|map\[string\]interface \{\}|\[\]interface \{\}|interface \{\}|\b(?:float64|float32|int64|int32|int|string|bool)\b`)
)

// exprFault says an expression library fault in the author's words, with
// a hint ("Try: ...", or "") where the fault suggests a fix.
func exprFault(msg string) (said, hint string) {
	msg = strings.TrimSpace(msg)
	if m := binaryFault.FindStringSubmatch(msg); m != nil {
		op, l, r := m[1], typeWords(m[2]), typeWords(m[3])
		verb, ok := operatorVerbs[op]
		if !ok {
			verb = "cannot be used with %s and %s"
		}
		return fmt.Sprintf("`%s` %s", op, fmt.Sprintf(verb, l.one, r.one)), binaryHint(op, l, r)
	}
	if m := unaryFault.FindStringSubmatch(msg); m != nil {
		need := wordsNumber.one
		if op := m[1]; op == "not" || op == "!" {
			need = wordsYesNo.one
		}
		return fmt.Sprintf("`%s` needs %s, not %s", m[1], need, typeWords(m[2]).one), ""
	}
	if m := argumentFault.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s() needs %s here, not %s", m[3], typeWords(m[2]).one, typeWords(m[1]).one), ""
	}
	if m := arityFault.FindStringSubmatch(msg); m != nil {
		few := "too few"
		if m[1] == "too many" {
			few = "too many"
		}
		return fmt.Sprintf("%s() is given %s arguments", m[2], few), usageHint(m[2])
	}
	if m := notBoolFault.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("the expression must be true or false for each row, but it gives %s", typeWords(m[1]).one),
			"Try: compare it with something, e.g. status == \"Aktiv\""
	}
	if m := conditionFlt.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("the condition before ? must be true or false, not %s", typeWords(m[1]).one), ""
	}
	if m := inListFault.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("`in` looks for %s in a list of %s", typeWords(m[1]).one, typeWords(m[2]).many), ""
	}
	if m := noFieldFault.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s has no field %s", typeWords(m[1]).one, m[2]), ""
	}
	if m := lenFault.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("len() needs a text or a list, not %s", typeWords(m[1]).one), ""
	}
	if m := tokenFault.FindStringSubmatch(msg); m != nil {
		switch {
		case m[1] == "EOF":
			return "the expression ends too soon: a value is missing after an operator, or a ( is never closed", ""
		case m[2] == "=":
			return "unexpected \"=\"", "Try: == to compare"
		case m[2] != "":
			return fmt.Sprintf("unexpected %q", m[2]), ""
		}
	}
	if msg == "literal not terminated" {
		return "a quoted text is never closed", "Try: end the text with the quote it starts with"
	}
	return goTypeName.ReplaceAllStringFunc(msg, func(t string) string { return typeWords(t).one }), ""
}

// binaryHint suggests a fix for two sides an operator cannot take.
func binaryHint(op string, l, r kindWords) string {
	pair := func(a, b kindWords) bool { return l == a && r == b || l == b && r == a }
	comparison := strings.HasPrefix(operatorVerbs[op], "compares")
	switch {
	case comparison && pair(wordsDate, wordsText):
		return `Try: compare it with a date, e.g. date("2026-10-01") or period.start`
	case comparison && pair(wordsNumber, wordsText):
		return "Try: write the number without quotes; or, if the column holds texts, give it type: string"
	case comparison && pair(wordsDuration, wordsNumber):
		return "Try: days(start, end) counts the days from one date to another"
	case comparison && (l == wordsEmpty || r == wordsEmpty):
		return "Try: == nil or != nil, to test whether a value is empty"
	case comparison && (l == wordsRecord || r == wordsRecord):
		return "Try: one of its fields, e.g. period.start"
	}
	return ""
}

// functionUsage shows how the recipe's own functions are called.
var functionUsage = map[string]string{
	"month": "month(date)", "year": "year(date)", "quarter": "quarter(date)",
	"days": "days(from, to)", "overlap_days": "overlap_days(start, end)",
	"days_left": "days_left(start, end)", "year_days": "year_days(start, end)",
	"clamp": "clamp(date, earliest, latest)",
}

func usageHint(fn string) string {
	if u, ok := functionUsage[fn]; ok {
		return "Try: " + u
	}
	return ""
}
