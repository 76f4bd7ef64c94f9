package fitio

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/runcheck/runcheck/activity"
)

// maxZoneOffset bounds the UTC offset taken from local_timestamp; a larger
// one is a device clock error, and the start stays in UTC.
const maxZoneOffset = 14 * time.Hour

// activity assembles the activity from what was collected.
func (c *collector) activity() (*activity.Activity, error) {
	if c.fileID == nil {
		return nil, formatError(-1, "file_id", activity.ErrMalformed, errors.New("the file has no file_id message"))
	}
	switch c.fileID.Type {
	case typedef.FileActivity:
	case typedef.FileInvalid:
		c.warnings = append(c.warnings, "the file_id message has no file type; decoded as an activity")
	default:
		return nil, formatError(-1, "file_id", activity.ErrNotActivity,
			fmt.Errorf("file type %s", enumName(c.fileID.Type, typedef.FileInvalid)))
	}
	if len(c.samples.Time) == 0 {
		if c.untimed > 0 {
			return nil, formatError(-1, "record", activity.ErrNoTimestamps,
				fmt.Errorf("none of the %d records has a timestamp", c.untimed))
		}
		return nil, formatError(-1, "record", activity.ErrNoSamples, errors.New("the file has no record messages"))
	}

	c.cutAtJump()
	start := datetime.ToTime(c.t0).In(c.location())
	a := &activity.Activity{
		Meta:    c.metadata(),
		Start:   start,
		Samples: c.samples,
	}
	mergeBeats(&a.Samples, c.beats, float64(c.t0))
	dropEmptyColumns(&a.Samples)
	if c.untimed > 0 {
		c.warnings = append(c.warnings, fmt.Sprintf("skipped %d records without a timestamp", c.untimed))
	}
	if c.repeats > 0 {
		seqs := fmt.Sprintf("%d chained FIT sequences repeat", c.repeats)
		if c.repeats == 1 {
			seqs = "a chained FIT sequence repeats"
		}
		c.warnings = append(c.warnings, fmt.Sprintf(
			"%s the recording of the first (the same file_id, as when a file is concatenated with itself): "+
				"%d records and %d timer events, laps and sessions that the file already has were taken once",
			seqs, c.repeatedRecords, c.repeatedOther))
	}
	if c.backwards > 0 {
		c.warnings = append(c.warnings, fmt.Sprintf(
			"timestamps go backwards at %d samples, first at sample %d; the samples are kept in file order",
			c.backwards, c.firstBack))
	}
	a.Pauses = c.pauses() // before the warnings are taken: it may add one
	a.Warnings, a.Salvaged = c.warnings, c.salvaged

	offset := func(t uint32) float64 {
		if t == basetype.Uint32Invalid {
			return math.NaN()
		}
		return datetime.ToTime(t).Sub(start).Seconds()
	}
	if len(c.laps) > 0 {
		a.Laps = make([]activity.Lap, 0, len(c.laps))
	}
	for _, l := range c.laps {
		a.Laps = append(a.Laps, activity.Lap{
			Start:     offset(l.start),
			Trigger:   enumName(l.trigger, typedef.LapTriggerInvalid),
			Intensity: enumName(l.intensity, typedef.IntensityInvalid),
			Totals:    l.totals,
		})
	}
	seqs := make([]int, len(c.sessions))
	if len(c.sessions) > 0 {
		a.Sessions = make([]activity.Session, 0, len(c.sessions))
	}
	for i, s := range c.sessions {
		seqs[i] = s.key.seq
		a.Sessions = append(a.Sessions, activity.Session{
			Sport:      enumName(s.sport, typedef.SportInvalid),
			SubSport:   enumName(s.subSport, typedef.SubSportInvalid),
			Name:       s.sportProfileName,
			Start:      offset(s.start),
			Totals:     s.totals,
			TimeInZone: c.zones[s.key],
		})
	}
	splitSessions(a.Sessions, seqs, c.seqStart, a.Samples.Time)
	a.Athlete = c.athlete(a.Sessions)
	return a, nil
}

