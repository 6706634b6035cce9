package recipes

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mipack/mipack/recipes/didyoumean"
	"github.com/mipack/mipack/recipes/internal/fault"
	"go.yaml.in/yaml/v3"
)

// MaxRecipeBytes is the largest recipe file Load reads.
const MaxRecipeBytes = 4 << 20

// maxNodes bounds the YAML nodes visited, so an alias bomb is refused
// rather than expanded.
const maxNodes = 200_000

// Load reads and decodes the recipe at path. It fails on YAML syntax and on
// values of the wrong kind (a list where a mapping belongs), reporting every
// such fault at once as *Error values joined with errors.Join. Unknown keys
// (with "did you mean") are found here too but reported by Check, together
// with every fault of meaning.
func Load(path string) (*Recipe, error) { return LoadFS(nil, path) }

// LoadFS is Load reading the recipe at path in fsys, named by path with
// forward slashes there; nil is the operating system's files, as for Load.
// Messages name path as given.
func LoadFS(fsys fs.FS, path string) (*Recipe, error) {
	var info fs.FileInfo
	var err error
	if fsys == nil {
		info, err = os.Stat(path)
	} else {
		info, err = fs.Stat(fsys, filepath.ToSlash(filepath.Clean(path)))
	}
	if err != nil {
		return nil, &fault.Error{File: path, Err: fmt.Errorf("cannot read recipe: %w", errors.Unwrap(err))}
	}
	if info.IsDir() {
		return nil, &fault.Error{File: path, Err: errors.New("is a directory, not a recipe file")}
	}
	if info.Size() > MaxRecipeBytes {
		return nil, &fault.Error{File: path, Err: fmt.Errorf("recipe is %d bytes; the limit is %d", info.Size(), MaxRecipeBytes)}
	}
	var data []byte
	if fsys == nil {
		data, err = os.ReadFile(path)
	} else {
		data, err = fs.ReadFile(fsys, filepath.ToSlash(filepath.Clean(path)))
	}
	if err != nil {
		return nil, &fault.Error{File: path, Err: err}
	}
	return Parse(path, data)
}

// Parse decodes a recipe from data; name is used in error messages and as
// the base for relative source paths.
func Parse(name string, data []byte) (*Recipe, error) {
	p := &fault.Problems{File: name}
	if pos, ok := invalidUTF8(data); ok {
		p.Addf(pos, "", fault.ErrSyntax, "the recipe is not UTF-8 text; save it as UTF-8")
		return nil, p.Err()
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			p.Addf(fault.Pos{Line: 1, Col: 1}, "", fault.ErrMissing, "the recipe is empty")
		} else {
			msg := strings.TrimPrefix(syntaxMessage(err), "yaml: ")
			pos, hint := syntaxHint(data, syntaxLine(err), msg)
			if hint != "" {
				msg += ". " + hint
			}
			p.Add(pos, "", fmt.Errorf("%w: %s", fault.ErrSyntax, msg))
		}
		return nil, p.Err()
	}
	root := resolve(&doc)
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = resolve(root.Content[0])
	}
	if root == nil || root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		// "---" alone, or a document of comments: nothing to place a
		// fault at but the start.
		p.Addf(fault.Pos{Line: 1, Col: 1}, "", fault.ErrMissing, "the recipe is empty")
		return nil, p.Err()
	}
	budget := maxNodes
	checkShape(p, root, reflect.TypeFor[Recipe](), "", &budget)
	// Unknown and repeated keys do not stop decoding: Check reports them
	// together with every other fault. Values of the wrong kind do.
	var keyProblems []*fault.Error
	fatal := p.Errs[:0:0]
	for _, e := range p.Errs {
		if errors.Is(e, fault.ErrUnknownKey) || errors.Is(e, fault.ErrDuplicate) {
			keyProblems = append(keyProblems, e)
		} else {
			fatal = append(fatal, e)
		}
	}
	if len(fatal) > 0 {
		return nil, p.Err()
	}
	r := &Recipe{File: name, Dir: filepath.Dir(name), Bytes: data, root: root, pos: fault.Pos{Line: root.Line, Col: root.Column}, keyProblems: keyProblems}
	if err := root.Decode(r); err != nil {
		p.Add(fault.Pos{Line: root.Line, Col: root.Column}, "", fmt.Errorf("%w: %v", fault.ErrShape, err))
		return nil, p.Err()
	}
	if res := mappingValue(root, "reservations"); res != nil {
		for i, n := range resolve(res).Content {
			if i < len(r.Reservations) {
				r.Reservations[i].pos = fault.Pos{Line: n.Line, Col: n.Column}
			}
		}
	}
	if secs := mappingValue(root, "sections"); secs != nil {
		for i, n := range resolve(secs).Content {
			if i < len(r.Sections) {
				r.Sections[i].pos = fault.Pos{Line: n.Line, Col: n.Column}
			}
		}
	}
	return r, nil
}

