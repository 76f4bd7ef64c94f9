package analyze

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/zones"
)

// Pace in this package is in seconds per kilometre: 1000 / v for a speed v in
// metres per second, so a larger pace is slower. A sample at a standstill
// (v = 0) has no pace (NaN), not an infinitely slow one: standing at a
// crossing is not running slowly, and a pace of +Inf would drag every
// average and quantile with it. Time at a standstill shows in the moving
// time instead (see [Timeline]).

// Defaults of the pace metrics.
const (
	// DefaultSplitDistance is the length of a split in metres: one
	// kilometre, as the splits of Garmin Connect and Strava.
	DefaultSplitDistance = 1000.0
	// PaceMinGPSCoverage is the share of samples with a position below
	// which pace counts as not measured by satellites (see
	// [PaceVerifiable]).
	PaceMinGPSCoverage = 0.5
	// PaceMaxSplits bounds the number of full splits [PaceSplits] makes, so
	// that a corrupt distance (a TCX DistanceMeters of 1e300) cannot make it
	// run for ever: 100 000 km of 1 km splits.
	PaceMaxSplits = 100_000
)

// Errors of the pace settings. Both are wrapped with the offending value.
var (
	// ErrPaceInput means a race time, a pace or a reference kind is not
	// valid: it does not parse, or it is not a positive finite number.
	ErrPaceInput = errors.New("analyze: invalid pace setting")
	// ErrNoPaceReference means the settings do not give the reference pace
	// asked for (no 5K or 10K time for a race pace, no easy pace).
	ErrNoPaceReference = errors.New("analyze: no pace reference")
)

// PaceFromSpeed returns the pace in seconds per kilometre for a speed v in
// metres per second: 1000 / v, or NaN when v is not a positive finite number.
func PaceFromSpeed(v float64) float64 {
	if !(v > 0) || math.IsInf(v, 1) {
		return math.NaN()
	}
	return 1000 / v
}

// PaceSeries returns the moving pace of each sample in seconds per kilometre:
// 1000 / speed[i] where moving[i] and speed[i] > 0, NaN elsewhere (not moving,
// a standstill, an unknown speed). Pass [Kinematics].Speed and
// [Timeline].Moving; a nil moving counts every sample as moving, a nil speed
// gives all NaN. The result is stored in dst and returned; if dst is nil a new
// slice is allocated. speed and moving are not modified.
//
// PaceSeries panics if:
//   - speed is not nil and len(speed) != n, where n is len(moving) or, for a
//     nil moving, len(speed);
//   - dst is not nil and len(dst) != n.
func PaceSeries(dst, speed []float64, moving []bool) []float64 {
	n := len(speed)
	if moving != nil {
		n = len(moving)
		if speed != nil && len(speed) != n {
			panic("analyze: slice length mismatch")
		}
	}
	if dst == nil {
		dst = make([]float64, n)
	} else if len(dst) != n {
		panic("analyze: dst length mismatch")
	}
	for i := range dst {
		dst[i] = math.NaN()
		if speed != nil && (moving == nil || moving[i]) {
			dst[i] = PaceFromSpeed(speed[i])
		}
	}
	return dst
}

// PaceOffsets returns pace[i] − ref for each sample, in seconds per
// kilometre: positive is slower than the reference, negative faster; NaN
// where the pace is NaN. The result is stored in dst and returned; if dst is
// nil a new slice is allocated.
//
// PaceOffsets panics if dst is not nil and len(dst) != len(pace).
func PaceOffsets(dst, pace []float64, ref float64) []float64 {
	if dst == nil {
		dst = make([]float64, len(pace))
	} else if len(dst) != len(pace) {
		panic("analyze: dst length mismatch")
	}
	for i, p := range pace {
		dst[i] = p - ref
	}
	return dst
}

