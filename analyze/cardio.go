package analyze

import (
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/runcheck/runcheck/zones"
)

// Defaults of the cardio metrics. They are documented in [CardioOptions].
const (
	DefaultCardioWarmUp    = 600.0 // seconds
	DefaultCardioMinSteady = 300.0 // seconds
)

// CardioOptions sets what the steady part of a run is, for [HeartRateDrift]
// and [AerobicDecoupling]. The zero value means the defaults.
type CardioOptions struct {
	// WarmUp is the time in seconds from the first sample that is left out
	// as warm-up: the steady part is the samples at or after t[0] + WarmUp.
	// It should cover the heart-rate lock-on window too
	// ([HeartRateOptions].LockOn, 3 minutes by default). 0 means
	// DefaultCardioWarmUp (10 minutes: Friel's decoupling test starts after
	// a 10-15 minute warm-up; 10 leaves the most of a 30-minute recovery
	// run); negative means no warm-up.
	WarmUp float64 `json:"warm_up_s,omitempty"`
	// MinSteady is the least time in seconds, by weight, of usable samples
	// in the steady part for a figure to be given; with less, the figures
	// are null. 0 means DefaultCardioMinSteady (5 minutes); negative means
	// no minimum.
	MinSteady float64 `json:"min_steady_s,omitempty"`
}

func (o CardioOptions) withDefaults() CardioOptions {
	switch {
	case o.WarmUp == 0 || math.IsNaN(o.WarmUp):
		o.WarmUp = DefaultCardioWarmUp
	case o.WarmUp < 0:
		o.WarmUp = 0
	}
	switch {
	case o.MinSteady == 0 || math.IsNaN(o.MinSteady):
		o.MinSteady = DefaultCardioMinSteady
	case o.MinSteady < 0:
		o.MinSteady = 0
	}
	return o
}

// CardioWeights returns the weights the steady-state metrics use: the
// timeline's weight for moving samples, 0 for the others, so that
// [HeartRateDrift] and [AerobicDecoupling] see moving samples only. It is a
// new slice.
func CardioWeights(tl Timeline) []float64 {
	w := make([]float64, len(tl.Weight))
	for i, v := range tl.Weight {
		if i < len(tl.Moving) && tl.Moving[i] {
			w[i] = v
		}
	}
	return w
}

// CardioDrift is the drift of heart rate over the steady part of a run.
type CardioDrift struct {
	// BPMPer10Min is the slope of heart rate against time in bpm per 10
	// minutes: positive when heart rate climbs; null when the steady part
	// holds too little.
	BPMPer10Min Value `json:"bpm_per_10min"`
	// R2 is the weighted coefficient of determination of the line; null
	// when heart rate does not vary.
	R2 Value `json:"r2"`
	// StartHR and EndHR are the fitted heart rates at From and To.
	StartHR Value `json:"start_hr"`
	EndHR   Value `json:"end_hr"`
	// Samples and Seconds are the number and total weight of the samples
	// used.
	Samples int     `json:"samples"`
	Seconds float64 `json:"seconds"`
	// From and To are the time of the first sample used and the end of the
	// time credited to the last, in seconds from the start.
	From Value `json:"from_s"`
	To   Value `json:"to_s"`
}

