package benchcmp

import (
	"bytes"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/gpxio"
	"github.com/tkrajina/gpxgo/gpx"
)

// runStart is the first point of the generated run: a local morning start
// written with its UTC offset, as watches that record local time do.
var runStart = time.Date(2024, 5, 12, 7, 30, 0, 0, time.FixedZone("", 2*3600))

// genRun returns a Garmin Connect style GPX 1.1 document of a run recorded at
// 1 Hz for the given number of seconds: positions along a loop, altitude,
// and temperature, heart rate and cadence in a TrackPointExtension v1 under
// the ns3: prefix. Times are written with milliseconds and a +02:00 offset.
// hr(i) = 120 + i%40 and the time of point i is runStart + i s.
func genRun(seconds int) []byte {
	var b bytes.Buffer
	b.Grow(seconds * 400)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
  <metadata>
    <link href="connect.garmin.com">
      <text>Garmin Connect</text>
    </link>
    <time>`)
	b.WriteString(runStart.Format(time.RFC3339Nano))
	b.WriteString(`</time>
  </metadata>
  <trk>
    <name>Recovery run</name>
    <type>running</type>
    <trkseg>
`)
	for i := range seconds {
		a := 2 * math.Pi * float64(i) / 1800 // one 5 km loop every 30 min
		lat := 46.05 + 0.007*math.Sin(a)
		lon := 14.50 + 0.010*math.Cos(a)
		fmt.Fprintf(&b, `      <trkpt lat="%.17g" lon="%.17g">
        <ele>%.1f</ele>
        <time>%s</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:atemp>21.0</ns3:atemp>
            <ns3:hr>%d</ns3:hr>
            <ns3:cad>%d</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
`, lat, lon, float64(2500+i%500)/10, runStart.Add(time.Duration(i)*time.Second).Format("2006-01-02T15:04:05.000Z07:00"), 120+i%40, 80+i%7)
	}
	b.WriteString("    </trkseg>\n  </trk>\n</gpx>\n")
	return b.Bytes()
}

const benchSeconds = 3 * 3600

// BenchmarkGPXDecision decodes the same 3-hour run with both libraries. For gpxgo the
// figure is ParseBytes alone, without the walk over its tree (and over its
// generic extension nodes) that an importer would still have to do, so it
// flatters gpxgo.
func BenchmarkGPXDecision(b *testing.B) {
	data := genRun(benchSeconds)
	b.Run("lib=gpxgo", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		m0 := mallocs()
		for b.Loop() {
			if _, err := gpx.ParseBytes(data); err != nil {
				b.Fatal(err)
			}
		}
		perPoint(b, m0)
	})
	b.Run("lib=gpxio", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		m0 := mallocs()
		for b.Loop() {
			if _, err := gpxio.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
		perPoint(b, m0)
	})
}

// mallocs returns the number of heap allocations so far.
func mallocs() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Mallocs
}

// perPoint reports time and allocations per track point.
func perPoint(b *testing.B, m0 uint64) {
	n := float64(b.N) * benchSeconds
	b.ReportMetric(float64(mallocs()-m0)/n, "allocs/point")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/point")
}

// TestBenchInput checks that both libraries see every point of the
// benchmark input, so that the benchmark compares like with like, and that
// gpxio gets every time and heart rate right.
func TestBenchInput(t *testing.T) {
	data := genRun(benchSeconds)
	g, err := gpx.ParseBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Tracks) != 1 || len(g.Tracks[0].Segments) != 1 || len(g.Tracks[0].Segments[0].Points) != benchSeconds {
		t.Fatalf("gpxgo: unexpected shape")
	}
	a, err := gpxio.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if a.Samples.Len() != benchSeconds || !a.Start.Equal(runStart) {
		t.Fatalf("gpxio: %d samples from %v", a.Samples.Len(), a.Start)
	}
	for i := range benchSeconds {
		if a.Samples.Time[i] != float64(i) || a.Samples.HeartRate[i] != float64(120+i%40) {
			t.Fatalf("gpxio: sample %d: t=%v hr=%v", i, a.Samples.Time[i], a.Samples.HeartRate[i])
		}
	}
}

// TestTimeLoss shows what decided against gpxgo: it drops fractional seconds
// and UTC offsets, while gpxio keeps both.
func TestTimeLoss(t *testing.T) {
	tests := []struct {
		name, text string
		want       time.Time
		off        int    // the UTC offset gpxio must keep, in seconds
		gpxgoLoses string // how gpxgo v1.4.0 gets it wrong
	}{
		{
			name: "fraction and offset", text: "2024-05-12T10:00:00.500+02:00",
			want: time.Date(2024, 5, 12, 8, 0, 0, 5e8, time.UTC), off: 7200,
			gpxgoLoses: "reads 10:00:00 UTC: fraction and offset dropped, 2 h 0.5 s off",
		},
		{
			name: "offset", text: "2024-05-12T10:00:00+02:00",
			want: time.Date(2024, 5, 12, 8, 0, 0, 0, time.UTC), off: 7200,
			gpxgoLoses: "reads the zero time",
		},
		{
			name: "fraction", text: "2024-05-12T08:00:00.250Z",
			want:       time.Date(2024, 5, 12, 8, 0, 0, 25e7, time.UTC),
			gpxgoLoses: "reads 08:00:00: fraction dropped",
		},
		{
			name: "microseconds and negative offset", text: "2024-05-12T03:00:00.123456-05:00",
			want: time.Date(2024, 5, 12, 8, 0, 0, 123456e3, time.UTC), off: -5 * 3600,
			gpxgoLoses: "reads 03:00:00 UTC: fraction and offset dropped",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := `<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>` +
				`<trkpt lat="46" lon="14"><time>` + tc.text + `</time></trkpt></trkseg></trk></gpx>`

			g, err := gpx.ParseString(doc)
			if err != nil {
				t.Fatal(err)
			}
			got := g.Tracks[0].Segments[0].Points[0].Timestamp
			if got.Equal(tc.want) {
				t.Errorf("gpxgo now reads %s exactly: the reason for replacing it is gone; revisit the decision", tc.text)
			} else {
				t.Logf("gpxgo:  %-34s -> %v (%s)", tc.text, got, tc.gpxgoLoses)
			}

			a, err := gpxio.Decode(strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if !a.Start.Equal(tc.want) {
				t.Errorf("gpxio: %s -> %v, want %v", tc.text, a.Start, tc.want)
			}
			if _, off := a.Start.Zone(); off != tc.off {
				t.Errorf("gpxio: %s -> offset %d s, want %d", tc.text, off, tc.off)
			}
			t.Logf("gpxio:  %-34s -> %v", tc.text, a.Start)
		})
	}
}
