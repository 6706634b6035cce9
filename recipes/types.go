package recipes

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Str is a scalar from the recipe with its position. Any scalar decodes into
// a Str (numbers and booleans keep their text), so decoding never fails on a
// scalar and Check reports a wrong value with its position.
type Str struct {
	// Value is the scalar's text; "" when the key is absent.
	Value string
	// Pos is where the scalar starts; zero when the key is absent.
	Pos Pos
	// Block is true for a literal (|) or folded (>) block scalar, whose text
	// starts on the line after Pos.
	Block bool
	// Quoted is true for a single- or double-quoted scalar.
	Quoted bool
	set    bool
}

// Set reports whether the key was present in the recipe.
func (s Str) Set() bool { return s.set }

// UnmarshalYAML keeps the scalar's text and position.
func (s *Str) UnmarshalYAML(n *yaml.Node) error {
	*s = Str{Value: n.Value, Pos: Pos{Line: n.Line, Col: n.Column}, set: true,
		Block:  n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0,
		Quoted: n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0}
	if n.Tag == "!!null" {
		s.Value = ""
	}
	return nil
}

// Int returns the scalar as an integer.
func (s Str) Int() (int, error) {
	return strconv.Atoi(strings.TrimSpace(s.Value))
}

// Bool returns the scalar as a YAML boolean (true/false, yes/no, on/off).
func (s Str) Bool() (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s.Value)) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off", "":
		return false, true
	}
	return false, false
}

// StrList is a list of scalars; a single scalar is read as a list of one,
// so `group_by: section` means `group_by: [section]`.
type StrList []Str

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (l *StrList) UnmarshalYAML(n *yaml.Node) error {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		var s Str
		_ = s.UnmarshalYAML(n)
		*l = StrList{s}
		return nil
	}
	*l = nil
	for _, c := range n.Content {
		var s Str
		_ = s.UnmarshalYAML(resolve(c))
		*l = append(*l, s)
	}
	return nil
}

// Values returns the list's texts.
func (l StrList) Values() []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = s.Value
	}
	return out
}

// Named is one `name: value` entry of an ordered mapping such as `derive`,
// `measures`, `compute` or `labels`.
type Named struct {
	Name  Str
	Value Str
}

// NamedList is an ordered mapping of names to scalars; the recipe's order is kept.
type NamedList []Named

// UnmarshalYAML reads a mapping of scalars in order.
func (l *NamedList) UnmarshalYAML(n *yaml.Node) error {
	n = resolve(n)
	*l = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		var e Named
		_ = e.Name.UnmarshalYAML(resolve(n.Content[i]))
		_ = e.Value.UnmarshalYAML(resolve(n.Content[i+1]))
		*l = append(*l, e)
	}
	return nil
}

// Recipe is a recipe file as written: the YAML contract of recipe format v1,
// with every value's position. Load reads it; Check validates it.
type Recipe struct {
	// File is the recipe's path as given; Dir the directory source files are relative to.
	File string `yaml:"-"`
	Dir  string `yaml:"-"`
	// Bytes are the recipe file's bytes, for its sha256 in the provenance.
	Bytes []byte `yaml:"-"`
	// Commit is the git commit the recipe was read from when it comes from
	// git history rather than from a file (mipack diff's git-ref:path); Run
	// then records it as the recipe's commit and asks git nothing more.
	Commit string `yaml:"-"`

	// Title is shown on the cover and in page headers.
	Title Str `yaml:"title"`
	// Subtitle is optional.
	Subtitle Str `yaml:"subtitle"`
	// Organisation is who issues the pack, e.g. "Kommune K, Social og
	// Sundhed"; shown on the cover and in page headers (format v1.1).
	Organisation Str `yaml:"organisation"`
	// Committee is who the pack is for, e.g. "Social- og Sundhedsudvalget";
	// shown on the cover (format v1.1).
	Committee Str `yaml:"committee"`
	// Meeting is the day of the meeting the pack is prepared for,
	// YYYY-MM-DD; shown on the cover (format v1.1).
	Meeting Str `yaml:"meeting"`
	// Owner is who answers for the recipe, "Name <email>" or a name; shown
	// on the cover and in the provenance (format v1.1).
	Owner Str `yaml:"owner"`
	// Approval "required" lets render make a council pack only from a
	// committed, unchanged recipe whose last change carries a Reviewed-by
	// trailer from someone other than its author (format v1.1; default: not required).
	Approval Str `yaml:"approval"`
	// Period is "YYYY-MM"; the command line's --period overrides it.
	Period Str `yaml:"period"`
	// Locale is "da" or "en" (default "en").
	Locale Str `yaml:"locale"`
	// Audience is "council" (disclosure control on) or "internal" (default "internal").
	Audience Str `yaml:"audience"`
	// Disclosure sets disclosure control; defaults min_count 5, subject citizen_id.
	Disclosure *Disclosure `yaml:"disclosure"`
	// Sources are the extracts, in recipe order.
	Sources Sources `yaml:"sources"`
	// Reservations are the pack-wide reservations.
	Reservations []Reservation `yaml:"reservations"`
	// Sections are the pack's sections, in order.
	Sections []Section `yaml:"sections"`

	pos Pos
	// root is the recipe's top-level mapping as parsed, for markRead.
	root *yaml.Node
	// keyProblems are unknown or repeated keys found by Load; Check
	// reports them with every other fault.
	keyProblems []*Error
}

