// Package spec is the recipe's YAML format as Go types, with the positions
// of what is written (Str, Pos), and the recipe's error type: Error, its
// sentinel errors, and Problems, which collects every fault at once.
//
// Package recipes decodes a recipe into these types (Load) and checks them
// (Check); package engine reads them where a pack shows what the recipe
// wrote (titles, join keys, a row error's place). Package recipes
// re-exports every name here, so callers write recipes.Recipe and
// recipes.Error.
//
//	types.go   Recipe, Source, Column, Section and the rest, field by field
//	errors.go  Error, the sentinels, Problems
//	schema.go  the JSON Schema of the scalar and list types
package spec
