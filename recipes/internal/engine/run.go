package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes/gitfile"
	"github.com/mipack/mipack/render/pack"
)

// RunOptions are a run's facts from outside the recipe.
type RunOptions struct {
	// Generated is the generation time written in the provenance; the
	// command line takes it from SOURCE_DATE_EPOCH when set.
	Generated time.Time
	// Generator is "mipack <version>".
	Generator string
	// Progress, when set, is told how far each source has been read.
	Progress ProgressFunc
	// Previous, when set, gives the pack this run revises (nil: none).
	// A council pack keeps withheld every row its predecessor withheld, so
	// that the two together give nothing away.
	Previous func() *pack.Pack
	// History is what git knows about the recipe, when the caller has
	// asked already (see Plan.Approval); nil: Run asks git itself.
	History *gitfile.History
}

// Run reads every source once (join sources first) and makes the pack.
// Rows stream through every section that reads them; memory grows with the
// groups and the joined sources, not with the extracts.
func (pl *Plan) Run(ctx context.Context, ro RunOptions) (*pack.Pack, error) {
	// Asking git about the recipe takes a few processes; they run while the
	// extracts are read.
	git := make(chan gitfile.History, 1)
	go func() { git <- pl.history(ctx, ro) }()
	stats := map[*SourcePlan]*SourceStats{}
	tables := map[string]map[string][][]any{} // join tables by source and key
	tableKey := func(j *JoinPlan) string { return j.Src.Name + "\x1f" + fmt.Sprint(j.Rkeys) }

	// A consumer is one run of a section over one period: the sections
	// shown, and the hidden runs that feed them (the period compared with,
	// a budget and its committed grants).
	type consumer struct {
		sec   *SectionPlan
		per   Period
		table *tableRun
		rec   *reconcileRun
		owner int    // the shown consumer this one feeds, or -1
		role  string // "prev", "budget" or "committed" for hidden runs
	}
	var runs []consumer
	// One dictionary gives every run's disclosure subjects their ids, so
	// that a section's sets and its earlier period's can be joined.
	subjects := NewTextIDs()
	for _, sec := range pl.Sections {
		owner := len(runs)
		c := consumer{sec: sec, per: pl.Period, owner: -1}
		if sec.Reconcile != nil {
			c.rec = newReconcileRun(sec, subjects)
		}
		runs = append(runs, c)
		if sec.Compare != nil {
			runs = append(runs, consumer{sec: sec, per: sec.Compare.Period, owner: owner, role: "prev"})
		}
		if b := sec.Budget; b != nil {
			runs = append(runs, consumer{sec: b.Budget, per: pl.Period, owner: owner, role: "budget"})
			if b.Committed != nil {
				runs = append(runs, consumer{sec: b.Committed, per: pl.Period, owner: owner, role: "committed"})
			}
		}
	}
	ready := func(sec *SectionPlan) bool {
		for j := range sec.Joins {
			if tables[tableKey(&sec.Joins[j])] == nil {
				return false
			}
		}
		return true
	}
	// pending reports whether a section still waits for sp's rows.
	pending := func(sp *SourcePlan) bool {
		for _, c := range runs {
			if c.rec != nil && (c.sec.Reconcile.Left == sp && !c.rec.leftDone || c.sec.Reconcile.Right == sp && !c.rec.rightDone) {
				return true
			}
			if c.rec == nil && c.table == nil && c.sec.From == sp {
				return true
			}
		}
		return false
	}
	// The atoms of each scan, for disclosure control (see atoms.go).
	atoms := map[*tableRun]atomRef{}
	recAtoms := map[*reconcileRun]atomRef{}
	scanOnce := func(sp *SourcePlan, build []*JoinPlan) error {
		var feed []func(row []any, ids []uint32, line int) error
		var fresh []*tableRun
		var recs []*reconcileRun
		for i := range runs {
			c := &runs[i]
			if rec := c.rec; rec != nil {
				rp := c.sec.Reconcile
				left := rp.Left == sp && !rec.leftDone
				right := rp.Right == sp && !rec.rightDone
				// A side read after the other side is done knows each row's
				// class as it comes: disclosure control can tie it to the
				// other sections reading the same rows.
				if pl.MinCount > 0 && left != right && rp.Left != rp.Right {
					if left && rec.rightDone || right && rec.leftDone {
						rec.linked = true
						recs = append(recs, rec)
					}
				}
				if left || right {
					feed = append(feed, func(row []any, _ []uint32, _ int) error {
						if left {
							rec.add(true, row)
						}
						if right {
							rec.add(false, row)
						}
						return nil
					})
				}
				rec.leftDone = rec.leftDone || left
				rec.rightDone = rec.rightDone || right
				continue
			}
			if c.table == nil && c.sec.From == sp && ready(c.sec) {
				tabs := make([]map[string][][]any, len(c.sec.Joins))
				for j := range c.sec.Joins {
					tabs[j] = tables[tableKey(&c.sec.Joins[j])]
				}
				c.table = NewTableRun(c.sec, pl.Recipe.File, c.per, tabs, pl.MinCount, subjects)
				feed = append(feed, c.table.Add)
				fresh = append(fresh, c.table)
			}
		}
		var as *atomSource
		if pl.MinCount > 0 && len(fresh)+len(recs) > 0 {
			as = newAtomSource(sp, fresh, recs)
			for k, t := range fresh {
				atoms[t] = atomRef{as, k}
			}
			for k, r := range recs {
				recAtoms[r] = atomRef{as, k}
			}
		}
		built := make([]map[string][][]any, len(build))
		for i := range built {
			built[i] = map[string][][]any{}
		}
		var buf []byte
		st, err := scan(ctx, sp, ro.Progress, func(row []any, ids []uint32, line int) error {
			for i, j := range build {
				buf = joinKey(buf[:0], row, j.Rkeys)
				if buf == nil {
					continue
				}
				built[i][string(buf)] = append(built[i][string(buf)], append([]any(nil), row...))
			}
			for _, f := range feed {
				if err := f(row, ids, line); err != nil {
					return err
				}
			}
			if as != nil {
				as.record()
			}
			return nil
		})
		if as != nil {
			as.wait()
		}
		if err != nil {
			return err
		}
		for i, j := range build {
			tables[tableKey(j)] = built[i]
		}
		if stats[sp] == nil {
			stats[sp] = st
		}
		return nil
	}

	// Sources others join to are read first, building their hash tables.
	builds := map[*SourcePlan][]*JoinPlan{}
	var buildOrder []*SourcePlan
	for _, sec := range pl.Sections {
		for j := range sec.Joins {
			jp := &sec.Joins[j]
			if _, seen := builds[jp.Src]; !seen {
				buildOrder = append(buildOrder, jp.Src)
			}
			dup := false
			for _, b := range builds[jp.Src] {
				dup = dup || tableKey(b) == tableKey(jp)
			}
			if !dup {
				builds[jp.Src] = append(builds[jp.Src], jp)
			}
		}
	}
	for _, sp := range buildOrder {
		if err := scanOnce(sp, builds[sp]); err != nil {
			return nil, err
		}
	}
	for _, sp := range pl.Sources {
		if stats[sp] == nil || pending(sp) {
			if err := scanOnce(sp, nil); err != nil {
				return nil, err
			}
		}
	}
	var tableRuns []*tableRun
	for _, c := range runs {
		if c.table != nil {
			tableRuns = append(tableRuns, c.table)
		}
	}
	if err := pl.refine(ctx, tableRuns, stats); err != nil {
		return nil, err
	}
	for _, c := range runs {
		if c.owner < 0 {
			continue
		}
		owner := runs[c.owner].table
		switch c.role {
		case "prev":
			owner.prev = c.table
		case "budget":
			owner.budgetRun = c.table
		case "committed":
			owner.committedRun = c.table
		}
	}
	p := pl.newPack(ro, stats)
	recordHistory(&p.Provenance, <-git)
	// Every section's figures first; then disclosure control decides for
	// the whole pack at once, since a reader has every section in hand. A
	// text quotes finished tables, so text sections are made last, in
	// their place.
	var previous *pack.Pack
	if ro.Previous != nil && pl.MinCount > 0 {
		previous = ro.Previous()
	}
	prot := newProtector(pl, stats, atoms, previous)
	prot.recAtoms = recAtoms
	type shown struct {
		text  *SectionPlan
		table *tableDraft
		units sectionUnits
		rec   *reconcileDraft
		cls   []int
	}
	var drafts []shown
	for i := range runs {
		c := &runs[i]
		if c.owner >= 0 {
			continue
		}
		switch {
		case c.sec.Text != nil:
			drafts = append(drafts, shown{text: c.sec})
		case c.rec != nil:
			d := c.rec.draft(pl, stats)
			drafts = append(drafts, shown{rec: d, cls: prot.addReconcile(d)})
		default:
			d := c.table.draft(pl, stats)
			drafts = append(drafts, shown{table: d, units: prot.addTable(d)})
		}
	}
	res, err := prot.protect()
	if err != nil {
		return nil, err
	}
	prot.withholdReads(res, p)
	revealed := prot.revealed(res)
	texts := map[int]*SectionPlan{}
	for _, d := range drafts {
		switch {
		case d.text != nil:
			texts[len(p.Sections)] = d.text
			p.Sections = append(p.Sections, pack.Section{})
		case d.rec != nil:
			p.Sections = append(p.Sections, d.rec.finish(pl, stats, d.cls, res))
		default:
			p.Sections = append(p.Sections, d.table.finish(pl, stats, d.units.withholding(res, prot.prob.Units, revealed)))
		}
	}
	var runs2 []*tableRun
	for _, d := range drafts {
		if d.table != nil && d.table.done == nil {
			runs2 = append(runs2, d.table.run)
		} else {
			runs2 = append(runs2, nil)
		}
	}
	sameDecimals(p, runs2)
	for i, sec := range texts {
		p.Sections[i] = pl.textSection(sec, p)
	}
	numberMarks(p)
	return p, nil
}

