package html_test

import "github.com/mipack/mipack/render/pack"

// minimalEnglish is the least a pack can hold: English, no subtitle, no
// chart, no total, no reservations, no disclosure threshold.
func minimalEnglish() *pack.Pack {
	return &pack.Pack{
		Title:  "Payments by team",
		Period: "2026-03",
		Locale: "en",
		Sections: []pack.Section{{
			ID:      "teams",
			Title:   "Payments by team",
			Kind:    pack.KindTable,
			Columns: []string{"team", "amount", "share"},
			ColumnInfo: []pack.Column{
				{Name: "team", Label: "Team", Type: pack.TypeString, Group: true},
				{Name: "amount", Label: "Amount (DKK)", Type: pack.TypeNumber, Decimals: 1},
				{Name: "share", Label: "Share", Type: pack.TypePercent, Decimals: 1},
			},
			Rows: [][]any{
				{"North", 1234.5, 0.125},
				{"South", 8641.5, 0.875},
			},
			Suppressed: [][2]int{},
			Footnotes:  []pack.Footnote{},
			Steps:      []pack.Step{{Text: "Read payments (payments.csv)", Rows: 2}, {Text: "Sum by team", Rows: -1}},
		}},
		Provenance: pack.Provenance{
			Recipe:       "teams.yaml",
			RecipeSHA256: "00ff",
			Generator:    "mipack dev",
			GeneratedAt:  "2026-04-01T00:00:00Z",
		},
	}
}
