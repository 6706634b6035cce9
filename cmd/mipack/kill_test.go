package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// killRecipe runs eight sections over one extract, so that a large
// extract takes seconds: time to interrupt the run mid-way.
func killRecipe() string {
	var b strings.Builder
	b.WriteString(`title: Payments
period: 2026-10
locale: da
audience: council
sources:
  pay:
    file: extracts/pay.csv
    columns: {citizen_id: string, grp: string, amount: number, booked: date}
sections:
`)
	for i := range 8 {
		fmt.Fprintf(&b, `  - id: s%d
    title: Payments by group %d
    from: pay
    where: booked <= period.end && amount > %d
    derive: {month: month(booked)}
    group_by: [grp, month]
    measures: {citizens: count_distinct(citizen_id), amount: sum(amount), payments: count()}
    total: true
    chart: {type: stacked_bar, x: grp, y: amount, series: month}
    reservations: ["Test payments."]
`, i, i, i)
	}
	return b.String()
}

// writePayments writes an extract of rows payments.
func writePayments(t *testing.T, path string, rows int) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("citizen_id,grp,amount,booked\n")
	for i := range rows {
		fmt.Fprintf(w, "P%d,G%d,%d.%02d,2026-10-%02d\n", i%5000, i%12, (i*7919)%100000, i%100, 1+i%28)
	}
	require.NoError(t, errors.Join(w.Flush(), f.Close()))
}

// buildMipack builds the command into a temporary directory.
func buildMipack(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "mipack")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// posixBinary builds the command for a test that runs it as a process and
// sends it POSIX signals; it skips such a test in -short mode and on Windows.
func posixBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds mipack and runs it as a process")
	}
	if runtime.GOOS == "windows" {
		t.Skip("sends POSIX signals")
	}
	return buildMipack(t)
}

// snapshot reads every file in dir by name.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	files := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		files[e.Name()] = data
	}
	return files
}

// TestInterruptedRenderKeepsEarlierPack renders a pack, then renders again
// over a large extract and stops the run mid-way: by SIGINT or SIGTERM (the
// run stops itself) and by SIGKILL (it is stopped). The earlier pack's files
// must be byte-identical afterwards, with no temporary file left.
func TestInterruptedRenderKeepsEarlierPack(t *testing.T) {
	bin := posixBinary(t)
	dir := t.TempDir()
	recipe := filepath.Join(dir, "monthly.yaml")
	require.NoError(t, os.WriteFile(recipe, []byte(killRecipe()), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "extracts"), 0o755))
	extract := filepath.Join(dir, "extracts", "pay.csv")
	out := filepath.Join(dir, "out")
	args := []string{"render", recipe, "--out", out, "--format", "json,html,pdf,csv"}
	env := append(os.Environ(), "SOURCE_DATE_EPOCH=1793491200")

	writePayments(t, extract, 2000)
	first := exec.Command(bin, args...)
	first.Env = env
	msg, err := first.CombinedOutput()
	require.NoError(t, err, "first render: %s", msg)
	before := snapshot(t, out)
	// Not require.Len: it would print the files whole.
	require.Equal(t, 4, len(before), "files from the first render, want json, html, pdf, csv")

	writePayments(t, extract, 3_000_000)
	tests := []struct {
		name   string
		signal os.Signal
		// wantExit is the exit status of a run that stops itself; -1 for killed.
		wantExit int
	}{
		{"SIGINT", os.Interrupt, exitFailure},
		{"SIGTERM", syscall.SIGTERM, exitFailure},
		{"SIGKILL", os.Kill, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(bin, args...)
			cmd.Env = env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				require.Failf(t, "got the run finished before it was stopped", "want it still reading; got %v; stderr: %s", err, stderr.String())
			case <-time.After(300 * time.Millisecond):
			}
			sent := time.Now()
			require.NoError(t, cmd.Process.Signal(tt.signal))
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				require.Failf(t, "got no exit 30 s after the signal", "%s: want the run to stop", tt.name)
			}
			took := time.Since(sent)
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "want the run to end in failure")
			assert.Equal(t, tt.wantExit, exit.ExitCode(), "exit status; stderr: %s", stderr.String())
			if tt.wantExit >= 0 {
				assert.Equal(t, "mipack: interrupted; earlier packs are unchanged\n", stderr.String(), "stderr")
				assert.LessOrEqual(t, took, 5*time.Second, "got the run stopping %v after %s, want within 5 s", took, tt.name)
			}
			// assert.True and a look-up, not assert.Equal or Contains: those
			// would print the files whole.
			after := snapshot(t, out)
			for name, data := range before {
				assert.True(t, bytes.Equal(after[name], data), "%s: got it changed by the stopped run, want it byte-identical", name)
			}
			for name := range after {
				_, ok := before[name]
				assert.True(t, ok, "got %s left in the output directory, want no new file", name)
			}
			tmps, _ := filepath.Glob(filepath.Join(out, ".*.tmp"))
			assert.Empty(t, tmps, "got temporary files, want none")
		})
	}
}

