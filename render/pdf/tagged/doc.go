// Package tagged makes a PDF written by fpdf a tagged PDF: one whose
// structure tree tells a screen reader what each piece of the page is
// (headings, paragraphs, tables with their heading cells, lists, figures
// with a text alternative, footnotes, links) and in what order to read it,
// and which marks page furniture (running headers, rules, repeated table
// headings) as artifacts to skip. It is what PDF/UA-1 (ISO 14289-1) asks.
//
// Tagging has two halves. While the document is drawn, every painted
// thing goes through a Tree: Mark wraps drawing calls in a marked-content
// sequence with the next MCID of the page and files it under a structure
// element; Artifact wraps them as an artifact.
//
//	t := tagged.New(f) // f is the *fpdf.Fpdf being drawn
//	h := t.Root().Add(tagged.H1)
//	t.Mark(h, func() { f.Text(20, 30, "Indhold") })
//	t.Artifact(tagged.Layout, func() { f.Line(20, 32, 190, 32) })
//
// writes into the page's content stream
//
//	/H1 <</MCID 0>> BDC BT 56.69 711.50 Td (…) Tj ET EMC
//	/Artifact <</Type /Layout>> BDC 56.69 702.99 m 538.58 702.99 l S EMC
//
// Then Finish takes the file fpdf wrote and appends an incremental update
// (ISO 32000-1, 7.5.6) holding what fpdf cannot write: the structure
// elements, /StructTreeRoot with its /ParentTree, /MarkInfo, /Lang,
// /ViewerPreferences and XMP metadata in the catalog, /StructParents and
// /Tabs on every page, and each link annotation as an object of its own
// with /Contents. The update rewrites objects under their old numbers, so
// fpdf's outlines and links stay valid, and it is deterministic: the same
// drawing gives the same bytes.
package tagged
