// Package packtest builds packs for renderer tests: one that exercises every
// part of the model (charts of each type, suppressed, revised and flagged
// cells, column footnotes, hostile text) without running a recipe.
package packtest

import "github.com/mipack/mipack/render/pack"

func f(v float64) *float64 { return &v }

// Hostile is a text that must reach every reader as text, never as markup.
const Hostile = `<img src=x onerror=alert(1)> & "quotes" </script>`

// Sample returns a Danish council pack, with its front matter and an
// approved recipe, with three sections: a bar chart over a
// table with a suppressed row and a revised cell, a stacked bar over two
// groups, and a line over months with a hostile label; plus a reconcile
// section with no chart.
func Sample() *pack.Pack {
	return &pack.Pack{
		Title:        "Handicapområdet — månedsrapport",
		Subtitle:     "Voksne, serviceloven §§ 85, 107 og 108",
		Organisation: "Kommune K, Social og Sundhed",
		Committee:    "Social- og Sundhedsudvalget",
		Meeting:      "2026-11-12",
		Period:       "2026-10",
		PeriodStart:  "2026-10-01",
		PeriodEnd:    "2026-10-31",
		Locale:       "da",
		Audience:     "council",
		MinCount:     5,
		Reservations: []pack.Reservation{
			{ID: "prices", Text: "Døgnpriser indtastes af sagsbehandlerne og er ikke afstemt med fakturaer."},
			{ID: "hostile", Text: "Leverandør " + Hostile + " er under afklaring."},
		},
		Sections: []pack.Section{
			{
				ID:      "overview",
				Title:   "Aktive bevillinger efter paragraf",
				Kind:    pack.KindTable,
				Columns: []string{"section", "citizens", "cost_per_day", "grants", "avg_cost"},
				ColumnInfo: []pack.Column{
					{Name: "section", Label: "Paragraf", Type: pack.TypeString, Group: true},
					{Name: "citizens", Label: "Borgere", Type: pack.TypeInteger},
					{Name: "cost_per_day", Label: "Døgnpris i alt (kr.)", Type: pack.TypeNumber},
					{Name: "grants", Label: "Bevillinger", Type: pack.TypeInteger},
					{Name: "avg_cost", Label: "Gns. pr. borger (kr.)", Type: pack.TypeNumber, Decimals: 2},
				},
				Rows: [][]any{
					{"§ 107", int64(21), 182700.0, int64(22), 8700.0},
					{"§ 108", int64(10), 85505.0, int64(10), 8550.5},
					{"§ 85", int64(34), 68000.0, int64(38), 2000.0},
					{"§ 103", nil, nil, nil, nil},
				},
				Total:      []any{"I alt", int64(68), 342905.0, int64(73), 5042.72},
				Suppressed: [][2]int{{3, 1}, {3, 2}, {3, 3}, {3, 4}},
				Revised:    []pack.Revision{{Row: 1, Col: 2, Previous: 84200.0}},
				Footnotes: []pack.Footnote{
					{Mark: "1", ID: "prices", Text: "Døgnpriser indtastes af sagsbehandlerne og er ikke afstemt med fakturaer.", Kind: pack.FootnoteWritten},
					{Mark: "2", Text: "§ 107 omfatter to midlertidige anbringelser, der afventer afgørelse.", Kind: pack.FootnoteWritten},
					{Mark: "3", Text: "41 af 114 rækker er udeladt af filteret: status er aktiv og bevillingen løber i perioden.", Kind: pack.FootnoteFiltered},
					{Mark: "4", Text: "3 bevillinger uden døgnpris indgår ikke i Døgnpris i alt.", Kind: pack.FootnoteNils, Column: "cost_per_day"},
					{Mark: "5", Text: "<5 betyder færre end 5 personer; tallet vises ikke af hensyn til diskretion.", Kind: pack.FootnoteSuppressed},
					{Mark: "6", Text: "Rettet siden pakken af 2026-10-05: § 108 døgnpris 84.200 → 85.505.", Kind: pack.FootnoteRevised},
				},
				Chart: &pack.Chart{
					Type: pack.ChartBar, Title: "Døgnpris i alt efter paragraf", X: "section", Y: []string{"cost_per_day"},
					ValueType: pack.TypeNumber, Categories: []string{"§ 107", "§ 108", "§ 85", "§ 103"},
					Data: []pack.Series{{Name: "Døgnpris i alt (kr.)", Color: "#1f5f8b", Values: []*float64{f(182700), f(85505), f(68000), nil}}},
				},
				Steps: []pack.Step{
					{Text: "Læs bevillinger (grants.csv)", Rows: 114},
					{Text: "Behold rækker hvor status er aktiv og bevillingen løber i perioden", Rows: 73},
					{Text: "Gruppér efter paragraf", Rows: 4},
				},
			},
			{
				ID:      "by_provider",
				Title:   "Udgift efter leverandør og paragraf",
				Kind:    pack.KindTable,
				Columns: []string{"provider", "section", "amount"},
				ColumnInfo: []pack.Column{
					{Name: "provider", Label: "Leverandør", Type: pack.TypeString, Group: true},
					{Name: "section", Label: "Paragraf", Type: pack.TypeString, Group: true},
					{Name: "amount", Label: "Beløb (kr.)", Type: pack.TypeNumber, Decimals: 2},
				},
				Rows: [][]any{
					{"Bo & Støtte ApS", "§ 107", 120000.5},
					{"Bo & Støtte ApS", "§ 108", 45000.0},
					{Hostile, "§ 107", 98000.25},
					{Hostile, "§ 108", 12000.0},
				},
				Total:      []any{"I alt", nil, 275000.75},
				Suppressed: [][2]int{},
				Flagged:    []int{2},
				Footnotes: []pack.Footnote{
					{Mark: "7", ID: "hostile", Text: "Leverandør " + Hostile + " er under afklaring.", Kind: pack.FootnoteWritten},
				},
				Chart: &pack.Chart{
					Type: pack.ChartStackedBar, Title: "Udgift efter leverandør", X: "provider", Y: []string{"amount"}, Series: "section",
					ValueType: pack.TypeNumber, Decimals: 2, Categories: []string{"Bo & Støtte ApS", Hostile},
					Data: []pack.Series{
						{Name: "§ 107", Color: "#1f5f8b", Values: []*float64{f(120000.5), f(98000.25)}},
						{Name: "§ 108", Color: "#c8553d", Values: []*float64{f(45000), f(12000)}},
					},
				},
				Steps: []pack.Step{{Text: "Læs betalinger (payments.csv)", Rows: 900}, {Text: "Gruppér efter leverandør og paragraf", Rows: 4}},
			},
			{
				ID:      "trend",
				Title:   "Udgift pr. måned",
				Kind:    pack.KindTable,
				Columns: []string{"month", "amount", "payments"},
				ColumnInfo: []pack.Column{
					{Name: "month", Label: "Måned", Type: pack.TypeString, Group: true},
					{Name: "amount", Label: "Beløb (kr.)", Type: pack.TypeNumber},
					{Name: "payments", Label: "Betalinger", Type: pack.TypeInteger},
				},
				Rows: [][]any{
					{"2026-07", 1500000.0, int64(310)},
					{"2026-08", 1620000.0, int64(322)},
					{"2026-09", 1580000.0, int64(305)},
					{"2026-10", 1710000.0, int64(330)},
				},
				Total:      []any{"I alt", 6410000.0, int64(1267)},
				Suppressed: [][2]int{},
				Footnotes: []pack.Footnote{
					{Mark: "8", Text: "Betalinger bogføres op til 14 dage efter leverancen.", Kind: pack.FootnoteWritten},
					{Mark: "9", Text: "Afdelingen er undtaget fra diskretionskontrol: tallene er beløb, ikke personer.", Kind: pack.FootnoteExempt},
				},
				Chart: &pack.Chart{
					Type: pack.ChartLine, Title: "Udgift og betalinger pr. måned", X: "month", Y: []string{"amount", "payments"},
					ValueType: pack.TypeNumber, Categories: []string{"2026-07", "2026-08", "2026-09", "2026-10"},
					Data: []pack.Series{
						{Name: "Beløb (kr.)", Color: "#1f5f8b", Values: []*float64{f(1500000), f(1620000), f(1580000), f(1710000)}},
						{Name: "Betalinger", Color: "#c8553d", Values: []*float64{f(310), f(322), f(305), f(330)}},
					},
				},
				Steps: []pack.Step{{Text: "Læs betalinger (payments.csv)", Rows: 1267}, {Text: "Gruppér efter måned", Rows: 4}},
			},
			{
				ID:      "unbilled",
				Title:   "Betalinger uden bevilling",
				Kind:    pack.KindReconcile,
				Columns: []string{"side", "keys", "rows", "citizens", "amount"},
				ColumnInfo: []pack.Column{
					{Name: "side", Label: "Hvor", Type: pack.TypeString, Group: true},
					{Name: "keys", Label: "Sager", Type: pack.TypeInteger},
					{Name: "rows", Label: "Rækker", Type: pack.TypeInteger},
					{Name: "citizens", Label: "Borgere", Type: pack.TypeInteger},
					{Name: "amount", Label: "Beløb (kr.)", Type: pack.TypeNumber, Decimals: 2},
				},
				Rows: [][]any{
					{"Kun bevilling", int64(12), int64(12), int64(11), nil},
					{"Kun betaling", int64(3), int64(7), nil, nil},
					{"Begge", int64(98), int64(890), int64(60), 5400000.5},
				},
				Suppressed: [][2]int{{1, 3}, {1, 4}},
				Footnotes: []pack.Footnote{
					{Mark: "1", ID: "prices", Text: "Døgnpriser indtastes af sagsbehandlerne og er ikke afstemt med fakturaer.", Kind: pack.FootnoteWritten},
					{Mark: "5", Text: "<5 betyder færre end 5 personer; tallet vises ikke af hensyn til diskretion.", Kind: pack.FootnoteSuppressed},
				},
				Steps: []pack.Step{{Text: "Læs bevillinger og betalinger; sammenhold på sagsnummer", Rows: 3}},
			},
		},
		Provenance: pack.Provenance{
			Recipe:       "samples/disability/monthly.yaml",
			RecipeSHA256: "3f2a0c1b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
			RecipeCommit: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0",
			RecipeOwner:  "Anne Andersen <aa@kommune-k.dk>",
			RecipeChange: &pack.RecipeChange{
				Commit: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", Author: "Anne Andersen", AuthorEmail: "aa@kommune-k.dk",
				Date: "2026-10-28T15:04:05+01:00", Reviewer: "Bo Berg", ReviewerEmail: "bb@kommune-k.dk",
				ReviewCommit: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0",
			},
			RecipeApproved:   true,
			ApprovalRequired: true,
			Generator:        "mipack v0.1.0",
			GeneratedAt:      "2026-11-01T08:00:00Z",
			Sources: []pack.Source{
				{Name: "grants", File: "samples/disability/extracts/grants.csv", SHA256: "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d", Bytes: 11234, Encoding: "windows-1252", Delimiter: ";", Decimal: ",", RowsRead: 114, RowsSkipped: 0},
				{Name: "payments", File: "samples/disability/extracts/payments.csv", SHA256: "0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b", Bytes: 80211, Encoding: "utf-8", Delimiter: ",", Decimal: ".", RowsRead: 1267, RowsSkipped: 2},
			},
		},
	}
}

