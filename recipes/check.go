package recipes

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes/gitfile"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
	"go.yaml.in/yaml/v3"
)

// Options are the run-time choices that are not in the recipe.
type Options struct {
	// Period overrides the recipe's period ("YYYY-MM") when set.
	Period string
	// Audience overrides the recipe's audience ("council" or "internal")
	// when set, so one recipe makes both packs.
	Audience string
	// FS, when set, is where the recipe's extracts are read from, by
	// their paths as the recipe resolves them (relative to the recipe's
	// directory), with forward slashes: what Check reads and the plan's
	// Run reads again. Messages and the pack's provenance name the same
	// paths either way. nil: the operating system's files. A workbook's
	// file there must allow reading at an offset (io.ReaderAt), as
	// fstest.MapFS's files do.
	FS fs.FS
}

var (
	sectionIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	measurePattern   = regexp.MustCompile(`^\s*([A-Za-z_]+)\s*\(\s*([^()]*?)\s*\)\s*$`)
)

// Check validates a loaded recipe and compiles it. It reads each source's
// header (not its rows) to resolve columns, and reports every fault at once
// as *Error values joined with errors.Join, sorted by line.
func Check(r *Recipe, opts Options) (*Plan, error) {
	p := &fault.Problems{File: r.File, Errs: append([]*fault.Error(nil), r.keyProblems...), Near: r.pos}
	p.Misspelt(r.keyProblems)
	pl := &engine.Plan{Head: head(r), Reservations: map[string]string{}}
	checkHead(p, r, pl, opts)
	checkReservations(p, r, pl)
	byName := map[string]*engine.SourcePlan{}
	for i := range r.Sources {
		p.Near = r.Sources[i].pos
		if sp := checkSource(p, r, pl, &r.Sources[i], opts.FS); sp != nil {
			checkReadOnce(p, pl, &r.Sources[i], sp, pl.Sources)
			byName[sp.Name] = sp
			pl.Sources = append(pl.Sources, sp)
		} else {
			byName[r.Sources[i].Name.Value] = nil // failed its own checks
		}
	}
	p.Near = r.pos
	if len(r.Sources) == 0 {
		p.Addf(r.pos, "sources", fault.ErrMissing, "the recipe names no sources")
	}
	if len(r.Sections) == 0 {
		p.Addf(r.pos, "sections", fault.ErrMissing, "the recipe has no sections")
	}
	p.Near = r.pos
	ids := map[string]bool{}
	for i := range r.Sections {
		s := &r.Sections[i]
		p.Near = s.pos
		path := fmt.Sprintf("sections[%d]", i)
		if ids[s.ID.Value] && s.ID.Value != "" {
			p.Addf(s.ID.Pos, path+".id", fault.ErrDuplicate, "section id %q is used twice", s.ID.Value)
		}
		ids[s.ID.Value] = true
		if sec := checkSection(p, pl, byName, s, path); sec != nil {
			pl.Sections = append(pl.Sections, sec)
		}
	}
	checkFigures(p, r, pl)
	if err := p.Err(); err != nil {
		return nil, err
	}
	markRead(pl, r)
	markKeyed(pl)
	return &Plan{Plan: pl, Recipe: r}, nil
}

// Plan is a checked recipe, compiled: sources resolved against their
// headers, expressions compiled once, sections ready to run. A Plan is made
// by Check and read by Run; it holds no per-run state.
type Plan struct {
	*engine.Plan
	// Recipe is the recipe checked.
	Recipe *Recipe
}

// head is what the pack shows of r's file and front matter.
func head(r *Recipe) engine.RecipeHead {
	h := engine.RecipeHead{
		File: r.File, Commit: r.Commit, Bytes: r.Bytes,
		Title: r.Title.Value, Subtitle: r.Subtitle.Value, Organisation: r.Organisation.Value,
		Committee: r.Committee.Value, Meeting: r.Meeting.Value, Owner: r.Owner.Value,
		ApprovalPos: r.Approval.Pos,
	}
	for _, res := range r.Reservations {
		h.Reservations = append(h.Reservations, engine.Note{ID: res.ID.Value, Text: res.Text.Value})
	}
	return h
}

