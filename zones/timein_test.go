package zones

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"
)

// hrmax190 are the default %HRmax bounds for a max of 190 bpm.
var hrmax190 = []float64{95, 114, 133, 152, 171}

func TestTimeIn(t *testing.T) {
	tests := []struct {
		name    string
		bounds  []float64
		x       []float64
		weights []float64
		want    []float64
	}{
		{
			name:   "each bound goes to the zone above",
			bounds: hrmax190,
			x:      []float64{95, 114, 133, 152, 171},
			want:   []float64{0, 1, 1, 1, 1, 1},
		},
		{
			name:   "just below each bound",
			bounds: hrmax190,
			x:      []float64{94.999, 113.999, 132.999, 151.999, 170.999},
			want:   []float64{1, 1, 1, 1, 1, 0},
		},
		{
			name:   "open outer edges",
			bounds: hrmax190,
			x:      []float64{-1e300, math.Inf(-1), 0, 250, 1e300, inf},
			want:   []float64{3, 0, 0, 0, 0, 3},
		},
		{
			name:    "weights are durations",
			bounds:  hrmax190,
			x:       []float64{100, 120, 140, 160, 180, 90},
			weights: []float64{1, 2, 3, 4, 5, 0.5},
			want:    []float64{0.5, 1, 2, 3, 4, 5},
		},
		{
			name:    "NaN sample skipped",
			bounds:  hrmax190,
			x:       []float64{100, nan, 100, nan},
			weights: []float64{1, 7, 2, 9},
			want:    []float64{0, 3, 0, 0, 0, 0},
		},
		{
			name:    "NaN weight skipped",
			bounds:  hrmax190,
			x:       []float64{100, 120, 120},
			weights: []float64{nan, 4, 1},
			want:    []float64{0, 0, 5, 0, 0, 0},
		},
		{
			name:   "NaN skipped without weights",
			bounds: hrmax190,
			x:      []float64{nan, 150, nan},
			want:   []float64{0, 0, 0, 1, 0, 0},
		},
		{
			name:    "zero weight counts nothing",
			bounds:  hrmax190,
			x:       []float64{100, 180},
			weights: []float64{0, 3},
			want:    []float64{0, 0, 0, 0, 0, 3},
		},
		{
			name:   "weights nil counts samples",
			bounds: hrmax190,
			x:      []float64{88, 96, 113, 114, 150, 171, 195},
			want:   []float64{1, 2, 1, 1, 0, 2},
		},
		{
			name:   "no samples",
			bounds: hrmax190,
			x:      nil,
			want:   []float64{0, 0, 0, 0, 0, 0},
		},
		{
			name:    "no bounds, one zone",
			bounds:  nil,
			x:       []float64{-inf, 0, 1e9, nan},
			weights: []float64{1, 2, 3, 4},
			want:    []float64{6},
		},
		{
			name:   "one bound",
			bounds: []float64{140},
			x:      []float64{139, 140, 141},
			want:   []float64{1, 2},
		},
		{
			name:    "infinite bound and weight",
			bounds:  []float64{math.Inf(-1), 0},
			x:       []float64{-inf, -1, 0},
			weights: []float64{1, inf, 2},
			want:    []float64{0, inf, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, w, b := slices.Clone(tt.x), slices.Clone(tt.weights), slices.Clone(tt.bounds)
			got := TimeIn(nil, tt.bounds, tt.x, tt.weights)
			if !slices.Equal(got, tt.want) {
				t.Errorf("TimeIn = %v, want %v", got, tt.want)
			}
			if !sameBits(x, tt.x) || !sameBits(w, tt.weights) || !sameBits(b, tt.bounds) {
				t.Errorf("TimeIn modified its inputs")
			}
			for i, v := range tt.x {
				if tt.weights != nil && math.IsNaN(tt.weights[i]) {
					continue
				}
				if z := Zone(tt.bounds, v); z != naiveZone(tt.bounds, v) {
					t.Errorf("Zone(%v) = %d, want %d", v, z, naiveZone(tt.bounds, v))
				}
			}
		})
	}
}

