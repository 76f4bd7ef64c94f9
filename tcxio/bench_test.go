package tcxio

import (
	"bytes"
	"fmt"
	"math"
	"testing"
	"time"
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

// TestBenchmarkInput proves that the benchmark's input decodes to what it
// was generated from.
func TestBenchmarkInput(t *testing.T) {
	const seconds = 3 * 3600
	a, err := Decode(bytes.NewReader(genTCX(seconds)))
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

func BenchmarkDecode(b *testing.B) {
	for _, size := range []struct {
		name    string
		seconds int
	}{{"10min", 600}, {"3h", 3 * 3600}} {
		data := genTCX(size.seconds)
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				a, err := Decode(bytes.NewReader(data))
				if err != nil || a.Samples.Len() != size.seconds {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*size.seconds), "ns/sample")
		})
	}
}
