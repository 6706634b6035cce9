package templates

import "embed"

// EChartsVersion is the version of the embedded ECharts runtime.
const EChartsVersion = "5.6.0"

// EChartsSHA256 is the hex sha256 of the embedded echarts.min.js, as checked
// by refresh.sh and by this package's tests.
const EChartsSHA256 = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1"

//go:embed page.html.tmpl style.css charts.js echarts/echarts.min.js echarts/LICENSE echarts/NOTICE
var assets embed.FS

// read returns an embedded file. The names are fixed above, so a failure is
// a build fault and panics.
func read(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic("templates: " + err.Error())
	}
	return string(b)
}

// Page returns the html/template text of a pack's page. Its data is the view
// model of render/html; see that package for the fields it reads.
func Page() string { return read("page.html.tmpl") }

// Stylesheet returns the page's CSS, for screen and for print (A4).
func Stylesheet() string { return read("style.css") }

// ChartScript returns the script that draws every chart on the page: it reads
// each chart's option from its JSON data block, draws it with ECharts, and
// attaches number formatters in the page's language.
func ChartScript() string { return read("charts.js") }

// ECharts returns the minified ECharts runtime (echarts.min.js, EChartsVersion).
func ECharts() string { return read("echarts/echarts.min.js") }

// EChartsLicense returns the ECharts licence (Apache-2.0) and its NOTICE,
// which travel with every page that inlines the runtime.
func EChartsLicense() string { return read("echarts/LICENSE") + "\n" + read("echarts/NOTICE") }
