package expr

import (
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScaleAndShare(t *testing.T) {
	tests := []struct {
		fn     func(ast.Node) (string, float64, bool)
		text   string
		column string
		factor float64
		ok     bool
	}{
		{Scale, "cost * 365", "cost", 365, true},
		{Scale, "365 * cost", "cost", 365, true},
		{Scale, "cost / 4", "cost", 0.25, true},
		{Scale, "-cost", "cost", -1, true},
		{Scale, "cost", "cost", 1, true},
		{Scale, "(cost * 365) / 2", "cost", 182.5, true},
		{Scale, "cost * 1.5", "cost", 1.5, true},
		{Scale, "cost * 0", "", 0, false},
		{Scale, "cost / 0", "", 0, false},
		{Scale, "cost * other", "", 0, false},
		{Scale, "cost + 1", "", 0, false},
		{Scale, "cost > 1000 ? cost : 0", "", 0, false},
		{Scale, "4 / cost", "", 0, false},
		{Scale, "abs(cost)", "", 0, false},
		{Share, "cost < 1000 ? cost : nil", "cost", 1, true},
		{Share, "cost < 1000 ? nil : cost * 365", "cost", 365, true},
		{Share, "other > 0 ? cost : 0", "cost", 1, true},
		{Share, "other > 0 ? 0 : cost / 2", "cost", 0.5, true},
		{Share, "other > 0 ? cost : other", "", 0, false},
		{Share, "other > 0 ? cost : 1", "", 0, false},
		{Share, "cost * 365", "", 0, false},
		{Share, "other > 0 ? cost + 1 : nil", "", 0, false},
	}
	env := map[string]any{"cost": 0.0, "other": 0.0}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			c, err := Compile(tt.text, env)
			require.NoError(t, err)
			column, factor, ok := tt.fn(c.Prog.Node())
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.column, column)
			assert.InDelta(t, tt.factor, factor, 1e-12)
		})
	}
}
