package engine

import (
	"hash/maphash"
)

// textIDs gives texts the ids 1, 2, 3, ... in the order first met, as a
// map[string]uint32 would, but keeps a text of up to shortText bytes in
// a list by id, found through an open-addressing table of hashes and ids:
// looking up a citizen's number among a hundred thousand then reads one
// slot of eight bytes and the text beside its id, where a map reads its
// slot and then the text's own memory, and the table takes a third of
// the memory slots holding the texts would. Longer texts go to a map.
type textIDs struct {
	slots []idSlot   // a power of two of them, at most half full
	keys  []shortKey // the short texts by id - 1; zero for a long text's id
	n     int        // texts in slots
	long  map[string]uint32
	next  uint32 // the last id given
	seed  maphash.Seed
}

const shortText = 15

// shortKey is a text of at most shortText bytes, compared in one go.
type shortKey struct {
	n    uint8
	text [shortText]byte
}

type idSlot struct {
	hash uint32 // 0 for an empty slot
	id   uint32
}

// NewTextIDs is an empty dictionary of ids.
func NewTextIDs() *textIDs {
	return &textIDs{slots: make([]idSlot, 64), long: map[string]uint32{}, seed: maphash.MakeSeed()}
}

// idString returns the id of s, giving it the next one if it is new.
func (t *textIDs) idString(s string) uint32 {
	if len(s) > shortText {
		return t.idLong(s)
	}
	k := shortKey{n: uint8(len(s))}
	copy(k.text[:], s)
	return t.id(uint32(maphash.String(t.seed, s)), k)
}

// idBytes is idString for a text held in bytes.
func (t *textIDs) idBytes(b []byte) uint32 {
	if len(b) > shortText {
		if id, ok := t.long[string(b)]; ok {
			return id // found without making a string of b
		}
		return t.addLong(string(b))
	}
	k := shortKey{n: uint8(len(b))}
	copy(k.text[:], b)
	return t.id(uint32(maphash.Bytes(t.seed, b)), k)
}

// idValue returns the id of v by its canonical text (valueText), using
// buf for the text of a value that is not a string.
func (t *textIDs) idValue(v any, buf *[]byte) uint32 {
	if s, ok := v.(string); ok {
		return t.idString(s)
	}
	*buf = appendKey((*buf)[:0], v)
	return t.idBytes(*buf)
}

func (t *textIDs) idLong(s string) uint32 {
	if id, ok := t.long[s]; ok {
		return id
	}
	return t.addLong(s)
}

// addLong gives s, a long text not yet met, the next id.
func (t *textIDs) addLong(s string) uint32 {
	t.next++
	t.long[s] = t.next
	t.keys = append(t.keys, shortKey{})
	return t.next
}

// id finds k, whose hash is h, or gives it the next id.
func (t *textIDs) id(h uint32, k shortKey) uint32 {
	h |= 1 // 0 marks an empty slot
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.hash == h && t.keys[s.id-1] == k {
			return s.id
		}
		if s.hash == 0 {
			t.next++
			*s = idSlot{hash: h, id: t.next}
			t.keys = append(t.keys, k)
			if t.n++; 2*t.n > len(t.slots) {
				t.grow()
			}
			return t.next
		}
	}
}

// grow doubles the table, placing every text again.
func (t *textIDs) grow() {
	old := t.slots
	t.slots = make([]idSlot, 2*len(old))
	mask := uint32(len(t.slots) - 1)
	for _, s := range old {
		if s.hash == 0 {
			continue
		}
		i := s.hash & mask
		for t.slots[i].hash != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// idVia gives a column's values a dictionary's ids by the ids the scan
// gave them (see sourceStats): a value met again then costs one slice
// read instead of hashing its text. A value without a scan id (0) is
// looked up by its text each time.
type idVia struct {
	dict *textIDs
	ids  []uint32 // by scan id; 0 for one not yet met
	buf  []byte
}

// id returns v's id in the dictionary; scanID is the id the scan gave v.
func (c *idVia) id(scanID uint32, v any) uint32 {
	if int(scanID) < len(c.ids) {
		if id := c.ids[scanID]; id != 0 && scanID != 0 {
			return id
		}
	}
	id := c.dict.idValue(v, &c.buf)
	if scanID != 0 {
		if int(scanID) >= len(c.ids) {
			c.ids = append(c.ids, make([]uint32, max(int(scanID)+1, 2*len(c.ids))-len(c.ids))...)
		}
		c.ids[scanID] = id
	}
	return id
}
