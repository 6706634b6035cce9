package recipes

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/mipack/mipack/recipes/internal/fault"
)

func TestScalarPos(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		find string // the text whose first byte is placed
		want fault.Pos
	}{
		{"plain", "k: one {two}\n", "{two}", fault.Pos{Line: 1, Col: 8}},
		{"double quoted", "k: \"one {two}\"\n", "{two}", fault.Pos{Line: 1, Col: 9}},
		{"literal, second line", "a:\n  k: |\n    one\n      two {x}\n", "{x}", fault.Pos{Line: 4, Col: 11}},
		{"literal after a blank line", "k: |\n  one\n\n  ø {x}\n", "{x}", fault.Pos{Line: 4, Col: 5}},
		{"folded", "k: >-\n  one\n  two {x}\n", "{x}", fault.Pos{Line: 3, Col: 7}},
		{"folded after a blank line", "k: >\n  one\n\n  two {x}\n", "{x}", fault.Pos{Line: 4, Col: 7}},
		{"plain over two lines", "k: one\n   two {x}\n", "{x}", fault.Pos{Line: 2, Col: 8}},
		{"escape in quotes stops at the escape", "k: \"a\\tb {x}\"\n", "{x}", fault.Pos{Line: 1, Col: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc yaml.Node
			require.NoError(t, yaml.Unmarshal([]byte(tt.yaml), &doc))
			m := doc.Content[0]
			for m.Content[1].Kind == yaml.MappingNode {
				m = m.Content[1]
			}
			var s Str
			_ = s.UnmarshalYAML(m.Content[1])
			off := strings.Index(s.Value, tt.find)
			require.Contains(t, s.Value, tt.find, "the text to place")
			assert.Equal(t, tt.want, scalarPos([]byte(tt.yaml), s, off), "value %q", s.Value)
		})
	}
}
