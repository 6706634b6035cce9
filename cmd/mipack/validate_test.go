package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidateReportsATypoOnce checks, on the sample office, that one
// misspelt key gives one error, with a did-you-mean, though the sample's
// labels, chart, order and text all name the group column it defines.
func TestValidateReportsATypoOnce(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string // the one line of stderr, after the recipe's path
	}{
		{"misspelt group_by", "    group_by: [section]\n", "    grup_by: [section]\n",
			`:97:5: sections[1].grup_by: unknown key "grup_by"; did you mean "group_by"?`},
		{"misspelt measure column", "citizens: count_distinct(citizen_id)", "citizens: count_distinct(citizen_idd)",
			`:99:17: sections[1].measures.citizens: unknown column "citizen_idd"; did you mean "citizen_id"?`},
		{"filter comparing a date with a text", "start <= period.end && (end", `start <= "2026-10-31" && (end`,
			":95:39: sections[1].where: `<=` compares a date with a text (in `status == \"Aktiv\" && start <= \"2026-10-31\" && (end == nil || end >= period.start)`)" +
				`. Try: compare it with a date, e.g. date("2026-10-01") or period.start`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "samples", "disability"))))
			recipe := filepath.Join(dir, "monthly.yaml")
			data, err := os.ReadFile(recipe)
			require.NoError(t, err)
			require.True(t, strings.Contains(string(data), tt.old), "the sample holds no %q", tt.old)
			require.NoError(t, os.WriteFile(recipe, []byte(strings.Replace(string(data), tt.old, tt.new, 1)), 0o644))
			code, stdout, stderr := runCmd(t, "validate", recipe)
			assert.Equal(t, exitFailure, code, "exit status; stdout: %s", stdout)
			assert.Equal(t, recipe+tt.want+"\n", stderr, "stderr")
		})
	}
}
