package recipes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/didyoumean"
	"github.com/mipack/mipack/recipes/gitfile"
)

// Options are the run-time choices that are not in the recipe.
type Options struct {
	// Period overrides the recipe's period ("YYYY-MM") when set.
	Period string
	// Audience overrides the recipe's audience ("council" or "internal")
	// when set, so one recipe makes both packs.
	Audience string
}

// Plan is a checked recipe, compiled: sources resolved against their
// headers, expressions compiled once, sections ready to run. A Plan is made
// by Check and read by Run; it holds no per-run state.
type Plan struct {
	Recipe   *Recipe
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

	sources      []*sourcePlan
	sections     []*sectionPlan
	reservations map[string]string
}

type sourcePlan struct {
	spec    *Source
	name    string
	path    string
	dialect csvx.Dialect
	decimal byte
	skipBad bool
	// listBad, when above 0, keeps the faults of the first listBad rows
	// skipped as bad (see CheckRows).
	listBad int
	cols    []colPlan
	// notes are the source's own reservations, footnoted on every section
	// that reads it.
	notes []note
	// sheet is the sheet read when the source is a workbook (.xlsx); ""
	// for a CSV file.
	sheet    string
	workbook bool
	// nulls are the cell texts read as nil besides blank ones, trimmed.
	nulls [][]byte
	// endBefore, when set, ends the table at the first row where it holds;
	// endFast is its fast form, or nil.
	endBefore *compiled
	endFast   fastExpr
}

type colPlan struct {
	name   string
	header string
	// label is the column's reader label: its own label, else header.
	label string
	typ   valType
	// layouts are a date column's layouts, tried in turn; none is ISO 8601.
	layouts []string
	index   int // field index in the file
	// unread: a text column no section can read, left untyped (markRead).
	unread bool
	// doubt: the column's type is at fault (reported), so what reads it
	// reports nothing more.
	doubt bool
	// keyed: a text column whose distinct values a section counts (the
	// disclosure subject, a count_distinct), so the reader gives every
	// value an id however many there are (see markKeyed).
	keyed bool
	pos   Pos
}

func (s *sourcePlan) col(name string) int {
	return slices.IndexFunc(s.cols, func(c colPlan) bool { return c.name == name })
}

// needCol returns the index of the column name names, or -1 after reporting
// at name's position that the source has no such column (with "did you mean").
func (s *sourcePlan) needCol(p *problems, name Str, path string) int {
	i := s.col(name.Value)
	if i < 0 {
		p.addf(name.Pos, path, ErrUnknownColumn, "source %q has no column %q%s", s.name, name.Value, hintFor(name.Value, s.colNames()))
	}
	return i
}

func (s *sourcePlan) colNames() []string {
	names := make([]string, len(s.cols))
	for i, c := range s.cols {
		names[i] = c.name
	}
	return names
}

var (
	sectionIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	measurePattern   = regexp.MustCompile(`^\s*([A-Za-z_]+)\s*\(\s*([^()]*?)\s*\)\s*$`)
	aggregateNames   = []string{"count", "count_distinct", "sum", "mean", "median", "min", "max"}
)

func hintFor(name string, known []string) string { return didyoumean.Hint(name, known) }

