package zones

import (
	"errors"
	"math"
	"slices"
	"testing"
)

var (
	nan = math.NaN()
	inf = math.Inf(1)
)

func TestModels(t *testing.T) {
	z0to5 := []string{"Z0", "Z1", "Z2", "Z3", "Z4", "Z5"}
	tests := []struct {
		name       string
		make       func() (Zones, error)
		wantName   string
		wantBounds []float64
		wantNames  []string
	}{
		{
			// Garmin default: 50, 60, 70, 80, 90 % of 190.
			name:       "HRMax default 190",
			make:       func() (Zones, error) { return HRMax(190, nil) },
			wantName:   "percent_max_hr",
			wantBounds: []float64{95, 114, 133, 152, 171},
			wantNames:  z0to5,
		},
		{
			name:       "HRMax default 185, half bpm",
			make:       func() (Zones, error) { return HRMax(185, []float64{}) },
			wantName:   "percent_max_hr",
			wantBounds: []float64{92.5, 111, 129.5, 148, 166.5},
			wantNames:  z0to5,
		},
		{
			// An explicit 100 % is a bound: a zone above max.
			name:       "HRMax with 100 %",
			make:       func() (Zones, error) { return HRMax(200, []float64{55, 65, 100}) },
			wantName:   "percent_max_hr",
			wantBounds: []float64{110, 130, 200},
			wantNames:  []string{"Z0", "Z1", "Z2", "Z3"},
		},
		{
			// Reserve 130: 60 + 65, 78, 91, 104, 117.
			name:       "HRR default 60-190",
			make:       func() (Zones, error) { return HRR(60, 190, nil) },
			wantName:   "percent_hrr",
			wantBounds: []float64{125, 138, 151, 164, 177},
			wantNames:  z0to5,
		},
		{
			name:       "HRR custom pct",
			make:       func() (Zones, error) { return HRR(50, 200, []float64{55, 65}) },
			wantName:   "percent_hrr",
			wantBounds: []float64{132.5, 147.5},
			wantNames:  []string{"Z0", "Z1", "Z2"},
		},
		{
			name:       "LTHR 170",
			make:       func() (Zones, error) { return LTHR(170, []float64{80, 100}) },
			wantName:   "percent_lthr",
			wantBounds: []float64{136, 170},
			wantNames:  []string{"Z0", "Z1", "Z2"},
		},
		{
			// 170 × 0.85, 0.90, 0.95, 1.00, 1.03, 1.07.
			name:       "Friel 170",
			make:       func() (Zones, error) { return Friel(170) },
			wantName:   "friel",
			wantBounds: []float64{144.5, 153, 161.5, 170, 175.1, 181.9},
			wantNames:  []string{"Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"},
		},
		{
			// 170 × 0.68, 0.83, 0.94, 1.05.
			name:       "Coggan 170",
			make:       func() (Zones, error) { return Coggan(170) },
			wantName:   "coggan",
			wantBounds: []float64{115.6, 141.1, 159.8, 178.5},
			wantNames:  []string{"Z1", "Z2", "Z3", "Z4", "Z5"},
		},
		{
			name:       "Custom",
			make:       func() (Zones, error) { return Custom([]float64{100, 130, 150}) },
			wantName:   "custom",
			wantBounds: []float64{100, 130, 150},
			wantNames:  []string{"Z0", "Z1", "Z2", "Z3"},
		},
		{
			// Six watch entries, seven zones, as Garmin stores them: the
			// last holds the heart rates above the top (190).
			name:       "Watch",
			make:       func() (Zones, error) { return Watch([]float64{94, 113, 132, 151, 170, 190}) },
			wantName:   "watch",
			wantBounds: []float64{94, 113, 132, 151, 170, 190},
			wantNames:  []string{"Z0", "Z1", "Z2", "Z3", "Z4", "Z5", "Z6"},
		},
		{
			name:       "Watch one entry",
			make:       func() (Zones, error) { return Watch([]float64{0}) },
			wantName:   "watch",
			wantBounds: []float64{0},
			wantNames:  []string{"Z0", "Z1"},
		},
		{
			// 5K pace 5:00/km, recreational recovery band +90 to +120 s/km.
			name:       "Pace 5K recovery band",
			make:       func() (Zones, error) { return Pace(300, []float64{90, 120}) },
			wantName:   "pace",
			wantBounds: []float64{390, 420},
			wantNames:  []string{"Z0", "Z1", "Z2"},
		},
		{
			name:       "Pace with faster offset",
			make:       func() (Zones, error) { return Pace(240, []float64{-10, 0, 30}) },
			wantName:   "pace",
			wantBounds: []float64{230, 240, 270},
			wantNames:  []string{"Z0", "Z1", "Z2", "Z3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			if z.Name != tt.wantName {
				t.Errorf("Name = %q, want %q", z.Name, tt.wantName)
			}
			if !slices.Equal(z.Bounds, tt.wantBounds) {
				t.Errorf("Bounds = %v, want %v", z.Bounds, tt.wantBounds)
			}
			if !slices.Equal(z.Names, tt.wantNames) {
				t.Errorf("Names = %q, want %q", z.Names, tt.wantNames)
			}
		})
	}
}

