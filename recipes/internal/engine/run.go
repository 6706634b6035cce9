package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strconv"
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
//
// The schedule: start asking git about the recipe; read the sources others
// join to, then every source a section still waits for; read again what
// disclosure control needs exactly (refine); tie the hidden runs to the
// sections they feed; then draft every section, let disclosure control
// decide for the whole pack, and finish the sections.
func (pl *Plan) Run(ctx context.Context, ro RunOptions) (*pack.Pack, error) {
	// Asking git about the recipe takes a few processes; they run while the
	// extracts are read.
	git := make(chan gitfile.History, 1)
	go func() { git <- pl.history(ctx, ro) }()
	r := pl.newRunState(ctx, ro)
	reads, err := r.readSources()
	if err != nil {
		return nil, err
	}
	if err := pl.refine(ctx, r.tableRuns(), reads); err != nil {
		return nil, err
	}
	r.linkHidden()
	p := pl.newPack(ro, reads)
	recordHistory(&p.Provenance, <-git)
	if err := r.makeSections(p, reads); err != nil {
		return nil, err
	}
	p.NumberMarks()
	return p, nil
}

// runRole is what a hidden run feeds in the section it belongs to.
type runRole int

const (
	roleShown     runRole = iota // the section itself
	rolePrev                     // the period compared with
	roleBudget                   // the budget
	roleCommitted                // the budget's committed grants
)

// A consumer is one run of a section over one period: the sections
// shown, and the hidden runs that feed them (the period compared with,
// a budget and its committed grants).
type consumer struct {
	sec   *SectionPlan
	per   Period
	table *tableRun
	rec   *reconcileRun
	owner int // the shown consumer this one feeds, or -1
	role  runRole
}

// runState is one run of a plan, kept apart from the plan so that a plan
// holds no per-run state.
type runState struct {
	pl  *Plan
	ctx context.Context
	ro  RunOptions
	// tables are the join tables built, by what they hold (see joinTable).
	tables map[joinTable]map[string][][]any
	runs   []consumer
	// subjects gives every run's disclosure subjects their ids, so that a
	// section's sets and its earlier period's can be joined.
	subjects *textIDs
	// atoms and recAtoms are the atoms of each scan, for disclosure
	// control (see atoms.go).
	atoms    map[*tableRun]atomRef
	recAtoms map[*reconcileRun]atomRef
}

// newRunState lists the run's consumers: every section, each followed by
// its hidden runs.
func (pl *Plan) newRunState(ctx context.Context, ro RunOptions) *runState {
	r := &runState{
		pl: pl, ctx: ctx, ro: ro,
		tables:   map[joinTable]map[string][][]any{},
		subjects: NewTextIDs(),
		atoms:    map[*tableRun]atomRef{},
		recAtoms: map[*reconcileRun]atomRef{},
	}
	for _, sec := range pl.Sections {
		owner := len(r.runs)
		c := consumer{sec: sec, per: pl.Period, owner: -1}
		if sec.Reconcile != nil {
			c.rec = newReconcileRun(sec, r.subjects)
		}
		r.runs = append(r.runs, c)
		if sec.Compare != nil {
			r.runs = append(r.runs, consumer{sec: sec, per: sec.Compare.Period, owner: owner, role: rolePrev})
		}
		if b := sec.Budget; b != nil {
			r.runs = append(r.runs, consumer{sec: b.Budget, per: pl.Period, owner: owner, role: roleBudget})
			if b.Committed != nil {
				r.runs = append(r.runs, consumer{sec: b.Committed, per: pl.Period, owner: owner, role: roleCommitted})
			}
		}
	}
	return r
}

// joinTable names a join's hash table by what it holds: the source's rows
// by the values of its columns keys. Joins to the same source on the same
// columns share one table.
type joinTable struct {
	src string // the source's name
	// keys are the indexes of the key columns in the source, in the
	// join's order, written in decimal and separated by commas ("3,0").
	keys string
}

// tableOf is the hash table join j reads.
func tableOf(j *JoinPlan) joinTable {
	keys := make([]string, len(j.Rkeys))
	for i, k := range j.Rkeys {
		keys[i] = strconv.Itoa(k)
	}
	return joinTable{src: j.Src.Name, keys: strings.Join(keys, ",")}
}

