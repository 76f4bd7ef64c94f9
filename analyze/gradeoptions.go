package analyze

// Defaults of the grader's tolerances and thresholds, documented in
// [GradeOptions].
const (
	DefaultCeilingShare      = 0.05 // of the graded moving time
	DefaultCeilingMinutes    = 2.0
	DefaultPaceFasterShare   = 0.10 // of the moving time with a pace
	DefaultDriftUp           = 1.0  // bpm per 10 minutes
	DefaultHillyAscentPerKm  = 15.0 // metres per kilometre
	DefaultSteepClimbMinutes = 2.0
	DefaultHotTemperature    = 25.0 // degrees Celsius
	DefaultHeavyCleaning     = 0.10 // share of the heart-rate time removed
	DefaultWarmUpMinutes     = 5.0
)

// GradeOptions are the grader's tolerances and thresholds. The zero value
// means every default; a config file's [tolerances] table sets them.
type GradeOptions struct {
	// CeilingShare and CeilingMinutes are how much of the graded moving
	// time (outside the optical lock-on window) may be above the profile's
	// heart-rate ceiling: at most CeilingShare of it (default 5 %) and at
	// most CeilingMinutes (default 2 minutes). Above either, the check fails.
	CeilingShare   float64 `toml:"ceiling_share" json:"ceiling_share"`
	CeilingMinutes float64 `toml:"ceiling_minutes" json:"ceiling_minutes"`
	// PaceFasterShare is the share of moving time faster than the pace band
	// above which the pace check warns even when the median pace is inside
	// the band (default 10 %: strides and the odd surge are allowed).
	PaceFasterShare float64 `toml:"pace_faster_share" json:"pace_faster_share"`
	// DriftUp is the heart-rate drift in bpm per 10 minutes above which a
	// post-hard run, whose heart rate should drift down or stay flat, warns
	// (default 1).
	DriftUp float64 `toml:"drift_up_bpm_per_10min" json:"drift_up_bpm_per_10min"`
	// HillyAscentPerKm is the elevation gain in metres per kilometre above
	// which the terrain check warns (default 15 m/km: a rolling course);
	// SteepClimbMinutes the moving time at a steep grade (6 % or more, see
	// TerrainOptions) above which it warns too (default 2 minutes).
	HillyAscentPerKm  float64 `toml:"hilly_ascent_m_per_km" json:"hilly_ascent_m_per_km"`
	SteepClimbMinutes float64 `toml:"steep_climb_minutes" json:"steep_climb_minutes"`
	// HotTemperature is the average temperature in degrees Celsius above
	// which the heat check warns (default 25 °C; a wrist sensor reads some
	// degrees above the air).
	HotTemperature float64 `toml:"hot_temperature_c" json:"hot_temperature_c"`
	// HeavyCleaning is the share of the heart-rate time that cleaning may
	// remove before the grade's confidence drops (default 10 %).
	HeavyCleaning float64 `toml:"heavy_cleaning_share" json:"heavy_cleaning_share"`
	// WarmUpMinutes is the start of the run looked at for a walking or very
	// easy warm-up (default 5 minutes).
	WarmUpMinutes float64 `toml:"warm_up_minutes" json:"warm_up_minutes"`
}

// withDefaults returns o with every zero field set to its default.
func (o GradeOptions) withDefaults() GradeOptions {
	set := func(v *float64, def float64) {
		if *v == 0 {
			*v = def
		}
	}
	set(&o.CeilingShare, DefaultCeilingShare)
	set(&o.CeilingMinutes, DefaultCeilingMinutes)
	set(&o.PaceFasterShare, DefaultPaceFasterShare)
	set(&o.DriftUp, DefaultDriftUp)
	set(&o.HillyAscentPerKm, DefaultHillyAscentPerKm)
	set(&o.SteepClimbMinutes, DefaultSteepClimbMinutes)
	set(&o.HotTemperature, DefaultHotTemperature)
	set(&o.HeavyCleaning, DefaultHeavyCleaning)
	set(&o.WarmUpMinutes, DefaultWarmUpMinutes)
	return o
}
