// Package csvout writes a pack's tables as CSV for a spreadsheet: every
// section as one block (its title, a header of column labels, the rows, the
// total row and the section's reservations), blocks parted by an empty line.
//
// The file is UTF-8 with a byte order mark, so that Excel reads "æøå"
// right, and uses the locale's list separator: ";" for a Danish pack (whose
// decimal separator is ","), "," for an English one. Every cell is
// formatted by pack.Section.CellText in its Sheet style: figures with the
// column's decimals, the locale's decimal separator, an ASCII minus and no
// thousands separator, so the spreadsheet reads them as numbers; a ratio
// stays a ratio (0,125, not 12,5 %); days and months stay ISO; no value is
// an empty cell. A cell withheld by disclosure control is the withheld
// mark "x" (pack.WithheldMark), exactly as in the HTML and PDF.
//
// Spreadsheets run a cell that starts with "=", "+", "-" or "@" (or a tab or
// carriage return before one) as a formula, so a supplier name such as
// `=HYPERLINK("http://evil", "x")` in an extract could run in a
// councillor's spreadsheet. Every text cell whose first non-space character
// is one of "=", "+", "-", "@", tab or carriage return is written with a
// single quote in front, which spreadsheets show as text. Figures are never
// quoted this way: a negative amount stays the number -1234,5.
//
// For a Danish pack with one section,
//
//	sections:
//	  - id: by_section
//	    title: Udgift efter paragraf
//	    ...
//	    measures: {citizens: count_distinct(citizen_id), amount: sum(amount)}
//	    total: true
//
// Render writes (after the byte order mark):
//
//	Handicapområdet — månedsrapport
//	Periode;oktober 2026
//
//	Udgift efter paragraf
//	Paragraf;Borgere;Beløb (kr.)
//	§ 107;21;182700,5
//	§ 108;x;x
//	'-2;7;-1250
//	I alt;33;181450,5
//	[1];"x: tallet vises ikke af hensyn til diskretion."
//
// (the text cell "-2" is quoted; the figure -1250 is not). Lines end in
// CRLF, and a cell holding the separator, a quote or a line break is
// quoted as RFC 4180 says.
package csvout
