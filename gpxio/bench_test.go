package gpxio_test

import (
	"bytes"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/gpxio"
	"github.com/runcheck/runcheck/internal/activitytest"
	"github.com/runcheck/runcheck/internal/fixture"
)

// benchStart is the first point of the generated run.
var benchStart = time.Date(2024, 5, 12, 7, 30, 0, 0, time.FixedZone("", 2*3600))

// genRun returns a Garmin Connect style GPX of a run recorded at 1 Hz for
// the given number of seconds: positions along a loop, altitude, and heart
// rate, cadence and temperature in a TrackPointExtension v1 under the ns3:
// prefix. Every value is a function of the second, so the expected result is
// known exactly: hr(i) = 120 + i%40, cad(i) = 80 + i%7, ele(i) = (2500 +
// i%500) / 10 (all exact in the decimal form written).
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
	b.WriteString(benchStart.Format(time.RFC3339Nano))
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
`, lat, lon, float64(2500+i%500)/10, benchStart.Add(time.Duration(i)*time.Second).Format("2006-01-02T15:04:05.000Z07:00"), 120+i%40, 80+i%7)
	}
	b.WriteString("    </trkseg>\n  </trk>\n</gpx>\n")
	return b.Bytes()
}

// TestGenRun proves that genRun's output (a seed of the fuzz targets and an
// input of the differential test) decodes to what genRun describes.
func TestGenRun(t *testing.T) {
	const n = 3 * 3600
	a, err := gpxio.Decode(bytes.NewReader(genRun(n)))
	if err != nil {
		t.Fatal(err)
	}
	s := a.Samples
	if s.Len() != n || len(a.Sessions) != 1 || len(a.Pauses) != 0 || len(a.Warnings) != 0 {
		t.Fatalf("got %d samples, %d sessions, %d pauses, warnings %q", s.Len(), len(a.Sessions), len(a.Pauses), a.Warnings)
	}
	if !a.Start.Equal(benchStart) {
		t.Errorf("Start = %v, want %v", a.Start, benchStart)
	}
	if _, off := a.Start.Zone(); off != 7200 {
		t.Errorf("Start offset = %d s, want 7200", off)
	}
	for i := range n {
		if s.Time[i] != float64(i) || s.HeartRate[i] != float64(120+i%40) || s.Cadence[i] != float64(80+i%7) ||
			s.Altitude[i] != float64(2500+i%500)/10 || s.Temperature[i] != 21 {
			t.Fatalf("sample %d: time %v hr %v cad %v ele %v temp %v", i, s.Time[i], s.HeartRate[i], s.Cadence[i], s.Altitude[i], s.Temperature[i])
		}
	}
	if s.Distance != nil || s.Speed != nil {
		t.Errorf("Distance and Speed should be nil")
	}
	if a.Meta.Sport != "running" || a.Meta.Names.Track != "Recovery run" || a.Meta.Product != "Garmin Connect" {
		t.Errorf("Meta = %+v", a.Meta)
	}
	if got := activity.Coverage(s.Lat); got != n {
		t.Errorf("lat coverage %d", got)
	}
}

// TestBenchInput proves that every benchmark input decodes correctly: the
// expected number of samples, one session, no pause or warning, 1 Hz times,
// every channel GPX carries present throughout, and the fast reader's
// result identical to the reference reader's.
func TestBenchInput(t *testing.T) {
	tiers := fixture.SteadyTiers
	if testing.Short() || activitytest.RaceEnabled() {
		tiers = tiers[:1] // the others take seconds, or minutes under -race
	}
	for _, tier := range tiers {
		t.Run(tier.Name, func(t *testing.T) {
			data := activitytest.SteadyFile(t, tier, activity.FormatGPX)
			a, err := gpxio.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			s := a.Samples
			if s.Len() != tier.Samples || len(a.Sessions) != 1 || len(a.Warnings) != 0 {
				t.Fatalf("got %d samples, %d sessions, warnings %q; want %d samples, 1 session, no warning",
					s.Len(), len(a.Sessions), a.Warnings, tier.Samples)
			}
			// The timer pause is a gap in the 1 Hz times: the samples span
			// the timer time plus the pause.
			if got, want := s.Time[s.Len()-1], tier.Timer.Seconds()+60; got != want {
				t.Errorf("last sample at %v s, want %v s", got, want)
			}
			for name, col := range map[string][]float64{"lat": s.Lat, "lon": s.Lon, "altitude": s.Altitude,
				"heart rate": s.HeartRate, "cadence": s.Cadence, "temperature": s.Temperature} {
				if got := activity.Coverage(col); got != tier.Samples {
					t.Errorf("%s: %d of %d samples", name, got, tier.Samples)
				}
			}
			if !checkSame(t, tier.Name, gpxio.Decoder{}, data, false) {
				t.Errorf("the fast reader left the benchmark input to the reference reader")
			}
		})
	}
}

// BenchmarkDecode decodes the GPX of a steady 1 Hz run at three sizes with
// Decode (the fast reader). ns/point is the cost per track point.
func BenchmarkDecode(b *testing.B) {
	benchDecode(b, func(data []byte) (*activity.Activity, error) {
		return gpxio.Decode(bytes.NewReader(data))
	})
}

// BenchmarkDecodeReference decodes the same inputs with the reference
// reader on encoding/xml, which Decode falls back to, so that the speed-up
// is visible.
func BenchmarkDecodeReference(b *testing.B) {
	benchDecode(b, func(data []byte) (*activity.Activity, error) {
		return gpxio.DecodeReference(&gpxio.Decoder{}, bytes.NewReader(data))
	})
}

func benchDecode(b *testing.B, decode func([]byte) (*activity.Activity, error)) {
	for _, tier := range fixture.SteadyTiers {
		b.Run(tier.Name, func(b *testing.B) {
			data := activitytest.SteadyFile(b, tier, activity.FormatGPX) // b.Loop starts the timer after this
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decode(data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(tier.Samples), "ns/point")
		})
	}
}
