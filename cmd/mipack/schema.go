package main

import (
	"context"

	"github.com/mipack/mipack/recipes"
)

// schemaOptions are `mipack schema`'s inputs: it takes none.
type schemaOptions struct{}

func parseSchema(args []string, e env) (schemaOptions, error) {
	fs := newFlags("schema", e.stderr)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return schemaOptions{}, err
	}
	if len(pos) != 0 {
		return schemaOptions{}, usagef("schema takes no arguments, got %d", len(pos))
	}
	return schemaOptions{}, nil
}

// runSchema prints the JSON Schema for recipes, for editors with a YAML
// language server: `mipack schema > recipe.schema.json`, then start a
// recipe with `# yaml-language-server: $schema=recipe.schema.json`.
func runSchema(_ context.Context, args []string, e env) error {
	if _, err := parseSchema(args, e); err != nil {
		return err
	}
	_, err := e.stdout.Write(recipes.Schema())
	return err
}
