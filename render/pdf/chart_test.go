package pdf

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mipack/mipack/render/pack"
)

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi  float64
		integer bool
		want    []float64
	}{
		{0, 182700, false, []float64{0, 50000, 100000, 150000, 200000}},
		{0, 1710000, false, []float64{0, 500000, 1000000, 1500000, 2000000}},
		{-35, 120, false, []float64{-50, 0, 50, 100, 150}},
		{0, 0.125, false, []float64{0, 0.05, 0.1, 0.15}},
		{0, 3, true, []float64{0, 1, 2, 3}},
		{0, 0.4, true, []float64{0, 1}},
		{0, 0, false, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{-20, 0, false, []float64{-20, -15, -10, -5, 0}},
		{0, 7.3, false, []float64{0, 2, 4, 6, 8}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, niceTicks(tt.lo, tt.hi, tt.integer), "niceTicks(%v, %v, %v)", tt.lo, tt.hi, tt.integer)
	}
}

func TestDecimalsFor(t *testing.T) {
	for _, tt := range []struct {
		step float64
		want int
	}{{50000, 0}, {1, 0}, {0.5, 1}, {0.25, 2}, {0.05, 2}, {0.2, 1}} {
		assert.Equal(t, tt.want, decimalsFor(tt.step), "decimalsFor(%v)", tt.step)
	}
}

func f64(v float64) *float64 { return &v }

func TestValueRange(t *testing.T) {
	tests := []struct {
		name   string
		chart  pack.Chart
		lo, hi float64
	}{
		{"bar takes the largest value and zero", pack.Chart{Type: pack.ChartBar, Categories: []string{"a", "b"},
			Data: []pack.Series{{Values: []*float64{f64(3), f64(7)}}, {Values: []*float64{f64(5), nil}}}}, 0, 7},
		{"stacked sums each category", pack.Chart{Type: pack.ChartStackedBar, Categories: []string{"a", "b"},
			Data: []pack.Series{{Values: []*float64{f64(3), f64(7)}}, {Values: []*float64{f64(5), f64(-2)}}}}, -2, 8},
		{"line with negatives", pack.Chart{Type: pack.ChartLine, Categories: []string{"a", "b"},
			Data: []pack.Series{{Values: []*float64{f64(-4), nil}}}}, -4, 0},
		{"all missing", pack.Chart{Type: pack.ChartLine, Categories: []string{"a"},
			Data: []pack.Series{{Values: []*float64{nil}}}}, 0, 0},
	}
	for _, tt := range tests {
		lo, hi := valueRange(&tt.chart)
		assert.Equal(t, tt.lo, lo, "%s: low end", tt.name)
		assert.Equal(t, tt.hi, hi, "%s: high end", tt.name)
	}
}
