// Package pdftest checks rendered PDFs from tests with the PDF tools of a
// Debian machine: qpdf (package qpdf) for structure, pdftotext, pdfinfo and
// pdffonts (package poppler-utils) for the text layer, metadata, structure
// tree and fonts, and pdf.js (npm package pdfjs-dist, run by node) for what
// a browser's viewer makes of the tagging (see PDFJS).
//
// When a tool is missing the test is skipped, unless the environment sets
// MIPACK_REQUIRE_PDFTOOLS=1, as CI does: then it fails.
//
//	func TestPack(t *testing.T) {
//		path := filepath.Join(t.TempDir(), "pack.pdf")
//		// ... render to path ...
//		pdftest.Check(t, path)
//		pages := pdftest.Text(t, path)
//		if !strings.Contains(pdftest.Squash(pages[0]), "oktober 2026") {
//			t.Errorf("cover: got %q, want the period", pages[0])
//		}
//	}
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// RequireEnv names the environment variable that turns a missing PDF tool
// from a skip into a failure when set to "1".
const RequireEnv = "MIPACK_REQUIRE_PDFTOOLS"

// tool returns the path of a PDF tool, skipping (or failing) t when it is
// not installed.
func tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	install := "apt-get install qpdf poppler-utils"
	if name == "node" {
		install = "apt-get install nodejs npm"
	}
	missing(t, name, install)
	return ""
}

// missing skips t, or fails it when RequireEnv is set, for a tool that is
// not installed, naming the command that installs it.
func missing(t testing.TB, name, install string) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s is not installed and %s=1: %s", name, RequireEnv, install)
	}
	t.Skipf("%s is not installed (%s; set %s=1 to fail instead)", name, install, RequireEnv)
}

// run runs a tool and returns its standard output, failing t on any error.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool(t, name), args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.Bytes()
}

// Check fails t unless `qpdf --check` finds the file at path free of errors
// and warnings.
func Check(t testing.TB, path string) {
	t.Helper()
	run(t, "qpdf", "--check", path)
}

// Text returns the text layer of the PDF at path, one string per page, as
// `pdftotext -layout` lays it out (lines in reading order, columns kept
// apart by spaces).
func Text(t testing.TB, path string) []string {
	t.Helper()
	out := string(run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"))
	pages := strings.Split(out, "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// Info returns the document information `pdfinfo` reports, by key: "Title",
// "Author", "Subject", "Pages", "CreationDate" and so on.
func Info(t testing.TB, path string) map[string]string {
	t.Helper()
	info := map[string]string{}
	for _, line := range strings.Split(string(run(t, "pdfinfo", path)), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// Squash collapses every run of white space in s into one space, so that
// text wrapped over several lines, or spaced out by -layout, can be
// searched as one phrase.
func Squash(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
