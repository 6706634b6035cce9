package pdf

import (
	"fmt"
	"strconv"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf/tagged"
)

// cover writes the cover: title, subtitle, period, audience, date and the
// recipe that made the pack.
func (d *doc) cover() {
	d.bare()
	f := d.f
	part := d.tag.Root().Add(tagged.Sect)
	d.furniture(tagged.Layout, func() {
		d.fillColor(colAccent)
		f.Rect(marginL, 40, 28, 2.2, "F")
	})

	y := 52.0
	if d.p.Organisation != "" {
		d.setFont("", 11)
		d.textColor(colMuted)
		d.textIn(part.Add(tagged.P), marginL, baseline(y-8, 11), d.truncate(d.p.Organisation, d.bodyW()))
	}
	d.setFont("B", 24)
	d.textColor(colInk)
	title := part.Add(tagged.H1)
	for _, ln := range d.wrap(d.p.Title, d.bodyW()) {
		d.textIn(title, marginL, baseline(y, 24), ln)
		y += lineHeight(24)
	}
	if d.p.Subtitle != "" {
		y += 2
		d.setFont("", 13)
		d.textColor(colMuted)
		sub := part.Add(tagged.P)
		for _, ln := range d.wrap(d.p.Subtitle, d.bodyW()) {
			d.textIn(sub, marginL, baseline(y, 13), ln)
			y += lineHeight(13)
		}
	}
	y += 10
	d.setFont("B", 16)
	d.textColor(colAccent)
	d.textIn(part.Add(tagged.P), marginL, baseline(y, 16), d.l.Month(d.p.Period))
	y += lineHeight(16)

	// The facts a secretariat sends the pack with, as a quiet two-column
	// list near the foot; how it was made (recipe, checksums, commit,
	// generator) is in the appendix.
	rows := [][2]string{
		{d.l.Labels.Period, d.p.PeriodText(d.l)},
		{d.l.Labels.Audience, d.p.AudienceText(d.l)},
		{d.l.Labels.Committee, d.p.Committee},
		{d.l.Labels.Meeting, d.p.MeetingDate(d.l)},
		{d.l.Labels.Owner, d.p.Provenance.RecipeOwner},
		{d.l.Labels.Approval, d.p.Provenance.Approval(d.l)},
		{d.l.Labels.GeneratedAt, d.l.Day(d.at)},
	}
	const labelW, sizeFacts = 36.0, 9.0
	lh := lineHeight(sizeFacts) + 1.3
	n := 0
	for _, r := range rows {
		if r[1] != "" {
			n++
		}
	}
	factsTop := 250 - float64(n)*lh
	// A short pack's contents stand on the cover, between the period and
	// the facts, instead of on a page of their own.
	d.y = y + 12
	headH := lineHeight(sizeH3) + 2
	d.contentsOnCover = headH+d.contentsHeight() <= factsTop-8-d.y
	if d.contentsOnCover {
		d.setFont("B", sizeH3)
		d.textColor(colAccent)
		d.textIn(part.Add(tagged.H2), marginL, baseline(d.y, sizeH3), d.l.Labels.Contents)
		d.y += headH
		d.contentsAt(part)
	}
	y = factsTop
	d.furniture(tagged.Layout, func() {
		d.drawColor(colRule)
		f.SetLineWidth(0.25)
		f.Line(marginL, y-3, marginL+d.bodyW(), y-3)
	})
	facts := part.Add(tagged.Table)
	for _, r := range rows {
		if r[1] == "" {
			continue
		}
		tr := facts.Add(tagged.TR)
		th, td := tr.Add(tagged.TH), tr.Add(tagged.TD)
		th.SetScope(tagged.Row)
		d.setFont("", sizeFacts)
		d.textColor(colMuted)
		d.textIn(th, marginL, baseline(y, sizeFacts), r[0])
		d.textColor(colInk)
		d.textIn(td, marginL+labelW, baseline(y, sizeFacts), d.truncate(r[1], d.bodyW()-labelW))
		y += lh
	}
}

// commit is the recipe's commit, with a plus when the recipe differs from it.
func (d *doc) commit() string {
	c := d.p.Provenance.RecipeCommit
	if c != "" && d.p.Provenance.RecipeDirty {
		c += "+"
	}
	return c
}

// contents writes the table of contents on a page of its own, unless the
// cover holds it.
func (d *doc) contents() {
	if d.contentsOnCover {
		return
	}
	d.newPage()
	part := d.tag.Root().Add(tagged.Sect)
	d.heading(part, d.l.Labels.Contents, sizeH1)
	d.y += 2
	d.contentsAt(part)
}

