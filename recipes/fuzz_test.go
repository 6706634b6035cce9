package recipes

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/fault"
	"github.com/mipack/mipack/render/pack"
)

// fuzzDeadline is how long one input may take before the fuzz target calls
// it a hang.
const fuzzDeadline = 10 * time.Second

// withDeadline runs fn and fails the test when it does not return in time.
func withDeadline(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(fuzzDeadline):
		require.Failf(t, "no answer in time", "%s: got no answer in %v, want an answer or an error", what, fuzzDeadline)
	}
}

// recipeErrors checks that err is a *Error, or *Error values joined with
// errors.Join, each naming file and placed on a line from 1 to lines, and
// returns them. It is called inside withDeadline's goroutine too, so it
// does not stop the test: on an error that is no *Error it fails the test
// and returns those checked so far.
func recipeErrors(t *testing.T, err error, file string, lines int) []*fault.Error {
	t.Helper()
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	if !assert.NotEmpty(t, errs, "got an empty joined error %q, want at least one *Error", err) {
		return nil
	}
	out := make([]*fault.Error, 0, len(errs))
	for _, e := range errs {
		if !assert.IsType(t, (*fault.Error)(nil), e, "error %q", e) {
			return out
		}
		re := e.(*fault.Error)
		assert.Equal(t, file, re.File, "file of error %q", re)
		assert.GreaterOrEqual(t, re.Line, 1, "line of error %q", re)
		assert.LessOrEqual(t, re.Line, lines, "line of error %q", re)
		out = append(out, re)
	}
	return out
}

// lineCount is the number of lines of data as YAML counts them (a line
// ends in LF, CRLF, CR, NEL, LS or PS), counting a last line without a
// line break; at least 1.
func lineCount(data []byte) int {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	n := 1
	for _, r := range s {
		switch r {
		case '\n', '\r', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}

// fuzzOffice writes an extract with typed columns, g.csv, into dir, for
// recipes that begin with fuzzHead.
func fuzzOffice(t testing.TB, dir string) {
	t.Helper()
	csv := "citizen_id,grp,amount,n,start,active\n" +
		"P1,A,100.25,1,2026-10-01,true\n" +
		"P2,A,,2,2026-09-15,false\n" +
		"P3,B,-7.5,,,true\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "g.csv"), []byte(csv), 0o644))
}

const fuzzHead = `title: Fuzz
period: 2026-10
sources:
  g:
    file: g.csv
    columns: {citizen_id: string, grp: string, amount: number, n: integer, start: date, active: bool}
reservations:
  - {id: r, text: Test figures.}
`

// FuzzParse feeds any bytes to the recipe loader, and what it accepts to
// Check: neither may panic or hang, and every fault is a *Error placed on
// a line of the recipe.
func FuzzParse(f *testing.F) {
	dir := f.TempDir()
	fuzzOffice(f, dir)
	f.Add([]byte(fuzzHead + "sections:\n  - {id: s, title: S, from: g, group_by: grp, measures: {a: sum(amount)}, reservations: [r]}\n"))
	f.Add([]byte(""))
	f.Add([]byte("# only a comment\n"))
	f.Add([]byte("title: [unclosed\n"))
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"))
	f.Add([]byte("sections: 3\nsources: [a]\n"))
	f.Add([]byte("reservations: [{}]\nsections: [{}]\n"))
	f.Add([]byte("---\ntitle: a\n---\ntitle: b\n"))
	f.Add([]byte("\xff\xfe t\x00i"))
	f.Fuzz(func(t *testing.T, data []byte) {
		name := filepath.Join(dir, "recipe.yaml")
		lines := lineCount(data)
		withDeadline(t, "Parse and Check", func() {
			r, err := Parse(name, data)
			if err != nil {
				recipeErrors(t, err, name, lines)
				return
			}
			if !assert.NotNil(t, r, "got a nil recipe and no error") {
				return
			}
			if _, err := Check(r, Options{}); err != nil {
				recipeErrors(t, err, name, lines)
			}
		})
	})
}

// whereRecipe puts an expression into a valid recipe as a literal block
// scalar, so that it reaches the expression compiler as written.
func whereRecipe(where string) []byte {
	var b strings.Builder
	b.WriteString(fuzzHead)
	b.WriteString("sections:\n  - id: s\n    title: S\n    from: g\n    where: |-\n")
	for _, line := range strings.Split(where, "\n") {
		b.WriteString("      " + line + "\n")
	}
	b.WriteString("    group_by: grp\n    measures: {a: sum(amount), c: count()}\n    total: true\n    reservations: [r]\n")
	return []byte(b.String())
}

// FuzzWhere fuzzes a `where:` expression inside a valid recipe: Check
// never panics, and every fault is placed inside the recipe; a recipe that
// checks also runs without a panic.
func FuzzWhere(f *testing.F) {
	dir := f.TempDir()
	fuzzOffice(f, dir)
	for _, seed := range []string{
		`grp == "A"`,
		`amount > 10 && start <= period.end`,
		`end == nil`,
		`amount +`,
		`month(start) == "2026-10" || year(start) == 2026`,
		`days(start, period.end) > 3 and active`,
		"n > 1\n  && amount < 0",
		`amount / 0 > 1`,
		`(((((`,
		`"unterminated`,
		`len(1..100000000) > 0`,
		`n ?? 0 > 1`,
		`grp matches "["`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, where string) {
		data := whereRecipe(where)
		name := filepath.Join(dir, "recipe.yaml")
		lines := lineCount(data)
		withDeadline(t, "Check and Run", func() {
			r, err := Parse(name, data)
			if err != nil {
				recipeErrors(t, err, name, lines)
				return
			}
			pl, err := Check(r, Options{})
			if err != nil {
				recipeErrors(t, err, name, lines)
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), fuzzDeadline)
			defer cancel()
			if _, err := pl.Run(ctx, engine.RunOptions{Generated: time.Unix(0, 0), Generator: "mipack test"}); err != nil {
				var re *fault.Error
				if errors.As(err, &re) {
					assert.GreaterOrEqual(t, re.Line, 1, "line of run error %q", err)
					assert.LessOrEqual(t, re.Line, lines, "line of run error %q", err)
				}
			}
		})
	})
}

