package zones

import "math"

// Zone returns the index of the zone holding x under bounds: the number of
// bounds less than or equal to x. A value equal to a bound is in the zone
// above it; values below bounds[0] are in zone 0 and values at or above the
// last bound in zone len(bounds), whatever their distance, ±Inf included.
// Zone returns -1 when x is NaN.
//
// Zone panics if:
//   - bounds is not strictly increasing (or holds a NaN).
func Zone(bounds []float64, x float64) int {
	checkBounds(bounds)
	if math.IsNaN(x) {
		return -1
	}
	return search(bounds, x)
}

// TimeIn returns the weighted time spent in each zone under bounds: element
// i of the result is the sum of weights[j] over the samples x[j] in zone i,
// as [Zone] places them. With weights the seconds each sample lasts (the
// time to the next sample, with pauses left out), the result is seconds per
// zone. If weights is nil every sample weighs 1 and the result counts
// samples.
//
// TimeIn makes one pass over x in its order and needs no sorting. A sample
// whose value or weight is NaN is skipped; the outer zones are open, so every
// other sample counts. The result is stored in dst, zeroed first, and
// returned; if dst is nil a new slice is allocated. On panic dst may be
// partly written. x and weights are not modified.
//
// TimeIn panics if:
//   - bounds is not strictly increasing (or holds a NaN);
//   - dst is not nil and len(dst) != len(bounds)+1;
//   - weights is not nil and len(weights) != len(x);
//   - a weight is negative.
func TimeIn(dst, bounds, x, weights []float64) []float64 {
	checkBounds(bounds)
	n := len(bounds) + 1
	if dst == nil {
		dst = make([]float64, n)
	} else if len(dst) != n {
		panic("zones: dst length mismatch")
	} else {
		clear(dst)
	}
	if weights == nil {
		for _, v := range x {
			if v == v { // not NaN
				dst[search(bounds, v)]++
			}
		}
		return dst
	}
	if len(weights) != len(x) {
		panic("zones: slice length mismatch")
	}
	for i, v := range x {
		w := weights[i]
		if w < 0 {
			panic("zones: negative weight")
		}
		if v == v && w == w {
			dst[search(bounds, v)] += w
		}
	}
	return dst
}

// Share returns each element of t as a fraction of their sum: for the result
// of [TimeIn], the share of time spent in each zone. The result is stored in
// dst and returned; dst may be t itself, and if dst is nil a new slice is
// allocated. When the sum is 0 (or NaN) every share is NaN: the share of no
// time is undefined.
//
// Share panics if:
//   - dst is not nil and len(dst) != len(t).
func Share(dst, t []float64) []float64 {
	if dst == nil {
		dst = make([]float64, len(t))
	} else if len(dst) != len(t) {
		panic("zones: dst length mismatch")
	}
	var sum float64
	for _, v := range t {
		sum += v
	}
	if sum == 0 {
		sum = math.NaN()
	}
	for i, v := range t {
		dst[i] = v / sum
	}
	return dst
}

// search returns the number of bounds <= x for x not NaN.
func search(bounds []float64, x float64) int {
	lo, hi := 0, len(bounds)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if x < bounds[m] {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func checkBounds(bounds []float64) {
	for i := 1; i < len(bounds); i++ {
		if !(bounds[i-1] < bounds[i]) {
			panic("zones: bounds not strictly increasing")
		}
	}
	if len(bounds) == 1 && math.IsNaN(bounds[0]) {
		panic("zones: bounds not strictly increasing")
	}
}
