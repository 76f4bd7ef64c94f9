package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/analyze"
)

// readZip returns the entries of the zip file at path by name.
func readZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	entries := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		entries[f.Name] = b
	}
	return entries
}

// TestSteadyExport writes an export of 20 steady runs and grades every file
// as runcheck grade -max-hr 190 would. Expected: 18 files in files/ and 2 in
// strava.zip with an activities.csv row each; every file a PASS, starting
// 3.5 days after the one before, in the format and gzip state its index
// gives, labelled by the source its name variant is made for.
func TestSteadyExport(t *testing.T) {
	const n = 20
	dir := filepath.Join(t.TempDir(), "export")
	src, err := steady(45 * time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(dir, n, src); err != nil {
		t.Fatal(err)
	}
	if err := write(dir, n, src); err == nil {
		t.Error("a second export into the same folder: no error")
	}

	entries := readZip(t, filepath.Join(dir, "strava.zip"))
	strava, err := analyze.ReadStravaActivities(bytes.NewReader(entries["activities.csv"]))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != n/10+1 || strava.Len() != n/10 {
		t.Fatalf("strava.zip: %d entries, %d activities; want %d and %d", len(entries), strava.Len(), n/10+1, n/10)
	}
	paths := map[string][]byte{}
	for name, b := range entries {
		if name != "activities.csv" {
			paths["strava.zip/"+name] = b
		}
	}
	des, err := os.ReadDir(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range des {
		b, err := os.ReadFile(filepath.Join(dir, "files", de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		paths["files/"+de.Name()] = b
	}
	if len(paths) != n {
		t.Fatalf("%d files, want %d", len(paths), n)
	}

	g := analyze.Grader{Inputs: analyze.Inputs{Athlete: analyze.AthleteInput{MaxHR: analyze.Given{Value: 190, Source: "test"}}}}
	first := time.Date(2026, 3, 3, 7, 15, 0, 0, time.FixedZone("", 3600))
	seen := map[int]bool{}
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		i, slug, ext, err := splitName(filepath.Base(path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		seen[i] = true
		if gz := strings.HasSuffix(path, ".gz"); gz != (i%2 == 1) {
			t.Errorf("%s: gzipped %v", path, gz)
		}
		if zipped := strings.HasPrefix(path, "strava.zip/"); zipped != (i%10 == 9) {
			t.Errorf("%s: in strava.zip %v", path, zipped)
		}
		if want := []string{"fit", "gpx", "tcx"}[i%3]; ext != want {
			t.Errorf("%s: format %s, want %s", path, ext, want)
		}
		a, err := g.Decoder.Decode(bytes.NewReader(paths[path]))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if want := first.Add(time.Duration(i) * 84 * time.Hour); !a.Start.Equal(want) {
			t.Errorf("%s: start %v, want %v", path, a.Start, want)
		}
		var r analyze.Report
		if row, ok := strava.Lookup(path); ok {
			r = g.GradeExport(path, a, &row, "activities.csv").Report
		} else {
			r = g.GradeActivity(path, a).Report
		}
		if r.Outcome != analyze.OutcomePass {
			t.Errorf("%s: %s (%s), want PASS", path, r.Outcome, r.Reason())
			continue
		}
		want := analyze.LabelSourceFileNames
		switch {
		case strings.HasPrefix(path, "strava.zip/") && strings.Contains(slug, "recovery"):
			want = analyze.LabelSourceStrava
		case slug == "recovery", slug == "recovery-run" && ext == "tcx":
			want = analyze.LabelSourceFileName
		}
		if got := r.Label.Label.Source; got != want {
			t.Errorf("%s: labelled by %s (%s), want %s", path, got, r.Label.Reason, want)
		}
	}
	if len(seen) != n {
		t.Errorf("indexes %v, want 0 to %d once each", seen, n-1)
	}
}

// splitName splits a generated base name "IIIII-SLUG.EXT[.gz]" into its
// index, name variant and format.
func splitName(base string) (i int, slug, ext string, err error) {
	num, rest, _ := strings.Cut(strings.TrimSuffix(base, ".gz"), "-")
	slug, ext, _ = strings.Cut(rest, ".")
	i, err = strconv.Atoi(num)
	return i, slug, ext, err
}

// TestCopiesExport writes an export of copies of testdata/runs. Expected:
// the FIT, GPX and TCX runs in lexical order, each copied byte for byte
// (gzipped every other file), 9 in files/ and 1 in strava.zip.
func TestCopiesExport(t *testing.T) {
	const n = 10
	runs := filepath.Join("..", "..", "..", "testdata", "runs")
	src, err := copies(runs)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "export")
	if err := write(dir, n, src); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		m, err := filepath.Glob(filepath.Join(runs, "*."+ext))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, m...)
	}
	slices.Sort(all)
	if len(all) < n {
		t.Fatalf("%d runs, want at least %d", len(all), n)
	}
	entries := readZip(t, filepath.Join(dir, "strava.zip"))
	for i, run := range all[:n] {
		name := fmt.Sprintf("%05d-%s", i, filepath.Base(run))
		if i%2 == 1 {
			name += ".gz"
		}
		var got []byte
		if i%10 == 9 {
			got = entries["activities/"+name]
		} else if got, err = os.ReadFile(filepath.Join(dir, "files", name)); err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 {
			zr, err := gzip.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		want, err := os.ReadFile(run)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, not a copy of %s", name, len(got), run)
		}
	}
	if len(entries) != 2 {
		t.Errorf("strava.zip: %d entries, want 2", len(entries))
	}
}
