package analyze

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/zones"
)

// Given is an athlete figure the user gave, with where it was given ("flag
// -max-hr", "config runcheck.toml"). A Value of 0 or NaN means not given.
type Given struct {
	Value  float64
	Source string
}

func (g Given) given() bool { return g.Value > 0 && !math.IsInf(g.Value, 0) }

// AthleteInput holds the athlete figures the user gave. Heart rates are in
// beats per minute, age in years.
type AthleteInput struct {
	MaxHR       Given
	RestingHR   Given
	ThresholdHR Given
	Age         Given
}

// Figure is one of the athlete figures a user gives: the flags, a
// configuration file's [athlete] table and a library caller's
// [AthleteInput] all pass each figure through [Figure.Check], so that one
// rule holds whatever the source.
type Figure int

// The athlete figures.
const (
	FigureMaxHR       Figure = iota // maximum heart rate, beats per minute
	FigureRestingHR                 // resting heart rate, beats per minute
	FigureThresholdHR               // lactate threshold heart rate, beats per minute
	FigureAge                       // age, years
)

// figureBounds are the values each Figure accepts, inclusive. They bound
// what a person can have, not what is usual: a maximum heart rate of 100 to
// 250 bpm takes in a 90-year-old's 140 and a child's 220, and refuses a
// typo such as 1900; an age of 10 to 120 keeps Tanaka's estimate (208 - 0.7
// x age) between 124 and 201 bpm, inside the bounds of a maximum.
var figureBounds = [...]struct {
	name, unit string
	lo, hi     float64
}{
	FigureMaxHR:       {"maximum heart rate", "bpm", 100, 250},
	FigureRestingHR:   {"resting heart rate", "bpm", 25, 120},
	FigureThresholdHR: {"threshold heart rate", "bpm", 80, 250},
	FigureAge:         {"age", "years", 10, 120},
}

// String names the figure in words: "maximum heart rate".
func (f Figure) String() string {
	if f < 0 || int(f) >= len(figureBounds) {
		return fmt.Sprintf("Figure(%d)", int(f))
	}
	return figureBounds[f].name
}

// Bounds returns the lowest and the highest value f accepts, inclusive.
func (f Figure) Bounds() (lo, hi float64) {
	if f < 0 || int(f) >= len(figureBounds) {
		return math.NaN(), math.NaN()
	}
	return figureBounds[f].lo, figureBounds[f].hi
}

// Check checks a value given for f: a finite number within [Figure.Bounds].
// Its error, matching [ErrSettings], says what is wrong without naming the
// value or where it was given, which the caller adds: "out of range; want
// 100 to 250 bpm", "not a number; want 100 to 250 bpm".
func (f Figure) Check(v float64) error {
	lo, hi := f.Bounds()
	if math.IsNaN(lo) {
		return fmt.Errorf("%w: unknown figure %d", ErrSettings, int(f))
	}
	want := fmt.Sprintf("want %g to %g %s", lo, hi, figureBounds[f].unit)
	switch {
	case math.IsNaN(v):
		return &settingError{fmt.Sprintf("not a number; %s", want)}
	case !(v >= lo && v <= hi):
		return &settingError{fmt.Sprintf("out of range; %s", want)}
	}
	return nil
}

// settingError is the error of [Figure.Check] and [AthleteInput.Check]:
// its text says only what is wrong, and it matches ErrSettings.
type settingError struct{ msg string }

func (e *settingError) Error() string        { return e.msg }
func (e *settingError) Is(target error) bool { return target == ErrSettings }

// heartRateOrder lists the heart rates that must increase, lowest first.
var heartRateOrder = [...]Figure{FigureRestingHR, FigureThresholdHR, FigureMaxHR}

// checkOrder checks that the heart rates in v (indexed by Figure; 0 for
// one not given) are in order: resting below threshold below maximum. On
// failure it returns the lower figure of the first pair out of order and
// the higher one.
func checkOrder(v [4]float64) (lo, hi Figure, ok bool) {
	for i, a := range heartRateOrder {
		for _, b := range heartRateOrder[i+1:] {
			if v[a] > 0 && v[b] > 0 && !(v[a] < v[b]) {
				return a, b, false
			}
		}
	}
	return 0, 0, true
}

