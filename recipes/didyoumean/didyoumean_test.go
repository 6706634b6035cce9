package didyoumean

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClosest(t *testing.T) {
	known := []string{"status", "start", "end", "cost_per_day", "citizen_id", "CPR-løbenr"}
	tests := []struct{ name, want string }{
		{"statsu", "status"},
		{"Status", "status"},
		{"staus", "status"},
		{"cost_perday", "cost_per_day"},
		{"cpr_loebenr", "CPR-løbenr"},
		{"citizen", "citizen_id"},
		{"enddate", ""},
		{"xyz", ""},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Closest(tt.name, known), "Closest(%q)", tt.name)
	}
}

func TestHint(t *testing.T) {
	assert.Equal(t, `; did you mean "status"?`, Hint("statsu", []string{"status"}))
	assert.Empty(t, Hint("status", []string{"status"}), "exact match: want no hint")
}
