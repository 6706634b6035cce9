package html

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// buildSection lays out one section: its footnote marks, chart, table (or
// a text's paragraphs), footnotes and steps. notes holds the footnote ids
// of the sections built before, for a text's figures to link to.
func buildSection(l locale.Locale, p *pack.Pack, s *pack.Section, ids *idSet, notes noteIDs) (sectionView, error) {
	lb := l.Labels
	title := s.Title
	if title == "" {
		title = s.ID
	}
	id := ids.take(s.ID)
	v := sectionView{
		ID:          id,
		HeadingID:   ids.take(id + "-title"),
		Title:       title,
		FootnotesID: ids.take(id + "-reservations"),
		StepsID:     ids.take(id + "-steps"),
	}

	cols := columns(s)

	// Every footnote is marked on the table caption and beside the chart;
	// one with Column set on that column's heading too. Each mark has its
	// own id; the footnote links back to the caption's mark, once. The
	// footnotes are listed in mark order, each mark once: footnotes
	// quoting one reservation share a mark (pack.NumberMarks).
	headMarks := make([][]markView, len(cols))
	v.noteIDs = make([]string, len(s.Footnotes))
	byMark := map[string]int{} // mark → index in v.Footnotes
	for _, i := range s.NoteOrder() {
		f := s.Footnotes[i]
		text := f.Mark
		if text == "" {
			text = strconv.Itoa(i + 1)
		}
		label := fmt.Sprintf(lb.FootnoteMark, text)
		k, seen := byMark[text]
		if !seen {
			k = len(v.Footnotes)
			byMark[text] = k
			v.Footnotes = append(v.Footnotes, footnoteView{ID: ids.take(id + "-fn-" + text), Mark: text, Text: f.Text})
		}
		fv := &v.Footnotes[k]
		v.noteIDs[i] = fv.ID
		mark := func(where string) markView {
			return markView{ID: ids.take(id + "-" + where + "-" + text), Href: fv.ID, Text: text, Label: label}
		}
		if !seen {
			m := mark("mark")
			v.Table.Marks = append(v.Table.Marks, m)
			fv.Back = []markView{{Href: m.ID, Text: "↩", Label: lb.BackToMark}}
			if s.Chart != nil {
				v.Chart = ensureChart(v.Chart)
				v.Chart.Marks = append(v.Chart.Marks, mark("chart-mark"))
			}
		}
		if f.Column != "" {
			for j, c := range cols {
				if c.Name == f.Column && !hasMarkView(headMarks[j], text) {
					headMarks[j] = append(headMarks[j], mark("col-mark"))
					break
				}
			}
		}
	}

	if s.Chart != nil {
		c := ensureChart(v.Chart)
		chartTitle := s.Chart.Title
		if chartTitle == "" {
			chartTitle = title
		}
		c.ContainerID = ids.take(id + "-chart")
		c.DataID = ids.take(id + "-chart-data")
		c.Title = chartTitle
		c.Note = lb.ChartTableNote
		c.Label = lb.Chart + ": " + chartTitle + ". " + lb.ChartTableNote
		if w := s.ChartWithheldNames(); len(w) > 0 {
			c.Label += " " + lb.ChartWithheld + ": " + strings.Join(w, "; ") + "."
		}
		c.ValueType = s.Chart.ValueType
		c.Decimals = s.Chart.Decimals
		opt, err := chartOption(s, jsIdent(id))
		if err != nil {
			return v, err
		}
		c.Option = opt
		v.Chart = c
	}

	if s.Kind == pack.KindText {
		v.TitleMarks = v.Table.Marks
		notes.record(s, v) // a figure may carry the text's own footnote
		buildText(l, p, s, &v, notes, ids)
	} else {
		v.Table = buildTable(l, p, s, cols, v.Table.Marks, headMarks, title)
		v.Wide = printWidth(v.Table) > printRoom
	}

	for i, st := range s.Steps {
		rows := ""
		if st.Rows >= 0 {
			rows = l.Integer(st.Rows)
		}
		v.Steps = append(v.Steps, stepView{N: l.Integer(int64(i + 1)), Text: st.Text, Rows: rows})
	}
	return v, nil
}

// hasMarkView reports whether marks holds a mark with text.
func hasMarkView(marks []markView, text string) bool {
	for _, m := range marks {
		if m.Text == text {
			return true
		}
	}
	return false
}

// printRoom is the text width of an upright A4 page with the print
// stylesheet's 15 mm margins, in CSS pixels (180 mm).
const printRoom = 680

// printWidth estimates how wide a table prints, in CSS pixels, from the
// length of its texts: 6.6 px a character in the 9 pt print type (a
// digit's width, the widest common character of a figure), a heading by
// its longest word (headings wrap between words), a flagged row's flag
// beside its first cell, and each cell's padding. The browser test holds the estimate to the real width.
func printWidth(t tableView) float64 {
	const perChar, padding, markChars = 6.6, 12, 2
	rows := append([]rowView(nil), t.Rows...)
	if t.Total != nil {
		rows = append(rows, *t.Total)
	}
	total := 0.0
	for c, h := range t.Head {
		chars := 0
		for _, w := range strings.Fields(h.Label) {
			chars = max(chars, utf8.RuneCountInString(w))
		}
		chars += markChars * len(h.Marks)
		for _, r := range rows {
			if c < len(r.Cells) {
				n := utf8.RuneCountInString(r.Cells[c].Text)
				if c == 0 && r.Flag != "" {
					n += utf8.RuneCountInString(r.Flag) + 2 // the flag stands beside the first cell
				}
				chars = max(chars, n)
			}
		}
		total += float64(chars)*perChar + padding
	}
	return total
}

