package tcxio

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/gpxio"
)

// TestTimesAgreeWithGPX decodes the same trackpoint times as TCX and as GPX,
// in every variant the XML input layer reads (separators, fractions,
// zones) and some it does not, and checks that both formats keep the same
// points at the same instants, with the same start, offset and location,
// and warn alike about times without a zone.
func TestTimesAgreeWithGPX(t *testing.T) {
	var texts []string
	for _, sep := range []string{"T", "t", " "} {
		for _, frac := range []string{"", ".5", ",25", ".123456789", ".1234567891"} {
			for _, zone := range []string{"", "Z", "z", "+02:00", "+0200", "+02", "-05:30", "+00:00", "-00:00"} {
				texts = append(texts, "2024-05-12"+sep+"10:00:00"+frac+zone)
			}
		}
	}
	texts = append(texts, " 2024-05-12T10:00:00Z\n", "2024-02-30T10:00:00Z", "2024-05-12T24:00:00Z",
		"2024-05-12T10:00:00.Z", "2024-05-12T10:00:00+2", "2024-05-12T10:00:00 Z", "yesterday")
	const next = "2024-05-12T10:00:01Z"
	for _, text := range texts {
		t.Run(text, func(t *testing.T) {
			tcx := run(tp(text, ""), tp(next, ""))
			gpx := `<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"><time>` + text +
				`</time></trkpt><trkpt lat="1" lon="2"><time>` + next + `</time></trkpt></trkseg></trk></gpx>`
			ta, terr := Decode(strings.NewReader(tcx))
			ga, gerr := gpxio.Decode(strings.NewReader(gpx))
			if terr != nil || gerr != nil {
				t.Fatalf("TCX error %v, GPX error %v", terr, gerr)
			}
			_, toff := ta.Start.Zone()
			_, goff := ga.Start.Zone()
			if !ta.Start.Equal(ga.Start) || toff != goff || (ta.Start.Location() == time.UTC) != (ga.Start.Location() == time.UTC) {
				t.Errorf("TCX starts at %v, GPX at %v", ta.Start.Format(time.RFC3339Nano), ga.Start.Format(time.RFC3339Nano))
			}
			if !slices.Equal(ta.Samples.Time, ga.Samples.Time) {
				t.Errorf("TCX times %v, GPX times %v", ta.Samples.Time, ga.Samples.Time)
			}
			if tz, gz := warns(ta.Warnings, "no UTC offset"), warns(ga.Warnings, "no UTC offset"); tz != gz {
				t.Errorf("a warning about the zone from TCX %v, from GPX %v", tz, gz)
			}
		})
	}
}

// warns reports whether a warning contains sub.
func warns(warnings []string, sub string) bool {
	return slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, sub) })
}
