// Command profile runs the recipe engine in-process (recipes.Load, Check,
// Plan.Run, then pack.Encode, as `mipack render --format json` does) under
// runtime/pprof, so the benchmark's hot spots can be read with `go tool pprof`.
//
//	go run ./bench/gen -rows 1000000 -out /tmp/mipack-bench
//	go build -o /tmp/mipack-profile ./bench/profile
//	/tmp/mipack-profile -recipe /tmp/mipack-bench/bench.yaml \
//	    -cpuprofile /tmp/cpu.pprof -memprofile /tmp/mem.pprof -out /tmp/pack.json
//	go tool pprof -top -nodecount=30 /tmp/mipack-profile /tmp/cpu.pprof
//
// It prints one line per run with the wall time, the rows per second, the
// bytes allocated and the process's peak resident set (VmHWM).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/render/pack"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}

// config is what the command line chooses.
type config struct {
	recipe     string
	out        string
	cpuProfile string
	memProfile string
	runs       int
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profile", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.recipe, "recipe", "", "the recipe to run (required)")
	fs.StringVar(&c.out, "out", "", "write the last run's pack.json here (optional)")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of all runs here (optional)")
	fs.StringVar(&c.memProfile, "memprofile", "", "write an allocation profile here after the runs (optional)")
	fs.IntVar(&c.runs, "runs", 1, "how many times to run the recipe")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.recipe == "" {
		return errors.New("-recipe FILE is required")
	}
	if c.runs < 1 {
		return errors.New("-runs must be at least 1")
	}
	if c.memProfile != "" {
		runtime.MemProfileRate = 64 * 1024
	}
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var data []byte
	for i := 0; i < c.runs; i++ {
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		began := time.Now()
		var rows int64
		var err error
		data, rows, err = render(c.recipe)
		if err != nil {
			return err
		}
		elapsed := time.Since(began)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		fmt.Fprintf(stdout, "run %d: %.3f s, %d rows, %.0f rows/s, %.1f MiB allocated in %d objects, peak RSS %s\n",
			i+1, elapsed.Seconds(), rows, float64(rows)/elapsed.Seconds(),
			float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), after.Mallocs-before.Mallocs, peakRSS())
	}
	if c.out != "" {
		if err := os.WriteFile(c.out, data, 0o644); err != nil {
			return err
		}
	}
	if c.memProfile != "" {
		f, err := os.Create(c.memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return err
		}
	}
	return nil
}

// render does what `mipack render --format json` does between reading the
// command line and writing the file, and returns the rows read.
func render(path string) ([]byte, int64, error) {
	r, err := recipes.Load(path)
	if err != nil {
		return nil, 0, err
	}
	pl, err := recipes.Check(r, recipes.Options{})
	if err != nil {
		return nil, 0, err
	}
	p, err := pl.Run(context.Background(), recipes.RunOptions{
		Generated: time.Unix(0, 0).UTC(),
		Generator: "mipack bench/profile",
	})
	if err != nil {
		return nil, 0, err
	}
	var rows int64
	for _, s := range p.Provenance.Sources {
		rows += s.RowsRead
	}
	data, err := pack.Encode(p)
	return data, rows, err
}

// peakRSS reads the process's peak resident set size (VmHWM) from /proc,
// or says it is unknown where /proc is not there.
func peakRSS() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
