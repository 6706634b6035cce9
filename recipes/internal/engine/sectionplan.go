package engine

import (
	"strconv"
	"strings"

	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// SectionPlan is one compiled section.
type SectionPlan struct {
	// Written is what the pack shows of the section as the recipe words it.
	Written *Written
	ID      string
	// From is the source the rows come from; for a reconcile, left.
	From  *SourcePlan
	Joins []JoinPlan
	// Schema is the row as the section sees it: the source's columns, each
	// join's columns, then derived columns.
	Schema Schema
	Where  *expr.Compiled
	// WhereAfterDerive is true when the filter reads a derived column, so
	// derive runs first; otherwise rows are filtered before deriving.
	WhereAfterDerive bool
	Derives          []DerivePlan
	Groups           []int
	// Measures and computes in output order.
	Measures []MeasurePlan
	Computes []ComputePlan
	OrderBy  []OrderKey
	Total    bool
	Chart    *ChartPlan
	// Subject is the schema index of the disclosure subject column, or -1.
	Subject int
	Exempt  string
	Notes   []Note
	Labels  map[string]string
	Decimal map[string]int
	// W are the pack's words; subjectName the disclosure subject column.
	W           *words
	SubjectName string

	Reconcile *ReconcilePlan
	// Text is a text section's prose and references, or nil.
	Text *TextPlan
	// Columns are the table's column names in order: group columns, then
	// the figures (measures, computed and extension columns).
	Columns []string

	// Compare is the other period each measure is compared with, or nil.
	Compare *ComparePlan
	// Budget compares the section's spending with a budget, or is nil.
	Budget *BudgetPlan
	// Alert lists (internal) or counts (council) single rows whose value
	// exceeds a threshold, or is nil.
	Alert *AlertPlan
	// SecondaryTotal withholds the total instead of further rows.
	SecondaryTotal bool
	// DerivedDecimals holds, by schema index, the decimals of the derived
	// numbers whose decimals follow from their inputs.
	DerivedDecimals map[int]DecimalsFunc
	// Doubt are the table's names whose definition is at fault (a measure
	// of an unknown column, a group column the source lacks, and the name
	// that column is closest to): what names them reports nothing more.
	// doubtGroups is set when a group column is among them.
	Doubt       map[string]bool
	DoubtGroups bool
	// UnsureRows is set when a key that defines the section's rows (join,
	// derive) is misspelt, unsureTable when one that defines its table
	// (those, group_by, measures, compute, total) is: any name may then
	// be meant, so unknown names are not reported.
	UnsureRows, UnsureTable bool
	// Hidden sections feed another section and are not shown.
	Hidden bool
}

// Written is what a pack shows of a section in the recipe's own words:
// its title, and the keys and expressions its notes quote.
type Written struct {
	Title string
	// JoinOn are the keys of each join, as written.
	JoinOn [][]string
	// Alert is the alert's value expression; BudgetOn and ReconcileOn the
	// keys of the budget and the reconcile; WhereText the recipe's own
	// words for its filter.
	Alert                 string
	BudgetOn, ReconcileOn []string
	WhereText             string
	// Compute are the computed columns' names and where they are written.
	Compute []NamePos
}

// NamePos is a name and where the recipe writes it.
type NamePos struct {
	Name string
	Pos  fault.Pos
}

// ChartPlan is a section's chart as the recipe asks for it.
type ChartPlan struct {
	Type, Title, X string
	Y              []string
	Series         string
}

// Note is a written reservation, resolved: a pack-wide one (ID set) or the
// section's own text.
type Note struct {
	ID, Text string
}

// JoinPlan is one join of a section: the source joined and the keys
// that match its rows.
type JoinPlan struct {
	Src    *SourcePlan
	Left   bool
	Keys   []int // in the section schema (left side)
	Rkeys  []int // in the joined source's columns
	Offset int   // where the joined columns start in the schema
}

// DerivePlan is one derived column: its name, expression and place in
// the schema.
type DerivePlan struct {
	Name string
	Expr *expr.Compiled
	Idx  int
}

// MeasurePlan is one measure of a section: its aggregate and the column
// it folds.
type MeasurePlan struct {
	Name string
	Fn   Aggregate
	Col  int // schema index; -1 for count()
	Typ  expr.Type
	// Decimals shown; for sums of a number column, the column's decimals
	// once read (see run.go).
	Decimals int
	SrcCol   *ColRef
	// Exact gives the decimals a sum of a derived number is exact to; nil
	// for a source column (see srcCol) or an expression that can make any.
	Exact DecimalsFunc
}

// Aggregate is a measure's aggregate function: sum(amount) is AggSum.
// The aggregates are a closed set, one entry each in the table aggregates
// (aggregate.go): String is the name a recipe writes, ParseAggregate reads
// one back.
type Aggregate uint8

// The aggregates a measure may use, in the order Check lists them.
const (
	AggCount Aggregate = iota
	AggCountDistinct
	AggSum
	AggMean
	AggMedian
	AggMin
	AggMax
	numAggregates // how many there are; not an aggregate
)

// String is the aggregate's name as a recipe writes it: "count_distinct".
func (a Aggregate) String() string {
	if a < numAggregates {
		return aggregates[a].name
	}
	return "Aggregate(" + strconv.Itoa(int(a)) + ")"
}

// ParseAggregate is the aggregate a recipe names (in lower case), and
// false for a name that is none.
func ParseAggregate(name string) (Aggregate, bool) {
	for a := range numAggregates {
		if aggregates[a].name == name {
			return a, true
		}
	}
	return 0, false
}

// AggregateNames are the aggregates' names, in the order of the kinds:
// for a message that lists them.
func AggregateNames() []string {
	names := make([]string, numAggregates)
	for a := range numAggregates {
		names[a] = aggregates[a].name
	}
	return names
}

// ColRef names a source column a measure reads, for exact rounding of sums.
type ColRef struct {
	Src *SourcePlan
	Col int
}

// ComputePlan is one computed column of a section's table.
type ComputePlan struct {
	Name     string
	Expr     *expr.Compiled
	Typ      expr.Type
	Decimals int
}

// OrderKey is one key of a section's order_by.
type OrderKey struct {
	Col  int // output column
	Desc bool
}

// Schema is the ordered set of columns a section's rows have.
type Schema struct {
	Names []string
	Types []expr.Type
	Refs  []*ColRef
	// env is the nested environment name for qualified join columns
	// ("payments" for "payments.amount"); empty for top-level names.
	qual  []string
	field []string
	// doubt holds the columns whose definition is at fault: the expression
	// compiler sees them as doubtful (see compileExpr).
	doubt map[int]bool
}

// AddCol adds a source's column as name, doubtful where its type is at fault.
func (s *Schema) AddCol(c ColPlan, name string, ref *ColRef, qual string) {
	i := s.Add(name, c.Typ, ref, qual, c.Name)
	if c.Doubt {
		s.MarkDoubt(i)
	}
}

// MarkDoubt marks column i as defined at fault.
func (s *Schema) MarkDoubt(i int) {
	if s.doubt == nil {
		s.doubt = map[int]bool{}
	}
	s.doubt[i] = true
}

// Add adds a column to the schema and returns its index.
func (s *Schema) Add(name string, t expr.Type, ref *ColRef, qual, field string) int {
	s.Names = append(s.Names, name)
	s.Types = append(s.Types, t)
	s.Refs = append(s.Refs, ref)
	s.qual = append(s.qual, qual)
	s.field = append(s.field, field)
	return len(s.Names) - 1
}

// Index is the index of the column called name, the last one so named,
// or -1.
func (s *Schema) Index(name string) int {
	for i := len(s.Names) - 1; i >= 0; i-- {
		if s.Names[i] == name {
			return i
		}
	}
	return -1
}

// TypeEnv is the expression compiler's view of the schema: every name with
// a typed zero value, joined sources as nested maps, and `period`.
func (s *Schema) TypeEnv(per Period) map[string]any {
	env := map[string]any{"period": per.Env()}
	for i, name := range s.Names {
		var v any = s.Types[i].Zero()
		if s.doubt[i] {
			v = expr.Doubtful{}
		}
		if s.qual[i] != "" {
			m, _ := env[s.qual[i]].(map[string]any)
			if m == nil {
				m = map[string]any{}
				env[s.qual[i]] = m
			}
			m[s.field[i]] = v
			continue
		}
		env[name] = v
	}
	return env
}

// Visible are the names an expression may use: the columns, but not the
// qualified names of a joined source's columns.
func (s *Schema) Visible() []string {
	var out []string
	for i, n := range s.Names {
		if s.qual[i] == "" || !strings.Contains(n, ".") {
			out = append(out, n)
		}
	}
	return out
}

// UnknownColumn reports a measure's column the section's rows lack, unless
// a misspelt key that defines the rows may be what lacks it.
func (sec *SectionPlan) UnknownColumn(p *fault.Problems, pos fault.Pos, path, name string) {
	if !sec.UnsureRows {
		p.Addf(pos, path, fault.ErrUnknownColumn, "unknown column %q%s", name, HintFor(name, sec.Schema.Visible()))
	}
}

// Named reports a name the table may have although its definition is at
// fault or its defining key misspelt (see problems): what names it
// reports nothing more.
func (sec *SectionPlan) Named(name string) bool { return sec.Doubt[name] || sec.UnsureTable }

// Contains reports whether list holds s.
func Contains(list []string, s string) bool { return IndexOf(list, s) >= 0 }

// IndexOf is the index of s in list, or -1.
func IndexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// SectionKind is what a section shows.
type SectionKind int

// The kinds of section.
const (
	KindTable     SectionKind = iota // groups of rows folded into a table (and its chart)
	KindText                         // prose quoting other sections' figures
	KindReconcile                    // two sources compared key by key
)

// Kind is what sec shows: a section with text is a text, one with a
// reconcile a reconcile, any other a table.
func (sec *SectionPlan) Kind() SectionKind {
	switch {
	case sec.Text != nil:
		return KindText
	case sec.Reconcile != nil:
		return KindReconcile
	}
	return KindTable
}
