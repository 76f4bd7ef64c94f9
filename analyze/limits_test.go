package analyze_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runcheck/runcheck/analyze"
)

// The limits that guard against hostile input, each tested through
// analyze.Decoder with an input the test crafts. The importers test their
// own limits directly (gpxio and tcxio: depth, token size, samples; fitio:
// samples); here every limit is checked on the path a caller of analyze
// takes, and the ones no importer owns (decompressed size, absurd FIT
// definitions) are checked at all.

// allocs runs f and returns the bytes it allocated (runtime.MemStats
// TotalAlloc), so that a test can show a hostile input costs memory in
// proportion to the limit, not to what the input claims.
func allocs(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// checkLimit checks that err is the limit error: it matches ErrLimit (and
// no other sentinel), its cause is a *LimitError naming limit, the
// analyze.Decoder field that raises it, and its message says "raise limit"
// and names no importer's field, which a caller of analyze cannot set.
func checkLimit(t *testing.T, err error, limit string) {
	t.Helper()
	if got := matchedSentinels(err); len(got) != 1 || got[0] != "ErrLimit" {
		t.Fatalf("error %v matches %v, want ErrLimit only", err, got)
	}
	var le *analyze.LimitError
	if !errors.As(err, &le) || le.Limit != limit {
		t.Errorf("error %v: want a *LimitError naming %s", err, limit)
	}
	msg := err.Error()
	if !strings.Contains(msg, "raise "+limit) {
		t.Errorf("message %q: want it to say how to raise the limit, %q", msg, "raise "+limit)
	}
	for _, importer := range []string{"fitio.", "gpxio.", "tcxio."} {
		if strings.Contains(msg, importer) {
			t.Errorf("message %q names the importer's %s... field", msg, importer)
		}
	}
}

// bombSize is what the gzip bomb decompresses to: more than
// analyze.DefaultMaxSize.
const bombSize = 300 << 20

// bomb returns about 300 KB of gzip that inflates to bombSize zero bytes:
// 300 members of 1 MiB each (gzip.Reader reads concatenated members as one
// stream), the last without its 8-byte trailer, so that a decoder that
// read the whole stream would fail with ErrTruncated: ErrLimit proves it
// stopped early.
var bomb = sync.OnceValue(func() []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	b := bytes.Repeat(member.Bytes(), bombSize>>20)
	return b[:len(b)-8]
})

// TestLimitGzipBomb decodes about 300 KB of gzip that inflates to 300 MiB
// of zeros. Expected: ErrLimit naming analyze.Decoder.MaxSize, from reading
// at most MaxSize+1 decompressed bytes, having allocated the limit and
// less than 2 MiB more (a 1 MiB chunk, the 300 KB of gzip read in chunks
// and joined, the decompressor). Reading with io.ReadAll, which grows its
// buffer by copies, allocated 2.24 times the default limit (573 MiB).
func TestLimitGzipBomb(t *testing.T) {
	b := bomb()
	t.Logf("bomb: %d bytes of gzip, %d MiB inflated", len(b), bombSize>>20)
	for _, tt := range []struct {
		name  string
		d     analyze.Decoder
		limit int64
	}{
		{name: "default MaxSize", d: analyze.Decoder{}, limit: analyze.DefaultMaxSize},
		{name: "1 MiB MaxSize", d: analyze.Decoder{MaxSize: 1 << 20}, limit: 1 << 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			start := time.Now()
			n := allocs(func() { _, err = tt.d.Decode(bytes.NewReader(b)) })
			checkLimit(t, err, "analyze.Decoder.MaxSize")
			if want := fmt.Sprint(tt.limit); !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not give the limit, %s bytes", err, want)
			}
			t.Logf("%v in %v, %.1f MiB allocated (%.2f times the limit)",
				err, time.Since(start), float64(n)/(1<<20), float64(n)/float64(tt.limit))
			if max := uint64(tt.limit) + 2<<20; n > max {
				t.Errorf("allocated %d bytes, want at most %d: the limit and 2 MiB", n, max)
			}
		})
	}
}

