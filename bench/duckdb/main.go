// Command duckbench runs the speed benchmark's two aggregations with DuckDB
// over the extract that bench/gen writes, times them end to end (opening the
// database, reading and parsing the CSV file, aggregating, fetching every
// row), and cross-checks the results against the pack.json that
// `mipack render --format json` made from the same extract.
//
// It is its own Go module so that the main module never needs cgo or DuckDB:
//
//	cd bench/duckdb && go build -o /tmp/duckbench . && \
//	  /tmp/duckbench -csv /tmp/mipack-bench/extracts/payments.csv \
//	    -pack /tmp/mipack-bench/out/bench-2026-10.json
//
// It prints one line, `duckdb seconds=0.412 rows=1000000 groups=7217
// check=ok`, and exits with status 1 when a figure differs: counts must be
// equal, sums equal to the cent, means within half a cent.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"sort"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "duckbench:", err)
		os.Exit(1)
	}
}

// config is what the command line chooses.
type config struct {
	csv     string
	pack    string
	period  string
	threads int
	mode    string
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("duckbench", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.csv, "csv", "", "the extract written by bench/gen (required)")
	fs.StringVar(&c.pack, "pack", "", "mipack's pack.json to cross-check against (optional)")
	fs.StringVar(&c.period, "period", "2026-10", "the recipe's period, YYYY-MM")
	fs.IntVar(&c.threads, "threads", 0, "DuckDB threads; 0 leaves DuckDB's default (all cores)")
	fs.StringVar(&c.mode, "mode", "scan", "scan: each query reads the CSV file; table: read it once into a table, then query")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.csv == "" {
		return errors.New("-csv FILE is required")
	}
	if c.mode != "scan" && c.mode != "table" {
		return fmt.Errorf("-mode %q: want scan or table", c.mode)
	}
	start, err := time.Parse("2006-01", c.period)
	if err != nil {
		return fmt.Errorf("-period %q: want YYYY-MM", c.period)
	}
	periodEnd := start.AddDate(0, 1, -1)

	began := time.Now()
	res, err := aggregate(context.Background(), c, periodEnd)
	if err != nil {
		return err
	}
	elapsed := time.Since(began)

	check := "skipped"
	if c.pack != "" {
		problems, err := crossCheck(c.pack, res)
		if err != nil {
			return err
		}
		check = "ok"
		if len(problems) > 0 {
			check = "FAILED"
			for _, p := range problems {
				fmt.Fprintln(os.Stderr, "duckbench: cross-check:", p)
			}
		}
	}
	fmt.Fprintf(stdout, "duckdb seconds=%.3f rows=%d groups=%d check=%s\n",
		elapsed.Seconds(), res.rows, len(res.bySection)+len(res.byProvider), check)
	if check == "FAILED" {
		return errors.New("DuckDB's figures differ from mipack's pack.json")
	}
	return nil
}

// results are DuckDB's answers. Keys are the group values joined by "\x1f";
// the key "" is the total row.
type results struct {
	rows       int64
	bySection  map[string]sectionRow
	byProvider map[string]providerRow
}

type sectionRow struct {
	citizens int64
	amount   *big.Rat // nil when every amount was empty
	mean     sql.NullFloat64
}

type providerRow struct {
	amount   *big.Rat
	payments int64
}

