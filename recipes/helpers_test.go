package recipes

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/gitfile"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/render/pack"
)

// office writes a recipe and its extracts into a temporary directory and
// returns the recipe's path. Files are written as given, byte for byte.
func office(t *testing.T, recipe string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	}
	path := filepath.Join(dir, "recipe.yaml")
	require.NoError(t, os.WriteFile(path, []byte(recipe), 0o644))
	return path
}

// runRecipe loads, checks and runs the recipe at path.
func runRecipe(path string, opts Options) (*pack.Pack, error) {
	r, err := Load(path)
	if err != nil {
		return nil, err
	}
	pl, err := Check(r, opts)
	if err != nil {
		return nil, err
	}
	return pl.Run(context.Background(), engine.RunOptions{Generated: time.Unix(0, 0), Generator: "mipack test"})
}

// mustRun runs the recipe and fails the test on any error.
func mustRun(t *testing.T, recipe string, files map[string]string) *pack.Pack {
	t.Helper()
	p, err := runRecipe(office(t, recipe, files), Options{})
	require.NoError(t, err, "run")
	return p
}

// memOffice is an office held in memory: the recipe at recipe.yaml and
// its extracts beside it, byte for byte, for Options.FS and LoadFS.
func memOffice(recipe string, files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"recipe.yaml": {Data: []byte(recipe)}}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}

// runMem loads, checks and runs recipe.yaml of an office in memory.
func runMem(fsys fstest.MapFS, opts Options) (*pack.Pack, error) {
	r, err := LoadFS(fsys, "recipe.yaml")
	if err != nil {
		return nil, err
	}
	opts.FS = fsys
	pl, err := Check(r, opts)
	if err != nil {
		return nil, err
	}
	return pl.Run(context.Background(), engine.RunOptions{Generated: time.Unix(0, 0), Generator: "mipack test", History: &gitfile.History{}})
}

// mustRunMem is mustRun over an office in memory, not on disk.
func mustRunMem(t *testing.T, recipe string, files map[string]string) *pack.Pack {
	t.Helper()
	p, err := runMem(memOffice(recipe, files), Options{})
	require.NoError(t, err, "run")
	return p
}

func section(t *testing.T, p *pack.Pack, id string) *pack.Section {
	t.Helper()
	for i := range p.Sections {
		if p.Sections[i].ID == id {
			return &p.Sections[i]
		}
	}
	require.Failf(t, "no section", "no section %q", id)
	return nil
}

// footnote returns the first footnote of the kind, or fails.
func footnote(t *testing.T, s *pack.Section, kind string) pack.Footnote {
	t.Helper()
	for _, f := range s.Footnotes {
		if f.Kind == kind {
			return f
		}
	}
	require.Failf(t, "no footnote", "section %s has no %s footnote; footnotes: %+v", s.ID, kind, s.Footnotes)
	return pack.Footnote{}
}
