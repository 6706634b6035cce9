package recipes

import (
	"cmp"
	"slices"

	"github.com/mipack/mipack/render/pack"
)

// disclosureResult says what disclosure control withheld in one section.
type disclosureResult struct {
	primary, secondary int // rows withheld for their own sake, and to protect others
	total              bool
	cells              int // every cell withheld
	secondaryCells     int // cells withheld to protect others
}

// suppress applies disclosure control to a section's table. subjects[i]
// holds the distinct subjects row i describes, and small[i] says whether
// the row describes fewer than minCount of them (in any period it shows);
// all a small row's figure cells (columns from firstFigure on) are withheld.
//
// Secondary suppression: when a total row is shown, or the section's steps
// give a total away (stepsTotal: the steps count the rows kept, so a column
// that counts rows has its total there), the withheld rows must be at least
// two and together describe at least minCount subjects, or the total minus
// the shown rows would give a withheld value (or a small group's sum) away.
// Further rows are withheld, smallest first, until that holds; if every row
// is withheld and it still does not hold, a shown total is withheld too. With
// preferTotal, the total row's figures are withheld instead of further rows,
// where that is enough: not when the steps give the total away. A total
// that itself describes fewer than minCount subjects is withheld.
func suppress(out *pack.Section, subjects []*idSet, small []bool, totalSmall, preferTotal, stepsTotal bool, firstFigure, minCount int) disclosureResult {
	var res disclosureResult
	withheld := make([]bool, len(out.Rows))
	for i := range out.Rows {
		if small[i] {
			withheld[i] = true
			res.primary++
		}
	}
	if (out.Total != nil || stepsTotal) && res.primary > 0 {
		for {
			var union idSet
			n := 0
			for i, w := range withheld {
				if w {
					n++
					union.union(subjects[i])
				}
			}
			if n >= 2 && union.count() >= minCount {
				break
			}
			if preferTotal && out.Total != nil && !stepsTotal {
				res.total = true
				break
			}
			next := -1
			for i, w := range withheld {
				if !w && (next < 0 || subjects[i].count() < subjects[next].count()) {
					next = i
				}
			}
			if next < 0 {
				res.total = out.Total != nil
				break
			}
			withheld[next] = true
			res.secondary++
		}
	}
	if out.Total != nil && totalSmall {
		res.total = true
	}
	for i, w := range withheld {
		if w {
			for c := firstFigure; c < len(out.Columns); c++ {
				out.Suppressed = append(out.Suppressed, [2]int{i, c})
			}
		}
	}
	if res.total {
		for c := firstFigure; c < len(out.Columns); c++ {
			out.Suppressed = append(out.Suppressed, [2]int{len(out.Rows), c})
		}
	}
	slices.SortFunc(out.Suppressed, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	res.cells = len(out.Suppressed)
	protecting := res.secondary
	if res.total {
		protecting++
	}
	res.secondaryCells = protecting * (len(out.Columns) - firstFigure)
	return res
}

// countsRows reports whether a section shows a count of rows (count(), or
// count of a column): its steps count the rows kept, so such a column's
// total can be read from them even where no total row is shown.
func countsRows(sec *sectionPlan) bool {
	return slices.ContainsFunc(sec.measures, func(m measurePlan) bool { return m.fn == "count" })
}
