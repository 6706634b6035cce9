package gitfile

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repo is a temporary git repository for a test.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.as(Person{"Anne Andersen", "aa@example.org"}, "init", "-q", "-b", "main")
	return r
}

// as runs git in the repository as who, author and committer.
func (r *repo) as(who Person, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=" + who.Name, "-c", "user.email=" + who.Email, "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "git %v\n%s", args, out)
	return strings.TrimSpace(string(out))
}

func (r *repo) write(name, body string) {
	r.t.Helper()
	require.NoError(r.t, os.WriteFile(filepath.Join(r.dir, name), []byte(body), 0o644))
}

// commit commits every change as who, with message.
func (r *repo) commit(who Person, message string) string {
	r.t.Helper()
	r.as(who, "add", "-A")
	r.as(who, "commit", "-q", "-m", message)
	return r.as(who, "rev-parse", "HEAD")
}

var (
	anne = Person{"Anne Andersen", "aa@example.org"}
	bo   = Person{"Bo Berg", "bb@example.org"}
)

func TestHistory(t *testing.T) {
	tests := []struct {
		name string
		// setup makes the repository's history; it returns the bytes read
		// as the recipe and the commit the review should be found on ("" none).
		setup        func(r *repo) (data, reviewCommit string)
		wantApproved bool
		wantMissing  string // a part of the first fault, when not approved
	}{
		{
			name: "not committed",
			setup: func(r *repo) (string, string) {
				r.write("other", "x")
				r.commit(anne, "other")
				r.write("m.yaml", "a")
				return "a", ""
			},
			wantMissing: "the file is not committed",
		},
		{
			name:        "committed without review",
			setup:       func(r *repo) (string, string) { r.write("m.yaml", "a"); r.commit(anne, "add"); return "a", "" },
			wantMissing: "has no Reviewed-by trailer",
		},
		{
			name: "reviewed by its own author",
			setup: func(r *repo) (string, string) {
				r.write("m.yaml", "a")
				r.commit(anne, "add\n\nReviewed-by: Anne Andersen <aa@example.org>")
				return "a", ""
			},
			wantMissing: "reviewed only by its own author",
		},
		{
			name: "reviewed by its author under another address",
			setup: func(r *repo) (string, string) {
				r.write("m.yaml", "a")
				r.commit(anne, "add\n\nReviewed-by: anne andersen <anne@private.example>")
				return "a", ""
			},
			wantMissing: "reviewed only by its own author",
		},
		{
			name: "reviewed by another",
			setup: func(r *repo) (string, string) {
				r.write("m.yaml", "a")
				c := r.commit(anne, "add\n\nReviewed-by: Anne Andersen <aa@example.org>\nReviewed-by: Bo Berg <bb@example.org>")
				return "a", c
			},
			wantApproved: true,
		},
		{
			name: "reviewed, then changed in the work tree",
			setup: func(r *repo) (string, string) {
				r.write("m.yaml", "a")
				c := r.commit(anne, "add\n\nReviewed-by: Bo Berg <bb@example.org>")
				r.write("m.yaml", "b")
				return "b", c
			},
			wantMissing: "differs from its last commit",
		},
		{
			name: "the bytes read are not the committed ones",
			setup: func(r *repo) (string, string) {
				r.write("m.yaml", "a")
				c := r.commit(anne, "add\n\nReviewed-by: Bo Berg <bb@example.org>")
				return "a changed while read", c
			},
			wantMissing: "differs from its last commit",
		},
		{
			name: "a reviewed change, then an unreviewed one",
			setup: func(r *repo) (string, string) {
				r.write("m.yaml", "a")
				r.commit(anne, "add\n\nReviewed-by: Bo Berg <bb@example.org>")
				r.write("m.yaml", "b")
				r.commit(anne, "change")
				return "b", ""
			},
			wantMissing: "has no Reviewed-by trailer",
		},
		{
			name: "a later commit to another file does not hide the review",
			setup: func(r *repo) (string, string) {
				r.write("m.yaml", "a")
				c := r.commit(anne, "add\n\nReviewed-by: Bo Berg <bb@example.org>")
				r.write("other", "x")
				r.commit(anne, "other")
				return "a", c
			},
			wantApproved: true,
		},
		{
			name: "reviewed on the merge commit that merged it",
			setup: func(r *repo) (string, string) {
				r.write("other", "x")
				r.commit(anne, "start")
				r.as(anne, "checkout", "-q", "-b", "change")
				r.write("m.yaml", "a")
				r.commit(anne, "add")
				r.as(bo, "checkout", "-q", "main")
				r.as(bo, "merge", "-q", "--no-ff", "-m", "Merge change\n\nReviewed-by: Bo Berg <bb@example.org>", "change")
				return "a", r.as(bo, "rev-parse", "HEAD")
			},
			wantApproved: true,
		},
		{
			name: "a later merge of something else does not review it",
			setup: func(r *repo) (string, string) {
				r.write("m.yaml", "a")
				r.commit(anne, "add")
				r.as(anne, "checkout", "-q", "-b", "other")
				r.write("other", "x")
				r.commit(anne, "other")
				r.as(bo, "checkout", "-q", "main")
				r.write("third", "y")
				r.commit(bo, "third")
				r.as(bo, "merge", "-q", "--no-ff", "-m", "Merge other\n\nReviewed-by: Bo Berg <bb@example.org>", "other")
				return "a", ""
			},
			wantMissing: "has no Reviewed-by trailer",
		},
		{
			name: "a file named like pathspec magic",
			setup: func(r *repo) (string, string) {
				r.write(":(glob)*", "a")
				r.write("m.yaml", "b")
				r.commit(anne, "add")
				return "a", ""
			},
			wantMissing: "has no Reviewed-by trailer",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRepo(t)
			data, reviewCommit := tt.setup(r)
			file := "m.yaml"
			if strings.Contains(tt.name, "pathspec") {
				file = ":(glob)*"
			}
			h := Git{}.History(context.Background(), filepath.Join(r.dir, file), []byte(data))
			require.Equal(t, tt.wantApproved, h.Approved(), "approved; history %+v, missing %q", h, h.Missing())
			if tt.name != "not committed" && assert.NotNil(t, h.Change, "want a change by %v", anne) {
				assert.Equal(t, anne, h.Change.Author, "author of the change")
				assert.False(t, h.Change.Date.IsZero(), "got change %+v, want one with a date", h.Change)
			}
			if tt.wantApproved {
				if assert.NotNil(t, h.Review, "want a review by %v on %s", bo, reviewCommit) {
					assert.Equal(t, bo, h.Review.By, "reviewer")
					assert.Equal(t, reviewCommit, h.Review.Commit, "commit carrying the review")
				}
				assert.Nil(t, h.Missing(), "want nothing missing")
				return
			}
			m := h.Missing()
			if assert.NotEmpty(t, m, "want a fault containing %q", tt.wantMissing) {
				assert.Contains(t, m[0], tt.wantMissing, "first fault")
			}
		})
	}
}

