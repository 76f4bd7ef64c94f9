package gpxio_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/gpxio"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// FuzzDecode checks that no input panics the decoder, that every error is a
// *activity.FormatError matching exactly one sentinel, and that every decoded
// activity is well formed (wellFormed, which applies activity.Validate). It
// is seeded from the table test's inputs, a short generated run, the GPX
// fixtures of ../testdata/runs (it fails when there are none) and, when
// RUNCHECK_CORPUS is set, the corpus's GPX files under 1 MB.
func FuzzDecode(f *testing.F) {
	seeds := activitytest.AddFileSeeds(f, "gpx")
	for _, tc := range cases() {
		if len(tc.in) > 64<<10 {
			continue // the limit cases; too big to mutate usefully
		}
		f.Add([]byte(tc.in))
		seeds++
	}
	f.Add(genRun(5))
	seeds++
	if seeds < 10 {
		f.Fatalf("only %d seeds: the seed corpus has gone missing", seeds)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		d := gpxio.Decoder{MaxSamples: 10_000, MaxDepth: 64, MaxTokenSize: 64 << 10}
		a, err := d.Decode(bytes.NewReader(data))
		if !bytes.Equal(data, orig) {
			t.Fatal("Decode modified its input")
		}
		if err != nil {
			if a != nil {
				t.Fatal("activity returned with an error")
			}
			checkError(t, err)
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("recovered panic: %v", err)
			}
			return
		}
		if err := wellFormed(a); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzFastReader checks that the fast reader agrees with the reference
// reader: the identical activity, or the identical error (see checkSame),
// under the default limits and under tight ones that put the limits within
// reach of small inputs. It is seeded from the differential test's inputs
// (diffInputs, which fails when the fixtures are missing): those up to
// 64 KiB whole, and every one cut down to its first three track points, so
// that the fuzzer mutates small documents; and from the regression seeds in
// testdata/fuzz.
func FuzzFastReader(f *testing.F) {
	in, _ := diffInputs(f)
	seeds := 0
	for _, x := range in {
		if len(x.data) <= 64<<10 {
			f.Add(x.data)
			seeds++
		}
		if small := firstPoints(x.data, 3); small != nil {
			f.Add(small)
			seeds++
		}
	}
	if seeds < 10 {
		f.Fatalf("only %d seeds: the seed corpus has gone missing", seeds)
	}
	decoders := []gpxio.Decoder{
		{MaxSamples: 10_000},
		{MaxSamples: 4, MaxDepth: 9, MaxTokenSize: 200},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range decoders {
			checkSame(t, "input", d, data, false)
		}
	})
}

// firstPoints returns doc cut down to its first n track points: the text
// before the (n+1)th <trkpt and the text after the last </trkpt>. It
// returns nil when doc has no more than n points.
func firstPoints(doc []byte, n int) []byte {
	cut := 0
	for range n + 1 {
		i := bytes.Index(doc[cut:], []byte("<trkpt"))
		if i < 0 {
			return nil
		}
		cut += i + 1
	}
	cut--
	last := bytes.LastIndex(doc, []byte("</trkpt>"))
	if last < cut {
		return nil
	}
	return append(bytes.Clone(doc[:cut]), doc[last+len("</trkpt>"):]...)
}
