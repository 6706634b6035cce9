package engine

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDateCache checks the typing of date cells through the day cache:
// the values are those csvx.ParseDate gives, equal dates share one boxed
// value and id however they are written, and a text that is no date is an
// error even when its digits look like a cached date's.
func TestDateCache(t *testing.T) {
	st := &SourceStats{days: []*dayCache{{}}}
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
		v, id, err := st.date(0, []byte(c.text), layouts)
		if c.want == "error" {
			if err == nil {
				t.Errorf("%q: got %v, want an error", c.text, v)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		want, _ := time.Parse("2006-01-02", c.want)
		if got := v.(time.Time); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%q: got %v, want %v UTC", c.text, got, want)
		}
		ids[i] = id
		if c.sameAs >= 0 && id != ids[c.sameAs] {
			t.Errorf("%q: got id %d, want %d as for %q", c.text, id, ids[c.sameAs], cells[c.sameAs].text)
		}
		if c.sameAs < 0 && id != 0 {
			for j := range i {
				if ids[j] == id {
					t.Errorf("%q: got id %d, already given to %q", c.text, id, cells[j].text)
				}
			}
		}
	}
	if ids[7] != 0 {
		t.Errorf("a date before 1900 got id %d, want none (0)", ids[7])
	}
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
		if ok != wok || (ok && (y != wy || m != wm || d != wd)) {
			t.Fatalf("isoDigits(%q) = %d, %d, %d, %v; want %d, %d, %d, %v", s, y, m, d, ok, wy, wm, wd, wok)
		}
	}
}

func TestGroupTable(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var gt groupTable
	want := map[[2]uint32]*groupState{}
	for range 200_000 {
		a, b := uint32(r.IntN(300)), uint32(1+r.IntN(4096))
		if r.IntN(50) == 0 {
			a = uint32(r.IntN(2 * maxByIDs)) // far ids, which the budget refuses
		}
		key := [2]uint32{a, b}
		if g := gt.get(a, b); g != want[key] {
			t.Fatalf("get(%d, %d) = %p, want %p", a, b, g, want[key])
		}
		if want[key] != nil {
			continue
		}
		g := &groupState{}
		gt.put(a, b, g)
		if gt.get(a, b) == g {
			want[key] = g
		}
		require.LessOrEqual(t, gt.n, maxByIDs, "slots past the budget")
		require.LessOrEqual(t, len(gt.far), maxByIDs, "far ids past the budget")
	}
	require.Greater(t, len(gt.far), 1000, "no ids went to the map")
	require.Greater(t, len(want), 60_000, "the table remembered too little to test")
}

// TestGroupTableGrowsByDoubling puts ids in the order a reader gives them
// (1, 2, 3, ...) up to the table's bound: the rows must double, not grow
// by one slot per id, which would copy the row for every new group.
func TestGroupTableGrowsByDoubling(t *testing.T) {
	for _, a := range []uint32{0, 1} {
		var gt groupTable
		g := &groupState{}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for b := uint32(1); b < maxByIDs; b++ {
			gt.put(a, b, g)
		}
		runtime.ReadMemStats(&after)
		allocs := after.Mallocs - before.Mallocs
		require.Less(t, allocs, uint64(100), "row %d: allocations for %d ids", a, maxByIDs-1)
		for b := uint32(1); b < maxByIDs; b++ {
			require.Same(t, g, gt.get(a, b), "id %d", b)
		}
	}
}
