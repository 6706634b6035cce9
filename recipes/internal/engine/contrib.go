package engine

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/disclosure"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// subjectSums is what the primary rules need of one summed column in one
// group under disclosure control: how many subjects contribute a value,
// the n largest subject totals by size, and the sum of every subject's
// total by size (see disclosure.Contribution).
//
// A subject's total over many rows is known only at the end, so a running
// top n would not be exact. Instead each subject's total is kept while at
// most exactSubjects contribute, and the rules read those totals as they
// did. Past that, the totals go into sketchCells cells by a hash of the
// subject: in each cell the sum of the values by size (absSum) and the sum
// of the values (sum). Then
//
//   - the n largest subject totals by size are at most the n largest
//     cells of absSum: each subject's |total| is at most its cell's sum of
//     |values|, and n subjects lie in at most n cells;
//   - the sum of every total by size is at least the sum of the cells'
//     |sum| (a cell's |sum| is at most the sum of its subjects' |total|);
//   - more than exactSubjects, so at least min_count, subjects contribute.
//
// When those bounds keep the n largest below k per cent of the whole, with
// room for rounding, no exact count would find the sum dominated, and the
// sum is shown (decided). Otherwise the figure is undecided and the run is
// read again keeping that group's totals exactly (see refine): a slower
// pack, never a different one. Memory is bounded by the groups, never by
// the rows or the subjects.
type subjectSums struct {
	// few and fewSum hold each subject's total while at most
	// exactSubjects contribute, in the order met (a short list searched in
	// turn is cheaper than a map); many holds them for a sum that keeps
	// every total (exact). All are nil once the totals went to cells.
	few    []uint32  // ids, by few's place
	fewSum []float64 // totals, by few's place
	many   map[uint32]float64
	cells  *[sketchCells]sketchCell // once past
	values int64                    // values added, for the rounding bound
	// exact keeps every total however many subjects contribute (a group
	// read again by refine).
	exact bool
}

// subjectTotal is one subject's total of a summed column in a group.
type subjectTotal struct {
	id    uint32
	total float64
}

const (
	// exactSubjects is the most subjects whose totals a sum keeps before
	// it turns to cells; at least min_count, so a sum in cells always has
	// enough contributors.
	exactSubjects = 64
	sketchCells   = 64
)

func newSubjectSums(minCount int, exact bool) *subjectSums {
	s := &subjectSums{exact: exact || minCount >= exactSubjects}
	if s.exact {
		s.many = map[uint32]float64{}
	} else {
		s.few, s.fewSum = make([]uint32, 0, 8), make([]float64, 0, 8)
	}
	return s
}

// add takes subject id's value v.
func (s *subjectSums) add(id uint32, v float64) {
	s.values++
	switch {
	case s.many != nil:
		s.many[id] += v
		return
	case s.few != nil:
		if i := slices.Index(s.few, id); i >= 0 {
			s.fewSum[i] += v
			return
		}
		if len(s.few) == cap(s.few) {
			// Past the first few, room for every total the list keeps at
			// once: doubling 8 to 128 made four copies a group.
			s.few, s.fewSum = slices.Grow(s.few, exactSubjects+1-len(s.few)), slices.Grow(s.fewSum, exactSubjects+1-len(s.fewSum))
		}
		s.few, s.fewSum = append(s.few, id), append(s.fewSum, v)
		if len(s.few) > exactSubjects {
			s.toCells()
		}
		return
	}
	c := &s.cells[cellOf(id)]
	c.absSum += math.Abs(v)
	c.sum += v
}

// sketchCell is one cell of a sum past exactSubjects: the sum of its
// subjects' values by size, and their sum, side by side so that adding a
// value touches one place in memory.
type sketchCell struct{ absSum, sum float64 }

// cellOf spreads subject ids over the cells (Fibonacci hashing).
func cellOf(id uint32) int {
	return int((id * 0x9e3779b1) >> (32 - 6))
}

func (s *subjectSums) toCells() {
	s.cells = new([sketchCells]sketchCell)
	for i, id := range s.few {
		c := &s.cells[cellOf(id)]
		c.absSum += math.Abs(s.fewSum[i])
		c.sum += s.fewSum[i]
	}
	s.few, s.fewSum = nil, nil
}

// totals are the subject totals kept exactly, by increasing id; nil once
// they went to cells.
func (s *subjectSums) totals() []float64 {
	var byID []subjectTotal
	switch {
	case s.many != nil:
		byID = make([]subjectTotal, 0, len(s.many))
		for id, v := range s.many {
			byID = append(byID, subjectTotal{id, v})
		}
	case s.few != nil:
		byID = make([]subjectTotal, len(s.few))
		for i, id := range s.few {
			byID[i] = subjectTotal{id, s.fewSum[i]}
		}
	default:
		return nil
	}
	slices.SortFunc(byID, func(a, b subjectTotal) int { return cmp.Compare(a.id, b.id) })
	out := make([]float64, len(byID))
	for i, st := range byID {
		out[i] = st.total
	}
	return out
}

