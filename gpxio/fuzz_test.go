package gpxio_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/gpxio"
)

// FuzzDecode checks that no input panics the decoder, that every error is a
// *activity.FormatError matching exactly one sentinel, and that every decoded
// activity is well formed (wellFormed, which applies activity.Validate). It
// is seeded from the table test's inputs, a short generated run, the GPX
// fixtures of ../testdata/runs (it fails when there are none) and, when
// RUNCHECK_CORPUS is set, the corpus's GPX files under 1 MB.
func FuzzDecode(f *testing.F) {
	fixtures, err := filepath.Glob(filepath.Join("..", "testdata", "runs", "*.gpx"))
	if err != nil || len(fixtures) == 0 {
		f.Fatal("no ../testdata/runs/*.gpx fixtures: the seed corpus has gone missing")
	}
	if dir := os.Getenv("RUNCHECK_CORPUS"); dir != "" {
		for _, sub := range []string{"gpx", "broken"} {
			m, err := filepath.Glob(filepath.Join(dir, sub, "*.gpx"))
			if err != nil {
				f.Fatal(err)
			}
			fixtures = append(fixtures, m...)
		}
	}
	seeds := 0
	for _, path := range fixtures {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) <= 1<<20 {
			f.Add(b)
			seeds++
		}
	}
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
