package recipes

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// exprFunctions are the recipe's functions beside expr's built-ins. Every
// one gives nil for a nil argument, as an empty cell stays empty.
func exprFunctions() []expr.Option {
	date := func(name string, f func(time.Time) any, signature any) expr.Option {
		return expr.Function(name, func(args ...any) (any, error) {
			if args[0] == nil {
				return nil, nil
			}
			t, ok := args[0].(time.Time)
			if !ok {
				return nil, fmt.Errorf("%s() wants a date, got %v", name, args[0])
			}
			return f(t), nil
		}, signature)
	}
	return []expr.Option{
		date("month", func(t time.Time) any { return t.Format("2006-01") }, new(func(time.Time) string)),
		date("year", func(t time.Time) any { return t.Year() }, new(func(time.Time) int)),
		date("quarter", func(t time.Time) any { return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3) }, new(func(time.Time) string)),
		expr.Function("days", func(args ...any) (any, error) {
			if args[0] == nil || args[1] == nil {
				return nil, nil
			}
			a, ok1 := args[0].(time.Time)
			b, ok2 := args[1].(time.Time)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("days() wants two dates, got %v and %v", args[0], args[1])
			}
			return engine.Days(a, b), nil
		}, new(func(time.Time, time.Time) int)),
		periodFunction("overlap_days", func(start, end time.Time, per engine.Period) int {
			// days of [start, end] inside the period
			lo, hi := maxTime(start, per.Start), minTime(end, per.End)
			return max(0, engine.Days(lo, hi))
		}),
		periodFunction("days_left", func(start, end time.Time, per engine.Period) int {
			// days of [start, end] after the period, up to the year's end
			lo, hi := maxTime(start, per.End.AddDate(0, 0, 1)), minTime(end, per.YearEnd())
			return max(0, engine.Days(lo, hi))
		}),
		periodFunction("year_days", func(start, end time.Time, per engine.Period) int {
			// days of [start, end] from 1 January to the period's end
			lo, hi := maxTime(start, per.YearStart()), minTime(end, per.End)
			return max(0, engine.Days(lo, hi))
		}),
		expr.Patch(periodArgument{}),
		expr.Function("clamp", func(args ...any) (any, error) {
			// clamp(d, lo, hi): the date d moved into [lo, hi]; nil d gives hi.
			lo, ok1 := args[1].(time.Time)
			hi, ok2 := args[2].(time.Time)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("clamp() wants dates, got %v and %v", args[1], args[2])
			}
			if args[0] == nil {
				return hi, nil
			}
			d, ok := args[0].(time.Time)
			if !ok {
				return nil, fmt.Errorf("clamp() wants a date, got %v", args[0])
			}
			if d.Before(lo) {
				return lo, nil
			}
			if d.After(hi) {
				return hi, nil
			}
			return d, nil
		}, new(func(time.Time, time.Time, time.Time) time.Time)),
	}
}

// periodFunctions take a grant's start and end (nil end: open-ended) and
// count days against the period, which the compiler passes as a hidden
// third argument so that one compiled expression serves any period.
var periodFunctions = []string{"overlap_days", "days_left", "year_days"}

func periodFunction(name string, f func(start, end time.Time, per engine.Period) int) expr.Option {
	return expr.Function(name, func(args ...any) (any, error) {
		if args[0] == nil {
			return nil, nil
		}
		start, ok := args[0].(time.Time)
		if !ok {
			return nil, fmt.Errorf("%s() wants a start date, got %v", name, args[0])
		}
		env, _ := args[2].(map[string]any)
		per, ok := env["value"].(engine.Period)
		if !ok {
			return nil, fmt.Errorf("%s(): no period", name)
		}
		end := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		if args[1] != nil {
			if end, ok = args[1].(time.Time); !ok {
				return nil, fmt.Errorf("%s() wants an end date or nil, got %v", name, args[1])
			}
		}
		return f(start, end, per), nil
	}, new(func(time.Time, any, map[string]any) int))
}

// periodArgument adds `period` as the last argument of the period functions.
type periodArgument struct{}