// disclosureCase is a random council table: groups of subjects, each
// subject with one or more payments.
type disclosureCase struct {
	minCount    int
	total       bool
	preferTotal bool
	csv         string
	// subjects and cents per group: the truth the pack must not give away.
	subjects map[string]map[string]bool
	cents    map[string]int64
}

// newDisclosureCase draws groups from seed. Amounts are whole cents with
// an odd number of cents, drawn without repeats, so that a withheld sum is
// unlikely to equal any shown figure by chance.
func newDisclosureCase(seed uint64, groups, minCount uint8, total, preferTotal bool) disclosureCase {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	dc := disclosureCase{
		minCount: int(minCount%9) + 1, total: total, preferTotal: preferTotal,
		subjects: map[string]map[string]bool{}, cents: map[string]int64{},
	}
	nGroups := int(groups%12) + 1
	var b strings.Builder
	b.WriteString("grp,citizen_id,amount\n")
	used := map[int64]bool{}
	person := 0
	for g := range nGroups {
		name := fmt.Sprintf("G%02d", g)
		dc.subjects[name] = map[string]bool{}
		size := rng.IntN(2*dc.minCount+1) + 1
		for range size {
			var id string
			if person > 0 && rng.IntN(5) == 0 {
				id = fmt.Sprintf("P%d", rng.IntN(person)+1) // a subject in more than one group
			} else {
				person++
				id = fmt.Sprintf("P%d", person)
			}
			dc.subjects[name][id] = true
			for range rng.IntN(3) + 1 {
				var c int64
				for c == 0 || used[c] {
					c = (rng.Int64N(5_000_000)+10_000)*100 + int64(rng.IntN(50))*2 + 1
				}
				used[c] = true
				dc.cents[name] += c
				fmt.Fprintf(&b, "%s,%s,%d.%02d\n", name, id, c/100, c%100)
			}
		}
	}
	dc.csv = b.String()
	return dc
}

func (dc disclosureCase) recipe() string {
	secondary := "rows"
	if dc.preferTotal {
		secondary = "total"
	}
	return fmt.Sprintf(`title: Disclosure
period: 2026-10
audience: council
disclosure: {min_count: %d}
sources:
  g:
    file: g.csv
    columns: {grp: string, citizen_id: string, amount: number}
sections:
  - id: s
    title: Groups
    from: g
    group_by: grp
    measures: {citizens: count_distinct(citizen_id), amount: sum(amount), payments: count()}
    total: %t
    disclosure: {secondary: %s}
    chart: {type: bar, x: grp, y: amount}
    reservations: ["Test."]
`, dc.minCount, dc.total, secondary)
}

