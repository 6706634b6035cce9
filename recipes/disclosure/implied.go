package disclosure

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// A reader who has two published figures of one quantity, the atoms of
// one inside the other's, has their difference too: the sum over the
// atoms the larger takes and the smaller leaves out. A total minus the
// same total under a filter is what the filter left out; the rows read of
// an extract minus the rows a section kept are the rows it dropped; a
// margin minus a cell is the rest of its row. Neither figure need describe
// few persons for the difference to: 40 citizens in all and 38 of them
// under a filter leave 2, and their sum is published by subtraction.
//
// withImplied adds each such difference that describes at least one and
// fewer than MinCount subjects to the problem as an implied cell: a
// sensitive cell that no table shows, in a unit of its own withheld from
// the start, so that the search and the audit keep its range wide as they
// keep a withheld row's. Where a quantity's subjects are not known by atom
// (Var.Subjects is nil) its differences are not looked at; the minimum
// count is the only rule applied to a difference (a difference is no
// group a dominance rule could be read from).
//
// The problem p is not changed: the result shares p's vars and holds p's
// units and cells first, in their order, then the implied ones.
func (p *Problem) withImplied(r Rules) *Problem {
	q := *p
	q.Units, q.Cells = slices.Clip(p.Units), slices.Clip(p.Cells)
	hidden := make([]bool, len(p.Units))
	for i, u := range p.Units {
		hidden[i] = u.Primary != Shown
	}
	for _, c := range p.Cells {
		hidden[c.Unit] = hidden[c.Unit] || c.Sensitive
	}
	a := newAuditor(p)
	seen := map[string]bool{}
	var key []byte
	for ci := range p.Cells {
		c := &p.Cells[ci]
		v := &p.Vars[c.Var]
		if v.Subjects == nil || hidden[c.Unit] || len(c.Atoms) == 0 {
			continue
		}
		inner := a.atomSet(ci)
		for _, ei := range a.cellsOf[c.Var][c.Atoms[0]] {
			e := &p.Cells[ei]
			if ei == ci || hidden[e.Unit] || len(e.Atoms) <= len(inner) || !within(c.Atoms, a.atomSet(ei)) {
				continue
			}
			var diff []int
			for _, x := range e.Atoms {
				if !inner[x] {
					diff = append(diff, x)
				}
			}
			key = binary.AppendUvarint(key[:0], uint64(c.Var))
			for _, x := range diff {
				key = binary.AppendUvarint(key, uint64(x))
			}
			if seen[string(key)] {
				continue
			}
			seen[string(key)] = true
			subjects := atomSubjects(v, diff, r.MinCount)
			if len(subjects) == 0 || len(subjects) >= r.MinCount {
				continue
			}
			value := 0.0
			for _, x := range diff {
				value += v.Atoms[x]
			}
			q.Units = append(q.Units, Unit{Name: differenceName(p.Units[e.Unit].Name, p.Units[c.Unit].Name), Primary: TooFew, Subjects: subjects})
			q.Cells = append(q.Cells, Cell{Unit: len(q.Units) - 1, Var: c.Var, Atoms: diff, Value: value, Tolerance: e.Tolerance + c.Tolerance, Name: differenceName(e.Name, c.Name), Sensitive: true})
		}
	}
	return &q
}

// differenceName names the difference of two figures or units, for
// messages: "a minus b", or a alone where both are one.
func differenceName(a, b string) string {
	if a == b {
		return a
	}
	return fmt.Sprintf("%s minus %s", a, b)
}

// atomSubjects lists, sorted, up to limit distinct subjects of the atoms
// (see Var.Subjects: the lists of atoms are enough to tell whether the
// union reaches limit).
func atomSubjects(v *Var, atoms []int, limit int) []uint32 {
	var out []uint32
	for _, x := range atoms {
		for _, id := range v.Subjects[x] {
			if !slices.Contains(out, id) {
				out = append(out, id)
				if len(out) == limit {
					slices.Sort(out)
					return out
				}
			}
		}
	}
	slices.Sort(out)
	return out
}
