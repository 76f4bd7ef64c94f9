package fitio_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/runcheck/runcheck/fitio"
)

// FuzzDecode checks that no input panics or breaks the error contract, and
// that whatever decodes is well-formed. It is seeded with the files the
// tests build and, when RUNCHECK_CORPUS is set, the real-device corpus.
func FuzzDecode(f *testing.F) {
	full := encode(f, run(30))
	seeds := [][]byte{
		full,
		full[:len(full)/2],
		zeroHeaderCRC(full),
		encode(f, run(30), encoder.WithHeaderOption(encoder.HeaderOptionCompressedTimestamp, 3)),
		append(encode(f, activityOf(seconds(0, 10), nil)), encode(f, hrOnly(2, []uint8{120, 121, 122, 123}))...),
		encode(f, activityOf([]int{0, 1, 2, 1, 3}, map[int]typedef.EventType{0: typedef.EventTypeStart, 1: typedef.EventTypeStopAll, 3: typedef.EventTypeStart})),
	}
	if os.Getenv("RUNCHECK_CORPUS") != "" {
		for _, sub := range []string{"fit", "broken"} {
			for _, path := range corpusFiles(f, sub) {
				b, err := os.ReadFile(path)
				if err != nil {
					f.Fatal(err)
				}
				seeds = append(seeds, b)
			}
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
