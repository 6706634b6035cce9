package expr

import (
	"cmp"
	"time"

	"github.com/expr-lang/expr/ast"
)

// Fast evaluates a common expression directly on a section's row, with
// no environment map and no virtual machine: comparisons, && || !,
// arithmetic, literals, columns, period values and the functions of one
// date (see Func.Date). It answers ok=false for anything it does not
// handle exactly as the expression library does (a nil operand, mixed
// types, an unknown node), and the caller then runs the library itself
// (Compiled.Run), so results never differ.
type Fast func(row []any) (v any, ok bool)

// Columns finds a column of a section's rows by name: its position in the
// row, or -1, and whether it is a joined source's column (which an
// expression reads as source.field, not by its bare name).
type Columns func(name string) (i int, joined bool)

// CompileFast builds the fast evaluator for an expression's checked tree
// (Compiled.Prog.Node()), resolving columns to row positions and the
// values of `period` (the map period holds) to constants; nil when the
// expression uses anything it does not handle.
func CompileFast(n ast.Node, cols Columns, period map[string]any) Fast {
	switch n := n.(type) {
	case *ast.NilNode:
		return func([]any) (any, bool) { return nil, true }
	case *ast.BoolNode:
		return constant(n.Value)
	case *ast.IntegerNode:
		return constant(n.Value)
	case *ast.FloatNode:
		return constant(n.Value)
	case *ast.StringNode:
		return constant(n.Value)
	case *ast.ConstantNode:
		switch n.Value.(type) {
		case nil, bool, int, float64, string, time.Time:
			return constant(n.Value)
		}
		return nil
	case *ast.IdentifierNode:
		i, joined := cols(n.Value)
		if i < 0 || joined {
			return nil
		}
		return func(row []any) (any, bool) { return row[i], true }
	case *ast.MemberNode:
		return compileMember(n, cols, period)
	case *ast.UnaryNode:
		x := CompileFast(n.Node, cols, period)
		if x == nil || (n.Operator != "!" && n.Operator != "not") {
			return nil
		}
		return func(row []any) (any, bool) {
			v, ok := x(row)
			b, isBool := v.(bool)
			if !ok || !isBool {
				return nil, false
			}
			return !b, true
		}
	case *ast.BinaryNode:
		return compileBinary(n, cols, period)
	case *ast.CallNode:
		return compileCall(n, cols, period)
	}
	return nil
}

// constant evaluates to v, boxed once: a literal boxed on every call
// would allocate on every row.
func constant(v any) Fast {
	return func([]any) (any, bool) { return v, true }
}

func compileMember(n *ast.MemberNode, cols Columns, period map[string]any) Fast {
	id, ok := n.Node.(*ast.IdentifierNode)
	prop, ok2 := n.Property.(*ast.StringNode)
	if !ok || !ok2 || n.Optional || n.Method {
		return nil
	}
	if i, _ := cols("period"); id.Value == "period" && i < 0 {
		v, known := period[prop.Value]
		if !known || prop.Value == "value" {
			return nil
		}
		return func([]any) (any, bool) { return v, true }
	}
	i, _ := cols(id.Value + "." + prop.Value)
	if i < 0 {
		return nil
	}
	return func(row []any) (any, bool) { return row[i], true }
}

func compileBinary(n *ast.BinaryNode, cols Columns, period map[string]any) Fast {
	l, r := CompileFast(n.Left, cols, period), CompileFast(n.Right, cols, period)
	if l == nil || r == nil {
		return nil
	}
	switch n.Operator {
	case "&&", "and":
		return func(row []any) (any, bool) {
			a, ok := l(row)
			ab, isBool := a.(bool)
			if !ok || !isBool {
				return nil, false
			}
			if !ab {
				return false, true
			}
			b, ok := r(row)
			bb, isBool := b.(bool)
			return bb, ok && isBool
		}
	case "||", "or":
		return func(row []any) (any, bool) {
			a, ok := l(row)
			ab, isBool := a.(bool)
			if !ok || !isBool {
				return nil, false
			}
			if ab {
				return true, true
			}
			b, ok := r(row)
			bb, isBool := b.(bool)
			return bb, ok && isBool
		}
	case "==", "!=":
		neq := n.Operator == "!="
		// Against a literal nil, equality is plain (end == nil). Between two
		// typed values the library fails on a nil one (its result is then
		// empty, as in SQL): leave that case to it.
		_, lnil := n.Left.(*ast.NilNode)
		_, rnil := n.Right.(*ast.NilNode)
		literalNil := lnil || rnil
		return func(row []any) (any, bool) {
			a, ok1 := l(row)
			b, ok2 := r(row)
			if !ok1 || !ok2 || !literalNil && (a == nil || b == nil) {
				return nil, false
			}
			eq, ok := equalValues(a, b)
			return eq != neq, ok
		}
	case "<", "<=", ">", ">=":
		op := n.Operator
		return func(row []any) (any, bool) {
			a, ok1 := l(row)
			b, ok2 := r(row)
			if !ok1 || !ok2 {
				return nil, false
			}
			c, ok := orderValues(a, b)
			if !ok {
				return nil, false
			}
			switch op {
			case "<":
				return c < 0, true
			case "<=":
				return c <= 0, true
			case ">":
				return c > 0, true
			}
			return c >= 0, true
		}
	case "+", "-", "*":
		op := n.Operator
		return func(row []any) (any, bool) {
			a, ok1 := l(row)
			b, ok2 := r(row)
			if !ok1 || !ok2 {
				return nil, false
			}
			return arithmetic(op, a, b)
		}
	}
	return nil
}

