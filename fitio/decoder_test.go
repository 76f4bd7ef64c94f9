package fitio_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/kit/hash/crc16"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/fitio"
)

// activityOf is a bare activity file: a file_id, a record (sample) for each
// second of secs in that order, each timer event before the first record
// at or after its second, then tail.
func activityOf(secs []int, events map[int]typedef.EventType, tail ...proto.Message) []proto.Message {
	mesgs := []proto.Message{fileID(typedef.FileActivity)}
	pending := slices.Sorted(maps.Keys(events))
	for _, sec := range secs {
		for len(pending) > 0 && pending[0] <= sec {
			mesgs = append(mesgs, timer(pending[0], events[pending[0]]))
			pending = pending[1:]
		}
		mesgs = append(mesgs, sample(sec).ToMesg(nil))
	}
	for _, sec := range pending {
		mesgs = append(mesgs, timer(sec, events[sec]))
	}
	return append(mesgs, tail...)
}

// seconds returns from, from+1, ..., to-1.
func seconds(from, to int) []int {
	var s []int
	for sec := from; sec < to; sec++ {
		s = append(s, sec)
	}
	return s
}

// frame wraps raw message bytes in a 14-byte header and a file CRC.
func frame(body []byte) []byte {
	b := make([]byte, 14, 14+len(body)+2)
	b[0], b[1] = 14, 0x20
	binary.LittleEndian.PutUint16(b[2:], 2132)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(body)))
	copy(b[8:], ".FIT")
	h := crc16.New()
	h.Write(b[:12])
	binary.LittleEndian.PutUint16(b[12:], h.Sum16())
	b = append(b, body...)
	h = crc16.New()
	h.Write(b)
	return binary.LittleEndian.AppendUint16(b, h.Sum16())
}

