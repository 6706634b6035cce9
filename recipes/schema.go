package recipes

import (
	"cmp"
	_ "embed" // the committed schema, printed by `mipack schema`
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/invopop/jsonschema"
	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/internal/expr"
)

// SchemaURL is where the recipe schema is published; editors with a YAML
// language server find it through the modeline
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/mipack/mipack/main/recipes/recipe.schema.json
const SchemaURL = "https://raw.githubusercontent.com/mipack/mipack/main/recipes/recipe.schema.json"

// schemaJSON is recipe.schema.json as committed; a test keeps it equal to
// what GenerateSchema makes from the types below and their doc comments.
//
//go:embed recipe.schema.json
var schemaJSON string

// Schema returns the JSON Schema for recipe files (recipe.schema.json):
// every key of recipe format v1 and its extensions, with its description,
// the values it allows where the contract lists them, and no unknown key.
func Schema() []byte {
	return []byte(schemaJSON)
}

// GenerateSchema makes the recipe JSON Schema from the Recipe type. When
// sourceDir is the directory of this package's source, each key's
// description is its field's doc comment; "" leaves descriptions out.
func GenerateSchema(sourceDir string) ([]byte, error) {
	r := &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true, // required keys are set in narrow below
	}
	if sourceDir != "" {
		if err := r.AddGoComments("github.com/mipack/mipack/recipes", sourceDir); err != nil {
			return nil, fmt.Errorf("read doc comments: %w", err)
		}
	}
	s := r.Reflect(&Recipe{})
	// Sources and Columns are maps whose values are these structs; their
	// JSONSchema methods refer to them, so add their definitions too.
	for _, v := range []any{&Source{}, &Column{}} {
		for name, def := range r.Reflect(v).Definitions {
			s.Definitions[name] = def
		}
	}
	s.ID = SchemaURL
	s.Title = "mipack recipe"
	s.Description = "A mipack recipe (format v1): where the extracts are, how their rows are read, filtered, joined and aggregated, and which tables, charts and reservations the pack shows."
	if err := narrow(s.Definitions); err != nil {
		return nil, err
	}
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

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
		AnyOf: []*jsonschema.Schema{enum(columnTypes()...), {Ref: "#/$defs/Column"}},
	}}
}

func ptr(n uint64) *uint64 { return &n }

// columnTypes are the column types a recipe may name, package expr's
// TypeNames, in the order of their types (string, number, integer, date,
// bool): the order the schema and Check's messages list them.
func columnTypes() []string {
	return slices.SortedFunc(maps.Keys(expr.TypeNames), func(a, b string) int {
		return cmp.Compare(expr.TypeNames[a], expr.TypeNames[b])
	})
}

func enum(values ...string) *jsonschema.Schema {
	s := &jsonschema.Schema{Type: "string"}
	for _, v := range values {
		s.Enum = append(s.Enum, v)
	}
	return s
}

// narrow gives the keys whose values the contract lists a precise schema,
// and marks the keys a recipe cannot do without as required.
func narrow(defs jsonschema.Definitions) error {
	integer := func(min int) *jsonschema.Schema {
		return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{
			{Type: "integer", Minimum: json.Number(fmt.Sprint(min))},
			{Type: "string", Pattern: `^\s*[0-9]+\s*$`},
		}}
	}
	boolean := &jsonschema.Schema{Type: "boolean"}
	keys := map[string]map[string]*jsonschema.Schema{
		"Recipe": {
			"period":   {Type: "string", Pattern: `^[0-9]{4}-(0[1-9]|1[0-2])$`},
			"locale":   enum("da", "en"),
			"audience": enum("council", "internal"),
			"meeting":  {Type: "string", Format: "date", Pattern: `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`},
			"approval": enum("required"),
		},
		"Disclosure": {"min_count": integer(1)},
		"Source": {
			"delimiter":   enum(",", ";", "\t", "|"),
			"decimal":     enum(".", ","),
			"encoding":    enum(csvx.Encodings()...),
			"header_line": integer(1),
			"on_error":    enum("reject", "skip"),
		},
		"Column":            {"type": enum(columnTypes()...)},
		"Section":           {"total": boolean, "compare": enum("previous_period", "same_period_last_year")},
		"Join":              {"type": enum("inner", "left")},
		"Chart":             {"type": enum("bar", "stacked_bar", "line")},
		"SectionDisclosure": {"secondary": enum("rows", "total")},
		"Budget": {"threshold": {AnyOf: []*jsonschema.Schema{
			{Type: "number", Minimum: json.Number("0")},
			{Type: "string", Pattern: `^\s*[0-9]+([.,][0-9]+)?\s*%?\s*$`}, // 0.05 or 5%
		}}},
	}
	required := map[string][]string{
		"Recipe":      {"title", "sources", "sections"},
		"Source":      {"file", "columns"},
		"Reservation": {"id", "text"},
		"Section":     {"id", "title"},
		"Join":        {"source", "on"},
		"Chart":       {"type", "x", "y"},
		"Reconcile":   {"left", "right", "on"},
	}
	for def, props := range keys {
		d := defs[def]
		if d == nil || d.Properties == nil {
			return fmt.Errorf("recipe schema: no definition %s", def)
		}
		for key, s := range props {
			old, ok := d.Properties.Get(key)
			if !ok {
				return fmt.Errorf("recipe schema: %s has no key %s", def, key)
			}
			c := *s
			c.Description = old.Description
			d.Properties.Set(key, &c)
		}
	}
	for def, keys := range required {
		d := defs[def]
		if d == nil {
			return fmt.Errorf("recipe schema: no definition %s", def)
		}
		d.Required = keys
	}
	// Every section names a reservation, except a text: its figures carry
	// their own sections' reservations.
	defs["Section"].AnyOf = []*jsonschema.Schema{{Required: []string{"reservations"}}, {Required: []string{"text"}}}
	return nil
}
