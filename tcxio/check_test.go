package tcxio

import (
	"errors"
	"math"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/activitytest"
)

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
	if e := activitytest.CheckError(err, activity.FormatTCX, "tcxio.Decoder"); e != nil {
		t.Fatal(e)
	}
}

// checkActivity checks that a decoded activity is well formed: the
// structural rules of activity.Validate and the TCX specifics.
func checkActivity(t testing.TB, a *activity.Activity) {
	t.Helper()
	if a == nil {
		t.Fatal("nil activity without an error")
	}
	if err := a.Validate(); err != nil {
		t.Errorf("not well formed: %v", err)
	}
	if a.Meta.Format != activity.FormatTCX {
		t.Errorf("format %q", a.Meta.Format)
	}
	if a.Start.Location() == nil || a.Start.IsZero() {
		t.Errorf("start %v", a.Start)
	}
	s := &a.Samples
	if s.Len() == 0 {
		t.Fatal("no samples without an error")
	}
	for _, name := range activity.ChannelNames() {
		if col := s.Channel(name); col != nil && activity.Coverage(col) == 0 {
			t.Errorf("column %s is all NaN; it should be nil", name)
		}
	}
	if s.Temperature != nil {
		t.Error("TCX has no temperature, yet the column is set")
	}
	if len(a.Sessions) == 0 {
		t.Fatal("no sessions")
	}
	for i, p := range a.Pauses {
		if p.Kind != activity.PauseTrack || !(p.End > p.Start) {
			t.Errorf("pause %d: %+v", i, p)
		}
	}
	if !math.IsNaN(a.Athlete.MaxHeartRate) {
		t.Errorf("athlete max heart rate %v from a TCX", a.Athlete.MaxHeartRate)
	}
}