func TestTimeInDst(t *testing.T) {
	dst := []float64{9, 9, 9, 9, 9, 9}
	x := []float64{100, 120, 180}
	w := []float64{10, 20, 30}
	got := TimeIn(dst, hrmax190, x, w)
	if &got[0] != &dst[0] {
		t.Fatal("TimeIn did not return dst")
	}
	want := []float64{0, 10, 20, 0, 0, 30}
	if !slices.Equal(dst, want) {
		t.Errorf("first use: dst = %v, want %v", dst, want)
	}
	// Reused: zeroed, not added to.
	TimeIn(dst, hrmax190, x[:1], w[:1])
	if want := []float64{0, 10, 0, 0, 0, 0}; !slices.Equal(dst, want) {
		t.Errorf("reuse: dst = %v, want %v", dst, want)
	}
}

func TestTimeInMethod(t *testing.T) {
	z, err := HRMax(190, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := []float64{100, 120, 180}
	if got, want := z.TimeIn(nil, x, nil), TimeIn(nil, hrmax190, x, nil); !slices.Equal(got, want) {
		t.Errorf("Zones.TimeIn = %v, TimeIn = %v", got, want)
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"TimeIn bounds decreasing", func() { TimeIn(nil, []float64{120, 100}, nil, nil) }},
		{"TimeIn bounds repeated", func() { TimeIn(nil, []float64{100, 100}, nil, nil) }},
		{"TimeIn bound NaN", func() { TimeIn(nil, []float64{nan}, nil, nil) }},
		{"TimeIn bound NaN inside", func() { TimeIn(nil, []float64{90, nan, 120}, nil, nil) }},
		{"TimeIn dst short", func() { TimeIn(make([]float64, 5), hrmax190, nil, nil) }},
		{"TimeIn dst empty", func() { TimeIn([]float64{}, hrmax190, nil, nil) }},
		{"TimeIn weights short", func() { TimeIn(nil, hrmax190, []float64{1, 2}, []float64{1}) }},
		{"TimeIn negative weight", func() { TimeIn(nil, hrmax190, []float64{1, 2}, []float64{1, -1}) }},
		{"TimeIn negative weight on NaN", func() { TimeIn(nil, hrmax190, []float64{nan}, []float64{-1}) }},
		{"Zone bounds decreasing", func() { Zone([]float64{2, 1}, 1) }},
		{"Share dst short", func() { Share(make([]float64, 1), []float64{1, 2}) }},
		{"Mean weights short", func() { Mean([]float64{1, 2}, []float64{1}) }},
		{"Mean negative weight", func() { Mean([]float64{1}, []float64{-1}) }},
		{"Quantile p below 0", func() { Quantile(-0.1, []float64{1}, nil) }},
		{"Quantile p above 1", func() { Quantile(1.1, []float64{1}, nil) }},
		{"Quantile p NaN", func() { Quantile(nan, []float64{1}, nil) }},
		{"Quantile weights short", func() { Quantile(0.5, []float64{1, 2}, []float64{1}) }},
		{"Quantile negative weight", func() { Quantile(0.5, []float64{1}, []float64{-1}) }},
		{"Quantiles dst short", func() { Quantiles(make([]float64, 1), []float64{0.1, 0.9}, []float64{1}, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tt.f()
		})
	}
}

func TestShare(t *testing.T) {
	tests := []struct {
		name string
		t    []float64
		want []float64
	}{
		{"fractions", []float64{1, 1, 2}, []float64{0.25, 0.25, 0.5}},
		{"seconds", []float64{0, 600, 1200, 600}, []float64{0, 0.25, 0.5, 0.25}},
		{"all zero is undefined", []float64{0, 0}, []float64{nan, nan}},
		{"empty", nil, []float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.t)
			got := Share(nil, tt.t)
			if !sameBits(got, tt.want) {
				t.Errorf("Share = %v, want %v", got, tt.want)
			}
			if !sameBits(in, tt.t) {
				t.Error("Share modified its input")
			}
			// In place.
			Share(in, in)
			if !sameBits(in, tt.want) {
				t.Errorf("Share in place = %v, want %v", in, tt.want)
			}
		})
	}
}

