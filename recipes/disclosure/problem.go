package disclosure

import (
	"cmp"
	"fmt"
	"slices"
)

// A Problem is everything a pack would publish that is a sum, written over
// atoms: the smallest sets of records that every published figure either
// takes whole or leaves out. Two tables over the same rows share their
// atoms, so a figure in one and its parts in the other are tied, as a
// reader with both in hand would tie them.
type Problem struct {
	Vars  []Var
	Units []Unit
	Cells []Cell
}

// Var is one quantity summed over atoms: rows of a source, a sum of one of
// its columns, the subjects of one table.
type Var struct {
	// Name says what is summed, for messages.
	Name string
	// Atoms holds each atom's exact value.
	Atoms []float64
	// NonNegative is set when no atom can be below zero and a reader may
	// assume so (counts; amounts with no credit).
	NonNegative bool
	// Step is the smallest difference that matters: 1 for counts. A
	// withheld figure's range must reach at least this far on each side.
	Step float64
	// Subjects lists, by atom, subjects with a value in it: every one, or
	// any MinCount of them where there are more, which is enough to tell
	// whether the atoms of a difference of two figures describe MinCount
	// subjects (see withImplied). Nil where they are not known; then no
	// difference of the quantity's figures is looked at.
	Subjects AtomSubjects
	// Distinct is set on a count of distinct subjects over atoms: not a
	// sum (a person may be in several atoms), so no equation of the
	// audit, but two of its figures, one's atoms inside the other's, still
	// publish how many persons the larger has that the smaller has not
	// (see withImplied). Its Atoms are not read.
	Distinct bool
}

// Unit is what is withheld as a whole: a table row's figures, a total row,
// a count in the steps or notes.
type Unit struct {
	// Name places the unit for a reader of an error ("section overview,
	// the row for § 108"); never a value.
	Name string
	// Primary says why the unit is withheld for its own sake (Shown: it
	// is not).
	Primary Reason
	// Fixed units are published whatever happens (an extract's rows read).
	Fixed bool
	// Rank and Cost order the search for further units to withhold: lower
	// ranks first, then lower costs (e.g. the subjects a row describes).
	Rank int
	Cost float64
	// Subjects are the ids of the subjects the unit's figures describe,
	// sorted (see Protect: withheld figures a reader can add up must
	// together describe at least MinCount of them).
	Subjects []uint32
}

// AtomSubjects gives the subjects of each atom of a quantity (see
// Var.Subjects).
type AtomSubjects interface {
	// Of lists atom x's subjects, in any order, without repeats.
	Of(x int) []uint32
}

// SubjectLists is AtomSubjects as a list by atom.
type SubjectLists [][]uint32

// Of is list x.
func (l SubjectLists) Of(x int) []uint32 { return l[x] }

// Cell is one published figure that sums a Var over some atoms.
type Cell struct {
	// Unit is the unit the cell is withheld with.
	Unit int
	// Var is the quantity summed, Atoms the atoms summed (each once).
	Var   int
	Atoms []int
	// Value is the figure's exact value; Tolerance how far the shown
	// figure may be from it (half its rounding unit).
	Value, Tolerance float64
	// Name is the cell's column, for messages.
	Name string
	// Sensitive cells are what disclosure control protects: the figures
	// of a primary unit that some subject contributes to. Their unit is
	// withheld, and their range must stay wide.
	Sensitive bool
	// proxyDistance is, for a cell made sensitive on behalf of the
	// differences it is part of (see proxy), the protection distance it
	// needs: the largest of theirs. 0 for every other cell.
	proxyDistance float64
	// For an implied cell (see withImplied): its proxy and the other of
	// the two figures it is the difference of, each its index + 1; 0 for
	// every other cell and an implied cell without a proxy.
	proxy, partner int
}

// Interval is the range a reader can work out for a withheld figure.
type Interval struct{ Lo, Hi float64 }

// Result is what Protect decided.
type Result struct {
	// Withheld is set for every unit withheld, by unit index.
	Withheld []bool
	// Revealed lists the cells of withheld units that are shown after all:
	// not sensitive, and worked out exactly by every other published
	// figure, so that a mark over them would hide nothing and mislead.
	Revealed []int
}

// UnprotectedError says that no pattern of withheld figures keeps a
// sensitive figure's range wide enough. It names the unit and cell, never
// a value.
type UnprotectedError struct {
	Unit, Cell string
}

func (e *UnprotectedError) Error() string {
	return fmt.Sprintf("%s, %s: the other published figures give this withheld figure away, and withholding more cannot prevent it", e.Unit, e.Cell)
}

