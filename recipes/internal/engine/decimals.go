package engine

import "github.com/mipack/mipack/recipes/internal/expr"

// DecimalsFunc says how many decimals a derived number has at most, once
// the sources are read and the decimals of their number columns known; ok
// is false when the expression can make more (a division, a function).
type DecimalsFunc func(stats Reads) (decimals int, ok bool)

// SumDecimals is the decimals a measure's sum is exact to, when it is
// known: those of the number column summed, or those a derived column's
// expression gives. The sum is rounded to them, so binary noise such as
// 1063864.6300000001 never reaches a pack.
func (m *MeasurePlan) SumDecimals(stats Reads) (int, bool) {
	if m.Fn != AggSum || m.Typ != expr.TNumber {
		return 0, false
	}
	if m.SrcCol != nil {
		if st := stats[m.SrcCol.Src]; st != nil && m.SrcCol.Col < len(st.Decimals) {
			return st.Decimals[m.SrcCol.Col], true
		}
		return m.Decimals, true
	}
	if m.Exact != nil {
		if d, ok := m.Exact(stats); ok && d <= 12 {
			return d, true
		}
	}
	return 0, false
}