// PaceFasterThan returns the time, and its share of the time with a known
// pace, during which the pace was faster (smaller) than bound, in seconds
// per kilometre. Each sample counts for its weight (the seconds it lasts,
// [Timeline].Weight); samples whose pace or weight is NaN, or whose weight is
// 0, are skipped. The share is NaN when no time is left. With bound = ref +
// the easy end of a recovery band (5K pace + 90 s/km, say) it is the share of
// the run that was too fast. The bound itself is not faster than the bound.
//
// PaceFasterThan panics if len(weights) != len(pace) or a weight is negative.
func PaceFasterThan(pace, weights []float64, bound float64) (seconds, share float64) {
	if len(weights) != len(pace) {
		panic("analyze: slice length mismatch")
	}
	var total float64
	for i, p := range pace {
		w := weights[i]
		if w < 0 {
			panic("analyze: negative weight")
		}
		if math.IsNaN(p) || !(w > 0) {
			continue
		}
		total += w
		if p < bound {
			seconds += w
		}
	}
	if total == 0 {
		return 0, math.NaN()
	}
	return seconds, seconds / total
}

// PaceSplit is one split of a run: a kilometre (or the distance asked for),
// the last one usually shorter.
type PaceSplit struct {
	// Index numbers the splits from 1.
	Index int `json:"index"`
	// Distance is the split's length in metres: the split distance, or the
	// remainder for the last split.
	Distance Value `json:"distance_m"`
	// Time is the moving time spent on the split, in seconds.
	Time Value `json:"moving_time_s"`
	// Pace is Time per kilometre of Distance, in seconds per kilometre;
	// missing when Time is 0.
	Pace Value `json:"pace_s_per_km"`
	// AvgHeartRate is the moving-time weighted mean heart rate on the split,
	// missing without heart rate.
	AvgHeartRate Value `json:"avg_hr"`
}

// PaceSplits cuts a run into splits of every metres (0 means
// DefaultSplitDistance) along its distance and returns, for each, its
// moving time, its pace and its mean heart rate.
//
// The run is walked in steps between consecutive samples with a known
// distance. A step's time is the weights of the samples it spans (the time
// each sample is credited with, [Timeline].Weight); its moving time counts
// only the samples flagged in moving. A split boundary that falls inside a
// step is placed by linear interpolation: the step's time and heart rate are
// shared in proportion to the distance on each side, as if the speed were
// constant between the two samples. A step with no credited time (a gap or
// a pause) moves no boundary: its distance is left out, so that the
// distance covered while the clock did not count cannot flatter a split. A
// decrease of distance counts as no progress. The last split holds the
// remainder when it is longer than 1 cm (the FIT distance resolution).
// Distances that are NaN or infinite count as unknown. At most PaceMaxSplits
// full splits are made: a longer run is a corrupt file, and its remainder is
// left in the last split.
//
// hr may be nil; its NaN values and values at or below 0 (dropouts) are
// skipped. Heart rate, like time, is credited to the sample that starts an
// interval.
//
// PaceSplits panics if weights or moving (or hr, when not nil) is not as
// long as dist, or every is negative.
func PaceSplits(dist, weights []float64, moving []bool, hr []float64, every float64) []PaceSplit {
	n := len(dist)
	if len(weights) != n || len(moving) != n || hr != nil && len(hr) != n {
		panic("analyze: slice length mismatch")
	}
	if every < 0 || math.IsNaN(every) {
		panic("analyze: negative split distance")
	}
	if every == 0 {
		every = DefaultSplitDistance
	}
	splits := []PaceSplit{}
	var cur struct{ time, hrSum, hrW float64 }
	emit := func(d float64) {
		s := PaceSplit{Index: len(splits) + 1, Distance: Value(d), Time: Value(cur.time), Pace: NA(), AvgHeartRate: NA()}
		if cur.time > 0 && d > 0 {
			s.Pace = Value(cur.time / (d / 1000))
		}
		if cur.hrW > 0 {
			s.AvgHeartRate = Value(cur.hrSum / cur.hrW)
		}
		splits = append(splits, s)
		cur.time, cur.hrSum, cur.hrW = 0, 0, 0
	}

	first, prev := math.NaN(), -1
	var dmax, skipped float64 // largest distance so far; distance left out
	done := 0                 // full splits emitted
	axisPrev := 0.0           // the split axis at the previous known sample
	for k, d := range dist {
		if !paceFinite(d) {
			continue
		}
		if prev < 0 {
			first, prev, dmax = d, k, d
			continue
		}
		var w, m, h, hw float64
		for i := prev; i < k; i++ {
			wi := weights[i]
			if !(wi > 0) {
				continue
			}
			w += wi
			if !moving[i] {
				continue
			}
			m += wi
			if hr != nil && hr[i] > 0 && !math.IsInf(hr[i], 1) {
				h += wi * hr[i]
				hw += wi
			}
		}
		prev = k
		delta := d - dmax
		if delta > 0 {
			dmax = d
		} else {
			delta = 0
		}
		if !(w > 0) {
			skipped += delta
			continue
		}
		// The axis at this sample: exact (d − first) when nothing was
		// skipped, so that a sample at 1000.00 m ends the first split.
		axis := dmax - first - skipped
		lo := 0.0 // the fraction of the step already given to splits
		for next := float64(done+1) * every; delta > 0 && axis >= next && done < PaceMaxSplits; next = float64(done+1) * every {
			hi := min(max((next-axisPrev)/delta, lo), 1)
			f := hi - lo
			cur.time += f * m
			cur.hrSum += f * h
			cur.hrW += f * hw
			emit(every)
			done++
			lo = hi
		}
		f := 1 - lo
		cur.time += f * m
		cur.hrSum += f * h
		cur.hrW += f * hw
		axisPrev = axis
	}
	if rest := axisPrev - float64(done)*every; rest > 0.01 {
		emit(rest)
	}
	return splits
}

