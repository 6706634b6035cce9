package recipes

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// checkSource checks one source of the recipe against its extract's header
// and compiles it into the plan's source, read from fsys (nil: the
// operating system's files).
func checkSource(p *fault.Problems, r *Recipe, pl *engine.Plan, s *Source, fsys fs.FS) *engine.SourcePlan {
	path := "sources." + s.Name.Value
	sp := &engine.SourcePlan{Label: s.Label.Value, Name: s.Name.Value, Decimal: '.', FS: fsys}
	if !s.File.Set() || s.File.Value == "" {
		p.Addf(s.pos, path+".file", fault.ErrMissing, "source %q names no file", s.Name.Value)
		return nil
	}
	sp.Path = s.File.Value
	if !filepath.IsAbs(sp.Path) {
		sp.Path = filepath.Join(r.Dir, sp.Path)
	}
	switch d := s.Delimiter.Value; {
	case !s.Delimiter.Set():
	case d == "\\t" || d == "tab" || d == "\t":
		sp.Dialect.Delimiter = '\t'
	case len(d) == 1 && strings.ContainsAny(d, ",;|"):
		sp.Dialect.Delimiter = d[0]
	default:
		p.Addf(s.Delimiter.Pos, path+".delimiter", fault.ErrBadValue, `delimiter %q is not one of "," ";" "\t" "|"`, d)
	}
	if s.Encoding.Set() {
		enc, ok := csvx.EncodingName(s.Encoding.Value)
		if !ok {
			enc = strings.ToLower(s.Encoding.Value)
			names := csvx.Encodings()
			p.Addf(s.Encoding.Pos, path+".encoding", fault.ErrBadValue, "encoding %q is not one of %s%s", s.Encoding.Value, strings.Join(names, ", "), engine.HintFor(enc, names))
		}
		sp.Dialect.Encoding = enc
	}
	if s.HeaderLine.Set() {
		n, err := s.HeaderLine.Int()
		if err != nil || n < 1 {
			p.Addf(s.HeaderLine.Pos, path+".header_line", fault.ErrBadValue, "header_line %q is not a line number (1 or more)", s.HeaderLine.Value)
		}
		sp.Dialect.HeaderLine = n
	}
	switch s.OnError.Value {
	case "", "reject":
	case "skip":
		sp.SkipBad = true
	default:
		p.Addf(s.OnError.Pos, path+".on_error", fault.ErrBadValue, "on_error %q is not reject or skip", s.OnError.Value)
	}
	sp.Notes = resolveNotes(p, pl, s.Reservations, path+".reservations")
	if len(s.Columns) == 0 {
		p.Addf(s.pos, path+".columns", fault.ErrMissing, "source %q lists no columns: name the columns to read", s.Name.Value)
		return nil
	}
	sp.Workbook = isWorkbook(sp.Path)
	checkWorkbookKeys(p, s, sp, path)
	header, dialect, err := readHeader(sp)
	if err != nil {
		p.Add(s.File.Pos, path+".file", err)
		return nil
	}
	sp.Dialect = dialect
	switch dec := s.Decimal.Value; {
	case !s.Decimal.Set():
		if pl.Locale == "da" && (dialect.Delimiter == ';' || sp.Workbook) {
			sp.Decimal = ','
		}
	case dec == "." || dec == ",":
		sp.Decimal = dec[0]
	default:
		p.Addf(s.Decimal.Pos, path+".decimal", fault.ErrBadValue, `decimal %q is not "." or ","`, dec)
	}
	for _, c := range s.Columns {
		cp := engine.ColPlan{Name: c.Name.Value, Header: c.Header(), Layouts: c.Layout.Values(), Pos: c.Name.Pos}
		cp.Label = cp.Header
		if l := strings.TrimSpace(c.Label.Value); l != "" {
			cp.Label = l
		}
		cpath := path + ".columns." + c.Name.Value
		typ, ok := expr.TypeNames[strings.ToLower(c.Type.Value)]
		if !ok {
			if !p.Meant[cpath+".type"] {
				p.Addf(c.Type.Pos, cpath, fault.ErrBadValue, "type %q is not one of %s%s", c.Type.Value, strings.Join(columnTypes(), ", "), engine.HintFor(c.Type.Value, columnTypes()))
			}
			typ = expr.TAny
			cp.Doubt = true // so that what reads the column reports no faults of its own
		}
		cp.Typ = typ
		if len(c.Layout) > 0 && typ != expr.TDate {
			p.Addf(c.Layout[0].Pos, cpath+".layout", fault.ErrBadValue, "layout is for dates; column %q is %s", c.Name.Value, c.Type.Value)
		}
		idx := headerIndex(header, cp.Header)
		switch {
		case idx == -1:
			pos := c.Name.Pos
			if c.From.Set() {
				pos = c.From.Pos
			}
			p.Addf(pos, cpath, fault.ErrUnknownColumn, "%s has no column %q%s (its header: %s)", filepath.Base(sp.Path), cp.Header, engine.HintFor(cp.Header, header), quoteList(header, 12))
		case idx == -2:
			p.Addf(c.Name.Pos, cpath, fault.ErrDuplicate, "%s has the header %q more than once", filepath.Base(sp.Path), cp.Header)
		}
		cp.Index = idx
		sp.Cols = append(sp.Cols, cp)
	}
	checkCells(p, s, sp, path, pl.Period)
	return sp
}

