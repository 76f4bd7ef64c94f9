package main

import (
	"flag"
	"fmt"

	"github.com/runcheck/runcheck/analyze"
)

// settingsFlags are the configuration, athlete and profile flags that grade
// and zones share.
type settingsFlags struct {
	config                      string
	profile                     string
	maxHR, restingHR, lthr, age float64
	fiveK, tenK, easyPace       string
}

func (s *settingsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.config, "config", "", "TOML configuration `FILE` (see docs/config.md); flags win over it")
	fs.StringVar(&s.profile, "profile", "", "recovery `profile`: general, new, recreational, experienced, post-hard or one the config file defines (default general)")
	fs.Float64Var(&s.maxHR, "max-hr", 0, "maximum heart rate in `bpm` (wins over the file's and an estimate from -age)")
	fs.Float64Var(&s.restingHR, "resting-hr", 0, "resting heart rate in `bpm`")
	fs.Float64Var(&s.lthr, "lthr", 0, "lactate threshold heart rate in `bpm`")
	fs.Float64Var(&s.age, "age", 0, "age in `years`, for a maximum heart rate estimate (Tanaka) when none is known")
	fs.StringVar(&s.fiveK, "5k", "", "5K race time `MM:SS`")
	fs.StringVar(&s.tenK, "10k", "", "10K race time `MM:SS` or H:MM:SS")
	fs.StringVar(&s.easyPace, "easy-pace", "", "normal easy pace `M:SS` per km")
}

// settings are the resolved settings of a run of the tool.
type settings struct {
	inputs   analyze.Inputs
	profile  analyze.Profile
	config   *analyze.Config // nil without -config
	matcher  *analyze.LabelMatcher
	gradeOpt analyze.GradeOptions
}

// resolve loads the config file, if any, and merges the flags over it: each
// figure from the flag when given, else from the file, and says which.
func (s *settingsFlags) resolve() (settings, error) {
	var out settings
	if s.config != "" {
		cfg, err := analyze.LoadConfig(s.config)
		if err != nil {
			return out, fmt.Errorf("-config: %w", err)
		}
		out.config = cfg
		out.gradeOpt = cfg.Tolerances
	}
	flags, err := s.inputs()
	if err != nil {
		return out, err
	}
	cfg := out.config
	out.inputs.Athlete = analyze.MergeAthlete(flags.Athlete, cfg.AthleteInput())
	out.inputs.Pace, out.inputs.PaceOrigin = analyze.MergePace(flags.Pace, cfg.PaceInputs(), cfg.Source())
	profiles, name := analyze.DefaultProfiles(), s.profile
	if cfg != nil {
		profiles = cfg.Profiles
		if name == "" {
			name = cfg.Profile
		}
		if out.matcher, err = analyze.NewLabelMatcher(cfg.Labels); err != nil {
			return out, fmt.Errorf("-config: %w", err)
		}
	}
	if out.profile, err = profiles.Get(name); err != nil {
		return out, fmt.Errorf("-profile: %w", err)
	}
	return out, nil
}

// zoneModel returns the zone model: the flag when given, else the config
// file's, else hrmax.
func (s settings) zoneModel(flag string) string {
	switch {
	case flag != "":
		return flag
	case s.config != nil && s.config.ZoneModel != "":
		return s.config.ZoneModel
	}
	return analyze.ModelHRMax
}

// inputs returns the settings the flags give, each named by its flag.
func (s *settingsFlags) inputs() (analyze.Inputs, error) {
	var in analyze.Inputs
	given := func(v float64, flag string) (analyze.Given, error) {
		if v < 0 {
			return analyze.Given{}, fmt.Errorf("-%s %g: want a positive number", flag, v)
		}
		if v == 0 {
			return analyze.Given{}, nil
		}
		return analyze.Given{Value: v, Source: "flag -" + flag}, nil
	}
	var err error
	for _, f := range []struct {
		dst  *analyze.Given
		v    float64
		name string
	}{
		{&in.Athlete.MaxHR, s.maxHR, "max-hr"}, {&in.Athlete.RestingHR, s.restingHR, "resting-hr"},
		{&in.Athlete.ThresholdHR, s.lthr, "lthr"}, {&in.Athlete.Age, s.age, "age"},
	} {
		if *f.dst, err = given(f.v, f.name); err != nil {
			return in, err
		}
	}
	if s.fiveK != "" {
		if in.Pace.FiveK, err = analyze.ParseRaceTime(s.fiveK); err != nil {
			return in, fmt.Errorf("-5k: %w", err)
		}
	}
	if s.tenK != "" {
		if in.Pace.TenK, err = analyze.ParseRaceTime(s.tenK); err != nil {
			return in, fmt.Errorf("-10k: %w", err)
		}
	}
	if s.easyPace != "" {
		if in.Pace.Easy, err = analyze.ParsePace(s.easyPace); err != nil {
			return in, fmt.Errorf("-easy-pace: %w", err)
		}
	}
	return in, nil
}
