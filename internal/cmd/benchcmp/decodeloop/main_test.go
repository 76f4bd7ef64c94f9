package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/cmd/benchcmp"
)

// TestRun decodes a folder laid out like genexport's: plain and gzipped
// files, a zip archive with an activities.csv, a corrupt file, and a file
// that is not an activity.
func TestRun(t *testing.T) {
	tier := benchcmp.Tiers()[0]
	input := func(f activity.Format) []byte {
		data, err := benchcmp.Input(tier, f)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	dir := t.TempDir()
	files := filepath.Join(dir, "files")
	if err := os.Mkdir(files, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(files, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("00000-a.fit", input("fit"))
	write("00001-a.gpx.gz", gz(input("gpx")))
	write("00002-a.tcx", input("tcx"))
	write("00003-bad.fit", []byte("not a FIT file"))
	write("notes.txt", []byte("skipped"))

	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for name, b := range map[string][]byte{
		"activities/00009-a.fit.gz": gz(input("fit")),
		"activities/00019-a.tcx":    input("tcx"),
		"activities.csv":            []byte("Activity ID,Filename\n"),
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "strava.zip"), zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	var errs strings.Builder
	sum, err := run([]string{dir}, 2, &errs)
	if err != nil {
		t.Fatal(err)
	}
	if sum.files != 6 || sum.errors != 1 || sum.byFormat["fit"] != 3 || sum.byFormat["gpx"] != 1 || sum.byFormat["tcx"] != 2 {
		t.Errorf("got %+v, want 6 files (fit 3, gpx 1, tcx 2), 1 error", sum)
	}
	if !strings.Contains(errs.String(), "00003-bad.fit") {
		t.Errorf("errors: %q, want the bad file named", errs.String())
	}
}
