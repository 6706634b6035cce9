package recipes

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// sampleRecipes are the recipes of the sample office.
func sampleRecipes(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "samples", "*", "*.yaml"))
	require.NoError(t, err, "sample recipes")
	require.NotEmpty(t, paths, "no sample recipes found")
	return paths
}

// readerLine is one text the engine wrote for a reader, with where it is.
type readerLine struct {
	where, text string
	// made is true for text the engine made (not the recipe's own words:
	// titles, written reservations, labels).
	made bool
}

// readerText lists every text of a pack a reader sees that the engine
// had a hand in: column headings, footnotes, steps, reconcile row labels
// and chart series.
func readerText(p *pack.Pack, labelled func(section, column string) bool) []readerLine {
	var out []readerLine
	for _, s := range p.Sections {
		for _, c := range s.ColumnInfo {
			out = append(out, readerLine{s.ID + " column " + c.Name, c.Label, !labelled(s.ID, c.Name)})
		}
		if s.Kind == pack.KindReconcile {
			for _, r := range s.Rows {
				out = append(out, readerLine{s.ID + " row", fmt.Sprint(r[0]), true})
			}
		}
		for _, f := range s.Footnotes {
			out = append(out, readerLine{s.ID + " note " + f.Kind, f.Text, f.Kind != pack.FootnoteWritten})
		}
		for _, st := range s.Steps {
			out = append(out, readerLine{s.ID + " step", st.Text, true})
		}
		if ch := s.Chart; ch != nil {
			for _, d := range ch.Data {
				out = append(out, readerLine{s.ID + " series", d.Name, true})
			}
		}
	}
	return out
}

func runSample(t *testing.T, path string) (*engine.Plan, *pack.Pack) {
	t.Helper()
	r, err := Load(path)
	require.NoError(t, err)
	pl, err := Check(r, Options{})
	require.NoError(t, err)
	p, err := runRecipe(path, Options{})
	require.NoError(t, err)
	return pl.Plan, p
}

func labelledBy(pl *engine.Plan) func(section, column string) bool {
	return func(section, column string) bool {
		for _, sec := range pl.Sections {
			if sec.ID == section {
				return strings.TrimSpace(sec.Labels[column]) != ""
			}
		}
		return false
	}
}

// TestReaderTextGolden holds the reader text of every sample pack (labels,
// footnotes, steps, reconcile rows, chart series) to a golden file under
// testdata/TestReaderTextGolden; -update rewrites them.
func TestReaderTextGolden(t *testing.T) {
	for _, path := range sampleRecipes(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			pl, p := runSample(t, path)
			var b strings.Builder
			for _, l := range readerText(p, labelledBy(pl)) {
				fmt.Fprintf(&b, "%s: %s\n", l.where, l.text)
			}
			golden := filepath.Join("testdata", "TestReaderTextGolden", name+".golden")
			if updating() {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./recipes -run TestReaderTextGolden -update")
			assert.Equal(t, string(want), b.String(), "reader text of %s differs from %s", name, golden)
		})
	}
}

// exprCode matches the marks of an expression written as code.
var exprCode = regexp.MustCompile("`|==|!=|&&|\\|\\||<=|>=|\\bperiod\\.|\\bnil\\b|\\b[a-z_]+\\(")

// TestNoRecipeIdentifierInReaderText checks that no text the engine makes
// for a reader of a sample pack names a source, column, measure or section
// by its recipe identifier, or quotes expression code. An identifier that
// is also a word the reader is given (a label, a header, a source's
// label) or one of the engine's own words ("citizens") cannot be told
// apart from that word, and is not looked for.
func TestNoRecipeIdentifierInReaderText(t *testing.T) {
	for _, path := range sampleRecipes(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			pl, p := runSample(t, path)
			ids := recipeIdentifiers(pl)
			require.GreaterOrEqual(t, len(ids), 10, "identifiers %v: want the recipe's names", ids)
			for _, l := range readerText(p, labelledBy(pl)) {
				if !l.made {
					continue
				}
				assert.NotRegexp(t, exprCode, l.text, "%s quotes expression code", l.where)
				for _, id := range ids {
					assert.NotRegexp(t, regexp.MustCompile(`(^|[^\pL\pN_.])`+regexp.QuoteMeta(id)+`($|[^\pL\pN_])`), l.text,
						"%s names the recipe identifier %q", l.where, id)
				}
			}
		})
	}
}

// recipeIdentifiers are the recipe's names a reader must not see, less
// those that are also words a reader is given.
func recipeIdentifiers(pl *engine.Plan) []string {
	given := map[string]bool{}
	give := func(s string) {
		for _, w := range regexp.MustCompile(`[\pL\pN_]+`).FindAllString(s, -1) {
			given[strings.ToLower(w)] = true
		}
	}
	words := *engine.WordsFor(pl.Locale).Words
	words.Labels = locale.Labels{} // the engine's words only
	give(fmt.Sprint(words))
	names := map[string]bool{}
	for _, sp := range pl.Sources {
		names[sp.Name] = true
		give(sp.ReaderName())
		for _, c := range sp.Cols {
			names[c.Name] = true
			give(c.Label)
			give(c.Header)
		}
	}
	for _, sec := range pl.Sections {
		names[sec.ID] = true
		for _, l := range sec.Labels {
			give(l)
		}
		for _, d := range sec.Derives {
			names[d.Name] = true
		}
		for _, m := range sec.Measures {
			names[m.Name] = true
		}
		for _, c := range sec.Computes {
			names[c.Name] = true
		}
		for _, c := range sec.Columns {
			names[c] = true
		}
	}
	var out []string
	for n := range names {
		if !given[strings.ToLower(n)] {
			out = append(out, n)
		}
	}
	return out
}

// updating reports -update, which the external test package defines for
// every golden file of the package.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// A group column derived as month(...) is a month column: pack.json keeps
// "2026-10", readers and chart categories read "okt. 2026".
func TestMonthColumnsReadAsMonths(t *testing.T) {
	p, err := runRecipe(filepath.Join("..", "samples", "disability", "monthly.yaml"), Options{})
	require.NoError(t, err)
	s := section(t, p, "trend")
	assert.Equal(t, pack.TypeMonth, s.ColumnInfo[0].Type, "trend's month column")
	assert.Equal(t, "2026-01", s.Rows[0][0], "trend's first row in pack.json")
	assert.Equal(t, "okt. 2026", s.Chart.Categories[9], "trend's chart category 10")
}

// One measure reads alike everywhere: the overview's and the providers'
// day price totals sum one source column, so they show the same decimals
// (the providers' 55.066,64 needs two, so the overview's 336.205 has them
// too).
func TestOneMeasureHasOneSetOfDecimals(t *testing.T) {
	p, err := runRecipe(filepath.Join("..", "samples", "disability", "monthly.yaml"), Options{})
	require.NoError(t, err)
	decimals := func(id, col string) int {
		s := section(t, p, id)
		for _, c := range s.ColumnInfo {
			if c.Name == col {
				return c.Decimals
			}
		}
		require.Failf(t, "no column", "section %s has no column %s", id, col)
		return -1
	}
	overview, providers := decimals("overview", "cost_per_day"), decimals("providers", "cost_per_day")
	assert.Equal(t, 2, overview, "the overview's decimals")
	assert.Equal(t, 2, providers, "the providers' decimals")
}
