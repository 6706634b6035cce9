// Command gen writes the synthetic extract and recipe that the speed
// benchmark (bench/run.sh) feeds to mipack and to DuckDB.
//
// The extract looks like a finance system's payments file from a Danish
// disability office, only larger: one row per payment with a case and a
// citizen id, the section of the law (§ 85, § 107, § 108, ...), one of about
// 300 providers (Danish letters; commas and doubled quotes inside quoted
// fields), ISO dates, decimal amounts with a point, and empty cells (no end
// date, no amount). The same -rows and -seed give byte-identical files.
//
//	go run ./bench/gen -rows 1000000 -out /tmp/mipack-bench
//
// writes
//
//	/tmp/mipack-bench/extracts/payments.csv   the extract (about 88 MB for 1M rows)
//	/tmp/mipack-bench/bench.yaml              the recipe: two sections, audience internal
//
// and prints the extract's size. The citizens come from a fixed pool
// (-citizens, 100 000 by default) so that a larger extract has more rows, not
// more distinct people: memory for count_distinct then stays the same as the
// rows grow.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// config is what the command line chooses.
type config struct {
	rows     int
	citizens int
	seed     uint64
	out      string
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	var c config
	fs.IntVar(&c.rows, "rows", 1_000_000, "number of data rows in the extract")
	fs.IntVar(&c.citizens, "citizens", 100_000, "size of the citizen pool the rows draw from")
	fs.Uint64Var(&c.seed, "seed", 8, "random seed; the same seed gives the same files")
	fs.StringVar(&c.out, "out", "", "directory to write bench.yaml and extracts/payments.csv into (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.out == "" {
		return errors.New("-out DIR is required")
	}
	if c.rows < 0 || c.citizens < 1 {
		return errors.New("-rows must be at least 0 and -citizens at least 1")
	}
	if err := os.MkdirAll(filepath.Join(c.out, "extracts"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(c.out, "bench.yaml"), []byte(recipe), 0o644); err != nil {
		return err
	}
	path := filepath.Join(c.out, "extracts", "payments.csv")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	n, err := writeExtract(f, c)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d rows, %d bytes\n", path, c.rows, n)
	return nil
}

// recipe is the benchmark's recipe (recipe format v1). Section totals asks
// what DuckDB's first query asks, providers the second.
const recipe = `# Speed benchmark recipe, written by bench/gen. See bench/README.md.
title: Benchmark — betalinger
period: 2026-10
locale: da
audience: internal

sources:
  payments:
    file: extracts/payments.csv
    delimiter: ","
    decimal: "."
    encoding: utf-8
    columns:
      case_id: {from: sagsnr, type: string}
      citizen_id: {from: "cpr_løbenr", type: string}
      section: {from: paragraf, type: string}
      provider: {from: "leverandør", type: string}
      status: {from: status, type: string}
      start: {from: startdato, type: date}
      end: {from: slutdato, type: date}
      booked: {from: "bogført", type: date}
      amount: {from: "beløb", type: number}

reservations:
  - id: synthetic
    text: Udtrækket er syntetisk og skrevet af bench/gen til hastighedsmålingen; tallene beskriver ingen borgere.

sections:
  - id: by_section
    title: Aktive sager efter paragraf
    from: payments
    where: status == "active" && start <= period.end
    group_by: [section]
    measures:
      citizens: count_distinct(citizen_id)
      amount: sum(amount)
      mean_amount: mean(amount)
    order_by: [section]
    total: true
    reservations: [synthetic]

  - id: by_provider_month
    title: Betalinger efter leverandør og måned
    from: payments
    derive:
      month: month(booked)
    group_by: [provider, month]
    measures:
      amount: sum(amount)
      payments: count()
    order_by: [provider, month]
    total: true
    reservations: [synthetic]
`

// header is the extract's first line; the recipe reads its columns by name.
const header = "sagsnr,cpr_løbenr,paragraf,leverandør,status,startdato,slutdato,bogført,beløb,note\n"

// sections are the sections of the law, drawn with the weights beside them.
var sections = [...]struct {
	name   string
	weight int
}{
	{"§ 85", 40}, {"§ 107", 14}, {"§ 108", 16}, {"§ 103", 8}, {"§ 104", 9},
	{"§ 83", 7}, {"§ 95", 3}, {"§ 96", 3},
}

// providerKinds and providerPlaces make the provider names.
var (
	providerKinds = [...]string{
		"Bostedet", "Botilbuddet", "Opholdsstedet", "Værkstedet", "Aktivitetscentret",
		"Støttecentret", "Bofællesskabet", "Døgntilbuddet", "Skovgården", "Kærhuset",
	}
	providerPlaces = [...]string{
		"Ærøskøbing", "Søby", "Hjørring", "Åbyhøj", "Lærkely", "Møllegården", "Fjordglimt",
		"Skovbrynet", "Grønnegade", "Østerå", "Rønde", "Næstved", "Præstø", "Højslev",
		"Tårnby", "Ølstykke", "Brøndby", "Sæby", "Vrå", "Gørlev", "Fænø", "Åkirkeby",
		"Kø", "Bøgely", "Sølyst", "Lyngå", "Nørresundby", "Vestervang", "Løgstør", "Hvidovre",
	}
)

// providers returns the 300 provider names as CSV fields, quoted where they
// hold a comma or a quote.
func providers() []string {
	var out []string
	for i, place := range providerPlaces {
		for j, kind := range providerKinds {
			name := kind + " " + place
			switch (i*len(providerKinds) + j) % 7 {
			case 0:
				name += ", afd. " + strconv.Itoa(j+1)
			case 3:
				name = kind + ` "` + place + `", Region Midt`
			case 5:
				name += " ApS"
			}
			out = append(out, csvField(name))
		}
	}
	return out
}

// csvField quotes s when it holds a comma, a quote or a line break.
func csvField(s string) string {
	for _, r := range s {
		if r == ',' || r == '"' || r == '\n' || r == '\r' {
			q := []byte{'"'}
			for i := 0; i < len(s); i++ {
				if s[i] == '"' {
					q = append(q, '"')
				}
				q = append(q, s[i])
			}
			return string(append(q, '"'))
		}
	}
	return s
}

// Date ranges, as days since 1970-01-01.
var (
	startFrom  = days(2019, 1, 1)
	startTo    = days(2026, 12, 31)
	bookedFrom = days(2025, 1, 1)
	bookedTo   = days(2026, 12, 31)
)

func days(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// notes are free-text remarks, mostly empty; the recipe does not read them.
var notes = [...]string{
	"", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
	"efterregulering", `"rettet, jf. mail"`, "kreditnota",
}

// writeExtract writes the header and c.rows rows to w and returns the bytes written.
func writeExtract(w io.Writer, c config) (int64, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<20)
	rng := rand.New(rand.NewPCG(c.seed, 0x6d697061636b))
	prov := providers()
	totalWeight := 0
	for _, s := range sections {
		totalWeight += s.weight
	}
	// dateCache holds every date the rows can name, formatted once.
	dateCache := map[int][]byte{}
	date := func(d int) []byte {
		b, ok := dateCache[d]
		if !ok {
			b = time.Unix(int64(d)*86400, 0).UTC().AppendFormat(nil, "2006-01-02")
			dateCache[d] = b
		}
		return b
	}
	bw.WriteString(header)
	var line []byte
	for i := 0; i < c.rows; i++ {
		line = line[:0]
		line = append(line, "S-"...)
		line = appendPadded(line, i+1, 8)
		line = append(line, ",B-"...)
		// Citizens repeat: a few citizens have many payments.
		cit := rng.IntN(c.citizens)
		if rng.IntN(4) == 0 {
			cit = rng.IntN(c.citizens/20 + 1)
		}
		line = appendPadded(line, cit+1, 6)
		line = append(line, ',')
		w := rng.IntN(totalWeight)
		for _, s := range sections {
			if w < s.weight {
				line = append(line, s.name...)
				break
			}
			w -= s.weight
		}
		line = append(line, ',')
		line = append(line, prov[rng.IntN(len(prov))]...)
		line = append(line, ',')
		switch r := rng.IntN(10); {
		case r < 6:
			line = append(line, "active"...)
		case r < 9:
			line = append(line, "closed"...)
		default:
			line = append(line, "pending"...)
		}
		line = append(line, ',')
		start := startFrom + rng.IntN(startTo-startFrom+1)
		line = append(line, date(start)...)
		line = append(line, ',')
		if rng.IntN(100) >= 45 {
			line = append(line, date(start+30+rng.IntN(1500))...)
		}
		line = append(line, ',')
		line = append(line, date(bookedFrom+rng.IntN(bookedTo-bookedFrom+1))...)
		line = append(line, ',')
		if rng.IntN(100) >= 3 {
			line = appendAmount(line, rng)
		}
		line = append(line, ',')
		line = append(line, notes[rng.IntN(len(notes))]...)
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return cw.n, err
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// appendAmount appends a payment in kroner with up to two decimals: mostly
// a few thousand, some large, a few credit notes below zero.
func appendAmount(b []byte, rng *rand.Rand) []byte {
	var cents int64
	switch r := rng.IntN(100); {
	case r < 2:
		cents = -int64(1 + rng.IntN(2_000_000))
	case r < 90:
		cents = int64(100 + rng.IntN(5_000_000))
	default:
		cents = int64(5_000_000 + rng.IntN(60_000_000))
	}
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	b = strconv.AppendInt(b, cents/100, 10)
	switch frac := cents % 100; {
	case frac == 0 && rng.IntN(2) == 0:
		// a whole amount written without decimals
	case frac%10 == 0:
		b = append(b, '.', byte('0'+frac/10))
	default:
		b = append(b, '.', byte('0'+frac/10), byte('0'+frac%10))
	}
	return b
}

// appendPadded appends n in decimal, zero-padded to width digits.
func appendPadded(b []byte, n, width int) []byte {
	var d [20]byte
	s := strconv.AppendInt(d[:0], int64(n), 10)
	for k := len(s); k < width; k++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
