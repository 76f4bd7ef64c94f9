package analyze_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/fixture"
)

func TestGradeCost(t *testing.T) {
	tests := []struct {
		name  string
		grade float64
		// cost is worked out by hand from Minetti's polynomial
		// 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6.
		cost float64
	}{
		{"flat", 0, 3.6},
		// 155.4e-5 − 30.4e-4 − 43.3e-3 + 46.3e-2 + 1.95 + 3.6
		// = 0.001554 − 0.00304 − 0.0433 + 0.463 + 1.95 + 3.6.
		{"+10 %", 0.1, 5.968214},
		// 155.4·3.125e-7 − 30.4·6.25e-6 − 43.3·1.25e-4 + 46.3·0.0025 +
		// 0.975 + 3.6 = 4.85625e-5 − 1.9e-4 − 5.4125e-3 + 0.11575 + 0.975 + 3.6.
		{"+5 %", 0.05, 4.6851960625},
		// 0.45² = 0.2025, ³ = 0.091125, ⁴ = 0.04100625, ⁵ = 0.0184528125:
		// 2.8675670625 − 1.24659 − 3.9457125 + 9.37575 + 8.775 + 3.6.
		{"+45 %", 0.45, 19.4260145625},
		{"clamped at +45 %", 0.6, 19.4260145625},
		// −2.8675670625 − 1.24659 + 3.9457125 + 9.37575 − 8.775 + 3.6.
		{"−45 %", -0.45, 4.0323054375},
		{"clamped at −45 %", -3, 4.0323054375},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := analyze.GradeCost(tt.grade); !paceClose(got, tt.cost, 1e-12) {
				t.Errorf("GradeCost(%v) = %v, want %v", tt.grade, got, tt.cost)
			}
			// Runalyze's form: flat-equivalent pace = pace × (3.6/Cr)^0.83.
			want := 360 * math.Pow(3.6/tt.cost, 0.83)
			if got := analyze.GradeAdjustedPace(360, tt.grade); !paceClose(got, want, 1e-9) {
				t.Errorf("GradeAdjustedPace(360, %v) = %v, want %v", tt.grade, got, want)
			}
		})
	}
	// On the flat the factor is exactly 1: GAP is the pace.
	if got := analyze.GradeAdjustedPace(372.5, 0); got != 372.5 {
		t.Errorf("GAP on the flat = %v, want the pace 372.5", got)
	}
	// (3.6/5.968214)^0.83 = 0.6573251: 6:00/km up 10 % is worth 3:56.6/km.
	if got := analyze.GradeFactor(0.1); !paceClose(got, 0.6573251, 1e-7) {
		t.Errorf("GradeFactor(0.1) = %v, want 0.6573251", got)
	}
	if !math.IsNaN(analyze.GradeAdjustedPace(360, math.NaN())) || !math.IsNaN(analyze.GradeAdjustedPace(math.NaN(), 0)) {
		t.Error("a NaN grade or pace must give a NaN GAP")
	}
	got := analyze.GradeAdjustedPaces(nil, []float64{360, math.NaN(), 360}, []float64{0, 0, math.NaN()})
	if got[0] != 360 || !math.IsNaN(got[1]) || !math.IsNaN(got[2]) {
		t.Errorf("GradeAdjustedPaces = %v, want [360 NaN NaN]", got)
	}
}

// terrainNoisy returns a 1 Hz profile: 100 m for 60 s, up 0.5 m/s to 150 m
// (100 s), 150 m for 60 s, down 0.5 m/s to 120 m (60 s), 120 m to the end,
// 341 samples in all, plus a noise of +1 m at even seconds and −1 m at odd
// ones.
func terrainNoisy() (tm, alt []float64) {
	for i := range 341 {
		var v float64
		switch {
		case i < 60:
			v = 100
		case i < 160:
			v = 100 + 0.5*float64(i-59)
		case i < 220:
			v = 150
		case i < 280:
			v = 150 - 0.5*float64(i-219)
		default:
			v = 120
		}
		if i%2 == 0 {
			v++
		} else {
			v--
		}
		tm, alt = append(tm, float64(i)), append(alt, v)
	}
	return tm, alt
}

