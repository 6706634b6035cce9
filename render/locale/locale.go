// Package locale formats a pack's values and fixed labels for its readers:
// Danish ("da": 182.700 and 1.234,5; 31.10.2026) or English ("en": 182,700
// and 1,234.5; 31 Oct 2026). Both renderers use it, so a figure reads the
// same in HTML and PDF. Its Words are every fixed text a pack prints, one
// table per language (da.go, en.go), for the engine and the renderers alike.
//
//	l := locale.For("da")
//	l.Number(182700, 0)     // "182.700"
//	l.Number(5172.384, 2)   // "5.172,38"
//	l.Percent(0.125, 1)     // "12,5 %"
//	l.Number(-1682, 0)      // "−1.682" (U+2212)
//	l.ShortMonth("2026-10") // "okt. 2026"
//	l.Labels.Total          // "I alt"
package locale

import (
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the readers' Zone, whatever the machine has
)

// Locale formats numbers, dates and fixed labels for one language.
type Locale struct {
	// Tag is "da" or "en".
	Tag string
	// Decimal and Thousands are the separators.
	Decimal, Thousands string
	// Labels are the fixed texts a pack shows.
	Labels Labels
}

// Labels are the fixed texts of a pack, in one language.
type Labels struct {
	Total            string // total row label
	ReadThisFirst    string // heading of the pack-wide reservations
	Contents         string // table of contents heading
	Page             string // "Page %d of %d" with two %d verbs
	Period           string // "Period"
	Audience         string // "Audience"
	AudienceCouncil  string // audience council, as shown on the cover
	AudienceInternal string // audience internal, as shown on the cover
	Reservations     string // heading of a section's footnotes
	HowMade          string // heading of the appendix
	Provenance       string // heading of the provenance table
	Recipe           string // "Recipe"
	Commit           string // "Commit"
	Generator        string // "Generator"
	GeneratedAt      string // "Generated"
	Source           string // "Source"
	File             string // "File"
	RowsRead         string // "Rows read"
	RowsSkipped      string // "Rows skipped"
	Rows             string // "Rows" (step row counts)
	Step             string // "Step"
	Suppressed       string // explanation of the withheld mark, with the threshold: "withheld (fewer than %d persons, or ...)"
	SuppressedNote   string // "%s: the figure is withheld. It describes fewer than %d persons, or ..."
	Revised          string // "Revised; previously %s"
	RevisedSince     string // "Revised since the pack of %s: %s.": the revision footnote, with the earlier pack's date and the changes
	RevisedMore      string // "and %d more": ends the changes a revision footnote lists, counting the rest
	Flagged          string // "Calls for attention"
	Chart            string // "Chart"
	ChartTableNote   string // "The chart's figures are in the table above."
	ChartBar         string // "Bar chart": a chart's kind, in its text alternative
	ChartStackedBar  string // "Stacked bar chart"
	ChartLine        string // "Line chart"
	ChartCategories  string // "Categories": the list of a chart's categories in its text alternative
	ChartSeries      string // "Series": the list of its series
	ChartWithheld    string // "Withheld to protect privacy": the list of values a chart leaves out as withheld
	BackToMark       string // accessible name of a footnote's back link
	FootnoteMark     string // accessible name of a footnote mark: "Reservation %s"
	Yes, No          string // bool cells
	Continued        string // "continued": follows a title repeated where its table continues
	ComparedWith     string // "Compared with": the earlier pack revisions are marked against
	SHA256           string // "SHA-256": a file's checksum
	Size             string // "Size (bytes)": a file's size
	Encoding         string // "Encoding": an extract's character encoding
	Delimiter        string // "Delimiter": an extract's field separator
	DecimalMark      string // "Decimal mark": an extract's decimal separator
	Dirty            string // "with uncommitted changes": follows a commit the recipe differs from
	Withheld         string // "withheld": a suppressed cell's explanation when no threshold is given
	Empty            string // an empty group value, e.g. payments with no grant: "(empty)"
	Organisation     string // "Organisation": who issues the pack
	Committee        string // "Committee": who the pack is for
	Meeting          string // "Meeting": the day of the meeting it is prepared for
	Owner            string // "Owner": who answers for the recipe
	Approval         string // "Approval": heading of who changed and approved the recipe
	ChangedBy        string // "changed by %s on %s": the recipe's last author and date
	ApprovedBy       string // "approved by %s": the recipe's reviewer
	NotApproved      string // "not approved"
	NotInGit         string // "the recipe is not in git": why a recipe cannot be approved
	InheritedFrom    string // "from source %s (%s)": where a reservation written on a source reaches a section from
}

