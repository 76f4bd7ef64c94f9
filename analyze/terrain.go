package analyze

import (
	"math"
	"slices"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/zones"
)

// Defaults of the terrain metrics, documented in [TerrainOptions].
const (
	DefaultTerrainWindow     = 30.0 // seconds
	DefaultTerrainHysteresis = 3.0  // metres
	DefaultGradeSpan         = 10.0 // metres
	DefaultSteepGrade        = 6.0  // percent
)

// GradeLimit is the largest grade, as a fraction, that a grade is clamped
// to either way: ±45 %, the range over which Minetti et al. measured the
// energy cost of running and fitted [GradeCost].
const GradeLimit = 0.45

// gradeEps is the tolerance of grade comparisons with a threshold.
const gradeEps = 1e-9

// TerrainOptions tunes [NewTerrainSummary]. The zero value means the
// defaults.
type TerrainOptions struct {
	// Window is the width in seconds of the centred moving average that
	// smooths the altitude before any grade or gain is taken from it
	// ([SmoothAltitude]); 0 means DefaultTerrainWindow, 30 s. Altitude noise
	// (GPS altitude wanders by metres, a barometer writes 0.2 m steps and
	// drifts) is in time, so the window is in time: 30 s is long enough to
	// average out the jitter of a 1 Hz recording and short enough, at a
	// running speed of 2-4 m/s (60-120 m), to keep the shape of a real hill.
	// Strava smooths before counting gain as well, without saying how much
	// (support.strava.com, "Elevation Gain"). A negative window, or one
	// shorter than the recording interval, leaves the altitude as it is.
	Window float64
	// Hysteresis is the rise or fall in metres that the smoothed altitude
	// must reach before it counts as a climb or a descent
	// ([ElevationGainLoss]); 0 means DefaultTerrainHysteresis, 3 m, the
	// default of GoldenCheetah's "elevation hysteresis" setting. Strava also
	// counts a gain from a low point to a high point only above a threshold;
	// Garmin does not document its method. A negative value counts every
	// rise and fall.
	Hysteresis float64
	// GradeSpan is the least distance in metres over which a grade is taken
	// ([GradeSeries]); 0 means DefaultGradeSpan, 10 m, the minimum
	// of docs/recovery.md#grade-adjusted-pace. Values below it are raised
	// to it.
	GradeSpan float64
	// SteepGrade is the grade in percent from which a climb, or a descent
	// as steep the other way, counts as steep; 0 means DefaultSteepGrade,
	// 6 %. It is our choice, not a published threshold: at 6 % Minetti's
	// cost of running is 37 % above the flat one, so that holding an easy
	// effort forces a pace about 30 % slower (a factor 0.77 in [GradeFactor]):
	// no longer the flat ground a recovery run belongs on
	// (docs/recovery.md#terrain).
	SteepGrade float64
}

func (o TerrainOptions) withDefaults() TerrainOptions {
	if o.Window == 0 {
		o.Window = DefaultTerrainWindow
	}
	if o.Hysteresis == 0 {
		o.Hysteresis = DefaultTerrainHysteresis
	}
	if !(o.GradeSpan >= DefaultGradeSpan) {
		o.GradeSpan = DefaultGradeSpan
	}
	if !(o.SteepGrade > 0) {
		o.SteepGrade = DefaultSteepGrade
	}
	return o
}

