package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mipack/mipack/recipes/disclosure"
	"github.com/mipack/mipack/recipes/internal/expr"
	"github.com/mipack/mipack/render/pack"
)

// ReconcilePlan compares two sources by a key: which keys are only on the
// left, only on the right, or on both sides, with row counts and the sums
// of every number column.
type ReconcilePlan struct {
	Left, Right  *SourcePlan
	Lkeys, Rkeys []int // column indexes in each source
	Lnums, Rnums []int // number columns of each side
	Lsubj, Rsubj int   // subject column of each side, or -1
}

// keyState is one key's rows on each side of a reconcile.
type keyState struct {
	lrows, rrows int64
	lsums, rsums []sumAgg
	subjects     *idSet
}

// reconcileRun folds both sides of a reconcile by key.
type reconcileRun struct {
	plan *SectionPlan
	// leftDone and rightDone are set once a side's source has been read.
	leftDone, rightDone bool
	keys                map[string]*keyState
	order               []string
	buf                 []byte
	// subjectIDs gives both sides' subjects their ids (see tableRun).
	subjectIDs *textIDs
	// linked is set when one side is read after the other is done, so
	// that each of its rows' class is known as it comes (see atoms.go):
	// lastClass is the class of the row just added (0 only left, 1 only
	// right, 2 both), lastRow the row.
	linked     bool
	lastClass  int32
	lastRow    []any
	subjectBuf []byte
}

func newReconcileRun(sec *SectionPlan, subjects *textIDs) *reconcileRun {
	return &reconcileRun{plan: sec, keys: map[string]*keyState{}, subjectIDs: subjects}
}

// sideNums are the number columns of the side src is.
func (r *reconcileRun) sideNums(src *SourcePlan) []int {
	if src == r.plan.Reconcile.Left {
		return r.plan.Reconcile.Lnums
	}
	return r.plan.Reconcile.Rnums
}

func (r *reconcileRun) add(left bool, row []any) {
	rp := r.plan.Reconcile
	idx, nums, subj := rp.Lkeys, rp.Lnums, rp.Lsubj
	if !left {
		idx, nums, subj = rp.Rkeys, rp.Rnums, rp.Rsubj
	}
	r.buf = joinKey(r.buf[:0], row, idx)
	key := "\x00nil"
	if r.buf != nil {
		key = string(r.buf)
	}
	ks := r.keys[key]
	if ks == nil {
		ks = &keyState{lsums: make([]sumAgg, len(rp.Lnums)), rsums: make([]sumAgg, len(rp.Rnums))}
		for i, c := range rp.Lnums {
			ks.lsums[i].integer = rp.Left.Cols[c].Typ == expr.TInteger
		}
		for i, c := range rp.Rnums {
			ks.rsums[i].integer = rp.Right.Cols[c].Typ == expr.TInteger
		}
		r.keys[key] = ks
		r.order = append(r.order, key)
	}
	sums := ks.lsums
	if left {
		ks.lrows++
	} else {
		ks.rrows++
		sums = ks.rsums
	}
	if r.linked {
		// The other side is read whole: a key it has is on both sides.
		r.lastRow = row
		switch {
		case ks.lrows > 0 && ks.rrows > 0:
			r.lastClass = 2
		case left:
			r.lastClass = 0
		default:
			r.lastClass = 1
		}
	}
	for i, c := range nums {
		sums[i].add(row[c])
	}
	if subj >= 0 && row[subj] != nil {
		if ks.subjects == nil {
			ks.subjects = &idSet{}
		}
		ks.subjects.add(r.subjectIDs.idValue(row[subj], &r.subjectBuf))
	}
}

