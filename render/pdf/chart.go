package pdf

import (
	"math"

	"codeberg.org/go-pdf/fpdf"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pdf/tagged"
)

// Chart geometry and type.
const (
	chartGap    = 6.0  // space above a chart
	chartPlotH  = 58.0 // height of the plotting area
	sizeTick    = 7.0
	sizeCat     = 7.0
	catMaxW     = 34.0 // longest slanted category label before it is shortened
	catMinWrapW = 16.0 // narrowest category slot whose labels wrap rather than slant
	catMaxLines = 3    // most lines of a wrapped category label
	swatch      = 3.0
)

// Ways to write category labels.
const (
	catLevel   = iota // one line, level
	catWrapped        // up to catMaxLines lines, level, the last shortened if need be
	catSlanted        // one line at 45°, shortened if long, maybe every nth
)

// chartLayout is a chart measured for the page.
type chartLayout struct {
	title   []string
	legend  [][]legendItem // rows of legend items
	ticks   []float64
	tickDec int
	plotX   float64
	plotW   float64
	slot    float64
	mode    int
	cats    [][]string // lines per category label
	stride  int        // label every stride-th category
	catH    float64
	height  float64
	colours []rgb
	// catTitle and valueTitle are the axes' titles (pack.Section.ChartAxes);
	// axisH the height of the value axis title above the plot.
	catTitle, valueTitle string
	axisH                float64
	// withheld marks the withheld values (pack.Section.ChartWithheld).
	withheld [][]bool
}

// legendItem is one series in the legend, at x from the left margin.
type legendItem struct {
	x    float64
	name string
	c    rgb
}

// measureChart lays out s's chart.
func (d *doc) measureChart(s *pack.Section) chartLayout {
	c := s.Chart
	var lay chartLayout
	d.setFont("B", sizeH3)
	lay.title = d.wrap(c.Title, d.bodyW()-d.marksWidth(s.Marks())-1)

	for _, ser := range c.Data {
		col, _ := parseColor(ser.Color)
		lay.colours = append(lay.colours, col)
	}
	lay.catTitle, lay.valueTitle = s.ChartAxes()
	lay.withheld = s.ChartWithheld()
	if lay.valueTitle != "" {
		lay.axisH = lineHeight(sizeTick) + 1
	}
	// One series needs no legend: the value axis's title names it.
	d.setFont("", sizeSmall)
	x := 0.0
	var cur []legendItem
	for i, ser := range c.Data {
		if len(c.Data) == 1 && lay.valueTitle != "" {
			break
		}
		w := swatch + 1.5 + d.width(ser.Name) + 6
		if x > 0 && x+w > d.bodyW() {
			lay.legend = append(lay.legend, cur)
			cur, x = nil, 0
		}
		cur = append(cur, legendItem{x: x, name: d.truncate(ser.Name, d.bodyW()-swatch-8), c: lay.colours[i]})
		x += w
	}
	if len(cur) > 0 {
		lay.legend = append(lay.legend, cur)
	}

	lo, hi := valueRange(c)
	lay.ticks = niceTicks(lo, hi, c.ValueType == pack.TypeInteger)
	step := lay.ticks[1] - lay.ticks[0]
	if c.ValueType == pack.TypePercent {
		lay.tickDec = decimalsFor(step * 100)
	} else {
		lay.tickDec = decimalsFor(step)
	}
	d.setFont("", sizeTick)
	tickW := 0.0
	for _, t := range lay.ticks {
		tickW = max(tickW, d.width(d.tickText(c, t, lay.tickDec)))
	}
	lay.plotX = marginL + tickW + 2.5
	lay.plotW = marginL + d.bodyW() - lay.plotX - 1
	lay.slot = lay.plotW / float64(max(1, len(c.Categories)))

	d.setFont("", sizeCat)
	lh := lineHeight(sizeCat)
	avail := lay.slot - 1.5
	lay.mode, lay.stride = catLevel, 1
	for _, cat := range c.Categories {
		if d.width(cat) > avail {
			lay.mode = catWrapped
		}
	}
	if lay.mode == catWrapped && avail < catMinWrapW {
		lay.mode = catSlanted
	}
	lay.cats = make([][]string, len(c.Categories))
	switch lay.mode {
	case catLevel:
		for i, cat := range c.Categories {
			lay.cats[i] = []string{cat}
		}
		lay.catH = lh + 1.5
	case catWrapped:
		n := 1
		for i, cat := range c.Categories {
			lines := d.wrap(cat, avail)
			if len(lines) > catMaxLines {
				lines = lines[:catMaxLines]
				lines[catMaxLines-1] = d.truncate(lines[catMaxLines-1]+"…", avail)
			}
			lay.cats[i] = lines
			n = max(n, len(lines))
		}
		lay.catH = float64(n)*lh + 1.5
	case catSlanted:
		longest := 0.0
		for i, cat := range c.Categories {
			t := d.truncate(cat, catMaxW)
			lay.cats[i] = []string{t}
			longest = max(longest, d.width(t))
		}
		lay.stride = max(1, int(math.Ceil(lh*1.45/lay.slot)))
		lay.catH = (longest+lh)*math.Sqrt2/2 + 2.5
	}

	if lay.catTitle != "" {
		lay.catH += lineHeight(sizeTick) + 0.5
	}
	lay.height = float64(len(lay.title))*lineHeight(sizeH3) + 1.5 +
		float64(len(lay.legend))*(lineHeight(sizeSmall)+0.8) + 3 + lay.axisH +
		chartPlotH + lay.catH + lineHeight(sizeNote) + 1
	return lay
}