// checkReadOnce refuses, in a council recipe, a source that reads an
// extract an earlier source already reads (for a workbook, the same sheet).
// Disclosure control ties the figures made from one source's rows
// together; two sources over one extract would be protected apart, and a
// total from one minus the shown rows of the other would be a withheld
// row. Internal recipes may read an extract twice.
func checkReadOnce(p *fault.Problems, pl *engine.Plan, s *Source, sp *engine.SourcePlan, earlier []*engine.SourcePlan) {
	if pl.Audience != "council" {
		return
	}
	for _, e := range earlier {
		if e.Workbook != sp.Workbook || (sp.Workbook && !strings.EqualFold(e.Sheet, sp.Sheet)) || !engine.SameExtract(sp.FS, e.Path, sp.Path) {
			continue
		}
		what := s.File.Value
		if sp.Workbook {
			what = fmt.Sprintf("%s (sheet %q)", what, sp.Sheet)
		}
		p.Addf(s.File.Pos, "sources."+s.Name.Value+".file", fault.ErrDisclosure,
			"%s is also read by source %s; in a council pack, figures from one extract are protected together only when it is read once. Try: read it as one source and use where: filters in the sections", what, e.Name)
		return
	}
}

// headerIndex finds a header: exactly, else ignoring case and surrounding
// space. It returns -1 when absent and -2 when ambiguous.
func headerIndex(header []string, name string) int {
	found := -1
	for pass := 0; pass < 2 && found == -1; pass++ {
		for i, h := range header {
			if h == name || (pass == 1 && strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(name))) {
				if found >= 0 {
					return -2
				}
				found = i
			}
		}
	}
	return found
}

func quoteList(names []string, most int) string {
	var b strings.Builder
	for i, n := range names {
		if i == most {
			fmt.Fprintf(&b, ", … (%d more)", len(names)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", n)
	}
	return b.String()
}

// readHeader opens an extract and reads its header, resolving the dialect
// (for a workbook, the sheet and the header's row).
func readHeader(sp *engine.SourcePlan) ([]string, csvx.Dialect, error) {
	path, d := sp.Path, sp.Dialect
	if sp.Workbook {
		return workbookHeader(sp)
	}
	f, err := engine.OpenExtract(sp.FS, path)
	if err != nil {
		return nil, d, err
	}
	defer f.Close()
	rd, err := csvx.NewReader(f, engine.DisplayName(path), d)
	if err != nil {
		return nil, d, err
	}
	return rd.Header(), rd.Dialect(), nil
}

// needCol returns the index of the column name names in s, or -1 after
// reporting at name's position that the source has no such column (with
// "did you mean").
func needCol(p *fault.Problems, s *engine.SourcePlan, name Str, path string) int {
	i := s.Col(name.Value)
	if i < 0 {
		p.Addf(name.Pos, path, fault.ErrUnknownColumn, "source %q has no column %q%s", s.Name, name.Value, engine.HintFor(name.Value, s.ColNames()))
	}
	return i
}