// Check validates a loaded recipe and compiles it. It reads each source's
// header (not its rows) to resolve columns, and reports every fault at once
// as *Error values joined with errors.Join, sorted by line.
func Check(r *Recipe, opts Options) (*Plan, error) {
	p := &problems{file: r.File, errs: append([]*Error(nil), r.keyProblems...), near: r.pos}
	p.misspelt(r.keyProblems)
	pl := &Plan{Recipe: r, reservations: map[string]string{}}
	checkHead(p, r, pl, opts)
	checkReservations(p, r, pl)
	byName := map[string]*sourcePlan{}
	for i := range r.Sources {
		p.near = r.Sources[i].pos
		if sp := checkSource(p, r, pl, &r.Sources[i]); sp != nil {
			byName[sp.name] = sp
			pl.sources = append(pl.sources, sp)
		} else {
			byName[r.Sources[i].Name.Value] = nil // failed its own checks
		}
	}
	p.near = r.pos
	if len(r.Sources) == 0 {
		p.addf(r.pos, "sources", ErrMissing, "the recipe names no sources")
	}
	if len(r.Sections) == 0 {
		p.addf(r.pos, "sections", ErrMissing, "the recipe has no sections")
	}
	p.near = r.pos
	ids := map[string]bool{}
	for i := range r.Sections {
		s := &r.Sections[i]
		p.near = s.pos
		path := fmt.Sprintf("sections[%d]", i)
		if ids[s.ID.Value] && s.ID.Value != "" {
			p.addf(s.ID.Pos, path+".id", ErrDuplicate, "section id %q is used twice", s.ID.Value)
		}
		ids[s.ID.Value] = true
		if sec := checkSection(p, pl, byName, s, path); sec != nil {
			pl.sections = append(pl.sections, sec)
		}
	}
	checkFigures(p, pl)
	if err := p.err(); err != nil {
		return nil, err
	}
	markRead(pl)
	markKeyed(pl)
	return pl, nil
}

// markKeyed marks, in a pack under disclosure control, the text columns
// whose distinct values a section counts: the disclosure subject of every
// source, and the source columns a count_distinct reads. The reader then
// gives each of their values an id (sourceStats.keys) on its own
// goroutine, and the sections find a value's subject or distinct id by
// that id instead of hashing its text once a section. Without disclosure
// control the sections have the lighter load, so the text is hashed there.
func markKeyed(pl *Plan) {
	if pl.MinCount == 0 {
		return
	}
	for _, sp := range pl.sources {
		if i := sp.col(pl.Subject); i >= 0 && sp.cols[i].typ == tString {
			sp.cols[i].keyed = true
		}
	}
	for _, sec := range pl.sections {
		for _, m := range sec.measures {
			if m.fn != "count_distinct" || m.col < 0 {
				continue
			}
			if ref := sec.schema.refs[m.col]; ref != nil && ref.src.cols[ref.col].typ == tString {
				ref.src.cols[ref.col].keyed = true
			}
		}
	}
}

// markRead marks the text columns no part of the recipe can read, so the
// reader leaves them untyped (nil) instead of making a string a row: a
// column is read only where it is named, so one whose name is part of no
// text outside `sources` (nor is the disclosure subject) is never read.
// The test is deliberately loose: "end" counts as named by period.end, and
// "cost-centre" by "group_by: [cost-centre]". Columns of other types are
// still parsed, so a bad value in them stops a run as before.
func markRead(pl *Plan) {
	texts := []string{pl.Subject}
	root := pl.Recipe.root
	if root == nil || root.Kind != yaml.MappingNode {
		return // every column stays read
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "sources" {
			texts = appendScalars(texts, root.Content[i+1])
		}
	}
	for _, sp := range pl.sources {
		for i := range sp.cols {
			c := &sp.cols[i]
			c.unread = c.typ == tString && !slices.ContainsFunc(texts, func(t string) bool { return strings.Contains(t, c.name) })
		}
	}
}

// appendScalars appends the text of every scalar under n: names, keys,
// expressions. Each node is visited once, so aliases cannot make the walk
// loop or blow up.
func appendScalars(texts []string, n *yaml.Node) []string {
	seen := map[*yaml.Node]bool{}
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || seen[n] {
			continue
		}
		seen[n] = true
		if n.Kind == yaml.ScalarNode {
			texts = append(texts, n.Value)
		}
		stack = append(stack, n.Alias)
		stack = append(stack, n.Content...)
	}
	return texts
}

