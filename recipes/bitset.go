package recipes

import (
	"encoding/binary"
	"slices"
)

// idSet is an exact set of the ids a section run gives a column's distinct
// values (1, 2, 3, ... in the order met): the subjects of a group under
// disclosure control, or the values of a count_distinct. Ids added go to a
// small buffer; when it fills, it is sorted and merged into the members,
// kept sorted as the gaps between them in varints. A group that sees
// citizens spread over a pool of a hundred thousand then costs a byte or
// two a member, where a map cost tens and bits up to the largest id cost
// the whole pool's width for every group. Memory grows with the distinct
// members, never with the rows added.
type idSet struct {
	packed []byte   // the members merged so far: gaps from the one before, as uvarints
	n      int      // members in packed
	last   uint32   // the largest member in packed (0 for none)
	buf    []uint32 // ids added since the last merge, in any order, repeats too
}

// idSetBuffer is the least number of ids added between two merges; a set
// merges when its buffer holds an eighth of its members or this, whichever
// is more, so each id is merged a few times at most.
const idSetBuffer = 32

func (s *idSet) add(id uint32) {
	s.buf = append(s.buf, id)
	if len(s.buf) >= max(idSetBuffer, s.n/8) {
		s.merge()
	}
}

// merge moves the buffer's ids into the members.
func (s *idSet) merge() {
	if len(s.buf) == 0 {
		return
	}
	slices.Sort(s.buf)
	ids := slices.Compact(s.buf)
	if ids[0] > s.last {
		// Every id is new and past the members (ids are given in order,
		// so a set often grows at its end): appended without a merge.
		for _, id := range ids {
			s.packed = binary.AppendUvarint(s.packed, uint64(id-s.last))
			s.last = id
		}
		s.n += len(ids)
		s.buf = s.buf[:0]
		return
	}
	out := make([]byte, 0, len(s.packed)+2*len(ids))
	var prev uint32
	n := 0
	put := func(id uint32) {
		out = binary.AppendUvarint(out, uint64(id-prev))
		prev = id
		n++
	}
	i := 0
	s.each(func(m uint32) {
		for ; i < len(ids) && ids[i] < m; i++ {
			put(ids[i])
		}
		if i < len(ids) && ids[i] == m {
			i++
		}
		put(m)
	})
	for ; i < len(ids); i++ {
		put(ids[i])
	}
	s.packed, s.n, s.last = out, n, prev
	s.buf = s.buf[:0]
}

// each calls fn for every member merged, in increasing order; callers
// merge first (see members).
func (s *idSet) each(fn func(id uint32)) {
	var id uint32
	for p := s.packed; len(p) > 0; {
		gap, k := binary.Uvarint(p)
		p = p[k:]
		id += uint32(gap)
		fn(id)
	}
}

// members calls fn for every member, in increasing order, until fn
// returns false; a nil set has none.
func (s *idSet) members(fn func(id uint32) bool) {
	if s == nil {
		return
	}
	s.merge()
	var id uint32
	for p := s.packed; len(p) > 0; {
		gap, k := binary.Uvarint(p)
		p = p[k:]
		id += uint32(gap)
		if !fn(id) {
			return
		}
	}
}

// union adds every member of o; a nil o is empty.
func (s *idSet) union(o *idSet) {
	if o == nil {
		return
	}
	o.merge()
	if s.n == 0 && len(s.buf) == 0 {
		s.packed, s.n, s.last = slices.Clone(o.packed), o.n, o.last
		return
	}
	o.each(s.add)
}

// count is the number of members; a nil set has none.
func (s *idSet) count() int {
	if s == nil {
		return 0
	}
	s.merge()
	return s.n
}
