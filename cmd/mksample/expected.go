package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// The figures below are computed from the office model the extracts were
// written from, not from the extracts, so they check a reader and an
// engine rather than repeat them.

// kr is an amount in øre that is written in kroner: 182700, 8123.47.
type kr øre

// MarshalJSON writes the amount as a JSON number in kroner.
func (k kr) MarshalJSON() ([]byte, error) { return []byte(k.String()), nil }

// String is the amount in kroner with "." decimals, without trailing ".00".
func (k kr) String() string {
	if k%100 == 0 {
		return fmt.Sprint(int64(k / 100))
	}
	return plainAmount(øre(k))
}

// period is a reporting month.
type period struct {
	name       string
	start, end time.Time
}

func month(y, m int) period {
	s := day(y, m, 1)
	return period{name: s.Format("2006-01"), start: s, end: monthEnd(s)}
}

// activeIn is the recipes' filter: status == "Aktiv" && start <= period.end
// && (end == nil || end >= period.start).
func activeIn(g *grant, p period) bool {
	return g.status == statusActive && !g.start.After(p.end) && (g.open() || !g.end.Before(p.start))
}

// agg folds the rows of one group.
type agg struct {
	key      []any
	citizens map[string]bool
	rows     int64
	vals     []øre // non-nil values, in row order
	nils     int64
}

func (a *agg) add(citizen string, v øre, ok bool) {
	a.citizens[citizen] = true
	a.rows++
	if ok {
		a.vals = append(a.vals, v)
	} else {
		a.nils++
	}
}

func (a *agg) people() int64 { return int64(len(a.citizens)) }

// sum is nil when every value was nil.
func (a *agg) sum() any {
	if len(a.vals) == 0 {
		return nil
	}
	var s øre
	for _, v := range a.vals {
		s += v
	}
	return kr(s)
}

func (a *agg) mean() any {
	if len(a.vals) == 0 {
		return nil
	}
	s, _ := a.sum().(kr)
	return kr(roundDiv(float64(s), float64(len(a.vals))))
}

func (a *agg) median() any {
	if len(a.vals) == 0 {
		return nil
	}
	v := slices.Sorted(slices.Values(a.vals))
	n := len(v)
	if n%2 == 1 {
		return kr(v[n/2])
	}
	return kr(roundDiv(float64(v[n/2-1]+v[n/2]), 2))
}

func (a *agg) extreme(max bool) any {
	if len(a.vals) == 0 {
		return nil
	}
	if max {
		return kr(slices.Max(a.vals))
	}
	return kr(slices.Min(a.vals))
}

// roundDiv divides and rounds half away from zero to whole øre.
func roundDiv(a, b float64) øre { return øre(math.Round(a / b)) }

// per divides an amount by a count, to the øre; nil when either is missing.
func per(sum any, n int64) any {
	s, ok := sum.(kr)
	if !ok || n == 0 {
		return nil
	}
	return kr(roundDiv(float64(s), float64(n)))
}

// groups collects aggs by key, remembering first-seen order.
type groups struct {
	byKey map[string]*agg
	order []*agg
	all   *agg
}

func newGroups() *groups {
	return &groups{byKey: map[string]*agg{}, all: &agg{citizens: map[string]bool{}}}
}

func (g *groups) add(key []any, citizen string, v øre, ok bool) {
	k := fmt.Sprint(key...)
	a := g.byKey[k]
	if a == nil {
		a = &agg{key: key, citizens: map[string]bool{}}
		g.byKey[k] = a
		g.order = append(g.order, a)
	}
	a.add(citizen, v, ok)
	g.all.add(citizen, v, ok)
}

// sorted returns the groups ordered by cmpFn.
func (g *groups) sorted(cmpFn func(x, y *agg) int) []*agg {
	out := slices.Clone(g.order)
	slices.SortStableFunc(out, cmpFn)
	return out
}