func checkHead(p *problems, r *Recipe, pl *Plan, opts Options) {
	if strings.TrimSpace(r.Title.Value) == "" {
		p.addf(r.pos, "title", ErrMissing, "the recipe has no title")
	}
	period := r.Period
	if opts.Period != "" {
		period = Str{Value: opts.Period, set: true}
	}
	switch per, err := ParsePeriod(period.Value); {
	case !period.Set():
		p.addf(r.pos, "period", ErrMissing, "no period: add `period: YYYY-MM` or give --period")
	case err != nil:
		p.add(period.Pos, "period", fmt.Errorf("%w: %v", ErrBadValue, err))
	default:
		pl.Period = per
	}
	pl.Locale = "en"
	switch r.Locale.Value {
	case "", "en":
	case "da":
		pl.Locale = "da"
	default:
		p.addf(r.Locale.Pos, "locale", ErrBadValue, "locale %q is not da or en", r.Locale.Value)
	}
	pl.Audience = "internal"
	audience := r.Audience
	if opts.Audience != "" {
		audience = Str{Value: opts.Audience, set: true}
	}
	switch audience.Value {
	case "", "internal":
	case "council":
		pl.Audience = "council"
	default:
		p.addf(audience.Pos, "audience", ErrBadValue, "audience %q is not council or internal%s", audience.Value, hintFor(audience.Value, []string{"council", "internal"}))
	}
	pl.Subject = "citizen_id"
	minCount := 5
	if d := r.Disclosure; d != nil {
		if d.Subject.Set() {
			pl.Subject = d.Subject.Value
		}
		if d.MinCount.Set() {
			n, err := d.MinCount.Int()
			if err != nil || n < 1 {
				p.addf(d.MinCount.Pos, "disclosure.min_count", ErrBadValue, "min_count %q is not a whole number of at least 1", d.MinCount.Value)
			}
			minCount = n
		}
		if dm := d.Dominance; dm != nil {
			if dm.N.Set() {
				n, err := dm.N.Int()
				if err != nil || n < 1 {
					p.addf(dm.N.Pos, "disclosure.dominance.n", ErrBadValue, "n %q is not a whole number of at least 1", dm.N.Value)
				}
				pl.DominanceN = n
			}
			if dm.K.Set() {
				k, err := strconv.ParseFloat(dm.K.Value, 64)
				if err != nil || k <= 0 || k > 100 {
					p.addf(dm.K.Pos, "disclosure.dominance.k", ErrBadValue, "k %q is not a per cent above 0 and at most 100", dm.K.Value)
				}
				pl.DominanceK = k
			}
		}
		if d.Protection.Set() {
			v, err := strconv.ParseFloat(strings.TrimSuffix(d.Protection.Value, "%"), 64)
			if err != nil || v <= 0 || v > 100 {
				p.addf(d.Protection.Pos, "disclosure.protection", ErrBadValue, "protection %q is not a per cent above 0 and at most 100", d.Protection.Value)
			}
			pl.Protection = v
		}
	}
	if pl.Audience == "council" {
		pl.MinCount = minCount
	}
	checkFrontMatter(p, r, pl)
}

// checkFrontMatter checks the keys of recipe format v1.1 that say who the
// pack is for and who answers for the recipe.
func checkFrontMatter(p *problems, r *Recipe, pl *Plan) {
	if m := r.Meeting; m.Set() {
		if _, err := time.Parse(time.DateOnly, strings.TrimSpace(m.Value)); err != nil {
			p.addf(m.Pos, "meeting", ErrBadValue, "meeting %q is not a day written YYYY-MM-DD, e.g. 2026-11-12", m.Value)
		}
	}
	if o := r.Owner; o.Set() {
		v := strings.TrimSpace(o.Value)
		if _, ok := gitfile.ParsePerson(v); v == "" || strings.ContainsAny(v, "<>") && !ok {
			p.addf(o.Pos, "owner", ErrBadValue, "owner %q is not \"Name <email>\" nor a name, e.g. \"Anne Andersen <aa@kommune-k.dk>\"", o.Value)
		}
	}
	switch a := r.Approval; a.Value {
	case "":
		if a.Set() {
			p.addf(a.Pos, "approval", ErrBadValue, "approval is empty: write `approval: required`, or leave the key out")
		}
	case "required":
		pl.ApprovalRequired = true
	default:
		p.addf(a.Pos, "approval", ErrBadValue, "approval %q is not required%s", a.Value, hintFor(a.Value, []string{"required"}))
	}
}

