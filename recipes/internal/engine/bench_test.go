package engine_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/recipes/internal/engine"
)

// benchOffice writes an extract of n payment rows and a recipe with the
// benchmark's two sections (a filtered count_distinct/sum/mean by section,
// and sums by provider and month) and returns the checked plan and the
// extract's size.
func benchOffice(b *testing.B, n int) (*engine.Plan, int64) {
	b.Helper()
	dir := b.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	sections := []string{"§ 85", "§ 107", "§ 108", "§ 103", "§ 104"}
	var sb strings.Builder
	sb.WriteString("case_id,citizen_id,section,provider,status,start,booked,amount\n")
	for i := 0; i < n; i++ {
		start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(700))
		booked := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(300))
		status := "active"
		if rng.IntN(5) == 0 {
			status = "closed"
		}
		fmt.Fprintf(&sb, "S%d,B%d,%s,\"Bosted %d, afd. Ø\",%s,%s,%s,%d.%02d\n",
			rng.IntN(n/4+1), rng.IntN(20000), sections[rng.IntN(len(sections))], rng.IntN(300), status,
			start.Format("2006-01-02"), booked.Format("2006-01-02"), rng.IntN(90000), rng.IntN(100))
	}
	require.NoError(b, os.WriteFile(filepath.Join(dir, "payments.csv"), []byte(sb.String()), 0o644))
	recipe := `title: Bench
period: 2026-10
sources:
  payments:
    file: payments.csv
    columns: {case_id: string, citizen_id: string, section: string, provider: string, status: string, start: date, booked: date, amount: number}
sections:
  - id: by_section
    title: By section
    from: payments
    where: status == "active" && start <= period.end
    group_by: [section]
    measures: {citizens: count_distinct(citizen_id), amount: sum(amount), mean: mean(amount)}
    total: true
    reservations: ["Synthetic."]
  - id: by_provider_month
    title: By provider and month
    from: payments
    derive:
      month: month(booked)
    group_by: [provider, month]
    measures: {amount: sum(amount), payments: count()}
    total: true
    reservations: ["Synthetic."]
`
	path := filepath.Join(dir, "bench.yaml")
	require.NoError(b, os.WriteFile(path, []byte(recipe), 0o644))
	r, err := recipes.Load(path)
	require.NoError(b, err)
	pl, err := recipes.Check(r, recipes.Options{})
	require.NoError(b, err)
	return pl.Plan, int64(sb.Len())
}

// BenchmarkRun measures the whole engine on 200,000 rows: reading, typing,
// filtering, deriving and folding into two sections (bytes/s is the extract).
func BenchmarkRun(b *testing.B) {
	pl, size := benchOffice(b, 200_000)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, err := pl.Run(context.Background(), engine.RunOptions{Generated: time.Unix(0, 0)})
		require.NoError(b, err)
	}
}

// BenchmarkFold measures folding typed rows into groups alone, without
// reading: the aggregation's own cost per row.
func BenchmarkFold(b *testing.B) {
	pl, _ := benchOffice(b, 1000)
	sec := pl.Sections[0]
	t := engine.NewTableRun(sec, "bench.yaml", pl.Period, nil, 0, engine.NewTextIDs())
	row := []any{"S1", "B1", "§ 107", "Bosted 1", "active", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), 1234.5}
	citizens := make([]string, 20000)
	for i := range citizens {
		citizens[i] = fmt.Sprintf("B%d", i)
	}
	ids := make([]uint32, len(row)) // as the reader gives them: none for the citizen, whose values are too many to cache
	for i := range ids {
		ids[i] = 1
	}
	ids[1] = 0
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		row[1] = citizens[i%len(citizens)]
		i++
		require.NoError(b, t.Add(row, ids, 2))
	}
}
