package xmlinput_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/runcheck/runcheck/internal/xmlinput"
)

// timeCases are the texts ParseTime reads, and what they read as; they
// are the GPX and the TCX importers' former tables, merged.
var timeCases = []struct {
	in    string
	want  string // RFC 3339 with nanoseconds, in the text's own offset; "" for a parse failure
	zoned bool
	off   int32
}{
	{"2024-05-12T10:00:00.500+02:00", "2024-05-12T10:00:00.5+02:00", true, 7200},
	{"2024-05-12T10:00:00+02:00", "2024-05-12T10:00:00+02:00", true, 7200},
	{"2024-05-12T10:00:00Z", "2024-05-12T10:00:00Z", true, 0},
	{"2024-05-12t10:00:00z", "2024-05-12T10:00:00Z", true, 0},
	{"2024-05-12 10:00:00Z", "2024-05-12T10:00:00Z", true, 0},
	{"2024-05-12T10:00:00.1234567891234Z", "2024-05-12T10:00:00.123456789Z", true, 0},
	{"2024-05-12T10:00:00,25Z", "2024-05-12T10:00:00.25Z", true, 0},
	{"2002-05-25T17:09:55.190000", "2002-05-25T17:09:55.19Z", false, 0},
	{"2024-05-12T00:30:00-0530", "2024-05-12T00:30:00-05:30", true, -19800},
	{"2024-05-12T00:30:00+01", "2024-05-12T00:30:00+01:00", true, 3600},
	{"2024-05-12T00:30:00+00:00", "2024-05-12T00:30:00Z", true, 0},
	{"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z", true, 0},
	{"1901-12-13T20:45:52.2073437Z", "1901-12-13T20:45:52.2073437Z", true, 0},
	{"0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", true, 0},
	{"9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z", true, 0},
	{"2021-04-16T13:37:53.000Z", "2021-04-16T13:37:53Z", true, 0},
	{"2020-02-05T16:25:15.909Z", "2020-02-05T16:25:15.909Z", true, 0},
	{"2021-03-04T10:00:00.123456789+02:00", "2021-03-04T10:00:00.123456789+02:00", true, 7200},
	{"2021-03-04T10:00:00.1234567891234-02:30", "2021-03-04T10:00:00.123456789-02:30", true, -9000},
	{"  2021-03-04T10:00:00Z\n", "2021-03-04T10:00:00Z", true, 0},
	{"2024-05-12T10:00:00Z ", "2024-05-12T10:00:00Z", true, 0},
	{"2021-03-04T10:00:00", "2021-03-04T10:00:00Z", false, 0},
	{"2024-02-29T23:59:59.5+14:00", "2024-02-29T23:59:59.5+14:00", true, 50400},
	{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z", true, 0},
	{"2021-04-16T13:37:53+0200", "2021-04-16T13:37:53+02:00", true, 7200},
	{"2021-04-16T13:37:53,5Z", "2021-04-16T13:37:53.5Z", true, 0},
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
	{"2024-05-12T10:00:00+02:60", "", false, 0},
	{"2024-05-12T10:00:00ZZ", "", false, 0},
	{"2024-05-12T10:00", "", false, 0},
	{"2024-5-12T10:00:00Z", "", false, 0},
	{"+024-05-12T10:00:00Z", "", false, 0},
	{"2024-05-12X10:00:00Z", "", false, 0},
	{"2024-05-12T10:00:00 Z", "", false, 0},
	{"", "", false, 0},
	{"yesterday", "", false, 0},
}

func TestParseTime(t *testing.T) {
	for _, tc := range timeCases {
		t.Run(tc.in, func(t *testing.T) {
			s, ok := xmlinput.ParseTime(tc.in)
			if b, bok := xmlinput.ParseTime([]byte(tc.in)); bok != ok || b != s {
				t.Errorf("ParseTime([]byte(%q)) = %+v, %v, want %+v, %v", tc.in, b, bok, s, ok)
			}
			if tc.want == "" {
				if ok {
					t.Errorf("ParseTime(%q) = %v, want failure", tc.in, s.Time())
				}
				return
			}
			if !ok {
				t.Fatalf("ParseTime(%q) failed", tc.in)
			}
			if got := s.Time().Format(time.RFC3339Nano); got != tc.want || s.Zoned != tc.zoned || s.Offset != tc.off {
				t.Errorf("ParseTime(%q) = %v zoned %v offset %d, want %v zoned %v offset %d",
					tc.in, got, s.Zoned, s.Offset, tc.want, tc.zoned, tc.off)
			}
			if s.Nsec < 0 || s.Nsec >= 1e9 {
				t.Errorf("ParseTime(%q): Nsec %d", tc.in, s.Nsec)
			}
			if s.Offset == 0 && s.Time().Location() != time.UTC {
				t.Errorf("ParseTime(%q): location %v, want UTC", tc.in, s.Time().Location())
			}
		})
	}
}

// TestParseTimeAgainstStdlib compares ParseTime with time.Parse on random
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
		s, ok := xmlinput.ParseTime([]byte(text))
		if !ok {
			t.Fatalf("ParseTime(%q) failed", text)
		}
		if got := s.Time(); !got.Equal(want) {
			t.Fatalf("ParseTime(%q) = %v, want %v", text, got, want)
		}
		if _, wo := want.Zone(); int(s.Offset) != wo {
			t.Fatalf("ParseTime(%q) offset %d, want %d", text, s.Offset, wo)
		}
	}
}

