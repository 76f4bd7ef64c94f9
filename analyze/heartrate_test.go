package analyze_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/fixture"
)

// hrRuns is the folder of generated fixtures.
var hrRuns = filepath.Join("..", "testdata", "runs")

// hrSeries returns n sample times 0, 1, ..., n-1 seconds and a heart rate
// of f(t) at each.
func hrSeries(n int, f func(t float64) float64) (t, hr []float64) {
	t = make([]float64, n)
	hr = make([]float64, n)
	for i := range n {
		t[i] = float64(i)
		hr[i] = f(t[i])
	}
	return t, hr
}

func hrConst(v float64) func(float64) float64 { return func(float64) float64 { return v } }

// hrCounts is the part of a cleaning result that the tests compare.
type hrCounts struct {
	kept, missing, dropouts, outOfRange, rate, outliers int
}

func hrCountsOf(c analyze.HeartRateCleaning) hrCounts {
	return hrCounts{c.Kept.Samples, c.Missing.Samples, c.Dropouts.Samples, c.OutOfRange.Samples, c.RateOfChange.Samples, c.Outliers.Samples}
}

// hrCheckInvariants checks what holds for every cleaning: every sample is
// counted once, Removed is the sum of the removals, HR is NaN exactly where
// a sample is not kept and equal to the input where it is.
func hrCheckInvariants(t *testing.T, in []float64, c analyze.HeartRateCleaning) {
	t.Helper()
	k := hrCountsOf(c)
	if sum := k.kept + k.missing + k.dropouts + k.outOfRange + k.rate + k.outliers; sum != c.Samples {
		t.Errorf("counts %+v add up to %d, not the %d samples", k, sum, c.Samples)
	}
	if rem := k.dropouts + k.outOfRange + k.rate + k.outliers; rem != c.Removed.Samples {
		t.Errorf("removed %d, the reasons add up to %d", c.Removed.Samples, rem)
	}
	secs := c.Kept.Seconds + c.Missing.Seconds + c.Removed.Seconds
	if math.Abs(secs-c.Recorded) > 1e-9*max(1, c.Recorded) {
		t.Errorf("seconds kept+missing+removed = %v, recorded %v", secs, c.Recorded)
	}
	for i, r := range c.Reason {
		switch {
		case r == analyze.HeartRateKept && c.HR[i] != in[i]:
			t.Errorf("sample %d kept as %v, input %v", i, c.HR[i], in[i])
		case r != analyze.HeartRateKept && !math.IsNaN(c.HR[i]):
			t.Errorf("sample %d is %v (%v), want NaN", i, c.HR[i], r)
		}
	}
}

func TestCleanHeartRateDropoutsAndRange(t *testing.T) {
	tm, hr := hrSeries(30, hrConst(130))
	hr[3] = 0           // dropout
	hr[7] = 255         // dropout
	hr[11] = 20         // below 30
	hr[15] = 250        // above 240
	hr[19] = math.NaN() // missing, not removed
	hr[23] = 30         // the bounds themselves are plausible...
	hr[24] = 30         // ...but 100 bpm below the median: an outlier
	w := slices.Repeat([]float64{1}, 30)
	w[3] = 7 // seconds are counted by weight, not by sample
	w[29] = 0
	in := slices.Clone(hr)
	win := slices.Clone(w)

	c := analyze.CleanHeartRate(tm, hr, nil, w, analyze.HeartRateOptions{MaxRate: -1, MADWindow: -1})
	hrCheckInvariants(t, in, c)
	if got, want := hrCountsOf(c), (hrCounts{kept: 25, missing: 1, dropouts: 2, outOfRange: 2}); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	if c.Dropouts.Seconds != 8 || c.OutOfRange.Seconds != 2 || c.Missing.Seconds != 1 || c.Removed.Seconds != 10 {
		t.Errorf("seconds: dropouts %v (want 8), out of range %v (want 2), missing %v (want 1), removed %v (want 10)",
			c.Dropouts.Seconds, c.OutOfRange.Seconds, c.Missing.Seconds, c.Removed.Seconds)
	}
	// Recorded 28 + 7 = 35 s (29 samples of 1 s but one of 7, the last 0);
	// kept: 25 samples of 1 s, less the last, which weighs 0: 24 s.
	if c.Recorded != 35 || c.Kept.Seconds != 24 || float64(c.Coverage) != 24.0/35 {
		t.Errorf("recorded %v kept %v coverage %v, want 35, 24, 24/35", c.Recorded, c.Kept.Seconds, c.Coverage)
	}
	for i, want := range map[int]analyze.HeartRateReason{
		3: analyze.HeartRateDropout, 7: analyze.HeartRateDropout, 11: analyze.HeartRateOutOfRange,
		15: analyze.HeartRateOutOfRange, 19: analyze.HeartRateMissing, 23: analyze.HeartRateKept,
	} {
		if c.Reason[i] != want {
			t.Errorf("sample %d: %v, want %v", i, c.Reason[i], want)
		}
	}
	if !slices.Equal(w, win) || !slices.EqualFunc(hr, in, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
		t.Error("the input was modified")
	}

	// With every filter on, the two samples at 30 bpm are 100 bpm off the
	// median: the first by more than 20 bpm/s from its neighbour, the
	// second (2 s after the last accepted one, 100 > 40) too.
	c = analyze.CleanHeartRate(tm, hr, nil, w, analyze.HeartRateOptions{})
	hrCheckInvariants(t, in, c)
	if got, want := hrCountsOf(c), (hrCounts{kept: 23, missing: 1, dropouts: 2, outOfRange: 2, rate: 2}); got != want {
		t.Errorf("all filters: counts %+v, want %+v", got, want)
	}
}

