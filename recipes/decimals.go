package recipes

import (
	"math"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
)

// derivedDecimals is the decimalsFunc of a derived column's expression, or
// nil when the expression can make any number of decimals. A sum, a
// difference and either side of a condition have the most decimals of
// their inputs; a product the decimals of both added; a literal those it is
// written with. So `side == "Debet" ? amount : -amount` has the decimals of
// amount, and its sum is exact to them, as a plain column's is.
func derivedDecimals(n ast.Node, s *engine.Schema, derived map[int]engine.DecimalsFunc) engine.DecimalsFunc {
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
		i := s.Index(n.Value)
		if i < 0 {
			return nil
		}
		if f := derived[i]; f != nil {
			return f
		}
		switch ref := s.Refs[i]; {
		case s.Types[i] == expr.TInteger:
			return fixedDecimals(0)
		case s.Types[i] == expr.TNumber && ref != nil:
			return func(stats engine.Reads) (int, bool) {
				st := stats[ref.Src]
				if st == nil || ref.Col >= len(st.Decimals) {
					return 0, false
				}
				return st.Decimals[ref.Col], true
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

func fixedDecimals(d int) engine.DecimalsFunc {
	return func(engine.Reads) (int, bool) { return d, true }
}

// literalDecimals are the decimals a number literal is written with.
func literalDecimals(v float64) engine.DecimalsFunc {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	_, frac, _ := strings.Cut(s, ".")
	return fixedDecimals(len(frac))
}

// combine joins two decimalsFuncs with op; nil when either is.
func combine(a, b engine.DecimalsFunc, op func(x, y int) int) engine.DecimalsFunc {
	if a == nil || b == nil {
		return nil
	}
	return func(stats engine.Reads) (int, bool) {
		x, ok1 := a(stats)
		y, ok2 := b(stats)
		return op(x, y), ok1 && ok2
	}
}
