package csvx

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in       string
		decimal  byte
		want     float64
		decimals int
	}{
		{"0", '.', 0, 0},
		{"1140", '.', 1140, 0},
		{"999.9", '.', 999.9, 1},
		{"-1,234,567.89", '.', -1234567.89, 2},
		{"+12.50", '.', 12.5, 2},
		{"1.234.567,89", ',', 1234567.89, 2},
		{"12,5", ',', 12.5, 1},
		{"1.234", ',', 1234, 0},
		{"1,234", '.', 1234, 0},
		{"1 234 567,5", ',', 1234567.5, 1},
		{"1\u00a0234,5", ',', 1234.5, 1},
		{"1\u202f234,5", ',', 1234.5, 1},
		{"1'234'567.25", '.', 1234567.25, 2},
		{"  42  ", '.', 42, 0},
		{"\u00a042\t", '.', 42, 0},
		{"007", '.', 7, 0},
		{"0.1", '.', 0.1, 1},
		{"-0", '.', math.Copysign(0, -1), 0},
		{"0.30000000000000004", '.', 0.30000000000000004, 17},
		{"123456789012345678901234567890", '.', 1.2345678901234568e29, 0},
		{"9007199254740993", '.', 9007199254740992, 0},
		{"0.0000000000000000000000001", '.', 1e-25, 25},
	}
	for _, tt := range tests {
		v, dec, err := ParseNumber([]byte(tt.in), tt.decimal)
		if !assert.NoError(t, err, "ParseNumber(%q, %q), want %v", tt.in, tt.decimal, tt.want) {
			continue
		}
		assert.Equal(t, tt.want, v, "ParseNumber(%q, %q)", tt.in, tt.decimal)
		assert.Equal(t, math.Signbit(tt.want), math.Signbit(v), "ParseNumber(%q, %q) = %v: sign bit", tt.in, tt.decimal, v)
		assert.Equal(t, tt.decimals, dec, "ParseNumber(%q, %q) decimals", tt.in, tt.decimal)
	}
}

func TestParseNumberErrors(t *testing.T) {
	tests := []struct {
		in      string
		decimal byte
		want    string
	}{
		{"12,5x", ',', `"12,5x" is not a number (decimal separator ",")`},
		{"12,5", '.', `"12,5" is not a number (decimal separator "."). Try: decimal: ","`},
		{"1.234,56", '.', `"1.234,56" is not a number (decimal separator "."). Try: decimal: ","`},
		{"12.5", ',', `"12.5" is not a number (decimal separator ","). Try: decimal: "."`},
		{"1,23,456", '.', `"1,23,456" is not a number (decimal separator ".")`},
		{"1.234 567,5", ',', `"1.234 567,5" is not a number (decimal separator ",")`},
		{"1234,567.5", '.', `"1234,567.5" is not a number (decimal separator ".")`},
		{"123-", '.', `"123-" is not a number (decimal separator "."): write a minus in front, as in "-123"`},
		{"(123)", '.', `"(123)" is not a number (decimal separator "."): write a negative amount with a minus in front, as in "-123"`},
		{"1.234 kr.", ',', `"1.234 kr." is not a number (decimal separator ","): leave the currency "kr." out`},
		{"DKK 500", ',', `"DKK 500" is not a number (decimal separator ","): leave the currency "DKK" out`},
		{"£39.99", '.', `"£39.99" is not a number (decimal separator "."): leave the currency "£" out`},
		{"1.5E+06", '.', `"1.5E+06" is not a number (decimal separator "."): scientific notation is not accepted, as the figure may have lost digits; export the column as a plain number`},
		{"12.", '.', `"12." is not a number (decimal separator ".")`},
		{".5", '.', `".5" is not a number (decimal separator ".")`},
		{"-", '.', `"-" is not a number (decimal separator ".")`},
		{"1..2", '.', `"1..2" is not a number (decimal separator ".")`},
		{"Redacted personal data", '.', `"Redacted personal data" is not a number (decimal separator ".")`},
		{"", '.', `an empty value is not a number`},
		{"  ", ',', `an empty value is not a number`},
		{"1", 'x', `decimal separator "x" is not "." or ","`},
	}
	for _, tt := range tests {
		_, _, err := ParseNumber([]byte(tt.in), tt.decimal)
		assert.EqualError(t, err, tt.want, "ParseNumber(%q, %q)", tt.in, tt.decimal)
	}
}

