package recipes

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

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

// detail wraps a sentinel with a message: errors.Is finds the sentinel and
// the message reads on its own.
type detail struct {
	sentinel error
	msg      string
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.sentinel }

func errorf(sentinel error, format string, args ...any) error {
	return &detail{sentinel: sentinel, msg: fmt.Sprintf(format, args...)}
}

// problems collects recipe errors so that every fault is reported at once.
type problems struct {
	file string
	errs []*Error
	// near is where the part being checked starts (a section, a source): a
	// fault about a key the recipe leaves out is placed there.
	near Pos
}

func (p *problems) add(pos Pos, path string, err error) {
	if pos.Line < 1 {
		pos = p.near
	}
	if pos.Line < 1 {
		pos = Pos{1, 1}
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: pos.Line, Col: pos.Col, Path: path, Err: err})
}

func (p *problems) addf(pos Pos, path string, sentinel error, format string, args ...any) {
	p.add(pos, path, errorf(sentinel, format, args...))
}

// err returns all collected errors sorted by line and column, joined; nil when none.
func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(p.errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	errs := make([]error, 0, len(p.errs))
	seen := map[string]bool{}
	for _, e := range p.errs {
		if msg := e.Error(); !seen[msg] {
			seen[msg] = true
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}
