package analyze

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Defaults of the heart-rate cleaning. Each is documented, with its source,
// on the field of [HeartRateOptions] it fills in.
const (
	DefaultHeartRateMin          = 30.0  // bpm
	DefaultHeartRateMax          = 240.0 // bpm
	DefaultHeartRateMaxRate      = 20.0  // bpm per second
	DefaultHeartRateMADWindow    = 30.0  // seconds
	DefaultHeartRateMADK         = 3.0   // scaled MADs
	DefaultHeartRateMADFloor     = 10.0  // bpm
	DefaultHeartRateLockOn       = 180.0 // seconds
	DefaultCadenceLockTolerance  = 5.0   // bpm
	DefaultCadenceLockMinSeconds = 60.0  // seconds
	DefaultStrideCadenceMax      = 130.0 // cycles per minute as the file writes cadence
)

// hrMADScale turns a median absolute deviation into a consistent estimate of
// the standard deviation of normally distributed data: 1/Φ⁻¹(3/4).
const hrMADScale = 1.4826

// hrMADMinSamples is the fewest accepted samples a median/MAD window must hold
// for its sample to be judged; with fewer, the median says too little.
const hrMADMinSamples = 5

// HeartRateOptions tunes [CleanHeartRate]. It is plain data that marshals to
// JSON, so that a report can say which rules it applied. The zero value
// means the defaults; for the four filters that can be switched off, a
// negative value switches the filter off.
type HeartRateOptions struct {
	// MinHR and MaxHR bound the plausible heart rate in bpm: a value outside
	// [MinHR, MaxHR] is removed as out of range (0 and 255 are counted apart,
	// as dropouts). 0 means DefaultHeartRateMin (30) and
	// DefaultHeartRateMax (240), the bounds of
	// docs/recovery.md#heart-rate-cleaning; the top is
	// higher than RHRV's FilterNIHR (25-200, R package RHRV) and
	// GoldenCheetah's FixHRSpikes (above 0 and at most 200 when run
	// automatically) because young athletes reach 200 and more.
	MinHR float64 `json:"min_hr,omitempty"`
	MaxHR float64 `json:"max_hr,omitempty"`

	// MaxRate is the rate-of-change limit in bpm per second: a sample that
	// differs from the last accepted sample by more than MaxRate × Δt is
	// removed, with Δt the time between them, at least 1 s (the FIT
	// timestamp resolution, and the fastest rate at which watches report
	// heart rate). Because the allowance grows with Δt, a real change of
	// level is accepted after a few seconds and cannot lock the filter out.
	// 0 means DefaultHeartRateMaxRate (20 bpm/s); negative switches the
	// test off.
	//
	// Source of the default: the fastest heart-rate change in exercise is
	// the vagal-withdrawal phase at the onset of exercise from rest, whose
	// amplitude is about 12 bpm with a time constant of about 1.6 s in
	// beat-by-beat ECG ("Cardiovascular responses during rest-exercise and
	// exercise-exercise transients", phase I: 11.7 bpm, 1.6 s), an initial
	// slope of about 7 bpm/s; recovery after exercise is slower. Watches
	// report a value averaged over several beats, which smooths such a
	// step further. 20 bpm/s leaves more than twice that headroom while
	// catching the spikes of optical sensors, tens of bpm from one second
	// to the next. The peers offer no rate test to copy: GoldenCheetah's
	// FixHRSpikes replaces only 0 and values above an absolute maximum,
	// and fitparse only decodes.
	MaxRate float64 `json:"max_rate,omitempty"`

	// MADWindow, MADK and MADFloor set the median/MAD filter, a Hampel
	// identifier (Hampel 1974, JASA 69:383; Pearson 2002, IEEE TCST
	// 10:55): a sample x is removed when
	//
	//	|x − median| > max(MADK × 1.4826 × MAD, MADFloor)
	//
	// where median and MAD (the median absolute deviation from the median)
	// are taken over the samples accepted so far within MADWindow/2 seconds
	// either side of it, the sample included; 1.4826 makes the MAD a
	// standard deviation for normal noise. A window with fewer than 5 such
	// samples judges nothing. The floor keeps a flat heart rate, whose MAD
	// is 0, from losing every sample that differs by one beat.
	//
	// 0 means DefaultHeartRateMADWindow (30 s: 31 samples at 1 Hz, about 7
	// with smart recording, short enough that a real rise in heart rate is
	// nearly linear across it, and a linear trend is never rejected since
	// its largest deviation from the median is under 1.4826 × 3 × its MAD),
	// DefaultHeartRateMADK (3, Hampel's and Pearson's choice) and
	// DefaultHeartRateMADFloor (10 bpm). A negative MADWindow switches the
	// filter off.
	MADWindow float64 `json:"mad_window_s,omitempty"`
	MADK      float64 `json:"mad_k,omitempty"`
	MADFloor  float64 `json:"mad_floor,omitempty"`

	// LockOn is the time in seconds, from the first sample with a plausible
	// heart rate, during which an optical sensor may still be locking on,
	// reading high or low (docs/recovery.md#optical-lock-on). Samples
	// in it are not removed; they are marked [HeartRateLockOn] so that a
	// ceiling test can leave them out, and counted. 0 means
	// DefaultHeartRateLockOn (180 s, the upper end of "a few minutes", so a
	// recovery run is not failed for a sensor that has not settled);
	// negative switches the marking off.
	LockOn float64 `json:"lock_on_s,omitempty"`

	// CadenceTolerance, CadenceLockMin and StrideCadenceMax set the
	// cadence-lock test (docs/recovery.md#cadence-lock: an optical sensor
	// may report the step rate, 150-180, as heart rate). The step rate of a
	// sample is
	//
	//	2 × cadence  when cadence < StrideCadenceMax,
	//	cadence      otherwise,
	//
	// since files write running cadence as strides per minute of one foot
	// (60-110 when running), while a value of StrideCadenceMax or more can
	// only already be steps per minute, as some exporters write it. A
	// sample whose plausible heart rate is within CadenceTolerance bpm of
	// its step rate is locked; consecutive locked samples that together
	// last at least CadenceLockMin seconds (by weight) form a stretch,
	// reported and marked [HeartRateCadenceLock], never altered: a real
	// heart rate can equal the step rate. 0 means
	// DefaultCadenceLockTolerance (5 bpm), DefaultCadenceLockMinSeconds
	// (60 s) and DefaultStrideCadenceMax (130); a negative CadenceLockMin
	// switches the test off. The rule is for running: pass a nil cadence
	// for other sports.
	CadenceTolerance float64 `json:"cadence_tolerance,omitempty"`
	CadenceLockMin   float64 `json:"cadence_lock_min_s,omitempty"`
	StrideCadenceMax float64 `json:"stride_cadence_max,omitempty"`
}

