package pack_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

// small returns a Danish council pack with one grouped section, a total
// row and a suppressed row.
func small() *pack.Pack {
	return &pack.Pack{
		Title: "Test", Period: "2026-10", Locale: "da", Audience: "council", MinCount: 5,
		Reservations: []pack.Reservation{{ID: "prices", Text: "Døgnpriser er ikke afstemt."}},
		Sections: []pack.Section{{
			ID: "overview", Title: "Oversigt", Kind: pack.KindTable,
			Columns: []string{"section", "citizens", "cost_per_day"},
			ColumnInfo: []pack.Column{
				{Name: "section", Label: "Paragraf", Type: pack.TypeString, Group: true},
				{Name: "citizens", Label: "Borgere", Type: pack.TypeInteger},
				{Name: "cost_per_day", Label: "Døgnpris", Type: pack.TypeNumber},
			},
			Rows: [][]any{
				{"§ 107", int64(21), 182700.0},
				{"§ 108", int64(10), 84200.0},
				{"§ 103", nil, nil},
			},
			Total:      []any{pack.TotalLabel, int64(34), 270100.0},
			Suppressed: [][2]int{{2, 1}, {2, 2}},
			Footnotes: []pack.Footnote{
				{Mark: "1", ID: "prices", Text: "Døgnpriser er ikke afstemt.", Kind: pack.FootnoteWritten},
				{Mark: "2", Text: "12 af 40 rækker er udeladt af filteret.", Kind: pack.FootnoteFiltered},
			},
			Steps: []pack.Step{{Text: "Læs bevillinger", Rows: 40}, {Text: "Behold aktive", Rows: 28}, {Text: "Gruppér efter paragraf", Rows: 3}},
		}, {
			ID: "trend", Title: "Udvikling", Kind: pack.KindTable,
			Columns:    []string{"month", "amount"},
			ColumnInfo: []pack.Column{{Name: "month", Label: "Måned", Type: pack.TypeString, Group: true}, {Name: "amount", Label: "Beløb", Type: pack.TypeNumber}},
			Rows:       [][]any{{"2026-09", 100.0}, {"2026-10", 200.0}},
			Suppressed: [][2]int{},
			Footnotes:  []pack.Footnote{{Mark: "3", Text: "Betalinger bogføres bagud.", Kind: pack.FootnoteWritten}},
			Steps:      []pack.Step{{Text: "Læs betalinger", Rows: 2}},
		}},
		Provenance: pack.Provenance{GeneratedAt: "2026-10-05T08:00:00Z"},
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(p *pack.Pack)
		figures bool
		want    []string // one line per change, in order: see describe
	}{
		{name: "same pack", edit: func(*pack.Pack) {}},
		{
			name: "rows matched by group values, not position",
			edit: func(p *pack.Pack) {
				s := &p.Sections[0]
				s.Rows[0], s.Rows[1] = s.Rows[1], s.Rows[0]
				s.Rows[0][2] = 85505.0
				s.Total[2] = 271405.0
			},
			figures: true,
			want: []string{
				"overview cell § 108 cost_per_day 84200 -> 85505 (1305, 0.0155)",
				"overview cell Total cost_per_day 270100 -> 271405 (1305, 0.0048)",
			},
		},
		{
			name: "suppressed on both sides is no change",
			edit: func(p *pack.Pack) {
				p.Sections[0].Rows[2][1] = nil // still nil: the value is not known
			},
		},
		{
			name: "suppressed cell made visible keeps old nil",
			edit: func(p *pack.Pack) {
				s := &p.Sections[0]
				s.Rows[2] = []any{"§ 103", int64(6), 9000.0}
				s.Suppressed = nil
			},
			figures: true,
			want: []string{
				"overview cell § 103 citizens <nil>(suppressed) -> 6",
				"overview cell § 103 cost_per_day <nil>(suppressed) -> 9000",
			},
		},
		{
			name: "row added and removed, section removed",
			edit: func(p *pack.Pack) {
				p.Sections[0].Rows[2][0] = "§ 85"
				p.Sections = p.Sections[:1]
			},
			figures: true,
			want: []string{
				"overview rows added [§ 85] removed [§ 103]",
				"trend removed",
				"reservation removed trend written: Betalinger bogføres bagud.",
			},
		},
		{
			name: "steps reworded",
			edit: func(p *pack.Pack) {
				p.Sections[0].Steps[1].Text = "Behold aktive og løbende"
			},
			want: []string{"overview steps -[Behold aktive] +[Behold aktive og løbende]"},
		},
		{
			name: "reservations removed, changed and added",
			edit: func(p *pack.Pack) {
				p.Reservations = []pack.Reservation{{ID: "delay", Text: "Betalinger kommer sent."}}
				s := &p.Sections[0]
				s.Footnotes = []pack.Footnote{{Text: "14 af 40 rækker er udeladt af filteret.", Kind: pack.FootnoteFiltered}}
			},
			want: []string{
				"reservation added  written delay: Betalinger kommer sent.",
				"reservation removed  written prices: Døgnpriser er ikke afstemt.",
				"reservation removed overview written prices: Døgnpriser er ikke afstemt.",
				"reservation changed overview filtered: 12 af 40 rækker er udeladt af filteret. => 14 af 40 rækker er udeladt af filteret.",
			},
		},
		{
			name: "column added",
			edit: func(p *pack.Pack) {
				s := &p.Sections[1]
				s.Columns = append(s.Columns, "payments")
				s.ColumnInfo = append(s.ColumnInfo, pack.Column{Name: "payments", Label: "Betalinger", Type: pack.TypeInteger})
				for i := range s.Rows {
					s.Rows[i] = append(s.Rows[i], int64(i))
				}
			},
			figures: true,
			want:    []string{"trend columns added [payments] removed []"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := small(), small()
			tt.edit(new)
			c := pack.Compare(old, new)
			got := describe(c)
			assert.Equal(t, strings.Join(tt.want, "\n"), strings.Join(got, "\n"), "changes")
			assert.Equal(t, tt.figures, c.FiguresChanged(), "FiguresChanged")
		})
	}
}