// source is the extract as DuckDB reads it: the dialect and every column's
// type given explicitly, nothing sniffed.
func source(path string) string {
	return fmt.Sprintf(`read_csv(%s, header = true, delim = ',', quote = '"', escape = '"',
  new_line = '\n', encoding = 'utf-8', auto_detect = false, dateformat = '%%Y-%%m-%%d',
  columns = {'case_id': 'VARCHAR', 'citizen_id': 'VARCHAR', 'section': 'VARCHAR',
    'provider': 'VARCHAR', 'status': 'VARCHAR', 'start': 'DATE', 'end': 'DATE',
    'booked': 'DATE', 'amount': 'DECIMAL(18,2)', 'note': 'VARCHAR'})`, quote(path))
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// The two aggregations of bench.yaml. ROLLUP and the empty grouping set
// give the total rows the recipe asks for with `total: true`.
const (
	querySections = `SELECT coalesce(section, ''), grouping(section) AS is_total,
  count(DISTINCT citizen_id), sum(amount)::VARCHAR, avg(amount)::DOUBLE
FROM %s
WHERE status = 'active' AND start <= DATE '%s'
GROUP BY ROLLUP (section)`

	queryProviders = `SELECT coalesce(provider, ''), coalesce(strftime(booked, '%%Y-%%m'), ''),
  grouping(provider) AS is_total, sum(amount)::VARCHAR, count(*)
FROM %s
GROUP BY GROUPING SETS ((provider, strftime(booked, '%%Y-%%m')), ())`
)

// aggregate opens an in-memory DuckDB and runs both queries, reading every
// result row.
func aggregate(ctx context.Context, c config, periodEnd time.Time) (*results, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if c.threads > 0 {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("SET threads = %d", c.threads)); err != nil {
			return nil, err
		}
	}
	from := source(c.csv)
	if c.mode == "table" {
		if _, err := conn.ExecContext(ctx, "CREATE TEMP TABLE payments AS SELECT * FROM "+from); err != nil {
			return nil, err
		}
		from = "payments"
	}
	res := &results{bySection: map[string]sectionRow{}, byProvider: map[string]providerRow{}}

	rows, err := conn.QueryContext(ctx, fmt.Sprintf(querySections, from, periodEnd.Format("2006-01-02")))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var section string
		var total int
		var r sectionRow
		var amount sql.NullString
		if err := rows.Scan(&section, &total, &r.citizens, &amount, &r.mean); err != nil {
			rows.Close()
			return nil, err
		}
		if r.amount, err = rat(amount); err != nil {
			rows.Close()
			return nil, err
		}
		if total == 1 {
			section = ""
		}
		res.bySection[section] = r
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}

	rows, err = conn.QueryContext(ctx, fmt.Sprintf(queryProviders, from))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var provider, month string
		var total int
		var r providerRow
		var amount sql.NullString
		if err := rows.Scan(&provider, &month, &total, &amount, &r.payments); err != nil {
			rows.Close()
			return nil, err
		}
		if r.amount, err = rat(amount); err != nil {
			rows.Close()
			return nil, err
		}
		key := provider + "\x1f" + month
		if total == 1 {
			key = ""
			res.rows = r.payments
		}
		res.byProvider[key] = r
	}
	return res, closeRows(rows)
}

func closeRows(rows *sql.Rows) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

// rat reads a DECIMAL sent as text exactly; NULL is nil.
func rat(s sql.NullString) (*big.Rat, error) {
	if !s.Valid {
		return nil, nil
	}
	r, ok := new(big.Rat).SetString(s.String)
	if !ok {
		return nil, fmt.Errorf("DuckDB sent the sum %q, not a number", s.String)
	}
	return r, nil
}

// packFile is the part of pack.json the cross-check reads.
type packFile struct {
	Sections []struct {
		ID      string            `json:"id"`
		Columns []string          `json:"columns"`
		Rows    [][]any           `json:"rows"`
		Total   []json.RawMessage `json:"total"`
	} `json:"sections"`
}

