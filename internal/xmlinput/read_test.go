package xmlinput_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/runcheck/runcheck/internal/xmlinput"
)

// zeroReader returns nothing, and no error, forever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

// badCountReader returns a count larger than its buffer.
type badCountReader struct{}

func (badCountReader) Read(p []byte) (int, error) { return len(p) + 1, nil }

func TestReadInput(t *testing.T) {
	input := strings.Repeat("0123456789", 10_000) // 100,000 bytes
	errRead := errors.New("read failed")
	tests := []struct {
		name    string
		r       io.Reader
		limit   int
		data    string // what ReadInput returns as data; "" with wantErr for a prefix check only
		wantAll bool   // rest is nil
		wantErr string // the error rest gives, if any
	}{
		{name: "bytes.Reader", r: bytes.NewReader([]byte(input)), limit: 1 << 20, data: input, wantAll: true},
		{name: "strings.Reader", r: strings.NewReader(input), limit: 1 << 20, data: input, wantAll: true},
		{name: "one byte at a time", r: iotest.OneByteReader(strings.NewReader(input[:3000])), limit: 1 << 20, data: input[:3000], wantAll: true},
		{name: "data with EOF", r: iotest.DataErrReader(strings.NewReader(input)), limit: 1 << 20, data: input, wantAll: true},
		{name: "empty", r: strings.NewReader(""), limit: 1 << 20, data: "", wantAll: true},
		{name: "bytes.Reader over the limit", r: bytes.NewReader([]byte(input)), limit: 1000},
		{name: "strings.Reader over the limit", r: strings.NewReader(input), limit: 1000},
		{name: "plain reader over the limit", r: iotest.HalfReader(strings.NewReader(input)), limit: 1000},
		{name: "read error", r: io.MultiReader(strings.NewReader(input[:10]), iotest.ErrReader(errRead)), limit: 1 << 20, data: input[:10], wantErr: "read failed"},
		{name: "no progress", r: zeroReader{}, limit: 1 << 20, data: "", wantErr: io.ErrNoProgress.Error()},
		{name: "invalid count", r: badCountReader{}, limit: 1 << 20, data: "", wantErr: fmt.Sprintf("the reader returned an invalid byte count %d", 32<<10+1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, rest := xmlinput.ReadInput(tc.r, tc.limit)
			switch {
			case tc.wantAll:
				if rest != nil {
					t.Fatalf("rest = %v, want nil", rest)
				}
				if string(data) != tc.data {
					t.Fatalf("data is %d bytes, want %d", len(data), len(tc.data))
				}
			case tc.wantErr != "":
				if string(data) != tc.data {
					t.Fatalf("data = %q, want %q", data, tc.data)
				}
				if rest == nil {
					t.Fatal("rest = nil, want an error")
				}
				if _, err := rest.Read(make([]byte, 1)); err == nil || err.Error() != tc.wantErr {
					t.Fatalf("rest fails with %v, want %s", err, tc.wantErr)
				}
			default:
				// Over the limit: data and rest together are the input.
				if rest == nil || len(data) <= tc.limit {
					t.Fatalf("got %d bytes and rest %v, want more than %d and a rest", len(data), rest, tc.limit)
				}
				all, err := io.ReadAll(io.MultiReader(bytes.NewReader(data), rest))
				if err != nil || string(all) != input {
					t.Fatalf("data and rest give %d bytes and %v, want the %d input bytes", len(all), err, len(input))
				}
			}
		})
	}
}
