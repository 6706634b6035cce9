package recipes

import (
	"fmt"
	"strings"
)

// words are the engine's fixed texts in one language: the steps of how a
// figure was made and the automatic reservations.
type words struct {
	read, readSkipped                  string
	join, joinLeft                     string
	unmatchedInner, unmatchedLeft      string
	where, derive                      string
	group, noGroup, measure            string
	compute, order, desc, asc, total   string
	filtered, skipped, nils            string
	skippedColumn, ended, hiddenRows   string
	row, rows, cell, cells             string
	previousPeriod, lastYear           string
	change, changePct                  string
	budget, yearShare, forecast        string
	forecastCommitted, variance        string
	overBudget, budgetNote             string
	budgetMissing, budgetThreshold     string
	alertValue, alertRows, alertNote   string
	committedNote, alertStep           string
	compareStep, budgetStep            string
	suppressed, countsWithheld         string
	disclosure, disclosureNone         string
	filteredHidden, unmatchedHidden    string
	noSubjectClass                     string
	reconcileStep, onlyLeft, onlyRight string
	both, keysCol, rowsCol, sideCol    string
	agg                                map[string]string
	exempt                             string
	absentRow, quoteStep               string
}

var danishWords = words{
	read:              "Læs %s (%s)",
	readSkipped:       "Læs %s (%s); %s sprunget over som ulæselige",
	join:              "Sammenhold med %s på %s (kun rækker med match)",
	joinLeft:          "Sammenhold med %s på %s (alle rækker beholdes)",
	unmatchedInner:    "%d af %d rækker i %s havde intet match i %s på %s og er udeladt.",
	unmatchedLeft:     "%d af %d rækker i %s havde intet match i %s på %s; de indgår med tomme værdier fra %s.",
	where:             "Behold rækker hvor %s",
	derive:            "Beregn %s = %s for hver række",
	group:             "Gruppér efter %s: %d grupper",
	noGroup:           "Saml alle rækker i én",
	measure:           "Mål %s = %s",
	compute:           "Beregn %s = %s for hver gruppe",
	order:             "Sortér efter %s",
	desc:              "%s (størst først)",
	asc:               "%s",
	total:             "Tilføj en total beregnet af alle rækker",
	filtered:          "%d af %d rækker er udeladt af filteret %s.",
	skipped:           "%s i %s kunne ikke læses og er sprunget over (første: %s).",
	skippedColumn:     "%s, kolonnen %s",
	ended:             "Tabellen i %s slutter på linje %d, hvor %s gælder: %s derfra og frem er ikke data og indgår ikke.",
	hiddenRows:        "%s i %s er skjulte rækker i regnearket; de indgår som alle andre.",
	nils:              "%s uden værdi i %s indgår ikke i %s.",
	row:               "række",
	cell:              "1 celle",
	cells:             "%d celler",
	previousPeriod:    "forrige periode",
	lastYear:          "samme periode sidste år",
	change:            "%s, ændring",
	changePct:         "%s, ændring i %%",
	budget:            "Budget",
	yearShare:         "Andel af året",
	forecast:          "Prognose (forbrugstakt)",
	forecastCommitted: "Prognose (bevillinger)",
	variance:          "Afvigelse",
	overBudget:        "Over budget",
	budgetNote:        "Prognose (forbrugstakt) = forbrug ÷ andel af året (%d af %d dage). Afvigelse = budget − prognose.",
	budgetThreshold:   " Markeret, når en prognose overstiger budgettet med mere end %s.",
	budgetMissing:     "Ingen budgetrække for %s: prognosen sammenholdes ikke med et budget (budget vises tomt, ikke som 0).",
	alertValue:        "Værdi",
	alertRows:         "Antal",
	alertNote:         "Enkeltsager med værdi over %s.",
	committedNote:     "Prognose (bevillinger) = forbrug + døgnpris × resterende dage i året for de bevillinger, der binder.",
	alertStep:         "Behold rækker hvor %s er over %s",
	compareStep:       "Sammenlign hvert mål med %s (%s)",
	budgetStep:        "Sammenhold med budgettet i %s (%s) på %s",
	rows:              "rækker",
	suppressed:        "x: tallet vises ikke af hensyn til diskretion. Det beskriver færre end %d personer (forskellige %s), eller én eller to personer udgør næsten hele beløbet, eller det er skjult, så andre tal i rapporten ikke kan afsløre et sådant tal. %s er skjult. Beskyttelsen gælder tallene i denne rapport; sammenholdes de med en anden rapport (fx en anden måned), kan en forskel beskrive få personer.",
	countsWithheld:    "Antallet af rækker i beregningens trin vises ikke, fordi det sammen med tabellen ville afsløre et skjult tal.",
	filteredHidden:    "Rækker er udeladt af filteret %s.",
	unmatchedHidden:   "Nogle rækker i %s havde intet match i %s på %s.",
	noSubjectClass:    "En række, hvor ingen person (%s) er kendt, vises ikke, fordi det ikke kan vises, at den beskriver mindst %d personer.",
	disclosure:        "Diskretion: tal om færre end %d forskellige %s skjules, og så mange andre, at de ikke kan regnes ud; %d celler skjult",
	disclosureNone:    "Diskretion: ingen grupper har færre end %d forskellige %s",
	reconcileStep:     "Sammenhold %s og %s på %s: %s nøgler kun i %s, %s kun i %s, %s i begge",
	onlyLeft:          "Kun i %s",
	onlyRight:         "Kun i %s",
	both:              "I begge",
	keysCol:           "Nøgler",
	sideCol:           "Hvor",
	rowsCol:           "Rækker i %s",
	agg: map[string]string{
		"count": "antal rækker", "count_col": "antal udfyldte %s", "count_distinct": "antal forskellige %s",
		"sum": "summen af %s", "mean": "gennemsnittet af %s", "median": "medianen af %s",
		"min": "mindste %s", "max": "største %s",
	},
	exempt:    "Undtaget fra diskretionskontrol: %s",
	absentRow: "Afsnittet »%s« har ingen række for %s i perioden; tallet vises som –.",
	quoteStep: "Citér %s fra afsnittet %s",
}

