package csvout

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, p *pack.Pack) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (Renderer{}).Render(&buf, p); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/<TestName>/<file>, or rewrites it with -update.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", t.Name(), file)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to make it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("got\n%s\nwant (%s)\n%s", got, path, want)
	}
}

func TestRenderGolden(t *testing.T) {
	for _, tag := range []string{"da", "en"} {
		t.Run(tag, func(t *testing.T) {
			p := packtest.Sample()
			p.Locale = tag
			got := render(t, p)
			golden(t, "pack.csv", got)
			if again := render(t, p); !bytes.Equal(got, again) {
				t.Errorf("got different bytes on a second render of the same pack")
			}
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
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q): got %q, want %q", tt.in, got, tt.want)
		}
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
			if !bytes.HasPrefix(out, []byte(bom)) {
				t.Fatalf("got no byte order mark at the start, want %q", bom)
			}
			r := csv.NewReader(bytes.NewReader(out[len(bom):]))
			r.Comma = Separator(locale.For(tag))
			r.FieldsPerRecord = -1
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatalf("read the CSV back: %v", err)
			}
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
					t.Errorf("record %d cell %d: got %q, which a spreadsheet runs as a formula", i+1, j+1, cell)
				}
			}
			if seenNegative != 3 {
				t.Errorf("got %d negative figures written as numbers, want 3", seenNegative)
			}
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
			if !strings.HasPrefix(got, tt.wantFirst) {
				t.Errorf("got start %q, want %q", got, tt.wantFirst)
			}
			if !strings.Contains(got, "\r\n\r\nS\r\nk"+string(Separator(locale.For(tt.tag)))+"amount") {
				t.Errorf("got %q, want an empty line, the title and a header of names when labels are absent", got)
			}
			if !strings.HasSuffix(got, tt.wantRow) {
				t.Errorf("got end %q, want %q", got, tt.wantRow)
			}
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
		if !strings.Contains(got, want) {
			t.Errorf("got %q, want it to contain %q", got, want)
		}
	}
}

// failWriter fails every write, like a full disk.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestRenderReportsWriteError(t *testing.T) {
	if err := (Renderer{}).Render(failWriter{}, packtest.Sample()); err == nil {
		t.Errorf("got no error writing to a failing writer, want one")
	}
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
		if !strings.HasSuffix(got, tt.want) {
			t.Errorf("%s: got %q, want it to end %q", tt.tag, got, tt.want)
		}
	}
}