func TestCleanHeartRateBounds(t *testing.T) {
	tm, hr := hrSeries(8, hrConst(100))
	hr[1], hr[2], hr[3], hr[4], hr[5] = 29.9, 30, 240, 240.1, math.Inf(1)
	c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{MaxRate: -1, MADWindow: -1})
	want := []analyze.HeartRateReason{analyze.HeartRateKept, analyze.HeartRateOutOfRange, analyze.HeartRateKept,
		analyze.HeartRateKept, analyze.HeartRateOutOfRange, analyze.HeartRateOutOfRange, analyze.HeartRateKept, analyze.HeartRateKept}
	if !slices.Equal(c.Reason, want) {
		t.Errorf("reasons %v, want %v", c.Reason, want)
	}
	// Custom bounds.
	c = analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{MinHR: 35, MaxHR: 200, MaxRate: -1, MADWindow: -1})
	if c.OutOfRange.Samples != 5 {
		t.Errorf("bounds 35-200: %d out of range, want 5", c.OutOfRange.Samples)
	}
}

// A spike of +60 bpm for one sample at 1 Hz is 60 bpm/s: the rate-of-change
// limit removes it, before the median/MAD filter sees it.
func TestCleanHeartRateSpike(t *testing.T) {
	tm, hr := hrSeries(120, func(t float64) float64 { return 120 + t/10 }) // 6 bpm per minute
	hr[50] += 60
	in := slices.Clone(hr)
	c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{})
	hrCheckInvariants(t, in, c)
	if got, want := hrCountsOf(c), (hrCounts{kept: 119, rate: 1}); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	if c.Reason[50] != analyze.HeartRateRateOfChange {
		t.Errorf("the spike is %v", c.Reason[50])
	}
	// Without the rate limit, the median/MAD filter takes it.
	c = analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{MaxRate: -1})
	if got, want := hrCountsOf(c), (hrCounts{kept: 119, outliers: 1}); got != want || c.Reason[50] != analyze.HeartRateOutlier {
		t.Errorf("without the rate limit: counts %+v, want %+v", got, want)
	}
	// Exactly at the limit (20 bpm in 1 s) is kept.
	_, hr = hrSeries(120, hrConst(120))
	hr[50] = 140
	c = analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{MADWindow: -1})
	if c.RateOfChange.Samples != 0 {
		t.Errorf("a change of exactly 20 bpm/s was removed")
	}
}

// A real change of level is accepted once the allowance, 20 bpm per second
// since the last accepted sample, covers it: the filter never locks out.
func TestCleanHeartRateLevelShift(t *testing.T) {
	tm, hr := hrSeries(60, func(t float64) float64 {
		if t < 30 {
			return 120
		}
		return 170 // 50 bpm up: rejected at Δt 1 and 2 s (allowance 20, 40), accepted at 3 s (60)
	})
	c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{MADWindow: -1})
	if c.RateOfChange.Samples != 2 || c.Reason[30] != analyze.HeartRateRateOfChange ||
		c.Reason[31] != analyze.HeartRateRateOfChange || c.Reason[32] != analyze.HeartRateKept {
		t.Errorf("rate of change removed %d samples (%v), want samples 30 and 31", c.RateOfChange.Samples, c.Reason[28:34])
	}
	// Across a dropout, Δt is the time since the last accepted sample.
	tm, hr = hrSeries(20, hrConst(120))
	hr[5], hr[6] = 0, 0
	hr[7] = 170 // 50 bpm in 3 s from sample 4: within 60
	c = analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{MADWindow: -1})
	if c.Reason[7] != analyze.HeartRateKept || c.Dropouts.Samples != 2 {
		t.Errorf("after a dropout: sample 7 %v, dropouts %d", c.Reason[7], c.Dropouts.Samples)
	}
}

