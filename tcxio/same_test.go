package tcxio

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
)

// checkSame decodes data with the fast reader and the reference reader (and
// with Decode too when public is set), and fails unless all give the
// identical activity, or fail with the identical error. It reports whether
// the fast reader decided alone (without falling back). A panic of the fast
// reader is not recovered, so that the test sees it.
func checkSame(t testing.TB, name string, d Decoder, data []byte, public bool) (fast bool) {
	t.Helper()
	orig := bytes.Clone(data)
	got, err := d.decodeFast(data)
	fast = err != errFallback
	if fast || public {
		ref, refErr := d.decodeReference(bytes.NewReader(data))
		if fast {
			if e := sameOutcome(ref, refErr, got, err); e != nil {
				t.Errorf("%s: the fast reader differs from the reference reader: %v", name, e)
			}
		}
		if public {
			pub, pubErr := d.Decode(bytes.NewReader(data))
			if e := sameOutcome(ref, refErr, pub, pubErr); e != nil {
				t.Errorf("%s: Decode differs from the reference reader: %v", name, e)
			}
		}
	}
	if !bytes.Equal(data, orig) {
		t.Fatalf("%s: the input was modified", name)
	}
	return fast
}

// sameOutcome returns nil when two decodes agree: both fail with errors of
// the same sentinel kind, message, offset and element, or both succeed with
// identical activities (see sameActivity).
func sameOutcome(want *activity.Activity, wantErr error, got *activity.Activity, gotErr error) error {
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
	return sameActivity(want, got)
}

// sameActivity compares two activities field by field, through every
// nested struct, slice, map and pointer: floats by their bits (any NaN
// equals any NaN; 0 differs from -0), nil slices differ from empty ones,
// and times must be the same instant in the same zone (name and offset).
func sameActivity(want, got *activity.Activity) error {
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

// TestSameActivity checks that the comparison sees a difference in a
// float's bits, a NaN against a number, a nil against an empty slice, a
// zone, a warning, metadata and a nested field, and that it takes NaN for
// NaN.
func TestSameActivity(t *testing.T) {
	base := func() *activity.Activity {
		a, err := Decode(bytes.NewReader(genTCX(5)))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	nanned := base()
	nanned.Sessions[0].Totals.ElapsedTime = math.Float64frombits(math.Float64bits(math.NaN()) ^ 1)
	if err := sameActivity(base(), nanned); err != nil {
		t.Fatalf("an activity differs from itself: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(a *activity.Activity)
	}{
		{"float bits", func(a *activity.Activity) { a.Samples.Lat[2] = math.Nextafter(a.Samples.Lat[2], 90) }},
		{"NaN", func(a *activity.Activity) { a.Samples.HeartRate[1] = math.NaN() }},
		{"negative zero", func(a *activity.Activity) { a.Samples.Time[0] = math.Copysign(0, -1) }},
		{"nil column", func(a *activity.Activity) { a.Samples.Temperature = []float64{} }},
		{"zone", func(a *activity.Activity) { a.Start = a.Start.In(time.FixedZone("", 3600)) }},
		{"zone name", func(a *activity.Activity) { a.Start = a.Start.In(time.FixedZone("CEST", 2*3600)) }},
		{"warning", func(a *activity.Activity) { a.Warnings = append(a.Warnings, "x") }},
		{"session totals", func(a *activity.Activity) { a.Sessions[0].Totals.Distance = 1 }},
		{"lap", func(a *activity.Activity) { a.Laps[0].Trigger += " " }},
		{"meta", func(a *activity.Activity) { a.Meta.Product += " " }},
	} {
		a := base()
		tc.change(a)
		if err := sameActivity(base(), a); err == nil {
			t.Errorf("%s: the change went unnoticed", tc.name)
		}
	}
}