// paceMovingDistance returns the distance covered while moving: the distance of
// each step between samples of known distance, times the share of the step's
// credited time that is moving time.
func paceMovingDistance(dist, weights []float64, moving []bool) float64 {
	total, prev := 0.0, -1
	dmax := math.NaN()
	for k, d := range dist {
		if !paceFinite(d) {
			continue
		}
		if prev < 0 {
			prev, dmax = k, d
			continue
		}
		var w, m float64
		for i := prev; i < k; i++ {
			if wi := weights[i]; wi > 0 {
				w += wi
				if moving[i] {
					m += wi
				}
			}
		}
		prev = k
		if d > dmax {
			if w > 0 {
				total += (d - dmax) * m / w
			}
			dmax = d
		}
	}
	return total
}

// PaceReference is a reference pace that offsets are measured against.
type PaceReference struct {
	// Kind is Ref5K, Ref10K or RefEasy.
	Kind string `json:"kind"`
	// Pace is in seconds per kilometre.
	Pace float64 `json:"pace_s_per_km"`
	// Source says where the pace came from, for reports: "5K race time
	// 25:00", "Riegel from 10K race time 52:00", "easy pace 6:10/km".
	Source string `json:"source"`
}

// PaceInputs are the athlete's pace settings, as given on the command line
// (-5k, -10k, -easy-pace) or in a configuration file. A zero field is not
// given.
type PaceInputs struct {
	// FiveK and TenK are race times over 5 km and 10 km, in seconds.
	FiveK float64 `json:"five_k_s,omitempty"`
	TenK  float64 `json:"ten_k_s,omitempty"`
	// Easy is the athlete's normal easy pace, in seconds per kilometre.
	Easy float64 `json:"easy_pace_s_per_km,omitempty"`
}

