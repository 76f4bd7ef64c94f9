package gpxio_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/gpxio"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// corpusOutcome is what one corpus file must decode to.
type corpusOutcome struct {
	err      error  // the sentinel expected, nil for success
	samples  int    // samples decoded
	sessions int    // sessions (one per track with samples)
	pauses   int    // segment pauses
	hr       int    // samples with heart rate
	warn     string // substring every one of which must appear in a warning, "|"-separated
}

// corpusOutcomes lists every GPX file of the corpus (paths relative to
// RUNCHECK_CORPUS) with its expected outcome. A file in the corpus that is
// missing here fails TestCorpus, so that new files get a stated outcome.
func corpusOutcomes() map[string]corpusOutcome {
	return map[string]corpusOutcome{
		"gpx/gc__gpsvisualizer-gpx10-16seg.gpx":          {samples: 5935, sessions: 1, pauses: 15},
		"gpx/gc__movescount-gpxdata-hr.gpx":              {samples: 1405, sessions: 1, hr: 1405},
		"gpx/gc__strava-metadata-only.gpx":               {err: activity.ErrNoSamples},
		"gpx/gc__urbanbiker-tpx-v2-3seg.gpx":             {samples: 2870, sessions: 1, pauses: 1, hr: 2736},
		"gpx/gpsbabel__globalsat-gh625xt.gpx":            {samples: 174, sessions: 2, pauses: 1, hr: 3},
		"gpx/gpsbabel__mavi-no-z-micros.gpx":             {samples: 52, sessions: 1, warn: "dropped 12 of 64 track points that have no <time>|52 of 52 track point times carry no UTC offset"},
		"gpx/gpxgo__mojstrovka-gpx10-bogus-time.gpx":     {samples: 184, sessions: 1, warn: "all 184 track points have the same time (1901-12-13T20:45:52.2073437Z)"},
		"gpx/gpxpy__empty-segment.gpx":                   {samples: 9, sessions: 1},
		"gpx/gpxpy__nikeplus-tz-offset-ms.gpx":           {samples: 2, sessions: 1},
		"gpx/heartandsole__fr220-run.gpx":                {samples: 46, sessions: 1, hr: 46},
		"gpx/sportslib__amazfit-run.gpx":                 {samples: 1216, sessions: 1, hr: 1216},
		"gpx/sportslib__mapstogpx-swim-dup-hr.gpx":       {samples: 355, sessions: 1, hr: 355},
		"gpx/sportslib__strava-android-run.gpx":          {samples: 1038, sessions: 1, hr: 1038},
		"gpx/sweatpy__garminconnect-ride-5039744860.gpx": {samples: 96, sessions: 1, hr: 96},
		// Not namespace-well-formed (gpxdata: is never declared), but the
		// data is unambiguous: decoded leniently, with a warning. One
		// <gpxx:Temperature> holds "null".
		"broken/sportslib__strava-gpx-unbound-prefix.gpx": {samples: 4040, sessions: 1,
			warn: `namespace prefix "gpxdata" is used without a declaration|1 values are not numbers`},
	}
}

