// Command differ writes random council recipes, each over an extract of
// its own, for bench/differ.sh: the same seed gives the same files. The
// extracts mix small groups (withheld rows, secondary suppression), large
// ones, and citizens whose payments dominate a sum, so every path of
// disclosure control is taken. Groupings stay at a few dozen groups: the
// audit of a table with many small withheld rows can take minutes.
//
//	go run ./bench/differ -n 250 -out DIR
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 250, "recipes to write")
	out := flag.String("out", "", "directory to write them to (required)")
	seed := flag.Uint64("seed", 19, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "differ: -out DIR is required")
		os.Exit(2)
	}
	if err := write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "differ:", err)
		os.Exit(1)
	}
}

var (
	sections  = []string{"§ 85", "§ 107", "§ 108", "§ 103", "§ 104"}
	statuses  = []string{"active", "closed", "pending"}
	groupings = [][]string{{"section"}, {"provider"}, {"status"}, {"section", "status"}, {"status", "month"}, {}}
	measures  = []string{"citizens: count_distinct(citizen_id)", "amount: sum(amount)", "mean_amount: mean(amount)", "payments: count()", "amounts: count(amount)"}
	wheres    = []string{"", `status == "active"`, "amount > 100", `section != "§ 85" || amount < 0`}
)

func write(dir string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 8))
	for i := range n {
		name := fmt.Sprintf("r%03d", i)
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name, "payments.csv"), extract(rng), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name, "pack.yaml"), recipe(rng), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// extract is a payments extract: a pool of 3 to 5,000 citizens, 50 to
// 4,000 rows, one to twelve providers, and sometimes a citizen or two
// whose payments are a hundred times the others'.
func extract(rng *rand.Rand) []byte {
	var b strings.Builder
	b.WriteString("citizen_id,section,provider,status,booked,amount\n")
	citizens := 3 + rng.IntN(5000)
	rows := 50 + rng.IntN(4000)
	providers := 1 + rng.IntN(12)
	whales := rng.IntN(3)
	for range rows {
		c := 1 + rng.IntN(citizens)
		if rng.IntN(4) == 0 {
			c = 1 + rng.IntN(min(citizens, 40)) // some citizens with many rows
		}
		amount := float64(rng.IntN(1_000_000)) / 100
		if c <= whales && rng.IntN(2) == 0 {
			amount *= 100
		}
		if rng.IntN(40) == 0 {
			amount = -amount
		}
		cell := fmt.Sprintf("%.2f", amount)
		if rng.IntN(30) == 0 {
			cell = ""
		}
		fmt.Fprintf(&b, "C%05d,%s,P%02d,%s,2026-%02d-%02d,%s\n", c, sections[rng.IntN(len(sections))], rng.IntN(providers),
			statuses[rng.IntN(len(statuses))], 1+rng.IntN(4), 1+rng.IntN(28), cell)
	}
	return []byte(b.String())
}

func recipe(rng *rand.Rand) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `title: Differential
period: 2026-10
audience: council
disclosure: {min_count: %d, dominance: {n: %d, k: %d}}
sources:
  payments:
    file: payments.csv
    delimiter: ","
    decimal: "."
    columns: {citizen_id: string, section: string, provider: string, status: string, booked: date, amount: number}
reservations:
  - id: r
    text: Syntetisk.
sections:
`, 2+rng.IntN(9), 1+rng.IntN(3), 50+rng.IntN(46))
	for s := range 1 + rng.IntN(3) {
		fmt.Fprintf(&b, "  - id: s%d\n    title: Sektion %d\n    from: payments\n", s, s)
		if w := wheres[rng.IntN(len(wheres))]; w != "" {
			fmt.Fprintf(&b, "    where: '%s'\n", w)
		}
		g := groupings[rng.IntN(len(groupings))]
		if strings.Contains(strings.Join(g, " "), "month") {
			b.WriteString("    derive: {month: month(booked)}\n")
		}
		if len(g) > 0 {
			fmt.Fprintf(&b, "    group_by: [%s]\n    order_by: [%s]\n", strings.Join(g, ", "), strings.Join(g, ", "))
		}
		b.WriteString("    measures:\n")
		picked := 0
		for i, m := range measures {
			if rng.IntN(2) == 0 || i == len(measures)-1 && picked == 0 {
				fmt.Fprintf(&b, "      %s\n", m)
				picked++
			}
		}
		if len(g) > 0 && rng.IntN(2) == 0 {
			b.WriteString("    total: true\n")
		}
		b.WriteString("    reservations: [r]\n")
	}
	return []byte(b.String())
}
