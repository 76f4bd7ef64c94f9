package analyze

import (
	"errors"
	"math"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/zones"
)

// Options gathers the tunables of an analysis, one plain struct per stage.
// The zero value means every default.
type Options struct {
	Time       TimeOptions
	Kinematics KinematicsOptions
	HeartRate  HeartRateOptions
	Cardio     CardioOptions
	Terrain    TerrainOptions
	// ZoneModel names the heart-rate zone model ([HeartRateZones]); empty
	// means ModelHRMax.
	ZoneModel string
}

// Inputs are what the athlete or the caller says about the runner: heart-rate
// settings and pace references, each with its source, and which reference
// pace offsets are measured against.
type Inputs struct {
	Athlete AthleteInput
	Pace    PaceInputs
	// PaceOrigin says where each of Pace's settings came from (a flag, a
	// config file); the reference pace's source then names it.
	PaceOrigin PaceOrigin
	// PaceReference is the kind of reference pace (Ref5K, Ref10K, RefEasy)
	// offsets are measured against; empty means the first of them that
	// Pace can resolve, in that order.
	PaceReference string
}

// Analysis holds every figure runcheck computes for one activity, each with
// the settings it used. It marshals to stable JSON: a missing figure is null.
type Analysis struct {
	// Sport and SubSport are the file's own words; Running says whether
	// they name a run ([IsRunning]), or name no sport at all, in which case
	// the activity is taken to be a run as [DecideLabel] takes it.
	Sport    string `json:"sport,omitempty"`
	SubSport string `json:"sub_sport,omitempty"`
	Running  bool   `json:"running"`
	// Settings are the athlete settings used, with their sources.
	Settings Settings `json:"settings"`
	// Time is the time base: elapsed, timer, moving, paused and gap time.
	Time TimeFigures `json:"time"`
	// Distance is in metres, from DistanceSource ("device" or "gps").
	Distance       Value  `json:"distance_m"`
	DistanceSource string `json:"distance_source,omitempty"`
	// HeartRate holds the heart-rate figures, nil without a heart-rate
	// channel.
	HeartRate *HeartRateFigures `json:"heart_rate"`
	// Pace holds the pace figures and the offsets against the reference.
	Pace PaceSummary `json:"pace"`
	// PaceReferenceError says why there is no reference pace, when there is
	// none.
	PaceReferenceError string `json:"pace_reference_error,omitempty"`
	// Terrain holds the terrain figures.
	Terrain TerrainSummary `json:"terrain"`

	// The series the figures come from, for the grader and plots.
	Timeline   Timeline          `json:"-"`
	Kinematics Kinematics        `json:"-"`
	Cleaning   HeartRateCleaning `json:"-"`
	// Zones is the heart-rate zone model the figures used; nil without one.
	Zones *zones.Zones `json:"-"`
}

// TimeFigures are the time base's totals, in seconds (see [Timeline]).
type TimeFigures struct {
	Elapsed float64 `json:"elapsed_s"`
	Timer   float64 `json:"timer_s"`
	Moving  float64 `json:"moving_s"`
	Paused  float64 `json:"paused_s"`
	Gaps    int     `json:"gaps"`
	GapTime float64 `json:"gap_s"`
	// GapCap is the longest time one sample was credited with.
	GapCap float64 `json:"gap_cap_s"`
}

