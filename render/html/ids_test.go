package html

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestIDs: ids are made safe and unique in the order asked.
func TestIDs(t *testing.T) {
	ids := newIDs()
	tests := []struct{ want, got string }{
		{"overview", "overview"},
		{"overview", "overview-2"},
		{"overview", "overview-3"},
		{"by_provider", "by_provider"},
		{"Betalinger i alt", "Betalinger-i-alt"},
		{"2026", "s-2026"},
		{"", "s-"},
		{"åbne sager", "s--bne-sager"},
		{"a\"><script>", "a---script-"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.got, ids.take(tt.want), "take(%q)", tt.want)
	}
	assert.Equal(t, "chart_by_provider_2", jsIdent("by-provider_2"), "jsIdent")
}
