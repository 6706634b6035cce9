package recipes

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/invopop/jsonschema"
	"github.com/mipack/mipack/recipes/internal/spec"
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
	s := r.Reflect(&spec.Recipe{})
	// Sources and Columns are maps whose values are these structs; their
	// JSONSchema methods refer to them, so add their definitions too.
	for _, v := range []any{&spec.Source{}, &spec.Column{}} {
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
			"locale":   spec.Enum("da", "en"),
			"audience": spec.Enum("council", "internal"),
			"meeting":  {Type: "string", Format: "date", Pattern: `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`},
			"approval": spec.Enum("required"),
		},
		"Disclosure": {"min_count": integer(1)},
		"Source": {
			"delimiter":   spec.Enum(",", ";", "\t", "|"),
			"decimal":     spec.Enum(".", ","),
			"encoding":    spec.Enum("utf-8", "windows-1252", "iso-8859-1"),
			"header_line": integer(1),
			"on_error":    spec.Enum("reject", "skip"),
		},
		"Column":            {"type": spec.Enum(spec.ColumnTypes...)},
		"Section":           {"total": boolean, "compare": spec.Enum("previous_period", "same_period_last_year")},
		"Join":              {"type": spec.Enum("inner", "left")},
		"Chart":             {"type": spec.Enum("bar", "stacked_bar", "line")},
		"SectionDisclosure": {"secondary": spec.Enum("rows", "total")},
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
