package fitio_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/fitio"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// decodeChained decodes the concatenation of parts.
func decodeChained(t *testing.T, parts ...[]byte) *activity.Activity {
	t.Helper()
	a, err := fitio.Decode(bytes.NewReader(bytes.Join(parts, nil)))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	checkWellFormed(t, a)
	return a
}

// TestDecodeChainedRepeat: a FIT file concatenated with itself (cat run.fit
// run.fit) is the run once, with a warning, not the run twice over the same
// 60 s (issue 13: 70 min of moving time in 35 min elapsed). A file followed
// by a longer copy of its recording keeps each record once.
func TestDecodeChainedRepeat(t *testing.T) {
	file := encode(t, run(60))
	want := decodeChained(t, file)
	got := decodeChained(t, file, file)
	wantWarning := "a chained FIT sequence repeats the recording of the first (the same file_id, as when a file is " +
		"concatenated with itself): 60 records and 4 timer events, laps and sessions that the file already has were taken once"
	if len(got.Warnings) != 1 || got.Warnings[0] != wantWarning {
		t.Errorf("Warnings %q, want %q", got.Warnings, wantWarning)
	}
	got.Warnings = want.Warnings
	if err := activitytest.Same(want, got); err != nil {
		t.Errorf("the file twice decodes otherwise than once: %v", err)
	}

	three := decodeChained(t, file, file, file)
	if three.Samples.Len() != 60 || len(three.Sessions) != 1 || !strings.HasPrefix(three.Warnings[0], "2 chained FIT sequences repeat") {
		t.Errorf("three copies: %d samples, %d sessions, Warnings %q", three.Samples.Len(), len(three.Sessions), three.Warnings)
	}

	// The first 30 s, then the whole 60 s of the same recording.
	longer := decodeChained(t, encode(t, activityOf(seconds(0, 30), nil)), encode(t, activityOf(seconds(0, 60), nil)))
	for i, sec := range longer.Samples.Time {
		if sec != float64(i) {
			t.Fatalf("a partial copy and a longer one: times %v, want 0 to 59 once each", longer.Samples.Time)
		}
	}
	if longer.Samples.Len() != 60 {
		t.Errorf("a partial copy and a longer one: %d samples, want 60", longer.Samples.Len())
	}
}

// TestDecodeChainedActivities: an activity of another device chained after
// the first, even over the same time (the FIT SDK's chained pool swim), is
// another activity, kept apart as before.
func TestDecodeChainedActivities(t *testing.T) {
	other := activityOf(seconds(10, 20), nil)
	other[0] = mesgdef.NewFileId(nil).SetType(typedef.FileActivity).SetManufacturer(typedef.ManufacturerGarmin).
		SetSerialNumber(7654321).SetTimeCreated(at(0)).ToMesg(nil)
	a := decodeChained(t, encode(t, run(30)), encode(t, append(other, session(0, 10, 19, typedef.SportSwimming).ToMesg(nil))))
	if a.Samples.Len() != 40 || len(a.Sessions) != 2 {
		t.Errorf("%d samples, %d sessions; want 40 and 2", a.Samples.Len(), len(a.Sessions))
	}
	for _, w := range a.Warnings {
		if strings.Contains(w, "repeat") {
			t.Errorf("warning %q for another device's activity", w)
		}
	}
}

// chainedRepeat is a run file concatenated with itself, for the differential
// tests.
func chainedRepeat(tb testing.TB) []byte {
	file := encode(tb, run(60))
	return append(bytes.Clone(file), file...)
}