// TooLargeError says that the audit of one figure would need a linear
// program larger than Rules.MaxTableauBytes: too many figures tied to it.
// It names the unit and cell, never a value.
type TooLargeError struct {
	Unit, Cell string
	// Bytes is what the program's tableau would take; Max is
	// Rules.MaxTableauBytes.
	Bytes, Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s, %s: checking that this withheld figure cannot be worked out would take %d MiB, more than the %d MiB allowed: too many small figures are tied to it", e.Unit, e.Cell, e.Bytes>>20, e.Max>>20)
}

// tooLarge is the panic an auditor raises, with the bytes a program's
// tableau would take, when that is over Rules.MaxTableauBytes; every
// entry point that audits recovers it (recoverTooLarge).
type tooLarge int64

// recoverTooLarge, deferred, turns an auditor's tooLarge panic into a
// *TooLargeError naming the cell being audited, in *err; any other panic
// goes on.
func (a *auditor) recoverTooLarge(err *error) {
	switch v := recover().(type) {
	case nil:
	case tooLarge:
		c := &a.p.Cells[a.cell]
		*err = &TooLargeError{Unit: a.p.Units[c.Unit].Name, Cell: c.Name, Bytes: int64(v), Max: a.maxBytes}
	default:
		panic(v)
	}
}

// protects reports whether iv keeps the cell's value hidden: the range
// reaches at least the protection distance below and above the value.
func (p *Problem) protects(c *Cell, iv Interval, r Rules) bool {
	v := p.Vars[c.Var]
	d := max(r.Protection/100*abs(c.Value), v.Step)
	if c.proxyDistance > 0 {
		d = max(c.proxyDistance, v.Step)
	}
	const slack = 1e-6
	return iv.Lo <= c.Value-d+slack*max(1, abs(c.Value)) && iv.Hi >= c.Value+d-slack*max(1, abs(c.Value))
}

// Protect withholds every primary unit (and every unit of a sensitive
// cell), then further units until no primary figure, and no difference of
// two shown figures that describes fewer than MinCount subjects (see
// withImplied), can be worked out from the rest to within the protection
// distance (Rules.Protection). Among the units that could help, it tries
// the lowest rank and cost first and keeps the first that protects the
// figure; if none does alone, it keeps the one that widens the figure's
// range most (or the first) and goes on. The decision depends only on the problem, so the
// same figures give the same pattern. It fails with an *UnprotectedError
// when nothing left to withhold helps, and with a *TooLargeError when one
// figure's program would take more than Rules.MaxTableauBytes.
func Protect(p *Problem, r Rules) (Result, error) {
	return protect(p, r, false)
}

// protect is Protect; plain solves the audit's programs as written (see
// auditor.plain), for the tests.
func protect(given *Problem, r Rules, plain bool) (res Result, err error) {
	r = r.WithDefaults()
	p := given.withImplied(r)
	defer func() { res.Withheld = res.Withheld[:len(given.Units)] }()
	res = Result{Withheld: make([]bool, len(p.Units))}
	for i, u := range p.Units {
		res.Withheld[i] = u.Primary != Shown
	}
	for _, c := range p.Cells {
		res.Withheld[c.Unit] = res.Withheld[c.Unit] || c.Sensitive
	}
	a := newAuditor(p)
	a.plain, a.maxBytes = plain, r.MaxTableauBytes
	defer a.recoverTooLarge(&err)
	for ci := range p.Cells {
		c := &p.Cells[ci]
		if !c.Sensitive {
			continue
		}
		// An implied cell whose proxy was protected above, beside its
		// partner still shown, is protected: its range is the proxy's,
		// moved, and withholding more only widens ranges.
		if c.proxy > 0 && p.Cells[c.partner-1].Unit != p.Cells[c.proxy-1].Unit && !res.Withheld[p.Cells[c.partner-1].Unit] {
			continue
		}
		// Where the points the audit has found show the cell protected,
		// no range is needed; otherwise the search compares widths.
		if a.protected(ci, res.Withheld, r) {
			continue
		}
		iv := a.interval(ci, res.Withheld)
		for done := false; !done; {
			cands := a.candidates(ci, res.Withheld)
			if len(cands) == 0 {
				return res, &UnprotectedError{Unit: p.Units[c.Unit].Name, Cell: c.Name}
			}
			// With no unit that helps alone or widens the range, the
			// first that publishes a figure over the cell's own rows is
			// withheld anyway: some equations only open once two of
			// their figures are withheld.
			best, bestIv, bestGain := a.firstTying(ci, cands), iv, 0.0
			for _, u := range cands {
				res.Withheld[u] = true
				if a.protected(ci, res.Withheld, r) {
					res.Withheld[u] = false
					best, done = u, true
					break
				}
				next := a.interval(ci, res.Withheld)
				res.Withheld[u] = false
				if gain := width(next) - width(iv); gain > bestGain+1e-9 {
					best, bestIv, bestGain = u, next, gain
				}
			}
			res.Withheld[best] = true
			// Unless best protects the cell alone (done), no unit tried
			// does, and the search goes on from the widest range.
			iv = bestIv
		}
	}
	if err := p.protectResiduals(a, res.Withheld, r); err != nil {
		return res, err
	}
	// Withholding more only widens ranges, so every figure checked above
	// is still protected.
	res.Revealed = p.reveal(a, res.Withheld, r)
	return res, nil
}

