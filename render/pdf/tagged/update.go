package tagged

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Finish returns pdf (the file the tree's Writer made) with the tree added
// as an incremental update: the original bytes, then new objects (the
// structure elements, the structure tree root and its parent tree, each
// link annotation as an object of its own, the XMP metadata) and the
// objects it rewrites under their old numbers (the catalog, every page,
// the fonts), a cross-reference section for them and a trailer pointing
// back at the original one. Every object number of the original stays
// valid, so outlines and link destinations need no change; only the
// header's version byte is raised to 1.7, which moves nothing.
//
// The catalog gains /MarkInfo, /StructTreeRoot, /ViewerPreferences
// (DisplayDocTitle), /Lang and /Metadata; each page /StructParents and
// /Tabs /S; each link /StructParent, /Contents and the print flag; each
// embedded font a subset tag in its name. The same pdf and tree always give
// the same bytes.
func (t *Tree) Finish(pdf []byte, info Info) ([]byte, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.open != none {
		return nil, fmt.Errorf("tagged: marked content left open at the end")
	}
	u, err := newUpdate(pdf, t)
	if err != nil {
		return nil, fmt.Errorf("tagged: %w", err)
	}
	if err := u.build(info); err != nil {
		return nil, fmt.Errorf("tagged: %w", err)
	}
	return u.bytes(), nil
}

// update is one incremental update being put together.
type update struct {
	f       *file
	t       *Tree
	next    int            // next free object number
	objects map[int][]byte // object number → its "n 0 obj … endobj" text
	pages   []ref          // the page objects, in order
	elems   map[*Elem]int  // element → object number
}

func newUpdate(pdf []byte, t *Tree) (*update, error) {
	f, err := readFile(pdf)
	if err != nil {
		return nil, err
	}
	size, err := f.size()
	if err != nil {
		return nil, err
	}
	return &update{f: f, t: t, next: size, objects: map[int][]byte{}, elems: map[*Elem]int{}}, nil
}

// alloc returns a new object number.
func (u *update) alloc() int {
	u.next++
	return u.next - 1
}

// put sets the text of object num to o.
func (u *update) put(num int, o object) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d 0 obj\n", num)
	write(&b, o)
	b.WriteString("\nendobj\n")
	u.objects[num] = b.Bytes()
}

func (u *update) build(info Info) error {
	root, ok := u.f.trailer.get("Root").(ref)
	if !ok {
		return fmt.Errorf("%w: the trailer has no /Root", errSyntax)
	}
	catalog, err := u.f.dict(root)
	if err != nil {
		return err
	}
	tree, err := u.f.dict(catalog.get("Pages"))
	if err != nil {
		return err
	}
	kids, _ := tree.get("Kids").(array)
	for _, k := range kids {
		r, ok := k.(ref)
		if !ok {
			return fmt.Errorf("%w: a page tree kid is not a reference", errSyntax)
		}
		u.pages = append(u.pages, r)
	}
	if len(u.t.pages) > len(u.pages) {
		return fmt.Errorf("the tree has content on %d pages, the file has %d", len(u.t.pages), len(u.pages))
	}

	u.number(u.t.root)
	rootNum, parentTree := u.alloc(), u.alloc()
	nums, err := u.rewritePages()
	if err != nil {
		return err
	}
	for e, num := range u.elems {
		u.put(num, u.elemDict(e, rootNum))
	}
	nextKey := len(u.pages)
	for i := range u.t.pages {
		nextKey += len(u.t.pages[i].annots)
	}
	u.put(rootNum, dict{
		{"Type", name("StructTreeRoot")},
		{"K", ref{u.elems[u.t.root], 0}},
		{"ParentTree", ref{parentTree, 0}},
		{"ParentTreeNextKey", nextKey},
	})
	u.put(parentTree, dict{{"Nums", nums}})

	meta := u.alloc()
	x := info.xmp()
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n", meta, len(x))
	b.Write(x)
	b.WriteString("\nendstream\nendobj\n")
	u.objects[meta] = b.Bytes()

	lang := info.Lang
	if lang == "" || strings.Trim(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return fmt.Errorf("language %q is not a language tag", lang)
	}
	catalog = catalog.
		set("MarkInfo", dict{{"Marked", raw("true")}}).
		set("StructTreeRoot", ref{rootNum, 0}).
		set("ViewerPreferences", dict{{"DisplayDocTitle", raw("true")}}).
		set("Lang", raw("("+lang+")")).
		set("Metadata", ref{meta, 0})
	u.put(root.num, catalog)
	return u.tagFonts()
}