// withDefaults returns o with every zero field set to its default.
func (o HeartRateOptions) withDefaults() HeartRateOptions {
	def := func(v *float64, d float64) {
		if *v == 0 || math.IsNaN(*v) {
			*v = d
		}
	}
	def(&o.MinHR, DefaultHeartRateMin)
	def(&o.MaxHR, DefaultHeartRateMax)
	def(&o.MaxRate, DefaultHeartRateMaxRate)
	def(&o.MADWindow, DefaultHeartRateMADWindow)
	def(&o.MADK, DefaultHeartRateMADK)
	def(&o.MADFloor, DefaultHeartRateMADFloor)
	def(&o.LockOn, DefaultHeartRateLockOn)
	def(&o.CadenceTolerance, DefaultCadenceLockTolerance)
	def(&o.CadenceLockMin, DefaultCadenceLockMinSeconds)
	def(&o.StrideCadenceMax, DefaultStrideCadenceMax)
	return o
}

// HeartRateReason says what the cleaning did with one heart-rate sample.
type HeartRateReason uint8

// The reasons, in the order the rules apply: a sample is counted under the
// first rule that removes it.
const (
	// HeartRateKept is a sample whose value is kept.
	HeartRateKept HeartRateReason = iota
	// HeartRateMissing is a sample without a value (NaN): not removed,
	// never there.
	HeartRateMissing
	// HeartRateDropout is a value of 0 or 255, which sensors and files
	// write for "no reading".
	HeartRateDropout
	// HeartRateOutOfRange is a value outside [MinHR, MaxHR].
	HeartRateOutOfRange
	// HeartRateRateOfChange is a value too far from the last accepted one.
	HeartRateRateOfChange
	// HeartRateOutlier is a value too far from the median of its window.
	HeartRateOutlier
)

