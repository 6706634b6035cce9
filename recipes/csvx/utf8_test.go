package csvx

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validPrefixByRune is validPrefix written the plain way, one character at
// a time, for the tests to check against.
func validPrefixByRune(p []byte) int {
	at := 0
	for at < len(p) {
		c, size := utf8.DecodeRune(p[at:])
		if c == utf8.RuneError && size == 1 {
			return at
		}
		at += size
	}
	return at
}

func TestValidPrefix(t *testing.T) {
	long := strings.Repeat("Bostedet Nørresundby,", 20)
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", 0},
		{"ascii shorter than a word", "abc", 3},
		{"ascii over words", "S-00000001,B-003167,2026-07-13", 30},
		{"letters between words", long, len(long)},
		{"letter on a word's last byte", "1234567ø", 9},
		{"letter across words", "1234567ø9", 10},
		{"replacement character is valid", "ab\uFFFDcd", 7},
		{"four-byte character", "x😀y", 6},
		{"windows-1252 ø", "Bostedet N\xf8rresundby", 10},
		{"bad byte after letters", long + "abc\x80", len(long) + 3},
		{"lone continuation", "\xbf", 0},
		{"overlong encoding", "ab\xc0\xafcd", 2},
		{"surrogate", "ab\xed\xa0\x80", 2},
		{"character cut at the end", "abcdefgh\xc3", 8},
		{"four-byte character cut", "abcdefgh\xf0\x9f\x98", 8},
		{"above U+10FFFF", "\xf4\x90\x80\x80", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, validPrefix([]byte(tt.in)))
			assert.Equal(t, validPrefixByRune([]byte(tt.in)), validPrefix([]byte(tt.in)), "against the plain check")
		})
	}
}

func FuzzValidPrefix(f *testing.F) {
	for _, s := range []string{"", "abcdefgh", "Døgntilbuddet Lyngå ApS,§ 108", "ab\xc0\xafcd", "abcdefgh\xf0\x9f\x98"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		want := validPrefixByRune(p)
		require.Equal(t, want, validPrefix(p), "validPrefix(%q)", p)
		require.Equal(t, want == len(p), utf8.Valid(p), "utf8.Valid(%q) against the plain check", p)
	})
}

// BenchmarkValidPrefix compares validPrefix with utf8.Valid on lines like a
// payments extract's, with a Danish letter or § every twenty bytes or so,
// at places that vary from line to line.
func BenchmarkValidPrefix(b *testing.B) {
	providers := []string{"Kærhuset Hjørring", "Bostedet Nørresundby", `"Aktivitetscentret ""Bøgely"", Region Midt"`,
		"Opholdsstedet Hvidovre ApS", "Værkstedet Tårnby", "Døgntilbuddet Lyngå ApS", "Aktivitetscentret Præstø"}
	var text strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&text, "S-%08d,B-%06d,§ %d,%s,active,2024-%02d-%02d,,2026-05-26,%d.%02d,\n",
			i, i*7919%100_000, 85+i%25, providers[i*31%len(providers)], 1+i%12, 1+i%28, i*104729%50_000, i%100)
	}
	data := []byte(text.String())
	b.Run("validPrefix", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			require.Equal(b, len(data), validPrefix(data), "valid prefix")
		}
	})
	b.Run("utf8.Valid", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			require.True(b, utf8.Valid(data), "not valid")
		}
	})
}
