package expr

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScale(t *testing.T) {
	tests := []struct {
		text   string
		column string
		factor float64
		ok     bool
	}{
		{"cost * 365", "cost", 365, true},
		{"365 * cost", "cost", 365, true},
		{"cost / 4", "cost", 0.25, true},
		{"-cost", "cost", -1, true},
		{"cost", "cost", 1, true},
		{"(cost * 365) / 2", "cost", 182.5, true},
		{"cost * 1.5", "cost", 1.5, true},
		{"cost * 0", "", 0, false},
		{"cost / 0", "", 0, false},
		{"cost * other", "", 0, false},
		{"cost + 1", "", 0, false},
		{"cost > 1000 ? cost : 0", "", 0, false},
		{"4 / cost", "", 0, false},
		{"abs(cost)", "", 0, false},
	}
	env := map[string]any{"cost": 0.0, "other": 0.0}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			c, err := Compile(tt.text, env)
			require.NoError(t, err)
			column, factor, ok := Scale(c.Prog.Node())
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.column, column)
			assert.InDelta(t, tt.factor, factor, 1e-12)
		})
	}
}
