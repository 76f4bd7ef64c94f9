package tcxio_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/runcheck/runcheck/tcxio"
)

func ExampleDecode() {
	const file = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
    xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
  <Activities>
    <Activity Sport="Running">
      <Id>2024-05-01T07:30:00+02:00</Id>
      <Notes>Recovery run</Notes>
      <Lap StartTime="2024-05-01T07:30:00+02:00">
        <TotalTimeSeconds>62</TotalTimeSeconds>
        <DistanceMeters>180</DistanceMeters>
        <MaximumHeartRateBpm><Value>128</Value></MaximumHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
          <Trackpoint>
            <Time>2024-05-01T07:30:00+02:00</Time>
            <DistanceMeters>0</DistanceMeters>
            <HeartRateBpm><Value>121</Value></HeartRateBpm>
            <Extensions><ns3:TPX><ns3:Speed>2.9</ns3:Speed><ns3:RunCadence>82</ns3:RunCadence></ns3:TPX></Extensions>
          </Trackpoint>
          <Trackpoint>
            <Time>2024-05-01T07:30:30.5+02:00</Time>
            <DistanceMeters>90</DistanceMeters>
            <HeartRateBpm><Value>128</Value></HeartRateBpm>
          </Trackpoint>
        </Track>
        <Track>
          <Trackpoint>
            <Time>2024-05-01T07:31:30.5+02:00</Time>
            <DistanceMeters>180</DistanceMeters>
            <HeartRateBpm><Value>125</Value></HeartRateBpm>
          </Trackpoint>
        </Track>
      </Lap>
    </Activity>
  </Activities>
</TrainingCenterDatabase>`

	a, err := tcxio.Decode(strings.NewReader(file))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("start:", a.Start)
	fmt.Println("sport:", a.Meta.Sport, "| notes:", a.Meta.Names.Notes)
	fmt.Println("time:", a.Samples.Time)
	fmt.Println("heart rate:", a.Samples.HeartRate)
	fmt.Println("speed:", a.Samples.Speed, "| altitude:", a.Samples.Altitude)
	fmt.Printf("pauses: %+v\n", a.Pauses)
	fmt.Println("laps:", len(a.Laps), "timer", a.Laps[0].Totals.TimerTime, "s, max HR", a.Laps[0].Totals.MaxHeartRate)
	// Output:
	// start: 2024-05-01 07:30:00 +0200 +0200
	// sport: Running | notes: Recovery run
	// time: [0 30.5 90.5]
	// heart rate: [121 128 125]
	// speed: [2.9 NaN NaN] | altitude: []
	// pauses: [{Start:30.5 End:90.5 Kind:track}]
	// laps: 1 timer 62 s, max HR 128
}
