package html

import (
	"testing"
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
		if got := ids.take(tt.want); got != tt.got {
			t.Errorf("take(%q): got %q, want %q", tt.want, got, tt.got)
		}
	}
	if got, want := jsIdent("by-provider_2"), "chart_by_provider_2"; got != want {
		t.Errorf("jsIdent: got %q, want %q", got, want)
	}
}