func TestHistoryOutsideGit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	path := filepath.Join(dir, "m.yaml")
	require.NoError(t, os.WriteFile(path, []byte("a"), 0o644))
	h := Git{}.History(context.Background(), path, []byte("a"))
	assert.Zero(t, h, "want no history")
	m := h.Missing()
	if assert.Len(t, m, 1, "want that git knows nothing of the file") {
		assert.Contains(t, m[0], "not in a git work tree")
	}
}

func TestShow(t *testing.T) {
	r := newRepo(t)
	require.NoError(t, os.Mkdir(filepath.Join(r.dir, "sub"), 0o755))
	r.write("sub/m.yaml", "one\n")
	r.commit(anne, "one")
	r.write("sub/m.yaml", "two\n")
	r.commit(anne, "two")
	ctx := context.Background()
	tests := []struct {
		dir, ref, path string
		limit          int64
		want           string
		wantErr        error
	}{
		{r.dir, "HEAD~1", "sub/m.yaml", 100, "one\n", nil},
		{r.dir, "HEAD", "sub/m.yaml", 100, "two\n", nil},
		{filepath.Join(r.dir, "sub"), "HEAD~1", "./m.yaml", 100, "one\n", nil},
		{r.dir, "HEAD", "sub/m.yaml", 3, "", ErrTooLarge},
		{r.dir, "HEAD", "nope.yaml", 100, "", ErrNoFile},
		{r.dir, "HEAD~9", "sub/m.yaml", 100, "", ErrNoCommit},
		{r.dir, "HEAD;touch x", "sub/m.yaml", 100, "", ErrNoCommit},
		{r.dir, "--output=pwned", "sub/m.yaml", 100, "", ErrBadRef},
	}
	for _, tt := range tests {
		t.Run(tt.ref+":"+tt.path, func(t *testing.T) {
			got, _, err := Git{}.Show(ctx, tt.dir, tt.ref, tt.path, tt.limit)
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, tt.want, string(got), "file shown")
		})
	}
	for _, name := range []string{"x", "pwned"} {
		_, err := os.Stat(filepath.Join(r.dir, name))
		assert.Error(t, err, "got a file %q written by git, want none", name)
	}
}

