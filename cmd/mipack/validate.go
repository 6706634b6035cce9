package main

import (
	"context"
	"fmt"

	"github.com/mipack/mipack/recipes"
)

// validateOptions are `mipack validate`'s inputs.
type validateOptions struct {
	recipe string
	period string
}

func parseValidate(args []string, e env) (validateOptions, error) {
	var o validateOptions
	fs := newFlags("validate", e.stderr)
	fs.StringVar(&o.period, "period", "", "check with this period (YYYY-MM) instead of the recipe's")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	if len(pos) != 1 {
		return o, usagef("validate takes one recipe file, got %d arguments", len(pos))
	}
	o.recipe = pos[0]
	return o, nil
}

// runValidate checks a recipe and reads every extract to its end: every
// fault at once, as file:line:col, and every bad row (up to 50 a source).
func runValidate(ctx context.Context, args []string, e env) error {
	o, err := parseValidate(args, e)
	if err != nil {
		return err
	}
	plan, err := load(o.recipe, recipes.Options{Period: o.period})
	if err != nil {
		return err
	}
	skipped, warnings, err := plan.CheckRows(ctx, recipes.DefaultMaxBadRows)
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "warning: %v\n", w)
	}
	if err != nil {
		return err
	}
	// Where a reader would still see a recipe name: warnings, not faults.
	for _, w := range plan.Warnings() {
		fmt.Fprintf(e.stderr, "warning: %v\n", w)
	}
	for _, s := range skipped {
		fmt.Fprintf(e.stdout, "%v (skipped: on_error: skip)\n", s)
	}
	fmt.Fprintf(e.stdout, "%s: ok (%d sources, %d sections)\n", o.recipe, len(plan.Recipe.Sources), len(plan.Recipe.Sections))
	return nil
}
