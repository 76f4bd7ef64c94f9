package tcxio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode decodes arbitrary bytes: it must never panic (a recovered panic
// fails the test too), every error must be a FormatError matching exactly
// one sentinel, every activity must be well formed, and the input must be
// left as it was. It is seeded from the test tables, the TCX fixtures of
// ../testdata/runs (it fails when there are none) and, when RUNCHECK_CORPUS
// is set, the corpus's TCX files under 1 MB.
func FuzzDecode(f *testing.F) {
	fixtures, err := filepath.Glob(filepath.Join("..", "testdata", "runs", "*.tcx"))
	if err != nil || len(fixtures) == 0 {
		f.Fatal("no ../testdata/runs/*.tcx fixtures: the seed corpus has gone missing")
	}
	if dir := os.Getenv("RUNCHECK_CORPUS"); dir != "" {
		for _, sub := range []string{"tcx", "broken"} {
			m, err := filepath.Glob(filepath.Join(dir, sub, "*.tcx"))
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
