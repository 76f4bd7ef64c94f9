// Package activitytest holds what the importers' tests share: an exact
// comparison of two decodes of the same input (the fast readers are proven
// identical to the reference readers with it) and whether the test binary
// runs under the race detector, which the long sweeps scale down for.
package activitytest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime/debug"
	"time"

	"github.com/runcheck/runcheck/activity"
)

// SameOutcome returns nil when two decodes agree: both fail with errors of
// the same sentinel kind, message, offset and element, or both succeed with
// identical activities (see [Same]).
func SameOutcome(want *activity.Activity, wantErr error, got *activity.Activity, gotErr error) error {
	switch {
	case wantErr != nil && gotErr != nil:
		var we, ge *activity.FormatError
		if !errors.As(wantErr, &we) || !errors.As(gotErr, &ge) {
			return fmt.Errorf("errors %v and %v are not both *activity.FormatError", wantErr, gotErr)
		}
		if we.Kind != ge.Kind || we.Offset != ge.Offset || we.Element != ge.Element || wantErr.Error() != gotErr.Error() {
			return fmt.Errorf("error %q (kind %v, offset %d), want %q (kind %v, offset %d)",
				gotErr, ge.Kind, ge.Offset, wantErr, we.Kind, we.Offset)
		}
		return nil
	case wantErr != nil:
		return fmt.Errorf("decoded %d samples, want error %v", got.Samples.Len(), wantErr)
	case gotErr != nil:
		return fmt.Errorf("error %v, want %d samples", gotErr, want.Samples.Len())
	}
	return Same(want, got)
}

// Same compares two activities field by field, through every
// nested struct, slice, map and pointer: floats by their bits (any NaN
// equals any NaN; 0 differs from -0), nil slices differ from empty ones,
// and times must be the same instant in the same zone (name and offset).
// It returns nil when they are identical, else the first difference.
func Same(want, got *activity.Activity) error {
	return sameValue("Activity", reflect.ValueOf(want), reflect.ValueOf(got))
}

var timeType = reflect.TypeFor[time.Time]()

func sameValue(path string, w, g reflect.Value) error {
	if w.Type() != g.Type() {
		return fmt.Errorf("%s: type %v, want %v", path, g.Type(), w.Type())
	}
	if w.Type() == timeType {
		wt, gt := w.Interface().(time.Time), g.Interface().(time.Time)
		wn, wo := wt.Zone()
		gn, gz := gt.Zone()
		if !wt.Equal(gt) || wn != gn || wo != gz || wt.Location().String() != gt.Location().String() {
			return fmt.Errorf("%s: %v, want %v", path, gt, wt)
		}
		return nil
	}
	switch w.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := w.Float(), g.Float()
		if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
			return fmt.Errorf("%s: %v (bits %#x), want %v (bits %#x)", path, y, math.Float64bits(y), x, math.Float64bits(x))
		}
	case reflect.Bool:
		if w.Bool() != g.Bool() {
			return fmt.Errorf("%s: %v, want %v", path, g.Bool(), w.Bool())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if w.Int() != g.Int() {
			return fmt.Errorf("%s: %d, want %d", path, g.Int(), w.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if w.Uint() != g.Uint() {
			return fmt.Errorf("%s: %d, want %d", path, g.Uint(), w.Uint())
		}
	case reflect.String:
		if w.String() != g.String() {
			return fmt.Errorf("%s: %q, want %q", path, g.String(), w.String())
		}
	case reflect.Pointer, reflect.Interface:
		if w.IsNil() || g.IsNil() {
			if w.IsNil() != g.IsNil() {
				return fmt.Errorf("%s: nil-ness differs (got nil %v)", path, g.IsNil())
			}
			return nil
		}
		return sameValue(path, w.Elem(), g.Elem())
	case reflect.Slice:
		if w.IsNil() != g.IsNil() {
			return fmt.Errorf("%s: nil-ness differs (got nil %v)", path, g.IsNil())
		}
		fallthrough
	case reflect.Array:
		if w.Len() != g.Len() {
			return fmt.Errorf("%s: length %d, want %d", path, g.Len(), w.Len())
		}
		for i := range w.Len() {
			if err := sameValue(fmt.Sprintf("%s[%d]", path, i), w.Index(i), g.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if w.IsNil() != g.IsNil() || w.Len() != g.Len() {
			return fmt.Errorf("%s: %d entries (nil %v), want %d (nil %v)", path, g.Len(), g.IsNil(), w.Len(), w.IsNil())
		}
		for _, k := range w.MapKeys() {
			gv := g.MapIndex(k)
			if !gv.IsValid() {
				return fmt.Errorf("%s: key %v missing", path, k)
			}
			if err := sameValue(fmt.Sprintf("%s[%v]", path, k), w.MapIndex(k), gv); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for i := range w.NumField() {
			if err := sameValue(path+"."+w.Type().Field(i).Name, w.Field(i), g.Field(i)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%s: cannot compare a %v", path, w.Kind())
	}
	return nil
}

// RaceEnabled reports whether the test binary was built with -race, which
// slows decoding about tenfold: the long sweeps run fewer cases under it.
func RaceEnabled() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}

// Mutants calls try with damaged copies of data, for a differential sweep:
// data cut at each of up to per positions (a third of them in the first
// kilobyte, a third in the last, the rest spread evenly), then data with the
// byte at each of those positions replaced by one of replacements, taken in
// turn (the next one where it equals the byte it replaces). what says how
// the copy was made. The replaced copy is the same slice from call to call,
// restored after each; try must not keep it.
func Mutants(data []byte, per int, replacements []byte, try func(what string, mutant []byte)) {
	pos := positions(len(data), per)
	for _, p := range pos {
		try(fmt.Sprintf("truncated to %d bytes", p), data[:p])
	}
	m := bytes.Clone(data)
	for k, p := range pos {
		c := replacements[k%len(replacements)]
		if c == data[p] {
			c = replacements[(k+1)%len(replacements)]
		}
		m[p] = c
		try(fmt.Sprintf("with byte %d set to %#x", p, c), m)
		m[p] = data[p]
	}
}

// positions returns up to per distinct positions in [0, n): a third in the
// first kilobyte, a third in the last, the rest spread evenly.
func positions(n, per int) []int {
	seen := map[int]bool{}
	var pos []int
	add := func(p int) {
		if p >= 0 && p < n && !seen[p] {
			seen[p] = true
			pos = append(pos, p)
		}
	}
	third := per / 3
	for k := range third {
		add(k * min(n, 1024) / third)
		add(n - 1 - k*min(n, 1024)/third)
	}
	for k := range per - 2*third {
		add(k * n / (per - 2*third))
	}
	return pos
}
