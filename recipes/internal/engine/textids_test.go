package engine

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTextIDs checks textIDs against a map giving ids in the order texts
// are first met: texts of every length around the inline limit, the empty
// text, texts given as strings and as bytes, and enough of them to make
// the table grow many times.
func TestTextIDs(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	ids := NewTextIDs()
	want := map[string]uint32{}
	for i := range 200000 {
		var text string
		switch i % 4 {
		case 0:
			text = fmt.Sprintf("B-%06d", r.IntN(50000))
		case 1:
			text = strings.Repeat("x", r.IntN(2*shortText+2)) // around the inline limit, and ""
		case 2:
			text = fmt.Sprintf("%d", r.IntN(1000))
		default:
			text = fmt.Sprintf("long text number %d", r.IntN(3000))
		}
		var got uint32
		if i%2 == 0 {
			got = ids.idString(text)
		} else {
			got = ids.idBytes([]byte(text))
		}
		w, ok := want[text]
		if !ok {
			w = uint32(len(want) + 1)
			want[text] = w
		}
		require.Equal(t, w, got, "text %d %q: id", i, text)
	}
	assert.LessOrEqual(t, 2*ids.n, len(ids.slots), "%d texts in %d slots: the table must stay at most half full", ids.n, len(ids.slots))
}
