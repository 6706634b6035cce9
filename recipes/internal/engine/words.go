package engine

import (
	"fmt"

	"github.com/mipack/mipack/render/locale"
)

// words are the engine's fixed texts in one language: the steps of how a
// figure was made, the automatic reservations and the default labels.
// They name columns by their reader labels and sources by theirs (see
// reader.go), never by the recipe's names, and say expressions in words
// (exprwords.go). Numbers in them are formatted as in the tables.
type words struct {
	tag                                string
	read, readSkipped                  string
	join, joinLeft                     string
	unmatchedInner, unmatchedLeft      forms
	where, derive, deriveBare          string
	group                              forms
	noGroup, measure                   string
	compute, order, desc, asc, total   string
	filtered, skipped, nils            forms
	skippedColumn                      string
	ended, hiddenRows                  forms
	rows, cells, groups, keys          forms
	cellsAre                           forms
	PreviousPeriod, LastYear           string
	Change, ChangePct                  string
	Budget, yearShare, Forecast        string
	ForecastCommitted, Variance        string
	OverBudget, budgetNote             string
	SpentShare                         string
	budgetMissing, budgetThreshold     string
	AlertValue, AlertRows, alertNote   string
	committedNote, alertStep           string
	compareStep, budgetStep            string
	suppressed, countsWithheld         string
	totalNotEnough                     string
	disclosure, disclosureNone         string
	filteredHidden, unmatchedHidden    string
	noSubjectClass                     string
	reconcileStep, onlyLeft, onlyRight string
	both, keysCol, rowsCol, sideCol    string
	reconcileSum                       string
	agg                                map[string]string
	// labels are a measure's default label, by aggregate; "%s" is the
	// column's label. "count_col" is count(column); "subjects" is
	// count_distinct of the disclosure subject.
	labels map[string]string
	// persons says the disclosure subject's values in a sentence:
	// "antal forskellige borgere".
	persons   string
	exempt    string
	absentRow string
	quoteStep string
	Expr      *exprWords
}

// forms is a text for one thing and for any other number of them; each
// takes the same arguments.
type forms struct{ one, many string }

func (p forms) of(n int64) string {
	if n == 1 {
		return p.one
	}
	return p.many
}

