package engine

// ExtraCol is a column a section extension adds after the computed columns.
type ExtraCol struct {
	Name, Label, Typ string
	Decimals         int
}

// ComparePlan adds, for each measure, its figure for another period and
// the change, absolute and in per cent.
type ComparePlan struct {
	Kind   string // previous_period or same_period_last_year
	Period Period
	Cols   []ExtraCol
}

// BudgetPlan compares spending with a budget read from another source.
type BudgetPlan struct {
	Budget    *SectionPlan // hidden: sum of the budget per key
	Committed *SectionPlan // hidden: committed cost per key, or nil
	On        []int        // output columns (group columns) of the key, in budget order
	Spent     int          // output column of the spending so far
	Threshold float64
	Cols      []ExtraCol
}

// AlertPlan lists or counts the rows whose value exceeds a threshold.
type AlertPlan struct {
	Value     int // schema index of the derived value
	Threshold float64
	List      bool  // internal: one line per row
	Show      []int // schema indexes shown per row (list only)
	Label     string
}
