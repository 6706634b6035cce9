package pack

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/mipack/mipack/render/locale"
)

// Comparison is what changed from an older pack to a newer one: sections,
// rows and cells, the plain-words steps, and the reservations. Compare makes
// it; `mipack diff` prints it and Revise marks a pack with it.
type Comparison struct {
	// Old and New are the packs compared.
	Old, New *Pack
	// Reservations lists reservations added, removed or reworded, pack-wide
	// (Section "") first, then section by section.
	Reservations []ReservationChange
	// Sections lists every section of either pack that changed, in New's
	// order, then the sections only Old has.
	Sections []SectionChange
}

// Change kinds of a reservation.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// ReservationChange is a reservation added, removed or reworded.
type ReservationChange struct {
	// Change is Added, Removed or Changed.
	Change string
	// Section is the section's id, or "" for a pack-wide reservation.
	Section string
	// ID is the pack-wide reservation's id, when it has one.
	ID string
	// Kind is the footnote kind (FootnoteWritten for pack-wide ones).
	Kind string
	// OldText and NewText are the texts; "" on the side that lacks it.
	OldText, NewText string
	// Inherited says which sources a section's reservation comes from (see
	// Footnote.Inherited), on the side that has it; empty for one the
	// section only names itself.
	Inherited []Inheritance
}

// SectionChange is what changed in one section.
type SectionChange struct {
	// ID and Title identify the section (Title as New has it, when it has it).
	ID, Title string
	// Added is true for a section only New has; Removed for one only Old has.
	Added, Removed bool
	// ColumnsAdded and ColumnsRemoved are column names only one side has.
	ColumnsAdded, ColumnsRemoved []string
	// RowsAdded and RowsRemoved are the keys (see Section.RowKey) of rows
	// only one side has.
	RowsAdded, RowsRemoved []string
	// Cells are the figures that differ in rows and columns both sides have.
	Cells []CellChange
	// StepsRemoved and StepsAdded are the plain-words steps only Old or only
	// New has, in their order.
	StepsRemoved, StepsAdded []string
}

// Empty reports whether nothing changed in the section.
func (c *SectionChange) Empty() bool {
	return !c.Added && !c.Removed && len(c.ColumnsAdded)+len(c.ColumnsRemoved)+len(c.RowsAdded)+
		len(c.RowsRemoved)+len(c.Cells)+len(c.StepsRemoved)+len(c.StepsAdded) == 0
}

// FiguresChanged reports whether any figure changed: a section, row or
// column added or removed, or a cell that differs.
func (c *SectionChange) FiguresChanged() bool {
	return c.Added || c.Removed || len(c.ColumnsAdded)+len(c.ColumnsRemoved)+len(c.RowsAdded)+
		len(c.RowsRemoved)+len(c.Cells) > 0
}

// CellChange is one figure that differs. A suppressed cell keeps its nil:
// its value is never known here, only that it was withheld.
type CellChange struct {
	// Row is the row's key (see Section.RowKey); Column the column's name
	// and Label its heading in New.
	Row, Column, Label string
	// OldRow, OldCol, NewRow and NewCol place the cell in each pack; a row
	// index of len(Rows) is the total row.
	OldRow, OldCol, NewRow, NewCol int
	// Old and New are the raw values; nil for no value or a suppressed one.
	Old, New any
	// OldSuppressed and NewSuppressed say the value was withheld.
	OldSuppressed, NewSuppressed bool
	// Info is the column's description in New.
	Info Column
	// Total is true for a cell of the total rows, whose Row is the model's
	// TotalLabel; show the locale's label instead.
	Total bool
}

// Delta returns New - Old and the change as a share of Old (0.0155 for
// +1.55 %); ok is false unless both are numbers, and pctOK false when Old is 0.
func (c CellChange) Delta() (abs, pct float64, ok, pctOK bool) {
	o, ok1 := number(c.Old)
	n, ok2 := number(c.New)
	if !ok1 || !ok2 || c.OldSuppressed || c.NewSuppressed {
		return 0, 0, false, false
	}
	if o == 0 {
		return n - o, 0, true, false
	}
	return n - o, (n - o) / math.Abs(o), true, true
}

// FiguresChanged reports whether any figure changed in any section.
func (c *Comparison) FiguresChanged() bool {
	for i := range c.Sections {
		if c.Sections[i].FiguresChanged() {
			return true
		}
	}
	return false
}

