package tcxio

import (
	"bytes"
	"testing"

	"github.com/runcheck/runcheck/internal/activitytest"
)

// FuzzDecode decodes arbitrary bytes: it must never panic (a recovered panic
// fails the test too), every error must be a FormatError matching exactly
// one sentinel, every activity must be well formed, and the input must be
// left as it was. It is seeded from the test tables, the TCX fixtures of
// ../testdata/runs (it fails when there are none) and, when RUNCHECK_CORPUS
// is set, the corpus's TCX files under 1 MB.
func FuzzDecode(f *testing.F) {
	seeds := activitytest.AddFileSeeds(f, "tcx")
	for _, c := range decodeCases {
		f.Add([]byte(c.input))
		seeds++
	}
	for _, c := range errorCases {
		if len(c.input) <= 64<<10 { // the huge-token cases would slow fuzzing down
			f.Add([]byte(c.input))
			seeds++
		}
	}
	if seeds < 20 {
		f.Fatalf("only %d seeds: the seed tables went missing", seeds)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		d := Decoder{MaxSamples: 5000, MaxTokenSize: 1 << 16}
		a, err := d.Decode(bytes.NewReader(data))
		if !bytes.Equal(data, orig) {
			t.Fatal("the input was modified")
		}
		if err != nil {
			checkError(t, err)
			if a != nil {
				t.Fatal("an activity with an error")
			}
			return
		}
		checkActivity(t, a)
	})
}
