package analyze_test

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// deviceTotals sums the sessions' own moving time, timer and distance; a
// figure that a session lacks makes the sum NaN.
func deviceTotals(a *activity.Activity) (moving, timer, dist float64) {
	if len(a.Sessions) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	for _, s := range a.Sessions {
		moving += s.Totals.MovingTime
		timer += s.Totals.TimerTime
		dist += s.Totals.Distance
	}
	return moving, timer, dist
}

// TestCorpusMovingDistance compares, on every real-device file that decodes,
// the moving time and distance of the analysis with the device's session
// totals (for a GPX or TCX of a family, with its FIT twin's), and checks
// what holds on every file: inspect's distance is the analysis's. It logs
// one line per file; the agreement is summed up at the end.
func TestCorpusMovingDistance(t *testing.T) {
	dir := activitytest.CorpusDir(t)
	var files []string
	for _, sub := range []string{"fit", "gpx", "tcx"} {
		m, err := filepath.Glob(filepath.Join(dir, sub, "*"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	twin := func(path string) string { // the FIT of the same activity, if any
		base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		for _, f := range files {
			if f != path && strings.HasSuffix(f, ".fit") && strings.TrimSuffix(filepath.Base(f), ".fit") == base {
				return f
			}
		}
		if strings.Contains(base, "5039744860") {
			return filepath.Join(dir, "fit", "sweatpy__edge1000-ride-5039744860.fit")
		}
		return ""
	}
	var movingIn, movingAll, distIn, distAll int
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		a, err := analyze.Open(path)
		if err != nil {
			continue
		}
		ref := a
		if !strings.HasSuffix(path, ".fit") {
			if tw := twin(path); tw != "" {
				if ref, err = analyze.Open(tw); err != nil {
					t.Fatalf("%s: %v", tw, err)
				}
			}
		}
		an := analyze.Analyze(a, analyze.Inputs{}, analyze.Options{})
		sum := analyze.Summarize(rel, a)
		if d, s := sum.Distance, an.Distance; d.Known() != s.Known() || d.Known() && float64(d) != float64(s) {
			t.Errorf("%s: inspect distance %v, analysis distance %v", rel, float64(d), float64(s))
		}
		moving, timer, dist := deviceTotals(ref)
		line := rel + ":"
		if !math.IsNaN(moving) {
			movingAll++
			off := (an.Time.Moving - moving) / moving
			if math.Abs(off) <= 0.01 {
				movingIn++
			}
			line += " moving ours " + f0(an.Time.Moving) + " device " + f0(moving) + " (" + pct(off) + ")"
		} else if !math.IsNaN(timer) {
			line += " moving ours " + f0(an.Time.Moving) + " device timer " + f0(timer)
		}
		if !math.IsNaN(dist) && an.Distance.Known() {
			distAll++
			off := (float64(an.Distance) - dist) / dist
			if math.Abs(off) <= 0.005 {
				distIn++
			}
			line += " distance ours " + f0(float64(an.Distance)) + " (" + an.DistanceSource + ") device " + f0(dist) + " (" + pct(off) + ")"
		} else if an.Distance.Known() {
			line += " distance ours " + f0(float64(an.Distance)) + " (" + an.DistanceSource + ")"
		}
		t.Log(line)
	}
	t.Logf("summary: moving time within 1 %% of the device's on %d of %d files, distance within 0.5 %% on %d of %d",
		movingIn, movingAll, distIn, distAll)
}

func f0(x float64) string { return fmt.Sprintf("%.0f", x) }

func pct(x float64) string { return fmt.Sprintf("%+.2f %%", 100*x) }
