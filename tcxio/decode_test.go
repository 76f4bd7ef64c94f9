package tcxio

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/runcheck/runcheck/activity"
)

// doc wraps body (the content of Activities) in a TCX document.
func doc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"` +
		` xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
<Activities>` + body + `</Activities>
</TrainingCenterDatabase>
`
}

// tp is a trackpoint with a time and inner content.
func tp(time, inner string) string {
	return "<Trackpoint><Time>" + time + "</Time>" + inner + "</Trackpoint>"
}

// run wraps trackpoints in one running activity with one lap and one track.
func run(points ...string) string {
	return doc(`<Activity Sport="Running"><Id>2021-04-16T13:37:53Z</Id>` +
		`<Lap StartTime="2021-04-16T13:37:53Z"><TotalTimeSeconds>10</TotalTimeSeconds><Track>` +
		strings.Join(points, "") + `</Track></Lap></Activity>`)
}

var nan = math.NaN()

const (
	lapsDoc = `<Activity Sport="Running">
  <Id>2021-04-16T13:37:52Z</Id>
  <Notes>Recovery run</Notes>
  <Lap StartTime="2021-04-16T13:37:53Z">
    <TotalTimeSeconds>100.5</TotalTimeSeconds>
    <DistanceMeters>300</DistanceMeters>
    <MaximumSpeed>3.5</MaximumSpeed>
    <Calories>20</Calories>
    <AverageHeartRateBpm><Value>120</Value></AverageHeartRateBpm>
    <MaximumHeartRateBpm><Value>130</Value></MaximumHeartRateBpm>
    <Intensity>Active</Intensity>
    <Cadence>85</Cadence>
    <TriggerMethod>Manual</TriggerMethod>
    <Track>
      <Trackpoint><Time>2021-04-16T13:37:53Z</Time><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>110</Value></HeartRateBpm></Trackpoint>
      <Trackpoint><Time>2021-04-16T13:39:33.5Z</Time><DistanceMeters>300</DistanceMeters><HeartRateBpm><Value>130</Value></HeartRateBpm></Trackpoint>
    </Track>
    <Notes>felt easy</Notes>
    <Extensions><ns3:LX><ns3:AvgSpeed>2.985</ns3:AvgSpeed><ns3:AvgRunCadence>80</ns3:AvgRunCadence></ns3:LX></Extensions>
  </Lap>
  <Lap StartTime="2021-04-16T13:39:33.5Z">
    <TotalTimeSeconds>49.5</TotalTimeSeconds>
    <DistanceMeters>100</DistanceMeters>
    <MaximumSpeed>2.5</MaximumSpeed>
    <Calories>5</Calories>
    <AverageHeartRateBpm><Value>150</Value></AverageHeartRateBpm>
    <MaximumHeartRateBpm><Value>155</Value></MaximumHeartRateBpm>
    <Intensity>Resting</Intensity>
    <TriggerMethod>Distance</TriggerMethod>
    <Track>
      <Trackpoint><Time>2021-04-16T13:40:23Z</Time><DistanceMeters>400</DistanceMeters><HeartRateBpm><Value>155</Value></HeartRateBpm></Trackpoint>
    </Track>
    <Extensions><LX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><AvgSpeed>2.02</AvgSpeed><AvgRunCadence>78</AvgRunCadence></LX></Extensions>
  </Lap>
  <Training VirtualPartner="false"><Plan Type="Workout" IntervalWorkout="false"><Name>Easy 30</Name></Plan></Training>
  <Creator xsi:type="Device_t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <Name>Garmin Forerunner 220</Name><UnitId>3888752595</UnitId><ProductID>1632</ProductID>
    <Version><VersionMajor>3</VersionMajor><VersionMinor>10</VersionMinor></Version>
  </Creator>
</Activity>`

	multiSportDoc = `<MultiSportSession>
  <Id>2011-11-29T12:00:00Z</Id>
  <FirstSport><Activity Sport="Biking"><Id>2011-11-29T12:00:00Z</Id>
    <Lap StartTime="2011-11-29T12:00:00Z"><TotalTimeSeconds>2</TotalTimeSeconds><DistanceMeters>20</DistanceMeters><Calories>1</Calories><Track>
      <Trackpoint><Time>2011-11-29T12:00:00Z</Time><Cadence>90</Cadence></Trackpoint>
      <Trackpoint><Time>2011-11-29T12:00:02Z</Time><Cadence>91</Cadence></Trackpoint>
    </Track></Lap></Activity></FirstSport>
  <NextSport>
    <Transition StartTime="2011-11-29T12:00:02Z"><TotalTimeSeconds>3</TotalTimeSeconds><DistanceMeters>0</DistanceMeters><Calories>0</Calories><Track>
      <Trackpoint><Time>2011-11-29T12:00:04Z</Time></Trackpoint>
    </Track></Transition>
    <Activity Sport="Running"><Id>2011-11-29T12:00:05Z</Id>
    <Lap StartTime="2011-11-29T12:00:05Z"><TotalTimeSeconds>4</TotalTimeSeconds><DistanceMeters>10</DistanceMeters><Calories>1</Calories><Track>
      <Trackpoint><Time>2011-11-29T12:00:05Z</Time><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>
      <Trackpoint><Time>2011-11-29T12:00:09Z</Time><HeartRateBpm><Value>141</Value></HeartRateBpm></Trackpoint>
    </Track></Lap></Activity>
  </NextSport>
  <Notes>brick</Notes>
</MultiSportSession>`

	courseDoc = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Courses><Course><Name>Loop</Name><Track>
<Trackpoint><Time>2021-04-16T13:37:53Z</Time><Position><LatitudeDegrees>1</LatitudeDegrees><LongitudeDegrees>2</LongitudeDegrees></Position></Trackpoint>
</Track></Course></Courses>
</TrainingCenterDatabase>`
)

var (
	// tpxPoints are trackpoints whose TPX extension is written in the
	// three ways seen in real files.
	tpxPrefixed = run(
		tp("2021-04-16T13:37:53Z", `<Extensions><ns3:TPX><ns3:Speed>2.5</ns3:Speed><ns3:RunCadence>80</ns3:RunCadence></ns3:TPX></Extensions>`),
		tp("2021-04-16T13:37:54Z", `<Cadence>88</Cadence><Extensions><ns3:TPX><ns3:Speed>2.75</ns3:Speed><ns3:RunCadence>81</ns3:RunCadence></ns3:TPX></Extensions>`),
	)
	tpxDefaultNS = run(
		tp("2021-04-16T13:37:53Z", `<Extensions><TPX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Speed>2.5</Speed><RunCadence>80</RunCadence></TPX></Extensions>`),
		tp("2021-04-16T13:37:54Z", `<Extensions><TPX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Speed>2.75</Speed></TPX></Extensions>`),
	)
	tpxOtherPrefix = run(
		tp("2021-04-16T13:37:53Z", `<Extensions><x:TPX xmlns:x="urn:any"><x:Speed>2.5</x:Speed><x:RunCadence>80</x:RunCadence></x:TPX></Extensions>`),
		tp("2021-04-16T13:37:54Z", `<Extensions><ext:TPX><ext:Speed>2.75</ext:Speed></ext:TPX></Extensions>`),
	)
	twoTracks = doc(`<Activity Sport="Running"><Id>2021-04-16T13:37:53Z</Id>` +
		`<Lap StartTime="2021-04-16T13:37:53Z"><TotalTimeSeconds>4</TotalTimeSeconds>` +
		`<Track>` + tp("2021-04-16T13:37:53Z", "") + tp("2021-04-16T13:37:55Z", "") + `</Track>` +
		`<Track/>` +
		`<Track>` + tp("2021-04-16T13:38:55.25Z", "") + tp("2021-04-16T13:38:57Z", "") + `</Track></Lap>` +
		`<Lap StartTime="2021-04-16T13:39:00Z"><TotalTimeSeconds>1</TotalTimeSeconds>` +
		`<Track>` + tp("2021-04-16T13:39:30Z", "") + `</Track></Lap></Activity>`)
	twoActivities = doc(`<Activity Sport="Biking"><Id>2020-01-01T10:00:00Z</Id><Lap StartTime="2020-01-01T10:00:00Z"><TotalTimeSeconds>1</TotalTimeSeconds><Track>` +
		tp("2020-01-01T10:00:00Z", "") + tp("2020-01-01T10:00:01Z", "") + `</Track></Lap></Activity>` +
		`<Activity Sport="Running"><Id>2020-01-01T11:00:00Z</Id><Lap StartTime="2020-01-01T11:00:00Z"><TotalTimeSeconds>1</TotalTimeSeconds><Track>` +
		tp("2020-01-01T11:00:00Z", "") + `</Track></Lap></Activity>`)
	exactTimes = run(
		tp("2021-03-04T10:00:00.123456789+02:00", "<HeartRateBpm><Value>100</Value></HeartRateBpm>"),
		tp("2021-03-04T08:00:01.5Z", ""),
		tp("2021-03-04T03:30:02-04:30", ""),
	)
	missingValues = run(
		tp("2021-04-16T13:37:53Z", `<Position><LatitudeDegrees>40.5</LatitudeDegrees><LongitudeDegrees>-105.25</LongitudeDegrees></Position>`),
		tp("2021-04-16T13:37:54Z", `<AltitudeMeters>1626</AltitudeMeters><SensorState>Present</SensorState>`),
		tp("2021-04-16T13:37:55Z", `<Position><LatitudeDegrees>40.6</LatitudeDegrees><LongitudeDegrees>-105.26</LongitudeDegrees></Position><AltitudeMeters>1627.5</AltitudeMeters>`),
	)
	timeOnly = run(
		tp("2021-04-16T13:37:53Z", `<HeartRateBpm><Value>100</Value></HeartRateBpm>`),
		tp("2021-04-16T13:37:54Z", ``),
		tp("2021-04-16T13:37:58Z", `<HeartRateBpm><Value>102</Value></HeartRateBpm>`),
	)
	noTime = run(
		tp("2021-04-16T13:37:53Z", `<HeartRateBpm><Value>100</Value></HeartRateBpm>`),
		`<Trackpoint><HeartRateBpm><Value>101</Value></HeartRateBpm></Trackpoint>`,
		tp("yesterday", `<HeartRateBpm><Value>101</Value></HeartRateBpm>`),
		tp("2021-04-16T13:37:55Z", `<HeartRateBpm><Value>102</Value></HeartRateBpm>`),
	)
	backwards = run(
		tp("2021-04-16T13:37:53Z", ""),
		tp("2021-04-16T13:37:55Z", ""),
		tp("2021-04-16T13:37:54Z", ""),
		tp("2021-04-16T13:37:56Z", ""),
	)
	badNumbers = run(
		tp("2021-04-16T13:37:53Z", `<HeartRateBpm><Value>abc</Value></HeartRateBpm><AltitudeMeters>INF</AltitudeMeters><DistanceMeters> 12.5 </DistanceMeters>`),
		tp("2021-04-16T13:37:54Z", `<HeartRateBpm><Value>NaN</Value></HeartRateBpm><AltitudeMeters></AltitudeMeters>`),
	)
	noZone = run(tp("2021-04-16T13:37:53", ""), tp("2021-04-16T13:37:54.25", ""))
	latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<TrainingCenterDatabase><Activities><Activity Sport=\"Running\">" +
		"<Notes>caf\xe9</Notes><Lap StartTime=\"2021-04-16T13:37:53Z\"><Track>" + tp("2021-04-16T13:37:53Z", "") +
		"</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
	windows1252Doc = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<TrainingCenterDatabase><Activities><Activity Sport=\"Running\">" +
		"<Notes>\x93quoted\x94 \x80</Notes><Lap StartTime=\"2021-04-16T13:37:53Z\"><Track>" + tp("2021-04-16T13:37:53Z", "") +
		"</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
	oddMarkup = "<?xml version=\"1.0\"?>\n<!-- exported --><!DOCTYPE TrainingCenterDatabase>\n<tcx:TrainingCenterDatabase xmlns:tcx=\"urn:tcx\"><tcx:Activities>" +
		"<tcx:Activity Sport=\"Other\"><tcx:Notes><![CDATA[a <b> & c]]></tcx:Notes><!-- c --><tcx:Lap StartTime=\"2021-04-16T13:37:53Z\"><tcx:Track>" +
		"<tcx:Trackpoint><tcx:Time>2021-04-16T13:37:53<!-- mid -->Z</tcx:Time><tcx:Unknown><tcx:Trackpoint/></tcx:Unknown>" +
		"<tcx:HeartRateBpm><tcx:Value>9<?pi x?>9</tcx:Value></tcx:HeartRateBpm></tcx:Trackpoint></tcx:Track></tcx:Lap></tcx:Activity></tcx:Activities></tcx:TrainingCenterDatabase>\n<!-- end -->\n"
	trailing = run(tp("2021-04-16T13:37:53Z", "")) + "garbage<x>"
)

// decodeCases are inputs that decode, each with its checks. FuzzDecode
// seeds from them.
var decodeCases = []struct {
	name  string
	input string
	check func(t *testing.T, a *activity.Activity)
}{
	{"laps and totals", doc(lapsDoc), func(t *testing.T, a *activity.Activity) {
		wantStart := time.Date(2021, 4, 16, 13, 37, 53, 0, time.UTC)
		if !a.Start.Equal(wantStart) || a.Start.Location() != time.UTC {
			t.Errorf("start %v", a.Start)
		}
		eqFloats(t, "time", a.Samples.Time, []float64{0, 100.5, 150})
		eqFloats(t, "distance", a.Samples.Distance, []float64{0, 300, 400})
		eqFloats(t, "heart rate", a.Samples.HeartRate, []float64{110, 130, 155})
		if len(a.Laps) != 2 {
			t.Fatalf("%d laps", len(a.Laps))
		}
		l0, l1 := a.Laps[0], a.Laps[1]
		wantTotals(t, "lap 0", l0.Totals, activity.Totals{ElapsedTime: nan, TimerTime: 100.5, MovingTime: nan, Distance: 300,
			AvgSpeed: 2.985, MaxSpeed: 3.5, AvgHeartRate: 120, MaxHeartRate: 130, AvgCadence: 85, Ascent: nan, Descent: nan, Calories: 20})
		wantTotals(t, "lap 1", l1.Totals, activity.Totals{ElapsedTime: nan, TimerTime: 49.5, MovingTime: nan, Distance: 100,
			AvgSpeed: 2.02, MaxSpeed: 2.5, AvgHeartRate: 150, MaxHeartRate: 155, AvgCadence: 78, Ascent: nan, Descent: nan, Calories: 5})
		if l0.Start != 0 || l1.Start != 100.5 || l0.Trigger != "Manual" || l1.Trigger != "Distance" ||
			l0.Intensity != "Active" || l1.Intensity != "Resting" {
			t.Errorf("laps %+v %+v", l0, l1)
		}
		if len(a.Sessions) != 1 {
			t.Fatalf("%d sessions", len(a.Sessions))
		}
		s := a.Sessions[0]
		if s.Sport != "Running" || s.Start != -1 || s.First != 0 || s.End != 3 {
			t.Errorf("session %+v", s)
		}
		wantTotals(t, "session", s.Totals, activity.Totals{ElapsedTime: nan, TimerTime: 150, MovingTime: nan, Distance: 400,
			AvgSpeed: (100.5*2.985 + 49.5*2.02) / 150, MaxSpeed: 3.5, AvgHeartRate: (100.5*120 + 49.5*150) / 150, MaxHeartRate: 155,
			AvgCadence: (100.5*85 + 49.5*78) / 150, Ascent: nan, Descent: nan, Calories: 25})
		m := a.Meta
		if m.Sport != "Running" || m.Product != "Garmin Forerunner 220" || m.SerialNumber != "3888752595" || m.Manufacturer != "" ||
			m.Names.Notes != "Recovery run; felt easy" || m.Names.Workout != "Easy 30" {
			t.Errorf("metadata %+v", m)
		}
		if a.Pauses != nil || a.Warnings != nil {
			t.Errorf("pauses %v, warnings %q", a.Pauses, a.Warnings)
		}
	}},
	{"TPX with ns3 prefix", tpxPrefixed, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "speed", a.Samples.Speed, []float64{2.5, 2.75})
		eqFloats(t, "cadence", a.Samples.Cadence, []float64{80, 88}) // Cadence wins over RunCadence
	}},
	{"TPX in the default namespace", tpxDefaultNS, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "speed", a.Samples.Speed, []float64{2.5, 2.75})
		eqFloats(t, "cadence", a.Samples.Cadence, []float64{80, nan})
	}},
	{"TPX with another or an unbound prefix", tpxOtherPrefix, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "speed", a.Samples.Speed, []float64{2.5, 2.75})
		eqFloats(t, "cadence", a.Samples.Cadence, []float64{80, nan})
	}},
	{"two tracks in a lap make a pause", twoTracks, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "time", a.Samples.Time, []float64{0, 2, 62.25, 64, 97})
		want := []activity.Pause{{Start: 2, End: 62.25, Kind: activity.PauseTrack}}
		if len(a.Pauses) != 1 || a.Pauses[0] != want[0] {
			t.Errorf("pauses %+v, want %+v (none at the lap boundary)", a.Pauses, want)
		}
	}},
	{"multisport session", doc(multiSportDoc), func(t *testing.T, a *activity.Activity) {
		want := []activity.Session{
			{Sport: "Biking", Start: 0, First: 0, End: 2},
			{Sport: "Transition", Start: 2, First: 2, End: 3},
			{Sport: "Running", Start: 5, First: 3, End: 5},
		}
		if len(a.Sessions) != len(want) {
			t.Fatalf("%d sessions, want %d", len(a.Sessions), len(want))
		}
		for i, w := range want {
			g := a.Sessions[i]
			if g.Sport != w.Sport || g.Start != w.Start || g.First != w.First || g.End != w.End {
				t.Errorf("session %d: %+v, want %+v", i, g, w)
			}
		}
		if d := a.Sessions[2].Totals.Distance; d != 10 {
			t.Errorf("running distance %v", d)
		}
		if a.Meta.Sport != "MultiSport" || a.Meta.Names.Notes != "brick" || len(a.Laps) != 3 {
			t.Errorf("meta %+v, %d laps", a.Meta, len(a.Laps))
		}
		eqFloats(t, "cadence", a.Samples.Cadence, []float64{90, 91, nan, nan, nan})
		eqFloats(t, "heart rate", a.Samples.HeartRate, []float64{nan, nan, nan, 140, 141})
		if a.Pauses != nil {
			t.Errorf("pauses %+v: session boundaries are not pauses", a.Pauses)
		}
	}},
	{"two activities", twoActivities, func(t *testing.T, a *activity.Activity) {
		if len(a.Sessions) != 2 || a.Sessions[0].Sport != "Biking" || a.Sessions[1].Sport != "Running" ||
			a.Sessions[1].First != 2 || a.Sessions[1].Start != 3600 {
			t.Errorf("sessions %+v", a.Sessions)
		}
		if a.Meta.Sport != "" {
			t.Errorf("sport %q for two activities of different sports", a.Meta.Sport)
		}
	}},
	{"offsets and fractional seconds exact", exactTimes, func(t *testing.T, a *activity.Activity) {
		if got := a.Start.Format(time.RFC3339Nano); got != "2021-03-04T10:00:00.123456789+02:00" {
			t.Errorf("start %s", got)
		}
		if _, off := a.Start.Zone(); off != 7200 {
			t.Errorf("start offset %d", off)
		}
		want := []string{"2021-03-04T08:00:00.123456789Z", "2021-03-04T08:00:01.5Z", "2021-03-04T08:00:02Z"}
		for i, w := range want {
			if got := a.TimeAt(a.Samples.Time[i]).UTC().Format(time.RFC3339Nano); got != w {
				t.Errorf("sample %d at %s, want %s", i, got, w)
			}
		}
		eqFloats(t, "time", a.Samples.Time, []float64{0, 1.376543211, 1.876543211})
	}},
	{"times without offset read as UTC", noZone, func(t *testing.T, a *activity.Activity) {
		if a.Start.Location() != time.UTC || a.Start.Hour() != 13 {
			t.Errorf("start %v", a.Start)
		}
		eqFloats(t, "time", a.Samples.Time, []float64{0, 1.25})
		wantWarning(t, a, "no UTC offset")
	}},
	{"channels missing per sample are NaN, absent channels nil", missingValues, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "lat", a.Samples.Lat, []float64{40.5, nan, 40.6})
		eqFloats(t, "lon", a.Samples.Lon, []float64{-105.25, nan, -105.26})
		eqFloats(t, "altitude", a.Samples.Altitude, []float64{nan, 1626, 1627.5})
		if a.Samples.HeartRate != nil || a.Samples.Speed != nil || a.Samples.Distance != nil || a.Samples.Cadence != nil {
			t.Errorf("absent channels not nil: %+v", a.Samples)
		}
	}},
	{"time-only trackpoints are kept", timeOnly, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "time", a.Samples.Time, []float64{0, 1, 5})
		eqFloats(t, "heart rate", a.Samples.HeartRate, []float64{100, nan, 102})
		if a.Warnings != nil {
			t.Errorf("warnings %q", a.Warnings)
		}
	}},
	{"trackpoints without a time are dropped", noTime, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "heart rate", a.Samples.HeartRate, []float64{100, 102})
		wantWarning(t, a, "dropped 1 trackpoint without a Time")
		wantWarning(t, a, `dropped 1 trackpoint whose Time is not a valid date-time (the first: "yesterday")`)
	}},
	{"times going backwards keep their order", backwards, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "time", a.Samples.Time, []float64{0, 2, 1, 3})
		wantWarning(t, a, "1 sample goes back in time (the first is sample 2")
	}},
	{"unreadable numbers are NaN", badNumbers, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "heart rate", a.Samples.HeartRate, nil)
		eqFloats(t, "altitude", a.Samples.Altitude, nil)
		eqFloats(t, "distance", a.Samples.Distance, []float64{12.5, nan})
		wantWarning(t, a, `4 values are not a finite number (or a negative duration) and read as missing (the first: <Value>"abc")`)
	}},
	{"UTF-8 byte order mark", "\ufeff" + run(tp("2021-04-16T13:37:53Z", "")), func(t *testing.T, a *activity.Activity) {
		if a.Samples.Len() != 1 {
			t.Errorf("%d samples", a.Samples.Len())
		}
	}},
	{"byte order mark without declaration", "\ufeff<TrainingCenterDatabase><Activities><Activity><Lap><Track>" +
		tp("2021-04-16T13:37:53Z", "") + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>", func(t *testing.T, a *activity.Activity) {
		if a.Samples.Len() != 1 || a.Laps[0].Start != 0 || a.Sessions[0].Start != 0 {
			t.Errorf("%d samples, laps %+v, sessions %+v", a.Samples.Len(), a.Laps, a.Sessions)
		}
		wantWarning(t, a, "1 lap has no valid StartTime")
	}},
	{"ISO-8859-1", latin1, func(t *testing.T, a *activity.Activity) {
		if a.Meta.Names.Notes != "café" {
			t.Errorf("notes %q", a.Meta.Names.Notes)
		}
	}},
	{"Windows-1252", windows1252Doc, func(t *testing.T, a *activity.Activity) {
		if a.Meta.Names.Notes != "“quoted” €" {
			t.Errorf("notes %q", a.Meta.Names.Notes)
		}
	}},
	{"comments, CDATA, prefixes, unknown elements", oddMarkup, func(t *testing.T, a *activity.Activity) {
		eqFloats(t, "heart rate", a.Samples.HeartRate, []float64{99})
		if a.Meta.Names.Notes != "a <b> & c" || a.Meta.Sport != "Other" || a.Warnings != nil {
			t.Errorf("notes %q, sport %q, warnings %q", a.Meta.Names.Notes, a.Meta.Sport, a.Warnings)
		}
	}},
	{"content after the root element", trailing, func(t *testing.T, a *activity.Activity) {
		wantWarning(t, a, "content after the end of the TrainingCenterDatabase element was ignored")
	}},
}

func TestDecode(t *testing.T) {
	for _, tt := range decodeCases {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.input)
			orig := bytes.Clone(in)
			a, err := Decode(bytes.NewReader(in))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !bytes.Equal(in, orig) {
				t.Fatal("the input was modified")
			}
			checkActivity(t, a)
			tt.check(t, a)
		})
	}
}

// eqFloats compares float slices, NaN equal to NaN; want nil means the
// column must be nil.
func eqFloats(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if want == nil {
		if got != nil {
			t.Errorf("%s = %v, want nil", name, got)
		}
		return
	}
	if len(got) != len(want) {
		t.Errorf("%s = %v, want %v", name, got, want)
		return
	}
	for i := range got {
		if !(got[i] == want[i] || math.IsNaN(got[i]) && math.IsNaN(want[i])) && math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, got, want)
			return
		}
	}
}

func wantTotals(t *testing.T, name string, got, want activity.Totals) {
	t.Helper()
	g := []float64{got.ElapsedTime, got.TimerTime, got.MovingTime, got.Distance, got.AvgSpeed, got.MaxSpeed,
		got.AvgHeartRate, got.MaxHeartRate, got.AvgCadence, got.Ascent, got.Descent, got.Calories}
	w := []float64{want.ElapsedTime, want.TimerTime, want.MovingTime, want.Distance, want.AvgSpeed, want.MaxSpeed,
		want.AvgHeartRate, want.MaxHeartRate, want.AvgCadence, want.Ascent, want.Descent, want.Calories}
	for i := range g {
		if !(g[i] == w[i] || math.IsNaN(g[i]) && math.IsNaN(w[i])) && math.Abs(g[i]-w[i]) > 1e-9 {
			t.Errorf("%s totals %+v, want %+v", name, got, want)
			return
		}
	}
}

func wantWarning(t *testing.T, a *activity.Activity, sub string) {
	t.Helper()
	for _, w := range a.Warnings {
		if strings.Contains(w, sub) {
			return
		}
	}
	t.Errorf("no warning contains %q: %q", sub, a.Warnings)
}

// errorCases are inputs that must fail, with the sentinel and a part of the
// message.
var errorCases = []struct {
	name    string
	input   string
	dec     Decoder
	want    error
	message string
}{
	{"course", courseDoc, Decoder{}, activity.ErrNotActivity, "the file holds Courses"},
	{"empty activities", doc(""), Decoder{}, activity.ErrNotActivity, "no Activities/Activity"},
	{"no trackpoints", doc(`<Activity Sport="Running"><Lap StartTime="2021-04-16T13:37:53Z"><TotalTimeSeconds>1</TotalTimeSeconds><Track/></Lap></Activity>`),
		Decoder{}, activity.ErrNoSamples, "no trackpoints"},
	{"no usable times", run(`<Trackpoint><HeartRateBpm><Value>1</Value></HeartRateBpm></Trackpoint>`, tp("13:37", "")),
		Decoder{}, activity.ErrNoTimestamps, "none of the 2 trackpoints"},
	{"truncated", run(tp("2021-04-16T13:37:53Z", ""), tp("2021-04-16T13:37:54Z", ""))[:300], Decoder{}, activity.ErrTruncated, "unexpected EOF"},
	{"empty", "", Decoder{}, activity.ErrTruncated, "empty"},
	{"white space", " \n\t", Decoder{}, activity.ErrTruncated, "empty"},
	{"garbage", "\x00\x01\x02garbage", Decoder{}, activity.ErrMalformed, "not XML"},
	{"text", "hello, world", Decoder{}, activity.ErrMalformed, "not XML"},
	{"text before the declaration", "x\n" + run(tp("2021-04-16T13:37:53Z", "")), Decoder{}, activity.ErrMalformed, "not XML"},
	{"white space and text before the declaration", "  x" + run(tp("2021-04-16T13:37:53Z", "")), Decoder{}, activity.ErrMalformed, "not XML"},
	{"declaration inside", "<TrainingCenterDatabase><?xml version=\"1.0\"?></TrainingCenterDatabase>", Decoder{}, activity.ErrMalformed, "XML declaration"},
	{"mismatched tags", doc(`<Activity></Lap>`), Decoder{}, activity.ErrMalformed, "element <Activity> closed by </Lap>"},
	{"mismatched prefixes", doc(`<a:Activity></b:Activity>`), Decoder{}, activity.ErrMalformed, "element <a:Activity> closed by </b:Activity>"},
	{"end tag first", `</TrainingCenterDatabase>`, Decoder{}, activity.ErrMalformed, "unexpected end element"},
	{"two roots", `<TrainingCenterDatabase/><TrainingCenterDatabase/>`, Decoder{}, activity.ErrNotActivity, "no Activities"},
	{"bad entity", doc(`<Activity><Notes>&nbsp;</Notes></Activity>`), Decoder{}, activity.ErrMalformed, "entity"},
	{"GPX", `<?xml version="1.0"?><gpx version="1.1"><trk/></gpx>`, Decoder{}, activity.ErrMalformed, "not a TCX file"},
	{"UTF-16", "\xff\xfe<\x00?\x00x\x00m\x00l\x00", Decoder{}, activity.ErrMalformed, "UTF-16"},
	{"unsupported encoding", `<?xml version="1.0" encoding="EBCDIC"?><TrainingCenterDatabase/>`, Decoder{}, activity.ErrMalformed, "unsupported encoding"},
	{"max samples", run(tp("2021-04-16T13:37:53Z", ""), tp("2021-04-16T13:37:54Z", ""), tp("2021-04-16T13:37:55Z", "")),
		Decoder{MaxSamples: 2}, activity.ErrLimit, "more than 2 trackpoints; raise tcxio.Decoder.MaxSamples"},
	{"max laps", doc(`<Activity>` + strings.Repeat(`<Lap/>`, 3) + `</Activity>`), Decoder{MaxSamples: 2}, activity.ErrLimit,
		"more than 2 laps (MaxSamples bounds laps and activities too); raise tcxio.Decoder.MaxSamples"},
	{"max activities", doc(strings.Repeat(`<Activity/>`, 3)), Decoder{MaxSamples: 2}, activity.ErrLimit, "more than 2 activities"},
	{"deep nesting", doc(strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100)), Decoder{}, activity.ErrLimit,
		"deeper than 64; raise tcxio.Decoder.MaxDepth"},
	{"deep nesting, own limit", run(tp("2021-04-16T13:37:53Z", "<Extensions><ns3:TPX><ns3:Speed>1</ns3:Speed></ns3:TPX></Extensions>")),
		Decoder{MaxDepth: 8}, activity.ErrLimit, "deeper than 8"},
	{"huge text", doc(`<Activity><Notes>` + strings.Repeat("x", 2<<20) + `</Notes></Activity>`), Decoder{}, activity.ErrLimit,
		"longer than 1048576 bytes; raise tcxio.Decoder.MaxTokenSize"},
	{"huge attribute", doc(`<Activity Sport="` + strings.Repeat("x", 5000) + `"/>`), Decoder{MaxTokenSize: 4096}, activity.ErrLimit, "longer than 4096 bytes"},
	{"huge comment", doc(`<!--` + strings.Repeat("<>", 5000) + `-->`), Decoder{MaxTokenSize: 4096}, activity.ErrLimit, "tcxio.Decoder.MaxTokenSize"},
	{"huge text in pieces", doc(`<Activity><Notes>` + strings.Repeat("x<!---->", 1000) + `</Notes></Activity>`), Decoder{MaxTokenSize: 512},
		activity.ErrLimit, "element text longer than 512 bytes"},
}

func TestDecodeErrors(t *testing.T) {
	for _, tt := range errorCases {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.dec
			a, err := d.Decode(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("no error; activity %+v", a)
			}
			checkError(t, err)
			if a != nil {
				t.Error("an activity with an error")
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not contain %q", err, tt.message)
			}
			var le *activity.LimitError
			if tt.want == activity.ErrLimit && (!errors.As(err, &le) || !strings.HasPrefix(le.Limit, "tcxio.Decoder.Max")) {
				t.Errorf("limit error %v: the cause is not a LimitError naming a tcxio.Decoder field", err)
			}
		})
	}
}

// TestDecodeErrorFields checks the offset and element of an error.
func TestDecodeErrorFields(t *testing.T) {
	in := doc(`<Activity><Lap><Track><Trackpoint><Time>x</Tim></Trackpoint></Track></Lap></Activity>`)
	_, err := Decode(strings.NewReader(in))
	var fe *activity.FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v", err)
	}
	if fe.Element != "Time" || fe.Offset != int64(strings.Index(in, "</Tim>")) || !strings.Contains(err.Error(), "element <Time> closed by </Tim>") {
		t.Errorf("element %q at %d, error %v", fe.Element, fe.Offset, err)
	}
	for _, kind := range []error{activity.ErrNotActivity, activity.ErrNoSamples} {
		in := courseDoc
		if kind == activity.ErrNoSamples {
			in = doc(`<Activity/>`)
		}
		_, err := Decode(strings.NewReader(in))
		if !errors.As(err, &fe) || fe.Kind != kind || fe.Offset != -1 {
			t.Errorf("%v: offset %d", err, fe.Offset)
		}
	}
}

// TestTruncatedEverywhere cuts a document at every byte before its root
// element ends: each cut must be ErrTruncated.
func TestTruncatedEverywhere(t *testing.T) {
	full := "\ufeff" + doc(lapsDoc)
	end := strings.LastIndex(full, "</TrainingCenterDatabase>") + len("</TrainingCenterDatabase>")
	for i := 0; i < end; i++ {
		_, err := Decode(strings.NewReader(full[:i]))
		checkError(t, err)
		if !errors.Is(err, activity.ErrTruncated) {
			t.Fatalf("cut at %d (%q): %v", i, full[max(0, i-20):i], err)
		}
	}
	a, err := Decode(strings.NewReader(full[:end]))
	if err != nil || a.Samples.Len() != 3 {
		t.Fatalf("complete document: %v", err)
	}
}

// TestReaderError checks that a failing reader yields ErrTruncated wrapping
// the reader's error, and that a reader returning one byte at a time or data
// with its error gives the same activity.
func TestReaderError(t *testing.T) {
	boom := errors.New("disk on fire")
	in := doc(lapsDoc)
	_, err := Decode(io.MultiReader(strings.NewReader(in[:200]), iotest.ErrReader(boom)))
	checkError(t, err)
	if !errors.Is(err, activity.ErrTruncated) || !errors.Is(err, boom) {
		t.Errorf("error %v, want ErrTruncated wrapping the reader's error", err)
	}
	_, err = Decode(iotest.ErrReader(boom))
	if !errors.Is(err, activity.ErrTruncated) || !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
	for name, r := range map[string]io.Reader{
		"one byte":    iotest.OneByteReader(strings.NewReader(in)),
		"data + EOF":  iotest.DataErrReader(strings.NewReader(in)),
		"half reader": iotest.HalfReader(strings.NewReader(in)),
	} {
		a, err := Decode(r)
		if err != nil || a.Samples.Len() != 3 || len(a.Laps) != 2 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestDecoderLimitsExact checks that the limits are inclusive: a file at the
// limit decodes.
func TestDecoderLimitsExact(t *testing.T) {
	in := run(tp("2021-04-16T13:37:53Z", ""), tp("2021-04-16T13:37:54Z", ""))
	if _, err := (&Decoder{MaxSamples: 2}).Decode(strings.NewReader(in)); err != nil {
		t.Errorf("MaxSamples 2, 2 samples: %v", err)
	}
	// Trackpoint/Time nests 7 deep in this document.
	if _, err := (&Decoder{MaxDepth: 7}).Decode(strings.NewReader(in)); err != nil {
		t.Errorf("MaxDepth 7: %v", err)
	}
	if _, err := (&Decoder{MaxDepth: 6}).Decode(strings.NewReader(in)); !errors.Is(err, activity.ErrLimit) {
		t.Errorf("MaxDepth 6: %v", err)
	}
}

// TestSpaceBeforeDeclaration reads a document with white space before its XML
// declaration, as Polar's V800 writes it, and says so in a warning.
func TestSpaceBeforeDeclaration(t *testing.T) {
	for _, prefix := range []string{"          ", " \r\n\t", "\ufeff  "} {
		a, err := Decode(strings.NewReader(prefix + run(tp("2021-04-16T13:37:53Z", ""), tp("2021-04-16T13:37:54Z", ""))))
		if err != nil {
			t.Fatalf("prefix %q: %v", prefix, err)
		}
		if a.Samples.Len() != 2 {
			t.Errorf("prefix %q: %d samples, want 2", prefix, a.Samples.Len())
		}
		wantWarning(t, a, "white space comes before the XML declaration")
	}
}

// TestSingleByteOffsets checks that error offsets in a single-byte
// encoding count the input's bytes, as gpxio's do: a Latin-1 document
// fails at the offset an ASCII document of the same length fails at.
func TestSingleByteOffsets(t *testing.T) {
	body := `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Notes>` + strings.Repeat("\xe9", 1000) +
		`</Notes><Lap><Track>` + tp("2021-04-16T13:37:53Z", "") + tp("2021-04-16T13:37:54Z", "") +
		`</Track></Lap></Activity></Activities></TrainingCenterDatabase>`
	latin1 := `<?xml version="1.0" encoding="ISO-8859-1"?>` + body
	ascii := `<?xml version="1.0" encoding="UTF-8"     ?>` + strings.ReplaceAll(body, "\xe9", "e")
	if len(latin1) != len(ascii) {
		t.Fatalf("documents of %d and %d bytes", len(latin1), len(ascii))
	}
	d := Decoder{MaxSamples: 1}
	_, lerr := d.Decode(strings.NewReader(latin1))
	_, aerr := d.Decode(strings.NewReader(ascii))
	var le, ae *activity.FormatError
	if !errors.As(lerr, &le) || !errors.As(aerr, &ae) {
		t.Fatalf("errors %v and %v", lerr, aerr)
	}
	if le.Offset != ae.Offset || le.Offset < int64(strings.Index(ascii, "<Trackpoint>")) {
		t.Errorf("Latin-1 error at byte %d, ASCII error at byte %d", le.Offset, ae.Offset)
	}
}
