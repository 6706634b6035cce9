package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// explainOptions are `mipack explain`'s inputs.
type explainOptions struct {
	recipe  string
	section string
	period  string
}

func parseExplain(args []string, e env) (explainOptions, error) {
	var o explainOptions
	fs := newFlags("explain", e.stderr)
	fs.StringVar(&o.period, "period", "", "the month to explain, YYYY-MM (default: the recipe's period)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	switch len(pos) {
	case 1:
	case 2:
		o.section = pos[1]
	default:
		return o, usagef("explain takes a recipe file and, optionally, a section id")
	}
	o.recipe = pos[0]
	return o, nil
}

// runExplain runs the recipe and prints, section by section, how each
// figure is made, with the row counts at each step and the reservations.
func runExplain(ctx context.Context, args []string, e env) error {
	o, err := parseExplain(args, e)
	if err != nil {
		return err
	}
	p, err := makePack(ctx, o.recipe, o.period, e)
	if err != nil {
		return err
	}
	found := false
	ids := make([]string, 0, len(p.Sections))
	for i := range p.Sections {
		s := &p.Sections[i]
		ids = append(ids, s.ID)
		if o.section != "" && s.ID != o.section {
			continue
		}
		found = true
		writeExplanation(e.stdout, p, s)
	}
	if !found {
		return usagef("no section %q in %s (sections: %s)", o.section, o.recipe, strings.Join(ids, ", "))
	}
	return nil
}

func writeExplanation(w io.Writer, p *pack.Pack, s *pack.Section) {
	loc := locale.For(p.Locale)
	fmt.Fprintf(w, "%s (%s)\n", s.Title, s.ID)
	for i, st := range s.Steps {
		rows := ""
		if st.Rows >= 0 {
			rows = fmt.Sprintf("  [%s %s]", loc.Integer(st.Rows), strings.ToLower(loc.Labels.Rows))
		}
		fmt.Fprintf(w, "  %d. %s%s\n", i+1, st.Text, rows)
	}
	if len(s.Footnotes) > 0 {
		fmt.Fprintf(w, "  %s:\n", loc.Labels.Reservations)
		for _, f := range s.Footnotes {
			fmt.Fprintf(w, "   %s) %s\n", f.Mark, f.Text)
			if len(f.Inherited) > 0 {
				fmt.Fprintf(w, "      %s\n", inheritedFrom(loc, f.Inherited))
			}
		}
	}
	fmt.Fprintln(w)
}

// inheritedFrom says where a reservation written on a source reaches a
// section from: "from source grants (join, budget.committed)".
func inheritedFrom(loc locale.Locale, in []pack.Inheritance) string {
	parts := make([]string, len(in))
	for i, h := range in {
		parts[i] = fmt.Sprintf(loc.Labels.InheritedFrom, h.Source, strings.Join(h.Via, ", "))
	}
	return strings.Join(parts, "; ")
}
