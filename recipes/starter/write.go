package starter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Identifier makes a header into a recipe name: lower case, æ ø å as ae
// oe aa, other accented letters without their accent, and anything but
// letters and digits as one "_": "Døgnpris (kr.)" is "doegnpris_kr". A
// name that would start with a digit gets "c_" in front; an empty one is
// "column".
func Identifier(header string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(header) {
		s := fold(r)
		if s == "" {
			if b.Len() > 0 {
				under = true
			}
			continue
		}
		if under {
			b.WriteByte('_')
			under = false
		}
		b.WriteString(s)
	}
	id := b.String()
	switch {
	case id == "":
		return "column"
	case id[0] >= '0' && id[0] <= '9':
		return "c_" + id
	case slices.Contains(exprWords, id):
		return id + "_"
	}
	return id
}

// exprWords are words of the expression language a column may not be called.
var exprWords = []string{"and", "or", "not", "in", "nil", "true", "false", "matches", "contains", "startswith", "endswith", "let", "period"}

// fold returns r as ASCII letters or digits, or "" for a separator.
func fold(r rune) string {
	switch r {
	case 'æ':
		return "ae"
	case 'ø':
		return "oe"
	case 'å':
		return "aa"
	case 'ä':
		return "ae"
	case 'ö':
		return "oe"
	case 'ü':
		return "ue"
	case 'ß':
		return "ss"
	case '§':
		return "par"
	}
	if r < utf8.RuneSelf {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return string(r)
		}
		return ""
	}
	if unicode.IsLetter(r) {
		if base, ok := accents[r]; ok {
			return base
		}
	}
	return ""
}

// accents maps accented Latin letters to their base letter.
var accents = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ý': "y", 'ÿ': "y",
}

// unique returns name, or name_2, name_3, ... when it is taken, and takes it.
func unique(name string, taken map[string]bool) string {
	n := name
	for i := 2; taken[n]; i++ {
		n = fmt.Sprintf("%s_%d", name, i)
	}
	taken[n] = true
	return n
}

// words are the starter recipe's texts in one language.
type words struct {
	title, reservation, by, rows, header string
}

var danish = words{
	title:       "Ny rapport",
	reservation: "TODO: skriv forbeholdet",
	by:          "%s efter %s",
	rows:        "%s: antal rækker",
	header: `# Første udkast til en opskrift, skrevet af mipack init.
# Tjek kolonnetyperne, skriv forbeholdet og byg afsnittene; kør så
#   mipack validate %s
`,
}

var english = words{
	title:       "New report",
	reservation: "TODO: write the reservation",
	by:          "%s by %s",
	rows:        "%s: number of rows",
	header: `# A starter recipe written by mipack init.
# Check the column types, write the reservation and build the sections; then run
#   mipack validate %s
`,
}

