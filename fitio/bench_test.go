package fitio_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/runcheck/runcheck/fitio"
	"github.com/runcheck/runcheck/internal/fixture"
)

// benchTier is one size of benchmark input: a steady run of the given timer
// time from fixture.SteadyRun, recorded at 1 Hz with one 60-second pause, so
// it has timer + 2 samples (the pause's first and last second are both
// recorded).
type benchTier struct {
	name    string
	timer   time.Duration
	samples int
}

var benchTiers = []benchTier{
	{"30min", 30 * time.Minute, 1802},
	{"3h", 3 * time.Hour, 10802},
	{"24h", 24 * time.Hour, 86402},
}

// benchFIT returns the FIT rendering of the tier's steady run.
func benchFIT(tb testing.TB, tier benchTier) []byte {
	tb.Helper()
	d, err := fixture.SteadyRun("steady", tier.timer)
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if err := fixture.WriteFIT(&b, d); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// TestBenchInput proves that every benchmark input decodes correctly: the
// expected number of samples at 1 Hz with the pause, one session and one
// pause, the fast path taken and its result identical to the library
// path's.
func TestBenchInput(t *testing.T) {
	for _, tier := range benchTiers {
		if testing.Short() && tier.timer > 3*time.Hour {
			continue
		}
		data := benchFIT(t, tier)
		a, err := fitio.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		checkWellFormed(t, a)
		s := a.Samples
		n := s.Len()
		half := tier.timer.Seconds() / 2
		if n != tier.samples || s.Time[n-1] != tier.timer.Seconds()+60 || len(a.Sessions) != 1 ||
			len(a.Pauses) != 1 || a.Pauses[0].Start != half || a.Pauses[0].End != half+60 {
			t.Errorf("%s: %d samples, last at %v s, %d sessions, pauses %+v", tier.name, n, s.Time[n-1], len(a.Sessions), a.Pauses)
		}
		if !checkSamePaths(t, fitio.Decoder{}, tier.name, data) {
			t.Errorf("%s: the fast path declined the benchmark input", tier.name)
		}
	}
}

// BenchmarkDecode decodes each tier with DecodeBytes, which takes the fast
// path, from the bytes in memory as BenchmarkDecodeLibrary does.
func BenchmarkDecode(b *testing.B) {
	for _, tier := range benchTiers {
		data := benchFIT(b, tier)
		b.Run(tier.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var d fitio.Decoder
			for b.Loop() {
				if _, err := d.DecodeBytes(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeLibrary decodes each tier by the library path, the
// reference the fast path is measured against.
func BenchmarkDecodeLibrary(b *testing.B) {
	for _, tier := range benchTiers {
		data := benchFIT(b, tier)
		b.Run(tier.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := fitio.DecodeLibrary(fitio.Decoder{}, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