func (periodArgument) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	id, ok := call.Callee.(*ast.IdentifierNode)
	if ok && engine.Contains(periodFunctions, id.Value) && len(call.Arguments) == 2 {
		call.Arguments = append(call.Arguments, &ast.IdentifierNode{Value: "period"})
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// exprAsBool makes an expression's result a boolean (a filter).
func exprAsBool() expr.Option { return expr.AsBool() }

// compileExpr compiles an expression against env (name → typed zero value,
// or doubtful), mapping the library's line:column inside the expression to
// the recipe.
func compileExpr(p *fault.Problems, path string, src Str, env map[string]any, known []string, extra ...expr.Option) *engine.Compiled {
	opts := append([]expr.Option{expr.Env(env)}, exprFunctions()...)
	opts = append(opts, expr.MaxNodes(10_000))
	opts = append(opts, extra...)
	prog, err := expr.Compile(src.Value, opts...)
	if err != nil && readsDoubtful(src.Value, env) {
		return nil
	}
	if err != nil {
		var fe *file.Error
		pos := src.Pos
		msg := err.Error()
		if errors.As(err, &fe) {
			pos = exprPos(src, fe.Line, fe.Column)
			msg = fe.Message
		}
		said, hint := exprFault(msg)
		if name := unknownName(msg); name != "" {
			said += engine.HintFor(name, known)
		}
		if hint != "" {
			hint = ". " + hint
		}
		p.Addf(pos, path, fault.ErrExpression, "%s (in `%s`)%s", said, strings.TrimSpace(src.Value), hint)
		return nil
	}
	c := &engine.Compiled{Text: src.Value, Pos: src.Pos, Prog: prog, Out: typeOf(prog)}
	seen := map[string]bool{}
	ast.Find(prog.Node(), func(n ast.Node) bool {
		if id, ok := n.(*ast.IdentifierNode); ok && !seen[id.Value] {
			seen[id.Value] = true
			c.Names = append(c.Names, id.Value)
		}
		return false
	})
	return c
}

// readsDoubtful reports whether an expression reads a doubtful name, or a
// doubtful field of a joined source.
func readsDoubtful(src string, env map[string]any) bool {
	tree, err := parser.Parse(src)
	if err != nil {
		return false
	}
	return ast.Find(tree.Node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IdentifierNode:
			_, ok := env[n.Value].(engine.Doubtful)
			return ok
		case *ast.MemberNode:
			base, ok := n.Node.(*ast.IdentifierNode)
			field, isField := n.Property.(*ast.StringNode)
			if !ok || !isField {
				return false
			}
			m, _ := env[base.Value].(map[string]any)
			_, ok = m[field.Value].(engine.Doubtful)
			return ok
		}
		return false
	}) != nil
}

// exprPos maps a 1-based line and 0-based column inside an expression to
// the recipe file. A plain or quoted scalar starts at src.Pos (a quote adds
// one column); a block scalar starts on the next line, indented.
func exprPos(src Str, line, col int) fault.Pos {
	if line < 1 {
		line = 1
	}
	if src.Block {
		return fault.Pos{Line: src.Pos.Line + line, Col: src.Pos.Col + col + 2}
	}
	if line == 1 {
		offset := 0
		if src.Quoted {
			offset = 1
		}
		return fault.Pos{Line: src.Pos.Line, Col: src.Pos.Col + offset + col}
	}
	return fault.Pos{Line: src.Pos.Line + line - 1, Col: col + 1}
}

func unknownName(msg string) string {
	for _, prefix := range []string{"unknown name ", "unknown func "} {
		if rest, ok := strings.CutPrefix(msg, prefix); ok {
			return strings.Trim(strings.Fields(rest + " ")[0], "()")
		}
	}
	return ""
}

func typeOf(prog *vm.Program) engine.ValType {
	t := prog.Node().Type()
	if t == nil {
		return engine.TAny
	}
	switch t.Kind().String() {
	case "string":
		return engine.TString
	case "float32", "float64":
		return engine.TNumber
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return engine.TInteger
	case "bool":
		return engine.TBool
	}
	if t.String() == "time.Time" {
		return engine.TDate
	}
	return engine.TAny
}
