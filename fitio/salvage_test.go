package fitio_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/runcheck/runcheck/fitio"
)

// TestDecodeTimestampJump: a record whose timestamp jumps by decades (the
// last record before the damage of a file salvaged leniently, in the
// corpus's Strava file) is cut off with the records after it, instead of
// making the activity 563,066 hours long (issue 13); the activity then says
// it is salvaged.
func TestDecodeTimestampJump(t *testing.T) {
	mesgs := activityOf(seconds(0, 60), nil)
	garbage := sample(0).SetTimestamp(at(0).Add(64 * 365 * 24 * time.Hour)).ToMesg(nil)
	after := sample(61).ToMesg(nil)
	file := encode(t, append(mesgs, garbage, after))
	for _, lenient := range []bool{false, true} {
		d := fitio.Decoder{Lenient: lenient}
		a, err := d.Decode(bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		if n := a.Samples.Len(); n != 60 || a.Duration() != 59 {
			t.Errorf("lenient %v: %d samples over %v s, want 60 over 59 s", lenient, n, a.Duration())
		}
		want := "a record's timestamp jumps 64 years after the records before it, at sample 60 of 62: " +
			"no activity lasts that long, so a timestamp is corrupt; the samples from it on are cut off"
		if len(a.Warnings) != 1 || a.Warnings[0] != want {
			t.Errorf("lenient %v: Warnings %q, want %q", lenient, a.Warnings, want)
		}
		if !a.Salvaged {
			t.Errorf("lenient %v: Salvaged is false for a cut-off activity", lenient)
		}
		checkWellFormed(t, a)
	}

	// Records of a watch whose clock was not set yet, then the run: the
	// run is kept, and starts at its first record.
	unset := []proto.Message{fileID(typedef.FileActivity)}
	for sec := range 3 {
		unset = append(unset, sample(sec).SetTimestamp(time.Date(1990, 1, 1, 0, 0, sec, 0, time.UTC)).ToMesg(nil))
	}
	a, err := fitio.Decode(bytes.NewReader(encode(t, append(unset, activityOf(seconds(0, 60), nil)[1:]...))))
	if err != nil {
		t.Fatal(err)
	}
	if a.Samples.Len() != 60 || !a.Start.Equal(at(0)) || a.Duration() != 59 || !a.Salvaged ||
		!strings.HasSuffix(a.Warnings[0], "at sample 3 of 63: no activity lasts that long, so a timestamp is corrupt; the samples before it are cut off") {
		t.Errorf("a clock set during the run: %d samples from %v over %v s, Warnings %q", a.Samples.Len(), a.Start, a.Duration(), a.Warnings)
	}
	checkWellFormed(t, a)

	// A pause of a day is no jump.
	day := encode(t, append(activityOf(seconds(0, 10), nil), sample(86400).ToMesg(nil)))
	a, err = fitio.Decode(bytes.NewReader(day))
	if err != nil {
		t.Fatal(err)
	}
	if a.Samples.Len() != 11 || a.Salvaged {
		t.Errorf("a day's pause: %d samples, Salvaged %v, Warnings %q", a.Samples.Len(), a.Salvaged, a.Warnings)
	}
}

// TestSalvaged: a clean file is not salvaged; one decoded leniently up to
// its damage is.
func TestSalvaged(t *testing.T) {
	file := encode(t, run(60))
	a, err := fitio.Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if a.Salvaged {
		t.Errorf("a clean file is salvaged: Warnings %q", a.Warnings)
	}
	d := fitio.Decoder{Lenient: true}
	a, err = d.Decode(bytes.NewReader(file[:len(file)-1]))
	if err != nil {
		t.Fatal(err)
	}
	if !a.Salvaged || !strings.HasPrefix(a.Warnings[0], "decoded up to the damage: ") {
		t.Errorf("a truncated file decoded leniently: Salvaged %v, Warnings %q", a.Salvaged, a.Warnings)
	}
}
