package main

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// The seed of the office. Changing it changes every extract and every
// expected figure except the overview targets, which are fixed by design.
const (
	seedHi = 2026
	seedLo = 10
)

// extractEnd is the last booking day in the payments extract: finance
// exported it on 2 November 2026, after October was closed.
func extractEnd() time.Time { return day(2026, 10, 31) }

// øre is an amount in hundredths of a krone, so sums are exact.
type øre int64

// Paragraf values as the case system writes them.
const (
	p107 = "§ 107"
	p108 = "§ 108"
	p85  = "§ 85"
	p103 = "§ 103"
)

// Status values as the case system writes them.
const (
	statusActive  = "Aktiv"
	statusClosed  = "Afsluttet"
	statusPending = "Afventer"
)

// billing is how a provider invoices and finance books the payments.
type billing int

const (
	// monthlyAhead: residential places paid in advance early each month for
	// the days the grant covers that month.
	monthlyAhead billing = iota
	// quarterlyBehind: an out-of-town provider invoicing each quarter after it ends.
	quarterlyBehind
	// halfMonthBehind: support in the home invoiced per half month, paid
	// after the half month: 1st–15th around the 20th–27th, 16th–end early
	// the month after.
	halfMonthBehind
	// tariffBehind: sheltered employment paid at a monthly tariff the month
	// after, pro rata for part months; the case system has no day price.
	tariffBehind
)

// provider is one supplier: its name in the case system and as the finance
// system knows the payee.
type provider struct {
	name    string // Leverandør in bevillinger.csv
	payee   string // leverandoer in betalinger.csv
	billing billing
}

// paragraph is a section of the Social Services Act with its service text
// and the finance account its payments are booked on.
type paragraph struct {
	code    string
	service string
	account string
}

// grant is one row of the case system's extract; a ghost grant exists only
// in the finance system (a bill paid on a case the case system does not hold).
type grant struct {
	caseID   string
	citizen  string
	para     paragraph
	service  string
	prov     provider
	price    øre  // Døgnpris as entered; meaningful when priced
	priced   bool // false: Døgnpris left empty
	bill     øre  // the day price the provider actually invoices
	tariff   øre  // monthly tariff, for tariffBehind
	start    time.Time
	end      time.Time // zero: open-ended
	status   string
	worker   string
	note     string
	noPay    bool // no invoice has been paid on it
	ghost    bool // not in the case system
	dupMonth int  // month whose payment was booked twice and credited after; 0: none
}

// open reports whether the grant has no end date.
func (g *grant) open() bool { return g.end.IsZero() }

// covers reports the days of [from, to] the grant runs.
func (g *grant) covers(from, to time.Time) int {
	if g.start.After(from) {
		from = g.start
	}
	if !g.open() && g.end.Before(to) {
		to = g.end
	}
	if to.Before(from) {
		return 0
	}
	return int(to.Sub(from).Hours()/24) + 1
}

// payment is one row of the finance system's extract.
type payment struct {
	voucher string
	caseID  string
	citizen string
	payee   string
	account string
	booked  time.Time
	amount  øre
	text    string
}

// budgetLine is one row of the budget extract.
type budgetLine struct {
	para   string
	centre string
	amount øre
}

// office is the whole synthetic disability office.
type office struct {
	grants   []*grant // case system rows, ghosts included (see written)
	payments []payment
	budget   []budgetLine
}

