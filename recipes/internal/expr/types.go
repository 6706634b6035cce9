package expr

import "time"

// Type is the type of a column's values, of an expression's result, and of
// a function's arguments and result.
type Type int

// The types a recipe names (see TypeNames), and TAny for a value whose type
// the compiler cannot tell.
const (
	TString Type = iota
	TNumber
	TInteger
	TDate
	TBool
	TAny
)

// TypeNames are the column types a recipe names, by name.
var TypeNames = map[string]Type{"string": TString, "number": TNumber, "integer": TInteger, "date": TDate, "bool": TBool}

// String is the type's name in a recipe, or "any".
func (t Type) String() string {
	for name, v := range TypeNames {
		if v == t {
			return name
		}
	}
	return "any"
}

// Zero is a typed placeholder for the compiler's type checks: an
// environment maps each name to its type's Zero.
func (t Type) Zero() any {
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

// Doubtful stands in an environment for a name whose definition is at
// fault (a column of an unknown type, a derived column whose expression
// fails): an expression that reads one reports no fault, as its fault may
// be that one.
type Doubtful struct{}
