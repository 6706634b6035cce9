package recipes

import "github.com/RoaringBitmap/roaring/v2"

// idSet is an exact set of the ids a section run gives a column's distinct
// values (1, 2, 3, ... in the order met): the subjects of a group under
// disclosure control, or the values of a count_distinct. It is a roaring
// bitmap: ids in runs of 65,536 kept as a sorted array while few and as
// bits once many, so a group that sees a few hundred citizens of a pool of
// a hundred thousand costs two bytes a member, and a group that sees most
// of them an eighth of a byte; either way adding an id is a lookup, not a
// hash. Memory grows with the distinct members, never with the rows added.
// The zero value is an empty set.
type idSet struct {
	bits *roaring.Bitmap
}

func (s *idSet) add(id uint32) {
	if s.bits == nil {
		s.bits = roaring.New()
	}
	s.bits.Add(id)
}

// members calls fn for every member, in increasing order, until fn
// returns false; a nil set has none.
func (s *idSet) members(fn func(id uint32) bool) {
	if s == nil || s.bits == nil {
		return
	}
	it := s.bits.Iterator()
	for it.HasNext() {
		if !fn(it.Next()) {
			return
		}
	}
}

// union adds every member of o; a nil o is empty.
func (s *idSet) union(o *idSet) {
	if o == nil || o.bits == nil {
		return
	}
	if s.bits == nil {
		s.bits = o.bits.Clone()
		return
	}
	s.bits.Or(o.bits)
}

// count is the number of members; a nil set has none.
func (s *idSet) count() int {
	if s == nil || s.bits == nil {
		return 0
	}
	return int(s.bits.GetCardinality())
}
