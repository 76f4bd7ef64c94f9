package analyze_test

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// corpusExpectation is one row of testdata/corpus.tsv.
type corpusExpectation struct {
	outcome string // "ok" or a sentinel's name
	samples int    // -1 for none
	why     string
}

func readCorpusTable(t *testing.T) map[string]corpusExpectation {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "corpus.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table := map[string]corpusExpectation{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 4 {
			t.Fatalf("corpus.tsv:%d: %d columns, want 4", line, len(cols))
		}
		e := corpusExpectation{outcome: cols[1], samples: -1, why: cols[3]}
		if cols[2] != "-" {
			if e.samples, err = strconv.Atoi(cols[2]); err != nil {
				t.Fatalf("corpus.tsv:%d: samples %q: %v", line, cols[2], err)
			}
		}
		table[cols[0]] = e
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return table
}

var sentinels = map[string]error{
	"ErrUnknownFormat": analyze.ErrUnknownFormat,
	"ErrMalformed":     analyze.ErrMalformed,
	"ErrTruncated":     analyze.ErrTruncated,
	"ErrChecksum":      analyze.ErrChecksum,
	"ErrNotActivity":   analyze.ErrNotActivity,
	"ErrNoSamples":     analyze.ErrNoSamples,
	"ErrNoTimestamps":  analyze.ErrNoTimestamps,
	"ErrLimit":         analyze.ErrLimit,
}

// TestCorpus opens every corpus file. Files in fit/, gpx/ and tcx/ decode
// unless the table says otherwise; every file in broken/ gives the outcome the
// table states, and where the table gives a sample count the strict decode
// (or, for a damaged file, the lenient salvage) yields exactly that many.
func TestCorpus(t *testing.T) {
	dir := activitytest.CorpusDir(t)
	table := readCorpusTable(t)
	var files []string
	for _, sub := range []string{"broken", "fit", "gpx", "tcx"} {
		matches, err := filepath.Glob(filepath.Join(dir, sub, "*"))
		if err != nil {
			t.Fatal(err)
		}
		if len(matches) == 0 {
			t.Fatalf("no files in %s", filepath.Join(dir, sub))
		}
		files = append(files, matches...)
	}
	seen := map[string]bool{}
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		want, listed := table[rel]
		if !listed {
			if strings.HasPrefix(rel, "broken/") {
				t.Errorf("%s: not in testdata/corpus.tsv: say what it should give", rel)
				continue
			}
			want = corpusExpectation{outcome: "ok", samples: -1}
		}
		t.Run(rel, func(t *testing.T) {
			a, err := analyze.Open(path)
			if want.outcome == "ok" {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				if want.samples >= 0 && a.Samples.Len() != want.samples {
					t.Errorf("%d samples, want %d", a.Samples.Len(), want.samples)
				}
				return
			}
			sentinel, ok := sentinels[want.outcome]
			if !ok {
				t.Fatalf("corpus.tsv: unknown outcome %q", want.outcome)
			}
			if !errors.Is(err, sentinel) {
				t.Fatalf("Open: %v, want %s (%s)", err, want.outcome, want.why)
			}
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("message %q does not start with the path", err)
			}
			lenient := analyze.Decoder{Lenient: true}
			salvaged, lerr := lenient.Open(path)
			switch {
			case want.samples < 0 && lerr == nil:
				t.Errorf("lenient: salvaged %d samples, want an error", salvaged.Samples.Len())
			case want.samples >= 0 && lerr != nil:
				t.Errorf("lenient: %v, want %d samples", lerr, want.samples)
			case want.samples >= 0 && salvaged.Samples.Len() != want.samples:
				t.Errorf("lenient: %d samples, want %d", salvaged.Samples.Len(), want.samples)
			case want.samples >= 0 && len(salvaged.Warnings) == 0:
				t.Error("lenient: salvage without a warning")
			}
		})
	}
	for rel := range table {
		if !seen[rel] {
			t.Errorf("corpus.tsv lists %s, which is not in the corpus", rel)
		}
	}
}
