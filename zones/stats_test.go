package zones

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

func TestMean(t *testing.T) {
	tests := []struct {
		name    string
		x, w    []float64
		want    float64
		wantNaN bool
	}{
		{name: "unweighted", x: []float64{1, 2, 3, 6}, want: 3},
		{name: "unweighted NaN skipped", x: []float64{1, nan, 3}, want: 2},
		{name: "weighted", x: []float64{1, 3}, w: []float64{3, 1}, want: 1.5},
		// 10 s at 120, 20 s at 150, 10 s at 130: 5500 / 40.
		{name: "durations", x: []float64{120, 150, 130}, w: []float64{10, 20, 10}, want: 137.5},
		{name: "NaN sample and weight skipped", x: []float64{nan, 100, 200, 300}, w: []float64{5, 1, nan, 3}, want: 250},
		{name: "zero weights only", x: []float64{1, 2}, w: []float64{0, 0}, wantNaN: true},
		{name: "all NaN", x: []float64{nan, nan}, wantNaN: true},
		{name: "empty", x: nil, wantNaN: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, w := slices.Clone(tt.x), slices.Clone(tt.w)
			got := Mean(tt.x, tt.w)
			if tt.wantNaN {
				if !math.IsNaN(got) {
					t.Errorf("Mean = %v, want NaN", got)
				}
			} else if got != tt.want {
				t.Errorf("Mean = %v, want %v", got, tt.want)
			}
			if !sameBits(x, tt.x) || !sameBits(w, tt.w) {
				t.Error("Mean modified its inputs")
			}
		})
	}
}

func TestQuantile(t *testing.T) {
	tests := []struct {
		name string
		p    float64
		x, w []float64
		want float64 // NaN for NaN
	}{
		// Unweighted 3 1 2 4: sorted 1 2 3 4, quantile = first value
		// whose count reaches 4p.
		{"min", 0, []float64{3, 1, 2, 4}, nil, 1},
		{"p25", 0.25, []float64{3, 1, 2, 4}, nil, 1},
		{"median is the lower middle", 0.5, []float64{3, 1, 2, 4}, nil, 2},
		{"just past the middle", 0.51, []float64{3, 1, 2, 4}, nil, 3},
		{"p75", 0.75, []float64{3, 1, 2, 4}, nil, 3},
		{"max", 1, []float64{3, 1, 2, 4}, nil, 4},
		{"NaN skipped", 0.5, []float64{nan, 3, nan, 1, 2}, nil, 2},
		// Weighted: 6 s at 120, 3 s at 140, 1 s at 150 (10 s).
		{"weighted median", 0.5, []float64{150, 120, 140}, []float64{1, 6, 3}, 120},
		{"weighted 60 % exactly", 0.6, []float64{150, 120, 140}, []float64{1, 6, 3}, 120},
		{"weighted just past 60 %", 0.61, []float64{150, 120, 140}, []float64{1, 6, 3}, 140},
		{"weighted 90 %", 0.9, []float64{150, 120, 140}, []float64{1, 6, 3}, 140},
		{"weighted 95 %", 0.95, []float64{150, 120, 140}, []float64{1, 6, 3}, 150},
		{"weighted max", 1, []float64{150, 120, 140}, []float64{1, 6, 3}, 150},
		// Only 300 s counts: 100 has weight 0, 200 a NaN weight, NaN a value.
		{"skips zero and NaN", 0, []float64{nan, 100, 200, 300}, []float64{5, 0, nan, 2}, 300},
		{"all skipped", 0.5, []float64{nan, 1}, []float64{1, 0}, nan},
		{"empty", 0.5, nil, nil, nan},
		{"infinite weight", 0, []float64{1, 2}, []float64{inf, 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, w := slices.Clone(tt.x), slices.Clone(tt.w)
			got := Quantile(tt.p, tt.x, tt.w)
			if !sameBits([]float64{got}, []float64{tt.want}) {
				t.Errorf("Quantile(%v) = %v, want %v", tt.p, got, tt.want)
			}
			if !sameBits(x, tt.x) || !sameBits(w, tt.w) {
				t.Errorf("Quantile modified its inputs: x %v -> %v, w %v -> %v", x, tt.x, w, tt.w)
			}
		})
	}
}

func TestQuantiles(t *testing.T) {
	x := []float64{150, 120, nan, 140}
	w := []float64{1, 6, 5, 3}
	p := []float64{1, 0.5, 0.61, 0}
	x0, w0, p0 := slices.Clone(x), slices.Clone(w), slices.Clone(p)
	dst := []float64{-1, -1, -1, -1}
	got := Quantiles(dst, p, x, w)
	if &got[0] != &dst[0] {
		t.Error("Quantiles did not return dst")
	}
	if want := []float64{150, 120, 140, 120}; !slices.Equal(got, want) {
		t.Errorf("Quantiles = %v, want %v", got, want)
	}
	if !sameBits(x, x0) || !sameBits(w, w0) || !sameBits(p, p0) {
		t.Error("Quantiles modified its inputs")
	}
}

