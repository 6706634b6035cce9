package recipes

import (
	"strings"
	"testing"

	"github.com/mipack/mipack/recipes/internal/fault"
	"go.yaml.in/yaml/v3"
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
			if err := yaml.Unmarshal([]byte(tt.yaml), &doc); err != nil {
				t.Fatal(err)
			}
			m := doc.Content[0]
			for m.Content[1].Kind == yaml.MappingNode {
				m = m.Content[1]
			}
			var s Str
			_ = s.UnmarshalYAML(m.Content[1])
			off := strings.Index(s.Value, tt.find)
			if off < 0 {
				t.Fatalf("%q not in the value %q", tt.find, s.Value)
			}
			if got := scalarPos([]byte(tt.yaml), s, off); got != tt.want {
				t.Errorf("got %v, want %v (value %q)", got, tt.want, s.Value)
			}
		})
	}
}