func TestSince(t *testing.T) {
	t0 := xmlinput.Time{Sec: 1_700_000_000, Nsec: 500_000_000}
	for _, tc := range []struct {
		name string
		s    xmlinput.Time
		want float64
	}{
		{"1.25 s", xmlinput.Time{Sec: 1_700_000_001, Nsec: 750_000_000}, 1.25},
		{"1 ns", xmlinput.Time{Sec: 1_700_000_000, Nsec: 500_000_001}, 1e-9},
		{"3 h", xmlinput.Time{Sec: 1_700_010_800, Nsec: 500_000_000}, 10800},
		{"backwards", xmlinput.Time{Sec: 1_699_999_999, Nsec: 0}, -1.5},
		{"3 h and a fraction", xmlinput.Time{Sec: 1_700_000_000 + 3*3600 + 1, Nsec: 494_000_000}, 10800.994},
		{"200 years", xmlinput.Time{Sec: 1_700_000_000 + 200*365*86400, Nsec: 500_000_000}, 200 * 365 * 86400},
	} {
		if got := tc.s.Since(t0); got != tc.want {
			t.Errorf("%s: Since = %v, want %v", tc.name, got, tc.want)
		}
	}
	a, _ := xmlinput.ParseTime("2021-03-04T10:00:00.123456789+02:00")
	b, _ := xmlinput.ParseTime("2021-03-04T08:00:01.5Z")
	if got, want := b.Since(a), b.Time().Sub(a.Time()).Seconds(); got != want {
		t.Errorf("Since = %v, want %v", got, want)
	}
	c, _ := xmlinput.ParseTime("0001-01-01T00:00:00Z")
	d, _ := xmlinput.ParseTime("9999-12-31T23:59:59.5Z")
	if got := d.Since(c); got < 3.15e11 || got > 3.16e11 {
		t.Errorf("Since over 9999 years = %v", got)
	}
}

func TestParseTimeAllocs(t *testing.T) {
	b := []byte("2021-03-04T10:00:00.123456789+02:00")
	if n := testing.AllocsPerRun(100, func() { xmlinput.ParseTime(b) }); n != 0 {
		t.Errorf("ParseTime allocates %v times", n)
	}
}

// FuzzParseTime checks ParseTime against time.Parse: where both accept a
// text, they must agree on the instant and the offset.
func FuzzParseTime(f *testing.F) {
	for _, c := range timeCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, ok := xmlinput.ParseTime(in)
		if !ok {
			return
		}
		if s.Nsec < 0 || s.Nsec >= 1e9 {
			t.Fatalf("ParseTime(%q): Nsec %d", in, s.Nsec)
		}
		ref, err := time.Parse(time.RFC3339Nano, in)
		if err != nil {
			return // we accept more: no offset, surrounding space, > 9 digits, ±hhmm, a comma
		}
		if !ref.Equal(s.Time()) {
			t.Fatalf("ParseTime(%q) = %v, time.Parse %v", in, s.Time(), ref)
		}
		if _, off := ref.Zone(); off != int(s.Offset) {
			t.Fatalf("ParseTime(%q): offset %d, time.Parse %d", in, s.Offset, off)
		}
	})
}