// Contents geometry: the number column, the page number column, and the
// line height.
const (
	tocNumW  = 9.0
	tocPageW = 14.0
	tocGap   = 1.6
)

func tocLine() float64 { return lineHeight(sizeBody) + 0.6 }

// contentsEntry is one line of the contents with its page and link.
type contentsEntry struct {
	pack.Entry
	page, link int
}

// contentsEntries are the contents' lines (pack.Contents, numbered as the
// HTML numbers them), with the pages found by the first pass.
func (d *doc) contentsEntries() []contentsEntry {
	var out []contentsEntry
	for _, e := range d.p.Contents(d.l) {
		ce := contentsEntry{Entry: e}
		switch e.Part {
		case pack.PartReadFirst:
			ce.page, ce.link = d.prev.readFirst, d.links.readFirst
		case pack.PartSection:
			if e.Section < len(d.prev.sections) {
				ce.page = d.prev.sections[e.Section]
			}
			ce.link = d.links.sections[e.Section]
		default:
			ce.page, ce.link = d.prev.appendix, d.links.appendix
		}
		out = append(out, ce)
	}
	return out
}

// contentsLines wraps an entry's title for the contents.
func (d *doc) contentsLines(e contentsEntry) []string {
	d.setFont("", sizeBody)
	return d.wrap(e.Title, d.bodyW()-tocNumW-tocPageW-4)
}

// contentsHeight is the height of the contents' lines.
func (d *doc) contentsHeight() float64 {
	h := 0.0
	for _, e := range d.contentsEntries() {
		h += float64(len(d.contentsLines(e)))*tocLine() + tocGap
	}
	return h
}

// contentsAt writes the contents' lines at the cursor as a TOC in part,
// with page numbers found by the first pass and a link to each part.
func (d *doc) contentsAt(part *tagged.Elem) {
	toc := part.Add(tagged.TOC)
	lh := tocLine()
	for _, e := range d.contentsEntries() {
		lines := d.contentsLines(e)
		h := float64(len(lines))*lh + tocGap
		if !d.fits(h, nil) {
			d.newPage()
		}
		d.setFont("", sizeBody)
		top := d.y
		item := toc.Add(tagged.TOCI)
		if e.Number != "" {
			d.textColor(colMuted)
			d.textIn(item.Add(tagged.Lbl), marginL, baseline(d.y, sizeBody), e.Number)
		}
		link := item.Add(tagged.Link)
		d.textColor(colInk)
		for j, ln := range lines {
			b := baseline(d.y, sizeBody)
			d.textIn(link, marginL+tocNumW, b, ln)
			if j == len(lines)-1 {
				d.leader(marginL+tocNumW+d.width(ln)+1.5, d.pageW()-marginR-tocPageW, b)
				page := ""
				if e.page > 0 {
					page = strconv.Itoa(e.page)
				}
				d.textIn(link, d.pageW()-marginR-d.width(page), b, page)
			}
			d.y += lh
		}
		d.link(link, e.Title, marginL, top, d.bodyW(), d.y-top, e.link)
		d.y += tocGap
	}
}

// leader draws a dotted leader between x1 and x2 on baseline y.
func (d *doc) leader(x1, x2, y float64) {
	if x2-x1 < 3 {
		return
	}
	d.furniture(tagged.Layout, func() {
		d.fillColor(colRule)
		for x := x2 - 0.5; x >= x1; x -= 1.6 {
			d.f.Circle(x, y-0.35, 0.18, "F")
		}
	})
}

// hasReadFirst reports whether the pack has anything to say up front: the
// contents list it (pack.Contents).
func (d *doc) hasReadFirst() bool {
	return len(d.p.Contents(d.l)) > 0 && d.p.Contents(d.l)[0].Part == pack.PartReadFirst
}

