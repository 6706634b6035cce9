package recipes

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mipack/mipack/render/locale"
)

// What a reader sees of the recipe: the engine never shows a recipe's own
// names (sources, columns, measures, section ids) or its expressions in a
// pack. A source is named by its label (sources.NAME.label, default the
// file's name without its extension), a column by its label (the
// section's labels, else the extract's own header, from:), a measure by
// its label (else a default made from its aggregate and its column's
// label: "Antal borgere", "Døgnpris, i alt"), and an expression is said in
// words (see sayer) unless the recipe describes it (where_text).

// readerName is the source as a reader knows it.
func (s *sourcePlan) readerName() string {
	if s.spec != nil && strings.TrimSpace(s.spec.Label.Value) != "" {
		return strings.TrimSpace(s.spec.Label.Value)
	}
	base := filepath.Base(s.path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// words are the section's engine texts, in the pack's language.
func (sec *sectionPlan) words() *words {
	if sec.w == nil {
		return &englishWords
	}
	return sec.w
}

// label is a column's heading: the recipe's label, else a measure's
// default label, else the extract's header (or the column's own label) for a column read from one,
// else (a derived or computed column) its name, which validate warns about.
func (sec *sectionPlan) label(name string) string {
	l, _ := sec.ownLabel(name)
	return l
}

// ownLabel is label, with false where nothing better than the recipe's
// name is known.
func (sec *sectionPlan) ownLabel(name string) (string, bool) {
	if l := strings.TrimSpace(sec.labels[name]); l != "" {
		return l, true
	}
	for i := range sec.measures {
		if m := &sec.measures[i]; m.name == name {
			return sec.measureLabel(m), true
		}
	}
	if sec.isFigure(name) {
		return name, false
	}
	if i := sec.schema.index(name); i >= 0 {
		return sec.rowWords(i)
	}
	return name, false
}

// isFigure reports a measure or computed column: a label under its name
// is the figure's, not a row column's.
func (sec *sectionPlan) isFigure(name string) bool {
	for _, m := range sec.measures {
		if m.name == name {
			return true
		}
	}
	for _, c := range sec.computes {
		if c.name == name {
			return true
		}
	}
	return false
}

// rowWords says a column of the rows (before grouping): the recipe's
// label for it, else its extract's header (or the column's own label), else a derived column's
// expression in words; false where only its name is known.
func (sec *sectionPlan) rowWords(i int) (string, bool) {
	name := sec.schema.names[i]
	if l := strings.TrimSpace(sec.labels[name]); l != "" && !sec.isFigure(name) {
		return l, true
	}
	if ref := sec.schema.refs[i]; ref != nil && ref.src != nil && ref.col >= 0 && ref.col < len(ref.src.cols) {
		return ref.src.cols[ref.col].label, true
	}
	for _, d := range sec.derives {
		if d.name == name {
			return sec.say(d.expr.src.Value, sec.rowName), false
		}
	}
	return name, false
}

// rowName is a row column as an expression over rows names it.
func (sec *sectionPlan) rowName(name string) string {
	if i := sec.schema.index(name); i >= 0 {
		w, _ := sec.rowWords(i)
		return w
	}
	return name
}

// colWords says a row column inside a sentence about an aggregate: the
// subject as "borgere", others as rowWords.
func (sec *sectionPlan) colWords(i int) string {
	if i < 0 {
		return ""
	}
	if sec.schema.field[i] == sec.subjectName || sec.schema.names[i] == sec.subjectName {
		return sec.words().persons
	}
	w, _ := sec.rowWords(i)
	return w
}

// measureLabel is a measure's default heading (the recipe's labels
// override it).
func (sec *sectionPlan) measureLabel(m *measurePlan) string {
	w := sec.words()
	if m.col < 0 {
		return w.labels["count"]
	}
	if m.fn == "count_distinct" && sec.colWords(m.col) == w.persons {
		return w.labels["subjects"]
	}
	col := sec.colWords(m.col)
	if m.fn == "count" {
		return fmt.Sprintf(w.labels["count_col"], col)
	}
	return fmt.Sprintf(w.labels[m.fn], col)
}

// subjectWords names the disclosure subject's column as the extract does
// ("CPR-løbenr"), to say how persons are told apart.
func (sec *sectionPlan) subjectWords() string {
	if sec.subject >= 0 {
		if h, ok := sec.rowWords(sec.subject); ok {
			return h
		}
	}
	if rp := sec.reconcile; rp != nil {
		for _, side := range []struct {
			sp *sourcePlan
			c  int
		}{{rp.left, rp.lsubj}, {rp.right, rp.rsubj}} {
			if side.c >= 0 {
				return side.sp.cols[side.c].label
			}
		}
	}
	return sec.subjectName
}

// say says an expression of the section in words, naming what it reads
// with name: rowName for an expression over rows, label for compute.
func (sec *sectionPlan) say(src string, name func(string) string) string {
	w := sec.words()
	return sayer{
		w:     w.expr,
		loc:   locale.For(w.tag),
		label: name,
		typ: func(name string) valType {
			if i := sec.schema.index(name); i >= 0 {
				return sec.schema.types[i]
			}
			return tAny
		},
	}.say(src)
}

// whereWords is the section's filter as a reader reads it: the recipe's
// where_text, else the expression in words.
func (sec *sectionPlan) whereWords() string {
	if t := strings.Join(strings.Fields(sec.spec.WhereText.Value), " "); t != "" {
		return t
	}
	return sec.say(sec.where.src.Value, sec.rowName)
}

// keyWords are join or reconcile key columns, by their labels.
func (sec *sectionPlan) keyWords(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = sec.rowName(n)
	}
	return strings.Join(out, ", ")
}

// sourceSay says an expression over one source's own columns (end_before).
func sourceSay(w *words, sp *sourcePlan, src string) string {
	return sayer{
		w:   w.expr,
		loc: locale.For(w.tag),
		label: func(name string) string {
			if i := sp.col(name); i >= 0 {
				return sp.cols[i].label
			}
			return name
		},
		typ: func(name string) valType {
			if i := sp.col(name); i >= 0 {
				return sp.cols[i].typ
			}
			return tAny
		},
	}.say(src)
}

// ErrReaderSeesName marks a warning of Plan.Warnings: a reader would see
// a recipe name where a label belongs.
var ErrReaderSeesName = errors.New("readers see a recipe name")

// Warnings lists, at their places in the recipe, the columns a reader
// would see by their recipe name: a source column whose header is that
// name (no from: or label:), and a computed column without a label. They
// are warnings, not faults: the pack is made all the same.
func (pl *Plan) Warnings() []*Error {
	p := &problems{file: pl.Recipe.File}
	for _, sp := range pl.sources {
		for _, c := range sp.cols {
			if c.label == c.name && strings.ContainsAny(c.name, "_.") {
				p.addf(c.pos, "sources."+sp.name+".columns."+c.name, ErrReaderSeesName,
					"readers see this column as %q. Try: {from: %q, label: \"words a reader knows\"}", c.name, c.header)
			}
		}
	}
	for i, sec := range pl.sections {
		if sec.hidden {
			continue
		}
		for _, c := range sec.spec.Compute {
			name := c.Name.Value
			if _, ok := sec.ownLabel(name); !ok {
				p.addf(c.Name.Pos, fmt.Sprintf("sections[%d].compute.%s", i, name), ErrReaderSeesName,
					"readers see this column headed %q. Try: labels: {%s: \"words a reader knows\"}", name, name)
			}
		}
	}
	slices.SortStableFunc(p.errs, func(a, b *Error) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) })
	return p.errs
}
