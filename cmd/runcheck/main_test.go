package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/runcheck/runcheck/analyze"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"runcheck": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Each script's
// work folder gets a copy of the generated fixtures of ../../testdata/runs
// (binary files that txtar cannot hold) under runs/.
func TestScripts(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join("..", "..", "testdata", "runs", "*"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures in ../../testdata/runs (err %v): run go generate ./...", err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			dst := filepath.Join(env.WorkDir, "runs")
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
			for _, f := range fixtures {
				b, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o644); err != nil {
					return err
				}
			}
			return writeStravaExport(filepath.Join(env.WorkDir, "strava.zip"), dst)
		},
	})
}

// TestReadmeConfigExample loads the configuration example of README.md, so
// that the example cannot rot.
func TestReadmeConfigExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```toml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("README.md has no ```toml example")
	}
	cfg, err := analyze.ParseConfig(strings.NewReader(example), "README.md")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != "recreational" || cfg.Athlete.MaxHR != 188 || cfg.Profiles["recreational"].MaxMinutes != 45 {
		t.Errorf("README example read as %+v", cfg)
	}
}

// stravaCSV is a Strava bulk export's activities.csv in miniature: the
// columns runcheck reads, among others, as Strava writes them.
const stravaCSV = `Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename
100,"Mar 3, 2026, 6:15:00 AM",Morning Run,Run,Easy one after intervals: recovery,2100,4.99,activities/100.fit.gz
101,"Mar 5, 2026, 5:30:00 PM",Footing récup,Run,,2400,6.08,activities/101.tcx.gz
102,"Mar 10, 2026, 5:00:00 PM",Hill repeats,Run,,1800,4.26,activities/102.gpx.gz
103,"Mar 11, 2026, 5:00:00 PM",Evening Ride,Ride,,1800,12.0,activities/103.fit
`

// writeStravaExport writes a Strava-style bulk export to path: the
// activities.csv above and gzipped copies of fixtures from runs, one
// activity (103) left as a plain FIT file as Strava does for some uploads.
func writeStravaExport(path, runs string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	add := func(name string, data []byte) error {
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write(data)
		}
		return err
	}
	if err := add("activities.csv", []byte(stravaCSV)); err != nil {
		return err
	}
	for _, e := range []struct{ name, fixture string }{
		{"activities/100.fit.gz", "recovery-easy.fit"},
		{"activities/101.tcx.gz", "recovery-too-hard.tcx"},
		{"activities/102.gpx.gz", "hilly.gpx"},
		{"activities/103.fit", "week-intervals.fit"},
	} {
		b, err := os.ReadFile(filepath.Join(runs, e.fixture))
		if err != nil {
			return err
		}
		if strings.HasSuffix(e.name, ".gz") {
			var buf bytes.Buffer
			gw := gzip.NewWriter(&buf)
			if _, err := gw.Write(b); err != nil {
				return err
			}
			if err := gw.Close(); err != nil {
				return err
			}
			b = buf.Bytes()
		}
		if err := add(e.name, b); err != nil {
			return err
		}
	}
	return zw.Close()
}
