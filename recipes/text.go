package recipes

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textPlan is a text section, parsed: paragraphs of words and references
// to figures of other sections.
type textPlan struct {
	paragraphs [][]textSpan
	// path is the text's key path, e.g. "sections[0].text".
	path string
}

// textSpan is a run of words, or one figure reference.
type textSpan struct {
	text string
	bold bool
	ref  *figureRef
}

// figureRef is {SECTION.total.MEASURE} or {SECTION["V1", ...].MEASURE}.
type figureRef struct {
	// src is the reference between the braces, spaces trimmed.
	src     string
	section string
	// values are the group values quoted; nil for the total.
	values  []string
	total   bool
	measure string
	// where each part starts in the recipe, for faults.
	sectionPos, valuesPos, measurePos Pos
	// target is the section quoted, once checked; col its column.
	target *sectionPlan
	col    int
}

// textKeys are the section keys a text section takes; any other is a fault.
var textKeys = []string{"id", "title", "text", "reservations"}

// checkText parses a text section. Faults inside the text are placed at
// their line and column in the recipe; references are checked against
// the sections they quote later, by checkFigures, once every section is.
func checkText(p *problems, data []byte, s *Section, sec *sectionPlan, path string) {
	for _, key := range []string{"from", "where", "group_by", "measures", "compute", "join", "derive", "chart", "reconcile", "compare", "budget", "alert", "total", "order_by", "labels", "decimals", "disclosure"} {
		if sectionKeySet(s, key) {
			p.addf(s.pos, path+"."+key, ErrBadValue, "a text section takes no %q: it quotes figures of other sections, as {overview.total.cost_per_day}", key)
		}
	}
	sec.text = &textPlan{path: path + ".text"}
	at := func(offset int) Pos { return scalarPos(data, s.Text, offset) }
	for _, par := range paragraphs(s.Text.Value) {
		spans := parseParagraph(p, par, at, path+".text")
		if len(spans) > 0 {
			sec.text.paragraphs = append(sec.text.paragraphs, spans)
		}
	}
}

// paraText is a paragraph's text, its lines joined by spaces, with the
// offset in the scalar's value of each of its bytes.
type paraText struct {
	text    string
	offsets []int
}

// paragraphs splits a text at blank lines and joins each paragraph's lines.
func paragraphs(value string) []paraText {
	var out []paraText
	var cur paraText
	flush := func() {
		if cur.text != "" {
			out = append(out, cur)
		}
		cur = paraText{}
	}
	start := 0
	for _, line := range strings.SplitAfter(value, "\n") {
		off := start
		start += len(line)
		trimmed := strings.TrimRight(line, " \t\r\n")
		lead := len(trimmed) - len(strings.TrimLeft(trimmed, " \t"))
		trimmed = trimmed[lead:]
		if trimmed == "" {
			flush()
			continue
		}
		if cur.text != "" {
			cur.text += " "
			cur.offsets = append(cur.offsets, off-1)
		}
		cur.text += trimmed
		for i := range len(trimmed) {
			cur.offsets = append(cur.offsets, off+lead+i)
		}
	}
	flush()
	return out
}

// parseParagraph cuts a paragraph into words and references: ** toggles
// bold, {…} is a reference, {{ and }} are braces.
func parseParagraph(p *problems, par paraText, at func(int) Pos, path string) []textSpan {
	var spans []textSpan
	var words strings.Builder
	bold, boldAt := false, 0
	flush := func() {
		if words.Len() > 0 {
			spans = append(spans, textSpan{text: words.String(), bold: bold})
			words.Reset()
		}
	}
	s := par.text
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "**"):
			flush()
			bold, boldAt = !bold, i
			i += 2
		case strings.HasPrefix(s[i:], "{{"), strings.HasPrefix(s[i:], "}}"):
			words.WriteByte(s[i])
			i += 2
		case s[i] == '{':
			end := referenceEnd(s, i)
			if end < 0 {
				p.addf(at(par.offsets[i]), path, ErrBadValue, "this { opens a figure reference that is never closed with }; write {{ for a brace")
				return nil
			}
			flush()
			if ref, ok := parseReference(p, s, i+1, end, par.offsets, at, path); ok {
				spans = append(spans, textSpan{ref: ref, bold: bold})
			}
			i = end + 1
		default:
			words.WriteByte(s[i])
			i++
		}
	}
	flush()
	if bold {
		p.addf(at(par.offsets[boldAt]), path, ErrBadValue, "this ** starts bold text that the paragraph never ends with **")
	}
	return spans
}

// referenceEnd returns the index of the } that closes the reference opened
// at s[open], skipping quoted values; -1 when there is none.
func referenceEnd(s string, open int) int {
	quote := byte(0)
	for i := open + 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0 && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '}':
			return i
		case c == '{':
			return -1
		}
	}
	return -1
}

// refSyntax is the hint for a reference that does not parse.
const refSyntax = `a figure is quoted as {section.total.measure} or {section["value"].measure}`

