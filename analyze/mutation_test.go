package analyze_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/muktihari/fit/kit/hash/crc16"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/activitytest"
	"github.com/runcheck/runcheck/internal/fixture"
)

// The mutation sweep's sizes.
const (
	// sweepCuts is the number of truncation points per file, evenly spread
	// from 0 to len-1 bytes.
	sweepCuts = 64
	// sweepMutants is the number of mutants per file, each with 1 to
	// sweepMaxFlips random bytes changed.
	sweepMutants  = 256
	sweepMaxFlips = 8
	// sweepBig is the size above which a file is sub-sampled, with
	// sweepBigCuts truncations and sweepBigMutants mutants: each decode
	// takes up to the whole file, and with the full counts the corpus's 12
	// files over 512 KiB (up to a 2.4 MB FIT of 100 000 records) took 70 %
	// of the sweep's time, 70 s in all on 2 cores. Files over sweepHuge
	// are skipped in -short mode.
	sweepBig        = 512 << 10
	sweepBigCuts    = 16
	sweepBigMutants = 64
	sweepHuge       = 1 << 20
	// sweepRaceDivisor divides every count under the race detector, which
	// slows decoding tenfold and has little to watch here (each decode
	// runs on one goroutine): the full sweep took 115 s on the fixtures
	// alone.
	sweepRaceDivisor = 8
)

// mutation is one damaged copy of a file and how it was made.
type mutation struct {
	desc string // "cut at 123" or "flips 10^0x20 400^0x01"
	data []byte
}

// mutations returns the truncations and random byte changes of data: cuts
// truncations evenly spread over [0, len-1] (fewer for a tiny file, whose
// points coincide), then mutants copies with 1 to sweepMaxFlips bytes each
// XORed with a random non-zero value. The random choices come from a PCG
// seeded with the file name, so that a failure can be reproduced from the
// name and the description.
func mutations(name string, data []byte, cuts, mutants int) []mutation {
	var out []mutation
	n := len(data)
	if n == 0 {
		return nil
	}
	prev := -1
	cuts = max(cuts, 2) // 0 and len-1 at least
	for i := range cuts {
		at := i * (n - 1) / (cuts - 1)
		if at == prev {
			continue
		}
		prev = at
		out = append(out, mutation{desc: fmt.Sprintf("cut at %d", at), data: data[:at]})
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x5eed))
	for range mutants {
		m := bytes.Clone(data)
		var desc strings.Builder
		desc.WriteString("flips")
		for range 1 + rng.IntN(sweepMaxFlips) {
			pos, x := rng.IntN(n), byte(1+rng.IntN(255))
			m[pos] ^= x
			fmt.Fprintf(&desc, " %d^0x%02x", pos, x)
		}
		out = append(out, mutation{desc: desc.String(), data: m})
	}
	return out
}

// sweepResult gathers the sweep's counts and its slowest decodes.
type sweepResult struct {
	mu       sync.Mutex
	files    int
	decodes  int
	outcomes map[string]int
	slowest  []slowDecode // the slowest few, slowest first
	worst    slowDecode   // the largest slowdown over the undamaged file
}

type slowDecode struct {
	file, mutation string
	size           int
	d              time.Duration
	ratio          float64 // d over the decode time of the undamaged file
	index, decoder int     // the mutant and the decoder, to time it again
}

// bestOf5 returns the shortest of five runs of f.
func bestOf5(f func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range 5 {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
}

// add records one file's counts, its slowest decode and its largest
// slowdown.
func (r *sweepResult) add(outcomes map[string]int, decodes int, slowest, worst slowDecode) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files++
	r.decodes += decodes
	for k, v := range outcomes {
		r.outcomes[k] += v
	}
	if worst.ratio > r.worst.ratio {
		r.worst = worst
	}
	r.slowest = append(r.slowest, slowest)
	slices.SortFunc(r.slowest, func(a, b slowDecode) int { return int(b.d - a.d) })
	r.slowest = r.slowest[:min(len(r.slowest), 3)]
}

