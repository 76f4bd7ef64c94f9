package activitytest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/fixture"
)

// noCorpus says why a test reads no corpus file.
const noCorpus = "RUNCHECK_CORPUS not set: skipping the real-device corpus tier"

// CorpusDir returns the real-device corpus folder that RUNCHECK_CORPUS
// names, or skips the test when it is unset.
func CorpusDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("RUNCHECK_CORPUS")
	if dir == "" {
		tb.Skip(noCorpus)
	}
	return dir
}

// LogCorpus logs, for a test that reads the corpus when RUNCHECK_CORPUS is
// set and runs without it otherwise, that it skipped the corpus tier.
func LogCorpus(tb testing.TB, read bool) {
	tb.Helper()
	if !read {
		tb.Log(noCorpus)
	}
}

// AddFileSeeds adds to f the fuzz seeds an importer's files give, and
// returns how many: the fixtures ../testdata/runs/*.ext (it fails f when
// there are none, so that a vanished seed folder cannot go unnoticed) and,
// when RUNCHECK_CORPUS is set, the corpus's ext/*.ext and broken/*.ext
// files; each of at most 1 MiB.
func AddFileSeeds(f *testing.F, ext string) int {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "runs", "*."+ext))
	if err != nil || len(files) == 0 {
		f.Fatalf("no ../testdata/runs/*.%s fixtures: the seed corpus has gone missing", ext)
	}
	if dir := os.Getenv("RUNCHECK_CORPUS"); dir != "" {
		for _, sub := range []string{ext, "broken"} {
			m, err := filepath.Glob(filepath.Join(dir, sub, "*."+ext))
			if err != nil {
				f.Fatal(err)
			}
			files = append(files, m...)
		}
	}
	seeds := 0
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) <= 1<<20 {
			f.Add(b)
			seeds++
		}
	}
	return seeds
}

// sentinels are the errors a decode error may match; it matches exactly
// one.
var sentinels = [...]error{
	activity.ErrMalformed, activity.ErrTruncated, activity.ErrChecksum, activity.ErrNotActivity,
	activity.ErrNoSamples, activity.ErrNoTimestamps, activity.ErrLimit,
}

// CheckError returns nil when err holds the importers' error invariant: an
// *activity.FormatError of the format, with an offset of -1 or more, that
// matches exactly one activity sentinel, its Kind; an ErrLimit one wraps
// an *activity.LimitError whose Limit names a field of decoder (such as
// "gpxio.Decoder").
func CheckError(err error, format activity.Format, decoder string) error {
	var fe *activity.FormatError
	if !errors.As(err, &fe) {
		return fmt.Errorf("error %v (%T) is not a *activity.FormatError", err, err)
	}
	if fe.Format != format {
		return fmt.Errorf("error %v: format %q, want %q", err, fe.Format, format)
	}
	if fe.Offset < -1 {
		return fmt.Errorf("error %v: offset %d", err, fe.Offset)
	}
	n := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			n++
			if fe.Kind != s {
				return fmt.Errorf("error %v matches %v but its Kind is %v", err, s, fe.Kind)
			}
		}
	}
	if n != 1 {
		return fmt.Errorf("error %v matches %d sentinels, want 1", err, n)
	}
	var le *activity.LimitError
	if fe.Kind == activity.ErrLimit && (!errors.As(err, &le) || !strings.HasPrefix(le.Limit, decoder+".Max")) {
		return fmt.Errorf("limit error %v: the cause is not a LimitError naming a %s field", err, decoder)
	}
	return nil
}

// A ReaderCase is an io.Reader that delivers a document in an odd way, and
// the sentinel decoding it must fail with (nil for success).
type ReaderCase struct {
	Name   string
	Reader func() io.Reader
	Err    error
}

// ReaderCases returns the ways an io.Reader may deliver doc that an
// importer's Decode must read as its reference reader does: short reads,
// data with io.EOF, a failure after the document or inside it (within its
// first 100 bytes), empty reads without end, a count out of range.
func ReaderCases(doc []byte) []ReaderCase {
	cause := errors.New("disk on fire")
	failAfter := func(data []byte) func() io.Reader {
		return func() io.Reader { return io.MultiReader(bytes.NewReader(data), iotest.ErrReader(cause)) }
	}
	return []ReaderCase{
		{"one byte at a time", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(doc)) }, nil},
		{"half reads", func() io.Reader { return iotest.HalfReader(bytes.NewReader(doc)) }, nil},
		{"data with EOF", func() io.Reader { return iotest.DataErrReader(bytes.NewReader(doc)) }, nil},
		{"no Len method", func() io.Reader { return io.MultiReader(bytes.NewReader(doc)) }, nil},
		{"failure after the document", failAfter(doc), nil},
		{"failure inside the document", failAfter(doc[:100]), activity.ErrTruncated},
		{"timeout after the document", func() io.Reader { return iotest.TimeoutReader(bytes.NewReader(doc)) }, nil},
		{"no progress", func() io.Reader { return emptyReader{} }, activity.ErrTruncated},
		{"count out of range", func() io.Reader { return badCountReader{} }, activity.ErrTruncated},
	}
}

// emptyReader returns no data and no error, for ever.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }

// badCountReader claims to have read more than it was given.
type badCountReader struct{}

func (badCountReader) Read(p []byte) (int, error) { return len(p) + 1, nil }

// MutantSweep runs check over Mutants of each input (data gives its name
// and bytes; per, how many mutants of each kind for an input of n bytes;
// see Mutants for replacements). check reports whether the fast reader
// decided the mutant alone; the sweep fails t when it decided none. It
// stops after the first input with a failure: one input's differences are
// enough to read.
func MutantSweep[X any](t *testing.T, inputs []X, data func(X) (string, []byte), per func(n int) int,
	replacements []byte, check func(x X, name string, mutant []byte) bool) {
	t.Helper()
	total, fast := 0, 0
	for _, x := range inputs {
		name, b := data(x)
		if len(b) == 0 {
			continue
		}
		Mutants(b, per(len(b)), replacements, func(what string, mutant []byte) {
			total++
			if check(x, name+" "+what, mutant) {
				fast++
			}
		})
		if t.Failed() {
			return
		}
	}
	if fast == 0 {
		t.Errorf("the fast reader decided none of %d mutants alone", total)
	}
	t.Logf("%d mutants, %d decided by the fast reader alone", total, fast)
}

// SteadyFile returns the benchmark tier's steady run as a file of the
// format, or fails tb.
func SteadyFile(tb testing.TB, tier fixture.SteadyTier, format activity.Format) []byte {
	tb.Helper()
	data, err := tier.File(format)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// UTF16 returns s encoded as UTF-16 with a byte order mark, little-endian
// or, with big set, big-endian: an XML file as some Windows programs write
// it.
func UTF16(s string, big bool) []byte {
	b := []byte{0xFF, 0xFE}
	if big {
		b = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}
