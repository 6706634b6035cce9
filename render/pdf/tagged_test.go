package pdf

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
			assert.True(t, bytes.HasPrefix(data, []byte("%PDF-1.7\n")), "header: got %q, want %%PDF-1.7", data[:8])
			o := objects(pdftest.Objects(t, path))
			trailer := o.dict(o["trailer"])
			cat := o.dict(trailer["/Root"])
			assert.Equal(t, true, o.dict(cat["/MarkInfo"])["/Marked"], "catalog /MarkInfo /Marked")
			assert.Equal(t, tt.lang, cat["/Lang"], "catalog /Lang")
			assert.Equal(t, true, o.dict(cat["/ViewerPreferences"])["/DisplayDocTitle"], "catalog /ViewerPreferences /DisplayDocTitle")
			root := o.dict(cat["/StructTreeRoot"])
			assert.Equal(t, "/StructTreeRoot", root["/Type"], "catalog /StructTreeRoot: got %v, want a structure tree root", root)
			assert.NotNil(t, o.dict(root["/ParentTree"])["/Nums"], "catalog /StructTreeRoot: got %v, want a /ParentTree", root)
			assert.Equal(t, "/Document", o.dict(root["/K"])["/S"], "structure tree root: the element")

			pages := o.dict(cat["/Pages"])["/Kids"].([]any)
			links := 0
			for i, pg := range pages {
				pd := o.dict(pg)
				assert.Equal(t, float64(i), pd["/StructParents"], "page %d /StructParents", i+1)
				assert.Equal(t, "/S", pd["/Tabs"], "page %d /Tabs", i+1)
				annots, _ := pd["/Annots"].([]any)
				for _, a := range annots {
					ref, isRef := a.(string)
					ad := o.dict(a)
					assert.True(t, isRef && strings.HasSuffix(ref, " R"), "page %d: got a direct annotation, want each in an object of its own", i+1)
					c, _ := ad["/Contents"].(string)
					assert.GreaterOrEqual(t, len(c), 3, "page %d annotation %v: got /Contents %q, want a description", i+1, a, c)
					assert.IsType(t, float64(0), ad["/StructParent"], "page %d annotation %v: got no /StructParent", i+1, a)
					links++
				}
			}
			assert.GreaterOrEqual(t, links, len(tt.p.Sections)+1, "link annotations: want one at least for each section and the contents")

			meta, _ := o.get(cat["/Metadata"]).(map[string]any)
			x, err := base64.StdEncoding.DecodeString(fmt.Sprint(meta["data"]))
			require.NoError(t, err, "XMP metadata")
			title := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(tt.p.Title)
			for _, want := range []string{
				`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + title + `</rdf:li></rdf:Alt></dc:title>`,
				"<pdfuaid:part>1</pdfuaid:part>",
				"<xmp:CreateDate>2026-11-01T08:00:00Z</xmp:CreateDate>",
			} {
				assert.Contains(t, string(x), want, "XMP metadata")
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
	assert.Equal(t, want, alts, "Figure /Alt texts")
}

func TestTaggedFonts(t *testing.T) {
	path, _ := render(t, packtest.Sample())
	fonts := pdftest.Fonts(t, path)
	require.NotEmpty(t, fonts, "pdffonts: got no fonts")
	for _, f := range fonts {
		assert.True(t, f.Embedded && f.Subset && f.ToUnicode, "font %s: got embedded %v, subset %v, ToUnicode %v; want all true", f.Name, f.Embedded, f.Subset, f.ToUnicode)
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
			assert.Empty(t, res.Problems, "pdf.js problems")
			charts := 0
			for _, s := range tt.p.Sections {
				if s.Chart != nil {
					charts++
				}
			}
			assert.Equal(t, charts, res.Counts["figures"], "pdf.js: figures")
			assert.GreaterOrEqual(t, res.Counts["links"], len(tt.p.Sections)+1, "pdf.js: links")
			assert.NotZero(t, res.Counts["mcids"], "pdf.js: got counts %v, want marked content", res.Counts)
			assert.NotZero(t, res.Counts["headings"], "pdf.js: got counts %v, want headings", res.Counts)
		})
	}
}
