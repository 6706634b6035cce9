package disclosure

import (
	"cmp"
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
// keep a withheld row's (through a proxy: see proxy). Where a quantity's subjects are not known by atom
// (Var.Subjects is nil) its differences are not looked at; the minimum
// count is the only rule applied to a difference (a difference is no
// group a dominance rule could be read from).
//
// The problem p is not changed: the result shares p's vars and holds p's
// units and cells first, in their order, then the implied ones.
func (p *Problem) withImplied(r Rules) *Problem {
	q := *p
	q.Units, q.Cells = slices.Clone(p.Units), slices.Clone(p.Cells) // changed below: p stays as given
	hidden := make([]bool, len(p.Units))
	for i, u := range p.Units {
		hidden[i] = u.Primary != Shown
	}
	for _, c := range p.Cells {
		hidden[c.Unit] = hidden[c.Unit] || c.Sensitive
	}
	// A shown figure that itself describes 1 to MinCount − 1 subjects (a
	// step's "rows with no value", "rows without a match") is as
	// sensitive as a small row; a table's rows are judged so already.
	var found []uint32
	for ci := range p.Cells {
		c := &p.Cells[ci]
		v := &p.Vars[c.Var]
		if v.Subjects == nil || v.Distinct || hidden[c.Unit] || p.Units[c.Unit].Fixed {
			continue
		}
		found = found[:0]
		for _, x := range c.Atoms {
			if found = addSubjects(found, v.Subjects.Of(x), r.MinCount); len(found) >= r.MinCount {
				break
			}
		}
		if len(found) < r.MinCount && (len(found) > 0 || c.Value != 0) {
			q.Cells[ci].Sensitive = true // few persons, or rows of no known person
		}
	}
	for _, c := range q.Cells {
		hidden[c.Unit] = hidden[c.Unit] || c.Sensitive
	}
	a := newAuditor(p)
	// mark[v][x] is ci+1 while cell ci's atoms are being looked at: a
	// figure over many atoms costs a pass over them, not a set.
	mark := make([][]int, len(p.Vars))
	seen := map[string]int{} // a difference's atoms → its implied cell
	var key []byte
	for ci := range p.Cells {
		c := &p.Cells[ci]
		v := &p.Vars[c.Var]
		if v.Subjects == nil && !v.Distinct || hidden[c.Unit] || len(c.Atoms) == 0 {
			continue
		}
		if mark[c.Var] == nil {
			mark[c.Var] = make([]int, len(a.cellsOf[c.Var]))
		}
		m := mark[c.Var]
		for _, x := range c.Atoms {
			m[x] = ci + 1
		}
		if v.Distinct {
			q.distinctPairs(p, ci, a, m, hidden, r)
			continue
		}
		for _, ei := range a.cellsOf[c.Var][c.Atoms[0]] {
			e := &p.Cells[ei]
			if ei == ci || hidden[e.Unit] || len(e.Atoms) <= len(c.Atoms) {
				continue
			}
			// The atoms of e outside c, until they describe MinCount
			// subjects: most differences do within a few atoms.
			inside := 0
			found = found[:0]
			for _, x := range e.Atoms {
				if m[x] == ci+1 {
					inside++
					continue
				}
				if found = addSubjects(found, v.Subjects.Of(x), r.MinCount); len(found) >= r.MinCount {
					break
				}
			}
			if len(found) >= r.MinCount || inside < len(c.Atoms) {
				continue // enough persons, or c is not inside e
			}
			var diff []int
			for _, x := range e.Atoms {
				if m[x] != ci+1 {
					diff = append(diff, x)
				}
			}
			key = binary.AppendUvarint(key[:0], uint64(c.Var))
			for _, x := range diff {
				key = binary.AppendUvarint(key, uint64(x))
			}
			value := 0.0
			for _, x := range diff {
				value += v.Atoms[x]
			}
			// Rows of no known person (an empty subject) are as sensitive
			// as a small group: they may be a person kept out of the
			// registers on purpose. A difference of nothing over no one
			// tells nothing.
			if len(found) == 0 && value == 0 {
				continue
			}
			x := proxy(p, ei, ci)
			if x >= 0 {
				q.Cells[x].standFor(max(r.Protection/100*abs(value), v.Step))
			}
			if d, ok := seen[string(key)]; ok {
				// The same difference again, from two other figures:
				// its range is then worked out, not taken from one
				// proxy's.
				q.Cells[d].proxy, q.Cells[d].partner = 0, 0
				continue
			}
			seen[string(key)] = len(q.Cells)
			subjects := slices.Sorted(slices.Values(found))
			q.Units = append(q.Units, Unit{Name: differenceName(p.Units[e.Unit].Name, p.Units[c.Unit].Name), Primary: TooFew, Subjects: subjects})
			d := Cell{Unit: len(q.Units) - 1, Var: c.Var, Atoms: diff, Value: value, Tolerance: e.Tolerance + c.Tolerance, Name: differenceName(e.Name, c.Name), Sensitive: true}
			if x >= 0 {
				d.proxy, d.partner = x+1, ei+ci-x+1
			}
			q.Cells = append(q.Cells, d)
		}
	}
	return &q
}

// distinctPairs looks at the counts of distinct persons whose atoms hold
// cell ci's: each such count minus ci's is how many persons it has that
// ci has not, published. Where that is 1 to MinCount − 1 the cheaper of
// the two rows (see proxy) goes, and its count of persons in its own
// table, where it is one, is protected by a person on each side: then the
// difference is too, so far as counts of persons are audited at all (in
// their own table only, see Var.Distinct).
//
// m marks ci's atoms with ci + 1, as in withImplied.
func (q *Problem) distinctPairs(p *Problem, ci int, a *auditor, m []int, hidden []bool, r Rules) {
	c := &p.Cells[ci]
	for _, ei := range a.cellsOf[c.Var][c.Atoms[0]] {
		e := &p.Cells[ei]
		n := e.Value - c.Value
		if ei == ci || hidden[e.Unit] || n < 1 || n >= float64(r.MinCount) || len(e.Atoms) <= len(c.Atoms) {
			continue
		}
		inside := 0
		for _, x := range e.Atoms {
			if m[x] == ci+1 {
				inside++
			}
		}
		if inside < len(c.Atoms) {
			continue // c is not inside e
		}
		x := proxy(p, ei, ci)
		if x < 0 {
			continue
		}
		u := p.Cells[x].Unit
		protected := false
		for i := range q.Cells {
			if o := &q.Cells[i]; o.Unit == u && o.Name == p.Cells[x].Name && !p.Vars[o.Var].Distinct {
				o.standFor(p.Vars[o.Var].Step)
				protected = true
			}
		}
		if !protected {
			q.Units[u].Primary = TooFew // withheld, with nothing more to protect
		}
	}
}

// proxy is the one of cells e and c, the smaller inside the larger, whose
// range stands for their difference's: with the other shown, the
// difference is e − c to the last unit, so its range is the proxy's,
// moved. Made sensitive, with the difference's protection distance (not
// its own: 40 of 42 rows need range 1 each side, not 4), the
// proxy is withheld and protected as a small row is, which the search does
// cheaply; the difference's own implied cell, audited after it, then
// mostly needs nothing more. It is the cheaper unit (by rank, then cost),
// c where they tie, and never a unit that cannot be withheld: -1 where
// both are fixed.
func proxy(p *Problem, e, c int) int {
	ue, uc := &p.Units[p.Cells[e].Unit], &p.Units[p.Cells[c].Unit]
	switch {
	case uc.Fixed && ue.Fixed:
		return -1
	case uc.Fixed:
		return e
	case ue.Fixed:
		return c
	case cmp.Or(cmp.Compare(ue.Rank, uc.Rank), cmp.Compare(ue.Cost, uc.Cost)) < 0:
		return e
	}
	return c
}

// standFor makes c a proxy (see proxy) for a difference whose range must
// reach distance: sensitive, its own range to reach the largest distance
// asked of it.
func (c *Cell) standFor(distance float64) {
	c.Sensitive = true
	c.proxyDistance = max(c.proxyDistance, distance)
}

// differenceName names the difference of two figures or units, for
// messages: "a minus b", or a alone where both are one.
func differenceName(a, b string) string {
	if a == b {
		return a
	}
	return fmt.Sprintf("%s minus %s", a, b)
}

// addSubjects adds the ids not in list yet, until list holds limit of
// them (see Var.Subjects: the lists of atoms are enough to tell whether
// their union reaches limit).
func addSubjects(list, ids []uint32, limit int) []uint32 {
	for _, id := range ids {
		if len(list) >= limit {
			break
		}
		if !slices.Contains(list, id) {
			list = append(list, id)
		}
	}
	return list
}