// HeartRateDrift fits a line to heart rate against time over the steady part
// of a run by weighted least squares and returns its slope in bpm per 10
// minutes:
//
//	minimise Σ wᵢ (hrᵢ − α − β tᵢ)²,   drift = 600 × β
//
// using gonum's [stat.LinearRegression], with R² from [stat.RSquared]. The
// steady part is the samples at or after t[0] + WarmUp with a positive
// weight and a heart rate; pass cleaned heart rate ([CleanHeartRate]) and
// weights that are the seconds each sample lasts, 0 for samples that do not
// count ([CardioWeights] gives moving samples only). A heart rate that is
// NaN or not positive is no heart rate. With less than MinSteady seconds of
// such samples, or fewer than two distinct times, the slope is null.
//
// Heart rate that climbs at constant effort is cardiovascular drift
// (Coyle & González-Alonso 2001, Exerc Sport Sci Rev 29:88), the reason
// decoupling is measured; after a hard session a recovery run's heart rate
// should drift downward (docs/recovery.md#drift-after-a-hard-session).
//
// t, hr and weights are not modified. If weights is nil, each sample weighs
// the time to the next sample, uncapped. HeartRateDrift panics if:
//   - len(hr) != len(t);
//   - weights is not nil and len(weights) != len(t);
//   - a weight is negative.
func HeartRateDrift(t, hr, weights []float64, opt CardioOptions) CardioDrift {
	if len(hr) != len(t) {
		panic("analyze: slice length mismatch")
	}
	w := hrDurations(t, weights)
	o := opt.withDefaults()
	d := CardioDrift{BPMPer10Min: NA(), R2: NA(), StartHR: NA(), EndHR: NA(), From: NA(), To: NA()}
	steady := cardioSteady(t, w, o)
	used := func(i int) bool { return steady(i) && hr[i] > 0 }
	m := 0
	for i := range t {
		if used(i) {
			m++
		}
	}
	x, y, ws := make([]float64, 0, m), make([]float64, 0, m), make([]float64, 0, m)
	for i := range t {
		if used(i) {
			x = append(x, t[i])
			y = append(y, hr[i])
			ws = append(ws, w[i])
			d.Seconds += w[i]
		}
	}
	d.Samples = len(x)
	if d.Samples == 0 {
		return d
	}
	from, to := x[0], x[len(x)-1]+ws[len(ws)-1]
	d.From, d.To = Value(from), Value(to)
	if d.Seconds < o.MinSteady || x[0] == x[len(x)-1] {
		return d
	}
	alpha, beta := stat.LinearRegression(x, y, ws, false)
	d.BPMPer10Min = Value(600 * beta)
	d.R2 = Value(stat.RSquared(x, y, ws, alpha, beta))
	d.StartHR = Value(alpha + beta*from)
	d.EndHR = Value(alpha + beta*to)
	return d
}

// CardioDecoupling is the aerobic decoupling (Pa:HR) of a run.
type CardioDecoupling struct {
	// Percent is 100 × (EF1 − EF2) / EF1: positive when heart rate rose
	// relative to speed in the second half; null when the steady part
	// holds too little.
	Percent Value `json:"decoupling_pct"`
	// EF is the efficiency factor of the whole steady part, and EF1 and EF2
	// that of its halves, in metres per minute per bpm.
	EF  Value `json:"ef"`
	EF1 Value `json:"ef_first"`
	EF2 Value `json:"ef_second"`
	// From, Split and To are the start of the steady part, the time that
	// splits it in halves and its end, in seconds from the start.
	From  Value `json:"from_s"`
	Split Value `json:"split_s"`
	To    Value `json:"to_s"`
	// FirstSeconds and SecondSeconds are the weights of the usable samples
	// in each half.
	FirstSeconds  float64 `json:"first_s"`
	SecondSeconds float64 `json:"second_s"`
}

