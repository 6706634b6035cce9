package engine

import (
	"fmt"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/mipack/mipack/render/locale"
)

// exprWords are the words an expression is said in for a reader: the
// operators, `nil`, the period's fields and the recipe's functions.
type exprWords struct {
	and, or, not                               string
	is, isNot, empty, filled                   string
	dateLess, dateLessEq, dateMore, dateMoreEq string
	less, lessEq, more, moreEq                 string
	in, notIn, contains, startsWith            string
	endsWith, matches, ifElse, orIfEmpty       string
	yes, no, none                              string
	period                                     map[string]string
	funcs                                      map[string]string
}

var danishExpr = exprWords{
	and: "%s og %s", or: "%s eller %s", not: "ikke %s",
	is: "%s er %s", isNot: "%s er ikke %s", empty: "%s er tom", filled: "%s er udfyldt",
	dateLess: "%s før %s", dateLessEq: "%s senest %s", dateMore: "%s efter %s", dateMoreEq: "%s tidligst %s",
	less: "%s under %s", lessEq: "%s højst %s", more: "%s over %s", moreEq: "%s mindst %s",
	in: "%s er en af %s", notIn: "%s er ingen af %s", contains: "%s indeholder %s", startsWith: "%s begynder med %s",
	endsWith: "%s slutter med %s", matches: "%s passer til mønstret %s", ifElse: "%[2]s, hvis %[1]s, ellers %[3]s", orIfEmpty: "%s, eller %s hvor den er tom",
	yes: "sand", no: "falsk", none: "tom",
	period: map[string]string{
		"name": "perioden", "start": "periodens start", "end": "periodens slutning", "days": "periodens antal dage",
		"year": "periodens år", "month": "periodens måned", "year_start": "årets start", "year_end": "årets slutning",
		"year_days": "årets antal dage", "year_elapsed_days": "årets dage til periodens slutning",
	},
	funcs: map[string]string{
		"month": "måneden for %s", "year": "året for %s", "quarter": "kvartalet for %s",
		"days":         "dage fra %s til %s",
		"overlap_days": "dage fra %s til %s i perioden",
		"days_left":    "dage fra %s til %s efter perioden og året ud",
		"year_days":    "dage fra %s til %s fra årets start til periodens slutning",
		"clamp":        "%s, dog tidligst %s og senest %s",
	},
}

var englishExpr = exprWords{
	and: "%s and %s", or: "%s or %s", not: "not %s",
	is: "%s is %s", isNot: "%s is not %s", empty: "%s is empty", filled: "%s is filled in",
	dateLess: "%s before %s", dateLessEq: "%s no later than %s", dateMore: "%s after %s", dateMoreEq: "%s no earlier than %s",
	less: "%s below %s", lessEq: "%s at most %s", more: "%s above %s", moreEq: "%s at least %s",
	in: "%s is one of %s", notIn: "%s is none of %s", contains: "%s contains %s", startsWith: "%s starts with %s",
	endsWith: "%s ends with %s", matches: "%s matches the pattern %s", ifElse: "%[2]s if %[1]s, else %[3]s", orIfEmpty: "%s, or %s where it is empty",
	yes: "true", no: "false", none: "empty",
	period: map[string]string{
		"name": "the period", "start": "the period's start", "end": "the period's end", "days": "the period's number of days",
		"year": "the period's year", "month": "the period's month", "year_start": "the year's start", "year_end": "the year's end",
		"year_days": "the year's number of days", "year_elapsed_days": "the year's days up to the period's end",
	},
	funcs: map[string]string{
		"month": "the month of %s", "year": "the year of %s", "quarter": "the quarter of %s",
		"days":         "days from %s to %s",
		"overlap_days": "days from %s to %s within the period",
		"days_left":    "days from %s to %s after the period, to the year's end",
		"year_days":    "days from %s to %s from the year's start to the period's end",
		"clamp":        "%s, kept between %s and %s",
	},
}

// sayer says an expression in a reader's words: columns by their labels,
// operators and functions in the pack's language, numbers formatted as in
// the pack. `status == "Aktiv" && (end == nil || end >= period.start)`
// reads `Status er "Aktiv" og (Slutdato er tom eller Slutdato tidligst
// periodens start)`.
type sayer struct {
	w   *exprWords
	loc locale.Locale
	// label is a column's reader label; typ its type (for date words).
	label func(name string) string
	typ   func(name string) ValType
}

// say renders src; an expression that does not parse (it never reaches a
// run) is returned as written.
func (s sayer) say(src string) string {
	tree, err := parser.Parse(src)
	if err != nil {
		return strings.Join(strings.Fields(src), " ")
	}
	return s.node(tree.Node, 0)
}

// precedence orders operators for parentheses: a part binding less
// tightly than its parent is put in parentheses.
func precedence(op string) int {
	switch op {
	case "||", "or", "??":
		return 1
	case "&&", "and":
		return 2
	case "==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "startsWith", "endsWith", "matches":
		return 3
	case "+", "-":
		return 4
	case "*", "/", "%":
		return 5
	}
	return 6
}