var danishWords = words{
	tag:               "da",
	read:              "Læs %s (%s)",
	readSkipped:       "Læs %s (%s); %s sprunget over som ulæselige",
	join:              "Sammenhold med %s på %s (kun rækker med match)",
	joinLeft:          "Sammenhold med %s på %s (alle rækker beholdes)",
	unmatchedInner:    forms{"%s af %s rækker i %s havde intet match i %s på %s og er udeladt.", "%s af %s rækker i %s havde intet match i %s på %s og er udeladt."},
	unmatchedLeft:     forms{"%s af %s rækker i %s havde intet match i %s på %s; den indgår med tomme værdier fra %s.", "%s af %s rækker i %s havde intet match i %s på %s; de indgår med tomme værdier fra %s."},
	where:             "Behold rækker efter filteret: %s",
	derive:            "Beregn %s = %s for hver række",
	deriveBare:        "Beregn %s for hver række",
	group:             forms{"Gruppér efter %s: %s gruppe", "Gruppér efter %s: %s grupper"},
	noGroup:           "Saml alle rækker i én",
	measure:           "Mål %s = %s",
	compute:           "Beregn %s = %s for hver gruppe",
	order:             "Sortér efter %s",
	desc:              "%s (størst først)",
	asc:               "%s",
	total:             "Tilføj en række »I alt« beregnet af alle rækker",
	filtered:          forms{"%s af %s rækker er udeladt af filteret: %s.", "%s af %s rækker er udeladt af filteret: %s."},
	skipped:           forms{"%s i %s kunne ikke læses og er sprunget over (%s).", "%s i %s kunne ikke læses og er sprunget over (første: %s)."},
	skippedColumn:     "%s, kolonnen %s",
	ended:             forms{"Tabellen i %s slutter på linje %s, hvor %s: %s derfra og frem er ikke data og indgår ikke.", "Tabellen i %s slutter på linje %s, hvor %s: %s derfra og frem er ikke data og indgår ikke."},
	hiddenRows:        forms{"%s i %s er en skjult række i regnearket; den indgår som alle andre.", "%s i %s er skjulte rækker i regnearket; de indgår som alle andre."},
	nils:              forms{"%s uden værdi i %s indgår ikke i %s.", "%s uden værdi i %s indgår ikke i %s."},
	rows:              forms{"%s række", "%s rækker"},
	cells:             forms{"%s celle", "%s celler"},
	cellsAre:          forms{"%s celle", "%s celler"},
	groups:            forms{"%s gruppe", "%s grupper"},
	keys:              forms{"%s nøgle", "%s nøgler"},
	PreviousPeriod:    "forrige periode",
	LastYear:          "samme periode sidste år",
	Change:            "%s, ændring",
	ChangePct:         "%s, ændring i %%",
	Budget:            "Budget",
	yearShare:         "Andel af året",
	Forecast:          "Prognose (forbrugstakt)",
	ForecastCommitted: "Prognose (bevillinger)",
	Variance:          "Afvigelse",
	OverBudget:        "Over budget",
	SpentShare:        "Forbrugt af budgettet",
	budgetNote:        "Andel af året: %s (%s af %s dage). Prognose (forbrugstakt) = forbrug ÷ andel af året. Forbrugt af budgettet = forbrug ÷ budget. Afvigelse = budget − prognose.",
	budgetThreshold:   " Markeret, når en prognose overstiger budgettet med mere end %s.",
	budgetMissing:     "Ingen budgetrække for %s: prognosen sammenholdes ikke med et budget (budgettet vises tomt, ikke som 0).",
	AlertValue:        "Værdi",
	AlertRows:         "Antal",
	alertNote:         "Enkeltsager med værdi over %s.",
	committedNote:     "Prognose (bevillinger) = forbrug + døgnpris × resterende dage i året for de bevillinger, der binder.",
	alertStep:         "Behold rækker, hvor %s er over %s",
	compareStep:       "Sammenlign hvert mål med %s (%s)",
	budgetStep:        "Sammenhold med budgettet i %s (%s) på %s",
	suppressed:        "x: tallet vises ikke af hensyn til diskretion. Det beskriver færre end %s personer (forskellige %s), eller én eller to personer udgør næsten hele beløbet, eller det er skjult, så andre tal i rapporten ikke kan afsløre et sådant tal. Beskyttelsen gælder tallene i denne rapport; sammenholdes de med en anden rapport (fx en anden måned), kan en forskel beskrive få personer.",
	countsWithheld:    "Antallet af rækker i beregningens trin vises ikke, fordi det sammen med tabellen ville afsløre et skjult tal.",
	totalNotEnough:    "Opskriften beder om at skjule totalen i stedet for flere rækker; det var ikke nok her, fordi andre tal i rapporten ville afsløre den, så også rækker er skjult.",
	filteredHidden:    "Rækker er udeladt af filteret: %s.",
	unmatchedHidden:   "Nogle rækker i %s havde intet match i %s på %s.",
	noSubjectClass:    "En række, hvor ingen person (%s) er kendt, vises ikke, fordi det ikke kan vises, at den beskriver mindst %s personer.",
	disclosure:        "Diskretion: tal om færre end %s forskellige %s skjules, og så mange andre, at de ikke kan regnes ud; %s skjult",
	disclosureNone:    "Diskretion: ingen grupper har færre end %s forskellige %s",
	reconcileStep:     "Sammenhold %s og %s på %s: %s kun i %s, %s kun i %s, %s i begge",
	onlyLeft:          "Kun i %s",
	onlyRight:         "Kun i %s",
	both:              "I begge",
	keysCol:           "Nøgler",
	sideCol:           "Hvor",
	rowsCol:           "Rækker i %s",
	reconcileSum:      "%s i %s, i alt",
	agg: map[string]string{
		"count": "antal rækker", "count_col": "antal udfyldte %s", "count_distinct": "antal forskellige %s",
		"sum": "summen af %s", "mean": "gennemsnittet af %s", "median": "medianen af %s",
		"min": "mindste %s", "max": "største %s",
	},
	labels: map[string]string{
		"count": "Antal", "count_col": "Antal udfyldte %s", "count_distinct": "Antal forskellige %s",
		"subjects": "Antal borgere",
		"sum":      "%s, i alt", "mean": "%s, gennemsnit", "median": "%s, median",
		"min": "%s, mindste", "max": "%s, største",
	},
	persons:   "borgere",
	exempt:    "Undtaget fra diskretionskontrol: %s",
	absentRow: "Afsnittet »%s« har ingen række for %s i perioden; tallet vises som –.",
	quoteStep: "Citér %s i rækken »%s« fra afsnittet »%s«",
	Expr:      &danishExpr,
}

