package recipes

import (
	"errors"
	"strings"

	"github.com/expr-lang/expr/file"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// compileExpr compiles an expression against env (name → typed zero value,
// or doubtful) with package expr, and puts its fault, if any, into the
// recipe: the library's line:column inside the expression mapped to the
// file, in the words of exprfaults.go.
func compileExpr(p *fault.Problems, path string, src Str, env map[string]any, known []string, opts ...expr.Option) *expr.Compiled {
	c, err := expr.Compile(src.Value, env, opts...)
	if err != nil && expr.ReadsDoubtful(src.Value, env) {
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
	c.Pos = src.Pos
	return c
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
