package activitytest_test

import (
	"bytes"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// base is a small activity with every kind of field Same walks.
func base() *activity.Activity {
	return &activity.Activity{
		Meta:  activity.Metadata{Format: activity.FormatTCX, Product: "Forerunner 255"},
		Start: time.Date(2026, 3, 3, 7, 15, 0, 0, time.UTC),
		Samples: activity.Samples{
			Time:      []float64{0, 1, 2},
			Lat:       []float64{48.1, 48.2, 48.3},
			HeartRate: []float64{120, 121, 122},
		},
		Laps:     []activity.Lap{{Trigger: "distance", Totals: activity.Totals{Distance: 5}}},
		Sessions: []activity.Session{{Totals: activity.Totals{ElapsedTime: 2, Distance: 5}}},
	}
}

// TestSame checks that the comparison sees a difference in a float's bits,
// a NaN against a number, a nil against an empty slice, a zone, a warning,
// metadata and a nested field, and that it takes NaN for NaN.
func TestSame(t *testing.T) {
	nanned, other := base(), base()
	nanned.Sessions[0].Totals.ElapsedTime = math.Float64frombits(math.Float64bits(math.NaN()) ^ 1)
	other.Sessions[0].Totals.ElapsedTime = math.NaN()
	if err := activitytest.Same(other, nanned); err != nil {
		t.Fatalf("NaN with another payload is taken for a difference: %v", err)
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
		{"zone name", func(a *activity.Activity) { a.Start = a.Start.In(time.FixedZone("CEST", 0)) }},
		{"warning", func(a *activity.Activity) { a.Warnings = append(a.Warnings, "x") }},
		{"session totals", func(a *activity.Activity) { a.Sessions[0].Totals.Distance = 1 }},
		{"lap", func(a *activity.Activity) { a.Laps[0].Trigger += " " }},
		{"meta", func(a *activity.Activity) { a.Meta.Product += " " }},
	} {
		a := base()
		tc.change(a)
		if err := activitytest.Same(base(), a); err == nil {
			t.Errorf("%s: the change went unnoticed", tc.name)
		}
	}
}

// TestSameOutcome checks that two errors agree only in kind, message,
// offset and element, and that an error never agrees with an activity.
func TestSameOutcome(t *testing.T) {
	e := func(off int64) error {
		return &activity.FormatError{Format: activity.FormatTCX, Offset: off, Element: "Lap", Kind: activity.ErrMalformed, Err: errors.New("bad")}
	}
	if err := activitytest.SameOutcome(nil, e(7), nil, e(7)); err != nil {
		t.Errorf("the same error: %v", err)
	}
	if activitytest.SameOutcome(nil, e(7), nil, e(8)) == nil {
		t.Error("errors at other offsets agree")
	}
	if activitytest.SameOutcome(base(), nil, nil, e(7)) == nil || activitytest.SameOutcome(nil, e(7), base(), nil) == nil {
		t.Error("an error agrees with an activity")
	}
	if err := activitytest.SameOutcome(base(), nil, base(), nil); err != nil {
		t.Errorf("the same activity: %v", err)
	}
}

// TestMutants checks the copies Mutants makes of a 3,000-byte input with
// per = 30: positions k*102 and 2999-k*102 for k = 0..9, and k*300 for
// k = 0..9, of which 0 comes twice: 29 distinct, 13 under 1024 (ten, and
// 300, 600, 900) and 13 from 1976 on (ten, and 2100, 2400, 2700). Each gives
// a cut and a replacement one byte away from the input; the input itself
// stays untouched.
func TestMutants(t *testing.T) {
	data := bytes.Repeat([]byte("<a>1</a>"), 375)
	orig := bytes.Clone(data)
	cuts, flips := map[int]bool{}, 0
	head, tail := 0, 0
	activitytest.Mutants(data, 30, []byte{'<', '1'}, func(what string, m []byte) {
		if len(m) < len(data) {
			cuts[len(m)] = true
			switch {
			case len(m) < 1024:
				head++
			case len(m) >= len(data)-1024:
				tail++
			}
			return
		}
		flips++
		diff := 0
		for i := range m {
			if m[i] != data[i] {
				diff++
			}
		}
		if diff != 1 {
			t.Errorf("%s: %d bytes changed, want 1", what, diff)
		}
	})
	if len(cuts) != 29 || flips != 29 || head != 13 || tail != 13 {
		t.Errorf("%d distinct cuts (%d in the first KiB, %d in the last), %d replacements; want 29 (13, 13) and 29", len(cuts), head, tail, flips)
	}
	if !bytes.Equal(data, orig) {
		t.Error("the input was changed")
	}
}