// equalValues compares as the expression library does for the types a row
// holds: numbers by value, texts, dates by instant, booleans, and nil equal
// only to nil.
func equalValues(a, b any) (bool, bool) {
	if a == nil || b == nil {
		return a == nil && b == nil, true
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return x == y, ok
	case bool:
		y, ok := b.(bool)
		return x == y, ok
	case time.Time:
		y, ok := b.(time.Time)
		return x.Equal(y), ok
	case int:
		if y, ok := b.(int); ok {
			return x == y, true
		}
	}
	x, ok1 := fastFloat(a)
	y, ok2 := fastFloat(b)
	return x == y, ok1 && ok2
}

// orderValues orders two numbers, texts or dates; ok=false for nil or
// mixed types, which the expression library reports as an error.
func orderValues(a, b any) (int, bool) {
	switch x := a.(type) {
	case time.Time:
		y, ok := b.(time.Time)
		return x.Compare(y), ok
	case string:
		y, ok := b.(string)
		return cmp.Compare(x, y), ok
	case int:
		if y, ok := b.(int); ok {
			return cmp.Compare(x, y), true
		}
	}
	x, ok1 := fastFloat(a)
	y, ok2 := fastFloat(b)
	return cmp.Compare(x, y), ok1 && ok2
}

func arithmetic(op string, a, b any) (any, bool) {
	if x, ok := a.(int); ok {
		if y, ok := b.(int); ok {
			switch op {
			case "+":
				return x + y, true
			case "-":
				return x - y, true
			}
			return x * y, true
		}
	}
	x, ok1 := fastFloat(a)
	y, ok2 := fastFloat(b)
	if !ok1 || !ok2 {
		return nil, false
	}
	switch op {
	case "+":
		return x + y, true
	case "-":
		return x - y, true
	}
	return x * y, true
}

func fastFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

func compileCall(n *ast.CallNode, cols Columns, period map[string]any) Fast {
	id, ok := n.Callee.(*ast.IdentifierNode)
	if !ok {
		return nil
	}
	f, ok := lookup(id.Value)
	if !ok || f.Date == nil || len(n.Arguments) != 1 {
		return nil
	}
	arg := CompileFast(n.Arguments[0], cols, period)
	if arg == nil {
		return nil
	}
	of := f.Date
	if f.ByMonth {
		of = byMonth(f.Date)
	}
	return func(row []any) (any, bool) {
		v, ok := arg(row)
		if !ok {
			return nil, false
		}
		if v == nil {
			return nil, true
		}
		t, isDate := v.(time.Time)
		if !isDate {
			return nil, false
		}
		return of(t), true
	}
}

// lookup finds a function of the table by name.
func lookup(name string) (Func, bool) {
	for _, f := range Functions() {
		if f.Name == name {
			return f, true
		}
	}
	return Func{}, false
}

// byMonth keeps f's result for each month it sees: a run sees few months,
// so each one's text is made and boxed once. The closure belongs to one
// run of one section, on one goroutine.
func byMonth(f func(time.Time) any) func(time.Time) any {
	months := map[int]any{}
	return func(t time.Time) any {
		key := t.Year()*12 + int(t.Month())
		v, ok := months[key]
		if !ok {
			v = f(t)
			months[key] = v
		}
		return v
	}
}
