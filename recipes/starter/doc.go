// Package starter writes a first recipe for a set of CSV extracts, for
// `mipack init`: it sniffs each extract's delimiter, encoding and header
// line (passing over a report's preamble), infers each column's type from
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
// The period is the latest month of the first date column. The locale is
// Danish because the extract writes decimal commas and Danish letters.
// Codes written with leading zeros (0042) stay strings; a column is a
// number only when every value reads as one with the source's decimal
// separator, and a date only when every value reads in one of the layouts
// 2006-01-02, 02-01-2006, 02.01.2006, 02/01/2006 and 2006/01/02. When the
// sample holds rows the reader refuses, or a few values that do not parse,
// the source says `on_error: skip`, so that they are left out and counted
// in a reservation. The placeholder reservation makes `mipack validate`
// fail until it is written.
package starter