// SmoothAltitude returns the altitude smoothed by a centred moving average:
// each sample becomes the plain mean of the known altitudes whose time lies
// within half the window either side of it. Near the first and the last
// known altitude the half-width shrinks to the time left on the short side,
// so that the window stays centred: a steady climb recorded at a steady
// interval stays exactly linear to its ends, and the first and last
// altitudes are kept, so that the smoothed ascent minus descent is the run's
// real net change of altitude. (A truncated, one-sided window would pull the
// ends towards the inside.) Samples whose altitude or time is NaN or
// infinite are NaN in the result and are left out of every window. A window
// at or below 0 copies the altitude.
//
// The mean is over samples, not over time: with smart recording, a denser
// stretch inside a window counts for more. Time and altitude are not
// modified. The result is stored in dst and returned; if dst is nil a new
// slice is allocated.
//
// SmoothAltitude panics if len(t) != len(alt), or if dst is not nil and
// len(dst) != len(alt). t should not decrease; where it does, the windows
// are still bounded but no longer centred.
func SmoothAltitude(dst, t, alt []float64, window float64) []float64 {
	n := len(alt)
	if len(t) != n {
		panic("analyze: slice length mismatch")
	}
	if dst == nil {
		dst = make([]float64, n)
	} else if len(dst) != n {
		panic("analyze: dst length mismatch")
	}
	for i := range dst {
		dst[i] = math.NaN()
	}
	ts, as := terrainKnownPairs(t, alt)
	m := len(ts)
	if m == 0 {
		return dst
	}
	known := func(i int) bool { return paceFinite(alt[i]) && paceFinite(t[i]) }
	if !(window > 0) {
		for i := range n {
			if known(i) {
				dst[i] = alt[i]
			}
		}
		return dst
	}
	// Prefix sums of the altitude less the first one, for precision.
	base := as[0]
	sum := make([]float64, m+1)
	for c, v := range as {
		sum[c+1] = sum[c] + (v - base)
	}
	t0, t1 := ts[0], ts[m-1]
	lo, hi, c := 0, 0, 0 // ts[c] is sample i's time
	for i := range n {
		if !known(i) {
			continue
		}
		ti := ts[c]
		h := min(window/2, ti-t0, t1-ti)
		for lo < c && ts[lo] < ti-h {
			lo++
		}
		hi = max(hi, c)
		for hi+1 < m && ts[hi+1] <= ti+h {
			hi++
		}
		dst[i] = base + (sum[hi+1]-sum[lo])/float64(hi+1-lo)
		c++
	}
	return dst
}

// ElevationGainLoss returns the total elevation gain and loss of an altitude
// series in metres, counted with hysteresis: a climb counts, in full from
// its lowest to its highest point, once the altitude has risen by at least
// hysteresis metres from the last turning point; a descent likewise. Swings
// smaller than the hysteresis, which is how noise looks, are never counted,
// and a climb interrupted by a dip smaller than the hysteresis counts as
// one climb. A climb still under way at the end counts up to its highest
// point. This is GoldenCheetah's rule; Strava's ("a gain is the
// difference between a low point and a high point, ... a gain must exceed a
// threshold") reads the same. A hysteresis at or below 0 sums every rise
// and every fall. NaN and infinite values are skipped; alt is not modified.
//
// Pass a smoothed series ([SmoothAltitude]): the hysteresis then only has
// to absorb what the smoothing left.
func ElevationGainLoss(alt []float64, hysteresis float64) (gain, loss float64) {
	h := max(hysteresis, 0)
	const (
		undecided = iota
		climbing
		descending
	)
	state := undecided
	var base, ext, lo, hi float64 // last turning point; extreme since; range while undecided
	started := false
	for _, v := range alt {
		if !paceFinite(v) {
			continue
		}
		if !started {
			lo, hi, started = v, v, true
			continue
		}
		switch state {
		case undecided:
			lo, hi = min(lo, v), max(hi, v)
			switch {
			case v > lo && v-lo >= h:
				state, base, ext = climbing, lo, v
			case v < hi && hi-v >= h:
				state, base, ext = descending, hi, v
			}
		case climbing:
			switch {
			case v > ext:
				ext = v
			case v < ext && ext-v >= h:
				gain += ext - base
				state, base, ext = descending, ext, v
			}
		case descending:
			switch {
			case v < ext:
				ext = v
			case v > ext && v-ext >= h:
				loss += base - ext
				state, base, ext = climbing, ext, v
			}
		}
	}
	switch state {
	case climbing:
		gain += ext - base
	case descending:
		loss += base - ext
	}
	return gain, loss
}