// FuzzTimeIn checks, for any samples and any valid bounds, that TimeIn does
// not panic, leaves its inputs alone, agrees with a linear scan, and credits
// every sample that is not NaN to exactly one zone. The weights are
// multiples of 1/8 below 8192, so every sum is exact and is compared with ==.
func FuzzTimeIn(f *testing.F) {
	f.Add(encodeSamples([]float64{100, 120, nan, 171, 250, -inf}, []uint16{8, 16, 8, 8, 4, 1}), encodeFloats(hrmax190), false)
	f.Add(encodeSamples([]float64{95, 114, 133}, []uint16{0xffff, 1, 2}), encodeFloats(hrmax190), true)
	f.Add(encodeSamples([]float64{inf, 0, 1e308}, []uint16{1, 2, 3}), encodeFloats([]float64{-inf, 0, inf}), false)
	f.Add([]byte{}, []byte{}, false)
	f.Fuzz(func(t *testing.T, samples, rawBounds []byte, unweighted bool) {
		x, w := decodeSamples(samples)
		if unweighted {
			w = nil
		}
		bounds := validBounds(rawBounds)
		x0, w0, b0 := slices.Clone(x), slices.Clone(w), slices.Clone(bounds)

		got := TimeIn(nil, bounds, x, w)

		if !sameBits(x, x0) || !sameBits(w, w0) || !sameBits(bounds, b0) {
			t.Fatal("TimeIn modified its inputs")
		}
		if len(got) != len(bounds)+1 {
			t.Fatalf("len = %d, want %d", len(got), len(bounds)+1)
		}
		want := make([]float64, len(bounds)+1)
		var total float64
		for i, v := range x {
			wi := 1.0
			if w != nil {
				wi = w[i]
			}
			if math.IsNaN(v) || math.IsNaN(wi) {
				continue
			}
			want[naiveZone(bounds, v)] += wi
			total += wi
			if z := Zone(bounds, v); z != naiveZone(bounds, v) {
				t.Fatalf("Zone(%v) = %d, want %d", v, z, naiveZone(bounds, v))
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("TimeIn = %v, linear scan = %v", got, want)
		}
		var sum float64
		for _, v := range got {
			sum += v
		}
		if sum != total {
			t.Fatalf("sum of TimeIn = %v, sum of weights = %v", sum, total)
		}
	})
}

// naiveZone is the definition of Zone as a linear scan.
func naiveZone(bounds []float64, x float64) int {
	if math.IsNaN(x) {
		return -1
	}
	i := 0
	for i < len(bounds) && x >= bounds[i] {
		i++
	}
	return i
}

// encodeSamples packs each sample as 8 bytes of float64 bits and 2 bytes of
// weight in eighths (0xffff meaning a NaN weight).
func encodeSamples(x []float64, w8 []uint16) []byte {
	var b []byte
	for i, v := range x {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		b = binary.LittleEndian.AppendUint16(b, w8[i])
	}
	return b
}

func decodeSamples(b []byte) (x, w []float64) {
	for ; len(b) >= 10; b = b[10:] {
		x = append(x, math.Float64frombits(binary.LittleEndian.Uint64(b)))
		u := binary.LittleEndian.Uint16(b[8:])
		if u == 0xffff {
			w = append(w, nan)
		} else {
			w = append(w, float64(u)/8)
		}
	}
	return x, w
}

func encodeFloats(v []float64) []byte {
	var b []byte
	for _, f := range v {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
	}
	return b
}

// validBounds reads float64s from b and makes them valid bounds: NaN
// dropped, sorted, duplicates removed.
func validBounds(b []byte) []float64 {
	var v []float64
	for ; len(b) >= 8; b = b[8:] {
		if f := math.Float64frombits(binary.LittleEndian.Uint64(b)); !math.IsNaN(f) {
			v = append(v, f)
		}
	}
	slices.Sort(v)
	return slices.Compact(v)
}

// sameBits reports whether a and b hold the same float64 bit patterns, so
// that NaN equals NaN.
func sameBits(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool {
		return math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
	})
}