// Reference resolves the reference pace of the given kind:
//
//   - Ref5K: the 5K time / 5; without one, the 10K time carried over to
//     5 km with Riegel's formula, t5 = t10 × (5/10)^1.06 ([zones.Riegel]);
//   - Ref10K: the 10K time / 10; without one, the 5K time carried over,
//     t10 = t5 × 2^1.06 (a 25:00 5K gives 52:07.4);
//   - RefEasy: the easy pace as given. It is not derived from a race
//     time: no published rule does that (docs/recovery.md#pace-band).
//
// A time given for the distance itself always wins over a conversion, even
// when both are given and disagree. Reference returns an error matching
// ErrNoPaceReference when the settings hold nothing to resolve the kind
// from, and one matching ErrPaceInput when the kind is unknown or a setting
// is negative, infinite or NaN.
func (in PaceInputs) Reference(kind string) (PaceReference, error) {
	for _, f := range []struct {
		name string
		v    float64
	}{{"5K time", in.FiveK}, {"10K time", in.TenK}, {"easy pace", in.Easy}} {
		if f.v < 0 || math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return PaceReference{}, fmt.Errorf("%w: %s is %g s, want a positive number", ErrPaceInput, f.name, f.v)
		}
	}
	switch kind {
	case Ref5K, Ref10K:
		own, other, d, od := in.FiveK, in.TenK, 5000.0, 10000.0
		name, otherName := "5K", "10K"
		if kind == Ref10K {
			own, other, d, od = in.TenK, in.FiveK, 10000, 5000
			name, otherName = "10K", "5K"
		}
		switch {
		case own > 0:
			return PaceReference{Kind: kind, Pace: RaceTimeToPace(own, d), Source: name + " race time " + FormatRaceTime(own)}, nil
		case other > 0:
			t := zones.Riegel(other, od, d)
			return PaceReference{Kind: kind, Pace: RaceTimeToPace(t, d), Source: "Riegel from " + otherName + " race time " + FormatRaceTime(other)}, nil
		}
		return PaceReference{}, fmt.Errorf("%w: no %s pace: give a 5K or a 10K race time", ErrNoPaceReference, name)
	case RefEasy:
		if in.Easy > 0 {
			return PaceReference{Kind: kind, Pace: in.Easy, Source: "easy pace " + FormatPace(in.Easy) + "/km"}, nil
		}
		return PaceReference{}, fmt.Errorf("%w: no easy pace given", ErrNoPaceReference)
	}
	return PaceReference{}, fmt.Errorf("%w: unknown pace reference %q (want %s, %s or %s)", ErrPaceInput, kind, Ref5K, Ref10K, RefEasy)
}

// RaceTimeToPace returns the pace in seconds per kilometre of a race of
// distance d metres run in t seconds: t / (d / 1000).
func RaceTimeToPace(t, d float64) float64 { return t / (d / 1000) }

// ParseRaceTime parses a race time written "MM:SS" ("25:00", "52:07.5";
// minutes may exceed 59: "75:30") or "H:MM:SS" ("1:52:30"), as the -5k and
// -10k flags take it, and returns it in seconds. Surrounding spaces are
// ignored; seconds may have a decimal fraction. The error, matching
// ErrPaceInput, quotes the input and says what was expected.
func ParseRaceTime(s string) (float64, error) {
	t := strings.TrimSpace(s)
	fail := func(why string) (float64, error) {
		return 0, fmt.Errorf("%w: race time %q %s; want MM:SS or H:MM:SS, such as 25:00 or 1:52:30", ErrPaceInput, s, why)
	}
	parts := strings.Split(t, ":")
	var h, m, sec float64
	var ok bool
	switch len(parts) {
	case 2:
		m, ok = paceWholeNumber(parts[0], 1)
		if !ok {
			return fail("has no whole number of minutes")
		}
	case 3:
		if h, ok = paceWholeNumber(parts[0], 1); !ok {
			return fail("has no whole number of hours")
		}
		if m, ok = paceWholeNumber(parts[1], 2); !ok || m > 59 {
			return fail("has no two-digit minutes from 00 to 59")
		}
	default:
		return fail("is not two or three numbers separated by colons")
	}
	if sec, ok = paceSecondsField(parts[len(parts)-1]); !ok {
		return fail("has no two-digit seconds from 00 to 59")
	}
	total := h*3600 + m*60 + sec
	if !(total > 0) {
		return fail("is zero")
	}
	return total, nil
}

