package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// outputFile is one file of a pack, rendered in memory before it is written.
type outputFile struct {
	path string
	data []byte
}

// writeAll writes every file to a temporary file beside its target, syncs
// it, and only when all are written renames them into place. A failure
// before the renames leaves the earlier pack's files as they were, and no
// temporary file behind.
func writeAll(files []outputFile) (err error) {
	temps := make([]string, 0, len(files))
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	for _, f := range files {
		dir := filepath.Dir(f.path)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create output directory: %w", err)
		}
		tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.path)+".*.tmp")
		if err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		temps = append(temps, tmp.Name())
		_, werr := tmp.Write(f.data)
		serr := tmp.Sync()
		cerr := tmp.Close()
		if err := errors.Join(werr, serr, cerr); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
	}
	// A rename fails when its target is a directory; find that before
	// the first rename, so that no pack is left half new and half old.
	for _, f := range files {
		if info, err := os.Lstat(f.path); err == nil && info.IsDir() {
			return fmt.Errorf("write %s: it is a directory", f.path)
		}
	}
	for i, f := range files {
		if err := os.Rename(temps[i], f.path); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
	}
	return nil
}
