package recipes

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// writtenNotes are the section's own reservations, in recipe order, then
// those of the sources it reads (see inherit).
func (sec *sectionPlan) writtenNotes() []pack.Footnote {
	var out []pack.Footnote
	for _, n := range sec.notes {
		out = append(out, pack.Footnote{ID: n.id, Text: n.text, Kind: pack.FootnoteWritten})
	}
	return inherit(out, sec.reads())
}

// sourceNotes say, for each source the section reads, what reading it
// left out or should be known: rows skipped as bad (the first named by its
// place and column only, never by its value, which may be a name or a CPR
// number), the rows end_before ended the table with, and a workbook's
// hidden rows.
func sourceNotes(w *words, stats map[*sourcePlan]*sourceStats, sources ...*sourcePlan) []pack.Footnote {
	var out []pack.Footnote
	seen := map[*sourcePlan]bool{}
	for _, sp := range sources {
		st := stats[sp]
		if seen[sp] || st == nil {
			continue
		}
		seen[sp] = true
		file := filepath.Base(sp.path)
		if st.rowsSkipped > 0 {
			first := st.firstSkip.place
			if st.firstSkip.field != "" {
				first = fmt.Sprintf(w.skippedColumn, first, st.firstSkip.field)
			}
			out = append(out, pack.Footnote{Kind: pack.FootnoteSkipped,
				Text: fmt.Sprintf(w.skipped.of(st.rowsSkipped), w.count(st.rowsSkipped), file, first)})
		}
		if e := st.ended; e.line > 0 {
			out = append(out, pack.Footnote{Kind: pack.FootnoteEnded,
				Text: fmt.Sprintf(w.ended.of(e.rows), file, fmt.Sprint(e.line), sourceSay(w, sp, sp.endBefore.src.Value), w.count(e.rows))})
		}
		if st.hidden > 0 {
			out = append(out, pack.Footnote{Kind: pack.FootnoteHidden,
				Text: fmt.Sprintf(w.hiddenRows.of(st.hidden), w.count(st.hidden), file)})
		}
	}
	return out
}

func (t *tableRun) sources() []*sourcePlan {
	out := []*sourcePlan{t.plan.from}
	for _, j := range t.plan.joins {
		out = append(out, j.src)
	}
	return out
}

// footnotes are the section's reservations: written first, then the
// automatic ones, which cannot be switched off.
func (t *tableRun) footnotes(pl *Plan, stats map[*sourcePlan]*sourceStats, out *pack.Section) []pack.Footnote {
	sec := t.plan
	w := wordsFor(pl.Locale)
	notes := sec.writtenNotes()
	notes = append(notes, sourceNotes(w, stats, t.sources()...)...)
	for i, j := range sec.joins {
		if t.unmatched[i] == 0 {
			continue
		}
		keys := sec.keyWords(sec.spec.Join[i].On.Values())
		from, other := sec.from.readerName(), j.src.readerName()
		n, of := w.num(t.unmatched[i]), w.num(t.rowsIn)
		text := fmt.Sprintf(w.unmatchedInner.of(t.unmatched[i]), n, of, from, other, keys)
		if j.left {
			text = fmt.Sprintf(w.unmatchedLeft.of(t.unmatched[i]), n, of, from, other, keys, other)
		}
		if t.disc.counts {
			text = fmt.Sprintf(w.unmatchedHidden, from, other, keys)
		}
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteUnmatched, Text: text})
	}
	if sec.where != nil && t.rowsJoined > t.rowsWhere {
		left := t.rowsJoined - t.rowsWhere
		text := fmt.Sprintf(w.filtered.of(left), w.num(left), w.num(t.rowsJoined), sec.whereWords())
		if t.disc.counts {
			text = fmt.Sprintf(w.filteredHidden, sec.whereWords())
		}
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteFiltered, Text: text})
	}
	for i := range sec.measures {
		m := &sec.measures[i]
		if n := t.total.aggs[i].nils(); n > 0 && m.col >= 0 {
			notes = append(notes, pack.Footnote{Kind: pack.FootnoteNils, Column: m.name,
				Text: fmt.Sprintf(w.nils.of(n), w.count(n), sec.colWords(m.col), sec.label(m.name))})
		}
	}
	if t.controlled && t.disc.cells > 0 {
		notes = append(notes, suppressedNote(w, pl, sec, t.disc))
	}
	if t.disc.counts {
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteSuppressed, Text: w.countsWithheld})
	}
	if t.disc.totalNotEnough {
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteSuppressed, Text: w.totalNotEnough})
	}
	if sec.exempt != "" {
		notes = append(notes, pack.Footnote{Kind: pack.FootnoteExempt, Text: fmt.Sprintf(w.exempt, sec.exempt)})
	}
	return notes
}

// suppressedNote explains the withheld mark. It says neither which cells
// were withheld for their own sake nor how many (the steps count them):
// the mark is the same for all, so it tells a reader nothing about a
// cell, and sections with the same note share one mark.
func suppressedNote(w *words, pl *Plan, sec *sectionPlan, d disclosureResult) pack.Footnote {
	text := fmt.Sprintf(w.suppressed, w.num(int64(pl.MinCount)), sec.subjectWords())
	return pack.Footnote{Kind: pack.FootnoteSuppressed, Text: text}
}

