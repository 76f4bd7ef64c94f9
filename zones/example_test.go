package zones_test

import (
	"fmt"
	"log"
	"math"

	"github.com/runcheck/runcheck/zones"
)

// Garmin's default zones for a max heart rate of 190 bpm, and the zone of
// each sample of a short series. 114 bpm is exactly 60 %: it opens zone 2.
// 195 bpm is above max and still counts in zone 5, the open top zone.
func ExampleHRMax() {
	z, err := zones.HRMax(190, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("bounds:", z.Bounds)

	hr := []float64{88, 96, 113, 114, 150, 171, 195}
	for _, v := range hr {
		fmt.Printf("%v bpm: %s\n", v, z.Names[z.Zone(v)])
	}
	fmt.Println("samples per zone:", z.TimeIn(nil, hr, nil))
	// Output:
	// bounds: [95 114 133 152 171]
	// 88 bpm: Z0
	// 96 bpm: Z1
	// 113 bpm: Z1
	// 114 bpm: Z2
	// 150 bpm: Z3
	// 171 bpm: Z5
	// 195 bpm: Z5
	// samples per zone: [1 2 1 1 0 2]
}

// Time in zone with each sample weighted by the seconds it lasts, as smart
// recording writes samples at irregular intervals. The sample whose heart
// rate was a dropout (NaN) is left out, with its 5 seconds.
func ExampleTimeIn() {
	bounds := []float64{95, 114, 133, 152, 171} // HRMax(190, nil)
	hr := []float64{100, 120, math.NaN(), 150, 165, 180}
	dt := []float64{10, 20, 5, 30, 25, 15} // seconds to the next sample

	secs := zones.TimeIn(nil, bounds, hr, dt)
	share := zones.Share(nil, secs)
	for i := range secs {
		fmt.Printf("Z%d %3.0f s %3.0f %%\n", i, secs[i], 100*share[i])
	}
	// Output:
	// Z0   0 s   0 %
	// Z1  10 s  10 %
	// Z2  20 s  20 %
	// Z3  30 s  30 %
	// Z4  25 s  25 %
	// Z5  15 s  15 %
}

// A recovery check for a recreational runner with a 25:00 5K (5:00/km):
// pace zones 90 to 120 s/km slower than 5K pace. Zone 0 is too fast.
func ExamplePace() {
	z, err := zones.Pace(300, []float64{90, 120})
	if err != nil {
		log.Fatal(err)
	}
	pace := []float64{372, 395, 410, 425, math.Inf(1)} // s/km; +Inf is a stop
	dt := []float64{60, 300, 600, 120, 30}
	secs := z.TimeIn(nil, pace, dt)
	fmt.Printf("too fast %v s, in band %v s, slower %v s\n", secs[0], secs[1], secs[2])
	// Output:
	// too fast 60 s, in band 900 s, slower 150 s
}

// The watch's own zones, read from a FIT time_in_zone message: a heart rate
// on a boundary counts in the zone above, and above the top (190) is the
// seventh zone, as Garmin watches count them.
func ExampleWatch() {
	z, err := zones.Watch([]float64{94, 113, 132, 151, 170, 190})
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range []float64{93, 94, 112, 113, 189, 190} {
		fmt.Printf("%v bpm: %s\n", v, z.Names[z.Zone(v)])
	}
	// Output:
	// 93 bpm: Z0
	// 94 bpm: Z1
	// 112 bpm: Z1
	// 113 bpm: Z2
	// 189 bpm: Z5
	// 190 bpm: Z6
}

// Friel's running zones for a lactate threshold heart rate of 170 bpm.
func ExampleFriel() {
	z, err := zones.Friel(170)
	if err != nil {
		log.Fatal(err)
	}
	for i, name := range z.Names {
		switch i {
		case 0:
			fmt.Printf("%-3s below %v bpm\n", name, z.Bounds[0])
		case len(z.Bounds):
			fmt.Printf("%-3s from %v bpm\n", name, z.Bounds[i-1])
		default:
			fmt.Printf("%-3s %v to %v bpm\n", name, z.Bounds[i-1], z.Bounds[i])
		}
	}
	// Output:
	// Z1  below 144.5 bpm
	// Z2  144.5 to 153 bpm
	// Z3  153 to 161.5 bpm
	// Z4  161.5 to 170 bpm
	// Z5a 170 to 175.1 bpm
	// Z5b 175.1 to 181.9 bpm
	// Z5c from 181.9 bpm
}

// The median and 90th percentile of heart rate over time, not over samples:
// the 600 s spent at 130 bpm outweigh the short surges.
func ExampleQuantiles() {
	hr := []float64{150, 130, 160, 135, math.NaN()}
	dt := []float64{30, 600, 20, 200, 10}
	q := zones.Quantiles(nil, []float64{0.5, 0.9}, hr, dt)
	fmt.Printf("median %v bpm, p90 %v bpm, mean %.1f bpm\n", q[0], q[1], zones.Mean(hr, dt))
	// Output:
	// median 130 bpm, p90 135 bpm, mean 132.6 bpm
}

// The constructors report bad settings as errors, not panics.
func Example_invalidSetting() {
	_, err := zones.HRR(65, 60, nil)
	fmt.Println(err)
	// Output:
	// zones: invalid setting: resting heart rate 65 bpm is not below max heart rate 60 bpm
}