// TestMutationSweep decodes every fixture of ../testdata/runs and, when
// RUNCHECK_CORPUS is set, every corpus file (fit, gpx, tcx, broken),
// truncated at 64 points and with 256 seeded random sets of 1 to 8 changed
// bytes (16 and 64 for files over 512 KiB; -short skips those over 1 MiB;
// -race divides the counts by 8), through a zero analyze.Decoder and, for
// FIT, a lenient one wherever the strict decode met damage (elsewhere
// lenient decoding is strict decoding). Expected outcome for every mutant:
// no panic, a sentinel error or a well-formed activity (decodeOutcome). The
// counts per outcome and the slowest mutants are logged (go test -v), not
// asserted: BenchmarkDecodeScaling is where speed is measured.
func TestMutationSweep(t *testing.T) {
	files := seedFiles(t, -1)
	res := &sweepResult{outcomes: map[string]int{}}
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		var names []string
		for k := range res.outcomes {
			names = append(names, k)
		}
		slices.Sort(names)
		var counts []string
		for _, k := range names {
			counts = append(counts, fmt.Sprintf("%s %d", k, res.outcomes[k]))
		}
		t.Logf("%d files, %d decodes of mutants: %s", res.files, res.decodes, strings.Join(counts, ", "))
		for i, s := range res.slowest {
			t.Logf("slowest #%d: %s (%d bytes), %s: %v (%.1fx the undamaged file)", i+1, s.file, s.size, s.mutation, s.d, s.ratio)
		}
		w := res.worst
		t.Logf("largest slowdown: %s (%d bytes), %s: %v, %.1fx the undamaged file", w.file, w.size, w.mutation, w.d, w.ratio)
	})
	for _, path := range files {
		name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			cuts, mutants := sweepCuts, sweepMutants
			if testing.Short() && len(data) > sweepHuge {
				t.Skipf("%d bytes: skipped in -short mode", len(data))
			}
			if len(data) > sweepBig {
				cuts, mutants = sweepBigCuts, sweepBigMutants
			}
			if activitytest.RaceEnabled() {
				cuts, mutants = cuts/sweepRaceDivisor, mutants/sweepRaceDivisor
			}
			decoders := []analyze.Decoder{{}}
			if bytes.HasPrefix(data[min(len(data), 8):], []byte(".FIT")) {
				decoders = append(decoders, analyze.Decoder{Lenient: true})
			}
			// The undamaged file's decode time, the yardstick of a
			// mutant's (the best of five, to dodge a scheduling blip).
			base := bestOf5(func() { decodeOutcome(decoders[0], data) })
			outcomes := map[string]int{}
			var candidates []slowDecode // the mutants with the largest slowdowns, first timing
			decodes, failures := 0, 0
			muts := mutations(name, data, cuts, mutants)
			for mi, m := range muts {
				strict := ""
				for di, d := range decoders {
					if d.Lenient && !damaged(strict) {
						continue
					}
					start := time.Now()
					outcome, problem := decodeOutcome(d, m.data)
					el := time.Since(start)
					decodes++
					if problem != nil {
						t.Errorf("%s, lenient %v: %v", m.desc, d.Lenient, problem)
						if failures++; failures == 10 {
							t.Fatal("stopping after 10 failures")
						}
						continue
					}
					outcomes[outcome]++
					if di == 0 {
						strict = outcome
					}
					candidates = append(candidates, slowDecode{mutation: m.desc, d: el, index: mi, decoder: di})
					slices.SortFunc(candidates, func(a, b slowDecode) int { return int(b.d - a.d) })
					candidates = candidates[:min(len(candidates), 3)]
				}
			}
			// One decode can be slow because of the scheduler or the
			// garbage collector: time the slowest mutants again, and the
			// undamaged file in the same conditions, best of five, before
			// reporting them.
			base = min(base, bestOf5(func() { decodeOutcome(decoders[0], data) }))
			var slowest, worst slowDecode // by time, by slowdown
			for _, c := range candidates {
				c.file, c.size = name, len(data)
				c.d = bestOf5(func() { decodeOutcome(decoders[c.decoder], muts[c.index].data) })
				c.ratio = float64(c.d) / float64(base)
				if c.d > slowest.d {
					slowest = c
				}
				if c.ratio > worst.ratio {
					worst = c
				}
			}
			res.add(outcomes, decodes, slowest, worst)
		})
	}
}