// parseReference parses s[from:to], the text between a reference's braces.
func parseReference(p *problems, s string, from, to int, offsets []int, at func(int) Pos, path string) (*figureRef, bool) {
	ref := &figureRef{src: strings.TrimSpace(s[from:to])}
	i := from
	pos := func(i int) Pos { return at(offsets[min(i, len(offsets)-1)]) }
	fail := func(i int, format string, args ...any) (*figureRef, bool) {
		p.addf(pos(i), path, ErrBadValue, "%s (%s)", fmt.Sprintf(format, args...), refSyntax)
		return nil, false
	}
	skipSpace := func() {
		for i < to && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	name := func() string {
		start := i
		for i < to {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' {
				break
			}
			i += size
		}
		return s[start:i]
	}
	skipSpace()
	ref.sectionPos = pos(i)
	if ref.section = name(); ref.section == "" {
		return fail(i, "a figure reference starts with a section id")
	}
	switch {
	case strings.HasPrefix(s[i:to], ".total."):
		ref.total = true
		i += len(".total.")
	case i < to && s[i] == '[':
		ref.valuesPos = pos(i)
		i++
		for {
			skipSpace()
			if i >= to || s[i] != '"' && s[i] != '\'' {
				return fail(i, "a group value is written in quotes")
			}
			v, next, ok := quoted(s, i, to)
			if !ok {
				return fail(i, "the quoted value is not closed")
			}
			ref.values = append(ref.values, v)
			i = next
			skipSpace()
			if i < to && s[i] == ',' {
				i++
				continue
			}
			break
		}
		if !strings.HasPrefix(s[i:to], "].") {
			return fail(i, `the group values end with "]." and the measure`)
		}
		i += 2
	default:
		return fail(i, `after the section id comes ".total." or ["value"]`)
	}
	ref.measurePos = pos(i)
	if ref.measure = name(); ref.measure == "" {
		return fail(i, "the reference ends with the measure quoted")
	}
	skipSpace()
	if i < to {
		return fail(i, "unexpected %q after the measure", s[i:to])
	}
	return ref, true
}

// quoted reads the quoted value starting at s[i]; \" and \\ are escapes.
func quoted(s string, i, to int) (value string, next int, ok bool) {
	q := s[i]
	var b strings.Builder
	for j := i + 1; j < to; j++ {
		switch s[j] {
		case '\\':
			if j+1 < to {
				j++
				b.WriteByte(s[j])
			}
		case q:
			return b.String(), j + 1, true
		default:
			b.WriteByte(s[j])
		}
	}
	return "", to, false
}

// checkFigures checks every reference of the text sections against the
// section it quotes: the section exists and has a table, the measure is
// one of its figure columns, the values are one per group column, and a
// total exists.
func checkFigures(p *problems, pl *Plan) {
	byID := map[string]*sectionPlan{}
	var ids []string
	for _, sec := range pl.sections {
		byID[sec.id] = sec
	}
	idMisspelt := false
	for i, s := range pl.Recipe.Sections {
		ids = append(ids, s.ID.Value)
		idMisspelt = idMisspelt || p.meant[fmt.Sprintf("sections[%d].id", i)]
	}
	for _, sec := range pl.sections {
		if sec.text == nil {
			continue
		}
		for _, par := range sec.text.paragraphs {
			for _, sp := range par {
				if sp.ref != nil {
					if byID[sp.ref.section] != nil || !idMisspelt {
						checkFigure(p, byID, ids, sp.ref, sec.text.path)
					}
				}
			}
		}
	}
}

func checkFigure(p *problems, byID map[string]*sectionPlan, ids []string, ref *figureRef, path string) {
	t := byID[ref.section]
	switch {
	case t == nil && contains(ids, ref.section):
		return // the section failed its own checks, reported there
	case t == nil:
		p.addf(ref.sectionPos, path, ErrUnknownSection, "no section has the id %q%s", ref.section, hintFor(ref.section, ids))
		return
	case t.text != nil:
		p.addf(ref.sectionPos, path, ErrBadValue, "section %q is a text; quote figures from a section with a table", ref.section)
		return
	case t.reconcile != nil || t.alert != nil && t.alert.list:
		p.addf(ref.sectionPos, path, ErrBadValue, "section %q lists rows, not figures by group; quote figures from a grouped table", ref.section)
		return
	}
	if t.unsureTable {
		return // a key that defines its table is misspelt, reported there
	}
	groups := len(t.groups)
	figures := t.columns[groups:]
	ref.target, ref.col = t, indexOf(t.columns, ref.measure)
	if t.doubtGroups {
		return // its group columns are at fault, reported there
	}
	if ref.col < groups && !t.doubt[ref.measure] {
		if ref.col >= 0 {
			p.addf(ref.measurePos, path, ErrUnknownColumn, "%q is a group column of section %q; quote a measure%s", ref.measure, ref.section, hintFor(ref.measure, figures))
		} else {
			p.addf(ref.measurePos, path, ErrUnknownColumn, "section %q has no measure %q%s (its figures: %s)", ref.section, ref.measure, hintFor(ref.measure, figures), strings.Join(figures, ", "))
		}
	}
	switch {
	case ref.total && groups > 0 && !t.total:
		p.addf(ref.sectionPos, path, ErrBadValue, "section %q has no total row: add `total: true` to it, or quote a row as %s[\"value\"]", ref.section, ref.section)
	case !ref.total && groups == 0:
		p.addf(ref.valuesPos, path, ErrBadValue, "section %q has no group_by, so it has one row: quote it as {%s.total.%s}", ref.section, ref.section, ref.measure)
	case !ref.total && len(ref.values) != groups:
		names := t.columns[:groups]
		p.addf(ref.valuesPos, path, ErrBadValue, "section %q is grouped by %d %s (%s); the reference gives %d %s", ref.section,
			groups, plural(groups, "column", "columns"), strings.Join(names, ", "), len(ref.values), plural(len(ref.values), "value", "values"))
	}
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}
