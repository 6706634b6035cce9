// Package disclosure decides which figures of a council pack are
// withheld, so that no figure the pack publishes — alone, or with every
// other figure in it — lets a reader work out a figure about fewer than
// MinCount persons. It is the only place that decides; the engine
// describes the pack to it and applies the answer.
//
// The engine describes what a pack publishes as a Problem: quantities
// (Var: rows of an extract, a sum of one of its columns) over atoms (the
// sets of rows every published figure takes whole or leaves out), units
// withheld as a whole (a table row, a total, a section's step counts, an
// extract's rows read), and cells: published figures, each the sum of one
// quantity over some atoms.
//
// A worked example. A table shows day prices by paragraph with a total:
//
//	§ 107   182.700      atoms {1}
//	§ 108    85.505      atoms {2}
//	§ 85     68.000      atoms {3}
//	§ 103    17.000      atoms {4}   (2 persons: primary)
//	Total   353.205      atoms {1, 2, 3, 4}
//
// Withholding § 103 alone protects nothing: 353.205 − 182.700 − 85.505 −
// 68.000 = 17.000 is its value. Protect withholds the primary unit, then asks
// the audit for the range a reader can derive for each sensitive cell:
// the least and greatest value its atoms can sum to while every shown cell
// keeps its value (within its rounding) and no count or amount without
// credit notes is negative. That range is a pair of linear programs
// (simplex.go). Here it is [17.000, 17.000], narrower than the protection level
// (Rules.Protection, 10 % of the value and at least Var.Step on each
// side), so Protect withholds more: of the units in an equation with the
// cell, the lowest rank and cost first (§ 85, the fewest persons), and
// keeps the first that opens the range. § 103 then lies anywhere in
// 0..85.000 (17.000 + 68.000).
//
// A second table over the same rows ties in through the atoms: a
// providers table whose § 107 rows are atoms {1a, 1b, 1c} has the
// overview's § 107 = 1a + 1b + 1c as an equation, and the audit sees it.
//
// The audit is most of the work when a pack has many small groups: a total
// ties every group's atoms into each range's programs, and Protect asks
// for thousands of ranges. It does the plain audit's arithmetic with less
// (fast.go), and results never differ — the same units withheld, the same
// revealed cells, the same ranges to the last bit, the same errors; the
// tests hold the fast path to the plain one on random problems:
//
//   - A range's programs take only the shown cells reached from the cell's
//     atoms through shared atoms (a withheld figure is no equation), and
//     the equations and atoms are found through an index, in the order
//     the plain audit meets them.
//   - Atoms that lie in the same equations, and in the cell or not, are
//     one column: their columns are equal and stay equal through every
//     pivot, Bland's rule lets only the first of them enter, and every
//     other column sees the same arithmetic without the rest. At 5,000
//     rows grouped by provider and month, 4,596 atoms are 51 columns.
//   - The least and greatest value share phase 1 of the simplex method,
//     which does not look at the objective, and phase 2 leaves out the
//     artificial columns it never reads.
//   - A cell's range is remembered until the withheld units or the
//     revealed cells change: it depends on nothing else.
//   - Where Protect needs only to know whether a cell is protected, the
//     points the audit already knows a reader cannot rule out may say so
//     without a program (known.go): the true figures and every optimum
//     found, with atoms that lie in the same shown figures trading value,
//     stay possible as more is withheld. Where they reach the protection
//     distance on both sides (a little inside it, against rounding), so
//     does the cell's range; where they do not, or a width is compared,
//     the range is worked out.
//
// None of this makes the equations fewer: where thousands of small groups
// are shown beside a total and a second table, each program still has an
// equation per shown figure, on a dense tableau.
//
// The primary rules (Rules.Primary) are the minimum count over the persons
// who contribute a value, and the (n, k) dominance rule on sums. After the
// ranges, a residual rule applies the minimum count to what a reader can
// add up: a shown figure minus the shown figures inside it leaves the sum
// of the withheld ones, which must together describe at least MinCount
// persons. When nothing more can be withheld to protect a figure, Protect
// returns an *UnprotectedError naming the unit and cell, never a value.
//
// A difference of two shown figures is published too (implied.go): 40
// citizens in all and 38 of them under a filter leave 2, though neither
// figure is small. Where a quantity's subjects are known by atom
// (Var.Subjects), every two shown figures of it, one's atoms inside the
// other's, whose difference describes one to MinCount − 1 subjects, give
// an implied cell: sensitive, published by no unit, its range kept wide by
// the same search and audit as a withheld row's, through a proxy: with
// one of the two figures shown, the difference is the other moved, so the
// cheaper of them is withheld and protected by the difference's distance.
// Counts of distinct persons (Var.Distinct) are in no equation, but two of
// them over nested atoms that differ by fewer than MinCount persons send
// the cheaper row away too. The minimum count is the only rule applied to
// a difference.
package disclosure
