package gitfile

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Person is a name and an e-mail address, as git writes an author or a
// trailer: "Anne Andersen <aa@kommune-k.dk>".
type Person struct {
	Name, Email string
}

// String is "Name <email>", or the name alone when there is no address.
func (p Person) String() string {
	if p.Email == "" {
		return p.Name
	}
	return p.Name + " <" + p.Email + ">"
}

// Same reports whether p and q are one person: the same address, or the
// same name, compared without regard to case or spacing. A reviewer who
// shares either with the author is not a second pair of eyes.
func (p Person) Same(q Person) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return p.Email != "" && norm(p.Email) == norm(q.Email) || p.Name != "" && norm(p.Name) == norm(q.Name)
}

// ParsePerson reads "Name <email>"; ok is false when either part is
// missing, the address has no "@", or anything follows the ">".
func ParsePerson(s string) (p Person, ok bool) {
	s = strings.TrimSpace(s)
	open := strings.LastIndexByte(s, '<')
	if open < 0 || !strings.HasSuffix(s, ">") {
		return Person{}, false
	}
	p = Person{Name: strings.TrimSpace(s[:open]), Email: strings.TrimSpace(s[open+1 : len(s)-1])}
	if p.Name == "" || strings.ContainsAny(p.Email, "<> ") || !strings.Contains(p.Email, "@") {
		return Person{}, false
	}
	return p, true
}

// Change is a commit that changed a file.
type Change struct {
	// Commit is the commit's id.
	Commit string
	// Author is who wrote the change.
	Author Person
	// Date is the author date, in the time zone git recorded it in.
	Date time.Time
}

// Review is a Reviewed-by trailer naming someone other than the change's author.
type Review struct {
	// By is the reviewer.
	By Person
	// Commit is the commit whose message carries the trailer: the change
	// itself, or a later merge commit that merged it.
	Commit string
}

// History is what git knows about a file. Its zero value is a file git
// knows nothing of: outside a work tree, in a repository without commits,
// or with no git installed.
type History struct {
	// Head is the work tree's commit; "" when git knows nothing of the file.
	Head string
	// Committed is true when Head holds the file.
	Committed bool
	// Dirty is true when the bytes read differ from Head's version of the
	// file, or Head has none.
	Dirty bool
	// Change is the last commit that changed the file; nil when none did.
	Change *Change
	// Review is the first Reviewed-by naming someone other than Change's
	// author, on Change or on a later merge commit that merged it; nil
	// when there is none.
	Review *Review
	// SelfReviewed is true when Change (or a merge of it) carries a
	// Reviewed-by that names only its own author.
	SelfReviewed bool
}

// Approved reports whether the bytes read are the committed file and its
// last change was reviewed by someone other than its author.
func (h History) Approved() bool {
	return h.Committed && !h.Dirty && h.Change != nil && h.Review != nil
}

// Missing says in words what keeps the file from being approved, one fault
// a line; none when it is approved.
func (h History) Missing() []string {
	var m []string
	switch {
	case h.Head == "":
		return []string{"git knows nothing of the file: it is not in a git work tree with a commit (or git is not installed)"}
	case !h.Committed:
		return []string{"the file is not committed"}
	case h.Dirty:
		m = append(m, "the file differs from its last commit: commit or undo the changes")
	}
	if h.Change == nil {
		return append(m, "no commit changed the file")
	}
	if h.Review == nil {
		who := fmt.Sprintf("the last commit that changed it, %s by %s,", short(h.Change.Commit), h.Change.Author)
		if h.SelfReviewed {
			m = append(m, who+" is reviewed only by its own author; a Reviewed-by must name someone else")
		} else {
			m = append(m, who+" has no Reviewed-by trailer, nor has a merge commit that merged it")
		}
	}
	return m
}

func short(commit string) string { return commit[:min(len(commit), 12)] }

// History asks git about the file at path, whose bytes as read are data.
// It never fails: what git cannot tell is left zero.
func (g Git) History(ctx context.Context, path string, data []byte) History {
	dir, base := filepath.Split(path)
	head, err := g.git(ctx, dir, nil, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
	if err != nil || head == "" {
		return History{}
	}
	h := History{Head: head}
	// The file's blob at HEAD, against the bytes read as git would store
	// them (its clean filters and line endings applied for that path).
	committed, err := g.git(ctx, dir, nil, "rev-parse", "--verify", "--quiet", head+":./"+base)
	h.Committed, h.Dirty = err == nil, true
	if h.Committed {
		own, err := g.git(ctx, dir, data, "hash-object", "--stdin", "--path="+base)
		h.Dirty = err != nil || own != committed
	}

	const sep = "\x1e"
	format := "--format=%H%x00%an%x00%ae%x00%aI%x00%(trailers:key=Reviewed-by,valueonly,unfold)" + "%x1e"
	out, err := g.git(ctx, dir, nil, "log", "-1", format, head, "--", base)
	if err != nil {
		return h
	}
	f := strings.Split(strings.TrimSuffix(strings.TrimSpace(out), sep), "\x00")
	if len(f) != 5 {
		return h
	}
	date, err := time.Parse(time.RFC3339, f[3])
	if err != nil {
		return h
	}
	h.Change = &Change{Commit: f[0], Author: Person{Name: f[1], Email: f[2]}, Date: date}
	if h.review(f[0], f[4]) {
		return h
	}
	// A merge commit that brought the change in may carry the review: one
	// that descends from the change while its first parent does not.
	format = "--format=%H%x00%P%x00%(trailers:key=Reviewed-by,valueonly,unfold)" + "%x1e"
	out, err = g.git(ctx, dir, nil, "log", "--merges", "--ancestry-path", "--reverse", format, h.Change.Commit+".."+head)
	if err != nil {
		return h
	}
	for _, rec := range strings.Split(out, sep) {
		f := strings.Split(strings.TrimSpace(rec), "\x00")
		if len(f) != 3 {
			continue
		}
		// Only a merge with a trailer is asked whether it merged the change.
		if parents := strings.Fields(f[1]); len(parents) < 2 || strings.TrimSpace(f[2]) == "" || !g.merged(ctx, dir, h.Change.Commit, parents[0]) {
			continue
		}
		if h.review(f[0], f[2]) {
			return h
		}
	}
	return h
}

// merged reports whether change is not an ancestor of a merge's first
// parent, so that the merge brought it in.
func (g Git) merged(ctx context.Context, dir, change, firstParent string) bool {
	_, err := g.git(ctx, dir, nil, "merge-base", "--is-ancestor", change, firstParent)
	return err != nil && exitCode(err) == 1
}

// review records the first Reviewed-by in trailers, commit's, that names
// someone other than the change's author, and reports whether there was
// one; a trailer naming the author marks the change self-reviewed.
func (h *History) review(commit, trailers string) bool {
	for _, t := range strings.Split(trailers, "\n") {
		p, ok := ParsePerson(t)
		switch {
		case !ok:
		case p.Same(h.Change.Author):
			h.SelfReviewed = true
		default:
			h.Review = &Review{By: p, Commit: commit}
			return true
		}
	}
	return false
}
