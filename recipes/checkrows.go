package recipes

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/mipack/mipack/recipes/csvx"
)

// DefaultMaxBadRows is how many bad rows CheckRows lists for each source
// before it only counts them.
const DefaultMaxBadRows = 50

// TooManyBadRows ends the list of a source's bad rows when there are more
// than CheckRows lists: it says how many more.
type TooManyBadRows struct {
	File string
	More int64
}

func (e *TooManyBadRows) Error() string {
	return fmt.Sprintf("%s: and %d more bad rows", e.File, e.More)
}

// CheckRows reads every source to its end, as a run does, and reports
// every bad row: up to most of them for each source (DefaultMaxBadRows
// when most is 0), each a *csvx.ParseError placed at file:line:column
// (file:Sheet!G17 in a workbook) with what to do where that is known,
// then a *TooManyBadRows with the count of the rest. The bad rows of a
// source with `on_error: reject` are the error, joined with errors.Join in
// source order; those of a source with `on_error: skip`, which a run
// leaves out and counts, are returned as skipped. err is nil when no row
// stops a run.
func (pl *Plan) CheckRows(ctx context.Context, most int) (skipped []error, err error) {
	if most <= 0 {
		most = DefaultMaxBadRows
	}
	var errs []error
	for _, sp := range pl.sources {
		collect := *sp
		collect.skipBad = true
		collect.listBad = most
		st, err := scan(ctx, &collect, nil, func([]any, []uint32, int) error { return nil })
		if err != nil {
			var pe *csvx.ParseError
			if !errors.As(err, &pe) {
				return skipped, err
			}
			errs = append(errs, err) // a fault after which no row can be read
			continue
		}
		bad := st.bad
		if more := st.rowsSkipped - int64(len(st.bad)); more > 0 {
			bad = append(bad, &TooManyBadRows{File: filepath.Base(sp.path), More: more})
		}
		if sp.skipBad {
			skipped = append(skipped, bad...)
		} else {
			errs = append(errs, bad...)
		}
	}
	return skipped, errors.Join(errs...)
}
