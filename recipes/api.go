package recipes

import (
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/spec"
)

// The recipe's YAML format, as Go types (see package spec for each field).
type (
	// Recipe is one recipe file as written.
	Recipe = spec.Recipe
	// Pos is a place in a recipe file: line and column, from 1.
	Pos = spec.Pos
	// Str is a scalar from the recipe with its position.
	Str = spec.Str
	// StrList is a list of scalars; a single scalar is read as a list of one.
	StrList = spec.StrList
	// Named is a named entry of a mapping, in the order written.
	Named = spec.Named
	// NamedList is a mapping kept in the order written.
	NamedList = spec.NamedList
	// Disclosure is the recipe's disclosure control.
	Disclosure = spec.Disclosure
	// Dominance is the (n, k) dominance rule.
	Dominance = spec.Dominance
	// Source is one extract the recipe reads.
	Source = spec.Source
	// Sources are the recipe's extracts, in the order written.
	Sources = spec.Sources
	// Column is one column of a source.
	Column = spec.Column
	// Columns are a source's columns, in the order written.
	Columns = spec.Columns
	// Reservation is a pack-wide reservation.
	Reservation = spec.Reservation
	// Section is one section of the pack.
	Section = spec.Section
	// Budget compares a section with a budget extract.
	Budget = spec.Budget
	// Committed is a budget's committed amounts.
	Committed = spec.Committed
	// Alert keeps only the rows over a threshold.
	Alert = spec.Alert
	// Join joins another source into a section's rows.
	Join = spec.Join
	// Chart is a section's chart.
	Chart = spec.Chart
	// Reconcile compares two sources key by key.
	Reconcile = spec.Reconcile
	// ReconcileSubject is one side of a reconcile.
	ReconcileSubject = spec.ReconcileSubject
	// SectionDisclosure is a section's own disclosure settings.
	SectionDisclosure = spec.SectionDisclosure
)

// Error is a fault in a recipe, placed at file:line:column, with the path
// of the key it concerns.
type Error = spec.Error

// Sentinel errors inside recipe Errors, for errors.Is.
var (
	ErrSyntax         = spec.ErrSyntax
	ErrUnknownKey     = spec.ErrUnknownKey
	ErrShape          = spec.ErrShape
	ErrMissing        = spec.ErrMissing
	ErrUnknownSource  = spec.ErrUnknownSource
	ErrUnknownColumn  = spec.ErrUnknownColumn
	ErrBadValue       = spec.ErrBadValue
	ErrExpression     = spec.ErrExpression
	ErrNoReservation  = spec.ErrNoReservation
	ErrPlaceholder    = spec.ErrPlaceholder
	ErrDisclosure     = spec.ErrDisclosure
	ErrDuplicate      = spec.ErrDuplicate
	ErrUnknownReserve = spec.ErrUnknownReserve
	ErrUnknownSection = spec.ErrUnknownSection
	ErrExtractChanged = spec.ErrExtractChanged
)

// What Check makes and Run runs (see package engine).
type (
	// RunOptions are a run's facts from outside the recipe.
	RunOptions = engine.RunOptions
	// ProgressFunc is told, now and then, how many bytes of a source were read.
	ProgressFunc = engine.ProgressFunc
	// Period is the reporting month a pack covers.
	Period = engine.Period
	// ApprovalError says what keeps a recipe from being approved.
	ApprovalError = engine.ApprovalError
	// TooManyBadRows ends the list of a source's bad rows when there are
	// more than CheckRows lists: it says how many more.
	TooManyBadRows = engine.TooManyBadRows
)

// DefaultMaxBadRows is how many bad rows CheckRows lists for each source
// before it only counts them.
const DefaultMaxBadRows = engine.DefaultMaxBadRows

// Errors a run returns, for errors.Is.
var (
	ErrNotApproved           = engine.ErrNotApproved
	ErrWithheldFigureExposed = engine.ErrWithheldFigureExposed
	ErrReaderSeesName        = engine.ErrReaderSeesName
)

// ParsePeriod parses "YYYY-MM".
func ParsePeriod(s string) (Period, error) { return engine.ParsePeriod(s) }
