package pdf

import (
	"encoding/json"
	"testing"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

func TestCellText(t *testing.T) {
	da, en := locale.For("da"), locale.For("en")
	integer := pack.Column{Type: pack.TypeInteger}
	amount := pack.Column{Type: pack.TypeNumber, Decimals: 2}
	tests := []struct {
		l    locale.Locale
		col  pack.Column
		v    any
		want string
	}{
		{da, integer, int64(182700), "182.700"},
		{en, integer, int64(182700), "182,700"},
		{da, pack.Column{Type: pack.TypeNumber}, 182700.0, "182.700"},
		{da, amount, 5042.72, "5.042,72"},
		{da, amount, 8700.0, "8.700,00"},
		{da, amount, json.Number("12.5"), "12,50"},
		{da, pack.Column{Type: pack.TypePercent, Decimals: 1}, 0.125, "12,5 %"},
		{da, pack.Column{Type: pack.TypeDate}, "2026-10-31", "31.10.2026"},
		{en, pack.Column{Type: pack.TypeDate}, "2026-10-31", "31 Oct 2026"},
		{da, pack.Column{Type: pack.TypeDate}, "soon", "soon"},
		{da, pack.Column{Type: pack.TypeBool}, true, "Ja"},
		{en, pack.Column{Type: pack.TypeBool}, false, "No"},
		{da, pack.Column{Type: pack.TypeString}, "§ 107", "§ 107"},
		{da, pack.Column{Type: pack.TypeString}, nil, ""},
		{da, integer, nil, "–"},
	}
	for _, tt := range tests {
		if got := cellText(tt.l, tt.col, tt.v); got != tt.want {
			t.Errorf("cellText(%s, %s, %#v): got %q, want %q", tt.l.Tag, tt.col.Type, tt.v, got, tt.want)
		}
	}
}

func TestSuppressedText(t *testing.T) {
	for _, tt := range []struct {
		min  int
		want string
	}{{5, "x"}, {3, "x"}, {0, "x"}} {
		if got := suppressedText(&pack.Pack{MinCount: tt.min}); got != tt.want {
			t.Errorf("suppressedText(MinCount %d): got %q, want %q", tt.min, got, tt.want)
		}
	}
}

func TestMarkText(t *testing.T) {
	for _, tt := range []struct {
		marks []string
		want  string
	}{
		{nil, ""},
		{[]string{"7"}, "7"},
		{[]string{"8", "9"}, "8,9"},
		{[]string{"1", "2", "3", "4", "5", "6"}, "1–6"},
		{[]string{"1", "2", "3", "5", "10", "11", "12"}, "1–3,5,10–12"},
		{[]string{"a", "b", "c"}, "a,b,c"},
	} {
		if got := markText(tt.marks); got != tt.want {
			t.Errorf("markText(%q): got %q, want %q", tt.marks, got, tt.want)
		}
	}
}