// tickText formats a value-axis tick.
func (d *doc) tickText(c *pack.Chart, v float64, dec int) string {
	if c.ValueType == pack.TypePercent {
		return d.l.Percent(v, dec)
	}
	return d.l.Number(v, dec)
}

// valueRange is the span the value axis must show: every value (stacked
// values summed per category, positive and negative apart) and zero.
func valueRange(c *pack.Chart) (lo, hi float64) {
	for i := range c.Categories {
		pos, neg := 0.0, 0.0
		for _, ser := range c.Data {
			v := ser.Values[i]
			if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
				continue
			}
			if c.Type == pack.ChartStackedBar {
				if *v >= 0 {
					pos += *v
				} else {
					neg += *v
				}
			} else {
				pos, neg = max(pos, *v), min(neg, *v)
			}
		}
		hi, lo = max(hi, pos), min(lo, neg)
	}
	return lo, hi
}

// niceTicks returns about five evenly spaced round ticks covering lo..hi,
// steps being 1, 2 or 5 times a power of ten (whole numbers when integer).
// An empty span gives 0..1.
func niceTicks(lo, hi float64, integer bool) []float64 {
	if hi-lo <= 0 {
		switch {
		case hi > 0:
			lo = 0
		case lo < 0:
			hi = 0
		default:
			lo, hi = 0, 1
		}
	}
	step := niceNum(niceNum(hi-lo, false)/4, true)
	if integer && step < 1 {
		step = 1
	}
	first := math.Floor(lo/step + 1e-9)
	last := math.Ceil(hi/step - 1e-9)
	ticks := make([]float64, 0, int(last-first)+1)
	dec := decimalsFor(step)
	for i := first; i <= last; i++ {
		v := i * step
		p := math.Pow(10, float64(dec))
		ticks = append(ticks, math.Round(v*p)/p)
	}
	if len(ticks) < 2 {
		ticks = append(ticks, ticks[0]+step)
	}
	return ticks
}

// niceNum is a round number near x: with round, the nearest of 1, 2, 5, 10
// times a power of ten; without, the smallest not below x.
func niceNum(x float64, round bool) float64 {
	exp := math.Floor(math.Log10(x))
	f := x / math.Pow(10, exp)
	var nf float64
	switch {
	case round && f < 1.5:
		nf = 1
	case round && f < 3:
		nf = 2
	case round && f < 7:
		nf = 5
	case round:
		nf = 10
	case f <= 1:
		nf = 1
	case f <= 2:
		nf = 2
	case f <= 5:
		nf = 5
	default:
		nf = 10
	}
	return nf * math.Pow(10, exp)
}

// decimalsFor is the fewest decimals (0 to 6) that show step exactly.
func decimalsFor(step float64) int {
	for d := 0; d < 6; d++ {
		v := step * math.Pow(10, float64(d))
		if math.Abs(v-math.Round(v)) < 1e-6*math.Max(1, v) {
			return d
		}
	}
	return 6
}