// ParsePace parses a pace per kilometre written "M:SS" ("6:10", "5:45.5"),
// optionally followed by "/km", as the -easy-pace flag takes it, and returns
// it in seconds per kilometre. Surrounding spaces are ignored. The error,
// matching ErrPaceInput, quotes the input and says what was expected.
func ParsePace(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if len(t) > 3 && strings.EqualFold(t[len(t)-3:], "/km") {
		t = strings.TrimSpace(t[:len(t)-3])
	}
	fail := func(why string) (float64, error) {
		return 0, fmt.Errorf("%w: pace %q %s; want M:SS per kilometre, such as 6:10", ErrPaceInput, s, why)
	}
	mm, ss, found := strings.Cut(t, ":")
	if !found || strings.Contains(ss, ":") {
		return fail("is not minutes and seconds separated by a colon")
	}
	m, ok := paceWholeNumber(mm, 1)
	if !ok {
		return fail("has no whole number of minutes")
	}
	sec, ok := paceSecondsField(ss)
	if !ok {
		return fail("has no two-digit seconds from 00 to 59")
	}
	p := m*60 + sec
	if !(p > 0) {
		return fail("is zero")
	}
	return p, nil
}

// paceWholeNumber parses a field of at least minDigits and at most 6 decimal
// digits.
func paceWholeNumber(s string, minDigits int) (float64, bool) {
	if len(s) < minDigits || len(s) > 6 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return float64(n), err == nil
}

// paceSecondsField parses "SS" or "SS.f..." with SS from 00 to 59.
func paceSecondsField(s string) (float64, bool) {
	whole, frac, hasFrac := strings.Cut(s, ".")
	v, ok := paceWholeNumber(whole, 2)
	if !ok || len(whole) != 2 || v > 59 {
		return 0, false
	}
	if !hasFrac {
		return v, true
	}
	f, ok := paceWholeNumber(frac, 1)
	if !ok {
		return 0, false
	}
	return v + f/math.Pow(10, float64(len(frac))), true
}

