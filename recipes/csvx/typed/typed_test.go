package typed

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDays checks the typing of date cells through the day cache:
// the values are those csvx.ParseDate gives, equal dates share one boxed
// value and id however they are written, and a text that is no date is an
// error even when its digits look like a cached date's.
func TestDays(t *testing.T) {
	var days Days
	type cell struct {
		text, layout string
		want         string // the date, or "error"
		sameAs       int    // index of an earlier cell with the same id, or -1
	}
	cells := []cell{
		{"2026-07-13", "", "2026-07-13", -1},
		{"2026-07-13", "", "2026-07-13", 0},
		{"2026-07-13T00:00:00Z", "", "2026-07-13", 0},
		{" 2026-07-13 ", "", "2026-07-13", 0},
		{"13-07-2026", "02-01-2006", "2026-07-13", 0},
		{"2026-02-30", "", "error", -1},
		{"2026-02-28", "", "2026-02-28", -1},
		{"1850-01-01", "", "1850-01-01", -1}, // before the years cached
		{"2026-13-01", "", "error", -1},
		{"2026-07-14", "", "2026-07-14", -1},
	}
	ids := make([]uint32, len(cells))
	for i, c := range cells {
		var layouts []string
		if c.layout != "" {
			layouts = []string{c.layout}
		}
		v, id, err := days.Parse([]byte(c.text), layouts)
		if c.want == "error" {
			assert.Error(t, err, "%q: got %v, want an error", c.text, v)
			continue
		}
		require.NoError(t, err, "%q", c.text)
		want, _ := time.Parse("2006-01-02", c.want)
		got := v.(time.Time)
		assert.True(t, got.Equal(want), "%q: got %v, want %v", c.text, got, want)
		assert.Same(t, time.UTC, got.Location(), "%q: got %v, want it in UTC", c.text, got)
		ids[i] = id
		if c.sameAs >= 0 {
			assert.Equal(t, ids[c.sameAs], id, "%q: id, want the one for %q", c.text, cells[c.sameAs].text)
		}
		if c.sameAs < 0 && id != 0 {
			for j := range i {
				assert.NotEqual(t, ids[j], id, "%q: id already given to %q", c.text, cells[j].text)
			}
		}
	}
	assert.Zero(t, ids[7], "a date before 1900 got an id, want none (0)")
}

// isoDigitsByByte is isoDigits written one byte at a time, for the tests to
// check against.
func isoDigitsByByte(b []byte) (y, m, d int, ok bool) {
	if len(b) < 10 {
		return 0, 0, 0, false
	}
	n := func(i, j int) (int, bool) {
		v := 0
		for _, c := range b[i:j] {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = 10*v + int(c-'0')
		}
		return v, true
	}
	y, oky := n(0, 4)
	m, okm := n(5, 7)
	d, okd := n(8, 10)
	if !oky || !okm || !okd {
		return 0, 0, 0, false
	}
	return y, m, d, m <= 12 && d <= 31
}

func TestISODigits(t *testing.T) {
	tests := []string{"2026-10-31", "1900-01-01", "2155-12-31", "0000-00-00", "9999-99-99", "2026-13-01", "2026-12-32",
		"2026-1a-01", "2026-10-3x", "2026-10-x1", "/026-10-31", ":026-10-31", "2026-10-3", "2026\xff10-31", "2026-10\xfa31", "２０２６-1-1"}
	r := rand.New(rand.NewPCG(9, 10))
	alphabet := []byte("0123456789-/:\x00\xff\xfa ")
	for range 5000 {
		b := []byte("2026-10-31")
		for range 1 + r.IntN(2) {
			b[r.IntN(len(b))] = alphabet[r.IntN(len(alphabet))]
		}
		tests = append(tests, string(b))
	}
	for _, s := range tests {
		y, m, d, ok := isoDigits([]byte(s))
		wy, wm, wd, wok := isoDigitsByByte([]byte(s))
		require.Equal(t, wok, ok, "isoDigits(%q) ok, with %d, %d, %d", s, y, m, d)
		if ok {
			require.Equal(t, [3]int{wy, wm, wd}, [3]int{y, m, d}, "isoDigits(%q) year, month, day", s)
		}
	}
}

// TestDaysBox checks that a date typed by a workbook, boxed by Box, shares
// the value and id of the same date parsed from text, and that a time of
// day or a year not cached has no id.
func TestDaysBox(t *testing.T) {
	var days Days
	v, id, err := days.Parse([]byte("2026-07-13"), nil)
	require.NoError(t, err)
	tests := []struct {
		name   string
		t      time.Time
		wantID uint32
	}{
		{"the same day", time.Date(2026, 7, 13, 0, 0, 0, 0, time.UTC), id},
		{"a new day", time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC), id + 1},
		{"the new day again", time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC), id + 1},
		{"a time of day", time.Date(2026, 7, 13, 9, 30, 0, 0, time.UTC), 0},
		{"before 1900", time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), 0},
		{"after 2155", time.Date(2156, 1, 1, 0, 0, 0, 0, time.UTC), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotID := days.Box(tt.t)
			assert.Equal(t, tt.wantID, gotID, "id")
			assert.True(t, got.(time.Time).Equal(tt.t), "got %v, want %v", got, tt.t)
		})
	}
	again, _ := days.Box(time.Date(2026, 7, 13, 0, 0, 0, 0, time.UTC))
	assert.Equal(t, v, again, "want the value boxed for the text")
}

// TestTexts checks a column's text cache: ids in the order met, a hit
// for every text met while the column caches, through the few texts
// searched in turn and the map after, and no caching once the column
// has passed MaxTexts.
func TestTexts(t *testing.T) {
	tests := []struct {
		name     string
		distinct int // texts put, "t1", "t2", ...
		caching  bool
	}{
		{"none", 0, true},
		{"one", 1, true},
		{"few", maxFew, true},
		{"one past few", maxFew + 1, true},
		{"many", 1000, true},
		{"all it holds", MaxTexts, true},
		{"one too many", MaxTexts + 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewTexts()
			for i := range tt.distinct {
				b := []byte(fmt.Sprintf("t%d", i+1))
				_, ok := c.Get(b)
				require.False(t, ok, "%s: got a hit before it was put", b)
				want := uint32(i + 1)
				if i >= MaxTexts {
					want = 0
				}
				require.Equal(t, want, c.Put(b, i+1), "Put(%s)", b)
			}
			require.Equal(t, tt.caching, c.Caching(), "Caching()")
			assert.Equal(t, tt.distinct <= maxFew, c.few != nil, "few searched in turn with %d texts", tt.distinct)
			for i := range tt.distinct {
				b := []byte(fmt.Sprintf("t%d", i+1))
				got, ok := c.Get(b)
				if !tt.caching {
					require.False(t, ok, "%s: got %v, want no hit once the column stopped caching", b, got)
					continue
				}
				require.True(t, ok, "%s: no hit", b)
				require.Equal(t, Cell{V: i + 1, ID: uint32(i + 1)}, got, "%s", b)
			}
			got, ok := c.Get([]byte("never put"))
			assert.False(t, ok, "got %v for a text never put", got)
		})
	}
}

// TestTextsZero checks that the zero Texts caches nothing.
func TestTextsZero(t *testing.T) {
	var c Texts
	assert.False(t, c.Caching(), "Caching()")
	assert.Zero(t, c.Put([]byte("a"), "a"), "id")
	got, ok := c.Get([]byte("a"))
	assert.False(t, ok, "got %v, want no hit", got)
}