// Intervals works out, for every sensitive cell, the range a reader can
// derive for it from the figures res publishes (those of the units not
// withheld, and the revealed cells). Protect has made sure each range is
// wide enough but does not report them: a pack needs only the pattern,
// and a range the audit has not needed costs a pair of programs. It fails
// with a *TooLargeError where a program would take more than
// DefaultMaxTableauBytes.
func (p *Problem) Intervals(res Result) (map[int]Interval, error) {
	return p.intervals(res, false)
}

// intervals is Intervals; plain solves the programs as written.
func (p *Problem) intervals(res Result, plain bool) (_ map[int]Interval, err error) {
	a := newAuditor(p)
	a.plain = plain
	defer a.recoverTooLarge(&err)
	for _, ci := range res.Revealed {
		a.revealed[ci] = true
	}
	out := map[int]Interval{}
	for ci := range p.Cells {
		if p.Cells[ci].Sensitive {
			out[ci] = a.interval(ci, res.Withheld)
		}
	}
	return out, nil
}

// reveal finds the cells of withheld units, other than sensitive ones,
// whose value every other published figure pins to within their rounding:
// a reader works them out, so showing them tells nothing new. They are
// shown, unless showing them all would narrow a sensitive cell's range
// (it cannot beyond rounding, but the audit checks), in which case none is.
func (p *Problem) reveal(a *auditor, withheld []bool, r Rules) []int {
	var out []int
	for ci := range p.Cells {
		c := &p.Cells[ci]
		if c.Sensitive || !withheld[c.Unit] || p.Units[c.Unit].Fixed || p.Vars[c.Var].Distinct {
			continue
		}
		iv := a.interval(ci, withheld)
		if width(iv) <= 2*c.Tolerance+1e-6*max(1, abs(c.Value)) {
			out = append(out, ci)
		}
	}
	if len(out) == 0 {
		return nil
	}
	for _, ci := range out {
		a.revealed[ci] = true
	}
	a.revealEpoch++
	for ci := range p.Cells {
		if p.Cells[ci].Sensitive && !a.protected(ci, withheld, r) {
			clear(a.revealed)
			a.revealEpoch++
			return nil
		}
	}
	return out
}

func width(iv Interval) float64 { return iv.Hi - iv.Lo }