// location returns the zone of the activity's local time: the offset of the
// activity message's local_timestamp from its timestamp, rounded to the
// nearest quarter hour (every zone is a multiple of it), since some devices
// take local_timestamp minutes after timestamp (the FR55 in the corpus: 225
// s). Both are written when the activity ends, so an activity that spans a
// change to or from daylight saving time carries the offset in force at its
// end. Without local_timestamp it is UTC.
func (c *collector) location() *time.Location {
	m := c.activityMsg
	if m == nil || m.Timestamp.IsZero() || m.LocalTimestamp.IsZero() {
		return time.UTC
	}
	off := m.LocalTimestamp.Sub(m.Timestamp).Round(15 * time.Minute)
	if off.Abs() > maxZoneOffset {
		return time.UTC
	}
	return time.FixedZone("", int(off.Seconds()))
}

func (c *collector) metadata() activity.Metadata {
	id := c.fileID
	meta := activity.Metadata{
		Format:       activity.FormatFIT,
		Manufacturer: enumName(id.Manufacturer, typedef.ManufacturerInvalid),
		Product:      product(id),
		Names:        activity.Names{Workout: c.workout},
	}
	if id.SerialNumber != basetype.Uint32zInvalid {
		meta.SerialNumber = strconv.FormatUint(uint64(id.SerialNumber), 10)
	}
	switch {
	case len(c.sessions) > 0:
		s := c.sessions[0]
		meta.Sport = enumName(s.sport, typedef.SportInvalid)
		meta.SubSport = enumName(s.subSport, typedef.SubSportInvalid)
	case c.sport != nil:
		meta.Sport = enumName(c.sport.Sport, typedef.SportInvalid)
		meta.SubSport = enumName(c.sport.SubSport, typedef.SubSportInvalid)
	}
	switch {
	case c.sport != nil && c.sport.Name != "":
		meta.Names.SportProfile = c.sport.Name
	case len(c.sessions) > 0:
		meta.Names.SportProfile = c.sessions[0].sportProfileName
	}
	return meta
}

// product names the device: the profile's product name for Garmin (and the
// makers that share its product list) and Favero, else the file's
// product_name, else the product number.
func product(id *mesgdef.FileId) string {
	if id.Product == basetype.Uint16Invalid {
		return id.ProductName
	}
	switch _, p := id.GetProduct(); p := p.(type) {
	case typedef.GarminProduct:
		return enumName(p, typedef.GarminProductInvalid)
	case typedef.FaveroProduct:
		return enumName(p, typedef.FaveroProductInvalid)
	}
	if id.ProductName != "" {
		return id.ProductName
	}
	return strconv.Itoa(int(id.Product))
}

// dropEmptyColumns sets to nil the columns that hold no value at all.
func dropEmptyColumns(s *activity.Samples) {
	for _, col := range channels(s) {
		if activity.Coverage(*col) == 0 {
			*col = nil
		}
	}
}

// pauses turns the timer events into pauses: a pause runs from a stop to
// the next start; further stops in between change nothing. A stop that no
// start follows is a pause to the last sample, unless it comes at or after
// the last sample: that is the stop that ends the recording.
func (c *collector) pauses() []activity.Pause {
	var (
		out     []activity.Pause
		stopped bool
		from    float64
	)
	for _, e := range c.timer {
		t := float64(int64(e.time) - int64(c.t0))
		switch {
		case e.stop && !stopped:
			stopped, from = true, t
		case !e.stop && stopped:
			stopped = false
			out = append(out, activity.Pause{Start: from, End: max(from, t), Kind: activity.PauseTimer})
		}
	}
	last := c.samples.Time[len(c.samples.Time)-1]
	if stopped && from < last {
		out = append(out, activity.Pause{Start: from, End: last, Kind: activity.PauseTimer})
	}
	// Timer events whose times go back (a device clock that jumped, a
	// corrupt file decoded leniently) give pauses out of order; the
	// activity lists them in time order, and says so.
	if !slices.IsSortedFunc(out, byStart) {
		slices.SortStableFunc(out, byStart)
		c.warnings = append(c.warnings, "timer events are out of time order; the pauses are listed by start time")
	}
	return out
}