// For returns the locale for tag ("da" or "en"); any other tag gives "en".
func For(tag string) Locale {
	if tag == "da" {
		return Locale{Tag: "da", Decimal: ",", Thousands: ".", Labels: danish.Labels}
	}
	return Locale{Tag: "en", Decimal: ".", Thousands: ",", Labels: english.Labels}
}

// Minus is the minus sign of every figure a reader reads: U+2212, as wide
// as a plus and a digit, where a hyphen would be short and could break a
// line. Spreadsheet output keeps the ASCII hyphen, which a spreadsheet reads.
const Minus = "\u2212"

// Number formats v with exactly decimals decimals (0 to 6), rounding half
// away from zero on v's shortest decimal text (so 2.675 gives "2,68", as a
// reader expects), with the locale's separators and the minus sign U+2212
// (Minus): For("da").Number(-1234.5, 2) is "−1.234,50". NaN and infinities
// are shown as "–".
func (l Locale) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	decimals = max(0, min(decimals, 6))
	digits, frac := roundedDigits(math.Abs(v), decimals)
	var b strings.Builder
	if v < 0 && strings.Trim(digits+frac, "0") != "" {
		b.WriteString(Minus)
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(l.Thousands)
		}
		b.WriteRune(r)
	}
	if decimals > 0 {
		b.WriteString(l.Decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// roundedDigits returns the integer and fraction digits of v >= 0 rounded
// half up to decimals places.
func roundedDigits(v float64, decimals int) (intPart, frac string) {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ = strings.Cut(s, ".")
	if len(frac) <= decimals {
		return intPart, frac + strings.Repeat("0", decimals-len(frac))
	}
	roundUp := frac[decimals] >= '5'
	all := []byte(intPart + frac[:decimals])
	if roundUp {
		i := len(all) - 1
		for ; i >= 0 && all[i] == '9'; i-- {
			all[i] = '0'
		}
		if i < 0 {
			all = append([]byte{'1'}, all...)
		} else {
			all[i]++
		}
	}
	cut := len(all) - decimals
	return string(all[:cut]), string(all[cut:])
}

// Integer formats a whole number: For("da").Integer(182700) is "182.700".
func (l Locale) Integer(v int64) string {
	return l.Number(float64(v), 0)
}

// Percent formats a ratio as a percentage: For("da").Percent(0.125, 1) is "12,5 %".
func (l Locale) Percent(v float64, decimals int) string {
	return l.Number(v*100, decimals) + " %"
}

var danishMonths = [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

// danishShortMonths are the abbreviations Dansk Sprognævn gives.
var danishShortMonths = [...]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}

// Date formats a day: "31.10.2026" (da) or "31 Oct 2026" (en).
func (l Locale) Date(t time.Time) string {
	if l.Tag == "da" {
		return t.Format("02.01.2006")
	}
	return t.Format("2 Jan 2006")
}

// Month formats a "YYYY-MM" period for reading: "oktober 2026" or "October 2026".
// A value that is not a period is returned unchanged.
func (l Locale) Month(period string) string {
	return l.month(period, danishMonths, "January 2006")
}

// ShortMonth formats a "YYYY-MM" month as a table cell or a chart's axis
// shows it: "okt. 2026" or "Oct 2026". A value that is not a month is
// returned unchanged.
func (l Locale) ShortMonth(period string) string {
	return l.month(period, danishShortMonths, "Jan 2006")
}

// month formats period with the Danish month names da, or the English
// layout en.
func (l Locale) month(period string, da [12]string, en string) string {
	t, err := time.Parse("2006-01", period)
	if err != nil {
		return period
	}
	if l.Tag == "da" {
		return da[t.Month()-1] + " " + t.Format("2006")
	}
	return t.Format(en)
}

// Zone is where a pack's readers are: every time is shown in its local
// time, with the zone's abbreviation (CET or CEST).
const Zone = "Europe/Copenhagen"

// Time formats an instant in the readers' local time (Zone), with the zone:
// "21.09.2026 kl. 16.13 CEST" (da) or "21 Sep 2026, 16:13 CEST" (en).
func (l Locale) Time(t time.Time) string {
	t = t.In(zone())
	if l.Tag == "da" {
		return t.Format("02.01.2006 kl. 15.04 MST")
	}
	return t.Format("2 Jan 2006, 15:04 MST")
}

// zone is Zone's location; the time zone database is embedded (see the
// tzdata import), so it never falls back on another zone.
func zone() *time.Location {
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		panic("locale: " + err.Error()) // time/tzdata is linked in
	}
	return loc
}

// Day formats the day an instant falls on in the readers' local time.
func (l Locale) Day(t time.Time) string {
	return l.Date(t.In(zone()))
}