// Check checks the figures of in as the flags and a configuration file are
// checked: every figure whose Value is not 0 (NaN and infinities included)
// must pass [Figure.Check], and the heart rates given must be in order,
// resting below threshold below maximum. The error matches [ErrSettings]
// and names each figure with its value and source: "resting heart rate 190
// (flag -resting-hr) is not below maximum heart rate 186 (config
// runcheck.toml)". Use it on the merged figures ([MergeAthlete]), where a
// flag may meet a figure of the file.
func (in AthleteInput) Check() error {
	figs := in.figures()
	var v [4]float64
	for f, g := range figs {
		if g.Value == 0 {
			continue
		}
		if err := Figure(f).Check(g.Value); err != nil {
			return &settingError{fmt.Sprintf("%s: %v", describeGiven(Figure(f), g), err)}
		}
		v[f] = g.Value
	}
	if lo, hi, ok := checkOrder(v); !ok {
		return &settingError{fmt.Sprintf("%s is not below %s", describeGiven(lo, figs[lo]), describeGiven(hi, figs[hi]))}
	}
	return nil
}

// figures returns the figures of in indexed by Figure.
func (in AthleteInput) figures() [4]Given {
	return [4]Given{FigureMaxHR: in.MaxHR, FigureRestingHR: in.RestingHR, FigureThresholdHR: in.ThresholdHR, FigureAge: in.Age}
}

// describeGiven is "maximum heart rate 186 (config runcheck.toml)".
func describeGiven(f Figure, g Given) string {
	s := fmt.Sprintf("%s %g", f, g.Value)
	if g.Source != "" {
		s += " (" + g.Source + ")"
	}
	return s
}

// Setting is one resolved athlete figure and where it came from.
type Setting struct {
	// Value is the figure, missing when no source had it.
	Value Value `json:"value"`
	// Source says where Value came from: the user's flag or config as
	// Given.Source says, "file (MESSAGE)" for the file's own settings,
	// "estimate: Tanaka 208 - 0.7 x age N" for an estimate, or "none".
	Source string `json:"source"`
	// Estimate is true when Value is an estimate rather than a measurement
	// or a setting.
	Estimate bool `json:"estimate,omitempty"`
}

// Known reports whether the setting has a value.
func (s Setting) Known() bool { return s.Value.Known() }

// Settings are the athlete figures an analysis uses, each with its source.
type Settings struct {
	MaxHR       Setting `json:"max_hr"`
	RestingHR   Setting `json:"resting_hr"`
	ThresholdHR Setting `json:"threshold_hr"`
	Age         Setting `json:"age"`
}

// Tanaka estimates maximum heart rate from age in years: 208 - 0.7 x age
// (Tanaka, Monahan and Seals, J Am Coll Cardiol 2001;37:153-156). It is the
// estimate runcheck uses when no maximum heart rate is given or recorded.
func Tanaka(age float64) float64 { return 208 - 0.7*age }

// Fox estimates maximum heart rate as 220 - age, the older rule, whose error
// is about 10 to 12 bpm.
func Fox(age float64) float64 { return 220 - age }

// Gellish estimates maximum heart rate as 207 - 0.7 x age (Gellish et al.,
// Med Sci Sports Exerc 2007;39:822-829).
func Gellish(age float64) float64 { return 207 - 0.7*age }