// With integer weights every sum is exact, so Quantile must give exactly
// gonum's stat.Quantile (Empirical) on a sorted copy.
func TestQuantileMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + r.IntN(50)
		x := make([]float64, n)
		w := make([]float64, n)
		for i := range x {
			x[i] = float64(r.IntN(60) + 100)
			w[i] = float64(1 + r.IntN(5))
		}
		xs, ws := slices.Clone(x), slices.Clone(w)
		stat.SortWeighted(xs, ws)
		for _, p := range []float64{0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1} {
			want := stat.Quantile(p, stat.Empirical, xs, ws)
			if got := Quantile(p, x, w); got != want {
				t.Fatalf("trial %d: Quantile(%v) = %v, stat.Quantile = %v", trial, p, got, want)
			}
			wantU := stat.Quantile(p, stat.Empirical, xs, nil)
			if got := Quantile(p, x, nil); got != wantU {
				// xs sorted by value, so unweighted gonum on xs is valid.
				t.Fatalf("trial %d: unweighted Quantile(%v) = %v, stat.Quantile = %v", trial, p, got, wantU)
			}
		}
	}
}

// stat.Quantile(1, ...) panics "impossible" for about a third of random
// fractional weights (its floats.Sum total rounds above its running sum).
// Durations are fractional: Quantile must return the maximum instead.
func TestQuantileOneFractionalWeights(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 500 {
		n := 3 + r.IntN(200)
		x := make([]float64, n)
		w := make([]float64, n)
		for i := range x {
			x[i] = float64(i)
			w[i] = r.Float64()
		}
		if got := Quantile(1, x, w); got != float64(n-1) {
			t.Fatalf("trial %d: Quantile(1) = %v, want the maximum %d", trial, got, n-1)
		}
	}
}

// Quantiles finds the quantiles of exactly summable weights by selection
// (selectWeighted), not by sorting: the values must be exactly those of the
// sort and cumulative sum (empirical), for integer and dyadic weights, ties,
// skipped samples, infinities and sorted or constant input, also when the
// selection gives up early and sorts.
func TestQuantilesSelectMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ps := []float64{0, 1e-9, 0.1, 0.25, 0.5, 0.75, 0.9, 1}
	for trial := range 300 {
		n := 1 + r.IntN(1+[]int{10, 100, 1000}[trial%3])
		x, w := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = float64(r.IntN(1+trial%40)) + 100 + []float64{0, 0.5, 1.0 / 3}[trial%3]
			w[i] = []float64{1, float64(r.IntN(8)), float64(r.IntN(16)) / 4, 3}[trial%4]
			switch r.IntN(50) {
			case 0:
				x[i] = nan
			case 1:
				w[i] = nan
			case 2:
				x[i] = math.Inf(1 - 2*r.IntN(2))
			}
		}
		switch trial % 5 {
		case 1:
			slices.Sort(x)
		case 2:
			slices.Reverse(x)
		}
		weights := [][]float64{w, nil}
		for _, ws := range weights {
			var xs, wk []float64 // the samples Quantiles keeps
			for i, v := range x {
				if v != v || ws != nil && (ws[i] != ws[i] || ws[i] == 0) {
					continue
				}
				xs = append(xs, v)
				if ws != nil {
					wk = append(wk, ws[i])
				}
			}
			if len(xs) == 0 {
				continue
			}
			total, ok := exactTotal(xs, wk)
			if !ok {
				t.Fatalf("trial %d: weights not exact", trial)
			}
			sx, sw := slices.Clone(xs), slices.Clone(wk)
			stat.SortWeighted(sx, sw)
			got := Quantiles(nil, ps, x, ws)
			for k, p := range ps {
				want := empirical(p*total, sx, sw)
				if got[k] != want {
					t.Fatalf("trial %d (weighted %v): Quantiles(%v) = %v, sorted %v", trial, ws != nil, p, got[k], want)
				}
				for _, rounds := range []int{0, 1, 3} {
					if v := selectWeighted(slices.Clone(xs), slices.Clone(wk), p*total, rounds); v != want {
						t.Fatalf("trial %d: selectWeighted(%v) after %d rounds = %v, sorted %v", trial, p, rounds, v, want)
					}
				}
			}
		}
	}
}
