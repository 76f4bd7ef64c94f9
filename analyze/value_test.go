package analyze

import (
	"encoding/json"
	"math"
	"testing"
)

func TestValueJSON(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want string
	}{
		{"number", 12.5, "12.5"},
		{"integer", 140, "140"},
		{"negative", -0.25, "-0.25"},
		{"missing", NA(), "null"},
		{"infinite", Value(math.Inf(1)), "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("Marshal(%v) = %s, want %s", float64(tt.v), b, tt.want)
			}
			var back Value
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if tt.v.Known() != back.Known() || (tt.v.Known() && back != tt.v) {
				t.Errorf("round trip of %v gave %v", float64(tt.v), float64(back))
			}
		})
	}
}
