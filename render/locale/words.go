package locale

// Words are every fixed text a pack prints in one language: one table for
// Danish (da.go) and one for English (en.go), and a test holds the two to
// the same phrases taking the same arguments. Steps name columns and
// sources by their reader labels, never by the recipe's names, and say
// expressions in words (Expr).
type Words struct {
	// Labels are the renderers': headings, cover and provenance labels.
	Labels Labels

	// The engine's: the steps of how a figure was made, the automatic
	// reservations and the default labels.
	Read, ReadSkipped                  string
	Join, JoinLeft                     string
	UnmatchedInner, UnmatchedLeft      Forms
	Where, Derive, DeriveBare          string
	Group                              Forms
	NoGroup, Measure                   string
	Compute, Order, Desc, Asc, Total   string
	Filtered, Skipped, Nils            Forms
	SkippedColumn                      string
	Ended, HiddenRows                  Forms
	Rows, Cells, Groups, Keys          Forms
	CellsAre                           Forms
	PreviousPeriod, LastYear           string
	Change, ChangePct                  string
	Budget, YearShare, Forecast        string
	ForecastCommitted, Variance        string
	OverBudget, BudgetNote             string
	SpentShare                         string
	BudgetMissing, BudgetThreshold     string
	AlertValue, AlertRows, AlertNote   string
	CommittedNote, AlertStep           string
	CompareStep, BudgetStep            string
	Suppressed, CountsWithheld         string
	TotalNotEnough                     string
	Disclosure, DisclosureNone         string
	FilteredHidden, UnmatchedHidden    string
	NilsHidden                         string
	NoSubjectClass                     string
	ReconcileStep, OnlyLeft, OnlyRight string
	Both, KeysCol, RowsCol, SideCol    string
	ReconcileSum                       string
	// Aggregates say a measure in plain words, by aggregate ("count_col"
	// is count(column)): "antal forskellige %s".
	Aggregates map[string]string
	// MeasureLabels are a measure's default label, by aggregate; "%s" is the
	// column's label. "count_col" is count(column); "subjects" is
	// count_distinct of the disclosure subject.
	MeasureLabels map[string]string
	// Persons says the disclosure subject's values in a sentence:
	// "antal forskellige borgere".
	Persons   string
	Exempt    string
	AbsentRow string
	QuoteStep string

	// Expr are the words an expression is said in.
	Expr ExprWords
}

// Forms is a text for one thing and for any other number of them; each
// takes the same arguments.
type Forms struct{ One, Many string }

// Of is the form for n things.
func (f Forms) Of(n int64) string {
	if n == 1 {
		return f.One
	}
	return f.Many
}

// ExprWords are the words an expression is said in for a reader: the
// operators, `nil`, the period's fields (Period, by field) and the recipe's
// functions (Funcs, by name).
type ExprWords struct {
	And, Or, Not                               string
	Is, IsNot, Empty, Filled                   string
	DateLess, DateLessEq, DateMore, DateMoreEq string
	Less, LessEq, More, MoreEq                 string
	In, NotIn, Contains, StartsWith            string
	EndsWith, Matches, IfElse, OrIfEmpty       string
	Yes, No, None                              string
	Period                                     map[string]string
	Funcs                                      map[string]string
}

// WordsFor returns the words of tag ("da" or "en"); any other tag gives
// English, as For does.
func WordsFor(tag string) *Words {
	if tag == "da" {
		return &danish
	}
	return &english
}