// chart writes s's chart below the table: title with the section's marks,
// legend, value axis with round ticks, the bars or lines, category labels,
// and a note that the figures are in the table. The chart moves to the next
// page whole when it and its footnotes do not fit. With footnotes false the
// marks stand on the title but the footnotes follow the section as a block.
//
// In sect the title is an H3, the drawing a Figure whose /Alt says what it
// shows (see chartAlt), and the note a P.
func (d *doc) chart(sect *tagged.Elem, s *pack.Section, footnotes bool) {
	c := s.Chart
	if len(c.Categories) == 0 || len(c.Data) == 0 {
		return
	}
	lay := d.measureChart(s)
	var notes []pack.Footnote
	if footnotes {
		notes = s.Footnotes
	}
	if !d.atTop() {
		if d.fits(chartGap+lay.height, notes) {
			d.y += chartGap
		} else {
			d.newPage()
		}
	}
	d.mark(notes)

	d.setFont("B", sizeH3)
	d.textColor(colInk)
	h := sect.Add(tagged.H3)
	for i, ln := range lay.title {
		b := baseline(d.y, sizeH3)
		d.textIn(h, marginL, b, ln)
		if i == len(lay.title)-1 {
			d.marks(h, marginL+d.width(ln), b, sizeH3, s.Marks())
		}
		d.y += lineHeight(sizeH3)
	}
	d.y += 1.5

	fig := sect.Add(tagged.Figure)
	fig.SetAlt(chartAlt(d.l, s))
	top := d.y
	bottom := top + float64(len(lay.legend))*(lineHeight(sizeSmall)+0.8) + 3 + lay.axisH + chartPlotH + lay.catH
	fig.SetBBox(marginL/ptMM, (d.pageH()-bottom)/ptMM, (marginL+d.bodyW())/ptMM, (d.pageH()-top)/ptMM)
	d.in(fig, func() { d.drawChart(c, &lay) })
	d.setFont("I", sizeNote)
	d.textColor(colMuted)
	d.textIn(sect.Add(tagged.P), marginL, baseline(d.y, sizeNote), d.l.Labels.ChartTableNote)
	d.y += lineHeight(sizeNote) + 1
}

// drawChart draws a chart's legend, axis, values and category labels at
// the cursor, and moves the cursor below them.
func (d *doc) drawChart(c *pack.Chart, lay *chartLayout) {
	f := d.f
	d.setFont("", sizeSmall)
	for _, items := range lay.legend {
		for _, it := range items {
			x := marginL + it.x
			mid := d.y + lineHeight(sizeSmall)/2
			if c.Type == pack.ChartLine {
				d.drawColor(it.c)
				f.SetLineWidth(0.6)
				f.Line(x, mid, x+swatch, mid)
				d.fillColor(it.c)
				f.Circle(x+swatch/2, mid, 0.7, "F")
			} else {
				d.fillColor(it.c)
				f.Rect(x, mid-swatch/2, swatch, swatch, "F")
			}
			d.textColor(colInk)
			d.text(x+swatch+1.5, baseline(d.y, sizeSmall), it.name)
		}
		d.y += lineHeight(sizeSmall) + 0.8
	}
	d.y += 3
	if lay.valueTitle != "" {
		d.setFont("", sizeTick)
		d.textColor(colMuted)
		d.text(marginL, baseline(d.y, sizeTick), d.truncate(lay.valueTitle, d.bodyW()))
		d.y += lay.axisH
	}

	top := d.y
	lo, hi := lay.ticks[0], lay.ticks[len(lay.ticks)-1]
	yOf := func(v float64) float64 { return top + chartPlotH*(1-(v-lo)/(hi-lo)) }

	d.setFont("", sizeTick)
	for _, t := range lay.ticks {
		y := yOf(t)
		if t == 0 {
			d.drawColor(colStrong)
			f.SetLineWidth(0.3)
		} else {
			d.drawColor(colGrid)
			f.SetLineWidth(0.15)
		}
		f.Line(lay.plotX, y, lay.plotX+lay.plotW, y)
		d.textColor(colMuted)
		txt := d.tickText(c, t, lay.tickDec)
		d.text(lay.plotX-2-d.width(txt), y+0.34*sizeTick*ptMM, txt)
	}
	d.drawColor(colStrong)
	f.SetLineWidth(0.3)
	f.Line(lay.plotX, top+chartPlotH, lay.plotX+lay.plotW, top+chartPlotH)

	switch c.Type {
	case pack.ChartBar:
		d.bars(c, lay, yOf)
	case pack.ChartStackedBar:
		d.stacks(c, lay, yOf)
	case pack.ChartLine:
		d.lines(c, lay, yOf)
	}

	d.withheldMarks(c, lay, yOf)
	d.categories(lay, top+chartPlotH)
	if lay.catTitle != "" {
		d.setFont("", sizeTick)
		d.textColor(colMuted)
		t := d.truncate(lay.catTitle, lay.plotW)
		d.text(lay.plotX+lay.plotW-d.width(t), top+chartPlotH+lay.catH-0.8, t)
	}
	d.y = top + chartPlotH + lay.catH
}

