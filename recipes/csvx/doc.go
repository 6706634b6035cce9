// Package csvx reads the CSV extracts a recipe names: it settles their
// dialect (delimiter, encoding, line ends, where the header is), streams
// their records, and parses the typed values in their cells, placing every
// fault at file:line:column so an admin can open the file and fix it.
//
// # Reading
//
// NewReader reads up to the header; Read returns one record at a time, as
// fields that alias an internal buffer until the next Read:
//
//	f, _ := os.Open("bevillinger.csv")
//	rd, err := csvx.NewReader(f, "bevillinger.csv", csvx.Dialect{})
//	if err != nil { ... }          // *ParseError for an empty file, a quote fault in the header, ...
//	beløb, err := rd.Index("Beløb")
//	for {
//		rec, err := rd.Read()
//		if err == io.EOF { break }
//		if err != nil { ... }      // *ParseError: skip the record or stop
//		v, _, err := csvx.ParseNumber(rec[beløb], ',')
//		if err != nil {
//			line, col := rd.FieldPos(beløb)
//			return &csvx.ParseError{File: "bevillinger.csv", Line: line, Column: col, Field: "Beløb", Err: err}
//		}
//		...
//	}
//
// Given this Windows-1252 extract (æ, ø and å are the single bytes E6, F8
// and E5) with a two-line preamble and Dialect{HeaderLine: 3}:
//
//	Udtræk fra fagsystemet
//	Dannet 01-11-2026
//	Sag;Paragraf;Beløb;Note
//	S1;§ 107;12.500,50;"Ophold; på ""Solhøj"""
//	S2;§ 108;3.155;"to
//	linjer"
//	S3;§ 85;;
//
// the resolved Dialect is {Delimiter: ';', Encoding: "windows-1252",
// HeaderLine: 3, MaxFieldBytes: 16 MiB}, Header is [Sag Paragraf Beløb Note],
// and Read returns
//
//	line 4: ["S1" "§ 107" "12.500,50" `Ophold; på "Solhøj"`]
//	line 5: ["S2" "§ 108" "3.155" "to\nlinjer"]
//	line 7: ["S3" "§ 85" "" ""]
//
// ParseNumber of "12.500,50" with decimal ',' is 12500.5 with 2 decimals,
// and of "3.155" is 3155 with 0. Line numbers are physical lines, so the
// record after the two-line field starts on line 7, and FieldPos counts
// columns in characters of the decoded line: "12.500,50" is at 4:10.
//
// # Dialects
//
// A zero Dialect sniffs everything: a UTF-8 byte-order mark or valid UTF-8
// in the first 64 KiB means UTF-8 (the mark is skipped), anything else
// Windows-1252; the delimiter is the most frequent of , ; tab | outside
// quotes in the header line. Lines end in "\n" or "\r\n"; a file whose
// first line ends in a lone "\r" is read with "\r" line ends. Fields follow
// RFC 4180: a field that starts with a quote may hold delimiters, line ends
// and doubled quotes. A quote inside a field that does not start with one
// is ErrBareQuote unless LazyQuotes is set. Blank lines are skipped but
// counted. Decoded text is always UTF-8.
//
// Reading is one pass over a 256 KiB buffer: fields are slices of it (only
// quoted fields holding "" are copied), and a record costs no allocation.
//
// # Faults
//
// Every fault in an extract is a *ParseError:
//
//	grants.csv:45:23: cost_per_day: "12,5x" is not a number (decimal separator ",")
//	grants.csv:12:1: 5 fields, header has 6
//	grants.csv:9:14: status: a quote inside a field must be in a quoted field, written "like ""this"""
//	grants.csv:3:7: navn: byte 0xE6 is not UTF-8. Try: encoding: windows-1252
//
// with a sentinel error inside (ErrFieldCount, ErrQuote, ErrBareQuote,
// ErrInvalidUTF8, ErrFieldTooLong, ...) for errors.Is. After a fault in a
// record, Read goes on with the next one, so a caller may count bad rows
// and carry on; after ErrFieldTooLong or an I/O error it stops.
//
// # Values
//
// ParseNumber, ParseInteger, ParseDate and ParseBool read one cell each and
// do not allocate unless the value is bad (or a date needs an unusual
// layout). Their errors read well after "file:line:col: column: " and end
// with a "Try: ..." hint where one helps, such as `"12,5" is not a number
// (decimal separator "."). Try: decimal: ","`.
package csvx
