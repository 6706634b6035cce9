package engine

import (
	"fmt"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/render/locale"
)

// sayer says an expression in a reader's words: columns by their labels,
// operators and functions in the pack's language, numbers formatted as in
// the pack. `status == "Aktiv" && (end == nil || end >= period.start)`
// reads `Status er "Aktiv" og (Slutdato er tom eller Slutdato tidligst
// periodens start)`.
type sayer struct {
	w   *locale.ExprWords
	loc locale.Locale
	// label is a column's reader label; typ its type (for date words).
	label func(name string) string
	typ   func(name string) expr.Type
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
		return s.w.None
	case *ast.IdentifierNode:
		return s.label(n.Value)
	case *ast.IntegerNode:
		return s.loc.Integer(int64(n.Value))
	case *ast.FloatNode:
		return s.loc.Number(n.Value, decimalsNeeded(n.Value, 6))
	case *ast.BoolNode:
		if n.Value {
			return s.w.Yes
		}
		return s.w.No
	case *ast.StringNode:
		return `"` + n.Value + `"`
	case *ast.MemberNode:
		prop, _ := n.Property.(*ast.StringNode)
		if id, ok := n.Node.(*ast.IdentifierNode); ok && prop != nil {
			if id.Value == "period" {
				if w, ok := s.w.Period[prop.Value]; ok {
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
		return listWords(parts, s.w.Or)
	case *ast.UnaryNode:
		inner := s.node(n.Node, 6)
		switch n.Operator {
		case "!", "not":
			return fmt.Sprintf(s.w.Not, inner)
		case "-":
			return "−" + inner
		}
		return inner
	case *ast.ConditionalNode:
		return s.wrap(fmt.Sprintf(s.w.IfElse, s.node(n.Cond, 1), s.node(n.Exp1, 1), s.node(n.Exp2, 1)), 0, parent)
	case *ast.CallNode:
		if id, ok := n.Callee.(*ast.IdentifierNode); ok {
			args := make([]any, len(n.Arguments))
			for i, a := range n.Arguments {
				args[i] = s.node(a, 1)
			}
			if f, ok := s.w.Funcs[id.Value]; ok && strings.Count(f, "%s") == len(args) {
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
		f := s.w.Empty
		if n.Operator == "!=" {
			f = s.w.Filled
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
		f = s.w.And
	case "||", "or":
		f = s.w.Or
	case "??":
		f = s.w.OrIfEmpty
	case "==":
		f = s.w.Is
	case "!=":
		f = s.w.IsNot
	case "<":
		f = pick(dates, s.w.DateLess, s.w.Less)
	case "<=":
		f = pick(dates, s.w.DateLessEq, s.w.LessEq)
	case ">":
		f = pick(dates, s.w.DateMore, s.w.More)
	case ">=":
		f = pick(dates, s.w.DateMoreEq, s.w.MoreEq)
	case "in":
		f = s.w.In
	case "not in":
		f = s.w.NotIn
	case "contains":
		f = s.w.Contains
	case "startsWith":
		f = s.w.StartsWith
	case "endsWith":
		f = s.w.EndsWith
	case "matches":
		f = s.w.Matches
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
		return s.typ(n.Value) == expr.TDate
	case *ast.MemberNode:
		if id, ok := n.Node.(*ast.IdentifierNode); ok {
			prop, _ := n.Property.(*ast.StringNode)
			if prop == nil {
				return false
			}
			if id.Value == "period" {
				return prop.Value == "start" || prop.Value == "end" || prop.Value == "year_start" || prop.Value == "year_end"
			}
			return s.typ(id.Value+"."+prop.Value) == expr.TDate
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
