package pdftest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// StructText returns the structure tree of the PDF at path with the text
// of each element, as `pdfinfo -struct-text` prints it: one element or
// text per line, indented by depth, attributes such as /Scope under their
// element.
func StructText(t testing.TB, path string) string {
	t.Helper()
	return string(run(t, "pdfinfo", "-struct-text", path))
}

// Objects returns every object of the PDF at path as `qpdf --json` gives
// it, by "obj:n g R" key (and "trailer"): dictionaries as maps with "/Key"
// keys, names as "/Name", references as "n g R", text strings as "u:text",
// streams as {"dict": ..., "data": base64 of the decoded data}.
func Objects(t testing.TB, path string) map[string]any {
	t.Helper()
	out := run(t, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", path)
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json: cannot read its output: %v", err)
	}
	var objs map[string]struct {
		Value  any `json:"value"`
		Stream any `json:"stream"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json: cannot read its objects: %v", err)
	}
	all := make(map[string]any, len(objs))
	for k, o := range objs {
		if o.Stream != nil {
			all[k] = o.Stream
		} else {
			all[k] = o.Value
		}
	}
	return all
}

// Font is one font as `pdffonts` lists it.
type Font struct {
	Name               string
	Embedded, Subset   bool
	ToUnicode          bool
	Type, EncodingName string
}

// Fonts returns the fonts of the PDF at path, as `pdffonts` lists them.
func Fonts(t testing.TB, path string) []Font {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(run(t, "pdffonts", path))), "\n")
	var fonts []Font
	for _, ln := range lines[min(2, len(lines)):] {
		f := strings.Fields(ln)
		// name, type (one or more words), encoding, emb, sub, uni, object, generation
		if len(f) < 8 {
			t.Fatalf("pdffonts: cannot read line %q", ln)
		}
		n := len(f)
		fonts = append(fonts, Font{
			Name: f[0], Type: strings.Join(f[1:n-6], " "), EncodingName: f[n-6],
			Embedded: f[n-5] == "yes", Subset: f[n-4] == "yes", ToUnicode: f[n-3] == "yes",
		})
	}
	return fonts
}

// PDFJSResult is what the pdf.js check found.
type PDFJSResult struct {
	// Problems are what a reader would miss, one sentence each; none when
	// the tagging is whole.
	Problems []string `json:"problems"`
	// Counts are what the check saw: pages, MCIDs, artifacts, figures,
	// links and headings.
	Counts map[string]int `json:"counts"`
}

// PDFJS reads the PDF at path with pdf.js (pdfjs/check.mjs beside this
// file) and returns what it found: painted content neither tagged nor an
// artifact, MCIDs used twice or missing from the structure tree, figures
// without /Alt, links without /Contents or outside the tree, headings that
// skip a level. It needs node and `npm ci` run in the pdfjs folder; without
// them the test is skipped (or fails, see RequireEnv).
func PDFJS(t testing.TB, path string) PDFJSResult {
	t.Helper()
	dir := pdfjsDir()
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "pdfjs-dist")); err != nil {
		missing(t, "pdfjs-dist", "npm ci --prefix "+dir)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool(t, "node"), filepath.Join(dir, "check.mjs"), path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node check.mjs %s: %v\n%s%s", path, err, stdout.Bytes(), stderr.Bytes())
	}
	// pdf.js may print warnings first; the result is the last line.
	out := strings.TrimSpace(stdout.String())
	var res PDFJSResult
	if err := json.Unmarshal([]byte(out[strings.LastIndex(out, "\n")+1:]), &res); err != nil {
		t.Fatalf("node check.mjs: cannot read its result: %v\n%s", err, out)
	}
	return res
}

// pdfjsDir is the folder of the pdf.js check, found from this file's place
// so that any package's tests can use it.
func pdfjsDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "pdfjs")
}