// HeartRateFigures are a run's heart-rate figures, all on the cleaned heart
// rate.
type HeartRateFigures struct {
	// Cleaning says what cleaning removed and marked.
	Cleaning HeartRateCleaning `json:"cleaning"`
	// Avg is the time-weighted mean over the recorded time and Max the
	// highest cleaned value, in beats per minute.
	Avg Value `json:"avg_bpm"`
	Max Value `json:"max_bpm"`
	// Zones is the time in each heart-rate zone over the recorded time, nil
	// when the settings do not allow the model; ZonesError then says why.
	Zones      *ZoneTime `json:"zones"`
	ZonesError string    `json:"zones_error,omitempty"`
	// Drift is the heart-rate drift over the steady part.
	Drift CardioDrift `json:"drift"`
	// Decoupling is the aerobic decoupling (Pa:HR) and efficiency factor.
	Decoupling CardioDecoupling `json:"decoupling"`
	// Banister and Edwards are the training loads, nil without the settings
	// they need (resting and maximum heart rate; maximum heart rate).
	Banister *CardioTRIMP `json:"banister_trimp"`
	Edwards  *CardioTRIMP `json:"edwards_trimp"`
}

// ZoneTime is the time spent in each zone of a model.
type ZoneTime struct {
	// Model is the zone model's name; Names and Bounds describe its zones
	// (len(Bounds)+1 zones, outer edges open).
	Model  string    `json:"model"`
	Names  []string  `json:"names"`
	Bounds []float64 `json:"bounds_bpm"`
	// Seconds and Share are the time in each zone and its share of the
	// time with a heart rate.
	Seconds []float64 `json:"seconds"`
	Share   []Value   `json:"share"`
}

// Analyze computes every figure for a. It reads a and never changes it.
func Analyze(a *activity.Activity, in Inputs, opt Options) *Analysis {
	an := &Analysis{
		Sport: a.Meta.Sport, SubSport: a.Meta.SubSport,
		Running:  activityRuns(a),
		Settings: ResolveSettings(in.Athlete, a),
	}
	// One gap cap for distance, speed and time, unless the options set two.
	topt, kopt := opt.Time, opt.Kinematics
	if topt.GapCap <= 0 {
		topt.GapCap = defaultGapCap(a.Samples.Time)
	}
	if kopt.GapCap <= 0 {
		kopt.GapCap = topt.GapCap
	}
	an.Kinematics = NewKinematics(a, kopt)
	an.Timeline = NewTimeline(a, an.Kinematics.Movement, topt)
	tl := an.Timeline
	an.Time = TimeFigures{
		Elapsed: tl.Elapsed, Timer: tl.Timer, Moving: tl.MovingTime, Paused: tl.Paused,
		Gaps: tl.Gaps, GapTime: tl.GapTime, GapCap: tl.Cap,
	}
	an.Distance, an.DistanceSource = kinematicsDistance(an.Kinematics)

	s := &a.Samples
	var cleanHR []float64
	if s.HeartRate != nil {
		cad := s.Cadence
		if !an.Running {
			cad = nil // cadence lock is a running artefact
		}
		an.Cleaning = CleanHeartRate(s.Time, s.HeartRate, cad, tl.Weight, opt.HeartRate)
		cleanHR = an.Cleaning.HR
		an.HeartRate = an.heartRate(a, opt)
	}

	popt := PaceOptions{HeartRate: cleanHR}
	if ref, err := resolveReference(in); err == nil {
		if from := in.PaceOrigin.of(ref, in.Pace); from != "" {
			ref.Source += ", " + from
		}
		popt.Reference = &ref
	} else {
		an.PaceReferenceError = err.Error()
	}
	an.Pace = NewPaceSummary(a, an.Kinematics, tl, popt)
	an.Terrain = NewTerrainSummary(a, an.Kinematics, tl, opt.Terrain)
	return an
}