// bigDiffRepo commits a recipe that lists every case of a payments extract
// of rows rows, then changes it so that every figure changes; it returns
// the repository and the diff's arguments. The diff prints a line a case,
// far more than a pipe holds.
func bigDiffRepo(t *testing.T, rows int) (dir string, args []string) {
	t.Helper()
	dir = newRepo(t)
	recipe := func(factor string) string {
		return `title: Payments
period: 2026-10
sources:
  pay:
    file: extracts/pay.csv
    columns: {citizen_id: string, grp: string, amount: number, booked: date}
sections:
  - id: by_citizen
    title: Payments by citizen
    from: pay
    group_by: [citizen_id]
    measures: {amount: sum(amount)}
    compute: {scaled: amount * ` + factor + `}
    reservations: ["Test payments."]
`
	}
	writeFile(t, dir, "monthly.yaml", recipe("1"))
	gitIn(t, dir, "add", "monthly.yaml")
	gitIn(t, dir, "commit", "-q", "-m", "v1")
	writeFile(t, dir, "monthly.yaml", recipe("2"))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "extracts"), 0o755))
	writePayments(t, filepath.Join(dir, "extracts", "pay.csv"), rows)
	return dir, []string{"diff", "HEAD:monthly.yaml", "monthly.yaml"}
}

// TestDiffThroughAClosedPipe runs `mipack diff ... | head -1` fifty times:
// the reader goes after one line, and mipack dies of SIGPIPE on its next
// write, running no deferred code. No file may be left behind.
func TestDiffThroughAClosedPipe(t *testing.T) {
	bin := posixBinary(t)
	dir, args := bigDiffRepo(t, 20_000)
	before := files(t, dir)
	piped := 0
	for i := range 50 {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		line, err := bufio.NewReader(stdout).ReadString('\n')
		require.NoError(t, err, "run %d: reading the first line", i)
		require.True(t, strings.HasPrefix(line, "mipack diff "), "run %d: got first line %q", i, line)
		stdout.Close() // as head does after one line
		err = cmd.Wait()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGPIPE {
				piped++
			}
		}
		require.Equal(t, before, files(t, dir), "run %d: got files changed (%v), want none left behind", i, err)
	}
	// Otherwise the test proves nothing: the output must outgrow the pipe.
	assert.Positive(t, piped, "got no run ended by SIGPIPE, want the pipe closed under a writing mipack")
}

// TestInterruptedDiffLeavesNothing stops a diff over a large extract with
// SIGINT while it reads: it must stop, say so, and leave no file behind.
func TestInterruptedDiffLeavesNothing(t *testing.T) {
	bin := posixBinary(t)
	dir, args := bigDiffRepo(t, 2_000_000)
	before := files(t, dir)
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.Failf(t, "got the diff finished before it was stopped", "want it still reading; got %v; stderr: %s", err, stderr.String())
	case <-time.After(300 * time.Millisecond):
	}
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		require.Fail(t, "got no exit 30 s after SIGINT, want the diff to stop")
	}
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, exitFailure, exit.ExitCode(), "got exit %d, want %d; stderr: %s", exit.ExitCode(), exitFailure, stderr.String())
	assert.Contains(t, stderr.String(), "interrupted")
	assert.Equal(t, before, files(t, dir), "got files changed, want none left behind")
}
