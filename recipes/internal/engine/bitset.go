package engine

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// idSet is an exact set of the ids a section run gives a column's distinct
// values (1, 2, 3, ... in the order met): the subjects of a group under
// disclosure control, or the values of a count_distinct. It is a roaring
// bitmap: ids in runs of 65,536 kept as a sorted array while few and as
// bits once many, so a group that sees a few hundred citizens of a pool of
// a hundred thousand costs two bytes a member, and a group that sees most
// of them an eighth of a byte; either way adding an id is a lookup, not a
// hash. Memory grows with the distinct members, never with the rows added.
// Ids added wait in a short list and go into the bitmap together, in
// order: a scan adds a row's subject to a group among thousands, and a
// list's end is cheaper to reach than a bitmap's place for the id. Every
// method that reads the set adds the waiting ids first.
// The zero value is an empty set.
type idSet struct {
	bits    *roaring.Bitmap
	pending []uint32 // added, not yet in bits
}

// pendingIDs is how many added ids wait before they go into the bitmap.
const pendingIDs = 128

func (s *idSet) add(id uint32) {
	if n := len(s.pending); n > 0 && s.pending[n-1] == id {
		return // the same subject again, as in a run of its rows
	}
	s.pending = append(s.pending, id)
	if len(s.pending) == pendingIDs {
		s.settle()
	}
}

// settle puts the waiting ids into the bitmap.
func (s *idSet) settle() {
	if len(s.pending) == 0 {
		return
	}
	if s.bits == nil {
		s.bits = roaring.New()
	}
	slices.Sort(s.pending)
	s.bits.AddMany(slices.Compact(s.pending))
	s.pending = s.pending[:0]
}

// settled is settle for a set being read, when adding is over: the list
// goes too, so that memory holds only the bitmaps.
func (s *idSet) settled() {
	s.settle()
	s.pending = nil
}

// members calls fn for every member, in increasing order, until fn
// returns false; a nil set has none.
func (s *idSet) members(fn func(id uint32) bool) {
	if s == nil {
		return
	}
	if s.settled(); s.bits == nil {
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
	if o == nil {
		return
	}
	s.settled()
	if o.settled(); o.bits == nil {
		return
	}
	if s.bits == nil {
		s.bits = o.bits.Clone()
		return
	}
	s.bits.Or(o.bits)
}

// Count is the number of members; a nil set has none.
func (s *idSet) Count() int {
	if s == nil {
		return 0
	}
	if s.settled(); s.bits == nil {
		return 0
	}
	return int(s.bits.GetCardinality())
}