// keyCmp compares key i as text; a nil key sorts last.
func keyCmp(i int) func(x, y *agg) int {
	return func(x, y *agg) int {
		xs, xok := x.key[i].(string)
		ys, yok := y.key[i].(string)
		switch {
		case !xok && !yok:
			return 0
		case !xok:
			return 1
		case !yok:
			return -1
		}
		return cmp.Compare(xs, ys)
	}
}

// sumDesc orders by sum, largest first, a nil sum last.
func sumDesc(x, y *agg) int {
	xs, xok := x.sum().(kr)
	ys, yok := y.sum().(kr)
	switch {
	case !xok && !yok:
		return 0
	case !xok:
		return 1
	case !yok:
		return -1
	}
	return cmp.Compare(ys, xs)
}

// table is one section's expected figures.
type table struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
	Total   []any    `json:"total,omitempty"`
	// Small lists the rows (0-based) that describe fewer than min_count
	// distinct citizens: the cells disclosure control withholds in a
	// council pack before any secondary suppression.
	Small []int `json:"rows_below_min_count"`
	// Facts are further figures: rows read, left out, nil values.
	Facts []string `json:"facts"`
}

// expectation is one recipe's expected figures.
type expectation struct {
	Recipe   string  `json:"recipe"`
	Period   string  `json:"period"`
	Locale   string  `json:"locale"`
	Audience string  `json:"audience"`
	MinCount int     `json:"min_count"`
	Sections []table `json:"sections"`
}

func small(rows []*agg, minCount int) []int {
	out := []int{}
	for i, a := range rows {
		if a.people() < int64(minCount) {
			out = append(out, i)
		}
	}
	return out
}

func expectations(o *office) []expectation {
	oct, sep := month(2026, 10), month(2026, 9)
	return []expectation{
		{Recipe: "monthly.yaml", Period: oct.name, Locale: "da", Audience: "council", MinCount: 5, Sections: []table{
			overview(o, oct), paidByProvider(o, oct), trend(o, oct), reconcile(o, "unbilled"),
			providerMix(o, oct), budget(o),
		}},
		{Recipe: "quarterly-en.yaml", Period: sep.name, Locale: "en", Audience: "internal", Sections: []table{
			activeCosts(o, sep), quarters(o, sep), reconcile(o, "unmatched"),
		}},
	}
}

func overview(o *office, p period) table {
	g := newGroups()
	all := o.written()
	for _, gr := range all {
		if activeIn(gr, p) {
			g.add([]any{gr.para.code}, gr.citizen, gr.price, gr.priced)
		}
	}
	rows := g.sorted(sumDesc)
	t := table{ID: "overview", Title: "Aktive bevillinger efter paragraf",
		Columns: []string{"section", "citizens", "cost_per_day", "grants", "avg_cost"}, Small: small(rows, 5)}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.key[0], a.people(), a.sum(), a.rows, per(a.sum(), a.people())})
	}
	t.Total = []any{"Total", g.all.people(), g.all.sum(), g.all.rows, per(g.all.sum(), g.all.people())}
	t.Facts = []string{
		fmt.Sprintf("grants read: %d; kept by the where: %d; left out by the where: %d", len(all), g.all.rows, int64(len(all))-g.all.rows),
		fmt.Sprintf("kept grants with an empty Døgnpris (left out of sum(cost_per_day)): %d", g.all.nils),
	}
	for _, a := range rows {
		t.Facts = append(t.Facts, fmt.Sprintf("%s: %d kept grants without a Døgnpris", a.key[0], a.nils))
	}
	t.Facts = append(t.Facts, "avg_cost = cost_per_day / citizens, rounded here to 2 decimals; nil when cost_per_day is nil")
	return t
}

// joined is a payment with the section of its grant; ok is false when no
// grant has its case number (a left join leaves the grant's columns nil).
func joined(o *office) (func(payment) (string, bool), int) {
	byCase := map[string]*grant{}
	for _, g := range o.written() {
		byCase[g.caseID] = g
	}
	unmatched := 0
	for _, p := range o.payments {
		if byCase[p.caseID] == nil {
			unmatched++
		}
	}
	return func(p payment) (string, bool) {
		g := byCase[p.caseID]
		if g == nil {
			return "", false
		}
		return g.para.code, true
	}, unmatched
}

