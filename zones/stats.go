package zones

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// Mean returns the weighted mean of x,
//
//	sum_i {w_i × x_i} / sum_i {w_i}
//
// over the samples whose value and weight are not NaN. If weights is nil every
// sample weighs 1. Mean returns NaN when no sample is left or their weights
// sum to 0. x and weights are not modified.
//
// Mean panics if:
//   - weights is not nil and len(weights) != len(x);
//   - a weight is negative.
func Mean(x, weights []float64) float64 {
	if weights != nil && len(weights) != len(x) {
		panic("zones: slice length mismatch")
	}
	var sum, sumW float64
	for i, v := range x {
		w := 1.0
		if weights != nil {
			w = weights[i]
			if w < 0 {
				panic("zones: negative weight")
			}
		}
		if v == v && w == w && w != 0 {
			sum += w * v
			sumW += w
		}
	}
	if sumW == 0 {
		return math.NaN()
	}
	return sum / sumW
}

// Quantile returns the weighted p-quantile of x: the smallest sample value
// x_k such that the samples at or below it hold at least the fraction p of the
// total weight. This is gonum's [stat.Empirical] quantile; with weights as
// seconds, Quantile(0.9, hr, dt) is the heart rate that 90 % of the time stays
// at or under. Samples whose value or weight is NaN, and samples of weight 0,
// are skipped. If weights is nil every sample weighs 1. Quantile returns NaN
// when no sample is left.
//
// x and weights are not modified: Quantile sorts copies, unlike
// [stat.Quantile], which needs sorted input, and [stat.SortWeighted], which
// sorts in place. To take several quantiles of one series, [Quantiles] sorts
// once.
//
// Quantile panics if:
//   - p is not in [0, 1];
//   - weights is not nil and len(weights) != len(x);
//   - a weight is negative.
func Quantile(p float64, x, weights []float64) float64 {
	var q [1]float64
	return Quantiles(q[:], []float64{p}, x, weights)[0]
}

// Quantiles returns the weighted quantiles of x at each fraction in p, as
// [Quantile] defines them, sorting one copy of the samples for all of them.
// The result is stored in dst and returned; if dst is nil a new slice is
// allocated. x, weights and p are not modified.
//
// Quantiles panics if:
//   - an element of p is not in [0, 1];
//   - dst is not nil and len(dst) != len(p);
//   - weights is not nil and len(weights) != len(x);
//   - a weight is negative.
func Quantiles(dst, p, x, weights []float64) []float64 {
	for _, pi := range p {
		if !(pi >= 0 && pi <= 1) {
			panic("zones: quantile out of [0, 1]")
		}
	}
	if dst == nil {
		dst = make([]float64, len(p))
	} else if len(dst) != len(p) {
		panic("zones: dst length mismatch")
	}
	if weights != nil && len(weights) != len(x) {
		panic("zones: slice length mismatch")
	}

	// Copy the samples that count, then sort the copies together.
	xs := make([]float64, 0, len(x))
	var ws []float64
	if weights != nil {
		ws = make([]float64, 0, len(x))
	}
	for i, v := range x {
		if weights != nil {
			w := weights[i]
			if w < 0 {
				panic("zones: negative weight")
			}
			if w != w || w == 0 || v != v {
				continue
			}
			ws = append(ws, w)
		} else if v != v {
			continue
		}
		xs = append(xs, v)
	}
	if len(xs) == 0 {
		for i := range dst {
			dst[i] = math.NaN()
		}
		return dst
	}
	stat.SortWeighted(xs, ws)

	// The walk is stat.Quantile's Empirical one, with the total summed in
	// the same order as the running sum. stat.Quantile takes the total from
	// floats.Sum, whose unrolled sum can round below the running sum's
	// last value, and then panics ("impossible") for p = 1 with fractional
	// weights, which durations are.
	total := float64(len(xs))
	if ws != nil {
		total = 0
		for _, w := range ws {
			total += w
		}
	}
	for i, pi := range p {
		dst[i] = empirical(pi*total, xs, ws)
	}
	return dst
}

// empirical returns the first x whose running weight reaches target. Since
// target <= total and the running sum ends at total, it always returns.
func empirical(target float64, xs, ws []float64) float64 {
	var cum float64
	for i, v := range xs {
		if ws == nil {
			cum++
		} else {
			cum += ws[i]
		}
		if !(cum < target) { // target is NaN for p = 0 and an infinite total
			return v
		}
	}
	return xs[len(xs)-1] // unreachable
}
