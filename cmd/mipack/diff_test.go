package main

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pack"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/<test>/<name>.golden under the package
// directory pkg, rewriting it with -update.
func golden(t *testing.T, pkg, name, got string) {
	t.Helper()
	path := filepath.Join(pkg, "testdata", strings.Split(t.Name(), "/")[0], name+".golden")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to write %s", path)
	assert.Equal(t, string(want), got, "output differs from %s", path)
}

func TestParseDiff(t *testing.T) {
	tests := []struct {
		args    []string
		want    diffOptions
		wantErr string
	}{
		{args: []string{"a.yaml", "b.yaml"}, want: diffOptions{old: "a.yaml", new: "b.yaml", format: "text"}},
		{args: []string{"HEAD~1:m.yaml", "m.yaml", "--format", "md", "--exit-code", "--period", "2026-09"},
			want: diffOptions{old: "HEAD~1:m.yaml", new: "m.yaml", format: "md", exitCode: true, period: "2026-09"}},
		{args: []string{"a.yaml"}, wantErr: "diff takes two recipes, OLD and NEW (a file or git-ref:path), got 1 arguments"},
		{args: []string{"a.yaml", "b.yaml", "--format", "html"}, wantErr: `unknown diff format "html": use text or md`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f := &fakeEnv{}
			got, err := parseDiff(tt.args, f.env())
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tt.wantErr, err.Error(), "got error %q, want %q", err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "got options %+v, want %+v", got, tt.want)
		})
	}
}

// grantsCSV has § 85 with two active citizens (suppressed under min_count
// 3) and two awaiting a decision, so counting those too makes it visible.
const grantsCSV = `case_id,citizen_id,section,cost_per_day,status
S01,P01,§ 107,2134,Aktiv
S02,P02,§ 107,2134,Aktiv
S03,P03,§ 107,2200.5,Aktiv
S04,P04,§ 107,2100,Aktiv
S05,P05,§ 108,3155,Aktiv
S06,P06,§ 108,3155,Aktiv
S07,P07,§ 108,3000,Aktiv
S08,P08,§ 108,3100,Afventer
S09,P09,§ 85,400,Aktiv
S10,P10,§ 85,450,Aktiv
S11,P11,§ 85,420,Afventer
S12,P12,§ 85,410,Afventer
S13,P13,§ 103,900,Lukket
`

const recipeV1 = `title: Testkommune — månedsrapport
period: 2026-10
locale: da
audience: council
disclosure: {min_count: 3, subject: citizen_id}
sources:
  grants:
    file: extracts/grants.csv
    columns: {case_id: string, citizen_id: string, section: string, cost_per_day: number, status: string}
reservations:
  - id: prices
    text: Døgnpriser er ikke afstemt med fakturaer.
  - id: status
    text: Status rettes ikke altid, når en bevilling slutter.
sections:
  - id: overview
    title: Aktive bevillinger efter paragraf
    from: grants
    where: status == "Aktiv"
    group_by: [section]
    measures: {citizens: count_distinct(citizen_id), cost_per_day: sum(cost_per_day)}
    order_by: [section]
    total: true
    reservations: [prices, status]
`

// recipeV2 counts grants awaiting a decision as well, drops the status
// reservation and adds a section.
const recipeV2 = `title: Testkommune — månedsrapport
period: 2026-10
locale: da
audience: council
disclosure: {min_count: 3, subject: citizen_id}
sources:
  grants:
    file: extracts/grants.csv
    columns: {case_id: string, citizen_id: string, section: string, cost_per_day: number, status: string}
reservations:
  - id: prices
    text: Døgnpriser er ikke afstemt med fakturaer.
sections:
  - id: overview
    title: Aktive bevillinger efter paragraf
    from: grants
    where: status == "Aktiv" || status == "Afventer"
    group_by: [section]
    measures: {citizens: count_distinct(citizen_id), cost_per_day: sum(cost_per_day)}
    order_by: [section]
    total: true
    reservations: [prices]
  - id: by_status
    title: Bevillinger efter status
    from: grants
    group_by: [status]
    measures: {citizens: count_distinct(citizen_id)}
    reservations: [prices]
`

// gitIn runs git in dir as "Test <test@example.org>", with no global or
// system configuration, and returns its output; later -c arguments in
// args override the identity.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gitEnv(t, dir, nil, args...)
}

// gitEnv is gitIn with env added to the environment (GIT_AUTHOR_DATE=...).
func gitEnv(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null"), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

// writeFile writes body to dir/name, making its directory.
func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
}

// newRepo makes an empty git repository in a temporary directory.
func newRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q")
	return dir
}

// recipeRepo makes a git repository with recipe v1 committed, then v2,
// changes into it and returns its directory.
func recipeRepo(t *testing.T) string {
	t.Helper()
	dir := newRepo(t)
	t.Chdir(dir)
	writeFile(t, dir, "office/extracts/grants.csv", grantsCSV)
	writeFile(t, dir, "office/monthly.yaml", recipeV1)
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "v1")
	writeFile(t, dir, "office/monthly.yaml", recipeV2)
	gitIn(t, dir, "commit", "-q", "-am", "v2")
	return dir
}