// FormatPace writes a pace in seconds per kilometre as "M:SS", rounded to
// the nearest second; "-" when p is not a positive finite number.
func FormatPace(p float64) string {
	if !(p > 0) || math.IsInf(p, 1) {
		return "-"
	}
	s := int64(math.Round(p))
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// FormatRaceTime writes a time in seconds as "MM:SS", or "H:MM:SS" from an
// hour on, rounded to the nearest second; "-" when t is not a positive
// finite number.
func FormatRaceTime(t float64) string {
	if !(t > 0) || math.IsInf(t, 1) {
		return "-"
	}
	s := int64(math.Round(t))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// PaceVerifiable reports whether the pace of a can be trusted for a pace
// check, and when not, why, in one sentence for the report. Pace is
// unverifiable:
//
//   - on a treadmill or another indoor or virtual run (sport or sub-sport
//     treadmill, indoor_*, virtual_*, in the file's metadata or any
//     session): the speed comes from the wrist's accelerometer or a foot
//     pod, so the pace check is unverifiable rather than failed
//     (docs/recovery.md#treadmills-and-indoor-runs);
//   - without distance or speed (k has neither);
//   - without satellite positions on at least PaceMinGPSCoverage of the
//     samples: the distance then comes from the same accelerometer or foot
//     pod, as in a treadmill run exported to TCX or GPX, which has no
//     sub-sport to say so.
func PaceVerifiable(a *activity.Activity, k Kinematics) (bool, string) {
	if why := paceIndoorReason(a); why != "" {
		return false, why + ": speed and distance come from the watch's accelerometer or a foot pod, not from satellites"
	}
	if k.Distance == nil && k.Speed == nil {
		return false, "no distance or speed: the file has neither a distance, a speed nor positions"
	}
	s := &a.Samples
	n := s.Len()
	gps := 0
	if s.Lat != nil && s.Lon != nil {
		for i := range min(n, len(s.Lat), len(s.Lon)) {
			if !math.IsNaN(s.Lat[i]) && !math.IsNaN(s.Lon[i]) {
				gps++
			}
		}
	}
	if gps == 0 {
		return false, "no GPS positions: the distance comes from the watch's accelerometer or a foot pod"
	}
	if share := float64(gps) / float64(n); share < PaceMinGPSCoverage {
		return false, fmt.Sprintf("GPS positions cover only %.0f %% of the samples: most of the distance comes from the watch's accelerometer or a foot pod", 100*share)
	}
	return true, ""
}

// paceIndoorReason returns a phrase naming the indoor or virtual sport of a, or
// "" for an outdoor or unknown one.
func paceIndoorReason(a *activity.Activity) string {
	check := func(sport, sub string) string {
		for _, v := range []struct{ field, value string }{{"sub_sport", sub}, {"sport", sport}} {
			n := normalize(v.value)
			for _, kind := range []string{"treadmill", "indoor", "virtual"} {
				if strings.HasPrefix(n, kind) {
					return fmt.Sprintf("%s run (%s %s)", kind, v.field, v.value)
				}
			}
		}
		return ""
	}
	if why := check(a.Meta.Sport, a.Meta.SubSport); why != "" {
		return why
	}
	for _, s := range a.Sessions {
		if why := check(s.Sport, s.SubSport); why != "" {
			return why
		}
	}
	return ""
}

// PaceBand is a range of offsets from the reference pace that a run should
// stay in, in seconds per kilometre: for a recreational runner's recovery
// run, {90, 120} slower than 5K pace (docs/recovery.md#profiles).
type PaceBand struct {
	// Min and Max are the fast and the slow end; Min <= Max.
	Min float64 `json:"min_offset_s_per_km"`
	Max float64 `json:"max_offset_s_per_km"`
}

// PaceBandSummary is how a run's moving time falls around a [PaceBand].
type PaceBandSummary struct {
	PaceBand
	// Faster, Within and Slower are the moving seconds with a pace faster
	// than reference + Min, within [reference + Min, reference + Max] (both
	// ends included), and slower than reference + Max.
	Faster Value `json:"faster_s"`
	Within Value `json:"within_s"`
	Slower Value `json:"slower_s"`
	// FasterShare, WithinShare and SlowerShare are the same as shares of
	// the moving time with a known pace.
	FasterShare Value `json:"faster_share"`
	WithinShare Value `json:"within_share"`
	SlowerShare Value `json:"slower_share"`
}

// PaceOptions tunes [NewPaceSummary]. The zero value gives the pace figures
// and 1 km splits, without offsets.
type PaceOptions struct {
	// Reference is the pace the offsets are measured against; nil means no
	// offsets.
	Reference *PaceReference
	// Band, with a Reference, adds how the moving time falls around it.
	Band *PaceBand
	// SplitDistance is the split length in metres; 0 means
	// DefaultSplitDistance.
	SplitDistance float64
	// HeartRate, when not nil, gives each split its mean heart rate. Pass
	// the cleaned heart rate, as long as the samples.
	HeartRate []float64
}

// PaceSummary holds a run's pace figures. Paces and offsets are in seconds per
// kilometre; the figures are computed whenever the run has a speed or a
// distance, but a check may use them only when Verifiable is true.
type PaceSummary struct {
	// Verifiable says whether pace checks can be graded; Reason says why
	// not (see [PaceVerifiable]).
	Verifiable bool   `json:"verifiable"`
	Reason     string `json:"reason,omitempty"`
	// MovingTime is the time spent moving, in seconds ([Timeline]), and
	// MovingDistance the distance covered in it, in metres.
	MovingTime     Value `json:"moving_time_s"`
	MovingDistance Value `json:"moving_distance_m"`
	// AvgPace is MovingTime per kilometre of MovingDistance.
	AvgPace Value `json:"avg_pace_s_per_km"`
	// MedianPace, P10Pace and P90Pace are quantiles of the moving pace
	// weighted by time ([zones.Quantile]): P10Pace is the fast end (a tenth
	// of the moving time was at that pace or faster), P90Pace the slow end.
	MedianPace Value `json:"median_pace_s_per_km"`
	P10Pace    Value `json:"p10_pace_s_per_km"`
	P90Pace    Value `json:"p90_pace_s_per_km"`
	// Reference is the reference pace, when one was given.
	Reference *PaceReference `json:"reference,omitempty"`
	// MedianOffset, P10Offset and P90Offset are the same quantiles of the
	// pace minus the reference: positive is slower than the reference.
	// Missing without a reference.
	MedianOffset Value `json:"median_offset_s_per_km"`
	P10Offset    Value `json:"p10_offset_s_per_km"`
	P90Offset    Value `json:"p90_offset_s_per_km"`
	// Band is how the moving time falls around the band, when one was given
	// with a reference.
	Band *PaceBandSummary `json:"band,omitempty"`
	// Splits are the splits along the distance ([PaceSplits]).
	Splits []PaceSplit `json:"splits"`
}

// NewPaceSummary computes the pace figures of a from its kinematics and time
// base.
func NewPaceSummary(a *activity.Activity, k Kinematics, tl Timeline, opt PaceOptions) PaceSummary {
	s := PaceSummary{
		MovingTime: Value(tl.MovingTime), MovingDistance: NA(), AvgPace: NA(),
		MedianPace: NA(), P10Pace: NA(), P90Pace: NA(),
		MedianOffset: NA(), P10Offset: NA(), P90Offset: NA(),
		Splits: []PaceSplit{},
	}
	s.Verifiable, s.Reason = PaceVerifiable(a, k)
	if opt.Reference != nil {
		ref := *opt.Reference
		s.Reference = &ref
	}
	if k.Distance != nil {
		d := paceMovingDistance(k.Distance, tl.Weight, tl.Moving)
		s.MovingDistance = Value(d)
		if d > 0 && tl.MovingTime > 0 {
			s.AvgPace = Value(tl.MovingTime / (d / 1000))
		}
		s.Splits = PaceSplits(k.Distance, tl.Weight, tl.Moving, opt.HeartRate, opt.SplitDistance)
	}
	if k.Speed == nil {
		return s
	}
	pace := PaceSeries(nil, k.Speed, tl.Moving)
	p := []float64{0.5, 0.1, 0.9}
	q := zones.Quantiles(nil, p, pace, tl.Weight)
	s.MedianPace, s.P10Pace, s.P90Pace = Value(q[0]), Value(q[1]), Value(q[2])
	if opt.Reference == nil {
		return s
	}
	// A quantile is one of the samples, and subtracting ref keeps their
	// order: the quantiles of the offsets are those of the pace minus ref,
	// without sorting a second copy.
	ref := opt.Reference.Pace
	s.MedianOffset, s.P10Offset, s.P90Offset = Value(q[0]-ref), Value(q[1]-ref), Value(q[2]-ref)
	off := PaceOffsets(pace, pace, ref) // pace is ours: reuse it
	if b := opt.Band; b != nil {
		bs := PaceBandSummary{PaceBand: *b}
		var fast, within, slow float64
		for i, o := range off {
			w := tl.Weight[i]
			switch {
			case math.IsNaN(o) || !(w > 0):
			case o < b.Min:
				fast += w
			case o > b.Max:
				slow += w
			default:
				within += w
			}
		}
		bs.Faster, bs.Within, bs.Slower = Value(fast), Value(within), Value(slow)
		bs.FasterShare, bs.WithinShare, bs.SlowerShare = NA(), NA(), NA()
		if total := fast + within + slow; total > 0 {
			bs.FasterShare, bs.WithinShare, bs.SlowerShare = Value(fast/total), Value(within/total), Value(slow/total)
		}
		s.Band = &bs
	}
	return s
}

// paceFinite reports whether x is neither NaN nor infinite: x − x is 0 for
// a finite x and NaN otherwise, one subtraction for the two tests.
func paceFinite(x float64) bool { return x-x == 0 }