func paidByProvider(o *office, p period) table {
	section, unmatched := joined(o)
	g := newGroups()
	orphansIn := 0
	for _, pay := range o.payments {
		if pay.booked.Before(p.start) || pay.booked.After(p.end) {
			continue
		}
		var sec any
		if s, ok := section(pay); ok {
			sec = s
		} else {
			orphansIn++
		}
		g.add([]any{sec, pay.payee}, pay.citizen, pay.amount, true)
	}
	rows := g.sorted(func(x, y *agg) int { return cmp.Or(keyCmp(0)(x, y), -cmp.Compare(x.sum().(kr), y.sum().(kr))) })
	t := table{ID: "paid", Title: "Udbetalt i perioden efter paragraf og leverandør",
		Columns: []string{"section", "payee", "citizens", "payments", "paid"}, Small: small(rows, 5)}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.key[0], a.key[1], a.people(), a.rows, a.sum()})
	}
	t.Total = []any{"Total", nil, g.all.people(), g.all.rows, g.all.sum()}
	t.Facts = []string{
		fmt.Sprintf("payments read: %d; with no grant on their case number (left join, section nil): %d", len(o.payments), unmatched),
		fmt.Sprintf("payments booked in %s (kept by the where): %d; left out: %d; of the kept, with no grant: %d",
			p.name, g.all.rows, int64(len(o.payments))-g.all.rows, orphansIn),
		"citizens counts the payments' own cpr_loebenr (the from side); on matched rows it equals the grant's",
		"rows are ordered by section (nil last), then paid, largest first",
	}
	return t
}

func trend(o *office, p period) table {
	g := newGroups()
	for _, pay := range o.payments {
		if pay.booked.Year() == p.end.Year() && !pay.booked.After(p.end) {
			g.add([]any{pay.booked.Format("2006-01")}, pay.citizen, pay.amount, true)
		}
	}
	rows := g.sorted(keyCmp(0))
	t := table{ID: "trend", Title: "Udbetalinger pr. måned",
		Columns: []string{"month", "paid", "payments", "citizens"}, Small: small(rows, 5)}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.key[0], a.sum(), a.rows, a.people()})
	}
	t.Total = []any{"Total", g.all.sum(), g.all.rows, g.all.people()}
	t.Facts = []string{fmt.Sprintf("payments kept: %d of %d", g.all.rows, len(o.payments))}
	return t
}

func reconcile(o *office, id string) table {
	grants := map[string][]*grant{}
	for _, g := range o.written() {
		grants[g.caseID] = append(grants[g.caseID], g)
	}
	pays := map[string][]payment{}
	for _, p := range o.payments {
		pays[p.caseID] = append(pays[p.caseID], p)
	}
	type side struct {
		name                 string
		keys, grows, prows   int64
		citizens             map[string]bool
		cost, amount         øre
		costNils             int64
		costSeen, amountSeen bool
	}
	sides := []*side{{name: "only grants"}, {name: "only payments"}, {name: "both"}}
	for _, s := range sides {
		s.citizens = map[string]bool{}
	}
	keys := map[string]bool{}
	for k := range grants {
		keys[k] = true
	}
	for k := range pays {
		keys[k] = true
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range keys {
			if !yield(k) {
				return
			}
		}
	}) {
		gs, ps := grants[k], pays[k]
		s := sides[2]
		switch {
		case len(ps) == 0:
			s = sides[0]
		case len(gs) == 0:
			s = sides[1]
		}
		s.keys++
		for _, g := range gs {
			s.grows++
			s.citizens[g.citizen] = true
			if g.priced {
				s.cost += g.price
				s.costSeen = true
			} else {
				s.costNils++
			}
		}
		for _, p := range ps {
			s.prows++
			s.citizens[p.citizen] = true
			s.amount += p.amount
			s.amountSeen = true
		}
	}
	t := table{ID: id, Title: "Bevillinger og betalinger afstemt på sagsnummer",
		Columns: []string{"side", "keys", "grants_rows", "payments_rows", "citizens", "cost_per_day", "cost_per_day_nils", "amount"}}
	opt := func(a øre, seen bool) any {
		if !seen {
			return nil
		}
		return kr(a)
	}
	for i, s := range sides {
		t.Rows = append(t.Rows, []any{s.name, s.keys, s.grows, s.prows, int64(len(s.citizens)),
			opt(s.cost, s.costSeen), s.costNils, opt(s.amount, s.amountSeen)})
		if len(s.citizens) < 5 {
			t.Small = append(t.Small, i)
		}
	}
	if t.Small == nil {
		t.Small = []int{}
	}
	t.Facts = []string{
		"the reconcile reads whole extracts: no where applies",
		"columns are this file's layout, not the engine's: a key is a case number (Sagsnr / sagsnr); " +
			"cost_per_day sums the grants' Døgnpris, amount the payments' beloeb",
	}
	return t
}

