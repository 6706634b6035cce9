package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/recipes/gitfile"
	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// diffOptions are `mipack diff`'s inputs.
type diffOptions struct {
	old, new string // recipe files, or git-ref:path
	period   string // "" means NEW's period, used for both
	format   string // "text" or "md"
	exitCode bool   // exit status 1 when figures change
}

func parseDiff(args []string, e env) (diffOptions, error) {
	var o diffOptions
	fs := newFlags("diff", e.stderr)
	fs.StringVar(&o.period, "period", "", "the month both recipes report, YYYY-MM (default: NEW's period)")
	fs.StringVar(&o.format, "format", "text", "the output: text (for a terminal) or md (for a pull-request comment)")
	fs.BoolVar(&o.exitCode, "exit-code", false, "exit with status 1 when figures change, as git diff --exit-code")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	if len(pos) != 2 {
		return o, usagef("diff takes two recipes, OLD and NEW (a file or git-ref:path), got %d arguments", len(pos))
	}
	o.old, o.new = pos[0], pos[1]
	o.format = strings.ToLower(o.format)
	if o.format != "text" && o.format != "md" {
		return o, usagef("unknown diff format %q: use text or md", o.format)
	}
	return o, nil
}

// runDiff runs both recipes over the same extracts and prints what changed.
// It reports changed only when --exit-code is given and figures changed.
func runDiff(ctx context.Context, args []string, e env) (changed bool, err error) {
	o, err := parseDiff(args, e)
	if err != nil {
		return false, err
	}
	newRecipe, err := recipeAt(ctx, o.new)
	if err != nil {
		return false, err
	}
	oldRecipe, err := recipeAt(ctx, o.old)
	if err != nil {
		return false, err
	}
	np, err := runRecipe(ctx, newRecipe, o.period, e)
	if err != nil {
		return false, fmt.Errorf("NEW %s:\n%w", o.new, err)
	}
	op, err := runRecipe(ctx, oldRecipe, np.Period, e)
	if err != nil {
		return false, fmt.Errorf("OLD %s:\n%w", o.old, err)
	}
	c := pack.Compare(op, np)
	d := diffWriter{c: c, l: locale.For(np.Locale), old: o.old, new: o.new}
	if o.format == "md" {
		d.markdown(e.stdout)
	} else {
		d.text(e.stdout)
	}
	return o.exitCode && c.FiguresChanged(), nil
}

// recipeAt reads the recipe spec names: the file itself, or, for
// git-ref:path, the recipe at that commit, read from git into memory. Its
// source paths are relative to the working-tree path it would have, so
// both sides of a diff read the same extracts. Nothing is written to disk,
// so nothing is left behind however the run ends (an error, SIGPIPE from
// `| head`, SIGINT). A ref git could read as an option is a usage error.
func recipeAt(ctx context.Context, spec string) (*recipes.Recipe, error) {
	if _, err := os.Stat(spec); err == nil {
		return recipes.Load(spec)
	}
	ref, p, ok := strings.Cut(spec, ":")
	if !ok || ref == "" || p == "" {
		return nil, usagef("no recipe file %q (give a file or git-ref:path, e.g. HEAD~1:samples/disability/monthly.yaml)", spec)
	}
	if err := gitfile.CheckRef(ref); err != nil {
		return nil, usagef("%v (give a file or git-ref:path, e.g. HEAD~1:samples/disability/monthly.yaml)", err)
	}
	var g gitfile.Git
	// As in git, a path is relative to the top of the work tree unless it
	// starts with ./ or ../, which make it relative to the current directory.
	work := filepath.FromSlash(p)
	if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
		top, err := g.TopLevel(ctx, "")
		if err != nil {
			return nil, fmt.Errorf("%q: not in a git work tree: %w", spec, err)
		}
		work = filepath.Join(top, work)
	}
	data, commit, err := g.Show(ctx, "", ref, p, recipes.MaxRecipeBytes)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", spec, err)
	}
	r, err := recipes.Parse(spec, data)
	if err != nil {
		return nil, err
	}
	r.Dir, r.Commit = filepath.Dir(work), commit
	return r, nil
}