// candidates are the units whose withholding could widen cell ci's range:
// those with a shown cell of the same quantity in an equation that ties
// the cell (a shown cell sharing atoms with it), and those equations' own
// units. They come in the order the search tries them.
func (a *auditor) candidates(ci int, withheld []bool) []int {
	p := a.p
	c := &p.Cells[ci]
	atoms := map[int]bool{}
	for _, x := range c.Atoms {
		atoms[x] = true
	}
	seen := map[int]bool{}
	var out []int
	add := func(u int) {
		if !withheld[u] && !p.Units[u].Fixed && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, ei := range a.byVar[c.Var] {
		e := &p.Cells[ei]
		if withheld[e.Unit] || !intersects(e.Atoms, atoms) {
			continue
		}
		add(e.Unit)
		ea := map[int]bool{}
		for _, x := range e.Atoms {
			ea[x] = true
		}
		for _, oi := range a.byVar[c.Var] {
			if o := &p.Cells[oi]; !withheld[o.Unit] && intersects(o.Atoms, ea) {
				add(o.Unit)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y int) int {
		ux, uy := &p.Units[x], &p.Units[y]
		return cmp.Or(cmp.Compare(ux.Rank, uy.Rank), cmp.Compare(ux.Cost, uy.Cost), cmp.Compare(x, y))
	})
	return out
}

// firstTying is the first of the candidates with a figure of the cell's
// quantity over some of the cell's own atoms, or the first candidate where
// none has: withholding a unit that ties the cell only through another
// figure helps only once that figure goes too.
func (a *auditor) firstTying(ci int, cands []int) int {
	c := &a.p.Cells[ci]
	atoms := a.atomSet(ci)
	tying := map[int]bool{}
	for _, ei := range a.byVar[c.Var] {
		if e := &a.p.Cells[ei]; intersects(e.Atoms, atoms) {
			tying[e.Unit] = true
		}
	}
	for _, u := range cands {
		if tying[u] {
			return u
		}
	}
	return cands[0]
}

func intersects(atoms []int, set map[int]bool) bool {
	for _, x := range atoms {
		if set[x] {
			return true
		}
	}
	return false
}

// protectResiduals applies the minimum count to what a reader can add up:
// a shown figure minus the shown figures inside it leaves the sum of the
// withheld ones inside it, itself a figure, where the figures inside it
// cover it whole. Where those withheld figures
// include a primary one and together describe fewer than MinCount subjects,
// a further figure inside the shown one is withheld (the cheapest), or,
// with none left, the shown figure itself. Rows C (2 persons) and D (1)
// withheld beside a total give C + D, a figure about 3 persons: with a
// minimum of 5, a third row goes too.
func (p *Problem) protectResiduals(a *auditor, withheld []bool, r Rules) error {
	for changed := true; changed; {
		changed = false
		for _, ei := range p.residualEquations(a, withheld) {
			e := &p.Cells[ei]
			if withheld[e.Unit] {
				continue
			}
			inside := a.atomSet(ei)
			var hidden, shown []int
			primary := false
			seen := map[int]bool{}
			covered := map[int]bool{}
			for _, x := range e.Atoms {
				for _, ci := range a.cellsOf[e.Var][x] {
					c := &p.Cells[ci]
					if seen[ci] || ci == ei || c.Unit == e.Unit {
						continue
					}
					seen[ci] = true
					if !within(c.Atoms, inside) {
						continue
					}
					for _, y := range c.Atoms {
						covered[y] = true
					}
					if withheld[c.Unit] {
						hidden = append(hidden, c.Unit)
						primary = primary || c.Sensitive || p.Units[c.Unit].Primary != Shown
					} else if !p.Units[c.Unit].Fixed {
						shown = append(shown, c.Unit)
					}
				}
			}
			// Only where the figures inside cover the shown one whole is
			// it minus the shown ones exactly the withheld ones' sum;
			// otherwise rows no figure publishes are in the difference too.
			if !primary || len(covered) < len(e.Atoms) {
				continue
			}
			n := countUnion(p.Units, hidden)
			if n == 0 || n >= r.MinCount {
				continue
			}
			slices.SortStableFunc(shown, func(x, y int) int {
				ux, uy := &p.Units[x], &p.Units[y]
				return cmp.Or(cmp.Compare(ux.Rank, uy.Rank), cmp.Compare(ux.Cost, uy.Cost), cmp.Compare(x, y))
			})
			switch {
			case len(shown) > 0:
				withheld[shown[0]] = true
			case !p.Units[e.Unit].Fixed:
				withheld[e.Unit] = true
			default:
				return &UnprotectedError{Unit: p.Units[hidden[0]].Name, Cell: e.Name}
			}
			changed = true
		}
	}
	return nil
}

// residualEquations are the shown cells that hold a withheld primary cell
// whole: the only ones whose residual can be too small. They come in cell
// order.
func (p *Problem) residualEquations(a *auditor, withheld []bool) []int {
	found := map[int]bool{}
	for ci := range p.Cells {
		c := &p.Cells[ci]
		if !withheld[c.Unit] || !c.Sensitive && p.Units[c.Unit].Primary == Shown || len(c.Atoms) == 0 || p.Vars[c.Var].Distinct {
			continue
		}
		for _, ei := range a.cellsOf[c.Var][c.Atoms[0]] {
			e := &p.Cells[ei]
			if ei != ci && e.Unit != c.Unit && !withheld[e.Unit] && within(c.Atoms, a.atomSet(ei)) {
				found[ei] = true
			}
		}
	}
	out := make([]int, 0, len(found))
	for ei := range found {
		out = append(out, ei)
	}
	slices.Sort(out)
	return out
}

func within(atoms []int, set map[int]bool) bool {
	for _, x := range atoms {
		if !set[x] {
			return false
		}
	}
	return len(atoms) > 0
}

// countUnion counts the distinct subjects of the units.
func countUnion(units []Unit, of []int) int {
	seen := map[uint32]bool{}
	for _, u := range of {
		for _, id := range units[u].Subjects {
			seen[id] = true
		}
	}
	return len(seen)
}
