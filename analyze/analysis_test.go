package analyze_test

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/fixture"
)

// TestAnalyzeAcrossFormats analyses the generated easy run in every format
// and checks the figures against testdata/runs/recovery-easy.json: 2100 s of
// timer time, 4987.5 m, and time in the %HRmax zones of a 190 bpm maximum
// (bounds 95/114/133/152/171) of 0, 220, 1880, 0, 0, 0 s, computed from the
// description's heart-rate ramps by an independent script (samples every 5 s:
// the warm-up ramps 95-105 and 108-120 bpm, then 125-132 bpm).
func TestAnalyzeAcrossFormats(t *testing.T) {
	want := []float64{0, 220, 1880, 0, 0, 0}
	in := analyze.Inputs{Pace: analyze.PaceInputs{FiveK: 25 * 60}}
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		t.Run(ext, func(t *testing.T) {
			a, err := analyze.Open(filepath.Join(runs, "recovery-easy."+ext))
			if err != nil {
				t.Fatal(err)
			}
			// GPX and TCX carry no athlete settings: give the maximum.
			in := in
			if ext != "fit" {
				in.Athlete.MaxHR = analyze.Given{Value: 190, Source: "test"}
			}
			an := analyze.Analyze(a, in, analyze.Options{})
			if !an.Running || an.Time.Timer != 2100 || an.Time.Gaps != 0 {
				t.Errorf("running %v, timer %v, gaps %d; want true, 2100, 0", an.Running, an.Time.Timer, an.Time.Gaps)
			}
			if math.Abs(float64(an.Distance)-4987.5) > 0.005*4987.5 {
				t.Errorf("distance %v, want 4987.5 within 0.5 %%", float64(an.Distance))
			}
			hr := an.HeartRate
			if hr == nil || hr.Zones == nil {
				t.Fatalf("no heart-rate zones: %+v", hr)
			}
			if !equalFloats(hr.Zones.Seconds, want) {
				t.Errorf("zone seconds %v, want %v", hr.Zones.Seconds, want)
			}
			if hr.Cleaning.Removed.Samples != 0 {
				t.Errorf("cleaning removed %d samples of a clean run", hr.Cleaning.Removed.Samples)
			}
			if float64(hr.Max) != 132 {
				t.Errorf("max HR %v, want 132", float64(hr.Max))
			}
			if an.Pace.Reference == nil || an.Pace.Reference.Pace != 300 {
				t.Errorf("reference %+v, want 5K pace 300 s/km", an.Pace.Reference)
			}
			if an.Settings.MaxHR.Value != 190 {
				t.Errorf("max HR setting %+v, want 190", an.Settings.MaxHR)
			}
		})
	}
}

