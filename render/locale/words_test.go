package locale

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestWordsTakeTheSameArguments holds the Danish and the English table to
// the same phrases: every phrase is written in both, and takes the same
// arguments in both (the same verb for each argument), so that a caller
// formatting one language formats the other alike. The two forms of a
// Forms take the same arguments too.
func TestWordsTakeTheSameArguments(t *testing.T) {
	da, en := phrases(reflect.ValueOf(danish), "Words"), phrases(reflect.ValueOf(english), "Words")
	for path, d := range da {
		e, ok := en[path]
		if !assert.True(t, ok, "%s: in Danish %q, not in English", path, d) {
			continue
		}
		assert.NotEmpty(t, d, "%s: got Danish %q and English %q, want both written", path, d, e)
		assert.NotEmpty(t, e, "%s: got Danish %q and English %q, want both written", path, d, e)
		assert.Equal(t, arguments(d), arguments(e), "%s: English %q (actual) takes other arguments than Danish %q (expected)", path, e, d)
	}
	for path, e := range en {
		assert.Contains(t, da, path, "%s: in English %q, not in Danish", path, e)
	}
	for path, one := range da {
		if many, ok := da[strings.TrimSuffix(path, ".One")+".Many"]; ok && strings.HasSuffix(path, ".One") {
			assert.Equal(t, arguments(one), arguments(many), "%s: the Many form %q (actual) takes other arguments than the One form %q (expected)", path, many, one)
		}
	}
	assert.GreaterOrEqual(t, len(da), 150, "got %d phrases, want every field of Words walked", len(da))
}

// phrases lists every text of v by its path: "Words.Labels.Total",
// "Words.Rows.One", "Words.Expr.Funcs[clamp]".
func phrases(v reflect.Value, path string) map[string]string {
	out := map[string]string{}
	switch v.Kind() {
	case reflect.String:
		out[path] = v.String()
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			for p, s := range phrases(v.Field(i), path+"."+v.Type().Field(i).Name) {
				out[p] = s
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			out[path+"["+k.String()+"]"] = v.MapIndex(k).String()
		}
	default:
		panic(path + ": a phrase is a string, a struct of them or a map of them, not " + v.Kind().String())
	}
	return out
}

var verb = regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*[0-9]*(\.[0-9]*)?([a-zA-Z%])`)

// arguments says what each argument of format f is written as, in order
// of the arguments: "%[2]s, hvis %[1]s" gives [s s].
func arguments(f string) []string {
	var args []string
	next := 0
	for _, m := range verb.FindAllStringSubmatch(f, -1) {
		if m[4] == "%" {
			continue
		}
		if m[2] != "" {
			n, _ := strconv.Atoi(m[2])
			next = n - 1
		}
		for len(args) <= next {
			args = append(args, "")
		}
		if args[next] != "" && args[next] != m[4] {
			args[next] += "|" + m[4]
		} else {
			args[next] = m[4]
		}
		next++
	}
	return args
}

func TestArguments(t *testing.T) {
	tests := []struct {
		format string
		want   []string
	}{
		{"Side %d af %d", []string{"d", "d"}},
		{"%s, ændring i %%", []string{"s"}},
		{"%[2]s, hvis %[1]s, ellers %[3]s", []string{"s", "s", "s"}},
		{"%[2]d and %s", []string{"", "d", "s"}},
		{"I alt", nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, arguments(tt.format), "arguments(%q)", tt.format)
	}
}
