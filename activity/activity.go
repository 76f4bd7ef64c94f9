package activity

import (
	"math"
	"time"
)

// Format names the file format an activity was decoded from.
type Format string

// The formats runcheck reads.
const (
	FormatFIT Format = "fit"
	FormatGPX Format = "gpx"
	FormatTCX Format = "tcx"
)

// Activity is one exported file decoded into the common stream.
//
// The zero value is an empty activity with no samples.
type Activity struct {
	// Meta describes the file: format, sport, device, names.
	Meta Metadata
	// Start is the instant of the first sample, the origin of every time
	// offset in the activity. Its location is the file's UTC offset where the
	// format records one (FIT local_timestamp, a GPX or TCX time with an
	// offset), UTC otherwise.
	Start time.Time
	// Samples holds the recorded channels as columns.
	Samples Samples
	// Pauses are the stretches during which the recording was paused, in time
	// order: FIT timer stop/start events, GPX segment boundaries, TCX track
	// boundaries. Gaps without such a marker are not pauses here; the analyze
	// package decides what a gap means.
	Pauses []Pause
	// Laps are the laps the file records, in time order, with the device's own
	// totals for each.
	Laps []Lap
	// Sessions are the parts of the activity: one for a single-sport file, one
	// per sport for a multisport file (a FIT triathlon, a TCX with several
	// Activity elements), one per track for a GPX with several tracks. Every
	// sample belongs to exactly one session when the file has any.
	Sessions []Session
	// Athlete holds the athlete settings the file itself carries.
	Athlete Athlete
	// Warnings lists what the importer noticed but did not treat as an error:
	// data salvaged before damage (lenient decoding), timestamps out of order,
	// unknown values. Each is one readable sentence.
	Warnings []string
	// Salvaged is true when the activity holds less than its file: it was
	// decoded leniently up to damage, or samples were cut off at a corrupt
	// timestamp. Warnings then say where. A report made of it is of the
	// part that could be read, not of the whole file.
	Salvaged bool
}

// Metadata describes an activity file. Empty strings mean the file does not say.
type Metadata struct {
	// Format is the format the activity was decoded from.
	Format Format
	// Sport and SubSport are the file's own words, lower-cased FIT enum names
	// ("running", "trail", "treadmill"), the TCX Sport attribute ("Running"),
	// or the GPX track type. They are not normalised: the analyze package
	// decides what counts as a run.
	Sport    string
	SubSport string
	// Manufacturer and Product name the recording device as the file names it
	// (FIT enum names or numbers, the TCX Creator Name, the GPX creator).
	Manufacturer string
	Product      string
	// SerialNumber is the device serial number, empty when absent.
	SerialNumber string
	// Names are the names and notes the file carries, for labelling.
	Names Names
}

// Names holds every human-written name a file carries. A label such as
// "Recovery run" is looked for in these.
type Names struct {
	// Workout is the FIT workout (wkt_name) of the structured workout run.
	Workout string
	// SportProfile is the FIT sport profile name ("Run", "Trail Run").
	SportProfile string
	// Track, TrackType and Description are the GPX metadata and track
	// name, type and description (tracks' values joined with "; " when several
	// tracks differ), or the TCX lap or activity name where present.
	Track       string
	TrackType   string
	Description string
	// Notes is the free text a TCX Activity's Notes element holds.
	Notes string
}

