package engine

import (
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// ValType is a column's value type.
type ValType int

const (
	TString ValType = iota
	TNumber
	TInteger
	TDate
	TBool
	TAny
)

// TypeNames are the column types a recipe names, by name.
var TypeNames = map[string]ValType{"string": TString, "number": TNumber, "integer": TInteger, "date": TDate, "bool": TBool}

func (t ValType) String() string {
	for name, v := range TypeNames {
		if v == t {
			return name
		}
	}
	return "any"
}

// Zero is a typed placeholder for the expression compiler's type checks.
func (t ValType) Zero() any {
	switch t {
	case TString:
		return ""
	case TNumber:
		return 0.0
	case TInteger:
		return 0
	case TDate:
		return time.Time{}
	case TBool:
		return false
	}
	return nil
}

// Compiled is one compiled expression with the names it reads.
type Compiled struct {
	// Text is the expression as written; Pos is where.
	Text string
	Pos  fault.Pos
	Prog *vm.Program
	// Names are the top-level identifiers the expression reads.
	Names []string
	Out   ValType
}

// Doubtful stands in env for a name whose definition is at fault (a
// column of an unknown type, a derived column whose expression fails): an
// expression that reads one reports no fault, as its fault may be that one.
type Doubtful struct{}

// Run evaluates the expression. A runtime error with a nil among the values
// it reads gives nil, as SQL's NULL does: an empty cell makes an empty result.
func (c *Compiled) Run(env map[string]any) (any, error) {
	v, err := expr.Run(c.Prog, env)
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
