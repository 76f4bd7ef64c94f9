package analyze_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"os/exec"
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
		{name: "text", data: []byte("date,distance\n"), want: analyze.ErrUnknownFormat, message: "not an activity file (FIT, GPX or TCX): the content looks like text"},
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

// TestDecodeGzipPadding decodes gzip files as gzip -t accepts them: one
// member, several members (concatenated .gz files), and members followed
// by zero padding (tape and blocked writers), which failed as "invalid
// header"; any other bytes after the last member stay an error, for which
// gzip -t warns "trailing garbage". Where a gzip program is installed, its
// -t must accept exactly the inputs Decode reads.
func TestDecodeGzipPadding(t *testing.T) {
	fit, err := os.ReadFile(filepath.Join(runs, "recovery-easy.fit"))
	if err != nil {
		t.Fatal(err)
	}
	gz := gzipped(t, fit)
	half := len(fit) / 2
	two := append(gzipped(t, fit[:half]), gzipped(t, fit[half:])...)
	zeros := func(n int) []byte { return make([]byte, n) }
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }
	tests := []struct {
		name string
		data []byte
		want error // nil: reads, as the plain file does
		msg  string
	}{
		{name: "one member", data: gz},
		{name: "two members", data: two},
		{name: "one zero byte after the member", data: cat(gz, zeros(1))},
		{name: "a block of zeros", data: cat(gz, zeros(512*20-len(gz)%(512*20)))},
		{name: "two members then zeros", data: cat(two, zeros(4096))},
		{name: "text after the member", data: cat(gz, []byte("garbage\n")), want: analyze.ErrMalformed, msg: "trailing garbage"},
		{name: "zeros then text", data: cat(gz, zeros(10), []byte("x")), want: analyze.ErrMalformed, msg: "trailing garbage"},
		{name: "a second member cut short", data: cat(gz, gz[:20]), want: analyze.ErrTruncated, msg: "gzip"},
		{name: "a gzip signature then zeros", data: cat(gz, []byte{0x1f, 0x8b}, zeros(30)), want: analyze.ErrMalformed, msg: "gzip"},
	}
	gzipTool, _ := exec.LookPath("gzip")
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := analyze.Decode(bytes.NewReader(tt.data))
			switch {
			case tt.want == nil && err != nil:
				t.Fatalf("error %v, want the run", err)
			case tt.want == nil && a.Samples.Len() != 421:
				t.Errorf("%d samples, want 421", a.Samples.Len())
			case tt.want != nil && (!errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg)):
				t.Errorf("error %v, want %v saying %q", err, tt.want, tt.msg)
			}
			if gzipTool == "" {
				return
			}
			path := filepath.Join(dir, fmt.Sprintf("%d.gz", i))
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			out, terr := exec.Command(gzipTool, "-t", path).CombinedOutput()
			if (terr == nil) != (tt.want == nil) {
				t.Errorf("gzip -t: %v %s; Decode: %v", terr, out, err)
			}
		})
	}
}

