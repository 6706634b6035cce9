package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/recipes/csvx"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "v0.1.0-dev"

// Exit codes.
const (
	exitOK       = 0
	exitFailure  = 1 // the recipe or a run failed
	exitUsage    = 2 // the command line is wrong
	exitBadInput = 3 // an extract could not be read
)

// env is what a command may use of the outside world; only main touches os.
type env struct {
	getenv     func(string) string
	stdin      io.Reader
	stdout     io.Writer
	stderr     io.Writer
	isTerminal bool
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// usageError is a wrong command line; it is printed with the usage hint.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

const usage = `mipack turns CSV extracts into management packs, following a recipe.

Usage:
  mipack render RECIPE [--period YYYY-MM] [--out DIR] [--format html,pdf,json,csv] [--previous PACK.json]
  mipack validate RECIPE
  mipack explain RECIPE [SECTION] [--period YYYY-MM]
  mipack diff OLD NEW [--format text|md] [--exit-code] [--period YYYY-MM]
      (OLD and NEW: recipe files or git-ref:path, e.g. HEAD~1:monthly.yaml)
  mipack schema               (the JSON Schema for recipes, for editors)
  mipack init CSV... [-o FILE] [--locale da|en]   (a starter recipe)
  mipack serve RECIPE [--addr 127.0.0.1:8080]     (live preview while editing)
  mipack version

Run 'mipack COMMAND -h' for a command's flags.
`

// run is the whole command line: it returns the exit status.
func run(ctx context.Context, args []string, e env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "render":
		err = runRender(ctx, args[1:], e)
	case "validate":
		err = runValidate(ctx, args[1:], e)
	case "explain":
		err = runExplain(ctx, args[1:], e)
	case "diff":
		var changed bool
		if changed, err = runDiff(ctx, args[1:], e); err == nil && changed {
			return exitFailure
		}
	case "serve":
		err = runServe(ctx, args[1:], e)
	case "init":
		err = runInit(ctx, args[1:], e)
	case "schema":
		err = runSchema(ctx, args[1:], e)
	case "version", "--version":
		fmt.Fprintf(e.stdout, "mipack %s\n", version)
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, usage)
	default:
		err = usagef("unknown command %q", args[0])
	}
	return report(err, e.stderr)
}

// report prints err for a person and maps it to an exit status.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "mipack: %s\nTry: mipack help\n", ue.msg)
		return exitUsage
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "mipack: interrupted; earlier packs are unchanged")
		return exitFailure
	}
	// Each hint follows the faults it fits: after the last of a run of
	// faults with the same hint, and never after a fault that says its
	// own "Try:".
	all := faults(err)
	for i, f := range all {
		fmt.Fprintln(stderr, f.Error())
		if hint := hintFor(f); hint != "" && (i+1 == len(all) || hintFor(all[i+1]) != hint) {
			fmt.Fprintln(stderr, hint)
		}
	}
	var pe *csvx.ParseError
	if errors.As(err, &pe) {
		return exitBadInput
	}
	return exitFailure
}

// faults are the faults err joins (every fault of a recipe, every bad
// row), in order; err alone when it joins none.
func faults(err error) []error {
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	all := joined.Unwrap()
	msgs := make([]string, len(all))
	for i, e := range all {
		msgs[i] = e.Error()
	}
	if strings.Join(msgs, "\n") != err.Error() {
		return []error{err} // wrapped with words of its own: one fault
	}
	return all
}

// hintFor suggests a next step for one fault, or "" when the fault says
// its own "Try:" or no next step fits it.
func hintFor(err error) string {
	if strings.Contains(err.Error(), "Try:") {
		return ""
	}
	var pe *csvx.ParseError
	var re *recipes.Error
	var more *recipes.TooManyBadRows
	var ae *recipes.ApprovalError
	switch {
	case errors.As(err, &ae):
		return ae.Hint()
	case errors.Is(err, recipes.ErrExtractChanged):
		return "Try: run again once the extract is written in full; copy it aside first if it is still being exported."
	case errors.As(err, &pe) && pe.Line > 0 && !errors.As(err, &re), errors.As(err, &more):
		// A bad row; a fault of a whole extract (no header, UTF-16) is
		// placed at the recipe's source and is no row to fix or skip.
		return "Try: fix the row, or set `on_error: skip` on the source to leave bad rows out (they are counted in a reservation)."
	case errors.Is(err, recipes.ErrPlaceholder):
		return "Try: replace the placeholder text with what a reader must know about these figures: where they come from and what they leave out."
	case errors.Is(err, recipes.ErrNoReservation):
		return "Try: name a pack-wide reservation by id under the section's `reservations:`, or write one in quotes."
	}
	return ""
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("mipack "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseInterspersed parses flags that may stand before or after the
// positional arguments (`render recipe.yaml --period 2026-10`).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// generatedAt is SOURCE_DATE_EPOCH when set, so that builds are
// reproducible, else now.
func generatedAt(getenv func(string) string) (time.Time, error) {
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usagef("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now().UTC().Truncate(time.Second), nil
}

// load reads, checks and compiles a recipe.
func load(path string, opts recipes.Options) (*recipes.Plan, error) {
	r, err := recipes.Load(path)
	if err != nil {
		return nil, err
	}
	return recipes.Check(r, opts)
}