// describe writes a comparison one change a line, for comparing in tests.
func describe(c *pack.Comparison) []string {
	var out []string
	for _, sc := range c.Sections {
		if sc.Removed {
			out = append(out, sc.ID+" removed")
			continue
		}
		if sc.Added {
			out = append(out, sc.ID+" added")
			continue
		}
		if len(sc.ColumnsAdded)+len(sc.ColumnsRemoved) > 0 {
			out = append(out, fmt.Sprintf("%s columns added %v removed %v", sc.ID, sc.ColumnsAdded, sc.ColumnsRemoved))
		}
		if len(sc.RowsAdded)+len(sc.RowsRemoved) > 0 {
			out = append(out, fmt.Sprintf("%s rows added %v removed %v", sc.ID, sc.RowsAdded, sc.RowsRemoved))
		}
		if len(sc.StepsAdded)+len(sc.StepsRemoved) > 0 {
			out = append(out, fmt.Sprintf("%s steps -%v +%v", sc.ID, sc.StepsRemoved, sc.StepsAdded))
		}
		for _, ch := range sc.Cells {
			old := fmt.Sprint(ch.Old)
			if ch.OldSuppressed {
				old += "(suppressed)"
			}
			line := fmt.Sprintf("%s cell %s %s %s -> %v", sc.ID, ch.Row, ch.Column, old, ch.New)
			if abs, pct, ok, pctOK := ch.Delta(); ok && pctOK {
				line += fmt.Sprintf(" (%g, %.4f)", abs, pct)
			}
			out = append(out, line)
		}
	}
	for _, r := range c.Reservations {
		text := r.NewText
		switch r.Change {
		case pack.Removed:
			text = r.OldText
		case pack.Changed:
			text = r.OldText + " => " + r.NewText
		}
		id := ""
		if r.ID != "" {
			id = " " + r.ID
		}
		out = append(out, fmt.Sprintf("reservation %s %s %s%s: %s", r.Change, r.Section, r.Kind, id, text))
	}
	return out
}

