package pack

// Pack is one management pack: what the recipe produced for one period.
type Pack struct {
	// Title is shown on the cover and in page headers.
	Title string `json:"title"`
	// Subtitle is optional; empty when the recipe gives none.
	Subtitle string `json:"subtitle,omitempty"`
	// Organisation is who issues the pack (cover and page headers);
	// Committee who it is for, and Meeting the day of the meeting it is
	// prepared for, "YYYY-MM-DD" (cover). Each is empty when not given.
	Organisation string `json:"organisation,omitempty"`
	Committee    string `json:"committee,omitempty"`
	Meeting      string `json:"meeting,omitempty"`
	// Period is the reporting month, "YYYY-MM".
	Period string `json:"period"`
	// PeriodStart and PeriodEnd are the period's first and last day, "YYYY-MM-DD".
	PeriodStart string `json:"period_start,omitempty"`
	PeriodEnd   string `json:"period_end,omitempty"`
	// Locale is "da" or "en": number, date and fixed-label formatting.
	Locale string `json:"locale"`
	// Audience is "council" (disclosure control on) or "internal".
	Audience string `json:"audience,omitempty"`
	// MinCount is the disclosure threshold in force for a council pack
	// (cells describing fewer distinct subjects are suppressed); 0 when off.
	MinCount int `json:"min_count,omitempty"`
	// Reservations are the pack-wide reservations, shown in front of the pack
	// ("Read this first") and footnoted where a section names them.
	Reservations []Reservation `json:"reservations"`
	// Sections are the pack's sections in recipe order.
	Sections []Section `json:"sections"`
	// Provenance says how the pack was made.
	Provenance Provenance `json:"provenance"`
}

// RowsReadText is the rows read as a reader sees them: formatted by
// integer, or the withheld mark.
func (s Source) RowsReadText(integer func(int64) string) string {
	return countText(s.RowsRead, integer)
}

// BytesText is the extract's size as a reader sees it: formatted by
// integer, or the withheld mark.
func (s Source) BytesText(integer func(int64) string) string {
	return countText(s.Bytes, integer)
}

// countText is a provenance count formatted by integer, or the withheld
// mark where it is -1.
func countText(n int64, integer func(int64) string) string {
	if n < 0 {
		return WithheldMark
	}
	return integer(n)
}

// WithheldMark is shown, in every output, for each figure disclosure
// control withholds: one neutral mark, whether the figure describes too
// few persons or is withheld so that other figures cannot give such a
// figure away (pack.json holds null and lists the cell in Suppressed).
const WithheldMark = "x"

// Reservation is a pack-wide reservation: what the figures can and cannot say.
type Reservation struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Section kinds.
const (
	KindTable     = "table"     // a grouped table: group columns, then measures
	KindReconcile = "reconcile" // keys only left, only right, and on both sides
	KindText      = "text"      // prose quoting figures of other sections (Paragraphs)
)

// TotalLabel is the first cell of a total row in the model and in
// pack.json, whatever the locale; renderers show the locale's own label
// ("I alt" in Danish) in its place.
const TotalLabel = "Total"

// Column types: how a renderer aligns and formats a column's cells.
const (
	TypeString  = "string"  // text, left-aligned
	TypeInteger = "integer" // whole numbers (counts), right-aligned, no decimals
	TypeNumber  = "number"  // amounts, right-aligned, up to Column.Decimals decimals
	TypePercent = "percent" // a ratio (0.125 = 12.5 %), right-aligned
	TypeDate    = "date"    // "YYYY-MM-DD"
	TypeBool    = "bool"    // a flag
	TypeMonth   = "month"   // "YYYY-MM", shown as "okt. 2026" / "Oct 2026"
)