func byStart(a, b activity.Pause) int { return cmp.Compare(a.Start, b.Start) }

// splitSessions gives every sample to exactly one session. The sessions of
// one FIT sequence share the samples from the start of that sequence to the
// start of the next sequence that has sessions (a chained file can hold
// several activities, whose times may overlap); the first sessions also
// take the samples before them. Among the sessions of a sequence, each runs
// from its first sample at or after its start time to the next session's
// first sample; one without a start time gets no samples unless it comes
// first.
func splitSessions(sessions []activity.Session, seqs, seqStart []int, times []float64) {
	for i := 0; i < len(sessions); {
		k := i + 1
		for k < len(sessions) && seqs[k] == seqs[i] {
			k++
		}
		lo, hi := 0, len(times)
		if i > 0 {
			lo = seqStart[seqs[i]]
		}
		if k < len(sessions) {
			hi = seqStart[seqs[k]]
		}
		splitByTime(sessions[i:k], times, lo, hi)
		i = k
	}
}

// splitByTime shares the samples [lo, hi) among sessions by start time.
func splitByTime(sessions []activity.Session, times []float64, lo, hi int) {
	j := lo
	for i := range sessions {
		if i > 0 && !math.IsNaN(sessions[i].Start) {
			for j < hi && times[j] < sessions[i].Start {
				j++
			}
		}
		sessions[i].First = j
		if i > 0 {
			sessions[i-1].End = j
		}
	}
	sessions[len(sessions)-1].End = hi
}

func sessionTotals(s *mesgdef.Session) activity.Totals {
	return activity.Totals{
		ElapsedTime:  known(s.TotalElapsedTimeScaled()),
		TimerTime:    known(s.TotalTimerTimeScaled()),
		MovingTime:   known(s.TotalMovingTimeScaled()),
		Distance:     known(s.TotalDistanceScaled()),
		AvgSpeed:     known(prefer(s.EnhancedAvgSpeedScaled(), s.AvgSpeedScaled())),
		MaxSpeed:     known(prefer(s.EnhancedMaxSpeedScaled(), s.MaxSpeedScaled())),
		AvgHeartRate: u8(s.AvgHeartRate),
		MaxHeartRate: u8(s.MaxHeartRate),
		AvgCadence:   cadence(s.AvgCadence, s.AvgFractionalCadence),
		Ascent:       u16(s.TotalAscent),
		Descent:      u16(s.TotalDescent),
		Calories:     u16(s.TotalCalories),
	}
}

func lapTotals(l *mesgdef.Lap) activity.Totals {
	return activity.Totals{
		ElapsedTime:  known(l.TotalElapsedTimeScaled()),
		TimerTime:    known(l.TotalTimerTimeScaled()),
		MovingTime:   known(l.TotalMovingTimeScaled()),
		Distance:     known(l.TotalDistanceScaled()),
		AvgSpeed:     known(prefer(l.EnhancedAvgSpeedScaled(), l.AvgSpeedScaled())),
		MaxSpeed:     known(prefer(l.EnhancedMaxSpeedScaled(), l.MaxSpeedScaled())),
		AvgHeartRate: u8(l.AvgHeartRate),
		MaxHeartRate: u8(l.MaxHeartRate),
		AvgCadence:   cadence(l.AvgCadence, l.AvgFractionalCadence),
		Ascent:       u16(l.TotalAscent),
		Descent:      u16(l.TotalDescent),
		Calories:     u16(l.TotalCalories),
	}
}

// cadence joins a whole cadence and its fraction (1/128 rpm).
func cadence(whole, frac uint8) float64 {
	v := u8(whole)
	if frac != basetype.Uint8Invalid {
		v += float64(frac) / 128
	}
	return v
}

