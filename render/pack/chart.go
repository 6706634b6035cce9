package pack

import (
	"fmt"
	"regexp"
	"slices"
)

// ChartWithheld reports, for each series and category of the section's
// chart (Chart.Data[k].Values[i]), whether the value is withheld by
// disclosure control rather than missing, so that a chart can mark it as
// its table does instead of leaving a slot that reads as zero. It is nil
// when the section has no chart or nothing withheld.
//
// A chart's categories are the distinct values of its X column in the order
// they first appear in the rows; its series are its Y columns, or, with a
// series column, that column's distinct values. A withheld cell in a Y
// column is a withheld value of the row's category and series. When the
// rows do not give the chart's categories, it marks none. The marks follow
// the table's withheld cells, so they say nothing the table does not.
func (s *Section) ChartWithheld() [][]bool {
	c := s.Chart
	if c == nil || len(s.Suppressed) == 0 {
		return nil
	}
	xi := slices.Index(s.Columns, c.X)
	si := slices.Index(s.Columns, c.Series)
	if xi < 0 {
		return nil
	}
	cat := make([]int, len(s.Rows)) // category of each row
	seen := map[string]int{}
	for r, row := range s.Rows {
		k := fmt.Sprint(row[xi])
		if row[xi] == nil {
			k = "\x00nil"
		}
		n, ok := seen[k]
		if !ok {
			n = len(seen)
			seen[k] = n
		}
		cat[r] = n
	}
	if len(seen) != len(c.Categories) {
		return nil
	}
	out := make([][]bool, len(c.Data))
	for k := range out {
		out[k] = make([]bool, len(c.Categories))
	}
	found := false
	for _, rc := range s.Suppressed {
		r, col := rc[0], rc[1]
		if r < 0 || r >= len(s.Rows) || col < 0 || col >= len(s.Columns) {
			continue
		}
		y := slices.Index(c.Y, s.Columns[col])
		if y < 0 {
			continue
		}
		ser := y
		if si >= 0 {
			ser = slices.IndexFunc(c.Data, func(d Series) bool { return d.Name == fmt.Sprint(s.Rows[r][si]) })
		}
		if ser < 0 || ser >= len(c.Data) || c.Data[ser].Values[cat[r]] != nil {
			continue
		}
		out[ser][cat[r]] = true
		found = true
	}
	if !found {
		return nil
	}
	return out
}

// ChartAxes returns the titles of the section's chart axes, from the
// column labels: the category axis is the X column's label ("Paragraf");
// the value axis the Y column's label when one is drawn ("Døgnpris i alt
// (kr.)"), else the unit in brackets that every Y label shares ("kr."),
// else "" (the legend names the series).
func (s *Section) ChartAxes() (category, value string) {
	c := s.Chart
	if c == nil {
		return "", ""
	}
	label := func(name string) string {
		if i := slices.Index(s.Columns, name); i >= 0 {
			return s.info(i).Label
		}
		return name
	}
	category = label(c.X)
	if len(c.Y) == 1 {
		return category, label(c.Y[0])
	}
	var shared []string
	for i, y := range c.Y {
		var units []string
		for _, m := range bracketed.FindAllStringSubmatch(label(y), -1) {
			units = append(units, m[1])
		}
		if i == 0 {
			shared = units
			continue
		}
		shared = slices.DeleteFunc(shared, func(u string) bool { return !slices.Contains(units, u) })
	}
	if len(shared) > 0 {
		value = shared[0]
	}
	return category, value
}

// bracketed finds the texts in round brackets of a label: "kr." in
// "Udbetalt (kr.)".
var bracketed = regexp.MustCompile(`\(([^()]+)\)`)

// ChartWithheldNames names the withheld values of the section's chart
// (see ChartWithheld) as "category (series)", in chart order, for a
// chart's text alternative.
func (s *Section) ChartWithheldNames() []string {
	w := s.ChartWithheld()
	if w == nil {
		return nil
	}
	var names []string
	for i, cat := range s.Chart.Categories {
		for k, ser := range s.Chart.Data {
			if w[k][i] {
				names = append(names, cat+" ("+ser.Name+")")
			}
		}
	}
	return names
}
