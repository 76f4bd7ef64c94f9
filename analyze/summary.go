package analyze

import (
	"math"
	"time"

	"github.com/runcheck/runcheck/activity"
)

// Summary is what a file holds, as `runcheck inspect` shows it: the file's own
// metadata and figures, and the few totals computed from its samples. It
// marshals to stable JSON.
type Summary struct {
	// File is the path or name the activity was read from.
	File   string          `json:"file"`
	Format activity.Format `json:"format"`
	// Manufacturer, Product and Serial name the recording device.
	Manufacturer string `json:"manufacturer,omitempty"`
	Product      string `json:"product,omitempty"`
	Serial       string `json:"serial,omitempty"`
	// Sport and SubSport are the file's own words.
	Sport    string         `json:"sport,omitempty"`
	SubSport string         `json:"sub_sport,omitempty"`
	Names    activity.Names `json:"names"`
	// Start is the first sample's time with the file's UTC offset.
	Start time.Time `json:"start"`
	// Elapsed is the time from the first to the last sample, in seconds.
	Elapsed Value `json:"elapsed_s"`
	// Timer is Elapsed minus the paused time the file records, in seconds.
	Timer Value `json:"timer_s"`
	// Distance is in metres (see DistanceSource), missing when the file has
	// neither distance nor positions: the one distance every verb reports
	// ([Distance], the analysis's Distance with the default options).
	Distance Value `json:"distance_m"`
	// DistanceSource says where Distance came from: "device" (the file's
	// cumulative distance) or "gps" (summed from positions).
	DistanceSource string `json:"distance_source,omitempty"`
	// Samples is the number of samples.
	Samples int `json:"samples"`
	// Channels lists each channel the file has, with its coverage.
	Channels []ChannelSummary `json:"channels"`
	// Pauses is the number of pauses; Paused their total length in seconds.
	Pauses int   `json:"pauses"`
	Paused Value `json:"paused_s"`
	// Laps is the number of laps.
	Laps int `json:"laps"`
	// Sessions describes each part of the activity with the device's totals.
	Sessions []SessionSummary `json:"sessions"`
	// Athlete holds the athlete settings found in the file.
	Athlete AthleteSummary `json:"athlete"`
	// Warnings are the importer's warnings.
	Warnings []string `json:"warnings,omitempty"`
}

// ChannelSummary tells how much of the run a channel covers.
type ChannelSummary struct {
	// Name is one of the activity.Channel names.
	Name string `json:"name"`
	// Samples is the number of samples with a value.
	Samples int `json:"samples"`
	// Coverage is Samples divided by the number of samples.
	Coverage Value `json:"coverage"`
}

// SessionSummary is one part of an activity.
type SessionSummary struct {
	Sport    string `json:"sport,omitempty"`
	SubSport string `json:"sub_sport,omitempty"`
	Name     string `json:"name,omitempty"`
	// Start is the session's start offset from the activity's start, in
	// seconds.
	Start Value `json:"start_s"`
	// Samples is the number of samples in the session.
	Samples int `json:"samples"`
	// Device holds the device's own totals for the session.
	Device TotalsSummary `json:"device"`
	// TimeInZone is the device's own time in heart-rate zones, when recorded.
	TimeInZone *TimeInZoneSummary `json:"time_in_zone,omitempty"`
}

// TotalsSummary is activity.Totals with missing figures as JSON null.
type TotalsSummary struct {
	Elapsed      Value `json:"elapsed_s"`
	Timer        Value `json:"timer_s"`
	Distance     Value `json:"distance_m"`
	AvgHeartRate Value `json:"avg_hr"`
	MaxHeartRate Value `json:"max_hr"`
	AvgSpeed     Value `json:"avg_speed_mps"`
	Ascent       Value `json:"ascent_m"`
	Calories     Value `json:"calories_kcal"`
}

// TimeInZoneSummary is the device's own time in zone.
type TimeInZoneSummary struct {
	Method     string  `json:"method,omitempty"`
	Boundaries []Value `json:"boundaries_bpm"`
	Seconds    []Value `json:"seconds"`
}

// AthleteSummary holds the athlete settings a file carries.
type AthleteSummary struct {
	MaxHeartRate       Value   `json:"max_hr"`
	RestingHeartRate   Value   `json:"resting_hr"`
	ThresholdHeartRate Value   `json:"threshold_hr"`
	Age                Value   `json:"age"`
	Zones              []Value `json:"zones_bpm,omitempty"`
	ZoneMethod         string  `json:"zone_method,omitempty"`
	Source             string  `json:"source,omitempty"`
}