// A value 15 bpm off for one second passes the rate limit (15 < 20) and is
// removed by the median/MAD filter (15 > its 10 bpm floor); 9 bpm off stays.
func TestCleanHeartRateMADOutlier(t *testing.T) {
	jitter := []float64{0, 1, -1, 0, 1, 0, -1, 1, 0, -1}
	tm, hr := hrSeries(200, func(t float64) float64 { return 140 + jitter[int(t)%len(jitter)] })
	hr[100] = 155 // the jitter is 0 at 100: 15 off
	hr[150] = 149 // 9 off: below the floor
	in := slices.Clone(hr)
	c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{})
	hrCheckInvariants(t, in, c)
	if got, want := hrCountsOf(c), (hrCounts{kept: 199, outliers: 1}); got != want || c.Reason[100] != analyze.HeartRateOutlier {
		t.Errorf("counts %+v, want %+v, sample 100 %v", got, want, c.Reason[100])
	}
	// With a floor of 5 bpm the 9 bpm sample goes too: the MAD of the
	// jitter is 1, so the threshold is max(3 × 1.4826 × 1, 5) = 5 < 9.
	c = analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{MADFloor: 5})
	if c.Outliers.Samples != 2 || c.Reason[150] != analyze.HeartRateOutlier {
		t.Errorf("floor 5: %d outliers, sample 150 %v", c.Outliers.Samples, c.Reason[150])
	}
}

// Smooth heart rate loses nothing: flat, flat with 1 bpm jitter, a fast
// physiological rise, and a long climb.
func TestCleanHeartRateKeepsRealHeartRate(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(t float64) float64
	}{
		{"flat", hrConst(140)},
		{"jitter", func(t float64) float64 { return 140 + float64(int(t)%3-1) }},
		// onset of a hard effort: 90 to 170 bpm with a 30 s time constant,
		// 2.7 bpm/s at first
		{"onset", func(t float64) float64 { return 170 - 80*math.Exp(-t/30) }},
		{"integer onset", func(t float64) float64 { return math.Round(170 - 80*math.Exp(-t/30)) }},
		{"climb", func(t float64) float64 { return 100 + t/45 }},
		{"intervals", func(t float64) float64 { return 150 + 20*math.Sin(2*math.Pi*t/240) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tm, hr := hrSeries(3600, tc.f)
			c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{})
			hrCheckInvariants(t, hr, c)
			if c.Removed.Samples != 0 || c.Kept.Samples != 3600 || c.Coverage != 1 {
				t.Errorf("removed %+v, kept %d, coverage %v; want nothing removed, coverage 1", c.Removed, c.Kept.Samples, c.Coverage)
			}
		})
	}
}

