// Package fault is how a recipe's faults are told: Error, placed at
// file:line:column with the path of the key it concerns; Pos, a place in
// the recipe file; the sentinel errors inside every Error, for errors.Is;
// and Problems, which collects every fault at once.
//
// Package recipes raises them while it loads and checks a recipe; package
// engine raises the few a run finds (a row an expression fails on, an
// extract changed while read, a recipe not approved). Package recipes
// re-exports every name here, so callers write recipes.Error and
// recipes.ErrMissing.
package fault
