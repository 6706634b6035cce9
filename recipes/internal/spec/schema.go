package spec

import (
	_ "embed"

	"github.com/invopop/jsonschema"
)

// JSONSchema describes a scalar: the recipe may write it as text, a number
// or a boolean (Check decides what each key accepts).
func (Str) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "string"}, {Type: "number"}, {Type: "boolean"}, {Type: "null"}}}
}

// JSONSchema describes a list that may be written as one scalar:
// `group_by: section` or `group_by: [section, provider]`.
func (StrList) JSONSchema() *jsonschema.Schema {
	scalar := []*jsonschema.Schema{{Type: "string"}, {Type: "number"}, {Type: "boolean"}}
	return &jsonschema.Schema{AnyOf: append(scalar, &jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{AnyOf: scalar}})}
}

// JSONSchema describes an ordered mapping of names to scalars, such as
// `measures: {citizens: count_distinct(citizen_id)}`.
func (NamedList) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type:                 "object",
		AdditionalProperties: &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "string"}, {Type: "number"}, {Type: "boolean"}}},
	}
}

// JSONSchema describes the `sources` mapping: source names to sources.
func (Sources) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "object", MinProperties: ptr(1), AdditionalProperties: &jsonschema.Schema{Ref: "#/$defs/Source"}}
}

// JSONSchema describes the `columns` mapping: column names to a type
// (`amount: number`) or to `{from, type, layout}`.
func (Columns) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "object", MinProperties: ptr(1), AdditionalProperties: &jsonschema.Schema{
		AnyOf: []*jsonschema.Schema{Enum(ColumnTypes...), {Ref: "#/$defs/Column"}},
	}}
}

func ptr(n uint64) *uint64 { return &n }

var ColumnTypes = []string{"string", "number", "integer", "date", "bool"}

func Enum(values ...string) *jsonschema.Schema {
	s := &jsonschema.Schema{Type: "string"}
	for _, v := range values {
		s.Enum = append(s.Enum, v)
	}
	return s
}