// diffWriter prints a comparison for a terminal or as Markdown.
type diffWriter struct {
	c        *pack.Comparison
	l        locale.Locale
	old, new string
}

// where says whose reservation it is: "pack-wide prices" or "section overview".
func where(r pack.ReservationChange) string {
	s := "pack-wide"
	if r.Section != "" {
		s = "section " + r.Section
	}
	if r.ID != "" {
		s += ", " + r.ID
	}
	if r.Kind != pack.FootnoteWritten {
		s += ", automatic: " + r.Kind
	}
	for _, h := range r.Inherited {
		s += ", from source " + h.Source + " (" + strings.Join(h.Via, ", ") + ")"
	}
	return s
}

// loud reports a written reservation taken out: it leads the output, since
// a reader loses a warning about the figures. An automatic one (a count of
// suppressed cells, say) goes when its cause goes and is listed with the rest.
func loud(r pack.ReservationChange) bool {
	return r.Change == pack.Removed && r.Kind == pack.FootnoteWritten
}

// split returns the loud reservation changes and the others.
func (d *diffWriter) split() (removed, other []pack.ReservationChange) {
	for _, r := range d.c.Reservations {
		if loud(r) {
			removed = append(removed, r)
		} else {
			other = append(other, r)
		}
	}
	return removed, other
}

// row names a changed figure's row: its group values, or the locale's
// label of the total row.
func (d *diffWriter) row(ch pack.CellChange) string {
	if ch.Total {
		return d.l.Labels.Total
	}
	return ch.Row
}

// cell formats one side of a changed figure as the pack shows it; a
// suppressed value stays the withheld mark.
func (d *diffWriter) cell(ch pack.CellChange, newSide bool) string {
	if newSide {
		return pack.FormatCell(d.l, ch.Info, ch.New, ch.NewSuppressed, pack.Reader)
	}
	return pack.FormatCell(d.l, ch.Info, ch.Old, ch.OldSuppressed, pack.Reader)
}

// change formats a figure's change, absolute and in per cent; "" each when
// it cannot be told (a suppressed or missing side).
func (d *diffWriter) change(ch pack.CellChange) (abs, pct string) {
	a, p, ok, pctOK := ch.Delta()
	if !ok {
		return "", ""
	}
	sign := func(v float64, s string) string {
		if v > 0 {
			return "+" + s
		}
		return s
	}
	abs = sign(a, pack.Format(d.l, ch.Info, a, pack.Reader))
	if pctOK {
		pct = sign(p, pack.Format(d.l, pack.Column{Type: pack.TypePercent, Decimals: 1}, p, pack.Reader))
	}
	return abs, pct
}

