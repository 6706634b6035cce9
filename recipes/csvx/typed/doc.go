// Package typed turns the bytes of an extract's fields into typed values
// with ids, through caches kept per column, so that a value met on many
// rows is parsed and boxed in an interface once, not once a row.
//
// A column's texts are cached in a Texts while the column has at most
// MaxTexts distinct texts: a status, a section or a provider is parsed
// once. Each text gets an id, 1, 2, 3, ... in the order met, which the
// engine groups and counts by instead of the value. A column of ids or
// amounts passes MaxTexts and stops caching, for good: a cache that
// misses on every row costs more than it saves.
//
//	t := typed.NewTexts()
//	c, ok := t.Get([]byte("Bevilget"))       // Cell{}, false: not met yet
//	id := t.Put([]byte("Bevilget"), "Bevilget") // 1
//	c, ok = t.Get([]byte("Bevilget"))        // Cell{V: "Bevilget", ID: 1}, true
//	id = t.Put([]byte("Afslået"), "Afslået")   // 2
//
// Get compares the texts in turn while the column has at most eight of
// them, which is cheaper than hashing, and looks them up in a map after.
// The caller parses a text Get did not find (csvx.ParseNumber, say) and
// hands the value to Put.
//
// A date column's values are cached in a Days by year, month and day, for
// the years 1900 to 2155, whichever way each was written: "2026-07-13",
// "2026-07-13T00:00:00Z" and, with layout 02-01-2006, "13-07-2026" are one
// boxed time.Time with one id. A date written "YYYY-MM-DD" that was met
// before is found from its digits without being parsed again: dates are a
// third of the cells of a payments extract.
//
//	var d typed.Days
//	v, id, err := d.Parse([]byte("2026-07-13"), nil) // 2026-07-13 UTC, 1, nil
//	v, id, err = d.Parse([]byte("2026-07-13"), nil)  // the same value, 1, nil: from its digits
//	v, id, err = d.Parse([]byte("2026-02-30"), nil)  // nil, 0, an error: no such date
//	v, id = d.Box(time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC)) // a workbook's date: 2026-07-14, 2
//
// A date with a time of day, or outside the years cached, has id 0 and is
// boxed anew each time. Equal ids are equal values; equal values may have
// different ids ("5" and "5.0" in a number column).
//
// The caches belong to the one goroutine that reads a source; a run makes
// its own.
package typed
