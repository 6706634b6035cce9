// Package gitfile asks git what it knows about one file: its bytes at a
// commit, whether the bytes at hand are the committed ones, who last
// changed it, and who reviewed that change.
//
//	g := gitfile.Git{}
//	data, commit, err := g.Show(ctx, ".", "HEAD~1", "samples/disability/monthly.yaml", 4<<20)
//	h := g.History(ctx, "samples/disability/monthly.yaml", data)
//	h.Change.Author  // Anne Andersen <aa@kommune-k.dk>, from the last commit that changed it
//	h.Review.By      // Bo Berg <bb@kommune-k.dk>, from its Reviewed-by trailer
//	h.Approved()     // committed, unchanged, and reviewed by someone else
//
// Every call passes what comes from outside (a ref from the command line,
// a path from a recipe) as data, never where git reads an option:
//
//   - a ref is refused by CheckRef when it starts with "-", holds a control
//     character or is too long, and reaches git only after --end-of-options,
//     as `rev-parse --verify --end-of-options REF^{commit}`;
//   - a file at a commit is named by the resolved commit id, "<hash>:<path>",
//     which cannot start with "-";
//   - a path given to log follows "--", with pathspec magic off
//     (--literal-pathspecs), so ":(glob)*" is a file name like any other;
//   - git runs in the file's directory (no -C DIR argument to inject), with
//     core.fsmonitor off, so a repository's configuration starts no
//     program of its own while mipack asks about a file.
package gitfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"unicode"
)

// MaxRefLen is the longest ref CheckRef accepts, in bytes. Git's own refs
// are far shorter; a longer one is a mistake or an attack.
const MaxRefLen = 1024

// MaxOutput is the most standard output read from one git command.
const MaxOutput = 16 << 20

// Sentinel errors, for errors.Is.
var (
	// ErrBadRef is a ref refused before git sees it.
	ErrBadRef = errors.New("not a usable git ref")
	// ErrNoCommit is a ref that names no commit in the repository.
	ErrNoCommit = errors.New("no such commit")
	// ErrNoFile is a path that the commit does not hold.
	ErrNoFile = errors.New("no such file")
	// ErrTooLarge is a file larger than the caller's limit.
	ErrTooLarge = errors.New("file too large")
)

// CheckRef refuses a ref that git could read as an option (it starts with
// "-"), that holds a control character (a newline, say), that is empty, or
// that is longer than MaxRefLen. Other refs may still name no commit.
func CheckRef(ref string) error {
	switch {
	case ref == "":
		return fmt.Errorf("%w: the ref is empty", ErrBadRef)
	case len(ref) > MaxRefLen:
		return fmt.Errorf("%w: the ref is %d bytes long; the limit is %d", ErrBadRef, len(ref), MaxRefLen)
	case strings.HasPrefix(ref, "-"):
		return fmt.Errorf("%w: %q starts with \"-\", which git would read as an option", ErrBadRef, ref)
	case strings.ContainsFunc(ref, unicode.IsControl):
		return fmt.Errorf("%w: %q holds a control character", ErrBadRef, ref)
	}
	return nil
}

// Error is a git command that failed.
type Error struct {
	// Cmd is the git subcommand, e.g. "rev-parse".
	Cmd string
	// Code is git's exit status; -1 when git could not be run at all.
	Code int
	// Msg is what git wrote on standard error, trimmed; may be empty.
	Msg string
	// Err is the underlying error from running the process.
	Err error
}