// files lists every file under dir but .git, by path.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, rel)
		}
		return nil
	})
	require.NoError(t, err)
	return names
}

func TestDiff(t *testing.T) {
	pkg, err := os.Getwd()
	require.NoError(t, err)
	dir := recipeRepo(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"text", []string{"HEAD~1:office/monthly.yaml", "HEAD:office/monthly.yaml"}, exitOK},
		{"md", []string{"HEAD~1:office/monthly.yaml", "HEAD:office/monthly.yaml", "--format", "md"}, exitOK},
		{"exit_code", []string{"HEAD~1:office/monthly.yaml", "office/monthly.yaml", "--exit-code"}, exitFailure},
		{"same", []string{"HEAD:office/monthly.yaml", "office/monthly.yaml", "--exit-code"}, exitOK},
		{"reverse", []string{"office/monthly.yaml", "HEAD~1:./office/monthly.yaml"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, append([]string{"diff"}, tt.args...)...)
			require.Equal(t, tt.wantCode, code, "got exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			assert.Empty(t, stderr)
			golden(t, pkg, tt.name, stdout)
			left, err := filepath.Glob(filepath.Join(dir, "office", ".monthly-diff-*"))
			require.NoError(t, err)
			assert.Empty(t, left, "got temporary recipes left behind %v, want none", left)
		})
	}
}

func TestDiffNeverShowsASuppressedValue(t *testing.T) {
	recipeRepo(t)
	_, stdout, _ := runCmd(t, "diff", "HEAD~1:office/monthly.yaml", "HEAD:office/monthly.yaml")
	// § 85 had two active citizens at 400 + 450 a day: withheld in v1.
	for _, leak := range []string{"850", " 2 →", "· citizens: 2"} {
		assert.NotContains(t, stdout, leak, "got the withheld § 85 figure %q in the diff", leak)
	}
	assert.Contains(t, stdout, "§ 85 · citizens: x → 4")
}

func TestDiffFaults(t *testing.T) {
	recipeRepo(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no such file", []string{"nope.yaml", "office/monthly.yaml"}, exitUsage, `no recipe file "nope.yaml"`},
		{"no such ref", []string{"HEAD~5:office/monthly.yaml", "office/monthly.yaml"}, exitFailure, `"HEAD~5:office/monthly.yaml": no such commit: "HEAD~5" names none in this repository`},
		{"no such file at the ref", []string{"HEAD:office/nope.yaml", "office/monthly.yaml"}, exitFailure, `no such file: HEAD holds no "office/nope.yaml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, append([]string{"diff"}, tt.args...)...)
			assert.Equal(t, tt.wantCode, code, "got exit %d, want %d", code, tt.wantCode)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tt.wantErr)
		})
	}
}

// TestDiffHostileRefs gives diff refs built to reach git as options or as
// more than one argument. Each must be refused or fail without git writing
// a file, and without a temporary recipe left behind.
func TestDiffHostileRefs(t *testing.T) {
	dir := recipeRepo(t)
	// As in the report: a recipe at the top, and an out/ directory.
	writeFile(t, dir, "monthly.yaml", recipeV1)
	writeFile(t, dir, "out/.keep", "")
	before := files(t, dir)
	long := strings.Repeat("HEAD~0", 50_000)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"the injection of the report", []string{"--", "--output=out/pwned:monthly.yaml", "monthly.yaml"}, exitUsage,
			`not a usable git ref: "--output=out/pwned" starts with "-", which git would read as an option`},
		{"a short option", []string{"--", "-x:office/monthly.yaml", "office/monthly.yaml"}, exitUsage, `not a usable git ref: "-x" starts with "-"`},
		{"as NEW", []string{"office/monthly.yaml", "--", "--output=pwned:office/monthly.yaml"}, exitUsage, `not a usable git ref: "--output=pwned" starts with "-"`},
		{"a shell command", []string{"HEAD;touch x:office/monthly.yaml", "office/monthly.yaml"}, exitFailure, `no such commit: "HEAD;touch x" names none in this repository`},
		{"a newline", []string{"HEAD\n--output=pwned:office/monthly.yaml", "office/monthly.yaml"}, exitUsage, `not a usable git ref: "HEAD\n--output=pwned" holds a control character`},
		{"a very long ref", []string{long + ":office/monthly.yaml", "office/monthly.yaml"}, exitUsage, "the ref is 300000 bytes long; the limit is 1024"},
		{"an option as the path", []string{"HEAD:--output=pwned", "office/monthly.yaml"}, exitFailure, `holds no "--output=pwned"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, append([]string{"diff"}, tt.args...)...)
			assert.Equal(t, tt.wantCode, code, "got exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tt.wantErr)
			assert.Less(t, len(stderr), 2000, "got stderr of %d bytes, want the ref not echoed in full", len(stderr))
			assert.Equal(t, before, files(t, dir), "got files in the repository changed, want none written")
		})
	}
}

