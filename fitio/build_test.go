package fitio_test

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/kit/hash/crc16"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/runcheck/runcheck/activity"
)

// This file builds the FIT files the tests decode, with muktihari's encoder,
// so that every expected number is known from how the file was made.

// at returns the time sec seconds after the start of every built activity.
func at(sec int) time.Time {
	return time.Date(2024, time.May, 1, 6, 0, 0, 0, time.UTC).Add(time.Duration(sec) * time.Second)
}

// encode encodes the messages as one FIT file.
func encode(tb testing.TB, mesgs []proto.Message, opts ...encoder.Option) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := encoder.New(&buf, opts...).Encode(&proto.FIT{Messages: mesgs}); err != nil {
		tb.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

func fileID(typ typedef.File) proto.Message {
	return mesgdef.NewFileId(nil).
		SetType(typ).
		SetManufacturer(typedef.ManufacturerGarmin).
		SetProduct(uint16(typedef.GarminProductFr955)).
		SetSerialNumber(1234567).
		SetTimeCreated(at(0)).
		ToMesg(nil)
}

// sample is the record the built runs have at second sec: 2.5 m/s on the
// flat, heart rate 100 + sec%50, cadence 80.5, 20 °C.
func sample(sec int) *mesgdef.Record {
	return mesgdef.NewRecord(nil).
		SetTimestamp(at(sec)).
		SetPositionLatDegrees(45 + float64(sec)*1e-4).
		SetPositionLongDegrees(7).
		SetDistanceScaled(2.5 * float64(sec)).
		SetEnhancedSpeedScaled(2.5).
		SetEnhancedAltitudeScaled(100 + 0.2*float64(sec)).
		SetHeartRate(uint8(100 + sec%50)).
		SetCadence(80).
		SetFractionalCadenceScaled(0.5).
		SetTemperature(20)
}

func timer(sec int, typ typedef.EventType) proto.Message {
	return mesgdef.NewEvent(nil).
		SetTimestamp(at(sec)).
		SetEvent(typedef.EventTimer).
		SetEventType(typ).
		ToMesg(nil)
}

// session is a running session from second from to second to.
func session(index, from, to int, sport typedef.Sport) *mesgdef.Session {
	return mesgdef.NewSession(nil).
		SetMessageIndex(typedef.MessageIndex(index)).
		SetTimestamp(at(to)).
		SetStartTime(at(from)).
		SetSport(sport).
		SetSubSport(typedef.SubSportGeneric).
		SetSportProfileName("Run").
		SetTotalElapsedTimeScaled(float64(to - from)).
		SetTotalTimerTimeScaled(float64(to - from)).
		SetTotalDistanceScaled(2.5 * float64(to-from)).
		SetEnhancedAvgSpeedScaled(2.5).
		SetEnhancedMaxSpeedScaled(2.5).
		SetAvgHeartRate(120).
		SetMaxHeartRate(149).
		SetAvgCadence(80).
		SetAvgFractionalCadenceScaled(0.5).
		SetTotalAscent(5).
		SetTotalDescent(0).
		SetTotalCalories(300)
}

// run is a running activity of n 1 Hz samples, UTC+2, with one lap, one
// session, its time in zone and the athlete's settings.
func run(n int) []proto.Message {
	mesgs := []proto.Message{
		fileID(typedef.FileActivity),
		mesgdef.NewUserProfile(nil).
			SetGender(typedef.GenderFemale).SetAge(41).SetWeightScaled(58.5).
			SetRestingHeartRate(48).SetDefaultMaxHeartRate(186).ToMesg(nil),
		mesgdef.NewZonesTarget(nil).
			SetMaxHeartRate(188).SetThresholdHeartRate(171).SetHrCalcType(typedef.HrZoneCalcPercentMaxHr).ToMesg(nil),
		mesgdef.NewSport(nil).SetSport(typedef.SportRunning).SetSubSport(typedef.SubSportGeneric).SetName("Run").ToMesg(nil),
		mesgdef.NewWorkout(nil).SetWktName("Recovery run").ToMesg(nil),
		timer(0, typedef.EventTypeStart),
	}
	for sec := range n {
		mesgs = append(mesgs, sample(sec).ToMesg(nil))
	}
	last := n - 1
	return append(mesgs,
		timer(last, typedef.EventTypeStopAll),
		mesgdef.NewLap(nil).
			SetTimestamp(at(last)).SetStartTime(at(0)).
			SetTotalElapsedTimeScaled(float64(last)).SetTotalTimerTimeScaled(float64(last)).
			SetTotalDistanceScaled(2.5*float64(last)).
			SetEnhancedAvgSpeedScaled(2.5).SetEnhancedMaxSpeedScaled(2.5).
			SetAvgHeartRate(120).SetMaxHeartRate(149).SetAvgCadence(80).
			SetTotalAscent(5).SetTotalDescent(0).SetTotalCalories(300).
			SetLapTrigger(typedef.LapTriggerSessionEnd).SetIntensity(typedef.IntensityActive).
			ToMesg(nil),
		mesgdef.NewTimeInZone(nil).
			SetTimestamp(at(last)).
			SetReferenceMesg(typedef.MesgNumSession).SetReferenceIndex(0).
			SetTimeInHrZoneScaled([]float64{0, 10, 20, 30, 0, 0, 0}).
			SetHrZoneHighBoundary([]uint8{94, 113, 132, 150, 169, 188}).
			SetHrCalcType(typedef.HrZoneCalcPercentMaxHr).
			SetMaxHeartRate(188).SetRestingHeartRate(48).SetThresholdHeartRate(171).
			ToMesg(nil),
		session(0, 0, last, typedef.SportRunning).ToMesg(nil),
		mesgdef.NewActivity(nil).
			SetTimestamp(at(last)).SetLocalTimestamp(at(last+2*3600)).
			SetNumSessions(1).SetType(typedef.ActivityManual).
			ToMesg(nil),
	)
}

// hrOnly is the sequence a heart rate strap appends: an anchor hr message
// (reading 90 at second anchorSec) and one with readings every 0.5 s from
// there on, bpm[i] at anchorSec + 0.5*(i+1).
func hrOnly(anchorSec int, bpm []uint8) []proto.Message {
	const event0 = 1_000_000 // the strap's clock, in 1/1024 s
	events := make([]uint32, len(bpm))
	for i := range bpm {
		events[i] = event0 + uint32(512*(i+1))
	}
	return []proto.Message{
		mesgdef.NewHr(nil).
			SetTimestamp(at(anchorSec)).SetFractionalTimestamp(0).
			SetEventTimestamp([]uint32{event0}).SetFilteredBpm([]uint8{90}).
			ToMesg(nil),
		mesgdef.NewHr(nil).SetEventTimestamp(events).SetFilteredBpm(bpm).ToMesg(nil),
	}
}

// zeroHeaderCRC rewrites a 14-byte-header file as old Garmin devices write
// it: header CRC 0, and the file CRC over the header and the data.
func zeroHeaderCRC(b []byte) []byte {
	b = bytes.Clone(b)
	b[12], b[13] = 0, 0
	n := len(b) - 2
	h := crc16.New()
	h.Write(b[:n])
	binary.LittleEndian.PutUint16(b[n:], h.Sum16())
	return b
}

// checkWellFormed checks what every decoded activity must satisfy: the
// structural rules of activity.Validate, samples, and the FIT specifics.
func checkWellFormed(tb testing.TB, a *activity.Activity) {
	tb.Helper()
	if err := a.Validate(); err != nil {
		tb.Errorf("not well formed: %v", err)
	}
	if a.Samples.Len() == 0 {
		tb.Errorf("activity without samples")
	}
	if a.Meta.Format != activity.FormatFIT {
		tb.Errorf("Meta.Format = %q", a.Meta.Format)
	}
	for i, p := range a.Pauses {
		if p.Kind != activity.PauseTimer {
			tb.Errorf("pause %d = %+v", i, p)
		}
	}
}

// approx reports whether a and b agree within tol, NaN agreeing with NaN.
func approx(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}