func TestElevationGainLoss(t *testing.T) {
	_, noisy := terrainNoisy()
	nan := math.NaN()
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]float64, 1000)
	for i := range random {
		random[i] = 500 + 2*rng.Float64() - 1 // within ±1 m
	}
	tests := []struct {
		name       string
		alt        []float64
		hysteresis float64
		gain, loss float64
	}{
		// The climb counts from its lowest value, 100 − 1 = 99 m, to its
		// highest, 150 + 1 = 151 m: 52 m. The descent from 151 to 119: 32
		// m. The noise's dips of 2 − 0.5 = 1.5 m on the way are below 3 m.
		{"up 50 down 30 with ±1 m noise", noisy, 3, 52, 32},
		{"noise only", []float64{100, 102, 100, 102, 101, 100, 102}, 3, 0, 0},
		{"random noise within ±1 m", random, 3, 0, 0},
		// A dip of 2 m inside a climb is one climb of 20 m.
		{"dip below the hysteresis", []float64{0, 10, 8, 20}, 3, 20, 0},
		{"dip reaching the hysteresis", []float64{0, 10, 7, 20}, 3, 23, 3},
		{"without hysteresis every rise counts", []float64{0, 10, 8, 20}, 0, 22, 2},
		{"negative hysteresis is none", []float64{0, 1, 0.5, 2}, -1, 2.5, 0.5},
		// Swings first below and then above the start: the climb counts
		// from the lowest point, 98 m.
		{"start inside the range", []float64{100, 98, 99, 101.5}, 3, 3.5, 0},
		{"climb under way at the end", []float64{0, 5, 4, 6}, 3, 6, 0},
		{"descent under way at the end", []float64{10, 0, 1}, 3, 0, 10},
		{"NaN skipped", []float64{nan, 0, nan, 10, nan, 0, nan}, 3, 10, 10},
		{"empty", nil, 3, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gain, loss := analyze.ElevationGainLoss(tt.alt, tt.hysteresis)
			if !paceClose(gain, tt.gain, 1e-9) || !paceClose(loss, tt.loss, 1e-9) {
				t.Errorf("gain, loss = %v, %v; want %v, %v", gain, loss, tt.gain, tt.loss)
			}
		})
	}
}

// TestTerrainNoisyProfile smooths the noisy profile before counting. The
// 30 s window holds 31 samples, over which the alternating noise sums to the
// sign of its first sample: the smoothed noise is ±1/31 m inside the run.
// Near the ends the window shrinks to 2m+1 samples centred on sample m (or
// on the m-th from the end), whose noise sum is that of sample 0 (or of the
// last, sample 340): +1 both, so the ends add nothing below. The smoothed
// profile thus reaches 150 + 1/31 on top and 100 − 1/31 and 120 − 1/31
// below: a gain of 50 + 2/31 and a loss of 30 + 2/31.
func TestTerrainNoisyProfile(t *testing.T) {
	tm, alt := terrainNoisy()
	s := analyze.SmoothAltitude(nil, tm, alt, analyze.DefaultTerrainWindow)
	gain, loss := analyze.ElevationGainLoss(s, analyze.DefaultTerrainHysteresis)
	if !paceClose(gain, 50+2.0/31, 1e-9) || !paceClose(loss, 30+2.0/31, 1e-9) {
		t.Errorf("gain, loss = %v, %v; want %v, %v", gain, loss, 50+2.0/31, 30+2.0/31)
	}
	if s[0] != alt[0] || s[340] != alt[340] {
		t.Errorf("ends %v, %v; want the raw %v, %v", s[0], s[340], alt[0], alt[340])
	}
}