// number gives e and its descendants object numbers, in reading order.
func (u *update) number(e *Elem) {
	u.elems[e] = u.alloc()
	for _, k := range e.kids {
		if k.elem != nil {
			u.number(k.elem)
		}
	}
}

// rewritePages writes every page again with /StructParents and /Tabs, and
// its link annotations as objects of their own, and returns the parent
// tree's /Nums: for each page the element of each of its MCIDs, then for
// each annotation its Link element.
func (u *update) rewritePages() (array, error) {
	var nums array
	var annotNums array
	annotKey := len(u.pages)
	for i, pr := range u.pages {
		pd, err := u.f.dict(pr)
		if err != nil {
			return nil, err
		}
		var pg page
		if i < len(u.t.pages) {
			pg = u.t.pages[i]
		}
		mcids := make(array, len(pg.mcids))
		for m, e := range pg.mcids {
			mcids[m] = ref{u.elems[e], 0}
		}
		nums = append(nums, i, mcids)

		annots, _ := pd.get("Annots").(array)
		if len(annots) != len(pg.annots) {
			return nil, fmt.Errorf("page %d has %d link annotations, the tree %d", i+1, len(annots), len(pg.annots))
		}
		refs := make(array, len(annots))
		for j, a := range annots {
			ad, ok := a.(dict)
			if !ok {
				return nil, fmt.Errorf("%w: page %d: an annotation is not a dictionary", errSyntax, i+1)
			}
			if err := u.checkDest(ad, i+1); err != nil {
				return nil, err
			}
			num := u.alloc()
			ad = ad.set("P", pr).
				set("StructParent", annotKey).
				set("Contents", text(pg.annots[j].contents)).
				set("F", 4)
			u.put(num, ad)
			refs[j] = ref{num, 0}
			annotNums = append(annotNums, annotKey, ref{u.elems[pg.annots[j].elem], 0})
			pg.annots[j].obj = num
			annotKey++
		}
		if len(refs) > 0 {
			pd = pd.set("Annots", refs)
		}
		pd = pd.set("StructParents", i).set("Tabs", name("S"))
		u.put(pr.num, pd)
		if i < len(u.t.pages) {
			u.t.pages[i] = pg
		}
	}
	return append(nums, annotNums...), nil
}

// checkDest fails when a link's destination is not a page of the file.
func (u *update) checkDest(a dict, page int) error {
	dest, ok := a.get("Dest").(array)
	if !ok {
		return nil
	}
	if len(dest) == 0 || !slices.Contains(u.pages, asRef(dest[0])) {
		return fmt.Errorf("page %d: a link's destination is not a page", page)
	}
	return nil
}

func asRef(o object) ref {
	r, _ := o.(ref)
	return r
}

// elemDict is the structure element dictionary of e.
func (u *update) elemDict(e *Elem, rootNum int) dict {
	parent := ref{rootNum, 0}
	if e.parent != nil {
		parent = ref{u.elems[e.parent], 0}
	}
	d := dict{{"Type", name("StructElem")}, {"S", name(e.role)}, {"P", parent}}
	pg := 0
	for _, k := range e.kids {
		if k.elem == nil {
			pg = k.page
			break
		}
	}
	if pg > 0 {
		d = append(d, entry{"Pg", u.pages[pg-1]})
	}
	var kids array
	for _, k := range e.kids {
		switch {
		case k.elem != nil:
			kids = append(kids, ref{u.elems[k.elem], 0})
		case k.annot >= 0:
			a := u.t.pages[k.page-1].annots[k.annot]
			kids = append(kids, dict{{"Type", name("OBJR")}, {"Pg", u.pages[k.page-1]}, {"Obj", ref{a.obj, 0}}})
		case k.page == pg:
			kids = append(kids, k.mcid)
		default:
			kids = append(kids, dict{{"Type", name("MCR")}, {"Pg", u.pages[k.page-1]}, {"MCID", k.mcid}})
		}
	}
	if len(kids) > 0 {
		d = append(d, entry{"K", kids})
	}
	if e.alt != "" {
		d = append(d, entry{"Alt", text(e.alt)})
	}
	var attrs array
	if e.scope != "" {
		attrs = append(attrs, dict{{"O", name("Table")}, {"Scope", name(e.scope)}})
	}
	if b := e.bbox; b != nil {
		box := array{num(b[0]), num(b[1]), num(b[2]), num(b[3])}
		attrs = append(attrs, dict{{"O", name("Layout")}, {"BBox", box}})
	}
	switch len(attrs) {
	case 0:
	case 1:
		d = append(d, entry{"A", attrs[0]})
	default:
		d = append(d, entry{"A", attrs})
	}
	return d
}

