package recipes

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// textKeys are the section keys a text section takes; any other is a fault.
var textKeys = []string{"id", "title", "text", "reservations"}

// checkText parses a text section. Faults inside the text are placed at
// their line and column in the recipe; references are checked against
// the sections they quote later, by checkFigures, once every section is.
func checkText(p *fault.Problems, data []byte, s *Section, sec *engine.SectionPlan, path string) {
	for _, key := range []string{"from", "where", "group_by", "measures", "compute", "join", "derive", "chart", "reconcile", "compare", "budget", "alert", "total", "order_by", "labels", "decimals", "disclosure"} {
		if sectionKeySet(s, key) {
			p.Addf(s.pos, path+"."+key, fault.ErrBadValue, "a text section takes no %q: it quotes figures of other sections, as {overview.total.cost_per_day}", key)
		}
	}
	sec.Text = &engine.TextPlan{Path: path + ".text"}
	at := func(offset int) fault.Pos { return scalarPos(data, s.Text, offset) }
	for _, par := range paragraphs(s.Text.Value) {
		spans := parseParagraph(p, par, at, path+".text")
		if len(spans) > 0 {
			sec.Text.Paragraphs = append(sec.Text.Paragraphs, spans)
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
func parseParagraph(p *fault.Problems, par paraText, at func(int) fault.Pos, path string) []engine.TextSpan {
	var spans []engine.TextSpan
	var words strings.Builder
	bold, boldAt := false, 0
	flush := func() {
		if words.Len() > 0 {
			spans = append(spans, engine.TextSpan{Text: words.String(), Bold: bold})
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
				p.Addf(at(par.offsets[i]), path, fault.ErrBadValue, "this { opens a figure reference that is never closed with }; write {{ for a brace")
				return nil
			}
			flush()
			if ref, ok := parseReference(p, s, i+1, end, par.offsets, at, path); ok {
				spans = append(spans, engine.TextSpan{Ref: ref, Bold: bold})
			}
			i = end + 1
		default:
			words.WriteByte(s[i])
			i++
		}
	}
	flush()
	if bold {
		p.Addf(at(par.offsets[boldAt]), path, fault.ErrBadValue, "this ** starts bold text that the paragraph never ends with **")
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
func parseReference(p *fault.Problems, s string, from, to int, offsets []int, at func(int) fault.Pos, path string) (*engine.FigureRef, bool) {
	ref := &engine.FigureRef{Src: strings.TrimSpace(s[from:to])}
	i := from
	pos := func(i int) fault.Pos { return at(offsets[min(i, len(offsets)-1)]) }
	fail := func(i int, format string, args ...any) (*engine.FigureRef, bool) {
		p.Addf(pos(i), path, fault.ErrBadValue, "%s (%s)", fmt.Sprintf(format, args...), refSyntax)
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
	ref.SectionPos = pos(i)
	if ref.Section = name(); ref.Section == "" {
		return fail(i, "a figure reference starts with a section id")
	}
	switch {
	case strings.HasPrefix(s[i:to], ".total."):
		ref.Total = true
		i += len(".total.")
	case i < to && s[i] == '[':
		ref.ValuesPos = pos(i)
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
			ref.Values = append(ref.Values, v)
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
	ref.MeasurePos = pos(i)
	if ref.Measure = name(); ref.Measure == "" {
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
func checkFigures(p *fault.Problems, r *Recipe, pl *engine.Plan) {
	byID := map[string]*engine.SectionPlan{}
	var ids []string
	for _, sec := range pl.Sections {
		byID[sec.ID] = sec
	}
	idMisspelt := false
	for i, s := range r.Sections {
		ids = append(ids, s.ID.Value)
		idMisspelt = idMisspelt || p.Meant[fmt.Sprintf("sections[%d].id", i)]
	}
	for _, sec := range pl.Sections {
		if sec.Kind() != engine.KindText {
			continue
		}
		for _, par := range sec.Text.Paragraphs {
			for _, sp := range par {
				if sp.Ref != nil {
					if byID[sp.Ref.Section] != nil || !idMisspelt {
						checkFigure(p, byID, ids, sp.Ref, sec.Text.Path)
					}
				}
			}
		}
	}
}

func checkFigure(p *fault.Problems, byID map[string]*engine.SectionPlan, ids []string, ref *engine.FigureRef, path string) {
	t := byID[ref.Section]
	switch {
	case t == nil && engine.Contains(ids, ref.Section):
		return // the section failed its own checks, reported there
	case t == nil:
		p.Addf(ref.SectionPos, path, fault.ErrUnknownSection, "no section has the id %q%s", ref.Section, engine.HintFor(ref.Section, ids))
		return
	case t.Kind() == engine.KindText:
		p.Addf(ref.SectionPos, path, fault.ErrBadValue, "section %q is a text; quote figures from a section with a table", ref.Section)
		return
	case t.Kind() == engine.KindReconcile || t.Alert != nil && t.Alert.List:
		p.Addf(ref.SectionPos, path, fault.ErrBadValue, "section %q lists rows, not figures by group; quote figures from a grouped table", ref.Section)
		return
	}
	if t.UnsureTable {
		return // a key that defines its table is misspelt, reported there
	}
	groups := len(t.Groups)
	figures := t.Columns[groups:]
	ref.Target, ref.Col = t, engine.IndexOf(t.Columns, ref.Measure)
	if t.DoubtGroups {
		return // its group columns are at fault, reported there
	}
	if ref.Col < groups && !t.Doubt[ref.Measure] {
		if ref.Col >= 0 {
			p.Addf(ref.MeasurePos, path, fault.ErrUnknownColumn, "%q is a group column of section %q; quote a measure%s", ref.Measure, ref.Section, engine.HintFor(ref.Measure, figures))
		} else {
			p.Addf(ref.MeasurePos, path, fault.ErrUnknownColumn, "section %q has no measure %q%s (its figures: %s)", ref.Section, ref.Measure, engine.HintFor(ref.Measure, figures), strings.Join(figures, ", "))
		}
	}
	switch {
	case ref.Total && groups > 0 && !t.Total:
		p.Addf(ref.SectionPos, path, fault.ErrBadValue, "section %q has no total row: add `total: true` to it, or quote a row as %s[\"value\"]", ref.Section, ref.Section)
	case !ref.Total && groups == 0:
		p.Addf(ref.ValuesPos, path, fault.ErrBadValue, "section %q has no group_by, so it has one row: quote it as {%s.total.%s}", ref.Section, ref.Section, ref.Measure)
	case !ref.Total && len(ref.Values) != groups:
		names := t.Columns[:groups]
		p.Addf(ref.ValuesPos, path, fault.ErrBadValue, "section %q is grouped by %d %s (%s); the reference gives %d %s", ref.Section,
			groups, plural(groups, "column", "columns"), strings.Join(names, ", "), len(ref.Values), plural(len(ref.Values), "value", "values"))
	}
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}
