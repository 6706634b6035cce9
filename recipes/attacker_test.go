package recipes

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/render/pack"
)

// TestRandomCouncilPacksResistAnAttacker makes 200 random council recipes (two
// to four sections over one extract: other groupings, a filter or none,
// totals or none) over random extracts with small groups, and attacks each
// pack as a reader would: with only the pack's own numbers and the recipe.
// The attacker is independent of the production audit: it knows nothing
// of atoms, builds its own unknowns from the recipe (one per combination
// of filter, a and b) and tightens their bounds by interval propagation
// over every published figure it can read in pack.json: shown cells,
// totals, the filter step's row count, the extract's rows read, and the
// groups a table does not list (nothing there). Every row the test knows
// to describe fewer than min_count persons must keep a range at least the
// protection level (10 %, at least 1) wide on each side, for its row count
// and its sum; and no two published figures of a measure, one inside the
// other, may differ by a figure about 1 to min_count − 1 persons.
func TestRandomCouncilPacksResistAnAttacker(t *testing.T) {
	refused := 0
	const cases = 200
	for seed := range uint64(cases) {
		rng := rand.New(rand.NewPCG(seed, 7))
		c := newAttackCase(rng)
		p, err := runRecipe(office(t, c.recipe(), map[string]string{"g.csv": c.csv()}), Options{})
		if errors.Is(err, engine.ErrWithheldFigureExposed) {
			refused++
			continue
		}
		require.NoError(t, err, "seed %d\n%s", seed, c.recipe())
		assert.Empty(t, c.attack(p), "seed %d: leaks\nrecipe:\n%s", seed, c.recipe())
	}
	assert.LessOrEqual(t, refused, cases/4, "packs refused of %d: the search gives up too often", cases)
}

var (
	attackA = []string{"a1", "a2", "a3"}
	attackB = []string{"b1", "b2"}
)

type attackRow struct {
	f, a, b, who string
	amount       float64
}

type attackSection struct {
	id      string
	groupBy []string // subset of a, b
	filter  bool     // where: f == "y"
	total   bool
}

type attackCase struct {
	minCount int
	rows     []attackRow
	sections []attackSection
}

func newAttackCase(rng *rand.Rand) *attackCase {
	c := &attackCase{minCount: 3 + rng.IntN(3)}
	person := 0
	for _, a := range attackA {
		for _, b := range attackB {
			// Mostly large groups, some small ones, some empty.
			n := []int{0, 1, 2, 3, 6, 8, 10}[rng.IntN(7)]
			for range n {
				person++
				who := fmt.Sprintf("P%03d", person)
				for range 1 + rng.IntN(2) {
					f := []string{"y", "n"}[rng.IntN(2)]
					c.rows = append(c.rows, attackRow{f: f, a: a, b: b, who: who, amount: float64(10+rng.IntN(990)) + 0.5*float64(rng.IntN(2))})
				}
			}
		}
	}
	groupings := [][]string{{"a"}, {"b"}, {"a", "b"}, nil}
	for i := range 2 + rng.IntN(3) {
		g := groupings[rng.IntN(len(groupings))]
		c.sections = append(c.sections, attackSection{id: fmt.Sprintf("s%d", i), groupBy: g, filter: rng.IntN(2) == 0, total: len(g) > 0 && rng.IntN(2) == 0})
	}
	return c
}

func (c *attackCase) csv() string {
	var b strings.Builder
	b.WriteString("f,a,b,citizen_id,amount\n")
	for _, r := range c.rows {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%g\n", r.f, r.a, r.b, r.who, r.amount)
	}
	return b.String()
}

func (c *attackCase) recipe() string {
	var b strings.Builder
	fmt.Fprintf(&b, `title: Attack
period: 2026-10
audience: council
disclosure: {min_count: %d}
sources:
  g:
    file: g.csv
    columns: {f: string, a: string, b: string, citizen_id: string, amount: number}
sections:
`, c.minCount)
	for _, s := range c.sections {
		fmt.Fprintf(&b, "  - id: %s\n    title: %s\n    from: g\n", s.id, s.id)
		if s.filter {
			b.WriteString("    where: f == \"y\"\n")
		}
		if len(s.groupBy) > 0 {
			fmt.Fprintf(&b, "    group_by: [%s]\n", strings.Join(s.groupBy, ", "))
		}
		fmt.Fprintf(&b, "    measures: {rows: count(), amount: sum(amount), persons: count_distinct(citizen_id)}\n    total: %t\n    reservations: [\"Test.\"]\n", s.total)
	}
	return b.String()
}

