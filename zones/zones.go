package zones

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// ErrInvalid is matched, with [errors.Is], by every error a constructor
// returns for a setting it cannot use (a non-positive heart rate, percentages
// out of order). The wrapping error says which setting and why.
var ErrInvalid = errors.New("zones: invalid setting")

// Zones is a zone model: boundaries in the unit of the samples it applies to
// (beats per minute for heart rate, seconds per kilometre for pace) and a name
// for each zone.
//
// len(Bounds) bounds make len(Bounds)+1 zones. Zone 0 holds the values below
// Bounds[0]; zone i, for 1 <= i < len(Bounds), holds the values in
// [Bounds[i-1], Bounds[i]); the last zone holds the values at or above the
// last bound. The outer edges are open: nothing falls outside the model.
//
// The constructors return a Zones whose Bounds are strictly increasing and
// whose Names has one entry per zone. A Zones built by hand must keep those
// invariants; [TimeIn] and [Zone] panic on bounds that do not increase.
type Zones struct {
	// Name identifies the model in reports: "percent_max_hr",
	// "percent_hrr", "percent_lthr", "friel", "coggan", "custom", "watch"
	// or "pace".
	Name string
	// Names holds a short name for each zone, len(Bounds)+1 of them.
	Names []string
	// Bounds holds the boundaries between zones, strictly increasing.
	Bounds []float64
}

// Zone returns the index of the zone holding x, or -1 when x is NaN.
// See [Zone].
func (z Zones) Zone(x float64) int { return Zone(z.Bounds, x) }

// TimeIn returns the weighted time spent in each of z's zones.
// See [TimeIn].
func (z Zones) TimeIn(dst, x, weights []float64) []float64 {
	return TimeIn(dst, z.Bounds, x, weights)
}

// garminPct are Garmin's default %HRmax zone edges: zone 1 starts at 50 %,
// zone 5 at 90 %. The table's top, 100 %, is not an edge (see HRMax).
func garminPct() []float64 { return []float64{50, 60, 70, 80, 90} }

// HRMax returns heart-rate zones as percentages of maximum heart rate:
//
//	bound_i = maxHR × pct_i / 100
//
// pct holds the lower edge of zones 1 to n in percent, strictly increasing
// and positive. A nil or empty pct means Garmin's default, 50, 60, 70, 80 and
// 90 %, which gives six zones: zone 0 below 50 % ("below zone 1"), zones 1 to
// 4 ten percentage points wide, and zone 5 from 90 %. The 100 % that closes zone 5
// in Garmin's table is not a bound: the outer edge is open, so a heart rate
// above maxHR counts in zone 5. Adding 100 to pct adds a zone above maxHR.
//
// The zones are named "Z0" to "Zn". HRMax returns an error matching
// [ErrInvalid] when maxHR is not positive and finite or pct is out of order.
func HRMax(maxHR float64, pct []float64) (Zones, error) {
	if err := checkHR("max heart rate", maxHR); err != nil {
		return Zones{}, err
	}
	if len(pct) == 0 {
		pct = garminPct()
	}
	if err := checkPct(pct); err != nil {
		return Zones{}, err
	}
	b := make([]float64, len(pct))
	for i, p := range pct {
		b[i] = maxHR * p / 100
	}
	return build("percent_max_hr", b, nil)
}

// HRR returns heart-rate zones as percentages of heart-rate reserve (the
// Karvonen method):
//
//	bound_i = restHR + pct_i / 100 × (maxHR − restHR)
//
// with the bounds computed by [HRRTarget]. pct is read as in [HRMax], and an
// empty pct means the same default edges, 50 to 90 % (of reserve, here).
//
// HRR returns an error matching [ErrInvalid] when restHR or maxHR is not
// positive and finite, when restHR is not below maxHR, or when pct is out of order.
func HRR(restHR, maxHR float64, pct []float64) (Zones, error) {
	if err := checkHR("resting heart rate", restHR); err != nil {
		return Zones{}, err
	}
	if err := checkHR("max heart rate", maxHR); err != nil {
		return Zones{}, err
	}
	if !(restHR < maxHR) {
		return Zones{}, fmt.Errorf("%w: resting heart rate %g bpm is not below max heart rate %g bpm", ErrInvalid, restHR, maxHR)
	}
	if len(pct) == 0 {
		pct = garminPct()
	}
	if err := checkPct(pct); err != nil {
		return Zones{}, err
	}
	b := make([]float64, len(pct))
	for i, p := range pct {
		b[i] = HRRTarget(restHR, maxHR, p)
	}
	return build("percent_hrr", b, nil)
}

// HRRTarget returns the Karvonen target heart rate at pct percent of the
// heart-rate reserve:
//
//	restHR + pct / 100 × (maxHR − restHR)
//
// (Karvonen, Kentala and Mustala, Ann Med Exp Biol Fenn 1957;35:307). Its
// arguments are not checked; restHR, maxHR and the result share one unit.
func HRRTarget(restHR, maxHR, pct float64) float64 {
	return restHR + (maxHR-restHR)*pct/100
}

