package pack_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

// TestNumberMarks: one reservation has one mark through the pack, whether
// it is a pack-wide reservation quoted by two sections or one automatic
// note written alike in two; marks list in number order, each once.
func TestNumberMarks(t *testing.T) {
	p := &pack.Pack{Sections: []pack.Section{
		{ID: "a", Footnotes: []pack.Footnote{
			{ID: "prices", Text: "Døgnpriser er ikke afstemt.", Kind: pack.FootnoteWritten},
			{Text: "30 af 1.330 rækker havde intet match.", Kind: pack.FootnoteUnmatched},
			{Text: "12 celler er skjult.", Kind: pack.FootnoteSuppressed},
		}},
		{ID: "b", Footnotes: []pack.Footnote{
			{Text: "Betalinger bogføres bagud.", Kind: pack.FootnoteWritten},
			{ID: "prices", Text: "Døgnpriser er ikke afstemt.", Kind: pack.FootnoteWritten},
			{Text: "30 af 1.330 rækker havde intet match.", Kind: pack.FootnoteUnmatched},
			{Text: "3 celler er skjult.", Kind: pack.FootnoteSuppressed},
		}},
	}}
	p.NumberMarks()
	var got [][]string
	for _, s := range p.Sections {
		var marks []string
		for _, f := range s.Footnotes {
			marks = append(marks, f.Mark)
		}
		got = append(got, marks)
	}
	want := [][]string{{"1", "2", "3"}, {"4", "1", "2", "5"}}
	for i := range want {
		assert.Equal(t, want[i], got[i], "section %q: marks", p.Sections[i].ID)
	}
	assert.Equal(t, []string{"1", "2", "4", "5"}, p.Sections[1].Marks(), "Marks() in number order")
	assert.Equal(t, []int{1, 2, 0, 3}, p.Sections[1].NoteOrder(), "NoteOrder()")
	assert.Equal(t, []string{"1", "2", "10", "x"}, pack.SortMarks([]string{"10", "2", "2", "x", "1"}), "SortMarks")
}

// TestSampleMarks: the renderers' sample pack holds the marks the engine
// would give it, so that their tests see shared marks as packs have them.
func TestSampleMarks(t *testing.T) {
	for _, p := range []*pack.Pack{packtest.Sample(), packtest.Summary()} {
		want := map[[2]int]string{}
		for i, s := range p.Sections {
			for j, f := range s.Footnotes {
				want[[2]int{i, j}] = f.Mark
			}
		}
		p.NumberMarks()
		for i, s := range p.Sections {
			for j, f := range s.Footnotes {
				assert.Equal(t, want[[2]int{i, j}], f.Mark, "%s section %q footnote %d: packtest's mark (expected) against NumberMarks' (actual)", p.Title, s.ID, j)
			}
		}
	}
}
