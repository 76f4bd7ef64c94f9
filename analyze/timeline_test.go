package analyze_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/zones"
)

func TestTimeline(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name        string
		samples     activity.Samples
		pauses      []activity.Pause
		speed       []float64
		opt         analyze.TimeOptions
		wantWeight  []float64
		wantMoving  []bool
		wantTimer   float64
		wantGaps    int
		wantGapTime float64
		wantMovingT float64
	}{
		{
			name:        "a timer pause is credited to nothing",
			samples:     activity.Samples{Time: []float64{0, 1, 2, 3, 20, 21, 22}},
			pauses:      []activity.Pause{{Start: 3, End: 20, Kind: activity.PauseTimer}},
			speed:       []float64{3, 3, 3, 3, 3, 3, 3},
			wantWeight:  []float64{1, 1, 1, 0, 1, 1, 0},
			wantMoving:  []bool{true, true, true, true, true, true, true},
			wantTimer:   5,
			wantMovingT: 5,
		},
		{
			name:    "a pause inside a sample interval shortens it",
			samples: activity.Samples{Time: []float64{0, 5, 30, 31}},
			pauses:  []activity.Pause{{Start: 7, End: 27, Kind: activity.PauseTimer}},
			// 5 -> 30 is 25 s, 20 of them paused: 5 s credited.
			wantWeight:  []float64{5, 5, 1, 0},
			wantMoving:  []bool{true, true, true, true},
			wantTimer:   11,
			wantMovingT: 11,
		},
		{
			name:        "a gap longer than the cap is an inferred pause",
			samples:     activity.Samples{Time: []float64{0, 1, 2, 3, 20, 21, 22}},
			wantWeight:  []float64{1, 1, 1, 0, 1, 1, 0},
			wantMoving:  []bool{true, true, true, true, true, true, true},
			wantTimer:   22,
			wantGaps:    1,
			wantGapTime: 17,
			wantMovingT: 5,
		},
		{
			name:        "an explicit cap",
			samples:     activity.Samples{Time: []float64{0, 1, 2, 3, 20, 21, 22}},
			opt:         analyze.TimeOptions{GapCap: 30},
			wantWeight:  []float64{1, 1, 1, 17, 1, 1, 0},
			wantMoving:  []bool{true, true, true, true, true, true, true},
			wantTimer:   22,
			wantMovingT: 22,
		},
		{
			name:    "moving from speed or cadence, then nothing",
			samples: activity.Samples{Time: []float64{0, 2, 4, 6, 8, 10}, Cadence: []float64{80, 80, 0, nan, 85, 0}},
			speed:   []float64{2.5, 0.3, nan, nan, nan, 0.3},
			// speed moves sample 0, cadence 1 (its speed is too slow) and
			// 4; 2 has cadence 0, 3 neither value, 5 both too low.
			wantWeight:  []float64{2, 2, 2, 2, 2, 0},
			wantMoving:  []bool{true, true, false, false, true, false},
			wantTimer:   10,
			wantMovingT: 6,
		},
		{
			name:        "out of order samples are worth nothing",
			samples:     activity.Samples{Time: []float64{0, 2, 1, 3}},
			wantWeight:  []float64{2, 0, 2, 0},
			wantMoving:  []bool{true, true, true, true},
			wantTimer:   3,
			wantMovingT: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &activity.Activity{Samples: tt.samples, Pauses: tt.pauses}
			tl := analyze.NewTimeline(a, tt.speed, tt.opt)
			if !equalFloats(tl.Weight, tt.wantWeight) {
				t.Errorf("Weight = %v, want %v", tl.Weight, tt.wantWeight)
			}
			for i := range tt.wantMoving {
				if tl.Moving[i] != tt.wantMoving[i] {
					t.Errorf("Moving = %v, want %v", tl.Moving, tt.wantMoving)
					break
				}
			}
			if tl.Timer != tt.wantTimer || tl.Gaps != tt.wantGaps || tl.GapTime != tt.wantGapTime || tl.MovingTime != tt.wantMovingT {
				t.Errorf("timer %v gaps %d (%v s) moving %v, want %v %d (%v s) %v",
					tl.Timer, tl.Gaps, tl.GapTime, tl.MovingTime, tt.wantTimer, tt.wantGaps, tt.wantGapTime, tt.wantMovingT)
			}
			if sum(tl.Weight) != tl.Recorded {
				t.Errorf("Recorded %v is not the sum of weights %v", tl.Recorded, sum(tl.Weight))
			}
		})
	}
}

// TestTimelineSmartRecording checks the time base on the smart-recording
// fixture in every format: irregular intervals of 1 to 8 s and two timer
// pauses, heart rate constant per phase, so that the time above 133 bpm is
// exactly 120 s and above 127 bpm 420 s (testdata/runs/smart-recording.json),
// while counting samples would give other figures.
func TestTimelineSmartRecording(t *testing.T) {
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		t.Run(ext, func(t *testing.T) {
			a, err := analyze.Open(filepath.Join(runs, "smart-recording."+ext))
			if err != nil {
				t.Fatal(err)
			}
			k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
			tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
			if tl.Elapsed != 1935 || tl.Timer != 1800 || tl.Recorded != 1800 || tl.Gaps != 0 {
				t.Errorf("elapsed %v timer %v recorded %v gaps %d, want 1935 1800 1800 0", tl.Elapsed, tl.Timer, tl.Recorded, tl.Gaps)
			}
			above := zones.TimeIn(nil, []float64{127, 133.5}, a.Samples.HeartRate, tl.Weight)
			if above[1]+above[2] != 420 || above[2] != 120 {
				t.Errorf("seconds at or above 127.5 / 133.5 bpm = %v / %v, want 420 / 120", above[1]+above[2], above[2])
			}
			// 3 min at 112, 20 at 126, 2 at 138, 5 at 128 bpm.
			const wantMean = (180*112 + 1200*126 + 120*138 + 300*128) / 1800.0
			if mean := zones.Mean(a.Samples.HeartRate, tl.Weight); math.Abs(mean-wantMean) > 1e-9 {
				t.Errorf("time-weighted mean HR = %v, want %v", mean, wantMean)
			}
			count := 0
			for _, hr := range a.Samples.HeartRate {
				if hr > 133 {
					count++
				}
			}
			if float64(count) == above[2] {
				t.Errorf("samples above 133 bpm = %d equals the seconds: the fixture does not tell weights from counts", count)
			}
		})
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}