func TestCleanHeartRateLockOn(t *testing.T) {
	tm, hr := hrSeries(600, hrConst(120))
	for i := range 10 {
		hr[i] = math.NaN() // the sensor reports from 10 s
	}
	hr[10] = 0   // a dropout is not a reading either
	hr[50] = 255 // removed inside the window: not counted in it
	for _, tc := range []struct {
		name    string
		lockOn  float64
		end     float64
		samples int
	}{
		{"default 180 s", 0, 11 + 180, 180 - 1},
		{"120 s", 120, 11 + 120, 120 - 1},
		{"off", -1, math.NaN(), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{LockOn: tc.lockOn})
			if !(float64(c.LockOnEnd) == tc.end || math.IsNaN(tc.end) && !c.LockOnEnd.Known()) {
				t.Errorf("lock-on end %v, want %v", c.LockOnEnd, tc.end)
			}
			if c.LockOn.Samples != tc.samples || c.LockOn.Seconds != float64(tc.samples) {
				t.Errorf("lock-on %+v, want %d samples", c.LockOn, tc.samples)
			}
			// Marked, not removed.
			if c.Kept.Samples != 600-12 {
				t.Errorf("kept %d, want %d", c.Kept.Samples, 600-12)
			}
			for i, m := range c.Marks {
				in := !math.IsNaN(tc.end) && tm[i] >= 11 && tm[i] < tc.end
				if (m&analyze.HeartRateLockOn != 0) != in {
					t.Fatalf("sample %d at %v s: marks %b", i, tm[i], m)
				}
			}
		})
	}
	c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{})
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"lock_on_end_s":191`) {
		t.Errorf("JSON %s lacks lock_on_end_s 191", b)
	}
	c = analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{LockOn: -1})
	if b, err = json.Marshal(c); err != nil || !strings.Contains(string(b), `"lock_on_end_s":null`) {
		t.Errorf("JSON %s, error %v: want lock_on_end_s null", b, err)
	}
}

func TestCleanHeartRateCadenceLock(t *testing.T) {
	const n = 600
	for _, tc := range []struct {
		name     string
		from, to int     // samples [from, to) read the step rate
		cadence  float64 // as the file writes it
		hr       float64 // the heart rate read in the stretch
		want     []analyze.HeartRateStretch
	}{
		{"90 s at 2x cadence", 100, 190, 85, 170, []analyze.HeartRateStretch{{Start: 100, End: 190, Seconds: 90}}},
		{"45 s is too short", 100, 145, 85, 170, nil},
		{"exactly 60 s", 100, 160, 85, 170, []analyze.HeartRateStretch{{Start: 100, End: 160, Seconds: 60}}},
		{"59 s", 100, 159, 85, 170, nil},
		{"within 5 bpm", 200, 300, 85, 175, []analyze.HeartRateStretch{{Start: 200, End: 300, Seconds: 100}}},
		{"6 bpm off", 200, 300, 85, 176, nil},
		{"cadence already in steps", 200, 300, 172, 172, []analyze.HeartRateStretch{{Start: 200, End: 300, Seconds: 100}}},
		{"until the last sample", 500, n, 85, 170, []analyze.HeartRateStretch{{Start: 500, End: 599, Seconds: 99}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tm, hr := hrSeries(n, hrConst(140))
			cad := slices.Repeat([]float64{tc.cadence}, n)
			for i := tc.from; i < tc.to; i++ {
				hr[i] = tc.hr
			}
			c := analyze.CleanHeartRate(tm, hr, cad, nil, analyze.HeartRateOptions{})
			want := tc.want
			if want == nil {
				want = []analyze.HeartRateStretch{}
			}
			if !slices.Equal(c.CadenceLock, want) {
				t.Errorf("stretches %+v, want %+v", c.CadenceLock, want)
			}
			var total float64
			for _, s := range want {
				total += s.Seconds
			}
			if c.CadenceLockSeconds != total {
				t.Errorf("cadence lock %v s, want %v", c.CadenceLockSeconds, total)
			}
			marked := 0
			for _, m := range c.Marks {
				if m&analyze.HeartRateCadenceLock != 0 {
					marked++
				}
			}
			if wantMarked := map[bool]int{true: tc.to - tc.from, false: 0}[len(want) > 0]; marked != wantMarked {
				t.Errorf("%d samples marked, want %d", marked, wantMarked)
			}
		})
	}

	// A missing cadence breaks a stretch: 50 s + 50 s is not 60 s.
	tm, hr := hrSeries(n, hrConst(140))
	cad := slices.Repeat([]float64{85}, n)
	for i := 100; i < 201; i++ {
		hr[i] = 170
	}
	cad[150] = math.NaN()
	if c := analyze.CleanHeartRate(tm, hr, cad, nil, analyze.HeartRateOptions{}); len(c.CadenceLock) != 0 {
		t.Errorf("a broken stretch was flagged: %+v", c.CadenceLock)
	}
	// Off, and without cadence.
	cad[150] = 85
	if c := analyze.CleanHeartRate(tm, hr, cad, nil, analyze.HeartRateOptions{CadenceLockMin: -1}); len(c.CadenceLock) != 0 {
		t.Errorf("switched off, still flagged: %+v", c.CadenceLock)
	}
	if c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{}); len(c.CadenceLock) != 0 {
		t.Errorf("without cadence, flagged: %+v", c.CadenceLock)
	}
	// Seconds are weights, not samples: 101 samples worth 0.5 s each are
	// 50.5 s, too short by default, enough for a 50 s minimum.
	w := slices.Repeat([]float64{0.5}, n)
	if c := analyze.CleanHeartRate(tm, hr, cad, w, analyze.HeartRateOptions{}); len(c.CadenceLock) != 0 {
		t.Errorf("with half-second weights: %+v, want none", c.CadenceLock)
	}
	want := []analyze.HeartRateStretch{{Start: 100, End: 200.5, Seconds: 50.5}}
	if c := analyze.CleanHeartRate(tm, hr, cad, w, analyze.HeartRateOptions{CadenceLockMin: 50}); !slices.Equal(c.CadenceLock, want) {
		t.Errorf("with half-second weights and a 50 s minimum: %+v, want %+v", c.CadenceLock, want)
	}
}

func TestCleanHeartRateNoHeartRate(t *testing.T) {
	tm, _ := hrSeries(100, hrConst(0))
	c := analyze.CleanHeartRate(tm, nil, nil, nil, analyze.HeartRateOptions{})
	if c.Samples != 100 || c.Missing.Samples != 100 || c.Kept.Samples != 0 || c.Coverage != 0 || c.LockOnEnd.Known() {
		t.Errorf("no heart rate: %+v", c)
	}
	c = analyze.CleanHeartRate(nil, nil, nil, nil, analyze.HeartRateOptions{})
	if c.Samples != 0 || c.Coverage.Known() {
		t.Errorf("no samples: %+v", c)
	}
	if _, err := json.Marshal(c); err != nil {
		t.Error(err)
	}
}

func TestCleanHeartRatePanics(t *testing.T) {
	tm, hr := hrSeries(10, hrConst(120))
	for name, f := range map[string]func(){
		"hr length":      func() { analyze.CleanHeartRate(tm, hr[:9], nil, nil, analyze.HeartRateOptions{}) },
		"cadence length": func() { analyze.CleanHeartRate(tm, hr, hr[:9], nil, analyze.HeartRateOptions{}) },
		"weights length": func() { analyze.CleanHeartRate(tm, hr, nil, hr[:9], analyze.HeartRateOptions{}) },
		"negative weight": func() {
			analyze.CleanHeartRate(tm, hr, nil, []float64{1, 1, -1, 1, 1, 1, 1, 1, 1, 1}, analyze.HeartRateOptions{})
		},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

func TestHeartRateOptionsJSON(t *testing.T) {
	tm, hr := hrSeries(10, hrConst(120))
	c := analyze.CleanHeartRate(tm, hr, nil, nil, analyze.HeartRateOptions{})
	b, err := json.Marshal(c.Options)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"min_hr":30,"max_hr":240,"max_rate":20,"mad_window_s":30,"mad_k":3,"mad_floor":10,"lock_on_s":180,"cadence_tolerance":5,"cadence_lock_min_s":60,"stride_cadence_max":130}`
	if string(b) != want {
		t.Errorf("options JSON\n%s\nwant\n%s", b, want)
	}
}

