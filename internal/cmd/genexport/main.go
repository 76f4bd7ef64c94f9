// Command genexport writes a synthetic activity export for batch tests and
// measurements: N files copied from the generated runs of testdata/runs
// (FIT, GPX and TCX in turn, every other one gzipped) into DIR/files, and a
// Strava-style bulk export DIR/strava.zip of a tenth of them with an
// activities.csv whose names label them.
//
// Usage:
//
//	go run ./internal/cmd/genexport -n 2000 -dir /tmp/export
//
// The files are copies, so the same runs come back many times under other
// names; that is what a throughput measurement needs, not a dataset (the
// check verb would rightly call them duplicates).
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	n := flag.Int("n", 2000, "number of files")
	dir := flag.String("dir", "", "output `folder` (created; must not exist)")
	runs := flag.String("runs", "testdata/runs", "`folder` of generated runs to copy")
	flag.Parse()
	if *dir == "" {
		log.Fatal("genexport: -dir is required")
	}
	if err := write(*dir, *runs, *n); err != nil {
		log.Fatal("genexport: ", err)
	}
}

func write(dir, runs string, n int) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s exists", dir)
	}
	var src []string
	for _, ext := range []string{"*.fit", "*.gpx", "*.tcx"} {
		m, err := filepath.Glob(filepath.Join(runs, ext))
		if err != nil {
			return err
		}
		src = append(src, m...)
	}
	if len(src) == 0 {
		return fmt.Errorf("no runs in %s", runs)
	}
	slices.Sort(src)
	files := filepath.Join(dir, "files")
	if err := os.MkdirAll(files, 0o755); err != nil {
		return err
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	csv := []string{"Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Filename"}
	for i := range n {
		s := src[i%len(src)]
		b, err := os.ReadFile(s)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%05d-%s", i, filepath.Base(s))
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
			csv = append(csv, fmt.Sprintf("%d,\"Mar 3, 2026, 6:15:00 AM\",%s,Run,,%s", 1000+i, label, entry))
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
