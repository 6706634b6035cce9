package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes/internal/expr"
)

func TestRoundTo(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		want     float64
	}{
		{8933.195, 2, 8933.2},
		{2.675, 2, 2.68},
		{-2.675, 2, -2.68},
		{999.995, 2, 1000},
		{17382055.899999995, 2, 17382055.9},
		{0.5, 0, 1},
		{1.25, 4, 1.25},
		{0.83287671, 4, 0.8329},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, roundTo(tt.v, tt.decimals), "roundTo(%v, %d)", tt.v, tt.decimals)
	}
}

func TestAggregatesLeaveNilsOutAndCountThem(t *testing.T) {
	values := []any{3.0, nil, 1.0, 2.0, nil, 10.0}
	tests := []struct {
		fn   Aggregate
		typ  expr.Type
		want any
	}{
		{AggCount, expr.TInteger, int64(6)},
		{AggSum, expr.TNumber, 16.0},
		{AggMean, expr.TNumber, 4.0},
		{AggMedian, expr.TNumber, 2.5},
		{AggMin, expr.TNumber, 1.0},
		{AggMax, expr.TNumber, 10.0},
		{AggCountDistinct, expr.TInteger, int64(4)},
	}
	for _, tt := range tests {
		m := &MeasurePlan{Fn: tt.fn, Typ: tt.typ, Col: 0}
		if tt.fn == AggCount {
			m.Col = -1
		}
		a := newAggregator(m, nil)
		for _, v := range values {
			if m.Col < 0 {
				a.add(true)
			} else {
				a.add(v)
			}
		}
		assert.Equal(t, tt.want, a.result(), "%s: result", tt.fn)
		wantNils := int64(2)
		if tt.fn == AggCount {
			wantNils = 0
		}
		assert.Equal(t, wantNils, a.nils(), "%s: nils", tt.fn)
	}
	empty := newAggregator(&MeasurePlan{Fn: AggSum, Typ: expr.TNumber}, nil)
	empty.add(nil)
	assert.Nil(t, empty.result(), "sum of only empty values, want nil (as SQL)")
}

func TestAggregateNamesRoundTrip(t *testing.T) {
	for a := range numAggregates {
		require.NotEmpty(t, aggregates[a].name, "aggregate %d has no name in the table", a)
		require.NotNil(t, aggregates[a].new, "aggregate %d has no constructor in the table", a)
		got, ok := ParseAggregate(a.String())
		assert.True(t, ok, "ParseAggregate(%q) is not ok", a.String())
		assert.Equal(t, a, got, "ParseAggregate(%q)", a.String())
	}
	assert.Equal(t, []string{"count", "count_distinct", "sum", "mean", "median", "min", "max"}, AggregateNames())
	_, ok := ParseAggregate("avg")
	assert.False(t, ok, "ParseAggregate(%q) is ok, want not", "avg")
}
