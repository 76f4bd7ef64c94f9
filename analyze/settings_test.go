package analyze_test

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

func TestResolveSettings(t *testing.T) {
	withFile := func(max, rest, lthr, age float64) *activity.Activity {
		a := &activity.Activity{Athlete: activity.NoAthlete()}
		a.Athlete.MaxHeartRate, a.Athlete.RestingHeartRate, a.Athlete.ThresholdHeartRate, a.Athlete.Age = max, rest, lthr, age
		a.Athlete.Source = "user_profile"
		return a
	}
	nan := math.NaN()
	tests := []struct {
		name       string
		in         analyze.AthleteInput
		act        *activity.Activity
		wantMax    float64
		wantSource string
		wantEst    bool
		wantRest   float64
	}{
		{
			name:       "the flag wins over the file",
			in:         analyze.AthleteInput{MaxHR: analyze.Given{Value: 185, Source: "flag -max-hr"}},
			act:        withFile(190, 50, 170, 41),
			wantMax:    185,
			wantSource: "flag -max-hr",
			wantRest:   50,
		},
		{
			name:       "the file wins over an estimate",
			in:         analyze.AthleteInput{Age: analyze.Given{Value: 30, Source: "config"}},
			act:        withFile(190, nan, nan, nan),
			wantMax:    190,
			wantSource: "file (user_profile)",
			wantRest:   nan,
		},
		{
			name:       "Tanaka from a given age: 208 - 0.7 x 40 = 180",
			in:         analyze.AthleteInput{Age: analyze.Given{Value: 40, Source: "flag -age"}},
			act:        withFile(nan, nan, nan, nan),
			wantMax:    180,
			wantSource: "estimate: Tanaka 208 - 0.7 x age 40 (age from flag -age)",
			wantEst:    true,
			wantRest:   nan,
		},
		{
			name:       "Tanaka from the file's age: 208 - 0.7 x 50 = 173",
			act:        withFile(nan, 55, nan, 50),
			wantMax:    173,
			wantSource: "estimate: Tanaka 208 - 0.7 x age 50 (age from file (user_profile))",
			wantEst:    true,
			wantRest:   55,
		},
		{
			name:       "nothing known: nothing guessed",
			act:        withFile(nan, nan, nan, nan),
			wantMax:    nan,
			wantSource: "none",
			wantRest:   nan,
		},
		{
			name: "a session's time_in_zone settings",
			act: &activity.Activity{Athlete: activity.NoAthlete(), Sessions: []activity.Session{{
				TimeInZone: &activity.TimeInZone{MaxHeartRate: 178, RestingHeartRate: 62, ThresholdHeartRate: nan},
			}}},
			wantMax:    178,
			wantSource: "file (time_in_zone)",
			wantRest:   62,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := analyze.ResolveSettings(tt.in, tt.act)
			if !sameValue(float64(s.MaxHR.Value), tt.wantMax) || s.MaxHR.Source != tt.wantSource || s.MaxHR.Estimate != tt.wantEst {
				t.Errorf("max HR = %+v, want %v from %q (estimate %v)", s.MaxHR, tt.wantMax, tt.wantSource, tt.wantEst)
			}
			if !sameValue(float64(s.RestingHR.Value), tt.wantRest) {
				t.Errorf("resting HR = %+v, want %v", s.RestingHR, tt.wantRest)
			}
		})
	}
}