// TestLimitMaxSamples decodes each format's recovery-easy fixture (421
// samples) through analyze.Decoder{MaxSamples: N}. Expected: N = 421
// decodes every sample; N = 420 fails with ErrLimit naming MaxSamples.
// FIT laps and sessions and TCX laps count against MaxSamples too.
func TestLimitMaxSamples(t *testing.T) {
	for _, format := range []string{"fit", "gpx", "tcx"} {
		data, err := os.ReadFile(filepath.Join(runs, "recovery-easy."+format))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(format, func(t *testing.T) {
			a, err := (&analyze.Decoder{MaxSamples: 421}).Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("MaxSamples 421: %v", err)
			}
			if n := a.Samples.Len(); n != 421 {
				t.Fatalf("MaxSamples 421: %d samples, want 421", n)
			}
			for _, lenient := range []bool{false, true} {
				_, err = (&analyze.Decoder{MaxSamples: 420, Lenient: lenient}).Decode(bytes.NewReader(data))
				checkLimit(t, err, "analyze.Decoder.MaxSamples")
			}
		})
	}

	var sessions fitWriter
	sessions.fileID()
	sessions.define(1, 20, fTimestamp)
	sessions.data(1, le32(fitT0)...)
	sessions.define(2, 18, field{0, 1, 0x00}) // session: event
	for range 11 {
		sessions.data(2, 8) // event session
	}
	var tcxLaps bytes.Buffer
	tcxLaps.WriteString(tcxHead)
	for i := range 11 {
		tcxLaps.WriteString("<Lap><Track>")
		tcxPoint(&tcxLaps, i)
		tcxLaps.WriteString("</Track></Lap>")
	}
	tcxLaps.WriteString("</Activity></Activities></TrainingCenterDatabase>")
	for _, tt := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"fit laps", genFITLaps(t, 11), "more than 10 laps"},
		{"fit sessions", sessions.bytes(-1), "more than 10 sessions"},
		{"tcx laps", tcxLaps.Bytes(), "more than 10 laps"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := (&analyze.Decoder{MaxSamples: 11}).Decode(bytes.NewReader(tt.data)); err != nil {
				t.Fatalf("MaxSamples 11: %v", err)
			}
			_, err := (&analyze.Decoder{MaxSamples: 10}).Decode(bytes.NewReader(tt.data))
			checkLimit(t, err, "analyze.Decoder.MaxSamples")
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q, want %q in it", err, tt.msg)
			}
		})
	}
}

// TestLimitXML decodes crafted GPX and TCX files through analyze.Decode
// (the importers' default limits). Expected: ErrLimit naming the
// analyze.Decoder field that raises the limit, MaxDepth or MaxTokenSize,
// and for the 100 000-deep nesting an answer as soon as depth 65 is
// reached.
func TestLimitXML(t *testing.T) {
	const gpxHead = `<?xml version="1.0"?><gpx version="1.1" creator="t">`
	deep := strings.Repeat("<a>", 100_000) + strings.Repeat("</a>", 100_000)
	huge := strings.Repeat("x", 2<<20) // twice the default token size
	tests := []struct {
		name, in, limit string
	}{
		{"gpx deep nesting", gpxHead + deep + "</gpx>", "analyze.Decoder.MaxDepth"},
		{"gpx huge attribute", gpxHead + `<trk><trkseg><trkpt lat="1" lon="2" x="` + huge + `"/></trkseg></trk></gpx>`, "analyze.Decoder.MaxTokenSize"},
		{"gpx huge text", gpxHead + `<trk><name>` + huge + `</name></trk></gpx>`, "analyze.Decoder.MaxTokenSize"},
		{"gpx huge comment", gpxHead + `<!--` + huge + `--></gpx>`, "analyze.Decoder.MaxTokenSize"},
		{"tcx deep nesting", tcxHead + deep + "</Activity></Activities></TrainingCenterDatabase>", "analyze.Decoder.MaxDepth"},
		{"tcx huge attribute", tcxHead + `<Lap StartTime="` + huge + `"/></Activity></Activities></TrainingCenterDatabase>`, "analyze.Decoder.MaxTokenSize"},
		{"tcx huge text", tcxHead + `<Notes>` + huge + `</Notes></Activity></Activities></TrainingCenterDatabase>`, "analyze.Decoder.MaxTokenSize"},
		{"tcx huge comment", tcxHead + `<!--` + huge + `--></Activity></Activities></TrainingCenterDatabase>`, "analyze.Decoder.MaxTokenSize"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := analyze.Decode(strings.NewReader(tt.in))
			checkLimit(t, err, tt.limit)
			t.Logf("%d bytes: %v in %v", len(tt.in), err, time.Since(start))
		})
	}
}

