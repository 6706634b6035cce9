package pdf

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// numeric reports whether a column holds figures (right-aligned).
func numeric(typ string) bool {
	return typ == pack.TypeInteger || typ == pack.TypeNumber || typ == pack.TypePercent
}

// suppressedText is what a withheld cell shows: the neutral mark.
func suppressedText(*pack.Pack) string { return pack.WithheldMark }

// cellText formats one cell for reading: figures in the locale's format,
// dates as locale dates, flags as yes/no. A nil figure shows as "–", a nil
// label as nothing.
func cellText(l locale.Locale, col pack.Column, v any) string {
	if v == nil {
		if numeric(col.Type) {
			return "–"
		}
		return ""
	}
	switch col.Type {
	case pack.TypeInteger, pack.TypeNumber, pack.TypePercent:
		f, ok := toFloat(v)
		if !ok {
			return fmt.Sprint(v)
		}
		switch col.Type {
		case pack.TypeInteger:
			return l.Number(f, 0)
		case pack.TypePercent:
			return l.Percent(f, col.Decimals)
		}
		return l.Number(f, col.Decimals)
	case pack.TypeDate:
		if s, ok := v.(string); ok {
			if t, err := time.Parse("2006-01-02", s); err == nil {
				return l.Date(t)
			}
		}
	case pack.TypeBool:
		if b, ok := v.(bool); ok {
			if b {
				return l.Labels.Yes
			}
			return l.Labels.No
		}
	}
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return l.Labels.Yes
		}
		return l.Labels.No
	}
	if f, ok := toFloat(v); ok {
		return l.Number(f, col.Decimals)
	}
	return fmt.Sprint(v)
}

// toFloat reads a figure of any of the model's number types.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// parseDay reads a "YYYY-MM-DD" day.
func parseDay(s string) (time.Time, error) {
	return time.Parse("2006-01-02", s)
}