func TestSmoothAltitude(t *testing.T) {
	nan := math.NaN()
	ramp := func() (tm, alt []float64) {
		for i := range 21 {
			tm, alt = append(tm, float64(i)), append(alt, 100+0.3*float64(i))
		}
		return tm, alt
	}
	spike := func() (tm, alt []float64) {
		for i := range 61 {
			v := 0.0
			if i == 30 {
				v = 31
			}
			tm, alt = append(tm, float64(i)), append(alt, v)
		}
		return tm, alt
	}
	tests := []struct {
		name   string
		series func() (tm, alt []float64)
		window float64
		want   func(i int, tm, alt []float64) float64
	}{
		{
			// A steady climb stays as it is, to its ends: the window is
			// centred everywhere.
			name: "linear ramp kept", series: ramp, window: 30,
			want: func(i int, _, alt []float64) float64 { return alt[i] },
		},
		{
			// A 31 m spike in a 31-sample window is 1 m for each sample
			// whose window holds it, 15 to 45; sample 14's window has
			// shrunk to 0..28 and sample 46's to 32..60.
			name: "spike spread over its window", series: spike, window: 30,
			want: func(i int, _, _ []float64) float64 {
				if i >= 15 && i <= 45 {
					return 1
				}
				return 0
			},
		},
		{
			name: "unknown values stay unknown and are left out",
			series: func() ([]float64, []float64) {
				return []float64{0, 1, 2, 3, 4, 5}, []float64{nan, 1, 2, nan, 4, nan}
			},
			window: 4,
			// The known ends are 1 and 4 s: sample 1 keeps 1; sample 2
			// (half-width min(2, 1, 2) = 1) averages 1 and 2; sample 4 keeps 4.
			want: func(i int, _, _ []float64) float64 { return []float64{nan, 1, 1.5, nan, 4, nan}[i] },
		},
		{
			name: "no window copies", series: spike, window: -1,
			want: func(i int, _, alt []float64) float64 { return alt[i] },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm, alt := tt.series()
			orig := append([]float64(nil), alt...)
			got := analyze.SmoothAltitude(nil, tm, alt, tt.window)
			for i := range got {
				if want := tt.want(i, tm, orig); !paceClose(got[i], want, 1e-9) {
					t.Errorf("smoothed[%d] = %v, want %v", i, got[i], want)
				}
			}
			for i := range alt {
				if !paceClose(alt[i], orig[i], 0) {
					t.Fatal("SmoothAltitude modified its input")
				}
			}
		})
	}
}

func TestGradeSeries(t *testing.T) {
	nan := math.NaN()
	// Samples every 4 m from 0 to 96 m, flat to 48 m, then 10 %.
	var dist, kink, steady, wall []float64
	for d := 0.0; d <= 96; d += 4 {
		dist = append(dist, d)
		kink = append(kink, 0.1*max(d-48, 0))
		steady = append(steady, 600+0.05*d)
		wall = append(wall, -2*d)
	}
	tests := []struct {
		name       string
		dist, alt  []float64
		span       float64
		check      []int // sample indices to check, all when nil
		want       []float64
		wantByDist func(d float64) float64
	}{
		{name: "constant 5 %", dist: dist, alt: steady, wantByDist: func(float64) float64 { return 0.05 }},
		{
			// Centred on sample 12 (48 m): the last sample at or before
			// 43 m is 40 m, the first at or after 53 m is 56 m: 0.8 m over
			// 16 m. At 44 m: 36 -> 52 m, 0.4/16. At 52 m: 44 -> 60 m,
			// 1.2/16. At 56 m: 48 -> 64 m, 1.6/16. At 0 and 4 m the start
			// pair 0 -> 12 m (flat); at 92 and 96 m the end pair 84 -> 96 m.
			name: "kink", dist: dist, alt: kink,
			check: []int{0, 1, 11, 12, 13, 14, 23, 24},
			want:  []float64{0, 0, 0.025, 0.05, 0.075, 0.1, 0.1, 0.1},
		},
		{name: "clamped to −45 %", dist: dist, alt: wall, wantByDist: func(float64) float64 { return -0.45 }},
		{
			name: "too short", dist: []float64{0, 4, 8}, alt: []float64{0, 1, 2},
			wantByDist: func(float64) float64 { return nan },
		},
		{
			// The unknown altitude at 8 m is left out: sample 1 (4 m) is
			// at the start, pair 0 -> 12 m; sample 3 (12 m) pairs 4 and 20 m.
			name: "unknown altitude", dist: []float64{0, 4, 8, 12, 16, 20},
			alt: []float64{0, 0.4, nan, 1.2, 1.6, 2}, check: []int{1, 2, 3},
			want: []float64{0.1, nan, 0.1},
		},
		{
			// A distance going back counts as standing: 20, 18 -> 20, 20.
			name: "distance going back", dist: []float64{0, 10, 20, 18, 30},
			alt: []float64{0, 1, 2, 2, 3}, check: []int{3}, want: []float64{0.1},
		},
		{
			name: "span widened", dist: dist, alt: kink, span: 40,
			// Sample 12 (48 m): 28 -> 68 m, 2.0 m over 40 m.
			check: []int{12}, want: []float64{0.05},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyze.GradeSeries(nil, tt.dist, tt.alt, tt.span)
			if tt.check == nil {
				for i, d := range tt.dist {
					if want := tt.wantByDist(d); !paceClose(got[i], want, 1e-12) {
						t.Errorf("grade at %v m = %v, want %v", d, got[i], want)
					}
				}
				return
			}
			for j, i := range tt.check {
				if !paceClose(got[i], tt.want[j], 1e-12) {
					t.Errorf("grade at %v m = %v, want %v", tt.dist[i], got[i], tt.want[j])
				}
			}
		})
	}
}

