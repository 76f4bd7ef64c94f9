// Command genexport writes a synthetic activity export for batch tests and
// measurements: N files into DIR/files, FIT, GPX and TCX in turn, every
// other one gzipped, and a Strava-style bulk export DIR/strava.zip holding
// every tenth file, with an activities.csv row for each.
//
// Usage:
//
//	go run ./internal/cmd/genexport -n 2000 -dir /tmp/export
//	go run ./cmd/runcheck grade -max-hr 190 -j 2 /tmp/export
//
// By default every file is its own steady run of 45 minutes
// ([fixture.SteadyRun], -steady sets the timer time) recorded every second,
// which the general profile grades PASS. Run i starts 3.5 days after run
// i-1, so that no two files are the same run and no ISO week holds more
// than two of them. The runs carry their recovery label in turn in the
// file's own names (FIT workout name, GPX track name, or TCX notes under a
// file name that is no label), or in the file name alone; in strava.zip the
// activities.csv name labels the files whose name says "recovery" and
// gives the others Strava's default name ("Lunch Run"), which is no label.
// GPX and TCX carry no maximum heart rate: grade with -max-hr 190, as the
// FIT files say, or they are UNGRADABLE.
//
// With -runs FOLDER the files are instead copies of the runs in FOLDER
// (such as testdata/runs: runs of many lengths and verdicts, mostly
// recorded every 5 s), so the same runs come back many times under other
// names: what a throughput measurement over mixed runs needs, not a
// dataset (the check verb would rightly call them duplicates).
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/runcheck/runcheck/internal/fixture"
)

func main() {
	n := flag.Int("n", 2000, "number of files")
	dir := flag.String("dir", "", "output `folder` (created; must not exist)")
	timer := flag.Duration("steady", 45*time.Minute, "timer `time` of each generated steady run")
	runs := flag.String("runs", "", "copy the generated runs of `folder` (such as testdata/runs) instead of generating steady runs")
	flag.Parse()
	if *dir == "" {
		log.Fatal("genexport: -dir is required")
	}
	var src source
	var err error
	if *runs != "" {
		flag.Visit(func(f *flag.Flag) {
			if f.Name == "steady" {
				log.Fatal("genexport: -steady and -runs exclude each other")
			}
		})
		src, err = copies(*runs)
	} else {
		src, err = steady(*timer)
	}
	if err == nil {
		err = write(*dir, *n, src)
	}
	if err != nil {
		log.Fatal("genexport: ", err)
	}
}

// A file is one file of the export before compression: its base name, its
// content and the start of its run.
type file struct {
	name  string
	data  []byte
	start time.Time
}

// A source returns the i-th file of an export. Its name does not yet carry
// the index prefix or the .gz extension.
type source func(i int) (file, error)

// steadyGap is the time from one steady run's start to the next.
const steadyGap = 84 * time.Hour

// steadyFormats are the formats steady runs take in turn.
var steadyFormats = []struct {
	ext   string
	write func(io.Writer, fixture.Description) error
}{
	{"fit", fixture.WriteFIT},
	{"gpx", fixture.WriteGPX},
	{"tcx", fixture.WriteTCX},
}

// steadyLabels are the ways steady runs are labelled, in turn: a file name
// and what becomes of the run's own names.
var steadyLabels = []struct {
	slug  string
	names func(n *fixture.Names)
}{
	// The file's own names (FIT, GPX) or the file name (TCX, which has
	// no notes here) say "Recovery run".
	{"recovery-run", func(*fixture.Names) {}},
	// The file name is no label; the own names of every format are.
	{"lunch-run", func(n *fixture.Names) { n.Notes = "Recovery run" }},
	// Only the file name labels the run: the own names left are the
	// sport profile "Run" and the track type "running", which are no
	// labels.
	{"recovery", func(n *fixture.Names) { n.Workout, n.Track = "", "" }},
}

// steady returns the source of steady runs of the given timer time: file i
// is in format i mod 3, labelled the (i/6 mod 3)-th way, so that every
// format meets every label both gzipped and not.
func steady(timer time.Duration) (source, error) {
	if _, err := fixture.SteadyRun("check", timer); err != nil {
		return nil, err
	}
	return func(i int) (file, error) {
		format, label := steadyFormats[i%len(steadyFormats)], steadyLabels[i/6%len(steadyLabels)]
		d, err := fixture.SteadyRun(label.slug, timer)
		if err != nil {
			return file{}, err
		}
		d.Start = d.Start.Add(time.Duration(i) * steadyGap)
		label.names(&d.Names)
		var b bytes.Buffer
		if err := format.write(&b, d); err != nil {
			return file{}, err
		}
		return file{name: label.slug + "." + format.ext, data: b.Bytes(), start: d.Start}, nil
	}, nil
}

// copiedStart is the start the activities.csv gives copied runs.
var copiedStart = time.Date(2026, 3, 3, 6, 15, 0, 0, time.UTC)

// copies returns the source of copies of the FIT, GPX and TCX files in
// runs, taken in turn in lexical order.
func copies(runs string) (source, error) {
	var src []string
	for _, ext := range []string{"*.fit", "*.gpx", "*.tcx"} {
		m, err := filepath.Glob(filepath.Join(runs, ext))
		if err != nil {
			return nil, err
		}
		src = append(src, m...)
	}
	if len(src) == 0 {
		return nil, fmt.Errorf("no runs in %s", runs)
	}
	slices.Sort(src)
	return func(i int) (file, error) {
		s := src[i%len(src)]
		b, err := os.ReadFile(s)
		return file{name: filepath.Base(s), data: b, start: copiedStart}, err
	}, nil
}

// write writes the export of n files from src into dir, which must not
// exist.
func write(dir string, n int, src source) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s exists", dir)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	files := filepath.Join(dir, "files")
	if err := os.MkdirAll(files, 0o755); err != nil {
		return err
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	csv := []string{"Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Filename"}
	for i := range n {
		f, err := src(i)
		if err != nil {
			return err
		}
		b, name := f.data, fmt.Sprintf("%05d-%s", i, f.name)
		if i%2 == 1 {
			if b, err = gzipped(b); err != nil {
				return err
			}
			name += ".gz"
		}
		if i%10 == 9 { // every tenth file goes into the Strava export
			entry := "activities/" + name
			w, err := zw.Create(entry)
			if err != nil {
				return err
			}
			if _, err := w.Write(b); err != nil {
				return err
			}
			label := "Lunch Run"
			if strings.Contains(name, "recovery") {
				label = "Recovery jog"
			}
			date := f.start.UTC().Format("Jan 2, 2006, 3:04:05 PM")
			csv = append(csv, fmt.Sprintf("%d,\"%s\",%s,Run,,%s", 1000+i, date, label, entry))
			continue
		}
		if err := os.WriteFile(filepath.Join(files, name), b, 0o644); err != nil {
			return err
		}
	}
	w, err := zw.Create("activities.csv")
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte(strings.Join(csv, "\n") + "\n")); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "strava.zip"), zbuf.Bytes(), 0o644)
}

// gzipped returns b compressed with gzip.
func gzipped(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
