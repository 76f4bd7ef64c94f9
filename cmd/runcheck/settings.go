package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/runcheck/runcheck/analyze"
)

// settingsFlags are the configuration, athlete and profile flags that grade
// and zones share.
type settingsFlags struct {
	config                      string
	profile                     string
	maxHR, restingHR, lthr, age figureFlag
	fiveK, tenK, easyPace       string
}

func (s *settingsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.config, "config", "", "TOML configuration `FILE` (see docs/config.md); flags win over it")
	fs.StringVar(&s.profile, "profile", "", "recovery `profile`: general, new, recreational, experienced, post-hard or one the config file defines (default general)")
	s.maxHR.register(fs, "max-hr", analyze.FigureMaxHR, "maximum heart rate in `bpm` (wins over the file's and an estimate from -age)")
	s.restingHR.register(fs, "resting-hr", analyze.FigureRestingHR, "resting heart rate in `bpm`")
	s.lthr.register(fs, "lthr", analyze.FigureThresholdHR, "lactate threshold heart rate in `bpm`")
	s.age.register(fs, "age", analyze.FigureAge, "age in `years`, for a maximum heart rate estimate (Tanaka) when none is known")
	fs.StringVar(&s.fiveK, "5k", "", "5K race time `MM:SS`")
	fs.StringVar(&s.tenK, "10k", "", "10K race time `MM:SS` or H:MM:SS")
	fs.StringVar(&s.easyPace, "easy-pace", "", "normal easy pace `M:SS` per km")
}

// figureFlag is the value of an athlete figure's flag (-max-hr, -age): a
// number checked by analyze's Figure.Check, the rule of the config file's
// key, as soon as the flag is parsed. A flag not given stays unset; a flag
// given, even as 0 or NaN, is checked.
type figureFlag struct {
	name  string
	fig   analyze.Figure
	value float64
	set   bool
}

func (f *figureFlag) register(fs *flag.FlagSet, name string, fig analyze.Figure, usage string) {
	f.name, f.fig = name, fig
	lo, hi := fig.Bounds()
	fs.Var(f, name, fmt.Sprintf("%s, %g to %g", usage, lo, hi))
}

// String returns the value given, or "" when none was.
func (f *figureFlag) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strconv.FormatFloat(f.value, 'g', -1, 64)
}

// Set parses and checks the flag's value. The flag package prints the
// error as "invalid value "1900" for flag -max-hr: ..."; the message says
// what is wrong and what is wanted.
func (f *figureFlag) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		v = math.NaN() // not a number: Check says what one must be
	}
	if err := f.fig.Check(v); err != nil {
		return err
	}
	f.value, f.set = v, true
	return nil
}

// given returns the flag's figure with its source, or the zero Given when
// the flag was not given.
func (f *figureFlag) given() analyze.Given {
	if !f.set {
		return analyze.Given{}
	}
	return analyze.Given{Value: f.value, Source: "flag -" + f.name}
}

// settings are the resolved settings of a run of the tool.
type settings struct {
	inputs   analyze.Inputs
	profile  analyze.Profile
	config   *analyze.Config // nil without -config
	matcher  *analyze.LabelMatcher
	gradeOpt analyze.GradeOptions
	// budget is the run's byte budget, shared by every Decoder and walker
	// of the run ([settings.decoder], [settings.inputLimits]); nil until
	// one of them, or resolve, makes it.
	budget *analyze.Budget
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
	out.runBudget() // now, so that every copy of out shares it
	flags, err := s.inputs()
	if err != nil {
		return out, err
	}
	cfg := out.config
	out.inputs.Athlete = analyze.MergeAthlete(flags.Athlete, cfg.AthleteInput())
	if err := out.inputs.Athlete.Check(); err != nil {
		// A flag in order with the other flags may not be with the
		// config file's figures.
		return out, err
	}
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
	in.Athlete = analyze.AthleteInput{
		MaxHR: s.maxHR.given(), RestingHR: s.restingHR.given(),
		ThresholdHR: s.lthr.given(), Age: s.age.given(),
	}
	var err error
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
