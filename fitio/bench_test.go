package fitio_test

import (
	"bytes"
	"testing"

	"github.com/runcheck/runcheck/fitio"
)

// benchSamples is the benchmark's run: three hours at 1 Hz.
const benchSamples = 3 * 3600

// TestBenchmarkInput checks that the benchmark's file decodes right.
func TestBenchmarkInput(t *testing.T) {
	a, err := fitio.Decode(bytes.NewReader(encode(t, run(benchSamples))))
	if err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, a)
	s := a.Samples
	last := benchSamples - 1
	if s.Len() != benchSamples || s.Time[last] != float64(last) || s.Distance[last] != 2.5*float64(last) ||
		len(a.Sessions) != 1 || a.Sessions[0].End != benchSamples {
		t.Errorf("%d samples, last at %v s and %v m, sessions %+v", s.Len(), s.Time[last], s.Distance[last], a.Sessions)
	}
}

func BenchmarkDecode(b *testing.B) {
	file := encode(b, run(benchSamples))
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fitio.Decode(bytes.NewReader(file)); err != nil {
			b.Fatal(err)
		}
	}
}