// TestParseNumberIsExact checks random numbers, in both notations, against
// strconv.ParseFloat of the same digits.
func TestParseNumberIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		intDigits := 1 + rng.IntN(18)
		fracDigits := rng.IntN(12)
		var plain strings.Builder
		if rng.IntN(3) == 0 {
			plain.WriteByte('-')
		}
		plain.WriteByte(byte('1' + rng.IntN(9)))
		for range intDigits - 1 {
			plain.WriteByte(byte('0' + rng.IntN(10)))
		}
		if fracDigits > 0 {
			plain.WriteByte('.')
			for range fracDigits {
				plain.WriteByte(byte('0' + rng.IntN(10)))
			}
		}
		text := plain.String()
		want, err := strconv.ParseFloat(text, 64)
		require.NoError(t, err)
		danish := groupThousands(text, '.', ',')
		for _, c := range []struct {
			in      string
			decimal byte
		}{{text, '.'}, {danish, ','}} {
			got, dec, err := ParseNumber([]byte(c.in), c.decimal)
			require.NoError(t, err, "ParseNumber(%q, %q)", c.in, c.decimal)
			require.Equal(t, want, got, "ParseNumber(%q, %q)", c.in, c.decimal)
			require.Equal(t, fracDigits, dec, "ParseNumber(%q, %q) decimals", c.in, c.decimal)
		}
	}
}

// groupThousands rewrites a plain number with group between thousands and
// decimal before the fraction.
func groupThousands(plain string, group, decimal byte) string {
	sign := ""
	if strings.HasPrefix(plain, "-") {
		sign, plain = "-", plain[1:]
	}
	intPart, frac, hasFrac := strings.Cut(plain, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(group)
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte(decimal)
		b.WriteString(frac)
	}
	return b.String()
}

func TestParseInteger(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr string
	}{
		{"0", 0, ""},
		{"-42", -42, ""},
		{"+7", 7, ""},
		{"015031", 15031, ""},
		{"1.234.567", 1234567, ""},
		{"1,234,567", 1234567, ""},
		{"1 234", 1234, ""},
		{"9223372036854775807", math.MaxInt64, ""},
		{"-9223372036854775808", math.MinInt64, ""},
		{"9223372036854775808", 0, `"9223372036854775808" is out of range for an integer`},
		{"99999999999999999999", 0, `"99999999999999999999" is out of range for an integer`},
		{"12.5", 0, `"12.5" is not an integer: it has a fraction. Try: type: number`},
		{"12,50", 0, `"12,50" is not an integer: it has a fraction. Try: type: number`},
		{"1.234,567", 0, `"1.234,567" is not an integer: it has a fraction. Try: type: number`},
		{"1,23", 0, `"1,23" is not an integer: it has a fraction. Try: type: number`},
		{"1.2.3", 0, `"1.2.3" is not an integer`},
		{"12a", 0, `"12a" is not an integer`},
		{"", 0, `an empty value is not an integer`},
	}
	for _, tt := range tests {
		got, err := ParseInteger([]byte(tt.in))
		if tt.wantErr != "" {
			assert.EqualError(t, err, tt.wantErr, "ParseInteger(%q)", tt.in)
			continue
		}
		assert.NoError(t, err, "ParseInteger(%q)", tt.in)
		assert.Equal(t, tt.want, got, "ParseInteger(%q)", tt.in)
	}
}

func TestParseDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in, layout string
		want       time.Time
		wantErr    string
	}{
		{in: "2026-10-01", want: day(2026, 10, 1)},
		{in: " 2024-02-29 ", want: day(2024, 2, 29)},
		{in: "2026-10-01T23:30:00", want: day(2026, 10, 1)},
		{in: "2026-10-01 23:30:00.123", want: day(2026, 10, 1)},
		{in: "2026-10-01T00:30:00+02:00", want: day(2026, 10, 1)},
		{in: "2026-10-01T00:30:00Z", want: day(2026, 10, 1)},
		{in: "2026-10-01T00:30:00-0500", want: day(2026, 10, 1)},
		{in: "31-12-2026", layout: "02-01-2006", want: day(2026, 12, 31)},
		{in: "10/10/2017", layout: "02/01/2006", want: day(2017, 10, 10)},
		{in: "1.2.2026", layout: "2.1.2006", want: day(2026, 2, 1)},
		{in: "01.02.2026 13:45", layout: "02.01.2006 15:04", want: time.Date(2026, 2, 1, 13, 45, 0, 0, time.UTC)},
		{in: "01-JUN-2012", layout: "02-Jan-2006", want: day(2012, 6, 1)},
		{in: "5 October 2026", layout: "2 January 2006", want: day(2026, 10, 5)},
		{in: "2026-10-01 08:00 +0200", layout: "2006-01-02 15:04 -0700", want: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)},
		{in: "31-02-2026", layout: "02-01-2006", wantErr: `"31-02-2026" is not a date in layout "02-01-2006"`},
		{in: "2026-13-45", wantErr: `"2026-13-45" is not a date in layout "2006-01-02"`},
		{in: "2023-02-29", wantErr: `"2023-02-29" is not a date in layout "2006-01-02"`},
		{in: "13/10/2026", wantErr: `"13/10/2026" is not a date in layout "2006-01-02". Try: layout: "02/01/2006"`},
		{in: "01-10-2026", wantErr: `"01-10-2026" is not a date in layout "2006-01-02". Try: layout: "02-01-2006"`},
		{in: "2026-10-01", layout: "02-01-2006", wantErr: `"2026-10-01" is not a date in layout "02-01-2006". Try: layout: "2006-01-02"`},
		{in: "2026-10-01T25:00:00", wantErr: `"2026-10-01T25:00:00" is not a date in layout "2006-01-02"`},
		{in: "2026-10-1", wantErr: `"2026-10-1" is not a date in layout "2006-01-02"`},
		{in: "1-10-2026x", layout: "2-01-2006", wantErr: `"1-10-2026x" is not a date in layout "2-01-2006"`},
		{in: "", wantErr: `an empty value is not a date in layout "2006-01-02"`},
	}
	for _, tt := range tests {
		got, err := ParseDate([]byte(tt.in), tt.layout)
		if tt.wantErr != "" {
			assert.EqualError(t, err, tt.wantErr, "ParseDate(%q, %q)", tt.in, tt.layout)
			continue
		}
		assert.NoError(t, err, "ParseDate(%q, %q)", tt.in, tt.layout)
		assert.True(t, got.Equal(tt.want), "ParseDate(%q, %q): got %v, want %v", tt.in, tt.layout, got, tt.want)
		assert.Same(t, time.UTC, got.Location(), "ParseDate(%q, %q): got %v, want it in UTC", tt.in, tt.layout, got)
	}
}

// TestParseLayoutMatchesTime checks the layouts read without time.Parse
// against time.Parse, day by day over several years.
func TestParseLayoutMatchesTime(t *testing.T) {
	layouts := []string{"2006-01-02", "02-01-2006", "02/01/2006", "2.1.2006", "1/2/2006", "2006-01-02T15:04:05", "02.01.2006 15:04"}
	for d := time.Date(2023, 1, 1, 13, 7, 9, 0, time.UTC); d.Year() < 2026; d = d.Add(23*time.Hour + 59*time.Minute) {
		for _, l := range layouts {
			text := d.Format(l)
			got, ok, handled := parseLayout([]byte(text), l)
			want, err := time.Parse(l, text)
			require.True(t, handled, "parseLayout(%q, %q) handled", text, l)
			require.True(t, ok, "parseLayout(%q, %q) ok", text, l)
			require.NoError(t, err, "time.Parse(%q, %q)", l, text)
			require.True(t, got.Equal(want), "parseLayout(%q, %q): got %v, want %v", text, l, got, want)
		}
	}
}

