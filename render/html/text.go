package html

import (
	"fmt"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// paragraphView is one paragraph of a text section.
type paragraphView struct {
	Spans []spanView
}

// spanView is a run of words, or a quoted figure with its marks.
type spanView struct {
	Text string
	Bold bool
	// Figure is the quoted figure, formatted as its table cell, or nil.
	Figure *figureView
}

// figureView is a figure quoted in a text.
type figureView struct {
	cellView
	// Marks link to the footnotes the figure carries, in whichever section
	// they stand.
	Marks []markView
}

// noteIDs maps each footnote of the pack to the id of its element.
type noteIDs map[pack.NoteRef]string

// record notes the element ids of a built section's footnotes.
func (n noteIDs) record(s *pack.Section, v sectionView) {
	for i, id := range v.noteIDs {
		n[pack.NoteRef{Section: s.ID, Index: i}] = id
	}
}

// buildText lays out a text section's paragraphs: words, bold, and each
// figure formatted as its table formats it, withheld where its table
// withholds it, with marks linking to the footnotes it carries.
func buildText(l locale.Locale, p *pack.Pack, s *pack.Section, v *sectionView, notes noteIDs, ids *idSet) {
	n := 0
	for _, par := range s.Paragraphs {
		var pv paragraphView
		for _, sp := range par.Spans {
			f := sp.Figure
			if f == nil {
				pv.Spans = append(pv.Spans, spanView{Text: sp.Text, Bold: sp.Bold})
				continue
			}
			n++
			fv := &figureView{cellView: cellFor(l, p, p.FigureColumn(f), f.Value, p.FigureWithheld(f))}
			for _, ref := range f.Notes {
				note, ok := p.Footnote(ref)
				if !ok {
					continue
				}
				fv.Marks = append(fv.Marks, markView{
					ID:    ids.take(fmt.Sprintf("%s-figure-%d-mark-%s", v.ID, n, note.Mark)),
					Href:  notes[ref],
					Text:  note.Mark,
					Label: fmt.Sprintf(l.Labels.FootnoteMark, note.Mark),
				})
			}
			pv.Spans = append(pv.Spans, spanView{Bold: sp.Bold, Figure: fv})
		}
		v.Paragraphs = append(v.Paragraphs, pv)
	}
}
