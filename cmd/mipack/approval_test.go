package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pdf/pdftest"
)

// approvedRecipe is recipeV1 under four eyes, with its front matter.
var approvedRecipe = strings.Replace(recipeV1, "period: 2026-10\n", `period: 2026-10
organisation: Testkommune, Social og Sundhed
committee: Social- og Sundhedsudvalget
meeting: 2026-11-12
owner: Anne Andersen <aa@example.org>
approval: required
`, 1)

// commitAs commits every change in dir as who ("Name <email>"), on 3 Nov
// 2026 at 10:00 CET, with message.
func commitAs(t *testing.T, dir, name, email, message string) {
	t.Helper()
	date := []string{"GIT_AUTHOR_DATE=2026-11-03T10:00:00+01:00", "GIT_COMMITTER_DATE=2026-11-03T10:00:00+01:00"}
	gitIn(t, dir, "add", "-A")
	gitEnv(t, dir, date, "-c", "user.name="+name, "-c", "user.email="+email, "commit", "-q", "-m", message)
}

// TestFourEyes renders a council pack under `approval: required` from a
// recipe in a temporary git repository, in each state of review.
func TestFourEyes(t *testing.T) {
	tests := []struct {
		name string
		// setup commits the recipe (or not) in dir.
		setup    func(t *testing.T, dir string)
		wantCode int
		// wantStderr are parts of the refusal; wantApproval the cover's
		// approval line of a pack that renders.
		wantStderr   []string
		wantApproval string
	}{
		{
			name: "unreviewed",
			setup: func(t *testing.T, dir string) {
				commitAs(t, dir, "Anne Andersen", "aa@example.org", "Add the monthly pack")
			},
			wantCode: exitFailure,
			wantStderr: []string{
				"office/monthly.yaml:7:11: approval: approval is required for a council pack, and the recipe is not approved:",
				"by Anne Andersen <aa@example.org>, has no Reviewed-by trailer, nor has a merge commit that merged it",
				`Try: commit the recipe and have a colleague review the change; they add "Reviewed-by: Name <email>"`,
			},
		},
		{
			name: "reviewed by its own author",
			setup: func(t *testing.T, dir string) {
				commitAs(t, dir, "Anne Andersen", "aa@example.org", "Add the monthly pack\n\nReviewed-by: Anne Andersen <aa@example.org>")
			},
			wantCode:   exitFailure,
			wantStderr: []string{"is reviewed only by its own author; a Reviewed-by must name someone else", "Try: "},
		},
		{
			name: "reviewed by another",
			setup: func(t *testing.T, dir string) {
				commitAs(t, dir, "Anne Andersen", "aa@example.org", "Add the monthly pack\n\nReviewed-by: Bo Berg <bb@example.org>")
			},
			wantCode:     exitOK,
			wantApproval: "Ændret af Anne Andersen den 03.11.2026, godkendt af Bo Berg",
		},
		{
			name: "reviewed, then changed in the working tree",
			setup: func(t *testing.T, dir string) {
				commitAs(t, dir, "Anne Andersen", "aa@example.org", "Add the monthly pack\n\nReviewed-by: Bo Berg <bb@example.org>")
				writeFile(t, dir, "office/monthly.yaml", strings.Replace(approvedRecipe, "Aktiv", "Afventer", 1))
			},
			wantCode:   exitFailure,
			wantStderr: []string{"the file differs from its last commit: commit or undo the changes", "Try: "},
		},
		{
			name: "not committed",
			setup: func(t *testing.T, dir string) {
				recipe := filepath.Join(dir, "office", "monthly.yaml")
				require.NoError(t, os.Remove(recipe))
				commitAs(t, dir, "Anne Andersen", "aa@example.org", "Only the extract")
				writeFile(t, dir, "office/monthly.yaml", approvedRecipe)
			},
			wantCode:   exitFailure,
			wantStderr: []string{"the file is not committed", "Try: "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newRepo(t)
			writeFile(t, dir, "office/extracts/grants.csv", grantsCSV)
			writeFile(t, dir, "office/monthly.yaml", approvedRecipe)
			tt.setup(t, dir)
			t.Chdir(dir)
			code, stdout, stderr := runCmd(t, "render", "office/monthly.yaml", "--out", "out")
			require.Equal(t, tt.wantCode, code, "got exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			for _, want := range tt.wantStderr {
				assert.Contains(t, stderr, want)
			}
			if tt.wantCode != exitOK {
				assert.Empty(t, stdout)
				_, err := os.Stat("out")
				assert.True(t, os.IsNotExist(err), "got an out directory (%v), want no pack written", err)
				return
			}
			p, err := readPack(filepath.Join("out", "monthly-2026-10.json"))
			require.NoError(t, err)
			c := p.Provenance.RecipeChange
			require.NotNil(t, c, "got no recipe change in pack.json")
			assert.Equal(t, "Anne Andersen", c.Author)
			assert.Equal(t, "2026-11-03T10:00:00+01:00", c.Date)
			assert.Equal(t, "Bo Berg", c.Reviewer)
			assert.Equal(t, "bb@example.org", c.ReviewerEmail)
			assert.True(t, p.Provenance.RecipeApproved, "got recipe_approved false")
			assert.Equal(t, "Anne Andersen <aa@example.org>", p.Provenance.RecipeOwner)
			assert.Equal(t, "2026-11-12", p.Meeting)

			page, err := os.ReadFile(filepath.Join("out", "monthly-2026-10.html"))
			require.NoError(t, err)
			assert.Equal(t, 2, strings.Count(string(page), tt.wantApproval), "got the approval line %d times in the HTML (cover and appendix), want 2", strings.Count(string(page), tt.wantApproval))
			assert.Contains(t, string(page), "<dd>Social- og Sundhedsudvalget</dd>")
			assert.Contains(t, string(page), "<dd>12.11.2026</dd>")

			pages := pdftest.Text(t, filepath.Join("out", "monthly-2026-10.pdf"))
			assert.Contains(t, pdftest.Squash(pages[0]), tt.wantApproval, "got a cover without the approval line")
			assert.Contains(t, pdftest.Squash(pages[0]), "Testkommune, Social og Sundhed")
			assert.Contains(t, pdftest.Squash(pages[len(pages)-1]+pages[len(pages)-2]), tt.wantApproval, "got an appendix without the approval line")
		})
	}
}

// TestFourEyesNeverBlocks renders the unreviewed recipe as an internal
// pack, and serves it as a council pack: neither is blocked, and both say
// plainly that the recipe is not approved.
func TestFourEyesNeverBlocks(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, dir, "office/extracts/grants.csv", grantsCSV)
	writeFile(t, dir, "office/monthly.yaml", approvedRecipe)
	writeFile(t, dir, "office/internal.yaml", strings.Replace(approvedRecipe, "audience: council", "audience: internal", 1))
	commitAs(t, dir, "Anne Andersen", "aa@example.org", "Add the monthly pack")
	t.Chdir(dir)
	const notApproved = "Ændret af Anne Andersen den 03.11.2026, ikke godkendt"

	code, _, stderr := runCmd(t, "render", "office/internal.yaml", "--out", "out", "--format", "json,html")
	require.Equal(t, exitOK, code, stderr)
	page, err := os.ReadFile(filepath.Join("out", "internal-2026-10.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), notApproved)

	base, _ := startServe(t, filepath.Join(dir, "office", "monthly.yaml"))
	status, body := get(t, base+"/pack")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, notApproved)
	assert.NotContains(t, body, "does not render")
}