// body returns the message bytes of a file of one 14-byte-header sequence.
func body(file []byte) []byte { return file[14 : len(file)-2] }

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		file  func(tb testing.TB) []byte
		check func(t *testing.T, a *activity.Activity)
	}{
		{
			name: "run with summary and settings",
			file: func(tb testing.TB) []byte { return encode(tb, run(60)) },
			check: func(t *testing.T, a *activity.Activity) {
				s := a.Samples
				if s.Len() != 60 {
					t.Fatalf("%d samples, want 60", s.Len())
				}
				for i := range 60 {
					sec := float64(i)
					want := []float64{sec, 2.5 * sec, 2.5, 100 + 0.2*sec, 45 + sec*1e-4, 7, float64(100 + i%50), 80.5, 20}
					got := []float64{s.Time[i], s.Distance[i], s.Speed[i], s.Altitude[i], s.Lat[i], s.Lon[i], s.HeartRate[i], s.Cadence[i], s.Temperature[i]}
					for k := range want {
						if !approx(got[k], want[k], 1e-6) {
							t.Fatalf("sample %d: got %v, want %v (time, distance, speed, altitude, lat, lon, hr, cadence, temperature)", i, got, want)
						}
					}
				}
				if !a.Start.Equal(at(0)) {
					t.Errorf("Start = %v, want %v", a.Start, at(0))
				}
				if _, off := a.Start.Zone(); off != 7200 {
					t.Errorf("Start's UTC offset = %d s, want 7200 (local_timestamp)", off)
				}
				wantMeta := activity.Metadata{
					Format: activity.FormatFIT, Sport: "running", SubSport: "generic",
					Manufacturer: "garmin", Product: "fr955", SerialNumber: "1234567",
					Names: activity.Names{Workout: "Recovery run", SportProfile: "Run"},
				}
				if a.Meta != wantMeta {
					t.Errorf("Meta = %+v, want %+v", a.Meta, wantMeta)
				}
				if len(a.Pauses) != 0 {
					t.Errorf("Pauses = %+v, want none: the last stop ends the recording", a.Pauses)
				}
				if len(a.Laps) != 1 {
					t.Fatalf("%d laps, want 1", len(a.Laps))
				}
				lap := a.Laps[0]
				wantLap := activity.Totals{
					ElapsedTime: 59, TimerTime: 59, MovingTime: math.NaN(), Distance: 147.5,
					AvgSpeed: 2.5, MaxSpeed: 2.5, AvgHeartRate: 120, MaxHeartRate: 149, AvgCadence: 80,
					Ascent: 5, Descent: 0, Calories: 300,
				}
				if lap.Start != 0 || lap.Trigger != "session_end" || lap.Intensity != "active" || !sameTotals(lap.Totals, wantLap) {
					t.Errorf("lap = %+v, want start 0, session_end, active, totals %+v", lap, wantLap)
				}
				if len(a.Sessions) != 1 {
					t.Fatalf("%d sessions, want 1", len(a.Sessions))
				}
				ss := a.Sessions[0]
				wantTotals := wantLap
				wantTotals.AvgCadence = 80.5
				if ss.Sport != "running" || ss.SubSport != "generic" || ss.Name != "Run" || ss.Start != 0 ||
					ss.First != 0 || ss.End != 60 || !sameTotals(ss.Totals, wantTotals) {
					t.Errorf("session = %+v, want running/generic Run from 0, samples [0:60], totals %+v", ss, wantTotals)
				}
				z := ss.TimeInZone
				if z == nil {
					t.Fatal("session has no TimeInZone")
				}
				if !slices.Equal(z.Boundaries, []float64{94, 113, 132, 150, 169, 188}) ||
					!slices.Equal(z.Seconds, []float64{0, 10, 20, 30, 0, 0, 0}) ||
					z.Method != "percent_max_hr" || z.MaxHeartRate != 188 || z.RestingHeartRate != 48 || z.ThresholdHeartRate != 171 {
					t.Errorf("TimeInZone = %+v", z)
				}
				ath := a.Athlete
				if ath.MaxHeartRate != 188 || ath.RestingHeartRate != 48 || ath.ThresholdHeartRate != 171 ||
					!slices.Equal(ath.HeartRateZones, z.Boundaries) || ath.ZoneMethod != "percent_max_hr" ||
					ath.Age != 41 || ath.Weight != 58.5 || ath.Sex != "female" || ath.Source != "user_profile, time_in_zone" {
					t.Errorf("Athlete = %+v", ath)
				}
				if len(a.Warnings) != 0 {
					t.Errorf("Warnings = %q", a.Warnings)
				}
			},
		},
		{
			name: "athlete settings without time_in_zone",
			file: func(tb testing.TB) []byte {
				mesgs := slices.DeleteFunc(run(10), func(m proto.Message) bool { return m.Num == typedef.MesgNumTimeInZone })
				mesgs = append(mesgs, mesgdef.NewHrZone(nil).SetHighBpm(120).ToMesg(nil), mesgdef.NewHrZone(nil).SetHighBpm(150).ToMesg(nil))
				return encode(tb, mesgs)
			},
			check: func(t *testing.T, a *activity.Activity) {
				ath := a.Athlete
				if ath.MaxHeartRate != 188 || ath.RestingHeartRate != 48 || ath.ThresholdHeartRate != 171 ||
					!slices.Equal(ath.HeartRateZones, []float64{120, 150}) || ath.ZoneMethod != "percent_max_hr" ||
					ath.Source != "user_profile, zones_target, hr_zone" {
					t.Errorf("Athlete = %+v", ath)
				}
				if a.Sessions[0].TimeInZone != nil {
					t.Errorf("TimeInZone = %+v, want nil", a.Sessions[0].TimeInZone)
				}
			},
		},
		{
			name: "timer pauses",
			file: func(tb testing.TB) []byte {
				secs := append(seconds(0, 21), seconds(30, 60)...)
				return encode(tb, activityOf(secs, map[int]typedef.EventType{
					0:  typedef.EventTypeStart,
					20: typedef.EventTypeStopAll,
					25: typedef.EventTypeStop, // a second stop changes nothing
					30: typedef.EventTypeStart,
					50: typedef.EventTypeStop, // never restarted
					59: typedef.EventTypeStopAll,
				}))
			},
			check: func(t *testing.T, a *activity.Activity) {
				want := []activity.Pause{{Start: 20, End: 30, Kind: activity.PauseTimer}, {Start: 50, End: 59, Kind: activity.PauseTimer}}
				if !slices.Equal(a.Pauses, want) {
					t.Errorf("Pauses = %+v, want %+v", a.Pauses, want)
				}
				if a.Samples.Len() != 51 {
					t.Errorf("%d samples, want 51", a.Samples.Len())
				}
			},
		},
		{
			name: "two sessions",
			file: func(tb testing.TB) []byte {
				return encode(tb, activityOf(seconds(0, 60), nil,
					session(0, 0, 30, typedef.SportRunning).ToMesg(nil),
					session(1, 30, 59, typedef.SportCycling).ToMesg(nil)))
			},
			check: func(t *testing.T, a *activity.Activity) {
				if len(a.Sessions) != 2 {
					t.Fatalf("%d sessions, want 2", len(a.Sessions))
				}
				got := [][3]any{}
				for _, s := range a.Sessions {
					got = append(got, [3]any{s.Sport, s.First, s.End})
				}
				want := [][3]any{{"running", 0, 30}, {"cycling", 30, 60}}
				if !slices.Equal(got, want) {
					t.Errorf("sessions (sport, first, end) = %v, want %v", got, want)
				}
				if a.Meta.Sport != "running" || a.Sessions[1].Start != 30 {
					t.Errorf("Meta.Sport = %q, second session starts at %v", a.Meta.Sport, a.Sessions[1].Start)
				}
			},
		},
		{
			name: "plain speed and altitude only",
			file: func(tb testing.TB) []byte {
				mesgs := []proto.Message{fileID(typedef.FileActivity)}
				for sec := range 5 {
					mesgs = append(mesgs, mesgdef.NewRecord(nil).SetTimestamp(at(sec)).
						SetSpeedScaled(3).SetAltitudeScaled(250).ToMesg(nil))
				}
				return encode(tb, mesgs)
			},
			check: func(t *testing.T, a *activity.Activity) {
				s := a.Samples
				for i := range 5 {
					if s.Speed[i] != 3 || s.Altitude[i] != 250 {
						t.Fatalf("sample %d: speed %v, altitude %v, want 3 and 250", i, s.Speed[i], s.Altitude[i])
					}
				}
				if s.HeartRate != nil || s.Lat != nil || s.Distance != nil {
					t.Errorf("absent channels not nil: hr %v, lat %v, distance %v", s.HeartRate, s.Lat, s.Distance)
				}
			},
		},
		{
			name: "invalid markers",
			file: func(tb testing.TB) []byte {
				mesgs := []proto.Message{fileID(typedef.FileActivity)}
				for sec := range 4 {
					r := sample(sec)
					if sec%2 == 1 {
						r.SetHeartRate(basetype.Uint8Invalid).
							SetPositionLat(basetype.Sint32Invalid).SetPositionLong(basetype.Sint32Invalid).
							SetEnhancedSpeed(basetype.Uint32Invalid)
					}
					r.SetTemperature(basetype.Sint8Invalid)
					mesgs = append(mesgs, r.ToMesg(nil))
				}
				return encode(tb, mesgs)
			},
			check: func(t *testing.T, a *activity.Activity) {
				s := a.Samples
				for i := range 4 {
					missing := i%2 == 1
					for name, v := range map[string]float64{"hr": s.HeartRate[i], "lat": s.Lat[i], "lon": s.Lon[i], "speed": s.Speed[i]} {
						if math.IsNaN(v) != missing {
							t.Errorf("sample %d: %s = %v, want NaN: %v", i, name, v, missing)
						}
					}
				}
				if s.Temperature != nil {
					t.Errorf("Temperature = %v, want nil: no record has one", s.Temperature)
				}
			},
		},
		{
			name: "header CRC 0 (old Garmin)",
			file: func(tb testing.TB) []byte { return zeroHeaderCRC(encode(tb, run(10))) },
			check: func(t *testing.T, a *activity.Activity) {
				if a.Samples.Len() != 10 {
					t.Errorf("%d samples, want 10", a.Samples.Len())
				}
			},
		},
		{
			name: "12-byte header",
			file: func(tb testing.TB) []byte {
				var buf bytes.Buffer
				fit := proto.FIT{FileHeader: proto.FileHeader{Size: 12}, Messages: run(10)}
				if err := encoder.New(&buf).Encode(&fit); err != nil {
					tb.Fatal(err)
				}
				return buf.Bytes()
			},
			check: func(t *testing.T, a *activity.Activity) {
				if a.Samples.Len() != 10 {
					t.Errorf("%d samples, want 10", a.Samples.Len())
				}
			},
		},
		{
			name: "compressed timestamps",
			file: func(tb testing.TB) []byte {
				b := encode(tb, run(40), encoder.WithHeaderOption(encoder.HeaderOptionCompressedTimestamp, 3))
				if len(b) >= len(encode(tb, run(40))) {
					tb.Fatal("the encoder did not compress timestamps")
				}
				return b
			},
			check: func(t *testing.T, a *activity.Activity) {
				if !slices.Equal(a.Samples.Time, []float64(slices.Collect(func(yield func(float64) bool) {
					for i := range 40 {
						yield(float64(i))
					}
				}))) {
					t.Errorf("Time = %v, want 0 to 39", a.Samples.Time)
				}
			},
		},
		{
			name: "heart rate from a chained strap sequence",
			file: func(tb testing.TB) []byte {
				mesgs := []proto.Message{fileID(typedef.FileActivity)}
				for sec := range 10 {
					r := sample(sec)
					if sec >= 5 {
						r.SetHeartRate(basetype.Uint8Invalid)
					}
					mesgs = append(mesgs, r.ToMesg(nil))
				}
				strap := hrOnly(4, []uint8{130, 132, 140, 141, 150, 150, 160, 161, 170, 172})
				return append(encode(tb, mesgs), encode(tb, strap)...)
			},
			check: func(t *testing.T, a *activity.Activity) {
				// Readings at 4.5, 5, ..., 9 s; each sample takes those in (t-1, t].
				want := []float64{100, 101, 102, 103, 104, 131, 141, 150, 161, 171}
				if !slices.Equal(a.Samples.HeartRate, want) {
					t.Errorf("HeartRate = %v, want %v", a.Samples.HeartRate, want)
				}
			},
		},
		{
			name: "chained settings file ignored",
			file: func(tb testing.TB) []byte {
				settings := encode(tb, []proto.Message{
					fileID(typedef.FileSettings),
					mesgdef.NewUserProfile(nil).SetAge(99).ToMesg(nil),
				})
				return append(encode(tb, run(10)), settings...)
			},
			check: func(t *testing.T, a *activity.Activity) {
				if a.Athlete.Age != 41 {
					t.Errorf("Athlete.Age = %v, want 41 from the activity's user_profile", a.Athlete.Age)
				}
			},
		},
		{
			name: "timestamps going backwards",
			file: func(tb testing.TB) []byte { return encode(tb, activityOf([]int{0, 1, 2, 1, 3, 4, 2}, nil)) },
			check: func(t *testing.T, a *activity.Activity) {
				if !slices.Equal(a.Samples.Time, []float64{0, 1, 2, 1, 3, 4, 2}) {
					t.Errorf("Time = %v, want file order", a.Samples.Time)
				}
				want := []string{"timestamps go backwards at 2 samples, first at sample 3; the samples are kept in file order"}
				if !slices.Equal(a.Warnings, want) {
					t.Errorf("Warnings = %q, want %q", a.Warnings, want)
				}
			},
		},
		{
			name: "records without timestamp",
			file: func(tb testing.TB) []byte {
				mesgs := activityOf(seconds(0, 5), nil)
				untimed := mesgdef.NewRecord(nil).SetHeartRate(120).ToMesg(nil)
				return encode(tb, append(mesgs, untimed, untimed))
			},
			check: func(t *testing.T, a *activity.Activity) {
				if a.Samples.Len() != 5 || !slices.Equal(a.Warnings, []string{"skipped 2 records without a timestamp"}) {
					t.Errorf("%d samples, Warnings %q; want 5 and one warning", a.Samples.Len(), a.Warnings)
				}
			},
		},
		{
			name: "developer fields skipped",
			file: func(tb testing.TB) []byte {
				mesgs := []proto.Message{
					fileID(typedef.FileActivity),
					mesgdef.NewDeveloperDataId(nil).SetDeveloperDataIndex(0).SetApplicationId(make([]byte, 16)).ToMesg(nil),
					mesgdef.NewFieldDescription(nil).SetDeveloperDataIndex(0).SetFieldDefinitionNumber(0).
						SetFitBaseTypeId(basetype.Uint16).SetFieldName([]string{"power"}).ToMesg(nil),
				}
				for sec := range 3 {
					r := sample(sec).ToMesg(nil)
					r.DeveloperFields = []proto.DeveloperField{{Num: 0, DeveloperDataIndex: 0, Value: proto.Uint16(250)}}
					mesgs = append(mesgs, r)
				}
				return encode(tb, mesgs, encoder.WithProtocolVersion(proto.V2))
			},
			check: func(t *testing.T, a *activity.Activity) {
				if a.Samples.Len() != 3 || a.Samples.HeartRate[2] != 102 {
					t.Errorf("%d samples, HeartRate %v", a.Samples.Len(), a.Samples.HeartRate)
				}
			},
		},
		{
			name: "file_id without type",
			file: func(tb testing.TB) []byte {
				mesgs := activityOf(seconds(0, 3), nil)
				mesgs[0] = mesgdef.NewFileId(nil).SetManufacturer(typedef.ManufacturerDevelopment).SetProduct(7).ToMesg(nil)
				return encode(tb, mesgs)
			},
			check: func(t *testing.T, a *activity.Activity) {
				want := []string{"the file_id message has no file type; decoded as an activity"}
				if a.Samples.Len() != 3 || !slices.Equal(a.Warnings, want) || a.Meta.Manufacturer != "development" || a.Meta.Product != "7" {
					t.Errorf("%d samples, Meta %+v, Warnings %q", a.Samples.Len(), a.Meta, a.Warnings)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file(t)
			input := bytes.Clone(file)
			a, err := fitio.Decode(bytes.NewReader(input))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !bytes.Equal(input, file) {
				t.Error("Decode modified its input")
			}
			checkWellFormed(t, a)
			tt.check(t, a)
		})
	}
}

