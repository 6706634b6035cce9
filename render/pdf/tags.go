package pdf

import "github.com/mipack/mipack/render/pdf/tagged"

// in draws what draw paints as content of the structure element e. With e
// nil it just draws: the caller has wrapped it as an artifact already (a
// heading row repeated on a later page, say).
func (d *doc) in(e *tagged.Elem, draw func()) {
	if e == nil {
		draw()
		return
	}
	d.tag.Mark(e, draw)
}

// furniture draws what draw paints as an artifact of kind k: rules, tints,
// running headers, copies a reader has met already.
func (d *doc) furniture(k tagged.Artifact, draw func()) {
	d.tag.Artifact(k, draw)
}

// textIn writes s with its baseline at y as content of e (see in).
func (d *doc) textIn(e *tagged.Elem, x, y float64, s string) {
	if s != "" {
		d.in(e, func() { d.f.Text(x, y, s) })
	}
}

// link adds a link annotation over the box x, y, w, h to fpdf link id,
// owned by the Link element e and described by contents.
func (d *doc) link(e *tagged.Elem, contents string, x, y, w, h float64, id int) {
	d.f.Link(x, y, w, h, id)
	d.tag.Link(e, contents)
}
