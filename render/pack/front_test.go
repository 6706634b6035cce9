package pack

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mipack/mipack/render/locale"
)

func TestApproval(t *testing.T) {
	change := func(reviewer string) *RecipeChange {
		return &RecipeChange{Commit: "c0ffee", Author: "Anne Andersen", Date: "2026-11-03T23:30:00+01:00", Reviewer: reviewer}
	}
	tests := []struct {
		name, locale string
		pr           Provenance
		want         string
	}{
		{"approved", "da", Provenance{RecipeCommit: "c0ffee", RecipeChange: change("Bo Berg"), RecipeApproved: true},
			"Ændret af Anne Andersen den 03.11.2026, godkendt af Bo Berg"},
		{"approved, in English", "en", Provenance{RecipeCommit: "c0ffee", RecipeChange: change("Bo Berg"), RecipeApproved: true},
			"Changed by Anne Andersen on 3 Nov 2026, approved by Bo Berg"},
		{"not reviewed", "da", Provenance{RecipeCommit: "c0ffee", RecipeChange: change("")},
			"Ændret af Anne Andersen den 03.11.2026, ikke godkendt"},
		{"reviewed, then changed", "en", Provenance{RecipeCommit: "c0ffee", RecipeDirty: true, RecipeChange: change("Bo Berg")},
			"Changed by Anne Andersen on 3 Nov 2026, not approved (with uncommitted changes)"},
		{"not committed", "da", Provenance{RecipeCommit: "c0ffee", RecipeDirty: true},
			"Ikke godkendt (med ændringer, der ikke er gemt i git)"},
		{"outside git", "en", Provenance{}, "Not approved (the recipe is not in git)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.pr.Approval(locale.For(tt.locale)))
		})
	}
}

func TestMeetingDate(t *testing.T) {
	tests := []struct{ meeting, locale, want string }{
		{"2026-11-12", "da", "12.11.2026"},
		{"2026-11-12", "en", "12 Nov 2026"},
		{"", "da", ""},
		{"next week", "en", "next week"},
	}
	for _, tt := range tests {
		p := &Pack{Meeting: tt.meeting}
		assert.Equal(t, tt.want, p.MeetingDate(locale.For(tt.locale)), "MeetingDate(%q, %s)", tt.meeting, tt.locale)
	}
}
