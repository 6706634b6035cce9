package engine

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/internal/expr"
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
//
// warnings are what does not stop a run but shows wrong in a pack: for
// each text column whose texts look double-encoded ("Ã¦" for "æ"), a
// *csvx.ParseError wrapping csvx.ErrDoubleEncoded, placed at the first such
// row, that counts them and says what to do. It never quotes a value.
func (pl *Plan) CheckRows(ctx context.Context, most int) (skipped, warnings []error, err error) {
	if most <= 0 {
		most = DefaultMaxBadRows
	}
	var errs []error
	for _, sp := range pl.Sources {
		collect := *sp
		collect.SkipBad = true
		collect.listBad = most
		// Every text column is read, so that its texts can be looked at.
		collect.Cols = slices.Clone(sp.Cols)
		for i := range collect.Cols {
			if collect.Cols[i].Typ == expr.TString {
				collect.Cols[i].Unread = false
			}
		}
		mojibake := make([]doubleEncoded, len(collect.Cols))
		st, err := scan(ctx, &collect, nil, func(row []any, _ []uint32, line int) error {
			for i, v := range row {
				if s, ok := v.(string); ok && csvx.DoubleEncoded([]byte(s)) {
					if mojibake[i].texts == 0 {
						mojibake[i].line = line
					}
					mojibake[i].texts++
				}
			}
			return nil
		})
		if err != nil {
			var pe *csvx.ParseError
			if !errors.As(err, &pe) {
				return skipped, warnings, err
			}
			errs = append(errs, err) // a fault after which no row can be read
			continue
		}
		bad := st.bad
		if more := st.rowsSkipped - int64(len(st.bad)); more > 0 {
			bad = append(bad, &TooManyBadRows{File: filepath.Base(sp.Path), More: more})
		}
		if sp.SkipBad {
			skipped = append(skipped, bad...)
		} else {
			errs = append(errs, bad...)
		}
		for i, m := range mojibake {
			if m.texts > 0 {
				warnings = append(warnings, m.warning(sp, st.dialect.Encoding, &collect.Cols[i]))
			}
		}
	}
	return skipped, warnings, errors.Join(errs...)
}

// doubleEncoded counts a column's texts that look double-encoded, and
// the line of the first.
type doubleEncoded struct {
	texts int64
	line  int
}

// warning says where the column's double-encoded texts start and what to
// do, for the encoding the extract was read in.
func (m doubleEncoded) warning(sp *SourcePlan, encoding string, c *ColPlan) error {
	pe := &csvx.ParseError{File: DisplayName(sp.Path), Line: m.line, Field: c.Header}
	if sp.Workbook {
		pe.Sheet, encoding = sp.Sheet, ""
	}
	pe.Err = csvx.DoubleEncodedAdvice(m.texts, encoding)
	return pe
}