// Section is one section of the pack: a titled table with its chart,
// footnotes and the steps that made it.
type Section struct {
	// ID is stable: anchors, pack.json and diffs use it. Letters, digits, "_" and "-".
	ID string `json:"id"`
	// Title is the section's heading.
	Title string `json:"title"`
	// Kind is KindTable or KindReconcile.
	Kind string `json:"kind"`
	// Columns are the column names, in table order (the contract's "columns").
	Columns []string `json:"columns"`
	// ColumnInfo describes each column (label, type, decimals), parallel to Columns.
	ColumnInfo []Column `json:"column_info"`
	// Rows are the table's rows; each row has one cell per column.
	// A suppressed cell is nil here and listed in Suppressed.
	Rows [][]any `json:"rows"`
	// Total is the total row (first cell TotalLabel), or nil when
	// the section has none. It is computed from all rows, and its suppressed
	// cells are nil and listed in Suppressed with row index len(Rows).
	Total []any `json:"total,omitempty"`
	// Suppressed lists [row, column] (0-based) of every cell withheld by
	// disclosure control. Row len(Rows) means the total row.
	Suppressed [][2]int `json:"suppressed"`
	// Revised lists cells that differ from the pack issued before (empty when
	// no earlier pack was given).
	Revised []Revision `json:"revised,omitempty"`
	// Flagged lists rows (0-based) that call for attention, e.g. a forecast
	// over budget. Renderers mark them; the reason is in a footnote.
	Flagged []int `json:"flagged,omitempty"`
	// Footnotes are the section's reservations, written and automatic, in
	// the order their marks are numbered.
	Footnotes []Footnote `json:"footnotes"`
	// Chart is the section's chart, or nil.
	Chart *Chart `json:"chart,omitempty"`
	// Steps say in plain words how the figures were made, with row counts.
	Steps []Step `json:"steps"`
	// Paragraphs are a text section's prose (KindText); a text section has
	// no columns or rows of its own.
	Paragraphs []Paragraph `json:"paragraphs,omitempty"`
}

// Paragraph is one paragraph of a text section: runs of words and quoted
// figures, in order.
type Paragraph struct {
	Spans []Span `json:"spans"`
}

// Span is a run of plain words, or one figure quoted from a section.
// Renderers show Text as text, never as markup.
type Span struct {
	// Text is the words, when Figure is nil.
	Text string `json:"text,omitempty"`
	// Bold is true for text written between ** and **.
	Bold bool `json:"bold,omitempty"`
	// Figure is the quoted figure, or nil.
	Figure *Figure `json:"figure,omitempty"`
}

// Figure is a figure a text quotes from a section's table. Renderers format
// it as that table formats the cell (its column's type and decimals) and
// put the marks of Notes after it.
type Figure struct {
	// Ref is the reference as the recipe writes it between the braces:
	// overview.total.cost_per_day or overview["§ 107"].cost_per_day.
	Ref string `json:"ref"`
	// Section is the id of the section quoted; Row and Column place the
	// cell there (Row len(Rows) is its total row). Row is -1 when the
	// section has no row with the values quoted in this period.
	Section string `json:"section"`
	Row     int    `json:"row"`
	Column  int    `json:"column"`
	// Value is the raw value, as the section's cell holds it; nil when the
	// cell is withheld, empty, or the row is absent.
	Value any `json:"value"`
	// Withheld is true when disclosure control withholds the cell: the
	// figure shows the withheld mark, never a number.
	Withheld bool `json:"withheld,omitempty"`
	// Notes are the footnotes the figure carries: for an absent row, first
	// the text section's own footnote saying so, then those of its section
	// that qualify the whole section or its column.
	Notes []NoteRef `json:"notes"`
}

// NoteRef points at one footnote: the Index-th (0-based) of the section
// with id Section.
type NoteRef struct {
	Section string `json:"section"`
	Index   int    `json:"index"`
}

// Column describes one table column.
type Column struct {
	// Name is the column's name in the recipe (also in Section.Columns).
	Name string `json:"name"`
	// Label is the heading shown to readers; the name when the recipe gives no label.
	Label string `json:"label"`
	// Type is one of the Type* constants.
	Type string `json:"type"`
	// Decimals is the most decimals shown for a number column (0 to 4).
	Decimals int `json:"decimals,omitempty"`
	// Group is true for a grouping (label) column, false for a figure.
	Group bool `json:"group,omitempty"`
}