// sameTotals compares totals, NaN equal to NaN.
func sameTotals(a, b activity.Totals) bool {
	x := []float64{a.ElapsedTime, a.TimerTime, a.MovingTime, a.Distance, a.AvgSpeed, a.MaxSpeed, a.AvgHeartRate, a.MaxHeartRate, a.AvgCadence, a.Ascent, a.Descent, a.Calories}
	y := []float64{b.ElapsedTime, b.TimerTime, b.MovingTime, b.Distance, b.AvgSpeed, b.MaxSpeed, b.AvgHeartRate, b.MaxHeartRate, b.AvgCadence, b.Ascent, b.Descent, b.Calories}
	for i := range x {
		if !approx(x[i], y[i], 1e-9) {
			return false
		}
	}
	return true
}

// sentinels are the errors a decode error must match exactly one of.
var sentinels = []error{
	activity.ErrMalformed, activity.ErrTruncated, activity.ErrChecksum, activity.ErrNotActivity,
	activity.ErrNoSamples, activity.ErrNoTimestamps, activity.ErrLimit,
}

// checkError checks that err is a *activity.FormatError for format fit
// matching exactly one sentinel, and returns that sentinel.
func checkError(tb testing.TB, err error) error {
	tb.Helper()
	var fe *activity.FormatError
	if !errors.As(err, &fe) || fe.Format != activity.FormatFIT {
		tb.Fatalf("error %v (%T) is not a fit *activity.FormatError", err, err)
	}
	var matched []error
	for _, s := range sentinels {
		if errors.Is(err, s) {
			matched = append(matched, s)
		}
	}
	if len(matched) != 1 {
		tb.Fatalf("error %v matches %d sentinels: %v", err, len(matched), matched)
	}
	var le *activity.LimitError
	if matched[0] == activity.ErrLimit && (!errors.As(err, &le) || le.Limit != "fitio.Decoder.MaxSamples") {
		tb.Fatalf("limit error %v: the cause is not a LimitError naming fitio.Decoder.MaxSamples", err)
	}
	return matched[0]
}

