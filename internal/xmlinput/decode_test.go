package xmlinput_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/runcheck/runcheck/internal/xmlinput"
)

// TestDecode checks which reader Decode and DecodeBytes use, and what the
// reference reader is given.
func TestDecode(t *testing.T) {
	errRead := errors.New("read failed")
	readAll := func(r io.Reader) (string, error) {
		b, err := io.ReadAll(r)
		return "ref:" + string(b), err
	}
	for _, tc := range []struct {
		name    string
		in      io.Reader
		fast    func([]byte) (string, error)
		want    string
		wantErr error
	}{
		{"fast decides", strings.NewReader("doc"), func(b []byte) (string, error) { return "fast:" + string(b), nil }, "fast:doc", nil},
		{"fast fails", strings.NewReader("doc"), func([]byte) (string, error) { return "", io.ErrUnexpectedEOF }, "", io.ErrUnexpectedEOF},
		{"fast falls back", strings.NewReader("doc"), func([]byte) (string, error) { return "", xmlinput.ErrFallback }, "ref:doc", nil},
		{"fast panics", strings.NewReader("doc"), func([]byte) (string, error) { panic("bug") }, "ref:doc", nil},
		{"reading fails", io.MultiReader(strings.NewReader("do"), iotest.ErrReader(errRead)),
			func([]byte) (string, error) { return "fast", nil }, "ref:do", errRead},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := xmlinput.Decode(tc.in, tc.fast, readAll)
			if got != tc.want || err != tc.wantErr {
				t.Errorf("Decode = %q, %v; want %q, %v", got, err, tc.want, tc.wantErr)
			}
			if tc.wantErr == errRead {
				return
			}
			got, err = xmlinput.DecodeBytes([]byte("doc"), tc.fast, readAll)
			if got != tc.want || err != tc.wantErr {
				t.Errorf("DecodeBytes = %q, %v; want %q, %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}