// String returns the reason's name as reports write it.
func (r HeartRateReason) String() string {
	switch r {
	case HeartRateKept:
		return "kept"
	case HeartRateMissing:
		return "missing"
	case HeartRateDropout:
		return "dropout"
	case HeartRateOutOfRange:
		return "out_of_range"
	case HeartRateRateOfChange:
		return "rate_of_change"
	case HeartRateOutlier:
		return "outlier"
	}
	return "unknown"
}

// HeartRateMark flags a sample the cleaning keeps but does not trust for
// every purpose. Marks combine as bits.
type HeartRateMark uint8

// The marks.
const (
	// HeartRateLockOn marks a sample inside the lock-on window.
	HeartRateLockOn HeartRateMark = 1 << iota
	// HeartRateCadenceLock marks a sample inside a cadence-lock stretch.
	HeartRateCadenceLock
)

// HeartRateCount is a number of samples and the seconds they are credited
// with (their weights).
type HeartRateCount struct {
	Samples int     `json:"samples"`
	Seconds float64 `json:"seconds"`
}

func (c *HeartRateCount) add(w float64) {
	c.Samples++
	c.Seconds += w
}

// HeartRateStretch is a stretch of consecutive samples: from the time of its
// first sample, Start, to the end of the time credited to its last sample,
// End (that sample's time plus its weight), both in seconds from the
// activity's start; Seconds is the sum of the weights of its samples.
type HeartRateStretch struct {
	Start   float64 `json:"start_s"`
	End     float64 `json:"end_s"`
	Seconds float64 `json:"seconds"`
}

// HeartRateCleaning is the outcome of [CleanHeartRate]: the cleaned series,
// why each sample was removed or marked, and the totals a report shows.
//
// Every sample is counted exactly once among Kept, Missing, Dropouts,
// OutOfRange, RateOfChange and Outliers, by count and by seconds; Removed
// is the sum of the last four. The marks (LockOn, CadenceLock) overlap the
// kept samples and are not removals.
//
// The per-sample slices are left out of JSON; everything else marshals with
// snake_case names, a missing figure as null.
type HeartRateCleaning struct {
	// HR is the cleaned heart rate in bpm: the input where kept, NaN where
	// missing or removed. It is a new slice.
	HR []float64 `json:"-"`
	// Reason says for each sample whether it was kept, missing or removed,
	// and by which rule.
	Reason []HeartRateReason `json:"-"`
	// Marks holds each sample's marks.
	Marks []HeartRateMark `json:"-"`

	// Options are the options applied, defaults filled in.
	Options HeartRateOptions `json:"options"`

	// Samples is the number of samples.
	Samples int `json:"samples"`
	// Recorded is the sum of the weights: the time the samples cover.
	Recorded float64 `json:"recorded_s"`
	// Kept are the samples whose value survives.
	Kept HeartRateCount `json:"kept"`
	// Missing are the samples without a value in the input.
	Missing HeartRateCount `json:"missing"`
	// Dropouts are the values 0 and 255.
	Dropouts HeartRateCount `json:"dropouts"`
	// OutOfRange are the other values outside [MinHR, MaxHR].
	OutOfRange HeartRateCount `json:"out_of_range"`
	// RateOfChange are the values removed by the rate-of-change limit.
	RateOfChange HeartRateCount `json:"rate_of_change"`
	// Outliers are the values removed by the median/MAD filter.
	Outliers HeartRateCount `json:"outliers"`
	// Removed is Dropouts + OutOfRange + RateOfChange + Outliers.
	Removed HeartRateCount `json:"removed"`

	// LockOnEnd is the end of the lock-on window in seconds from the start
	// (the first plausible sample's time plus Options.LockOn); null when
	// the marking is off or no sample is plausible. The window is
	// [first plausible sample, LockOnEnd).
	LockOnEnd Value `json:"lock_on_end_s"`
	// LockOn counts the kept samples in the lock-on window.
	LockOn HeartRateCount `json:"lock_on"`

	// CadenceLock lists the cadence-lock stretches in time order, empty
	// when there are none.
	CadenceLock []HeartRateStretch `json:"cadence_lock"`
	// CadenceLockSeconds is the total of the stretches' Seconds.
	CadenceLockSeconds float64 `json:"cadence_lock_s"`

	// Coverage is Kept.Seconds / Recorded: the share of the recorded time
	// with a usable heart rate; null when nothing is recorded.
	Coverage Value `json:"coverage"`
}

