package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mipack/mipack/recipes/starter"
)

// initOptions are `mipack init`'s inputs.
type initOptions struct {
	files  []string // the extracts: CSV files or workbooks
	out    string   // the recipe file to write; "" writes to stdout
	locale string   // "da", "en", or "" to guess from the extracts
	period string   // the period when no extract has a date column
}

func parseInit(args []string, e env) (initOptions, error) {
	var o initOptions
	fs := newFlags("init", e.stderr)
	fs.StringVar(&o.out, "o", "", "write the recipe to this file (never overwritten) instead of stdout")
	fs.StringVar(&o.locale, "locale", "", "the recipe's locale, da or en (default: guessed from the extracts)")
	fs.StringVar(&o.period, "period", "", "the recipe's period, YYYY-MM (default: the latest month of the first date column, else this month)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	if len(pos) == 0 {
		return o, usagef("init takes one or more extracts (CSV files or .xlsx workbooks)")
	}
	if o.locale != "" && o.locale != "da" && o.locale != "en" {
		return o, usagef("unknown locale %q: use da or en", o.locale)
	}
	o.files = pos
	return o, nil
}

// runInit writes a starter recipe for the extracts.
func runInit(_ context.Context, args []string, e env) error {
	o, err := parseInit(args, e)
	if err != nil {
		return err
	}
	now, err := generatedAt(e.getenv)
	if err != nil {
		return err
	}
	opts := starter.Options{Locale: o.locale, Period: o.period, DefaultPeriod: now.Format("2006-01")}
	var sources []*starter.Source
	for _, f := range o.files {
		s, err := starter.Inspect(f, opts)
		if err != nil {
			return err
		}
		for _, w := range s.Warnings {
			fmt.Fprintf(e.stderr, "warning: %v\n", w)
		}
		sources = append(sources, s)
	}
	dir, name := ".", "recipe.yaml"
	if o.out != "" {
		dir, name = filepath.Dir(o.out), filepath.Base(o.out)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := starter.Write(&buf, absDir, name, sources, opts); err != nil {
		return err
	}
	if o.out == "" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	f, err := os.OpenFile(o.out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists; init never overwrites a recipe\nTry: mipack init -o another.yaml %s", o.out, filepath.Base(o.files[0]))
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\nNext: write the reservation's text, check the column types, then: mipack validate %s\n", o.out, o.out)
	return nil
}
