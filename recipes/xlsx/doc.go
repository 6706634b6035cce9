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
// A workbook is a zip archive: Open refuses one whose parts say they
// unpack to more than MaxUnpacked bytes in all (a "zip bomb"; an entry
// that unpacks to more than it says is a damaged archive), and reads whole
// only the few small parts it needs, the relationships, the workbook part
// and the styles, each at most 16 MiB. The sheet is decoded as a stream,
// so memory grows with the workbook's shared strings (the distinct texts
// of its sheets), kept in one block with 4 bytes of bookkeeping a text,
// never with its rows: a 300,000-row sheet whose 2.1 million texts are all
// distinct, saved with shared strings as Excel saves them (650,908 texts),
// is read with at most 29 MiB of heap in use (45 MiB resident), where a
// string a text took 64 MiB. Shared strings of more than MaxStrings bytes
// of text (256 MiB) are refused with ErrTooLarge.
//
// # Why not excelize's Rows
//
// excelize's Rows iterator returns each cell's text alone: the number 1.234
// and the text "1.234" (one thousand two hundred and thirty-four, written
// in Danish) come back alike, and a formula that was never calculated comes
// back as "", like an empty cell. A figure read either way would be wrong
// without a word, so the sheet itself is decoded here. Nor does Open use
// excelize's OpenFile, which reads the whole file and unpacks every part
// of the workbook, every sheet and picture, to memory or a temporary file
// before a row is read: the parts read here are the ones the sheet needs.
package xlsx
