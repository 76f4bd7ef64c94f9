package fitio

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"

	"github.com/runcheck/runcheck/activity"
)

// hrWindow is how long before a record, in seconds, an hr reading may lie
// and still count for that record.
const hrWindow = 2

// beat is one reading of an hr message: a heart rate at a FIT time in
// seconds (later an offset from the activity start).
type beat struct {
	time float64
	bpm  float64
}

// hrAnchor ties the clock of the hr messages' event_timestamp (1/1024 s
// from an origin of the strap's own) to FIT time: an hr message with a
// timestamp says at what time its first event_timestamp was.
type hrAnchor struct {
	ok    bool
	time  float64
	event uint32
}

// hr keeps the readings of an hr message, the data a heart rate strap
// (HRM-Swim, HRM-Pro, the HRM plug-in) stores and the watch appends to the
// activity as chained sequences. Readings before the first anchor cannot be
// placed in time and are dropped, as the FIT SDK does.
func (c *collector) hr(h *mesgdef.Hr) {
	if !h.Timestamp.IsZero() && len(h.EventTimestamp) > 0 {
		t := float64(h.TimestampUint32())
		if h.FractionalTimestamp != basetype.Uint16Invalid {
			t += float64(h.FractionalTimestamp) / 32768
		}
		c.anchor = hrAnchor{ok: true, time: t, event: h.EventTimestamp[0]}
	}
	if !c.anchor.ok {
		return
	}
	for i := range min(len(h.EventTimestamp), len(h.FilteredBpm)) {
		ev, v := h.EventTimestamp[i], h.FilteredBpm[i]
		if ev == basetype.Uint32Invalid || v == basetype.Uint8Invalid {
			continue
		}
		// The unsigned difference also spans the counter's roll-over.
		dt := float64(ev-c.anchor.event) / 1024
		c.beats = append(c.beats, beat{time: c.anchor.time + dt, bpm: float64(v)})
	}
}

// mergeBeats fills in the heart rate of the samples that have none from the
// hr readings, which it reorders; a recorded heart rate is never replaced.
//
// The rule is the FIT SDK's (HrToRecordMesgBroadcastPlugin): a sample at
// time t takes the mean, rounded to a whole bpm, of the readings after the
// previous sample and at or before t; here the window reaches back at most
// hrWindow seconds, so that a sample after a gap is not given a reading from
// long before it. A sample with no reading in its window keeps NaN (the SDK
// holds the last reading for up to 5 s; a gap is left a gap here).
func mergeBeats(s *activity.Samples, beats []beat, t0 float64) {
	if len(beats) == 0 {
		return
	}
	for i := range beats {
		beats[i].time -= t0
	}
	slices.SortFunc(beats, func(a, b beat) int { return cmp.Compare(a.time, b.time) })
	// cum[k] is the sum of the first k readings, so that the sum over a
	// window is one subtraction: summing each window afresh made a file
	// whose samples and readings share one time quadratic. The readings
	// are whole bpm, so the sums are exact.
	cum := make([]float64, len(beats)+1)
	for k, b := range beats {
		cum[k+1] = cum[k] + b.bpm
	}
	for i, t := range s.Time {
		if !math.IsNaN(s.HeartRate[i]) {
			continue
		}
		lo := t - hrWindow
		if i > 0 && s.Time[i-1] > lo && s.Time[i-1] < t {
			lo = s.Time[i-1]
		}
		j := sort.Search(len(beats), func(k int) bool { return beats[k].time > lo })
		k := j + sort.Search(len(beats)-j, func(k int) bool { return beats[j+k].time > t })
		if n := k - j; n > 0 {
			s.HeartRate[i] = math.Round((cum[k] - cum[j]) / float64(n))
		}
	}
}
