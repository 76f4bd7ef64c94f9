package zones

import (
	"math"
	"slices"

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
// x and weights are not modified: Quantile works on copies, unlike
// [stat.Quantile], which needs sorted input, and [stat.SortWeighted], which
// sorts in place. When every sum of the weights is exact (whole seconds, or
// multiples of 2⁻¹⁰, and no zero value) it selects the quantile in linear
// time instead of sorting; the value is the same. To take several quantiles
// of one series, [Quantiles] copies once.
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
// [Quantile] defines them, on one copy of the samples for all of them.
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

	// Copy the samples that count, then select or sort in the copies.
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
	if total, ok := exactTotal(xs, ws); ok {
		for i, pi := range p {
			dst[i] = selectWeighted(xs, ws, pi*total, selectRounds)
		}
		return dst
	}
	stat.SortWeighted(xs, ws)

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

// empirical returns the first of the sorted values xs at which the cumulative
// weight reaches target.
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

// exactUnit is the finest weight [exactTotal] accepts: 2⁻¹⁰, a
// millisecond's order, and a power of two, so that every multiple of it up
// to exactMax is a float64 sum without rounding.
const (
	exactUnit = 1.0 / 1024
	exactMax  = 1 << 43 // × exactUnit⁻¹ = 2⁵³
)

// exactTotal returns the total weight of the samples, and whether every sum
// of their weights, in any order, is exact: every weight (1 when ws is nil)
// is a multiple of exactUnit and the total is at most exactMax. It also
// refuses a sample value of zero, whose two signs compare equal but are not
// the same value. When it says yes, the quantiles do not depend on the order
// in which the weights are added up, so a selection finds the very values
// that a sort and a cumulative sum find.
func exactTotal(xs, ws []float64) (float64, bool) {
	for _, v := range xs {
		if v == 0 {
			return 0, false
		}
	}
	if ws == nil {
		return float64(len(xs)), len(xs) <= exactMax
	}
	var total float64
	for _, w := range ws {
		if u := w / exactUnit; u != math.Trunc(u) || u > exactMax {
			return 0, false
		}
		total += w
	}
	return total, total <= exactMax
}

// selectRounds bounds the partitions of selectWeighted before it sorts
// instead: a median of three halves the range in a few rounds on any data
// but a crafted one.
const selectRounds = 64

// selectWeighted returns the smallest value v of xs such that the weights of
// the values at or below v add up to at least target (the minimum when
// target is not positive or is NaN), as empirical does on sorted values. It
// reorders xs and ws together, by quickselect with a three-way partition,
// sorting what is left after rounds partitions, and needs the sums of the
// weights to be exact ([exactTotal]). ws nil means weights of 1.
func selectWeighted(xs, ws []float64, target float64, rounds int) float64 {
	weight := func(lo, hi int) float64 {
		if ws == nil {
			return float64(hi - lo)
		}
		var s float64
		for _, w := range ws[lo:hi] {
			s += w
		}
		return s
	}
	swap := func(i, j int) {
		xs[i], xs[j] = xs[j], xs[i]
		if ws != nil {
			ws[i], ws[j] = ws[j], ws[i]
		}
	}
	if !(target > 0) {
		return slices.Min(xs)
	}
	// The answer is in xs[lo:hi]; base is the weight of the values below
	// them, always less than target.
	lo, hi, base := 0, len(xs), 0.0
	for ; hi-lo > 1; rounds-- {
		if rounds == 0 { // an unlucky run of pivots: sort what is left
			if ws == nil {
				slices.Sort(xs[lo:hi])
			} else {
				stat.SortWeighted(xs[lo:hi], ws[lo:hi])
			}
			for i := lo; i < hi; i++ {
				if base += weight(i, i+1); !(base < target) {
					return xs[i]
				}
			}
			return xs[hi-1]
		}
		a, b, c := xs[lo], xs[lo+(hi-lo)/2], xs[hi-1]
		pivot := max(min(a, b), min(max(a, b), c)) // the median of three
		lt, i, gt := lo, lo, hi                    // xs[lo:lt] < pivot = xs[lt:i]; xs[gt:hi] > pivot
		for i < gt {
			switch v := xs[i]; {
			case v < pivot:
				swap(lt, i)
				lt++
				i++
			case v > pivot:
				gt--
				swap(i, gt)
			default:
				i++
			}
		}
		below := base + weight(lo, lt)
		switch {
		case !(below < target):
			hi = lt
		case !(below+weight(lt, gt) < target):
			return pivot
		default:
			base = below + weight(lt, gt)
			lo = gt
		}
	}
	return xs[min(lo, len(xs)-1)]
}
