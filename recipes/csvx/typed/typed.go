package typed

import (
	"encoding/binary"
	"time"

	"github.com/mipack/mipack/recipes/csvx"
)

// Cell is a text's typed value and its id in its column: 1, 2, 3, ...
// for the distinct texts in the order met. Equal ids are equal values;
// equal values may have different ids ("5" and "5.0"). The zero Cell is
// no value and no id.
type Cell struct {
	V  any
	ID uint32
}

// MaxTexts is how many distinct texts a column may have and still have
// its typed values cached; a column of ids or amounts stops caching when it
// passes this. Ids from a Texts are at most MaxTexts.
const MaxTexts = 4096

// maxFew is how many texts a column may have and still be searched in
// turn rather than hashed.
const maxFew = 8

// Texts caches a column's typed values by their text while the column has
// at most MaxTexts distinct texts (sections, statuses, providers), so that
// a repeated value is parsed and allocated once, not once a row. The zero
// Texts caches nothing; NewTexts makes one that does. It belongs to one
// goroutine.
type Texts struct {
	// m maps each text to its value and id; nil once the column has more
	// than MaxTexts texts, or for a Texts that never cached.
	m map[string]Cell
	// few holds the same entries while the column has at most maxFew;
	// nil once it has more.
	few []fewText
}

// fewText is a cached text of a column with at most maxFew of them, which
// are compared in turn: cheaper than hashing for a status or a section.
type fewText struct {
	text string
	Cell
}

// NewTexts returns an empty cache for one column's texts.
func NewTexts() Texts {
	return Texts{m: map[string]Cell{}, few: make([]fewText, 0, maxFew)}
}

// Caching reports whether t still caches: false once the column has had
// more than MaxTexts distinct texts.
func (t *Texts) Caching() bool { return t.m != nil }

// Get returns the typed value and id already made from text b, if t still
// caches and has met b.
func (t *Texts) Get(b []byte) (Cell, bool) {
	if few := t.few; few != nil {
		for i := range few {
			if string(b) == few[i].text {
				return few[i].Cell, true
			}
		}
		return Cell{}, false
	}
	if t.m == nil {
		return Cell{}, false
	}
	c, ok := t.m[string(b)]
	return c, ok
}

// Put caches v as the value of text b, which Get has not found, and
// returns its id; 0 once t no longer caches (the text that would have
// been the MaxTexts+1st ends the caching, for good).
func (t *Texts) Put(b []byte, v any) uint32 {
	if t.m == nil {
		return 0
	}
	if len(t.m) >= MaxTexts {
		t.m, t.few = nil, nil
		return 0
	}
	id := uint32(len(t.m) + 1)
	c := Cell{V: v, ID: id}
	t.m[string(b)] = c
	if t.few != nil {
		if len(t.few) < maxFew {
			t.few = append(t.few, fewText{text: string(b), Cell: c})
		} else {
			t.few = nil // from now on the map
		}
	}
	return id
}

// Days caches a date column's values and ids by year, month and day, for
// the years firstYear to firstYear+cachedYears-1: a date column allocates
// once per distinct date, and a date written "YYYY-MM-DD" is found from
// its digits without being parsed again. The zero Days is an empty cache;
// it belongs to one goroutine.
type Days struct {
	years [cachedYears]*[13 * 32]Cell
	n     uint32 // ids given so far
}

const (
	firstYear   = 1900
	cachedYears = 256
)

// entry returns the cache slot of a date, or nil outside the years cached.
func (c *Days) entry(y, m, d int) *Cell {
	if y < firstYear || y >= firstYear+cachedYears {
		return nil
	}
	page := c.years[y-firstYear]
	if page == nil {
		page = new([13 * 32]Cell)
		c.years[y-firstYear] = page
	}
	return &page[m*32+d]
}

// Parse types a date column's text b, read in the first of layouts it
// fits (csvx.ParseDateIn): its value, boxed once per distinct date without
// a time of day, and that date's id (0 for a time of day, or a year not
// cached). With no layouts, a text "YYYY-MM-DD" of a date already met is
// found from its digits alone.
func (c *Days) Parse(b []byte, layouts []string) (any, uint32, error) {
	if len(layouts) == 0 && len(b) == 10 && b[4] == '-' && b[7] == '-' {
		if y, m, d, ok := isoDigits(b); ok {
			if e := c.entry(y, m, d); e != nil && e.ID != 0 {
				return e.V, e.ID, nil
			}
		}
	}
	t, err := csvx.ParseDateIn(b, layouts)
	if err != nil {
		return nil, 0, err
	}
	v, id := c.Box(t)
	return v, id, nil
}

// Box returns a date column's value for t, boxed once per distinct date
// without a time of day, and that date's id; t itself and id 0 for a time
// of day or a year not cached.
func (c *Days) Box(t time.Time) (any, uint32) {
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return t, 0
	}
	y, m, d := t.Date()
	e := c.entry(y, int(m), d)
	if e == nil {
		return t, 0
	}
	if e.ID == 0 {
		c.n++
		*e = Cell{V: t, ID: c.n}
	}
	return e.V, e.ID
}

// isoDigits reads the numbers of "YYYY-MM-DD", without checking that they
// make a date: an entry is cached only for a date that parsed. It checks
// the first eight bytes in one word: dates are a third of the cells of a
// payments extract.
func isoDigits(b []byte) (y, m, d int, ok bool) {
	const (
		digits = 0x00ffff00ffffffff // the bytes of "YYYY-MM-" that are digits
		zeros  = 0x3030303030303030 // '0' in every byte
		sixes  = 0x0606060606060606
		highs  = 0xf0f0f0f0f0f0f0f0
	)
	if len(b) < 10 {
		return 0, 0, 0, false
	}
	w := binary.LittleEndian.Uint64(b)
	// A byte is a digit when its high half is 3 before and after adding 6.
	if w&highs&digits != zeros&digits || (w+sixes)&highs&digits != zeros&digits {
		return 0, 0, 0, false
	}
	if b[8] < '0' || b[8] > '9' || b[9] < '0' || b[9] > '9' {
		return 0, 0, 0, false
	}
	y = int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
	m = int(b[5]-'0')*10 + int(b[6]-'0')
	d = int(b[8]-'0')*10 + int(b[9]-'0')
	return y, m, d, m <= 12 && d <= 31
}