// CleanHeartRate removes implausible heart-rate samples, marks doubtful
// ones, and counts both. t holds the sample times in seconds (non-decreasing;
// [activity.Samples.Time]), hr the heart rate in bpm (NaN where missing; nil
// means no heart rate at all), cadence the cadence in cycles per minute as
// the file writes it (nil for none, and for sports other than running), and
// weights the seconds each sample is credited with ([Timeline.Weight], so
// that pauses and gaps count nothing; nil means the time to the next sample,
// uncapped).
//
// The rules apply in this order, each to the samples the ones before it
// kept, and each removed sample is counted under the first rule that
// removed it (see [HeartRateOptions] for the thresholds and their sources):
//
//  1. missing: NaN is not a reading and is counted apart, not removed;
//  2. dropouts: 0 and 255, the values sensors write for no reading;
//  3. out of range: other values outside [MinHR, MaxHR];
//  4. rate of change: more than MaxRate bpm per second (Δt at least 1 s)
//     from the last accepted sample, in time order;
//  5. median/MAD: more than max(MADK × 1.4826 × MAD, MADFloor) from the
//     median of the samples still accepted within MADWindow/2 seconds
//     either side, judged for every sample against the same accepted set
//     so that the order of the samples does not matter.
//
// Then it marks, without removing anything, the samples of the lock-on
// window and of the cadence-lock stretches. Rules 4 and 5 are run on the
// values left by 1-3, and cadence lock on the plausible values (rules 1-3),
// whatever 4 and 5 decided.
//
// The inputs are never modified. CleanHeartRate panics if:
//   - hr is not nil and len(hr) != len(t);
//   - cadence is not nil and len(cadence) != len(t);
//   - weights is not nil and len(weights) != len(t);
//   - a weight is negative.
func CleanHeartRate(t, hr, cadence, weights []float64, opt HeartRateOptions) HeartRateCleaning {
	n := len(t)
	if hr != nil && len(hr) != n || cadence != nil && len(cadence) != n {
		panic("analyze: slice length mismatch")
	}
	w := hrDurations(t, weights)
	o := opt.withDefaults()
	c := HeartRateCleaning{
		HR:          make([]float64, n),
		Reason:      make([]HeartRateReason, n),
		Marks:       make([]HeartRateMark, n),
		Options:     o,
		Samples:     n,
		LockOnEnd:   NA(),
		CadenceLock: []HeartRateStretch{},
	}

	// Rules 1-3, value by value.
	first := -1 // the first plausible sample
	for i := range n {
		v := math.NaN()
		if hr != nil {
			v = hr[i]
		}
		c.HR[i] = math.NaN()
		switch {
		case math.IsNaN(v):
			c.Reason[i] = HeartRateMissing
		case v == 0 || v == 255:
			c.Reason[i] = HeartRateDropout
		case !(v >= o.MinHR && v <= o.MaxHR):
			c.Reason[i] = HeartRateOutOfRange
		default:
			c.HR[i] = v
			if first < 0 {
				first = i
			}
		}
	}
	// The plausible values, before rules 4 and 5, for the cadence lock.
	hrCadenceLock(&c, t, hr, cadence, w, o)

	// Rule 4: rate of change against the last accepted sample.
	if o.MaxRate > 0 {
		last := -1
		for i := range n {
			if c.Reason[i] != HeartRateKept {
				continue
			}
			if last >= 0 {
				dt := max(t[i]-t[last], 1)
				if math.Abs(c.HR[i]-c.HR[last]) > o.MaxRate*dt {
					c.Reason[i] = HeartRateRateOfChange
					c.HR[i] = math.NaN()
					continue
				}
			}
			last = i
		}
	}

	// Rule 5: median/MAD over the samples accepted by rules 1-4.
	if o.MADWindow > 0 {
		for _, i := range hrMADOutliers(t, c.HR, c.Reason, o) {
			c.Reason[i] = HeartRateOutlier
			c.HR[i] = math.NaN()
		}
	}

	// The lock-on window, from the first plausible sample.
	if o.LockOn > 0 && first >= 0 {
		end := t[first] + o.LockOn
		c.LockOnEnd = Value(end)
		for i := first; i < n && t[i] < end; i++ {
			c.Marks[i] |= HeartRateLockOn
			if c.Reason[i] == HeartRateKept {
				c.LockOn.add(w[i])
			}
		}
	}

	// The totals.
	for i := range n {
		c.Recorded += w[i]
		switch c.Reason[i] {
		case HeartRateKept:
			c.Kept.add(w[i])
		case HeartRateMissing:
			c.Missing.add(w[i])
		case HeartRateDropout:
			c.Dropouts.add(w[i])
		case HeartRateOutOfRange:
			c.OutOfRange.add(w[i])
		case HeartRateRateOfChange:
			c.RateOfChange.add(w[i])
		case HeartRateOutlier:
			c.Outliers.add(w[i])
		}
		if c.Reason[i] > HeartRateMissing {
			c.Removed.add(w[i])
		}
	}
	c.Coverage = NA()
	if c.Recorded > 0 {
		c.Coverage = Value(c.Kept.Seconds / c.Recorded)
	}
	return c
}

