package analyze_test

import (
	"bytes"
	"path"
	"sync"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/fixture"
)

// A benchTier is one size of benchmark input: a [fixture.SteadyRun] of the
// given timer time, rendered in FIT, GPX and TCX, with what grading it must
// give. Its files are generated on first use and kept for the whole test
// binary, so a tier that -bench filters out is never generated.
type benchTier struct {
	name  string
	timer time.Duration
	// samples is the sample count of every format: the timer seconds plus
	// 2, since each of the two stretches around the pause is sampled every
	// second with both ends included.
	samples int
	verdict analyze.Verdict
	// failing is the id of the only failed check, empty for a pass.
	failing string
	files   func() ([]fixture.File, error)
}

// newBenchTier returns the tier of a steady run of timer.
func newBenchTier(name string, timer time.Duration, samples int, verdict analyze.Verdict, failing string) benchTier {
	return benchTier{
		name: name, timer: timer, samples: samples, verdict: verdict, failing: failing,
		files: sync.OnceValues(func() ([]fixture.File, error) {
			// TCX has no workout name: the file name is its label.
			d, err := fixture.SteadyRun("recovery-"+name, timer)
			if err != nil {
				return nil, err
			}
			return fixture.Render(d)
		}),
	}
}

// benchTiers are the size tiers of BenchmarkStage: a 30-minute run inside
// the general profile's 20-45 minutes, and a 3-hour and a 24-hour run that
// fail it on duration alone.
var benchTiers = []benchTier{
	newBenchTier("30min", 30*time.Minute, 1802, analyze.VerdictPass, ""),
	newBenchTier("3h", 3*time.Hour, 10802, analyze.VerdictFail, analyze.CheckDuration),
	newBenchTier("24h", 24*time.Hour, 86402, analyze.VerdictFail, analyze.CheckDuration),
}

// benchInputs give the maximum heart rate the FIT files carry (190 bpm) to
// every format, since GPX and TCX have no place for it.
var benchInputs = analyze.Inputs{Athlete: analyze.AthleteInput{MaxHR: analyze.Given{Value: 190, Source: "benchmark"}}}