// damaged reports whether a strict decode's outcome is one a lenient decode
// can turn into a salvaged activity.
func damaged(outcome string) bool {
	return outcome == "ErrTruncated" || outcome == "ErrChecksum" || outcome == "ErrMalformed"
}

// # Scaling
//
// BenchmarkDecodeScaling decodes generated inputs at n, 2n, 4n and 8n units
// (samples, segments, laps, ...) and reports the cost per unit: it must
// stay flat as n grows. The inputs are the project's generated runs at 1 Hz
// in each format, and adversarial shapes met while mutating files, each of
// which made or could make an importer super-linear.

// scalingCase is one input family of the scaling benchmark.
type scalingCase struct {
	name string
	unit string // what n counts, for the ns/unit metric
	base int    // the benchmark's smallest n
	// regress is the n TestDecodeScalingInputs decodes: large enough that
	// the super-linear code this case caught would take many seconds
	// there, so that a regression makes the test suite crawl; 0 means base.
	regress int
	gen     func(tb testing.TB, n int) []byte
	// want is the outcome the input must decode to ("ok" or a sentinel's
	// name) and, for "ok", the number of samples.
	want    string
	samples func(n int) int
}

func scalingCases() []scalingCase {
	one := func(int) int { return 1 }
	same := func(n int) int { return n }
	return []scalingCase{
		{name: "fit-run", unit: "sample", base: 2000, gen: genRun("fit"), want: "ok", samples: func(n int) int { return n + 1 }},
		{name: "gpx-run", unit: "sample", base: 2000, gen: genRun("gpx"), want: "ok", samples: func(n int) int { return n + 1 }},
		{name: "tcx-run", unit: "sample", base: 2000, gen: genRun("tcx"), want: "ok", samples: func(n int) int { return n + 1 }},
		// A definition message before every record: the FIT decoder
		// must not re-do per-definition work proportional to what came
		// before.
		{name: "fit-redefined", unit: "record", base: 5000, gen: genFITRedefined, want: "ok", samples: same},
		// Every record and every hr reading at one instant: each
		// sample's window held every reading, and summing the window
		// afresh per sample was quadratic (fixed in fitio/hr.go).
		{name: "fit-hr-one-instant", unit: "record", base: 5000, regress: 100_000, gen: genFITHROneInstant, want: "ok", samples: same},
		// Two-byte lap messages: each was kept as an 816-byte library
		// struct, a thousand times the input in memory (fixed in
		// fitio/collect.go).
		{name: "fit-laps", unit: "lap", base: 20000, gen: genFITLaps, want: "ok", samples: one},
		// A track point per segment: one pause per segment.
		{name: "gpx-segments", unit: "segment", base: 2000, gen: genGPXSegments, want: "ok", samples: same},
		// n namespace declarations on the root, then n points that use an
		// undeclared prefix 8 times each: the lookup scanned every
		// declaration in scope, quadratic (fixed in gpxio/decode.go).
		{name: "gpx-namespaces", unit: "point", base: 2000, regress: 30_000, gen: genGPXNamespaces, want: "ok", samples: same},
		// A Track per trackpoint, and n empty Tracks: one pause each.
		{name: "tcx-tracks", unit: "track", base: 2000, gen: genTCXTracks, want: "ok", samples: same},
		// A lap per trackpoint: session totals combine every lap.
		{name: "tcx-laps", unit: "lap", base: 2000, gen: genTCXLaps, want: "ok", samples: same},
	}
}

