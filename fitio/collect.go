package fitio

import (
	"context"
	"math"
	"slices"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/proto"

	"github.com/runcheck/runcheck/activity"
)

// collector receives the decoded messages of every sequence of one file, in
// file order, and keeps what the activity needs. It also follows the byte
// layout of the sequence being decoded, so that an error can name the byte
// offset and the element it stopped at.
type collector struct {
	maxSamples int
	cancel     context.CancelFunc // stops the decoder when the limit is hit
	limitHit   string             // what went over the limit: "samples", "laps", "sessions"; "" if nothing

	// The sequence being decoded.
	seq        []byte
	seqIndex   int
	seqStart   []int   // number of samples before each sequence
	off        int     // offset in seq of the next element
	crcAt      int64   // offset in seq of the file CRC
	dataSize   [16]int // message size without its header byte, per local type
	localMesg  [16]typedef.MesgNum
	defined    [16]bool
	sessionOrd int  // sessions met so far in this sequence
	skipSeq    bool // a chained file of another type: ignore its messages
	// repeatSeq is set for a chained sequence whose file_id is the first's:
	// the same recording again (cat run.fit run.fit), whose records, timer
	// events, laps and sessions that overlap what the file already has are
	// taken once. The *To fields are the latest times (FIT time) of the
	// records, timer events and lap starts kept so far.
	repeatSeq                  bool
	recordsTo, timerTo, lapsTo uint32
	repeats, repeatedRecords   int // repeat sequences met; records dropped
	repeatedOther              int // timer events, laps and sessions dropped

	fileID    *mesgdef.FileId
	t0        uint32 // timestamp of the first sample
	samples   activity.Samples
	warnings  []string
	salvaged  bool // the activity holds less than the file (Activity.Salvaged)
	untimed   int  // records without a timestamp
	backwards int  // samples earlier than the one before
	firstBack int  // index of the first of those

	// Laps, sessions and the other messages that may come in any number
	// are kept in the small form the activity needs, not as the library's
	// message structs (800 bytes or more each): a crafted file of 2-byte
	// lap messages would otherwise take a thousand times its size in
	// memory. Laps and sessions are bounded by maxSamples, as samples are.
	timer       []timerEvent
	laps        []lap
	sessions    []session
	zones       map[sessionKey]*activity.TimeInZone
	activityMsg *mesgdef.Activity
	sport       *mesgdef.Sport
	workout     string
	profile     *mesgdef.UserProfile
	target      target    // the zones_target messages, folded
	hrZones     []float64 // hr_zone high_bpm values, in file order
	beats       []beat
	anchor      hrAnchor
}

// timerEvent is a FIT timer event: a stop (of any kind) or a start.
type timerEvent struct {
	time uint32
	stop bool
}

// sessionKey identifies a session the way a time_in_zone message refers to
// it: by its message index within its sequence.
type sessionKey struct {
	seq, index int
}

// session is what the activity needs of a session message.
type session struct {
	key              sessionKey
	sport            typedef.Sport
	subSport         typedef.SubSport
	sportProfileName string
	start            uint32 // FIT time, basetype.Uint32Invalid when absent
	totals           activity.Totals
}

// lap is what the activity needs of a lap message. It holds no pointer, so
// that a file with very many laps costs the garbage collector nothing.
type lap struct {
	start     uint32 // FIT time, basetype.Uint32Invalid when absent
	trigger   typedef.LapTrigger
	intensity typedef.Intensity
	totals    activity.Totals
}

// target holds the first value of each zones_target setting the file
// carries, NaN or "" when none does.
type target struct {
	maxHR, thresholdHR float64
	method             string
}

func newCollector(maxSamples int, cancel context.CancelFunc) *collector {
	return &collector{
		maxSamples: maxSamples,
		cancel:     cancel,
		zones:      map[sessionKey]*activity.TimeInZone{},
		seqIndex:   -1,
		target:     target{maxHR: nan(), thresholdHR: nan()},
	}
}

// beginSequence resets the per-sequence state before seq is decoded by the
// library; samplesBefore is the number of samples of the sequences before it.
func (c *collector) beginSequence(seq []byte, headerSize int, dataSize uint32, samplesBefore int) {
	c.seq, c.off, c.crcAt = seq, headerSize, int64(headerSize)+int64(dataSize)
	c.seqIndex++
	c.seqStart = append(c.seqStart, samplesBefore)
	c.defined = [16]bool{}
	c.sessionOrd = 0
	c.skipSeq = false
	c.repeatSeq = false
}

