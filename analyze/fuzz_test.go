package analyze_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

// decodeSentinels are the errors a decode error may match, by name; it
// must match exactly one.
var decodeSentinels = map[string]error{
	"ErrUnknownFormat": analyze.ErrUnknownFormat,
	"ErrMalformed":     analyze.ErrMalformed,
	"ErrTruncated":     analyze.ErrTruncated,
	"ErrChecksum":      analyze.ErrChecksum,
	"ErrNotActivity":   analyze.ErrNotActivity,
	"ErrNoSamples":     analyze.ErrNoSamples,
	"ErrNoTimestamps":  analyze.ErrNoTimestamps,
	"ErrLimit":         analyze.ErrLimit,
}

// matchedSentinels returns the names of the sentinels err matches, sorted.
func matchedSentinels(err error) []string {
	var names []string
	for name, s := range decodeSentinels {
		if errors.Is(err, s) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// fuzzMaxSize bounds what the fuzz target decodes after decompression, so
// that a gzip bomb the fuzzer builds costs 8 MiB at most.
const fuzzMaxSize = 8 << 20

// seedFiles returns the fixtures the decode tests start from: every FIT, GPX
// and TCX file of ../testdata/runs and, when RUNCHECK_CORPUS is set, the
// corpus files of the fit, gpx, tcx and broken folders no larger than
// maxCorpus bytes (all of them for maxCorpus < 0). It fails when the fixture
// glob finds nothing, so that a moved folder cannot make the tests pass
// vacuously.
func seedFiles(tb testing.TB, maxCorpus int64) []string {
	tb.Helper()
	var files []string
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		m, err := filepath.Glob(filepath.Join(runs, "*."+ext))
		if err != nil || len(m) == 0 {
			tb.Fatalf("no %s/*.%s fixtures: the seed corpus has gone missing", runs, ext)
		}
		files = append(files, m...)
	}
	if dir := os.Getenv("RUNCHECK_CORPUS"); dir != "" {
		var corpus []string
		for _, sub := range []string{"fit", "gpx", "tcx", "broken"} {
			m, err := filepath.Glob(filepath.Join(dir, sub, "*"))
			if err != nil {
				tb.Fatal(err)
			}
			for _, path := range m {
				fi, err := os.Stat(path)
				if err != nil {
					tb.Fatal(err)
				}
				if fi.Mode().IsRegular() && (maxCorpus < 0 || fi.Size() <= maxCorpus) {
					corpus = append(corpus, path)
				}
			}
		}
		if len(corpus) == 0 {
			tb.Fatalf("RUNCHECK_CORPUS=%s holds no fit, gpx, tcx or broken files", dir)
		}
		files = append(files, corpus...)
	}
	slices.Sort(files)
	return files
}

// decodeOutcome decodes data with d and checks the contract every input
// must meet: the input is left as it was; an error comes without an
// activity, matches exactly one sentinel and is no recovered panic; an
// activity comes without an error, has samples, a known format and passes
// activity.Validate. It returns the name of the matched sentinel ("ok" on
// success) and, when the contract is broken, what is wrong.
func decodeOutcome(d analyze.Decoder, data []byte) (outcome string, problem error) {
	orig := bytes.Clone(data)
	a, err := d.Decode(bytes.NewReader(data))
	if !bytes.Equal(data, orig) {
		return "", errors.New("Decode modified its input")
	}
	if err != nil {
		if a != nil {
			return "", fmt.Errorf("Decode returned an activity and the error %v", err)
		}
		matched := matchedSentinels(err)
		if len(matched) != 1 {
			return "", fmt.Errorf("error %q matches the sentinels %v, want exactly 1", err, matched)
		}
		if msg := err.Error(); strings.Contains(msg, "panic") || strings.Contains(msg, "internal error") {
			return "", fmt.Errorf("Decode recovered a panic: %v", err)
		}
		return matched[0], nil
	}
	if a == nil {
		return "", errors.New("Decode returned neither an activity nor an error")
	}
	switch a.Meta.Format {
	case activity.FormatFIT, activity.FormatGPX, activity.FormatTCX:
	default:
		return "", fmt.Errorf("decoded activity has format %q", a.Meta.Format)
	}
	if a.Samples.Len() == 0 {
		return "", errors.New("decoded activity has no samples and no error")
	}
	if err := a.Validate(); err != nil {
		return "", fmt.Errorf("decoded activity is not well formed: %w", err)
	}
	return "ok", nil
}

// FuzzDecode feeds arbitrary bytes to analyze.Decoder.Decode, strict and
// lenient, with an 8 MiB size limit. Expected outcome for every input: no
// panic, an error matching exactly one of analyze's sentinels or a
// well-formed activity (activity.Validate), the input unmodified. The seeds
// are every fixture of ../testdata/runs, plain and gzipped, and the corpus
// files under 1 MB when RUNCHECK_CORPUS is set; the target fails when it
// finds no seeds.
func FuzzDecode(f *testing.F) {
	files := seedFiles(f, 1<<20)
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(gzipped(f, b))
	}
	// Hand-made seeds for the sniffer and the gzip layer.
	f.Add([]byte{})
	f.Add([]byte("\xef\xbb\xbf  <?xml version=\"1.0\"?><!-- c --><!DOCTYPE x><gpx/>"))
	f.Add([]byte("<t:TrainingCenterDatabase xmlns:t=\"x\"/>"))
	f.Add(gzipped(f, gzipped(f, []byte("<gpx/>"))))
	f.Add(append(gzipped(f, []byte("<gpx><trk><trkseg>")), gzipped(f, []byte("</trkseg></trk></gpx>"))...))

	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range []analyze.Decoder{
			{MaxSize: fuzzMaxSize},
			{MaxSize: fuzzMaxSize, Lenient: true, MaxSamples: 1000},
		} {
			if _, problem := decodeOutcome(d, data); problem != nil {
				t.Fatalf("%+v: %v", d, problem)
			}
		}
	})
}
