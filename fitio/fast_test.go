package fitio_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/kit/hash/crc16"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/runcheck/runcheck/fitio"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// checkSamePaths decodes data by both paths with d and fails when the fast
// path gives an activity that differs from the library path's, or gives one
// where the library path fails. It reports whether the fast path was taken.
func checkSamePaths(t *testing.T, d fitio.Decoder, name string, data []byte) bool {
	t.Helper()
	input := bytes.Clone(data)
	fast, ok := fitio.DecodeFast(d, input)
	lib, err := fitio.DecodeLibrary(d, input)
	if !bytes.Equal(input, data) {
		t.Fatalf("%s: the input was modified", name)
	}
	if !ok {
		return false
	}
	if err != nil {
		t.Errorf("%s: the fast path decodes, the library path fails: %v", name, err)
		return true
	}
	if err := activitytest.Same(lib, fast); err != nil {
		t.Errorf("%s: the fast path differs from the library path: %v", name, err)
	}
	return true
}

// differentialFiles returns the files the differential tests read, by name:
// the fixtures of ../testdata/runs (required), files built here in shapes the
// fixtures lack (big-endian, compressed timestamps, a chained strap, a
// chained file of another type, developer fields), the regression seeds of
// FuzzDecode and FuzzFastPath, and, when RUNCHECK_CORPUS is set, the corpus
// FIT files, broken ones included. fast lists the ones the fast path must
// take.
func differentialFiles(tb testing.TB) (files map[string][]byte, fast []string) {
	files = map[string][]byte{}
	fixtures, err := filepath.Glob(filepath.Join("..", "testdata", "runs", "*.fit"))
	if err != nil || len(fixtures) == 0 {
		tb.Fatal("no ../testdata/runs/*.fit fixtures")
	}
	for _, path := range fixtures {
		files[path] = readFile(tb, path)
		fast = append(fast, path)
	}
	built := map[string][]byte{
		"built: run":                  encode(tb, run(300)),
		"built: run, big-endian":      encode(tb, run(300), encoder.WithBigEndian()),
		"built: run, header CRC 0":    zeroHeaderCRC(encode(tb, run(300))),
		"built: run and strap":        append(encode(tb, run(30)), encode(tb, hrOnly(2, []uint8{120, 121, 122, 123}))...),
		"built: run and settings":     append(encode(tb, run(30)), encode(tb, []proto.Message{fileID(typedef.FileSettings)})...),
		"built: run, developer field": encode(tb, withDeveloperField(run(30)), encoder.WithProtocolVersion(proto.V2)),
	}
	for name, b := range built {
		files[name] = b
		fast = append(fast, name)
	}
	// GoldenCheetah's re-save: the fast path declines it (the library
	// rejects its developer_data_id definition) and the library path skips
	// the bad field.
	_, files["built: invalid developer_data_id base type"] = goldenCheetahResave(tb)
	_, files["built: invalid field_description base type"] = invalidFieldDescription(tb)
	// A file concatenated with itself: the fast path declines it (a chained
	// activity) and the library path takes the repeat once.
	files["built: run twice"] = chainedRepeat(tb)
	// With compressed timestamp headers on every message, the fast path
	// declines (the headers of laps and events count from the records'
	// times); on records only, it takes them.
	compressed := encoder.WithHeaderOption(encoder.HeaderOptionCompressedTimestamp, 3)
	files["built: compressed timestamps"] = encode(tb, run(300), compressed)
	files["built: compressed record timestamps"] = encode(tb, untimedExceptRecords(run(300)), compressed)
	fast = append(fast, "built: compressed record timestamps")
	for _, target := range []string{"FuzzDecode", "FuzzFastPath"} {
		seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
		for _, path := range seeds {
			files[path] = readSeed(tb, path)
		}
	}
	if os.Getenv("RUNCHECK_CORPUS") != "" {
		for _, sub := range []string{"fit", "broken"} {
			for _, path := range corpusFiles(tb, sub) {
				files[path] = readFile(tb, path)
			}
		}
	}
	return files, fast
}

func readFile(tb testing.TB, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// readSeed reads a fuzz seed file of one []byte value.
func readSeed(tb testing.TB, path string) []byte {
	text := string(readFile(tb, path))
	_, rest, ok := strings.Cut(text, "\n")
	rest = strings.TrimSpace(rest)
	if !ok || !strings.HasPrefix(rest, "[]byte(") || !strings.HasSuffix(rest, ")") {
		tb.Fatalf("%s: not a fuzz seed of one []byte", path)
	}
	b, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(rest, "[]byte("), ")"))
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return []byte(b)
}

// withDeveloperField adds a developer field (a Stryd-style power in watts)
// to every record of mesgs, with its developer_data_id and
// field_description before them.
func withDeveloperField(mesgs []proto.Message) []proto.Message {
	out := []proto.Message{mesgs[0],
		mesgdef.NewDeveloperDataId(nil).SetDeveloperDataIndex(0).SetApplicationVersion(1).ToMesg(nil),
		mesgdef.NewFieldDescription(nil).SetDeveloperDataIndex(0).SetFieldDefinitionNumber(7).
			SetFitBaseTypeId(0x84).SetFieldName([]string{"Power"}).SetUnits([]string{"Watts"}).ToMesg(nil),
	}
	for i, m := range mesgs[1:] {
		if m.Num == typedef.MesgNumRecord {
			m.DeveloperFields = []proto.DeveloperField{{Num: 7, DeveloperDataIndex: 0, Value: proto.Uint16(uint16(200 + i%50))}}
		}
		out = append(out, m)
	}
	return out
}

