package analyze_test

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/fixture"
)

// twinRun describes a 40 min run with a 2 min timer pause after 20 min,
// recorded every interval seconds with the given channels (all when nil):
// 5 min at 8:20/km, 15 min at 6:40/km, 6 min at 5:20/km, 14 min at 6:40/km,
// 6075 m in 2400 s of timer time, every second of it moving.
func twinRun(t *testing.T, interval int, channels []string) fixture.Description {
	t.Helper()
	ch := "null"
	if channels != nil {
		ch = `["` + join(channels) + `"]`
	}
	d, err := fixture.Parse(fmt.Appendf(nil, `{
	  "name": "twin-%ds",
	  "start": "2026-03-05T18:30:00+01:00",
	  "sport": "running",
	  "names": {"track_type": "running"},
	  "recording": {"interval": %d},
	  "route": {"lat": 48.15, "lon": 11.59, "loop": 2000},
	  "terrain": {"altitude": 505.0},
	  "channels": %s,
	  "phases": [
	    {"duration": "5m", "pace": "8:20", "hr_start": 110, "hr_end": 125, "cadence": 80},
	    {"duration": "15m", "pace": "6:40", "hr_start": 125, "hr_end": 130, "cadence": 84},
	    {"duration": "6m", "pace": "5:20", "hr_start": 140, "hr_end": 150, "cadence": 88},
	    {"duration": "14m", "pace": "6:40", "hr_start": 132, "hr_end": 128, "cadence": 84}
	  ],
	  "pauses": [{"at": "20m", "length": "2m"}],
	  "athlete": {"max_hr": 190}
	}`, interval, interval, ch))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func join(s []string) string {
	var b bytes.Buffer
	for i, v := range s {
		if i > 0 {
			b.WriteString(`", "`)
		}
		b.WriteString(v)
	}
	return b.String()
}

// renderTwin decodes the files generated from d, by format.
func renderTwin(t *testing.T, d fixture.Description) map[activity.Format]*activity.Activity {
	t.Helper()
	files, err := fixture.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	out := map[activity.Format]*activity.Activity{}
	for _, f := range files {
		a, err := analyze.Decode(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[a.Meta.Format] = a
	}
	return out
}

// TestMovingTimeWithoutSpeed is issue 13's "done when" for moving time: the
// same run as a FIT with speed and as a GPX and a TCX recorded every 1, 5, 6
// and 10 s with neither speed nor cadence (the GPX from positions alone, the
// TCX from its distance) has the FIT twin's moving time within 1 %, its
// distance within 0.5 %, and a median pace.
func TestMovingTimeWithoutSpeed(t *testing.T) {
	for _, interval := range []int{1, 5, 6, 10} {
		t.Run(fmt.Sprintf("%ds", interval), func(t *testing.T) {
			fit := renderTwin(t, twinRun(t, interval, nil))[activity.FormatFIT]
			ref := analyze.Analyze(fit, analyze.Inputs{}, analyze.Options{})
			if ref.Kinematics.SpeedSource != "device" || ref.Time.Moving != 2400 {
				t.Fatalf("FIT twin: speed from %q, moving %v s, want the device's and 2400 s", ref.Kinematics.SpeedSource, ref.Time.Moving)
			}
			bare := renderTwin(t, twinRun(t, interval, []string{"hr", "gps", "altitude", "distance"}))
			for _, f := range []activity.Format{activity.FormatGPX, activity.FormatTCX} {
				a := bare[f]
				if a.Samples.Speed != nil && activity.Coverage(a.Samples.Speed) > 0 || a.Samples.Cadence != nil && activity.Coverage(a.Samples.Cadence) > 0 {
					t.Fatalf("%s: the file has speed or cadence", f)
				}
				an := analyze.Analyze(a, analyze.Inputs{}, analyze.Options{})
				if off := math.Abs(an.Time.Moving-ref.Time.Moving) / ref.Time.Moving; off > 0.01 {
					t.Errorf("%s: moving %.0f s, FIT %.0f s: %.2f %% apart, more than 1 %%", f, an.Time.Moving, ref.Time.Moving, 100*off)
				}
				if off := math.Abs(float64(an.Distance)-float64(ref.Distance)) / float64(ref.Distance); off > 0.005 {
					t.Errorf("%s: distance %.1f m, FIT %.1f m: %.2f %% apart", f, float64(an.Distance), float64(ref.Distance), 100*off)
				}
				if !an.Pace.MedianPace.Known() || math.Abs(float64(an.Pace.MedianPace)-float64(ref.Pace.MedianPace)) > 5 {
					t.Errorf("%s: median pace %v s/km, FIT %v s/km", f, float64(an.Pace.MedianPace), float64(ref.Pace.MedianPace))
				}
				t.Logf("%s: moving %.0f s, distance %.1f m (%s), median pace %.1f s/km", f, an.Time.Moving, float64(an.Distance), an.DistanceSource, float64(an.Pace.MedianPace))
			}
		})
	}
}

// TestDistanceAcrossPauseJumpAndSpike moves the GPX twin's positions after
// the pause 300 m away (the watch was carried on with its timer stopped) and
// throws one fix 2 km off: the GPS distance leaves out both the step across
// the pause (also when the file does not say it paused, as a gap) and the
// spike, and inspect's distance is the analysis's.
func TestDistanceAcrossPauseJumpAndSpike(t *testing.T) {
	const shift = 300 / perDegree // degrees of latitude
	for _, interval := range []int{1, 6} {
		files := renderTwin(t, twinRun(t, interval, []string{"hr", "gps", "altitude", "distance"}))
		device := analyze.Analyze(files[activity.FormatFIT], analyze.Inputs{}, analyze.Options{})
		a := files[activity.FormatGPX]
		if len(a.Pauses) != 1 {
			t.Fatalf("GPX twin: %d pauses, want 1", len(a.Pauses))
		}
		s := &a.Samples
		for i, tm := range s.Time {
			if tm >= a.Pauses[0].End {
				s.Lat[i] += shift
			}
		}
		s.Lat[len(s.Lat)/4] += 2000 / perDegree
		for _, name := range []string{"segment pause", "no pause in the file"} {
			t.Run(fmt.Sprintf("%ds/%s", interval, name), func(t *testing.T) {
				an := analyze.Analyze(a, analyze.Inputs{}, analyze.Options{})
				if off := math.Abs(float64(an.Distance) - float64(device.Distance)); off > 0.005*float64(device.Distance) {
					t.Errorf("GPX distance %.1f m, FIT %.1f m", float64(an.Distance), float64(device.Distance))
				}
				if an.Kinematics.Jumps == 0 {
					t.Error("the spike is not counted as a jump")
				}
				if d, _ := analyze.Distance(a); float64(d) != float64(an.Distance) {
					t.Errorf("Distance (inspect) %.3f m, Analyze %.3f m", float64(d), float64(an.Distance))
				}
				if sum := analyze.Summarize("twin.gpx", a); float64(sum.Distance) != float64(an.Distance) {
					t.Errorf("Summarize %.3f m, Analyze %.3f m", float64(sum.Distance), float64(an.Distance))
				}
			})
			a.Pauses = nil // the second round: the same track without its pause
		}
	}
}