var englishWords = words{
	tag:               "en",
	read:              "Read %s (%s)",
	readSkipped:       "Read %s (%s); %s skipped as unreadable",
	join:              "Join %s on %s (only rows with a match)",
	joinLeft:          "Join %s on %s (all rows kept)",
	unmatchedInner:    forms{"%s of %s rows of %s had no match in %s on %s and was left out.", "%s of %s rows of %s had no match in %s on %s and were left out."},
	unmatchedLeft:     forms{"%s of %s rows of %s had no match in %s on %s; it counts with empty values from %s.", "%s of %s rows of %s had no match in %s on %s; they count with empty values from %s."},
	where:             "Keep the rows the filter lets through: %s",
	derive:            "Compute %s = %s for each row",
	deriveBare:        "Compute %s for each row",
	group:             forms{"Group by %s: %s group", "Group by %s: %s groups"},
	noGroup:           "Take all rows as one",
	measure:           "Measure %s = %s",
	compute:           "Compute %s = %s for each group",
	order:             "Order by %s",
	desc:              "%s (largest first)",
	asc:               "%s",
	total:             "Add a total row computed from all rows",
	filtered:          forms{"%s of %s rows was left out by the filter: %s.", "%s of %s rows were left out by the filter: %s."},
	skipped:           forms{"%s of %s could not be read and was skipped (%s).", "%s of %s could not be read and were skipped (first: %s)."},
	skippedColumn:     "%s, column %s",
	ended:             forms{"The table in %s ends at line %s, where %s: %s from there on is not data and is left out.", "The table in %s ends at line %s, where %s: %s from there on are not data and are left out."},
	hiddenRows:        forms{"%s of %s is a hidden row of the sheet; it is read like the others.", "%s of %s are hidden rows of the sheet; they are read like the others."},
	nils:              forms{"%s with no value in %s is left out of %s.", "%s with no value in %s are left out of %s."},
	rows:              forms{"%s row", "%s rows"},
	cells:             forms{"%s cell", "%s cells"},
	cellsAre:          forms{"%s cell is", "%s cells are"},
	groups:            forms{"%s group", "%s groups"},
	keys:              forms{"%s key", "%s keys"},
	PreviousPeriod:    "previous period",
	LastYear:          "same period last year",
	Change:            "%s, change",
	ChangePct:         "%s, change in %%",
	Budget:            "Budget",
	yearShare:         "Share of year",
	Forecast:          "Forecast (run rate)",
	ForecastCommitted: "Forecast (grants)",
	Variance:          "Variance",
	OverBudget:        "Over budget",
	SpentShare:        "Share of budget spent",
	budgetNote:        "Share of the year: %s (%s of %s days). Forecast (run rate) = spending ÷ share of the year. Share of budget spent = spending ÷ budget. Variance = budget − forecast.",
	budgetThreshold:   " Flagged when a forecast exceeds the budget by more than %s.",
	budgetMissing:     "No budget line for %s: its forecast is not compared with a budget (shown empty, not as 0).",
	AlertValue:        "Value",
	AlertRows:         "Count",
	alertNote:         "Single cases with a value over %s.",
	committedNote:     "Forecast (grants) = spending + cost per day × days left in the year for the grants that bind.",
	alertStep:         "Keep rows where %s is over %s",
	compareStep:       "Compare each measure with the %s (%s)",
	budgetStep:        "Match the budget in %s (%s) on %s",
	suppressed:        "x: the figure is withheld to protect privacy. It describes fewer than %s persons (distinct %s), or one or two persons make up most of the amount, or it is withheld so that other figures in the pack cannot give such a figure away. The protection holds for the figures of this pack; set beside another pack (another month, say), a difference between two figures can describe few persons.",
	countsWithheld:    "The number of rows at each step is not shown: with the table, it would give a withheld figure away.",
	totalNotEnough:    "The recipe asks to withhold the total instead of further rows; that was not enough here, since other figures in the pack would give it away, so rows are withheld too.",
	filteredHidden:    "Rows were left out by the filter: %s.",
	unmatchedHidden:   "Some rows of %s had no match in %s on %s.",
	noSubjectClass:    "A row in which no person (%s) is known is withheld: it cannot be shown to describe at least %s persons.",
	disclosure:        "Disclosure control: figures about fewer than %s distinct %s are withheld, and as many others as keep them from being worked out; %s withheld",
	disclosureNone:    "Disclosure control: no group has fewer than %s distinct %s",
	reconcileStep:     "Reconcile %s and %s on %s: %s only in %s, %s only in %s, %s in both",
	onlyLeft:          "Only in %s",
	onlyRight:         "Only in %s",
	both:              "In both",
	keysCol:           "Keys",
	sideCol:           "Where",
	rowsCol:           "Rows in %s",
	reconcileSum:      "%s in %s, total",
	agg: map[string]string{
		"count": "number of rows", "count_col": "number of filled-in %s", "count_distinct": "number of distinct %s",
		"sum": "sum of %s", "mean": "mean of %s", "median": "median of %s",
		"min": "smallest %s", "max": "largest %s",
	},
	labels: map[string]string{
		"count": "Count", "count_col": "Number with %s", "count_distinct": "Number of distinct %s",
		"subjects": "Number of citizens",
		"sum":      "%s, total", "mean": "%s, mean", "median": "%s, median",
		"min": "%s, smallest", "max": "%s, largest",
	},
	persons:   "citizens",
	exempt:    "Exempt from disclosure control: %s",
	absentRow: "Section \"%s\" has no row for %s in the period; the figure is shown as –.",
	quoteStep: "Quote %s of the row \"%s\" from \"%s\"",
	Expr:      &englishExpr,
}

// WordsFor are the words a pack in locale prints.
func WordsFor(locale string) *words {
	if locale == "da" {
		return &danishWords
	}
	return &englishWords
}

// num writes a count as the tables do: "1.330" (da), "1,330" (en).
func (w *words) num(n int64) string {
	return locale.For(w.tag).Integer(n)
}

// n formats p for n things, n written with thousands separators: "1 række",
// "1.208 rækker".
func (w *words) n(p forms, n int64) string {
	return fmt.Sprintf(p.of(n), w.num(n))
}

// aggregate says a measure in plain words: "antal forskellige borgere".
func (w *words) aggregate(m *MeasurePlan, col string) string {
	if m.Fn == AggCount && m.Col >= 0 {
		return fmt.Sprintf(w.agg["count_col"], col)
	}
	if m.Fn == AggCount {
		return w.agg["count"]
	}
	return fmt.Sprintf(w.agg[string(m.Fn)], col)
}

// count says "1 row" or "1,330 rows".
func (w *words) count(n int64) string {
	return w.n(w.rows, n)
}
