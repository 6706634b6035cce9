package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// file is one generated file, its path relative to the office directory.
type file struct {
	name string
	data []byte
}

// generate makes every generated file of the sample office, in a fixed order.
func generate() ([]file, error) {
	o := buildOffice()
	var files []file
	for _, f := range []struct {
		name string
		make func(*office) ([]byte, error)
	}{
		{"extracts/bevillinger.csv", grantsCSV},
		{"extracts/betalinger.csv", paymentsCSV},
		{"extracts/budget.csv", budgetCSV},
		{"EXPECTED.md", expectedMarkdown},
		{"expected.json", expectedJSON},
	} {
		data, err := f.make(o)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		files = append(files, file{f.name, data})
	}
	return files, nil
}

// run writes the office into the directory given by -dir.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mksample", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", filepath.Join("samples", "disability"), "the sample office's directory")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mksample: unexpected argument %q\nTry: go run ./cmd/mksample [-dir DIR]\n", fs.Arg(0))
		return 2
	}
	files, err := generate()
	if err == nil {
		err = write(*dir, files)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mksample: %v\n", err)
		return 1
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", filepath.Join(*dir, f.name), len(f.data))
	}
	return 0
}

// write puts the files under dir, each through a temporary file and a
// rename, so a failed run leaves the previous files whole.
func write(dir string, files []file) error {
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(path), ".mksample-*")
		if err != nil {
			return err
		}
		_, err = tmp.Write(f.data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
		if err != nil {
			os.Remove(tmp.Name())
			return err
		}
	}
	return nil
}