// Footnote kinds: who wrote the reservation. Renderers show them alike.
const (
	FootnoteWritten    = "written"    // named by the recipe
	FootnoteFiltered   = "filtered"   // rows left out by `where`
	FootnoteSkipped    = "skipped"    // bad rows skipped (on_error: skip)
	FootnoteNils       = "nils"       // nil values left out of an aggregate
	FootnoteSuppressed = "suppressed" // cells withheld by disclosure control
	FootnoteExempt     = "exempt"     // disclosure exemption and its reason
	FootnoteUnmatched  = "unmatched"  // join rows without a partner
	FootnoteRevised    = "revised"    // figures revised since an earlier pack
	FootnoteBudget     = "budget"     // budget rows missing or forecast notes
	FootnoteComparison = "comparison" // period comparison notes
	FootnoteAbsent     = "absent"     // a text quotes a row the period does not have
	FootnoteEnded      = "ended"      // rows after a table's end (end_before)
	FootnoteHidden     = "hidden"     // hidden rows of a workbook's sheet, read
)

// Footnote is one reservation as it qualifies a section.
type Footnote struct {
	// Mark is the footnote mark, "1", "2", ...: numbered through the whole pack.
	Mark string `json:"mark"`
	// Text is the reservation's text, in the pack's locale.
	Text string `json:"text"`
	// ID is the pack-wide reservation's id when the footnote quotes one.
	ID string `json:"id,omitempty"`
	// Kind is one of the Footnote* constants.
	Kind string `json:"kind"`
	// Column, when set, is the column the footnote qualifies; renderers put
	// the mark on that column's heading as well as on the section title.
	Column string `json:"column,omitempty"`
	// Inherited, for a reservation written on a source the section reads
	// (the recipe's sources.NAME.reservations), says which sources it comes
	// from and how the section reads each. It is set too when the section
	// names the same reservation itself; empty for one only the section names.
	Inherited []Inheritance `json:"inherited,omitempty"`
}

// Inheritance is one source a reservation reaches a section from.
type Inheritance struct {
	// Source is the source's name in the recipe.
	Source string `json:"source"`
	// Via lists how the section reads the source, in recipe order: "from",
	// "join", "reconcile", "compare", "budget" or "budget.committed".
	Via []string `json:"via"`
}

// Revision is a cell that differs from the pack issued before.
type Revision struct {
	Row      int `json:"row"`
	Col      int `json:"col"`
	Previous any `json:"previous"`
}

// Chart types.
const (
	ChartBar        = "bar"
	ChartStackedBar = "stacked_bar"
	ChartLine       = "line"
)

// Chart is a section's chart, resolved to data so that every renderer draws
// the same categories, series, order and colours.
type Chart struct {
	// Type is ChartBar, ChartStackedBar or ChartLine.
	Type string `json:"type"`
	// Title is an accessible name for the chart.
	Title string `json:"title"`
	// X is the column on the category axis; Y the measure columns drawn.
	X string   `json:"x"`
	Y []string `json:"y"`
	// Series is the column that splits values into series, when set.
	Series string `json:"series,omitempty"`
	// ValueType is the type of the plotted values (TypeInteger, TypeNumber or
	// TypePercent) and Decimals their decimals, for axis and tooltip formatting.
	ValueType string `json:"value_type"`
	Decimals  int    `json:"decimals,omitempty"`
	// Categories are the category-axis labels, in order.
	Categories []string `json:"categories"`
	// Data holds the series, in legend order.
	Data []Series `json:"data"`
}

// Series is one chart series.
type Series struct {
	// Name is the legend label.
	Name string `json:"name"`
	// Color is the series colour, "#rrggbb".
	Color string `json:"color"`
	// Values has one value per category; nil for a missing or suppressed value.
	Values []*float64 `json:"values"`
}

