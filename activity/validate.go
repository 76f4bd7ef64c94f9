package activity

import (
	"fmt"
	"math"
	"strings"
)

// Validate reports the first structural defect of a, or nil when a is well
// formed. Every importer returns well-formed activities; Validate is what
// their tests and fuzz targets check, and a cheap guard for code that builds
// or edits an Activity itself. The zero Activity is well formed.
//
// The rules, checked in this order, are the invariants the field
// documentation states:
//
//   - Samples: every value of Time is finite; Time[0] is 0 (Start is the
//     instant of the first sample); Time is non-decreasing unless one of
//     Warnings says the times go backwards (see below); every other column
//     is nil or exactly as long as Time and holds no infinity.
//   - Pauses: Start and End are finite, End >= Start (no negative duration),
//     and the pauses are in order of Start unless Warnings reports
//     backward times.
//   - Laps: Start is NaN (unknown) or finite; the totals hold no infinity
//     and no negative duration.
//   - Sessions: when there are any, they share out the samples in order:
//     the first starts at sample 0, each starts where the one before ends,
//     First <= End, and the last ends at Samples.Len(). Start is NaN or
//     finite; totals as for laps; a TimeInZone holds no infinity and no
//     negative time.
//   - Athlete: no setting is infinite.
//
// A warning reports backward times when it contains "backward" or "back in
// time" (case-insensitively), as the importers' warnings do.
//
// The error's text names the field and the index at fault, for example
// "activity: Samples.HeartRate has 12 values, Samples.Time has 13".
// Values are not checked for plausibility (a heart rate of 400 is well
// formed); that is the analyze package's business.
func (a *Activity) Validate() error {
	s := &a.Samples
	n := len(s.Time)
	disorder := a.warnsBackwardTimes()
	for i, t := range s.Time {
		if !finite(t) {
			return fmt.Errorf("activity: Samples.Time[%d] is %v", i, t)
		}
		if i == 0 && t != 0 {
			return fmt.Errorf("activity: Samples.Time[0] is %v, want 0 (Start is the first sample)", t)
		}
		if i > 0 && t < s.Time[i-1] && !disorder {
			return fmt.Errorf("activity: Samples.Time[%d] = %v is before Samples.Time[%d] = %v and no warning reports it",
				i, t, i-1, s.Time[i-1])
		}
	}
	for _, name := range ChannelNames() {
		col := s.Channel(name)
		if col == nil {
			continue
		}
		if len(col) != n {
			return fmt.Errorf("activity: Samples.%s has %d values, Samples.Time has %d", fieldName(name), len(col), n)
		}
		for i, v := range col {
			if math.IsInf(v, 0) {
				return fmt.Errorf("activity: Samples.%s[%d] is %v", fieldName(name), i, v)
			}
		}
	}

	for i, p := range a.Pauses {
		switch {
		case !finite(p.Start) || !finite(p.End):
			return fmt.Errorf("activity: Pauses[%d] runs from %v to %v", i, p.Start, p.End)
		case p.End < p.Start:
			return fmt.Errorf("activity: Pauses[%d] ends at %v, before its start at %v", i, p.End, p.Start)
		case i > 0 && p.Start < a.Pauses[i-1].Start && !disorder:
			return fmt.Errorf("activity: Pauses[%d] starts at %v, before Pauses[%d] at %v", i, p.Start, i-1, a.Pauses[i-1].Start)
		}
	}

	for i := range a.Laps {
		l := &a.Laps[i]
		if math.IsInf(l.Start, 0) {
			return fmt.Errorf("activity: Laps[%d].Start is %v", i, l.Start)
		}
		if err := l.Totals.validate(); err != nil {
			return fmt.Errorf("activity: Laps[%d].Totals.%w", i, err)
		}
	}

	next := 0
	for i := range a.Sessions {
		ss := &a.Sessions[i]
		if ss.First != next || ss.End < ss.First || ss.End > n {
			return fmt.Errorf("activity: Sessions[%d] covers samples [%d, %d), want it to start at %d and end by %d",
				i, ss.First, ss.End, next, n)
		}
		next = ss.End
		if math.IsInf(ss.Start, 0) {
			return fmt.Errorf("activity: Sessions[%d].Start is %v", i, ss.Start)
		}
		if err := ss.Totals.validate(); err != nil {
			return fmt.Errorf("activity: Sessions[%d].Totals.%w", i, err)
		}
		if z := ss.TimeInZone; z != nil {
			for j, v := range z.Seconds {
				if math.IsInf(v, 0) || v < 0 {
					return fmt.Errorf("activity: Sessions[%d].TimeInZone.Seconds[%d] is %v", i, j, v)
				}
			}
			for j, v := range z.Boundaries {
				if !finite(v) {
					return fmt.Errorf("activity: Sessions[%d].TimeInZone.Boundaries[%d] is %v", i, j, v)
				}
			}
		}
	}
	if len(a.Sessions) > 0 && next != n {
		return fmt.Errorf("activity: the sessions cover samples [0, %d) of %d", next, n)
	}

	at := &a.Athlete
	for _, v := range append([]float64{at.MaxHeartRate, at.RestingHeartRate, at.ThresholdHeartRate, at.Age, at.Weight},
		at.HeartRateZones...) {
		if math.IsInf(v, 0) {
			return fmt.Errorf("activity: an Athlete setting is %v", v)
		}
	}
	return nil
}

// warnsBackwardTimes reports whether a warning says the times go backwards.
func (a *Activity) warnsBackwardTimes() bool {
	for _, w := range a.Warnings {
		w = strings.ToLower(w)
		if strings.Contains(w, "backward") || strings.Contains(w, "back in time") {
			return true
		}
	}
	return false
}

// validate checks the totals for infinities and negative durations; the
// error's text starts with the field name.
func (t *Totals) validate() error {
	for _, f := range []struct {
		name     string
		v        float64
		duration bool
	}{
		{"ElapsedTime", t.ElapsedTime, true},
		{"TimerTime", t.TimerTime, true},
		{"MovingTime", t.MovingTime, true},
		{"Distance", t.Distance, false},
		{"AvgSpeed", t.AvgSpeed, false},
		{"MaxSpeed", t.MaxSpeed, false},
		{"AvgHeartRate", t.AvgHeartRate, false},
		{"MaxHeartRate", t.MaxHeartRate, false},
		{"AvgCadence", t.AvgCadence, false},
		{"Ascent", t.Ascent, false},
		{"Descent", t.Descent, false},
		{"Calories", t.Calories, false},
	} {
		if math.IsInf(f.v, 0) {
			return fmt.Errorf("%s is %v", f.name, f.v)
		}
		if f.duration && f.v < 0 {
			return fmt.Errorf("%s is %v, a negative duration", f.name, f.v)
		}
	}
	return nil
}

// fieldName returns the Samples field that holds the channel name.
func fieldName(channel string) string {
	switch channel {
	case ChannelDistance:
		return "Distance"
	case ChannelSpeed:
		return "Speed"
	case ChannelAltitude:
		return "Altitude"
	case ChannelLat:
		return "Lat"
	case ChannelLon:
		return "Lon"
	case ChannelHeartRate:
		return "HeartRate"
	case ChannelCadence:
		return "Cadence"
	case ChannelTemperature:
		return "Temperature"
	}
	return channel
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