// hrFixtureCleaning opens a generated fixture and cleans its heart rate with
// the default options, weights from its timeline.
func hrFixtureCleaning(t *testing.T, file string) (analyze.HeartRateCleaning, []float64, analyze.Timeline, analyze.Kinematics) {
	t.Helper()
	a, err := analyze.Open(filepath.Join(hrRuns, file))
	if err != nil {
		t.Fatal(err)
	}
	k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
	tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
	s := &a.Samples
	return analyze.CleanHeartRate(s.Time, s.HeartRate, s.Cadence, tl.Weight, analyze.HeartRateOptions{}), s.Time, tl, k
}

// The dropouts fixture, recorded every second, in every format: its 8 zeros
// are dropouts, its 10 NaNs missing, and its two spikes (225 and 41 bpm, 93
// and 88 bpm from their neighbours) are removed by the rate-of-change limit.
func TestCleanHeartRateFixtureDropouts(t *testing.T) {
	d, err := fixture.Load(filepath.Join(hrRuns, "dropouts.json"))
	if err != nil {
		t.Fatal(err)
	}
	zeros, missing, spikes := *d.Expect.HRZeroSamples, *d.Expect.HRMissingSamples, len(d.HREvents.Spikes)
	if zeros != 8 || missing != 10 || spikes != 2 {
		t.Fatalf("the description changed: %d zeros, %d missing, %d spikes", zeros, missing, spikes)
	}
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		t.Run(ext, func(t *testing.T) {
			c, _, _, _ := hrFixtureCleaning(t, "dropouts."+ext)
			want := hrCounts{kept: *d.Expect.Samples - zeros - missing - spikes, missing: missing, dropouts: zeros, rate: spikes}
			if got := hrCountsOf(c); got != want {
				t.Errorf("counts %+v, want %+v", got, want)
			}
			// 1 s each; the last sample (weight 0) is kept.
			if c.Removed.Seconds != 10 || c.Missing.Seconds != 10 || c.Recorded != 420 {
				t.Errorf("removed %v s, missing %v s, recorded %v s; want 10, 10, 420", c.Removed.Seconds, c.Missing.Seconds, c.Recorded)
			}
			if float64(c.Coverage) != 400.0/420 || c.LockOnEnd != 180 || len(c.CadenceLock) != 0 {
				t.Errorf("coverage %v (want 400/420), lock-on end %v (want 180), cadence lock %v (want none)", c.Coverage, c.LockOnEnd, c.CadenceLock)
			}
			for _, s := range d.HREvents.Spikes {
				i := int(s.At) // 1 Hz from 0 s: sample i is at i s
				if c.Reason[i] != analyze.HeartRateRateOfChange {
					t.Errorf("spike to %d at %d s: %v", s.Value, s.At, c.Reason[i])
				}
			}
		})
	}
}