func TestParseRenderPrevious(t *testing.T) {
	f := &fakeEnv{}
	got, err := parseRender([]string{"r.yaml", "--previous", "old/r-2026-10.json"}, f.env())
	require.NoError(t, err)
	assert.Equal(t, "old/r-2026-10.json", got.previous, "got previous %q, want %q", got.previous, "old/r-2026-10.json")
}

func TestRenderMarksRevisions(t *testing.T) {
	tests := []struct {
		name       string
		setup      func(t *testing.T, recipe, out string) []string // returns extra render args
		wantStdout string
		wantStderr string
		wantRev    []pack.Revision
		wantNote   string
	}{
		{
			name: "first render has nothing to compare",
			setup: func(t *testing.T, recipe, out string) []string {
				require.NoError(t, os.Remove(filepath.Join(out, "tiny-2026-10.json")))
				return nil
			},
			wantStdout: "wrote OUT/tiny-2026-10.json\n",
		},
		{
			name:       "the pack being replaced",
			setup:      func(*testing.T, string, string) []string { return nil },
			wantStdout: "compared with OUT/tiny-2026-10.json of 2026-09-21T14:13:20Z: 2 figures revised\nwrote OUT/tiny-2026-10.json\n",
			wantRev:    []pack.Revision{{Row: 0, Col: 2, Previous: 300.5}, {Row: 2, Col: 2, Previous: 350.5}},
			wantNote:   "Revised since the pack of 21 Sep 2026: active amount, total 300.5 → 310.5; Total amount, total 350.5 → 360.5.",
		},
		{
			name: "an explicit previous pack",
			setup: func(t *testing.T, recipe, out string) []string {
				moved := filepath.Join(t.TempDir(), "issued.json")
				require.NoError(t, os.Rename(filepath.Join(out, "tiny-2026-10.json"), moved))
				return []string{"--previous", moved}
			},
			wantStdout: "compared with PREV of 2026-09-21T14:13:20Z: 2 figures revised\nwrote OUT/tiny-2026-10.json\n",
			wantRev:    []pack.Revision{{Row: 0, Col: 2, Previous: 300.5}, {Row: 2, Col: 2, Previous: 350.5}},
			wantNote:   "Revised since the pack of 21 Sep 2026: active amount, total 300.5 → 310.5; Total amount, total 350.5 → 360.5.",
		},
		{
			name: "a pack for another period is not used implicitly",
			setup: func(t *testing.T, recipe, out string) []string {
				path := filepath.Join(out, "tiny-2026-10.json")
				data, err := os.ReadFile(path)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), `"period": "2026-10"`, `"period": "2026-09"`, 1)), 0o644))
				return nil
			},
			wantStdout: "wrote OUT/tiny-2026-10.json\n",
			wantStderr: "mipack: not marking revisions: OUT/tiny-2026-10.json is for period 2026-09, not 2026-10\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recipe := tinyOffice(t)
			out := t.TempDir()
			// The pack issued before, 21 Sep 2026.
			f := &fakeEnv{vars: map[string]string{"SOURCE_DATE_EPOCH": "1790000000"}}
			require.Equal(t, exitOK, run(context.Background(), []string{"render", recipe, "--out", out, "--format", "json"}, f.env()), f.stderr.String())
			// A corrected extract: C1's amount was 100.5.
			csv := filepath.Join(filepath.Dir(recipe), "pay.csv")
			data, err := os.ReadFile(csv)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(csv, []byte(strings.Replace(string(data), "100.5", "110.5", 1)), 0o644))
			extra := tt.setup(t, recipe, out)

			code, stdout, stderr := runCmd(t, append([]string{"render", recipe, "--out", out, "--format", "json"}, extra...)...)
			require.Equal(t, exitOK, code, stderr)
			replace := strings.NewReplacer(out, "OUT")
			if len(extra) == 2 {
				replace = strings.NewReplacer(out, "OUT", extra[1], "PREV")
			}
			assert.Equal(t, tt.wantStdout, replace.Replace(stdout))
			assert.Equal(t, tt.wantStderr, replace.Replace(stderr))

			p, err := readPack(filepath.Join(out, "tiny-2026-10.json"))
			require.NoError(t, err)
			s := p.Sections[0]
			assert.Equal(t, tt.wantRev, s.Revised, "got revised %v, want %v", s.Revised, tt.wantRev)
			note := ""
			for i, fn := range s.Footnotes {
				assert.Equal(t, strconv.Itoa(i+1), fn.Mark, "got mark %q for footnote %d", fn.Mark, i+1)
				if fn.Kind == pack.FootnoteRevised {
					note = fn.Text
				}
			}
			assert.Equal(t, tt.wantNote, note)
			if tt.wantRev == nil {
				assert.Nil(t, p.Provenance.Previous)
			} else {
				require.NotNil(t, p.Provenance.Previous)
				assert.Equal(t, "2026-09-21T14:13:20Z", p.Provenance.Previous.GeneratedAt)
			}
		})
	}
}