// ready reports whether every table sec joins to is built.
func (r *runState) ready(sec *SectionPlan) bool {
	for j := range sec.Joins {
		if r.tables[tableOf(&sec.Joins[j])] == nil {
			return false
		}
	}
	return true
}

// allReady reports whether every table section still waiting for sp's
// rows can take them now.
func (r *runState) allReady(sp *SourcePlan) bool {
	for _, c := range r.runs {
		if c.rec == nil && c.table == nil && c.sec.From == sp && !r.ready(c.sec) {
			return false
		}
	}
	return true
}

// pending reports whether a section still waits for sp's rows.
func (r *runState) pending(sp *SourcePlan) bool {
	for _, c := range r.runs {
		if c.rec != nil && (c.sec.Reconcile.Left == sp && !c.rec.leftDone || c.sec.Reconcile.Right == sp && !c.rec.rightDone) {
			return true
		}
		if c.rec == nil && c.table == nil && c.sec.From == sp {
			return true
		}
	}
	return false
}

// readSources reads the sources others join to first, building their hash
// tables, then every source a section still waits for, and returns what
// it found.
func (r *runState) readSources() (Reads, error) {
	builds := map[*SourcePlan][]*JoinPlan{}
	var buildOrder []*SourcePlan
	for _, sec := range r.pl.Sections {
		for j := range sec.Joins {
			jp := &sec.Joins[j]
			if _, seen := builds[jp.Src]; !seen {
				buildOrder = append(buildOrder, jp.Src)
			}
			dup := false
			for _, b := range builds[jp.Src] {
				dup = dup || tableOf(b) == tableOf(jp)
			}
			if !dup {
				builds[jp.Src] = append(builds[jp.Src], jp)
			}
		}
	}
	reads := Reads{}
	for _, sp := range buildOrder {
		st, err := r.scanOnce(sp, builds[sp])
		if err != nil {
			return nil, err
		}
		reads[sp] = st
	}
	for _, sp := range r.pl.Sources {
		if reads[sp] == nil || r.pending(sp) {
			st, err := r.scanOnce(sp, nil)
			if err != nil {
				return nil, err
			}
			if reads[sp] == nil {
				reads[sp] = st
			}
		}
	}
	return reads, nil
}

// rowFunc takes one row of a source: its values, their ids, its line.
type rowFunc func(row []any, ids []uint32, line int) error

