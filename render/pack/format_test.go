package pack_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

// TestFormat is the one table of how a figure reads, for people and for a
// spreadsheet: every output formats through pack.Format, so this is how
// every output shows it.
func TestFormat(t *testing.T) {
	da, en := locale.For("da"), locale.For("en")
	text := pack.Column{Type: pack.TypeString}
	integer := pack.Column{Type: pack.TypeInteger}
	amount := pack.Column{Type: pack.TypeNumber, Decimals: 2}
	whole := pack.Column{Type: pack.TypeNumber}
	percent := pack.Column{Type: pack.TypePercent, Decimals: 1}
	day := pack.Column{Type: pack.TypeDate}
	month := pack.Column{Type: pack.TypeMonth}
	flag := pack.Column{Type: pack.TypeBool}
	tests := []struct {
		name  string
		l     locale.Locale
		col   pack.Column
		v     any
		style pack.Style
		want  string
	}{
		{"no figure", da, amount, nil, pack.Reader, "–"},
		{"no text", da, text, nil, pack.Reader, "–"},
		{"no day", da, day, nil, pack.Reader, "–"},
		{"no value in a sheet", da, amount, nil, pack.Sheet, ""},
		{"text", da, text, "§ 107", pack.Reader, "§ 107"},
		{"count da", da, integer, int64(182700), pack.Reader, "182.700"},
		{"count en", en, integer, int64(182700), pack.Reader, "182,700"},
		{"count from a float", da, integer, 1267.0, pack.Reader, "1.267"},
		{"count in a sheet", da, integer, int64(182700), pack.Sheet, "182700"},
		{"amount da", da, amount, 5172.384, pack.Reader, "5.172,38"},
		{"amount en", en, amount, 1234.5, pack.Reader, "1,234.50"},
		{"amount from an int", da, amount, int64(3), pack.Reader, "3,00"},
		{"amount from JSON", da, amount, json.Number("12.5"), pack.Reader, "12,50"},
		{"whole amount", da, whole, 85505.0, pack.Reader, "85.505"},
		{"negative amount", da, amount, -1234.5, pack.Reader, "\u22121.234,50"},
		{"negative count", en, integer, int64(-3), pack.Reader, "\u22123"},
		{"negative in a sheet", da, amount, -1234.5, pack.Sheet, "-1234,50"},
		{"negative in an English sheet", en, amount, -1234567.5, pack.Sheet, "-1234567.50"},
		{"negative zero in a sheet", en, amount, math.Copysign(0, -1), pack.Sheet, "0.00"},
		{"rounds to zero in a sheet", da, whole, -0.4, pack.Sheet, "0"},
		{"huge in a sheet, no exponent", en, whole, 1e21, pack.Sheet, "1000000000000000000000"},
		{"percent da", da, percent, 0.125, pack.Reader, "12,5 %"},
		{"percent en", en, percent, -0.0081, pack.Reader, "\u22120.8 %"},
		{"percent as a ratio in a sheet", da, percent, 0.125, pack.Sheet, "0,125"},
		{"day da", da, day, "2026-10-31", pack.Reader, "31.10.2026"},
		{"day en", en, day, "2026-10-31", pack.Reader, "31 Oct 2026"},
		{"day in a sheet stays ISO", da, day, "2026-10-31", pack.Sheet, "2026-10-31"},
		{"not a day", da, day, "soon", pack.Reader, "soon"},
		{"month da", da, month, "2026-10", pack.Reader, "okt. 2026"},
		{"month en", en, month, "2026-05", pack.Reader, "May 2026"},
		{"month in a sheet", da, month, "2026-10", pack.Sheet, "2026-10"},
		{"yes da", da, flag, true, pack.Reader, "Ja"},
		{"no en", en, flag, false, pack.Sheet, "No"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, pack.Format(tt.l, tt.col, tt.v, tt.style), "Format(%s, %s, %#v)", tt.l.Tag, tt.col.Type, tt.v)
		})
	}
}

// TestFormatCellWithheld: a withheld cell shows the mark, never its value,
// even a value left in the model, in every style.
func TestFormatCellWithheld(t *testing.T) {
	for _, st := range []pack.Style{pack.Reader, pack.Sheet} {
		got := pack.FormatCell(locale.For("da"), pack.Column{Type: pack.TypeInteger}, int64(3), true, st)
		assert.Equal(t, pack.WithheldMark, got, "FormatCell(withheld 3, style %d)", st)
	}
}

// TestCellText: a table cell as every output shows it, by its place.
func TestCellText(t *testing.T) {
	da := locale.For("da")
	s := &pack.Section{
		Columns: []string{"section", "payee", "n"},
		ColumnInfo: []pack.Column{
			{Name: "section", Type: pack.TypeString, Group: true},
			{Name: "payee", Type: pack.TypeString, Group: true},
			{Name: "n", Type: pack.TypeInteger},
		},
		Rows:       [][]any{{"§ 107", nil, int64(12)}, {"§ 85", "Kompasset", int64(3)}},
		Total:      []any{pack.TotalLabel, nil, int64(15)},
		Suppressed: [][2]int{{1, 2}},
	}
	tests := []struct {
		name string
		r, c int
		want string
	}{
		{"a label", 0, 0, "§ 107"},
		{"an empty group value", 0, 1, "(tom)"},
		{"a figure", 0, 2, "12"},
		{"a withheld figure", 1, 2, "x"},
		{"the total row's label", 2, 0, "I alt"},
		{"the total row's other group cell", 2, 1, ""},
		{"a total", 2, 2, "15"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, s.CellText(da, tt.r, tt.c, pack.Reader), "%s: CellText(%d, %d)", tt.name, tt.r, tt.c)
	}
}

// TestFormatWithheldEverywhere: no cell of the sample that disclosure
// control withholds shows anything but the mark, in either style.
func TestFormatWithheldEverywhere(t *testing.T) {
	p := packtest.Sample()
	l := locale.For(p.Locale)
	n := 0
	for _, s := range p.Sections {
		for _, rc := range s.Suppressed {
			for _, st := range []pack.Style{pack.Reader, pack.Sheet} {
				n++
				assert.Equal(t, pack.WithheldMark, s.CellText(l, rc[0], rc[1], st), "section %q cell %v", s.ID, rc)
			}
		}
	}
	require.NotZero(t, n, "the sample has no withheld cell to check")
}
