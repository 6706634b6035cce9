package engine

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes/internal/expr"
)

// aggregator folds one measure's values for one group.
type aggregator interface {
	add(v any)
	// result is the measure's value: int64, float64, time.Time, string or nil.
	result() any
	// nils is the number of nil values left out.
	nils() int64
	// merge folds in another aggregator of the same measure, as if its
	// values had been added here: a total is the merge of its groups.
	merge(other aggregator)
}

// aggregates are the aggregates by kind: the name a recipe writes, and
// how to make the aggregator that folds a measure's values.
var aggregates = [numAggregates]struct {
	name string
	new  func(m *MeasurePlan, dict *textIDs) aggregator
}{
	AggCount: {"count", func(m *MeasurePlan, _ *textIDs) aggregator { return &countAgg{all: m.Col < 0} }},
	AggCountDistinct: {"count_distinct", func(_ *MeasurePlan, dict *textIDs) aggregator {
		if dict == nil {
			dict = NewTextIDs()
		}
		return &distinctAgg{dict: dict}
	}},
	AggSum:    {"sum", func(m *MeasurePlan, _ *textIDs) aggregator { return &sumAgg{integer: m.Typ == expr.TInteger} }},
	AggMean:   {"mean", func(*MeasurePlan, *textIDs) aggregator { return &sumAgg{mean: true} }},
	AggMedian: {"median", func(*MeasurePlan, *textIDs) aggregator { return &medianAgg{} }},
	AggMin:    {"min", func(*MeasurePlan, *textIDs) aggregator { return &extremeAgg{min: true} }},
	AggMax:    {"max", func(*MeasurePlan, *textIDs) aggregator { return &extremeAgg{} }},
}

// newAggregator makes m's aggregator. dict gives a count_distinct's values
// their ids; the groups of one section run share it, so their sets merge.
// nil gives the aggregator a dictionary of its own.
func newAggregator(m *MeasurePlan, dict *textIDs) aggregator {
	return aggregates[m.Fn].new(m, dict)
}

// countAgg counts rows (count()) or non-nil values (count(c)).
type countAgg struct {
	all     bool
	n, nilN int64
}

func (a *countAgg) add(v any) {
	if v == nil && !a.all {
		a.nilN++
		return
	}
	a.n++
}
func (a *countAgg) result() any { return a.n }
func (a *countAgg) merge(o aggregator) {
	b := o.(*countAgg)
	a.n += b.n
	a.nilN += b.nilN
}
func (a *countAgg) nils() int64 { return a.nilN }

// distinctAgg counts distinct non-nil values as a set of the ids its
// dictionary gives them, by their canonical text: one lookup a value, and
// a total that is the union of its groups' sets.
type distinctAgg struct {
	dict *textIDs
	ids  idSet
	nilN int64
	buf  []byte
}

func (a *distinctAgg) add(v any) {
	if v == nil {
		a.nilN++
		return
	}
	a.ids.add(a.dict.idValue(v, &a.buf))
}
func (a *distinctAgg) result() any { return int64(a.ids.Count()) }
func (a *distinctAgg) merge(o aggregator) {
	b := o.(*distinctAgg)
	a.ids.union(&b.ids)
	a.nilN += b.nilN
}
func (a *distinctAgg) nils() int64 { return a.nilN }

// sumAgg sums exactly: integers as int64, numbers with Neumaier's
// compensated summation (rounded to the source's decimals at the end, see
// roundTo), so a million amounts with two decimals add up to the cent.
type sumAgg struct {
	integer, mean bool
	isum          int64
	sum, comp     float64
	n, nilN       int64
}

