package tcxio

import (
	"errors"
	"math"
	"testing"

	"github.com/runcheck/runcheck/activity"
)

// sentinels are the errors a decode error may match; it must match exactly
// one.
var sentinels = []error{
	activity.ErrMalformed, activity.ErrTruncated, activity.ErrChecksum, activity.ErrNotActivity,
	activity.ErrNoSamples, activity.ErrNoTimestamps, activity.ErrLimit,
}

// checkError checks the error invariant: nil, or a *activity.FormatError for
// "tcx" matching exactly one sentinel, and never a recovered panic.
func checkError(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var pe *panicError
	if errors.As(err, &pe) {
		t.Fatalf("decoding panicked: %v\n%s", pe.value, pe.stack)
	}
	var fe *activity.FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *activity.FormatError", err, err)
	}
	if fe.Format != activity.FormatTCX {
		t.Errorf("error format %q, want tcx", fe.Format)
	}
	n := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			n++
			if fe.Kind != s {
				t.Errorf("error %v matches %v but its Kind is %v", err, s, fe.Kind)
			}
		}
	}
	if n != 1 {
		t.Errorf("error %v matches %d sentinels, want 1", err, n)
	}
	if fe.Offset < -1 {
		t.Errorf("error offset %d", fe.Offset)
	}
}

// checkActivity checks that a decoded activity is well formed.
func checkActivity(t testing.TB, a *activity.Activity) {
	t.Helper()
	if a == nil {
		t.Fatal("nil activity without an error")
	}
	if a.Meta.Format != activity.FormatTCX {
		t.Errorf("format %q", a.Meta.Format)
	}
	if a.Start.Location() == nil || a.Start.IsZero() {
		t.Errorf("start %v", a.Start)
	}
	s := &a.Samples
	n := s.Len()
	if n == 0 {
		t.Fatal("no samples without an error")
	}
	if s.Time[0] != 0 {
		t.Errorf("first sample at %v s, want 0 (Start is the first sample)", s.Time[0])
	}
	for _, v := range s.Time {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("time %v", v)
		}
	}
	for _, name := range activity.ChannelNames() {
		col := s.Channel(name)
		if col == nil {
			continue
		}
		if len(col) != n {
			t.Errorf("column %s has %d entries, time has %d", name, len(col), n)
		}
		for _, v := range col {
			if math.IsInf(v, 0) {
				t.Errorf("column %s holds %v", name, v)
				break
			}
		}
		if activity.Coverage(col) == 0 {
			t.Errorf("column %s is all NaN; it should be nil", name)
		}
	}
	if s.Temperature != nil {
		t.Error("TCX has no temperature, yet the column is set")
	}
	if len(a.Sessions) == 0 {
		t.Fatal("no sessions")
	}
	next := 0
	for i, ss := range a.Sessions {
		if ss.First != next || ss.End < ss.First {
			t.Errorf("session %d covers [%d, %d), want it to start at %d", i, ss.First, ss.End, next)
		}
		next = ss.End
		checkTotals(t, ss.Totals)
	}
	if next != n {
		t.Errorf("sessions end at sample %d of %d", next, n)
	}
	prev := math.Inf(-1)
	for i, p := range a.Pauses {
		if p.Kind != activity.PauseTrack || !(p.End > p.Start) || p.Start < prev || math.IsInf(p.End, 0) {
			t.Errorf("pause %d: %+v", i, p)
		}
		prev = p.Start
	}
	for i, l := range a.Laps {
		if math.IsInf(l.Start, 0) {
			t.Errorf("lap %d starts at %v", i, l.Start)
		}
		checkTotals(t, l.Totals)
	}
	if !math.IsNaN(a.Athlete.MaxHeartRate) {
		t.Errorf("athlete max heart rate %v from a TCX", a.Athlete.MaxHeartRate)
	}
}

func checkTotals(t testing.TB, tot activity.Totals) {
	t.Helper()
	for _, v := range []float64{tot.ElapsedTime, tot.TimerTime, tot.MovingTime, tot.Distance, tot.AvgSpeed, tot.MaxSpeed,
		tot.AvgHeartRate, tot.MaxHeartRate, tot.AvgCadence, tot.Ascent, tot.Descent, tot.Calories} {
		if math.IsInf(v, 0) {
			t.Errorf("totals hold %v: %+v", v, tot)
			return
		}
	}
}
