package expr

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFunctionSignatures holds the table to the Go types the library
// checks calls against: a recipe that compiled before compiles alike.
func TestFunctionSignatures(t *testing.T) {
	want := map[string]string{
		"month":        "func(time.Time) string",
		"year":         "func(time.Time) int",
		"quarter":      "func(time.Time) string",
		"days":         "func(time.Time, time.Time) int",
		"overlap_days": "func(time.Time, interface {}, map[string]interface {}) int",
		"days_left":    "func(time.Time, interface {}, map[string]interface {}) int",
		"year_days":    "func(time.Time, interface {}, map[string]interface {}) int",
		"clamp":        "func(time.Time, time.Time, time.Time) time.Time",
	}
	fs := Functions()
	assert.Len(t, fs, len(want), "functions")
	for _, f := range fs {
		got := reflect.TypeOf(f.signature()).Elem().String()
		assert.Equal(t, want[f.Name], got, "%s: signature", f.Name)
		assert.True(t, (f.Date == nil) != (f.Call == nil), "%s: got Date and Call both set or both nil, want one", f.Name)
	}
}