// Compare returns what changed from old to new. Sections are matched by id,
// rows by the values of their group columns (never by position), columns
// by name; the total rows are matched with each other.
func Compare(old, new *Pack) *Comparison {
	c := &Comparison{Old: old, New: new}
	c.Reservations = compareReservations(old.Reservations, new.Reservations)
	oldByID := map[string]*Section{}
	for i := range old.Sections {
		oldByID[old.Sections[i].ID] = &old.Sections[i]
	}
	newIDs := map[string]bool{}
	var sectionNotes []ReservationChange
	for i := range new.Sections {
		ns := &new.Sections[i]
		newIDs[ns.ID] = true
		os := oldByID[ns.ID]
		if os == nil {
			c.Sections = append(c.Sections, SectionChange{ID: ns.ID, Title: ns.Title, Added: true, StepsAdded: stepTexts(ns.Steps)})
			sectionNotes = append(sectionNotes, compareFootnotes(ns.ID, nil, ns.Footnotes)...)
			continue
		}
		sc := compareSection(os, ns)
		if !sc.Empty() {
			c.Sections = append(c.Sections, sc)
		}
		sectionNotes = append(sectionNotes, compareFootnotes(ns.ID, os.Footnotes, ns.Footnotes)...)
	}
	for i := range old.Sections {
		os := &old.Sections[i]
		if newIDs[os.ID] {
			continue
		}
		c.Sections = append(c.Sections, SectionChange{ID: os.ID, Title: os.Title, Removed: true, StepsRemoved: stepTexts(os.Steps)})
		sectionNotes = append(sectionNotes, compareFootnotes(os.ID, os.Footnotes, nil)...)
	}
	c.Reservations = append(c.Reservations, sectionNotes...)
	return c
}

func compareReservations(old, new []Reservation) []ReservationChange {
	var out []ReservationChange
	oldText := map[string]string{}
	for _, r := range old {
		oldText[r.ID] = r.Text
	}
	newIDs := map[string]bool{}
	for _, r := range new {
		newIDs[r.ID] = true
		t, ok := oldText[r.ID]
		switch {
		case !ok:
			out = append(out, ReservationChange{Change: Added, ID: r.ID, Kind: FootnoteWritten, NewText: r.Text})
		case t != r.Text:
			out = append(out, ReservationChange{Change: Changed, ID: r.ID, Kind: FootnoteWritten, OldText: t, NewText: r.Text})
		}
	}
	for _, r := range old {
		if !newIDs[r.ID] {
			out = append(out, ReservationChange{Change: Removed, ID: r.ID, Kind: FootnoteWritten, OldText: r.Text})
		}
	}
	return out
}

// compareFootnotes compares a section's footnotes, revision notes left out.
// Written footnotes are matched by text (or the id they quote), so a
// written reservation taken out is always Removed; an automatic footnote
// whose wording changed (its counts, say) is Changed.
func compareFootnotes(section string, old, new []Footnote) []ReservationChange {
	key := func(f Footnote) string { return f.Kind + "\x1f" + f.Column + "\x1f" + f.ID + "\x1f" + f.Text }
	count := map[string]int{}
	for _, f := range old {
		count[key(f)]++
	}
	var added []Footnote
	for _, f := range new {
		if f.Kind == FootnoteRevised {
			continue
		}
		if count[key(f)] > 0 {
			count[key(f)]--
			continue
		}
		added = append(added, f)
	}
	var removed []Footnote
	for _, f := range old {
		if f.Kind == FootnoteRevised {
			continue
		}
		if count[key(f)] > 0 {
			count[key(f)]--
			removed = append(removed, f)
		}
	}
	var out []ReservationChange
	for _, r := range removed {
		if r.Kind != FootnoteWritten {
			if j := indexFootnote(added, func(a Footnote) bool { return a.Kind == r.Kind && a.Column == r.Column }); j >= 0 {
				out = append(out, ReservationChange{Change: Changed, Section: section, Kind: r.Kind, OldText: r.Text, NewText: added[j].Text, Inherited: added[j].Inherited})
				added = append(added[:j], added[j+1:]...)
				continue
			}
		}
		out = append(out, ReservationChange{Change: Removed, Section: section, ID: r.ID, Kind: r.Kind, OldText: r.Text, Inherited: r.Inherited})
	}
	for _, a := range added {
		out = append(out, ReservationChange{Change: Added, Section: section, ID: a.ID, Kind: a.Kind, NewText: a.Text, Inherited: a.Inherited})
	}
	return out
}

