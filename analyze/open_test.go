package analyze_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// runs is the folder of generated fixtures.
var runs = filepath.Join("..", "testdata", "runs")

// gzipped compresses b.
func gzipped(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestOpenSniffsContent decodes the same run from every format, plain and
// gzipped, under a misleading file name, and checks that the format comes from
// the content.
func TestOpenSniffsContent(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []activity.Format{activity.FormatFIT, activity.FormatGPX, activity.FormatTCX} {
		src, err := os.ReadFile(filepath.Join(runs, "recovery-easy."+string(format)))
		if err != nil {
			t.Fatal(err)
		}
		for _, variant := range []struct {
			name string
			data []byte
		}{
			{"misnamed.txt", src},
			{"misnamed.gz.fit", gzipped(t, src)},
		} {
			t.Run(string(format)+"/"+variant.name, func(t *testing.T) {
				path := filepath.Join(dir, string(format)+"-"+variant.name)
				if err := os.WriteFile(path, variant.data, 0o644); err != nil {
					t.Fatal(err)
				}
				a, err := analyze.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				if a.Meta.Format != format {
					t.Errorf("format = %q, want %q", a.Meta.Format, format)
				}
				// recovery-easy.json: 35 minutes at a 5 s interval.
				if got := a.Samples.Len(); got != 421 {
					t.Errorf("samples = %d, want 421", got)
				}
			})
		}
	}
}

func TestOpenErrors(t *testing.T) {
	fit, err := os.ReadFile(filepath.Join(runs, "recovery-easy.fit"))
	if err != nil {
		t.Fatal(err)
	}
	gpx, err := os.ReadFile(filepath.Join(runs, "recovery-easy.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(fit)
	flipped[len(flipped)/2] ^= 0xff
	gz := gzipped(t, gpx)

	tests := []struct {
		name    string
		data    []byte
		dir     bool
		want    error
		message string // a fragment the message must hold besides the path
	}{
		{name: "empty file", data: nil, want: analyze.ErrTruncated, message: "empty"},
		{name: "text", data: []byte("date,distance\n"), want: analyze.ErrUnknownFormat, message: "not FIT, GPX or TCX"},
		{name: "truncated fit", data: fit[:len(fit)/2], want: analyze.ErrTruncated, message: "fit"},
		{name: "flipped fit byte", data: flipped, want: analyze.ErrChecksum, message: "fit"},
		{name: "truncated gpx", data: gpx[:len(gpx)/2], want: analyze.ErrTruncated, message: "gpx"},
		{name: "truncated gzip", data: gz[:len(gz)/2], want: analyze.ErrTruncated, message: "gzip"},
		{name: "zero-length gzip member", data: gz[:10], want: analyze.ErrTruncated, message: "gzip"},
		{name: "corrupt gzip", data: append(bytes.Clone(gz[:12]), bytes.Repeat([]byte{0xff}, 64)...), want: analyze.ErrMalformed, message: "gzip"},
		{name: "directory", dir: true, message: "is a directory"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".fit")
			if tt.dir {
				if err := os.Mkdir(path, 0o755); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			a, err := analyze.Open(path)
			if err == nil {
				t.Fatalf("Open = %d samples, want an error", a.Samples.Len())
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %q does not match %v", err, tt.want)
			}
			var fe *analyze.FileError
			if !errors.As(err, &fe) || fe.Path != path {
				t.Errorf("error %q is not a *FileError naming %s", err, path)
			}
			if !strings.HasPrefix(err.Error(), path+": ") || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("message %q: want the path first and %q in it", err, tt.message)
			}
		})
	}
}

func TestDecodeLimit(t *testing.T) {
	gpx, err := os.ReadFile(filepath.Join(runs, "recovery-easy.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	// The compressed file is far below the limit; its content is not.
	d := analyze.Decoder{MaxSize: int64(len(gpx)) - 1}
	_, err = d.Decode(bytes.NewReader(gzipped(t, gpx)))
	if !errors.Is(err, analyze.ErrLimit) {
		t.Fatalf("error %v, want ErrLimit", err)
	}
	if !strings.Contains(err.Error(), "MaxSize") {
		t.Errorf("message %q does not say how to raise the limit", err)
	}
	d.MaxSize = int64(len(gpx))
	if _, err := d.Decode(bytes.NewReader(gzipped(t, gpx))); err != nil {
		t.Errorf("at exactly the limit: %v", err)
	}
}

// TestDecodeBytes checks that DecodeBytes gives what Decode gives, on every
// run of testdata/runs plain and gzipped, and keeps to the size limit, both
// for the bytes given and for their decompressed content.
func TestDecodeBytes(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(runs, "*.[fgt][ipc][tx]"))
	if err != nil || len(files) == 0 {
		t.Fatal("no runs in testdata/runs")
	}
	var d analyze.Decoder
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, data := range [][]byte{src, gzipped(t, src)} {
			want, err := d.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.DecodeBytes(data)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if err := activitytest.Same(want, got); err != nil {
				t.Errorf("%s: DecodeBytes differs from Decode: %v", path, err)
			}
		}
	}
	gpx, err := os.ReadFile(filepath.Join(runs, "recovery-easy.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	small := analyze.Decoder{MaxSize: int64(len(gpx)) - 1}
	for _, data := range [][]byte{gpx, gzipped(t, gpx)} {
		if _, err := small.DecodeBytes(data); !errors.Is(err, analyze.ErrLimit) || !strings.Contains(err.Error(), "analyze.Decoder.MaxSize") {
			t.Errorf("%d bytes over a limit of %d: error %v, want ErrLimit naming analyze.Decoder.MaxSize", len(data), small.MaxSize, err)
		}
	}
}

func TestDecodeLenient(t *testing.T) {
	fit, err := os.ReadFile(filepath.Join(runs, "recovery-easy.fit"))
	if err != nil {
		t.Fatal(err)
	}
	cut := fit[:len(fit)*3/4]
	if _, err := analyze.Decode(bytes.NewReader(cut)); !errors.Is(err, analyze.ErrTruncated) {
		t.Fatalf("strict: error %v, want ErrTruncated", err)
	}
	d := analyze.Decoder{Lenient: true}
	a, err := d.Decode(bytes.NewReader(cut))
	if err != nil {
		t.Fatalf("lenient: %v", err)
	}
	if n := a.Samples.Len(); n == 0 || n >= 421 {
		t.Errorf("lenient salvage = %d samples, want some but fewer than 421", n)
	}
	if len(a.Warnings) == 0 {
		t.Error("lenient salvage gave no warning")
	}
}

func ExampleOpen() {
	a, err := analyze.Open("../testdata/runs/recovery-easy.tcx")
	if err != nil {
		fmt.Println(err)
		return
	}
	s := analyze.Summarize("recovery-easy.tcx", a)
	fmt.Println(s.Format, s.Sport, s.Samples, "samples")
	fmt.Printf("timer %.0f s, distance %.1f m (%s)\n", float64(s.Timer), float64(s.Distance), s.DistanceSource)
	_, err = analyze.Open("../testdata/runs/recovery-easy.json")
	fmt.Println(errors.Is(err, analyze.ErrUnknownFormat))
	// Output:
	// tcx Running 421 samples
	// timer 2100 s, distance 4987.5 m (device)
	// true
}