// terrainSteepRun is a 1 Hz run at 2 m/s (samples every 2 m): flat to 200 m,
// +10 % to 400 m, +3 % to 600 m, +10 % to 700 m, flat to 800 m; 36 m of
// climbing. The temperature is 10 °C for the first 200 s and 20 °C after.
func terrainSteepRun() *activity.Activity {
	var s activity.Samples
	for i := range 401 {
		d := 2 * float64(i)
		var alt float64
		switch {
		case d <= 200:
		case d <= 400:
			alt = 0.1 * (d - 200)
		case d <= 600:
			alt = 20 + 0.03*(d-400)
		case d <= 700:
			alt = 26 + 0.1*(d-600)
		default:
			alt = 36
		}
		temp := 10.0
		if i >= 200 {
			temp = 20
		}
		s.Time = append(s.Time, float64(i))
		s.Distance = append(s.Distance, d)
		s.Speed = append(s.Speed, 2)
		s.Altitude = append(s.Altitude, alt)
		s.Temperature = append(s.Temperature, temp)
	}
	return &activity.Activity{Meta: activity.Metadata{Sport: "running", SubSport: "trail"}, Samples: s}
}

// TestTerrainSteepStretch grades the hand-built run without smoothing. The
// grade of the sample at x metres pairs the samples at x − 6 and x + 6 m: on
// the first climb it reaches 6 % from x = 202 m (0.8 m over 12 m; at 200 m
// 0.6/12 = 5 %) to x = 400 m (19.4 -> 20.18 m: 0.78/12 = 6.5 %; at 402 m
// 0.64/12). That is the samples at 101 to 200 s: 100 steps of 2 m, 200 m in
// 100 s from 101 s. The second climb is steep from 600 m (25.82 -> 26.6 m,
// 6.5 %) to 698 m (35.2 -> 36 m): 50 samples, 100 m.
func TestTerrainSteepStretch(t *testing.T) {
	a := terrainSteepRun()
	k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
	tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
	s := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{Window: -1})
	c := s.LongestSteepClimb
	if !s.Known || c.Start != 101 || !paceClose(float64(c.Distance), 200, 1e-9) || c.Seconds != 100 {
		t.Errorf("longest steep climb %+v, want 200 m in 100 s from 101 s", c)
	}
	if s.SteepClimbTime != 150 || s.SteepDescentTime != 0 || s.LongestSteepDescent.Start.Known() || s.LongestSteepDescent.Distance != 0 {
		t.Errorf("steep climb %v s, descent %v s %+v; want 150 s and none", s.SteepClimbTime, s.SteepDescentTime, s.LongestSteepDescent)
	}
	if !paceClose(float64(s.Ascent), 36, 1e-9) || s.Descent != 0 || !paceClose(float64(s.AscentPerKm), 45, 1e-9) {
		t.Errorf("ascent %v, descent %v, per km %v; want 36, 0, 45", s.Ascent, s.Descent, s.AscentPerKm)
	}
	if !paceClose(float64(s.MaxGrade), 10, 1e-9) || s.MinGrade != 0 || s.SteepGrade != 6 {
		t.Errorf("grades %v..%v, steep %v; want 0..10, 6", s.MinGrade, s.MaxGrade, s.SteepGrade)
	}
	// 200 s at 10 °C, 200 s at 20 °C (the last sample lasts 0 s).
	if s.Temperature != 15 {
		t.Errorf("temperature %v, want 15", s.Temperature)
	}
	// A lower threshold joins the two climbs through the 3 % stretch.
	s = analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{Window: -1, SteepGrade: 2.5})
	if c := s.LongestSteepClimb; c.Distance < 400 {
		t.Errorf("at 2.5 %%, longest steep climb %+v, want the 500 m from 200 to 700 m", c)
	}
}