// Disclosure is the recipe's disclosure-control setting.
type Disclosure struct {
	// MinCount is the least number of distinct subjects a shown cell may describe (default 5).
	MinCount Str `yaml:"min_count"`
	// Subject is the column that identifies a person (default "citizen_id").
	Subject Str `yaml:"subject"`
	// Dominance is the dominance rule on sums: a sum whose n largest
	// persons make up more than k per cent of it is withheld (default n 2, k 85).
	Dominance *Dominance `yaml:"dominance"`
	// Protection is how far, in per cent of a withheld figure, the range a
	// reader can work out for it from every other published figure must
	// reach on each side (default 10); more is withheld until it does.
	Protection Str `yaml:"protection"`
}

// Dominance is the (n, k) dominance rule.
type Dominance struct {
	// N is how many of the largest persons are added up (default 2).
	N Str `yaml:"n"`
	// K is the per cent of the sum they may make up at most (default 85).
	K Str `yaml:"k"`
}

// Source is one extract: where it is, how it is written, and which columns are read.
type Source struct {
	// Name is the key under `sources`, used by sections.
	Name Str `yaml:"-"`
	// File is the extract's path, relative to the recipe file. In a council
	// recipe no two sources may read one extract.
	File Str `yaml:"file"`
	// Label is the source in a reader's words, e.g. "bevillinger", as
	// steps and notes name it ("Kun i bevillinger"); the file's name
	// without its extension by default.
	Label Str `yaml:"label"`
	// Delimiter is "," ";" "\t" or "|"; sniffed from the header line when absent.
	Delimiter Str `yaml:"delimiter"`
	// Decimal is "." or ","; "." by default, "," when the locale is da and the delimiter ";".
	Decimal Str `yaml:"decimal"`
	// Encoding is utf-8, windows-1252 or iso-8859-1; sniffed when absent.
	// A workbook (.xlsx) has no encoding, delimiter or decimal of its own:
	// decimal then applies to amounts stored as text.
	Encoding Str `yaml:"encoding"`
	// Sheet is the sheet read from a workbook (.xlsx); the first sheet in
	// workbook order by default. Only for workbooks.
	Sheet Str `yaml:"sheet"`
	// HeaderLine is the 1-based line (a workbook's row) of the header
	// (default 1), to skip a report preamble.
	HeaderLine Str `yaml:"header_line"`
	// EndBefore is an expression over the source's columns; the first row
	// where it holds, and every row after it (a totals row, notes), is not
	// data: not read, and counted in an automatic note. Optional.
	EndBefore Str `yaml:"end_before"`
	// Null lists cell texts read as empty (nil), such as "-" or "n/a";
	// [""] by default. Blank cells are always empty.
	Null StrList `yaml:"null"`
	// Columns are the columns read, in order; others are ignored.
	Columns Columns `yaml:"columns"`
	// OnError is "reject" (default: a bad row stops the run) or "skip"
	// (bad rows are left out and counted in an automatic reservation).
	OnError Str `yaml:"on_error"`
	// Reservations name pack-wide reservations by id, or are texts of their
	// own, that hold for every figure made from this extract (format v1.1):
	// they are footnoted on every section that reads the source (through
	// from, join, reconcile, budget or compare) and cannot be switched off.
	Reservations StrList `yaml:"reservations"`

	pos Pos
}

// Sources is the ordered `sources` mapping.
type Sources []Source