func TestDecodeErrors(t *testing.T) {
	runFile := func(tb testing.TB) []byte { return encode(tb, run(60)) }
	tests := []struct {
		name    string
		file    func(tb testing.TB) []byte
		decoder fitio.Decoder
		want    error
		element string
		offset  func(file []byte) int64 // nil: not checked
		// salvage is the number of samples lenient decoding returns, -1
		// when it fails too.
		salvage int
		text    string // a part of the message
	}{
		{
			name: "empty", file: func(testing.TB) []byte { return nil },
			want: activity.ErrTruncated, element: "file header", offset: func([]byte) int64 { return 0 }, salvage: -1,
		},
		{
			name: "header cut short", file: func(tb testing.TB) []byte { return runFile(tb)[:9] },
			want: activity.ErrTruncated, element: "file header", salvage: -1,
		},
		{
			name: "not a FIT file", file: func(testing.TB) []byte { return []byte("<?xml version=\"1.0\"?><gpx></gpx>") },
			want: activity.ErrMalformed, element: "file header", salvage: -1, text: "not a FIT file",
		},
		{
			name: "no .FIT signature",
			file: func(tb testing.TB) []byte { b := runFile(tb); b[9] = 'X'; return b },
			want: activity.ErrMalformed, element: "file header", salvage: -1,
		},
		{
			name: "header CRC mismatch",
			file: func(tb testing.TB) []byte { b := runFile(tb); b[12] ^= 0xFF; return b },
			want: activity.ErrChecksum, element: "file header", salvage: -1,
		},
		{
			name: "flipped byte",
			file: func(tb testing.TB) []byte { b := runFile(tb); b[len(b)-3] ^= 0x01; return b },
			want: activity.ErrChecksum, element: "file CRC", offset: func(b []byte) int64 { return int64(len(b) - 2) },
			salvage: 60,
		},
		{
			name: "truncated in a record",
			file: func(tb testing.TB) []byte {
				// The messages of run(60) up to sample 7 are the messages
				// of a file with those messages only.
				mesgs := run(60)
				prefix := slices.IndexFunc(mesgs, func(m proto.Message) bool { return m.Num == typedef.MesgNumRecord }) + 7
				cut := len(encode(tb, mesgs[:prefix])) - 2
				return runFile(tb)[:cut+5]
			},
			want: activity.ErrTruncated, element: "record", salvage: 7,
		},
		{
			name: "truncated at the CRC",
			file: func(tb testing.TB) []byte { b := runFile(tb); return b[:len(b)-1] },
			want: activity.ErrTruncated, element: "file CRC", salvage: 60,
		},
		{
			name: "message without definition",
			file: func(tb testing.TB) []byte {
				return frame(append(bytes.Clone(body(encode(tb, activityOf(seconds(0, 3), nil)))), 0x05, 1, 2, 3))
			},
			want: activity.ErrMalformed, element: "message", salvage: 3,
			text: "a data message uses local message type 5, which no definition before it declares: the file is damaged",
		},
		{
			name: "compressed-timestamp message without definition",
			file: func(tb testing.TB) []byte {
				// Header 0xE3: compressed timestamp, local type 3.
				return frame(append(bytes.Clone(body(encode(tb, activityOf(seconds(0, 3), nil)))), 0xE3, 1, 2, 3))
			},
			want: activity.ErrMalformed, element: "message", salvage: 3,
			text: "a data message uses local message type 3, which no definition before it declares",
		},
		{
			name: "definition with an invalid base type",
			file: func(tb testing.TB) []byte {
				def := []byte{0x41, 0, 0, 20, 0, 1, 253, 4, 0x06}
				return frame(append(bytes.Clone(body(encode(tb, activityOf(seconds(0, 3), nil)))), def...))
			},
			want: activity.ErrMalformed, element: "definition", salvage: 3,
			text: "the definition of message record (20) gives its field 1 the base type 0x06, which FIT does not have: the file is damaged, or its writer is faulty",
		},
		{
			name: "definition of an unknown message number with an invalid base type",
			file: func(tb testing.TB) []byte {
				// Message number 16362 (0x3FEA) with two fields, the second
				// of base type 0x52: what big-endian bytes read as
				// little-endian give (the corpus's Lezyne file).
				def := []byte{0x41, 0, 0, 0xEA, 0x3F, 2, 253, 4, 0x86, 3, 1, 0x52}
				return frame(append(bytes.Clone(body(encode(tb, activityOf(seconds(0, 3), nil)))), def...))
			},
			want: activity.ErrMalformed, element: "definition", salvage: 3,
			text: "a definition of message number 16362, unknown to the FIT profile, gives its field 2 the base type 0x52, which FIT does not have: these bytes are no valid definition",
		},
		{
			name: "junk after the file",
			file: func(tb testing.TB) []byte { return append(runFile(tb), "junk"...) },
			want: activity.ErrMalformed, element: "file header", salvage: 60,
		},
		{
			name: "course file",
			file: func(tb testing.TB) []byte {
				mesgs := activityOf(seconds(0, 3), nil)
				mesgs[0] = fileID(typedef.FileCourse)
				return encode(tb, mesgs)
			},
			want: activity.ErrNotActivity, element: "file_id", salvage: -1, text: "course",
		},
		{
			name: "no records",
			file: func(tb testing.TB) []byte {
				return encode(tb, activityOf(nil, map[int]typedef.EventType{0: typedef.EventTypeStart}))
			},
			want:    activity.ErrNoSamples,
			element: "record", salvage: -1,
		},
		{
			name: "no timestamps",
			file: func(tb testing.TB) []byte {
				return encode(tb, []proto.Message{fileID(typedef.FileActivity), mesgdef.NewRecord(nil).SetHeartRate(120).ToMesg(nil)})
			},
			want: activity.ErrNoTimestamps, element: "record", salvage: -1,
		},
		{
			name: "sample limit", file: runFile, decoder: fitio.Decoder{MaxSamples: 59},
			want: activity.ErrLimit, element: "record", salvage: -1, text: "more than 59 samples; raise fitio.Decoder.MaxSamples",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file(t)
			d := tt.decoder
			a, err := d.Decode(bytes.NewReader(file))
			if err == nil {
				t.Fatalf("Decode returned %d samples and no error, want %v", a.Samples.Len(), tt.want)
			}
			if got := checkError(t, err); got != tt.want {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			fe := err.(*activity.FormatError)
			if fe.Element != tt.element {
				t.Errorf("Element = %q, want %q (%v)", fe.Element, tt.element, err)
			}
			if tt.offset != nil && fe.Offset != tt.offset(file) {
				t.Errorf("Offset = %d, want %d", fe.Offset, tt.offset(file))
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not say %q", err, tt.text)
			}
			if lib := libraryJargon.FindString(err.Error()); lib != "" {
				t.Errorf("error %q holds the FIT library's %q", err, lib)
			}

			d.Lenient = true
			a, lerr := d.Decode(bytes.NewReader(file))
			switch {
			case tt.salvage < 0 && lerr == nil:
				t.Errorf("lenient Decode salvaged %d samples, want %v", a.Samples.Len(), err)
			case tt.salvage >= 0 && lerr != nil:
				t.Errorf("lenient Decode: %v, want %d samples", lerr, tt.salvage)
			case tt.salvage >= 0:
				checkWellFormed(t, a)
				if a.Samples.Len() != tt.salvage || !slices.Contains(a.Warnings, "decoded up to the damage: "+err.Error()) {
					t.Errorf("lenient Decode: %d samples, Warnings %q; want %d and the error", a.Samples.Len(), a.Warnings, tt.salvage)
				}
			}
		})
	}
}

