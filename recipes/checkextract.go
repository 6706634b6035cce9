package recipes

import (
	"path/filepath"
	"strings"

	"github.com/mipack/mipack/recipes/csvx"
	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
)

// isWorkbook reports whether an extract is read as an Excel workbook: by
// its name, as Excel names them. .xls and .xlsb are workbooks too, and
// refused with a clear error when opened.
func isWorkbook(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xls", ".xlsb":
		return true
	}
	return false
}

// checkWorkbookKeys checks the keys that belong to only one kind of
// extract: `sheet` to workbooks; delimiter and encoding to CSV files.
func checkWorkbookKeys(p *fault.Problems, s *Source, sp *engine.SourcePlan, path string) {
	if !sp.Workbook {
		if s.Sheet.Set() {
			p.Addf(s.Sheet.Pos, path+".sheet", fault.ErrBadValue, "sheet is for workbooks (.xlsx); %s is read as CSV", filepath.Base(sp.Path))
		}
		return
	}
	sp.Sheet = strings.TrimSpace(s.Sheet.Value)
	for _, k := range []struct {
		key string
		v   Str
	}{{"delimiter", s.Delimiter}, {"encoding", s.Encoding}} {
		if k.v.Set() {
			p.Addf(k.v.Pos, path+"."+k.key, fault.ErrBadValue, "a workbook has no %s: its cells are read as Excel stores them. Try: leave %s out", k.key, k.key)
		}
	}
	sp.Dialect.Delimiter, sp.Dialect.Encoding = 0, ""
}

// workbookHeader opens a workbook source's sheet and reads its header;
// the dialect records the header's row.
func workbookHeader(sp *engine.SourcePlan) ([]string, csvx.Dialect, error) {
	wb, err := engine.OpenWorkbook(sp)
	if err != nil {
		return nil, sp.Dialect, err
	}
	defer wb.Close()
	d := sp.Dialect
	d.HeaderLine = wb.HeaderRow()
	sp.Sheet = wb.Sheet()
	return wb.Header(), d, nil
}

// checkCells compiles the source's `null` tokens and its `end_before`
// expression, which read the columns as the recipe types them.
func checkCells(p *fault.Problems, s *Source, sp *engine.SourcePlan, path string, per engine.Period) {
	for _, n := range s.Null {
		if t := strings.TrimSpace(n.Value); t != "" {
			sp.Nulls = append(sp.Nulls, []byte(t))
		}
	}
	if !s.EndBefore.Set() || strings.TrimSpace(s.EndBefore.Value) == "" {
		return
	}
	var sch engine.Schema
	for _, c := range sp.Cols {
		sch.Add(c.Name, c.Typ, nil, "", c.Name)
	}
	sp.EndBefore = compileExpr(p, path+".end_before", s.EndBefore, sch.TypeEnv(per), sch.Visible(), expr.AsBool())
	if sp.EndBefore != nil {
		node := sp.EndBefore.Prog.Node()
		sp.EndFast = func() expr.Fast { return engine.CompileFast(node, &sch, per) }
	}
}