// ResolveSettings decides each athlete figure, in order of trust:
//
//  1. what the user gave (flag or config file, as in.Source says);
//  2. what the file itself carries (FIT user_profile, zones_target, or the
//     settings a session's time_in_zone message was computed with);
//  3. for maximum heart rate only, an estimate from age (Tanaka), marked as
//     an estimate;
//  4. none: the figure is missing and the checks that need it cannot be
//     graded. Nothing is guessed.
func ResolveSettings(in AthleteInput, a *activity.Activity) Settings {
	file := a.Athlete
	fileSource := "file"
	if file.Source != "" {
		fileSource = "file (" + file.Source + ")"
	}
	// A session's time_in_zone records the settings the watch used.
	var tiz *activity.TimeInZone
	for _, s := range a.Sessions {
		if s.TimeInZone != nil {
			tiz = s.TimeInZone
			break
		}
	}
	pick := func(g Given, fromFile float64, fromTIZ func(*activity.TimeInZone) float64) Setting {
		switch {
		case g.given():
			return Setting{Value: Value(g.Value), Source: g.Source}
		case fromFile > 0:
			return Setting{Value: Value(fromFile), Source: fileSource}
		case tiz != nil && fromTIZ != nil && fromTIZ(tiz) > 0:
			return Setting{Value: Value(fromTIZ(tiz)), Source: "file (time_in_zone)"}
		}
		return Setting{Value: NA(), Source: "none"}
	}
	s := Settings{
		MaxHR:       pick(in.MaxHR, file.MaxHeartRate, func(z *activity.TimeInZone) float64 { return z.MaxHeartRate }),
		RestingHR:   pick(in.RestingHR, file.RestingHeartRate, func(z *activity.TimeInZone) float64 { return z.RestingHeartRate }),
		ThresholdHR: pick(in.ThresholdHR, file.ThresholdHeartRate, func(z *activity.TimeInZone) float64 { return z.ThresholdHeartRate }),
		Age:         pick(in.Age, file.Age, nil),
	}
	if !s.MaxHR.Known() && s.Age.Known() {
		age := float64(s.Age.Value)
		s.MaxHR = Setting{
			Value:    Value(Tanaka(age)),
			Source:   fmt.Sprintf("estimate: Tanaka 208 - 0.7 x age %g (age from %s)", age, s.Age.Source),
			Estimate: true,
		}
	}
	return s
}

// Heart-rate zone models accepted by [HeartRateZones].
const (
	ModelHRMax  = "hrmax"  // % of maximum heart rate, Garmin's 50/60/70/80/90
	ModelHRR    = "hrr"    // % of heart-rate reserve (Karvonen), same edges
	ModelLTHR   = "lthr"   // % of lactate threshold heart rate, Friel's running zones
	ModelDevice = "device" // the boundaries the watch itself used
)

// ErrSettings means the settings a computation needs are missing or invalid;
// the message says which and how to give them.
var ErrSettings = errors.New("analyze: missing or invalid athlete settings")

// HeartRateZones returns the zone model named model (one of the Model
// constants) for the settings s and the activity a. The device model uses
// the boundaries of the first session's time_in_zone message, else the
// athlete zones the file carries.
func HeartRateZones(model string, s Settings, a *activity.Activity) (zones.Zones, error) {
	need := func(what string, set Setting, flag string) error {
		if set.Known() {
			return nil
		}
		return fmt.Errorf("%w: the %s model needs %s (give %s)", ErrSettings, model, what, flag)
	}
	var z zones.Zones
	var err error
	switch strings.ToLower(model) {
	case ModelHRMax, "":
		if err = need("a maximum heart rate", s.MaxHR, "-max-hr or -age"); err == nil {
			z, err = zones.HRMax(float64(s.MaxHR.Value), nil)
		}
	case ModelHRR:
		if err = errors.Join(need("a maximum heart rate", s.MaxHR, "-max-hr or -age"), need("a resting heart rate", s.RestingHR, "-resting-hr")); err == nil {
			z, err = zones.HRR(float64(s.RestingHR.Value), float64(s.MaxHR.Value), nil)
		}
	case ModelLTHR:
		if err = need("a threshold heart rate", s.ThresholdHR, "-lthr"); err == nil {
			z, err = zones.Friel(float64(s.ThresholdHR.Value))
		}
	case ModelDevice:
		upper := deviceBoundaries(a)
		if upper == nil {
			return zones.Zones{}, fmt.Errorf("%w: the device model needs zone boundaries in the file, and it has none", ErrSettings)
		}
		z, err = zones.Watch(upper)
	default:
		return zones.Zones{}, fmt.Errorf("%w: unknown zone model %q (want %s, %s, %s or %s)", ErrSettings, model, ModelHRMax, ModelHRR, ModelLTHR, ModelDevice)
	}
	if err != nil && !errors.Is(err, ErrSettings) {
		err = fmt.Errorf("%w: %w", ErrSettings, err)
	}
	return z, err
}

// deviceBoundaries returns the heart-rate zone boundaries the file carries:
// the first session's time_in_zone boundaries, else the athlete's zones.
func deviceBoundaries(a *activity.Activity) []float64 {
	for _, s := range a.Sessions {
		if s.TimeInZone != nil && len(s.TimeInZone.Boundaries) > 0 {
			return s.TimeInZone.Boundaries
		}
	}
	return a.Athlete.HeartRateZones
}