// invalidUTF8 finds the first byte that is not UTF-8. The YAML parser
// would read a UTF-16 file too, with positions that match no editor's view
// of the bytes; a recipe is UTF-8 text.
func invalidUTF8(data []byte) (fault.Pos, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return fault.Pos{Line: line, Col: col}, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return fault.Pos{}, false
}

var lineInError = regexp.MustCompile(`line (\d+)`)

// syntaxLine takes the line from a YAML syntax error. The parser reports a
// syntax error only as text ("yaml: line 12: ..."), with no node to take a
// position from; this is the one place a position is read from error text.
func syntaxLine(err error) int {
	if m := lineInError.FindStringSubmatch(err.Error()); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			return n
		}
	}
	return 1
}

func syntaxMessage(err error) string {
	msg := err.Error()
	if m := lineInError.FindStringIndex(msg); m != nil {
		rest := strings.TrimPrefix(msg[m[1]:], ":")
		return strings.TrimSpace(rest)
	}
	return msg
}

func mappingValue(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

var (
	strType       = reflect.TypeFor[Str]()
	strListType   = reflect.TypeFor[StrList]()
	namedListType = reflect.TypeFor[NamedList]()
	sourcesType   = reflect.TypeFor[Sources]()
	columnsType   = reflect.TypeFor[Columns]()
	columnType    = reflect.TypeFor[Column]()
)

// checkShape walks the YAML tree against the Go type it decodes into and
// reports unknown keys and values of the wrong kind, with positions.
func checkShape(p *fault.Problems, n *yaml.Node, t reflect.Type, path string, budget *int) {
	n = resolve(n)
	if n == nil {
		return
	}
	if *budget--; *budget == 0 {
		p.Addf(fault.Pos{Line: n.Line, Col: n.Column}, path, fault.ErrShape, "the recipe has more than %d YAML nodes (aliases expanded); refusing to read it", maxNodes)
	}
	if *budget <= 0 {
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value is the same as an absent key
	}
	pos := fault.Pos{Line: n.Line, Col: n.Column}
	kindErr := func(want string) {
		p.Addf(pos, path, fault.ErrShape, "want %s, got %s", want, kindName(n))
	}
	switch t {
	case strType:
		if n.Kind != yaml.ScalarNode {
			kindErr("a single value")
		}
		return
	case strListType:
		if n.Kind == yaml.ScalarNode {
			return
		}
		if n.Kind != yaml.SequenceNode {
			kindErr("a value or a list of values")
			return
		}
		for i, c := range n.Content {
			checkShape(p, c, strType, fmt.Sprintf("%s[%d]", path, i), budget)
		}
		return
	case namedListType, sourcesType, columnsType:
		if n.Kind != yaml.MappingNode {
			kindErr("a mapping of names")
			return
		}
		elem := strType
		switch t {
		case sourcesType:
			elem = reflect.TypeFor[Source]()
		case columnsType:
			elem = columnType
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := resolve(n.Content[i])
			if seen[k.Value] {
				p.Addf(fault.Pos{Line: k.Line, Col: k.Column}, fault.JoinPath(path, k.Value), fault.ErrDuplicate, "%q is given twice", k.Value)
			}
			seen[k.Value] = true
			v := n.Content[i+1]
			if elem == columnType && resolve(v).Kind == yaml.ScalarNode {
				continue // `name: type`
			}
			checkShape(p, v, elem, fault.JoinPath(path, k.Value), budget)
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		checkShape(p, n, t.Elem(), path, budget)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			kindErr("a list")
			return
		}
		for i, c := range n.Content {
			checkShape(p, c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), budget)
		}
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			kindErr("a mapping")
			return
		}
		fields := map[string]reflect.Type{}
		var names []string
		for f := range t.Fields() {
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = f.Type
			names = append(names, tag)
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := resolve(n.Content[i])
			ft, ok := fields[k.Value]
			if !ok {
				p.Add(fault.Pos{Line: k.Line, Col: k.Column}, fault.JoinPath(path, k.Value), &fault.UnknownKeyError{Key: k.Value, Closest: didyoumean.Closest(k.Value, names)})
				continue
			}
			if seen[k.Value] {
				p.Addf(fault.Pos{Line: k.Line, Col: k.Column}, fault.JoinPath(path, k.Value), fault.ErrDuplicate, "%q is given twice", k.Value)
			}
			seen[k.Value] = true
			checkShape(p, n.Content[i+1], ft, fault.JoinPath(path, k.Value), budget)
		}
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "something else"
}
