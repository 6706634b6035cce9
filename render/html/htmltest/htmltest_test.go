package htmltest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badPage breaks every rule Check knows.
const badPage = `<!DOCTYPE html>
<html lang="en">
<head><title>bad</title>
<link rel="stylesheet" href="https://example.invalid/style.css">
</head>
<body>
<main>
<h1>Bad page</h1>
<img src="missing.png" onerror="alert('injected')">
<script>console.error("boom");</script>
<p><a href="#nowhere">a link to nothing</a></p>
<p id="twice">one</p><p id="twice">two</p>
<div id="chart-one" data-chart="chart-one-data" role="img" aria-label=""></div>
<p style="color:#c8c8c8">faint text</p>
</main>
</body>
</html>
`

// TestCheckFindsProblems proves each check fires on a page that breaks it.
func TestCheckFindsProblems(t *testing.T) {
	browser := FindBrowser()
	if browser == "" {
		require.NotEqual(t, "1", os.Getenv(RequireBrowserEnv), "no browser on PATH and %s=1", RequireBrowserEnv)
		t.Skip("no chromium, chromium-browser or google-chrome on PATH")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.html")
	require.NoError(t, os.WriteFile(path, []byte(badPage), 0o644))
	r, err := run(browser, path, filepath.Join(dir, "profile"))
	require.NoError(t, err, "run")
	var axeIDs []string
	for _, v := range r.Violations {
		axeIDs = append(axeIDs, v.ID)
	}
	checks := []struct {
		name string
		ok   bool
		got  any
	}{
		{"console error", slices.ContainsFunc(r.ConsoleErrors, func(s string) bool { return strings.Contains(s, "boom") }), r.ConsoleErrors},
		{"outside request", slices.ContainsFunc(r.OutsideRequests, func(s string) bool { return strings.HasPrefix(s, "https://example.invalid/") }), r.OutsideRequests},
		{"dialog", slices.ContainsFunc(r.Dialogs, func(s string) bool { return strings.Contains(s, "injected") }), r.Dialogs},
		{"images", r.Images == 1, r.Images},
		{"undrawn chart", len(r.Charts) == 1 && r.Charts[0].Width == 0, r.Charts},
		{"broken anchor", slices.Equal(r.BrokenAnchors, []string{"#nowhere"}), r.BrokenAnchors},
		{"duplicate id", slices.Equal(r.DuplicateIDs, []string{"twice"}), r.DuplicateIDs},
		{"axe image-alt", slices.Contains(axeIDs, "image-alt"), axeIDs},
		{"axe color-contrast", slices.Contains(axeIDs, "color-contrast"), axeIDs},
	}
	for _, c := range checks {
		assert.True(t, c.ok, "%s: got %v, want it found", c.name, c.got)
	}
	problems := r.Problems()
	for _, want := range []string{"console error", "request outside", "script dialog", "<img>", "chart \"chart-one\" drawn 0x0", "no accessible name", "missing id: #nowhere", "duplicate id: twice", "axe critical violation image-alt"} {
		found := slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) })
		assert.True(t, found, "Problems(): got %q, want one containing %q", problems, want)
	}
}

// TestReportProblemsEmpty: a clean report has nothing to say.
func TestReportProblemsEmpty(t *testing.T) {
	r := Report{Charts: []Chart{{ID: "c", Label: "Chart: x", Width: 600, Height: 300}}}
	assert.Empty(t, r.Problems(), "want no problems")
}
