package analyze

import (
	"math"

	"github.com/runcheck/runcheck/activity"
)

// Defaults of the kinematics. They are documented in [KinematicsOptions].
const (
	DefaultSpeedWindow  = 10.0 // seconds
	DefaultMaxRunSpeed  = 12.5 // metres per second: faster than any human sprint
	DefaultMaxMoveSpeed = 50.0 // metres per second, for other sports
)

// KinematicsOptions tunes how distance and speed are derived from positions.
// The zero value means the defaults.
type KinematicsOptions struct {
	// SpeedWindow is the span in seconds over which a speed is derived from
	// distance where the file records no speed; 0 means DefaultSpeedWindow.
	SpeedWindow float64
	// MaxSpeed is the speed in metres per second above which a step between
	// two positions is a GPS jump, left out of the distance; 0 means
	// DefaultMaxRunSpeed for running sports and DefaultMaxMoveSpeed for
	// others.
	MaxSpeed float64
	// GapCap is the gap cap of the time base, in seconds (see
	// [TimeOptions].GapCap): a position step across a longer stretch of
	// time outside the file's pauses is left out of the distance, and a
	// speed is derived only from samples at most this far apart; 0 means
	// the time base's default for the activity's recording interval.
	GapCap float64
}

// Kinematics holds distance and speed for every sample: the device's own where
// the file records them, derived otherwise.
type Kinematics struct {
	// Distance is the cumulative distance in metres from the first sample,
	// NaN where unknown; nil when the file has neither distance nor
	// positions.
	Distance []float64
	// DistanceSource is "device" (the file's distance, made to start at 0
	// and carried on across a reset of the device's count, as between the
	// activities of a multisport TCX) or "gps" (summed great-circle steps
	// between positions, leaving out the steps across a pause or a gap and
	// GPS jumps); empty when Distance is nil.
	DistanceSource string
	// Jumps counts the position steps left out as GPS jumps: steps faster
	// than MaxSpeed. Positions recorded without any progress of time are
	// summed as they are, since no speed can be judged.
	Jumps int
	// Speed is in metres per second, NaN where unknown; nil when there is no
	// source.
	Speed []float64
	// SpeedSource is "device" (the file's speed) or "distance" (the change
	// of Distance over a window of SpeedWindow seconds centred on the
	// sample, widened to the sample's neighbours when the recording is
	// sparser than that, within one stretch between pauses and gaps); empty
	// when Speed is nil.
	SpeedSource string
	// Movement is the evidence of movement the time base takes (see
	// [NewTimeline]), in metres per second: per sample the higher of Speed
	// and the progress of Distance over the speed window, so that a
	// sample whose device speed reads 0 while its distance advances still
	// moves. It is Speed itself when there is no distance or Speed comes
	// from it (nil when Speed is).
	Movement []float64
}

// NewKinematics derives distance and speed for a.
func NewKinematics(a *activity.Activity, opt KinematicsOptions) Kinematics {
	s := &a.Samples
	var k Kinematics
	gapCap := opt.GapCap
	if gapCap <= 0 {
		gapCap = defaultGapCap(s.Time)
	}
	stretch := stretches(s.Time, sortedPauses(a.Pauses), gapCap)
	switch {
	case activity.Coverage(s.Distance) > 0:
		k.Distance, k.DistanceSource = deviceDistance(s.Distance), "device"
	case activity.Coverage(s.Lat) > 0 && activity.Coverage(s.Lon) > 0:
		limit := opt.MaxSpeed
		if limit <= 0 {
			limit = DefaultMaxMoveSpeed
			if IsRunning(a.Meta.Sport, a.Meta.SubSport) {
				limit = DefaultMaxRunSpeed
			}
		}
		k.Distance, k.Jumps = gpsDistance(s.Time, s.Lat, s.Lon, stretch, limit)
		k.DistanceSource = "gps"
	}
	window := opt.SpeedWindow
	if window <= 0 {
		window = DefaultSpeedWindow
	}
	var progress []float64
	if k.Distance != nil {
		progress = derivedSpeed(s.Time, k.Distance, stretch, window)
	}
	switch {
	case activity.Coverage(s.Speed) > 0:
		k.Speed, k.SpeedSource = s.Speed, "device"
	case progress != nil:
		k.Speed, k.SpeedSource = progress, "distance"
	}
	k.Movement = k.Speed
	if progress != nil && k.SpeedSource == "device" {
		k.Movement = make([]float64, len(progress))
		for i, v := range progress {
			k.Movement[i] = v
			if sp := k.Speed[i]; math.IsNaN(v) || sp > v {
				k.Movement[i] = sp
			}
		}
	}
	return k
}

// deviceDistance returns the device's cumulative distance d shifted so that
// its first known value is 0; where the count drops below half of what it
// was (the device started counting again, as at the next activity of a
// multisport TCX or the next part of a chained FIT) it carries on from the
// value before the drop. A smaller drop is the device correcting its own
// count and is kept.
func deviceDistance(d []float64) []float64 {
	out := make([]float64, len(d))
	offset, last := math.NaN(), math.NaN()
	for i, v := range d {
		switch {
		case math.IsNaN(v):
		case math.IsNaN(offset):
			offset = -v
		case v < last/2:
			offset += last - v
		}
		if !math.IsNaN(v) {
			last = v
		}
		out[i] = v + offset
	}
	return out
}

