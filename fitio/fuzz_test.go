package fitio_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/runcheck/runcheck/fitio"
)

// FuzzDecode checks that no input panics or breaks the error contract, and
// that whatever decodes is well-formed (checkWellFormed, which applies
// activity.Validate). It is seeded with the files the tests build, the FIT
// fixtures of ../testdata/runs (it fails when there are none) and, when
// RUNCHECK_CORPUS is set, the real-device corpus files under 1 MB (larger
// ones slow the fuzzer down; the corpus tests decode them).
func FuzzDecode(f *testing.F) {
	fixtures, err := filepath.Glob(filepath.Join("..", "testdata", "runs", "*.fit"))
	if err != nil || len(fixtures) == 0 {
		f.Fatal("no ../testdata/runs/*.fit fixtures: the seed corpus has gone missing")
	}
	full := encode(f, run(30))
	seeds := [][]byte{
		full,
		full[:len(full)/2],
		zeroHeaderCRC(full),
		encode(f, run(30), encoder.WithHeaderOption(encoder.HeaderOptionCompressedTimestamp, 3)),
		append(encode(f, activityOf(seconds(0, 10), nil)), encode(f, hrOnly(2, []uint8{120, 121, 122, 123}))...),
		encode(f, activityOf([]int{0, 1, 2, 1, 3}, map[int]typedef.EventType{0: typedef.EventTypeStart, 1: typedef.EventTypeStopAll, 3: typedef.EventTypeStart})),
	}
	files := fixtures
	if os.Getenv("RUNCHECK_CORPUS") != "" {
		for _, sub := range []string{"fit", "broken"} {
			files = append(files, corpusFiles(f, sub)...)
		}
	}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) <= 1<<20 {
			seeds = append(seeds, b)
		}
	}
	for _, s := range seeds {
		f.Add(s)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		input := bytes.Clone(data)
		for _, d := range []fitio.Decoder{{}, {Lenient: true}, {MaxSamples: 10}} {
			a, err := d.Decode(bytes.NewReader(input))
			if err != nil {
				checkError(t, err)
				if strings.Contains(err.Error(), "panic") {
					t.Errorf("recovered a panic: %v", err)
				}
				continue
			}
			checkWellFormed(t, a)
		}
		if !bytes.Equal(input, data) {
			t.Error("Decode modified its input")
		}
	})
}