// heartRate computes the heart-rate figures from the cleaned series.
func (an *Analysis) heartRate(a *activity.Activity, opt Options) *HeartRateFigures {
	t, hr, w := a.Samples.Time, an.Cleaning.HR, an.Timeline.Weight
	f := &HeartRateFigures{Cleaning: an.Cleaning, Avg: NA(), Max: NA()}
	if m := zones.Mean(hr, w); !math.IsNaN(m) {
		f.Avg = Value(m)
	}
	for _, v := range hr {
		if !math.IsNaN(v) && (!f.Max.Known() || v > float64(f.Max)) {
			f.Max = Value(v)
		}
	}
	z, err := HeartRateZones(opt.ZoneModel, an.Settings, a)
	if err != nil {
		f.ZonesError = err.Error()
	} else {
		an.Zones = &z
		secs := z.TimeIn(nil, hr, w)
		share := zones.Share(nil, secs)
		f.Zones = &ZoneTime{Model: z.Name, Names: z.Names, Bounds: z.Bounds, Seconds: secs, Share: values(share)}
	}
	moving := CardioWeights(an.Timeline)
	f.Drift = HeartRateDrift(t, hr, moving, opt.Cardio)
	speed := an.Kinematics.Speed
	if speed == nil { // heart rate alone: no efficiency to measure
		speed = activity.NaNs(len(t))
	}
	f.Decoupling = AerobicDecoupling(t, hr, speed, moving, opt.Cardio)
	maxHR, rest := an.Settings.MaxHR, an.Settings.RestingHR
	if maxHR.Known() {
		e := EdwardsTRIMP(t, hr, w, float64(maxHR.Value))
		f.Edwards = &e
		if rest.Known() {
			b := BanisterTRIMP(t, hr, w, float64(rest.Value), float64(maxHR.Value), a.Athlete.Sex == "female")
			f.Banister = &b
		}
	}
	return f
}

// resolveReference resolves the reference pace the inputs ask for.
func resolveReference(in Inputs) (PaceReference, error) {
	if in.PaceReference != "" {
		return in.Pace.Reference(in.PaceReference)
	}
	var first error
	for _, kind := range []string{Ref5K, Ref10K, RefEasy} {
		ref, err := in.Pace.Reference(kind)
		if err == nil {
			return ref, nil
		}
		if first == nil || !errors.Is(err, ErrNoPaceReference) {
			first = err
		}
	}
	return PaceReference{}, first
}

// activityRuns reports whether a is a run: its sport, or a session's, names a
// run, or nothing in the file names a sport at all (a GPX without a type),
// which [DecideLabel] takes to be a run too.
func activityRuns(a *activity.Activity) bool {
	named := a.Meta.Sport != "" || a.Meta.SubSport != ""
	if IsRunning(a.Meta.Sport, a.Meta.SubSport) {
		return true
	}
	for _, s := range a.Sessions {
		if IsRunning(s.Sport, s.SubSport) {
			return true
		}
		named = named || s.Sport != "" || s.SubSport != ""
	}
	return !named
}

// lastKnown returns the last value of x that is not NaN, or NaN.
func lastKnown(x []float64) float64 {
	for i := len(x) - 1; i >= 0; i-- {
		if !math.IsNaN(x[i]) {
			return x[i]
		}
	}
	return math.NaN()
}

// of returns where the setting that ref was resolved from came from: the
// easy pace, the race time for the distance itself, or the other race time
// carried over with Riegel's formula.
func (o PaceOrigin) of(ref PaceReference, p PaceInputs) string {
	switch {
	case ref.Kind == RefEasy:
		return o.Easy
	case ref.Kind == Ref5K && p.FiveK > 0, ref.Kind == Ref10K && !(p.TenK > 0):
		return o.FiveK
	}
	return o.TenK
}

// Compact returns a copy of an without the per-sample series (Timeline,
// Kinematics, Cleaning and the cleaning's series, Zones): the figures and
// their JSON stay, the memory of the samples goes. A batch keeps compact
// analyses for the week context.
func (an *Analysis) Compact() *Analysis {
	c := *an
	c.Timeline, c.Kinematics, c.Cleaning, c.Zones = Timeline{}, Kinematics{}, HeartRateCleaning{}, nil
	if an.HeartRate != nil {
		hr := *an.HeartRate
		hr.Cleaning.HR, hr.Cleaning.Reason, hr.Cleaning.Marks = nil, nil, nil
		c.HeartRate = &hr
	}
	return &c
}
