package engine

import (
	"fmt"

	"github.com/mipack/mipack/render/locale"
)

// words are the engine's fixed texts in one language (locale.Words: the
// steps of how a figure was made, the automatic reservations and the
// default labels), and the tag their numbers are formatted by, as in the
// tables.
type words struct {
	*locale.Words
	tag string
}

var (
	danishWords  = words{Words: locale.WordsFor("da"), tag: "da"}
	englishWords = words{Words: locale.WordsFor("en"), tag: "en"}
)

// WordsFor are the words a pack in locale prints.
func WordsFor(locale string) *words {
	if locale == "da" {
		return &danishWords
	}
	return &englishWords
}

// num writes a count as the tables do: "1.330" (da), "1,330" (en).
func (w *words) num(n int64) string {
	return locale.For(w.tag).Integer(n)
}

// n formats p for n things, n written with thousands separators: "1 række",
// "1.208 rækker".
func (w *words) n(p locale.Forms, n int64) string {
	return fmt.Sprintf(p.Of(n), w.num(n))
}

// aggregate says a measure in plain words: "antal forskellige borgere".
func (w *words) aggregate(m *MeasurePlan, col string) string {
	if m.Fn == AggCount && m.Col >= 0 {
		return fmt.Sprintf(w.Aggregates["count_col"], col)
	}
	if m.Fn == AggCount {
		return w.Aggregates["count"]
	}
	return fmt.Sprintf(w.Aggregates[m.Fn.String()], col)
}

// count says "1 row" or "1,330 rows".
func (w *words) count(n int64) string {
	return w.n(w.Rows, n)
}