// GradeSeries returns the grade of each sample as a fraction (0.05 for 5 %),
// positive uphill: the change of altitude over the change of distance
// between two samples at least span metres apart (0 or less means
// DefaultGradeSpan), clamped to ±GradeLimit. The pair is centred on the
// sample: the last sample at least span/2 before it and the first at least
// span/2 after it, along the distance. Near the start and the end, where one
// side is too short, it is the first or last stretch of at least span
// metres. Centring keeps the grade of a steady climb exact up to a phase
// boundary and does not shift the grade later along the route, as a
// trailing difference would.
//
// Pass the smoothed altitude ([SmoothAltitude]) and the cumulative distance
// ([Kinematics].Distance). A sample whose distance or altitude is NaN or
// infinite has a NaN grade and is left out of the others' spans; a distance that decreases
// counts as no progress. All grades are NaN when the known samples span less
// than span metres. The result is stored in dst and returned; if dst is nil
// a new slice is allocated.
//
// GradeSeries panics if len(dist) != len(alt), or if dst is not nil and
// len(dst) != len(alt).
func GradeSeries(dst, dist, alt []float64, span float64) []float64 {
	n := len(alt)
	if len(dist) != n {
		panic("analyze: slice length mismatch")
	}
	if dst == nil {
		dst = make([]float64, n)
	} else if len(dst) != n {
		panic("analyze: dst length mismatch")
	}
	if !(span > 0) {
		span = DefaultGradeSpan
	}
	for i := range dst {
		dst[i] = math.NaN()
	}
	d, as := terrainKnownPairs(dist, alt)
	m := len(d)
	// The distance made non-decreasing, in a copy unless it already is.
	for c := 1; c < m; c++ {
		if math.Float64bits(max(d[c], d[c-1])) == math.Float64bits(d[c]) {
			continue
		}
		if m == n { // d is dist itself
			d = slices.Clone(d)
		}
		for ; c < m; c++ {
			d[c] = max(d[c], d[c-1])
		}
		break
	}
	if m < 2 || !(d[m-1]-d[0] >= span) {
		return dst
	}
	grade := func(a, b int) float64 {
		g := (as[b] - as[a]) / (d[b] - d[a])
		return max(-GradeLimit, min(GradeLimit, g))
	}
	// The fixed pairs at the ends.
	startHi := 0
	for d[startHi]-d[0] < span {
		startHi++
	}
	endLo := m - 1
	for d[m-1]-d[endLo] < span {
		endLo--
	}
	half := span / 2
	below, above := 0, 0 // d[:below] <= d[c]-half; d[above] first >= d[c]+half
	c := 0               // d[c] is sample i's distance
	for i := range n {
		if !paceFinite(dist[i]) || !paceFinite(alt[i]) {
			continue
		}
		for below < m && d[below] <= d[c]-half {
			below++
		}
		for above < m && d[above] < d[c]+half {
			above++
		}
		switch {
		case below == 0:
			dst[i] = grade(0, startHi)
		case above == m:
			dst[i] = grade(endLo, m-1)
		default:
			dst[i] = grade(below-1, above)
		}
		c++
	}
	return dst
}

// terrainKnownPairs returns the values of x and y at the samples where both
// are finite, in order: x and y themselves when every sample is.
func terrainKnownPairs(x, y []float64) (xs, ys []float64) {
	m := 0
	for i := range x {
		if paceFinite(x[i]) && paceFinite(y[i]) {
			m++
		}
	}
	if m == len(x) {
		return x, y
	}
	xs, ys = make([]float64, 0, m), make([]float64, 0, m)
	for i := range x {
		if paceFinite(x[i]) && paceFinite(y[i]) {
			xs, ys = append(xs, x[i]), append(ys, y[i])
		}
	}
	return xs, ys
}

// GradeCost returns the energy cost of running at grade i (a fraction,
// clamped to ±GradeLimit), in joules per kilogram per metre, by the
// polynomial Minetti et al. fitted to their measurements (J Appl Physiol
// 2002;93:1039-1046):
//
//	Cr(i) = 155.4 i⁵ − 30.4 i⁴ − 43.3 i³ + 46.3 i² + 19.5 i + 3.6
//
// Cr(0) = 3.6 J/kg/m. It is NaN for a NaN grade.
func GradeCost(i float64) float64 {
	i = max(-GradeLimit, min(GradeLimit, i))
	return ((((155.4*i-30.4)*i-43.3)*i+46.3)*i+19.5)*i + 3.6
}

