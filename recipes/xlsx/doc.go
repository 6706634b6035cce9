// Package xlsx reads one sheet of an Excel workbook (.xlsx, .xlsm) as a
// table: a header row, then one record a row, each cell with its kind, so
// that a number Excel stores stays that number, a text stays the text as
// typed (leading zeros kept), and a date cell is a date whatever its
// number format shows.
//
// # Reading
//
//	rd, err := xlsx.Open("bevillinger.xlsx", "bevillinger.xlsx", xlsx.Options{Sheet: "Bevillinger", HeaderRow: 3})
//	if err != nil { ... }      // *csvx.ParseError naming the file: not a workbook, encrypted, damaged, no such sheet
//	defer rd.Close()
//	for {
//		rec, err := rd.Read()
//		if err == io.EOF { break }
//		if err != nil { ... }  // *csvx.ParseError placed as bevillinger.xlsx:Bevillinger!G17
//		kinds := rd.Kinds()
//		...
//	}
//
// Given a sheet "Bevillinger" whose rows 1 and 2 hold a title and a blank
// line, row 3 the header Sag | Start | Beløb | Konto, and row 4 the cells
// "S1" (text), 46023 (a number formatted dd-mm-yyyy), 12500.5 (a number)
// and "04017" (text), Read returns for row 4
//
//	fields ["S1" "46023" "12500.5" "04017"]
//	kinds  [Text Date Number Text]
//
// and DateOf("46023") is 2026-01-01 in a workbook using the 1900 date
// system (2030-01-02 in one using 1904). Number texts are as Excel stores
// them, with "." before any decimals ("1E-3" is possible); formula cells give
// their cached result, and a formula with none is a fault, since the
// figure was never calculated.
//
// # Rows
//
// Rows are numbered as Excel numbers them; Line returns the row of the last
// record read. Empty rows are skipped. Hidden rows are read like the others
// and counted by Hidden. Cells right of the header's last column are
// ignored.
//
// # Limits
//
// A workbook is a zip archive: Open refuses one whose parts would unpack to
// more than MaxUnpacked bytes in all (a "zip bomb"), and excelize, which
// opens the workbook, keeps no part larger than 16 MiB in memory. The sheet
// is decoded as a stream, so memory grows with its shared strings (the
// distinct texts of the sheet), not with its rows.
//
// # Why not excelize's Rows
//
// excelize's Rows iterator returns each cell's text alone: the number 1.234
// and the text "1.234" (one thousand two hundred and thirty-four, written
// in Danish) come back alike, and a formula that was never calculated comes
// back as "", like an empty cell. A figure read either way would be wrong
// without a word, so the sheet itself is decoded here, while excelize opens
// and checks the workbook and reads its sheet list, date system and number
// formats.
package xlsx
