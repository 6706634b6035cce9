package engine

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
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

// ReaderName is the source as a reader knows it.
func (s *SourcePlan) ReaderName() string {
	if strings.TrimSpace(s.Label) != "" {
		return strings.TrimSpace(s.Label)
	}
	base := filepath.Base(s.Path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// words are the section's engine texts, in the pack's language.
func (sec *SectionPlan) words() *words {
	if sec.W == nil {
		return &englishWords
	}
	return sec.W
}

// Label is a column's heading: the recipe's label, else a measure's
// default label, else the extract's header (or the column's own label) for a column read from one,
// else (a derived or computed column) its name, which validate warns about.
func (sec *SectionPlan) Label(name string) string {
	l, _ := sec.ownLabel(name)
	return l
}

// ownLabel is label, with false where nothing better than the recipe's
// name is known.
func (sec *SectionPlan) ownLabel(name string) (string, bool) {
	if l := strings.TrimSpace(sec.Labels[name]); l != "" {
		return l, true
	}
	for i := range sec.Measures {
		if m := &sec.Measures[i]; m.Name == name {
			return sec.measureLabel(m), true
		}
	}
	if sec.isFigure(name) {
		return name, false
	}
	if i := sec.Schema.Index(name); i >= 0 {
		return sec.rowWords(i)
	}
	return name, false
}

// isFigure reports a measure or computed column: a label under its name
// is the figure's, not a row column's.
func (sec *SectionPlan) isFigure(name string) bool {
	for _, m := range sec.Measures {
		if m.Name == name {
			return true
		}
	}
	for _, c := range sec.Computes {
		if c.Name == name {
			return true
		}
	}
	return false
}

// rowWords says a column of the rows (before grouping): the recipe's
// label for it, else its extract's header (or the column's own label), else a derived column's
// expression in words; false where only its name is known.
func (sec *SectionPlan) rowWords(i int) (string, bool) {
	name := sec.Schema.Names[i]
	if l := strings.TrimSpace(sec.Labels[name]); l != "" && !sec.isFigure(name) {
		return l, true
	}
	if ref := sec.Schema.Refs[i]; ref != nil && ref.Src != nil && ref.Col >= 0 && ref.Col < len(ref.Src.Cols) {
		return ref.Src.Cols[ref.Col].Label, true
	}
	for _, d := range sec.Derives {
		if d.Name == name {
			return sec.say(d.Expr.Text, sec.rowName), false
		}
	}
	return name, false
}

// rowName is a row column as an expression over rows names it.
func (sec *SectionPlan) rowName(name string) string {
	if i := sec.Schema.Index(name); i >= 0 {
		w, _ := sec.rowWords(i)
		return w
	}
	return name
}

// colWords says a row column inside a sentence about an aggregate: the
// subject as "borgere", others as rowWords.
func (sec *SectionPlan) colWords(i int) string {
	if i < 0 {
		return ""
	}
	if sec.Schema.field[i] == sec.SubjectName || sec.Schema.Names[i] == sec.SubjectName {
		return sec.words().Persons
	}
	w, _ := sec.rowWords(i)
	return w
}

// measureLabel is a measure's default heading (the recipe's labels
// override it).
func (sec *SectionPlan) measureLabel(m *MeasurePlan) string {
	w := sec.words()
	if m.Col < 0 {
		return w.MeasureLabels["count"]
	}
	if m.Fn == AggCountDistinct && sec.colWords(m.Col) == w.Persons {
		return w.MeasureLabels["subjects"]
	}
	col := sec.colWords(m.Col)
	if m.Fn == AggCount {
		return fmt.Sprintf(w.MeasureLabels["count_col"], col)
	}
	return fmt.Sprintf(w.MeasureLabels[m.Fn.String()], col)
}

// subjectWords names the disclosure subject's column as the extract does
// ("CPR-løbenr"), to say how persons are told apart.
func (sec *SectionPlan) subjectWords() string {
	if sec.Subject >= 0 {
		if h, ok := sec.rowWords(sec.Subject); ok {
			return h
		}
	}
	if rp := sec.Reconcile; rp != nil {
		for _, side := range []struct {
			sp *SourcePlan
			c  int
		}{{rp.Left, rp.Lsubj}, {rp.Right, rp.Rsubj}} {
			if side.c >= 0 {
				return side.sp.Cols[side.c].Label
			}
		}
	}
	return sec.SubjectName
}

// say says an expression of the section in words, naming what it reads
// with name: rowName for an expression over rows, label for compute.
func (sec *SectionPlan) say(src string, name func(string) string) string {
	w := sec.words()
	return sayer{
		w:     &w.Expr,
		loc:   locale.For(w.tag),
		label: name,
		typ: func(name string) expr.Type {
			if i := sec.Schema.Index(name); i >= 0 {
				return sec.Schema.Types[i]
			}
			return expr.TAny
		},
	}.say(src)
}

// whereWords is the section's filter as a reader reads it: the recipe's
// where_text, else the expression in words.
func (sec *SectionPlan) whereWords() string {
	if t := strings.Join(strings.Fields(sec.Written.WhereText), " "); t != "" {
		return t
	}
	return sec.say(sec.Where.Text, sec.rowName)
}

// keyWords are join or reconcile key columns, by their labels.
func (sec *SectionPlan) keyWords(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = sec.rowName(n)
	}
	return strings.Join(out, ", ")
}

// sourceSay says an expression over one source's own columns (end_before).
func sourceSay(w *words, sp *SourcePlan, src string) string {
	return sayer{
		w:   &w.Expr,
		loc: locale.For(w.tag),
		label: func(name string) string {
			if i := sp.Col(name); i >= 0 {
				return sp.Cols[i].Label
			}
			return name
		},
		typ: func(name string) expr.Type {
			if i := sp.Col(name); i >= 0 {
				return sp.Cols[i].Typ
			}
			return expr.TAny
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
func (pl *Plan) Warnings() []*fault.Error {
	p := &fault.Problems{File: pl.Head.File}
	for _, sp := range pl.Sources {
		for _, c := range sp.Cols {
			if c.Label == c.Name && strings.ContainsAny(c.Name, "_.") {
				p.Addf(c.Pos, "sources."+sp.Name+".columns."+c.Name, ErrReaderSeesName,
					"readers see this column as %q. Try: {from: %q, label: \"words a reader knows\"}", c.Name, c.Header)
			}
		}
	}
	for i, sec := range pl.Sections {
		if sec.Hidden {
			continue
		}
		for _, c := range sec.Written.Compute {
			name := c.Name
			if _, ok := sec.ownLabel(name); !ok {
				p.Addf(c.Pos, fmt.Sprintf("sections[%d].compute.%s", i, name), ErrReaderSeesName,
					"readers see this column headed %q. Try: labels: {%s: \"words a reader knows\"}", name, name)
			}
		}
	}
	slices.SortStableFunc(p.Errs, func(a, b *fault.Error) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) })
	return p.Errs
}
