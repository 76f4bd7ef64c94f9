package fitio_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/fitio"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// The corpus tier decodes the real-device files in $RUNCHECK_CORPUS (never
// copied into the repository) and compares our stream with the totals the
// devices wrote in their session messages.

// corpusFiles returns $RUNCHECK_CORPUS/sub/*.fit, skipping the test when the
// variable is not set.
func corpusFiles(tb testing.TB, sub string) []string {
	tb.Helper()
	dir := activitytest.CorpusDir(tb)
	files, err := filepath.Glob(filepath.Join(dir, sub, "*.fit"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no %s/*.fit in RUNCHECK_CORPUS=%s", sub, dir)
	}
	return files
}

// The session figures compared: diff is the difference between ours and
// the device's, tol how large it may be.
//
// FIT timestamps are whole seconds while a device's timer starts and stops
// between them, so our timer time can be up to a second short or long at
// each end: 1.5 s covers what the corpus shows (-1.26 to +0.88 s). Distance
// is compared in percent of the device's, within 0.5 % or 5 m, a second or
// two of movement at a session's edges, which 0.5 % of a triathlon
// transition's 30 to 140 m does not cover.
var figures = []struct {
	name, unit string
	diff       func(ours, device float64) float64
	tol        func(device float64) float64
}{
	{"timer", "s", absDiff, func(float64) float64 { return 1.5 }},
	{"distance", "%", relDiff, func(d float64) float64 { return max(0.5, 100*5/d) }},
	{"max_hr", "bpm", absDiff, func(float64) float64 { return 0 }},
	{"avg_hr", "bpm", absDiff, func(float64) float64 { return 1 }},
}

func absDiff(ours, device float64) float64 { return math.Abs(ours - device) }

func relDiff(ours, device float64) float64 {
	if ours == device {
		return 0
	}
	return 100 * math.Abs(ours-device) / device
}

// corpusExceptions lists, per file, the figures that cannot agree and why.
// An exception that no session of its file needs fails the test.
var corpusExceptions = map[string]map[string]string{
	"fitparse__coros-pace2-ride-misaligned.fit": {
		"timer": "COROS counts about 1 s more per pause than its stop_all/start events span (5 pauses, 6 s)",
	},
	"fitparse__fr70-compressed-speed-distance.fit": {
		"timer":  "the final stop_all comes 3 s after the last record, and the FR70's timer runs to it",
		"max_hr": "smart recording (755 records in 3883 s) misses the second of the device's maximum",
	},
	"fitparse__fr920xt-multisport-chained.fit": {
		"max_hr": "smart recording misses the second of the device's maximum in 3 of 5 sessions",
	},
	"gc__fr920xt-hrm-swim-chained.fit": {
		"distance": "pool swim: no record follows the last 50 m length",
		"avg_hr":   "HR from the appended HRM-Swim strap: the watch's 131 is not the mean of the strap's readings (127.9, as ours), probably swimming time only",
	},
	"mukti__big-activity-bryton.fit": {
		"distance": "synthetic file (muktihari testgen): every record is the same, distance 405.81 m throughout",
	},
	"mukti__chained-activity-poolswim.fit": {
		"distance": "pool swim (FIT SDK example): no record follows the last lengths",
	},
	"mukti__fr955-hrm-plugin-chained.fit": {
		"max_hr": "a record itself says 94 bpm, the session's max_heart_rate 93 (226 of 310 records take HR from the HRM plug-in's hr messages)",
	},
	"sportgems__fr645m-run.fit": {
		"timer": "the FR645M's timer is 2.4 s shorter than the span of its own start and stop_all events",
	},
	"sportslib__nk-inverted-times.fit": {
		"timer": "Nielsen-Kellerman: timer 21680 s against elapsed 2839.6 s; the records span 21672 s",
	},
	"sweatpy__edge1000-ride-5039744860.fit": {
		"distance": "the first record is already 6.6 m into the ride",
	},
	"tormoder__onelap-indoor-ride.fit": {
		"timer": "Onelap app: 739 records one second apart against a timer of 720.3 s, no pause events",
	},
}

// sessionFigures computes from our samples and pauses the figures of
// session i that devices write in their session totals:
//
//   - timer: from the session's start (its start_time, or its first sample if
//     that is earlier) to its last sample, or to the next session's first
//     sample when that is later (the time between belongs to this session),
//     minus the pauses;
//   - distance: the last cumulative distance of its samples, or the next
//     session's first when the timer runs to it, minus the first;
//   - max_hr: the highest heart rate of its samples;
//   - avg_hr: the mean heart rate of its samples weighted by the time to the
//     next sample outside pauses, as devices average per second whatever the
//     recording interval (the sample mean is off by up to 5 bpm with smart
//     recording: 85.0 against the Fenix 5's 90).
//
// A figure without data is NaN.
func sessionFigures(a *activity.Activity, i int) map[string]float64 {
	s, ss := &a.Samples, a.Sessions[i]
	out := map[string]float64{"timer": math.NaN(), "distance": math.NaN(), "max_hr": math.NaN(), "avg_hr": math.NaN()}
	if ss.End <= ss.First {
		return out
	}
	paused := func(from, to float64) float64 {
		sum := 0.0
		for _, p := range a.Pauses {
			sum += max(0, min(p.End, to)-max(p.Start, from))
		}
		return sum
	}
	begin, end := s.Time[ss.First], s.Time[ss.End-1]
	if ss.Start < begin {
		begin = ss.Start
	}
	if ss.End < s.Len() && s.Time[ss.End] > end {
		end = s.Time[ss.End]
	}
	out["timer"] = end - begin - paused(begin, end)

	if s.Distance != nil {
		to := ss.End
		if end > s.Time[ss.End-1] {
			to++ // the next session's first sample
		}
		first, last := math.NaN(), math.NaN()
		for _, d := range s.Distance[ss.First:to] {
			if !math.IsNaN(d) {
				if math.IsNaN(first) {
					first = d
				}
				last = d
			}
		}
		out["distance"] = last - first
	}
	if s.HeartRate != nil {
		var sum, weight float64
		for j := ss.First; j < ss.End; j++ {
			hr := s.HeartRate[j]
			if math.IsNaN(hr) {
				continue
			}
			if math.IsNaN(out["max_hr"]) || hr > out["max_hr"] {
				out["max_hr"] = hr
			}
			if j+1 < ss.End {
				w := s.Time[j+1] - s.Time[j] - paused(s.Time[j], s.Time[j+1])
				sum += hr * w
				weight += w
			}
		}
		if weight > 0 {
			out["avg_hr"] = sum / weight
		}
	}
	return out
}

func deviceFigures(t activity.Totals) map[string]float64 {
	return map[string]float64{"timer": t.TimerTime, "distance": t.Distance, "max_hr": t.MaxHeartRate, "avg_hr": t.AvgHeartRate}
}

func TestCorpus(t *testing.T) {
	type worst struct {
		compared, excepted int
		diff               float64
		where              string
	}
	summary := map[string]*worst{}
	for _, f := range figures {
		summary[f.name] = &worst{}
	}
	needed := map[string]bool{} // file/figure exceptions that a session needed

	for _, path := range corpusFiles(t, "fit") {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a, err := fitio.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			checkWellFormed(t, a)
			var line []string
			for i, ss := range a.Sessions {
				ours, device := sessionFigures(a, i), deviceFigures(ss.Totals)
				for _, f := range figures {
					o, d := ours[f.name], device[f.name]
					if math.IsNaN(o) || math.IsNaN(d) {
						continue
					}
					line = append(line, fmt.Sprintf("s%d %s %.1f/%.1f", i, f.name, o, d))
					w, diff, tol := summary[f.name], f.diff(o, d), f.tol(d)
					if reason, ok := corpusExceptions[name][f.name]; ok {
						w.excepted++
						if !(diff <= tol) {
							needed[name+"/"+f.name] = true
							t.Logf("session %d %s: ours %.2f, device %.2f: excepted: %s", i, f.name, o, d, reason)
						}
						continue
					}
					w.compared++
					if diff > w.diff || w.where == "" {
						w.diff, w.where = diff, fmt.Sprintf("%s session %d: ours %.2f, device %.2f", name, i, o, d)
					}
					if !(diff <= tol) {
						t.Errorf("session %d %s: ours %.2f, device %.2f: %.2f %s apart, more than %.2f", i, f.name, o, d, diff, f.unit, tol)
					}
				}
			}
			t.Logf("%d samples, %d sessions; ours/device: %s", a.Samples.Len(), len(a.Sessions), strings.Join(line, ", "))
		})
	}

	for file, figs := range corpusExceptions {
		for fig := range figs {
			if !needed[file+"/"+fig] {
				t.Errorf("corpusExceptions[%q][%q] is not needed: the figures agree", file, fig)
			}
		}
	}
	for _, f := range figures {
		w := summary[f.name]
		t.Logf("summary %-8s compared %3d sessions (%d excepted), worst difference %.2f %s (%s)",
			f.name, w.compared, w.excepted, w.diff, f.unit, w.where)
	}
}

// TestCorpusBroken decodes the damaged files, strictly and leniently, and
// checks only that the outcome is well-formed: the expected outcome of each
// is the analyze package's table.
func TestCorpusBroken(t *testing.T) {
	for _, path := range corpusFiles(t, "broken") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			outcome := func(lenient bool) string {
				d := fitio.Decoder{Lenient: lenient}
				a, err := d.Decode(bytes.NewReader(data))
				if err != nil {
					return fmt.Sprintf("%v (%v)", checkError(t, err), err)
				}
				checkWellFormed(t, a)
				return fmt.Sprintf("%d samples, warnings %q", a.Samples.Len(), a.Warnings)
			}
			t.Logf("strict: %s", outcome(false))
			t.Logf("lenient: %s", outcome(true))
		})
	}
}