func (a *sumAgg) add(v any) {
	switch x := v.(type) {
	case nil:
		a.nilN++
		return
	case int:
		if a.integer {
			a.isum += int64(x)
			a.n++
			return
		}
		a.addFloat(float64(x))
	case int64:
		if a.integer {
			a.isum += x
			a.n++
			return
		}
		a.addFloat(float64(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			a.nilN++
			return
		}
		a.addFloat(x)
	default:
		a.nilN++
		return
	}
	a.n++
}

func (a *sumAgg) addFloat(x float64) {
	t := a.sum + x
	if math.Abs(a.sum) >= math.Abs(x) {
		a.comp += (a.sum - t) + x
	} else {
		a.comp += (x - t) + a.sum
	}
	a.sum = t
}

func (a *sumAgg) result() any {
	if a.integer && a.n > 0 {
		return a.isum
	}
	if a.n == 0 {
		return nil // a sum of no values is empty, as in SQL: never a made-up 0
	}
	total := a.sum + a.comp
	if !a.mean {
		return total
	}
	return total / float64(a.n)
}
func (a *sumAgg) nils() int64 { return a.nilN }
func (a *sumAgg) merge(o aggregator) {
	b := o.(*sumAgg)
	a.isum += b.isum
	a.addFloat(b.sum)
	a.addFloat(b.comp)
	a.n += b.n
	a.nilN += b.nilN
}

// medianAgg keeps the group's values; the median needs them all.
type medianAgg struct {
	vals []float64
	nilN int64
}

func (a *medianAgg) add(v any) {
	f, ok := ToFloat(v)
	if !ok {
		a.nilN++
		return
	}
	a.vals = append(a.vals, f)
}

func (a *medianAgg) result() any {
	if len(a.vals) == 0 {
		return nil
	}
	slices.Sort(a.vals)
	n := len(a.vals)
	if n%2 == 1 {
		return a.vals[n/2]
	}
	return (a.vals[n/2-1] + a.vals[n/2]) / 2
}
func (a *medianAgg) nils() int64 { return a.nilN }
func (a *medianAgg) merge(o aggregator) {
	b := o.(*medianAgg)
	a.vals = append(a.vals, b.vals...)
	a.nilN += b.nilN
}

// extremeAgg is min or max of numbers, dates or strings.
type extremeAgg struct {
	min  bool
	best any
	nilN int64
}

func (a *extremeAgg) add(v any) {
	if v == nil {
		a.nilN++
		return
	}
	c := compareValues(v, a.best)
	if a.best == nil || (a.min && c < 0) || (!a.min && c > 0) {
		a.best = v
	}
}
func (a *extremeAgg) result() any { return a.best }
func (a *extremeAgg) nils() int64 { return a.nilN }
func (a *extremeAgg) merge(o aggregator) {
	b := o.(*extremeAgg)
	if b.best != nil {
		nil0 := a.nilN
		a.add(b.best)
		a.nilN = nil0
	}
	a.nilN += b.nilN
}

// ToFloat is v as a number: ok is false for a value that is none (nil,
// text, a date) or NaN.
func ToFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x)
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// compareValues orders two values of one column: nil last, numbers by
// value, dates by time, strings by text.
func compareValues(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	if fa, ok := ToFloat(a); ok {
		if fb, ok := ToFloat(b); ok {
			switch {
			case fa < fb:
				return -1
			case fa > fb:
				return 1
			}
			return 0
		}
	}
	if ta, ok := a.(time.Time); ok {
		if tb, ok := b.(time.Time); ok {
			return ta.Compare(tb)
		}
	}
	sa, sb := valueText(a), valueText(b)
	switch {
	case sa < sb:
		return -1
	case sa > sb:
		return 1
	}
	return 0
}

// valueText is a value's canonical text: for keys, sets and sorting.
func valueText(v any) string { return string(appendKey(nil, v)) }

// appendKey appends v's canonical text to buf.
func appendKey(buf []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "\x00nil"...)
	case string:
		return append(buf, x...)
	case int:
		return strconv.AppendInt(buf, int64(x), 10)
	case int64:
		return strconv.AppendInt(buf, x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.AppendInt(buf, int64(x), 10)
		}
		return strconv.AppendFloat(buf, x, 'g', -1, 64)
	case time.Time:
		return x.AppendFormat(buf, "2006-01-02")
	case bool:
		return strconv.AppendBool(buf, x)
	}
	return append(buf, "?"...)
}

// roundTo rounds v to decimals places, half away from zero, on v's
// shortest decimal text: 8933.195 becomes 8933.2, as a reader rounding by
// hand expects, where rounding the binary value would give 8933.19. Sums of
// values written with at most that many decimals are exact after rounding.
func roundTo(v float64, decimals int) float64 {
	if decimals < 0 || decimals > 12 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) <= decimals {
		return v
	}
	digits := []byte(intPart + frac[:decimals])
	if frac[decimals] >= '5' {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		} else {
			digits[i]++
		}
	}
	text := string(digits[:len(digits)-decimals]) + "." + string(digits[len(digits)-decimals:])
	r, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return v
	}
	if v < 0 {
		return -r
	}
	return r
}