// steps say in plain words how the section was made, with row counts.
func (t *tableRun) steps(pl *Plan, stats map[*sourcePlan]*sourceStats, out *pack.Section) []pack.Step {
	sec := t.plan
	w := wordsFor(pl.Locale)
	var steps []pack.Step
	steps = append(steps, readStep(w, sec.from, stats[sec.from]))
	rows := t.rowsIn
	for i, j := range sec.joins {
		keys := sec.keyWords(sec.spec.Join[i].On.Values())
		text := fmt.Sprintf(w.join, j.src.readerName(), keys)
		if j.left {
			text = fmt.Sprintf(w.joinLeft, j.src.readerName(), keys)
		}
		if i == len(sec.joins)-1 && !t.disc.counts {
			rows = t.rowsJoined
		} else {
			rows = -1
		}
		steps = append(steps, pack.Step{Text: text, Rows: rows})
	}
	derive := func() {
		for _, d := range sec.derives {
			text := fmt.Sprintf(w.deriveBare, sec.say(d.expr.src.Value, sec.rowName))
			if l := strings.TrimSpace(sec.labels[d.name]); l != "" {
				text = fmt.Sprintf(w.derive, l, sec.say(d.expr.src.Value, sec.rowName))
			}
			steps = append(steps, pack.Step{Text: text, Rows: -1})
		}
	}
	if sec.whereAfterDerive {
		derive()
	}
	if sec.where != nil {
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.where, sec.whereWords()), Rows: t.hidden(t.rowsWhere)})
	}
	if !sec.whereAfterDerive {
		derive()
	}
	if a := sec.alert; a != nil {
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.alertStep, sec.say(sec.spec.Alert.Value.Value, sec.rowName), locale.For(w.tag).Number(a.threshold, decimalsNeeded(a.threshold, 6))), Rows: t.hidden(t.rowsKept)})
	}
	if len(sec.groups) > 0 {
		names := make([]string, len(sec.groups))
		for i, g := range sec.groups {
			names[i] = sec.label(sec.schema.names[g])
		}
		n := int64(len(t.order))
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.group.of(n), strings.Join(names, ", "), w.num(n)), Rows: n})
	} else {
		steps = append(steps, pack.Step{Text: w.noGroup, Rows: 1})
	}
	for i := range sec.measures {
		m := &sec.measures[i]
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.measure, sec.label(m.name), w.aggregate(m, sec.colWords(m.col))), Rows: -1})
	}
	for _, c := range sec.computes {
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.compute, sec.label(c.name), sec.say(c.expr.src.Value, sec.label)), Rows: -1})
	}
	if c := sec.compare; c != nil {
		other := w.previousPeriod
		if c.kind == "same_period_last_year" {
			other = w.lastYear
		}
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.compareStep, other, c.period.Name), Rows: -1})
	}
	if b := sec.budget; b != nil {
		on := sec.keyWords(sec.spec.Budget.On.Values())
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.budgetStep, b.budget.from.readerName(), filepath.Base(b.budget.from.path), on), Rows: -1})
	}
	if len(sec.orderBy) > 0 {
		var keys []string
		for _, k := range sec.orderBy {
			if k.desc {
				keys = append(keys, fmt.Sprintf(w.desc, out.ColumnInfo[k.col].Label))
			} else {
				keys = append(keys, fmt.Sprintf(w.asc, out.ColumnInfo[k.col].Label))
			}
		}
		steps = append(steps, pack.Step{Text: fmt.Sprintf(w.order, strings.Join(keys, ", ")), Rows: -1})
	}
	if out.Total != nil {
		steps = append(steps, pack.Step{Text: w.total, Rows: -1})
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

func readStep(w *words, sp *sourcePlan, st *sourceStats) pack.Step {
	if st == nil {
		return pack.Step{Text: fmt.Sprintf(w.read, sp.readerName(), filepath.Base(sp.path)), Rows: 0}
	}
	rows := st.rowsRead
	if st.readWithheld {
		rows = -1
	}
	if st.rowsSkipped > 0 {
		return pack.Step{Text: fmt.Sprintf(w.readSkipped, sp.readerName(), filepath.Base(sp.path), w.count(st.rowsSkipped)), Rows: rows}
	}
	return pack.Step{Text: fmt.Sprintf(w.read, sp.readerName(), filepath.Base(sp.path)), Rows: rows}
}

func disclosureSteps(w *words, pl *Plan, sec *sectionPlan, controlled bool, d disclosureResult) []pack.Step {
	switch {
	case sec.exempt != "":
		return []pack.Step{{Text: fmt.Sprintf(w.exempt, sec.exempt), Rows: -1}}
	case !controlled:
		return nil
	case d.cells == 0:
		return []pack.Step{{Text: fmt.Sprintf(w.disclosureNone, w.num(int64(pl.MinCount)), sec.subjectWords()), Rows: -1}}
	}
	return []pack.Step{{Text: fmt.Sprintf(w.disclosure, w.num(int64(pl.MinCount)), sec.subjectWords(), w.n(w.cells, int64(d.cells))), Rows: -1}}
}
