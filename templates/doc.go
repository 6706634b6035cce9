// Package templates holds the assets a rendered pack carries inside itself:
// the HTML page template, its stylesheet, the small script that draws the
// charts, and the ECharts runtime with its licence. They are embedded with
// go:embed so that the mipack binary needs no files beside it, and a pack
// renders the same on every machine.
//
// The ECharts runtime is the minified build of the npm package echarts,
// pinned to EChartsVersion and checked against EChartsSHA256 by refresh.sh:
//
//	templates/refresh.sh                 # fetch echarts@5.6.0, verify, copy
//	templates/refresh.sh 5.6.1 <sha256>  # move the pin (then update templates.go)
//
// A renderer reads the assets through the functions here:
//
//	tpl, err := template.New("page").Parse(templates.Page())
//	css := templates.Stylesheet()      // inlined in <style>
//	js := templates.ECharts()          // inlined once in <script>
//	draw := templates.ChartScript()    // inlined after it; reads the chart data blocks
//
// Nothing here changes at run time: every function returns the embedded text.
package templates
