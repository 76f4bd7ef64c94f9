package analyze

import (
	"bytes"
	"math"
	"strconv"
)

// Value is a measured figure that may be missing. It is a float64 whose NaN
// means "not known" and marshals to JSON null, so that reports are valid JSON
// and a missing figure is never printed as 0.
type Value float64

// NA is the missing Value.
func NA() Value { return Value(math.NaN()) }

// Known reports whether v holds a figure.
func (v Value) Known() bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }

// MarshalJSON writes v as a JSON number, or null when it is missing.
func (v Value) MarshalJSON() ([]byte, error) {
	if !v.Known() {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(v), 'f', -1, 64), nil
}

// UnmarshalJSON reads a JSON number, or null as a missing Value.
func (v *Value) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*v = NA()
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return err
	}
	*v = Value(f)
	return nil
}