// draft turns the reconcile into its section's rows: one each for keys
// only on the left, only on the right, and on both sides.
func (r *reconcileRun) draft(pl *Plan, stats Reads) *reconcileDraft {
	sec, rp := r.plan, r.plan.Reconcile
	w := WordsFor(pl.Locale)
	d := &reconcileDraft{run: r}
	out := pack.Section{ID: sec.ID, Title: strings.TrimSpace(sec.Written.Title), Kind: pack.KindReconcile, Suppressed: [][2]int{}}
	addCol := func(name, label, typ string, decimals int, group bool) {
		out.Columns = append(out.Columns, name)
		if l := sec.Labels[name]; l != "" {
			label = l
		}
		out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: name, Label: label, Type: typ, Decimals: min(decimals, 2), Group: group})
	}
	addCol("side", w.SideCol, pack.TypeString, 0, true)
	addCol("keys", w.KeysCol, pack.TypeInteger, 0, false)
	left, right := rp.Left.ReaderName(), rp.Right.ReaderName()
	addCol(rp.Left.Name+"_rows", fmt.Sprintf(w.RowsCol, left), pack.TypeInteger, 0, false)
	addCol(rp.Right.Name+"_rows", fmt.Sprintf(w.RowsCol, right), pack.TypeInteger, 0, false)
	decimals := func(sp *SourcePlan, c int) int {
		if st := stats[sp]; st != nil {
			return st.Decimals[c]
		}
		return 0
	}
	for _, c := range rp.Lnums {
		name := rp.Left.Name + "." + rp.Left.Cols[c].Name
		addCol(name, fmt.Sprintf(w.ReconcileSum, rp.Left.Cols[c].Label, left), PackType(rp.Left.Cols[c].Typ), decimals(rp.Left, c), false)
	}
	for _, c := range rp.Rnums {
		name := rp.Right.Name + "." + rp.Right.Cols[c].Name
		addCol(name, fmt.Sprintf(w.ReconcileSum, rp.Right.Cols[c].Label, right), PackType(rp.Right.Cols[c].Typ), decimals(rp.Right, c), false)
	}
	type class struct {
		label        string
		keys, lr, rr int64
		lsums, rsums []sumAgg
		subjects     *idSet
	}
	classes := []*class{
		{label: fmt.Sprintf(w.OnlyLeft, left)},
		{label: fmt.Sprintf(w.OnlyRight, right)},
		{label: w.Both},
	}
	for _, c := range classes {
		c.lsums = make([]sumAgg, len(rp.Lnums))
		c.rsums = make([]sumAgg, len(rp.Rnums))
		for i, n := range rp.Lnums {
			c.lsums[i].integer = rp.Left.Cols[n].Typ == expr.TInteger
		}
		for i, n := range rp.Rnums {
			c.rsums[i].integer = rp.Right.Cols[n].Typ == expr.TInteger
		}
		c.subjects = &idSet{}
	}
	for _, key := range r.order {
		ks := r.keys[key]
		c := classes[2]
		switch {
		case ks.rrows == 0:
			c = classes[0]
		case ks.lrows == 0:
			c = classes[1]
		}
		c.keys++
		c.lr += ks.lrows
		c.rr += ks.rrows
		for i := range ks.lsums {
			if ks.lsums[i].n > 0 {
				c.lsums[i].add(ks.lsums[i].result())
			}
			c.lsums[i].nilN += ks.lsums[i].nilN
		}
		for i := range ks.rsums {
			if ks.rsums[i].n > 0 {
				c.rsums[i].add(ks.rsums[i].result())
			}
			c.rsums[i].nilN += ks.rsums[i].nilN
		}
		c.subjects.union(ks.subjects)
	}
	for _, c := range classes {
		row := []any{c.label, c.keys, c.lr, c.rr}
		for n, col := range rp.Lnums {
			row = append(row, sumCell(&c.lsums[n], c.lr, decimals(rp.Left, col)))
		}
		for n, col := range rp.Rnums {
			row = append(row, sumCell(&c.rsums[n], c.rr, decimals(rp.Right, col)))
		}
		out.Rows = append(out.Rows, row)
		d.subjects = append(d.subjects, c.subjects)
		d.keys = append(d.keys, c.keys)
	}
	d.out = out
	return d
}

// reconcileDraft is a reconcile's section before disclosure control has
// decided: a row per class, and the persons each describes.
type reconcileDraft struct {
	run      *reconcileRun
	out      pack.Section
	subjects []*idSet
	keys     []int64
}

func (d *reconcileDraft) controlled(pl *Plan) bool {
	rp := d.run.plan.Reconcile
	return pl.MinCount > 0 && (rp.Lsubj >= 0 || rp.Rsubj >= 0) && d.run.plan.Exempt == ""
}