// load returns the tier's files, FIT, GPX and TCX in that order.
func (tier benchTier) load(tb testing.TB) []fixture.File {
	tb.Helper()
	files, err := tier.files()
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// activity returns the tier's FIT file decoded, the input of the in-memory
// stages, and the file's size.
func (tier benchTier) activity(tb testing.TB) (*activity.Activity, int) {
	tb.Helper()
	fit := tier.load(tb)[0]
	a, err := analyze.Decode(bytes.NewReader(fit.Data))
	if err != nil {
		tb.Fatalf("%s: %v", fit.Name, err)
	}
	return a, len(fit.Data)
}

// benchFormat names a file's format for a benchmark name: fit, gpx or tcx.
func benchFormat(f fixture.File) string { return path.Ext(f.Name)[1:] }

// benchClean cleans a's heart rate as Analyze does: over the timeline's
// weights, with the cadence of a run.
func benchClean(a *activity.Activity, tl analyze.Timeline) analyze.HeartRateCleaning {
	s := &a.Samples
	return analyze.CleanHeartRate(s.Time, s.HeartRate, s.Cadence, tl.Weight, analyze.HeartRateOptions{})
}

// TestBenchmarkInputs proves that every file BenchmarkStage reads decodes to
// the tier's sample count and grades, by the whole path the verdict stage
// times, to the tier's verdict, failing on duration alone where it fails;
// and that the clean stage's input cleans as Analyze cleans it. The 24-hour
// tier is skipped in -short mode.
func TestBenchmarkInputs(t *testing.T) {
	for _, tier := range benchTiers {
		t.Run(tier.name, func(t *testing.T) {
			if testing.Short() && tier.timer > 3*time.Hour {
				t.Skip("24-hour files in -short mode")
			}
			g := analyze.Grader{Inputs: benchInputs}
			for _, f := range tier.load(t) {
				a, err := g.Decoder.DecodeBytes(f.Data)
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				if n := a.Samples.Len(); n != tier.samples {
					t.Errorf("%s: %d samples, want %d", f.Name, n, tier.samples)
				}
				r := g.GradeActivity(f.Name, a).Report
				if r.Label == nil || !r.Label.Graded || r.Grade == nil {
					t.Fatalf("%s: not graded: %s", f.Name, r.Reason())
				}
				if r.Outcome != analyze.Outcome(tier.verdict) || r.Grade.Verdict != tier.verdict {
					t.Errorf("%s: %s (%s), want %s", f.Name, r.Outcome, r.Reason(), tier.verdict)
				}
				if s := r.Grade.Settings.MaxHR; s.Value != 190 {
					t.Errorf("%s: max HR %v from %s, want 190", f.Name, s.Value, s.Source)
				}
				var failed []string
				for _, c := range r.Grade.Checks {
					if c.Status == analyze.StatusFail {
						failed = append(failed, c.ID)
					}
				}
				if (tier.failing == "" && len(failed) != 0) || (tier.failing != "" && (len(failed) != 1 || failed[0] != tier.failing)) {
					t.Errorf("%s: failed checks %q, want %q", f.Name, failed, tier.failing)
				}
			}

			a, _ := tier.activity(t)
			an := analyze.Analyze(a, benchInputs, analyze.Options{})
			c := benchClean(a, an.Timeline)
			if c.Kept != an.Cleaning.Kept || c.Removed != an.Cleaning.Removed || c.Kept.Samples == 0 {
				t.Errorf("clean stage: kept %+v, removed %+v; Analyze kept %+v, removed %+v",
					c.Kept, c.Removed, an.Cleaning.Kept, an.Cleaning.Removed)
			}
		})
	}
}

// BenchmarkStage times each stage of grading a file, for each size tier, as
// BenchmarkStage/STAGE/TIER[/FORMAT]:
//
//   - decode: analyze.Decoder.DecodeBytes from bytes in memory, per format;
//   - clean: CleanHeartRate on the decoded FIT run;
//   - analyze: Analyze (timeline, kinematics, cleaning, zones, pace,
//     terrain and cardio figures) on the decoded FIT run;
//   - grade: GradeAnalysis on a prepared analysis;
//   - verdict: the whole path from bytes to a report, DecodeBytes then
//     Grader.GradeActivity, per format.
//
// Every stage reports ns/sample, comparable across stages and tiers. The
// stages that read a file set its size as the bytes processed (MB/s); the
// in-memory stages set the FIT file's size, so that their MB/s is the rate
// at which they would keep up with FIT files of that length.
func BenchmarkStage(b *testing.B) {
	p := analyze.DefaultProfiles()[analyze.DefaultProfile]
	in := benchInputs
	in.PaceReference = p.PaceReference // as GradeRecovery does

	perTier := func(stage string, f func(b *testing.B, tier benchTier)) {
		b.Run(stage, func(b *testing.B) {
			for _, tier := range benchTiers {
				b.Run(tier.name, func(b *testing.B) { f(b, tier) })
			}
		})
	}
	// timed times op in a loop, with size as the bytes processed per
	// call and the time per sample as a metric.
	timed := func(b *testing.B, size, samples int, op func()) {
		b.ReportAllocs()
		b.SetBytes(int64(size))
		for b.Loop() {
			op()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(samples), "ns/sample")
	}

	perTier("decode", func(b *testing.B, tier benchTier) {
		for _, f := range tier.load(b) {
			b.Run(benchFormat(f), func(b *testing.B) {
				var d analyze.Decoder
				timed(b, len(f.Data), tier.samples, func() {
					if _, err := d.DecodeBytes(f.Data); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	})
	perTier("clean", func(b *testing.B, tier benchTier) {
		a, size := tier.activity(b)
		k := analyze.NewKinematics(a, analyze.KinematicsOptions{})
		tl := analyze.NewTimeline(a, k.Speed, analyze.TimeOptions{})
		timed(b, size, tier.samples, func() { benchClean(a, tl) })
	})
	perTier("analyze", func(b *testing.B, tier benchTier) {
		a, size := tier.activity(b)
		timed(b, size, tier.samples, func() { analyze.Analyze(a, in, analyze.Options{}) })
	})
	perTier("grade", func(b *testing.B, tier benchTier) {
		a, size := tier.activity(b)
		an := analyze.Analyze(a, in, analyze.Options{})
		timed(b, size, tier.samples, func() {
			if g := analyze.GradeAnalysis(a, an, p, analyze.GradeOptions{}); g.Verdict != tier.verdict {
				b.Fatalf("verdict %s, want %s", g.Verdict, tier.verdict)
			}
		})
	})
	perTier("verdict", func(b *testing.B, tier benchTier) {
		for _, f := range tier.load(b) {
			b.Run(benchFormat(f), func(b *testing.B) {
				g := analyze.Grader{Inputs: benchInputs}
				timed(b, len(f.Data), tier.samples, func() {
					a, err := g.Decoder.DecodeBytes(f.Data)
					if err != nil {
						b.Fatal(err)
					}
					if r := g.GradeActivity(f.Name, a).Report; r.Outcome != analyze.Outcome(tier.verdict) {
						b.Fatalf("%s: %s, want %s", f.Name, r.Outcome, tier.verdict)
					}
				})
			})
		}
	})
}