func TestModelErrors(t *testing.T) {
	tests := []struct {
		name string
		make func() (Zones, error)
	}{
		{"HRMax zero", func() (Zones, error) { return HRMax(0, nil) }},
		{"HRMax negative", func() (Zones, error) { return HRMax(-190, nil) }},
		{"HRMax NaN", func() (Zones, error) { return HRMax(nan, nil) }},
		{"HRMax Inf", func() (Zones, error) { return HRMax(inf, nil) }},
		{"HRMax pct decreasing", func() (Zones, error) { return HRMax(190, []float64{60, 50}) }},
		{"HRMax pct repeated", func() (Zones, error) { return HRMax(190, []float64{50, 50}) }},
		{"HRMax pct negative", func() (Zones, error) { return HRMax(190, []float64{-5, 50}) }},
		{"HRMax pct zero", func() (Zones, error) { return HRMax(190, []float64{0, 50}) }},
		{"HRMax pct NaN", func() (Zones, error) { return HRMax(190, []float64{50, nan}) }},
		{"HRMax pct Inf", func() (Zones, error) { return HRMax(190, []float64{50, inf}) }},
		{"HRR rest zero", func() (Zones, error) { return HRR(0, 190, nil) }},
		{"HRR max NaN", func() (Zones, error) { return HRR(60, nan, nil) }},
		{"HRR rest equals max", func() (Zones, error) { return HRR(190, 190, nil) }},
		{"HRR rest above max", func() (Zones, error) { return HRR(200, 190, nil) }},
		{"HRR pct decreasing", func() (Zones, error) { return HRR(60, 190, []float64{70, 60}) }},
		{"LTHR no pct", func() (Zones, error) { return LTHR(170, nil) }},
		{"LTHR zero", func() (Zones, error) { return LTHR(0, []float64{80}) }},
		{"Friel zero", func() (Zones, error) { return Friel(0) }},
		{"Friel NaN", func() (Zones, error) { return Friel(nan) }},
		{"Coggan negative", func() (Zones, error) { return Coggan(-1) }},
		{"Custom empty", func() (Zones, error) { return Custom(nil) }},
		{"Custom repeated", func() (Zones, error) { return Custom([]float64{120, 120}) }},
		{"Custom decreasing", func() (Zones, error) { return Custom([]float64{130, 120}) }},
		{"Custom NaN", func() (Zones, error) { return Custom([]float64{nan}) }},
		{"Custom Inf", func() (Zones, error) { return Custom([]float64{120, inf}) }},
		{"Watch empty", func() (Zones, error) { return Watch(nil) }},
		{"Watch NaN", func() (Zones, error) { return Watch([]float64{94, nan, 130}) }},
		{"Watch repeated", func() (Zones, error) { return Watch([]float64{94, 94}) }},
		{"Watch negative", func() (Zones, error) { return Watch([]float64{-1, 100}) }},
		{"Watch Inf", func() (Zones, error) { return Watch([]float64{94, inf}) }},
		{"Pace zero", func() (Zones, error) { return Pace(0, []float64{90}) }},
		{"Pace Inf", func() (Zones, error) { return Pace(inf, []float64{90}) }},
		{"Pace no offsets", func() (Zones, error) { return Pace(300, nil) }},
		{"Pace offset NaN", func() (Zones, error) { return Pace(300, []float64{nan}) }},
		{"Pace decreasing", func() (Zones, error) { return Pace(300, []float64{120, 90}) }},
		{"Pace not positive", func() (Zones, error) { return Pace(300, []float64{-300, 0}) }},
		// Finite settings whose bounds overflow: -max-hr 1e307 reached
		// zones.TimeIn with +Inf bounds and panicked there.
		{"HRMax bounds overflow", func() (Zones, error) { return HRMax(1e307, nil) }},
		{"HRMax last bound overflows", func() (Zones, error) { return HRMax(2e306, nil) }},
		{"HRR bounds overflow", func() (Zones, error) { return HRR(60, 1.7e308, nil) }},
		{"LTHR bounds overflow", func() (Zones, error) { return LTHR(1e307, []float64{80, 120}) }},
		{"Friel bounds overflow", func() (Zones, error) { return Friel(1e307) }},
		{"Coggan bounds overflow", func() (Zones, error) { return Coggan(1.7e308) }},
		{"Pace bounds overflow", func() (Zones, error) { return Pace(1.7e308, []float64{1e308}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, err := tt.make()
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if z.Bounds != nil || z.Names != nil || z.Name != "" {
				t.Errorf("got %+v with the error, want the zero Zones", z)
			}
		})
	}
}

func TestCustomCopiesBounds(t *testing.T) {
	b := []float64{100, 130}
	z, err := Custom(b)
	if err != nil {
		t.Fatal(err)
	}
	b[0] = 1
	if z.Bounds[0] != 100 {
		t.Errorf("Custom aliases its input: Bounds[0] = %v after the caller's change", z.Bounds[0])
	}
}

// A value equal to a bound goes to the zone above: exactly 60 % of 190 is
// zone 2, as is every bound's own value.
func TestBoundaryInclusion(t *testing.T) {
	z, err := HRMax(190, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		x    float64
		want int
	}{
		{"below 50 %", 94, 0},
		{"just below 50 %", math.Nextafter(95, 0), 0},
		{"at 50 %", 95, 1},
		{"at 60 %", 114, 2},
		{"at 70 %", 133, 3},
		{"at 80 %", 152, 4},
		{"just below 90 %", 170.999, 4},
		{"at 90 %", 171, 5},
		{"at 100 %", 190, 5},
		{"above max", 230, 5},
		{"far above", 1e300, 5},
		{"+Inf", inf, 5},
		{"zero", 0, 0},
		{"far below", -1e300, 0},
		{"-Inf", -inf, 0},
		{"NaN", nan, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := z.Zone(tt.x); got != tt.want {
				t.Errorf("Zone(%v) = %d, want %d", tt.x, got, tt.want)
			}
		})
	}
}

