package engine

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// writtenNotes are the section's own reservations, in recipe order, then
// those of the sources it reads (see inherit).
func (sec *SectionPlan) writtenNotes() []pack.Footnote {
	var out []pack.Footnote
	for _, n := range sec.Notes {
		out = append(out, pack.Footnote{ID: n.ID, Text: n.Text, Kind: pack.FootnoteWritten})
	}
	return inherit(out, sec.reads())
}

// sourceNotes say, for each source the section reads, what reading it
// left out or should be known: rows skipped as bad (the first named by its
// place and column only, never by its value, which may be a name or a CPR
// number), the rows end_before ended the table with, and a workbook's
// hidden rows.
func sourceNotes(w *words, stats Reads, sources ...*SourcePlan) []pack.Footnote {
	var out []pack.Footnote
	seen := map[*SourcePlan]bool{}
	for _, sp := range sources {
		st := stats[sp]
		if seen[sp] || st == nil {
			continue
		}
		seen[sp] = true
		file := filepath.Base(sp.Path)
		if st.rowsSkipped > 0 {
			first := st.firstSkip.place
			if st.firstSkip.field != "" {
				first = fmt.Sprintf(w.SkippedColumn, first, st.firstSkip.field)
			}
			out = append(out, pack.Footnote{Kind: pack.FootnoteSkipped,
				Text: fmt.Sprintf(w.Skipped.Of(st.rowsSkipped), w.count(st.rowsSkipped), file, first)})
		}
		if e := st.ended; e.line > 0 {
			out = append(out, pack.Footnote{Kind: pack.FootnoteEnded,
				Text: fmt.Sprintf(w.Ended.Of(e.rows), file, fmt.Sprint(e.line), sourceSay(w, sp, sp.EndBefore.Text), w.count(e.rows))})
		}
		if st.hidden > 0 {
			out = append(out, pack.Footnote{Kind: pack.FootnoteHidden,
				Text: fmt.Sprintf(w.HiddenRows.Of(st.hidden), w.count(st.hidden), file)})
		}
	}
	return out
}

func (t *tableRun) sources() []*SourcePlan {
	out := []*SourcePlan{t.plan.From}
	for _, j := range t.plan.Joins {
		out = append(out, j.Src)
	}
	return out
}

// footnotes are the section's reservations: written first, then the
// automatic ones, which cannot be switched off.
func (t *tableRun) footnotes(pl *Plan, stats Reads, out *pack.Section) []pack.Footnote {
	sec := t.plan
	w := WordsFor(pl.Locale)
	notes := sec.writtenNotes()
	notes = append(notes, sourceNotes(w, stats, t.sources()...)...)
	for i, j := range sec.Joins {
		if t.unmatched[i] == 0 {
			continue
		}
		keys := sec.keyWords(sec.Written.JoinOn[i])
		from, other := sec.From.ReaderName(), j.Src.ReaderName()
		n, of := w.num(t.unmatched[i]), w.num(t.rowsIn)
		text := fmt.Sprintf(w.UnmatchedInner.Of(t.unmatched[i]), n, of, from, other, keys)
		if j.Left {
			text = fmt.Sprintf(w.UnmatchedLeft.Of(t.unmatched[i]), n, of, from, other, keys, other)
		}
		if t.disc.counts {
			text = fmt.Sprintf(w.UnmatchedHidden, from, other, keys)
		}
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteUnmatched, Text: text})
	}
	if sec.Where != nil && t.rowsJoined > t.rowsWhere {
		left := t.rowsJoined - t.rowsWhere
		text := fmt.Sprintf(w.Filtered.Of(left), w.num(left), w.num(t.rowsJoined), sec.whereWords())
		if t.disc.counts {
			text = fmt.Sprintf(w.FilteredHidden, sec.whereWords())
		}
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteFiltered, Text: text})
	}
	for i := range sec.Measures {
		m := &sec.Measures[i]
		if n := t.total.aggs[i].nils(); n > 0 && m.Col >= 0 {
			text := fmt.Sprintf(w.Nils.Of(n), w.count(n), sec.colWords(m.Col), sec.Label(m.Name))
			if t.controlled && (t.disc.counts || !t.nilsAudited) {
				// A count of rows like the steps': withheld with them,
				// and never published where disclosure control did not
				// audit it (one person's empty cell, or a withheld
				// count(col) worked out as rows minus it).
				text = fmt.Sprintf(w.NilsHidden, sec.colWords(m.Col), sec.Label(m.Name))
			}
			notes = append(notes, pack.Footnote{Kind: pack.FootnoteNils, Column: m.Name, Text: text})
		}
	}
	if t.controlled && t.disc.cells > 0 {
		notes = append(notes, suppressedNote(w, pl, sec, t.disc))
	}
	if t.disc.counts {
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteSuppressed, Text: w.CountsWithheld})
	}
	if t.disc.totalNotEnough {
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteSuppressed, Text: w.TotalNotEnough})
	}
	if sec.Exempt != "" {
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteExempt, Text: fmt.Sprintf(w.Exempt, sec.Exempt)})
	}
	return notes
}

// suppressedNote explains the withheld mark. It says neither which cells
// were withheld for their own sake nor how many (the steps count them):
// the mark is the same for all, so it tells a reader nothing about a
// cell, and sections with the same note share one mark.
func suppressedNote(w *words, pl *Plan, sec *SectionPlan, d disclosureResult) pack.Footnote {
	text := fmt.Sprintf(w.Suppressed, w.num(int64(pl.MinCount)), sec.subjectWords())
	return pack.Footnote{Kind: pack.FootnoteSuppressed, Text: text}
}

