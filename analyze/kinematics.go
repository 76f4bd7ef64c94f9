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
}

// Kinematics holds distance and speed for every sample: the device's own where
// the file records them, derived otherwise.
type Kinematics struct {
	// Distance is the cumulative distance in metres from the first sample,
	// NaN where unknown; nil when the file has neither distance nor
	// positions.
	Distance []float64
	// DistanceSource is "device" (the file's distance, made to start at 0)
	// or "gps" (summed great-circle steps between positions, leaving out the
	// steps across a pause and GPS jumps); empty when Distance is nil.
	DistanceSource string
	// Jumps counts the position steps left out as GPS jumps.
	Jumps int
	// Speed is in metres per second, NaN where unknown; nil when there is no
	// source.
	Speed []float64
	// SpeedSource is "device" (the file's speed) or "distance" (the change
	// of Distance over a window of SpeedWindow seconds centred on the
	// sample, within one stretch between pauses); empty when Speed is nil.
	SpeedSource string
}

// NewKinematics derives distance and speed for a.
func NewKinematics(a *activity.Activity, opt KinematicsOptions) Kinematics {
	s := &a.Samples
	var k Kinematics
	switch {
	case activity.Coverage(s.Distance) > 0:
		k.Distance, k.DistanceSource = rebase(s.Distance), "device"
	case activity.Coverage(s.Lat) > 0 && activity.Coverage(s.Lon) > 0:
		limit := opt.MaxSpeed
		if limit <= 0 {
			limit = DefaultMaxMoveSpeed
			if IsRunning(a.Meta.Sport, a.Meta.SubSport) {
				limit = DefaultMaxRunSpeed
			}
		}
		k.Distance, k.Jumps = gpsDistance(a, limit)
		k.DistanceSource = "gps"
	}
	switch {
	case activity.Coverage(s.Speed) > 0:
		k.Speed, k.SpeedSource = s.Speed, "device"
	case k.Distance != nil:
		window := opt.SpeedWindow
		if window <= 0 {
			window = DefaultSpeedWindow
		}
		k.Speed, k.SpeedSource = derivedSpeed(s.Time, k.Distance, sortedPauses(a.Pauses), window), "distance"
	}
	return k
}

// rebase returns d shifted so that its first known value is 0.
func rebase(d []float64) []float64 {
	out := make([]float64, len(d))
	base := math.NaN()
	for i, v := range d {
		if math.IsNaN(base) && !math.IsNaN(v) {
			base = v
		}
		out[i] = v - base
	}
	return out
}

// gpsDistance sums great-circle steps between known positions, leaving out
// the steps across a pause and those faster than limit.
func gpsDistance(a *activity.Activity, limit float64) ([]float64, int) {
	t, lat, lon := a.Samples.Time, a.Samples.Lat, a.Samples.Lon
	out := activity.NaNs(len(t))
	total, prev, jumps := 0.0, -1, 0
	for i := range t {
		if math.IsNaN(lat[i]) || math.IsNaN(lon[i]) {
			continue
		}
		if prev >= 0 && !pausedBetween(a.Pauses, t[prev], t[i]) {
			step := haversine(lat[prev], lon[prev], lat[i], lon[i])
			if dt := t[i] - t[prev]; dt > 0 && step/dt > limit || dt <= 0 && step > 0 {
				jumps++
				out[i] = total
				continue // the jump's far end is not a trusted anchor
			}
			total += step
		}
		out[i] = total
		prev = i
	}
	return out, jumps
}

// derivedSpeed returns for each sample the change of distance over the
// samples within window/2 seconds either side, inside the same stretch
// between pauses; NaN where the stretch holds no span of time.
func derivedSpeed(t, dist []float64, pauses []activity.Pause, window float64) []float64 {
	n := len(t)
	out := activity.NaNs(n)
	// stretch[i] numbers the stretch between pauses that sample i is in.
	stretch := make([]int, n)
	for i := 1; i < n; i++ {
		stretch[i] = stretch[i-1]
		if t[i] < t[i-1] || overlap(pauses, t[i-1], t[i]) > 0 {
			stretch[i]++
		}
	}
	lo, hi := 0, 0
	for i := range n {
		if math.IsNaN(dist[i]) {
			continue
		}
		for lo < i && (t[i]-t[lo] > window/2 || stretch[lo] != stretch[i] || math.IsNaN(dist[lo])) {
			lo++
		}
		if hi < i {
			hi = i
		}
		for hi+1 < n && t[hi+1]-t[i] <= window/2 && stretch[hi+1] == stretch[i] {
			hi++
		}
		j := hi
		for j > i && math.IsNaN(dist[j]) {
			j--
		}
		if dt := t[j] - t[lo]; dt > 0 {
			out[i] = (dist[j] - dist[lo]) / dt
		}
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