// The hr-drift fixture, recorded every 5 s: 2 zeros, and a spike to 190 bpm
// that is within the rate limit at that interval (61 bpm above 129 in 5 s,
// 100 allowed) and falls to the median/MAD filter.
func TestCleanHeartRateFixtureDrift(t *testing.T) {
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		t.Run(ext, func(t *testing.T) {
			c, tm, _, _ := hrFixtureCleaning(t, "hr-drift."+ext)
			if got, want := hrCountsOf(c), (hrCounts{kept: 409 - 3, dropouts: 2, outliers: 1}); got != want {
				t.Errorf("counts %+v, want %+v", got, want)
			}
			if i := slices.Index(tm, 1500); i < 0 || c.Reason[i] != analyze.HeartRateOutlier {
				t.Errorf("the spike at 1500 s is not an outlier")
			}
			if c.Removed.Seconds != 15 {
				t.Errorf("removed %v s, want 15", c.Removed.Seconds)
			}
		})
	}
}

// hrBenchInput is the given number of hours at 1 Hz of a smooth heart rate,
// 140 + 10 sin(2π t / 600), cadence 85 (step rate 170), with faults at
// fixed offsets in every 10-minute block k but block 8:
//
//	+100 s: 3 dropouts to 0
//	+200 s: a spike of +60 bpm (rate of change)
//	+300 s: +15 bpm for one sample (within the rate limit; a MAD outlier)
//	+400 s: 5 missing values
//	+500 s: 255 (dropout) when k is even, 20 (out of range) when k is odd
//
// and in block 8 (4800-5399 s) 300 s of cadence lock: heart rate 170 from
// 4800 to 5099 s, whose first sample, and the first one after it (5100 s,
// back at 140), are 30 bpm from their neighbours: two more rate-of-change
// removals.
func hrBenchInput(hours int) (t, hr, cad []float64) {
	n := hours*3600 + 1
	t, hr = hrSeries(n, func(t float64) float64 { return 140 + 10*math.Sin(2*math.Pi*t/600) })
	cad = slices.Repeat([]float64{85}, n)
	for k := range n / 600 {
		b := k * 600
		if k == 8 {
			for i := b; i < b+300; i++ {
				hr[i] = 170
			}
			continue
		}
		hr[b+100], hr[b+101], hr[b+102] = 0, 0, 0
		hr[b+200] += 60
		hr[b+300] += 15
		for i := b + 400; i < b+405; i++ {
			hr[i] = math.NaN()
		}
		hr[b+500] = map[bool]float64{true: 255, false: 20}[k%2 == 0]
	}
	return t, hr, cad
}