// TestDecodeXMLVariants reads GPX and TCX files in UTF-16 (little- and
// big-endian, with a byte order mark, declaring UTF-16 or not) and with a
// DOCTYPE whose internal subset holds a '>', which were "content is not
// FIT, GPX or TCX": each reads as its UTF-8 original does. An entity the
// subset declares is never expanded: using one is an error.
func TestDecodeXMLVariants(t *testing.T) {
	for _, format := range []string{"gpx", "tcx"} {
		src, err := os.ReadFile(filepath.Join(runs, "recovery-easy."+format))
		if err != nil {
			t.Fatal(err)
		}
		want, err := analyze.Decode(bytes.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		root := map[string]string{"gpx": "<gpx", "tcx": "<TrainingCenterDatabase"}[format]
		i := bytes.Index(src, []byte(root))
		doctype := func(decl string) string {
			return string(src[:i]) + decl + "\n" + string(src[i:])
		}
		declared := strings.Replace(string(src), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
		if declared == string(src) {
			t.Fatalf("%s: no encoding in the XML declaration", format)
		}
		for _, tt := range []struct {
			name string
			data []byte
		}{
			{"UTF-16LE", activitytest.UTF16(string(src), false)},
			{"UTF-16BE", activitytest.UTF16(string(src), true)},
			{"UTF-16LE declared", activitytest.UTF16(declared, false)},
			{"UTF-16BE declared, gzipped", gzipped(t, activitytest.UTF16(declared, true))},
			{"doctype with a subset", []byte(doctype(`<!DOCTYPE gpx [<!ENTITY x "y">]>`))},
			{"doctype with a system id", []byte(doctype(`<!DOCTYPE gpx SYSTEM "gpx.dtd">`))},
			{"doctype in UTF-16", activitytest.UTF16(doctype(`<!DOCTYPE x [<!ATTLIST a b CDATA "c>">]>`), false)},
		} {
			t.Run(format+"/"+tt.name, func(t *testing.T) {
				got, err := analyze.Decode(bytes.NewReader(tt.data))
				if err != nil {
					t.Fatal(err)
				}
				if err := activitytest.Same(want, got); err != nil {
					t.Error(err)
				}
			})
		}
		t.Run(format+"/UTF-16 cut inside a character", func(t *testing.T) {
			b := activitytest.UTF16(string(src), false)
			_, err := analyze.Decode(bytes.NewReader(b[:len(b)-1]))
			if !errors.Is(err, analyze.ErrTruncated) || !strings.Contains(err.Error(), "UTF-16") {
				t.Errorf("error %v, want ErrTruncated saying UTF-16", err)
			}
		})
		t.Run(format+"/entity never expanded", func(t *testing.T) {
			name := map[string]string{"gpx": "<trk>", "tcx": "<Id>"}[format]
			withEntity := strings.Replace(doctype(`<!DOCTYPE x [<!ENTITY x "EXPANDED">]>`), name, name+"&x;", 1)
			a, err := analyze.Decode(strings.NewReader(withEntity))
			if err == nil {
				t.Fatalf("read %+v, want an error", a.Meta)
			}
			if !errors.Is(err, analyze.ErrMalformed) || strings.Contains(err.Error(), "EXPANDED") {
				t.Errorf("error %v, want ErrMalformed without the entity's text", err)
			}
		})
	}
}

// TestDecodeUnknownNoEcho decodes content of many kinds that is no
// activity file, each holding a secret-looking string, and checks that the
// error says what it looks like and holds no byte of it: the "starts with"
// preview of a symlink to /proc/self/environ printed the environment.
func TestDecodeUnknownNoEcho(t *testing.T) {
	secret := "ghp_" + strings.Repeat("Q9", 18)
	for _, tt := range []struct {
		in, want string
	}{
		{"GITHUB_TOKEN=" + secret + "\n", "text"},
		{"PATH=/usr/bin\x00GITHUB_TOKEN=" + secret + "\x00", "binary data"},
		{"\xff\xd8\xff\xe1" + secret, "a JPEG image"},
		{`{"token": "` + secret + `"}`, "JSON"},
		{"<secrets><token>" + secret + "</token></secrets>", "XML with root <secrets>"},
		{"<" + secret + ">", "XML with root <" + secret[:32] + "...>"},
	} {
		_, err := analyze.Decode(strings.NewReader(tt.in))
		if !errors.Is(err, analyze.ErrUnknownFormat) {
			t.Fatalf("%q: error %v, want ErrUnknownFormat", tt.in, err)
		}
		if !strings.Contains(err.Error(), "the content looks like "+tt.want+":") {
			t.Errorf("error %q, want it to say the content looks like %s", err, tt.want)
		}
		if tt.want != "XML with root <"+secret[:32]+"...>" && strings.Contains(err.Error(), secret[:8]) {
			t.Errorf("error %q echoes the content", err)
		}
	}
}
