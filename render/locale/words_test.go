package locale

import (
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
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
		if !ok {
			t.Errorf("%s: in Danish %q, not in English", path, d)
			continue
		}
		if d == "" || e == "" {
			t.Errorf("%s: got Danish %q and English %q, want both written", path, d, e)
		}
		if got, want := arguments(e), arguments(d); !slices.Equal(got, want) {
			t.Errorf("%s: English %q takes %v, Danish %q takes %v", path, e, got, d, want)
		}
	}
	for path, e := range en {
		if _, ok := da[path]; !ok {
			t.Errorf("%s: in English %q, not in Danish", path, e)
		}
	}
	for path, one := range da {
		if many, ok := da[strings.TrimSuffix(path, ".One")+".Many"]; ok && strings.HasSuffix(path, ".One") {
			if got, want := arguments(many), arguments(one); !slices.Equal(got, want) {
				t.Errorf("%s: the Many form %q takes %v, the One form %q takes %v", path, many, got, one, want)
			}
		}
	}
	if len(da) < 150 {
		t.Errorf("got %d phrases, want every field of Words walked", len(da))
	}
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
		if got := arguments(tt.format); !slices.Equal(got, tt.want) {
			t.Errorf("arguments(%q): got %v, want %v", tt.format, got, tt.want)
		}
	}
}