// hrCadenceLock finds the cadence-lock stretches among the plausible
// samples, those that c.Reason still keeps after rules 1-3, and marks them
// in c.
func hrCadenceLock(c *HeartRateCleaning, t, hr, cadence, w []float64, o HeartRateOptions) {
	if cadence == nil || hr == nil || o.CadenceLockMin < 0 {
		return
	}
	locked := func(i int) bool {
		cad := cadence[i]
		if c.Reason[i] != HeartRateKept || math.IsNaN(cad) || cad <= 0 {
			return false
		}
		step := cad
		if cad < o.StrideCadenceMax {
			step = 2 * cad
		}
		return math.Abs(hr[i]-step) <= o.CadenceTolerance
	}
	n := len(t)
	for i := 0; i < n; {
		if !locked(i) {
			i++
			continue
		}
		j, secs := i, 0.0
		for ; j < n && locked(j); j++ {
			secs += w[j]
		}
		if secs >= o.CadenceLockMin {
			c.CadenceLock = append(c.CadenceLock, HeartRateStretch{Start: t[i], End: t[j-1] + w[j-1], Seconds: secs})
			c.CadenceLockSeconds += secs
			for k := i; k < j; k++ {
				c.Marks[k] |= HeartRateCadenceLock
			}
		}
		i = j
	}
}