// UnmarshalYAML reads the mapping of source names to sources in order.
func (s *Sources) UnmarshalYAML(n *yaml.Node) error {
	n = resolve(n)
	*s = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		var src Source
		body := resolve(n.Content[i+1])
		if err := body.Decode(&src); err != nil {
			return err
		}
		if body.Kind == yaml.MappingNode {
			// YAML reads the key `null` as no key at all, so the decoder
			// never gives it to the field; take it by its text.
			for j := 0; j+1 < len(body.Content); j += 2 {
				if k := resolve(body.Content[j]); k.Value == "null" {
					_ = src.Null.UnmarshalYAML(body.Content[j+1])
				}
			}
		}
		_ = src.Name.UnmarshalYAML(resolve(n.Content[i]))
		src.pos = src.Name.Pos
		*s = append(*s, src)
	}
	return nil
}

// Column is one column read from an extract: `name: type` or
// `name: {from: "Header text", type: date, layout: "02-01-2006"}`.
type Column struct {
	// Name is the column's name in the recipe.
	Name Str `yaml:"-"`
	// From is the header text in the file; the name when absent.
	From Str `yaml:"from"`
	// Type is string, number, integer, date or bool.
	Type Str `yaml:"type"`
	// Layout is a Go time layout for dates, or a list of them tried in
	// turn; ISO 8601 by default. A workbook cell that holds an Excel date
	// is a date whatever its layout.
	Layout StrList `yaml:"layout"`
	// Label is the column in a reader's words, e.g. "Cost per day", in
	// every section that reads it (a section's labels override it); the
	// header (From) by default.
	Label Str `yaml:"label"`
}

// Header returns the header text the column is read from.
func (c Column) Header() string {
	if c.From.Set() {
		return c.From.Value
	}
	return c.Name.Value
}

// Columns is the ordered `columns` mapping.
type Columns []Column

// UnmarshalYAML reads `name: type` and `name: {from, type, layout}` entries in order.
func (cs *Columns) UnmarshalYAML(n *yaml.Node) error {
	n = resolve(n)
	*cs = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		var c Column
		v := resolve(n.Content[i+1])
		if v.Kind == yaml.ScalarNode {
			_ = c.Type.UnmarshalYAML(v)
		} else if err := v.Decode(&c); err != nil {
			return err
		}
		_ = c.Name.UnmarshalYAML(resolve(n.Content[i]))
		*cs = append(*cs, c)
	}
	return nil
}

// Reservation is a pack-wide reservation.
type Reservation struct {
	// ID is how sections name it.
	ID Str `yaml:"id"`
	// Text is what it says.
	Text Str `yaml:"text"`

	pos Pos
}

// Section is one section of the pack: a grouped table, a reconciliation,
// or a text quoting figures of other sections.
type Section struct {
	// ID is stable: anchors, pack.json and diffs use it.
	ID Str `yaml:"id"`
	// Title is the section's heading.
	Title Str `yaml:"title"`
	// From names the source the rows come from.
	From Str `yaml:"from"`
	// Join lists sources joined to From, in order, before Where.
	Join []Join `yaml:"join"`
	// Where keeps the rows for which the expression is true.
	Where Str `yaml:"where"`
	// WhereText says in a reader's words which rows Where keeps, e.g.
	// "bevillinger, der er aktive i perioden"; the notes and steps show it
	// instead of the expression said in words (the default).
	WhereText Str `yaml:"where_text"`
	// Derive adds per-row columns computed by expressions, in order.
	Derive NamedList `yaml:"derive"`
	// GroupBy lists the grouping columns.
	GroupBy StrList `yaml:"group_by"`
	// Measures are NAME: aggregate(column) entries.
	Measures NamedList `yaml:"measures"`
	// Compute adds columns computed from the measures after grouping.
	Compute NamedList `yaml:"compute"`
	// OrderBy lists columns to sort by; a "-" prefix sorts descending.
	OrderBy StrList `yaml:"order_by"`
	// Total adds a total row computed from all rows.
	Total Str `yaml:"total"`
	// Chart draws the table.
	Chart *Chart `yaml:"chart"`
	// Reservations name pack-wide reservations by id, or are texts of their own.
	Reservations StrList `yaml:"reservations"`
	// Reconcile makes the section a reconciliation of two sources.
	Reconcile *Reconcile `yaml:"reconcile"`
	// Disclosure holds a council section's exemption from disclosure control.
	Disclosure *SectionDisclosure `yaml:"disclosure"`
	// Labels are reader-facing column headings (an extension of v1). A
	// column without one is headed by its extract's header (`from:`), a
	// measure by a label made from its aggregate ("Antal borgere",
	// "Døgnpris, i alt").
	Labels NamedList `yaml:"labels"`
	// Decimals sets the decimals shown per column (an extension of v1).
	Decimals NamedList `yaml:"decimals"`
	// Compare adds each measure's figure for another period and the change:
	// previous_period or same_period_last_year (an extension of v1).
	Compare Str `yaml:"compare"`
	// Budget compares spending with an annual budget (an extension of v1).
	Budget *Budget `yaml:"budget"`
	// Alert lists single rows whose value exceeds a threshold (an extension of v1).
	Alert *Alert `yaml:"alert"`
	// Text makes the section a text with live figures (format v1.1):
	// paragraphs separated by blank lines, **bold**, and figures quoted from
	// other sections as {SECTION.total.MEASURE} or {SECTION["VALUE"].MEASURE}
	// ({SECTION["V1", "V2"].MEASURE} for two group columns), each formatted
	// as in its table and carrying its section's footnote marks. A text
	// section takes only id, title, text and reservations.
	Text Str `yaml:"text"`

	pos Pos
}

