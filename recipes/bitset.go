package recipes

import "math/bits"

// idSet is a set of the ids a section run gives a column's distinct
// values (1, 2, 3, ... in the order met). It is a map while sparse and
// bits while at least one id in denseEvery up to its largest is a member:
// a group that sees most citizens then costs a bit each, and one that sees
// few never costs more than a few bytes an id, whichever ids come late.
type idSet struct {
	sparse map[uint32]struct{}
	dense  []uint64
	n      int    // members
	max    uint32 // the largest member
}

// denseEvery is the density at which a set's bits take less room than its
// map of ids (a map entry costs tens of bytes, a bit one bit).
const denseEvery = 64

func (s *idSet) add(id uint32) {
	s.max = max(s.max, id)
	if s.dense != nil {
		if w := int(id / 64); w < len(s.dense) || (s.n+1)*denseEvery >= int(s.max) {
			s.setBit(id)
			return
		}
		s.sparsify() // a far id: bits up to it would cost more than a map
	}
	if s.sparse == nil {
		s.sparse = map[uint32]struct{}{}
	}
	if _, ok := s.sparse[id]; ok {
		return
	}
	s.sparse[id] = struct{}{}
	s.n++
	if s.n >= 64 && s.n*denseEvery >= int(s.max) {
		s.densify()
	}
}

func (s *idSet) setBit(id uint32) {
	w := int(id / 64)
	if w >= len(s.dense) {
		s.dense = append(s.dense, make([]uint64, max(w+1-len(s.dense), len(s.dense)/4))...)
	}
	if b := uint64(1) << (id % 64); s.dense[w]&b == 0 {
		s.dense[w] |= b
		s.n++
	}
}

func (s *idSet) densify() {
	s.dense = make([]uint64, int(s.max/64)+1)
	for id := range s.sparse {
		s.dense[id/64] |= 1 << (id % 64)
	}
	s.sparse = nil
}

func (s *idSet) sparsify() {
	s.sparse = make(map[uint32]struct{}, s.n)
	s.each(func(id uint32) { s.sparse[id] = struct{}{} })
	s.dense = nil
}

// each calls fn for every member of a dense set.
func (s *idSet) each(fn func(id uint32)) {
	for i, w := range s.dense {
		for ; w != 0; w &= w - 1 {
			fn(uint32(i*64 + bits.TrailingZeros64(w)))
		}
	}
}

// union adds every member of o; a nil o is empty.
func (s *idSet) union(o *idSet) {
	if o == nil {
		return
	}
	for id := range o.sparse {
		s.add(id)
	}
	o.each(s.add)
}

// count is the number of members; a nil set has none.
func (s *idSet) count() int {
	if s == nil {
		return 0
	}
	return s.n
}
