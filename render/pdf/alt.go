package pdf

import (
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
	if w := s.ChartWithheldNames(); len(w) > 0 {
		parts = append(parts, lb.ChartWithheld+": "+strings.Join(w, "; "))
	}
	return strings.Join(parts, ". ") + ". " + lb.ChartTableNote
}