func TestRevise(t *testing.T) {
	tests := []struct {
		name      string
		locale    string
		edit      func(p *pack.Pack)
		wantN     int
		revised   map[string][]pack.Revision // by section id
		footnote  string                     // the overview's revision footnote, "" for none
		wantMarks []string                   // every mark in the pack, in order
	}{
		{
			name: "nothing changed", locale: "da", edit: func(*pack.Pack) {},
			revised:   map[string][]pack.Revision{},
			wantMarks: []string{"1", "2", "3"},
		},
		{
			name: "one figure, Danish", locale: "da",
			edit: func(p *pack.Pack) {
				p.Sections[0].Rows[1][2] = 85505.0
				p.Sections[0].Total[2] = 271405.0
			},
			wantN:     2,
			revised:   map[string][]pack.Revision{"overview": {{Row: 1, Col: 2, Previous: 84200.0}, {Row: 3, Col: 2, Previous: 270100.0}}},
			footnote:  "Rettet siden pakken af 05.10.2026: § 108 Døgnpris 84.200 → 85.505; I alt Døgnpris 270.100 → 271.405.",
			wantMarks: []string{"1", "2", "3", "4"},
		},
		{
			name: "English, capped list", locale: "en",
			edit: func(p *pack.Pack) {
				s := &p.Sections[0]
				s.Rows = append(s.Rows[:2], []any{"§ 85", int64(30), 1000.0}, []any{"§ 104", int64(7), 10.0}, []any{"§ 103", nil, nil})
				s.Suppressed = [][2]int{{4, 1}, {4, 2}}
				for _, r := range s.Rows[:2] {
					r[1] = r[1].(int64) + 1
					r[2] = r[2].(float64) + 1
				}
				s.Total[1], s.Total[2] = int64(36), 270102.0
			},
			wantN: 6,
			revised: map[string][]pack.Revision{"overview": {
				{Row: 0, Col: 1, Previous: int64(21)}, {Row: 0, Col: 2, Previous: 182700.0},
				{Row: 1, Col: 1, Previous: int64(10)}, {Row: 1, Col: 2, Previous: 84200.0},
				{Row: 5, Col: 1, Previous: int64(34)}, {Row: 5, Col: 2, Previous: 270100.0},
			}},
			footnote:  "Revised since the pack of 5 Oct 2026: § 107 Borgere 21 → 22; § 107 Døgnpris 182,700 → 182,701; § 108 Borgere 10 → 11; § 108 Døgnpris 84,200 → 84,201; Total Borgere 34 → 36; and 1 more.",
			wantMarks: []string{"1", "2", "3", "4"},
		},
		{
			name: "a cell suppressed now is never marked", locale: "da",
			edit: func(p *pack.Pack) {
				s := &p.Sections[0]
				s.Rows[1][1], s.Rows[1][2] = nil, nil
				s.Suppressed = append(s.Suppressed, [2]int{1, 1}, [2]int{1, 2})
			},
			revised:   map[string][]pack.Revision{},
			wantMarks: []string{"1", "2", "3"},
		},
		{
			name: "marks after the note are numbered again", locale: "da",
			edit: func(p *pack.Pack) {
				p.Sections[0].Rows[0][1] = int64(20)
			},
			wantN:     1,
			revised:   map[string][]pack.Revision{"overview": {{Row: 0, Col: 1, Previous: int64(21)}}},
			footnote:  "Rettet siden pakken af 05.10.2026: § 107 Borgere 21 → 20.",
			wantMarks: []string{"1", "2", "3", "4"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev, cur := small(), small()
			prev.Locale, cur.Locale = tt.locale, tt.locale
			cur.Provenance.GeneratedAt = "2026-11-01T08:00:00Z"
			tt.edit(cur)
			n := cur.Revise(prev, "out/monthly-2026-10.json")
			assert.Equal(t, tt.wantN, n, "revisions")
			for _, s := range cur.Sections {
				assert.Equal(t, fmt.Sprint(tt.revised[s.ID]), fmt.Sprint(s.Revised), "section %s: revised", s.ID)
			}
			got := ""
			var marks []string
			for _, s := range cur.Sections {
				for _, f := range s.Footnotes {
					marks = append(marks, f.Mark)
					if f.Kind == pack.FootnoteRevised {
						assert.Equal(t, "overview", s.ID, "got a revision note in %s, want it in overview", s.ID)
						got = f.Text
					}
				}
			}
			assert.Equal(t, tt.footnote, got, "footnote")
			assert.Equal(t, fmt.Sprint(tt.wantMarks), fmt.Sprint(marks), "marks")
			want := pack.PreviousPack{File: "out/monthly-2026-10.json", GeneratedAt: "2026-10-05T08:00:00Z"}
			if assert.NotNil(t, cur.Provenance.Previous, "previous") {
				assert.Equal(t, want, *cur.Provenance.Previous, "previous")
			}
		})
	}
}

func TestReviseTwiceReplacesTheFirstMarks(t *testing.T) {
	prev, cur := small(), small()
	cur.Sections[0].Rows[0][1] = int64(20)
	cur.Revise(prev, "a.json")
	cur.Revise(cur, "b.json") // against itself: nothing differs
	for _, s := range cur.Sections {
		assert.Empty(t, s.Revised, "section %s: revised", s.ID)
		for _, f := range s.Footnotes {
			assert.NotEqual(t, pack.FootnoteRevised, f.Kind, "section %s: got revision note %q, want none", s.ID, f.Text)
		}
	}
}

func TestCompareSampleWithItself(t *testing.T) {
	c := pack.Compare(packtest.Sample(), packtest.Sample())
	assert.Empty(t, c.Sections, "section changes")
	assert.Empty(t, c.Reservations, "reservation changes")
}