// withheldMarks writes the withheld mark where a withheld value would
// stand, just above the zero line: at its bar in a group of bars, over
// the category of a stack or a line, so that a withheld value never reads
// as a zero or a missing one.
func (d *doc) withheldMarks(c *pack.Chart, lay *chartLayout, yOf func(float64) float64) {
	if lay.withheld == nil {
		return
	}
	d.setFont("B", sizeTick)
	d.textColor(colMuted)
	zero := yOf(max(0, lay.ticks[0])) - 1
	group := min(lay.slot*0.64, 18*float64(len(c.Data)))
	bw := group / float64(len(c.Data))
	w := d.width(pack.WithheldMark)
	for i := range c.Categories {
		done := false
		for k := range c.Data {
			if !lay.withheld[k][i] || done {
				continue
			}
			x := lay.center(i)
			if c.Type == pack.ChartBar {
				x = lay.center(i) - group/2 + (float64(k)+0.5)*bw
			} else {
				done = true // one mark for the category
			}
			d.text(x-w/2, zero, pack.WithheldMark)
		}
	}
}

// center is the middle of category i.
func (lay *chartLayout) center(i int) float64 {
	return lay.plotX + lay.slot*(float64(i)+0.5)
}

// bars draws grouped bars: one bar per series side by side in each category.
func (d *doc) bars(c *pack.Chart, lay *chartLayout, yOf func(float64) float64) {
	group := min(lay.slot*0.64, 18*float64(len(c.Data)))
	bw := group / float64(len(c.Data))
	gap := min(0.4, bw*0.1)
	for i := range c.Categories {
		x0 := lay.center(i) - group/2
		for k, ser := range c.Data {
			v := ser.Values[i]
			if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
				continue
			}
			y1, y2 := yOf(*v), yOf(0)
			d.fillColor(lay.colours[k])
			d.f.Rect(x0+float64(k)*bw+gap/2, min(y1, y2), bw-gap, math.Abs(y2-y1), "F")
		}
	}
}

// stacks draws stacked bars: series stacked in legend order, positive values
// up from zero and negative ones down.
func (d *doc) stacks(c *pack.Chart, lay *chartLayout, yOf func(float64) float64) {
	bw := min(lay.slot*0.5, 22)
	d.drawColor(colWhite)
	d.f.SetLineWidth(0.25)
	for i := range c.Categories {
		x := lay.center(i) - bw/2
		pos, neg := 0.0, 0.0
		for k, ser := range c.Data {
			v := ser.Values[i]
			if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) || *v == 0 {
				continue
			}
			var a, b float64
			if *v > 0 {
				a, b = pos, pos+*v
				pos = b
			} else {
				a, b = neg, neg+*v
				neg = b
			}
			y1, y2 := yOf(a), yOf(b)
			d.fillColor(lay.colours[k])
			d.f.Rect(x, min(y1, y2), bw, math.Abs(y2-y1), "FD")
		}
	}
}

// lines draws one line per series through the category centres, with a
// dot on every value; a missing value leaves a gap.
func (d *doc) lines(c *pack.Chart, lay *chartLayout, yOf func(float64) float64) {
	f := d.f
	f.SetLineCapStyle("round")
	f.SetLineJoinStyle("round")
	for k, ser := range c.Data {
		d.drawColor(lay.colours[k])
		f.SetLineWidth(0.6)
		var run []fpdf.PointType
		flush := func() {
			if len(run) > 1 {
				for j := 1; j < len(run); j++ {
					f.Line(run[j-1].X, run[j-1].Y, run[j].X, run[j].Y)
				}
			}
			run = run[:0]
		}
		for i := range c.Categories {
			v := ser.Values[i]
			if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
				flush()
				continue
			}
			run = append(run, fpdf.PointType{X: lay.center(i), Y: yOf(*v)})
		}
		flush()
		d.fillColor(lay.colours[k])
		d.drawColor(colWhite)
		f.SetLineWidth(0.25)
		for i := range c.Categories {
			if v := ser.Values[i]; v != nil && !math.IsNaN(*v) && !math.IsInf(*v, 0) {
				f.Circle(lay.center(i), yOf(*v), 0.85, "FD")
			}
		}
	}
	f.SetLineCapStyle("butt")
	f.SetLineJoinStyle("miter")
}

// categories writes the category labels below the plot at y.
func (d *doc) categories(lay *chartLayout, y float64) {
	d.setFont("", sizeCat)
	d.textColor(colInk)
	lh := lineHeight(sizeCat)
	for i, lines := range lay.cats {
		cx := lay.center(i)
		switch lay.mode {
		case catLevel, catWrapped:
			ly := y + 1
			for _, ln := range lines {
				d.text(cx-d.width(ln)/2, baseline(ly, sizeCat), ln)
				ly += lh
			}
		case catSlanted:
			if i%lay.stride != 0 {
				continue
			}
			ln := lines[0]
			ax, ay := cx+0.8, y+2
			d.f.TransformBegin()
			d.f.TransformRotate(45, ax, ay)
			d.text(ax-d.width(ln), ay+0.34*sizeCat*ptMM, ln)
			d.f.TransformEnd()
		}
	}
}
