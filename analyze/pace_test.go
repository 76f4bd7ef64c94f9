package analyze_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/zones"
)

// paceClose reports whether got is within tol of want (NaN equals NaN).
func paceClose(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

// paceOpen decodes a generated fixture and derives its kinematics and time
// base with the default options.
func paceOpen(t *testing.T, file string) (*activity.Activity, analyze.Kinematics, analyze.Timeline) {
	t.Helper()
	a, err := analyze.Open(filepath.Join("..", "testdata", "runs", file))
	if err != nil {
		t.Fatal(err)
	}
	k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
	return a, k, analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
}

func TestPaceReferenceRiegel(t *testing.T) {
	// Riegel: T2 = T1 × (D2/D1)^1.06. From 5 km to 10 km the factor is
	// 2^1.06 = e^(1.06 × 0.6931472) = e^0.7347360 = 2.0849316, so a 25:00
	// (1500 s) 5K gives a 10K in 1500 × 2.0849316 = 3127.397 s = 52:07.4
	// and a 10K pace of 312.7397 s/km (5:12.7/km). Back from that 10K time,
	// the factor is 0.5^1.06 = 1/2.0849316: exactly 1500 s again, 300 s/km.
	const tenK = 3127.3973
	tests := []struct {
		name       string
		in         analyze.PaceInputs
		kind       string
		want       float64
		wantSource string
	}{
		{"5K given", analyze.PaceInputs{FiveK: 1500}, analyze.Ref5K, 300, "5K race time 25:00"},
		{"10K from 5K", analyze.PaceInputs{FiveK: 1500}, analyze.Ref10K, tenK / 10, "Riegel from 5K race time 25:00"},
		{"5K from 10K", analyze.PaceInputs{TenK: 1500 * math.Pow(2, 1.06)}, analyze.Ref5K, 300, "Riegel from 10K race time 52:07"},
		{"10K given wins over 5K", analyze.PaceInputs{FiveK: 1500, TenK: 3120}, analyze.Ref10K, 312, "10K race time 52:00"},
		{"5K given wins over 10K", analyze.PaceInputs{FiveK: 1500, TenK: 3000}, analyze.Ref5K, 300, "5K race time 25:00"},
		{"easy pace", analyze.PaceInputs{FiveK: 1500, Easy: 370}, analyze.RefEasy, 370, "easy pace 6:10/km"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Reference(tt.kind)
			if err != nil {
				t.Fatal(err)
			}
			if got.Kind != tt.kind || !paceClose(got.Pace, tt.want, 1e-4) || got.Source != tt.wantSource {
				t.Errorf("Reference(%q) = %+v, want kind %q, pace %v, source %q", tt.kind, got, tt.kind, tt.want, tt.wantSource)
			}
		})
	}
	if got := analyze.FormatRaceTime(tenK); got != "52:07" {
		t.Errorf("FormatRaceTime(%v) = %q, want 52:07", tenK, got)
	}
}