// Summary returns the sample pack with a text section ("Resumé") in front:
// it quotes the overview's total in bold, a row, the withheld § 103 and a
// row the period does not have (§ 86), each with the marks of the
// footnotes it carries, and a hostile text.
func Summary() *pack.Pack {
	p := Sample()
	ov := p.Sections[0]
	notes := func(column string) []pack.NoteRef {
		var refs []pack.NoteRef
		for i, n := range ov.Footnotes {
			if n.Column == "" || n.Column == column {
				refs = append(refs, pack.NoteRef{Section: ov.ID, Index: i})
			}
		}
		return refs
	}
	text := pack.Section{
		ID: "summary", Title: "Resumé", Kind: pack.KindText,
		Columns: []string{}, ColumnInfo: []pack.Column{}, Rows: [][]any{}, Suppressed: [][2]int{},
		Footnotes: []pack.Footnote{{Text: "Afsnittet »Aktive bevillinger efter paragraf« har ingen række for § 86 i perioden; tallet vises som –.", Kind: pack.FootnoteAbsent}},
		Steps:     []pack.Step{{Text: "Citér `overview.total.cost_per_day` fra afsnittet overview", Rows: -1}},
		Paragraphs: []pack.Paragraph{
			{Spans: []pack.Span{
				{Text: "De aktive bevillinger koster i alt "},
				{Bold: true, Figure: &pack.Figure{Ref: "overview.total.cost_per_day", Section: "overview", Row: 4, Column: 2, Value: 342905.0, Notes: notes("cost_per_day")}},
				{Text: " kr.", Bold: true},
				{Text: " i døgnet for "},
				{Figure: &pack.Figure{Ref: "overview.total.citizens", Section: "overview", Row: 4, Column: 1, Value: int64(68), Notes: notes("citizens")}},
				{Text: " borgere. § 108 tegner sig for "},
				{Figure: &pack.Figure{Ref: `overview["§ 108"].avg_cost`, Section: "overview", Row: 1, Column: 4, Value: 8550.5, Notes: notes("avg_cost")}},
				{Text: " kr. pr. borger, § 103 for "},
				{Figure: &pack.Figure{Ref: `overview["§ 103"].cost_per_day`, Section: "overview", Row: 3, Column: 2, Withheld: true, Notes: notes("cost_per_day")}},
				{Text: " kr."},
			}},
			{Spans: []pack.Span{
				{Text: "§ 86 har "},
				{Figure: &pack.Figure{Ref: `overview["§ 86"].citizens`, Section: "overview", Row: -1, Column: 1,
					Notes: append([]pack.NoteRef{{Section: "summary", Index: 0}}, notes("citizens")...)}},
				{Text: " borgere. " + Hostile},
			}},
		},
	}
	p.Sections = append([]pack.Section{text}, p.Sections[0])
	p.NumberMarks()
	return p
}