// ensureChart returns c, or a new chart view when c is nil.
func ensureChart(c *chartView) *chartView {
	if c == nil {
		return &chartView{}
	}
	return c
}

// columns returns a section's column descriptions, one per column: from
// ColumnInfo where given, else a text column named after Columns.
func columns(s *pack.Section) []pack.Column {
	n := max(len(s.Columns), len(s.ColumnInfo))
	cols := make([]pack.Column, n)
	for i := range cols {
		if i < len(s.ColumnInfo) {
			cols[i] = s.ColumnInfo[i]
		}
		if cols[i].Name == "" && i < len(s.Columns) {
			cols[i].Name = s.Columns[i]
		}
		if cols[i].Label == "" {
			cols[i].Label = cols[i].Name
		}
		if cols[i].Type == "" {
			cols[i].Type = pack.TypeString
		}
	}
	return cols
}

// buildTable formats a section's table: headings with their marks, rows
// with suppressed, revised and flagged cells marked, and the total row.
func buildTable(l locale.Locale, p *pack.Pack, s *pack.Section, cols []pack.Column, marks []markView, headMarks [][]markView, caption string) tableView {
	t := tableView{Caption: caption, Marks: marks}
	for j, c := range cols {
		t.Head = append(t.Head, headView{Label: c.Label, Parts: strings.SplitAfter(c.Label, "_"), Numeric: pack.Numeric(c.Type), Marks: headMarks[j]})
	}

	type at struct{ r, c int }
	suppressed := map[at]bool{}
	for _, rc := range s.Suppressed {
		suppressed[at{rc[0], rc[1]}] = true
	}
	revised := map[at]any{}
	for _, r := range s.Revised {
		revised[at{r.Row, r.Col}] = r.Previous
	}
	flagged := map[int]bool{}
	for _, r := range s.Flagged {
		flagged[r] = true
	}

	row := func(r int, cells []any) rowView {
		var rv rowView
		if flagged[r] {
			rv.Flag = l.Labels.Flagged
		}
		for j, c := range cols {
			withheld := suppressed[at{r, j}]
			cv := withheldCell(l, p, c, withheld)
			cv.Text = s.CellText(l, r, j, pack.Reader)
			if prev, ok := revised[at{r, j}]; ok && !withheld {
				cv.Revised = fmt.Sprintf(l.Labels.Revised, pack.Format(l, c, prev, pack.Reader))
			}
			rv.Cells = append(rv.Cells, cv)
		}
		return rv
	}
	for i, cells := range s.Rows {
		t.Rows = append(t.Rows, row(i, cells))
	}
	if s.Total != nil {
		tr := row(len(s.Rows), s.Total)
		t.Total = &tr
	}
	return t
}

// cellFor formats one figure of column c as a table cell shows it; a
// withheld one shows the withheld mark, never a value, even one left in
// the model. Quoted figures in a text use it, so they read as in their
// table.
func cellFor(l locale.Locale, p *pack.Pack, c pack.Column, v any, withheld bool) cellView {
	cv := withheldCell(l, p, c, withheld)
	cv.Text = pack.FormatCell(l, c, v, withheld, pack.Reader)
	return cv
}

// withheldCell is a cell of column c with its alignment and, when
// withheld, the expansion of the withheld mark; the caller sets its text.
func withheldCell(l locale.Locale, p *pack.Pack, c pack.Column, withheld bool) cellView {
	cv := cellView{Numeric: pack.Numeric(c.Type)}
	if withheld {
		cv.Abbr = l.Labels.Withheld
		if p.MinCount > 0 {
			cv.Abbr = fmt.Sprintf(l.Labels.Suppressed, p.MinCount)
		}
	}
	return cv
}

// idSet hands out ids unique in one page. Each Render has its own.
type idSet struct {
	taken map[string]bool
}

func newIDs() *idSet { return &idSet{taken: map[string]bool{}} }

// take returns want made safe for an id and a fragment (letters, digits,
// "-" and "_"; anything else becomes "-"), with "-2", "-3", ... appended
// when it is already taken.
func (s *idSet) take(want string) string {
	var b strings.Builder
	for _, r := range want {
		if r < 128 && (r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z') {
		id = "s-" + id
	}
	for n, base := 2, id; s.taken[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.taken[id] = true
	return id
}

// jsIdent makes an id into a chart id go-echarts can use as a JavaScript
// variable name: letters, digits and "_" only.
func jsIdent(id string) string {
	return "chart_" + strings.Map(func(r rune) rune {
		if r == '-' {
			return '_'
		}
		return r
	}, id)
}