// TestCleanHeartRateBenchInput checks that the benchmark input cleans as
// constructed.
func TestCleanHeartRateBenchInput(t *testing.T) {
	tm, hr, cad := hrBenchInput(3)
	c := analyze.CleanHeartRate(tm, hr, cad, nil, analyze.HeartRateOptions{})
	hrCheckInvariants(t, hr, c)
	// 18 blocks, 17 with faults: 8 even (0, 2, 4, 6, 10, 12, 14, 16) and 9 odd.
	want := hrCounts{missing: 17 * 5, dropouts: 17*3 + 8, outOfRange: 9, rate: 17 + 2, outliers: 17}
	want.kept = 10801 - want.missing - want.dropouts - want.outOfRange - want.rate - want.outliers
	if got := hrCountsOf(c); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	if !slices.Equal(c.CadenceLock, []analyze.HeartRateStretch{{Start: 4800, End: 5100, Seconds: 300}}) {
		t.Errorf("cadence lock %+v, want 4800-5100 s", c.CadenceLock)
	}
	// The lock-on window [0, 180) holds the block-0 dropouts at 100-102 s.
	if c.LockOnEnd != 180 || c.LockOn.Samples != 177 {
		t.Errorf("lock-on end %v, %d samples; want 180, 177", c.LockOnEnd, c.LockOn.Samples)
	}
}

// naiveHampel is the median/MAD rule of [analyze.CleanHeartRate] written
// the plain way, a sort of every window: the reference that the sliding
// window must match exactly. keep says which samples enter the rule.
func naiveHampel(t, hr []float64, keep []bool, window, k, floor float64) []bool {
	median := func(x []float64) float64 {
		slices.Sort(x)
		m := len(x)
		return (x[(m-1)/2] + x[m/2]) / 2
	}
	var kept []int
	for i, ok := range keep {
		if ok {
			kept = append(kept, i)
		}
	}
	out := make([]bool, len(t))
	half := window / 2
	lo, hi := 0, 0
	for c, i := range kept {
		for lo < c && t[kept[lo]] < t[i]-half {
			lo++
		}
		hi = max(hi, c+1)
		for hi < len(kept) && t[kept[hi]] <= t[i]+half {
			hi++
		}
		if hi-lo < 5 {
			continue
		}
		var win []float64
		for _, j := range kept[lo:hi] {
			win = append(win, hr[j])
		}
		med := median(slices.Clone(win))
		dev := make([]float64, len(win))
		for m, v := range win {
			dev[m] = math.Abs(v - med)
		}
		limit := max(k*1.4826*median(dev), floor)
		if !(math.Abs(hr[i]-med) > limit) {
			continue
		}
		agrees := false
		for _, side := range [][]int{kept[lo:c], kept[c+1 : hi]} {
			var x []float64
			for _, j := range side {
				x = append(x, hr[j])
			}
			if len(x) > 0 && math.Abs(hr[i]-median(x)) <= limit {
				agrees = true
			}
		}
		out[i] = !agrees
	}
	return out
}

// TestCleanHeartRateMatchesNaiveHampel checks the median/MAD rule against
// naiveHampel on random series: integer and fractional heart rates with many
// ties, irregular and sometimes backward times, odd and even windows, floors
// that let the MAD decide, and infinite values the range admits.
func TestCleanHeartRateMatchesNaiveHampel(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for trial := range 400 {
		n := 1 + rng.IntN(300)
		tm, hr := make([]float64, n), make([]float64, n)
		level := 60 + rng.Float64()*100
		for i := range n {
			if i > 0 {
				tm[i] = tm[i-1] + float64(rng.IntN(4))
				if trial%7 == 0 && rng.IntN(20) == 0 {
					tm[i] -= float64(rng.IntN(30)) // time goes backwards
				}
			}
			level += rng.NormFloat64() * 2
			v := level + rng.NormFloat64()*float64(1+trial%5)
			switch r := rng.IntN(40); {
			case trial%2 == 0:
				v = math.Round(v)
			case r == 0:
				v = math.NaN()
			case r == 1:
				v = 0
			case r == 2:
				v += 60 // a spike
			case r == 3 && trial%9 == 1:
				v = math.Inf(1)
			}
			hr[i] = v
		}
		opt := analyze.HeartRateOptions{
			MaxRate: -1, LockOn: -1, CadenceLockMin: -1,
			MinHR: 1, MaxHR: math.Inf(1),
			MADWindow: []float64{30, 7, 10, 4.5, 61}[trial%5],
			MADK:      []float64{3, 1, 2, 0.5}[trial%4],
			MADFloor:  []float64{10, 0.25, 2, -1, 1e-9}[trial%5],
		}
		c := analyze.CleanHeartRate(tm, hr, nil, nil, opt)
		keep := make([]bool, n)
		for i, v := range hr {
			keep[i] = v >= opt.MinHR && v != 255 // neither missing, a dropout nor out of range
		}
		want := naiveHampel(tm, hr, keep, opt.MADWindow, opt.MADK, opt.MADFloor)
		for i := range n {
			if got := c.Reason[i] == analyze.HeartRateOutlier; got != want[i] {
				t.Fatalf("trial %d, sample %d (t %v, %v bpm): outlier %v, naive %v", trial, i, tm[i], hr[i], got, want[i])
			}
		}
	}
}

