package templates

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEChartsPinned: the embedded runtime is the pinned build.
func TestEChartsPinned(t *testing.T) {
	sum := sha256.Sum256([]byte(ECharts()))
	assert.Equal(t, EChartsSHA256, hex.EncodeToString(sum[:]), "echarts.min.js sha256 (run templates/refresh.sh)")
	named := strings.Contains(ECharts(), `version="`+EChartsVersion+`"`) || strings.Contains(ECharts(), `"`+EChartsVersion+`"`)
	assert.True(t, named, "echarts.min.js: want version %s named in it", EChartsVersion)
	assert.True(t, strings.Contains(EChartsLicense(), "Apache License"), "EChartsLicense: got %.60q, want the Apache License", EChartsLicense())
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
			require.NotEmpty(t, tt.text, "got an empty asset")
			lower := strings.ToLower(tt.text)
			for _, b := range tt.bad {
				// Not assert.NotContains: it would print the whole asset.
				assert.False(t, strings.Contains(lower, b), "got %q in %s, want none", b, tt.name)
			}
		})
	}
}

// TestPageParses: the page template is valid html/template text.
func TestPageParses(t *testing.T) {
	tpl, err := template.New("page").Parse(Page())
	require.NoError(t, err, "Parse")
	for _, name := range []string{"marks", "row", "field"} {
		assert.NotNil(t, tpl.Lookup(name), "template %q: got none, want it defined", name)
	}
}
