package expr

import (
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// Func is one of the functions a recipe's expressions call beside the
// library's built-ins. Each is written once, here: Compile gives it to the
// library, and CompileFast calls the same implementation.
type Func struct {
	// Name is what an expression calls it.
	Name string
	// Args are the argument types as the compiler checks them; Result is
	// the result's type.
	Args   []Type
	Result Type
	// Date is the implementation of a function of one date, called with a
	// date (an empty argument gives an empty result without calling it).
	// The fast path evaluates these; nil for the other functions.
	Date func(time.Time) any
	// ByMonth has the fast path keep Date's result for each month it sees
	// (a run sees few), made and boxed once; only for a result that
	// depends on nothing but the date's year and month. The cache belongs
	// to one fast form, which a plan may hold for many runs (a source's
	// end_before), so only month has one.
	ByMonth bool
	// Call is the implementation of any other function, called with the
	// arguments as the library passes them (any of them nil).
	Call func(args ...any) (any, error)
	// Period marks a function that counts days against the period: the
	// compiler passes `period` as its hidden last argument, so that one
	// compiled expression serves any period.
	Period bool
}

// Functions is the table of the recipe's functions. Every one gives nil
// for a nil first argument, as an empty cell stays empty, except clamp.
func Functions() []Func {
	return []Func{
		{Name: "month", Args: []Type{TDate}, Result: TString, Date: Month, ByMonth: true},
		{Name: "year", Args: []Type{TDate}, Result: TInteger, Date: Year},
		{Name: "quarter", Args: []Type{TDate}, Result: TString, Date: Quarter},
		{Name: "days", Args: []Type{TDate, TDate}, Result: TInteger, Call: days},
		periodFunc("overlap_days", func(start, end time.Time, per bounds) int {
			// days of [start, end] inside the period
			lo, hi := maxTime(start, per.start), minTime(end, per.end)
			return max(0, Days(lo, hi))
		}),
		periodFunc("days_left", func(start, end time.Time, per bounds) int {
			// days of [start, end] after the period, up to the year's end
			lo, hi := maxTime(start, per.end.AddDate(0, 0, 1)), minTime(end, per.yearEnd)
			return max(0, Days(lo, hi))
		}),
		periodFunc("year_days", func(start, end time.Time, per bounds) int {
			// days of [start, end] from 1 January to the period's end
			lo, hi := maxTime(start, per.yearStart), minTime(end, per.end)
			return max(0, Days(lo, hi))
		}),
		{Name: "clamp", Args: []Type{TDate, TDate, TDate}, Result: TDate, Call: clamp},
	}
}

// Month is month(d): the date's month written YYYY-MM, "2026-10".
func Month(t time.Time) any { return t.Format("2006-01") }

// Year is year(d): the date's year as an integer, 2026.
func Year(t time.Time) any { return t.Year() }

// Quarter is quarter(d): the date's year and quarter, "2026-Q4" for any
// day of October, November or December.
func Quarter(t time.Time) any {
	return strconv.Itoa(t.Year()) + "-Q" + strconv.Itoa((int(t.Month())+2)/3)
}

// Days counts calendar days from a to b, both included: days(1 Oct, 31 Oct) = 31.
// It is 0 when b is the day before a, and negative when b is earlier still.
func Days(a, b time.Time) int {
	a = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	b = time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours()/24) + 1
}

// days is days(a, b), Days over two dates.
func days(args ...any) (any, error) {
	if args[0] == nil || args[1] == nil {
		return nil, nil
	}
	a, ok1 := args[0].(time.Time)
	b, ok2 := args[1].(time.Time)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("days() wants two dates, got %v and %v", args[0], args[1])
	}
	return Days(a, b), nil
}

// clamp is clamp(d, lo, hi): the date d moved into [lo, hi]; nil d gives hi.
func clamp(args ...any) (any, error) {
	lo, ok1 := args[1].(time.Time)
	hi, ok2 := args[2].(time.Time)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("clamp() wants dates, got %v and %v", args[1], args[2])
	}
	if args[0] == nil {
		return hi, nil
	}
	d, ok := args[0].(time.Time)
	if !ok {
		return nil, fmt.Errorf("clamp() wants a date, got %v", args[0])
	}
	if d.Before(lo) {
		return lo, nil
	}
	if d.After(hi) {
		return hi, nil
	}
	return d, nil
}

// Period is what `period.value` holds, the reporting period the period
// functions count against; the engine's period is one.
type Period interface {
	// Bounds are the period's first and last day, and its year's.
	Bounds() (start, end, yearStart, yearEnd time.Time)
}

// bounds are a Period's days, as the period functions read them.
type bounds struct{ start, end, yearStart, yearEnd time.Time }

// periodFunc makes a function of a grant's start and end (nil end:
// open-ended) counting days against the period, which arrives as the
// hidden third argument: the environment's `period`.
func periodFunc(name string, f func(start, end time.Time, per bounds) int) Func {
	call := func(args ...any) (any, error) {
		if args[0] == nil {
			return nil, nil
		}
		start, ok := args[0].(time.Time)
		if !ok {
			return nil, fmt.Errorf("%s() wants a start date, got %v", name, args[0])
		}
		env, _ := args[2].(map[string]any)
		per, ok := env["value"].(Period)
		if !ok {
			return nil, fmt.Errorf("%s(): no period", name)
		}
		var b bounds
		b.start, b.end, b.yearStart, b.yearEnd = per.Bounds()
		end := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		if args[1] != nil {
			if end, ok = args[1].(time.Time); !ok {
				return nil, fmt.Errorf("%s() wants an end date or nil, got %v", name, args[1])
			}
		}
		return f(start, end, b), nil
	}
	return Func{Name: name, Args: []Type{TDate, TAny}, Result: TInteger, Call: call, Period: true}
}

// implementation is the function as the library calls it.
func (f Func) implementation() func(args ...any) (any, error) {
	if f.Call != nil {
		return f.Call
	}
	return func(args ...any) (any, error) {
		if args[0] == nil {
			return nil, nil
		}
		t, ok := args[0].(time.Time)
		if !ok {
			return nil, fmt.Errorf("%s() wants a date, got %v", f.Name, args[0])
		}
		return f.Date(t), nil
	}
}

// signature is the function's Go type as the library checks calls to it,
// func(time.Time) string for month; a period function's has the period's
// environment as its last argument.
func (f Func) signature() any {
	in := make([]reflect.Type, 0, len(f.Args)+1)
	for _, a := range f.Args {
		in = append(in, goType(a))
	}
	if f.Period {
		in = append(in, reflect.TypeFor[map[string]any]())
	}
	fn := reflect.FuncOf(in, []reflect.Type{goType(f.Result)}, false)
	return reflect.New(fn).Interface()
}

// goType is the Go type of a Type's values.
func goType(t Type) reflect.Type {
	switch t {
	case TString:
		return reflect.TypeFor[string]()
	case TNumber:
		return reflect.TypeFor[float64]()
	case TInteger:
		return reflect.TypeFor[int]()
	case TDate:
		return reflect.TypeFor[time.Time]()
	case TBool:
		return reflect.TypeFor[bool]()
	}
	return reflect.TypeFor[any]()
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
