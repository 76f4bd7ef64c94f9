package fitio

import (
	"math"
	"strconv"
	"strings"

	"github.com/muktihari/fit/kit/semicircles"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

func nan() float64 { return math.NaN() }

// number returns a numeric field's value in the profile's unit (its scale
// and offset applied), NaN for the invalid marker or a value that is not a
// single number.
func number(f *proto.Field) float64 {
	if !f.Value.Valid(f.BaseType) {
		return nan()
	}
	var v float64
	switch f.Value.Type() {
	case proto.TypeInt8:
		v = float64(f.Value.Int8())
	case proto.TypeUint8:
		v = float64(f.Value.Uint8())
	case proto.TypeInt16:
		v = float64(f.Value.Int16())
	case proto.TypeUint16:
		v = float64(f.Value.Uint16())
	case proto.TypeInt32:
		v = float64(f.Value.Int32())
	case proto.TypeUint32:
		v = float64(f.Value.Uint32())
	case proto.TypeFloat32:
		v = float64(f.Value.Float32())
	case proto.TypeFloat64:
		v = f.Value.Float64()
	default:
		return nan()
	}
	return v/f.Scale - f.Offset
}

// degrees converts semicircles to degrees, NaN for the invalid marker.
func degrees(v int32) float64 {
	if v == basetype.Sint32Invalid {
		return nan()
	}
	return semicircles.ToDegrees(v)
}

// prefer returns v, or fallback when v is NaN.
func prefer(v, fallback float64) float64 {
	if math.IsNaN(v) {
		return fallback
	}
	return v
}

// known returns v, or NaN for the library's invalid float (a NaN with other
// bits), so that every missing value is the same NaN.
func known(v float64) float64 {
	if math.IsNaN(v) {
		return nan()
	}
	return v
}

// u8 returns v, NaN for the invalid marker.
func u8(v uint8) float64 {
	if v == basetype.Uint8Invalid {
		return nan()
	}
	return float64(v)
}

// setting returns an athlete's heart rate setting, NaN for the invalid
// marker and for 0, which Garmin devices write for "not set".
func setting(v uint8) float64 {
	if v == 0 {
		return nan()
	}
	return u8(v)
}

// u16 returns v, NaN for the invalid marker.
func u16(v uint16) float64 {
	if v == basetype.Uint16Invalid {
		return nan()
	}
	return float64(v)
}

// enumName returns the FIT profile name of an enum value as the library
// spells it ("running", "garmin"), its number when the profile has no name
// for it, and "" for the invalid marker.
func enumName[E interface {
	~uint8 | ~uint16
	String() string
}](v, invalid E) string {
	if v == invalid {
		return ""
	}
	if name := v.String(); !strings.Contains(name, "Invalid(") {
		return name
	}
	return strconv.FormatUint(uint64(v), 10)
}

// mesgName names a message type: its profile name ("record"), or
// "message N" for a number the profile does not name.
func mesgName(num typedef.MesgNum) string {
	if name := num.String(); !strings.Contains(name, "Invalid(") {
		return name
	}
	return "message " + strconv.Itoa(int(num))
}
