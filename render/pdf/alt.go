package pdf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack"
)

// chartAlt is the text alternative of s's chart: what it shows (kind,
// title, categories, series), which of its values are withheld, and where
// its figures are. It gives no figure: the table holds them, withheld ones
// as "<N", so the text says nothing the table does not.
//
//	Diagram: Borgere efter paragraf. Søjlediagram. Kategorier: § 107, § 108.
//	Serier: Borgere. Vises ikke af hensyn til diskretion: § 108 (Borgere).
//	Diagrammets tal står i tabellen.
func chartAlt(l locale.Locale, s *pack.Section) string {
	c := s.Chart
	lb := l.Labels
	kind := map[string]string{pack.ChartBar: lb.ChartBar, pack.ChartStackedBar: lb.ChartStackedBar, pack.ChartLine: lb.ChartLine}[c.Type]
	names := make([]string, len(c.Data))
	for i, ser := range c.Data {
		names[i] = ser.Name
	}
	parts := []string{
		lb.Chart + ": " + c.Title,
		kind,
		lb.ChartCategories + ": " + strings.Join(c.Categories, ", "),
		lb.ChartSeries + ": " + strings.Join(names, ", "),
	}
	if w := withheld(s); len(w) > 0 {
		parts = append(parts, lb.ChartWithheld+": "+strings.Join(w, "; "))
	}
	return strings.Join(parts, ". ") + ". " + lb.ChartTableNote
}

// withheld names the chart values of s that are withheld, as
// "category (series)" in chart order, from the section's suppressed cells.
//
// A chart's categories are the distinct values of its X column in the order
// they first appear in the rows; its series are its Y columns, or, with a
// series column, that column's distinct values. A withheld cell in a Y
// column is a withheld value of the row's category and series. When the
// rows do not give the chart's categories, it names none.
func withheld(s *pack.Section) []string {
	c := s.Chart
	if len(s.Suppressed) == 0 {
		return nil
	}
	xi := slices.Index(s.Columns, c.X)
	si := slices.Index(s.Columns, c.Series)
	cat := make([]int, len(s.Rows)) // category of each row
	seen := map[string]int{}
	for r, row := range s.Rows {
		if xi < 0 {
			return nil
		}
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
	type value struct{ cat, ser int }
	var out []value
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
			ser = slices.IndexFunc(c.Data, func(d pack.Series) bool { return d.Name == fmt.Sprint(s.Rows[r][si]) })
		}
		if ser < 0 || ser >= len(c.Data) || c.Data[ser].Values[cat[r]] != nil {
			continue
		}
		v := value{cat[r], ser}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b value) int {
		if a.cat != b.cat {
			return a.cat - b.cat
		}
		return a.ser - b.ser
	})
	names := make([]string, len(out))
	for i, v := range out {
		names[i] = c.Categories[v.cat] + " (" + c.Data[v.ser].Name + ")"
	}
	return names
}