// scanOnce reads sp once: into every consumer ready for its rows, and
// into the hash tables of the joins listed in build. It returns what the
// reading found.
func (r *runState) scanOnce(sp *SourcePlan, build []*JoinPlan) (*SourceStats, error) {
	feed, fresh, recs := r.feeds(sp)
	var as *atomSource
	if r.pl.MinCount > 0 && len(fresh)+len(recs) > 0 {
		as = newAtomSource(sp, fresh, recs, r.pl.MinCount)
		for k, t := range fresh {
			r.atoms[t] = atomRef{as, k}
		}
		for k, rec := range recs {
			r.recAtoms[rec] = atomRef{as, k}
		}
	}
	built := make([]map[string][][]any, len(build))
	for i := range built {
		built[i] = map[string][][]any{}
	}
	var buf []byte
	st, err := scan(r.ctx, sp, r.ro.Progress, func(row []any, ids []uint32, line int) error {
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
		return nil, err
	}
	for i, j := range build {
		r.tables[tableOf(j)] = built[i]
	}
	return st, nil
}

// feeds starts the runs that read sp's rows in this scan and returns what
// each row is fed to: the table runs started (fresh), and the reconciles
// whose rows disclosure control ties to the other sections (recs).
func (r *runState) feeds(sp *SourcePlan) (feed []rowFunc, fresh []*tableRun, recs []*reconcileRun) {
	if r.pl.MinCount > 0 && !r.allReady(sp) {
		// Disclosure control ties the figures of one scan's runs: a
		// council pack reads all of a source's sections in one scan, the
		// one after every table they join to is built, so that none of
		// them is left untied to the others.
		return nil, nil, nil
	}
	for i := range r.runs {
		c := &r.runs[i]
		if rec := c.rec; rec != nil {
			rp := c.sec.Reconcile
			left := rp.Left == sp && !rec.leftDone
			right := rp.Right == sp && !rec.rightDone
			// A side read after the other side is done knows each row's
			// class as it comes: disclosure control can tie it to the
			// other sections reading the same rows.
			if r.pl.MinCount > 0 && left != right && rp.Left != rp.Right {
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
		if c.table == nil && c.sec.From == sp && r.ready(c.sec) {
			tabs := make([]map[string][][]any, len(c.sec.Joins))
			for j := range c.sec.Joins {
				tabs[j] = r.tables[tableOf(&c.sec.Joins[j])]
			}
			c.table = NewTableRun(c.sec, r.pl.Head.File, c.per, tabs, r.pl.MinCount, r.subjects)
			feed = append(feed, c.table.Add)
			fresh = append(fresh, c.table)
		}
	}
	return feed, fresh, recs
}

// tableRuns are the run's table runs, in order.
func (r *runState) tableRuns() []*tableRun {
	var out []*tableRun
	for _, c := range r.runs {
		if c.table != nil {
			out = append(out, c.table)
		}
	}
	return out
}

// linkHidden gives each shown table run the hidden runs that feed it.
func (r *runState) linkHidden() {
	for _, c := range r.runs {
		if c.owner < 0 {
			continue
		}
		owner := r.runs[c.owner].table
		switch c.role {
		case rolePrev:
			owner.prev = c.table
		case roleBudget:
			owner.budgetRun = c.table
		case roleCommitted:
			owner.committedRun = c.table
		}
	}
}

// sectionDraft is a shown section between its figures and its finish.
type sectionDraft struct {
	text  *SectionPlan
	table *tableDraft
	units sectionUnits
	rec   *reconcileDraft
	cls   []int
}

// makeSections makes every section's figures first; then disclosure
// control decides for the whole pack at once, since a reader has every
// section in hand. A text quotes finished tables, so text sections are
// made last, in their place.
func (r *runState) makeSections(p *pack.Pack, stats Reads) error {
	pl := r.pl
	var previous *pack.Pack
	if r.ro.Previous != nil && pl.MinCount > 0 {
		previous = r.ro.Previous()
	}
	prot := newProtector(pl, stats, r.atoms, previous)
	prot.recAtoms = r.recAtoms
	var drafts []sectionDraft
	for i := range r.runs {
		c := &r.runs[i]
		if c.owner >= 0 {
			continue
		}
		switch c.sec.Kind() {
		case KindText:
			drafts = append(drafts, sectionDraft{text: c.sec})
		case KindReconcile:
			d := c.rec.draft(pl, stats)
			drafts = append(drafts, sectionDraft{rec: d, cls: prot.addReconcile(d)})
		case KindTable:
			d := c.table.draft(pl, stats)
			drafts = append(drafts, sectionDraft{table: d, units: prot.addTable(d)})
		}
	}
	res, err := prot.protect()
	if err != nil {
		return err
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
	return nil
}

func (pl *Plan) newPack(ro RunOptions, stats Reads) *pack.Pack {
	r := &pl.Head
	sum := sha256.Sum256(r.Bytes)
	p := &pack.Pack{
		Title:        strings.TrimSpace(r.Title),
		Subtitle:     strings.TrimSpace(r.Subtitle),
		Organisation: strings.TrimSpace(r.Organisation),
		Committee:    strings.TrimSpace(r.Committee),
		Meeting:      strings.TrimSpace(r.Meeting),
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
			RecipeOwner:      strings.TrimSpace(r.Owner),
			ApprovalRequired: pl.ApprovalRequired,
			Generator:        ro.Generator,
			GeneratedAt:      ro.Generated.UTC().Format(time.RFC3339),
			Sources:          []pack.Source{},
		},
	}
	for _, res := range r.Reservations {
		p.Reservations = append(p.Reservations, pack.Reservation{ID: res.ID, Text: strings.TrimSpace(res.Text)})
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
	switch r := &pl.Head; {
	case ro.History != nil:
		return *ro.History
	case r.Commit != "":
		return gitfile.History{Head: r.Commit, Committed: true}
	default:
		return gitfile.Git{}.History(ctx, r.File, r.Bytes)
	}
}
