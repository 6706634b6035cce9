package pdf

import (
	"strings"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf/tagged"
)

// paragraphGap is the space between two paragraphs of a text section.
const paragraphGap = 2.0

// segment is a run of text in one style inside a word, and the marks that
// follow it (a quoted figure's).
type segment struct {
	text  string
	bold  bool
	marks []string
}

// word is what a line may not break inside: text and figures written with
// no space between them, such as "336.205¹," or "**i alt**".
type word struct {
	segs  []segment
	notes []pack.Footnote // the footnotes its figures carry
}

// textSection writes a text section: its title with the marks of its own
// footnotes, then its paragraphs wrapped to the body width, each quoted
// figure formatted as its table formats it and followed by its marks. The
// footnotes a line's figures carry are put at the foot of its page, as a
// table's are.
func (d *doc) textSection(i int) {
	s := &d.p.Sections[i]
	d.orient(false)
	d.setFont("B", sizeH2)
	marks := s.Marks()
	lines := d.wrap(s.Title, d.bodyW()-d.marksWidth(marks)-1)
	titleH := float64(len(lines))*lineHeight(sizeH2) + 2.2
	first := lineHeight(sizeBody)
	if !d.atTop() {
		if d.fits(sectionGap+titleH+first, s.Footnotes) {
			d.y += sectionGap
		} else {
			d.newPage()
		}
	} else if !d.fits(titleH+first, s.Footnotes) {
		d.newPage()
	}
	d.mark(s.Footnotes)
	sect := d.tag.Root().Add(tagged.Sect)
	for _, n := range s.Footnotes {
		d.owner[n.Mark] = sect
	}
	d.sectionTitle(i, sect, lines, marks)
	for n, par := range s.Paragraphs {
		if n > 0 {
			d.y += paragraphGap
		}
		d.paragraphWords(sect.Add(tagged.P), d.words(par))
	}
}

// words cuts a paragraph into words at its spaces.
func (d *doc) words(par pack.Paragraph) []word {
	var out []word
	var cur word
	end := func() {
		if len(cur.segs) > 0 {
			out = append(out, cur)
		}
		cur = word{}
	}
	add := func(text string, bold bool) {
		if n := len(cur.segs); n > 0 && cur.segs[n-1].bold == bold && cur.segs[n-1].marks == nil {
			cur.segs[n-1].text += text
			return
		}
		cur.segs = append(cur.segs, segment{text: text, bold: bold})
	}
	for _, sp := range par.Spans {
		if f := sp.Figure; f != nil {
			text := pack.FormatCell(d.l, d.p.FigureColumn(f), f.Value, d.p.FigureWithheld(f), pack.Reader)
			cur.segs = append(cur.segs, segment{text: text, bold: sp.Bold, marks: d.p.FigureMarks(f)})
			for _, ref := range f.Notes {
				if n, ok := d.p.Footnote(ref); ok {
					cur.notes = append(cur.notes, n)
				}
			}
			continue
		}
		for j, part := range strings.Split(sp.Text, " ") {
			if j > 0 && !paragraphSign(cur) {
				end()
			} else if j > 0 {
				add(" ", sp.Bold) // "§ 107" reads as one word
			}
			if part != "" {
				add(part, sp.Bold)
			}
		}
	}
	end()
	return out
}

// paragraphSign reports a word that is a paragraph sign alone ("§", "§§"),
// which a line does not end on: "§ 107" stays on one line.
func paragraphSign(w word) bool {
	return len(w.segs) == 1 && w.segs[0].marks == nil && strings.Trim(w.segs[0].text, "§") == "" && w.segs[0].text != ""
}

// wordWidth is the width of a word in the body type, marks included.
func (d *doc) wordWidth(w word) float64 {
	width := 0.0
	for _, sg := range w.segs {
		d.setFont(style(sg.bold), sizeBody)
		width += d.width(sg.text) + d.marksWidth(sg.marks)
	}
	return width
}

func style(bold bool) string {
	if bold {
		return "B"
	}
	return ""
}

// paragraphWords writes words wrapped to the body width at the cursor,
// breaking pages between lines.
func (d *doc) paragraphWords(p *tagged.Elem, words []word) {
	d.setFont("", sizeBody)
	space := d.width(" ")
	lh := lineHeight(sizeBody)
	for len(words) > 0 {
		n, width := 0, 0.0
		for n < len(words) {
			w := d.wordWidth(words[n])
			if n > 0 && width+space+w > d.bodyW() {
				break
			}
			if n > 0 {
				width += space
			}
			width += w
			n++
		}
		line := words[:n]
		words = words[n:]
		var notes []pack.Footnote
		for _, w := range line {
			notes = append(notes, w.notes...)
		}
		if !d.fits(lh, notes) {
			d.newPage()
		}
		d.mark(notes)
		x, b := marginL, baseline(d.y, sizeBody)
		for k, w := range line {
			if k > 0 {
				x += space
			}
			for _, sg := range w.segs {
				d.setFont(style(sg.bold), sizeBody)
				d.textColor(colInk)
				d.textIn(p, x, b, sg.text)
				x += d.width(sg.text)
				x += d.marks(p, x, b, sizeBody, sg.marks)
			}
		}
		d.y += lh
	}
}