// genRun returns a generator of the fixture recovery-easy recorded every
// second for n seconds, as a file of the format.
func genRun(format string) func(tb testing.TB, n int) []byte {
	return func(tb testing.TB, n int) []byte {
		tb.Helper()
		d, err := fixture.Load(filepath.Join(runs, "recovery-easy.json"))
		if err != nil {
			tb.Fatal(err)
		}
		d.Expect = nil
		d.Recording = fixture.Recording{Interval: 1}
		d.Phases = d.Phases[2:] // the steady phase
		d.Phases[0].Duration = fixture.Seconds(n)
		var buf bytes.Buffer
		switch format {
		case "fit":
			err = fixture.WriteFIT(&buf, d)
		case "gpx":
			err = fixture.WriteGPX(&buf, d)
		case "tcx":
			err = fixture.WriteTCX(&buf, d)
		}
		if err != nil {
			tb.Fatal(err)
		}
		return buf.Bytes()
	}
}

// fitWriter writes a FIT file by hand, byte by byte, for the shapes an
// encoder would never write.
type fitWriter struct{ body []byte }

// field is one field of a FIT definition: number, size in bytes, base type.
type field struct{ num, size, baseType byte }

// define writes a definition message for local type local.
func (w *fitWriter) define(local byte, global uint16, fields ...field) {
	w.body = append(w.body, 0x40|local, 0, 0, byte(global), byte(global>>8), byte(len(fields)))
	for _, f := range fields {
		w.body = append(w.body, f.num, f.size, f.baseType)
	}
}

// data writes a data message for local type local.
func (w *fitWriter) data(local byte, values ...byte) {
	w.body = append(w.body, local)
	w.body = append(w.body, values...)
}

// fileID writes the definition and message of a file_id of type activity
// under local type 0.
func (w *fitWriter) fileID() {
	w.define(0, 0, field{0, 1, 0x00}) // type: enum
	w.data(0, 4)                      // activity
}

// bytes returns the file: a 14-byte header declaring dataSize bytes of data
// (the body's length when dataSize < 0), the body and the file CRC.
func (w *fitWriter) bytes(dataSize int64) []byte {
	if dataSize < 0 {
		dataSize = int64(len(w.body))
	}
	h := []byte{14, 0x20, 0x54, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T', 0, 0}
	binary.LittleEndian.PutUint32(h[4:], uint32(dataSize))
	binary.LittleEndian.PutUint16(h[12:], crc16Of(h[:12]))
	out := append(h, w.body...)
	return binary.LittleEndian.AppendUint16(out, crc16Of(out))
}

func crc16Of(b []byte) uint16 {
	h := crc16.New()
	h.Write(b)
	return h.Sum16()
}

// le32 returns v in little-endian order.
func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

// fitT0 is a FIT timestamp (seconds since 1989-12-31) in 2024.
const fitT0 = 1_100_000_000

// Record fields: timestamp (253, uint32) and heart_rate (3, uint8).
var (
	fTimestamp = field{253, 4, 0x86}
	fHeartRate = field{3, 1, 0x02}
)

func genFITRedefined(tb testing.TB, n int) []byte {
	var w fitWriter
	w.fileID()
	for i := range n {
		w.define(1, 20, fTimestamp, fHeartRate)
		w.data(1, append(le32(fitT0+uint32(i)), 120)...)
	}
	return w.bytes(-1)
}

func genFITHROneInstant(tb testing.TB, n int) []byte {
	var w fitWriter
	w.fileID()
	w.define(1, 20, fTimestamp) // records without heart rate
	for range n {
		w.data(1, le32(fitT0)...)
	}
	// hr messages (132): timestamp, event_timestamp (9, uint32 array of
	// 50), filtered_bpm (6, uint8 array of 50), every reading at the
	// anchor's own instant.
	w.define(2, 132, fTimestamp, field{9, 200, 0x86}, field{6, 50, 0x02})
	for range max(1, n/50) {
		values := le32(fitT0)
		for range 50 {
			values = append(values, le32(1000)...)
		}
		for range 50 {
			values = append(values, 120)
		}
		w.data(2, values...)
	}
	return w.bytes(-1)
}

func genFITLaps(tb testing.TB, n int) []byte {
	var w fitWriter
	w.fileID()
	w.define(1, 20, fTimestamp, fHeartRate)
	w.data(1, append(le32(fitT0), 120)...)
	w.define(2, 19, field{0, 1, 0x00}) // lap: event
	for range n {
		w.data(2, 9) // event lap
	}
	return w.bytes(-1)
}

// gpxPoint is one track point at second i.
func gpxPoint(b *bytes.Buffer, i int, extra string) {
	fmt.Fprintf(b, `<trkpt lat="48.1" lon="11.5"><time>%s</time>%s</trkpt>`,
		time.Unix(1_700_000_000+int64(i), 0).UTC().Format(time.RFC3339), extra)
}

func genGPXSegments(tb testing.TB, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="t"><trk>`)
	for i := range n {
		b.WriteString("<trkseg>")
		gpxPoint(&b, i, "")
		b.WriteString("</trkseg>\n")
	}
	b.WriteString("</trk></gpx>")
	return b.Bytes()
}

func genGPXNamespaces(tb testing.TB, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="t"`)
	for i := range n {
		fmt.Fprintf(&b, ` xmlns:p%d="u"`, i)
	}
	b.WriteString("><trk><trkseg>")
	for i := range n {
		gpxPoint(&b, i, `<extensions><q:x q:a="1" q:b="2" q:c="3" q:d="4" q:e="5" q:f="6" q:g="7"/></extensions>`)
		b.WriteString("\n")
	}
	b.WriteString("</trkseg></trk></gpx>")
	return b.Bytes()
}