// All returns the non-empty names in a fixed order: workout, sport profile,
// track, track type, description, notes.
func (n Names) All() []string {
	var out []string
	for _, s := range []string{n.Workout, n.SportProfile, n.Track, n.TrackType, n.Description, n.Notes} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Samples holds the recorded channels as columns of equal length. Time is
// always present; every other column is either nil (the file has no such
// channel at all) or as long as Time, with NaN where a sample lacks the value.
type Samples struct {
	// Time is the offset of each sample from Activity.Start, in seconds. It
	// is non-decreasing unless Activity.Warnings says otherwise.
	Time []float64
	// Distance is the cumulative distance in metres, as the device reports it.
	Distance []float64
	// Speed is the instantaneous speed in metres per second.
	Speed []float64
	// Altitude is the altitude in metres.
	Altitude []float64
	// Lat and Lon are the position in degrees.
	Lat []float64
	Lon []float64
	// HeartRate is in beats per minute.
	HeartRate []float64
	// Cadence is in cycles per minute as the device writes it (see the package
	// documentation).
	Cadence []float64
	// Temperature is in degrees Celsius.
	Temperature []float64
}

// Len returns the number of samples.
func (s *Samples) Len() int { return len(s.Time) }

// Channel names, as used by [Samples.Channel] and in reports.
const (
	ChannelDistance    = "distance"
	ChannelSpeed       = "speed"
	ChannelAltitude    = "altitude"
	ChannelLat         = "lat"
	ChannelLon         = "lon"
	ChannelHeartRate   = "heart_rate"
	ChannelCadence     = "cadence"
	ChannelTemperature = "temperature"
)

// ChannelNames returns the channel names in the order reports show them.
func ChannelNames() []string {
	return []string{
		ChannelDistance, ChannelSpeed, ChannelAltitude, ChannelLat, ChannelLon,
		ChannelHeartRate, ChannelCadence, ChannelTemperature,
	}
}

// Channel returns the column with the given name (one of the Channel
// constants), or nil when the name is unknown or the column is absent.
func (s *Samples) Channel(name string) []float64 {
	switch name {
	case ChannelDistance:
		return s.Distance
	case ChannelSpeed:
		return s.Speed
	case ChannelAltitude:
		return s.Altitude
	case ChannelLat:
		return s.Lat
	case ChannelLon:
		return s.Lon
	case ChannelHeartRate:
		return s.HeartRate
	case ChannelCadence:
		return s.Cadence
	case ChannelTemperature:
		return s.Temperature
	}
	return nil
}

// Coverage returns how many entries of col are not NaN.
func Coverage(col []float64) int {
	n := 0
	for _, v := range col {
		if !math.IsNaN(v) {
			n++
		}
	}
	return n
}

// NaNs returns a slice of n NaN values, the starting state of a column that
// an importer fills as it meets values.
func NaNs(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// PauseKind says what marked a pause in the file.
type PauseKind string

// The kinds of pause an importer reports.
const (
	// PauseTimer is a FIT timer stop followed by a timer start.
	PauseTimer PauseKind = "timer"
	// PauseSegment is the boundary between two GPX track segments.
	PauseSegment PauseKind = "segment"
	// PauseTrack is the boundary between two TCX Track elements of a lap.
	PauseTrack PauseKind = "track"
)

// Pause is a stretch during which the recording was stopped. Start and End are
// offsets from Activity.Start in seconds; End >= Start. A pause that the file
// never closes ends at the last sample.
type Pause struct {
	Start, End float64
	Kind       PauseKind
}

// Duration returns the length of the pause in seconds.
func (p Pause) Duration() float64 { return p.End - p.Start }

// Totals are the device's own summary figures for a lap or a session. Each is
// NaN when the file does not carry it.
type Totals struct {
	// ElapsedTime is wall-clock time from start to end, in seconds.
	ElapsedTime float64
	// TimerTime is the time the timer ran (elapsed minus pauses), in seconds.
	TimerTime float64
	// MovingTime is the device's moving time, in seconds, where it has one.
	MovingTime float64
	// Distance is in metres.
	Distance float64
	// AvgSpeed and MaxSpeed are in metres per second.
	AvgSpeed float64
	MaxSpeed float64
	// AvgHeartRate and MaxHeartRate are in beats per minute.
	AvgHeartRate float64
	MaxHeartRate float64
	// AvgCadence is in cycles per minute.
	AvgCadence float64
	// Ascent and Descent are the total elevation gain and loss in metres.
	Ascent  float64
	Descent float64
	// Calories is the energy in kilocalories.
	Calories float64
}

// NoTotals returns Totals with every figure NaN, the state before an importer
// fills in what the file carries.
func NoTotals() Totals {
	n := math.NaN()
	return Totals{n, n, n, n, n, n, n, n, n, n, n, n}
}

// Lap is one lap as the file records it.
type Lap struct {
	// Start is the lap's start as an offset from Activity.Start, in seconds.
	Start float64
	// Trigger is what ended the lap ("manual", "distance", "time", ...) as the
	// file says it, empty when absent.
	Trigger string
	// Intensity is the lap's intensity ("active", "rest", "warmup",
	// "cooldown", ...) as the file says it, empty when absent.
	Intensity string
	// Totals are the device's own figures for the lap.
	Totals Totals
}

// Session is one part of an activity: a single sport, or one track.
type Session struct {
	// Sport and SubSport are the session's sport as the file says it (see
	// Metadata.Sport).
	Sport    string
	SubSport string
	// Name is the session's own name where the format has one (a GPX track
	// name), empty otherwise.
	Name string
	// Start is the session's start as an offset from Activity.Start, in
	// seconds. It can be negative when the file declares a start before its
	// first sample.
	Start float64
	// First and End delimit the session's samples: Samples.Time[First:End].
	First, End int
	// Totals are the device's own figures for the session.
	Totals Totals
	// TimeInZone is the device's own time in heart-rate zones for the session,
	// nil when the file has none.
	TimeInZone *TimeInZone
}

// TimeInZone is a device's own count of time spent in each heart-rate zone.
type TimeInZone struct {
	// Boundaries are the boundaries between zones in beats per minute, as
	// the device stored them (FIT hr_zone_high_boundary), in increasing order.
	Boundaries []float64
	// Seconds is the time spent in each zone. Seconds[0] is the time below
	// Boundaries[0] ("below zone 1"); Seconds[i] for i >= 1 is the time at or
	// above Boundaries[i-1] and below Boundaries[i]: a heart rate equal to a
	// boundary counts in the zone above, as Garmin watches count it (checked
	// to the second on the corpus). Garmin devices write one entry more than
	// there are boundaries (7 for 6 boundaries): the last is the time at or
	// above the top boundary. Other writers may write one entry per boundary
	// (an Apple Watch app in the corpus: 6 for 6), with no time above the
	// top. A time the file lacks is NaN.
	Seconds []float64
	// Method is how the device computed the boundaries ("percent_max_hr",
	// "percent_hrr", "percent_lthr"), empty when unknown.
	Method string
	// MaxHeartRate, RestingHeartRate and ThresholdHeartRate are the settings
	// the device used, NaN when not recorded.
	MaxHeartRate       float64
	RestingHeartRate   float64
	ThresholdHeartRate float64
}

// Athlete holds the athlete settings the file carries. Each figure is NaN when
// the file does not carry it.
type Athlete struct {
	// MaxHeartRate, RestingHeartRate and ThresholdHeartRate are in beats per
	// minute.
	MaxHeartRate       float64
	RestingHeartRate   float64
	ThresholdHeartRate float64
	// HeartRateZones are the upper boundaries of the athlete's heart-rate zones
	// in beats per minute, nil when absent.
	HeartRateZones []float64
	// ZoneMethod is how the zones were set ("percent_max_hr", "percent_hrr",
	// "percent_lthr"), empty when unknown.
	ZoneMethod string
	// Age is in years; Weight in kilograms; Sex is "male" or "female" or
	// empty.
	Age    float64
	Weight float64
	Sex    string
	// Source names the message or element each setting came from, for
	// reports ("user_profile", "zones_target", "time_in_zone").
	Source string
}

// NoAthlete returns Athlete with every figure NaN.
func NoAthlete() Athlete {
	n := math.NaN()
	return Athlete{MaxHeartRate: n, RestingHeartRate: n, ThresholdHeartRate: n, Age: n, Weight: n}
}

// TimeAt returns the absolute time of offset t seconds from a.Start.
func (a *Activity) TimeAt(t float64) time.Time {
	return a.Start.Add(time.Duration(math.Round(t * 1e9)))
}

// Duration returns the time from the first to the last sample in seconds, 0
// for fewer than two samples.
func (a *Activity) Duration() float64 {
	n := len(a.Samples.Time)
	if n < 2 {
		return 0
	}
	return a.Samples.Time[n-1] - a.Samples.Time[0]
}

// DefaultMaxSamples is the number of samples per activity an importer accepts
// when its MaxSamples option is 0: a week of 1 Hz recording with room to spare.
// A file with more is rejected with ErrLimit, since only a crafted or corrupt
// file has that many.
const DefaultMaxSamples = 2_000_000