func checkReservations(p *problems, r *Recipe, pl *Plan) {
	for i, res := range r.Reservations {
		p.near = res.pos
		path := fmt.Sprintf("reservations[%d]", i)
		switch {
		case strings.TrimSpace(res.ID.Value) == "":
			p.addf(res.pos, path+".id", ErrMissing, "a reservation needs an id, so sections can name it")
		case pl.reservations[res.ID.Value] != "":
			p.addf(res.ID.Pos, path+".id", ErrDuplicate, "reservation id %q is used twice", res.ID.Value)
		}
		if strings.TrimSpace(res.Text.Value) == "" {
			p.addf(res.pos, path+".text", ErrMissing, "reservation %q has no text", res.ID.Value)
			continue
		}
		if isPlaceholder(res.Text.Value) {
			p.addf(res.Text.Pos, path+".text", ErrPlaceholder, "reservation %q is still the placeholder %q", res.ID.Value, strings.TrimSpace(res.Text.Value))
		}
		pl.reservations[res.ID.Value] = strings.TrimSpace(res.Text.Value)
	}
}

// isPlaceholder reports a reservation text that has not been written yet.
func isPlaceholder(text string) bool {
	t := strings.ToUpper(strings.TrimSpace(text))
	return strings.HasPrefix(t, "TODO") || strings.HasPrefix(t, "WRITE ") || strings.Contains(t, "SKRIV FORBEHOLD")
}

var encodings = []string{"utf-8", "windows-1252", "iso-8859-1"}

