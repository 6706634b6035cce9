package didyoumean

import "testing"

func TestClosest(t *testing.T) {
	known := []string{"status", "start", "end", "cost_per_day", "citizen_id", "CPR-løbenr"}
	tests := []struct{ name, want string }{
		{"statsu", "status"},
		{"Status", "status"},
		{"staus", "status"},
		{"cost_perday", "cost_per_day"},
		{"cpr_loebenr", "CPR-løbenr"},
		{"citizen", "citizen_id"},
		{"enddate", ""},
		{"xyz", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.name, known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestHint(t *testing.T) {
	if got, want := Hint("statsu", []string{"status"}), `; did you mean "status"?`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Hint("status", []string{"status"}); got != "" {
		t.Errorf("exact match: got %q, want no hint", got)
	}
}