func sameValue(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func TestHeartRateZones(t *testing.T) {
	set := func(v float64) analyze.Setting {
		if math.IsNaN(v) {
			return analyze.Setting{Value: analyze.NA(), Source: "none"}
		}
		return analyze.Setting{Value: analyze.Value(v), Source: "test"}
	}
	nan := math.NaN()
	full := analyze.Settings{MaxHR: set(190), RestingHR: set(50), ThresholdHR: set(170)}
	fit, err := analyze.Open(filepath.Join(runs, "recovery-easy.fit"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		model      string
		settings   analyze.Settings
		act        *activity.Activity
		wantBounds []float64
		wantErr    string
	}{
		// 50/60/70/80/90 % of 190.
		{name: "hrmax", model: "hrmax", settings: full, wantBounds: []float64{95, 114, 133, 152, 171}},
		// 50 + p x 140.
		{name: "hrr", model: "hrr", settings: full, wantBounds: []float64{120, 134, 148, 162, 176}},
		// Friel: 85, 90, 95, 100, 103, 107 % of 170.
		{name: "lthr", model: "lthr", settings: full, wantBounds: []float64{144.5, 153, 161.5, 170, 175.1, 181.9}},
		// recovery-easy.json: athlete zones 95/114/133/152/171/190.
		{name: "device", model: "device", settings: full, act: fit, wantBounds: []float64{95, 114, 133, 152, 171, 190}},
		{name: "hrmax without max", model: "hrmax", settings: analyze.Settings{MaxHR: set(nan)}, wantErr: "-max-hr or -age"},
		{name: "hrr without rest", model: "hrr", settings: analyze.Settings{MaxHR: set(190), RestingHR: set(nan)}, wantErr: "-resting-hr"},
		{name: "lthr without lthr", model: "lthr", settings: analyze.Settings{ThresholdHR: set(nan)}, wantErr: "-lthr"},
		{name: "device without zones", model: "device", settings: full, wantErr: "has none"},
		{name: "unknown model", model: "vo2", settings: full, wantErr: "unknown zone model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			act := tt.act
			if act == nil {
				act = &activity.Activity{Athlete: activity.NoAthlete()}
			}
			z, err := analyze.HeartRateZones(tt.model, tt.settings, act)
			if tt.wantErr != "" {
				if !errors.Is(err, analyze.ErrSettings) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want ErrSettings saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(z.Bounds) != len(tt.wantBounds) {
				t.Fatalf("bounds %v, want %v", z.Bounds, tt.wantBounds)
			}
			for i := range z.Bounds {
				if math.Abs(z.Bounds[i]-tt.wantBounds[i]) > 1e-9 {
					t.Fatalf("bounds %v, want %v", z.Bounds, tt.wantBounds)
				}
			}
		})
	}
}

// TestFigureCheck checks the one rule every athlete figure passes through,
// from a flag or a configuration file: a finite number within the figure's
// bounds, which are inclusive.
func TestFigureCheck(t *testing.T) {
	tests := []struct {
		f    analyze.Figure
		v    float64
		want string // "" for no error
	}{
		{analyze.FigureMaxHR, 100, ""},
		{analyze.FigureMaxHR, 250, ""},
		{analyze.FigureMaxHR, 1900, "out of range; want 100 to 250 bpm"},
		{analyze.FigureMaxHR, 99.9, "out of range; want 100 to 250 bpm"},
		{analyze.FigureMaxHR, 1e307, "out of range; want 100 to 250 bpm"},
		{analyze.FigureMaxHR, math.Inf(1), "out of range; want 100 to 250 bpm"},
		{analyze.FigureMaxHR, math.NaN(), "not a number; want 100 to 250 bpm"},
		{analyze.FigureMaxHR, 0, "out of range; want 100 to 250 bpm"},
		{analyze.FigureRestingHR, 25, ""},
		{analyze.FigureRestingHR, 121, "out of range; want 25 to 120 bpm"},
		{analyze.FigureThresholdHR, -160, "out of range; want 80 to 250 bpm"},
		{analyze.FigureAge, 10, ""},
		{analyze.FigureAge, 120, ""},
		{analyze.FigureAge, 300, "out of range; want 10 to 120 years"},
		{analyze.FigureAge, math.Inf(-1), "out of range; want 10 to 120 years"},
	}
	for _, tt := range tests {
		err := tt.f.Check(tt.v)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v %g: %v, want no error", tt.f, tt.v, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want):
			t.Errorf("%v %g: error %v, want %q", tt.f, tt.v, err, tt.want)
		case tt.want != "" && !errors.Is(err, analyze.ErrSettings):
			t.Errorf("%v %g: %v does not match ErrSettings", tt.f, tt.v, err)
		}
	}
	// Within the bounds of an age, Tanaka's estimate is within the bounds
	// of a maximum heart rate: -age 300 gave -2 bpm.
	lo, hi := analyze.FigureAge.Bounds()
	for _, age := range []float64{lo, hi} {
		if err := analyze.FigureMaxHR.Check(analyze.Tanaka(age)); err != nil {
			t.Errorf("Tanaka(%g) = %g: %v", age, analyze.Tanaka(age), err)
		}
	}
}

// TestAthleteInputCheck checks the figures as merged from flags and a
// configuration file: each in its bounds, NaN included, and the heart rates
// in order, each named with its value and source.
func TestAthleteInputCheck(t *testing.T) {
	flag := func(v float64, name string) analyze.Given { return analyze.Given{Value: v, Source: "flag -" + name} }
	cfg := func(v float64) analyze.Given { return analyze.Given{Value: v, Source: "config runcheck.toml"} }
	tests := []struct {
		name string
		in   analyze.AthleteInput
		want string
	}{
		{name: "none given", in: analyze.AthleteInput{}},
		{name: "in order", in: analyze.AthleteInput{MaxHR: flag(186, "max-hr"), RestingHR: cfg(48), ThresholdHR: cfg(168), Age: cfg(41)}},
		{
			name: "a flag below the file's figure",
			in:   analyze.AthleteInput{MaxHR: cfg(186), RestingHR: flag(110, "resting-hr"), ThresholdHR: flag(105, "lthr")},
			want: "resting heart rate 110 (flag -resting-hr) is not below threshold heart rate 105 (flag -lthr)",
		},
		{
			name: "threshold equal to max",
			in:   analyze.AthleteInput{MaxHR: cfg(186), ThresholdHR: flag(186, "lthr")},
			want: "threshold heart rate 186 (flag -lthr) is not below maximum heart rate 186 (config runcheck.toml)",
		},
		{
			name: "NaN is given, not dropped",
			in:   analyze.AthleteInput{MaxHR: analyze.Given{Value: math.NaN(), Source: "caller"}},
			want: "maximum heart rate NaN (caller): not a number; want 100 to 250 bpm",
		},
		{
			name: "out of range",
			in:   analyze.AthleteInput{Age: analyze.Given{Value: 300}},
			want: "age 300: out of range; want 10 to 120 years",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Check()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want || !errors.Is(err, analyze.ErrSettings) {
				t.Fatalf("error %v, want %q matching ErrSettings", err, tt.want)
			}
		})
	}
}