// Step is one step of how a section's figures were made.
type Step struct {
	// Text says the step in plain words, in the pack's locale.
	Text string `json:"text"`
	// Rows is the number of rows after the step, or -1 when a count does not apply.
	Rows int64 `json:"rows"`
}

// Provenance says where the pack came from, so that anyone can make it again.
type Provenance struct {
	// Recipe is the recipe file as given on the command line.
	Recipe string `json:"recipe"`
	// RecipeSHA256 is the hex sha256 of the recipe file's bytes.
	RecipeSHA256 string `json:"recipe_sha256"`
	// RecipeCommit is the git commit of the recipe's work tree, when it is in
	// one; RecipeDirty is true when the recipe differs from that commit.
	RecipeCommit string `json:"recipe_commit,omitempty"`
	RecipeDirty  bool   `json:"recipe_dirty,omitempty"`
	// RecipeOwner is who answers for the recipe, as its owner key gives it.
	RecipeOwner string `json:"recipe_owner,omitempty"`
	// RecipeChange is the last commit that changed the recipe, with its
	// review, when git knows them; nil otherwise.
	RecipeChange *RecipeChange `json:"recipe_change,omitempty"`
	// RecipeApproved is true when the recipe the pack was made from is
	// committed, unchanged, and its last change was reviewed by someone other
	// than its author (a Reviewed-by trailer).
	RecipeApproved bool `json:"recipe_approved"`
	// ApprovalRequired is true when the recipe sets `approval: required`.
	ApprovalRequired bool `json:"approval_required,omitempty"`
	// Generator is "mipack <version>".
	Generator string `json:"generator"`
	// GeneratedAt is the generation time, RFC 3339 UTC, from SOURCE_DATE_EPOCH when set.
	GeneratedAt string `json:"generated_at"`
	// Sources lists every extract read.
	Sources []Source `json:"sources"`
	// Previous names the earlier pack compared against for revision marks.
	Previous *PreviousPack `json:"previous,omitempty"`
}

// RecipeChange is the last commit that changed the recipe, and who
// reviewed it.
type RecipeChange struct {
	// Commit is the commit's id.
	Commit string `json:"commit"`
	// Author and AuthorEmail are who wrote the change.
	Author      string `json:"author"`
	AuthorEmail string `json:"author_email,omitempty"`
	// Date is the author date, RFC 3339 in the zone git recorded it in.
	Date string `json:"date"`
	// Reviewer and ReviewerEmail are from the first Reviewed-by trailer
	// naming someone other than the author, on the change or on a merge
	// commit that merged it (ReviewCommit); empty when there is none.
	Reviewer      string `json:"reviewer,omitempty"`
	ReviewerEmail string `json:"reviewer_email,omitempty"`
	ReviewCommit  string `json:"review_commit,omitempty"`
}

// Source is one extract as it was read.
type Source struct {
	Name string `json:"name"`
	File string `json:"file"`
	// SHA256 names the extract's contents. It stays where the size and
	// rows read are withheld: it tells nothing of either, and working an
	// extract's bytes out from it would mean guessing all of them.
	SHA256 string `json:"sha256"`
	// Bytes is the extract's size. It is -1 wherever RowsRead is: for a
	// small extract of fixed-width rows, (size − header) ÷ row width
	// would give the count (see BytesText).
	Bytes     int64  `json:"bytes"`
	Encoding  string `json:"encoding"`
	Delimiter string `json:"delimiter"`
	Decimal   string `json:"decimal"`
	// RowsRead is -1 in a council pack whose other figures, with the
	// count, would give a withheld figure away (see RowsReadText); Bytes
	// is then -1 too.
	RowsRead    int64 `json:"rows_read"`
	RowsSkipped int64 `json:"rows_skipped"`
}

// PreviousPack identifies the pack a render was compared with.
type PreviousPack struct {
	File        string `json:"file"`
	GeneratedAt string `json:"generated_at"`
}