func providerMix(o *office, p period) table {
	g := newGroups()
	for _, gr := range o.written() {
		if activeIn(gr, p) {
			g.add([]any{gr.prov.name, gr.para.code}, gr.citizen, gr.price, gr.priced)
		}
	}
	rows := g.sorted(func(x, y *agg) int { return cmp.Or(keyCmp(0)(x, y), keyCmp(1)(x, y)) })
	t := table{ID: "providers", Title: "Døgnpris efter leverandør og paragraf",
		Columns: []string{"provider", "section", "citizens", "cost_per_day"}, Small: small(rows, 5)}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.key[0], a.key[1], a.people(), a.sum()})
	}
	t.Total = []any{"Total", nil, g.all.people(), g.all.sum()}
	t.Facts = []string{"same where as the overview; rows ordered by provider, then section"}
	return t
}

func budget(o *office) table {
	g := newGroups()
	for _, l := range o.budget {
		g.add([]any{l.para}, "", l.amount, true)
	}
	rows := g.sorted(keyCmp(0))
	t := table{ID: "budget", Title: "Budget 2026 efter paragraf",
		Columns: []string{"section", "budget", "lines"}, Small: []int{}}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.key[0], a.sum(), a.rows})
	}
	t.Total = []any{"Total", g.all.sum(), g.all.rows}
	t.Facts = []string{
		"budget.csv has no row for § 103, which has grants and payments",
		"the section is exempt from disclosure control: budget lines describe no persons",
	}
	return t
}

func activeCosts(o *office, p period) table {
	g := newGroups()
	all := o.written()
	for _, gr := range all {
		if activeIn(gr, p) {
			g.add([]any{gr.para.code}, gr.citizen, gr.price, gr.priced)
		}
	}
	rows := g.sorted(keyCmp(0))
	t := table{ID: "active", Title: "Active grants by section",
		Columns: []string{"section", "citizens", "grants", "cost_per_day", "mean_cost", "median_cost", "min_cost", "max_cost"},
		Small:   small(rows, 5)}
	line := func(label any, a *agg) []any {
		return []any{label, a.people(), a.rows, a.sum(), a.mean(), a.median(), a.extreme(false), a.extreme(true)}
	}
	for _, a := range rows {
		t.Rows = append(t.Rows, line(a.key[0], a))
	}
	t.Total = line("Total", g.all)
	t.Facts = []string{
		fmt.Sprintf("grants read: %d; kept by the where: %d; kept grants with an empty Døgnpris: %d", len(all), g.all.rows, g.all.nils),
		"mean and median are over grants with a Døgnpris, rounded here to 2 decimals (a median of an even count is the mean of the middle two)",
		"internal audience: nothing is suppressed; rows_below_min_count is for information",
	}
	return t
}

