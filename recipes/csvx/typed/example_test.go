package typed_test

import (
	"fmt"
	"time"

	"github.com/mipack/mipack/recipes/csvx/typed"
)

// A column's texts: the first time a text is met the caller parses it and
// Put gives it an id; after that Get finds its value and id.
func ExampleTexts() {
	t := typed.NewTexts()
	_, ok := t.Get([]byte("Bevilget"))
	fmt.Println(ok)
	fmt.Println(t.Put([]byte("Bevilget"), "Bevilget"))
	fmt.Println(t.Put([]byte("Afslået"), "Afslået"))
	c, ok := t.Get([]byte("Bevilget"))
	fmt.Println(c.V, c.ID, ok)
	// Output:
	// false
	// 1
	// 2
	// Bevilget 1 true
}

// A date column's values: one boxed value and one id a day, however the
// date is written, and an error for a text that is no date.
func ExampleDays() {
	var d typed.Days
	v, id, _ := d.Parse([]byte("2026-07-13"), nil)
	fmt.Println(v.(time.Time).Format(time.DateOnly), id)
	_, id, _ = d.Parse([]byte("13-07-2026"), []string{"02-01-2006"})
	fmt.Println(id)
	_, _, err := d.Parse([]byte("2026-02-30"), nil)
	fmt.Println(err != nil)
	v, id = d.Box(time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC))
	fmt.Println(v.(time.Time).Format(time.DateOnly), id)
	// Output:
	// 2026-07-13 1
	// 1
	// true
	// 2026-07-14 2
}
