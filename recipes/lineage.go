package recipes

import (
	"slices"

	"github.com/mipack/mipack/render/pack"
)

// How a section reads a source, as pack.Inheritance.Via names it.
const (
	viaFrom      = "from"
	viaJoin      = "join"
	viaReconcile = "reconcile"
	viaCompare   = "compare"
	viaBudget    = "budget"
	viaCommitted = "budget.committed"
)

// sourceRead is one way a section reads a source.
type sourceRead struct {
	src *sourcePlan
	via string
}

// reads lists every source the section reads and how, in recipe order: its
// from and joins (again for the period it compares with), both sides of a
// reconcile, a budget's source and its committed grants. A text section
// reads none: its figures carry their own sections' reservations.
func (sec *sectionPlan) reads() []sourceRead {
	if rc := sec.reconcile; rc != nil {
		return []sourceRead{{rc.left, viaReconcile}, {rc.right, viaReconcile}}
	}
	if sec.from == nil {
		return nil
	}
	main := []*sourcePlan{sec.from}
	for _, j := range sec.joins {
		main = append(main, j.src)
	}
	out := []sourceRead{{sec.from, viaFrom}}
	for _, src := range main[1:] {
		out = append(out, sourceRead{src, viaJoin})
	}
	if sec.compare != nil {
		for _, src := range main {
			out = append(out, sourceRead{src, viaCompare})
		}
	}
	if b := sec.budget; b != nil {
		out = append(out, sourceRead{b.budget.from, viaBudget})
		if b.committed != nil {
			out = append(out, sourceRead{b.committed.from, viaCommitted})
		}
	}
	return out
}

// inherit adds to a section's written footnotes the reservations of every
// source it reads. A reservation the section already carries (the same
// pack-wide id, or the same text) is not repeated: the footnote it has
// records where else it comes from.
func inherit(notes []pack.Footnote, reads []sourceRead) []pack.Footnote {
	for _, r := range reads {
		for _, n := range r.src.notes {
			i := slices.IndexFunc(notes, func(f pack.Footnote) bool {
				return n.id != "" && f.ID == n.id || n.id == "" && f.ID == "" && f.Text == n.text
			})
			if i < 0 {
				notes = append(notes, pack.Footnote{ID: n.id, Text: n.text, Kind: pack.FootnoteWritten})
				i = len(notes) - 1
			}
			notes[i].Inherited = addVia(notes[i].Inherited, r.src.name, r.via)
		}
	}
	return notes
}

// addVia records that a reservation comes from source through via.
func addVia(in []pack.Inheritance, source, via string) []pack.Inheritance {
	i := slices.IndexFunc(in, func(h pack.Inheritance) bool { return h.Source == source })
	if i < 0 {
		return append(in, pack.Inheritance{Source: source, Via: []string{via}})
	}
	if !slices.Contains(in[i].Via, via) {
		in[i].Via = append(in[i].Via, via)
	}
	return in
}
