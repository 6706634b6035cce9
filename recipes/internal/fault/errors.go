package fault

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mipack/mipack/recipes/csvx"
)

// Pos is a position in the recipe file: 1-based line and column.
type Pos struct {
	Line, Col int
}

// Error is a fault in a recipe, placed at file:line:column, with the path of
// the key it concerns: `monthly.yaml:12:5: sections[2].chart.y: unknown column "amt"`.
type Error struct {
	File string
	Line int
	Col  int
	// Path is the key's path in the recipe, e.g. "sections[2].chart.y".
	Path string
	Err  error
}

func (e *Error) Error() string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d:%d", e.File, e.Line, max(e.Col, 1))
	}
	if e.Path != "" {
		return fmt.Sprintf("%s: %s: %v", where, e.Path, e.Err)
	}
	return fmt.Sprintf("%s: %v", where, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Sentinel errors inside recipe Errors, for errors.Is.
var (
	ErrSyntax        = errors.New("YAML syntax error")
	ErrUnknownKey    = errors.New("unknown key")
	ErrShape         = errors.New("wrong kind of value")
	ErrMissing       = errors.New("missing")
	ErrUnknownSource = errors.New("unknown source")
	ErrUnknownColumn = errors.New("unknown column")
	ErrBadValue      = errors.New("bad value")
	ErrExpression    = errors.New("expression error")
	ErrNoReservation = errors.New("no reservation")
	// ErrPlaceholder is a reservation still holding the placeholder text
	// `mipack init` writes; errors.Is finds ErrNoReservation in it too.
	ErrPlaceholder    = fmt.Errorf("%w: placeholder", ErrNoReservation)
	ErrDisclosure     = errors.New("disclosure control")
	ErrDuplicate      = errors.New("duplicate")
	ErrUnknownReserve = errors.New("unknown reservation")
	ErrUnknownSection = errors.New("unknown section")
	// ErrExtractChanged means an extract was written to while it was read;
	// it comes inside a *csvx.ParseError naming the file.
	ErrExtractChanged = errors.New("extract changed while being read")
)

// Errorf is a fault that errors.Is finds sentinel in, reading as the
// message formatted (a csvx.Detail, as an extract's faults are).
func Errorf(sentinel error, format string, args ...any) error {
	return csvx.Detail(sentinel, fmt.Sprintf(format, args...))
}

// UnknownKeyError is a key the recipe's format does not have, with the
// known key it is closest to ("" when none is close).
type UnknownKeyError struct {
	Key, Closest string
}

func (e *UnknownKeyError) Error() string {
	if e.Closest == "" {
		return fmt.Sprintf("unknown key %q", e.Key)
	}
	return fmt.Sprintf("unknown key %q; did you mean %q?", e.Key, e.Closest)
}

func (e *UnknownKeyError) Unwrap() error { return ErrUnknownKey }

// Problems collects recipe errors so that every fault is reported at once.
//
// Only root causes are reported: a fault whose one cause is an earlier
// fault is left out, so that a typo gives one error, not five. The rule,
// kept where each fault is found:
//   - A misspelt key (`grup_by`, with "did you mean" a key of the format)
//     counts as the key it is closest to, given but unreadable: nothing is
//     reported missing where it stands (see meant), and whatever that key
//     would have defined (a section's group columns, its measures, the
//     sections a text quotes) is not reported unknown.
//   - A name whose definition is at fault (a column of an unknown type, a
//     derived column whose expression fails, a measure of an unknown
//     column) still names something: what reads it reports nothing more.
//   - A source that fails its own checks is not also an unknown source to
//     the sections that read it; a section that fails is not also unknown
//     to a text that quotes it.
type Problems struct {
	File string
	Errs []*Error
	// Near is where the part being checked starts (a section, a source): a
	// fault about a key the recipe leaves out is placed there.
	Near Pos
	// Meant holds, by path, the keys the recipe misspells ("sections[1].
	// group_by" for `grup_by` there): the key is there, unreadable, so it
	// is not also missing, and what it defines is in doubt.
	Meant map[string]bool
}

// Misspelt records the key each unknown key is closest to as meant.
func (p *Problems) Misspelt(keyProblems []*Error) {
	for _, e := range keyProblems {
		var uk *UnknownKeyError
		if !errors.As(e, &uk) || uk.Closest == "" {
			continue
		}
		if p.Meant == nil {
			p.Meant = map[string]bool{}
		}
		parent := strings.TrimSuffix(strings.TrimSuffix(e.Path, uk.Key), ".")
		p.Meant[JoinPath(parent, uk.Closest)] = true
	}
}

// Add records a fault at pos (or where the part being checked starts),
// unless it is one a misspelt key already accounts for.
func (p *Problems) Add(pos Pos, path string, err error) {
	if p.Meant[path] && (errors.Is(err, ErrMissing) || errors.Is(err, ErrNoReservation)) {
		return // the key is there, misspelt: that fault is reported
	}
	if pos.Line < 1 {
		pos = p.Near
	}
	if pos.Line < 1 {
		pos = Pos{1, 1}
	}
	p.Errs = append(p.Errs, &Error{File: p.File, Line: pos.Line, Col: pos.Col, Path: path, Err: err})
}

// Addf records a fault wrapping sentinel, with a formatted message.
func (p *Problems) Addf(pos Pos, path string, sentinel error, format string, args ...any) {
	p.Add(pos, path, Errorf(sentinel, format, args...))
}

// Err returns all collected errors sorted by line and column, joined; nil when none.
func (p *Problems) Err() error {
	if len(p.Errs) == 0 {
		return nil
	}
	slices.SortStableFunc(p.Errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	errs := make([]error, 0, len(p.Errs))
	seen := map[string]bool{}
	for _, e := range p.Errs {
		if msg := e.Error(); !seen[msg] {
			seen[msg] = true
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// JoinPath is the path of key inside path: "sections[1]" and "group_by"
// give "sections[1].group_by".
func JoinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