func (s sayer) node(n ast.Node, parent int) string {
	switch n := n.(type) {
	case *ast.NilNode:
		return s.w.none
	case *ast.IdentifierNode:
		return s.label(n.Value)
	case *ast.IntegerNode:
		return s.loc.Integer(int64(n.Value))
	case *ast.FloatNode:
		return s.loc.Number(n.Value, decimalsNeeded(n.Value, 6))
	case *ast.BoolNode:
		if n.Value {
			return s.w.yes
		}
		return s.w.no
	case *ast.StringNode:
		return `"` + n.Value + `"`
	case *ast.MemberNode:
		prop, _ := n.Property.(*ast.StringNode)
		if id, ok := n.Node.(*ast.IdentifierNode); ok && prop != nil {
			if id.Value == "period" {
				if w, ok := s.w.period[prop.Value]; ok {
					return w
				}
			}
			return s.label(id.Value + "." + prop.Value)
		}
	case *ast.ArrayNode:
		parts := make([]string, len(n.Nodes))
		for i, e := range n.Nodes {
			parts[i] = s.node(e, precedence("in"))
		}
		return listWords(parts, s.w.or)
	case *ast.UnaryNode:
		inner := s.node(n.Node, 6)
		switch n.Operator {
		case "!", "not":
			return fmt.Sprintf(s.w.not, inner)
		case "-":
			return "−" + inner
		}
		return inner
	case *ast.ConditionalNode:
		return s.wrap(fmt.Sprintf(s.w.ifElse, s.node(n.Cond, 1), s.node(n.Exp1, 1), s.node(n.Exp2, 1)), 0, parent)
	case *ast.CallNode:
		if id, ok := n.Callee.(*ast.IdentifierNode); ok {
			args := make([]any, len(n.Arguments))
			for i, a := range n.Arguments {
				args[i] = s.node(a, 1)
			}
			if f, ok := s.w.funcs[id.Value]; ok && strings.Count(f, "%s") == len(args) {
				return fmt.Sprintf(f, args...)
			}
		}
	case *ast.BinaryNode:
		return s.binary(n, parent)
	}
	// Anything else (a built-in of the expression library) is said by its
	// parts, without the expression's punctuation.
	var parts []string
	for _, c := range children(n) {
		parts = append(parts, s.node(c, 1))
	}
	return s.wrap(strings.Join(parts, ", "), 0, parent)
}

func (s sayer) binary(n *ast.BinaryNode, parent int) string {
	prec := precedence(n.Operator)
	_, lnil := n.Left.(*ast.NilNode)
	_, rnil := n.Right.(*ast.NilNode)
	switch {
	case (n.Operator == "==" || n.Operator == "!=") && (lnil || rnil):
		side := n.Left
		if lnil {
			side = n.Right
		}
		f := s.w.empty
		if n.Operator == "!=" {
			f = s.w.filled
		}
		return s.wrap(fmt.Sprintf(f, s.node(side, prec+1)), prec, parent)
	}
	l, r := s.node(n.Left, prec), s.node(n.Right, prec+1)
	if prec <= 2 {
		// and, or: either side may be of the same kind without parentheses
		r = s.node(n.Right, prec)
	}
	dates := s.isDate(n.Left) || s.isDate(n.Right)
	var f string
	switch n.Operator {
	case "&&", "and":
		f = s.w.and
	case "||", "or":
		f = s.w.or
	case "??":
		f = s.w.orIfEmpty
	case "==":
		f = s.w.is
	case "!=":
		f = s.w.isNot
	case "<":
		f = pick(dates, s.w.dateLess, s.w.less)
	case "<=":
		f = pick(dates, s.w.dateLessEq, s.w.lessEq)
	case ">":
		f = pick(dates, s.w.dateMore, s.w.more)
	case ">=":
		f = pick(dates, s.w.dateMoreEq, s.w.moreEq)
	case "in":
		f = s.w.in
	case "not in":
		f = s.w.notIn
	case "contains":
		f = s.w.contains
	case "startsWith":
		f = s.w.startsWith
	case "endsWith":
		f = s.w.endsWith
	case "matches":
		f = s.w.matches
	case "+":
		f = "%s + %s"
	case "-":
		f = "%s − %s"
	case "*":
		f = "%s × %s"
	case "/":
		f = "%s ÷ %s"
	default:
		f = "%s " + n.Operator + " %s"
	}
	return s.wrap(fmt.Sprintf(f, l, r), prec, parent)
}

func (s sayer) wrap(text string, prec, parent int) string {
	if prec < parent {
		return "(" + text + ")"
	}
	return text
}

// isDate reports a part of an expression that is a date: a date column,
// a date of the period, or clamp().
func (s sayer) isDate(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		return s.typ(n.Value) == TDate
	case *ast.MemberNode:
		if id, ok := n.Node.(*ast.IdentifierNode); ok {
			prop, _ := n.Property.(*ast.StringNode)
			if prop == nil {
				return false
			}
			if id.Value == "period" {
				return prop.Value == "start" || prop.Value == "end" || prop.Value == "year_start" || prop.Value == "year_end"
			}
			return s.typ(id.Value+"."+prop.Value) == TDate
		}
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		return ok && id.Value == "clamp"
	}
	return false
}

func children(n ast.Node) []ast.Node {
	switch n := n.(type) {
	case *ast.BuiltinNode:
		return n.Arguments
	case *ast.CallNode:
		return n.Arguments
	case *ast.MemberNode:
		return []ast.Node{n.Node, n.Property}
	case *ast.SliceNode:
		return []ast.Node{n.Node}
	case *ast.ChainNode:
		return []ast.Node{n.Node}
	}
	return nil
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// listWords joins "a", "b" and "c" as `"a", "b" or "c"` (or's word).
func listWords(parts []string, or string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return fmt.Sprintf(or, strings.Join(parts[:len(parts)-1], ", "), parts[len(parts)-1])
}
