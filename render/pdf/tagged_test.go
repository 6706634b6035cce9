package pdf

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
	"github.com/mipack/mipack/render/pdf/pdftest"
)

// TestTaggedStructure compares the structure tree of the sample pack, with
// each element's text, to a golden file: what a screen reader is given, in
// the order it reads it.
func TestTaggedStructure(t *testing.T) {
	path, _ := render(t, packtest.Sample())
	golden(t, "structure tree of the sample pack", pdftest.StructText(t, path))
}

// objects is a PDF's objects as qpdf --json gives them.
type objects map[string]any

// get follows a reference ("n 0 R") to its object; anything else is
// returned as it is.
func (o objects) get(v any) any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
		return o["obj:"+s]
	}
	return v
}

// dict returns v (or the object it refers to) as a dictionary.
func (o objects) dict(v any) map[string]any {
	d, _ := o.get(v).(map[string]any)
	return d
}

func TestTaggedCatalog(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    *pack.Pack
		lang string
	}{
		{"sample", packtest.Sample(), "u:da"},
		{"english", &pack.Pack{Title: "Empty & <pack>", Period: "2026-10", Locale: "en", Provenance: pack.Provenance{GeneratedAt: "2026-11-01T08:00:00Z"}}, "u:en"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path, data := render(t, tt.p)
			pdftest.Check(t, path)
			if !bytes.HasPrefix(data, []byte("%PDF-1.7\n")) {
				t.Errorf("header: got %q, want %%PDF-1.7", data[:8])
			}
			o := objects(pdftest.Objects(t, path))
			trailer := o.dict(o["trailer"])
			cat := o.dict(trailer["/Root"])
			if got := o.dict(cat["/MarkInfo"])["/Marked"]; got != true {
				t.Errorf("catalog /MarkInfo /Marked: got %v, want true", got)
			}
			if got := cat["/Lang"]; got != tt.lang {
				t.Errorf("catalog /Lang: got %v, want %v", got, tt.lang)
			}
			if got := o.dict(cat["/ViewerPreferences"])["/DisplayDocTitle"]; got != true {
				t.Errorf("catalog /ViewerPreferences /DisplayDocTitle: got %v, want true", got)
			}
			root := o.dict(cat["/StructTreeRoot"])
			if root["/Type"] != "/StructTreeRoot" || o.dict(root["/ParentTree"])["/Nums"] == nil {
				t.Errorf("catalog /StructTreeRoot: got %v, want a structure tree root with a /ParentTree", root)
			}
			if doc := o.dict(root["/K"]); doc["/S"] != "/Document" {
				t.Errorf("structure tree root: got a %v element, want /Document", doc["/S"])
			}

			pages := o.dict(cat["/Pages"])["/Kids"].([]any)
			links := 0
			for i, pg := range pages {
				pd := o.dict(pg)
				if got := pd["/StructParents"]; got != float64(i) {
					t.Errorf("page %d /StructParents: got %v, want %d", i+1, got, i)
				}
				if got := pd["/Tabs"]; got != "/S" {
					t.Errorf("page %d /Tabs: got %v, want /S", i+1, got)
				}
				annots, _ := pd["/Annots"].([]any)
				for _, a := range annots {
					ref, isRef := a.(string)
					ad := o.dict(a)
					if !isRef || !strings.HasSuffix(ref, " R") {
						t.Errorf("page %d: got a direct annotation, want each in an object of its own", i+1)
					}
					if c, _ := ad["/Contents"].(string); len(c) < 3 {
						t.Errorf("page %d annotation %v: got /Contents %q, want a description", i+1, a, c)
					}
					if _, ok := ad["/StructParent"].(float64); !ok {
						t.Errorf("page %d annotation %v: got no /StructParent", i+1, a)
					}
					links++
				}
			}
			if want := len(tt.p.Sections) + 1; links < want {
				t.Errorf("got %d link annotations, want at least %d (the contents)", links, want)
			}

			meta, _ := o.get(cat["/Metadata"]).(map[string]any)
			x, err := base64.StdEncoding.DecodeString(fmt.Sprint(meta["data"]))
			if err != nil {
				t.Fatalf("XMP metadata: %v", err)
			}
			title := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(tt.p.Title)
			for _, want := range []string{
				`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + title + `</rdf:li></rdf:Alt></dc:title>`,
				"<pdfuaid:part>1</pdfuaid:part>",
				"<xmp:CreateDate>2026-11-01T08:00:00Z</xmp:CreateDate>",
			} {
				if !bytes.Contains(x, []byte(want)) {
					t.Errorf("XMP metadata: got no %s in\n%s", want, x)
				}
			}
		})
	}
}

func TestTaggedFigureAlt(t *testing.T) {
	path, _ := render(t, packtest.Sample())
	o := objects(pdftest.Objects(t, path))
	var alts []string
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if d, ok := o[k].(map[string]any); ok && d["/S"] == "/Figure" {
			alts = append(alts, fmt.Sprint(d["/Alt"]))
		}
	}
	want := []string{
		"u:Diagram: Døgnpris i alt efter paragraf. Søjlediagram. Kategorier: § 107, § 108, § 85, § 103. Serier: Døgnpris i alt (kr.). " +
			"Vises ikke af hensyn til diskretion: § 103 (Døgnpris i alt (kr.)). Diagrammets tal står i tabellen.",
		"u:Diagram: Udgift efter leverandør. Stablet søjlediagram. Kategorier: Bo & Støtte ApS, " + packtest.Hostile + ". " +
			"Serier: § 107, § 108. Diagrammets tal står i tabellen.",
		"u:Diagram: Udgift og betalinger pr. måned. Kurvediagram. Kategorier: 2026-07, 2026-08, 2026-09, 2026-10. " +
			"Serier: Beløb (kr.), Betalinger. Diagrammets tal står i tabellen.",
	}
	slices.Sort(alts)
	slices.Sort(want)
	if !slices.Equal(alts, want) {
		t.Errorf("Figure /Alt texts:\ngot  %q\nwant %q", alts, want)
	}
}

func TestTaggedFonts(t *testing.T) {
	path, _ := render(t, packtest.Sample())
	fonts := pdftest.Fonts(t, path)
	if len(fonts) == 0 {
		t.Fatal("pdffonts: got no fonts")
	}
	for _, f := range fonts {
		if !f.Embedded || !f.Subset || !f.ToUnicode {
			t.Errorf("font %s: got embedded %v, subset %v, ToUnicode %v; want all true", f.Name, f.Embedded, f.Subset, f.ToUnicode)
		}
	}
}

// TestTaggedPDFJS reads packs with pdf.js: everything painted is tagged or
// an artifact, MCIDs are unique and in the tree, figures have /Alt, links
// /Contents, headings skip no level.
func TestTaggedPDFJS(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    *pack.Pack
	}{
		{"sample", packtest.Sample()},
		{"big", bigPack()},
		{"minimal", &pack.Pack{Title: "Empty pack", Period: "2026-10", Locale: "en", Provenance: pack.Provenance{GeneratedAt: "2026-11-01T08:00:00Z"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path, _ := render(t, tt.p)
			res := pdftest.PDFJS(t, path)
			for _, p := range res.Problems {
				t.Errorf("pdf.js: %s", p)
			}
			charts := 0
			for _, s := range tt.p.Sections {
				if s.Chart != nil {
					charts++
				}
			}
			if got := res.Counts["figures"]; got != charts {
				t.Errorf("pdf.js: got %d figures, want %d", got, charts)
			}
			if got, want := res.Counts["links"], len(tt.p.Sections)+1; got < want {
				t.Errorf("pdf.js: got %d links, want at least %d", got, want)
			}
			if res.Counts["mcids"] == 0 || res.Counts["headings"] == 0 {
				t.Errorf("pdf.js: got counts %v, want marked content and headings", res.Counts)
			}
		})
	}
}