func checkSource(p *problems, r *Recipe, pl *Plan, s *Source) *sourcePlan {
	path := "sources." + s.Name.Value
	sp := &sourcePlan{spec: s, name: s.Name.Value, decimal: '.'}
	if !s.File.Set() || s.File.Value == "" {
		p.addf(s.pos, path+".file", ErrMissing, "source %q names no file", s.Name.Value)
		return nil
	}
	sp.path = s.File.Value
	if !filepath.IsAbs(sp.path) {
		sp.path = filepath.Join(r.Dir, sp.path)
	}
	switch d := s.Delimiter.Value; {
	case !s.Delimiter.Set():
	case d == "\\t" || d == "tab" || d == "\t":
		sp.dialect.Delimiter = '\t'
	case len(d) == 1 && strings.ContainsAny(d, ",;|"):
		sp.dialect.Delimiter = d[0]
	default:
		p.addf(s.Delimiter.Pos, path+".delimiter", ErrBadValue, `delimiter %q is not one of "," ";" "\t" "|"`, d)
	}
	if s.Encoding.Set() {
		enc := strings.ToLower(s.Encoding.Value)
		switch enc {
		case "utf8", "utf-8":
			enc = "utf-8"
		case "cp1252", "windows1252", "windows-1252":
			enc = "windows-1252"
		case "latin1", "latin-1", "iso-8859-1", "iso8859-1":
			enc = "iso-8859-1"
		default:
			p.addf(s.Encoding.Pos, path+".encoding", ErrBadValue, "encoding %q is not one of %s%s", s.Encoding.Value, strings.Join(encodings, ", "), hintFor(enc, encodings))
		}
		sp.dialect.Encoding = enc
	}
	if s.HeaderLine.Set() {
		n, err := s.HeaderLine.Int()
		if err != nil || n < 1 {
			p.addf(s.HeaderLine.Pos, path+".header_line", ErrBadValue, "header_line %q is not a line number (1 or more)", s.HeaderLine.Value)
		}
		sp.dialect.HeaderLine = n
	}
	switch s.OnError.Value {
	case "", "reject":
	case "skip":
		sp.skipBad = true
	default:
		p.addf(s.OnError.Pos, path+".on_error", ErrBadValue, "on_error %q is not reject or skip", s.OnError.Value)
	}
	sp.notes = resolveNotes(p, pl, s.Reservations, path+".reservations")
	if len(s.Columns) == 0 {
		p.addf(s.pos, path+".columns", ErrMissing, "source %q lists no columns: name the columns to read", s.Name.Value)
		return nil
	}
	sp.workbook = isWorkbook(sp.path)
	checkWorkbookKeys(p, s, sp, path)
	header, dialect, err := readHeader(sp)
	if err != nil {
		p.add(s.File.Pos, path+".file", err)
		return nil
	}
	sp.dialect = dialect
	switch dec := s.Decimal.Value; {
	case !s.Decimal.Set():
		if pl.Locale == "da" && (dialect.Delimiter == ';' || sp.workbook) {
			sp.decimal = ','
		}
	case dec == "." || dec == ",":
		sp.decimal = dec[0]
	default:
		p.addf(s.Decimal.Pos, path+".decimal", ErrBadValue, `decimal %q is not "." or ","`, dec)
	}
	for _, c := range s.Columns {
		cp := colPlan{name: c.Name.Value, header: c.Header(), layouts: c.Layout.Values(), pos: c.Name.Pos}
		cp.label = cp.header
		if l := strings.TrimSpace(c.Label.Value); l != "" {
			cp.label = l
		}
		cpath := path + ".columns." + c.Name.Value
		typ, ok := typeNames[strings.ToLower(c.Type.Value)]
		if !ok {
			names := []string{"string", "number", "integer", "date", "bool"}
			if !p.meant[cpath+".type"] {
				p.addf(c.Type.Pos, cpath, ErrBadValue, "type %q is not one of %s%s", c.Type.Value, strings.Join(names, ", "), hintFor(c.Type.Value, names))
			}
			typ = tAny
			cp.doubt = true // so that what reads the column reports no faults of its own
		}
		cp.typ = typ
		if len(c.Layout) > 0 && typ != tDate {
			p.addf(c.Layout[0].Pos, cpath+".layout", ErrBadValue, "layout is for dates; column %q is %s", c.Name.Value, c.Type.Value)
		}
		idx := headerIndex(header, cp.header)
		switch {
		case idx == -1:
			pos := c.Name.Pos
			if c.From.Set() {
				pos = c.From.Pos
			}
			p.addf(pos, cpath, ErrUnknownColumn, "%s has no column %q%s (its header: %s)", filepath.Base(sp.path), cp.header, hintFor(cp.header, header), quoteList(header, 12))
		case idx == -2:
			p.addf(c.Name.Pos, cpath, ErrDuplicate, "%s has the header %q more than once", filepath.Base(sp.path), cp.header)
		}
		cp.index = idx
		sp.cols = append(sp.cols, cp)
	}
	checkCells(p, s, sp, path, pl.Period)
	return sp
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
func readHeader(sp *sourcePlan) ([]string, csvx.Dialect, error) {
	path, d := sp.path, sp.dialect
	if sp.workbook {
		return workbookHeader(sp)
	}
	f, err := openExtract(path)
	if err != nil {
		return nil, d, err
	}
	defer f.Close()
	rd, err := csvx.NewReader(f, displayName(path), d)
	if err != nil {
		return nil, d, err
	}
	return rd.Header(), rd.Dialect(), nil
}

func openExtract(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errorf(ErrMissing, "extract %s does not exist", path)
		}
		return nil, errorf(ErrBadValue, "cannot read extract: %v", err)
	}
	if info.IsDir() {
		return nil, errorf(ErrBadValue, "extract %s is a directory, not a CSV file", path)
	}
	if !info.Mode().IsRegular() {
		// A pipe or a device would be read without end, or block.
		return nil, errorf(ErrBadValue, "extract %s is not a regular file (%s)", path, info.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, errorf(ErrBadValue, "cannot read extract: %v", err)
	}
	return f, nil
}

// displayName is how an extract is named in messages: its path as the
// recipe resolves it, so file:line:col opens in an editor.
func displayName(path string) string { return filepath.Clean(path) }