func TestPaceReferenceErrors(t *testing.T) {
	tests := []struct {
		name string
		in   analyze.PaceInputs
		kind string
		want error
		text string
	}{
		{"nothing for 5K", analyze.PaceInputs{Easy: 370}, analyze.Ref5K, analyze.ErrNoPaceReference, "give a 5K or a 10K race time"},
		{"nothing for 10K", analyze.PaceInputs{}, analyze.Ref10K, analyze.ErrNoPaceReference, "no 10K pace"},
		{"no easy pace from race times", analyze.PaceInputs{FiveK: 1500, TenK: 3120}, analyze.RefEasy, analyze.ErrNoPaceReference, "no easy pace"},
		{"negative", analyze.PaceInputs{FiveK: -1}, analyze.Ref5K, analyze.ErrPaceInput, "5K time is -1 s"},
		{"NaN", analyze.PaceInputs{Easy: math.NaN()}, analyze.RefEasy, analyze.ErrPaceInput, "easy pace is NaN"},
		{"unknown kind", analyze.PaceInputs{FiveK: 1500}, "marathon", analyze.ErrPaceInput, `unknown pace reference "marathon"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.in.Reference(tt.kind)
			if !errors.Is(err, tt.want) || !strings.Contains(fmt.Sprint(err), tt.text) {
				t.Errorf("err = %v, want %v mentioning %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestParseRaceTime(t *testing.T) {
	good := []struct {
		in   string
		want float64
	}{
		{"25:00", 1500},
		{"52:07.5", 3127.5},
		{" 19:59 ", 1199},
		{"75:30", 4530},
		{"1:52:30", 6750},
		{"0:25:00", 1500},
		{"3:05:00.25", 11100.25},
	}
	for _, tt := range good {
		got, err := analyze.ParseRaceTime(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseRaceTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	bad := []struct{ in, why string }{
		{"", "is not two or three numbers"},
		{"25", "is not two or three numbers"},
		{"25:0", "two-digit seconds"},
		{"25:60", "two-digit seconds"},
		{"25:00.", "two-digit seconds"},
		{"25:00.x", "two-digit seconds"},
		{"1:60:00", "two-digit minutes"},
		{"1:5:00", "two-digit minutes"},
		{"-5:00", "whole number of minutes"},
		{"a:bc", "whole number of minutes"},
		{"1:2:3:4", "is not two or three numbers"},
		{"00:00", "is zero"},
		{"25 min", "is not two or three numbers"},
	}
	for _, tt := range bad {
		_, err := analyze.ParseRaceTime(tt.in)
		msg := fmt.Sprint(err)
		if !errors.Is(err, analyze.ErrPaceInput) || !strings.Contains(msg, fmt.Sprintf("%q", tt.in)) ||
			!strings.Contains(msg, tt.why) || !strings.Contains(msg, "want MM:SS or H:MM:SS") {
			t.Errorf("ParseRaceTime(%q) error = %v; want ErrPaceInput quoting the input, saying %q and what is expected", tt.in, err, tt.why)
		}
	}
}

func TestParsePace(t *testing.T) {
	good := []struct {
		in   string
		want float64
	}{
		{"6:10", 370},
		{"06:10", 370},
		{"6:10/km", 370},
		{" 6:10 /KM ", 370},
		{"5:45.5", 345.5},
		{"12:00", 720},
	}
	for _, tt := range good {
		got, err := analyze.ParsePace(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParsePace(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "6", "6:1", "6:60", "6:10:00", "0:00", "6:10/mi", ":10", "6:10 min/km", "x:10"} {
		_, err := analyze.ParsePace(in)
		msg := fmt.Sprint(err)
		if !errors.Is(err, analyze.ErrPaceInput) || !strings.Contains(msg, fmt.Sprintf("%q", in)) || !strings.Contains(msg, "want M:SS per kilometre") {
			t.Errorf("ParsePace(%q) error = %v; want ErrPaceInput quoting the input and saying what is expected", in, err)
		}
	}
}

func TestPaceFormat(t *testing.T) {
	tests := []struct {
		f    func(float64) string
		in   float64
		want string
	}{
		{analyze.FormatPace, 370, "6:10"},
		{analyze.FormatPace, 359.6, "6:00"},
		{analyze.FormatPace, 59.4, "0:59"},
		{analyze.FormatPace, math.NaN(), "-"},
		{analyze.FormatPace, math.Inf(1), "-"},
		{analyze.FormatPace, 0, "-"},
		{analyze.FormatRaceTime, 1500, "25:00"},
		{analyze.FormatRaceTime, 3599.5, "1:00:00"},
		{analyze.FormatRaceTime, 6750, "1:52:30"},
		{analyze.FormatRaceTime, -1, "-"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("format(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPaceSeries(t *testing.T) {
	nan := math.NaN()
	speed := []float64{2.5, 0, nan, 4, 2, -1}
	moving := []bool{true, true, true, false, true, true}
	// 1000/2.5 = 400 s/km; a standstill and an unknown speed have no pace,
	// nor has a sample that is not moving.
	want := []float64{400, nan, nan, nan, 500, nan}
	got := analyze.PaceSeries(nil, speed, moving)
	for i := range want {
		if !paceClose(got[i], want[i], 0) {
			t.Errorf("pace[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if got := analyze.PaceSeries(make([]float64, len(speed)), speed, nil); got[3] != 250 {
		t.Errorf("with nil moving, pace[3] = %v, want 250", got[3])
	}
	if got := analyze.PaceSeries(nil, nil, moving); len(got) != len(moving) || !math.IsNaN(got[0]) {
		t.Errorf("with nil speed = %v, want all NaN", got)
	}
	if speed[0] != 2.5 || !math.IsNaN(speed[2]) {
		t.Error("PaceSeries modified its input")
	}
}

func TestPaceSplits(t *testing.T) {
	nan := math.NaN()
	type split struct{ dist, time, pace, hr float64 }
	tests := []struct {
		name    string
		dist    []float64
		weights []float64
		moving  []bool
		hr      []float64
		every   float64
		want    []split
	}{
		{
			// The 1000 m mark lies in the step 900 -> 1100 m (100 s): half
			// way, so split 1 takes 100 + 200 + 50 = 350 s and its heart
			// rate is (100×120 + 200×130 + 50×140) / 350 = 45000/350. The
			// 2000 m mark falls on a sample: split 2 is 50 + 300 = 350 s,
			// (50×140 + 300×150) / 350 = 52000/350 bpm. 500 m remain, in
			// 100 s: 200 s/km at 160 bpm.
			name:    "crossing inside a step and on a sample",
			dist:    []float64{0, 300, 900, 1100, 2000, 2500},
			weights: []float64{100, 200, 100, 300, 100, 0},
			moving:  []bool{true, true, true, true, true, true},
			hr:      []float64{120, 130, 140, 150, 160, 170},
			want: []split{
				{1000, 350, 350, 45000.0 / 350}, {1000, 350, 350, 52000.0 / 350}, {500, 100, 200, 160},
			},
		},
		{
			// The 200 s of the second sample are not moving: split 1 keeps
			// only 100 + 50 s of moving time, its heart rate only those
			// samples' (100×120 + 50×140)/150.
			name:    "time not moving",
			dist:    []float64{0, 300, 900, 1100, 1400},
			weights: []float64{100, 200, 100, 100, 0},
			moving:  []bool{true, false, true, true, true},
			hr:      []float64{120, 130, 140, 150, 160},
			want:    []split{{1000, 150, 150, 19000.0 / 150}, {400, 150, 375, (50*140 + 100*150) / 150.0}},
		},
		{
			// The step 500 -> 1500 m has no credited time (a gap): its
			// 1000 m are left out, so 800 m in 200 s remain: no full split.
			name:    "gap left out",
			dist:    []float64{0, 500, 1500, 1800},
			weights: []float64{100, 0, 100, 0},
			moving:  []bool{true, true, true, true},
			want:    []split{{800, 200, 250, nan}},
		},
		{
			// A NaN distance joins two steps into one of 200 s for 1000 m;
			// a dropout (0 bpm) and a missing heart rate are skipped.
			name:    "unknown distance inside a step",
			dist:    []float64{0, nan, 1000, 1000},
			weights: []float64{100, 100, 0, 0},
			moving:  []bool{true, true, true, true},
			hr:      []float64{0, nan, 150, 150},
			want:    []split{{1000, 200, 200, nan}},
		},
		{
			// 600 -> 550 m is no progress but its 100 s count; then
			// 550 -> 1100 m brings the distance from 600 to 1100 m in 100
			// s: the 1000 m mark is 400/500 of the way, at 80 s. Split 1 is
			// 100 + 100 + 80 = 280 s; 100 m remain in 20 s.
			name:    "distance going back",
			dist:    []float64{0, 600, 550, 1100},
			weights: []float64{100, 100, 100, 0},
			moving:  []bool{true, true, true, true},
			want:    []split{{1000, 280, 280, nan}, {100, 20, 200, nan}},
		},
		{
			// 400 m splits of a 1000 m step in 250 s: 100 s each, 200 m
			// (50 s) left.
			name:    "several crossings in one step",
			dist:    []float64{0, 1000},
			weights: []float64{250, 0},
			moving:  []bool{true, true},
			every:   400,
			want:    []split{{400, 100, 250, nan}, {400, 100, 250, nan}, {200, 50, 250, nan}},
		},
		{
			name:    "no distance",
			dist:    []float64{nan, nan},
			weights: []float64{1, 0},
			moving:  []bool{true, true},
			want:    []split{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyze.PaceSplits(tt.dist, tt.weights, tt.moving, tt.hr, tt.every)
			if len(got) != len(tt.want) {
				t.Fatalf("%d splits %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Index != i+1 || !paceClose(float64(g.Distance), w.dist, 1e-9) || !paceClose(float64(g.Time), w.time, 1e-9) ||
					!paceClose(float64(g.Pace), w.pace, 1e-9) || !paceClose(float64(g.AvgHeartRate), w.hr, 1e-9) {
					t.Errorf("split %d = %+v, want %+v", i+1, g, w)
				}
			}
		})
	}
}

// paceHandRun is a hand-built run whose pace figures are worked out below.
// The samples last 10, 30, 20, 40 and 50 s (the gap cap, 3 × the median
// interval of 30 s, is 90 s, so every interval is credited), at 400, 420,
// 380 and 450 s/km and then 0.2 m/s, which is not moving (below 0.5 m/s).
func paceHandRun() *activity.Activity {
	v := []float64{1000.0 / 400, 1000.0 / 420, 1000.0 / 380, 1000.0 / 450, 0.2, 2.5}
	tm := []float64{0, 10, 40, 60, 100, 150}
	d := make([]float64, len(tm))
	for i := 1; i < len(tm); i++ {
		d[i] = d[i-1] + v[i-1]*(tm[i]-tm[i-1])
	}
	lat := []float64{47, 47.0002, 47.0008, 47.0012, 47.002, 47.00209}
	return &activity.Activity{
		Meta:    activity.Metadata{Format: activity.FormatFIT, Sport: "running", SubSport: "generic"},
		Samples: activity.Samples{Time: tm, Speed: v, Distance: d, Lat: lat, Lon: []float64{11, 11, 11, 11, 11, 11}},
	}
}

func TestPaceSummaryHandBuilt(t *testing.T) {
	a := paceHandRun()
	k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
	tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
	ref := analyze.PaceReference{Kind: analyze.Ref5K, Pace: 300, Source: "test"}
	s := analyze.NewPaceSummary(a, k, tl, analyze.PaceOptions{Reference: &ref, Band: &analyze.PaceBand{Min: 90, Max: 120}})

	// Moving: 10 + 30 + 20 + 40 = 100 s over 25 + 30000/420 + 20000/380 +
	// 40000/450 m; the 10 m at 0.2 m/s are not moving.
	dist := 25 + 30000.0/420 + 20000.0/380 + 40000.0/450
	if !s.Verifiable || s.MovingTime != 100 || !paceClose(float64(s.MovingDistance), dist, 1e-9) ||
		!paceClose(float64(s.AvgPace), 100/(dist/1000), 1e-9) {
		t.Errorf("summary %+v, want verifiable, 100 s, %v m", s, dist)
	}
	// Offsets from 300 s/km, weighted by seconds: 80 (20 s), 100 (10 s),
	// 120 (30 s), 150 (40 s), of 100 s. The median is the first offset
	// whose running weight reaches 50 s: 20, 30, 60 -> 120. p10 (10 s)
	// -> 80; p90 (90 s) -> 150.
	for _, c := range []struct {
		name      string
		got, want analyze.Value
	}{
		{"median pace", s.MedianPace, 420}, {"p10 pace", s.P10Pace, 380}, {"p90 pace", s.P90Pace, 450},
		{"median offset", s.MedianOffset, 120}, {"p10 offset", s.P10Offset, 80}, {"p90 offset", s.P90Offset, 150},
	} {
		if !paceClose(float64(c.got), float64(c.want), 1e-9) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// Band 90-120 s/km slower than 300: 80 is too fast (20 s), 100 and 120
	// are within (40 s), 150 slower (40 s).
	b := s.Band
	if b == nil || !paceClose(float64(b.Faster), 20, 1e-9) || !paceClose(float64(b.Within), 40, 1e-9) || !paceClose(float64(b.Slower), 40, 1e-9) ||
		!paceClose(float64(b.FasterShare), 0.2, 1e-12) || !paceClose(float64(b.WithinShare), 0.4, 1e-12) || !paceClose(float64(b.SlowerShare), 0.4, 1e-12) {
		t.Errorf("band = %+v, want 20/40/40 s", b)
	}
	pace := analyze.PaceSeries(nil, k.Speed, tl.Moving)
	if sec, share := analyze.PaceFasterThan(pace, tl.Weight, 300+90); !paceClose(sec, 20, 1e-9) || !paceClose(share, 0.2, 1e-12) {
		t.Errorf("PaceFasterThan(390) = %v s, %v; want 20 s, 0.2", sec, share)
	}
	// The bound itself is not faster.
	if sec, _ := analyze.PaceFasterThan([]float64{390, 389}, []float64{1, 1}, 390); sec != 1 {
		t.Errorf("PaceFasterThan at the bound = %v s, want 1", sec)
	}
	if _, share := analyze.PaceFasterThan([]float64{math.NaN()}, []float64{1}, 390); !math.IsNaN(share) {
		t.Errorf("PaceFasterThan with no pace: share %v, want NaN", share)
	}
	off := analyze.PaceOffsets(nil, []float64{400, math.NaN()}, 300)
	if off[0] != 100 || !math.IsNaN(off[1]) {
		t.Errorf("PaceOffsets = %v, want [100 NaN]", off)
	}
}

func TestPaceVerifiable(t *testing.T) {
	nan := math.NaN()
	gps := activity.Samples{Time: []float64{0, 1, 2, 3}, Distance: []float64{0, 3, 6, 9},
		Lat: []float64{47, 47.00003, 47.00006, 47.00009}, Lon: []float64{11, 11, 11, 11}}
	noGPS := activity.Samples{Time: []float64{0, 1, 2, 3}, Distance: []float64{0, 3, 6, 9}}
	sparse := gps
	sparse.Lat = []float64{47, nan, nan, nan}
	tests := []struct {
		name       string
		meta       activity.Metadata
		sessions   []activity.Session
		samples    activity.Samples
		verifiable bool
		why        string
	}{
		{"outdoor with GPS", activity.Metadata{Sport: "running", SubSport: "generic"}, nil, gps, true, ""},
		{"FIT treadmill", activity.Metadata{Sport: "running", SubSport: "treadmill"}, nil, gps, false, "sub_sport treadmill"},
		{"FIT indoor_running", activity.Metadata{Sport: "running", SubSport: "indoor_running"}, nil, gps, false, "sub_sport indoor_running"},
		{"FIT virtual_activity", activity.Metadata{Sport: "running", SubSport: "virtual_activity"}, nil, gps, false, "virtual_activity"},
		{"GPX type VirtualRun", activity.Metadata{Sport: "VirtualRun"}, nil, gps, false, "sport VirtualRun"},
		{"a treadmill session", activity.Metadata{Sport: "running"}, []activity.Session{{Sport: "running", SubSport: "treadmill"}}, gps, false, "treadmill"},
		{"no GPS: accelerometer or foot pod", activity.Metadata{Sport: "Running"}, nil, noGPS, false, "no GPS positions"},
		{"GPS on a quarter of the samples", activity.Metadata{Sport: "running"}, nil, sparse, false, "cover only 25 %"},
		{"nothing", activity.Metadata{Sport: "running"}, nil, activity.Samples{Time: []float64{0, 1}}, false, "no distance or speed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &activity.Activity{Meta: tt.meta, Sessions: tt.sessions, Samples: tt.samples}
			k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
			ok, why := analyze.PaceVerifiable(a, k)
			if ok != tt.verifiable || !strings.Contains(why, tt.why) || (ok && why != "") {
				t.Errorf("PaceVerifiable = %v, %q; want %v mentioning %q", ok, why, tt.verifiable, tt.why)
			}
		})
	}
}

// TestPaceTreadmill checks that the treadmill fixture's pace is unverifiable
// in both of its formats: the FIT file says treadmill; the TCX file cannot,
// but has no positions.
func TestPaceTreadmill(t *testing.T) {
	for _, c := range []struct{ file, why string }{
		{"treadmill.fit", "sub_sport treadmill"},
		{"treadmill.tcx", "no GPS positions"},
	} {
		a, k, tl := paceOpen(t, c.file)
		s := analyze.NewPaceSummary(a, k, tl, analyze.PaceOptions{})
		if s.Verifiable || !strings.Contains(s.Reason, c.why) {
			t.Errorf("%s: verifiable %v, reason %q; want unverifiable, %q", c.file, s.Verifiable, s.Reason, c.why)
		}
		// The figures are still there for the report: treadmill.json runs
		// 3 min at 8:20/km (360 m) and 27 min at 6:40/km (4050 m).
		if s.MovingTime != 1800 || !paceClose(float64(s.MovingDistance), 4410, 1e-9) || !paceClose(float64(s.AvgPace), 1800/4.41, 1e-9) {
			t.Errorf("%s: %v s, %v m, %v s/km; want 1800 s, 4410 m, %v s/km", c.file, s.MovingTime, s.MovingDistance, s.AvgPace, 1800/4.41)
		}
	}
}

// TestPaceTerrainGradeFixture checks terrain-grade.json, whose numbers are in
// its purpose: 240 s at 400 s/km, 1000 s at 500 s/km, 400 s and 240 s at
// 400 s/km; 4200 m in 1880 s.
func TestPaceTerrainGradeFixture(t *testing.T) {
	a, k, tl := paceOpen(t, "terrain-grade.fit")
	ref, err := analyze.PaceInputs{FiveK: 1500}.Reference(analyze.Ref5K)
	if err != nil {
		t.Fatal(err)
	}
	s := analyze.NewPaceSummary(a, k, tl, analyze.PaceOptions{Reference: &ref, Band: &analyze.PaceBand{Min: 90, Max: 120}, HeartRate: a.Samples.HeartRate})
	if !s.Verifiable || s.MovingTime != 1880 || s.MovingDistance != 4200 || !paceClose(float64(s.AvgPace), 1880/4.2, 1e-9) {
		t.Errorf("summary %+v", s)
	}
	// 880 s at 400 s/km and 1000 s at 500: the median (940 s) and p90 are
	// 500, p10 is 400; offsets from the 5K's 300 s/km: 200, 100, 200.
	// Within the 90-120 band: the 880 s at +100; slower: the 1000 s at +200.
	if s.MedianPace != 500 || s.P10Pace != 400 || s.P90Pace != 500 || s.MedianOffset != 200 || s.P10Offset != 100 || s.P90Offset != 200 {
		t.Errorf("quantiles %v %v %v, offsets %v %v %v", s.MedianPace, s.P10Pace, s.P90Pace, s.MedianOffset, s.P10Offset, s.P90Offset)
	}
	if s.Band.Faster != 0 || s.Band.Within != 880 || s.Band.Slower != 1000 {
		t.Errorf("band %+v", s.Band)
	}
	want := []struct{ dist, time float64 }{{1000, 440}, {1000, 500}, {1000, 460}, {1000, 400}, {200, 80}}
	if len(s.Splits) != len(want) {
		t.Fatalf("splits %+v, want %v", s.Splits, want)
	}
	for i, w := range want {
		sp := s.Splits[i]
		if float64(sp.Distance) != w.dist || !paceClose(float64(sp.Time), w.time, 1e-9) || !paceClose(float64(sp.Pace), w.time/(w.dist/1000), 1e-9) || !sp.AvgHeartRate.Known() {
			t.Errorf("split %d = %+v, want %v m in %v s", i+1, sp, w.dist, w.time)
		}
	}
}

// TestPaceFormatsAgree checks that the same run read from FIT, GPX and TCX
// gives the same pace summary within each format's precision. FIT and TCX
// carry the same distance and speed columns: equal to 1e-9. GPX carries only
// positions: the distance is the sum of chords between points on the 0.0093 m
// semicircle grid, short of the arc of a loop by θ²/24 per step (1.8e-4 on
// recovery-easy's 12.5 m steps on a 1200 m loop), and the speed is derived
// over 10 s; so distances and paces agree to 0.05 % (the last split takes
// the whole shortfall), split times to 0.5 s,
// and the median pace to 0.5 s/km.
func TestPaceFormatsAgree(t *testing.T) {
	for _, name := range []string{"recovery-easy", "hilly", "terrain-grade", "smart-recording", "treadmill"} {
		t.Run(name, func(t *testing.T) {
			a, k, tl := paceOpen(t, name+".fit")
			ref := analyze.PaceReference{Kind: analyze.RefEasy, Pace: 360}
			opt := analyze.PaceOptions{Reference: &ref}
			want := analyze.NewPaceSummary(a, k, tl, opt)
			for _, ext := range []string{"tcx", "gpx"} {
				if name == "treadmill" && ext == "gpx" {
					continue // no GPX: a track point needs a position
				}
				a, k, tl := paceOpen(t, name+"."+ext)
				got := analyze.NewPaceSummary(a, k, tl, opt)
				rel, abs, med := 1e-12, 1e-9, 1e-9
				if ext == "gpx" {
					rel, abs, med = 5e-4, 0.5, 0.5
				}
				if got.Verifiable != want.Verifiable || got.MovingTime != want.MovingTime {
					t.Errorf("%s: verifiable %v, moving %v; FIT %v, %v", ext, got.Verifiable, got.MovingTime, want.Verifiable, want.MovingTime)
				}
				for _, c := range []struct {
					what      string
					got, want analyze.Value
					tol       float64
				}{
					{"moving distance", got.MovingDistance, want.MovingDistance, rel * float64(want.MovingDistance)},
					{"average pace", got.AvgPace, want.AvgPace, rel * float64(want.AvgPace)},
					{"median pace", got.MedianPace, want.MedianPace, med},
					{"median offset", got.MedianOffset, want.MedianOffset, med},
				} {
					if !paceClose(float64(c.got), float64(c.want), c.tol) {
						t.Errorf("%s: %s = %v, FIT %v (tolerance %v)", ext, c.what, c.got, c.want, c.tol)
					}
				}
				if ext == "tcx" && (got.P10Pace != want.P10Pace || got.P90Pace != want.P90Pace) {
					t.Errorf("tcx: p10/p90 %v/%v, FIT %v/%v", got.P10Pace, got.P90Pace, want.P10Pace, want.P90Pace)
				}
				if len(got.Splits) != len(want.Splits) {
					t.Fatalf("%s: %d splits, FIT %d", ext, len(got.Splits), len(want.Splits))
				}
				for i, w := range want.Splits {
					g := got.Splits[i]
					if !paceClose(float64(g.Distance), float64(w.Distance), rel*float64(want.MovingDistance)) || !paceClose(float64(g.Time), float64(w.Time), abs) {
						t.Errorf("%s: split %d = %+v, FIT %+v", ext, i+1, g, w)
					}
				}
			}
		})
	}
}

// TestPaceOffsetQuantiles checks that the summary's offset quantiles are
// those zones.Quantiles gives on a copy of the offsets: the summary takes
// them from the pace quantiles, since subtracting the reference keeps the
// order of the samples. The reference is not a whole number, so that the
// subtraction rounds.
func TestPaceOffsetQuantiles(t *testing.T) {
	for _, file := range []string{"smart-recording.fit", "hilly.gpx", "recovery-easy.tcx", "dropouts.fit"} {
		a, k, tl := paceOpen(t, file)
		ref := analyze.PaceReference{Kind: analyze.RefEasy, Pace: 371.3}
		s := analyze.NewPaceSummary(a, k, tl, analyze.PaceOptions{Reference: &ref})
		off := analyze.PaceOffsets(nil, analyze.PaceSeries(nil, k.Speed, tl.Moving), ref.Pace)
		q := zones.Quantiles(nil, []float64{0.5, 0.1, 0.9}, off, tl.Weight)
		if float64(s.MedianOffset) != q[0] || float64(s.P10Offset) != q[1] || float64(s.P90Offset) != q[2] {
			t.Errorf("%s: offsets %v %v %v, zones.Quantiles %v", file, s.MedianOffset, s.P10Offset, s.P90Offset, q)
		}
	}
}

// TestPaceHostileInput checks that corrupt values neither panic nor hang.
func TestPaceHostileInput(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	// An infinite distance is unknown: 0 -> 1000 m in 200 s.
	got := analyze.PaceSplits([]float64{0, inf, 1000, -inf}, []float64{100, 100, 0, 0}, []bool{true, true, true, true}, nil, 0)
	if len(got) != 1 || got[0].Time != 200 {
		t.Errorf("splits with infinities %+v, want one of 200 s", got)
	}
	// A distance of 1e300 m stops at PaceMaxSplits full splits and leaves
	// the rest in the last.
	got = analyze.PaceSplits([]float64{0, 1e300}, []float64{1, 0}, []bool{true, true}, nil, 0)
	if len(got) != analyze.PaceMaxSplits+1 || got[len(got)-1].Distance < 1e299 {
		t.Errorf("%d splits, last %+v; want %d", len(got), got[len(got)-1], analyze.PaceMaxSplits+1)
	}
	if p := analyze.PaceFromSpeed(inf); !math.IsNaN(p) {
		t.Errorf("PaceFromSpeed(+Inf) = %v, want NaN", p)
	}
	// Whole summaries of an empty activity and of one full of infinities.
	for _, a := range []*activity.Activity{
		{},
		{Samples: activity.Samples{
			Time: []float64{0, 1, 2, inf}, Distance: []float64{inf, 0, inf, 5}, Speed: []float64{inf, nan, 2, -inf},
			Altitude: []float64{inf, 1, -inf, nan}, Lat: []float64{47, 47, 47, 47}, Lon: []float64{11, 11, 11, 11},
			Temperature: []float64{inf, 1, 2, 3},
		}},
	} {
		k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
		tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
		p := analyze.NewPaceSummary(a, k, tl, analyze.PaceOptions{Reference: &analyze.PaceReference{Pace: 300}, Band: &analyze.PaceBand{Min: 1, Max: 2}})
		s := analyze.NewTerrainSummary(a, k, tl, analyze.TerrainOptions{})
		if _, err := json.Marshal(p); err != nil {
			t.Error(err)
		}
		if _, err := json.Marshal(s); err != nil {
			t.Error(err)
		}
	}
}

// The CLI's -5k 25:00 as a 10K reference pace, by Riegel's formula.
func ExamplePaceInputs_Reference() {
	fiveK, err := analyze.ParseRaceTime("25:00")
	if err != nil {
		fmt.Println(err)
		return
	}
	ref, err := analyze.PaceInputs{FiveK: fiveK}.Reference(analyze.Ref10K)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %s/km (%.2f s/km), a 10K in %s\n", ref.Source, analyze.FormatPace(ref.Pace), ref.Pace, analyze.FormatRaceTime(10*ref.Pace))
	_, err = analyze.ParsePace("6:75")
	fmt.Println(err)
	// Output:
	// Riegel from 5K race time 25:00: 5:13/km (312.74 s/km), a 10K in 52:07
	// analyze: invalid pace setting: pace "6:75" has no two-digit seconds from 00 to 59; want M:SS per kilometre, such as 6:10
}