func indexFootnote(fs []Footnote, ok func(Footnote) bool) int {
	for i, f := range fs {
		if ok(f) {
			return i
		}
	}
	return -1
}

func stepTexts(steps []Step) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = s.Text
	}
	return out
}

func compareSection(os, ns *Section) SectionChange {
	sc := SectionChange{ID: ns.ID, Title: ns.Title}
	sc.StepsRemoved, sc.StepsAdded = diffLines(stepTexts(os.Steps), stepTexts(ns.Steps))

	oldCol := map[string]int{}
	for i, name := range os.Columns {
		oldCol[name] = i
	}
	newCol := map[string]int{}
	for i, name := range ns.Columns {
		newCol[name] = i
		if _, ok := oldCol[name]; !ok {
			sc.ColumnsAdded = append(sc.ColumnsAdded, name)
		}
	}
	for _, name := range os.Columns {
		if _, ok := newCol[name]; !ok {
			sc.ColumnsRemoved = append(sc.ColumnsRemoved, name)
		}
	}

	oldRows := os.rowIndex()
	newKeys := ns.rowKeys()
	seen := map[string]bool{}
	compareRow := func(key string, oi, ni int, total bool) {
		orow, nrow := os.row(oi), ns.row(ni)
		for c, name := range ns.Columns {
			info := ns.info(c)
			oc, ok := oldCol[name]
			if !ok || info.Group || os.info(oc).Group {
				continue
			}
			ch := CellChange{Row: key, Column: name, Label: info.Label, Info: info,
				OldRow: oi, OldCol: oc, NewRow: ni, NewCol: c, Total: total,
				Old: cell(orow, oc), New: cell(nrow, c),
				OldSuppressed: os.IsSuppressed(oi, oc), NewSuppressed: ns.IsSuppressed(ni, c)}
			if ch.OldSuppressed {
				ch.Old = nil
			}
			if ch.NewSuppressed {
				ch.New = nil
			}
			if ch.OldSuppressed && ch.NewSuppressed || !ch.OldSuppressed && !ch.NewSuppressed && sameValue(ch.Old, ch.New) {
				continue
			}
			if ch.Label == "" {
				ch.Label = name
			}
			sc.Cells = append(sc.Cells, ch)
		}
	}
	for ni, key := range newKeys {
		oi, ok := oldRows[key]
		if !ok {
			sc.RowsAdded = append(sc.RowsAdded, key)
			continue
		}
		seen[key] = true
		compareRow(key, oi, ni, false)
	}
	for _, key := range os.rowKeys() {
		if !seen[key] {
			sc.RowsRemoved = append(sc.RowsRemoved, key)
		}
	}
	switch {
	case os.Total != nil && ns.Total != nil:
		compareRow(ns.totalKey(), len(os.Rows), len(ns.Rows), true)
	case os.Total != nil:
		sc.RowsRemoved = append(sc.RowsRemoved, os.totalKey())
	case ns.Total != nil:
		sc.RowsAdded = append(sc.RowsAdded, ns.totalKey())
	}
	return sc
}

// diffLines returns the lines only a has and only b has, keeping their
// order (a longest common subsequence).
func diffLines(a, b []string) (onlyA, onlyB []string) {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			onlyA = append(onlyA, a[i])
			i++
		default:
			onlyB = append(onlyB, b[j])
			j++
		}
	}
	return append(onlyA, a[i:]...), append(onlyB, b[j:]...)
}

func (s *Section) info(c int) Column {
	if c < len(s.ColumnInfo) {
		return s.ColumnInfo[c]
	}
	return Column{Name: s.Columns[c], Label: s.Columns[c], Type: TypeString}
}

// row returns row i, or the total row for i == len(Rows).
func (s *Section) row(i int) []any {
	if i == len(s.Rows) {
		return s.Total
	}
	return s.Rows[i]
}

func cell(row []any, c int) any {
	if c < len(row) {
		return row[c]
	}
	return nil
}

// RowKey returns the key a row is matched by between packs: the values of
// its group columns joined by " / " (its position "#3" in a section without
// group columns). A key met again in the same section gets " (2)", " (3)", ...
func (s *Section) RowKey(row int) string {
	return s.rowKeys()[row]
}