// numberMarks numbers every footnote through the pack: 1, 2, 3, ...
func numberMarks(p *pack.Pack) {
	p.NumberMarks()
	for i := range p.Sections {
		if p.Sections[i].Footnotes == nil {
			p.Sections[i].Footnotes = []pack.Footnote{}
		}
	}
}

func (pl *Plan) newPack(ro RunOptions, stats map[*SourcePlan]*SourceStats) *pack.Pack {
	r := pl.Recipe
	sum := sha256.Sum256(r.Bytes)
	p := &pack.Pack{
		Title:        strings.TrimSpace(r.Title.Value),
		Subtitle:     strings.TrimSpace(r.Subtitle.Value),
		Organisation: strings.TrimSpace(r.Organisation.Value),
		Committee:    strings.TrimSpace(r.Committee.Value),
		Meeting:      strings.TrimSpace(r.Meeting.Value),
		Period:       pl.Period.Name,
		PeriodStart:  pl.Period.Start.Format("2006-01-02"),
		PeriodEnd:    pl.Period.End.Format("2006-01-02"),
		Locale:       pl.Locale,
		Audience:     pl.Audience,
		MinCount:     pl.MinCount,
		Reservations: []pack.Reservation{},
		Provenance: pack.Provenance{
			Recipe:           filepath.ToSlash(r.File),
			RecipeSHA256:     hex.EncodeToString(sum[:]),
			RecipeOwner:      strings.TrimSpace(r.Owner.Value),
			ApprovalRequired: pl.ApprovalRequired,
			Generator:        ro.Generator,
			GeneratedAt:      ro.Generated.UTC().Format(time.RFC3339),
			Sources:          []pack.Source{},
		},
	}
	for _, res := range r.Reservations {
		p.Reservations = append(p.Reservations, pack.Reservation{ID: res.ID.Value, Text: strings.TrimSpace(res.Text.Value)})
	}
	for _, sp := range pl.Sources {
		st := stats[sp]
		if st == nil {
			continue
		}
		p.Provenance.Sources = append(p.Provenance.Sources, pack.Source{
			Name: sp.Name, File: filepath.ToSlash(sp.Path), SHA256: st.sha256, Bytes: st.bytes,
			Encoding: st.dialect.Encoding, Delimiter: string(st.dialect.Delimiter), Decimal: string(sp.Decimal),
			RowsRead: st.rowsRead, RowsSkipped: st.rowsSkipped,
		})
	}
	return p
}

// history is what git knows about the recipe: ro.History when the caller
// asked already, the commit it was read from, or what git says of its file.
func (pl *Plan) history(ctx context.Context, ro RunOptions) gitfile.History {
	switch r := pl.Recipe; {
	case ro.History != nil:
		return *ro.History
	case r.Commit != "":
		return gitfile.History{Head: r.Commit, Committed: true}
	default:
		return gitfile.Git{}.History(ctx, r.File, r.Bytes)
	}
}
