package starter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIdentifier(t *testing.T) {
	tests := []struct{ header, want string }{
		{"Døgnpris (kr.)", "doegnpris_kr"},
		{"CPR-løbenr", "cpr_loebenr"},
		{"Leverandør", "leverandoer"},
		{"Beløb år", "beloeb_aar"},
		{"ÆØÅ", "aeoeaa"},
		{"Invoice Nett Amount", "invoice_nett_amount"},
		{"  Følgeudgift på ", "foelgeudgift_paa"},
		{"Kle nr.", "kle_nr"},
		{"2026 budget", "c_2026_budget"},
		{"§", "par"},
		{"†††", "column"},
		{"Café", "cafe"},
		{"period", "period_"},
		{"in", "in_"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Identifier(tt.header), "Identifier(%q)", tt.header)
	}
}

func TestUnique(t *testing.T) {
	taken := map[string]bool{}
	var got []string
	for _, n := range []string{"amount", "amount", "amount_2", "amount"} {
		got = append(got, unique(n, taken))
	}
	assert.Equal(t, []string{"amount", "amount_2", "amount_2_2", "amount_3"}, got)
}

func TestSniffLayout(t *testing.T) {
	tests := []struct {
		name       string
		head       string
		wantDelim  byte
		wantHeader int
	}{
		{"comma", "a,b,c\n1,2,3\n4,5,6\n", ',', 1},
		{"semicolon with decimal commas", "a;b;c\n1,5;2,5;3\n4;5;6\n", ';', 1},
		{"tab", "a\tb\n1\t2\n", '\t', 1},
		{"quoted delimiters", "name,note\n\"Smith, J\",x\n\"Doe, A\",y\n", ',', 1},
		{"preamble with empty fields", "Report title,,\n,,\nDate: 02/07/2012,,\nBody,Dept,Amount\nL,A,1\nL,B,2\n", ',', 4},
		{"preamble of one-field lines", "Payments over 500\nJune 2012\n\na;b\n1;2\n3;4\n", ';', 4},
		{"byte-order mark", "\xef\xbb\xbfa,b\n1,2\n", ',', 1},
		{"one column", "name\nx\ny\n", ',', 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, h := sniffLayout([]byte(tt.head))
			assert.Equal(t, tt.wantDelim, d, "got delimiter %q, want %q", d, tt.wantDelim)
			assert.Equal(t, tt.wantHeader, h, "header line")
		})
	}
}

func TestInspectTypes(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		want    string // name:type[:layout] per column
		decimal byte
		skip    bool
		null    bool
	}{
		{
			name:    "Danish case system",
			csv:     "Sagsnr;Beløb;Antal;Start;Slut;Kode\n0042;1.234,50;3;01-03-2026;;A1\n0043;2.134;4;15-09-2026;31.12.2026;B2\n",
			want:    "sagsnr:string beloeb:number antal:integer start:date:02-01-2006 slut:date:02.01.2006 kode:string",
			decimal: ',',
		},
		{
			name:    "ISO dates and decimal points",
			csv:     "id,amount,booked,when\n1,834.29,2026-10-01,2026/10/01\n2,1140,2026-10-31,2026/10/31\n",
			want:    "id:string amount:number booked:date when:date:2006/01/02",
			decimal: '.',
		},
		{
			name:    "slashed dates, blank column",
			csv:     "Paid Date,Supplier,Kolonne1\n10/10/2017,GAS LTD,\n06/10/2017,,\n",
			want:    "paid_date:date:02/01/2006 supplier:string kolonne1:string",
			decimal: '.',
		},
		{
			name:    "ragged row",
			csv:     "a,b\n1,2\n3,4,5\n6,7\n",
			want:    "a:integer b:integer",
			decimal: '.',
			skip:    true,
		},
		{
			name:    "a repeated header is left out",
			csv:     "x,y,x\n1,2,3\n",
			want:    "x:integer y:integer",
			decimal: '.',
		},
		{
			name:    "a dash for zero in a number column",
			csv:     "Konto;Budget;Note\n1;1.500,50;-\n2;-;a\n3; - ;b\n",
			want:    "konto:string budget:number note:string",
			decimal: ',',
			null:    true,
		},
		{
			name:    "no dash, no null",
			csv:     "a,b\n1,x\n2,-\n",
			want:    "a:integer b:string",
			decimal: '.',
		},
		{
			name:    "two date layouts in one column, the dates first",
			csv:     "Paid,Amount\n04/07/2016,1\n20-Jan-17,2\n05/07/2016,3\n1/8/2016,4\n",
			want:    "paid:date:2/1/2006|2-Jan-06 amount:integer",
			decimal: '.',
		},
		{
			name:    "unpadded days",
			csv:     "dato;x\n1-3-2026;1\n15-10-2026;2\n",
			want:    "dato:date:2-1-2006 x:integer",
			decimal: '.',
		},
		{
			name:    "codes stay text",
			csv:     "Artskonto;Expenditure Code;Løbenr;Ref;Antal;Beløb\n90540000;4417;1;12345678901234567;3;-12\n90540001;4418;2;2;4;1500\n",
			want:    "artskonto:string expenditure_code:string loebenr:string ref:string antal:integer beloeb:integer",
			decimal: '.',
		},
		{
			name:    "account numbers of one length, no code in the header",
			csv:     "Sted,Beløb\n905400,120\n905401,-5\n123456,7\n",
			want:    "sted:string beloeb:integer",
			decimal: '.',
		},
		{
			name:    "amounts of many lengths stay numbers",
			csv:     "Udgift\n90540000\n1250\n330000\n",
			want:    "udgift:integer",
			decimal: '.',
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "extract.csv")
			require.NoError(t, os.WriteFile(path, []byte(tt.csv), 0o644))
			s, err := Inspect(path, Options{})
			require.NoError(t, err)
			var got []string
			for _, c := range s.Columns {
				d := c.Name + ":" + c.Type
				if len(c.Layouts) > 0 {
					d += ":" + strings.Join(c.Layouts, "|")
				}
				got = append(got, d)
			}
			assert.Equal(t, tt.want, strings.Join(got, " "), "columns")
			assert.Equal(t, tt.decimal, s.Decimal, "got decimal %q, want %q", s.Decimal, tt.decimal)
			assert.Equal(t, tt.null, s.Null, "null")
			assert.Equal(t, tt.skip, s.Skip(), "skip (bad rows %d, bad values %d)", s.BadRows, s.BadValues)
		})
	}
}

// TestInspectLateWindows1252 reads a file whose first 64 KiB are ASCII,
// so sniffed as UTF-8, and whose later lines are Windows-1252: the recipe
// reads it as Windows-1252, and a warning says why.
func TestInspectLateWindows1252(t *testing.T) {
	var b strings.Builder
	b.WriteString("by;antal\n")
	for b.Len() < 70<<10 {
		b.WriteString("Odense;1\n")
	}
	b.WriteString("\xc5rhus;2\n") // Århus in Windows-1252
	path := filepath.Join(t.TempDir(), "byer.csv")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	s, err := Inspect(path, Options{})
	require.NoError(t, err)
	assert.Equal(t, "windows-1252", s.Encoding, "encoding")
	assert.False(t, s.Skip(), "want no rows skipped")
	if assert.Len(t, s.Warnings, 1, "want one warning, placed at the first line that is not UTF-8") {
		assert.ErrorContains(t, s.Warnings[0], "byer.csv:7966: the start of the file is UTF-8 but this line is not")
	}
}
