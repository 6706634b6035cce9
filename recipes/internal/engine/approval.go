package engine

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/mipack/mipack/recipes/gitfile"
	"github.com/mipack/mipack/recipes/internal/fault"
	"github.com/mipack/mipack/render/pack"
)

// ErrNotApproved is a council pack refused under `approval: required`; it
// comes inside an *Error placed at the approval key, as an *ApprovalError.
var ErrNotApproved = errors.New("recipe not approved")

// ApprovalError says what keeps a recipe from being approved.
type ApprovalError struct {
	// Missing lists each fault in words (see gitfile.History.Missing).
	Missing []string
}

func (e *ApprovalError) Error() string {
	return "approval is required for a council pack, and the recipe is not approved:\n  - " + strings.Join(e.Missing, "\n  - ")
}

func (e *ApprovalError) Unwrap() error { return ErrNotApproved }

// Hint is the next step for a person who meets the error.
func (e *ApprovalError) Hint() string {
	return `Try: commit the recipe and have a colleague review the change; they add "Reviewed-by: Name <email>" to its commit message (git commit --amend --trailer "Reviewed-by: Name <email>") or to the merge commit that merges it. A draft renders with audience: internal, or in mipack serve.`
}

// Approval refuses a council pack under `approval: required` whose recipe
// is not approved (see gitfile.History.Approved), with an *Error at the
// approval key holding an *ApprovalError. It asks git only when approval is
// required; the history it returns (nil when it did not ask) goes into
// RunOptions.History, so that Run need not ask again.
func (pl *Plan) Approval(ctx context.Context) (*gitfile.History, error) {
	if !pl.ApprovalRequired || pl.Audience != "council" {
		return nil, nil
	}
	h := pl.history(ctx, RunOptions{})
	if h.Approved() {
		return &h, nil
	}
	a := pl.Head.ApprovalPos
	return &h, &fault.Error{File: pl.Head.File, Line: a.Line, Col: a.Col, Path: "approval", Err: &ApprovalError{Missing: h.Missing()}}
}

// recordHistory writes what git knows about the recipe into the provenance.
func recordHistory(pr *pack.Provenance, h gitfile.History) {
	pr.RecipeCommit, pr.RecipeDirty, pr.RecipeApproved = h.Head, h.Dirty, h.Approved()
	c := h.Change
	if c == nil {
		return
	}
	pr.RecipeChange = &pack.RecipeChange{
		Commit: c.Commit, Author: c.Author.Name, AuthorEmail: c.Author.Email,
		Date: c.Date.Format(time.RFC3339),
	}
	if r := h.Review; r != nil {
		pr.RecipeChange.Reviewer, pr.RecipeChange.ReviewerEmail, pr.RecipeChange.ReviewCommit = r.By.Name, r.By.Email, r.Commit
	}
}
