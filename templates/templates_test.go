package templates

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"strings"
	"testing"
)

// TestEChartsPinned: the embedded runtime is the pinned build.
func TestEChartsPinned(t *testing.T) {
	sum := sha256.Sum256([]byte(ECharts()))
	if got := hex.EncodeToString(sum[:]); got != EChartsSHA256 {
		t.Errorf("echarts.min.js sha256: got %s, want %s (run templates/refresh.sh)", got, EChartsSHA256)
	}
	if !strings.Contains(ECharts(), `version="`+EChartsVersion+`"`) && !strings.Contains(ECharts(), `"`+EChartsVersion+`"`) {
		t.Errorf("echarts.min.js: want version %s named in it", EChartsVersion)
	}
	if !strings.Contains(EChartsLicense(), "Apache License") {
		t.Errorf("EChartsLicense: got %.60q, want the Apache License", EChartsLicense())
	}
}

// TestInlineSafe: every asset inlined in a page can sit inside its element:
// nothing in a script ends the script or starts an HTML comment, nothing in
// the stylesheet ends the style element or fetches anything.
func TestInlineSafe(t *testing.T) {
	tests := []struct {
		name string
		text string
		bad  []string
	}{
		{"echarts.min.js", ECharts(), []string{"</script", "<!--"}},
		{"charts.js", ChartScript(), []string{"</script", "<!--", "<script", "http"}},
		{"style.css", Stylesheet(), []string{"</style", "url(", "@import", "http"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.text == "" {
				t.Fatal("got an empty asset")
			}
			lower := strings.ToLower(tt.text)
			for _, b := range tt.bad {
				if strings.Contains(lower, b) {
					t.Errorf("got %q in %s, want none", b, tt.name)
				}
			}
		})
	}
}

// TestPageParses: the page template is valid html/template text.
func TestPageParses(t *testing.T) {
	tpl, err := template.New("page").Parse(Page())
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	for _, name := range []string{"marks", "row", "field"} {
		if tpl.Lookup(name) == nil {
			t.Errorf("template %q: got none, want it defined", name)
		}
	}
}
