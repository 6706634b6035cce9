package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/recipes/gitfile"
	"github.com/mipack/mipack/render/csvout"
	"github.com/mipack/mipack/render/html"
	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf"
)

// renderer writes a pack in one output format.
type renderer interface {
	Render(w io.Writer, p *pack.Pack) error
}

// jsonRenderer writes pack.json.
type jsonRenderer struct{}

// Render writes the pack as pack.json.
func (jsonRenderer) Render(w io.Writer, p *pack.Pack) error {
	data, err := pack.Encode(p)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

var (
	_ renderer = jsonRenderer{}
	_ renderer = html.Renderer{}
	_ renderer = pdf.Renderer{}
	_ renderer = csvout.Renderer{}
)

// format is an output format: its name on the command line, its file
// extension and its renderer.
type format struct {
	name string
	ext  string
	r    renderer
}

// formats are the output formats, in the order they are written.
var formats = []format{
	{"json", ".json", jsonRenderer{}},
	{"html", ".html", html.Renderer{}},
	{"pdf", ".pdf", pdf.Renderer{}},
	{"csv", ".csv", csvout.Renderer{}},
}

// renderOptions are `mipack render`'s inputs.
type renderOptions struct {
	recipe   string
	period   string
	audience string
	out      string
	formats  []string
	// previous is the pack issued before, to mark revised figures against;
	// "" means the pack about to be replaced in out, if there is one.
	previous string
}

func parseRender(args []string, e env) (renderOptions, error) {
	o := renderOptions{}
	fs := newFlags("render", e.stderr)
	fs.StringVar(&o.period, "period", "", "the month to report, YYYY-MM (default: the recipe's period)")
	fs.StringVar(&o.audience, "audience", "", "council or internal: the pack's audience (default: the recipe's)")
	fs.StringVar(&o.out, "out", "out", "the directory the pack is written to")
	fs.StringVar(&o.previous, "previous", "", "the pack.json issued before, to mark revised figures (default: the pack in --out being replaced)")
	formatList := fs.String("format", "html,pdf,json", "the outputs to write, comma-separated: html, pdf, json, csv")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	if len(pos) != 1 {
		return o, usagef("render takes one recipe file, got %d arguments", len(pos))
	}
	o.recipe = pos[0]
	switch o.audience {
	case "", "council", "internal":
	default:
		return o, usagef("--audience %q is not council or internal", o.audience)
	}
	for _, f := range strings.Split(*formatList, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.ContainsFunc(formats, func(x format) bool { return x.name == f }) {
			return o, usagef("unknown format %q: use html, pdf, json or csv", f)
		}
		if !slices.Contains(o.formats, f) {
			o.formats = append(o.formats, f)
		}
	}
	if len(o.formats) == 0 {
		return o, usagef("--format names no format: use html, pdf, json or csv")
	}
	return o, nil
}

// runRender makes the pack and writes each format atomically.
func runRender(ctx context.Context, args []string, e env) error {
	o, err := parseRender(args, e)
	if err != nil {
		return err
	}
	plan, err := load(o.recipe, recipes.Options{Period: o.period, Audience: o.audience})
	if err != nil {
		return err
	}
	// Four eyes: a council pack under `approval: required` is made only
	// from a reviewed recipe. serve and diff do not ask.
	history, err := plan.Approval(ctx)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(o.recipe), ".yaml"), ".yml") + "-" + plan.Period.Name
	// The pack issued before is read while the extracts are.
	prev := make(chan previousPack, 1)
	go func() { prev <- readPrevious(o.previous, filepath.Join(o.out, base+".json")) }()
	p, err := runPlan(ctx, plan, e, history)
	if err != nil {
		return err
	}
	if err := markRevisions(p, <-prev, e); err != nil {
		return err
	}
	var files []outputFile
	for _, f := range formats {
		if !slices.Contains(o.formats, f.name) {
			continue
		}
		var buf bytes.Buffer
		if err := renderSafely(f.r, &buf, p); err != nil {
			return fmt.Errorf("render %s: %w", f.name, err)
		}
		files = append(files, outputFile{path: filepath.Join(o.out, base+f.ext), data: buf.Bytes()})
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := writeAll(files); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(e.stdout, "wrote %s\n", f.path)
	}
	return nil
}

// renderSafely turns a renderer's panic into an error, so that a faulty
// renderer never leaves a partial file behind.
func renderSafely(r renderer, w io.Writer, p *pack.Pack) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("renderer failed: %v", v)
		}
	}()
	return r.Render(w, p)
}

// makePack loads, checks and runs a recipe.
func makePack(ctx context.Context, recipe, period string, e env) (*pack.Pack, error) {
	r, err := recipes.Load(recipe)
	if err != nil {
		return nil, err
	}
	return runRecipe(ctx, r, period, e)
}

// runRecipe checks and runs a loaded recipe.
func runRecipe(ctx context.Context, r *recipes.Recipe, period string, e env) (*pack.Pack, error) {
	plan, err := recipes.Check(r, recipes.Options{Period: period})
	if err != nil {
		return nil, err
	}
	return runPlan(ctx, plan, e, nil)
}

// runPlan runs a checked recipe with the command line's generation time,
// version and progress; history is what git said of the recipe, or nil for
// Run to ask.
func runPlan(ctx context.Context, plan *recipes.Plan, e env, history *gitfile.History) (*pack.Pack, error) {
	at, err := generatedAt(e.getenv)
	if err != nil {
		return nil, err
	}
	return plan.Run(ctx, recipes.RunOptions{Generated: at, Generator: "mipack " + version, Progress: newProgress(e), History: history})
}
