package recipes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/engine"
)

func TestDerivedDecimals(t *testing.T) {
	cases := []struct {
		derive string
		want   int // -1: not known, so the sum is not rounded
	}{
		{`side == "Debet" ? amount : -amount`, 2},
		{`amount + fee`, 3},
		{`amount - 0.5`, 2},
		{`amount * 1.25`, 4},
		{`amount * count`, 2},
		{`amount / 2`, -1},
		{`-(amount + fee)`, 3},
		{`amount ?? 0`, 2},
		{`abs(amount)`, -1},
		{`count + 1`, -1}, // an integer: summed exactly as one
	}
	for _, c := range cases {
		t.Run(c.derive, func(t *testing.T) {
			recipe := `title: D
period: 2026-10
sources:
  p:
    file: p.csv
    columns: {side: string, amount: number, fee: number, count: integer}
sections:
  - id: s
    title: S
    from: p
    derive: {v: '` + c.derive + `'}
    measures: {v: sum(v)}
    reservations: ["Test."]
`
			r, err := Load(office(t, recipe, map[string]string{"p.csv": "side,amount,fee,count\nDebet,10.25,0.125,2\n"}))
			require.NoError(t, err)
			pl, err := Check(r, Options{})
			require.NoError(t, err)
			m := pl.Sections[0].Measures[0]
			stats := engine.Reads{pl.Sources[0]: {Decimals: []int{0, 2, 3, 0}}}
			d, ok := m.SumDecimals(stats)
			if !ok {
				d = -1
			}
			assert.Equal(t, c.want, d, "decimals")
		})
	}
}