// readFirst writes the pack-wide reservations, and what "<N" means.
func (d *doc) readFirst() {
	if !d.hasReadFirst() {
		return
	}
	d.newPage()
	d.rec.readFirst = d.f.PageNo()
	d.f.SetLink(d.links.readFirst, d.y, -1)
	part := d.tag.Root().Add(tagged.Sect)
	d.heading(part, d.l.Labels.ReadThisFirst, sizeH1)
	list := part.Add(tagged.L)
	d.y += 1
	items := make([]string, 0, len(d.p.Reservations)+1)
	for _, r := range d.p.Reservations {
		items = append(items, r.Text)
	}
	if d.p.MinCount > 0 {
		items = append(items, fmt.Sprintf(d.l.Labels.SuppressedNote, pack.WithheldMark, d.p.MinCount))
	}
	for _, it := range items {
		d.setFont("", sizeBody+0.5)
		if !d.fits(lineHeight(sizeBody+0.5)*2, nil) {
			d.newPage()
		}
		d.furniture(tagged.Layout, func() {
			d.fillColor(colAccent)
			d.f.Rect(marginL, d.y+1.3, 1.6, 1.6, "F")
		})
		d.paragraph(list.Add(tagged.LI).Add(tagged.LBody), it, "", sizeBody+0.5, colInk, 6)
		d.y += 3
	}
}

// appendix writes how the figures were made: each section's steps with row
// counts, then the provenance of the recipe and of every source.
func (d *doc) appendix() {
	d.turned = false
	d.newPage()
	d.rec.appendix = d.f.PageNo()
	d.f.SetLink(d.links.appendix, d.y, -1)
	part := d.tag.Root().Add(tagged.Sect)
	d.heading(part, d.l.Labels.HowMade, sizeH1)
	for i := range d.p.Sections {
		s := &d.p.Sections[i]
		t := &table{
			header: true,
			cols: []column{
				{label: d.l.Labels.Step, right: true},
				{label: ""},
				{label: d.l.Labels.Rows, right: true},
			},
			contTitle: s.Title + " (" + d.l.Labels.Continued + ")",
		}
		for j, st := range s.Steps {
			rows := ""
			if st.Rows >= 0 {
				rows = d.l.Integer(st.Rows)
			}
			t.rows = append(t.rows, row{cells: []cell{{text: strconv.Itoa(j + 1)}, {text: st.Text}, {text: rows}}})
		}
		d.subheading(part, s.Title, t)
	}

	d.y += 4
	pr := d.p.Provenance
	kv := &table{cols: []column{{muted: true, head: true, fixed: keyW}, {}}}
	add := func(k, v string, mono bool) {
		if v != "" {
			kv.rows = append(kv.rows, row{cells: []cell{{text: k}, {text: v, mono: mono}}})
		}
	}
	add(d.l.Labels.Recipe, pr.Recipe, false)
	add("SHA-256", pr.RecipeSHA256, true)
	add(d.l.Labels.Commit, d.commit(), true)
	add(d.l.Labels.Owner, pr.RecipeOwner, false)
	add(d.l.Labels.Approval, pr.Approval(d.l), false)
	add(d.l.Labels.Generator, pr.Generator, false)
	add(d.l.Labels.GeneratedAt, pr.GeneratedText(d.l), false)
	if pr.Previous != nil {
		add(d.l.Labels.ComparedWith, pr.Previous.Text(d.l), false)
	}
	d.subheading(part, d.l.Labels.Provenance, kv)

	for _, src := range pr.Sources {
		t := &table{cols: []column{{muted: true, head: true, fixed: keyW}, {}}}
		t.rows = []row{
			{cells: []cell{{text: d.l.Labels.File}, {text: src.File}}},
			{cells: []cell{{text: "SHA-256"}, {text: src.SHA256, mono: true}}},
			{cells: []cell{{text: d.l.Labels.RowsRead}, {text: src.RowsReadText(d.l.Integer)}}},
			{cells: []cell{{text: d.l.Labels.RowsSkipped}, {text: d.l.Integer(src.RowsSkipped)}}},
		}
		d.subheading(part, d.l.Labels.Source+": "+src.Name, t)
	}
}

// keyW is the width of the label column in the provenance tables.
const keyW = 42.0

// subheading writes a small heading (an H2 in part) kept with the start of
// table t.
func (d *doc) subheading(part *tagged.Elem, title string, t *table) {
	d.setFont("B", sizeH3+1)
	lines := d.wrap(title, d.bodyW())
	h := float64(len(lines))*lineHeight(sizeH3+1) + 1.5
	if !d.atTop() {
		d.y += 5
	}
	d.table(part, t, lead{height: h, draw: func() {
		d.setFont("B", sizeH3+1)
		d.textColor(colStrong)
		h := part.Add(tagged.H2)
		for _, ln := range lines {
			d.textIn(h, marginL, baseline(d.y, sizeH3+1), ln)
			d.y += lineHeight(sizeH3 + 1)
		}
		d.y += 1.5
	}})
}