func TestCorpus(t *testing.T) {
	dir := activitytest.CorpusDir(t)
	want := corpusOutcomes()
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no GPX files under %s", dir)
	}
	seen := map[string]bool{}
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		t.Run(rel, func(t *testing.T) {
			w, ok := want[rel]
			if !ok {
				t.Fatalf("no expected outcome for %s: add it to corpusOutcomes", rel)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			orig := bytes.Clone(data)
			a, err := gpxio.Decode(bytes.NewReader(data))
			if !bytes.Equal(data, orig) {
				t.Fatal("Decode modified its input")
			}
			if w.err != nil {
				if err == nil {
					t.Fatalf("decoded %d samples, want %v", a.Samples.Len(), w.err)
				}
				checkError(t, err)
				if !errors.Is(err, w.err) {
					t.Fatalf("got %v, want %v", err, w.err)
				}
				t.Logf("%v", err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(a); err != nil {
				t.Fatal(err)
			}
			s := a.Samples
			hr := activity.Coverage(s.HeartRate)
			t.Logf("%d samples, %d sessions, %d pauses, hr %d, cad %d, temp %d, ele %d, speed %d, start %v, %.3f s; warnings %q",
				s.Len(), len(a.Sessions), len(a.Pauses), hr, activity.Coverage(s.Cadence), activity.Coverage(s.Temperature),
				activity.Coverage(s.Altitude), activity.Coverage(s.Speed), a.Start, a.Duration(), a.Warnings)
			if s.Len() != w.samples || len(a.Sessions) != w.sessions || len(a.Pauses) != w.pauses || hr != w.hr {
				t.Errorf("got %d samples, %d sessions, %d pauses, hr %d; want %d, %d, %d, %d",
					s.Len(), len(a.Sessions), len(a.Pauses), hr, w.samples, w.sessions, w.pauses, w.hr)
			}
			var wants []string
			if w.warn != "" {
				wants = strings.Split(w.warn, "|")
			}
			if len(a.Warnings) != len(wants) {
				t.Errorf("warnings %q, want %d matching %q", a.Warnings, len(wants), wants)
			}
			for _, sub := range wants {
				if !slices.ContainsFunc(a.Warnings, func(w string) bool { return strings.Contains(w, sub) }) {
					t.Errorf("no warning contains %q: %q", sub, a.Warnings)
				}
			}
		})
	}
	for rel := range want {
		if !seen[rel] {
			t.Errorf("%s is listed but not in the corpus", rel)
		}
	}
}

// trkptTimes extracts the <time> of every track point with an independent,
// regular-expression reading of the file and time.Parse.
func trkptTimes(t *testing.T, data []byte) []time.Time {
	t.Helper()
	pts := regexp.MustCompile(`(?s)<trkpt\b.*?</trkpt>`).FindAll(data, -1)
	tm := regexp.MustCompile(`<time>([^<]*)</time>`)
	var out []time.Time
	for _, p := range pts {
		m := tm.FindSubmatch(p)
		if m == nil {
			t.Fatalf("track point without time: %s", p)
		}
		v, err := time.Parse(time.RFC3339Nano, string(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestCorpusExactTimes checks sub-second times and UTC offsets against an
// independent reading, to the nanosecond as float64 allows.
func TestCorpusExactTimes(t *testing.T) {
	dir := activitytest.CorpusDir(t)
	for _, tc := range []struct {
		file      string
		wantStart string // RFC 3339, with the file's offset
		wantOff   int    // UTC offset of Start in seconds
		fractions bool   // the file has sub-second times
	}{
		{"gpx/gpxpy__nikeplus-tz-offset-ms.gpx", "2015-12-11T15:43:13+01:00", 3600, true},
		{"gpx/gc__urbanbiker-tpx-v2-3seg.gpx", "2019-04-18T14:12:19Z", 0, true},
		{"gpx/gc__movescount-gpxdata-hr.gpx", "2014-01-17T08:33:11.15Z", 0, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tc.file)))
			if err != nil {
				t.Fatal(err)
			}
			a, err := gpxio.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := time.Parse(time.RFC3339Nano, tc.wantStart)
			if !a.Start.Equal(want) || a.Start.Format(time.RFC3339Nano) != tc.wantStart {
				t.Errorf("Start = %s, want %s", a.Start.Format(time.RFC3339Nano), tc.wantStart)
			}
			if _, off := a.Start.Zone(); off != tc.wantOff {
				t.Errorf("Start offset %d s, want %d", off, tc.wantOff)
			}
			times := trkptTimes(t, data)
			if len(times) != a.Samples.Len() {
				t.Fatalf("%d times in the file, %d samples", len(times), a.Samples.Len())
			}
			frac := 0
			for i, tm := range times {
				w := float64(tm.Sub(times[0]).Nanoseconds()) / 1e9
				if a.Samples.Time[i] != w {
					t.Fatalf("sample %d: time %v, want %v (%s)", i, a.Samples.Time[i], w, tm.Format(time.RFC3339Nano))
				}
				if !a.TimeAt(a.Samples.Time[i]).Equal(tm) {
					t.Fatalf("sample %d: TimeAt %v, want %v", i, a.TimeAt(a.Samples.Time[i]), tm)
				}
				if w != math.Trunc(w) {
					frac++
				}
			}
			if tc.fractions && frac == 0 {
				t.Errorf("no sub-second offsets: the file no longer tests fractions")
			}
			t.Logf("%d samples, %d with sub-second offsets, e.g. %s", len(times), frac, strconv.FormatFloat(a.Samples.Time[1], 'f', -1, 64))
		})
	}
}

// TestCorpusDuplicateHeartRate checks that where a point carries heart rate
// in both a TrackPointExtension and gpxdata, the TrackPointExtension value
// is the one kept.
func TestCorpusDuplicateHeartRate(t *testing.T) {
	dir := activitytest.CorpusDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "gpx", "sportslib__mapstogpx-swim-dup-hr.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := gpxio.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<gpxtpx:hr>(\d+)</gpxtpx:hr>`).FindAllSubmatch(data, -1)
	if len(m) != a.Samples.Len() {
		t.Fatalf("%d TPX heart rates, %d samples", len(m), a.Samples.Len())
	}
	for i, sm := range m {
		v, _ := strconv.ParseFloat(string(sm[1]), 64)
		if a.Samples.HeartRate[i] != v {
			t.Fatalf("sample %d: hr %v, want the TPX %v", i, a.Samples.HeartRate[i], v)
		}
	}
}
