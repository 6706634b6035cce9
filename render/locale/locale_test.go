package locale

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		tag      string
		v        float64
		decimals int
		want     string
	}{
		{"da", 182700, 0, "182.700"},
		{"da", 1234.5, 1, "1.234,5"},
		{"da", 5172.384, 2, "5.172,38"},
		{"da", -1234.5, 2, "\u22121.234,50"},
		{"da", 2.675, 2, "2,68"},
		{"da", 999.995, 2, "1.000,00"},
		{"da", 0.5, 0, "1"},
		{"da", -0.4, 0, "0"},
		{"da", 17382055.9, 2, "17.382.055,90"},
		{"en", 182700, 0, "182,700"},
		{"en", 1234567.891, 2, "1,234,567.89"},
		{"en", 12, 0, "12"},
		{"en", 100, 0, "100"},
		{"en", 1000, 0, "1,000"},
		{"en", math.NaN(), 2, "–"},
		{"xx", 1000, 0, "1,000"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, For(tt.tag).Number(tt.v, tt.decimals), "For(%q).Number(%v, %d)", tt.tag, tt.v, tt.decimals)
	}
}

func TestPercentAndDates(t *testing.T) {
	da, en := For("da"), For("en")
	day := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ got, want string }{
		{da.Percent(0.125, 1), "12,5 %"},
		{en.Percent(-0.05, 0), "\u22125 %"},
		{da.Integer(1000000), "1.000.000"},
		{da.Date(day), "31.10.2026"},
		{en.Date(day), "31 Oct 2026"},
		{da.Month("2026-10"), "oktober 2026"},
		{en.Month("2026-10"), "October 2026"},
		{en.Month("soon"), "soon"},
		{da.ShortMonth("2026-10"), "okt. 2026"},
		{da.ShortMonth("2026-05"), "maj 2026"},
		{en.ShortMonth("2026-10"), "Oct 2026"},
		{da.ShortMonth("Q3"), "Q3"},
		// Times are the readers' local time with the zone, summer and winter.
		{da.Time(time.Date(2026, 9, 21, 14, 13, 0, 0, time.UTC)), "21.09.2026 kl. 16.13 CEST"},
		{en.Time(time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC)), "2 Dec 2026, 00:30 CET"},
		{da.Day(time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)), "01.01.2027"},
	} {
		assert.Equal(t, tt.want, tt.got)
	}
}