// TestTerrainFixtures checks the generated fixtures whose terrain is known.
func TestTerrainFixtures(t *testing.T) {
	// hilly.json: 5 s samples; climbs of 48 samples at +0.6 m each (+6 %
	// at 10 m a sample), descents at −0.6 m each (−4.8 % at 12.5 m). The
	// raw altitude rises 57.6 m and falls 57.6 m. The 30 s window holds 7
	// samples, which keep a straight line but cut each peak and valley by
	// 0.6 × (2 × (1+2+3))/7 = 7.2/7 m; the climbs start from, and the last
	// descent ends on, flat ground (no cut): 57.6 − 3 × 7.2/7 each way.
	t.Run("hilly", func(t *testing.T) {
		a, k, tl := paceOpen(t, "hilly.fit")
		s := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{})
		want := 57.6 - 3*7.2/7
		if !s.Known || !paceClose(float64(s.Ascent), want, 1e-9) || !paceClose(float64(s.Descent), want, 1e-9) {
			t.Errorf("ascent %v, descent %v; want %v", s.Ascent, s.Descent, want)
		}
		if s.Distance != 4260 || !paceClose(float64(s.AscentPerKm), want/4.26, 1e-9) || s.Temperature != 14 {
			t.Errorf("distance %v, per km %v, temperature %v", s.Distance, s.AscentPerKm, s.Temperature)
		}
		if !paceClose(float64(s.MaxGrade), 6, 1e-9) || !paceClose(float64(s.MinGrade), -4.8, 1e-9) {
			t.Errorf("grades %v..%v, want −4.8..6", s.MinGrade, s.MaxGrade)
		}
		// On a climb starting at sample 0 (300 s), the smoothed altitude
		// is straight from sample 3 on; the grade of sample k pairs k−1 and
		// k+1, so it is 6 % from k = 4 (320 s) to 44, where the window of
		// sample 45 meets the peak at 48: 41 samples, 410 m, 205 s. Each
		// climb has as many.
		c := s.LongestSteepClimb
		if c.Start != 320 || !paceClose(float64(c.Distance), 410, 1e-9) || c.Seconds != 205 || s.SteepClimbTime != 410 {
			t.Errorf("steep climb %+v, total %v s; want 410 m in 205 s from 320 s, 410 s", c, s.SteepClimbTime)
		}
		// Without smoothing the gain is the raw sum the fixture states.
		raw := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{Window: -1})
		if !paceClose(float64(raw.Ascent), 57.6, 1e-9) || !paceClose(float64(raw.Descent), 57.6, 1e-9) {
			t.Errorf("unsmoothed ascent %v, descent %v; want 57.6", raw.Ascent, raw.Descent)
		}
		// The altitude is the same in every format.
		for _, ext := range []string{"gpx", "tcx"} {
			a, k, tl := paceOpen(t, "hilly."+ext)
			if g := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{}); !paceClose(float64(g.Ascent), want, 1e-9) {
				t.Errorf("%s: ascent %v, want %v", ext, g.Ascent, want)
			}
		}
	})
	// terrain-grade.json: 4 s samples; +5 % at 2 m/s and −4 % at 2.5 m/s,
	// both 0.4 m a sample; the 30 s window holds 7 samples and cuts the
	// one peak by 0.4 × (2 × (1+2+3))/7 = 4.8/7 m.
	t.Run("terrain-grade", func(t *testing.T) {
		a, k, tl := paceOpen(t, "terrain-grade.fit")
		s := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{})
		if !paceClose(float64(s.Ascent), 100-4.8/7, 1e-9) || !paceClose(float64(s.Descent), 40-4.8/7, 1e-9) ||
			s.MinAltitude != 600 || !paceClose(float64(s.MaxAltitude), 700-4.8/7, 1e-9) {
			t.Errorf("ascent %v, descent %v, altitude %v..%v", s.Ascent, s.Descent, s.MinAltitude, s.MaxAltitude)
		}
		if !paceClose(float64(s.MaxGrade), 5, 1e-9) || !paceClose(float64(s.MinGrade), -4, 1e-9) || s.SteepClimbTime != 0 || s.Temperature != 18 {
			t.Errorf("grades %v..%v, steep %v s, temperature %v", s.MinGrade, s.MaxGrade, s.SteepClimbTime, s.Temperature)
		}
		// Mid-climb (500 s: sample 125) and mid-descent (1440 s: sample
		// 360), the grade is exact and GAP is the fixture's: 500 ×
		// (3.6/4.6851960625)^0.83 = 401.788 and 400 ×
		// (3.6/2.89675746304)^0.83 = 479.076 s/km.
		alt := analyze.SmoothAltitude(nil, a.Samples.Time, a.Samples.Altitude, analyze.DefaultTerrainWindow)
		grade := analyze.GradeSeries(nil, k.Distance, alt, analyze.DefaultGradeSpan)
		gap := analyze.GradeAdjustedPaces(nil, analyze.PaceSeries(nil, k.Speed, tl.Moving), grade)
		for _, c := range []struct {
			i          int
			grade, gap float64
		}{{125, 0.05, 401.7880642}, {360, -0.04, 479.0755373}} {
			if !paceClose(grade[c.i], c.grade, 1e-12) || !paceClose(gap[c.i], c.gap, 1e-6) {
				t.Errorf("sample %d: grade %v, GAP %v; want %v, %v", c.i, grade[c.i], gap[c.i], c.grade, c.gap)
			}
		}
		// The run's GAP, were every phase exact: 1880 s over 1200 m flat
		// + 2000 m / 0.8035761 + 1000 m / 1.1976888 = 4523.9 m of flat
		// equivalent: 415.58 s/km. The rounding at the three kinks moves
		// it by less than 0.1 %.
		if ideal := 415.578377; !paceClose(float64(s.AvgGAP), ideal, ideal*1e-3) {
			t.Errorf("average GAP %v, want %v within 0.1 %%", s.AvgGAP, ideal)
		}
	})
	// On flat ground the average GAP is the average moving pace.
	t.Run("recovery-easy", func(t *testing.T) {
		a, k, tl := paceOpen(t, "recovery-easy.fit")
		s := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{})
		p := analyze.NewPaceSummary(a, k, tl, analyze.PaceOptions{})
		if s.Ascent != 0 || s.Descent != 0 || s.MaxGrade != 0 || !paceClose(float64(s.AvgGAP), float64(p.AvgPace), 1e-9) {
			t.Errorf("ascent %v, descent %v, max grade %v, GAP %v; want 0, 0, 0, the average pace %v", s.Ascent, s.Descent, s.MaxGrade, s.AvgGAP, p.AvgPace)
		}
	})
	t.Run("treadmill", func(t *testing.T) {
		for _, c := range []struct{ file, why string }{
			{"treadmill.fit", "sub_sport treadmill"},
			{"treadmill.tcx", "no altitude"},
		} {
			a, k, tl := paceOpen(t, c.file)
			s := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{})
			if s.Known || !strings.Contains(s.Reason, c.why) || s.Ascent.Known() || s.AvgGAP.Known() || s.Distance != 4410 {
				t.Errorf("%s: %+v; want unknown terrain, %q", c.file, s, c.why)
			}
		}
	})
}