// atom is the attacker's unknown: one combination of filter, a and b.
type atom struct{ f, a, b string }

func attackAtoms() []atom {
	var out []atom
	for _, f := range []string{"y", "n"} {
		for _, a := range attackA {
			for _, b := range attackB {
				out = append(out, atom{f, a, b})
			}
		}
	}
	return out
}

// match lists the atoms a section's cell covers: its filter, and its
// group values (key: column → value).
func match(s attackSection, key map[string]string) []int {
	var out []int
	for i, x := range attackAtoms() {
		if s.filter && x.f != "y" {
			continue
		}
		if v, ok := key["a"]; ok && x.a != v {
			continue
		}
		if v, ok := key["b"]; ok && x.b != v {
			continue
		}
		out = append(out, i)
	}
	return out
}

type equation struct {
	atoms []int
	value float64
	tol   float64
}

// attack reads the pack as a reader would and returns every small row it
// can pin down.
func (c *attackCase) attack(p *pack.Pack) []string {
	var leaks []string
	eqs := map[string][]equation{} // by measure: rows, amount
	add := func(m string, atoms []int, v any, tol float64) {
		f, ok := engine.ToFloat(v)
		if !ok {
			if v != nil {
				return
			}
			f = 0 // an empty sum: nothing
		}
		eqs[m] = append(eqs[m], equation{atoms, f, tol})
	}
	// Rows read, from the provenance, unless withheld (-1).
	all := match(attackSection{}, nil)
	if n := p.Provenance.Sources[0].RowsRead; n >= 0 {
		add("rows", all, float64(n), 0)
	}
	type withheld struct {
		sec attackSection
		key map[string]string
	}
	var targets []withheld
	for _, s := range c.sections {
		out := sectionOf(p, s.id)
		ng := len(s.groupBy)
		col := func(name string) int { return slices.Index(out.Columns, name) }
		listed := map[string]bool{}
		for i, row := range out.Rows {
			key := map[string]string{}
			for k, g := range s.groupBy {
				key[g] = fmt.Sprint(row[k])
			}
			listed[fmt.Sprint(key)] = true
			// Each cell counts for itself: a withheld row may show a
			// figure every other figure works out anyway.
			hiddenRows := slices.Contains(out.Suppressed, [2]int{i, col("rows")})
			hiddenAmount := slices.Contains(out.Suppressed, [2]int{i, col("amount")})
			if hiddenRows || hiddenAmount {
				targets = append(targets, withheld{s, key})
			}
			if !hiddenRows {
				add("rows", match(s, key), row[col("rows")], 0)
			}
			if !hiddenAmount {
				add("amount", match(s, key), row[col("amount")], 0.005)
			}
			if !slices.Contains(out.Suppressed, [2]int{i, col("persons")}) {
				add("persons", match(s, key), row[col("persons")], 0)
			}
		}
		if out.Total != nil {
			if !slices.Contains(out.Suppressed, [2]int{len(out.Rows), col("rows")}) {
				add("rows", match(s, nil), out.Total[col("rows")], 0)
			}
			if !slices.Contains(out.Suppressed, [2]int{len(out.Rows), col("amount")}) {
				add("amount", match(s, nil), out.Total[col("amount")], 0.005)
			}
			if !slices.Contains(out.Suppressed, [2]int{len(out.Rows), col("persons")}) {
				add("persons", match(s, nil), out.Total[col("persons")], 0)
			}
		}
		// The filter step says how many rows the section kept.
		for _, st := range out.Steps {
			if s.filter && strings.HasPrefix(st.Text, "Keep rows where") && st.Rows >= 0 {
				add("rows", match(s, nil), float64(st.Rows), 0)
			}
		}
		// A group the table does not list has no rows.
		if ng > 0 {
			for _, x := range attackAtoms() {
				key := map[string]string{}
				for _, g := range s.groupBy {
					key[g] = map[string]string{"a": x.a, "b": x.b}[g]
				}
				if !listed[fmt.Sprint(key)] && (!s.filter || x.f == "y") {
					add("rows", match(s, key), 0.0, 0)
					add("amount", match(s, key), 0.0, 0)
				}
			}
		}
		_ = ng
	}
	for _, m := range []string{"rows", "amount"} {
		lo, hi := propagate(len(attackAtoms()), eqs[m])
		for _, w := range targets {
			persons, value := c.truth(w.sec, w.key, m)
			if persons == 0 || persons >= c.minCount {
				continue // not small: withheld to protect others
			}
			var l, h float64
			for _, a := range match(w.sec, w.key) {
				l += lo[a]
				h += hi[a]
			}
			d := max(0.1*value, 1)
			if l > value-d+1e-6 || h < value+d-1e-6 {
				leaks = append(leaks, fmt.Sprintf("section %s, row %v (%d persons): %s %g lies in [%g, %g]", w.sec.id, w.key, persons, m, value, l, h))
			}
		}
	}
	return append(leaks, c.differences(eqs)...)
}

