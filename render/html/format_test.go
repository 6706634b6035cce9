package html

import (
	"testing"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// TestFormatValue: each column type formats with render/locale, as the PDF does.
func TestFormatValue(t *testing.T) {
	da, en := locale.For("da"), locale.For("en")
	str := pack.Column{Type: pack.TypeString}
	integer := pack.Column{Type: pack.TypeInteger}
	number2 := pack.Column{Type: pack.TypeNumber, Decimals: 2}
	number0 := pack.Column{Type: pack.TypeNumber}
	percent := pack.Column{Type: pack.TypePercent, Decimals: 1}
	date := pack.Column{Type: pack.TypeDate}
	flag := pack.Column{Type: pack.TypeBool}
	tests := []struct {
		name string
		l    locale.Locale
		col  pack.Column
		v    any
		want string
	}{
		{"nil figure", da, number2, nil, "–"},
		{"nil text", da, str, nil, ""},
		{"text", da, str, "§ 107", "§ 107"},
		{"integer da", da, integer, int64(182700), "182.700"},
		{"integer en", en, integer, int64(182700), "182,700"},
		{"integer from float", da, integer, 1267.0, "1.267"},
		{"number da", da, number2, 5172.384, "5.172,38"},
		{"number en", en, number2, 1234.5, "1,234.50"},
		{"number no decimals", da, number0, 85505.0, "85.505"},
		{"number from int", da, number2, int64(3), "3,00"},
		{"negative", da, number2, -1234.5, "-1.234,50"},
		{"percent da", da, percent, 0.125, "12,5 %"},
		{"percent en", en, percent, 0.125, "12.5 %"},
		{"date da", da, date, "2026-10-31", "31.10.2026"},
		{"date en", en, date, "2026-10-31", "31 Oct 2026"},
		{"date not a date", da, date, "soon", "soon"},
		{"bool da", da, flag, true, "Ja"},
		{"bool en", en, flag, false, "No"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatValue(tt.l, tt.col, tt.v); got != tt.want {
				t.Errorf("formatValue(%s, %v): got %q, want %q", tt.col.Type, tt.v, got, tt.want)
			}
		})
	}
}

// TestIDs: ids are made safe and unique in the order asked.
func TestIDs(t *testing.T) {
	ids := newIDs()
	tests := []struct{ want, got string }{
		{"overview", "overview"},
		{"overview", "overview-2"},
		{"overview", "overview-3"},
		{"by_provider", "by_provider"},
		{"Betalinger i alt", "Betalinger-i-alt"},
		{"2026", "s-2026"},
		{"", "s-"},
		{"åbne sager", "s--bne-sager"},
		{"a\"><script>", "a---script-"},
	}
	for _, tt := range tests {
		if got := ids.take(tt.want); got != tt.got {
			t.Errorf("take(%q): got %q, want %q", tt.want, got, tt.got)
		}
	}
	if got, want := jsIdent("by-provider_2"), "chart_by_provider_2"; got != want {
		t.Errorf("jsIdent: got %q, want %q", got, want)
	}
}
