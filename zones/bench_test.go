package zones

import (
	"slices"
	"strconv"
	"testing"
)

// benchSizes are the sample counts of the benchmarks: about 3 hours, a day
// and 12 days of 1 Hz recording.
var benchSizes = []int{10_000, 100_000, 1_000_000}

// benchBounds are the default %HRmax bounds for a max of 200 bpm.
var benchBounds = []float64{100, 120, 140, 160, 180}

// benchInput returns n samples of a heart rate that climbs 95, 96, ..., 194
// bpm and starts again, each sample lasting 1 s at even and 2 s at odd
// indices (irregular recording). n must be a multiple of 100.
func benchInput(n int) (hr, dt []float64) {
	hr = make([]float64, n)
	dt = make([]float64, n)
	for i := range hr {
		hr[i] = float64(95 + i%100)
		dt[i] = float64(1 + i%2)
	}
	return hr, dt
}

// benchWant is the time in zone of benchInput(n) under benchBounds. Each run
// of 100 samples puts 95-99 bpm (5 samples, 1+2+1+2+1 s) in zone 0, 20
// samples (30 s) in each of zones 1 to 4, and 180-194 bpm (15 samples
// starting at an odd index, 8×2 + 7×1 s) in zone 5: 150 s in all.
func benchWant(n int) []float64 {
	per := []float64{7, 30, 30, 30, 30, 23}
	for i := range per {
		per[i] *= float64(n / 100)
	}
	return per
}

func TestBenchInput(t *testing.T) {
	for _, n := range benchSizes {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			hr, dt := benchInput(n)
			got := TimeIn(nil, benchBounds, hr, dt)
			if want := benchWant(n); !slices.Equal(got, want) {
				t.Errorf("TimeIn = %v, want %v", got, want)
			}
			var sum float64
			for _, v := range got {
				sum += v
			}
			if sum != 1.5*float64(n) {
				t.Errorf("total %v s, want %v s", sum, 1.5*float64(n))
			}
		})
	}
}

func BenchmarkTimeIn(b *testing.B) {
	for _, n := range benchSizes {
		hr, dt := benchInput(n)
		dst := make([]float64, len(benchBounds)+1)
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(16 * n)) // x and weights
			for b.Loop() {
				TimeIn(dst, benchBounds, hr, dt)
			}
		})
	}
}

func BenchmarkTimeInUnweighted(b *testing.B) {
	hr, _ := benchInput(100_000)
	dst := make([]float64, len(benchBounds)+1)
	b.ReportAllocs()
	for b.Loop() {
		TimeIn(dst, benchBounds, hr, nil)
	}
}

func BenchmarkQuantiles(b *testing.B) {
	for _, n := range benchSizes {
		hr, dt := benchInput(n)
		p := []float64{0.1, 0.5, 0.9}
		dst := make([]float64, len(p))
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Quantiles(dst, p, hr, dt)
			}
		})
	}
}
