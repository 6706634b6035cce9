package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidatePlacesAMisspeltMeasureInsideTheText(t *testing.T) {
	recipe := tinyOffice(t)
	data, err := os.ReadFile(recipe)
	require.NoError(t, err)
	text := "sections:\n  - id: summary\n    title: Summary\n    text: |\n      All cases: {by_status.total.cases}.\n\n      Active: {by_status[\"active\"].amuont} kr.\n"
	require.NoError(t, os.WriteFile(recipe, []byte(strings.Replace(string(data), "sections:\n", text, 1)), 0o644))
	code, stdout, stderr := runCmd(t, "validate", recipe)
	assert.Equal(t, exitFailure, code)
	assert.Empty(t, stdout)
	want := recipe + `:13:36: sections[0].text: section "by_status" has no measure "amuont"; did you mean "amount"? (its figures: cases, amount)`
	assert.Equal(t, want, strings.Split(stderr, "\n")[0], "got stderr %s", stderr)
	assert.Equal(t, "tiny.yaml", filepath.Base(recipe))
}
