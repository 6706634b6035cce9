package csvx

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDoubleEncoded(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Ã…SGARD", true},
		{"BrÃ¸nderslev", true},
		{"KÃ¦rgÃ¥rd", true},
		{"Ã†BLEHAVEN", true},
		{"Ã˜STERBRO", true},
		{"CafÃ©", true},
		{"Â§ 107", true},
		{"Ã\u0085SGARD", true}, // read as ISO-8859-1: a C1 control for 0x85
		{"ÅSGARD", false},
		{"Brønderslev", false},
		{"Kærgård", false},
		{"§ 107", false},
		{"Århus", false},
		{"plain ASCII", false},
		{"", false},
		{"Ã", false},            // alone, not a pair
		{"Ãx", false},           // C3 78 is not UTF-8
		{"Ã© and 北京", false},    // 北 has no Windows-1252 byte
		{"Ã¦\uFFFD", false},     // a replacement character: not written back
		{"GÃ˜ran Ã…berg", true}, // several pairs
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, DoubleEncoded([]byte(tt.text)), "DoubleEncoded(%q)", tt.text)
	}
}
