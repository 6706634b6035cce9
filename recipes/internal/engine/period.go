package engine

import (
	"fmt"
	"time"

	"github.com/mipack/mipack/recipes/internal/expr"
)

// Period is the reporting month a pack covers.
type Period struct {
	// Name is "YYYY-MM".
	Name string
	// Start and End are the month's first and last day (midnight UTC).
	Start, End time.Time
}

// ParsePeriod parses "YYYY-MM".
func ParsePeriod(s string) (Period, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Period{}, fmt.Errorf("period %q is not a month written YYYY-MM, e.g. 2026-10", s)
	}
	return Period{Name: s, Start: t, End: t.AddDate(0, 1, -1)}, nil
}

// Days is the number of days in the period (31 for October).
func (p Period) Days() int { return expr.Days(p.Start, p.End) }

// YearStart is 1 January of the period's year.
func (p Period) YearStart() time.Time {
	return time.Date(p.Start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
}

// YearEnd is 31 December of the period's year.
func (p Period) YearEnd() time.Time {
	return time.Date(p.Start.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
}

// YearDays is the number of days in the period's year (365 or 366).
func (p Period) YearDays() int { return expr.Days(p.YearStart(), p.YearEnd()) }

// YearElapsedDays is the number of days from 1 January to the period's end,
// both included (304 for October 2026).
func (p Period) YearElapsedDays() int { return expr.Days(p.YearStart(), p.End) }

// Previous is the month before; SameLastYear the same month a year earlier.
func (p Period) Previous() Period {
	q, _ := ParsePeriod(p.Start.AddDate(0, -1, 0).Format("2006-01"))
	return q
}

// SameLastYear is the same month one year earlier.
func (p Period) SameLastYear() Period {
	q, _ := ParsePeriod(p.Start.AddDate(-1, 0, 0).Format("2006-01"))
	return q
}

// Env is the value of `period` in expressions.
func (p Period) Env() map[string]any {
	return map[string]any{
		"name":              p.Name,
		"start":             p.Start,
		"end":               p.End,
		"days":              p.Days(),
		"year":              p.Start.Year(),
		"month":             int(p.Start.Month()),
		"year_start":        p.YearStart(),
		"year_end":          p.YearEnd(),
		"year_days":         p.YearDays(),
		"year_elapsed_days": p.YearElapsedDays(),
		"value":             p,
	}
}

// Bounds are the period's first and last day, and its year's: what the
// period functions of expressions count against.
func (p Period) Bounds() (start, end, yearStart, yearEnd time.Time) {
	return p.Start, p.End, p.YearStart(), p.YearEnd()
}
