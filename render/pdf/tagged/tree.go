package tagged

import (
	"fmt"
	"strconv"
)

// Writer is where the marked-content operators go: the document being
// drawn. *fpdf.Fpdf is one: RawWriteStr writes into the current page's
// content stream, and PageNo is the current page (1-based, 0 before the
// first).
type Writer interface {
	RawWriteStr(s string)
	PageNo() int
}

// Role is a standard structure type of PDF 1.7 (ISO 32000-1, 14.8.4).
type Role string

// The structure types a pack uses.
const (
	Document  Role = "Document"
	Sect      Role = "Sect"
	H1        Role = "H1"
	H2        Role = "H2"
	H3        Role = "H3"
	P         Role = "P"
	L         Role = "L"
	LI        Role = "LI"
	Lbl       Role = "Lbl"
	LBody     Role = "LBody"
	Table     Role = "Table"
	TR        Role = "TR"
	TH        Role = "TH"
	TD        Role = "TD"
	Figure    Role = "Figure"
	Note      Role = "Note"
	Reference Role = "Reference"
	Link      Role = "Link"
	TOC       Role = "TOC"
	TOCI      Role = "TOCI"
)

// Scope says which cells a table heading (TH) heads.
type Scope string

// The scopes of a heading cell.
const (
	Column Scope = "Column"
	Row    Scope = "Row"
)

// Artifact is the kind of content that is painted but not read: page
// furniture a reader of the text should skip.
type Artifact string

// The kinds of artifact.
const (
	Layout     Artifact = "Layout"     // rules, tints, leaders, bullets
	Pagination Artifact = "Pagination" // repeated headings and notes on later pages
	Header     Artifact = "Header"     // the running header
	Footer     Artifact = "Footer"     // the running footer and page number
)

// Tree is a document's structure tree while it is drawn: elements in
// reading order, the marked content on each page that belongs to them, and
// the link annotations they own. Draw every painted thing through Mark or
// Artifact; Finish adds the tree to the finished file.
//
// A Tree records its first misuse (marked content left open over a page
// break, or opened inside other marked content) and Finish returns it.
type Tree struct {
	w     Writer
	root  *Elem
	pages []page // index page-1
	open  open
	err   error
}

// open is what marked content is open.
type open int

const (
	none     open = iota
	marked        // a structure element's content
	artifact      // an artifact
)

// page is what one page holds: the element of each MCID, in order, and the
// link annotations in the order they were added to the page.
type page struct {
	mcids  []*Elem
	annots []annot
}

// annot is a link annotation owned by a Link element.
type annot struct {
	elem     *Elem
	contents string
	obj      int // its object number, once Finish has given it one
}

// Elem is a structure element.
type Elem struct {
	tree   *Tree
	role   Role
	parent *Elem
	kids   []kid
	alt    string
	scope  Scope
	bbox   *[4]float64
}

// kid is one child of an element: an element, a marked-content sequence
// (page, mcid) or a link annotation (page, annot).
type kid struct {
	elem        *Elem
	page        int
	mcid, annot int // -1 when not that kind
}

// New starts an empty tree whose root is a Document element.
func New(w Writer) *Tree {
	t := &Tree{w: w}
	t.root = &Elem{tree: t, role: Document}
	return t
}

// Root is the Document element.
func (t *Tree) Root() *Elem { return t.root }

// Err is the first misuse recorded, or nil.
func (t *Tree) Err() error { return t.err }

func (t *Tree) fail(format string, args ...any) {
	if t.err == nil {
		t.err = fmt.Errorf("tagged: "+format, args...)
	}
}

// Add appends a new child element of role r to e and returns it.
func (e *Elem) Add(r Role) *Elem {
	c := &Elem{tree: e.tree, role: r, parent: e}
	e.kids = append(e.kids, kid{elem: c, mcid: -1, annot: -1})
	return c
}

// Role is e's structure type.
func (e *Elem) Role() Role { return e.role }

// SetAlt sets e's alternate description (/Alt), what a figure shows.
func (e *Elem) SetAlt(s string) { e.alt = s }

// SetScope sets the scope of a heading cell (/Scope in its Table attributes).
func (e *Elem) SetScope(s Scope) { e.scope = s }

// SetBBox sets e's bounding box on its page, in points from the page's
// lower left corner: x1, y1, x2, y2.
func (e *Elem) SetBBox(x1, y1, x2, y2 float64) { e.bbox = &[4]float64{x1, y1, x2, y2} }

// pageNo is the current page, recording a misuse before the first.
func (t *Tree) pageNo() int {
	n := t.w.PageNo()
	if n < 1 {
		t.fail("content drawn before the first page")
		return 0
	}
	for len(t.pages) < n {
		t.pages = append(t.pages, page{})
	}
	return n
}

// Mark draws what draw paints as a marked-content sequence of e on the
// current page. draw must not start a new page, and Mark must not be
// called inside Mark or Artifact.
func (t *Tree) Mark(e *Elem, draw func()) {
	n := t.pageNo()
	if n == 0 || t.begin(n, marked) {
		draw()
		return
	}
	pg := &t.pages[n-1]
	id := len(pg.mcids)
	pg.mcids = append(pg.mcids, e)
	e.kids = append(e.kids, kid{page: n, mcid: id, annot: -1})
	t.w.RawWriteStr("/" + string(e.role) + " <</MCID " + strconv.Itoa(id) + ">> BDC")
	draw()
	t.end(n)
}

// Artifact draws what draw paints as an artifact of kind k. draw must not
// start a new page. Inside another Artifact it draws as part of that one;
// inside Mark it is a misuse.
func (t *Tree) Artifact(k Artifact, draw func()) {
	if t.open == artifact {
		draw()
		return
	}
	n := t.pageNo()
	if n == 0 || t.begin(n, artifact) {
		draw()
		return
	}
	switch k {
	case Header, Footer:
		t.w.RawWriteStr("/Artifact <</Type /Pagination /Subtype /" + string(k) + ">> BDC")
	default:
		t.w.RawWriteStr("/Artifact <</Type /" + string(k) + ">> BDC")
	}
	draw()
	t.end(n)
}

// begin opens marked content of kind k on page n; it reports a misuse
// (true) when some is open already.
func (t *Tree) begin(n int, k open) bool {
	if t.open != none {
		t.fail("marked content opened inside other marked content on page %d", n)
		return true
	}
	t.open = k
	return false
}

// end closes marked content opened on page n.
func (t *Tree) end(n int) {
	t.open = none
	if now := t.w.PageNo(); now != n {
		t.fail("marked content opened on page %d was closed on page %d: a page break must not fall inside it", n, now)
		return
	}
	t.w.RawWriteStr("EMC")
}

// Link records that the link annotation added next to the current page
// belongs to e (a Link element), with contents as its description. Call it
// once for every link annotation drawn, in the order they are drawn.
func (t *Tree) Link(e *Elem, contents string) {
	n := t.pageNo()
	if n == 0 {
		return
	}
	if e.role != Link {
		t.fail("a link annotation given to a %s element, want Link", e.role)
	}
	pg := &t.pages[n-1]
	e.kids = append(e.kids, kid{page: n, mcid: -1, annot: len(pg.annots)})
	pg.annots = append(pg.annots, annot{elem: e, contents: contents})
}
