package tcxio

import (
	"testing"
	"time"
)

var stampCases = []struct {
	in   string
	want string // time.RFC3339Nano in the text's own offset; "" when invalid
}{
	{"2021-04-16T13:37:53Z", "2021-04-16T13:37:53Z"},
	{"2021-04-16T13:37:53.000Z", "2021-04-16T13:37:53Z"},
	{"2020-02-05T16:25:15.909Z", "2020-02-05T16:25:15.909Z"},
	{"2021-03-04T10:00:00.123456789+02:00", "2021-03-04T10:00:00.123456789+02:00"},
	{"2021-03-04T10:00:00.1234567891234-02:30", "2021-03-04T10:00:00.123456789-02:30"},
	{"2021-03-04T10:00:00+00:00", "2021-03-04T10:00:00Z"}, // Format writes a zero offset as Z
	{"2021-03-04t10:00:00z", "2021-03-04T10:00:00Z"},
	{"  2021-03-04T10:00:00Z\n", "2021-03-04T10:00:00Z"},
	{"2021-03-04T10:00:00", "2021-03-04T10:00:00Z"}, // no offset: UTC
	{"2024-02-29T23:59:59.5+14:00", "2024-02-29T23:59:59.5+14:00"},
	{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
	{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
	{"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
	{"2023-02-29T00:00:00Z", ""},
	{"2021-04-31T00:00:00Z", ""},
	{"2021-13-01T00:00:00Z", ""},
	{"2021-04-16T24:00:00Z", ""},
	{"2021-04-16T13:60:00Z", ""},
	{"2021-04-16T13:37:60Z", ""},
	{"2021-04-16 13:37:53Z", ""},
	{"2021-04-16T13:37:53.Z", ""},
	{"2021-04-16T13:37:53,5Z", ""},
	{"2021-04-16T13:37:53+0200", ""},
	{"2021-04-16T13:37:53+24:00", ""},
	{"2021-04-16T13:37:53ZZ", ""},
	{"2021-4-16T13:37:53Z", ""},
	{"+2021-04-16T13:37:53Z", ""},
	{"", ""},
	{"yesterday", ""},
}

func TestParseStamp(t *testing.T) {
	for _, c := range stampCases {
		s, ok := parseStamp(c.in)
		if c.want == "" {
			if ok {
				t.Errorf("parseStamp(%q) = %v, want invalid", c.in, s.time())
			}
			continue
		}
		if !ok {
			t.Errorf("parseStamp(%q) invalid, want %s", c.in, c.want)
			continue
		}
		if got := s.time().Format(time.RFC3339Nano); got != c.want {
			t.Errorf("parseStamp(%q) = %s, want %s", c.in, got, c.want)
		}
		if b, ok := parseStamp([]byte(c.in)); !ok || b != s {
			t.Errorf("parseStamp([]byte(%q)) = %+v, want %+v", c.in, b, s)
		}
	}
}

func TestStampSince(t *testing.T) {
	a, _ := parseStamp("2021-03-04T10:00:00.123456789+02:00")
	b, _ := parseStamp("2021-03-04T08:00:01.5Z")
	if got, want := b.since(a), b.time().Sub(a.time()).Seconds(); got != want {
		t.Errorf("since = %v, want %v", got, want)
	}
	c, _ := parseStamp("0001-01-01T00:00:00Z")
	d, _ := parseStamp("9999-12-31T23:59:59.5Z")
	if got := d.since(c); got < 3.15e11 || got > 3.16e11 {
		t.Errorf("since over 9999 years = %v", got)
	}
}

func TestParseStampAllocs(t *testing.T) {
	b := []byte("2021-03-04T10:00:00.123456789+02:00")
	if n := testing.AllocsPerRun(100, func() { parseStamp(b) }); n != 0 {
		t.Errorf("parseStamp allocates %v times", n)
	}
}

// FuzzParseStamp checks parseStamp against time.Parse: where both accept a
// text, they must agree on the instant and the offset.
func FuzzParseStamp(f *testing.F) {
	for _, c := range stampCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, ok := parseStamp(in)
		if !ok {
			return
		}
		if s.nsec < 0 || s.nsec >= 1e9 {
			t.Fatalf("parseStamp(%q): nsec %d", in, s.nsec)
		}
		ref, err := time.Parse(time.RFC3339Nano, in)
		if err != nil {
			return // we accept more: no offset, surrounding space, > 9 digits
		}
		if !ref.Equal(s.time()) {
			t.Fatalf("parseStamp(%q) = %v, time.Parse %v", in, s.time(), ref)
		}
		if _, off := ref.Zone(); off != int(s.off) {
			t.Fatalf("parseStamp(%q): offset %d, time.Parse %d", in, s.off, off)
		}
	})
}