// TestHugeMaxHRNoPanic analyzes and grades a run with maximum heart rates
// that a library caller may pass without Figure.Check: 1e307 made the
// Edwards TRIMP's bounds overflow to +Inf and panicked in zones.TimeIn
// (reached from the command line's -max-hr 1e307). Every such figure gives
// an analysis, with no TRIMP where its bands cannot be formed.
func TestHugeMaxHRNoPanic(t *testing.T) {
	a, err := analyze.Open(filepath.Join("..", "testdata", "runs", "recovery-easy.fit"))
	if err != nil {
		t.Fatal(err)
	}
	for _, max := range []float64{1e307, 2e306, math.MaxFloat64} {
		in := analyze.Inputs{Athlete: analyze.AthleteInput{MaxHR: analyze.Given{Value: max, Source: "caller"}}}
		an := analyze.Analyze(a, in, analyze.Options{})
		if got := float64(an.Settings.MaxHR.Value); got != max {
			t.Errorf("max HR %g analyzed with %g", max, got)
		}
		if an.HeartRate == nil || an.HeartRate.Edwards == nil || an.HeartRate.Edwards.TRIMP.Known() {
			t.Errorf("max HR %g: heart rate %+v, want an Edwards TRIMP left unknown: its bands are not finite", max, an.HeartRate)
		}
		analyze.GradeRecovery(a, in, analyze.DefaultProfiles()["general"], analyze.Options{}, analyze.GradeOptions{})
		hr := []float64{120, 130, 140}
		if tr := analyze.EdwardsTRIMP([]float64{0, 1, 2}, hr, nil, max); tr.TRIMP.Known() {
			t.Errorf("EdwardsTRIMP with max HR %g = %v, want no TRIMP: its bands are not finite", max, tr.TRIMP)
		}
	}
}