// Friel's and Coggan's zones for LTHR 170, at whole beats per minute.
func TestThresholdZonesLTHR170(t *testing.T) {
	friel, err := Friel(170)
	if err != nil {
		t.Fatal(err)
	}
	coggan, err := Coggan(170)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		z    Zones
		hr   float64
		want string
	}{
		{"Friel 144", friel, 144, "Z1"},
		{"Friel 145", friel, 145, "Z2"},
		{"Friel 152", friel, 152, "Z2"},
		{"Friel 153", friel, 153, "Z3"}, // exactly 90 %
		{"Friel 161", friel, 161, "Z3"},
		{"Friel 162", friel, 162, "Z4"},
		{"Friel 169", friel, 169, "Z4"},
		{"Friel 170", friel, 170, "Z5a"}, // exactly LTHR
		{"Friel 175", friel, 175, "Z5a"},
		{"Friel 176", friel, 176, "Z5b"},
		{"Friel 181", friel, 181, "Z5b"}, // 106.5 %
		{"Friel 182", friel, 182, "Z5c"},
		{"Friel 220", friel, 220, "Z5c"},
		{"Coggan 115", coggan, 115, "Z1"},
		{"Coggan 116", coggan, 116, "Z2"},
		{"Coggan 141", coggan, 141, "Z2"},
		{"Coggan 142", coggan, 142, "Z3"},
		{"Coggan 159", coggan, 159, "Z3"},
		{"Coggan 160", coggan, 160, "Z4"},
		{"Coggan 178", coggan, 178, "Z4"},
		{"Coggan 179", coggan, 179, "Z5"},
		{"Coggan 40", coggan, 40, "Z1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.z.Names[tt.z.Zone(tt.hr)]; got != tt.want {
				t.Errorf("%v bpm is in %s, want %s", tt.hr, got, tt.want)
			}
		})
	}
}