// LTHR returns heart-rate zones as percentages of lactate-threshold heart
// rate:
//
//	bound_i = lthr × pct_i / 100
//
// pct holds the lower edge of each zone after the first, in percent, strictly
// increasing and positive; it may not be empty. The zones are named "Z0" to
// "Zn". [Friel] and [Coggan] give the two published models with their own
// zone names.
//
// LTHR returns an error matching [ErrInvalid] when lthr is not positive and
// finite or pct is empty or out of order.
func LTHR(lthr float64, pct []float64) (Zones, error) {
	if err := checkHR("threshold heart rate", lthr); err != nil {
		return Zones{}, err
	}
	if len(pct) == 0 {
		return Zones{}, fmt.Errorf("%w: no %%LTHR zone edges given (Friel and Coggan have defaults)", ErrInvalid)
	}
	if err := checkPct(pct); err != nil {
		return Zones{}, err
	}
	return lthrZones("percent_lthr", lthr, pct, nil)
}

// Friel returns Joe Friel's seven running heart-rate zones from the lactate
// threshold heart rate lthr (Friel, "Quick guide to setting zones",
// TrainingBible, 2009):
//
//	Z1  below 85 %   Z2  85–89 %   Z3  90–94 %   Z4  95–99 %
//	Z5a 100–102 %    Z5b 103–106 %  Z5c above 106 %
//
// Friel's bands are whole percentages: Z2 "85–89 %" runs up to, not
// including, 90 %. Read the same way, Z5b runs up to 107 % and Z5c starts
// there, so the bounds are 85, 90, 95, 100, 103 and 107 % of lthr. Zone 0 is
// Z1; the zones are named "Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b" and "Z5c".
//
// Friel returns an error matching [ErrInvalid] when lthr is not positive and
// finite.
func Friel(lthr float64) (Zones, error) {
	if err := checkHR("threshold heart rate", lthr); err != nil {
		return Zones{}, err
	}
	return lthrZones("friel", lthr,
		[]float64{85, 90, 95, 100, 103, 107},
		[]string{"Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"})
}

// Coggan returns the five heart-rate zones of Andrew Coggan's threshold
// model, as GoldenCheetah sets them by default, from the lactate threshold
// heart rate lthr:
//
//	Z1 below 68 %  Z2 68–83 %  Z3 83–94 %  Z4 94–105 %  Z5 from 105 %
//
// (Allen and Coggan, Training and Racing with a Power Meter; GoldenCheetah's
// default heart-rate zones). Zone 0 is Z1 (active recovery); the zones are
// named "Z1" to "Z5".
//
// Coggan returns an error matching [ErrInvalid] when lthr is not positive and
// finite.
func Coggan(lthr float64) (Zones, error) {
	if err := checkHR("threshold heart rate", lthr); err != nil {
		return Zones{}, err
	}
	return lthrZones("coggan", lthr,
		[]float64{68, 83, 94, 105},
		[]string{"Z1", "Z2", "Z3", "Z4", "Z5"})
}

func lthrZones(name string, lthr float64, pct []float64, names []string) (Zones, error) {
	b := make([]float64, len(pct))
	for i, p := range pct {
		b[i] = lthr * p / 100
	}
	return build(name, b, names)
}

// Custom returns zones with the given bounds, in the unit of the samples they
// will be applied to (beats per minute for heart rate). bounds[i] is the
// first value of zone i+1; zone 0 lies below bounds[0]. bounds is copied; it
// must be non-empty, finite and strictly increasing. The zones are named "Z0"
// to "Zn".
//
// Custom returns an error matching [ErrInvalid] when bounds breaks those
// rules.
func Custom(bounds []float64) (Zones, error) {
	if len(bounds) == 0 {
		return Zones{}, fmt.Errorf("%w: no zone boundaries given", ErrInvalid)
	}
	for i, b := range bounds {
		if math.IsNaN(b) || math.IsInf(b, 0) {
			return Zones{}, fmt.Errorf("%w: zone boundary %d is %g, want a finite number", ErrInvalid, i+1, b)
		}
	}
	return build("custom", append([]float64(nil), bounds...), nil)
}

// Watch returns the zones a watch used, from the upper boundaries it stored
// (the hr_zone_high_boundary field of a FIT time_in_zone message, the
// Boundaries of an activity.TimeInZone). upper[0] is the top of zone 0, the
// time below zone 1; upper[i] the top of zone i; the last entry is the top of
// the last zone, usually the max heart rate. Every entry is a bound, so the
// result has len(upper)+1 zones, named "Z0" to "Zn", the last one holding the
// heart rates above the watch's top: Garmin watches store exactly that, one
// time more than boundaries (7 times for 6 boundaries).
//
// A heart rate equal to a stored boundary counts in the zone above it, the
// rule of this package: measured on the Garmin files of runcheck's corpus
// (Edge 530, FR255, FR645, FR945, FR955, vivoactive), counting it in the zone
// below moves minutes between neighbouring zones (164 s of a 26-minute run),
// counting it above agrees with the watch to the second. So the bounds are
// the stored boundaries themselves.
//
// Watch returns an error matching [ErrInvalid] when upper is empty or its
// entries are not finite, non-negative and strictly increasing (for example
// a FIT invalid marker left in place).
func Watch(upper []float64) (Zones, error) {
	if len(upper) == 0 {
		return Zones{}, fmt.Errorf("%w: no watch zone boundaries given", ErrInvalid)
	}
	b := make([]float64, len(upper))
	for i, u := range upper {
		if !(u >= 0) || math.IsInf(u, 1) {
			return Zones{}, fmt.Errorf("%w: watch zone boundary %d is %g, want a finite, non-negative number", ErrInvalid, i, u)
		}
		if i > 0 && !(upper[i-1] < u) {
			return Zones{}, fmt.Errorf("%w: watch zone boundaries %g and %g do not increase", ErrInvalid, upper[i-1], u)
		}
		b[i] = u
	}
	return build("watch", b, nil)
}

