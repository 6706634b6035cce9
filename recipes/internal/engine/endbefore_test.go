package engine_test

import (
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEndBeforeParallel runs one checked plan twice at once over a source
// whose end_before calls month(), whose fast form keeps a cache of texts
// by month: each read must make its own (run with -race), and both runs
// make the same pack, ended at the same row.
func TestEndBeforeParallel(t *testing.T) {
	office := fstest.MapFS{}
	for name, f := range packOffice {
		office[name] = f
	}
	const columns = "    columns: {case_id: string, booked: date, amount: number}\n"
	recipe := string(packOffice["office/recipe.yaml"].Data)
	require.Contains(t, recipe, columns, "the office's recipe has no such line")
	recipe = strings.Replace(recipe, columns, columns+`    end_before: month(booked) == "2026-12"`+"\n", 1)
	office["office/recipe.yaml"] = &fstest.MapFile{Data: []byte(recipe)}
	payments := string(packOffice["office/extracts/payments.csv"].Data)
	office["office/extracts/payments.csv"] = &fstest.MapFile{Data: []byte(payments +
		"S1,2026-12-01,5\n" +
		"S2,2026-11-30,7\n")}

	pl := checkOffice(t, office)
	var packs [2][]byte
	var errs [2]error
	var wg sync.WaitGroup
	for i := range packs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			packs[i], errs[i] = runPack(pl)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, string(packs[0]), string(packs[1]), "the two runs made different packs")
	assert.Contains(t, string(packs[0]), "2026-12", "got no note of where end_before ended the table, want one naming 2026-12")
}