// hrMADOutliers returns the indexes of the kept samples that the median/MAD
// rule rejects, each judged against the kept samples within
// o.MADWindow/2 seconds, itself included.
//
// The window slides: it is kept sorted as samples enter and leave it, so its
// median is read off in constant time and its MAD is found by merging the
// deviations on either side of the median, which are already in order. The
// MAD is needed only for a sample farther than MADFloor from the median,
// since the limit is never below the floor. The figures are the very ones a
// sort of each window gives: a median and a MAD are order statistics.
func hrMADOutliers(t, hr []float64, reason []HeartRateReason, o HeartRateOptions) []int {
	kept := make([]int, 0, len(t))
	for i, r := range reason {
		if r == HeartRateKept {
			kept = append(kept, i)
		}
	}
	half := o.MADWindow / 2
	var out []int
	var win hrWindow
	var buf []float64
	lo, hi := 0, 0 // kept[lo:hi] is the current window
	for k, i := range kept {
		newLo, newHi := lo, max(hi, k+1) // the sample itself is in its window
		for newLo < k && t[kept[newLo]] < t[i]-half {
			newLo++
		}
		for newHi < len(kept) && t[kept[newHi]] <= t[i]+half {
			newHi++
		}
		if newLo-lo == 1 && newHi-hi == 1 { // the usual step: one sample out, one in
			win.replace(hr[kept[lo]], hr[kept[hi]])
		} else {
			win.slide(hr, kept[lo:newLo], kept[hi:newHi])
		}
		lo, hi = newLo, newHi
		if hi-lo < hrMADMinSamples {
			continue
		}
		med := win.median()
		dev := math.Abs(hr[i] - med)
		if dev <= o.MADFloor { // within the floor, hence within the limit
			continue
		}
		var mad float64
		buf, mad = win.mad(med, buf)
		limit := max(o.MADK*hrMADScale*mad, o.MADFloor)
		if dev > limit && !hrAgreesWithASide(hr, kept[lo:k], kept[k+1:hi], hr[i], limit, buf) {
			out = append(out, i)
		}
	}
	return out
}

// hrWindow is a sliding window of heart-rate values kept in ascending order.
// The values are never NaN.
type hrWindow struct {
	x []float64
}

// slide takes the values hr[leave] out of the window and puts hr[enter] in:
// while both have values left, one value is replaced by the other, which
// moves only the values between them.
func (w *hrWindow) slide(hr []float64, leave, enter []int) {
	for len(leave) > 0 && len(enter) > 0 {
		w.replace(hr[leave[0]], hr[enter[0]])
		leave, enter = leave[1:], enter[1:]
	}
	for _, j := range leave {
		w.remove(hr[j])
	}
	for _, j := range enter {
		w.insert(hr[j])
	}
}