// timeInZone converts a session's time_in_zone message; nil when there is
// none or it holds no heart rate times.
func timeInZone(z *mesgdef.TimeInZone) *activity.TimeInZone {
	if z == nil || len(z.TimeInHrZone) == 0 {
		return nil
	}
	out := &activity.TimeInZone{
		Method:             enumName(z.HrCalcType, typedef.HrZoneCalcInvalid),
		MaxHeartRate:       setting(z.MaxHeartRate),
		RestingHeartRate:   setting(z.RestingHeartRate),
		ThresholdHeartRate: setting(z.ThresholdHeartRate),
	}
	for _, s := range z.TimeInHrZoneScaled() {
		out.Seconds = append(out.Seconds, known(s))
	}
	for _, b := range z.HrZoneHighBoundary {
		if b == basetype.Uint8Invalid {
			out.Boundaries = nil
			break
		}
		out.Boundaries = append(out.Boundaries, float64(b))
	}
	return out
}

// athlete gathers the athlete settings. Each figure comes from the first
// message that has it, in this order: the first session's time_in_zone
// (what the device used for this activity), zones_target, user_profile; the
// zones from hr_zone messages, else time_in_zone. A heart rate setting of 0
// is taken as "not set".
func (c *collector) athlete(sessions []activity.Session) activity.Athlete {
	a := activity.NoAthlete()
	used := map[string]bool{}
	set := func(dst *float64, v float64, source string) {
		if math.IsNaN(*dst) && !math.IsNaN(v) {
			*dst, used[source] = v, true
		}
	}
	setMethod := func(m, source string) {
		if a.ZoneMethod == "" && m != "" {
			a.ZoneMethod, used[source] = m, true
		}
	}

	if len(c.hrZones) > 0 {
		a.HeartRateZones = c.hrZones
		used["hr_zone"] = true
	}
	for _, s := range sessions {
		z := s.TimeInZone
		if z == nil {
			continue
		}
		set(&a.MaxHeartRate, z.MaxHeartRate, "time_in_zone")
		set(&a.RestingHeartRate, z.RestingHeartRate, "time_in_zone")
		set(&a.ThresholdHeartRate, z.ThresholdHeartRate, "time_in_zone")
		setMethod(z.Method, "time_in_zone")
		if a.HeartRateZones == nil && z.Boundaries != nil {
			a.HeartRateZones, used["time_in_zone"] = z.Boundaries, true
		}
		break
	}
	set(&a.MaxHeartRate, c.target.maxHR, "zones_target")
	set(&a.ThresholdHeartRate, c.target.thresholdHR, "zones_target")
	setMethod(c.target.method, "zones_target")
	if p := c.profile; p != nil {
		switch {
		case len(c.sessions) > 0 && c.sessions[0].sport == typedef.SportRunning:
			set(&a.MaxHeartRate, setting(p.DefaultMaxRunningHeartRate), "user_profile")
		case len(c.sessions) > 0 && c.sessions[0].sport == typedef.SportCycling:
			set(&a.MaxHeartRate, setting(p.DefaultMaxBikingHeartRate), "user_profile")
		}
		set(&a.MaxHeartRate, setting(p.DefaultMaxHeartRate), "user_profile")
		set(&a.RestingHeartRate, setting(p.RestingHeartRate), "user_profile")
		set(&a.Age, u8(p.Age), "user_profile")
		set(&a.Weight, known(p.WeightScaled()), "user_profile")
		switch p.Gender {
		case typedef.GenderFemale:
			a.Sex, used["user_profile"] = "female", true
		case typedef.GenderMale:
			a.Sex, used["user_profile"] = "male", true
		}
	}

	var sources []string
	for _, s := range []string{"user_profile", "zones_target", "hr_zone", "time_in_zone"} {
		if used[s] {
			sources = append(sources, s)
		}
	}
	a.Source = strings.Join(sources, ", ")
	return a
}
