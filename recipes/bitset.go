package recipes

import "math/bits"

// idSet is a set of the ids a section run gives a column's distinct
// values (1, 2, 3, ... in the order met). A set starts sparse, as a map,
// and turns into a bit set once it holds at least one id in denseEvery
// of those up to its largest: a group that sees most citizens then costs
// a bit each, and one that sees few costs no more than their ids.
type idSet struct {
	sparse map[uint32]struct{}
	dense  []uint64
}

// denseEvery is the density at which a set's bits take less room than its
// map of ids (a map entry costs tens of bytes, a bit one bit).
const denseEvery = 64

func (s *idSet) add(id uint32) {
	if s.dense != nil {
		s.setBit(id)
		return
	}
	if s.sparse == nil {
		s.sparse = map[uint32]struct{}{}
	}
	s.sparse[id] = struct{}{}
	if n := len(s.sparse); n >= 64 && n*denseEvery >= int(id) {
		s.densify()
	}
}

func (s *idSet) setBit(id uint32) {
	w := int(id / 64)
	if w >= len(s.dense) {
		s.dense = append(s.dense, make([]uint64, max(w+1-len(s.dense), len(s.dense)/4))...)
	}
	s.dense[w] |= 1 << (id % 64)
}

func (s *idSet) densify() {
	s.dense = []uint64{}
	for id := range s.sparse {
		s.setBit(id)
	}
	s.sparse = nil
}

// union adds every member of o.
func (s *idSet) union(o *idSet) {
	if o.dense != nil && s.dense == nil {
		s.densify()
	}
	for id := range o.sparse {
		s.add(id)
	}
	if o.dense == nil {
		return
	}
	if len(o.dense) > len(s.dense) {
		s.dense = append(s.dense, make([]uint64, len(o.dense)-len(s.dense))...)
	}
	for i, w := range o.dense {
		s.dense[i] |= w
	}
}

// count is the number of members.
func (s *idSet) count() int {
	if s.dense == nil {
		return len(s.sparse)
	}
	n := 0
	for _, w := range s.dense {
		n += bits.OnesCount64(w)
	}
	return n
}