// Summarize describes a decoded activity; file names where it came from.
func Summarize(file string, a *activity.Activity) Summary {
	s := Summary{
		File:         file,
		Format:       a.Meta.Format,
		Manufacturer: a.Meta.Manufacturer,
		Product:      a.Meta.Product,
		Serial:       a.Meta.SerialNumber,
		Sport:        a.Meta.Sport,
		SubSport:     a.Meta.SubSport,
		Names:        a.Meta.Names,
		Start:        a.Start,
		Samples:      a.Samples.Len(),
		Pauses:       len(a.Pauses),
		Laps:         len(a.Laps),
		Warnings:     a.Warnings,
		Channels:     []ChannelSummary{},
		Sessions:     []SessionSummary{},
	}
	elapsed := a.Duration()
	paused := PausedTime(a)
	s.Elapsed, s.Paused, s.Timer = Value(elapsed), Value(paused), Value(elapsed-paused)
	s.Distance, s.DistanceSource = Distance(a)
	for _, name := range activity.ChannelNames() {
		col := a.Samples.Channel(name)
		if col == nil {
			continue
		}
		n := activity.Coverage(col)
		s.Channels = append(s.Channels, ChannelSummary{Name: name, Samples: n, Coverage: Value(float64(n) / float64(len(col)))})
	}
	for _, ss := range a.Sessions {
		out := SessionSummary{
			Sport: ss.Sport, SubSport: ss.SubSport, Name: ss.Name,
			Start: Value(ss.Start), Samples: ss.End - ss.First,
			Device: totalsSummary(ss.Totals),
		}
		if z := ss.TimeInZone; z != nil {
			out.TimeInZone = &TimeInZoneSummary{Method: z.Method, Boundaries: values(z.Boundaries), Seconds: values(z.Seconds)}
		}
		s.Sessions = append(s.Sessions, out)
	}
	ath := a.Athlete
	s.Athlete = AthleteSummary{
		MaxHeartRate: Value(ath.MaxHeartRate), RestingHeartRate: Value(ath.RestingHeartRate),
		ThresholdHeartRate: Value(ath.ThresholdHeartRate), Age: Value(ath.Age),
		Zones: values(ath.HeartRateZones), ZoneMethod: ath.ZoneMethod, Source: ath.Source,
	}
	return s
}

func totalsSummary(t activity.Totals) TotalsSummary {
	return TotalsSummary{
		Elapsed: Value(t.ElapsedTime), Timer: Value(t.TimerTime), Distance: Value(t.Distance),
		AvgHeartRate: Value(t.AvgHeartRate), MaxHeartRate: Value(t.MaxHeartRate),
		AvgSpeed: Value(t.AvgSpeed), Ascent: Value(t.Ascent), Calories: Value(t.Calories),
	}
}

func values(f []float64) []Value {
	if f == nil {
		return nil
	}
	out := make([]Value, len(f))
	for i, v := range f {
		out[i] = Value(v)
	}
	return out
}

// PausedTime returns the total length in seconds of the activity's pauses,
// each clipped to the span of the samples, overlaps counted once.
func PausedTime(a *activity.Activity) float64 {
	t := a.Samples.Time
	if len(t) < 2 {
		return 0
	}
	return overlap(sortedPauses(a.Pauses), t[0], t[len(t)-1])
}

// earthRadius is the mean Earth radius in metres (IUGG R1), used for
// distances between positions.
const earthRadius = 6371008.8

// Distance returns the distance of the activity in metres and where it came
// from, as every figure of this package counts it: the last value of
// [Kinematics].Distance with the default options, "device" when the file has
// a cumulative distance, "gps" when it is summed from positions (skipping
// the steps across a pause or a gap and GPS jumps), or a missing Value and
// "" when there is neither.
func Distance(a *activity.Activity) (Value, string) {
	k := NewKinematics(a, KinematicsOptions{})
	return kinematicsDistance(k)
}

// kinematicsDistance returns the total distance of k and its source.
func kinematicsDistance(k Kinematics) (Value, string) {
	if k.Distance == nil {
		return NA(), ""
	}
	d := lastKnown(k.Distance)
	if math.IsNaN(d) {
		return NA(), ""
	}
	return Value(d), k.DistanceSource
}

// haversine returns the great-circle distance in metres between two positions
// given in degrees.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadius * math.Asin(math.Sqrt(min(h, 1)))
}
