package html

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/mipack/mipack/render/pack"
)

// chartView is one chart as the page template lays it out: a container the
// chart script draws into, and the ECharts option in a JSON data block.
type chartView struct {
	// ContainerID is the container's id; DataID the JSON data block's id.
	ContainerID, DataID string
	// Label is the container's accessible name: the chart title and a
	// pointer to the table that holds its figures.
	Label string
	// Title is the chart's title, shown in the figure caption.
	Title string
	// Note says where the chart's figures are (the section's table).
	Note string
	// ValueType and Decimals tell the chart script how to format values.
	ValueType string
	Decimals  int
	// Option is the ECharts option, JSON with <, > and & escaped.
	Option template.JS
	// Marks are the section's footnote marks, repeated beside the chart.
	Marks []markView
}

// chartOption builds a chart's ECharts option with go-echarts and encodes it
// for a JSON data block.
//
// The option is the chart's JSON() map encoded by encoding/json, not the
// Option text of RenderSnippet: that text is written unescaped (a "</script>"
// in a category would end the page's script) and has every "__f__" cut out of
// it, which breaks a label that holds those letters. The page draws the
// chart with its own script (templates.ChartScript), so no go-echarts asset
// and no CDN address is ever written.
//
// chartID becomes a JavaScript variable name in go-echarts' own snippet and
// must hold letters, digits and "_" only; setting it keeps go-echarts from
// drawing a random id.
//
// The axes are titled from the column labels (pack.Section.ChartAxes), and
// each withheld value (pack.Section.ChartWithheld) is marked with the
// withheld mark at the foot of its slot, as the table marks it, so that an
// empty slot never reads as zero.
func chartOption(s *pack.Section, chartID string) (template.JS, error) {
	c := s.Chart
	catTitle, valueTitle := s.ChartAxes()
	withheld := s.ChartWithheld()
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: chartID, Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(c.Data) > 1), Top: "0", Left: "center"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: gridTop(c, valueTitle), Bottom: gridBottom(catTitle), ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: catTitle, NameLocation: "middle", NameGap: 28,
			AxisLabel: &opts.AxisLabel{Interval: "0", HideOverlap: opts.Bool(false), Color: "#333333"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: valueTitle, NameLocation: "end",
			AxisLabel: &opts.AxisLabel{Color: "#333333"}}),
	}
	// marks puts the withheld mark at the foot of series k's withheld slots.
	marks := func(k int) []charts.SeriesOpts {
		if withheld == nil {
			return nil
		}
		var items []opts.MarkPointNameCoordItem
		for i, w := range withheld[k] {
			if w {
				items = append(items, opts.MarkPointNameCoordItem{
					Coordinate: []interface{}{c.Categories[i], 0}, Value: pack.WithheldMark,
					Symbol: "rect", SymbolSize: 1, ItemStyle: &opts.ItemStyle{Color: "transparent"},
					Label: &opts.Label{Show: opts.Bool(true), Formatter: pack.WithheldMark, Position: "top", Color: "#4a5058", FontWeight: "bold"},
				})
			}
		}
		if items == nil {
			return nil
		}
		return []charts.SeriesOpts{charts.WithMarkPointNameCoordItemOpts(items...)}
	}
	var obj map[string]any
	switch c.Type {
	case pack.ChartBar, pack.ChartStackedBar:
		b := charts.NewBar()
		b.SetGlobalOptions(global...)
		b.SetXAxis(c.Categories)
		for k, ser := range c.Data {
			data := make([]opts.BarData, len(ser.Values))
			for i, v := range ser.Values {
				data[i] = opts.BarData{Value: chartValue(v)}
			}
			series := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: ser.Color})}
			if c.Type == pack.ChartStackedBar {
				series = append(series, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			b.AddSeries(ser.Name, data, append(series, marks(k)...)...)
		}
		b.Validate()
		obj = b.JSON()
	case pack.ChartLine:
		l := charts.NewLine()
		l.SetGlobalOptions(global...)
		l.SetXAxis(c.Categories)
		for k, ser := range c.Data {
			data := make([]opts.LineData, len(ser.Values))
			for i, v := range ser.Values {
				data[i] = opts.LineData{Value: chartValue(v)}
			}
			l.AddSeries(ser.Name, data, append([]charts.SeriesOpts{
				charts.WithItemStyleOpts(opts.ItemStyle{Color: ser.Color}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: ser.Color, Width: 2}),
				charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}),
			}, marks(k)...)...)
		}
		l.Validate()
		obj = l.JSON()
	default:
		return "", fmt.Errorf("chart type %q: want %q, %q or %q", c.Type, pack.ChartBar, pack.ChartStackedBar, pack.ChartLine)
	}
	// encoding/json escapes <, >, &, U+2028 and U+2029, so the text is safe
	// inside a <script type="application/json"> block.
	b, err := json.Marshal(obj)
	if err != nil {
		return "", fmt.Errorf("chart option: %w", err)
	}
	return template.JS(b), nil
}

// chartValue is a data value for ECharts: the number, or "-", ECharts' mark
// for an empty value, so that a missing or suppressed value is a gap.
func chartValue(v *float64) any {
	if v == nil {
		return "-"
	}
	return *v
}

// gridTop leaves room above the plot for the legend when there is one,
// and for the value axis's title.
func gridTop(c *pack.Chart, valueTitle string) string {
	top := 16
	if len(c.Data) > 1 {
		top = 36
	}
	if valueTitle != "" {
		top += 20
	}
	return strconv.Itoa(top)
}

// gridBottom leaves room below the category labels for the axis's title.
func gridBottom(catTitle string) string {
	if catTitle != "" {
		return "30"
	}
	return "8"
}