func TestParseBool(t *testing.T) {
	for _, s := range []string{"true", "TRUE", "Yes", "ja", "JA", "1", "sand", " Sand "} {
		got, err := ParseBool([]byte(s))
		assert.NoError(t, err, "ParseBool(%q)", s)
		assert.True(t, got, "ParseBool(%q)", s)
	}
	for _, s := range []string{"false", "False", "no", "NEJ", "0", "falsk"} {
		got, err := ParseBool([]byte(s))
		assert.NoError(t, err, "ParseBool(%q)", s)
		assert.False(t, got, "ParseBool(%q)", s)
	}
	for _, s := range []string{"maybe", "y", "2", "", "truee", "sandt"} {
		want := strconv.Quote(s) + " is not a yes/no value (true/false, yes/no, ja/nej, 1/0 or sand/falsk)"
		_, err := ParseBool([]byte(s))
		assert.EqualError(t, err, want, "ParseBool(%q)", s)
	}
}

func TestIsBlank(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{{"", true}, {" ", true}, {" \t ", true}, {"0", false}, {" x ", false}, {"\u00a0", false}}
	for _, tt := range tests {
		assert.Equal(t, tt.want, IsBlank([]byte(tt.in)), "IsBlank(%q)", tt.in)
	}
}

// TestValuesDoNotAllocate checks the typed parsers allocate nothing for
// good values, as the engine calls them once per cell.
func TestValuesDoNotAllocate(t *testing.T) {
	// The cells are made once, as the reader's buffer holds them.
	number, integer, iso, dmy, yes, blank := []byte("1.234.567,89"), []byte("-1,234"),
		[]byte("2026-10-01T12:00:00+02:00"), []byte("10/10/2017"), []byte("Ja"), []byte("  ")
	cases := map[string]func(){
		"ParseNumber":     func() { _, _, _ = ParseNumber(number, ',') },
		"ParseInteger":    func() { _, _ = ParseInteger(integer) },
		"ParseDate ISO":   func() { _, _ = ParseDate(iso, "") },
		"ParseDate dd/mm": func() { _, _ = ParseDate(dmy, "02/01/2006") },
		"ParseBool":       func() { _, _ = ParseBool(yes) },
		"IsBlank":         func() { _ = IsBlank(blank) },
	}
	for name, f := range cases {
		assert.Zero(t, testing.AllocsPerRun(100, f), "%s: allocations", name)
	}
}

// FuzzParsePlain checks that the one-pass reading of plain numbers gives
// what the full reading gives, value, decimals and sign of zero included.
func FuzzParsePlain(f *testing.F) {
	for _, s := range []string{"25959.94", "-0", "+7", "007.10", "1.", ".5", "1,5", "123456789012345", "1234567890123456", "-9007199254740993", "1..2", "-"} {
		f.Add([]byte(s), byte('.'))
		f.Add([]byte(s), byte(','))
	}
	f.Fuzz(func(t *testing.T, b []byte, decimal byte) {
		v, dec, ok := parsePlain(b, decimal)
		if !ok {
			return
		}
		want, wantDec, err := parseNumber(b, decimal)
		require.NoError(t, err, "parsePlain(%q, %q) = %v, but parseNumber fails", b, decimal, v)
		require.Equal(t, math.Float64bits(want), math.Float64bits(v), "parsePlain(%q, %q) = %v; parseNumber gives %v", b, decimal, v, want)
		require.Equal(t, wantDec, dec, "parsePlain(%q, %q) decimals", b, decimal)
	})
}

func TestParsePlainTakesTheCommonCases(t *testing.T) {
	for _, s := range []string{"25959.94", "-120.5", "0", "3155", "+1.25"} {
		_, _, ok := parsePlain([]byte(s), '.')
		assert.True(t, ok, "parsePlain(%q) leaves a plain number to the full reading", s)
	}
	for _, s := range []string{"1,234.5", " 12", "1e5", "1234567890123456", "1.", ".5", "--1"} {
		_, _, ok := parsePlain([]byte(s), '.')
		assert.False(t, ok, "parsePlain(%q) takes a number that needs the full reading", s)
	}
}