// written returns the grants the case system exports, in file order.
func (o *office) written() []*grant {
	var out []*grant
	for _, g := range o.grants {
		if !g.ghost {
			out = append(out, g)
		}
	}
	return out
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// builder holds the random source and the catalogues while the office is made.
type builder struct {
	r        *rand.Rand
	paras    map[string]paragraph
	provs    map[string]provider
	workers  []string
	citizens []string // unused pseudonyms, in the order they are handed out
	grants   []*grant
}

// buildOffice makes the office. Same seed, same office.
func buildOffice() *office {
	b := &builder{
		r: rand.New(rand.NewPCG(seedHi, seedLo)),
		paras: map[string]paragraph{
			p107: {p107, "Midlertidigt botilbud", "5.38.52.01"},
			p108: {p108, "Længerevarende botilbud", "5.38.50.01"},
			p85:  {p85, "Socialpædagogisk støtte", "5.38.52.02"},
			p103: {p103, "Beskyttet beskæftigelse", "5.38.58.01"},
		},
		provs: map[string]provider{
			"solhaven":   {"Bostedet Solhaven", "Bostedet Solhaven ApS", monthlyAhead},
			"laerkely":   {"Lærkely Bofællesskab; afd. Nord", "Lærkely Bofællesskab, afd. Nord", monthlyAhead},
			"vestervang": {"Vestervang midlertidige boliger", "Vestervang, kommunale midlertidige boliger", monthlyAhead},
			"fjordglimt": {"Opholdsstedet Fjordglimt", "Fjordglimt ApS, opholdssted", quarterlyBehind},
			"egebjerg":   {"Botilbuddet Egebjerg", "Botilbuddet Egebjerg, Region Sjælland", monthlyAhead},
			"aabrinken":  {"Specialbostedet Åbrinken", "Åbrinken S/I, specialbosted", monthlyAhead},
			"roenne":     {"Bostedet Rønnebærhaven", "Rønnebærhaven ApS", monthlyAhead},
			"vaerksted":  {"Værkstedet Håndværkshuset", "Håndværkshuset, beskyttet værksted", tariffBehind},
			"oest":       {"Hjemmevejledning Øst", "Hjemmevejledning Øst, Socialafdelingen", halfMonthBehind},
			"kompas":     {"Støttecentret Kompasset", "Kompasset Støttecenter A/S", halfMonthBehind},
			"bostoette":  {"Bo & Støtte Sønderby", "Bo & Støtte, Sønderby ApS", halfMonthBehind},
			"kastanje":   {"Opholdsstedet Kastanjegården", "Kastanjegården, opholdssted ApS", monthlyAhead},
			"autisme":    {"Center for Autisme Øst", "Center for Autisme, Region Øst", halfMonthBehind},
		},
		workers: []string{"AKJ", "BMH", "CLN", "DSØ", "EVT", "FHÅ"},
	}
	for _, i := range b.r.Perm(160) {
		b.citizens = append(b.citizens, fmt.Sprintf("B-%04d", i+1))
	}
	b.activeGrants()
	b.otherGrants()
	b.ghostGrants()
	b.numberCases()
	o := &office{grants: b.grants}
	o.payments = b.pay()
	o.budget = []budgetLine{
		{p107, "Midlertidige botilbud", 64_500_000_00},
		{p108, "Længerevarende botilbud", 31_000_000_00},
		{p85, "Hjemmevejledning Øst", 10_800_000_00},
		{p85, "Køb af støtte hos private leverandører", 15_200_000_00},
		// No row for § 103: sheltered employment was moved to this office
		// in 2026 and its budget still sits with the employment office.
	}
	return o
}

func (b *builder) newCitizen() string {
	c := b.citizens[0]
	b.citizens = b.citizens[1:]
	return c
}

func (b *builder) worker() string { return b.workers[b.r.IntN(len(b.workers))] }

// between is a random day in [from, to].
func (b *builder) between(from, to time.Time) time.Time {
	n := int(to.Sub(from).Hours() / 24)
	return from.AddDate(0, 0, b.r.IntN(n+1))
}

func (b *builder) add(g *grant) *grant {
	if g.service == "" {
		g.service = g.para.service
	}
	if g.worker == "" {
		g.worker = b.worker()
	}
	if g.priced {
		g.bill = g.price
	}
	b.grants = append(b.grants, g)
	return g
}

// split divides total into len(weights) parts in proportion to the
// weights, each a multiple of unit, adding up to total exactly.
func split(total, unit øre, weights []float64) []øre {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	units := int64(total / unit)
	parts := make([]øre, len(weights))
	var used int64
	for i, w := range weights {
		n := int64(float64(units) * w / sum)
		parts[i] = øre(n) * unit
		used += n
	}
	for i := 0; used < units; i = (i + 1) % len(parts) {
		parts[i] += unit
		used++
	}
	return parts
}

// activeGrants makes the grants the overview counts for October 2026:
// § 107 21 citizens 182.700 kr. a day (22 grants, one without a price),
// § 108 10 citizens 85.505 kr., § 85 34 citizens 68.000 kr. (36 grants, two
// without a price), and § 103 2 citizens with no day price at all.
func (b *builder) activeGrants() {
	// § 107: temporary places. The first Solhaven citizen moves to
	// Vestervang on 13 October; the new grant has no price yet.
	type place struct {
		prov   string
		n      int
		weight float64
	}
	var g107 []*grant
	for _, pl := range []place{{"solhaven", 8, 1}, {"laerkely", 7, 1.05}, {"vestervang", 5, 0.8}, {"fjordglimt", 1, 1.9}} {
		for range pl.n {
			g := b.add(&grant{citizen: b.newCitizen(), para: b.paras[p107], prov: b.provs[pl.prov], priced: true,
				start: b.between(day(2024, 3, 1), day(2026, 9, 20)), status: statusActive})
			if b.r.IntN(10) < 4 {
				g.end = b.between(day(2026, 12, 31), day(2027, 12, 31))
			}
			g107 = append(g107, g)
		}
	}
	weights := make([]float64, len(g107))
	for i := range weights {
		weights[i] = 0.55 + b.r.Float64()
		if g107[i].prov.name == b.provs["fjordglimt"].name {
			weights[i] *= 1.9
		}
	}
	for i, p := range split(182_700_00, 1, weights) {
		g107[i].price = p
		g107[i].bill = p
	}
	mover := g107[0]
	mover.end = day(2026, 10, 12)
	mover.note = "Flyttet til Vestervang 13-10-2026.\nStatus ikke rettet i fagsystemet."
	b.add(&grant{citizen: mover.citizen, para: b.paras[p107], prov: b.provs["vestervang"], priced: false,
		bill: mover.price, start: day(2026, 10, 13), status: statusActive, noPay: true,
		note: "Pris afventer takstaftale med Vestervang"})
	// A grant that ended on the first day of the period still counts.
	g107[9].end = day(2026, 10, 1)

	// § 108: long-term places, five citizens at each provider; two of the
	// Egebjerg citizens also work in sheltered employment (§ 103).
	var g108 []*grant
	for _, prov := range []string{"egebjerg", "egebjerg", "egebjerg", "egebjerg", "egebjerg",
		"aabrinken", "aabrinken", "aabrinken", "aabrinken", "aabrinken"} {
		g108 = append(g108, b.add(&grant{citizen: b.newCitizen(), para: b.paras[p108], prov: b.provs[prov], priced: true,
			start: b.between(day(2016, 1, 1), day(2025, 12, 31)), status: statusActive}))
	}
	weights = make([]float64, len(g108))
	for i := range weights {
		weights[i] = 0.6 + b.r.Float64()
	}
	for i, p := range split(85_505_00, 1, weights) {
		g108[i].price = p
		g108[i].bill = p
	}
	g108[1].dupMonth = 7
	for _, g := range g108[2:4] {
		b.add(&grant{citizen: g.citizen, para: b.paras[p103], prov: b.provs["vaerksted"], priced: false,
			tariff: øre(9_850_00 + 25_00*b.r.IntN(20)), start: b.between(day(2022, 1, 1), day(2025, 6, 30)),
			status: statusActive, note: "Afregnes med månedstakst – ingen døgnpris"})
	}

	// § 85: support in the home. One Øst citizen has two grants (day and
	// night support), one Kompasset citizen too; one Øst night grant and one
	// new Bo & Støtte grant have no price yet.
	var g85 []*grant
	for _, pl := range []place{{"oest", 13, 1}, {"kompas", 11, 1}, {"bostoette", 10, 1}} {
		for range pl.n {
			g := b.add(&grant{citizen: b.newCitizen(), para: b.paras[p85], prov: b.provs[pl.prov], priced: true,
				start: b.between(day(2020, 1, 1), day(2026, 9, 30)), status: statusActive})
			if b.r.IntN(10) < 2 {
				g.end = b.between(day(2026, 11, 30), day(2027, 6, 30))
			}
			g85 = append(g85, g)
		}
	}
	second := b.add(&grant{citizen: g85[14].citizen, para: b.paras[p85], service: "Socialpædagogisk støtte, nat",
		prov: b.provs["kompas"], priced: true, start: day(2026, 4, 1), status: statusActive})
	priced85 := append(slices.Clone(g85[:33]), second)
	// The last Bo & Støtte grant started on 20 October; its price is not entered.
	late := g85[33]
	late.priced, late.start, late.note = false, day(2026, 10, 20), "Døgnpris ikke oplyst af leverandør"
	late.bill = øre(1_650_00 + 10_00*b.r.IntN(40))
	b.add(&grant{citizen: g85[0].citizen, para: b.paras[p85], service: "Socialpædagogisk støtte, nat",
		prov: b.provs["oest"], priced: false, bill: øre(900_00 + 10_00*b.r.IntN(30)),
		start: day(2026, 2, 1), status: statusActive, note: "Nattakst ikke fastsat"})
	weights = make([]float64, len(priced85))
	for i := range weights {
		weights[i] = 0.4 + b.r.Float64()
	}
	for i, p := range split(68_000_00, 100, weights) {
		priced85[i].price = p
		priced85[i].bill = p
	}
	// A grant starting on the last day of the period counts; it has no
	// payment yet (its first invoice comes in November).
	priced85[5].start = day(2026, 10, 31)
}

// otherGrants makes the 80 rows the overview must leave out: closed
// grants, grants still marked active that ended before October or start
// after it, and grants awaiting a decision.
func (b *builder) otherGrants() {
	active := slices.Clone(b.grants)
	kinds := []struct {
		para string
		prov []string
	}{
		{p107, []string{"solhaven", "laerkely", "vestervang", "roenne"}},
		{p108, []string{"egebjerg", "aabrinken", "roenne"}},
		{p85, []string{"oest", "kompas", "bostoette"}},
	}
	price := func(para string) øre {
		switch para {
		case p107:
			return øre(2_134_00 + b.r.IntN(9_000_00))
		case p108:
			return øre(3_155_00 + b.r.IntN(7_000_00))
		}
		return øre(100 * (600 + b.r.IntN(2_400)))
	}
	mk := func(status string, start, end time.Time, priced bool) *grant {
		k := kinds[b.r.IntN(len(kinds))]
		citizen := ""
		if b.r.IntN(10) < 4 {
			citizen = active[b.r.IntN(len(active))].citizen
		} else {
			citizen = b.newCitizen()
		}
		g := &grant{citizen: citizen, para: b.paras[k.para], prov: b.provs[k.prov[b.r.IntN(len(k.prov))]],
			priced: priced, price: price(k.para), start: start, end: end, status: status}
		g.bill = g.price
		return b.add(g)
	}
	// Closed before 2026: history the case system keeps.
	for range 34 {
		end := b.between(day(2023, 1, 31), day(2025, 12, 31))
		mk(statusClosed, b.between(end.AddDate(-4, 0, 0), end.AddDate(0, -2, 0)), end, true)
	}
	// Closed during 2026, before the period.
	for range 29 {
		end := b.between(day(2026, 1, 15), day(2026, 9, 30))
		mk(statusClosed, b.between(day(2022, 1, 1), end.AddDate(0, -1, 0)), end, true)
	}
	// Closed in October: they ran in the period but are no longer active.
	for _, end := range []time.Time{day(2026, 10, 3), day(2026, 10, 17), day(2026, 10, 31)} {
		mk(statusClosed, b.between(day(2023, 1, 1), day(2026, 6, 30)), end, true)
	}
	// Still marked active, but ended before the period.
	for _, end := range []time.Time{day(2026, 9, 30), day(2026, 8, 31), day(2026, 6, 30)} {
		g := mk(statusActive, b.between(day(2023, 1, 1), day(2026, 3, 31)), end, true)
		g.note = "Slutdato registreret; status ikke opdateret"
	}
	// Marked active, starting after the period.
	for _, start := range []time.Time{day(2026, 11, 1), day(2026, 11, 15), day(2027, 1, 1)} {
		g := mk(statusActive, start, time.Time{}, true)
		g.noPay = true
	}
	// Awaiting a decision: some with a price quoted, some without.
	for i := range 8 {
		g := mk(statusPending, b.between(day(2026, 10, 1), day(2026, 12, 1)), time.Time{}, i%3 != 0)
		g.noPay = true
		if i == 4 {
			g.note = `Afventer visitation – "akut" ifølge pårørende`
		}
	}
}

// ghostGrants are cases the finance system pays that the case system does
// not hold: six cases, five citizens.
func (b *builder) ghostGrants() {
	c1, c2, c3, c4, c5 := b.newCitizen(), b.newCitizen(), b.newCitizen(), b.newCitizen(), b.newCitizen()
	for _, g := range []*grant{
		{citizen: c1, para: b.paras[p107], prov: b.provs["kastanje"], bill: 7_845_50, start: day(2026, 6, 1)},
		{citizen: c1, para: b.paras[p85], prov: b.provs["autisme"], bill: 1_240_00, start: day(2026, 7, 1), end: day(2026, 7, 31)},
		{citizen: c2, para: b.paras[p107], prov: b.provs["kastanje"], bill: 8_120_00, start: day(2026, 8, 11)},
		{citizen: c3, para: b.paras[p85], prov: b.provs["bostoette"], bill: 1_980_00, start: day(2026, 3, 1)},
		{citizen: c4, para: b.paras[p85], prov: b.provs["autisme"], bill: 2_310_00, start: day(2026, 9, 1)},
		{citizen: c5, para: b.paras[p85], prov: b.provs["kompas"], bill: 1_475_00, start: day(2026, 9, 16)},
	} {
		g.ghost = true
		g.status = statusActive
		b.add(g)
	}
}

// numberCases gives case numbers in order of start, as a case system does:
// S<year>-<running number>, the number growing through the years.
func (b *builder) numberCases() {
	order := slices.Clone(b.grants)
	slices.SortStableFunc(order, func(x, y *grant) int { return x.start.Compare(y.start) })
	n := 1200
	for _, g := range order {
		n += 1 + b.r.IntN(37)
		g.caseID = fmt.Sprintf("S%d-%05d", g.start.Year(), n)
	}
	slices.SortStableFunc(b.grants, func(x, y *grant) int { return cmp.Compare(x.caseID, y.caseID) })
}