// reason applies the primary rules to the sum; decided is false when its
// cells cannot tell and the exact totals are needed (see refine).
func (s *subjectSums) reason(r disclosure.Rules) (reason disclosure.Reason, decided bool) {
	r = r.WithDefaults()
	if totals := s.totals(); totals != nil {
		return r.Primary(contribution(totals, r.DominanceN)), true
	}
	var abs [sketchCells]float64
	mass, whole := 0.0, 0.0
	for i, c := range s.cells {
		abs[i] = c.absSum
		mass += c.absSum
	}
	for _, c := range s.cells {
		whole += math.Abs(c.sum)
	}
	top := largestSum(abs[:], r.DominanceN)
	// Every figure above and every one the exact rule would compute is a
	// sum of the same values in some order, so each lies within this of
	// the true one.
	slack := 4 * float64(s.values+sketchCells) * 0x1p-52 * mass
	if top+slack < r.DominanceK/100*(whole-slack) {
		return disclosure.Shown, true
	}
	return disclosure.Shown, false
}

// largestSum is the sum of the n largest of values, added largest first:
// the cells' bound on the n largest subject totals, found in one pass
// rather than by sorting every cell of every group.
func largestSum(values []float64, n int) float64 {
	if n <= 0 {
		return 0
	}
	best := make([]float64, 0, min(n, len(values)))
	for _, v := range values {
		switch {
		case len(best) < n:
			best = append(best, v)
		case v > best[len(best)-1]:
			best[len(best)-1] = v
		default:
			continue
		}
		for i := len(best) - 1; i > 0 && best[i] > best[i-1]; i-- {
			best[i], best[i-1] = best[i-1], best[i]
		}
	}
	sum := 0.0
	for _, v := range best {
		sum += v
	}
	return sum
}

// contribution is what the primary rules read of a sum: its contributors,
// its n largest subject totals and its whole by size.
func contribution(c []float64, n int) disclosure.Contribution {
	out := disclosure.Contribution{Subjects: len(c), Largest: []float64{}}
	for _, v := range c {
		out.Whole += math.Abs(v)
		out.Largest = append(out.Largest, v)
	}
	slices.SortFunc(out.Largest, func(a, b float64) int { return cmpFloat(math.Abs(b), math.Abs(a)) })
	out.Largest = out.Largest[:min(n, len(out.Largest))]
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// refine reads a source again for every run with a sum its cells could
// not decide (see subjectSums), this time keeping the exact subject totals
// of those groups alone, and hands them to the run. Groups are numbered
// in the order met, so a run made the same way over the same rows meets
// them in the same order. An extract that changed in between is refused.
func (pl *Plan) refine(ctx context.Context, runs []*tableRun, stats Reads) error {
	rules := (&protector{pl: pl}).rules()
	bySource := map[*SourcePlan][]*tableRun{}
	var order []*SourcePlan
	for _, t := range runs {
		groups := map[int32]bool{}
		for _, g := range t.Order {
			if !g.decided(rules) {
				groups[g.idx] = true
			}
		}
		total := !t.total.decided(rules)
		if len(groups) == 0 && !total {
			continue
		}
		fresh := t.again(groups, total)
		if bySource[t.plan.From] == nil {
			order = append(order, t.plan.From)
		}
		bySource[t.plan.From] = append(bySource[t.plan.From], t, fresh)
	}
	for _, sp := range order {
		pairs := bySource[sp]
		st, err := scan(ctx, sp, nil, func(row []any, ids []uint32, line int) error {
			for i := 1; i < len(pairs); i += 2 {
				if err := pairs[i].Add(row, ids, line); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if st.sha256 != stats[sp].sha256 {
			return &csvx.ParseError{File: DisplayName(sp.Path), Err: fmt.Errorf("%w: it differed when read again for disclosure control", fault.ErrExtractChanged)}
		}
		for i := 0; i < len(pairs); i += 2 {
			t, fresh := pairs[i], pairs[i+1]
			for idx := range fresh.refine {
				g, fg := t.Order[idx], fresh.Order[idx]
				g.sums, g.contrib = fg.sums, fg.contrib
			}
			if fresh.refineTotal {
				t.total.sums, t.total.contrib = fresh.total.sums, fresh.total.contrib
			}
		}
	}
	return nil
}

// decided reports whether every sum of g can be judged by the primary
// rules without its exact subject totals.
func (g *groupState) decided(r disclosure.Rules) bool {
	for _, s := range g.sums {
		if _, ok := s.reason(r); !ok {
			return false
		}
	}
	return true
}