// Pace returns pace zones around a reference pace ref (a 5K, 10K or
// threshold pace), in seconds per kilometre:
//
//	bound_i = ref + offsets_i
//
// offsets, in seconds per kilometre, must be finite and strictly increasing;
// a positive offset is slower than ref, a negative one faster. Since a larger
// pace is slower, zone 0 is the fastest, faster than ref + offsets[0], and the
// last zone the slowest. For example, a recreational runner's recovery band,
// 90 to 120 s/km slower than 5K pace, is zone 1 of
// Pace(fiveK, []float64{90, 120}): zone 0 is too fast, zone 2 slower still.
// Pace from a speed v in metres per second is 1000 / v; a standstill (v = 0)
// gives +Inf, which falls in the slowest zone. The zones are named "Z0" to
// "Zn".
//
// Pace returns an error matching [ErrInvalid] when ref is not positive and
// finite, offsets is empty or out of order, or ref + offsets[0] is not a
// positive pace.
func Pace(ref float64, offsets []float64) (Zones, error) {
	if !(ref > 0) || math.IsInf(ref, 1) {
		return Zones{}, fmt.Errorf("%w: reference pace is %g s/km, want a positive number", ErrInvalid, ref)
	}
	if len(offsets) == 0 {
		return Zones{}, fmt.Errorf("%w: no pace offsets given", ErrInvalid)
	}
	b := make([]float64, len(offsets))
	for i, o := range offsets {
		if math.IsNaN(o) || math.IsInf(o, 0) {
			return Zones{}, fmt.Errorf("%w: pace offset %d is %g s/km, want a finite number", ErrInvalid, i+1, o)
		}
		b[i] = ref + o
	}
	if !(b[0] > 0) {
		return Zones{}, fmt.Errorf("%w: reference pace %g s/km with offset %g s/km is not a positive pace", ErrInvalid, ref, offsets[0])
	}
	return build("pace", b, nil)
}

// Riegel returns the time for distance d2 predicted from a time t1 over
// distance d1 (Riegel, American Scientist 1981;69:285):
//
//	t2 = t1 × (d2 / d1)^1.06
//
// Its arguments are not checked; they should be positive, with d1 and d2 in
// one unit. Dividing t2 by d2 gives the equivalent pace, to set [Pace] zones
// from a 10K pace when only a 5K time is known, or the reverse.
func Riegel(t1, d1, d2 float64) float64 {
	return t1 * math.Pow(d2/d1, 1.06)
}

// build checks that b is finite and strictly increases, and names the
// zones "Z0" to "Zn" when names is nil. A setting finite itself can still
// give bounds that overflow (a max heart rate of 1e307 times 60 %): those
// are an error here, never bounds on which TimeIn panics.
func build(name string, b []float64, names []string) (Zones, error) {
	for i, v := range b {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Zones{}, fmt.Errorf("%w: %s zone boundary %d is %g, not a finite number: a setting is too large", ErrInvalid, name, i+1, v)
		}
	}
	for i := 1; i < len(b); i++ {
		if !(b[i-1] < b[i]) {
			return Zones{}, fmt.Errorf("%w: %s zone boundaries %g and %g do not increase", ErrInvalid, name, b[i-1], b[i])
		}
	}
	if names == nil {
		names = make([]string, len(b)+1)
		for i := range names {
			names[i] = "Z" + strconv.Itoa(i)
		}
	}
	return Zones{Name: name, Names: names, Bounds: b}, nil
}

func checkHR(what string, v float64) error {
	if !(v > 0) || math.IsInf(v, 1) {
		return fmt.Errorf("%w: %s is %g bpm, want a positive number", ErrInvalid, what, v)
	}
	return nil
}

func checkPct(pct []float64) error {
	for i, p := range pct {
		if !(p > 0) || math.IsInf(p, 1) {
			return fmt.Errorf("%w: zone edge %d is %g %%, want a positive percentage", ErrInvalid, i+1, p)
		}
		if i > 0 && !(pct[i-1] < p) {
			return fmt.Errorf("%w: zone edges %g %% and %g %% do not increase", ErrInvalid, pct[i-1], p)
		}
	}
	return nil
}