// find returns the index of the first value in the window not below v.
func (w *hrWindow) find(v float64) int {
	lo, hi := 0, len(w.x)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if w.x[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// insert adds v to the window.
func (w *hrWindow) insert(v float64) {
	j := w.find(v)
	w.x = append(w.x, 0)
	copy(w.x[j+1:], w.x[j:])
	w.x[j] = v
}

// remove takes one value equal to v out of the window, which holds one.
func (w *hrWindow) remove(v float64) {
	j := w.find(v)
	w.x = append(w.x[:j], w.x[j+1:]...)
}

// replace takes one value equal to old out of the window, which holds one,
// and puts v in.
func (w *hrWindow) replace(old, v float64) {
	if old == v {
		return
	}
	x := w.x
	j := w.find(old)
	for ; j+1 < len(x) && x[j+1] < v; j++ {
		x[j] = x[j+1]
	}
	for ; j > 0 && x[j-1] > v; j-- {
		x[j] = x[j-1]
	}
	x[j] = v
}

// median returns the median of the window, as hrMedian computes it.
func (w *hrWindow) median() float64 {
	m := len(w.x)
	return (w.x[(m-1)/2] + w.x[m/2]) / 2
}

// mad returns the median of the absolute deviations of the window's values
// from med, as hrMedian computes it, and buf, scratch space it may grow. The
// deviations below med grow as the values go down from it, those above as
// they go up: merging the two runs yields the deviations in order. An
// infinite value, whose deviation may be NaN, takes the sort instead.
func (w *hrWindow) mad(med float64, buf []float64) ([]float64, float64) {
	x := w.x
	m := len(x)
	if math.IsInf(x[0], 0) || math.IsInf(x[m-1], 0) {
		buf = buf[:0]
		for _, v := range x {
			buf = append(buf, math.Abs(v-med))
		}
		return buf, hrMedian(buf)
	}
	below, _ := slices.BinarySearch(x, med) // x[:below] < med <= x[below:]
	lo, hi := below-1, below
	var a, b float64 // the deviations of rank (m-1)/2 and m/2
	for r := 0; r <= m/2; r++ {
		var d float64
		if hi >= m || lo >= 0 && math.Abs(x[lo]-med) <= math.Abs(x[hi]-med) {
			d = math.Abs(x[lo] - med)
			lo--
		} else {
			d = math.Abs(x[hi] - med)
			hi++
		}
		if r == (m-1)/2 {
			a = d
		}
		b = d
	}
	return buf, (a + b) / 2
}

// hrAgreesWithASide reports whether v lies within limit of the median of the
// samples before it or of those after it in its window. A sample at the edge
// of a real change of level (a surge begins, with more samples after the
// step than before it in the window) agrees with its own side; a spike agrees
// with neither. buf is scratch space.
func hrAgreesWithASide(hr []float64, before, after []int, v, limit float64, buf []float64) bool {
	for _, side := range [][]int{before, after} {
		if len(side) == 0 {
			continue
		}
		buf = buf[:0]
		for _, j := range side {
			buf = append(buf, hr[j])
		}
		if math.Abs(v-hrMedian(buf)) <= limit {
			return true
		}
	}
	return false
}

// hrMedian sorts x in place and returns its median.
func hrMedian(x []float64) float64 {
	slices.Sort(x)
	m := len(x)
	return (x[(m-1)/2] + x[m/2]) / 2
}

// hrDurations returns weights, or, when it is nil, the time from each
// sample to the next (0 where time does not advance, and for the last
// sample). It panics on a length mismatch or a negative weight; a NaN weight
// counts as 0 in a returned copy.
func hrDurations(t, weights []float64) []float64 {
	if weights == nil {
		w := make([]float64, len(t))
		for i := 0; i+1 < len(t); i++ {
			if d := t[i+1] - t[i]; d > 0 {
				w[i] = d
			}
		}
		return w
	}
	if len(weights) != len(t) {
		panic("analyze: slice length mismatch")
	}
	var nan bool
	for _, v := range weights {
		if v < 0 {
			panic("analyze: negative weight")
		}
		nan = nan || math.IsNaN(v)
	}
	if !nan {
		return weights
	}
	w := slices.Clone(weights)
	for i, v := range w {
		if math.IsNaN(v) {
			w[i] = 0
		}
	}
	return w
}

// Unusable says why the cleaning kept no heart-rate sample, in words a
// report can show: "" when it kept one; "no heart rate in the file" when no
// sample has a value; else that every reading was removed, and by which
// rules: "all 2,100 heart-rate samples were out of range", or, when
// several rules removed them, "all 2,100 heart-rate samples were removed by
// the cleaning (2,000 out of range, 100 dropouts)". Out of range means
// outside [Options.MinHR, Options.MaxHR].
func (c *HeartRateCleaning) Unusable() string {
	if c.Kept.Samples > 0 {
		return ""
	}
	if c.Removed.Samples == 0 {
		return "no heart rate in the file"
	}
	all := "all " + groupThousands(c.Removed.Samples) + " heart-rate samples"
	if c.Missing.Samples > 0 {
		all = "all " + groupThousands(c.Removed.Samples) + " heart-rate readings"
	}
	rules := []struct {
		n          int
		alone, one string
	}{
		{c.OutOfRange.Samples,
			"were out of range (outside " + trimFloat(c.Options.MinHR) + "-" + trimFloat(c.Options.MaxHR) + " bpm)", "out of range"},
		{c.Dropouts.Samples, "were dropouts (0 or 255, what sensors write for no reading)", "dropouts"},
		{c.RateOfChange.Samples, "were removed by the rate-of-change limit", "rate of change"},
		{c.Outliers.Samples, "were removed as outliers", "outliers"},
	}
	var parts []string
	for _, r := range rules {
		if r.n == c.Removed.Samples {
			return all + " " + r.alone
		}
		if r.n > 0 {
			parts = append(parts, groupThousands(r.n)+" "+r.one)
		}
	}
	return all + " were removed by the cleaning (" + strings.Join(parts, ", ") + ")"
}

// groupThousands writes a non-negative count with a comma between groups of
// three digits: 2100 as "2,100".
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// trimFloat writes a bound without trailing zeros: 240 as "240".
func trimFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
