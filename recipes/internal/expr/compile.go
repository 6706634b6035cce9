package expr

import (
	"slices"

	lang "github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// Compiled is one compiled expression with the names it reads.
type Compiled struct {
	// Text is the expression as written; Pos is where.
	Text string
	Pos  fault.Pos
	// Prog is the library's program; Prog.Node() its checked tree, which
	// CompileFast reads.
	Prog *vm.Program
	// Names are the top-level identifiers the expression reads.
	Names []string
	// Out is the result's type, TAny where the compiler cannot tell.
	Out Type
}

// Option is a choice Compile passes on to the library.
type Option = lang.Option

// AsBool makes an expression's result a boolean (a filter).
func AsBool() Option { return lang.AsBool() }

// AllowUndefined lets an expression read names its environment lacks,
// as nil.
func AllowUndefined() Option { return lang.AllowUndefinedVariables() }

// Compile compiles text against env (name → its type's Zero, a nested map
// for a joined source, or Doubtful) with the recipe's Functions. An error
// is the library's, a *file.Error where it knows the line and column
// inside text; Compile does not place it in the recipe.
func Compile(text string, env map[string]any, opts ...Option) (*Compiled, error) {
	all := append([]Option{lang.Env(env)}, environment()...)
	all = append(all, lang.MaxNodes(10_000))
	all = append(all, opts...)
	prog, err := lang.Compile(text, all...)
	if err != nil {
		return nil, err
	}
	c := &Compiled{Text: text, Prog: prog, Out: typeOf(prog)}
	seen := map[string]bool{}
	ast.Find(prog.Node(), func(n ast.Node) bool {
		if id, ok := n.(*ast.IdentifierNode); ok && !seen[id.Value] {
			seen[id.Value] = true
			c.Names = append(c.Names, id.Value)
		}
		return false
	})
	return c, nil
}

// environment gives the library every one of Functions, and the patch that
// passes `period` to the period functions.
func environment() []Option {
	var opts []Option
	var period periodArgument
	for _, f := range Functions() {
		opts = append(opts, lang.Function(f.Name, f.implementation(), f.signature()))
		if f.Period {
			period = append(period, f.Name)
		}
	}
	return append(opts, lang.Patch(period))
}

// periodArgument adds `period` as the last argument of the period
// functions it names.
type periodArgument []string

// Visit patches one node of the tree.
func (names periodArgument) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	id, ok := call.Callee.(*ast.IdentifierNode)
	if ok && slices.Contains(names, id.Value) && len(call.Arguments) == 2 {
		call.Arguments = append(call.Arguments, &ast.IdentifierNode{Value: "period"})
	}
}

// ReadsDoubtful reports whether an expression reads a Doubtful name, or a
// Doubtful field of a joined source: its fault, if it has one, may be that
// name's.
func ReadsDoubtful(text string, env map[string]any) bool {
	tree, err := parser.Parse(text)
	if err != nil {
		return false
	}
	return ast.Find(tree.Node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IdentifierNode:
			_, ok := env[n.Value].(Doubtful)
			return ok
		case *ast.MemberNode:
			base, ok := n.Node.(*ast.IdentifierNode)
			field, isField := n.Property.(*ast.StringNode)
			if !ok || !isField {
				return false
			}
			m, _ := env[base.Value].(map[string]any)
			_, ok = m[field.Value].(Doubtful)
			return ok
		}
		return false
	}) != nil
}

// Run evaluates the expression over env, the values of the names it
// reads. A runtime error with a nil among those values gives nil, as
// SQL's NULL does: an empty cell makes an empty result.
func (c *Compiled) Run(env map[string]any) (any, error) {
	v, err := lang.Run(c.Prog, env)
	if err == nil {
		return v, nil
	}
	for _, name := range c.Names {
		if val, ok := env[name]; ok && val == nil {
			return nil, nil
		}
	}
	return nil, err
}

func typeOf(prog *vm.Program) Type {
	t := prog.Node().Type()
	if t == nil {
		return TAny
	}
	switch t.Kind().String() {
	case "string":
		return TString
	case "float32", "float64":
		return TNumber
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return TInteger
	case "bool":
		return TBool
	}
	if t.String() == "time.Time" {
		return TDate
	}
	return TAny
}