func TestDecodeReadError(t *testing.T) {
	_, err := fitio.Decode(iotest.ErrReader(errors.New("disk on fire")))
	if checkError(t, err) != activity.ErrTruncated || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("error %v, want ErrTruncated with the cause", err)
	}
}

// TestDecodeGarbage decodes random bytes, bare and framed as a FIT file with
// valid header and CRC: any error will do, as long as it keeps the contract.
func TestDecodeGarbage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		junk := make([]byte, 1+r.IntN(4096))
		for k := range junk {
			junk[k] = byte(r.Uint32())
		}
		for _, file := range [][]byte{junk, frame(junk)} {
			a, err := fitio.Decode(bytes.NewReader(file))
			if err == nil {
				checkWellFormed(t, a)
				continue
			}
			if checkError(t, err); strings.Contains(err.Error(), "panic") {
				t.Errorf("input %d: recovered a panic: %v", i, err)
			}
		}
	}
}

// libraryJargon matches the FIT library's words that an error must not
// show as they are: its message numbers (MesgNumInvalid(16362)), offsets
// that the error's own contradict, and its error names.
var libraryJargon = regexp.MustCompile(`MesgNumInvalid|byte pos|basetype|BaseType|message definition missing|fields\[`)

// TestCorpusBrokenMessages decodes the damaged files of the corpus and
// checks that each error says what is wrong in plain words, without the FIT
// library's jargon, and keeps matching the library's sentinel where it
// wraps one. The messages, for the record (go test -v):
func TestCorpusBrokenMessages(t *testing.T) {
	for _, path := range corpusFiles(t, "broken") {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = fitio.Decode(bytes.NewReader(data))
		if err == nil {
			continue
		}
		t.Logf("%s: %v", filepath.Base(path), err)
		if lib := libraryJargon.FindString(err.Error()); lib != "" {
			t.Errorf("%s: error %q holds the FIT library's %q", filepath.Base(path), err, lib)
		}
	}
}
