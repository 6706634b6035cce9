// Package starter writes a first recipe for a set of extracts, CSV files
// or Excel workbooks, for `mipack init`: it sniffs each extract's
// delimiter, encoding (or sheet) and header line (passing over a report's
// preamble), infers each column's type from
// the data, makes its header a clean identifier, and writes a recipe with
// one example section and a reservation still to be written.
//
// Given grants.csv, written by a Danish case system,
//
//	Sagsnr;CPR-løbenr;Paragraf;Døgnpris;Startdato
//	0042;B-0001;§ 108;3.155,00;01-03-2026
//	0043;B-0002;§ 107;2.134,50;15-09-2026
//	0044;B-0003;§ 108;3.155,00;01-05-2026
//	0045;B-0004;§ 107;2.134,50;01-09-2026
//
// Inspect and Write give (after a comment on what to do next)
//
//	title: "Ny rapport"
//	period: 2026-09
//	locale: da
//	audience: internal
//
//	sources:
//	  grants:
//	    file: "grants.csv"
//	    delimiter: ";"
//	    decimal: ","
//	    encoding: utf-8
//	    columns:
//	      sagsnr: {from: "Sagsnr", type: string}
//	      cpr_loebenr: {from: "CPR-løbenr", type: string}
//	      paragraf: {from: "Paragraf", type: string}
//	      doegnpris: {from: "Døgnpris", type: number}
//	      startdato: {from: "Startdato", type: date, layout: "02-01-2006"}
//
//	reservations:
//	  - id: data
//	    text: "TODO: skriv forbeholdet"
//
//	sections:
//	  - id: grants_by_paragraf
//	    title: "grants efter Paragraf"
//	    from: grants
//	    group_by: [paragraf]
//	    measures:
//	      rows: count()
//	    order_by: [-rows]
//	    total: true
//	    reservations: [data]
//
// The period is the latest month of the first date column (Options.Period
// overrides it; Options.DefaultPeriod is for extracts with no date). The
// locale is Danish because the extract writes decimal commas and Danish
// letters.
//
// Columns are typed from every value read:
//
//   - a date when every value reads in one of the layouts 2006-01-02,
//     02-01-2006, 02.01.2006, 02/01/2006, 2006/01/02, their unpadded
//     forms (2-1-2006, ...) and 2-Jan-06, 2-Jan-2006 and 2 Jan 2006; a
//     column that needs several ("04/07/2016" and "20-Jan-17") lists the
//     fewest that read it, `layout: ["2/1/2006", "2-Jan-06"]`;
//   - a string when it holds codes: a value with a leading zero (0042), a
//     whole number longer than 15 digits, whole numbers all of one length
//     of six digits or more (account numbers such as 90540000), or a
//     header that names a code ("Artskonto", "Sagsnr", "Expenditure Code",
//     "Supplier ID"), so that no code is grouped as "90.540.000";
//   - an integer when every value is whole, a number when every value
//     reads with the source's decimal separator, else a string.
//
// A "-" in a number or date column, a spreadsheet's zero or nothing, is
// read as empty: the source says `null: ["", "-"]`. When the sample holds
// rows the reader refuses, or a few values that do not parse, the source
// says `on_error: skip`, so that they are left out and counted in a
// reservation. The placeholder reservation makes `mipack validate` fail
// until it is written.
//
// A workbook (.xlsx, .xlsm) is read from its first sheet that holds a
// table; the header is the first row, after a title and blank rows, whose
// cells are all text and at least as many as most rows below have. Its
// source names the sheet and has no delimiter or encoding; cells Excel
// stores as dates and numbers type as dates and numbers whatever they
// show.
//
// Texts that look double-encoded ("Ã¦" for "æ") are not put right by any
// recipe key, so Inspect returns them as Warnings, placed at the first
// such line and never quoting a value. A file whose first 64 KiB are
// UTF-8 but whose later lines are not is read as Windows-1252, with a
// warning.
package starter