// TestLimitXMLRaised decodes GPX and TCX files 70 elements deep and with a
// 2 MiB attribute, past the importers' defaults (64, 1 MiB), through
// analyze.Decoder with its MaxDepth or MaxTokenSize raised. Expected: the
// zero Decoder fails with ErrLimit; the raised one passes the limit on to
// the importer and gets past it (the files hold no track points, so they
// fail with another sentinel); a limit lowered below what a real file needs
// fails it.
func TestLimitXMLRaised(t *testing.T) {
	const gpxHead = `<?xml version="1.0"?><gpx version="1.1" creator="t">`
	const tcxTail = "</Activity></Activities></TrainingCenterDatabase>"
	deep := strings.Repeat("<a>", 70) + strings.Repeat("</a>", 70)
	huge := strings.Repeat("x", 2<<20)
	for _, tt := range []struct {
		name, in, limit string
		raised          analyze.Decoder
	}{
		{"gpx depth", gpxHead + deep + "</gpx>", "analyze.Decoder.MaxDepth", analyze.Decoder{MaxDepth: 80}},
		{"tcx depth", tcxHead + deep + tcxTail, "analyze.Decoder.MaxDepth", analyze.Decoder{MaxDepth: 80}},
		{"gpx token", gpxHead + `<trk x="` + huge + `"></trk></gpx>`, "analyze.Decoder.MaxTokenSize", analyze.Decoder{MaxTokenSize: 4 << 20}},
		{"tcx token", tcxHead + `<Notes a="` + huge + `"></Notes>` + tcxTail, "analyze.Decoder.MaxTokenSize", analyze.Decoder{MaxTokenSize: 4 << 20}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := analyze.Decode(strings.NewReader(tt.in))
			checkLimit(t, err, tt.limit)
			_, err = tt.raised.Decode(strings.NewReader(tt.in))
			if err == nil || errors.Is(err, analyze.ErrLimit) {
				t.Errorf("with %+v: error %v, want past the limit to another error", tt.raised, err)
			}
		})
	}
	for _, format := range []string{"gpx", "tcx"} {
		data, err := os.ReadFile(filepath.Join(runs, "recovery-easy."+format))
		if err != nil {
			t.Fatal(err)
		}
		_, err = (&analyze.Decoder{MaxDepth: 3}).Decode(bytes.NewReader(data))
		checkLimit(t, err, "analyze.Decoder.MaxDepth")
		_, err = (&analyze.Decoder{MaxTokenSize: 16}).Decode(bytes.NewReader(data))
		checkLimit(t, err, "analyze.Decoder.MaxTokenSize")
	}
}

// TestLimitFITAbsurdDefinition decodes FIT files whose record definition
// declares 255 fields of 255 bytes each (a 65 025-byte message) under a
// header that claims 4 GB of data, for every kind of base type. Expected: a
// clean ErrTruncated at once, with allocations in kilobytes, not in what the
// header or the definition claim.
func TestLimitFITAbsurdDefinition(t *testing.T) {
	for _, baseType := range []byte{0x02, 0x07, 0x0D, 0x84, 0x86, 0x88, 0x8F} {
		t.Run(fmt.Sprintf("base type %#02x", baseType), func(t *testing.T) {
			var w fitWriter
			w.fileID()
			fields := make([]field, 255)
			for i := range fields {
				fields[i] = field{byte(i), 255, baseType}
			}
			w.define(1, 20, fields...)
			w.data(1, bytes.Repeat([]byte{1}, 5000)...) // 5000 of its 65 025 bytes
			data := w.bytes(0xFFFF_FFFF)
			var err error
			start := time.Now()
			n := allocs(func() { _, err = analyze.Decode(bytes.NewReader(data)) })
			el := time.Since(start)
			if got := matchedSentinels(err); len(got) != 1 || (got[0] != "ErrTruncated" && got[0] != "ErrMalformed") {
				t.Fatalf("error %v matches %v, want ErrTruncated or ErrMalformed", err, got)
			}
			t.Logf("%d bytes: %v in %v, %d KiB allocated", len(data), err, el, n>>10)
			if n > 4<<20 {
				t.Errorf("allocated %d bytes for a %d-byte file", n, len(data))
			}
		})
	}
}
