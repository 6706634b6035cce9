package engine

import (
	"github.com/mipack/mipack/recipes/internal/fault"
)

// TextPlan is a text section, parsed: paragraphs of words and references
// to figures of other sections.
type TextPlan struct {
	Paragraphs [][]TextSpan
	// Path is the text's key path, e.g. "sections[0].text".
	Path string
}

// TextSpan is a run of words, or one figure reference.
type TextSpan struct {
	Text string
	Bold bool
	Ref  *FigureRef
}

// FigureRef is {SECTION.total.MEASURE} or {SECTION["V1", ...].MEASURE}.
type FigureRef struct {
	// Src is the reference between the braces, spaces trimmed.
	Src     string
	Section string
	// Values are the group values quoted; nil for the total.
	Values  []string
	Total   bool
	Measure string
	// where each part starts in the recipe, for faults.
	SectionPos, ValuesPos, MeasurePos fault.Pos
	// Target is the section quoted, once checked; col its column.
	Target *SectionPlan
	Col    int
}