// AerobicDecoupling compares the efficiency factor of the two halves of the
// steady part of a run (Friel's Pa:HR, docs/recovery.md#drift-and-decoupling):
//
//	EF = 60 × Σ wᵢ vᵢ / Σ wᵢ hrᵢ              (speed v in m/s, so EF in m/min per bpm)
//	decoupling % = 100 × (EF1 − EF2) / EF1
//
// EF is the time-weighted mean speed over the time-weighted mean heart rate,
// as TrainingPeaks computes it (Friel, "The Efficiency Factor in Running":
// pace over average heart rate), but in metres per minute and on plain speed:
// TrainingPeaks divides normalised graded pace in yards per minute (1 m/min
// = 1.0936 yd/min), and grade adjustment is left to the pace metrics. A
// decoupling under 5 % reads as aerobic.
//
// The steady part is the samples at or after t[0] + WarmUp with a positive
// weight, a heart rate and a speed; it runs from the first such sample's time
// to the end of the time credited to the last (its time plus its weight).
// It is halved by time, not by sample count: a sample belongs to the first
// half when the middle of the time it covers, tᵢ + wᵢ/2, falls before the
// midpoint, so that smart recording's irregular intervals do not move the
// split. A heart rate that is NaN or not positive is no heart rate. The
// result is null with less than MinSteady seconds of usable samples or a
// half without any.
//
// t, hr, speed and weights are not modified. If weights is nil, each sample
// weighs the time to the next sample, uncapped. AerobicDecoupling panics
// if:
//   - len(hr) != len(t) or len(speed) != len(t);
//   - weights is not nil and len(weights) != len(t);
//   - a weight is negative.
func AerobicDecoupling(t, hr, speed, weights []float64, opt CardioOptions) CardioDecoupling {
	if len(hr) != len(t) || len(speed) != len(t) {
		panic("analyze: slice length mismatch")
	}
	w := hrDurations(t, weights)
	o := opt.withDefaults()
	d := CardioDecoupling{Percent: NA(), EF: NA(), EF1: NA(), EF2: NA(), From: NA(), Split: NA(), To: NA()}
	steady := cardioSteady(t, w, o)
	used := func(i int) bool { return steady(i) && hr[i] > 0 && !math.IsNaN(speed[i]) }
	first, last := -1, -1
	for i := range t {
		if used(i) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return d
	}
	from, to := t[first], t[last]+w[last]
	split := (from + to) / 2
	d.From, d.Split, d.To = Value(from), Value(split), Value(to)
	var sv, sh [2]float64 // Σ w·v and Σ w·hr per half
	for i := first; i <= last; i++ {
		if !used(i) {
			continue
		}
		h := 0
		if t[i]+w[i]/2 >= split {
			h = 1
		}
		sv[h] += w[i] * speed[i]
		sh[h] += w[i] * hr[i]
		if h == 0 {
			d.FirstSeconds += w[i]
		} else {
			d.SecondSeconds += w[i]
		}
	}
	if d.FirstSeconds+d.SecondSeconds < o.MinSteady || d.FirstSeconds == 0 || d.SecondSeconds == 0 {
		return d
	}
	ef1, ef2 := 60*sv[0]/sh[0], 60*sv[1]/sh[1]
	d.EF = Value(60 * (sv[0] + sv[1]) / (sh[0] + sh[1]))
	d.EF1, d.EF2 = Value(ef1), Value(ef2)
	if ef1 > 0 {
		d.Percent = Value(100 * (ef1 - ef2) / ef1)
	}
	return d
}

// cardioSteady returns whether a sample is in the steady part: at or after
// t[0] + warm-up, with a positive weight.
func cardioSteady(t, w []float64, o CardioOptions) func(i int) bool {
	if len(t) == 0 {
		return func(int) bool { return false }
	}
	start := t[0] + o.WarmUp
	return func(i int) bool { return t[i] >= start && w[i] > 0 }
}

// CardioTRIMP is a training impulse: the load of a session from heart rate
// and time.
type CardioTRIMP struct {
	// Method is "banister" or "edwards".
	Method string `json:"method"`
	// TRIMP is the training impulse, in the method's arbitrary units; null
	// when the settings are invalid or no sample has a heart rate.
	TRIMP Value `json:"trimp"`
	// Minutes is the time, by weight, of the samples with a heart rate.
	Minutes float64 `json:"minutes"`
	// BandMinutes are, for Edwards, the minutes below 50 % of maximum heart
	// rate and in the bands 50-60, 60-70, 70-80, 80-90 and from 90 %;
	// nil for Banister.
	BandMinutes []float64 `json:"band_minutes,omitempty"`
}

