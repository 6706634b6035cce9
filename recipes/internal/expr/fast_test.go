package expr_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
)

// TestFastExpressionsAgreeWithTheLibrary runs every expression both ways
// over rows with empty values, mixed numbers, texts and dates: wherever the
// fast form answers, it must give exactly what the expression library gives.
func TestFastExpressionsAgreeWithTheLibrary(t *testing.T) {
	var s engine.Schema
	s.Add("status", expr.TString, nil, "", "status")
	s.Add("amount", expr.TNumber, nil, "", "amount")
	s.Add("n", expr.TInteger, nil, "", "n")
	s.Add("start", expr.TDate, nil, "", "start")
	s.Add("end", expr.TDate, nil, "", "end")
	s.Add("ok", expr.TBool, nil, "", "ok")
	s.Add("month", expr.TString, nil, "", "month") // a derived column named like the function
	per, err := engine.ParsePeriod("2026-10")
	require.NoError(t, err)
	exprs := []string{
		`status == "active"`,
		`status != "active" || amount > 100`,
		`status == "active" && start <= period.end && (end == nil || end >= period.start)`,
		`end >= period.start`,
		`amount * 2 + n`,
		`n * 3 - 1`,
		`amount >= n`,
		`n == 2`,
		`amount == 2`,
		`!ok`,
		`not (ok and n > 1)`,
		`month(start)`,
		`year(end)`,
		`quarter(start)`,
		`start == end`,
		`status < "b"`,
		`period.days * n`,
		`amount - period.year_elapsed_days`,
		`status == nil`,
		`nil == end`,
	}
	rng := rand.New(rand.NewPCG(7, 9))
	pick := func(vals ...any) any { return vals[rng.IntN(len(vals))] }
	day := func(d int) time.Time { return time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	for _, src := range exprs {
		env := s.TypeEnv(per)
		delete(env, "month") // derived after these expressions, as `month: month(booked)` is
		c, err := expr.Compile(src, env)
		require.NoError(t, err, "%s does not compile", src)
		fast := engine.CompileFast(c.Prog.Node(), &s, per)
		if !assert.NotNil(t, fast, "%s: no fast form; every expression in this list should have one", src) {
			continue
		}
		answered := 0
		for i := 0; i < 500; i++ {
			row := []any{nil, nil, nil, nil, nil, nil, nil}
			copy(row, []any{
				pick(nil, "active", "closed", "b"),
				pick(nil, 0.0, 2.0, 150.5, -3.25),
				pick(nil, 0, 1, 2, 3),
				pick(nil, day(0), day(30), day(60)),
				pick(nil, day(0), day(30), day(61)),
				pick(nil, true, false),
			})
			env := map[string]any{"period": per.Env()}
			for j, name := range s.Names {
				env[name] = row[j]
			}
			got, ok := fast(row)
			if !ok {
				continue
			}
			answered++
			want, err := c.Run(env)
			if !assert.NoError(t, err, "%s on %v: fast form gave %v, the library failed", src, row, got) {
				continue
			}
			assert.Equal(t, engine.Normalize(want), engine.Normalize(got), "%s on %v: the fast form against the library", src, row)
		}
		assert.NotZero(t, answered, "%s: the fast form answered no row", src)
	}
}
