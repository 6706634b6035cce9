package recipes

import (
	"math"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
)

// decimalsFunc says how many decimals a derived number has at most, once
// the sources are read and the decimals of their number columns known; ok
// is false when the expression can make more (a division, a function).
type decimalsFunc func(stats map[*sourcePlan]*sourceStats) (decimals int, ok bool)

// derivedDecimals is the decimalsFunc of a derived column's expression, or
// nil when the expression can make any number of decimals. A sum, a
// difference and either side of a condition have the most decimals of
// their inputs; a product the decimals of both added; a literal those it is
// written with. So `side == "Debet" ? amount : -amount` has the decimals of
// amount, and its sum is exact to them, as a plain column's is.
func derivedDecimals(n ast.Node, s *schema, derived map[int]decimalsFunc) decimalsFunc {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return fixedDecimals(0)
	case *ast.FloatNode:
		return literalDecimals(n.Value)
	case *ast.ConstantNode:
		switch v := n.Value.(type) {
		case int:
			return fixedDecimals(0)
		case float64:
			return literalDecimals(v)
		}
		return nil
	case *ast.NilNode:
		return fixedDecimals(0)
	case *ast.IdentifierNode:
		i := s.index(n.Value)
		if i < 0 {
			return nil
		}
		if f := derived[i]; f != nil {
			return f
		}
		switch ref := s.refs[i]; {
		case s.types[i] == tInteger:
			return fixedDecimals(0)
		case s.types[i] == tNumber && ref != nil:
			return func(stats map[*sourcePlan]*sourceStats) (int, bool) {
				st := stats[ref.src]
				if st == nil || ref.col >= len(st.decimals) {
					return 0, false
				}
				return st.decimals[ref.col], true
			}
		}
		return nil
	case *ast.UnaryNode:
		if n.Operator == "-" || n.Operator == "+" {
			return derivedDecimals(n.Node, s, derived)
		}
		return nil
	case *ast.ConditionalNode:
		return combine(derivedDecimals(n.Exp1, s, derived), derivedDecimals(n.Exp2, s, derived), larger)
	case *ast.BinaryNode:
		l, r := derivedDecimals(n.Left, s, derived), derivedDecimals(n.Right, s, derived)
		switch n.Operator {
		case "+", "-":
			return combine(l, r, larger)
		case "*":
			return combine(l, r, func(a, b int) int { return a + b })
		case "??":
			return combine(l, r, larger)
		}
	}
	return nil
}

func larger(a, b int) int { return max(a, b) }

func fixedDecimals(d int) decimalsFunc {
	return func(map[*sourcePlan]*sourceStats) (int, bool) { return d, true }
}

// literalDecimals are the decimals a number literal is written with.
func literalDecimals(v float64) decimalsFunc {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	_, frac, _ := strings.Cut(s, ".")
	return fixedDecimals(len(frac))
}

// combine joins two decimalsFuncs with op; nil when either is.
func combine(a, b decimalsFunc, op func(x, y int) int) decimalsFunc {
	if a == nil || b == nil {
		return nil
	}
	return func(stats map[*sourcePlan]*sourceStats) (int, bool) {
		x, ok1 := a(stats)
		y, ok2 := b(stats)
		return op(x, y), ok1 && ok2
	}
}

// sumDecimals is the decimals a measure's sum is exact to, when it is
// known: those of the number column summed, or those a derived column's
// expression gives. The sum is rounded to them, so binary noise such as
// 1063864.6300000001 never reaches a pack.
func (m *measurePlan) sumDecimals(stats map[*sourcePlan]*sourceStats) (int, bool) {
	if m.fn != "sum" || m.typ != tNumber {
		return 0, false
	}
	if m.srcCol != nil {
		if st := stats[m.srcCol.src]; st != nil && m.srcCol.col < len(st.decimals) {
			return st.decimals[m.srcCol.col], true
		}
		return m.decimals, true
	}
	if m.exact != nil {
		if d, ok := m.exact(stats); ok && d <= 12 {
			return d, true
		}
	}
	return 0, false
}
