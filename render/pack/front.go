package pack

import (
	"fmt"
	"strconv"
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

// PeriodText is the reporting period in words with its first and last day,
// as the cover shows it: "oktober 2026 (01.10.2026–31.10.2026)". It is the
// month alone when the days are not given.
func (p *Pack) PeriodText(l locale.Locale) string {
	s := l.Month(p.Period)
	from, err1 := time.Parse(time.DateOnly, p.PeriodStart)
	to, err2 := time.Parse(time.DateOnly, p.PeriodEnd)
	if err1 == nil && err2 == nil {
		s += " (" + l.Date(from) + "–" + l.Date(to) + ")"
	}
	return s
}

// AudienceText is the pack's audience in its readers' words ("Politisk
// udvalg"); an audience the locale has no words for is shown as it is.
func (p *Pack) AudienceText(l locale.Locale) string {
	switch p.Audience {
	case "council":
		return l.Labels.AudienceCouncil
	case "internal":
		return l.Labels.AudienceInternal
	}
	return p.Audience
}

// GeneratedText is when the pack was made, in the readers' local time with
// its zone ("21.09.2026 kl. 16.13 CEST"); the text as given when it is not
// RFC 3339, "" when none is given.
func (pr *Provenance) GeneratedText(l locale.Locale) string {
	return instant(l, pr.GeneratedAt)
}

// instant formats an RFC 3339 time for reading (see Locale.Time), or
// returns the text as it is when it is not one.
func instant(l locale.Locale, s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return l.Time(t)
	}
	return s
}

// Text names the earlier pack and when it was made:
// "out/monthly-2026-10.json (01.11.2026 kl. 09.00 CET)".
func (pp *PreviousPack) Text(l locale.Locale) string {
	if pp.GeneratedAt == "" {
		return pp.File
	}
	return strings.TrimSpace(pp.File + " (" + instant(l, pp.GeneratedAt) + ")")
}

// Parts of a pack, as its contents lists them.
const (
	PartReadFirst = "read-first" // the pack-wide reservations
	PartSection   = "section"    // one of Sections
	PartHowMade   = "how-made"   // the appendix: how the figures were made
)

// Entry is one line of a pack's contents.
type Entry struct {
	// Number is the section's number, "1", "2", ... in recipe order; ""
	// for the parts around the sections.
	Number string
	// Title is the line's text, in the pack's language.
	Title string
	// Part is PartReadFirst, PartSection or PartHowMade; Section the
	// section's index in Sections for PartSection.
	Part    string
	Section int
}

// Contents lists the pack's parts as every renderer's contents shows
// them, numbered alike: "Read this first" when the pack has anything to
// say up front (reservations or disclosure control), each section with its
// number, then the appendix.
func (p *Pack) Contents(l locale.Locale) []Entry {
	var out []Entry
	if len(p.Reservations) > 0 || p.MinCount > 0 {
		out = append(out, Entry{Title: l.Labels.ReadThisFirst, Part: PartReadFirst})
	}
	for i, s := range p.Sections {
		title := s.Title
		if title == "" {
			title = s.ID
		}
		out = append(out, Entry{Number: strconv.Itoa(i + 1), Title: title, Part: PartSection, Section: i})
	}
	return append(out, Entry{Title: l.Labels.HowMade, Part: PartHowMade})
}