// steps say in plain words how the section was made, with row counts.
func (t *tableRun) steps(pl *Plan, stats Reads, out *pack.Section) []pack.Step {
	sec := t.plan
	w := WordsFor(pl.Locale)
	var steps []pack.Step
	steps = append(steps, readStep(w, sec.From, stats[sec.From]))
	rows := t.rowsIn
	for i, j := range sec.Joins {
		keys := sec.keyWords(sec.Written.JoinOn[i])
		text := fmt.Sprintf(w.Join, j.Src.ReaderName(), keys)
		if j.Left {
			text = fmt.Sprintf(w.JoinLeft, j.Src.ReaderName(), keys)
		}
		if i == len(sec.Joins)-1 && !t.disc.counts {
			rows = t.rowsJoined
		} else {
			rows = -1
		}
		steps = append(steps, pack.Step{Text: text, Rows: rows})
	}
	derive := func() {
		for _, d := range sec.Derives {
			text := fmt.Sprintf(w.DeriveBare, sec.say(d.Expr.Text, sec.rowName))
			if l := strings.TrimSpace(sec.Labels[d.Name]); l != "" {
				text = fmt.Sprintf(w.Derive, l, sec.say(d.Expr.Text, sec.rowName))
			}
			steps = append(steps, pack.Step{Text: text, Rows: -1})
		}
	}
	if sec.WhereAfterDerive {
		derive()
	}
	if sec.Where != nil {
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.Where, sec.whereWords()), Rows: t.hidden(t.rowsWhere)})
	}
	if !sec.WhereAfterDerive {
		derive()
	}
	if a := sec.Alert; a != nil {
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.AlertStep, sec.say(sec.Written.Alert, sec.rowName), locale.For(w.tag).Number(a.Threshold, decimalsNeeded(a.Threshold, 6))), Rows: t.hidden(t.rowsKept)})
	}
	if len(sec.Groups) > 0 {
		names := make([]string, len(sec.Groups))
		for i, g := range sec.Groups {
			names[i] = sec.Label(sec.Schema.Names[g])
		}
		n := int64(len(t.Order))
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.Group.Of(n), strings.Join(names, ", "), w.num(n)), Rows: n})
	} else {
		steps = append(steps, pack.Step{Text: w.NoGroup, Rows: 1})
	}
	for i := range sec.Measures {
		m := &sec.Measures[i]
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.Measure, sec.Label(m.Name), w.aggregate(m, sec.colWords(m.Col))), Rows: -1})
	}
	for _, c := range sec.Computes {
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.Compute, sec.Label(c.Name), sec.say(c.Expr.Text, sec.Label)), Rows: -1})
	}
	if c := sec.Compare; c != nil {
		other := w.PreviousPeriod
		if c.Kind == "same_period_last_year" {
			other = w.LastYear
		}
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.CompareStep, other, c.Period.Name), Rows: -1})
	}
	if b := sec.Budget; b != nil {
		on := sec.keyWords(sec.Written.BudgetOn)
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.BudgetStep, b.Budget.From.ReaderName(), filepath.Base(b.Budget.From.Path), on), Rows: -1})
	}
	if len(sec.OrderBy) > 0 {
		var keys []string
		for _, k := range sec.OrderBy {
			if k.Desc {
				keys = append(keys, fmt.Sprintf(w.Desc, out.ColumnInfo[k.Col].Label))
			} else {
				keys = append(keys, fmt.Sprintf(w.Asc, out.ColumnInfo[k.Col].Label))
			}
		}
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.Order, strings.Join(keys, ", ")), Rows: -1})
	}
	if out.Total != nil {
		steps = append(steps, pack.Step{Text: w.Total, Rows: -1})
	}
	steps = append(steps, disclosureSteps(w, pl, sec, t.controlled, t.disc)...)
	return steps
}

// hidden is a step's row count, or -1 (none shown) where disclosure
// control withholds the section's counts.
func (t *tableRun) hidden(n int64) int64 {
	if t.disc.counts {
		return -1
	}
	return n
}

func readStep(w *words, sp *SourcePlan, st *SourceStats) pack.Step {
	if st == nil {
		return pack.Step{Text: fmt.Sprintf(w.Read, sp.ReaderName(), filepath.Base(sp.Path)), Rows: 0}
	}
	rows := st.rowsRead
	if st.readWithheld {
		rows = -1
	}
	if st.rowsSkipped > 0 {
		return pack.Step{Text: fmt.Sprintf(w.ReadSkipped, sp.ReaderName(), filepath.Base(sp.Path), w.count(st.rowsSkipped)), Rows: rows}
	}
	return pack.Step{Text: fmt.Sprintf(w.Read, sp.ReaderName(), filepath.Base(sp.Path)), Rows: rows}
}

func disclosureSteps(w *words, pl *Plan, sec *SectionPlan, controlled bool, d disclosureResult) []pack.Step {
	switch {
	case sec.Exempt != "":
		return []pack.Step{{Text: fmt.Sprintf(w.Exempt, sec.Exempt), Rows: -1}}
	case !controlled:
		return nil
	case d.cells == 0:
		return []pack.Step{{Text: fmt.Sprintf(w.DisclosureNone, w.num(int64(pl.MinCount)), sec.subjectWords()), Rows: -1}}
	}
	return []pack.Step{{Text: fmt.Sprintf(w.Disclosure, w.num(int64(pl.MinCount)), sec.subjectWords(), w.n(w.Cells, int64(d.cells))), Rows: -1}}
}
