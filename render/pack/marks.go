package pack

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// NumberMarks numbers every footnote mark through the pack, in order:
// "1", "2", "3", ... A reservation has one number in the whole pack: the
// footnotes quoting the same pack-wide reservation (the same ID), and
// those of the same kind with the same text, share the mark the first of
// them got, so that a page never shows one reservation under two marks.
// A section without footnotes is given an empty list, so that pack.json
// writes "footnotes": [] for it, never null.
func (p *Pack) NumberMarks() {
	marks := map[string]string{}
	n := 0
	for i := range p.Sections {
		if p.Sections[i].Footnotes == nil {
			p.Sections[i].Footnotes = []Footnote{}
		}
		for j := range p.Sections[i].Footnotes {
			f := &p.Sections[i].Footnotes[j]
			key := "text\x1f" + f.Kind + "\x1f" + f.Text
			if f.ID != "" {
				key = "id\x1f" + f.ID
			}
			if m, ok := marks[key]; ok {
				f.Mark = m
				continue
			}
			n++
			f.Mark = fmt.Sprint(n)
			marks[key] = f.Mark
		}
	}
}

// ColumnMarks returns the marks of the footnotes that qualify column name,
// in mark order, each once.
func (s *Section) ColumnMarks(name string) []string {
	var marks []string
	for _, f := range s.Footnotes {
		if f.Column == name {
			marks = append(marks, f.Mark)
		}
	}
	return SortMarks(marks)
}

// Marks returns the marks of all the section's footnotes, in mark order,
// each once (footnotes quoting one reservation share a mark: see
// NumberMarks).
func (s *Section) Marks() []string {
	marks := make([]string, len(s.Footnotes))
	for i, f := range s.Footnotes {
		marks[i] = f.Mark
	}
	return SortMarks(marks)
}

// NoteOrder returns the indexes of the section's footnotes in the order
// of their marks, as a footnote list shows them: "1", "4", "8", ... A
// footnote keeps its index (NoteRef points at it) whatever its place here.
func (s *Section) NoteOrder() []int {
	idx := make([]int, len(s.Footnotes))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compareMarks(s.Footnotes[a].Mark, s.Footnotes[b].Mark) })
	return idx
}

// SortMarks sorts marks by number ("2" before "10") and drops repeats.
func SortMarks(marks []string) []string {
	slices.SortStableFunc(marks, compareMarks)
	return slices.Compact(marks)
}

// compareMarks orders marks by their number; a mark that is not a number
// comes after every number, by its text.
func compareMarks(a, b string) int {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return cmp.Compare(x, y)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return strings.Compare(a, b)
}