// FuzzDisclosure runs a council recipe over random groups and checks that
// no withheld figure can be read or worked out from the pack: every small
// row is withheld; a shown total leaves at least two withheld rows that
// together describe at least min_count subjects; and no withheld amount
// appears anywhere in pack.json.
func FuzzDisclosure(f *testing.F) {
	f.Add(uint64(1), uint8(3), uint8(4), true, false)
	f.Add(uint64(2), uint8(1), uint8(4), true, false)
	f.Add(uint64(3), uint8(2), uint8(2), true, true)
	f.Add(uint64(4), uint8(11), uint8(8), true, false)
	f.Add(uint64(5), uint8(6), uint8(0), false, false)
	f.Add(uint64(6), uint8(7), uint8(4), true, true)
	f.Fuzz(func(t *testing.T, seed uint64, groups, minCount uint8, total, preferTotal bool) {
		dc := newDisclosureCase(seed, groups, minCount, total, preferTotal)
		p, err := runRecipe(office(t, dc.recipe(), map[string]string{"g.csv": dc.csv}), Options{})
		require.NoError(t, err, "run")
		checkDisclosure(t, dc, p)
	})
}

func checkDisclosure(t *testing.T, dc disclosureCase, p *pack.Pack) {
	t.Helper()
	s := &p.Sections[0]
	colAmount := slices.Index(s.Columns, "amount")
	require.Contains(t, s.Columns, "amount", "columns")
	require.Len(t, s.Rows, len(dc.subjects), "rows, one per group")
	withheld := map[string]bool{}
	union := map[string]bool{}
	var shownCents int64
	for r, row := range s.Rows {
		name, _ := row[0].(string)
		subjects, ok := dc.subjects[name]
		require.True(t, ok, "row %d: got group %v, want one of the generated groups", r, row[0])
		hidden := s.IsSuppressed(r, colAmount)
		for c := 1; c < len(s.Columns); c++ {
			if !hidden && s.Columns[c] == "citizens" {
				// A row may be withheld for its count of persons alone
				// (17 in all, 12 in G01: 5 persons only elsewhere, fewer
				// than min_count), its other figures given exactly by the
				// total and the rows shown, and so shown.
				continue
			}
			assert.Equal(t, hidden, s.IsSuppressed(r, c), "row %s: column %s withheld as column amount is; want a row withheld whole", name, s.Columns[c])
			if s.IsSuppressed(r, c) {
				assert.Nil(t, row[c], "row %s column %s: a withheld cell", name, s.Columns[c])
			}
		}
		if len(subjects) < dc.minCount {
			assert.True(t, hidden, "row %s: got shown with %d subjects, want withheld (min_count %d)", name, len(subjects), dc.minCount)
		}
		if hidden {
			withheld[name] = true
			for id := range subjects {
				union[id] = true
			}
		} else {
			shownCents += dc.cents[name]
		}
	}
	totalShown := s.Total != nil && !s.IsSuppressed(len(s.Rows), colAmount)
	if dc.total {
		require.NotNil(t, s.Total, "total row")
	}
	if totalShown && len(withheld) > 0 {
		// At least 2 rows and min_count subjects withheld, or the total withheld.
		assert.GreaterOrEqual(t, len(withheld), 2, "withheld rows with the total shown")
		assert.GreaterOrEqual(t, len(union), dc.minCount, "subjects of the withheld rows with the total shown")
	}

	// Every figure in pack.json, in cents, and every text.
	data, err := pack.Encode(p)
	require.NoError(t, err)
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	numbers := map[int64]bool{}
	var texts []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case json.Number:
			if f, err := strconv.ParseFloat(string(v), 64); err == nil {
				numbers[int64(f*100+0.5*sign(f))] = true
			}
		case string:
			texts = append(texts, v)
		}
	}
	walk(doc)
	all := strings.Join(texts, "\n")
	for name := range withheld {
		c := dc.cents[name]
		assert.False(t, numbers[c], "group %s: its withheld amount %d.%02d appears as a figure in pack.json", name, c/100, c%100)
		for _, text := range []string{fmt.Sprintf("%d.%02d", c/100, c%100), fmt.Sprintf("%d,%02d", c/100, c%100)} {
			assert.NotContains(t, all, text, "group %s: its withheld amount appears in a text of pack.json", name)
		}
		if totalShown {
			// The total less the shown rows gives the withheld rows' sum
			// together; it must not be one row's amount.
			var totalCents int64
			for _, c := range dc.cents {
				totalCents += c
			}
			if len(withheld) == 1 {
				assert.NotEqual(t, c, totalCents-shownCents, "group %s: its withheld amount is the total less the shown rows", name)
			}
		}
	}
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}