// crossCheck compares every row of mipack's two sections, and their totals,
// with DuckDB's, and returns what differs.
func crossCheck(path string, res *results) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p packFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var problems []string
	seen := map[string]bool{}
	for _, s := range p.Sections {
		seen[s.ID] = true
		col := func(name string) int {
			for i, c := range s.Columns {
				if c == name {
					return i
				}
			}
			problems = append(problems, fmt.Sprintf("%s: no column %q in %v", s.ID, name, s.Columns))
			return -1
		}
		rows := s.Rows
		if s.Total != nil {
			total := make([]any, len(s.Total))
			for i, raw := range s.Total {
				var v any
				d := json.NewDecoder(strings.NewReader(string(raw)))
				d.UseNumber()
				if err := d.Decode(&v); err != nil {
					return nil, fmt.Errorf("%s: %s total: %w", path, s.ID, err)
				}
				total[i] = v
			}
			total[0] = nil // the label: marks the total row below
			rows = append(rows, total)
		}
		switch s.ID {
		case "by_section":
			cSec, cCit, cAmt, cMean := col("section"), col("citizens"), col("amount"), col("mean_amount")
			if cSec < 0 || cCit < 0 || cAmt < 0 || cMean < 0 {
				continue
			}
			problems = append(problems, compareKeys(s.ID, len(rows), len(res.bySection))...)
			for _, r := range rows {
				key := text(r[cSec])
				want, ok := res.bySection[key]
				if !ok {
					problems = append(problems, fmt.Sprintf("%s: group %q is not in DuckDB's result", s.ID, key))
					continue
				}
				problems = append(problems, compareCount(s.ID, key, "citizens", r[cCit], want.citizens)...)
				problems = append(problems, compareCents(s.ID, key, "amount", r[cAmt], want.amount)...)
				problems = append(problems, compareMean(s.ID, key, "mean_amount", r[cMean], want.mean)...)
			}
		case "by_provider_month":
			cProv, cMonth, cAmt, cPay := col("provider"), col("month"), col("amount"), col("payments")
			if cProv < 0 || cMonth < 0 || cAmt < 0 || cPay < 0 {
				continue
			}
			problems = append(problems, compareKeys(s.ID, len(rows), len(res.byProvider))...)
			for _, r := range rows {
				key := ""
				if r[cProv] != nil {
					key = text(r[cProv]) + "\x1f" + text(r[cMonth])
				}
				want, ok := res.byProvider[key]
				if !ok {
					problems = append(problems, fmt.Sprintf("%s: group %q is not in DuckDB's result", s.ID, key))
					continue
				}
				problems = append(problems, compareCount(s.ID, key, "payments", r[cPay], want.payments)...)
				problems = append(problems, compareCents(s.ID, key, "amount", r[cAmt], want.amount)...)
			}
		}
	}
	for _, id := range []string{"by_section", "by_provider_month"} {
		if !seen[id] {
			problems = append(problems, fmt.Sprintf("pack.json has no section %q", id))
		}
	}
	sort.Strings(problems)
	return problems, nil
}

func text(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

func compareKeys(id string, got, want int) []string {
	if got != want {
		return []string{fmt.Sprintf("%s: got %d rows with the total from mipack, want %d as DuckDB", id, got, want)}
	}
	return nil
}

func compareCount(id, key, name string, got any, want int64) []string {
	n, ok := got.(json.Number)
	if !ok {
		return []string{fmt.Sprintf("%s[%q].%s: got %v, want the count %d", id, key, name, got, want)}
	}
	if v, err := n.Int64(); err != nil || v != want {
		return []string{fmt.Sprintf("%s[%q].%s: got %s, want %d", id, key, name, n, want)}
	}
	return nil
}

// compareCents requires the same amount to the cent: mipack's number,
// rounded to cents, against DuckDB's exact DECIMAL sum.
func compareCents(id, key, name string, got any, want *big.Rat) []string {
	if got == nil || want == nil {
		if (got == nil) != (want == nil) {
			return []string{fmt.Sprintf("%s[%q].%s: got %v, want %v", id, key, name, got, ratText(want))}
		}
		return nil
	}
	n, ok := got.(json.Number)
	if !ok {
		return []string{fmt.Sprintf("%s[%q].%s: got %v, want %s", id, key, name, got, ratText(want))}
	}
	g, ok := new(big.Rat).SetString(n.String())
	if !ok {
		return []string{fmt.Sprintf("%s[%q].%s: got %s, not a number", id, key, name, n)}
	}
	if cents(g) != cents(want) {
		return []string{fmt.Sprintf("%s[%q].%s: got %s, want %s", id, key, name, n, ratText(want))}
	}
	return nil
}

// cents rounds r to whole cents, halves away from zero.
func cents(r *big.Rat) string {
	return new(big.Rat).Mul(r, big.NewRat(100, 1)).FloatString(0)
}

func ratText(r *big.Rat) string {
	if r == nil {
		return "null"
	}
	return r.FloatString(2)
}

// compareMean allows half a cent: a mean is a division and need not be exact.
func compareMean(id, key, name string, got any, want sql.NullFloat64) []string {
	if got == nil || !want.Valid {
		if (got == nil) != !want.Valid {
			return []string{fmt.Sprintf("%s[%q].%s: got %v, want %v", id, key, name, got, want)}
		}
		return nil
	}
	n, ok := got.(json.Number)
	if !ok {
		return []string{fmt.Sprintf("%s[%q].%s: got %v, want %.4f", id, key, name, got, want.Float64)}
	}
	g, err := n.Float64()
	if err != nil || math.Abs(g-want.Float64) > 0.005 {
		return []string{fmt.Sprintf("%s[%q].%s: got %s, want %.4f", id, key, name, n, want.Float64)}
	}
	return nil
}