// num writes a coordinate with two decimals.
func num(v float64) raw { return raw(strconv.FormatFloat(v, 'f', 2, 64)) }

// tagFonts gives every embedded Type0 font's name a subset tag (six capital
// letters and "+"), as PDF asks of a font that holds only the glyphs used:
// fpdf embeds subsets but names them without it. The tag comes from a hash
// of the font's name and program, so it is the same on every run.
func (u *update) tagFonts() error {
	if len(u.pages) == 0 {
		return nil
	}
	pd, err := u.f.dict(u.pages[0])
	if err != nil {
		return err
	}
	res, err := u.f.dict(pd.get("Resources"))
	if err != nil {
		return err
	}
	fonts, ok := res.get("Font").(dict)
	if !ok {
		return nil
	}
	for _, fe := range fonts {
		fr, ok := fe.val.(ref)
		if !ok {
			continue
		}
		font, err := u.f.dict(fr)
		if err != nil {
			return err
		}
		base, _ := font.get("BaseFont").(name)
		desc, _ := font.get("DescendantFonts").(array)
		if font.get("Subtype") != name("Type0") || len(desc) != 1 || isTagged(base) {
			continue
		}
		cr := asRef(desc[0])
		cid, err := u.f.dict(cr)
		if err != nil {
			return err
		}
		dr := asRef(cid.get("FontDescriptor"))
		fd, err := u.f.dict(dr)
		if err != nil {
			return err
		}
		h := sha256.New()
		h.Write([]byte(base))
		if prog := asRef(fd.get("FontFile2")); prog.num > 0 {
			h.Write(u.f.raw(prog.num))
		}
		tagged := name(subsetTag(h.Sum(nil)) + "+" + string(base))
		u.put(fr.num, font.set("BaseFont", tagged))
		u.put(cr.num, cid.set("BaseFont", tagged))
		u.put(dr.num, fd.set("FontName", tagged))
	}
	return nil
}

// isTagged reports whether a font name has a subset tag already.
func isTagged(n name) bool {
	return len(n) > 7 && n[6] == '+' && strings.Trim(string(n[:6]), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// subsetTag is six capital letters taken from a hash.
func subsetTag(sum []byte) string {
	b := make([]byte, 6)
	for i := range b {
		b[i] = 'A' + sum[i]%26
	}
	return string(b)
}

// raw returns the bytes of object num up to its endobj, for hashing.
func (f *file) raw(num int) []byte {
	off, ok := f.offsets[num]
	if !ok {
		return nil
	}
	end := bytes.Index(f.b[off:], []byte("endobj"))
	if end < 0 {
		return f.b[off:]
	}
	return f.b[off : off+end]
}

// bytes assembles the updated file: the original with its header raised to
// PDF 1.7, the objects in number order, the cross-reference section and
// the trailer.
func (u *update) bytes() []byte {
	orig := u.f.b
	var b bytes.Buffer
	b.Grow(len(orig) + 64*len(u.objects))
	b.Write(orig)
	if bytes.HasPrefix(orig, []byte("%PDF-1.")) && len(orig) > 7 && orig[7] < '7' {
		b.Bytes()[7] = '7'
	}
	if !bytes.HasSuffix(orig, []byte("\n")) {
		b.WriteByte('\n')
	}
	nums := make([]int, 0, len(u.objects))
	for n := range u.objects {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	offsets := make(map[int]int, len(nums))
	for _, n := range nums {
		offsets[n] = b.Len()
		b.Write(u.objects[n])
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(&b, "%d %d\n", nums[i], j-i+1)
		for _, n := range nums[i : j+1] {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		}
		i = j + 1
	}
	sum := sha256.Sum256(orig)
	id := raw("<" + strings.ToUpper(hex.EncodeToString(sum[:16])) + ">")
	trailer := dict{
		{"Size", u.next},
		{"Root", u.f.trailer.get("Root")},
	}
	if info := u.f.trailer.get("Info"); info != nil {
		trailer = append(trailer, entry{"Info", info})
	}
	trailer = append(trailer, entry{"ID", array{id, id}}, entry{"Prev", u.f.startxref})
	b.WriteString("trailer\n")
	write(&b, trailer)
	fmt.Fprintf(&b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}
