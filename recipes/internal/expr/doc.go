// Package expr is what a recipe's expressions are (where, derive, compute,
// end_before): their types, how Check compiles them with the expression
// library (github.com/expr-lang/expr), how a run evaluates them, and the
// fast path that evaluates common ones without the library.
//
// The recipe's functions beside the library's built-ins are one table,
// Functions: each Func has a name, argument types, a result type and its Go
// implementation. Compile gives the library every one of them, and
// CompileFast calls the same implementations, so a function is written
// once and both paths give the same result.
//
// An expression, its function, its result. Check compiles
//
//	derive:
//	  quarter: quarter(booked)
//
// against the section's columns (booked is a date, so the compiler sees
// time.Time{}):
//
//	c, err := expr.Compile("quarter(booked)", map[string]any{"booked": time.Time{}})
//	// c.Names = [quarter booked], c.Out = TString: the library checked
//	// the call against quarter's Args [TDate] and Result TString.
//
// A run evaluates it on each row. Where the row holds booked at position 6,
// the fast form reads the row directly:
//
//	fast := expr.CompileFast(c.Prog.Node(), cols, period)
//	fast(row)               // row[6] = 2026-11-03: "2026-Q4", true (Quarter)
//	fast(row)               // row[6] = nil: nil, true (an empty cell stays empty)
//
// and where it answers ok=false (a value of a type it does not handle), or
// CompileFast found no fast form, the run asks the library, which calls
// the same Quarter:
//
//	c.Run(map[string]any{"booked": booked, "period": period})   // "2026-Q4", nil
//
// Example runs these lines.
//
// The functions (see Functions):
//
//	month(d)              "2026-10"
//	year(d)               2026
//	quarter(d)            "2026-Q4"
//	days(from, to)        calendar days, both included: days(1 Oct, 31 Oct) = 31
//	overlap_days(s, e)    days of [s, e] inside the period (nil e: open-ended)
//	days_left(s, e)       days of [s, e] after the period, up to 31 December
//	year_days(s, e)       days of [s, e] from 1 January to the period's end
//	clamp(d, lo, hi)      d moved into [lo, hi]; nil d gives hi
//
// The period functions take `period` as a hidden last argument, which
// Compile adds to the call, so one compiled expression serves any period.
//
// What this package leaves to others: package recipes places a compile
// error in the recipe file and words it for authors (checkexpr.go,
// exprfaults.go); package engine builds the environments and rows
// expressions see, and words an expression for readers of the pack.
//
// Where things live:
//
//	types.go     Type, a value's type, and Doubtful
//	funcs.go     Functions, the table, and their implementations
//	compile.go   Compile (the library adapter), Compiled and its Run
//	fast.go      CompileFast, the fast path, and its promise
package expr
