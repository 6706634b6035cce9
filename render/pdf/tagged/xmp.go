package tagged

import (
	"bytes"
	"encoding/xml"
	"time"
)

// Info is what the document says about itself, written to its XMP
// metadata: the same values as the document information dictionary, so
// that the two agree.
type Info struct {
	Title    string    // dc:title; with DisplayDocTitle, what a viewer's title bar shows
	Subject  string    // dc:description
	Author   string    // dc:creator
	Creator  string    // xmp:CreatorTool: the program that made the content
	Producer string    // pdf:Producer
	Lang     string    // the document's language tag ("da", "en"): /Lang and dc:language
	Date     time.Time // xmp:CreateDate, xmp:ModifyDate and xmp:MetadataDate
}

// xmp is the XMP packet: Dublin Core title, description, creator and
// language, the dates, the producer, and pdfuaid:part 1, the claim that the
// file is meant to conform to PDF/UA-1.
func (i Info) xmp() []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	date := i.Date.UTC().Format(time.RFC3339)
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
`)
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(i.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if i.Subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(i.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if i.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(i.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(i.Lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString("<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	if i.Creator != "" {
		b.WriteString("<xmp:CreatorTool>" + esc(i.Creator) + "</xmp:CreatorTool>\n")
	}
	if i.Producer != "" {
		b.WriteString("<pdf:Producer>" + esc(i.Producer) + "</pdf:Producer>\n")
	}
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}