var englishWords = words{
	read:              "Read %s (%s)",
	readSkipped:       "Read %s (%s); %s skipped as unreadable",
	join:              "Join %s on %s (only rows with a match)",
	joinLeft:          "Join %s on %s (all rows kept)",
	unmatchedInner:    "%d of %d rows of %s had no match in %s on %s and are left out.",
	unmatchedLeft:     "%d of %d rows of %s had no match in %s on %s; they count with empty values from %s.",
	where:             "Keep rows where %s",
	derive:            "Compute %s = %s for each row",
	group:             "Group by %s: %d groups",
	noGroup:           "Take all rows as one",
	measure:           "Measure %s = %s",
	compute:           "Compute %s = %s for each group",
	order:             "Order by %s",
	desc:              "%s (largest first)",
	asc:               "%s",
	total:             "Add a total computed from all rows",
	filtered:          "%d of %d rows were left out by the filter %s.",
	skipped:           "%s of %s could not be read and were skipped (first: %s).",
	skippedColumn:     "%s, column %s",
	ended:             "The table in %s ends at line %d, where %s holds: %s from there on are not data and are left out.",
	hiddenRows:        "%s of %s are hidden rows of the sheet; they are read like the others.",
	nils:              "%s with no value in %s are left out of %s.",
	row:               "row",
	cell:              "1 cell is",
	cells:             "%d cells are",
	previousPeriod:    "previous period",
	lastYear:          "same period last year",
	change:            "%s, change",
	changePct:         "%s, change in %%",
	budget:            "Budget",
	yearShare:         "Share of year",
	forecast:          "Forecast (run rate)",
	forecastCommitted: "Forecast (grants)",
	variance:          "Variance",
	overBudget:        "Over budget",
	budgetNote:        "Forecast (run rate) = spending ÷ share of the year (%d of %d days). Variance = budget − forecast.",
	budgetThreshold:   " Flagged when a forecast exceeds the budget by more than %s.",
	budgetMissing:     "No budget line for %s: its forecast is not compared with a budget (budget shown empty, not as 0).",
	alertValue:        "Value",
	alertRows:         "Count",
	alertNote:         "Single cases with a value over %s.",
	committedNote:     "Forecast (grants) = spending + cost per day × days left in the year for the grants that bind.",
	alertStep:         "Keep rows where %s is over %s",
	compareStep:       "Compare each measure with the %s (%s)",
	budgetStep:        "Match the budget in %s (%s) on %s",
	rows:              "rows",
	suppressed:        "x: the figure is withheld to protect privacy. It describes fewer than %d persons (distinct %s), or one or two persons make up most of the amount, or it is withheld so that other figures in the pack cannot give such a figure away. %s withheld. The protection holds for the figures of this pack; set beside another pack (another month, say), a difference between two figures can describe few persons.",
	countsWithheld:    "The number of rows at each step is not shown: with the table, it would give a withheld figure away.",
	filteredHidden:    "Rows were left out by the filter %s.",
	unmatchedHidden:   "Some rows of %s had no match in %s on %s.",
	noSubjectClass:    "A row in which no person (%s) is known is withheld: it cannot be shown to describe at least %d persons.",
	disclosure:        "Disclosure control: figures about fewer than %d distinct %s are withheld, and as many others as keep them from being worked out; %d cells withheld",
	disclosureNone:    "Disclosure control: no group has fewer than %d distinct %s",
	reconcileStep:     "Reconcile %s and %s on %s: %s keys only in %s, %s only in %s, %s in both",
	onlyLeft:          "Only in %s",
	onlyRight:         "Only in %s",
	both:              "In both",
	keysCol:           "Keys",
	sideCol:           "Where",
	rowsCol:           "Rows in %s",
	agg: map[string]string{
		"count": "number of rows", "count_col": "number of filled-in %s", "count_distinct": "number of distinct %s",
		"sum": "sum of %s", "mean": "mean of %s", "median": "median of %s",
		"min": "smallest %s", "max": "largest %s",
	},
	exempt:    "Exempt from disclosure control: %s",
	absentRow: "Section \"%s\" has no row for %s in the period; the figure is shown as –.",
	quoteStep: "Quote %s from section %s",
}

func wordsFor(locale string) *words {
	if locale == "da" {
		return &danishWords
	}
	return &englishWords
}

// aggregate says a measure in plain words: "number of distinct citizen_id".
func (w *words) aggregate(m *measurePlan, col string) string {
	if m.fn == "count" && m.col >= 0 {
		return fmt.Sprintf(w.agg["count_col"], col)
	}
	if m.fn == "count" {
		return w.agg["count"]
	}
	return fmt.Sprintf(w.agg[m.fn], col)
}

// count says "1 row" or "2 rows".
func (w *words) count(n int64) string {
	if n == 1 {
		return "1 " + w.row
	}
	return fmt.Sprintf("%d %s", n, w.rows)
}

// cellCount says "1 cell is" or "8 cells are" (da: "1 celle", "8 celler").
func (w *words) cellCount(n int) string {
	if n == 1 {
		return w.cell
	}
	return fmt.Sprintf(w.cells, n)
}

// code quotes recipe text inside a plain-words sentence.
func code(s string) string {
	return "`" + strings.Join(strings.Fields(s), " ") + "`"
}
