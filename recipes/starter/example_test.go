package starter_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/mipack/mipack/recipes/starter"
)

func ExampleWrite() {
	dir, err := os.MkdirTemp("", "starter")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	csv := filepath.Join(dir, "grants.csv")
	_ = os.WriteFile(csv, []byte("Sagsnr;CPR-løbenr;Paragraf;Døgnpris;Startdato\n"+
		"0042;B-0001;§ 108;3.155,00;01-03-2026\n"+
		"0043;B-0002;§ 107;2.134,50;15-09-2026\n"+
		"0044;B-0003;§ 108;3.155,00;01-05-2026\n"+
		"0045;B-0004;§ 107;2.134,50;01-09-2026\n"), 0o644)
	src, err := starter.Inspect(csv, starter.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := starter.Write(os.Stdout, dir, "monthly.yaml", []*starter.Source{src}, starter.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// # Første udkast til en opskrift, skrevet af mipack init.
	// # Tjek kolonnetyperne, skriv forbeholdet og byg afsnittene; kør så
	// #   mipack validate monthly.yaml
	// title: "Ny rapport"
	// period: 2026-09
	// locale: da
	// audience: internal
	//
	// sources:
	//   grants:
	//     file: "grants.csv"
	//     delimiter: ";"
	//     decimal: ","
	//     encoding: utf-8
	//     columns:
	//       sagsnr: {from: "Sagsnr", type: string}
	//       cpr_loebenr: {from: "CPR-løbenr", type: string}
	//       paragraf: {from: "Paragraf", type: string}
	//       doegnpris: {from: "Døgnpris", type: number}
	//       startdato: {from: "Startdato", type: date, layout: "02-01-2006"}
	//
	// reservations:
	//   - id: data
	//     text: "TODO: skriv forbeholdet"
	//
	// sections:
	//   - id: grants_by_paragraf
	//     title: "grants efter Paragraf"
	//     from: grants
	//     group_by: [paragraf]
	//     measures:
	//       rows: count()
	//     order_by: [-rows]
	//     total: true
	//     reservations: [data]
}
