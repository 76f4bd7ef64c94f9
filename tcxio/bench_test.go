package tcxio

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/activitytest"
	"github.com/runcheck/runcheck/internal/fixture"
)

// benchStart is the start of the generated benchmark activities.
var benchStart = time.Date(2024, 5, 1, 6, 0, 0, 0, time.FixedZone("", 2*3600))

// benchHR, benchDist and benchCadence give the generated value at second i,
// so that a test can check every sample.
func benchHR(i int) float64      { return float64(120 + i%40) }
func benchDist(i int) float64    { return float64(i) * 2.75 }
func benchCadence(i int) float64 { return float64(80 + i%7) }

// genTCX writes a running TCX of the given length in seconds at 1 Hz, laid
// out as Garmin Connect writes one (indented, ns3 TPX extension, one Track
// per 10-minute lap), with every channel present.
func genTCX(seconds int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase
  xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Activities>
    <Activity Sport="Running">
`)
	ts := func(i int) string {
		return benchStart.Add(time.Duration(i) * time.Second).Format("2006-01-02T15:04:05.000-07:00")
	}
	fmt.Fprintf(&b, "      <Id>%s</Id>\n", ts(0))
	const lap = 600
	for l := 0; l < seconds; l += lap {
		n := min(lap, seconds-l)
		fmt.Fprintf(&b, `      <Lap StartTime="%s">
        <TotalTimeSeconds>%d.0</TotalTimeSeconds>
        <DistanceMeters>%.1f</DistanceMeters>
        <MaximumSpeed>2.75</MaximumSpeed>
        <Calories>%d</Calories>
        <AverageHeartRateBpm>
          <Value>140</Value>
        </AverageHeartRateBpm>
        <MaximumHeartRateBpm>
          <Value>159</Value>
        </MaximumHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Time</TriggerMethod>
        <Track>
`, ts(l), n, float64(n)*2.75, n/10)
		for i := l; i < l+n; i++ {
			lat := 45.0 + float64(i)*1e-5
			lon := 13.0 + float64(i)*2e-5
			fmt.Fprintf(&b, `          <Trackpoint>
            <Time>%s</Time>
            <Position>
              <LatitudeDegrees>%.14f</LatitudeDegrees>
              <LongitudeDegrees>%.14f</LongitudeDegrees>
            </Position>
            <AltitudeMeters>%.1f</AltitudeMeters>
            <DistanceMeters>%.2f</DistanceMeters>
            <HeartRateBpm>
              <Value>%g</Value>
            </HeartRateBpm>
            <Extensions>
              <ns3:TPX>
                <ns3:Speed>2.75</ns3:Speed>
                <ns3:RunCadence>%g</ns3:RunCadence>
              </ns3:TPX>
            </Extensions>
          </Trackpoint>
`, ts(i), lat, lon, 300+10*math.Sin(float64(i)/300), benchDist(i), benchHR(i), benchCadence(i))
		}
		b.WriteString("        </Track>\n      </Lap>\n")
	}
	b.WriteString(`      <Creator xsi:type="Device_t">
        <Name>Generated</Name>
      </Creator>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
`)
	return b.Bytes()
}

// TestBenchmarkInput proves that the input of BenchmarkDecode/garmin/3h
// decodes to what it was generated from, by the fast reader alone, and
// that the reference reader decodes it identically.
func TestBenchmarkInput(t *testing.T) {
	const seconds = 3 * 3600
	data := genTCX(seconds)
	if !checkSame(t, "garmin/3h", Decoder{}, data, true) {
		t.Fatal("the fast reader left the benchmark input to the reference reader")
	}
	a, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	checkActivity(t, a)
	s := &a.Samples
	if s.Len() != seconds || len(a.Laps) != seconds/600 || len(a.Sessions) != 1 || len(a.Pauses) != 0 {
		t.Fatalf("%d samples, %d laps, %d sessions, %d pauses", s.Len(), len(a.Laps), len(a.Sessions), len(a.Pauses))
	}
	if !a.Start.Equal(benchStart) || a.Start.Format(time.RFC3339) != "2024-05-01T06:00:00+02:00" {
		t.Errorf("start %v", a.Start)
	}
	for i := 0; i < seconds; i++ {
		if s.Time[i] != float64(i) || s.HeartRate[i] != benchHR(i) || s.Cadence[i] != benchCadence(i) ||
			math.Abs(s.Distance[i]-benchDist(i)) > 0.005 || s.Speed[i] != 2.75 ||
			math.Abs(s.Lat[i]-(45+float64(i)*1e-5)) > 1e-12 || math.IsNaN(s.Altitude[i]) {
			t.Fatalf("sample %d: time %v hr %v cadence %v distance %v speed %v lat %v", i,
				s.Time[i], s.HeartRate[i], s.Cadence[i], s.Distance[i], s.Speed[i], s.Lat[i])
		}
	}
	if tt := a.Sessions[0].Totals.TimerTime; tt != seconds {
		t.Errorf("timer time %v", tt)
	}
}

// TestSteadyTiers proves that each tier's file decodes to the tier's
// samples, its timer time and its one pause, by the fast reader alone, and
// that the reference reader decodes it identically. The 24-hour tier is
// skipped in -short mode.
func TestSteadyTiers(t *testing.T) {
	for _, tier := range fixture.SteadyTiers {
		t.Run(tier.Name, func(t *testing.T) {
			if testing.Short() && tier.Timer > 3*time.Hour {
				t.Skip("24-hour file in -short mode")
			}
			data := activitytest.SteadyFile(t, tier, activity.FormatTCX)
			if !checkSame(t, tier.Name, Decoder{}, data, true) {
				t.Fatal("the fast reader left the tier's file to the reference reader")
			}
			a, err := Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			checkActivity(t, a)
			s := &a.Samples
			timer := tier.Timer.Seconds()
			if s.Len() != tier.Samples || len(a.Sessions) != 1 || len(a.Pauses) != 1 || a.Pauses[0].End-a.Pauses[0].Start != 60 {
				t.Fatalf("%d samples, %d sessions, pauses %+v; want %d samples, one session, one 60 s pause",
					s.Len(), len(a.Sessions), a.Pauses, tier.Samples)
			}
			if last := s.Time[s.Len()-1]; last != timer+60 {
				t.Errorf("last sample at %v s, want %v", last, timer+60)
			}
			if tt := a.Sessions[0].Totals.TimerTime; tt != timer {
				t.Errorf("timer time %v s, want %v", tt, timer)
			}
		})
	}
}

// BenchmarkDecode decodes the steady runs of every tier, as the fixture
// generator writes them (one line per trackpoint, whole seconds in the
// run's UTC offset), and a 3-hour run laid out as Garmin Connect writes
// one (genTCX: indented, milliseconds), with Decode, which takes the fast
// reader on all of them (TestSteadyTiers and TestBenchmarkInput check
// that). Each file is generated outside the timer, and only when its
// benchmark runs.
func BenchmarkDecode(b *testing.B) {
	benchTiers(b, Decode)
}

// BenchmarkDecodeReference decodes BenchmarkDecode's inputs with the
// reference reader, the streaming reader on encoding/xml that the fast
// reader falls back to.
func BenchmarkDecodeReference(b *testing.B) {
	benchTiers(b, func(r io.Reader) (*activity.Activity, error) {
		var d Decoder
		return d.decodeReference(r)
	})
}

// benchTiers runs a decode function on the benchmark inputs.
func benchTiers(b *testing.B, decode func(io.Reader) (*activity.Activity, error)) {
	run := func(b *testing.B, data []byte, samples int) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			a, err := decode(bytes.NewReader(data))
			if err != nil || a.Samples.Len() != samples {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*samples), "ns/sample")
	}
	for _, tier := range fixture.SteadyTiers {
		b.Run("steady/"+tier.Name, func(b *testing.B) { run(b, activitytest.SteadyFile(b, tier, activity.FormatTCX), tier.Samples) })
	}
	b.Run("garmin/3h", func(b *testing.B) {
		const seconds = 3 * 3600
		run(b, genTCX(seconds), seconds)
	})
}