// GradeFactor returns the factor that turns a pace at grade i (a fraction)
// into the flat pace of the same effort, (3.6 / Cr(i))^0.83, the form
// Runalyze uses on Minetti's cost ([GradeCost]). It is below 1 uphill (the
// flat equivalent is faster), 1 on the flat, above 1 on descents down to
// about −40 % (running downhill costs less; the least cost, 1.78 J/kg/m, is
// near −18 %), and below 1 again on the steepest descents, where braking
// costs more than running on the flat. It is NaN for a NaN grade.
func GradeFactor(i float64) float64 {
	return math.Pow(3.6/GradeCost(i), 0.83)
}

// GradeAdjustedPace returns the grade-adjusted pace (GAP) of a pace at grade
// i: the flat pace of the same effort, pace × [GradeFactor](i), in the unit
// of pace (seconds per kilometre here).
func GradeAdjustedPace(pace, i float64) float64 {
	return pace * GradeFactor(i)
}

// GradeAdjustedPaces returns the grade-adjusted pace of each sample from its
// pace ([PaceSeries]) and grade ([GradeSeries]), NaN where either is NaN. The
// result is stored in dst and returned; if dst is nil a new slice is
// allocated.
//
// GradeAdjustedPaces panics if len(grade) != len(pace), or if dst is not nil
// and len(dst) != len(pace).
func GradeAdjustedPaces(dst, pace, grade []float64) []float64 {
	if len(grade) != len(pace) {
		panic("analyze: slice length mismatch")
	}
	if dst == nil {
		dst = make([]float64, len(pace))
	} else if len(dst) != len(pace) {
		panic("analyze: dst length mismatch")
	}
	for i, p := range pace {
		dst[i] = GradeAdjustedPace(p, grade[i])
	}
	return dst
}

// TerrainStretch is a stretch of consecutive samples steeper than a grade.
type TerrainStretch struct {
	// Start is the time of its first sample from the activity's start, in
	// seconds; missing when there is no such stretch.
	Start Value `json:"start_s"`
	// Distance is its length in metres and Seconds its moving time.
	Distance Value `json:"distance_m"`
	Seconds  Value `json:"seconds"`
}

// TerrainSummary holds a run's terrain figures, for reports and for the
// grader's hill and heat advice. Grades are in percent here.
type TerrainSummary struct {
	// Known is false when the terrain is unknown (see [TerrainKnown]); the
	// figures that need altitude are then missing and Reason says why.
	Known  bool   `json:"known"`
	Reason string `json:"reason,omitempty"`
	// Ascent and Descent are the elevation gain and loss in metres, with
	// hysteresis on the smoothed altitude ([ElevationGainLoss]).
	Ascent  Value `json:"ascent_m"`
	Descent Value `json:"descent_m"`
	// Distance is the run's distance in metres, and AscentPerKm the ascent
	// per kilometre of it.
	Distance    Value `json:"distance_m"`
	AscentPerKm Value `json:"ascent_m_per_km"`
	// MinAltitude and MaxAltitude are the extremes of the smoothed
	// altitude, in metres.
	MinAltitude Value `json:"min_altitude_m"`
	MaxAltitude Value `json:"max_altitude_m"`
	// MaxGrade and MinGrade are the steepest climb and descent while
	// moving, in percent.
	MaxGrade Value `json:"max_grade_pct"`
	MinGrade Value `json:"min_grade_pct"`
	// SteepGrade is the grade in percent from which terrain counts as steep.
	SteepGrade Value `json:"steep_grade_pct"`
	// SteepClimbTime and SteepDescentTime are the moving seconds at a grade
	// of at least +SteepGrade and at most −SteepGrade.
	SteepClimbTime   Value `json:"steep_climb_s"`
	SteepDescentTime Value `json:"steep_descent_s"`
	// LongestSteepClimb and LongestSteepDescent are the longest such
	// stretches, by distance.
	LongestSteepClimb   TerrainStretch `json:"longest_steep_climb"`
	LongestSteepDescent TerrainStretch `json:"longest_steep_descent"`
	// AvgGAP is the average grade-adjusted pace in seconds per kilometre:
	// the moving time per kilometre of flat-equivalent distance, where each
	// step's distance counts divided by the [GradeFactor] of its grade. On
	// flat ground it equals the average moving pace (moving time per moving
	// distance, as [PaceSummary].AvgPace), and like it, it does not let
	// fast stretches outweigh slow ones as an average of per-sample paces
	// would. Missing without distance or grade.
	AvgGAP Value `json:"avg_gap_s_per_km"`
	// Temperature is the time-weighted mean of the temperature channel in
	// degrees Celsius over the recorded time, whether or not the terrain is
	// known; missing without one. A wrist device reads warmer than the air.
	Temperature Value `json:"avg_temperature_c"`
	// Window, Hysteresis and GradeSpan are the settings used (seconds,
	// metres, metres).
	Window     Value `json:"smoothing_window_s"`
	Hysteresis Value `json:"hysteresis_m"`
	GradeSpan  Value `json:"grade_span_m"`
}