// Write writes a starter recipe for the sources to w. recipeDir is the
// absolute directory the recipe will be in, so that source files are
// written relative to it ("" writes them as given); name is
// the recipe's file name for the header comment. The recipe holds one
// example section, a count of rows grouped by the first string column with
// few distinct values, and one reservation whose text is a placeholder that
// validation refuses until it is written.
func Write(w io.Writer, recipeDir, name string, sources []*Source, o Options) error {
	o = o.withDefaults()
	if len(sources) == 0 {
		return errors.New("no extracts to start from")
	}
	loc := o.Locale
	if loc == "" {
		loc = "en"
		for _, s := range sources {
			if s.Decimal == ',' || s.Delimiter == ';' || danishHeader(s) {
				loc = "da"
			}
		}
	}
	wd := english
	if loc == "da" {
		wd = danish
	}
	period := o.Period
	for _, s := range sources {
		if period == "" && !s.LastDate.IsZero() {
			period = s.LastDate.Format("2006-01")
		}
	}
	if period == "" {
		period = o.DefaultPeriod
	}
	if period == "" {
		return errors.New("no period: give one, as no extract has a date column")
	}
	var b strings.Builder
	fmt.Fprintf(&b, wd.header, name)
	fmt.Fprintf(&b, "title: %s\nperiod: %s\nlocale: %s\naudience: internal\n\nsources:\n", quote(wd.title), period, loc)
	srcNames := map[string]bool{}
	for _, s := range sources {
		s.Name = unique(s.Name, srcNames)
		file := s.Path
		if abs, err := filepath.Abs(s.Path); err == nil && recipeDir != "" {
			if rel, err := filepath.Rel(recipeDir, abs); err == nil {
				file = rel
			}
		}
		fmt.Fprintf(&b, "  %s:\n    file: %s\n", s.Name, quote(filepath.ToSlash(file)))
		if s.Sheet != "" {
			fmt.Fprintf(&b, "    sheet: %s\n", quote(s.Sheet))
			if s.Decimal == ',' {
				b.WriteString("    decimal: \",\"   # of the amounts written as text\n")
			}
		} else {
			fmt.Fprintf(&b, "    delimiter: %s\n    decimal: %s\n    encoding: %s\n", quote(string(s.Delimiter)), quote(string(s.Decimal)), s.Encoding)
		}
		if s.HeaderLine > 1 {
			fmt.Fprintf(&b, "    header_line: %d\n", s.HeaderLine)
		}
		if s.Null {
			fmt.Fprintf(&b, "    null: [\"\", %s]   # \"-\" is zero or nothing in a number column\n", quote(nullToken))
		}
		if s.Skip() {
			fmt.Fprintf(&b, "    on_error: skip   # of %d rows read, %d have the wrong number of fields and %d values do not parse\n", s.Rows, s.BadRows, s.BadValues)
		}
		b.WriteString("    columns:\n")
		for _, c := range s.Columns {
			fmt.Fprintf(&b, "      %s: {from: %s, type: %s", c.Name, quote(c.Header), c.Type)
			switch len(c.Layouts) {
			case 0:
			case 1:
				fmt.Fprintf(&b, ", layout: %s", quote(c.Layouts[0]))
			default:
				q := make([]string, len(c.Layouts))
				for i, l := range c.Layouts {
					q[i] = quote(l)
				}
				fmt.Fprintf(&b, ", layout: [%s]", strings.Join(q, ", "))
			}
			b.WriteString("}\n")
		}
	}
	fmt.Fprintf(&b, "\nreservations:\n  - id: data\n    text: %s\n", quote(wd.reservation))
	b.WriteString("\nsections:\n")
	src, group := exampleGroup(sources, o.MaxGroups)
	id := src.Name + "_rows"
	title := fmt.Sprintf(wd.rows, src.Name)
	if group != nil {
		id = src.Name + "_by_" + group.Name
		title = fmt.Sprintf(wd.by, src.Name, group.Header)
	}
	fmt.Fprintf(&b, "  - id: %s\n    title: %s\n    from: %s\n", id, quote(title), src.Name)
	if group != nil {
		fmt.Fprintf(&b, "    group_by: [%s]\n", group.Name)
	}
	b.WriteString("    measures:\n      rows: count()\n")
	if group != nil {
		b.WriteString("    order_by: [-rows]\n    total: true\n")
	}
	b.WriteString("    reservations: [data]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// exampleGroup picks the example section's source and group column: the
// first string column, of the first source that has one, with at least two
// and at most maxGroups distinct values, each seen twice on average, and
// filled in on at least half the rows.
func exampleGroup(sources []*Source, maxGroups int) (*Source, *Column) {
	for _, s := range sources {
		for i := range s.Columns {
			c := &s.Columns[i]
			if c.Type == "string" && c.Distinct >= 2 && c.Distinct <= maxGroups && 2*c.Distinct <= c.Values && c.Blank <= c.Values {
				return s, c
			}
		}
	}
	return sources[0], nil
}

func danishHeader(s *Source) bool {
	for _, c := range s.Columns {
		if strings.ContainsAny(strings.ToLower(c.Header), "æøå") {
			return true
		}
	}
	return false
}

// quote writes a text as a YAML double-quoted scalar (JSON's quoting is
// valid YAML).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
