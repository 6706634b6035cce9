package engine

import (
	"github.com/expr-lang/expr/ast"
	"github.com/mipack/mipack/recipes/internal/expr"
)

// CompileFast builds the fast form of an expression over a section's rows
// of schema s in period per (see expr.Fast); nil when it has none.
func CompileFast(n ast.Node, s *Schema, per Period) expr.Fast {
	return expr.CompileFast(n, s.column, per.Env())
}

// column finds a column for the fast path: its index, or -1, and whether
// it is a joined source's.
func (s *Schema) column(name string) (int, bool) {
	i := s.Index(name)
	return i, i >= 0 && s.qual[i] != ""
}
