package expr_test

import (
	"fmt"
	"time"

	"github.com/mipack/mipack/recipes/internal/expr"
)

// An expression, its function and its result, on both paths.
func Example() {
	c, err := expr.Compile("quarter(booked)", map[string]any{"booked": time.Time{}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Names, c.Out)

	cols := func(name string) (int, bool) {
		if name == "booked" {
			return 0, false
		}
		return -1, false
	}
	fast := expr.CompileFast(c.Prog.Node(), cols, nil)
	booked := time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)
	fmt.Println(fast([]any{booked}))
	fmt.Println(fast([]any{nil}))
	fmt.Println(c.Run(map[string]any{"booked": booked}))
	// Output:
	// [quarter booked] string
	// 2026-Q4 true
	// <nil> true
	// 2026-Q4 <nil>
}