// A heart rate equal to a watch's stored boundary counts in the zone above,
// as Garmin watches count it (see Watch).
func TestWatchBoundaryGoesUp(t *testing.T) {
	z, err := Watch([]float64{94, 113, 132, 151, 170, 190})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		hr   float64
		want int
	}{
		{40, 0}, {93, 0}, {94, 1}, {112, 1}, {113, 2}, {131, 2},
		{132, 3}, {151, 4}, {170, 5}, {189, 5}, {190, 6}, {200, 6},
	}
	for _, tt := range tests {
		if got := z.Zone(tt.hr); got != tt.want {
			t.Errorf("Zone(%v) = %d, want %d", tt.hr, got, tt.want)
		}
	}
}

func TestPaceZones(t *testing.T) {
	z, err := Pace(300, []float64{90, 120}) // 5:00/km 5K, band 6:30-7:00/km
	if err != nil {
		t.Fatal(err)
	}
	// Paces in s/km: faster than 6:30 is zone 0, the band is zone 1,
	// slower (standing still included) zone 2.
	x := []float64{250, 389, 390, 419.9, 420, inf, nan}
	w := []float64{60, 30, 10, 20, 5, 15, 100}
	got := z.TimeIn(nil, x, w)
	want := []float64{90, 30, 20}
	if !slices.Equal(got, want) {
		t.Errorf("TimeIn = %v, want %v", got, want)
	}
}

func TestHRRTarget(t *testing.T) {
	tests := []struct {
		name           string
		rest, max, pct float64
		want           float64
	}{
		{"70 % of 60-190", 60, 190, 70, 151},
		{"0 % is rest", 60, 190, 0, 60},
		{"100 % is max", 60, 190, 100, 190},
		{"55 % of 50-200", 50, 200, 55, 132.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HRRTarget(tt.rest, tt.max, tt.pct); got != tt.want {
				t.Errorf("HRRTarget(%v, %v, %v) = %v, want %v", tt.rest, tt.max, tt.pct, got, tt.want)
			}
		})
	}
}

func TestRiegel(t *testing.T) {
	tests := []struct {
		name       string
		t1, d1, d2 float64
		want       float64
	}{
		{"same distance", 1500, 5000, 5000, 1500},
		// 2^1.06 = 2.0849315216...
		{"5K 25:00 to 10K", 1500, 5000, 10000, 1500 * 2.0849315216822},
		{"10K back to 5K", 1500 * 2.0849315216822, 10000, 5000, 1500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Riegel(tt.t1, tt.d1, tt.d2)
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Riegel(%v, %v, %v) = %v, want %v", tt.t1, tt.d1, tt.d2, got, tt.want)
			}
		})
	}
}