// addReconcile describes a reconcile to disclosure control: a unit per
// class, its keys, rows and sums as quantities of the reconcile alone,
// tied by what the steps and the provenance publish in all (each side's
// rows read, the keys in all).
func (p *protector) addReconcile(d *reconcileDraft) []int {
	if !d.controlled(p.pl) {
		return nil
	}
	sec := d.run.plan
	out := &d.out
	var units []int
	for i, row := range out.Rows {
		rows := row[2].(int64) + row[3].(int64)
		reason := p.rules().Primary(disclosure.Contribution{Rows: rows, Subjects: d.subjects[i].Count()})
		units = append(units, p.unit(fmt.Sprintf("section %s, the row %q", sec.ID, row[0]), reason, 0, float64(d.subjects[i].Count()), d.subjects[i]))
	}
	fixed := len(p.prob.Units)
	p.prob.Units = append(p.prob.Units, disclosure.Unit{Name: fmt.Sprintf("section %s, the counts in all", sec.ID), Fixed: true})
	rp := sec.Reconcile
	for c := 1; c < len(out.Columns); c++ {
		values := make([]float64, len(out.Rows))
		whole := 0.0
		for i, row := range out.Rows {
			values[i], _ = ToFloat(row[c])
			whole += values[i]
		}
		// Which side a column counts or sums: keys are both sides'.
		left := c == 2 || c >= 4 && c < 4+len(rp.Lnums)
		right := c == 3 || c >= 4+len(rp.Lnums)
		// The side read after the other is tied to the sections reading
		// the same rows: its classes are sums over that scan's atoms.
		if ref, ok := p.recAtoms[d.run]; ok && (left && ref.as.src == rp.Left || right && ref.as.src == rp.Right) {
			key := "rows"
			if c > 3 {
				// Columns from 4 on sum the left's number columns, then the right's.
				key = fmt.Sprintf("col %d", slices.Concat(rp.Lnums, rp.Rnums)[c-4])
			}
			v := p.sourceVar(ref.as, key)
			for i, row := range out.Rows {
				if left && row[2].(int64) == 0 || right && row[3].(int64) == 0 {
					continue // no rows of this side: nothing, and known to be
				}
				p.cell(disclosure.Cell{Unit: units[i], Var: v, Atoms: ref.as.atomsOfClass(ref.k, int32(i)), Value: values[i], Tolerance: 0.005, Name: out.Columns[c], Sensitive: p.prob.Units[units[i]].Primary != disclosure.Shown})
			}
			continue
		}
		v := p.localVar(fmt.Sprintf("%p %d", d.run, c), values, c <= 3)
		for i, row := range out.Rows {
			// A class has no rows of the side it is not on: a reader
			// knows that figure is nothing, withheld or not.
			if left && row[2].(int64) == 0 || right && row[3].(int64) == 0 {
				p.cell(disclosure.Cell{Unit: fixed, Var: v, Atoms: []int{i}, Name: out.Columns[c]})
				continue
			}
			p.cell(disclosure.Cell{Unit: units[i], Var: v, Atoms: []int{i}, Value: values[i], Tolerance: 0.005, Name: out.Columns[c], Sensitive: p.prob.Units[units[i]].Primary != disclosure.Shown})
		}
		if c <= 3 {
			// Keys in all are in the step; each side's rows in all are its
			// rows read.
			p.cell(disclosure.Cell{Unit: fixed, Var: v, Atoms: []int{0, 1, 2}, Value: whole, Name: out.Columns[c]})
		}
	}
	return units
}

// finish withholds the classes disclosure control decided on and writes
// the notes and steps.
func (d *reconcileDraft) finish(pl *Plan, stats Reads, units []int, res disclosure.Result) pack.Section {
	r, out := d.run, d.out
	sec, rp := r.plan, r.plan.Reconcile
	w := WordsFor(pl.Locale)
	var disc disclosureResult
	noSubject := false
	for i, u := range units {
		if !res.Withheld[u] {
			continue
		}
		noSubject = noSubject || d.subjects[i].Count() == 0
		for c := 1; c < len(out.Columns); c++ {
			out.Suppressed = append(out.Suppressed, [2]int{i, c})
			out.Rows[i][c] = nil
		}
	}
	disc.cells = len(out.Suppressed)
	controlled := d.controlled(pl)
	trimDecimals(&out, sec.Decimal)
	out.Footnotes = sec.writtenNotes()
	out.Footnotes = append(out.Footnotes, sourceNotes(w, stats, rp.Left, rp.Right)...)
	if controlled && disc.cells > 0 {
		out.Footnotes = append(out.Footnotes, suppressedNote(w, pl, sec, disc))
	}
	if noSubject {
		out.Footnotes = append(out.Footnotes, pack.Footnote{Kind: pack.FootnoteSuppressed, Text: fmt.Sprintf(w.NoSubjectClass, sec.subjectWords(), w.num(int64(pl.MinCount)))})
	}
	if sec.Exempt != "" {
		out.Footnotes = append(out.Footnotes, pack.Footnote{Kind: pack.FootnoteExempt, Text: fmt.Sprintf(w.Exempt, sec.Exempt)})
	}
	on := reconcileKeyWords(rp, sec.Written.ReconcileOn)
	left, right := rp.Left.ReaderName(), rp.Right.ReaderName()
	// A class's number of keys is a figure of its row: where that is
	// withheld, the step shows the withheld mark too.
	keys := func(i int) string {
		if slices.Contains(out.Suppressed, [2]int{i, 1}) {
			return fmt.Sprintf(w.Keys.Many, pack.WithheldMark)
		}
		return w.n(w.Keys, d.keys[i])
	}
	out.Steps = []pack.Step{
		readStep(w, rp.Left, stats[rp.Left]),
		readStep(w, rp.Right, stats[rp.Right]),
		{Text: fmt.Sprintf(w.ReconcileStep, left, right, on, keys(0), left, keys(1), right, keys(2)), Rows: int64(len(r.order))},
	}
	out.Steps = append(out.Steps, disclosureSteps(w, pl, sec, controlled, disc)...)
	return out
}

// sumCell is a reconcile sum: nil where the side has no rows in the class.
func sumCell(a *sumAgg, rows int64, decimals int) any {
	if rows == 0 {
		return nil
	}
	v := a.result()
	if f, ok := v.(float64); ok {
		return roundTo(f, decimals)
	}
	return v
}

// reconcileKeyWords names the key columns by the left extract's header (or the column's own label)s.
func reconcileKeyWords(rp *ReconcilePlan, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if c := rp.Left.Col(n); c >= 0 {
			out[i] = rp.Left.Cols[c].Label
		}
	}
	return strings.Join(out, ", ")
}