func (s *Section) rowKeys() []string {
	keys := make([]string, len(s.Rows))
	seen := map[string]int{}
	for i, row := range s.Rows {
		var parts []string
		for c := range s.Columns {
			if s.info(c).Group {
				parts = append(parts, plain(cell(row, c)))
			}
		}
		k := strings.Join(parts, " / ")
		if len(parts) == 0 {
			k = fmt.Sprintf("#%d", i+1)
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			k = fmt.Sprintf("%s (%d)", k, n)
		}
		keys[i] = k
	}
	return keys
}

func (s *Section) rowIndex() map[string]int {
	idx := map[string]int{}
	for i, k := range s.rowKeys() {
		idx[k] = i
	}
	return idx
}

// totalKey names the total row: its label, "Total" when it has none.
func (s *Section) totalKey() string {
	if len(s.Total) > 0 {
		if l, ok := s.Total[0].(string); ok && l != "" {
			return l
		}
	}
	return "Total"
}

// plain is a group value as a key: text as it is, numbers in Go's shortest form.
func plain(v any) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case string:
		return x
	case float64:
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

// sameValue reports whether two cells hold the same value; numbers are
// equal when they differ by less than a billionth of their size, so that
// summing in another order does not count as a change.
func sameValue(a, b any) bool {
	fa, okA := number(a)
	fb, okB := number(b)
	if okA && okB {
		return fa == fb || math.Abs(fa-fb) <= 1e-9*math.Max(math.Abs(fa), math.Abs(fb))
	}
	if okA != okB {
		return false
	}
	return fmt.Sprintf("%T %v", a, a) == fmt.Sprintf("%T %v", b, b)
}

// RevisionsListed is the most changed figures a revision footnote lists;
// the rest are counted ("and 3 more").
const RevisionsListed = 5

// Revise marks every figure of p that differs from prev, the pack issued
// before for the same recipe and period: it fills each section's Revised
// with the row, column and previous value, adds a FootnoteRevised footnote
// to each section with revisions ("Revised since the pack of 31 Oct 2026:
// § 108 Cost per day 84,200 → 85,505."), numbers every footnote mark
// through the pack again, and records file and prev's generation time in
// Provenance.Previous. Marks and notes of an earlier Revise are replaced.
//
// Only figures both packs show are marked: a cell suppressed in either pack
// is never marked, so a revision cannot give a withheld value away. Rows
// are matched by their group values, as Compare does. Revise returns the
// number of figures marked.
func (p *Pack) Revise(prev *Pack, file string) int {
	for i := range p.Sections {
		s := &p.Sections[i]
		s.Revised = nil
		kept := s.Footnotes[:0]
		for _, f := range s.Footnotes {
			if f.Kind != FootnoteRevised {
				kept = append(kept, f)
			}
		}
		s.Footnotes = kept
	}
	l := locale.For(p.Locale)
	date := prev.Provenance.GeneratedAt
	if t, err := time.Parse(time.RFC3339, date); err == nil {
		date = l.Date(t)
	}
	cmp := Compare(prev, p)
	total := 0
	for _, sc := range cmp.Sections {
		s := p.section(sc.ID)
		if s == nil {
			continue
		}
		var listed []string
		for _, ch := range sc.Cells {
			if ch.OldSuppressed || ch.NewSuppressed {
				continue
			}
			s.Revised = append(s.Revised, Revision{Row: ch.NewRow, Col: ch.NewCol, Previous: ch.Old})
			row := ch.Row
			if ch.Total {
				row = l.Labels.Total
			}
			listed = append(listed, fmt.Sprintf("%s %s %s → %s", row, ch.Label,
				Format(l, ch.Info, ch.Old, Reader), Format(l, ch.Info, ch.New, Reader)))
		}
		if len(listed) == 0 {
			continue
		}
		total += len(listed)
		if len(listed) > RevisionsListed {
			listed = append(listed[:RevisionsListed], fmt.Sprintf(l.Labels.RevisedMore, len(listed)-RevisionsListed))
		}
		s.Footnotes = append(s.Footnotes, Footnote{Kind: FootnoteRevised, Text: fmt.Sprintf(l.Labels.RevisedSince, date, strings.Join(listed, "; "))})
	}
	p.NumberMarks()
	p.Provenance.Previous = &PreviousPack{File: file, GeneratedAt: prev.Provenance.GeneratedAt}
	return total
}

func (p *Pack) section(id string) *Section {
	for i := range p.Sections {
		if p.Sections[i].ID == id {
			return &p.Sections[i]
		}
	}
	return nil
}
