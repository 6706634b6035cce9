// Package pack is the management pack model that every renderer reads: the
// pack-wide reservations, the sections with their tables, chart data and
// footnotes, the plain-words steps of how each figure was made, and the
// provenance of every source. pack.json is this model encoded with
// encoding/json; its keys are stable once released.
//
// The model holds raw, unformatted values. It knows nothing about HTML or PDF
// and nothing about recipes: the recipe engine fills it in, the renderers
// read it, and both agree on it alone.
//
// A section's table is a list of rows of cells. A cell is one of
//
//	nil       no value (or a suppressed value: see Section.Suppressed)
//	string    a label, e.g. "§ 107"
//	int64     a count, e.g. 21 (encoded as a JSON number)
//	float64   an amount, e.g. 182700 or 5172.38
//	bool      a flag, e.g. forecast over budget
//
// Decoding pack.json back with Read gives int64 for whole numbers in integer
// columns and float64 for the rest, so a decoded pack renders exactly like
// the pack it was encoded from.
//
// The model holds no formatting, but it has the one function that formats
// a figure for every output, Format (and Section.CellText for a table's
// cell), so that a figure reads the same in HTML, PDF, CSV, a text
// section, a footnote, diff and explain:
//
//	l := locale.For("da")
//	Format(l, Column{Type: TypeNumber, Decimals: 2}, -1234.5, Reader) // "−1.234,50"
//	Format(l, Column{Type: TypeNumber, Decimals: 2}, -1234.5, Sheet)  // "-1234,50"
//	Format(l, Column{Type: TypeMonth}, "2026-10", Reader)            // "okt. 2026"
//	FormatCell(l, col, v, true, Reader)                               // "x" (WithheldMark)
package pack
