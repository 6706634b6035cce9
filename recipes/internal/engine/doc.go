// Package engine runs a checked recipe: it reads the extracts, folds their
// rows into every section's groups, puts disclosure control over the whole
// pack at once, and makes the pack model (render/pack) both renderers read.
//
// Package recipes checks a recipe and compiles it into a *Plan, the types
// of this package; Plan.Run makes the pack. The engine imports nothing from
// recipes and knows nothing of the YAML format: what it shows of the recipe
// as written (the front matter, titles, join keys, where an expression is
// written) Check puts into the plan (Plan.Head, SectionPlan.Written), and
// the faults a run finds are package fault's Errors.
//
//	pl, err := recipes.Check(r, recipes.Options{})   // wraps an *engine.Plan
//	p, err := pl.Run(ctx, recipes.RunOptions{...})   // a *pack.Pack
//
// A plan holds no per-run state (that is runState's). Run is a
// schedule (run.go): read the sources others join to first, then every
// source a section still waits for, each once, streaming every row through
// each section that reads it; read again what disclosure control needs
// exactly; draft every section; protect; finish.
//
// Where things live:
//
//	plan.go, sectionplan.go,    the compiled plan: sources, columns, sections,
//	extendplan.go, textplan.go  joins, measures (Aggregate), section kinds
//	expr.go                     package expr's fast path over a section's
//	                            columns (CompileFast)
//	run.go                      Run: the schedule and its steps
//	scan.go, extract.go         reading a source: typing cells (through the
//	                            caches of package csvx/typed), bad rows,
//	                            progress, workbooks
//	table.go, aggregate.go      a section's run: joins, filter, derives,
//	                            groups, and the aggregates they fold
//	textids.go, bitset.go       ids of values, and sets of ids (count_distinct,
//	                            disclosure subjects)
//	contrib.go, atoms.go,       disclosure control: who contributes how much,
//	disclosure.go               the rows tables share, what is withheld
//	reconcile.go, extend_run.go reconcile sections; compare, budget and alert
//	output.go, textrun.go,      the pack's sections, text sections quoting
//	notes.go, lineage.go        figures, footnotes and the steps behind them
//	words.go, reader.go,        the words a pack prints (render/locale's
//	exprwords.go, natural.go    tables), and the order readers expect
//	approval.go, checkrows.go   approval from git history; CheckRows
//	period.go, decimals.go      the reporting month; a measure's decimals
package engine
