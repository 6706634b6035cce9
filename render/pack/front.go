package pack

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mipack/mipack/render/locale"
)

// Approval says who last changed the recipe and who approved it, in the
// pack's language, as the cover and the appendix show it:
//
//	Ændret af Anne Andersen den 03.11.2026, godkendt af Bo Berg
//	Changed by Anne Andersen on 3 Nov 2026, not approved
//	Not approved (the recipe is not in git)
//
// It names a reviewer only when the recipe is approved: committed,
// unchanged, and its last change reviewed by someone other than its author.
func (pr *Provenance) Approval(l locale.Locale) string {
	lb := l.Labels
	var parts []string
	c := pr.RecipeChange
	if c != nil {
		when := c.Date
		if t, err := time.Parse(time.RFC3339, c.Date); err == nil {
			when = l.Date(t)
		}
		parts = append(parts, fmt.Sprintf(lb.ChangedBy, c.Author, when))
	}
	switch {
	case pr.RecipeApproved && c != nil && c.Reviewer != "":
		parts = append(parts, fmt.Sprintf(lb.ApprovedBy, c.Reviewer))
	case pr.RecipeCommit == "":
		parts = append(parts, lb.NotApproved+" ("+lb.NotInGit+")")
	case pr.RecipeDirty:
		parts = append(parts, lb.NotApproved+" ("+lb.Dirty+")")
	default:
		parts = append(parts, lb.NotApproved)
	}
	s := strings.Join(parts, ", ")
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// MeetingDate is the day of the meeting the pack is prepared for, in the
// locale's form ("12.11.2026", "12 Nov 2026"); "" when none is given, and
// the text as given when it is not a day.
func (p *Pack) MeetingDate(l locale.Locale) string {
	if t, err := time.Parse(time.DateOnly, p.Meeting); err == nil {
		return l.Date(t)
	}
	return p.Meeting
}