func (c *collector) numSamples() int { return len(c.samples.Time) }

// OnMesgDef follows the byte layout: a definition is 6 bytes, 3 per field,
// and, with developer data, 1 more and 3 per developer field. The sizes are
// read from the bytes themselves, since the library drops fields of size 0
// from the definition it reports.
func (c *collector) OnMesgDef(def proto.MessageDefinition) {
	b := c.seq[c.off:]
	local := def.Header & proto.LocalMesgNumMask
	n := int(b[5])
	size, data := 6+3*n, 0
	for i := range n {
		data += int(b[6+3*i+1])
	}
	if def.Header&proto.DevDataMask != 0 {
		m := int(b[size])
		for i := range m {
			data += int(b[size+1+3*i+1])
		}
		size += 1 + 3*m
	}
	c.off += size
	c.dataSize[local] = data
	c.localMesg[local] = def.MesgNum
	c.defined[local] = true
}

// OnMesg takes a decoded message.
func (c *collector) OnMesg(m proto.Message) {
	c.off += 1 + c.dataSize[localType(m.Header)]
	if m.Num == typedef.MesgNumFileId {
		c.fileIDMesg(mesgdef.NewFileId(&m))
	}
	if c.skipSeq || c.limitHit != "" {
		return
	}
	switch m.Num {
	case typedef.MesgNumRecord:
		c.record(&m)
	case typedef.MesgNumEvent:
		c.event(mesgdef.NewEvent(&m))
	case typedef.MesgNumLap:
		c.lap(mesgdef.NewLap(&m))
	case typedef.MesgNumSession:
		c.session(mesgdef.NewSession(&m))
	case typedef.MesgNumTimeInZone:
		c.timeInZone(mesgdef.NewTimeInZone(&m))
	case typedef.MesgNumActivity:
		if c.activityMsg == nil {
			c.activityMsg = mesgdef.NewActivity(&m)
		}
	case typedef.MesgNumSport:
		if c.sport == nil {
			c.sport = mesgdef.NewSport(&m)
		}
	case typedef.MesgNumWorkout:
		if c.workout == "" {
			c.workout = mesgdef.NewWorkout(&m).WktName
		}
	case typedef.MesgNumUserProfile:
		if c.profile == nil {
			c.profile = mesgdef.NewUserProfile(&m)
		}
	case typedef.MesgNumZonesTarget:
		c.zonesTarget(mesgdef.NewZonesTarget(&m))
	case typedef.MesgNumHrZone:
		if z := mesgdef.NewHrZone(&m); z.HighBpm != basetype.Uint8Invalid {
			c.hrZones = append(c.hrZones, float64(z.HighBpm))
		}
	case typedef.MesgNumHr:
		c.hr(mesgdef.NewHr(&m))
	}
}

// fileIDMesg keeps the first file_id. A later sequence whose file_id names
// another file type (a settings file chained after the activity) is skipped.
//
// A later sequence whose file_id is the first's in every identifying field
// (type, manufacturer, product, serial number, time created) is the same
// recording again: what it holds up to the latest times already decoded
// is taken once (see repeated).
func (c *collector) fileIDMesg(id *mesgdef.FileId) {
	if c.fileID == nil {
		c.fileID = id
		return
	}
	f := c.fileID
	switch {
	case id.Type != f.Type:
		c.skipSeq = true
	case id.Manufacturer == f.Manufacturer && id.Product == f.Product && id.SerialNumber == f.SerialNumber &&
		id.TimeCreated.Equal(f.TimeCreated) && len(c.samples.Time) > 0:
		c.repeatSeq = true
		c.repeats++
	}
}

// repeated reports whether a message of a repeat sequence timed t (FIT
// time) comes at or before to, the latest time of its kind kept so far: the
// file has it already. A message without a time is not repeated.
func (c *collector) repeated(t, to uint32) bool {
	return c.repeatSeq && t != basetype.Uint32Invalid && t <= to
}

// latest advances *to to t when t is a time and later.
func latest(to *uint32, t uint32) {
	if t != basetype.Uint32Invalid && t > *to {
		*to = t
	}
}

