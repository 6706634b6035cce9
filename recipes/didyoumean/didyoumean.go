// Package didyoumean suggests the known name closest to a misspelt one, for
// error messages such as `unknown column "statsu"; did you mean "status"?`.
//
//	didyoumean.Closest("statsu", []string{"status", "start"}) // "status"
//	didyoumean.Closest("xyz", []string{"status"})             // "" (nothing close)
//
// Names are compared case-insensitively, with æ, ø, å folded to ae, oe, aa
// and spaces, "-" and "_" ignored, so "CPR-løbenr" is close to "cpr_loebenr".
package didyoumean

import "strings"

// Closest returns the candidate nearest to name by edit distance, or "" when
// none is near enough to be a plausible misspelling (more than a third of the
// longer name would have to change).
func Closest(name string, candidates []string) string {
	key := fold(name)
	best, bestDist := "", -1
	for _, c := range candidates {
		ck := fold(c)
		d := distance(key, ck)
		limit := max(len([]rune(key)), len([]rune(ck)))/3 + 1
		if d > limit || (ck == "" && key != "") {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Hint returns ` (did you mean "x"?)` for the closest candidate, or "".
func Hint(name string, candidates []string) string {
	if c := Closest(name, candidates); c != "" && c != name {
		return `; did you mean "` + c + `"?`
	}
	return ""
}

var folder = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "Æ", "ae", "Ø", "oe", "Å", "aa", " ", "", "-", "", "_", "", ".", "")

func fold(s string) string {
	return folder.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance
// in runes: an adjacent swap counts as one edit, as typists make them.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
