package recipes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mipack/mipack/recipes/disclosure"
	"github.com/mipack/mipack/render/pack"
)

// reconcilePlan compares two sources by a key: which keys are only on the
// left, only on the right, or on both sides, with row counts and the sums
// of every number column.
type reconcilePlan struct {
	left, right  *sourcePlan
	lkeys, rkeys []int // column indexes in each source
	lnums, rnums []int // number columns of each side
	lsubj, rsubj int   // subject column of each side, or -1
}

func checkReconcile(p *problems, pl *Plan, sources map[string]*sourcePlan, s *Section, sec *sectionPlan, path string) {
	rc := s.Reconcile
	rpath := path + ".reconcile"
	for _, key := range []string{"from", "where", "group_by", "measures", "compute", "join", "derive", "chart"} {
		if set := sectionKeySet(s, key); set {
			p.addf(s.pos, path+"."+key, ErrBadValue, "a reconcile section takes no %q: it lists keys only left, only right and on both sides", key)
		}
	}
	left := lookupSource(p, sources, rc.Left, rpath+".left")
	right := lookupSource(p, sources, rc.Right, rpath+".right")
	if len(rc.On) == 0 {
		p.addf(rc.Left.Pos, rpath+".on", ErrMissing, "reconcile names no key: add `on: <column>`")
	}
	if left == nil || right == nil || len(rc.On) == 0 {
		return
	}
	rp := &reconcilePlan{left: left, right: right, lsubj: left.col(pl.Subject), rsubj: right.col(pl.Subject)}
	if sub := rc.Subject; sub != nil {
		if sub.Left.Set() {
			rp.lsubj = left.needCol(p, sub.Left, rpath+".subject.left")
		}
		if sub.Right.Set() {
			rp.rsubj = right.needCol(p, sub.Right, rpath+".subject.right")
		}
	}
	for _, k := range rc.On {
		l, r := left.needCol(p, k, rpath+".on"), right.needCol(p, k, rpath+".on")
		rp.lkeys = append(rp.lkeys, l)
		rp.rkeys = append(rp.rkeys, r)
	}
	for i, c := range left.cols {
		if (c.typ == tNumber || c.typ == tInteger) && !contains(rc.On.Values(), c.name) {
			rp.lnums = append(rp.lnums, i)
		}
	}
	for i, c := range right.cols {
		if (c.typ == tNumber || c.typ == tInteger) && !contains(rc.On.Values(), c.name) {
			rp.rnums = append(rp.rnums, i)
		}
	}
	sec.reconcile = rp
	sec.from = left
	if checkExempt(p, s, sec, path) {
		return
	}
	if pl.Audience == "council" && rp.lsubj < 0 && rp.rsubj < 0 {
		p.addf(s.pos, path, ErrDisclosure, "a council section needs the subject column %q on either side of the reconcile, or `disclosure: {exempt: \"reason\"}`", pl.Subject)
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

// keyState is one key's rows on each side of a reconcile.
type keyState struct {
	lrows, rrows int64
	lsums, rsums []sumAgg
	subjects     *idSet
}

// reconcileRun folds both sides of a reconcile by key.
type reconcileRun struct {
	plan *sectionPlan
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

func newReconcileRun(sec *sectionPlan, subjects *textIDs) *reconcileRun {
	return &reconcileRun{plan: sec, keys: map[string]*keyState{}, subjectIDs: subjects}
}

// sideNums are the number columns of the side src is.
func (r *reconcileRun) sideNums(src *sourcePlan) []int {
	if src == r.plan.reconcile.left {
		return r.plan.reconcile.lnums
	}
	return r.plan.reconcile.rnums
}

func (r *reconcileRun) add(left bool, row []any) {
	rp := r.plan.reconcile
	idx, nums, subj := rp.lkeys, rp.lnums, rp.lsubj
	if !left {
		idx, nums, subj = rp.rkeys, rp.rnums, rp.rsubj
	}
	r.buf = joinKey(r.buf[:0], row, idx)
	key := "\x00nil"
	if r.buf != nil {
		key = string(r.buf)
	}
	ks := r.keys[key]
	if ks == nil {
		ks = &keyState{lsums: make([]sumAgg, len(rp.lnums)), rsums: make([]sumAgg, len(rp.rnums))}
		for i, c := range rp.lnums {
			ks.lsums[i].integer = rp.left.cols[c].typ == tInteger
		}
		for i, c := range rp.rnums {
			ks.rsums[i].integer = rp.right.cols[c].typ == tInteger
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
func (r *reconcileRun) draft(pl *Plan, stats map[*sourcePlan]*sourceStats) *reconcileDraft {
	sec, rp := r.plan, r.plan.reconcile
	w := wordsFor(pl.Locale)
	d := &reconcileDraft{run: r}
	out := pack.Section{ID: sec.id, Title: strings.TrimSpace(sec.spec.Title.Value), Kind: pack.KindReconcile, Suppressed: [][2]int{}}
	addCol := func(name, label, typ string, decimals int, group bool) {
		out.Columns = append(out.Columns, name)
		if l := sec.labels[name]; l != "" {
			label = l
		}
		out.ColumnInfo = append(out.ColumnInfo, pack.Column{Name: name, Label: label, Type: typ, Decimals: min(decimals, 2), Group: group})
	}
	addCol("side", w.sideCol, pack.TypeString, 0, true)
	addCol("keys", w.keysCol, pack.TypeInteger, 0, false)
	left, right := rp.left.readerName(), rp.right.readerName()
	addCol(rp.left.name+"_rows", fmt.Sprintf(w.rowsCol, left), pack.TypeInteger, 0, false)
	addCol(rp.right.name+"_rows", fmt.Sprintf(w.rowsCol, right), pack.TypeInteger, 0, false)
	decimals := func(sp *sourcePlan, c int) int {
		if st := stats[sp]; st != nil {
			return st.decimals[c]
		}
		return 0
	}
	for _, c := range rp.lnums {
		name := rp.left.name + "." + rp.left.cols[c].name
		addCol(name, fmt.Sprintf(w.reconcileSum, rp.left.cols[c].label, left), packType(rp.left.cols[c].typ), decimals(rp.left, c), false)
	}
	for _, c := range rp.rnums {
		name := rp.right.name + "." + rp.right.cols[c].name
		addCol(name, fmt.Sprintf(w.reconcileSum, rp.right.cols[c].label, right), packType(rp.right.cols[c].typ), decimals(rp.right, c), false)
	}
	type class struct {
		label        string
		keys, lr, rr int64
		lsums, rsums []sumAgg
		subjects     *idSet
	}
	classes := []*class{
		{label: fmt.Sprintf(w.onlyLeft, left)},
		{label: fmt.Sprintf(w.onlyRight, right)},
		{label: w.both},
	}
	for _, c := range classes {
		c.lsums = make([]sumAgg, len(rp.lnums))
		c.rsums = make([]sumAgg, len(rp.rnums))
		for i, n := range rp.lnums {
			c.lsums[i].integer = rp.left.cols[n].typ == tInteger
		}
		for i, n := range rp.rnums {
			c.rsums[i].integer = rp.right.cols[n].typ == tInteger
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
		for n, col := range rp.lnums {
			row = append(row, sumCell(&c.lsums[n], c.lr, decimals(rp.left, col)))
		}
		for n, col := range rp.rnums {
			row = append(row, sumCell(&c.rsums[n], c.rr, decimals(rp.right, col)))
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
	rp := d.run.plan.reconcile
	return pl.MinCount > 0 && (rp.lsubj >= 0 || rp.rsubj >= 0) && d.run.plan.exempt == ""
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
		reason := p.rules().Primary(disclosure.Contribution{Rows: rows, Subjects: d.subjects[i].count()})
		units = append(units, p.unit(fmt.Sprintf("section %s, the row %q", sec.id, row[0]), reason, 0, float64(d.subjects[i].count()), d.subjects[i]))
	}
	fixed := len(p.prob.Units)
	p.prob.Units = append(p.prob.Units, disclosure.Unit{Name: fmt.Sprintf("section %s, the counts in all", sec.id), Fixed: true})
	rp := sec.reconcile
	for c := 1; c < len(out.Columns); c++ {
		values := make([]float64, len(out.Rows))
		whole := 0.0
		for i, row := range out.Rows {
			values[i], _ = toFloat(row[c])
			whole += values[i]
		}
		// Which side a column counts or sums: keys are both sides'.
		left := c == 2 || c >= 4 && c < 4+len(rp.lnums)
		right := c == 3 || c >= 4+len(rp.lnums)
		// The side read after the other is tied to the sections reading
		// the same rows: its classes are sums over that scan's atoms.
		if ref, ok := p.recAtoms[d.run]; ok && (left && ref.as.src == rp.left || right && ref.as.src == rp.right) {
			key := "rows"
			if c > 3 {
				// Columns from 4 on sum the left's number columns, then the right's.
				key = fmt.Sprintf("col %d", slices.Concat(rp.lnums, rp.rnums)[c-4])
			}
			v := p.sourceVar(ref.as, key)
			for i, row := range out.Rows {
				if left && row[2].(int64) == 0 || right && row[3].(int64) == 0 {
					continue // no rows of this side: nothing, and known to be
				}
				p.cell(units[i], v, ref.as.atomsOfClass(ref.k, int32(i)), values[i], 0.005, out.Columns[c], p.prob.Units[units[i]].Primary != disclosure.Shown)
			}
			continue
		}
		v := p.localVar(fmt.Sprintf("%p %d", d.run, c), values, c <= 3)
		for i, row := range out.Rows {
			// A class has no rows of the side it is not on: a reader
			// knows that figure is nothing, withheld or not.
			if left && row[2].(int64) == 0 || right && row[3].(int64) == 0 {
				p.cell(fixed, v, []int{i}, 0, 0, out.Columns[c], false)
				continue
			}
			p.cell(units[i], v, []int{i}, values[i], 0.005, out.Columns[c], p.prob.Units[units[i]].Primary != disclosure.Shown)
		}
		if c <= 3 {
			// Keys in all are in the step; each side's rows in all are its
			// rows read.
			p.cell(fixed, v, []int{0, 1, 2}, whole, 0, out.Columns[c], false)
		}
	}
	return units
}

// finish withholds the classes disclosure control decided on and writes
// the notes and steps.
func (d *reconcileDraft) finish(pl *Plan, stats map[*sourcePlan]*sourceStats, units []int, res disclosure.Result) pack.Section {
	r, out := d.run, d.out
	sec, rp := r.plan, r.plan.reconcile
	w := wordsFor(pl.Locale)
	var disc disclosureResult
	noSubject := false
	for i, u := range units {
		if !res.Withheld[u] {
			continue
		}
		noSubject = noSubject || d.subjects[i].count() == 0
		for c := 1; c < len(out.Columns); c++ {
			out.Suppressed = append(out.Suppressed, [2]int{i, c})
			out.Rows[i][c] = nil
		}
	}
	disc.cells = len(out.Suppressed)
	controlled := d.controlled(pl)
	trimDecimals(&out, sec.decimal)
	out.Footnotes = sec.writtenNotes()
	out.Footnotes = append(out.Footnotes, sourceNotes(w, stats, rp.left, rp.right)...)
	if controlled && disc.cells > 0 {
		out.Footnotes = append(out.Footnotes, suppressedNote(w, pl, sec, disc))
	}
	if noSubject {
		out.Footnotes = append(out.Footnotes, pack.Footnote{Kind: pack.FootnoteSuppressed, Text: fmt.Sprintf(w.noSubjectClass, sec.subjectWords(), w.num(int64(pl.MinCount)))})
	}
	if sec.exempt != "" {
		out.Footnotes = append(out.Footnotes, pack.Footnote{Kind: pack.FootnoteExempt, Text: fmt.Sprintf(w.exempt, sec.exempt)})
	}
	on := reconcileKeyWords(rp, sec.spec.Reconcile.On.Values())
	left, right := rp.left.readerName(), rp.right.readerName()
	// A class's number of keys is a figure of its row: where that is
	// withheld, the step shows the withheld mark too.
	keys := func(i int) string {
		if slices.Contains(out.Suppressed, [2]int{i, 1}) {
			return fmt.Sprintf(w.keys.many, pack.WithheldMark)
		}
		return w.n(w.keys, d.keys[i])
	}
	out.Steps = []pack.Step{
		readStep(w, rp.left, stats[rp.left]),
		readStep(w, rp.right, stats[rp.right]),
		{Text: fmt.Sprintf(w.reconcileStep, left, right, on, keys(0), left, keys(1), right, keys(2)), Rows: int64(len(r.order))},
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
func reconcileKeyWords(rp *reconcilePlan, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if c := rp.left.col(n); c >= 0 {
			out[i] = rp.left.cols[c].label
		}
	}
	return strings.Join(out, ", ")
}