// Budget compares a section's spending so far with an annual budget and
// forecasts the year's end.
type Budget struct {
	// Source holds the budget; On are the group_by columns it is matched on
	// (named alike in both); Value is its budget column.
	Source Str     `yaml:"source"`
	On     StrList `yaml:"on"`
	Value  Str     `yaml:"value"`
	// Spent is the measure holding the spending so far; the first sum() by default.
	Spent Str `yaml:"spent"`
	// Threshold flags a row whose forecast exceeds its budget by more than
	// this share (0.05 = 5 %); 0 by default.
	Threshold Str `yaml:"threshold"`
	// Committed adds a forecast from active grants: spending so far plus
	// each grant's cost per day for its days left in the year.
	Committed *Committed `yaml:"committed"`
}

// Committed says where the grants behind the committed forecast are.
type Committed struct {
	// Source holds the grants; On are matched to the budget's On columns.
	Source Str     `yaml:"source"`
	On     StrList `yaml:"on"`
	// Where picks the grants that bind (e.g. status == "Aktiv").
	Where Str `yaml:"where"`
	// CostPerDay, Start and End name the grant's columns (End may be empty: open-ended).
	CostPerDay Str `yaml:"cost_per_day"`
	Start      Str `yaml:"start"`
	End        Str `yaml:"end"`
}

// Alert lists the rows whose value exceeds a threshold: for an internal
// pack one line per row; for a council pack their count and sum per group,
// under disclosure control, so no single case can be recognised.
type Alert struct {
	// Value is an expression over the row, e.g. cost_per_day * 365.
	Value Str `yaml:"value"`
	// Threshold is the value a row must exceed.
	Threshold Str `yaml:"threshold"`
	// Show lists the columns shown per row (internal packs only); the
	// group_by columns by default, so one recipe makes both audiences' packs.
	Show StrList `yaml:"show"`
	// Label is the value column's heading.
	Label Str `yaml:"label"`
}

// Join joins another source to a section's rows by a key.
type Join struct {
	// Source is the joined source's name.
	Source Str `yaml:"source"`
	// On is the key column (or columns), named alike on both sides.
	On StrList `yaml:"on"`
	// Type is inner or left (default inner).
	Type Str `yaml:"type"`
}

// Chart is a section's chart.
type Chart struct {
	// Type is bar, stacked_bar or line.
	Type Str `yaml:"type"`
	// X is the category column.
	X Str `yaml:"x"`
	// Y is the measure (or measures) drawn.
	Y StrList `yaml:"y"`
	// Series is a column whose values split the bars or lines into series.
	Series Str `yaml:"series"`
	// Title is the chart's accessible name; the section title by default.
	Title Str `yaml:"title"`
}

// Reconcile compares two sources by a key.
type Reconcile struct {
	Left  Str     `yaml:"left"`
	Right Str     `yaml:"right"`
	On    StrList `yaml:"on"`
	// Subject names the column that identifies a person on each side,
	// where a side names it otherwise than the recipe's disclosure.subject
	// (default: that column, on each side that has it).
	Subject *ReconcileSubject `yaml:"subject"`
}

// ReconcileSubject names the subject column of each side of a reconcile.
type ReconcileSubject struct {
	// Left is the left source's subject column.
	Left Str `yaml:"left"`
	// Right is the right source's subject column.
	Right Str `yaml:"right"`
}

// SectionDisclosure is a section's disclosure setting.
type SectionDisclosure struct {
	// Exempt gives the reason a council section has no subject column; the
	// reason becomes one of the section's reservations. A council section
	// whose rows carry the subject column cannot be exempt.
	Exempt Str `yaml:"exempt"`
	// Secondary says what is withheld so that a total cannot give a small
	// row away: "rows" (default) withholds further rows, smallest first;
	// "total" withholds the total row's figures instead (an extension of v1),
	// unless the section counts rows: its steps then give the total away.
	Secondary Str `yaml:"secondary"`
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}