// localType returns the local message type of a data message header.
func localType(header byte) byte {
	if header&proto.MesgCompressedHeaderMask != 0 {
		return (header & proto.CompressedLocalMesgNumMask) >> proto.CompressedBitShift
	}
	return header & proto.LocalMesgNumMask
}

// pendingElement names the element at c.off, the one the decoder stopped at.
func (c *collector) pendingElement() string {
	if int64(c.off) >= c.crcAt {
		return "file CRC"
	}
	if c.off >= len(c.seq) {
		return "message"
	}
	h := c.seq[c.off]
	if h&proto.MesgCompressedHeaderMask == 0 && h&proto.MesgDefinitionMask != 0 {
		return "definition"
	}
	local := localType(h)
	if !c.defined[local] {
		return "message"
	}
	return mesgName(c.localMesg[local])
}

// recordValues are the values of one record message that the stream uses,
// in the profile's units; NaN where the record has no valid value, and a
// timestamp of basetype.Uint32Invalid when it has none.
type recordValues struct {
	ts                                     uint32
	dist, lat, lon, hr, cad, frac, temp    float64
	speed, enhSpeed, altitude, enhAltitude float64
}

// noRecordValues returns the values of a record without fields.
func noRecordValues() recordValues {
	return recordValues{
		ts:   basetype.Uint32Invalid,
		dist: nan(), lat: nan(), lon: nan(), hr: nan(), cad: nan(), frac: nan(), temp: nan(),
		speed: nan(), enhSpeed: nan(), altitude: nan(), enhAltitude: nan(),
	}
}

// record takes a record message decoded by the library.
func (c *collector) record(m *proto.Message) {
	v := noRecordValues()
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.RecordTimestamp:
			v.ts = f.Value.Uint32()
		case fieldnum.RecordPositionLat:
			v.lat = degrees(f.Value.Int32())
		case fieldnum.RecordPositionLong:
			v.lon = degrees(f.Value.Int32())
		case fieldnum.RecordDistance:
			v.dist = number(f)
		case fieldnum.RecordSpeed:
			v.speed = number(f)
		case fieldnum.RecordEnhancedSpeed:
			v.enhSpeed = number(f)
		case fieldnum.RecordAltitude:
			v.altitude = number(f)
		case fieldnum.RecordEnhancedAltitude:
			v.enhAltitude = number(f)
		case fieldnum.RecordHeartRate:
			v.hr = number(f)
		case fieldnum.RecordCadence:
			v.cad = number(f)
		case fieldnum.RecordFractionalCadence:
			v.frac = number(f)
		case fieldnum.RecordTemperature:
			v.temp = number(f)
		}
	}
	size := 1 + c.dataSize[localType(m.Header)]
	c.addRecord(&v, 1+(len(c.seq)-c.off)/size)
}

// addRecord appends one sample, or counts a record without a timestamp.
// room is the number of records the rest of the sequence can hold, this
// one included: the columns are sized for it at the first sample, capped
// by the sample limit, since records make up most of an activity file and
// growing nine columns by appending would allocate and copy them several
// times over.
func (c *collector) addRecord(v *recordValues, room int) {
	if v.ts == basetype.Uint32Invalid {
		c.untimed++
		return
	}
	if c.repeated(v.ts, c.recordsTo) {
		c.repeatedRecords++
		return
	}
	latest(&c.recordsTo, v.ts)
	n := len(c.samples.Time)
	if n == c.maxSamples {
		c.stop("samples")
		return
	}
	if n == 0 {
		c.t0 = v.ts
		for _, col := range append(channels(&c.samples), &c.samples.Time) {
			*col = make([]float64, 0, min(room, c.maxSamples))
		}
	}
	t := float64(int64(v.ts) - int64(c.t0))
	if n > 0 && t < c.samples.Time[n-1] {
		if c.backwards == 0 {
			c.firstBack = n
		}
		c.backwards++
	}
	cad := v.cad
	if !math.IsNaN(v.frac) && !math.IsNaN(cad) {
		cad += v.frac
	}
	s := &c.samples
	s.Time = append(s.Time, t)
	s.Distance = append(s.Distance, v.dist)
	s.Speed = append(s.Speed, prefer(v.enhSpeed, v.speed))
	s.Altitude = append(s.Altitude, prefer(v.enhAltitude, v.altitude))
	s.Lat = append(s.Lat, v.lat)
	s.Lon = append(s.Lon, v.lon)
	s.HeartRate = append(s.HeartRate, v.hr)
	s.Cadence = append(s.Cadence, cad)
	s.Temperature = append(s.Temperature, v.temp)
}

