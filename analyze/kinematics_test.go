package analyze_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

// perDegree is the length of one degree of latitude along a meridian, in
// metres, on the sphere analyze uses (mean Earth radius 6371008.8 m).
const perDegree = 6371008.8 * math.Pi / 180

// meridian returns latitudes for a straight run north at speed m/s, one
// sample a second, from 45° N.
func meridian(n int, speed float64) (lat, lon []float64) {
	for i := range n {
		lat = append(lat, 45+float64(i)*speed/perDegree)
		lon = append(lon, 7)
	}
	return lat, lon
}

func seconds(n int) []float64 {
	t := make([]float64, n)
	for i := range t {
		t[i] = float64(i)
	}
	return t
}

func TestKinematics(t *testing.T) {
	nan := math.NaN()
	lat, lon := meridian(21, 3)
	jumpLat := append([]float64(nil), lat...)
	jumpLat[10] += 0.01 // 1.1 km away for one sample
	tests := []struct {
		name         string
		sport        string
		samples      activity.Samples
		pauses       []activity.Pause
		wantDistance []float64 // nil: not checked
		wantTotal    float64
		wantSource   string
		wantSpeed    float64 // every known speed, within 1e-6
		wantSpeedSrc string
		wantJumps    int
	}{
		{
			name:         "device distance starts at 0",
			samples:      activity.Samples{Time: []float64{0, 1, 2, 3}, Distance: []float64{nan, 100, 103, 106}},
			wantDistance: []float64{nan, 0, 3, 6},
			wantTotal:    6,
			wantSource:   "device",
			wantSpeed:    3,
			wantSpeedSrc: "distance",
		},
		{
			name:         "device speed wins over derived",
			samples:      activity.Samples{Time: []float64{0, 1, 2}, Distance: []float64{0, 3, 6}, Speed: []float64{2, 2, 2}},
			wantTotal:    6,
			wantSource:   "device",
			wantSpeed:    2,
			wantSpeedSrc: "device",
		},
		{
			name:         "gps along a meridian at 3 m/s",
			sport:        "running",
			samples:      activity.Samples{Time: seconds(21), Lat: lat, Lon: lon},
			wantTotal:    60,
			wantSource:   "gps",
			wantSpeed:    3,
			wantSpeedSrc: "distance",
		},
		{
			name:         "a gps jump is left out of a run",
			sport:        "running",
			samples:      activity.Samples{Time: seconds(21), Lat: jumpLat, Lon: lon},
			wantTotal:    60,
			wantSource:   "gps",
			wantJumps:    1,
			wantSpeedSrc: "distance",
			wantSpeed:    -1,
		},
		{
			name:         "no distance, no positions",
			samples:      activity.Samples{Time: seconds(3), HeartRate: []float64{120, 120, 120}},
			wantTotal:    nan,
			wantSpeed:    -1,
			wantSpeedSrc: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &activity.Activity{Meta: activity.Metadata{Sport: tt.sport}, Samples: tt.samples, Pauses: tt.pauses}
			k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
			if k.DistanceSource != tt.wantSource || k.SpeedSource != tt.wantSpeedSrc || k.Jumps != tt.wantJumps {
				t.Errorf("sources %q %q jumps %d, want %q %q %d", k.DistanceSource, k.SpeedSource, k.Jumps, tt.wantSource, tt.wantSpeedSrc, tt.wantJumps)
			}
			if tt.wantDistance != nil && !equalFloats(k.Distance, tt.wantDistance) {
				t.Errorf("Distance = %v, want %v", k.Distance, tt.wantDistance)
			}
			if math.IsNaN(tt.wantTotal) {
				if k.Distance != nil {
					t.Errorf("Distance = %v, want nil", k.Distance)
				}
			} else if got := k.Distance[len(k.Distance)-1]; math.Abs(got-tt.wantTotal) > 1e-6 {
				t.Errorf("total distance = %.9f, want %v", got, tt.wantTotal)
			}
			if tt.wantSpeed >= 0 {
				for i, v := range k.Speed {
					if !math.IsNaN(v) && math.Abs(v-tt.wantSpeed) > 1e-6 {
						t.Errorf("Speed[%d] = %v, want %v", i, v, tt.wantSpeed)
					}
				}
			}
		})
	}
}

// TestDerivedSpeedStopsAtPauses checks that a derived speed never spans a
// pause: the runner stood still for 60 s and moved on from where they were.
func TestDerivedSpeedStopsAtPauses(t *testing.T) {
	tm := []float64{0, 1, 2, 3, 4, 64, 65, 66, 67, 68}
	d := []float64{0, 2, 4, 6, 8, 8, 11, 14, 17, 20}
	a := &activity.Activity{
		Samples: activity.Samples{Time: tm, Distance: d},
		Pauses:  []activity.Pause{{Start: 4, End: 64, Kind: activity.PauseTimer}},
	}
	k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
	for i, v := range k.Speed {
		want := 2.0
		if i >= 5 {
			want = 3
		}
		if math.Abs(v-want) > 1e-12 {
			t.Errorf("Speed[%d] = %v, want %v", i, v, want)
		}
	}
}

// TestKinematicsAcrossFormats derives the GPX distance of the generated easy
// run from its positions and compares it with the device distance that the
// FIT and TCX files carry (4987.5 m, testdata/runs/recovery-easy.json).
func TestKinematicsAcrossFormats(t *testing.T) {
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		a, err := analyze.Open(filepath.Join(runs, "recovery-easy."+ext))
		if err != nil {
			t.Fatal(err)
		}
		k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
		got := k.Distance[len(k.Distance)-1]
		if rel := math.Abs(got-4987.5) / 4987.5; rel > 0.005 {
			t.Errorf("%s: distance %.1f m (%s), want 4987.5 m within 0.5 %%", ext, got, k.DistanceSource)
		}
		t.Logf("%s: %.2f m from %s, speed from %s", ext, got, k.DistanceSource, k.SpeedSource)
	}
}

func TestIsRunning(t *testing.T) {
	tests := []struct {
		sport, sub string
		want       bool
	}{
		{"running", "generic", true},
		{"running", "treadmill", true},
		{"Running", "", true},
		{"trail_running", "", true},
		{"Run", "", true},
		{"9", "", true},
		{"generic", "treadmill", true},
		{"", "trail", true},
		{"cycling", "", false},
		{"Biking", "", false},
		{"walking", "", false},
		{"cycling", "track", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := analyze.IsRunning(tt.sport, tt.sub); got != tt.want {
			t.Errorf("IsRunning(%q, %q) = %v, want %v", tt.sport, tt.sub, got, tt.want)
		}
	}
}
