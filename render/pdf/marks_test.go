package pdf

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMarkText(t *testing.T) {
	for _, tt := range []struct {
		marks []string
		want  string
	}{
		{nil, ""},
		{[]string{"7"}, "7"},
		{[]string{"8", "9"}, "8,9"},
		{[]string{"1", "2", "3", "4", "5", "6"}, "1–6"},
		{[]string{"1", "2", "3", "5", "10", "11", "12"}, "1–3,5,10–12"},
		{[]string{"a", "b", "c"}, "a,b,c"},
	} {
		assert.Equal(t, tt.want, markText(tt.marks), "markText(%q)", tt.marks)
	}
}
