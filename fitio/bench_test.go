package fitio_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/fitio"
	"github.com/runcheck/runcheck/internal/fixture"
)

// benchFIT returns the tier's steady run as a FIT file.
func benchFIT(tb testing.TB, tier fixture.SteadyTier) []byte {
	tb.Helper()
	data, err := tier.File(activity.FormatFIT)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// TestBenchInput proves that every benchmark input decodes correctly: the
// expected number of samples at 1 Hz with the pause, one session and one
// pause, the fast path taken and its result identical to the library
// path's.
func TestBenchInput(t *testing.T) {
	for _, tier := range fixture.SteadyTiers {
		if testing.Short() && tier.Timer > 3*time.Hour {
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
		half := tier.Timer.Seconds() / 2
		if n != tier.Samples || s.Time[n-1] != tier.Timer.Seconds()+60 || len(a.Sessions) != 1 ||
			len(a.Pauses) != 1 || a.Pauses[0].Start != half || a.Pauses[0].End != half+60 {
			t.Errorf("%s: %d samples, last at %v s, %d sessions, pauses %+v", tier.Name, n, s.Time[n-1], len(a.Sessions), a.Pauses)
		}
		if !checkSamePaths(t, fitio.Decoder{}, tier.Name, data) {
			t.Errorf("%s: the fast path declined the benchmark input", tier.Name)
		}
	}
}

// BenchmarkDecode decodes each tier with DecodeBytes, which takes the fast
// path, from the bytes in memory as BenchmarkDecodeLibrary does.
func BenchmarkDecode(b *testing.B) {
	for _, tier := range fixture.SteadyTiers {
		data := benchFIT(b, tier)
		b.Run(tier.Name, func(b *testing.B) {
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
	for _, tier := range fixture.SteadyTiers {
		data := benchFIT(b, tier)
		b.Run(tier.Name, func(b *testing.B) {
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
