package engine

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNaturalCompare(t *testing.T) {
	cases := []struct {
		name string
		in   []string
		want []string
	}{
		{"paragraphs", []string{"§ 108", "§ 85", "§ 103", "§ 107"}, []string{"§ 85", "§ 103", "§ 107", "§ 108"}},
		{"text before and after", []string{"uge 10", "uge 9", "uge 1"}, []string{"uge 1", "uge 9", "uge 10"}},
		{"two numbers", []string{"5.38.50.10", "5.38.50.9", "5.38.5.1"}, []string{"5.38.5.1", "5.38.50.9", "5.38.50.10"}},
		{"leading zeros are one number, still ordered", []string{"7", "007", "07"}, []string{"007", "07", "7"}},
		{"prefix first", []string{"§ 10a", "§ 10"}, []string{"§ 10", "§ 10a"}},
		{"letters", []string{"Ørsted", "Bo", "Aarhus"}, []string{"Aarhus", "Bo", "Ørsted"}},
		{"months stay in order", []string{"2026-10", "2026-09", "2026-1"}, []string{"2026-1", "2026-09", "2026-10"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := slices.Clone(c.in)
			slices.SortFunc(got, naturalCompare)
			assert.Equal(t, c.want, got)
		})
	}
}
