package recipes

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	"github.com/mipack/mipack/recipes/csvx"
)

// sourceStats is what reading a source found: for provenance and the
// automatic reservation on skipped rows.
type sourceStats struct {
	sha256      string
	bytes       int64
	rowsRead    int64
	rowsSkipped int64
	firstSkip   string
	// decimals is the most decimals written in each number column.
	decimals []int
	dialect  csvx.Dialect
}

// checkEvery is how many rows pass between checks of the context.
const checkEvery = 4096

// ProgressFunc is told, now and then, how many bytes of a source were read.
type ProgressFunc func(source string, read, size int64)

// scan streams a source's rows, typed per the recipe's columns, to fn. The
// row slice is reused: fn must copy what it keeps. Rows that fail to read
// stop the scan with a *csvx.ParseError, or are counted and left out when
// the source says `on_error: skip`.
func scan(ctx context.Context, sp *sourcePlan, progress ProgressFunc, fn func(row []any, line int) error) (*sourceStats, error) {
	f, err := openExtract(sp.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	h := sha256.New()
	counted := &countingReader{r: f, h: h}
	rd, err := csvx.NewReader(bufio.NewReaderSize(counted, 1<<16), displayName(sp.path), sp.dialect)
	if err != nil {
		return nil, err
	}
	st := &sourceStats{decimals: make([]int, len(sp.cols)), dialect: rd.Dialect()}
	row := make([]any, len(sp.cols))
	for n := 0; ; n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(sp.name, counted.n, size)
			}
		}
		fields, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err == nil {
			err = typeRow(rd, sp, st, fields, row)
		}
		if err != nil {
			var pe *csvx.ParseError
			if !sp.skipBad || !errors.As(err, &pe) {
				return nil, err
			}
			st.rowsSkipped++
			if st.firstSkip == "" {
				st.firstSkip = err.Error()
			}
			if fatalParse(pe) {
				return nil, err
			}
			continue
		}
		st.rowsRead++
		if err := fn(row, rd.Line()); err != nil {
			return nil, err
		}
	}
	if _, err := io.Copy(io.Discard, counted); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(sp.name, counted.n, size)
	}
	st.sha256 = hex.EncodeToString(h.Sum(nil))
	st.bytes = counted.n
	return st, nil
}

// fatalParse reports a fault after which no further row can be trusted,
// even when bad rows are skipped.
func fatalParse(pe *csvx.ParseError) bool {
	return errors.Is(pe, csvx.ErrFieldTooLong)
}

// typeRow parses the recipe's columns of one record into row.
func typeRow(rd *csvx.Reader, sp *sourcePlan, st *sourceStats, fields [][]byte, row []any) error {
	for i := range sp.cols {
		c := &sp.cols[i]
		b := fields[c.index]
		if csvx.IsBlank(b) {
			row[i] = nil
			continue
		}
		var v any
		var err error
		switch c.typ {
		case tString:
			v = strings.TrimSpace(string(b))
		case tNumber:
			var dec int
			var f float64
			f, dec, err = csvx.ParseNumber(b, sp.decimal)
			v = f
			if dec > st.decimals[i] {
				st.decimals[i] = dec
			}
		case tInteger:
			var n int64
			n, err = csvx.ParseInteger(b)
			v = int(n)
		case tDate:
			v, err = csvx.ParseDate(b, c.layout)
		case tBool:
			v, err = csvx.ParseBool(b)
		}
		if err != nil {
			line, col := rd.FieldPos(c.index)
			return &csvx.ParseError{File: displayName(sp.path), Line: line, Column: col, Field: c.header, Err: err}
		}
		row[i] = v
	}
	return nil
}

// countingReader counts and hashes the bytes read through it.
type countingReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.h.Write(p[:n])
	return n, err
}

// rowError places a fault found while running an expression on a row: at
// the expression in the recipe, naming the extract's row.
func rowError(recipe string, src Str, path, extract string, line int, err error) error {
	return &Error{File: recipe, Line: src.Pos.Line, Col: src.Pos.Col, Path: path,
		Err: fmt.Errorf("%w: %v (on the row at %s:%d)", ErrExpression, err, extract, line)}
}