// tcxPoint is one trackpoint at second i.
func tcxPoint(b *bytes.Buffer, i int) {
	fmt.Fprintf(b, `<Trackpoint><Time>%s</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>`,
		time.Unix(1_700_000_000+int64(i), 0).UTC().Format(time.RFC3339))
}

const tcxHead = `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2023-11-14T22:13:20Z</Id>`

func genTCXTracks(tb testing.TB, n int) []byte {
	var b bytes.Buffer
	b.WriteString(tcxHead + `<Lap StartTime="2023-11-14T22:13:20Z">`)
	for i := range n {
		b.WriteString("<Track>")
		tcxPoint(&b, 2*i)
		b.WriteString("</Track><Track/>\n")
	}
	b.WriteString("</Lap></Activity></Activities></TrainingCenterDatabase>")
	return b.Bytes()
}

func genTCXLaps(tb testing.TB, n int) []byte {
	var b bytes.Buffer
	b.WriteString(tcxHead)
	for i := range n {
		fmt.Fprintf(&b, `<Lap StartTime="%s"><TotalTimeSeconds>1</TotalTimeSeconds><DistanceMeters>3</DistanceMeters><Track>`,
			time.Unix(1_700_000_000+int64(i), 0).UTC().Format(time.RFC3339))
		tcxPoint(&b, i)
		b.WriteString("</Track></Lap>\n")
	}
	b.WriteString("</Activity></Activities></TrainingCenterDatabase>")
	return b.Bytes()
}

// TestDecodeScalingInputs checks that every input of BenchmarkDecodeScaling
// decodes to its stated outcome and a well-formed activity, at the size
// that would expose the super-linear code a case caught (so a regression
// shows as a test that takes seconds instead of milliseconds). The time per
// unit is logged, not asserted.
func TestDecodeScalingInputs(t *testing.T) {
	for _, c := range scalingCases() {
		t.Run(c.name, func(t *testing.T) {
			n := c.base
			if c.regress > 0 {
				n = c.regress
			}
			data := c.gen(t, n)
			start := time.Now()
			a, err := analyze.Decode(bytes.NewReader(data))
			el := time.Since(start)
			outcome := "ok"
			if err != nil {
				outcome = strings.Join(matchedSentinels(err), ",")
			}
			if outcome != c.want {
				t.Fatalf("n=%d: outcome %s (%v), want %s", n, outcome, err, c.want)
			}
			if err != nil {
				return
			}
			if err := a.Validate(); err != nil {
				t.Fatal(err)
			}
			if got, want := a.Samples.Len(), c.samples(n); got != want {
				t.Errorf("n=%d: %d samples, want %d", n, got, want)
			}
			t.Logf("n=%d %ss, %d bytes: %v, %.0f ns/%s", n, c.unit, len(data), el, float64(el.Nanoseconds())/float64(n), c.unit)
		})
	}
}