// TerrainKnown reports whether the terrain of a can be measured, and when
// not, why: not on a treadmill or another indoor or virtual run (whatever
// the incline, the file does not record it; an indoor altitude is the
// building's), and not without altitude.
func TerrainKnown(a *activity.Activity) (bool, string) {
	if why := paceIndoorReason(a); why != "" {
		return false, why + ": the terrain is not recorded"
	}
	if activity.Coverage(a.Samples.Altitude) == 0 {
		return false, "no altitude: the file has no altitude channel"
	}
	return true, ""
}

// NewTerrainSummary computes the terrain figures of a from its kinematics
// and time base. Grades, steep stretches and the average GAP need the
// distance and the speed of k; gain and loss need only the altitude.
func NewTerrainSummary(a *activity.Activity, k Kinematics, tl Timeline, opt TerrainOptions) TerrainSummary {
	o := opt.withDefaults()
	na := NA()
	s := TerrainSummary{
		Ascent: na, Descent: na, Distance: na, AscentPerKm: na,
		MinAltitude: na, MaxAltitude: na, MaxGrade: na, MinGrade: na,
		SteepGrade: Value(o.SteepGrade), SteepClimbTime: na, SteepDescentTime: na,
		LongestSteepClimb: terrainNoStretch(), LongestSteepDescent: terrainNoStretch(),
		AvgGAP: na, Temperature: na,
		Window: Value(o.Window), Hysteresis: Value(o.Hysteresis), GradeSpan: Value(o.GradeSpan),
	}
	if temp := a.Samples.Temperature; temp != nil && len(tl.Weight) == len(temp) {
		s.Temperature = Value(zones.Mean(temp, tl.Weight))
	}
	if k.Distance != nil {
		if d := terrainLastKnown(k.Distance) - terrainFirstKnown(k.Distance); d >= 0 {
			s.Distance = Value(d)
		}
	}
	s.Known, s.Reason = TerrainKnown(a)
	if !s.Known {
		return s
	}
	t := a.Samples.Time
	alt := SmoothAltitude(nil, t, a.Samples.Altitude, o.Window)
	gain, loss := ElevationGainLoss(alt, o.Hysteresis)
	s.Ascent, s.Descent = Value(gain), Value(loss)
	if s.Distance > 0 {
		s.AscentPerKm = Value(gain / (float64(s.Distance) / 1000))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range alt {
		if !math.IsNaN(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	s.MinAltitude, s.MaxAltitude = Value(lo), Value(hi)
	if k.Distance == nil {
		return s
	}
	grade := GradeSeries(nil, k.Distance, alt, o.GradeSpan)

	// A grade within gradeEps of the threshold counts as at it: the mean of
	// a smoothing window leaves rounding noise of about 1e-12 on a grade
	// that the altitude holds exactly (hilly.json's 6 % climbs).
	steep := o.SteepGrade/100 - gradeEps
	var climbT, descT float64
	gmin, gmax := math.Inf(1), math.Inf(-1)
	for i, g := range grade {
		if math.IsNaN(g) || !tl.Moving[i] || !(tl.Weight[i] > 0) {
			continue
		}
		gmin, gmax = min(gmin, g), max(gmax, g)
		if g >= steep {
			climbT += tl.Weight[i]
		}
		if g <= -steep {
			descT += tl.Weight[i]
		}
	}
	if gmax >= gmin {
		s.MaxGrade, s.MinGrade = Value(100*gmax), Value(100*gmin)
		s.SteepClimbTime, s.SteepDescentTime = Value(climbT), Value(descT)
		s.LongestSteepClimb = terrainLongest(t, k.Distance, grade, tl, func(g float64) bool { return g >= steep })
		s.LongestSteepDescent = terrainLongest(t, k.Distance, grade, tl, func(g float64) bool { return g <= -steep })
	}

	// Flat-equivalent distance: each step's distance over the factor of
	// the grade of the sample that starts it, for moving samples; a
	// decrease of distance is no progress.
	var flat, moving float64
	factors := floatMemo{f: GradeFactor} // math.Pow is costly; grades repeat
	prev, dmax := -1, 0.0
	for j, d := range k.Distance {
		if !paceFinite(d) {
			continue
		}
		if prev >= 0 && d > dmax && tl.Moving[prev] && tl.Weight[prev] > 0 && !math.IsNaN(grade[prev]) {
			var w float64
			for i := prev; i < j; i++ {
				w += tl.Weight[i]
			}
			flat += (d - dmax) / factors.get(grade[prev])
			moving += w
		}
		if prev < 0 || d > dmax {
			dmax = d
		}
		prev = j
	}
	if flat > 0 {
		s.AvgGAP = Value(moving / (flat / 1000))
	}
	return s
}

func terrainNoStretch() TerrainStretch {
	return TerrainStretch{Start: NA(), Distance: Value(0), Seconds: Value(0)}
}

// terrainLongest returns the longest run of consecutive moving samples whose
// grade satisfies steep, by the distance of the steps they start.
func terrainLongest(t, dist, grade []float64, tl Timeline, steep func(float64) bool) TerrainStretch {
	best := terrainNoStretch()
	var cur TerrainStretch
	in := false
	for i, g := range grade {
		if math.IsNaN(g) || !tl.Moving[i] || !steep(g) {
			in = false
			continue
		}
		if !in {
			cur, in = TerrainStretch{Start: Value(t[i])}, true
		}
		if i+1 < len(dist) && tl.Weight[i] > 0 && paceFinite(dist[i]) && paceFinite(dist[i+1]) && dist[i+1] > dist[i] {
			cur.Distance += Value(dist[i+1] - dist[i])
		}
		cur.Seconds += Value(tl.Weight[i])
		if cur.Distance > best.Distance {
			best = cur
		}
	}
	return best
}

func terrainFirstKnown(x []float64) float64 {
	for _, v := range x {
		if paceFinite(v) {
			return v
		}
	}
	return math.NaN()
}

func terrainLastKnown(x []float64) float64 {
	for i := len(x) - 1; i >= 0; i-- {
		if paceFinite(x[i]) {
			return x[i]
		}
	}
	return math.NaN()
}

// floatMemo remembers recent results of a costly function of one float64
// (a math.Pow, a math.Exp) in a small direct-mapped table, for series whose
// values repeat: the grades of a regular course, whole-number heart rates.
// Every result is the function's own, so a series computes to the very
// values that calling the function each time gives.
type floatMemo struct {
	f    func(float64) float64
	key  [1 << floatMemoBits]uint64
	val  [1 << floatMemoBits]float64
	seen [1 << floatMemoBits]bool
}

// floatMemoBits sets the size of a floatMemo: 1024 entries, 17 KiB, enough
// for the few hundred grades of a course to rarely evict one another.
const floatMemoBits = 10

// get returns m.f(x).
func (m *floatMemo) get(x float64) float64 {
	b := math.Float64bits(x)
	h := ((b ^ b>>29) * 0x9E3779B97F4A7C15) >> (64 - floatMemoBits) // mix the low bits up, then Fibonacci hashing
	if m.seen[h] && m.key[h] == b {
		return m.val[h]
	}
	v := m.f(x)
	m.key[h], m.val[h], m.seen[h] = b, v, true
	return v
}
