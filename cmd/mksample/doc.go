// Command mksample writes the sample disability office under
// samples/disability: the three extracts a Danish municipal disability
// office would pull from its systems, and the figures a correct pack must
// show for them.
//
// Run it from the repository root:
//
//	go run ./cmd/mksample            # rewrites samples/disability
//	go run ./cmd/mksample -dir /tmp/office
//
// It writes:
//
//	extracts/bevillinger.csv  grants from the case system: Windows-1252, ";",
//	                          "3.155,00", dd-mm-yyyy, CRLF
//	extracts/betalinger.csv   payments from the finance system: UTF-8, ",",
//	                          "3155.00", ISO dates, LF
//	extracts/budget.csv       the 2026 budget: UTF-8 with a BOM, ";", "64.500.000,00"
//	EXPECTED.md, expected.json every figure the sample recipes must produce
//
// The office is built from a fixed seed (math/rand/v2's PCG), so every run
// writes the same bytes; the test in this directory fails when the
// committed files and the generator disagree. Refresh them with
//
//	go test ./cmd/mksample -update
//
// The overview targets are fixed by design rather than drawn: with the
// filter status == "Aktiv" && start <= period.end && (end == nil || end >=
// period.start) for 2026-10, § 107 has 21 citizens whose day prices add up
// to 182.700 kr., § 108 10 citizens and 85.505 kr., § 85 34 citizens and
// 68.000 kr. Prices are drawn at random and then scaled to hit the totals to
// the øre. The expected figures are computed from the office model the
// extracts were written from, never by reading the extracts back.
//
// All people are pseudonyms (B-0001, B-0002, ...); no row describes a real
// person, provider or case.
package main
