package gpxio_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/gpxio"
)

func ExampleDecode() {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Example Watch" xmlns="http://www.topografix.com/GPX/1/1"
     xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <trk>
    <name>Recovery run</name>
    <type>running</type>
    <trkseg>
      <trkpt lat="46.0500" lon="14.5000"><ele>295.0</ele><time>2024-05-12T07:30:00+02:00</time>
        <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>118</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>
      </trkpt>
      <trkpt lat="46.0501" lon="14.5001"><ele>295.4</ele><time>2024-05-12T07:30:01.500+02:00</time>
        <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>121</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>
      </trkpt>
    </trkseg>
    <trkseg>
      <trkpt lat="46.0510" lon="14.5010"><ele>296.0</ele><time>2024-05-12T07:31:00+02:00</time></trkpt>
    </trkseg>
  </trk>
</gpx>`
	a, err := gpxio.Decode(strings.NewReader(doc))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("start:", a.Start.Format(time.RFC3339Nano))
	fmt.Printf("%s (%s), recorded by %s\n", a.Meta.Names.Track, a.Meta.Sport, a.Meta.Product)
	for i, t := range a.Samples.Time {
		fmt.Printf("%4.1f s  %5.1f m  %3.0f bpm\n", t, a.Samples.Altitude[i], a.Samples.HeartRate[i])
	}
	for _, p := range a.Pauses {
		fmt.Printf("%s pause from %.1f s to %.1f s\n", p.Kind, p.Start, p.End)
	}

	_, err = gpxio.Decode(strings.NewReader(`<gpx><rte><rtept lat="1" lon="2"/></rte></gpx>`))
	fmt.Println(errors.Is(err, activity.ErrNotActivity), err)
	// Output:
	// start: 2024-05-12T07:30:00+02:00
	// Recovery run (running), recorded by Example Watch
	//  0.0 s  295.0 m  118 bpm
	//  1.5 s  295.4 m  121 bpm
	// 60.0 s  296.0 m  NaN bpm
	// segment pause from 1.5 s to 60.0 s
	// true gpx: not an activity file: no track, only 1 routes and 0 waypoints
}

func ExampleDecoder() {
	doc := `<gpx><trk><trkseg>` + strings.Repeat(`<trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time></trkpt>`, 3) + `</trkseg></trk></gpx>`
	d := gpxio.Decoder{MaxSamples: 2}
	_, err := d.Decode(strings.NewReader(doc))
	fmt.Println(errors.Is(err, activity.ErrLimit))
	fmt.Println(err)
	// Output:
	// true
	// gpx: trkpt: at byte 146: limit exceeded: more than 2 track points; raise gpxio.Decoder.MaxSamples
}
