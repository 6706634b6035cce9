package expr

import "github.com/expr-lang/expr/ast"

// Scale reports whether n is one column times a constant, and which: for
// cost_per_day * 365 it returns ("cost_per_day", 365, true), and likewise
// for 365 * cost_per_day, cost / 12 (1/12), -cost (-1), a column alone (1)
// and any nesting of these, (cost * 365) / 12. A sum of such a column is
// the column's sum times the factor, so disclosure control can tie the
// two (an alert's yearly cost to a table's day prices). Anything else
// (two columns, a condition, a function) is not a scale, and a factor of
// zero (cost * 0) is none either: it says nothing of the column.
func Scale(n ast.Node) (column string, factor float64, ok bool) {
	switch x := n.(type) {
	case *ast.IdentifierNode:
		return x.Value, 1, true
	case *ast.UnaryNode:
		if x.Operator == "-" {
			if c, f, ok := Scale(x.Node); ok {
				return c, -f, true
			}
		}
	case *ast.BinaryNode:
		switch x.Operator {
		case "*":
			if k, ok := number(x.Right); ok && k != 0 {
				if c, f, ok := Scale(x.Left); ok {
					return c, f * k, true
				}
			}
			if k, ok := number(x.Left); ok && k != 0 {
				if c, f, ok := Scale(x.Right); ok {
					return c, f * k, true
				}
			}
		case "/":
			if k, ok := number(x.Right); ok && k != 0 {
				if c, f, ok := Scale(x.Left); ok {
					return c, f / k, true
				}
			}
		}
	}
	return "", 0, false
}

// number is the value of a number literal.
func number(n ast.Node) (float64, bool) {
	switch x := n.(type) {
	case *ast.IntegerNode:
		return float64(x.Value), true
	case *ast.FloatNode:
		return x.Value, true
	}
	return 0, false
}

// Share reports whether n is one column times a constant on some rows and
// nothing on the others: cond ? amount : nil, cond ? nil : amount * 365,
// and the same with 0 for nothing. It returns what Scale returns of the
// taken branch. A sum of such a column is the column's sum, scaled, over
// the rows where the branch was taken, so disclosure control can tie it
// to the column's other sums (sum(amount) beside sum(small), where small
// is amount below 1.000).
func Share(n ast.Node) (column string, factor float64, ok bool) {
	c, isCond := n.(*ast.ConditionalNode)
	if !isCond {
		return "", 0, false
	}
	switch {
	case nothing(c.Exp2):
		return Scale(c.Exp1)
	case nothing(c.Exp1):
		return Scale(c.Exp2)
	}
	return "", 0, false
}

// nothing reports whether n is nil or the number 0.
func nothing(n ast.Node) bool {
	if _, ok := n.(*ast.NilNode); ok {
		return true
	}
	k, ok := number(n)
	return ok && k == 0
}