// summary is one line: how many sections, figures, rows, columns and
// reservations changed.
func (d *diffWriter) summary() string {
	var secAdded, secRemoved, cells, cellSections, rowsAdded, rowsRemoved, colsAdded, colsRemoved, resAdded, resRemoved int
	for _, sc := range d.c.Sections {
		switch {
		case sc.Added:
			secAdded++
		case sc.Removed:
			secRemoved++
		}
		if len(sc.Cells) > 0 {
			cells += len(sc.Cells)
			cellSections++
		}
		rowsAdded += len(sc.RowsAdded)
		rowsRemoved += len(sc.RowsRemoved)
		colsAdded += len(sc.ColumnsAdded)
		colsRemoved += len(sc.ColumnsRemoved)
	}
	for _, r := range d.c.Reservations {
		switch r.Change {
		case pack.Added:
			resAdded++
		case pack.Removed:
			resRemoved++
		}
	}
	var parts []string
	add := func(n int, text string) {
		if n > 0 {
			parts = append(parts, text)
		}
	}
	add(secAdded, plural(secAdded, "section")+" added")
	add(secRemoved, plural(secRemoved, "section")+" removed")
	add(cells, plural(cells, "figure")+" changed in "+plural(cellSections, "section"))
	add(rowsAdded, plural(rowsAdded, "row")+" added")
	add(rowsRemoved, plural(rowsRemoved, "row")+" removed")
	add(colsAdded, plural(colsAdded, "column")+" added")
	add(colsRemoved, plural(colsRemoved, "column")+" removed")
	figures := "No figures changed"
	if len(parts) > 0 {
		figures = strings.ToUpper(parts[0][:1]) + strings.Join(parts, ", ")[1:]
	}
	return fmt.Sprintf("%s; %s added, %d removed.", figures, plural(resAdded, "reservation"), resRemoved)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (d *diffWriter) text(w io.Writer) {
	removed, other := d.split()
	for _, r := range removed {
		fmt.Fprintf(w, "REMOVED RESERVATION (%s): %s\n", where(r), r.OldText)
	}
	fmt.Fprintf(w, "mipack diff %s → %s, period %s\n", d.old, d.new, d.c.New.Period)
	fmt.Fprintln(w, d.summary())
	if len(other) > 0 {
		fmt.Fprintln(w, "\nReservations:")
		for _, r := range other {
			switch r.Change {
			case pack.Added:
				fmt.Fprintf(w, "  added (%s): %s\n", where(r), r.NewText)
			case pack.Removed:
				fmt.Fprintf(w, "  removed (%s): %s\n", where(r), r.OldText)
			default:
				fmt.Fprintf(w, "  changed (%s):\n    - %s\n    + %s\n", where(r), r.OldText, r.NewText)
			}
		}
	}
	for _, sc := range d.c.Sections {
		fmt.Fprintf(w, "\nSection %s: %s", sc.ID, sc.Title)
		switch {
		case sc.Added:
			fmt.Fprintln(w, " (added: only in NEW)")
		case sc.Removed:
			fmt.Fprintln(w, " (removed: only in OLD)")
		default:
			fmt.Fprintln(w)
		}
		if len(sc.StepsRemoved)+len(sc.StepsAdded) > 0 && !sc.Added && !sc.Removed {
			fmt.Fprintln(w, "  Steps changed:")
			for _, s := range sc.StepsRemoved {
				fmt.Fprintf(w, "    - %s\n", s)
			}
			for _, s := range sc.StepsAdded {
				fmt.Fprintf(w, "    + %s\n", s)
			}
		}
		list := func(label string, items []string) {
			if len(items) > 0 {
				fmt.Fprintf(w, "  %s: %s\n", label, strings.Join(items, ", "))
			}
		}
		list("Columns added", sc.ColumnsAdded)
		list("Columns removed", sc.ColumnsRemoved)
		list("Rows added", sc.RowsAdded)
		list("Rows removed", sc.RowsRemoved)
		for _, ch := range sc.Cells {
			fmt.Fprintf(w, "  %s · %s: %s → %s", d.row(ch), ch.Column, d.cell(ch, false), d.cell(ch, true))
			abs, pct := d.change(ch)
			switch {
			case pct != "":
				fmt.Fprintf(w, "  (%s; %s)", abs, pct)
			case abs != "":
				fmt.Fprintf(w, "  (%s)", abs)
			}
			fmt.Fprintln(w)
		}
	}
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

func (d *diffWriter) markdown(w io.Writer) {
	fmt.Fprintf(w, "### mipack diff `%s` → `%s`, period %s\n\n", d.old, d.new, d.c.New.Period)
	removed, other := d.split()
	for _, r := range removed {
		fmt.Fprintf(w, "**REMOVED RESERVATION** (%s): %s\n\n", where(r), mdCell(r.OldText))
	}
	fmt.Fprintf(w, "%s\n", d.summary())
	if len(other) > 0 {
		fmt.Fprint(w, "\n#### Reservations\n\n")
		for _, r := range other {
			switch r.Change {
			case pack.Added:
				fmt.Fprintf(w, "- added (%s): %s\n", where(r), mdCell(r.NewText))
			case pack.Removed:
				fmt.Fprintf(w, "- removed (%s): ~~%s~~\n", where(r), mdCell(r.OldText))
			default:
				fmt.Fprintf(w, "- changed (%s): ~~%s~~ → %s\n", where(r), mdCell(r.OldText), mdCell(r.NewText))
			}
		}
	}
	for _, sc := range d.c.Sections {
		fmt.Fprintf(w, "\n#### Section `%s`: %s", sc.ID, mdCell(sc.Title))
		switch {
		case sc.Added:
			fmt.Fprint(w, " (added: only in NEW)")
		case sc.Removed:
			fmt.Fprint(w, " (removed: only in OLD)")
		}
		fmt.Fprintln(w)
		if len(sc.StepsRemoved)+len(sc.StepsAdded) > 0 && !sc.Added && !sc.Removed {
			fmt.Fprintln(w, "\nSteps changed:\n\n```diff")
			for _, s := range sc.StepsRemoved {
				fmt.Fprintf(w, "- %s\n", s)
			}
			for _, s := range sc.StepsAdded {
				fmt.Fprintf(w, "+ %s\n", s)
			}
			fmt.Fprintln(w, "```")
		}
		var lists []string
		add := func(label string, items []string) {
			if len(items) > 0 {
				lists = append(lists, fmt.Sprintf("- %s: %s", label, mdCell(strings.Join(items, ", "))))
			}
		}
		add("Columns added", sc.ColumnsAdded)
		add("Columns removed", sc.ColumnsRemoved)
		add("Rows added", sc.RowsAdded)
		add("Rows removed", sc.RowsRemoved)
		if len(lists) > 0 {
			fmt.Fprintf(w, "\n%s\n", strings.Join(lists, "\n"))
		}
		if len(sc.Cells) == 0 {
			continue
		}
		fmt.Fprintln(w, "\n| Row | Column | OLD | NEW | Change | % |\n| --- | --- | ---: | ---: | ---: | ---: |")
		for _, ch := range sc.Cells {
			abs, pct := d.change(ch)
			fmt.Fprintf(w, "| %s | `%s` | %s | %s | %s | %s |\n", mdCell(d.row(ch)), ch.Column,
				mdCell(d.cell(ch, false)), mdCell(d.cell(ch, true)), abs, pct)
		}
	}
}

// previousPack is the pack a render compares with: the one named by
// --previous (explicit), or the one in --out it replaces; pack is nil when
// there is none.
type previousPack struct {
	pack     *pack.Pack
	path     string
	explicit bool
	err      error
}

// readPrevious reads the pack issued before: previous when given, else the
// pack at replaced if there is one.
func readPrevious(previous, replaced string) previousPack {
	pp := previousPack{path: previous, explicit: previous != ""}
	if !pp.explicit {
		if _, err := os.Stat(replaced); err != nil {
			return previousPack{}
		}
		pp.path = replaced
	}
	pp.pack, pp.err = readPack(pp.path)
	return pp
}

// markRevisions marks p's figures that differ from the pack issued before
// (see pack.Revise). A pack that cannot be read is an error when named by
// --previous, and a warning when it is only the one being replaced.
func markRevisions(p *pack.Pack, pp previousPack, e env) error {
	switch {
	case pp.path == "":
		return nil
	case pp.err != nil && pp.explicit:
		return fmt.Errorf("--previous: %w", pp.err)
	case pp.err != nil:
		fmt.Fprintf(e.stderr, "mipack: not marking revisions: %v\n", pp.err)
		return nil
	case !pp.explicit && pp.pack.Period != p.Period:
		fmt.Fprintf(e.stderr, "mipack: not marking revisions: %s is for period %s, not %s\n", pp.path, pp.pack.Period, p.Period)
		return nil
	}
	n := p.Revise(pp.pack, filepath.ToSlash(pp.path))
	fmt.Fprintf(e.stdout, "compared with %s of %s: %s revised\n", pp.path, pp.pack.Provenance.GeneratedAt, plural(n, "figure"))
	return nil
}

// readPack reads a pack.json.
func readPack(path string) (*pack.Pack, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := pack.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}
