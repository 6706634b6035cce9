package engine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/didyoumean"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// Plan is a checked recipe, compiled: sources resolved against their
// headers, expressions compiled once, sections ready to run. A Plan is made
// by Check and read by Run; it holds no per-run state.
type Plan struct {
	// Head is what the pack shows of the recipe file itself.
	Head     RecipeHead
	Period   Period
	Locale   string
	Audience string
	// MinCount and Subject are the disclosure settings; MinCount is 0 for an
	// internal pack. DominanceN, DominanceK and Protection are the
	// dominance rule and the protection level (0: the defaults of package
	// disclosure).
	MinCount               int
	Subject                string
	DominanceN             int
	DominanceK, Protection float64
	// ApprovalRequired is true when the recipe sets `approval: required`.
	ApprovalRequired bool

	Sources      []*SourcePlan
	Sections     []*SectionPlan
	Reservations map[string]string
}

// RecipeHead is what a pack shows of the recipe file itself: where it is,
// its bytes (hashed into the provenance), its front matter as written.
type RecipeHead struct {
	// File is the recipe's path as given; Commit the git commit it was
	// read from ("" for a file on disk).
	File, Commit string
	Bytes        []byte
	// The front matter, untrimmed.
	Title, Subtitle, Organisation, Committee, Meeting, Owner string
	// Reservations are the pack-wide reservations, in recipe order.
	Reservations []Note
	// ApprovalPos is where the recipe sets approval.
	ApprovalPos fault.Pos
}

// SourcePlan is one compiled source: its extract, dialect and columns.
type SourcePlan struct {
	// Label is the source's reader label, as written ("" for none).
	Label string
	Name  string
	Path  string
	// FS, when set, holds the extract: Path, with forward slashes, is
	// its name there. nil: the operating system's files.
	FS      fs.FS
	Dialect csvx.Dialect
	Decimal byte
	SkipBad bool
	// listBad, when above 0, keeps the faults of the first listBad rows
	// skipped as bad (see CheckRows).
	listBad int
	Cols    []ColPlan
	// Notes are the source's own reservations, footnoted on every section
	// that reads it.
	Notes []Note
	// Sheet is the sheet read when the source is a workbook (.xlsx); ""
	// for a CSV file.
	Sheet    string
	Workbook bool
	// Nulls are the cell texts read as nil besides blank ones, trimmed.
	Nulls [][]byte
	// EndBefore, when set, ends the table at the first row where it holds.
	EndBefore *expr.Compiled
	// EndFast, when set, makes EndBefore's fast form, or nil when it has
	// none. Each read of the source makes its own: a fast form may keep
	// caches (month()'s texts by month) for the one goroutine that runs
	// it, and a plan may run more than once at a time.
	EndFast func() expr.Fast
}

// ColPlan is one column of a source: its name, header, label and type.
type ColPlan struct {
	Name   string
	Header string
	// Label is the column's reader label: its own label, else header.
	Label string
	Typ   expr.Type
	// Layouts are a date column's layouts, tried in turn; none is ISO 8601.
	Layouts []string
	Index   int // field index in the file
	// Unread: a text column no section can read, left untyped (markRead).
	Unread bool
	// Doubt: the column's type is at fault (reported), so what reads it
	// reports nothing more.
	Doubt bool
	// Keyed: a text column whose distinct values a section counts (the
	// disclosure subject, a count_distinct), so the reader gives every
	// value an id however many there are (see markKeyed).
	Keyed bool
	Pos   fault.Pos
}

// Col is the index of the column called name, or -1.
func (s *SourcePlan) Col(name string) int {
	return slices.IndexFunc(s.Cols, func(c ColPlan) bool { return c.Name == name })
}

// ColNames are the source's column names, in order.
func (s *SourcePlan) ColNames() []string {
	names := make([]string, len(s.Cols))
	for i, c := range s.Cols {
		names[i] = c.Name
	}
	return names
}

// HintFor is a "did you mean" hint for name among known, or "".
func HintFor(name string, known []string) string { return didyoumean.Hint(name, known) }

// OpenExtract opens the extract at path in fsys (nil: the operating
// system's files) for reading, refusing what is not a regular file (a
// directory, a named pipe) with an error that says so.
func OpenExtract(fsys fs.FS, path string) (fs.File, error) {
	info, err := statExtract(fsys, path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fault.Errorf(fault.ErrMissing, "extract %s does not exist", path)
		}
		return nil, fault.Errorf(fault.ErrBadValue, "cannot read extract: %v", err)
	}
	if info.IsDir() {
		return nil, fault.Errorf(fault.ErrBadValue, "extract %s is a directory, not a CSV file", path)
	}
	if !info.Mode().IsRegular() {
		// A pipe or a device would be read without end, or block.
		return nil, fault.Errorf(fault.ErrBadValue, "extract %s is not a regular file (%s)", path, info.Mode().Type())
	}
	var f fs.File
	if fsys == nil {
		f, err = os.Open(path)
	} else {
		f, err = fsys.Open(fsName(path))
	}
	if err != nil {
		return nil, fault.Errorf(fault.ErrBadValue, "cannot read extract: %v", err)
	}
	return f, nil
}

// statExtract describes the extract at path in fsys (nil: the operating
// system's files).
func statExtract(fsys fs.FS, path string) (fs.FileInfo, error) {
	if fsys == nil {
		return os.Stat(path)
	}
	return fs.Stat(fsys, fsName(path))
}

// SameExtract reports whether paths a and b name one extract in fsys (nil:
// the operating system's files): the same path once cleaned, or, on the
// operating system, the same file on disk (through a link, or an absolute
// path beside a relative one). An fs.FS is compared by cleaned paths only.
func SameExtract(fsys fs.FS, a, b string) bool {
	if fsName(a) == fsName(b) {
		return true
	}
	if fsys != nil {
		return false
	}
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// fsName is a path as an fs.FS names it: cleaned, with forward slashes.
func fsName(path string) string { return filepath.ToSlash(filepath.Clean(path)) }

// DisplayName is how an extract is named in messages: its path as the
// recipe resolves it, so file:line:col opens in an editor.
func DisplayName(path string) string { return filepath.Clean(path) }