// untimedExceptRecords removes the timestamp field from the messages of
// mesgs other than records, so that an encoder compressing timestamps
// compresses those of records alone.
func untimedExceptRecords(mesgs []proto.Message) []proto.Message {
	out := make([]proto.Message, len(mesgs))
	for i, m := range mesgs {
		if m.Num != typedef.MesgNumRecord {
			m.Fields = slices.Clone(m.Fields)
			m.RemoveFieldByNum(proto.FieldNumTimestamp)
		}
		out[i] = m
	}
	return out
}

// TestFastPathMatchesLibrary checks that the fast path gives exactly the
// library path's activity on every file, with the default decoder and with
// a sample limit, and that it is taken for the fixtures and the clean
// shapes built here.
func TestFastPathMatchesLibrary(t *testing.T) {
	files, fast := differentialFiles(t)
	taken := 0
	for name, data := range files {
		if checkSamePaths(t, fitio.Decoder{}, name, data) {
			taken++
		} else {
			t.Logf("the fast path declines %s", name)
		}
		checkSamePaths(t, fitio.Decoder{MaxSamples: 100}, name+" (100 samples)", data)
	}
	for _, name := range fast {
		if _, ok := fitio.DecodeFast(fitio.Decoder{}, files[name]); !ok {
			t.Errorf("%s: the fast path declined a clean file", name)
		}
	}
	// Each compressed header saves a record its 4-byte timestamp; the
	// encoder writes a full one every 32 s.
	plain := encode(t, untimedExceptRecords(run(300)))
	if saved := len(plain) - len(files["built: compressed record timestamps"]); saved < 4*250 {
		t.Errorf("compressing the record timestamps saved %d bytes: the file does not test them", saved)
	}
	t.Logf("%d files, the fast path took %d", len(files), taken)
}

// TestFastPathMutants runs the differential check over truncations and
// byte flips of every file, as the mutation sweep does for the library
// path: whatever the fast path accepts, it must decode as the library does.
func TestFastPathMutants(t *testing.T) {
	files, _ := differentialFiles(t)
	rng := rand.New(rand.NewPCG(6, 7))
	mutants, taken := 0, 0
	for name, data := range files {
		if len(data) < 16 {
			continue
		}
		cuts, flips := 8, 128
		if len(data) > 256<<10 {
			cuts, flips = 4, 16
		}
		if activitytest.RaceEnabled() {
			// The race detector slows decoding tenfold and has nothing to
			// watch here: each decode runs on one goroutine.
			cuts, flips = 2, flips/8
		}
		for i := range cuts {
			at := 1 + i*(len(data)-1)/cuts
			mutants++
			if checkSamePaths(t, fitio.Decoder{}, fmt.Sprintf("%s cut at %d", name, at), data[:at]) {
				taken++
			}
		}
		for range flips {
			m := bytes.Clone(data)
			at := rng.IntN(len(m))
			m[at] ^= byte(1 + rng.IntN(255))
			mutants++
			// With its CRCs made good again, the flip reaches the framing
			// and the fields, which the fast path reads itself (with a bad
			// CRC, it declines).
			if checkSamePaths(t, fitio.Decoder{}, fmt.Sprintf("%s flipped at %d, CRCs fixed", name, at), fixCRCs(m)) {
				taken++
			}
		}
	}
	t.Logf("%d mutants of %d files, the fast path took %d", mutants, len(files), taken)
}

// FuzzFastPath checks on arbitrary input that the fast path gives the
// library path's activity whenever it does not decline. Seeded as
// TestFastPathMatchesLibrary is.
func FuzzFastPath(f *testing.F) {
	files, _ := differentialFiles(f)
	for _, b := range files {
		if len(b) <= 1<<20 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSamePaths(t, fitio.Decoder{}, "input", data)
		checkSamePaths(t, fitio.Decoder{MaxSamples: 10}, "input (10 samples)", data)
		checkSamePaths(t, fitio.Decoder{}, "input with CRCs fixed", fixCRCs(data))
	})
}

// fixCRCs returns a copy of data with the header CRC (when not 0) and the
// file CRC of every sequence set right, for the sequences whose header is
// whole and whose declared size fits in data: a damaged file that the CRCs
// no longer reject.
func fixCRCs(data []byte) []byte {
	b := bytes.Clone(data)
	for pos := 0; pos+12 <= len(b); {
		size := int(b[pos])
		if size != 12 && size != 14 || pos+size > len(b) {
			break
		}
		end := pos + size + int(binary.LittleEndian.Uint32(b[pos+4:pos+8]))
		if end+2 > len(b) || end < pos {
			break
		}
		if size == 14 && binary.LittleEndian.Uint16(b[pos+12:pos+14]) != 0 {
			binary.LittleEndian.PutUint16(b[pos+12:pos+14], crcOf(b[pos:pos+12]))
		}
		binary.LittleEndian.PutUint16(b[end:end+2], crcOf(b[pos:end]))
		pos = end + 2
	}
	return b
}

func crcOf(b []byte) uint16 {
	h := crc16.New()
	h.Write(b)
	return h.Sum16()
}
