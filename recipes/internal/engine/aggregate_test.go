package engine

import (
	"slices"
	"testing"

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
		if got := roundTo(tt.v, tt.decimals); got != tt.want {
			t.Errorf("roundTo(%v, %d) = %v, want %v", tt.v, tt.decimals, got, tt.want)
		}
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
		if got := a.result(); got != tt.want {
			t.Errorf("%s: got %v (%T), want %v (%T)", tt.fn, got, got, tt.want, tt.want)
		}
		wantNils := int64(2)
		if tt.fn == AggCount {
			wantNils = 0
		}
		if got := a.nils(); got != wantNils {
			t.Errorf("%s: %d nils, want %d", tt.fn, got, wantNils)
		}
	}
	empty := newAggregator(&MeasurePlan{Fn: AggSum, Typ: expr.TNumber}, nil)
	empty.add(nil)
	if got := empty.result(); got != nil {
		t.Errorf("sum of only empty values = %v, want nil (as SQL)", got)
	}
}

func TestAggregateNamesRoundTrip(t *testing.T) {
	for a := range numAggregates {
		if aggregates[a].name == "" || aggregates[a].new == nil {
			t.Fatalf("aggregate %d has no entry in the table", a)
		}
		got, ok := ParseAggregate(a.String())
		if !ok || got != a {
			t.Errorf("ParseAggregate(%q) = %v, %v, want %v, true", a.String(), got, ok, a)
		}
	}
	if got, want := AggregateNames(), []string{"count", "count_distinct", "sum", "mean", "median", "min", "max"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, ok := ParseAggregate("avg"); ok {
		t.Errorf("ParseAggregate(%q) is ok, want not", "avg")
	}
}