// differences subtracts every two published figures of a measure, one's
// unknowns among the other's: the difference is a figure too, published
// exactly, and must describe no person or at least min_count of them.
// For the counts of persons it is the count itself (those in the larger
// and not the smaller).
func (c *attackCase) differences(eqs map[string][]equation) []string {
	var leaks []string
	for m, list := range eqs {
		for _, e := range list {
			for _, in := range list {
				if len(in.atoms) >= len(e.atoms) || !isSubset(in.atoms, e.atoms) {
					continue
				}
				var diff []int
				for _, x := range e.atoms {
					if !slices.Contains(in.atoms, x) {
						diff = append(diff, x)
					}
				}
				n := c.personsIn(diff)
				if m == "persons" {
					n = int(math.Round(e.value - in.value))
				}
				if n > 0 && n < c.minCount {
					leaks = append(leaks, fmt.Sprintf("%s %g − %g over %v describes %d persons", m, e.value, in.value, diff, n))
				}
			}
		}
	}
	return leaks
}

func isSubset(in, of []int) bool {
	for _, x := range in {
		if !slices.Contains(of, x) {
			return false
		}
	}
	return true
}

// personsIn counts the persons with a row in the unknowns.
func (c *attackCase) personsIn(atoms []int) int {
	who := map[string]bool{}
	all := attackAtoms()
	for _, r := range c.rows {
		for _, x := range atoms {
			if all[x] == (atom{r.f, r.a, r.b}) {
				who[r.who] = true
			}
		}
	}
	return len(who)
}

// truth is a row's persons and its true figure, from the extract.
func (c *attackCase) truth(s attackSection, key map[string]string, m string) (int, float64) {
	who := map[string]bool{}
	v := 0.0
	for _, r := range c.rows {
		if s.filter && r.f != "y" || key["a"] != "" && r.a != key["a"] || key["b"] != "" && r.b != key["b"] {
			continue
		}
		who[r.who] = true
		if m == "rows" {
			v++
		} else {
			v += r.amount
		}
	}
	return len(who), v
}

// propagate tightens each unknown's bounds (from 0 and +∞) by the
// equations until nothing changes: from Σx = c ± tol, each x lies within
// c ± tol minus the others' bounds.
func propagate(n int, eqs []equation) (lo, hi []float64) {
	lo, hi = make([]float64, n), make([]float64, n)
	for i := range hi {
		hi[i] = math.Inf(1)
	}
	for round := 0; round < 500; round++ {
		changed := false
		for _, e := range eqs {
			sumLo, sumHi := 0.0, 0.0
			for _, a := range e.atoms {
				sumLo += lo[a]
				sumHi += hi[a]
			}
			for _, a := range e.atoms {
				if h := e.value + e.tol - (sumLo - lo[a]); h < hi[a]-1e-9 {
					hi[a], changed = h, true
				}
				if !math.IsInf(sumHi, 1) {
					if l := e.value - e.tol - (sumHi - hi[a]); l > lo[a]+1e-9 {
						lo[a], changed = l, true
					}
				} else {
					// Only this unknown may be unbounded above: then the
					// others' upper bounds are finite and it is bounded below.
					others := 0.0
					finite := true
					for _, b := range e.atoms {
						if b != a {
							if math.IsInf(hi[b], 1) {
								finite = false
								break
							}
							others += hi[b]
						}
					}
					if l := e.value - e.tol - others; finite && l > lo[a]+1e-9 {
						lo[a], changed = l, true
					}
				}
			}
		}
		if !changed {
			break
		}
	}
	return lo, hi
}
