package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
)

// monthName is the Danish month name finance writes in payment texts.
func monthName(t time.Time) string {
	return [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli",
		"august", "september", "oktober", "november", "december"}[t.Month()-1]
}

// monthEnd is the last day of t's month.
func monthEnd(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC)
}

// workday moves a weekend day to the Monday after, or to the Friday before
// when the Monday falls in the next month.
func workday(t time.Time) time.Time {
	shift := map[time.Weekday]int{time.Saturday: 2, time.Sunday: 1}[t.Weekday()]
	if shift == 0 {
		return t
	}
	if next := t.AddDate(0, 0, shift); next.Month() == t.Month() {
		return next
	}
	return t.AddDate(0, 0, shift-3)
}

// vary scales an amount by a factor in [lo, hi] with probability p,
// rounded to the øre: the invoice differs from days × price (extra staff
// hours, a price adjustment, hours not delivered).
func (b *builder) vary(a øre, p, lo, hi float64) øre {
	if b.r.Float64() >= p {
		return a
	}
	f := lo + (hi-lo)*b.r.Float64()
	return øre(math.Round(float64(a) * f))
}

// pay books the finance system's payments for January to October 2026.
func (b *builder) pay() []payment {
	var out []payment
	for _, g := range b.grants {
		if g.noPay || g.status == statusPending {
			continue
		}
		out = append(out, b.payGrant(g)...)
	}
	inExtract := out[:0]
	for _, p := range out {
		if !p.booked.Before(day(2026, 1, 1)) && !p.booked.After(extractEnd()) {
			inExtract = append(inExtract, p)
		}
	}
	out = inExtract
	slices.SortStableFunc(out, func(x, y payment) int {
		return cmp.Or(x.booked.Compare(y.booked), cmp.Compare(x.caseID, y.caseID),
			cmp.Compare(x.text, y.text), cmp.Compare(x.amount, y.amount))
	})
	n := 1_046_000
	for i := range out {
		n += 1 + b.r.IntN(4)
		out[i].voucher = fmt.Sprint(n)
	}
	return out
}

func (b *builder) payGrant(g *grant) []payment {
	var out []payment
	add := func(booked time.Time, amount øre, text string) {
		out = append(out, payment{caseID: g.caseID, citizen: g.citizen, payee: g.prov.payee,
			account: g.para.account, booked: booked, amount: amount, text: text})
	}
	switch g.prov.billing {
	case monthlyAhead:
		// Some residents have extra costs (transport, activities) the
		// provider invoices on its own line in the middle of the month.
		extras := !g.ghost && b.r.IntN(100) < 45
		for m := 1; m <= 10; m++ {
			first := day(2026, m, 1)
			last := monthEnd(first)
			n := g.covers(first, last)
			if n == 0 {
				continue
			}
			booked := first.AddDate(0, 0, 1+b.r.IntN(4))
			if g.start.After(first) {
				booked = g.start.AddDate(0, 0, 1+b.r.IntN(4))
				if booked.After(last) {
					booked = last
				}
			}
			booked = workday(booked)
			text := fmt.Sprintf("Døgntakst %s 2026", monthName(first))
			if n < last.Day() {
				text = fmt.Sprintf("Døgntakst %s 2026, %d døgn", monthName(first), n)
			}
			amount := b.vary(øre(n)*g.bill, 0.12, 0.95, 1.05)
			add(booked, amount, text)
			if extras && b.r.IntN(10) < 7 {
				add(workday(first.AddDate(0, 0, 11+b.r.IntN(9))), øre(250_00+b.r.IntN(2_150_00)),
					fmt.Sprintf("Følgeudgifter %s 2026: transport, aktiviteter", monthName(first)))
			}
			if m == g.dupMonth {
				add(workday(booked.AddDate(0, 0, 7)), amount, text)
				add(workday(day(2026, 8, 20)), -amount, fmt.Sprintf("Kreditnota: dobbeltbetaling %s 2026", monthName(first)))
			}
		}
	case quarterlyBehind:
		for _, q := range []time.Time{day(2025, 10, 1), day(2026, 1, 1), day(2026, 4, 1), day(2026, 7, 1)} {
			n := g.covers(q, q.AddDate(0, 3, -1))
			if n == 0 {
				continue
			}
			booked := workday(q.AddDate(0, 3, 7+b.r.IntN(7)))
			add(booked, øre(n)*g.bill, fmt.Sprintf("Ophold %d. kvartal %d, %d døgn", (int(q.Month())+2)/3, q.Year(), n))
		}
	case halfMonthBehind:
		for first := day(2025, 12, 1); first.Before(day(2026, 11, 1)); first = first.AddDate(0, 1, 0) {
			last := monthEnd(first)
			mid := first.AddDate(0, 0, 14)
			if n := g.covers(first, mid); n > 0 {
				booked := workday(first.AddDate(0, 0, 19+b.r.IntN(8)))
				add(booked, b.vary(øre(n)*g.bill, 0.4, 0.85, 1.05),
					fmt.Sprintf("Støtte 1.-15. %s %d", monthName(first), first.Year()))
			}
			if n := g.covers(mid.AddDate(0, 0, 1), last); n > 0 {
				booked := workday(last.AddDate(0, 0, 5+b.r.IntN(8)))
				add(booked, b.vary(øre(n)*g.bill, 0.4, 0.85, 1.05),
					fmt.Sprintf("Støtte 16.-%d. %s %d", last.Day(), monthName(first), first.Year()))
			}
		}
	case tariffBehind:
		for first := day(2025, 12, 1); first.Before(day(2026, 10, 1)); first = first.AddDate(0, 1, 0) {
			last := monthEnd(first)
			n := g.covers(first, last)
			if n == 0 {
				continue
			}
			amount := øre(math.Round(float64(g.tariff) * float64(n) / float64(last.Day())))
			booked := workday(last.AddDate(0, 0, 8+b.r.IntN(7)))
			add(booked, amount, fmt.Sprintf("Månedstakst %s %d", monthName(first), first.Year()))
		}
	}
	return out
}
