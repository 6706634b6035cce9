package engine

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
	src *SourcePlan
	via string
}

// reads lists every source the section reads and how, in recipe order: its
// from and joins (again for the period it compares with), both sides of a
// reconcile, a budget's source and its committed grants. A text section
// reads none: its figures carry their own sections' reservations.
func (sec *SectionPlan) reads() []sourceRead {
	if rc := sec.Reconcile; rc != nil {
		return []sourceRead{{rc.Left, viaReconcile}, {rc.Right, viaReconcile}}
	}
	if sec.From == nil {
		return nil
	}
	main := []*SourcePlan{sec.From}
	for _, j := range sec.Joins {
		main = append(main, j.Src)
	}
	out := []sourceRead{{sec.From, viaFrom}}
	for _, src := range main[1:] {
		out = append(out, sourceRead{src, viaJoin})
	}
	if sec.Compare != nil {
		for _, src := range main {
			out = append(out, sourceRead{src, viaCompare})
		}
	}
	if b := sec.Budget; b != nil {
		out = append(out, sourceRead{b.Budget.From, viaBudget})
		if b.Committed != nil {
			out = append(out, sourceRead{b.Committed.From, viaCommitted})
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
		for _, n := range r.src.Notes {
			i := slices.IndexFunc(notes, func(f pack.Footnote) bool {
				return n.ID != "" && f.ID == n.ID || n.ID == "" && f.ID == "" && f.Text == n.Text
			})
			if i < 0 {
				notes = append(notes, pack.Footnote{ID: n.ID, Text: n.Text, Kind: pack.FootnoteWritten})
				i = len(notes) - 1
			}
			notes[i].Inherited = addVia(notes[i].Inherited, r.src.Name, r.via)
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
