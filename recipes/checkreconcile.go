package recipes

import (
	"fmt"

	"github.com/mipack/mipack/recipes/internal/engine"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/recipes/internal/fault"
)

func checkReconcile(p *fault.Problems, pl *engine.Plan, sources map[string]*engine.SourcePlan, s *Section, sec *engine.SectionPlan, path string) {
	rc := s.Reconcile
	rpath := path + ".reconcile"
	for _, key := range []string{"from", "where", "group_by", "measures", "compute", "join", "derive", "chart"} {
		if set := sectionKeySet(s, key); set {
			p.Addf(s.pos, path+"."+key, fault.ErrBadValue, "a reconcile section takes no %q: it lists keys only left, only right and on both sides", key)
		}
	}
	left := lookupSource(p, sources, rc.Left, rpath+".left")
	right := lookupSource(p, sources, rc.Right, rpath+".right")
	if len(rc.On) == 0 {
		p.Addf(rc.Left.Pos, rpath+".on", fault.ErrMissing, "reconcile names no key: add `on: <column>`")
	}
	if left == nil || right == nil || len(rc.On) == 0 {
		return
	}
	rp := &engine.ReconcilePlan{Left: left, Right: right, Lsubj: left.Col(pl.Subject), Rsubj: right.Col(pl.Subject)}
	if sub := rc.Subject; sub != nil {
		if sub.Left.Set() {
			rp.Lsubj = needCol(p, left, sub.Left, rpath+".subject.left")
		}
		if sub.Right.Set() {
			rp.Rsubj = needCol(p, right, sub.Right, rpath+".subject.right")
		}
	}
	for _, k := range rc.On {
		l, r := needCol(p, left, k, rpath+".on"), needCol(p, right, k, rpath+".on")
		rp.Lkeys = append(rp.Lkeys, l)
		rp.Rkeys = append(rp.Rkeys, r)
	}
	for i, c := range left.Cols {
		if (c.Typ == expr.TNumber || c.Typ == expr.TInteger) && !engine.Contains(rc.On.Values(), c.Name) {
			rp.Lnums = append(rp.Lnums, i)
		}
	}
	for i, c := range right.Cols {
		if (c.Typ == expr.TNumber || c.Typ == expr.TInteger) && !engine.Contains(rc.On.Values(), c.Name) {
			rp.Rnums = append(rp.Rnums, i)
		}
	}
	sec.Reconcile = rp
	sec.From = left
	if checkExempt(p, pl, s, sec, path, rp.Lsubj >= 0 || rp.Rsubj >= 0) {
		return
	}
	if pl.Audience == "council" && rp.Lsubj < 0 && rp.Rsubj < 0 {
		p.Addf(s.pos, path, fault.ErrDisclosure, "a council section needs the subject column %q on either side of the reconcile, or `disclosure: {exempt: \"reason\"}`", pl.Subject)
	}
}

func sectionKeySet(s *Section, key string) bool {
	switch key {
	case "from":
		return s.From.Set()
	case "where":
		return s.Where.Set()
	case "group_by":
		return len(s.GroupBy) > 0
	case "measures":
		return len(s.Measures) > 0
	case "compute":
		return len(s.Compute) > 0
	case "join":
		return len(s.Join) > 0
	case "derive":
		return len(s.Derive) > 0
	case "chart":
		return s.Chart != nil
	case "reconcile":
		return s.Reconcile != nil
	case "compare":
		return s.Compare.Set()
	case "budget":
		return s.Budget != nil
	case "alert":
		return s.Alert != nil
	case "total":
		return s.Total.Set()
	case "order_by":
		return len(s.OrderBy) > 0
	case "labels":
		return len(s.Labels) > 0
	case "decimals":
		return len(s.Decimals) > 0
	case "disclosure":
		return s.Disclosure != nil
	}
	panic(fmt.Sprintf("sectionKeySet: unknown key %q", key))
}