// channels returns the sample columns other than Time.
func channels(s *activity.Samples) []*[]float64 {
	return []*[]float64{&s.Distance, &s.Speed, &s.Altitude, &s.Lat, &s.Lon, &s.HeartRate, &s.Cadence, &s.Temperature}
}

// event keeps the timer events: stop, stop_all, stop_disable and
// stop_disable_all stop the timer, start starts it.
func (c *collector) event(e *mesgdef.Event) {
	if e.Event != typedef.EventTimer || e.Timestamp.IsZero() {
		return
	}
	switch e.EventType {
	case typedef.EventTypeStart, typedef.EventTypeStop, typedef.EventTypeStopAll, typedef.EventTypeStopDisable, typedef.EventTypeStopDisableAll:
		if c.repeated(e.TimestampUint32(), c.timerTo) {
			c.repeatedOther++
			return
		}
		latest(&c.timerTo, e.TimestampUint32())
	}
	switch e.EventType {
	case typedef.EventTypeStart:
		c.timer = append(c.timer, timerEvent{time: e.TimestampUint32()})
	case typedef.EventTypeStop, typedef.EventTypeStopAll, typedef.EventTypeStopDisable, typedef.EventTypeStopDisableAll:
		c.timer = append(c.timer, timerEvent{time: e.TimestampUint32(), stop: true})
	}
}

// stop stops decoding because there are more of what than maxSamples.
func (c *collector) stop(what string) {
	c.limitHit = what
	c.cancel()
}

// lap keeps a lap.
func (c *collector) lap(l *mesgdef.Lap) {
	if c.repeated(l.StartTimeUint32(), c.lapsTo) {
		c.repeatedOther++
		return
	}
	latest(&c.lapsTo, l.StartTimeUint32())
	if len(c.laps) == c.maxSamples {
		c.stop("laps")
		return
	}
	c.laps = append(c.laps, lap{
		start:     l.StartTimeUint32(),
		trigger:   l.LapTrigger,
		intensity: l.Intensity,
		totals:    lapTotals(l),
	})
}

// session keeps a session with the key time_in_zone messages refer to it by:
// its message_index, or its position in the sequence when it has none.
func (c *collector) session(s *mesgdef.Session) {
	if c.repeatSeq && slices.ContainsFunc(c.sessions, func(o session) bool {
		return o.start == s.StartTimeUint32() && o.sport == s.Sport && o.subSport == s.SubSport
	}) {
		c.repeatedOther++
		return
	}
	if len(c.sessions) == c.maxSamples {
		c.stop("sessions")
		return
	}
	index := c.sessionOrd
	if s.MessageIndex != typedef.MessageIndexInvalid {
		index = int(s.MessageIndex & typedef.MessageIndexMask)
	}
	c.sessionOrd++
	c.sessions = append(c.sessions, session{
		key:              sessionKey{c.seqIndex, index},
		sport:            s.Sport,
		subSport:         s.SubSport,
		sportProfileName: s.SportProfileName,
		start:            s.StartTimeUint32(),
		totals:           sessionTotals(s),
	})
}

// zonesTarget keeps the first heart rate settings of the zones_target
// messages.
func (c *collector) zonesTarget(t *mesgdef.ZonesTarget) {
	if math.IsNaN(c.target.maxHR) {
		c.target.maxHR = setting(t.MaxHeartRate)
	}
	if math.IsNaN(c.target.thresholdHR) {
		c.target.thresholdHR = setting(t.ThresholdHeartRate)
	}
	if c.target.method == "" {
		c.target.method = enumName(t.HrCalcType, typedef.HrZoneCalcInvalid)
	}
}

// timeInZone keeps the time_in_zone messages that refer to a session; those
// of laps and splits are not used.
func (c *collector) timeInZone(z *mesgdef.TimeInZone) {
	if z.ReferenceMesg != typedef.MesgNumSession || z.ReferenceIndex == typedef.MessageIndexInvalid {
		return
	}
	key := sessionKey{c.seqIndex, int(z.ReferenceIndex & typedef.MessageIndexMask)}
	if _, ok := c.zones[key]; !ok {
		c.zones[key] = timeInZone(z)
	}
}