// 8:20/km up a 5 % slope takes the effort of 6:42/km on the flat.
func ExampleGradeAdjustedPace() {
	pace, err := analyze.ParsePace("8:20")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("Cr(5 %%) = %.4f J/kg/m\n", analyze.GradeCost(0.05))
	fmt.Printf("GAP %s/km\n", analyze.FormatPace(analyze.GradeAdjustedPace(pace, 0.05)))
	fmt.Printf("GAP at -4 %%: %s/km\n", analyze.FormatPace(analyze.GradeAdjustedPace(400, -0.04)))
	// Output:
	// Cr(5 %) = 4.6852 J/kg/m
	// GAP 6:42/km
	// GAP at -4 %: 7:59/km
}

// terrainBenchRun is a 3-hour run recorded every second: ten times 8 min
// flat, 2 min at +8 %, 2 min at −8 % and 6 min flat, all at 6:40/km
// (2.5 m/s, so 0.2 m of altitude a second on the slopes).
func terrainBenchRun(tb testing.TB) *activity.Activity {
	tb.Helper()
	d := fixture.Description{
		Name:      "bench-3h",
		Start:     time.Date(2026, 3, 22, 7, 0, 0, 0, time.UTC),
		Terrain:   fixture.Terrain{Altitude: 500},
		Route:     fixture.Route{Loop: 2000},
		Phases:    nil,
		Recording: fixture.Recording{Interval: 1},
	}
	for range 10 {
		for _, p := range []struct {
			min   fixture.Seconds
			grade float64
		}{{8, 0}, {2, 8}, {2, -8}, {6, 0}} {
			d.Phases = append(d.Phases, fixture.Phase{Duration: p.min * 60, Pace: 400, HRStart: 130, HREnd: 130, Cadence: 84, Grade: p.grade})
		}
	}
	a, err := d.Activity()
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// TestTerrainBenchRun checks that the benchmark input is graded right. At
// 2.5 m/s for 10800 s the run is 27000 m: 27 splits of 400 s. Each climb
// rises 24 m; the 31-sample window cuts each peak by 0.2 × (2 × (1+…+15))/31
// = 48/31 m, and climbs and descents start and end on flat ground: 10 × (24 −
// 48/31) m each way.
func TestTerrainBenchRun(t *testing.T) {
	a := terrainBenchRun(t)
	k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
	tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
	p := analyze.NewPaceSummary(a, k, tl, analyze.PaceOptions{})
	if a.Samples.Len() != 10801 || p.MovingTime != 10800 || p.MovingDistance != 27000 || p.AvgPace != 400 || p.MedianPace != 400 || len(p.Splits) != 27 {
		t.Fatalf("%d samples, %v s, %v m, %v s/km, median %v, %d splits", a.Samples.Len(), p.MovingTime, p.MovingDistance, p.AvgPace, p.MedianPace, len(p.Splits))
	}
	for _, sp := range p.Splits {
		if sp.Distance != 1000 || !paceClose(float64(sp.Time), 400, 1e-9) {
			t.Errorf("split %+v, want 1000 m in 400 s", sp)
		}
	}
	s := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{})
	want := 10 * (24 - 48.0/31)
	if !paceClose(float64(s.Ascent), want, 1e-8) || !paceClose(float64(s.Descent), want, 1e-8) ||
		!paceClose(float64(s.MaxGrade), 8, 1e-9) || !paceClose(float64(s.MinGrade), -8, 1e-9) {
		t.Errorf("ascent %v, descent %v, grades %v..%v; want %v each way, −8..8", s.Ascent, s.Descent, s.MinGrade, s.MaxGrade, want)
	}
}

func BenchmarkPaceSummary(b *testing.B) {
	a := terrainBenchRun(b)
	k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
	tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
	ref := analyze.PaceReference{Kind: analyze.Ref5K, Pace: 300}
	opt := analyze.PaceOptions{Reference: &ref, Band: &analyze.PaceBand{Min: 90, Max: 120}, HeartRate: a.Samples.HeartRate}
	b.ReportAllocs()
	for b.Loop() {
		analyze.NewPaceSummary(a, k, tl, opt)
	}
}

func BenchmarkTerrainSummary(b *testing.B) {
	a := terrainBenchRun(b)
	k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
	tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
	b.ReportAllocs()
	for b.Loop() {
		analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{})
	}
}