func (e *Error) Error() string {
	if e.Msg != "" {
		return fmt.Sprintf("git %s: %s", e.Cmd, e.Msg)
	}
	return fmt.Sprintf("git %s: %v", e.Cmd, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// exitCode is a failed git command's exit status, or -1.
func exitCode(err error) int {
	var ge *Error
	if errors.As(err, &ge) {
		return ge.Code
	}
	return -1
}

// Git runs git. The zero value runs the git found on PATH.
type Git struct {
	// Run runs git with args in dir ("" is the current directory), feeding
	// it stdin, and returns its standard output; a failure is an *Error.
	// nil runs the git on PATH. Tests set it to see the arguments given.
	Run func(ctx context.Context, dir string, stdin []byte, args ...string) ([]byte, error)
}

// globalArgs come before every subcommand: pathspecs are file names, and a
// repository's fsmonitor hook is not started.
var globalArgs = []string{"--literal-pathspecs", "-c", "core.fsmonitor=false"}

// output runs one git command and returns its standard output.
func (g Git) output(ctx context.Context, dir string, stdin []byte, args ...string) ([]byte, error) {
	run := g.Run
	if run == nil {
		run = runGit
	}
	return run(ctx, dir, stdin, append(append([]string(nil), globalArgs...), args...)...)
}

// git runs one git command and returns its output as text, without the
// final newline.
func (g Git) git(ctx context.Context, dir string, stdin []byte, args ...string) (string, error) {
	out, err := g.output(ctx, dir, stdin, args...)
	return strings.TrimSuffix(string(out), "\n"), err
}

// runGit runs the git on PATH; see Git.Run.
func runGit(ctx context.Context, dir string, stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout capped
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err == nil {
		return stdout.Bytes(), nil
	}
	code := -1
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	return nil, &Error{Cmd: subcommand(args), Code: code, Msg: strings.TrimSpace(stderr.String()), Err: err}
}

// subcommand is the first argument after the global options.
func subcommand(args []string) string {
	if len(args) > len(globalArgs) {
		return args[len(globalArgs)]
	}
	return "git"
}

// capped is a buffer that refuses to grow past MaxOutput, so that a
// runaway command cannot fill memory.
type capped struct{ bytes.Buffer }

var errOutput = errors.New("output too large")

func (c *capped) Write(p []byte) (int, error) {
	if c.Len()+len(p) > MaxOutput {
		return 0, errOutput
	}
	return c.Buffer.Write(p)
}

// Commit resolves ref to a commit id in the repository holding dir.
// A refused ref wraps ErrBadRef; one that names no commit, ErrNoCommit.
func (g Git) Commit(ctx context.Context, dir, ref string) (string, error) {
	if err := CheckRef(ref); err != nil {
		return "", err
	}
	id, err := g.git(ctx, dir, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
	switch {
	case err != nil && exitCode(err) == 1:
		return "", fmt.Errorf("%w: %q names none in this repository", ErrNoCommit, ref)
	case err != nil:
		return "", err
	}
	return id, nil
}

// TopLevel is the top directory of the work tree holding dir.
func (g Git) TopLevel(ctx context.Context, dir string) (string, error) {
	return g.git(ctx, dir, nil, "rev-parse", "--show-toplevel")
}

// Show returns the file at path in the commit ref names, read in dir, and
// that commit's id. As in git, path is relative to the top of the work
// tree unless it starts with "./" or "../". A file larger than limit bytes
// is refused (ErrTooLarge).
func (g Git) Show(ctx context.Context, dir, ref, path string, limit int64) (data []byte, commit string, err error) {
	commit, err = g.Commit(ctx, dir, ref)
	if err != nil {
		return nil, "", err
	}
	object := commit + ":" + path
	size, err := g.git(ctx, dir, nil, "cat-file", "-s", object)
	if err != nil {
		if exitCode(err) == 128 {
			return nil, "", fmt.Errorf("%w: %s holds no %q", ErrNoFile, ref, path)
		}
		return nil, "", err
	}
	n, err := strconv.ParseInt(size, 10, 64)
	if err != nil {
		return nil, "", fmt.Errorf("git cat-file: size %q is not a number", size)
	}
	if n > limit {
		return nil, "", fmt.Errorf("%w: %q at %s is %d bytes; the limit is %d", ErrTooLarge, path, ref, n, limit)
	}
	data, err = g.output(ctx, dir, nil, "cat-file", "blob", object)
	return data, commit, err
}
