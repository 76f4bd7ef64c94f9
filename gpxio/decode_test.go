package gpxio_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/gpxio"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// gpx11 wraps body in a GPX 1.1 root element declaring the usual extension
// namespaces.
func gpx11(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="runcheck test" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
 xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0">
` + body + "\n</gpx>\n"
}

// trk wraps segments (each a string of track points) in a track.
func trk(name string, segs ...string) string {
	s := "<trk>"
	if name != "" {
		s += "<name>" + name + "</name>"
	}
	for _, seg := range segs {
		s += "<trkseg>" + seg + "</trkseg>"
	}
	return s + "</trk>"
}

// pt is a track point at lat 46, lon 14 with the given time and extra
// child elements.
func pt(tm, extra string) string {
	s := `<trkpt lat="46.5" lon="14.25">`
	if tm != "" {
		s += "<time>" + tm + "</time>"
	}
	return s + extra + "</trkpt>\n"
}

// nan is a NaN for expected columns.
var nan = math.NaN()

type decodeCase struct {
	name  string
	in    string
	dec   gpxio.Decoder
	err   error  // the sentinel expected; nil for success
	msg   string // substring of the error message, or of some warning
	check func(t *testing.T, a *activity.Activity)
}

// cases are the inline inputs of the table test; FuzzDecode is seeded from
// them too.
func cases() []decodeCase {
	deep := strings.Repeat("<x>", 300) + strings.Repeat("</x>", 300)
	huge := strings.Repeat("a", 2<<20)
	var many strings.Builder
	for i := range 6 {
		many.WriteString(pt(fmt.Sprintf("2024-01-01T00:00:%02dZ", i), ""))
	}
	return []decodeCase{
		{
			name: "exact times with fraction and offset",
			in: gpx11(trk("t",
				pt("2024-05-12T10:00:00.500+02:00", "")+
					pt("2024-05-12T10:00:01.750+02:00", "")+
					pt("2024-05-12T08:00:03.000000001Z", "")+
					pt("2024-05-12T03:00:04.123456789123-05:00", ""))),
			check: func(t *testing.T, a *activity.Activity) {
				want := time.Date(2024, 5, 12, 8, 0, 0, 5e8, time.UTC)
				if !a.Start.Equal(want) {
					t.Errorf("Start = %v, want %v", a.Start, want)
				}
				if name, off := a.Start.Zone(); off != 7200 {
					t.Errorf("Start zone = %q %d, want offset 7200", name, off)
				}
				if a.Start.Hour() != 10 {
					t.Errorf("Start is not in the file's offset: %v", a.Start)
				}
				wantCol(t, "Time", a.Samples.Time, []float64{0, 1.25, 2.500000001, 3.623456789})
				if len(a.Warnings) != 0 {
					t.Errorf("warnings: %q", a.Warnings)
				}
			},
		},
		{
			name: "Z time gives a UTC start",
			in:   gpx11(trk("", pt("2024-05-12T08:00:00Z", ""))),
			check: func(t *testing.T, a *activity.Activity) {
				if a.Start.Location() != time.UTC {
					t.Errorf("Start location = %v, want UTC", a.Start.Location())
				}
			},
		},
		{
			name: "TrackPointExtension v1 under gpxtpx prefix",
			in: gpx11(trk("", pt("2024-01-01T00:00:00Z",
				`<ele>312.5</ele><extensions><gpxtpx:TrackPointExtension><gpxtpx:atemp>19.5</gpxtpx:atemp><gpxtpx:hr>141</gpxtpx:hr><gpxtpx:cad>88</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions>`)+
				pt("2024-01-01T00:00:01Z", `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>142</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`))),
			check: func(t *testing.T, a *activity.Activity) {
				s := a.Samples
				wantCol(t, "HeartRate", s.HeartRate, []float64{141, 142})
				wantCol(t, "Cadence", s.Cadence, []float64{88, nan})
				wantCol(t, "Temperature", s.Temperature, []float64{19.5, nan})
				wantCol(t, "Altitude", s.Altitude, []float64{312.5, nan})
				wantCol(t, "Lat", s.Lat, []float64{46.5, 46.5})
				wantCol(t, "Lon", s.Lon, []float64{14.25, 14.25})
				if s.Speed != nil || s.Distance != nil {
					t.Errorf("Speed and Distance should be nil")
				}
			},
		},
		{
			name: "TrackPointExtension v1 under ns3 prefix (Garmin Connect)",
			in: `<gpx creator="Garmin Connect" version="1.1" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns="http://www.topografix.com/GPX/1/1">` +
				trk("Run", pt("2024-01-01T00:00:00.000Z", `<extensions><ns3:TrackPointExtension><ns3:hr>99</ns3:hr><ns3:cad>80</ns3:cad></ns3:TrackPointExtension></extensions>`)) + `</gpx>`,
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "HeartRate", a.Samples.HeartRate, []float64{99})
				wantCol(t, "Cadence", a.Samples.Cadence, []float64{80})
				if a.Meta.Product != "Garmin Connect" || a.Meta.Manufacturer != "" {
					t.Errorf("Meta = %+v", a.Meta)
				}
			},
		},
		{
			name: "TrackPointExtension v2 in its own default namespace, with speed",
			in: gpx11(trk("", pt("2024-01-01T00:00:00Z",
				`<extensions><TrackPointExtension xmlns="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"><atemp>26.9</atemp><hr>125</hr><cad>7</cad><speed>3.25</speed><course>270</course></TrackPointExtension></extensions>`))),
			check: func(t *testing.T, a *activity.Activity) {
				s := a.Samples
				wantCol(t, "HeartRate", s.HeartRate, []float64{125})
				wantCol(t, "Cadence", s.Cadence, []float64{7})
				wantCol(t, "Temperature", s.Temperature, []float64{26.9})
				wantCol(t, "Speed", s.Speed, []float64{3.25})
			},
		},
		{
			name: "cluetrust gpxdata",
			in:   gpx11(trk("", pt("2014-01-17T08:33:11.150Z", `<extensions><gpxdata:hr>101.289987711843</gpxdata:hr><gpxdata:temp>20.7</gpxdata:temp><gpxdata:cadence>77</gpxdata:cadence><gpxdata:distance>12</gpxdata:distance></extensions>`))),
			check: func(t *testing.T, a *activity.Activity) {
				s := a.Samples
				wantCol(t, "HeartRate", s.HeartRate, []float64{101.289987711843})
				wantCol(t, "Cadence", s.Cadence, []float64{77})
				wantCol(t, "Temperature", s.Temperature, []float64{20.7})
				if s.Distance != nil {
					t.Errorf("Distance should stay nil, got %v", s.Distance)
				}
			},
		},
		{
			name: "TrackPointExtension wins over gpxdata and heartrate whatever the order",
			in: gpx11(trk("", pt("2024-01-01T00:00:00Z",
				`<extensions><heartrate>90</heartrate><gpxdata:hr>91</gpxdata:hr><gpxtpx:TrackPointExtension><gpxtpx:hr>92</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`)+
				pt("2024-01-01T00:00:01Z", `<extensions><heartrate>80</heartrate><gpxdata:hr>81</gpxdata:hr></extensions>`)+
				pt("2024-01-01T00:00:02Z", `<extensions><heartrate>70</heartrate></extensions>`))),
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "HeartRate", a.Samples.HeartRate, []float64{92, 81, 70})
			},
		},
		{
			name: "two tracks, three segments and an empty one",
			in: `<?xml version="1.0"?>
<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">
 <metadata><name>Morning</name><desc>easy</desc></metadata>
 <trk><name>Part 1</name><type>running</type><desc>warm</desc>
  <trkseg>` + pt("2024-01-01T00:00:00Z", "") + pt("2024-01-01T00:00:01Z", "") + `</trkseg>
  <trkseg></trkseg>
  <trkseg>` + pt("2024-01-01T00:00:10Z", "") + pt("2024-01-01T00:00:11Z", "") + `</trkseg>
 </trk>
 <trk><name>Part 2</name><type>walking</type><desc>easy</desc>
  <trkseg>` + pt("2024-01-01T00:01:00Z", "") + `</trkseg>
 </trk>
 <trk><name>Empty</name><trkseg/></trk>
</gpx>`,
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "Time", a.Samples.Time, []float64{0, 1, 10, 11, 60})
				wantPauses := []activity.Pause{
					{Start: 1, End: 10, Kind: activity.PauseSegment},
					{Start: 11, End: 60, Kind: activity.PauseSegment},
				}
				if !slices.Equal(a.Pauses, wantPauses) {
					t.Errorf("Pauses = %+v, want %+v", a.Pauses, wantPauses)
				}
				if len(a.Sessions) != 2 {
					t.Fatalf("%d sessions, want 2", len(a.Sessions))
				}
				s0, s1 := a.Sessions[0], a.Sessions[1]
				if s0.Name != "Part 1" || s0.Sport != "running" || s0.First != 0 || s0.End != 4 || s0.Start != 0 {
					t.Errorf("session 0 = %+v", s0)
				}
				if s1.Name != "Part 2" || s1.Sport != "walking" || s1.First != 4 || s1.End != 5 || s1.Start != 60 {
					t.Errorf("session 1 = %+v", s1)
				}
				if !math.IsNaN(s0.Totals.Distance) || !math.IsNaN(s1.Totals.ElapsedTime) {
					t.Errorf("Totals should be NaN: %+v", s0.Totals)
				}
				n := a.Meta.Names
				if n.Track != "Morning; Part 1; Part 2; Empty" || n.TrackType != "running; walking" || n.Description != "easy; warm" {
					t.Errorf("Names = %+v", n)
				}
				if a.Meta.Sport != "running" {
					t.Errorf("Sport = %q, want the first track's type", a.Meta.Sport)
				}
			},
		},
		{
			name: "GPX 1.0 with metadata on the root",
			in: `<?xml version="1.0"?>
<gpx version="1.0" creator="GPSBabel" xmlns="http://www.topografix.com/GPX/1/0">
<name>Hike</name><desc>Up</desc><time>2010-12-14T06:17:04Z</time>
<wpt lat="1" lon="2"><name>Not a track name</name></wpt>
<trk><name>Hike</name><trkseg>` + pt("2010-12-14T06:17:04Z", "<ele>1614.678</ele><speed>1.5</speed>") + `</trkseg></trk>
</gpx>`,
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "Altitude", a.Samples.Altitude, []float64{1614.678})
				if a.Samples.Speed != nil {
					t.Errorf("GPX 1.0 <speed> is not read, got %v", a.Samples.Speed)
				}
				if a.Meta.Names.Track != "Hike" || a.Meta.Names.Description != "Up" {
					t.Errorf("Names = %+v", a.Meta.Names)
				}
			},
		},
		{
			name: "no namespace at all",
			in:   `<gpx>` + trk("", pt("2024-01-01T00:00:00Z", `<extensions><TrackPointExtension><hr>60</hr></TrackPointExtension></extensions>`)) + `</gpx>`,
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "HeartRate", a.Samples.HeartRate, []float64{60})
			},
		},
		{
			name: "UTF-8 byte order mark",
			in:   "\uFEFF" + gpx11(trk("", pt("2024-01-01T00:00:00Z", ""))),
		},
		{
			name: "white space before the XML declaration",
			in:   "\uFEFF  \n" + gpx11(trk("", pt("2024-01-01T00:00:00Z", ""))),
			msg:  "the XML declaration is not at the start of the document (it is at byte 6)",
		},
		{
			name: "ISO-8859-1",
			in:   "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><gpx>" + trk("Caf\xe9", pt("2024-01-01T00:00:00Z", "")) + "</gpx>",
			check: func(t *testing.T, a *activity.Activity) {
				if a.Meta.Names.Track != "Café" {
					t.Errorf("Track = %q", a.Meta.Names.Track)
				}
			},
		},
		{
			name: "undeclared prefix is read, with a warning",
			in:   `<gpx>` + trk("", pt("2024-01-01T00:00:00Z", `<extensions><gpxdata:cadence>43</gpxdata:cadence></extensions>`)) + `</gpx>`,
			msg:  `prefix "gpxdata" is used without a declaration`,
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "Cadence", a.Samples.Cadence, []float64{43})
			},
		},
		{
			name: "times without zone read as UTC",
			in:   gpx11(trk("", pt("2002-05-25T17:09:55.190000", "")+pt("2002-05-25T17:09:56.2", ""))),
			msg:  "carry no UTC offset",
			check: func(t *testing.T, a *activity.Activity) {
				if !a.Start.Equal(time.Date(2002, 5, 25, 17, 9, 55, 19e7, time.UTC)) || a.Start.Location() != time.UTC {
					t.Errorf("Start = %v", a.Start)
				}
				wantCol(t, "Time", a.Samples.Time, []float64{0, 1.01})
			},
		},
		{
			name: "untimed points among timed ones are dropped",
			in: gpx11(trk("", pt("2024-01-01T00:00:00Z", "")+pt("", "<ele>3</ele>"),
				pt("", "")+pt("", ""),
				pt("2024-01-01T00:00:05Z", "<time></time>")+`<trkpt lat="1" lon="2"/>`)),
			msg: "dropped 4 of 6 track points that have no <time>",
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "Time", a.Samples.Time, []float64{0, 5})
				if a.Samples.Altitude != nil {
					t.Errorf("Altitude came only from a dropped point: %v", a.Samples.Altitude)
				}
				if len(a.Pauses) != 1 || a.Pauses[0].Start != 0 || a.Pauses[0].End != 5 {
					t.Errorf("Pauses = %+v (the segment left empty must be skipped)", a.Pauses)
				}
			},
		},
		{
			name: "unreadable time drops its point",
			in:   gpx11(trk("", pt("2024-01-01T00:00:00Z", "")+pt("yesterday", "")+pt("2024-01-01T00:00:02Z", ""))),
			msg:  `dropped 1 track points whose <time> cannot be read (first "yesterday"`,
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "Time", a.Samples.Time, []float64{0, 2})
			},
		},
		{
			name: "unreadable numbers read as missing",
			in:   gpx11(trk("", pt("2024-01-01T00:00:00Z", `<ele>high</ele><extensions><gpxdata:hr>1e999</gpxdata:hr><gpxdata:temp>null</gpxdata:temp></extensions>`)+pt("2024-01-01T00:00:01Z", `<ele>NaN</ele><extensions><gpxdata:hr>150</gpxdata:hr></extensions>`))),
			msg:  "3 values are not numbers",
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "HeartRate", a.Samples.HeartRate, []float64{nan, 150})
				if a.Samples.Altitude != nil || a.Samples.Temperature != nil {
					t.Errorf("Altitude %v and Temperature %v should be nil", a.Samples.Altitude, a.Samples.Temperature)
				}
			},
		},
		{
			name: "times going backwards are kept in order",
			in:   gpx11(trk("", pt("2024-01-01T00:00:10Z", "")+pt("2024-01-01T00:00:05Z", "")+pt("2024-01-01T00:00:20Z", ""))),
			msg:  "times go backwards 1 times (first at sample 1",
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "Time", a.Samples.Time, []float64{0, -5, 10})
			},
		},
		{
			name: "all points at one time",
			in:   gpx11(trk("", pt("1901-12-13T20:45:52.2073437Z", "")+pt("1901-12-13T20:45:52.2073437Z", ""))),
			msg:  "all 2 track points have the same time (1901-12-13T20:45:52.2073437Z)",
			check: func(t *testing.T, a *activity.Activity) {
				wantCol(t, "Time", a.Samples.Time, []float64{0, 0})
				if a.Start.Year() != 1901 {
					t.Errorf("Start = %v", a.Start)
				}
			},
		},
		{
			name: "content after the root is ignored",
			in:   gpx11(trk("", pt("2024-01-01T00:00:00Z", ""))) + "<!-- ok -->\n<gpx>",
			msg:  "ignored content after </gpx>",
		},
		{
			name: "missing lat and lon",
			in:   gpx11(trk("", `<trkpt><time>2024-01-01T00:00:00Z</time></trkpt>`)),
			msg:  "1 track points lack a lat or lon attribute",
			check: func(t *testing.T, a *activity.Activity) {
				if a.Samples.Lat != nil || a.Samples.Lon != nil {
					t.Errorf("Lat/Lon should be nil")
				}
			},
		},

		// Errors.
		{name: "no timestamps (a drawn track)", in: gpx11(trk("", pt("", "")+pt("", ""))), err: activity.ErrNoTimestamps, msg: "none of the 2 track points has a <time>"},
		{name: "no readable timestamp", in: gpx11(trk("", pt("12:00", ""))), err: activity.ErrMalformed, msg: "no track point has a readable time"},
		{name: "route only", in: gpx11(`<rte><rtept lat="1" lon="2"><time>2024-01-01T00:00:00Z</time></rtept></rte>`), err: activity.ErrNotActivity},
		{name: "waypoints only", in: gpx11(`<wpt lat="1" lon="2"/>`), err: activity.ErrNotActivity},
		{name: "metadata only", in: gpx11(`<metadata><time>2023-07-07T16:10:57Z</time></metadata>`), err: activity.ErrNoSamples},
		{name: "empty track", in: gpx11(trk("x", "")), err: activity.ErrNoSamples},
		{name: "truncated in a point", in: gpx11(trk("", pt("2024-01-01T00:00:00Z", "")))[:300], err: activity.ErrTruncated},
		{name: "truncated in an attribute", in: `<gpx><trk><trkseg><trkpt lat="4`, err: activity.ErrTruncated},
		{name: "truncated in CDATA", in: `<gpx><trk><name><![CDATA[abc`, err: activity.ErrTruncated},
		{name: "truncated before the root", in: `<?xml version="1.0"?>`, err: activity.ErrTruncated},
		{name: "empty input", in: "", err: activity.ErrTruncated},
		{name: "garbage text", in: "hello, world", err: activity.ErrMalformed},
		{name: "garbage bytes", in: "\x00\x01\x02\xff<gpx>", err: activity.ErrMalformed},
		{name: "not GPX", in: `<TrainingCenterDatabase></TrainingCenterDatabase>`, err: activity.ErrMalformed, msg: "root element <TrainingCenterDatabase> is not <gpx>"},
		{name: "mismatched tags", in: `<gpx><trk></trkseg></gpx>`, err: activity.ErrMalformed, msg: "<trk> is closed by </trkseg>"},
		{name: "undefined entity", in: `<gpx><trk><name>a&nbsp;b</name></trk></gpx>`, err: activity.ErrMalformed},
		{name: "unsupported encoding", in: `<?xml version="1.0" encoding="EBCDIC"?><gpx/>`, err: activity.ErrMalformed, msg: "unsupported encoding"},

		// Limits.
		{name: "nesting deeper than the default", in: gpx11(deep), err: activity.ErrLimit, msg: "nested deeper than 64; raise gpxio.Decoder.MaxDepth"},
		{name: "nesting deeper than MaxDepth", in: gpx11(`<a><b><c><d>x</d></c></b></a>`), dec: gpxio.Decoder{MaxDepth: 4}, err: activity.ErrLimit, msg: "raise gpxio.Decoder.MaxDepth"},
		{name: "huge attribute", in: gpx11(`<trk><trkseg><trkpt lat="1" lon="2" x="` + huge + `"/></trkseg></trk>`), err: activity.ErrLimit, msg: "longer than 1048576 bytes; raise gpxio.Decoder.MaxTokenSize"},
		{name: "huge attribute in ISO-8859-1", in: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><gpx><trk><trkseg><trkpt x=\"" + strings.Repeat("\xe9", 2<<20) + "\"/></trkseg></trk></gpx>", err: activity.ErrLimit, msg: "raise gpxio.Decoder.MaxTokenSize"},
		{name: "huge text", in: gpx11(trk(huge, pt("2024-01-01T00:00:00Z", ""))), err: activity.ErrLimit, msg: "raise gpxio.Decoder.MaxTokenSize"},
		{name: "text over MaxTokenSize in pieces", in: gpx11(trk(strings.Repeat("abc<!-- -->", 100), pt("2024-01-01T00:00:00Z", ""))), dec: gpxio.Decoder{MaxTokenSize: 100}, err: activity.ErrLimit, msg: "raise gpxio.Decoder.MaxTokenSize"},
		{name: "more points than MaxSamples", in: gpx11(trk("", many.String())), dec: gpxio.Decoder{MaxSamples: 5}, err: activity.ErrLimit, msg: "more than 5 track points; raise gpxio.Decoder.MaxSamples"},
		{
			name: "exactly MaxSamples points", in: gpx11(trk("", many.String())), dec: gpxio.Decoder{MaxSamples: 6},
			check: func(t *testing.T, a *activity.Activity) {
				if a.Samples.Len() != 6 {
					t.Errorf("%d samples", a.Samples.Len())
				}
			},
		},
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range cases() {
		t.Run(tc.name, func(t *testing.T) {
			in := []byte(tc.in)
			orig := bytes.Clone(in)
			a, err := tc.dec.Decode(bytes.NewReader(in))
			if !bytes.Equal(in, orig) {
				t.Fatal("Decode modified its input")
			}
			if tc.err != nil {
				if err == nil {
					t.Fatalf("got no error, want %v", tc.err)
				}
				t.Logf("error: %v", err)
				checkError(t, err)
				if !errors.Is(err, tc.err) {
					t.Fatalf("got %v, want %v", err, tc.err)
				}
				if a != nil {
					t.Errorf("got an activity with the error")
				}
				if !strings.Contains(err.Error(), tc.msg) {
					t.Errorf("error %q does not contain %q", err, tc.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(a); err != nil {
				t.Fatal(err)
			}
			if tc.msg != "" && !slices.ContainsFunc(a.Warnings, func(w string) bool { return strings.Contains(w, tc.msg) }) {
				t.Errorf("no warning contains %q: %q", tc.msg, a.Warnings)
			}
			if tc.check != nil {
				tc.check(t, a)
			}
		})
	}
}

// TestDecoderDefaults checks that the zero Decoder and Decode agree, and
// that a Decoder is not modified by Decode.
func TestDecoderDefaults(t *testing.T) {
	in := gpx11(trk("", pt("2024-01-01T00:00:00Z", "")))
	var d gpxio.Decoder
	a1, err1 := d.Decode(strings.NewReader(in))
	a2, err2 := gpxio.Decode(strings.NewReader(in))
	if err1 != nil || err2 != nil || a1.Samples.Len() != 1 || a2.Samples.Len() != 1 {
		t.Fatalf("%v %v", err1, err2)
	}
	if d != (gpxio.Decoder{}) {
		t.Errorf("Decode changed the Decoder: %+v", d)
	}
}

// errReader fails after its data.
type errReader struct {
	data []byte
	err  error
}

func (r *errReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReadError(t *testing.T) {
	cause := errors.New("disk on fire")
	_, err := gpxio.Decode(&errReader{data: []byte(`<gpx><trk>`), err: cause})
	checkError(t, err)
	if !errors.Is(err, activity.ErrTruncated) || !errors.Is(err, cause) {
		t.Errorf("got %v, want ErrTruncated wrapping the reader's error", err)
	}
}

func TestErrorFields(t *testing.T) {
	in := gpx11(trk("", pt("2024-01-01T00:00:00Z", "")+pt("2024-01-01T00:00:01Z", "")))
	_, err := (&gpxio.Decoder{MaxSamples: 1}).Decode(strings.NewReader(in))
	var fe *activity.FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("got %T %v", err, err)
	}
	first := strings.Index(in, "<trkpt")
	want := int64(first + 1 + strings.Index(in[first+1:], "<trkpt")) // the second <trkpt
	if fe.Format != activity.FormatGPX || fe.Element != "trkpt" || fe.Offset != want || fe.Kind != activity.ErrLimit {
		t.Errorf("got %+v, want element trkpt at byte %d", fe, want)
	}
}

// TestLatin1Offsets checks that error offsets count the input's bytes, not
// the bytes after conversion to UTF-8.
func TestLatin1Offsets(t *testing.T) {
	in := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><gpx><trk><name>" + strings.Repeat("\xe9", 1000) + "</name><trkseg>" +
		pt("2024-01-01T00:00:00Z", "") + pt("2024-01-01T00:00:01Z", "") + "</trkseg></trk></gpx>"
	_, err := (&gpxio.Decoder{MaxSamples: 1}).Decode(strings.NewReader(in))
	var fe *activity.FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("got %T %v", err, err)
	}
	first := strings.Index(in, "<trkpt")
	want := int64(first + 1 + strings.Index(in[first+1:], "<trkpt"))
	if fe.Offset != want {
		t.Errorf("offset %d, want %d", fe.Offset, want)
	}
}

// checkError asserts the error invariant: a *activity.FormatError for gpx
// whose Kind is exactly one sentinel, which errors.Is matches.
func checkError(t testing.TB, err error) {
	t.Helper()
	if e := activitytest.CheckError(err, activity.FormatGPX, "gpxio.Decoder"); e != nil {
		t.Fatal(e)
	}
}

// wellFormed checks the invariants every decoded activity must hold: the
// structural rules of activity.Validate and the GPX specifics.
func wellFormed(a *activity.Activity) error {
	if err := a.Validate(); err != nil {
		return err
	}
	s := &a.Samples
	n := s.Len()
	if n == 0 {
		return errors.New("no samples")
	}
	if a.Meta.Format != activity.FormatGPX {
		return fmt.Errorf("format %q", a.Meta.Format)
	}
	if a.Start.Location() == nil {
		return errors.New("Start has no location")
	}
	for _, name := range activity.ChannelNames() {
		if col := s.Channel(name); col != nil && activity.Coverage(col) == 0 {
			return fmt.Errorf("column %s is all NaN; it should be nil", name)
		}
	}
	if s.Distance != nil {
		return errors.New("Distance should be nil for GPX")
	}
	if len(a.Sessions) == 0 {
		return errors.New("no sessions")
	}
	for i, ss := range a.Sessions {
		if ss.End == ss.First || ss.Start != s.Time[ss.First] {
			return fmt.Errorf("session %d = %+v: want samples, and the start at its first sample", i, ss)
		}
	}
	for i, p := range a.Pauses {
		if p.Kind != activity.PauseSegment {
			return fmt.Errorf("pause %d = %+v", i, p)
		}
	}
	return nil
}

// wantCol compares a column with NaN-aware equality.
func wantCol(t *testing.T, name string, got, want []float64) {
	t.Helper()
	eq := len(got) == len(want)
	for i := 0; eq && i < len(got); i++ {
		eq = got[i] == want[i] || math.IsNaN(got[i]) && math.IsNaN(want[i])
	}
	if !eq {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}
