package engine_test

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/recipes/gitfile"
	"github.com/mipack/mipack/render/pack"
)

var update = flag.Bool("update", false, "rewrite golden files")

// packOffice is a small council office in memory: grants in the case
// system's dialect (semicolons, decimal commas, Danish dates), payments in
// the finance system's, and a recipe that joins them, derives, filters,
// groups with totals and puts disclosure control over the figures.
var packOffice = fstest.MapFS{
	"office/recipe.yaml": {Data: []byte(`title: Pakke
organisation: Kommune K
committee: Social- og Sundhedsudvalget
period: 2026-10
locale: da
audience: council
disclosure:
  min_count: 3
  subject: citizen_id
sources:
  grants:
    file: extracts/grants.csv
    delimiter: ";"
    decimal: ","
    columns:
      case_id: {from: Sagsnr, type: string}
      citizen_id: {from: CPR, type: string}
      section: {from: Paragraf, type: string}
      start: {from: Startdato, type: date, layout: "02-01-2006"}
      cost: {from: Pris, type: number}
  payments:
    file: extracts/payments.csv
    columns: {case_id: string, booked: date, amount: number}
reservations:
  - id: test
    text: Syntetiske tal.
sections:
  - id: grants
    title: Bevillinger pr. paragraf
    from: grants
    where: start <= period.end
    group_by: [section]
    measures: {citizens: count_distinct(citizen_id), cost: sum(cost)}
    total: true
    reservations: [test]
  - id: paid
    title: Betalt pr. paragraf og måned
    from: payments
    join:
      - {source: grants, on: case_id, type: inner}
    derive:
      month: month(booked)
    group_by: [grants.section, month]
    measures: {payments: count(), amount: sum(amount)}
    total: true
    reservations: [test]
`)},
	"office/extracts/grants.csv": {Data: []byte("Sagsnr;CPR;Paragraf;Startdato;Pris\n" +
		"S1;B1;§ 107;01-02-2026;1200,50\n" +
		"S2;B2;§ 107;15-03-2026;980\n" +
		"S3;B3;§ 107;01-09-2026;1100,25\n" +
		"S4;B4;§ 85;01-01-2026;450\n" +
		"S5;B5;§ 85;01-06-2026;300,75\n" +
		"S6;B6;§ 85;01-07-2026;520\n" +
		"S7;B7;§ 85;01-08-2026;610\n" +
		"S8;B8;§ 108;01-05-2026;2400\n" +
		"S9;B9;§ 108;01-12-2026;2500\n")},
	"office/extracts/payments.csv": {Data: []byte("case_id,booked,amount\n" +
		"S1,2026-09-30,1200.50\n" +
		"S1,2026-10-31,1200.50\n" +
		"S2,2026-10-31,980\n" +
		"S3,2026-10-31,1100.25\n" +
		"S4,2026-09-30,450\n" +
		"S5,2026-09-30,300.75\n" +
		"S6,2026-09-30,520\n" +
		"S7,2026-10-31,610\n" +
		"S8,2026-10-31,2400\n" +
		"S10,2026-10-31,99\n")},
}

// packJSON loads, checks and runs office/recipe.yaml from fsys (nil: the
// operating system's files) and returns the pack.json it makes.
func packJSON(t *testing.T, fsys fs.FS) []byte {
	t.Helper()
	got, err := runPack(checkOffice(t, fsys))
	require.NoError(t, err)
	return got
}

// checkOffice loads and checks office/recipe.yaml from fsys (nil: the
// operating system's files).
func checkOffice(t *testing.T, fsys fs.FS) *recipes.Plan {
	t.Helper()
	r, err := recipes.LoadFS(fsys, "office/recipe.yaml")
	require.NoError(t, err)
	pl, err := recipes.Check(r, recipes.Options{FS: fsys})
	require.NoError(t, err)
	return pl
}

// runPack runs pl at a fixed time, with no git history, and returns the
// pack.json it makes.
func runPack(pl *recipes.Plan) ([]byte, error) {
	p, err := pl.Run(context.Background(), recipes.RunOptions{
		Generated: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC),
		Generator: "mipack test",
		History:   &gitfile.History{},
	})
	if err != nil {
		return nil, err
	}
	return pack.Encode(p)
}

// TestPackGolden runs a recipe over an office in memory and compares the
// pack.json it makes with testdata/TestPackGolden/pack.json.
func TestPackGolden(t *testing.T) {
	got := packJSON(t, packOffice)
	golden := filepath.Join("testdata", t.Name(), "pack.json")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to write it")
	assert.Equal(t, string(want), string(got))
}

// TestPackFromDisk holds a run over an office in memory to the same
// office on disk: Options.FS changes where files are read, never the pack,
// its messages or its provenance.
func TestPackFromDisk(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, packOffice))
	t.Chdir(dir)
	got, want := packJSON(t, nil), packJSON(t, packOffice)
	assert.Equal(t, string(want), string(got), "on disk, want the pack made in memory")
}

// TestPackFaultFromDisk holds a fault found in an extract in memory to the
// same fault on disk: the message names the same file:line:col.
func TestPackFaultFromDisk(t *testing.T) {
	office := fstest.MapFS{}
	for name, f := range packOffice {
		office[name] = f
	}
	office["office/extracts/payments.csv"] = &fstest.MapFile{Data: []byte("case_id,booked,amount\nS1,2026-10-31,12x\n")}
	run := func(fsys fs.FS) string {
		r, err := recipes.LoadFS(fsys, "office/recipe.yaml")
		require.NoError(t, err)
		pl, err := recipes.Check(r, recipes.Options{FS: fsys})
		require.NoError(t, err)
		_, err = pl.Run(context.Background(), recipes.RunOptions{History: &gitfile.History{}})
		require.Error(t, err, "got no fault, want one for the amount 12x")
		return err.Error()
	}
	mem := run(office)
	want := "office/extracts/payments.csv:2:15: "
	assert.True(t, strings.HasPrefix(mem, want), "in memory, got %q, want it to start %q", mem, want)
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, office))
	t.Chdir(dir)
	assert.Equal(t, mem, run(nil), "on disk, want the message as in memory")
}
