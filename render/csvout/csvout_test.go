package csvout

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, p *pack.Pack) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, (Renderer{}).Render(&buf, p), "Render")
	return buf.Bytes()
}

// golden compares got with testdata/<TestName>/<file>, or rewrites it with -update.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", t.Name(), file)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "read golden file (run with -update to make it)")
	assert.Equal(t, string(want), string(got), "golden file %s", path)
}

func TestRenderGolden(t *testing.T) {
	for _, tag := range []string{"da", "en"} {
		t.Run(tag, func(t *testing.T) {
			p := packtest.Sample()
			p.Locale = tag
			got := render(t, p)
			golden(t, "pack.csv", got)
			assert.Equal(t, got, render(t, p), "got different bytes on a second render of the same pack")
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"§ 107", "§ 107"},
		{"", ""},
		{"   ", "   "},
		{"=1+1", "'=1+1"},
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+45 12 34 56 78", "'+45 12 34 56 78"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"  =1", "'  =1"},
		{"a=1", "a=1"},
		{"'quoted", "'quoted"},
		{"<5", "<5"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Text(tt.in), "Text(%q)", tt.in)
	}
}

// hostilePack is a pack whose every text is a formula, and whose figures
// include negative numbers.
func hostilePack(tag string) *pack.Pack {
	evil := "=HYPERLINK(\"http://evil.example\";\"click\")"
	return &pack.Pack{
		Title: evil, Period: "2026-10", Locale: tag, Audience: "council", MinCount: 5,
		Sections: []pack.Section{{
			ID: "s", Title: "+" + evil, Kind: pack.KindTable,
			Columns: []string{"who", "n", "amount"},
			ColumnInfo: []pack.Column{
				{Name: "who", Label: "@who", Type: pack.TypeString, Group: true},
				{Name: "n", Label: "-n", Type: pack.TypeInteger},
				{Name: "amount", Label: "\tamount", Type: pack.TypeNumber, Decimals: 2},
			},
			Rows: [][]any{
				{evil, int64(7), -1500.25},
				{"-" + evil, int64(9), -0.5},
				{"@" + evil, nil, nil},
				{"\r" + evil, int64(6), 12.0},
			},
			Total:      []any{"=Total", int64(22), -1488.75},
			Suppressed: [][2]int{{2, 1}, {2, 2}},
			Footnotes:  []pack.Footnote{{Mark: "1", Text: "-" + evil, Kind: pack.FootnoteWritten}},
		}},
	}
}

// TestNoFormulaInjection reads the CSV back as a spreadsheet would and
// checks that no cell starts a formula, except figures, which are numbers.
func TestNoFormulaInjection(t *testing.T) {
	for _, tag := range []string{"da", "en"} {
		t.Run(tag, func(t *testing.T) {
			p := hostilePack(tag)
			out := render(t, p)
			require.True(t, bytes.HasPrefix(out, []byte(bom)), "got no byte order mark at the start, want %q", bom)
			r := csv.NewReader(bytes.NewReader(out[len(bom):]))
			r.Comma = Separator(locale.For(tag))
			r.FieldsPerRecord = -1
			recs, err := r.ReadAll()
			require.NoError(t, err, "read the CSV back")
			numbers := map[string]bool{}
			loc := locale.For(tag)
			amount := p.Sections[0].ColumnInfo[2]
			for _, v := range []any{-1500.25, -0.5, -1488.75} {
				numbers[pack.Format(loc, amount, v, pack.Sheet)] = true
			}
			seenNegative := 0
			for i, rec := range recs {
				for j, cell := range rec {
					tt := strings.TrimLeft(cell, " ")
					if tt == "" || !strings.ContainsRune("=+-@\t\r", rune(tt[0])) {
						continue
					}
					if numbers[cell] {
						seenNegative++
						continue
					}
					assert.Failf(t, "a cell starts a formula", "record %d cell %d: got %q, which a spreadsheet runs as a formula", i+1, j+1, cell)
				}
			}
			assert.Equal(t, 3, seenNegative, "negative figures written as numbers")
		})
	}
}

func TestSeparators(t *testing.T) {
	tests := []struct {
		tag       string
		wantFirst string
		wantRow   string
	}{
		{"da", "\uFEFFT\r\nPeriode;oktober 2026\r\n", "a;1234,5;3\r\n"},
		{"en", "\uFEFFT\r\nPeriod,October 2026\r\n", "a,1234.5,3\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			p := &pack.Pack{Title: "T", Period: "2026-10", Locale: tt.tag, Sections: []pack.Section{{
				Title: "S", Columns: []string{"k", "amount", "n"},
				ColumnInfo: []pack.Column{{Name: "k"}, {Name: "amount", Type: pack.TypeNumber, Decimals: 1}, {Name: "n", Type: pack.TypeInteger}},
				Rows:       [][]any{{"a", 1234.5, int64(3)}},
			}}}
			got := string(render(t, p))
			assert.True(t, strings.HasPrefix(got, tt.wantFirst), "got %q, want it to start %q", got, tt.wantFirst)
			assert.Contains(t, got, "\r\n\r\nS\r\nk"+string(Separator(locale.For(tt.tag)))+"amount", "want an empty line, the title and a header of names when labels are absent")
			assert.True(t, strings.HasSuffix(got, tt.wantRow), "got %q, want it to end %q", got, tt.wantRow)
		})
	}
}

func TestSuppressedCells(t *testing.T) {
	p := &pack.Pack{Title: "T", Period: "2026-10", Locale: "en", MinCount: 10, Sections: []pack.Section{{
		Title: "S", Columns: []string{"k", "n"},
		Rows:       [][]any{{"a", int64(12)}, {"b", nil}},
		Total:      []any{"Total", nil},
		Suppressed: [][2]int{{1, 1}, {2, 1}},
	}}}
	got := string(render(t, p))
	for _, want := range []string{"\r\nb,x\r\n", "\r\nTotal,x\r\n", "\r\na,12\r\n"} {
		assert.Contains(t, got, want)
	}
}

// failWriter fails every write, like a full disk.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestRenderReportsWriteError(t *testing.T) {
	assert.Error(t, (Renderer{}).Render(failWriter{}, packtest.Sample()), "got no error writing to a failing writer, want one")
}

// TestTotalLabel checks the total row is named in the pack's language,
// whatever its first cell holds.
func TestTotalLabel(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"da", "\r\nI alt;3\r\n"},
		{"en", "\r\nTotal,3\r\n"},
	}
	for _, tt := range tests {
		p := &pack.Pack{Title: "T", Period: "2026-10", Locale: tt.tag, Sections: []pack.Section{{
			Title: "S", Columns: []string{"k", "n"},
			Rows:  [][]any{{"Total", int64(1)}, {"b", int64(2)}},
			Total: []any{pack.TotalLabel, int64(3)},
		}}}
		got := string(render(t, p))
		assert.True(t, strings.HasSuffix(got, tt.want), "%s: got %q, want it to end %q", tt.tag, got, tt.want)
	}
}
