// Command decodeloop is the bare decode-only baseline for batch timing: it
// walks folders of activity files, reads each file, undoes gzip, and
// decodes it with another library, keeping nothing, on N workers. It prints
// how many files it decoded and the wall time, to be set beside
// `runcheck grade -j N` on the same folder.
//
// Usage:
//
//	go run ./decodeloop [-j N] PATH...
//
// PATH is a file or a folder (walked). Files named *.fit, *.gpx, *.tcx, each
// optionally with .gz, are decoded; so are such entries of *.zip archives
// (an export's strava.zip). Everything else (activities.csv, ...) is skipped.
// FIT is decoded with muktihari/fit v0.28.3's decoder.New(r).Decode(), GPX
// with gpxgo v1.4.0's gpx.ParseBytes, TCX with a bare encoding/xml token
// loop. A file that fails to decode is reported on stderr and counted; the
// exit code is then 1.
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/runcheck/runcheck/internal/cmd/benchcmp"
)

const usage = `usage: decodeloop [-j N] PATH...

Decodes every .fit, .gpx and .tcx file (optionally .gz, also inside .zip
archives) under PATH with muktihari/fit, gpxgo and encoding/xml on N workers,
and prints the file count and the wall time.
`

// job is one file to decode: a path, or an entry of an open zip archive.
type job struct {
	name string
	zf   *zip.File // nil for a plain file
}

// tally counts one worker's files.
type tally struct {
	files, errors int
	bytes         int64 // decompressed
	byFormat      map[string]int
}

func main() {
	flag.Usage = func() { fmt.Fprint(os.Stderr, usage); flag.PrintDefaults() }
	workers := flag.Int("j", 2, "number of `workers`")
	flag.Parse()
	if flag.NArg() == 0 || *workers < 1 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	sum, walkErr := run(flag.Args(), *workers, os.Stderr)
	wall := time.Since(start)
	fmt.Printf("decodeloop: %d files (fit %d, gpx %d, tcx %d), %.1f MB decompressed, %d errors, %d workers, wall %.3fs\n",
		sum.files, sum.byFormat["fit"], sum.byFormat["gpx"], sum.byFormat["tcx"], float64(sum.bytes)/1e6, sum.errors, *workers, wall.Seconds())
	if walkErr != nil {
		fmt.Fprintf(os.Stderr, "decodeloop: %v\n", walkErr)
		os.Exit(2)
	}
	if sum.errors > 0 {
		os.Exit(1)
	}
}

// run decodes every activity file under paths on the given number of
// workers, reporting each failure to errw, and returns the counts and the
// walk's error.
func run(paths []string, workers int, errw io.Writer) (tally, error) {
	jobs := make(chan job)
	tallies := make([]tally, workers)
	var wg sync.WaitGroup
	var mu sync.Mutex // guards errw
	for i := range tallies {
		t := &tallies[i]
		t.byFormat = map[string]int{}
		wg.Go(func() {
			for j := range jobs {
				n, format, err := decode(j)
				t.files++
				t.bytes += n
				t.byFormat[format]++
				if err != nil {
					t.errors++
					mu.Lock()
					fmt.Fprintf(errw, "decodeloop: %s: %v\n", j.name, err)
					mu.Unlock()
				}
			}
		})
	}
	walkErr := walk(paths, jobs)
	close(jobs)
	wg.Wait()

	sum := tally{byFormat: map[string]int{}}
	for _, t := range tallies {
		sum.files += t.files
		sum.errors += t.errors
		sum.bytes += t.bytes
		for f, n := range t.byFormat {
			sum.byFormat[f] += n
		}
	}
	return sum, walkErr
}

// walk sends a job for every activity file under paths, in lexical order,
// zip entries included. Zip archives stay open until the process exits:
// workers may still be reading their entries when walk returns.
func walk(paths []string, jobs chan<- job) error {
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			if strings.EqualFold(filepath.Ext(path), ".zip") {
				zr, err := zip.OpenReader(path) // left open: see above
				if err != nil {
					return err
				}
				for _, zf := range zr.File {
					if formatOf(zf.Name) != "" {
						jobs <- job{name: path + ":" + zf.Name, zf: zf}
					}
				}
				return nil
			}
			if formatOf(path) != "" {
				jobs <- job{name: path}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// formatOf returns "fit", "gpx" or "tcx" from a file name, a .gz suffix
// aside, or "" for anything else.
func formatOf(name string) string {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	switch ext := filepath.Ext(name); ext {
	case ".fit", ".gpx", ".tcx":
		return ext[1:]
	}
	return ""
}

// decode reads and decodes one file, returning its decompressed size and
// format.
func decode(j job) (int64, string, error) {
	format := formatOf(j.name)
	data, err := read(j)
	if err != nil {
		return 0, format, err
	}
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return 0, format, err
		}
		if data, err = io.ReadAll(zr); err != nil {
			return 0, format, err
		}
	}
	switch format {
	case "fit":
		err = benchcmp.ReadMuktihari(data)
	case "gpx":
		err = benchcmp.ReadGpxgo(data)
	case "tcx":
		err = benchcmp.ReadXMLTokens(data)
	}
	return int64(len(data)), format, err
}

func read(j job) ([]byte, error) {
	if j.zf == nil {
		return os.ReadFile(j.name)
	}
	rc, err := j.zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