// TestAnalyzeMarshals analyses every generated run with and without settings
// and checks the result is valid JSON, missing figures included.
func TestAnalyzeMarshals(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(runs, "*.[fgt][ipc][tx]"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures (%v)", err)
	}
	for _, f := range files {
		a, err := analyze.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range []analyze.Inputs{{}, {Athlete: analyze.AthleteInput{Age: analyze.Given{Value: 40, Source: "test"}}}} {
			b, err := json.Marshal(analyze.Analyze(a, in, analyze.Options{}))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			var back map[string]any
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
	}
}

// TestAnalyzeWithoutSettings checks that nothing is guessed: with no maximum
// heart rate from anywhere, there are no zones and no loads, and the reason
// names the flags.
func TestAnalyzeWithoutSettings(t *testing.T) {
	a, err := analyze.Open(filepath.Join(runs, "recovery-easy.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	an := analyze.Analyze(a, analyze.Inputs{}, analyze.Options{})
	if an.Settings.MaxHR.Known() || an.HeartRate.Zones != nil || an.HeartRate.Edwards != nil {
		t.Errorf("max HR %+v, zones %+v, Edwards %+v: want none", an.Settings.MaxHR, an.HeartRate.Zones, an.HeartRate.Edwards)
	}
	if an.HeartRate.ZonesError == "" || an.PaceReferenceError == "" {
		t.Errorf("zones error %q, pace reference error %q: want both", an.HeartRate.ZonesError, an.PaceReferenceError)
	}
}

// TestAnalyzeHeartRateOnly analyses a run with heart rate and nothing else
// (no speed, distance or position): every figure that needs speed is
// missing, nothing panics, and the grade still reads the heart rate.
func TestAnalyzeHeartRateOnly(t *testing.T) {
	n := 1800
	a := &activity.Activity{Meta: activity.Metadata{Sport: "running"}, Athlete: activity.NoAthlete()}
	for i := range n {
		a.Samples.Time = append(a.Samples.Time, float64(i))
		a.Samples.HeartRate = append(a.Samples.HeartRate, 120)
	}
	in := analyze.Inputs{Athlete: analyze.AthleteInput{MaxHR: analyze.Given{Value: 190, Source: "test"}}}
	g, an := analyze.GradeRecovery(a, in, analyze.DefaultProfiles()["general"], analyze.Options{}, analyze.GradeOptions{})
	if an.HeartRate.Decoupling.Percent.Known() || an.Pace.AvgPace.Known() {
		t.Errorf("decoupling %v, pace %v: want both missing", an.HeartRate.Decoupling.Percent, an.Pace.AvgPace)
	}
	// 1799 s at 120 bpm, under the 133 bpm ceiling, 30 minutes: a pass.
	if g.Verdict != analyze.VerdictPass {
		t.Errorf("verdict %s (%q), want PASS", g.Verdict, g.Reasons)
	}
}

// TestAnalyzeSportUnnamed: a file that names no sport (a GPX without a type)
// is taken to be a run, as the label decision takes it; one that names
// another sport is not.
func TestAnalyzeSportUnnamed(t *testing.T) {
	for _, tt := range []struct {
		sport string
		want  bool
	}{{"", true}, {"running", true}, {"cycling", false}, {"generic", false}} {
		a := &activity.Activity{Meta: activity.Metadata{Sport: tt.sport}, Athlete: activity.NoAthlete(),
			Samples: activity.Samples{Time: []float64{0, 1}}}
		if got := analyze.Analyze(a, analyze.Inputs{}, analyze.Options{}).Running; got != tt.want {
			t.Errorf("sport %q: running %v, want %v", tt.sport, got, tt.want)
		}
	}
}

// analysisBenchRun returns a steady run of the given timer time, rendered
// in FIT and decoded, the input of BenchmarkAnalysisStages.
func analysisBenchRun(timer time.Duration) (*activity.Activity, error) {
	desc, err := fixture.SteadyRun("steady", timer)
	if err != nil {
		return nil, err
	}
	files, err := fixture.Render(desc)
	if err != nil {
		return nil, err
	}
	return analyze.Decode(bytes.NewReader(files[0].Data))
}

// An analysisBenchStage is one stage of BenchmarkAnalysisStages.
type analysisBenchStage struct {
	name string
	op   func()
}

// analysisBenchStages returns the stages of analysing and grading a, with
// their inputs prepared.
func analysisBenchStages(a *activity.Activity) []analysisBenchStage {
	p := analyze.DefaultProfiles()[analyze.DefaultProfile]
	in := analyze.Inputs{Athlete: analyze.AthleteInput{MaxHR: analyze.Given{Value: 190, Source: "benchmark"}}, PaceReference: p.PaceReference}
	s := &a.Samples
	an := analyze.Analyze(a, in, analyze.Options{})
	kin, tl, hr := an.Kinematics, an.Timeline, an.Cleaning.HR
	moving := analyze.CardioWeights(tl)
	return []analysisBenchStage{
		{"kinematics", func() { analyze.NewKinematics(a, analyze.KinematicsOptions{}) }},
		{"timeline", func() { analyze.NewTimeline(a, kin.Speed, analyze.TimeOptions{}) }},
		{"clean", func() { analyze.CleanHeartRate(s.Time, s.HeartRate, s.Cadence, tl.Weight, analyze.HeartRateOptions{}) }},
		{"zones", func() { an.Zones.TimeIn(nil, hr, tl.Weight) }},
		{"drift", func() { analyze.HeartRateDrift(s.Time, hr, moving, analyze.CardioOptions{}) }},
		{"decoupling", func() { analyze.AerobicDecoupling(s.Time, hr, kin.Speed, moving, analyze.CardioOptions{}) }},
		{"edwards", func() { analyze.EdwardsTRIMP(s.Time, hr, tl.Weight, 190) }},
		{"banister", func() { analyze.BanisterTRIMP(s.Time, hr, tl.Weight, 52, 190, false) }},
		{"pace", func() { analyze.NewPaceSummary(a, kin, tl, analyze.PaceOptions{HeartRate: hr}) }},
		{"terrain", func() { analyze.NewTerrainSummary(a, kin, tl, analyze.TerrainOptions{}) }},
		{"analyze", func() { analyze.Analyze(a, in, analyze.Options{}) }},
		{"grade", func() { analyze.GradeAnalysis(a, an, p, analyze.GradeOptions{}) }},
	}
}

// BenchmarkAnalysisStages times each stage of Analyze and GradeAnalysis
// apart, as BenchmarkAnalysisStages/TIER/STAGE, on a steady run of 3 and 24
// hours at 1 Hz decoded from FIT, with the general profile and a maximum
// heart rate of 190: the inputs of each stage are prepared outside the
// timer. It reports ns/sample, comparable across tiers.
//
// Each tier's run is made when its first stage runs and dropped after its
// last, so that the 24-hour run does not weigh on the 3-hour tier's garbage
// collections.
func BenchmarkAnalysisStages(b *testing.B) {
	for _, tier := range []struct {
		name  string
		timer time.Duration
	}{{"3h", 3 * time.Hour}, {"24h", 24 * time.Hour}} {
		b.Run(tier.name, func(b *testing.B) {
			a, err := analysisBenchRun(tier.timer)
			if err != nil {
				b.Fatal(err)
			}
			n := a.Samples.Len()
			for _, st := range analysisBenchStages(a) {
				b.Run(st.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						st.op()
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/sample")
				})
			}
		})
	}
}