// markKeyed marks, in a pack under disclosure control, the text columns
// whose distinct values a section counts: the disclosure subject of every
// source, and the source columns a count_distinct reads. The reader then
// gives each of their values an id (sourceStats.keys) on its own
// goroutine, and the sections find a value's subject or distinct id by
// that id instead of hashing its text once a section. Without disclosure
// control the sections have the lighter load, so the text is hashed there.
func markKeyed(pl *engine.Plan) {
	if pl.MinCount == 0 {
		return
	}
	for _, sp := range pl.Sources {
		if i := sp.Col(pl.Subject); i >= 0 && sp.Cols[i].Typ == expr.TString {
			sp.Cols[i].Keyed = true
		}
	}
	for _, sec := range pl.Sections {
		for _, m := range sec.Measures {
			if m.Fn != engine.AggCountDistinct || m.Col < 0 {
				continue
			}
			if ref := sec.Schema.Refs[m.Col]; ref != nil && ref.Src.Cols[ref.Col].Typ == expr.TString {
				ref.Src.Cols[ref.Col].Keyed = true
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
func markRead(pl *engine.Plan, r *Recipe) {
	texts := []string{pl.Subject}
	root := r.root
	if root == nil || root.Kind != yaml.MappingNode {
		return // every column stays read
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "sources" {
			texts = appendScalars(texts, root.Content[i+1])
		}
	}
	for _, sp := range pl.Sources {
		for i := range sp.Cols {
			c := &sp.Cols[i]
			c.Unread = c.Typ == expr.TString && !slices.ContainsFunc(texts, func(t string) bool { return strings.Contains(t, c.Name) })
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

func checkHead(p *fault.Problems, r *Recipe, pl *engine.Plan, opts Options) {
	if strings.TrimSpace(r.Title.Value) == "" {
		p.Addf(r.pos, "title", fault.ErrMissing, "the recipe has no title")
	}
	period := r.Period
	if opts.Period != "" {
		period = Str{Value: opts.Period, set: true}
	}
	switch per, err := engine.ParsePeriod(period.Value); {
	case !period.Set():
		p.Addf(r.pos, "period", fault.ErrMissing, "no period: add `period: YYYY-MM` or give --period")
	case err != nil:
		p.Add(period.Pos, "period", fmt.Errorf("%w: %v", fault.ErrBadValue, err))
	default:
		pl.Period = per
	}
	pl.Locale = "en"
	switch r.Locale.Value {
	case "", "en":
	case "da":
		pl.Locale = "da"
	default:
		p.Addf(r.Locale.Pos, "locale", fault.ErrBadValue, "locale %q is not da or en", r.Locale.Value)
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
		p.Addf(audience.Pos, "audience", fault.ErrBadValue, "audience %q is not council or internal%s", audience.Value, engine.HintFor(audience.Value, []string{"council", "internal"}))
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
				p.Addf(d.MinCount.Pos, "disclosure.min_count", fault.ErrBadValue, "min_count %q is not a whole number of at least 1", d.MinCount.Value)
			}
			minCount = n
		}
		if dm := d.Dominance; dm != nil {
			if dm.N.Set() {
				n, err := dm.N.Int()
				if err != nil || n < 1 {
					p.Addf(dm.N.Pos, "disclosure.dominance.n", fault.ErrBadValue, "n %q is not a whole number of at least 1", dm.N.Value)
				}
				pl.DominanceN = n
			}
			if dm.K.Set() {
				k, err := strconv.ParseFloat(dm.K.Value, 64)
				if err != nil || k <= 0 || k > 100 {
					p.Addf(dm.K.Pos, "disclosure.dominance.k", fault.ErrBadValue, "k %q is not a per cent above 0 and at most 100", dm.K.Value)
				}
				pl.DominanceK = k
			}
		}
		if d.Protection.Set() {
			v, err := strconv.ParseFloat(strings.TrimSuffix(d.Protection.Value, "%"), 64)
			if err != nil || v <= 0 || v > 100 {
				p.Addf(d.Protection.Pos, "disclosure.protection", fault.ErrBadValue, "protection %q is not a per cent above 0 and at most 100", d.Protection.Value)
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
func checkFrontMatter(p *fault.Problems, r *Recipe, pl *engine.Plan) {
	if m := r.Meeting; m.Set() {
		if _, err := time.Parse(time.DateOnly, strings.TrimSpace(m.Value)); err != nil {
			p.Addf(m.Pos, "meeting", fault.ErrBadValue, "meeting %q is not a day written YYYY-MM-DD, e.g. 2026-11-12", m.Value)
		}
	}
	if o := r.Owner; o.Set() {
		v := strings.TrimSpace(o.Value)
		if _, ok := gitfile.ParsePerson(v); v == "" || strings.ContainsAny(v, "<>") && !ok {
			p.Addf(o.Pos, "owner", fault.ErrBadValue, "owner %q is not \"Name <email>\" nor a name, e.g. \"Anne Andersen <aa@kommune-k.dk>\"", o.Value)
		}
	}
	switch a := r.Approval; a.Value {
	case "":
		if a.Set() {
			p.Addf(a.Pos, "approval", fault.ErrBadValue, "approval is empty: write `approval: required`, or leave the key out")
		}
	case "required":
		pl.ApprovalRequired = true
	default:
		p.Addf(a.Pos, "approval", fault.ErrBadValue, "approval %q is not required%s", a.Value, engine.HintFor(a.Value, []string{"required"}))
	}
}

func checkReservations(p *fault.Problems, r *Recipe, pl *engine.Plan) {
	for i, res := range r.Reservations {
		p.Near = res.pos
		path := fmt.Sprintf("reservations[%d]", i)
		switch {
		case strings.TrimSpace(res.ID.Value) == "":
			p.Addf(res.pos, path+".id", fault.ErrMissing, "a reservation needs an id, so sections can name it")
		case pl.Reservations[res.ID.Value] != "":
			p.Addf(res.ID.Pos, path+".id", fault.ErrDuplicate, "reservation id %q is used twice", res.ID.Value)
		}
		if strings.TrimSpace(res.Text.Value) == "" {
			p.Addf(res.pos, path+".text", fault.ErrMissing, "reservation %q has no text", res.ID.Value)
			continue
		}
		if isPlaceholder(res.Text.Value) {
			p.Addf(res.Text.Pos, path+".text", fault.ErrPlaceholder, "reservation %q is still the placeholder %q", res.ID.Value, strings.TrimSpace(res.Text.Value))
		}
		pl.Reservations[res.ID.Value] = strings.TrimSpace(res.Text.Value)
	}
}

// isPlaceholder reports a reservation text that has not been written yet.
func isPlaceholder(text string) bool {
	t := strings.ToUpper(strings.TrimSpace(text))
	return strings.HasPrefix(t, "TODO") || strings.HasPrefix(t, "WRITE ") || strings.Contains(t, "SKRIV FORBEHOLD")
}