// BanisterTRIMP returns Banister's training impulse, summed sample by sample
// (Banister 1991; Morton, Fitz-Clarke & Banister 1990, J Appl Physiol
// 69:1171; docs/recovery.md#training-load):
//
//	TRIMP = Σ minutesᵢ × HRrᵢ × 0.64 × e^(b × HRrᵢ)
//	HRrᵢ  = (hrᵢ − restHR) / (maxHR − restHR), clamped to [0, 1]
//	b     = 1.92 for men, 1.67 for women
//
// with minutesᵢ = weightᵢ / 60. The coefficient 0.64 is used for both sexes,
// as GoldenCheetah (TRIMPPoints, "Morton/Banister with Green et al
// coefficient") does; Morton et al. 1990 pair 1.67 with 0.86 for women,
// which gives 0.86/0.64 = 1.34 times the value returned here. Summing per
// sample rather than from the average heart rate, as GoldenCheetah does,
// counts the weight of the hard minutes, since the weighting is convex.
//
// Samples whose heart rate is NaN or not positive are left out. The TRIMP is
// null when restHR or maxHR is not a positive number, restHR >= maxHR, or no
// sample has a heart rate. t, hr and weights are not modified; weights are
// the seconds each sample is credited with ([Timeline.Weight]), and if nil,
// each sample weighs the time to the next sample, uncapped.
//
// BanisterTRIMP panics if:
//   - len(hr) != len(t);
//   - weights is not nil and len(weights) != len(t);
//   - a weight is negative.
func BanisterTRIMP(t, hr, weights []float64, restHR, maxHR float64, female bool) CardioTRIMP {
	if len(hr) != len(t) {
		panic("analyze: slice length mismatch")
	}
	w := hrDurations(t, weights)
	r := CardioTRIMP{Method: "banister", TRIMP: NA()}
	b := 1.92
	if female {
		b = 1.67
	}
	exp := floatMemo{f: func(x float64) float64 { return math.Exp(b * x) }} // heart rates repeat
	var sum, secs float64
	for i, v := range hr {
		if !(v > 0) || w[i] == 0 {
			continue
		}
		secs += w[i]
		x := min(max((v-restHR)/(maxHR-restHR), 0), 1)
		sum += w[i] / 60 * x * 0.64 * exp.get(x)
	}
	r.Minutes = secs / 60
	if restHR > 0 && maxHR > restHR && !math.IsInf(maxHR, 0) && r.Minutes > 0 {
		r.TRIMP = Value(sum)
	}
	return r
}

// EdwardsTRIMP returns Edwards' training impulse (Edwards 1993, The Heart
// Rate Monitor Book; docs/recovery.md#training-load): the minutes in five
// bands of maximum heart rate, weighted 1 to 5,
//
//	TRIMP = 1 × min(50-60 %) + 2 × min(60-70 %) + 3 × min(70-80 %)
//	      + 4 × min(80-90 %) + 5 × min(90-100 %)
//
// Each band holds its lower edge ([50 %, 60 %) and so on, as the zones
// package places a value on a bound), time below 50 % counts 0 and time at
// or above 100 % counts in the top band, weight 5: a heart rate above the
// configured maximum is a maximum set too low, not a lighter effort. The
// time in bands comes from [zones.TimeIn] with bounds maxHR × p / 100 for
// p = 50, 60, 70, 80 and 90: the bounds of [zones.HRMax]'s default zones.
//
// Samples whose heart rate is NaN or not positive are left out. The TRIMP is
// null when maxHR is not a positive number, is so large that its bounds are
// not finite, or no sample has a heart rate. t,
// hr and weights are not modified; if weights is nil, each sample weighs the
// time to the next sample, uncapped.
//
// EdwardsTRIMP panics if:
//   - len(hr) != len(t);
//   - weights is not nil and len(weights) != len(t);
//   - a weight is negative.
func EdwardsTRIMP(t, hr, weights []float64, maxHR float64) CardioTRIMP {
	if len(hr) != len(t) {
		panic("analyze: slice length mismatch")
	}
	w := hrDurations(t, weights)
	r := CardioTRIMP{Method: "edwards", TRIMP: NA()}
	// The bands are zones.HRMax's default zones, whose constructor checks
	// what maxHR gives: a maximum so large that its bounds overflow to
	// +Inf (1e307) is no model, not a panic in zones.TimeIn.
	z, err := zones.HRMax(maxHR, nil)
	if err != nil {
		return r
	}
	bounds := z.Bounds
	// The time in each band, as zones.TimeIn counts it, but leaving out
	// 0 and below as well as NaN: the samples with no heart rate.
	secs := make([]float64, len(bounds)+1)
	for i, v := range hr {
		if v > 0 {
			secs[zones.Zone(bounds, v)] += w[i]
		}
	}
	r.BandMinutes = make([]float64, len(secs))
	var sum, total float64
	for k, s := range secs {
		r.BandMinutes[k] = s / 60
		total += s
		sum += float64(k) * s / 60
	}
	r.Minutes = total / 60
	if r.Minutes > 0 {
		r.TRIMP = Value(sum)
	}
	return r
}
