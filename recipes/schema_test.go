package recipes_test

import (
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes"
)

var updateSchema = flag.Bool("update", false, "rewrite golden files")

// TestSchemaUpToDate keeps recipe.schema.json equal to the schema made from
// the recipe types and their doc comments; -update rewrites it.
func TestSchemaUpToDate(t *testing.T) {
	got, err := recipes.GenerateSchema(".")
	require.NoError(t, err)
	if *updateSchema {
		require.NoError(t, os.WriteFile("recipe.schema.json", got, 0o644))
	}
	want, err := os.ReadFile("recipe.schema.json")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "recipe.schema.json is out of date with the recipe types: run go test ./recipes -run TestSchemaUpToDate -update")
	assert.Equal(t, string(want), string(recipes.Schema()), "got an embedded schema that differs from recipe.schema.json")
}

func TestSchemaShape(t *testing.T) {
	var s struct {
		ID   string                     `json:"$id"`
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(recipes.Schema(), &s))
	assert.Equal(t, recipes.SchemaURL, s.ID)
	tests := []struct {
		def, want string // a definition and text its JSON must hold
	}{
		{"Recipe", `"required":["title","sources","sections"]`},
		{"Recipe", `"locale":{"type":"string","enum":["da","en"]`},
		{"Recipe", `"additionalProperties":false`},
		{"Recipe", `"approval":{"type":"string","enum":["required"]`},
		{"Recipe", `"meeting":{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$","format":"date"`},
		{"Recipe", `"owner":{"$ref":"#/$defs/Str"`},
		{"Recipe", `"description":"Title is shown on the cover and in page headers."`},
		{"Str", `"anyOf":[{"type":"string"},{"type":"number"},{"type":"boolean"},{"type":"null"}]`},
		{"StrList", `{"items":{"anyOf":[{"type":"string"},{"type":"number"},{"type":"boolean"}]},"type":"array"}`},
		{"Sources", `"additionalProperties":{"$ref":"#/$defs/Source"}`},
		{"Columns", `{"type":"string","enum":["string","number","integer","date","bool"]},{"$ref":"#/$defs/Column"}`},
		{"Source", `"on_error":{"type":"string","enum":["reject","skip"]`},
		{"Source", `"reservations":{"$ref":"#/$defs/StrList","description":"Reservations name pack-wide reservations by id`},
		{"Section", `"measures":{"$ref":"#/$defs/NamedList"`},
		{"Section", `"total":{"type":"boolean"`},
		{"Section", `"text":{"$ref":"#/$defs/Str","description":"Text makes the section a text with live figures`},
		{"Section", `"anyOf":[{"required":["reservations"]},{"required":["text"]}]`},
		{"Chart", `"enum":["bar","stacked_bar","line"]`},
		{"NamedList", `"type":"object"`},
	}
	for _, tt := range tests {
		raw, ok := s.Defs[tt.def]
		if !assert.True(t, ok, "got no definition %s, want one", tt.def) {
			continue
		}
		assert.Contains(t, compactJSON(raw), tt.want, "definition %s", tt.def)
	}
}

// compactJSON drops the white space outside strings, keeping the key order.
func compactJSON(raw json.RawMessage) string {
	out := make([]byte, 0, len(raw))
	inString, escaped := false, false
	for _, c := range []byte(raw) {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\n' || c == '\t'):
			continue
		}
		out = append(out, c)
	}
	return string(out)
}