// BenchmarkDecodeScaling reports ns/unit for each scaling case at n, 2n, 4n
// and 8n; a flat ns/unit down each case is linear decoding. Inputs are
// generated outside the timer.
func BenchmarkDecodeScaling(b *testing.B) {
	for _, c := range scalingCases() {
		for _, k := range []int{1, 2, 4, 8} {
			n := c.base * k
			data := c.gen(b, n)
			b.Run(fmt.Sprintf("%s/n=%d", c.name, n), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, err := analyze.Decode(bytes.NewReader(data)); err != nil && c.want == "ok" {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/"+c.unit)
			})
		}
	}
}

// TestGzipMutations damages a gzipped GPX in the places the gzip layer
// checks. Expected: each damage gives the sentinel in the table; a CRC-32
// or length in the trailer that does not match the data is ErrChecksum.
func TestGzipMutations(t *testing.T) {
	gpx, err := os.ReadFile(filepath.Join(runs, "recovery-easy.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	gz := gzipped(t, gpx)
	flip := func(i int) []byte { b := bytes.Clone(gz); b[i] ^= 0x01; return b }
	tests := []struct {
		name string
		data []byte
		want []string // acceptable outcomes
	}{
		{"intact", gz, []string{"ok"}},
		{"trailer CRC-32 flipped", flip(len(gz) - 8), []string{"ErrChecksum"}},
		{"trailer length flipped", flip(len(gz) - 1), []string{"ErrChecksum"}},
		{"trailer cut off", gz[:len(gz)-8], []string{"ErrTruncated"}},
		{"cut in the deflate stream", gz[:len(gz)/2], []string{"ErrTruncated"}},
		{"compression method not deflate", flip(2), []string{"ErrMalformed"}},
		// A flipped bit in the compressed data breaks the deflate
		// stream or, when it still inflates, the CRC-32.
		{"deflate byte flipped", flip(len(gz) / 2), []string{"ErrMalformed", "ErrChecksum"}},
		{"empty member", gzipped(t, nil), []string{"ErrTruncated"}},
		{"not an activity inside", gzipped(t, []byte("date,distance\n")), []string{"ErrUnknownFormat"}},
		// Only one layer is undone.
		{"gzip inside gzip", gzipped(t, gz), []string{"ErrUnknownFormat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outcome, problem := decodeOutcome(analyze.Decoder{}, tt.data)
			if problem != nil {
				t.Fatal(problem)
			}
			if !slices.Contains(tt.want, outcome) {
				t.Errorf("outcome %s, want one of %v", outcome, tt.want)
			}
		})
	}
}

// TestDecodeReaderFails decodes from readers that fail part-way, plain and
// gzipped. Expected: ErrTruncated, wrapping the reader's own error.
func TestDecodeReaderFails(t *testing.T) {
	boom := errors.New("device unplugged")
	for _, name := range []string{"recovery-easy.fit", "recovery-easy.gpx", "recovery-easy.tcx"} {
		data, err := os.ReadFile(filepath.Join(runs, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, variant := range []struct {
			name string
			data []byte
		}{{"plain", data}, {"gzip", gzipped(t, data)}} {
			t.Run(name+"/"+variant.name, func(t *testing.T) {
				r := io.MultiReader(bytes.NewReader(variant.data[:len(variant.data)/2]), iotest.ErrReader(boom))
				_, err := analyze.Decode(r)
				if got := matchedSentinels(err); len(got) != 1 || got[0] != "ErrTruncated" {
					t.Errorf("error %v matches %v, want ErrTruncated", err, got)
				}
				if !errors.Is(err, boom) {
					t.Errorf("error %v does not wrap the reader's error", err)
				}
			})
		}
	}
}
