package analyze

import (
	"math"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
)

func TestPausedTime(t *testing.T) {
	times := []float64{0, 10, 20, 30, 40, 100}
	tests := []struct {
		name   string
		pauses []activity.Pause
		want   float64
	}{
		{"none", nil, 0},
		{"one inside", []activity.Pause{{Start: 40, End: 100}}, 60},
		{"two", []activity.Pause{{Start: 10, End: 20}, {Start: 40, End: 100}}, 70},
		{"clipped to the samples", []activity.Pause{{Start: -5, End: 5}, {Start: 90, End: 200}}, 15},
		{"overlapping counted once", []activity.Pause{{Start: 10, End: 30}, {Start: 20, End: 40}}, 30},
		{"empty pause", []activity.Pause{{Start: 30, End: 30}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &activity.Activity{Samples: activity.Samples{Time: times}, Pauses: tt.pauses}
			if got := PausedTime(a); got != tt.want {
				t.Errorf("PausedTime = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	// Along a meridian one degree of latitude is R·π/180 metres.
	perDegree := earthRadius * math.Pi / 180
	nan := math.NaN()
	tests := []struct {
		name       string
		samples    activity.Samples
		pauses     []activity.Pause
		want       float64
		wantSource string
	}{
		{
			name:       "device distance, first and last known values",
			samples:    activity.Samples{Time: []float64{0, 1, 2, 3}, Distance: []float64{nan, 10, 15.5, nan}},
			want:       5.5,
			wantSource: "device",
		},
		{
			name: "gps along a meridian",
			samples: activity.Samples{Time: []float64{0, 60, 180},
				Lat: []float64{45, 45.001, 45.003}, Lon: []float64{7, 7, 7}},
			want:       0.003 * perDegree,
			wantSource: "gps",
		},
		{
			name: "gps skips the move across a pause and missing fixes",
			samples: activity.Samples{Time: []float64{0, 60, 120, 600, 720},
				Lat: []float64{45, 45.001, nan, 45.010, 45.012}, Lon: []float64{7, 7, nan, 7, 7}},
			pauses:     []activity.Pause{{Start: 60, End: 600, Kind: activity.PauseSegment}},
			want:       0.003 * perDegree,
			wantSource: "gps",
		},
		{
			name:       "device distance column all missing falls back to gps",
			samples:    activity.Samples{Time: []float64{0, 60}, Distance: []float64{nan, nan}, Lat: []float64{0, 0.001}, Lon: []float64{0, 0}},
			want:       0.001 * perDegree,
			wantSource: "gps",
		},
		{
			name: "gps skips a spike and the step across a gap",
			samples: activity.Samples{Time: []float64{0, 60, 61, 120, 1000, 1060},
				Lat: []float64{45, 45.001, 45.5, 45.002, 45.1, 45.101}, Lon: []float64{7, 7, 7, 7, 7, 7}},
			want:       0.003 * perDegree,
			wantSource: "gps",
		},
		{
			name: "gps positions without progress of time are summed",
			samples: activity.Samples{Time: []float64{0, 0, 0},
				Lat: []float64{45, 45.001, 45.003}, Lon: []float64{7, 7, 7}},
			want:       0.003 * perDegree,
			wantSource: "gps",
		},
		{
			name:       "device distance carried on across a reset, not across a correction",
			samples:    activity.Samples{Time: []float64{0, 1, 2, 3, 4, 5}, Distance: []float64{5, 10, 2, 6, 5.5, 7}},
			want:       10,
			wantSource: "device",
		},
		{
			name:    "nothing to measure",
			samples: activity.Samples{Time: []float64{0, 1}, HeartRate: []float64{120, 121}},
			want:    nan,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &activity.Activity{Samples: tt.samples, Pauses: tt.pauses}
			got, source := Distance(a)
			if source != tt.wantSource {
				t.Errorf("source = %q, want %q", source, tt.wantSource)
			}
			if math.IsNaN(tt.want) {
				if got.Known() {
					t.Errorf("Distance = %v, want missing", float64(got))
				}
				return
			}
			if math.Abs(float64(got)-tt.want) > 1e-6 {
				t.Errorf("Distance = %.6f, want %.6f", float64(got), tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	nan := math.NaN()
	zone := time.FixedZone("", 3600)
	a := &activity.Activity{
		Meta: activity.Metadata{
			Format: activity.FormatFIT, Sport: "running", SubSport: "generic",
			Manufacturer: "garmin", Product: "fr255",
			Names: activity.Names{Workout: "Recovery run"},
		},
		Start: time.Date(2026, 3, 3, 7, 15, 0, 0, zone),
		Samples: activity.Samples{
			Time:      []float64{0, 1, 2, 3, 63, 64},
			Distance:  []float64{0, 3, 6, 9, 9, 12},
			HeartRate: []float64{120, 121, nan, 123, 124, 125},
		},
		Pauses:   []activity.Pause{{Start: 3, End: 63, Kind: activity.PauseTimer}},
		Sessions: []activity.Session{{Sport: "running", First: 0, End: 6, Totals: activity.NoTotals()}},
		Athlete:  activity.NoAthlete(),
	}
	a.Sessions[0].Totals.TimerTime = 4
	s := Summarize("run.fit", a)
	checks := []struct {
		name      string
		got, want float64
	}{
		{"elapsed", float64(s.Elapsed), 64},
		{"paused", float64(s.Paused), 60},
		{"timer", float64(s.Timer), 4},
		{"distance", float64(s.Distance), 12},
		{"samples", float64(s.Samples), 6},
		{"pauses", float64(s.Pauses), 1},
		{"session samples", float64(s.Sessions[0].Samples), 6},
		{"session device timer", float64(s.Sessions[0].Device.Timer), 4},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if s.Sessions[0].Device.Distance.Known() {
		t.Errorf("device distance = %v, want missing", float64(s.Sessions[0].Device.Distance))
	}
	want := []ChannelSummary{{Name: "distance", Samples: 6, Coverage: 1}, {Name: "heart_rate", Samples: 5, Coverage: Value(5.0 / 6)}}
	if len(s.Channels) != len(want) {
		t.Fatalf("channels = %+v, want %+v", s.Channels, want)
	}
	for i := range want {
		if s.Channels[i] != want[i] {
			t.Errorf("channel %d = %+v, want %+v", i, s.Channels[i], want[i])
		}
	}
	if _, off := s.Start.Zone(); off != 3600 {
		t.Errorf("start offset = %d s, want 3600", off)
	}
}