func BenchmarkCleanHeartRate(b *testing.B) {
	for _, hours := range []int{1, 3} {
		tm, hr, cad := hrBenchInput(hours)
		b.Run(fmt.Sprintf("%dh-1Hz", hours), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				analyze.CleanHeartRate(tm, hr, cad, nil, analyze.HeartRateOptions{})
			}
		})
	}
}

// A minute of 1 Hz heart rate from an optical sensor: a dropout to 0, a
// spike of 60 bpm, and a missing second.
func ExampleCleanHeartRate() {
	var t, hr []float64
	for i := range 60 {
		t = append(t, float64(i))
		hr = append(hr, 130)
	}
	hr[10] = 0
	hr[20] = 190
	hr[30] = math.NaN()
	c := analyze.CleanHeartRate(t, hr, nil, nil, analyze.HeartRateOptions{})
	fmt.Printf("kept %d, missing %d, dropouts %d, rate of change %d, outliers %d\n",
		c.Kept.Samples, c.Missing.Samples, c.Dropouts.Samples, c.RateOfChange.Samples, c.Outliers.Samples)
	fmt.Printf("sample 20: %v, coverage %.3f, lock-on until %v s\n", c.Reason[20], float64(c.Coverage), c.LockOnEnd)
	// Output:
	// kept 57, missing 1, dropouts 1, rate of change 1, outliers 0
	// sample 20: rate_of_change, coverage 0.949, lock-on until 180 s
}

// TestCleanHeartRateKeepsStepEdges cleans the smart-recording fixture, whose
// heart rate steps between constant levels (112, 126, 138, 128 bpm) with
// irregular intervals of 1 to 8 s: no sample is a fault, so none is removed,
// not even the last one before a step, whose window holds more samples of
// the next level than of its own.
func TestCleanHeartRateKeepsStepEdges(t *testing.T) {
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		a, err := analyze.Open(filepath.Join(hrRuns, "smart-recording."+ext))
		if err != nil {
			t.Fatal(err)
		}
		tl := analyze.NewTimeline(a, nil, analyze.TimeOptions{})
		c := analyze.CleanHeartRate(a.Samples.Time, a.Samples.HeartRate, a.Samples.Cadence, tl.Weight, analyze.HeartRateOptions{})
		if c.Removed.Samples != 0 {
			for i, r := range c.Reason {
				if r != analyze.HeartRateKept {
					t.Errorf("%s: sample %d at %v s (%v bpm) removed: %v", ext, i, a.Samples.Time[i], a.Samples.HeartRate[i], r)
				}
			}
		}
	}
}

// TestHeartRateUnusable: Unusable names the rule that removed every sample,
// counts them with thousands grouped, and tells a series without any value
// from one whose values were all removed.
func TestHeartRateUnusable(t *testing.T) {
	times := func(n int) []float64 {
		t := make([]float64, n)
		for i := range t {
			t[i] = float64(i)
		}
		return t
	}
	fill := func(n int, v float64) []float64 {
		hr := make([]float64, n)
		for i := range hr {
			hr[i] = v
		}
		return hr
	}
	mixed := fill(2100, 250)
	for i := range 100 {
		mixed[i] = 0
	}
	for _, tt := range []struct {
		name string
		hr   []float64
		want string
	}{
		{"kept", fill(10, 120), ""},
		{"no values", fill(10, math.NaN()), "no heart rate in the file"},
		{"out of range", fill(2100, 250), "all 2,100 heart-rate samples were out of range (outside 30-240 bpm)"},
		{"dropouts", fill(20, 0), "all 20 heart-rate samples were dropouts (0 or 255, what sensors write for no reading)"},
		{"mixed", mixed, "all 2,100 heart-rate samples were removed by the cleaning (2,000 out of range, 100 dropouts)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := analyze.CleanHeartRate(times(len(tt.hr)), tt.hr, nil, nil, analyze.HeartRateOptions{})
			if got := c.Unusable(); got != tt.want {
				t.Errorf("Unusable() = %q, want %q", got, tt.want)
			}
		})
	}
}