func quarters(o *office, p period) table {
	g := newGroups()
	for _, pay := range o.payments {
		if pay.booked.Year() == p.end.Year() && !pay.booked.After(p.end) {
			g.add([]any{fmt.Sprintf("%d-Q%d", pay.booked.Year(), (int(pay.booked.Month())+2)/3)}, pay.citizen, pay.amount, true)
		}
	}
	rows := g.sorted(keyCmp(0))
	t := table{ID: "quarters", Title: "Payments by quarter",
		Columns: []string{"quarter", "paid", "payments", "citizens"}, Small: small(rows, 5)}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.key[0], a.sum(), a.rows, a.people()})
	}
	t.Total = []any{"Total", g.all.sum(), g.all.rows, g.all.people()}
	t.Facts = []string{fmt.Sprintf("payments kept: %d of %d (booked in %d up to %s)", g.all.rows, len(o.payments), p.end.Year(), p.end.Format(time.DateOnly))}
	return t
}

// expectedJSON is expected.json: every expected figure, for tests.
func expectedJSON(o *office) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(expectations(o)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// mdCell writes a cell for a Markdown table.
func mdCell(v any) string {
	if v == nil {
		return "nil"
	}
	return strings.ReplaceAll(fmt.Sprint(v), "|", `\|`)
}

// expectedMarkdown is EXPECTED.md: the same figures for people.
func expectedMarkdown(o *office) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`# Expected figures for the sample office

Written by ` + "`go run ./cmd/mksample`" + ` from the model the extracts were made from (not
from the extracts), so a test can hold the engine to them. The same figures, for
machines, are in expected.json. Do not edit by hand.

Conventions: amounts are raw kroner as pack.json holds them (182700, 8123.47);
` + "`nil`" + ` is an empty value; a nil group key sorts last. "Rows below min_count"
are the rows describing fewer than min_count distinct citizens: the cells
disclosure control withholds in a council pack, before secondary suppression.
The label of a total row is the engine's; "Total" stands for it here.
Means, medians and avg_cost are rounded to 2 decimals from their exact decimal
value, half away from zero (a median of an even count is the mean of the
middle two: 8933.19 and 8933.20 would give 8933.195, written 8933.20). A sum over
a group whose values are all nil is nil, as in SQL, not 0.

`)
	wd := o.written()
	priced, open, nilPrice := 0, 0, 0
	for _, g := range wd {
		if g.priced {
			priced++
		} else {
			nilPrice++
		}
		if g.open() {
			open++
		}
	}
	fmt.Fprintf(&b, "## Extracts\n\n")
	fmt.Fprintf(&b, "- extracts/bevillinger.csv: %d grants (%d with an empty Døgnpris, %d with an empty Slutdato)\n", len(wd), nilPrice, open)
	_, unmatched := joined(o)
	fmt.Fprintf(&b, "- extracts/betalinger.csv: %d payments (%d on case numbers with no grant)\n", len(o.payments), unmatched)
	fmt.Fprintf(&b, "- extracts/budget.csv: %d budget lines\n\n", len(o.budget))
	for _, e := range expectations(o) {
		fmt.Fprintf(&b, "## %s (period %s, locale %s, audience %s", e.Recipe, e.Period, e.Locale, e.Audience)
		if e.MinCount > 0 {
			fmt.Fprintf(&b, ", min_count %d", e.MinCount)
		}
		b.WriteString(")\n\n")
		for _, t := range e.Sections {
			fmt.Fprintf(&b, "### %s: %s\n\n", t.ID, t.Title)
			fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(t.Columns, " | "), strings.Repeat(" --- |", len(t.Columns)))
			for _, r := range append(slices.Clone(t.Rows), t.Total) {
				if r == nil {
					continue
				}
				cells := make([]string, len(r))
				for i, v := range r {
					cells[i] = mdCell(v)
				}
				fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
			}
			b.WriteString("\n")
			if len(t.Small) > 0 {
				fmt.Fprintf(&b, "- rows below min_count (0-based): %v\n", t.Small)
			} else {
				b.WriteString("- rows below min_count: none\n")
			}
			for _, f := range t.Facts {
				fmt.Fprintf(&b, "- %s\n", f)
			}
			b.WriteString("\n")
		}
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
