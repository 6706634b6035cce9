package recipes

import (
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// Pos is a position in the recipe file: 1-based line and column.
type Pos = fault.Pos

// Error is a fault in a recipe, placed at file:line:column, with the path
// of the key it concerns.
type Error = fault.Error

// Sentinel errors inside recipe Errors, for errors.Is.
var (
	ErrSyntax         = fault.ErrSyntax
	ErrUnknownKey     = fault.ErrUnknownKey
	ErrShape          = fault.ErrShape
	ErrMissing        = fault.ErrMissing
	ErrUnknownSource  = fault.ErrUnknownSource
	ErrUnknownColumn  = fault.ErrUnknownColumn
	ErrBadValue       = fault.ErrBadValue
	ErrExpression     = fault.ErrExpression
	ErrNoReservation  = fault.ErrNoReservation
	ErrPlaceholder    = fault.ErrPlaceholder
	ErrDisclosure     = fault.ErrDisclosure
	ErrDuplicate      = fault.ErrDuplicate
	ErrUnknownReserve = fault.ErrUnknownReserve
	ErrUnknownSection = fault.ErrUnknownSection
	ErrExtractChanged = fault.ErrExtractChanged
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
	ErrAuditTooLarge         = engine.ErrAuditTooLarge
	ErrReaderSeesName        = engine.ErrReaderSeesName
)

// ParsePeriod parses "YYYY-MM".
func ParsePeriod(s string) (Period, error) { return engine.ParsePeriod(s) }
