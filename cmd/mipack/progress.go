package main

import (
	"fmt"
	"time"

	"github.com/mipack/mipack/recipes"
)

// newProgress reports reading progress on stderr when it is a terminal,
// and nothing otherwise, so logs and pipes stay clean.
func newProgress(e env) recipes.ProgressFunc {
	if !e.isTerminal {
		return nil
	}
	start := time.Now()
	last := time.Time{}
	return func(source string, read, size int64) {
		now := time.Now()
		done := size > 0 && read >= size
		if !done && now.Sub(last) < 200*time.Millisecond {
			return
		}
		last = now
		mbps := float64(read) / 1e6 / max(now.Sub(start).Seconds(), 1e-3)
		pct := 100.0
		if size > 0 {
			pct = 100 * float64(read) / float64(size)
		}
		fmt.Fprintf(e.stderr, "\r%-12s %5.1f%%  %7.1f MB  %6.1f MB/s", source, pct, float64(read)/1e6, mbps)
		if done {
			fmt.Fprintln(e.stderr)
		}
	}
}