// stretches numbers, for each sample, the stretch of recording it is in: a
// new stretch begins after a step that a pause of the file overlaps, a step
// longer than gapCap (a gap of the time base) and where time goes back.
// pauses must be sorted by start.
func stretches(t []float64, pauses []activity.Pause, gapCap float64) []int {
	out := make([]int, len(t))
	for i := 1; i < len(t); i++ {
		out[i] = out[i-1]
		if t[i] < t[i-1] || t[i]-t[i-1] > gapCap || overlap(pauses, t[i-1], t[i]) > 0 {
			out[i]++
		}
	}
	return out
}

// gpsDistance sums great-circle steps between known positions within one
// stretch (see stretches): the step from one stretch into the next, across
// a pause or a gap, is left out, since the runner was not recorded moving
// there. A step faster than limit is a jump, left out too; the jump's far
// end is not trusted as the next anchor unless the track goes on from it
// (the next position is plausible from it and not from the anchor, as after
// a bad first fix). When the positions span no time at all, no speed can be
// judged and every step counts.
func gpsDistance(t, lat, lon []float64, stretch []int, limit float64) ([]float64, int) {
	out := activity.NaNs(len(t))
	known := func(i int) bool { return !math.IsNaN(lat[i]) && !math.IsNaN(lon[i]) }
	timed := false
	first := -1
	for i := range t {
		if known(i) {
			if first < 0 {
				first = i
			} else if t[i] != t[first] {
				timed = true
				break
			}
		}
	}
	fast := func(from, to int) bool {
		step, dt := haversine(lat[from], lon[from], lat[to], lon[to]), t[to]-t[from]
		return timed && (dt > 0 && step/dt > limit || dt <= 0 && step > 0)
	}
	total, prev, jumps := 0.0, -1, 0
	for i := range t {
		if !known(i) {
			continue
		}
		out[i] = total
		switch {
		case prev < 0:
		case stretch[i] != stretch[prev]:
			// across a pause or a gap: start again from here
		case fast(prev, i):
			jumps++
			next := i + 1
			for next < len(t) && !known(next) {
				next++
			}
			if !(next < len(t) && !fast(i, next) && fast(prev, next)) {
				continue
			}
		default:
			total += haversine(lat[prev], lon[prev], lat[i], lon[i])
			out[i] = total
		}
		prev = i
	}
	return out, jumps
}

// derivedSpeed returns for each sample the change of distance over the
// samples within window/2 seconds either side, and at least over its
// nearest neighbours with a distance, inside the same stretch (see
// stretches); NaN where the stretch holds no span of time.
func derivedSpeed(t, dist []float64, stretch []int, window float64) []float64 {
	n := len(t)
	out := activity.NaNs(n)
	// before and after are the nearest samples either side of i with a
	// distance (-1 and n when there is none).
	lo, hi, before, after := 0, 0, -1, 0
	for i := range n {
		if math.IsNaN(dist[i]) {
			continue
		}
		for lo < i && (t[i]-t[lo] > window/2 || stretch[lo] != stretch[i] || math.IsNaN(dist[lo])) {
			lo++
		}
		from := lo
		if before >= 0 && before < from && stretch[before] == stretch[i] {
			from = before
		}
		if hi < i {
			hi = i
		}
		for hi+1 < n && t[hi+1]-t[i] <= window/2 && stretch[hi+1] == stretch[i] {
			hi++
		}
		to := hi
		for to > i && math.IsNaN(dist[to]) {
			to--
		}
		for after < n && (after <= i || math.IsNaN(dist[after])) {
			after++
		}
		if to == i && after < n && stretch[after] == stretch[i] {
			to = after
		}
		if dt := t[to] - t[from]; dt > 0 {
			out[i] = (dist[to] - dist[from]) / dt
		}
		before = i
	}
	return out
}

// IsRunning reports whether a sport and sub-sport, as a file writes them, name
// a run: FIT running (any sub-sport: road, trail, treadmill, track, ...), TCX
// Running, a GPX type such as "running", "run", "trail_running" or Strava's
// "9" (Run), or a sub-sport of trail, treadmill or track running.
func IsRunning(sport, subSport string) bool {
	switch normalize(sport) {
	case "running", "run", "trailrunning", "trailrun", "treadmillrunning", "trackrunning",
		"virtualrun", "virtualrunning", "9":
		return true
	}
	switch normalize(subSport) {
	case "trail", "treadmill", "track", "trailrunning", "treadmillrunning", "trackrunning":
		return normalize(sport) == "" || normalize(sport) == "generic"
	}
	return false
}

// normalize lower-cases s and drops everything but letters and digits, so
// that "Trail Running", "trail_running" and "TrailRunning" compare equal.
func normalize(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}
