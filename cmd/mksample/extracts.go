package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// danishAmount writes an amount as the case system does: "3.155,00".
func danishAmount(a øre) string {
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	kr := fmt.Sprint(int64(a / 100))
	var b strings.Builder
	for i, c := range kr {
		if i > 0 && (len(kr)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return fmt.Sprintf("%s%s,%02d", sign, b.String(), int64(a%100))
}

// plainAmount writes an amount as the finance system does: "3155.00".
func plainAmount(a øre) string {
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s%d.%02d", sign, int64(a/100), int64(a%100))
}

// writeCSV writes records with the given delimiter and line ending.
func writeCSV(records [][]string, comma rune, crlf bool) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = comma
	w.UseCRLF = crlf
	if err := w.WriteAll(records); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// grantsCSV is bevillinger.csv as the case system exports it: Windows-1252,
// ";" between fields, decimal commas with "." thousands, dd-mm-yyyy dates,
// CRLF line endings.
func grantsCSV(o *office) ([]byte, error) {
	rows := [][]string{{"Sagsnr", "CPR-løbenr", "Paragraf", "Ydelse", "Leverandør", "Døgnpris",
		"Startdato", "Slutdato", "Status", "Sagsbehandler", "Bemærkning"}}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("02-01-2006")
	}
	for _, g := range o.written() {
		price := ""
		if g.priced {
			price = danishAmount(g.price)
		}
		rows = append(rows, []string{g.caseID, g.citizen, g.para.code, g.service, g.prov.name, price,
			date(g.start), date(g.end), g.status, g.worker, g.note})
	}
	text, err := writeCSV(rows, ';', true)
	if err != nil {
		return nil, err
	}
	cp, err := charmap.Windows1252.NewEncoder().Bytes(text)
	if err != nil {
		return nil, fmt.Errorf("bevillinger.csv: a character has no Windows-1252 byte: %w", err)
	}
	return cp, nil
}

// paymentsCSV is betalinger.csv as the finance system exports it: UTF-8
// without a BOM, "," between fields, "." decimals, ISO dates, LF.
func paymentsCSV(o *office) ([]byte, error) {
	rows := [][]string{{"bilag", "sagsnr", "cpr_loebenr", "leverandoer", "konto", "bogfoert", "beloeb", "tekst"}}
	for _, p := range o.payments {
		rows = append(rows, []string{p.voucher, p.caseID, p.citizen, p.payee, p.account,
			p.booked.Format(time.DateOnly), plainAmount(p.amount), p.text})
	}
	return writeCSV(rows, ',', false)
}

// budgetCSV is budget.csv as saved from a spreadsheet: UTF-8 with a BOM,
// ";" between fields, decimal commas, CRLF.
func budgetCSV(o *office) ([]byte, error) {
	rows := [][]string{{"Paragraf", "Omkostningssted", "Budget 2026"}}
	for _, l := range o.budget {
		rows = append(rows, []string{l.para, l.centre, danishAmount(l.amount)})
	}
	text, err := writeCSV(rows, ';', true)
	if err != nil {
		return nil, err
	}
	return append([]byte("\uFEFF"), text...), nil
}