func TestCheckRef(t *testing.T) {
	tests := []struct {
		ref  string
		want error
	}{
		{"HEAD~1", nil},
		{"main", nil},
		{"v1.2^{commit}", nil},
		{"a1b2c3d", nil},
		{"", ErrBadRef},
		{"-x", ErrBadRef},
		{"--output=out/pwned", ErrBadRef},
		{"HEAD\n--output=x", ErrBadRef},
		{"HEAD\x00", ErrBadRef},
		{strings.Repeat("a", MaxRefLen+1), ErrBadRef},
		{"HEAD;touch x", nil}, // harmless: no shell; git finds no such commit
	}
	for _, tt := range tests {
		t.Run(tt.ref[:min(len(tt.ref), 20)], func(t *testing.T) {
			assert.ErrorIs(t, CheckRef(tt.ref), tt.want)
		})
	}
}

// hexPrefix is a commit id followed by ":": how Show names a file.
var hexPrefix = regexp.MustCompile(`^[0-9a-f]{40,64}:`)

// TestUserInputIsNeverAnOption runs every call with hostile refs and paths
// against a fake git that records its arguments, and checks that each
// argument holding outside input stands where git cannot read it as an
// option: after --end-of-options or "--", or behind a commit id.
func TestUserInputIsNeverAnOption(t *testing.T) {
	hostile := []string{"-x", "--output=pwned", "--upload-pack=touch x", "-c core.pager=touch x", "HEAD;touch x", "HEAD\n-x"}
	var calls [][]string
	fake := func(_ context.Context, dir string, _ []byte, args ...string) ([]byte, error) {
		calls = append(calls, args)
		assert.False(t, strings.HasPrefix(dir, "-"), "got dir %q, want one that is not an argument", dir)
		switch {
		case slices.Contains(args, "cat-file") && slices.Contains(args, "-s"):
			return []byte("3\n"), nil
		case slices.Contains(args, "log"):
			return []byte(strings.Repeat("a", 40) + "\x00A\x00a@x\x002026-11-03T10:00:00+01:00\x00\x1e"), nil
		}
		return []byte(strings.Repeat("a", 40) + "\n"), nil
	}
	g := Git{Run: fake}
	ctx := context.Background()
	for _, h := range hostile {
		_, _, _ = g.Show(ctx, "", h, h, 100)
		_, _, _ = g.Show(ctx, "", "HEAD", h, 100)
		_ = g.History(ctx, filepath.Join("d", h), []byte("x"))
		_ = g.History(ctx, h, []byte("x"))
	}
	require.NotEmpty(t, calls, "want some git calls")
	for _, args := range calls {
		assert.Equal(t, globalArgs, args[:len(globalArgs)], "start of the arguments %q", args)
		data := false // past --end-of-options or --
		for _, a := range args[len(globalArgs):] {
			if a == "--end-of-options" || a == "--" {
				data = true
				continue
			}
			if data || hexPrefix.MatchString(a) || strings.HasPrefix(a, "--path=") {
				continue
			}
			for _, h := range hostile {
				assert.NotContains(t, a, h, "an argument where git reads options, in %q", args)
			}
		}
	}
}
