package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// maxPart is the most bytes a part read whole may unpack to: the
// relationships, the workbook part and the styles, which are small in any
// workbook. The sheet and the shared strings are streamed instead.
const maxPart = 16 << 20

// book is what the workbook part and its relationships say: the sheets in
// workbook order with the parts that hold them, the date system, and
// where the shared strings and styles are.
type book struct {
	sheets      []bookSheet
	date1904    bool
	stringsPart string
	stylesPart  string
}

type bookSheet struct {
	name, part string
}

// readBook finds the workbook part through the package's relationships
// and reads its sheet list, date system and related parts. Only these few
// small parts are read: a workbook's other sheets, pictures and pivot
// caches are never unpacked.
func readBook(zr *zip.Reader) (*book, error) {
	wbPath := "xl/workbook.xml"
	rels, err := readRels(zr, "_rels/.rels")
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPath = strings.TrimPrefix(r.Target, "/")
		}
	}
	rels, err = readRels(zr, path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"))
	if err != nil {
		return nil, err
	}
	target := func(r rel) string {
		if strings.HasPrefix(r.Target, "/") {
			return strings.TrimPrefix(r.Target, "/")
		}
		return path.Join(path.Dir(wbPath), r.Target)
	}
	b := &book{}
	byID := map[string]string{}
	for _, r := range rels {
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			b.stringsPart = target(r)
		case strings.HasSuffix(r.Type, "/styles"):
			b.stylesPart = target(r)
		}
		byID[r.ID] = target(r)
	}
	data, err := readPart(zr, wbPath)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, errors.New("it has no workbook part")
	}
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("its workbook part cannot be read: %v", err)
		}
		st, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch st.Name.Local {
		case "workbookPr":
			v := attr(st, "", "date1904")
			b.date1904 = v == "1" || v == "true"
		case "sheet":
			// The relationship id is r:id, in the relationships namespace
			// of transitional or of strict OOXML alike.
			b.sheets = append(b.sheets, bookSheet{name: attr(st, "", "name"), part: byID[attr(st, "*", "id")]})
		}
	}
	return b, nil
}

// attr returns the attribute local of an element: with no namespace
// prefix when space is "", with any when it is "*".
func attr(st xml.StartElement, space, local string) string {
	for _, a := range st.Attr {
		if a.Name.Local == local && (space == "*" && a.Name.Space != "" || space == "" && a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

type rel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// readRels reads a relationships part; a missing part has none.
func readRels(zr *zip.Reader, name string) ([]rel, error) {
	data, err := readPart(zr, name)
	if err != nil || data == nil {
		return nil, err
	}
	var rels struct {
		Rels []rel `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return nil, fmt.Errorf("its relationships %s cannot be read: %v", name, err)
	}
	return rels.Rels, nil
}

// readStyles reads, by style index, whether each cell style shows a date:
// its number format is one of Excel's built-in date formats or a custom
// one with a day, month or year in it.
func readStyles(zr *zip.Reader, name string) ([]bool, error) {
	if name == "" {
		return nil, nil
	}
	data, err := readPart(zr, name)
	if err != nil || data == nil {
		return nil, err
	}
	var styles struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(data, &styles); err != nil {
		return nil, fmt.Errorf("its styles cannot be read: %v", err)
	}
	custom := map[int]string{}
	for _, f := range styles.NumFmts {
		custom[f.ID] = f.Code
	}
	dates := make([]bool, len(styles.Xfs))
	for i, xf := range styles.Xfs {
		if code, ok := custom[xf.NumFmt]; ok {
			dates[i] = isDateFormat(xf.NumFmt, &code)
		} else {
			dates[i] = isDateFormat(xf.NumFmt, nil)
		}
	}
	return dates, nil
}

// readPart reads a small part whole; nil when the package has no such
// part. A part that unpacks to more than maxPart is refused.
func readPart(zr *zip.Reader, name string) ([]byte, error) {
	zf := findPart(zr, name)
	if zf == nil {
		return nil, nil
	}
	if zf.UncompressedSize64 > maxPart {
		return nil, fmt.Errorf("its part %s unpacks to %d bytes, more than a workbook's %s ever needs", zf.Name, zf.UncompressedSize64, path.Base(name))
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("its part %s cannot be unpacked: %v", zf.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
	if err == nil && len(data) > maxPart {
		err = errors.New("it is larger than its size says")
	}
	if err != nil {
		return nil, fmt.Errorf("its part %s cannot be unpacked: %v", zf.Name, err)
	}
	return data, nil
}

// findPart returns the zip entry named name, ignoring case, a leading "/"
// and backslashes (which some writers use).
func findPart(zr *zip.Reader, name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	for _, zf := range zr.File {
		if strings.EqualFold(strings.TrimPrefix(strings.ReplaceAll(zf.Name, "\\", "/"), "/"), name) {
			return zf
		}
	}
	return nil
}

// unpackedSize is what the archive's entries say they unpack to, in all;
// archive/zip refuses an entry that unpacks to more than it says.
func unpackedSize(zr *zip.Reader) uint64 {
	var n uint64
	for _, zf := range zr.File {
		n += zf.UncompressedSize64
		if n < zf.UncompressedSize64 {
			return ^uint64(0) // overflow: a hostile directory
		}
	}
	return n
}

// cellColumn reads the column of a cell reference such as "AB12": 28.
// It returns 0 for a reference it cannot read.
func cellColumn(ref string) int {
	col := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			if i == 0 || !isDigits(ref[i:]) {
				return 0
			}
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > maxColumns {
			return 0
		}
	}
	return col
}

// maxColumns and maxRows are the most columns and rows an Excel sheet has.
const (
	maxColumns = 16384
	maxRows    = 1048576
)

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil && s[0] != '-' && s[0] != '+'
}
