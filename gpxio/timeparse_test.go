package gpxio

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in    string
		want  string // RFC 3339 with nanoseconds; "" for a parse failure
		zoned bool
		off   int32
	}{
		{"2024-05-12T10:00:00.500+02:00", "2024-05-12T08:00:00.5Z", true, 7200},
		{"2024-05-12T10:00:00+02:00", "2024-05-12T08:00:00Z", true, 7200},
		{"2024-05-12T10:00:00Z", "2024-05-12T10:00:00Z", true, 0},
		{"2024-05-12t10:00:00z", "2024-05-12T10:00:00Z", true, 0},
		{"2024-05-12 10:00:00Z", "2024-05-12T10:00:00Z", true, 0},
		{"2024-05-12T10:00:00.1234567891234Z", "2024-05-12T10:00:00.123456789Z", true, 0},
		{"2024-05-12T10:00:00,25Z", "2024-05-12T10:00:00.25Z", true, 0},
		{"2002-05-25T17:09:55.190000", "2002-05-25T17:09:55.19Z", false, 0},
		{"2024-05-12T00:30:00-0530", "2024-05-12T06:00:00Z", true, -19800},
		{"2024-05-12T00:30:00+01", "2024-05-11T23:30:00Z", true, 3600},
		{"2024-05-12T00:30:00+00:00", "2024-05-12T00:30:00Z", true, 0},
		{"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z", true, 0},
		{"1901-12-13T20:45:52.2073437Z", "1901-12-13T20:45:52.2073437Z", true, 0},
		{"0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", true, 0},
		{"9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z", true, 0},
		{"1900-02-29T00:00:00Z", "", false, 0},
		{"2023-02-29T00:00:00Z", "", false, 0},
		{"2024-13-01T00:00:00Z", "", false, 0},
		{"2024-04-31T00:00:00Z", "", false, 0},
		{"2024-05-12T24:00:00Z", "", false, 0},
		{"2024-05-12T10:60:00Z", "", false, 0},
		{"2024-05-12T10:00:60Z", "", false, 0},
		{"2024-05-12T10:00:00.Z", "", false, 0},
		{"2024-05-12T10:00:00+24:00", "", false, 0},
		{"2024-05-12T10:00:00+02:0", "", false, 0},
		{"2024-05-12T10:00:00Z ", "", false, 0},
		{"2024-05-12T10:00:00ZZ", "", false, 0},
		{"2024-05-12T10:00", "", false, 0},
		{"2024-5-12T10:00:00Z", "", false, 0},
		{"+024-05-12T10:00:00Z", "", false, 0},
		{"2024-05-12X10:00:00Z", "", false, 0},
		{"", "", false, 0},
	} {
		s, ok := parseTime([]byte(tc.in))
		if tc.want == "" {
			if ok {
				t.Errorf("parseTime(%q) = %v, want failure", tc.in, s.time())
			}
			continue
		}
		if !ok {
			t.Errorf("parseTime(%q) failed", tc.in)
			continue
		}
		want, err := time.Parse(time.RFC3339Nano, tc.want)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.time(); !got.Equal(want) || s.zoned != tc.zoned || s.off != tc.off {
			t.Errorf("parseTime(%q) = %v zoned %v off %d, want %v zoned %v off %d",
				tc.in, got.Format(time.RFC3339Nano), s.zoned, s.off, tc.want, tc.zoned, tc.off)
		}
	}
}

// TestParseTimeAgainstStdlib compares parseTime with time.Parse on random
// instants, offsets and fraction lengths across the whole four-digit range.
func TestParseTimeAgainstStdlib(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	lo := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC).Unix()
	layouts := []string{
		"2006-01-02T15:04:05Z07:00",
		"2006-01-02T15:04:05.0Z07:00",
		"2006-01-02T15:04:05.000Z07:00",
		"2006-01-02T15:04:05.000000Z07:00",
		"2006-01-02T15:04:05.000000000Z07:00",
	}
	for range 200_000 {
		off := (r.IntN(2*14*4+1) - 14*4) * 15 * 60
		zone := time.FixedZone("", off)
		tm := time.Unix(lo+r.Int64N(hi-lo), r.Int64N(1e9)).In(zone)
		layout := layouts[r.IntN(len(layouts))]
		text := tm.Format(layout)
		if tm.Year() < 1 || tm.Year() > 9999 {
			continue
		}
		want, err := time.Parse(layout, text)
		if err != nil {
			t.Fatal(err)
		}
		s, ok := parseTime([]byte(text))
		if !ok {
			t.Fatalf("parseTime(%q) failed", text)
		}
		if got := s.time(); !got.Equal(want) {
			t.Fatalf("parseTime(%q) = %v, want %v", text, got, want)
		}
		if _, wo := want.Zone(); int(s.off) != wo {
			t.Fatalf("parseTime(%q) offset %d, want %d", text, s.off, wo)
		}
	}
}

func TestSince(t *testing.T) {
	t0 := stamp{sec: 1_700_000_000, nsec: 500_000_000}
	for _, tc := range []struct {
		s    stamp
		want float64
	}{
		{stamp{sec: 1_700_000_001, nsec: 750_000_000}, 1.25},
		{stamp{sec: 1_700_000_000, nsec: 500_000_001}, 1e-9},
		{stamp{sec: 1_700_010_800, nsec: 500_000_000}, 10800},
		{stamp{sec: 1_699_999_999, nsec: 0}, -1.5},
		{stamp{sec: 1_700_000_000 + 3*3600 + 1, nsec: 494_000_000}, 10800.994},
		{stamp{sec: 1_700_000_000 + 200*365*86400, nsec: 500_000_000}, 200 * 365 * 86400},
	} {
		if got := tc.s.since(t0); got != tc.want {
			t.Errorf("since = %v, want %v", got, tc.want)
		}
	}
}
