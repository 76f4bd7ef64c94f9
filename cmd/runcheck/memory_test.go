package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

// TestBatchMemoryFlat grades a folder of n and of 4n FIT files with
// -format ndjson and measures the live heap, after a collection, when the
// last report line is written (the walk is over, no worker is busy, and
// the batch holds what it keeps of every file for the week context). The
// heap may grow by at most maxPerFile bytes per extra file: the week
// context's compact record of a file (analyze.WeekBatch), and a recovery
// run's name, measure about 200 bytes a file. Keeping each file's report,
// analysis or grade, as the batch once did (2 kB or more a file), fails it.
func TestBatchMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("grades 500 files")
	}
	const (
		n          = 100
		maxPerFile = 1024
	)
	fixtures := fitFixtures(t)
	live := func(files int) uint64 {
		dir := fitFolder(t, fixtures, files)
		probe := &heapProbe{at: files}
		var errs bytes.Buffer
		if code := run([]string{"grade", "-max-hr", "190", "-j", "2", "-format", "ndjson", dir}, nil, probe, &errs); code == exitError {
			t.Fatalf("grade: exit %d\n%s", code, errs.String())
		}
		if probe.lines != files+1 {
			t.Fatalf("%d lines for %d files, want one per file and a summary", probe.lines, files)
		}
		return probe.heap
	}
	live(n) // warm up: compiled patterns and the like are made once
	small, large := live(n), live(4*n)
	runtime.KeepAlive(fixtures) // live in both measurements, not in the first only
	perFile := (float64(large) - float64(small)) / (3 * n)
	t.Logf("live heap %d B for %d files, %d B for %d: %.0f B per extra file", small, n, large, 4*n, perFile)
	if perFile > maxPerFile {
		t.Errorf("the batch keeps %.0f B per file, more than %d: memory grows with the number of files", perFile, maxPerFile)
	}
}

// fitFixtures returns the bytes of the generated FIT fixtures, in name
// order.
func fitFixtures(t *testing.T) [][]byte {
	t.Helper()
	src, err := filepath.Glob(filepath.Join("..", "..", "testdata", "runs", "*.fit"))
	if err != nil || len(src) == 0 {
		t.Fatalf("no FIT fixtures: %v", err)
	}
	slices.Sort(src)
	fixtures := make([][]byte, len(src))
	for i, s := range src {
		if fixtures[i], err = os.ReadFile(s); err != nil {
			t.Fatal(err)
		}
	}
	return fixtures
}

// fitFolder writes a folder of files FIT files, the fixtures in turn, and
// returns its path.
func fitFolder(t *testing.T, fixtures [][]byte, files int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range files {
		name := filepath.Join(dir, fmt.Sprintf("%05d.fit", i))
		if err := os.WriteFile(name, fixtures[i%len(fixtures)], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// heapProbe is an output that counts lines and, when the line numbered at
// is written, collects garbage and records the live heap.
type heapProbe struct {
	at, lines int
	heap      uint64
}

func (p *heapProbe) Write(b []byte) (int, error) {
	before := p.lines
	p.lines += bytes.Count(b, []byte("\n"))
	if before < p.at && p.lines >= p.at {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		p.heap = ms.HeapAlloc
	}
	return len(b), nil
}

// TestWorstCasePeak measures the peak heap of grading, at -j 1, the worst
// single inputs the default limits let through, the figure behind
// perFileWorstCase and so the -j default (batch.go): a gzip bomb that
// inflates to the whole analyze.DefaultMaxSize (256 MiB), and a
// GPX file of activity.DefaultMaxSamples samples within that size. It logs the peaks (go test -v
// -run TestWorstCasePeak ./cmd/runcheck) and fails when one exceeds
// perFileWorstCase, which the -j cap would then understate.
func TestWorstCasePeak(t *testing.T) {
	if testing.Short() || os.Getenv("RUNCHECK_WORST_CASE") == "" {
		t.Skip("inflates 256 MiB and grades 2,000,000 samples: set RUNCHECK_WORST_CASE=1")
	}
	dir := t.TempDir()
	bomb := filepath.Join(dir, "bomb.fit.gz")
	{
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zero := make([]byte, 1<<20)
		for range analyze.DefaultMaxSize >> 20 {
			zw.Write(zero)
		}
		zw.Close()
		if err := os.WriteFile(bomb, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The fixture generator stops at 200,000 samples: the GPX file is
	// written here, a point a second with position and heart
	// rate, as large as the size limit allows with the samples' limit.
	big := filepath.Join(dir, "samples.gpx")
	{
		f, err := os.Create(big)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<gpx version="1.1" creator="runcheck test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Recovery run</name><type>running</type><trkseg>` + "\n")
		start := time.Date(2026, 3, 3, 6, 15, 0, 0, time.UTC)
		for i := range activity.DefaultMaxSamples {
			fmt.Fprintf(w, `<trkpt lat="%.6f" lon="6"><time>%s</time><extensions><heartrate>%d</heartrate></extensions></trkpt>`+"\n",
				45+float64(i%2000)*0.000025, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 120+i%10)
		}
		w.WriteString("</trkseg></trk></gpx>\n")
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		f.Close()
		t.Logf("%s: %d samples, %d bytes (limit %d)", big, activity.DefaultMaxSamples, fi.Size(), analyze.DefaultMaxSize)
	}
	measure := func(name string, args ...string) uint64 {
		peak := peakHeap(func() {
			var out, errs bytes.Buffer
			code := run(append([]string{"grade", "-max-hr", "190", "-format", "ndjson"}, args...), nil, &out, &errs)
			t.Logf("%s: exit %d, %s", name, code, strings.TrimSpace(errs.String()))
		})
		t.Logf("%s: peak heap %d MiB", name, peak>>20)
		return peak
	}
	for _, f := range []string{bomb, big} {
		if peak := measure(filepath.Base(f)+" at -j 1", "-j", "1", f); peak > perFileWorstCase {
			t.Errorf("%s: peak heap %d MiB, more than perFileWorstCase %d MiB", filepath.Base(f), peak>>20, perFileWorstCase>>20)
		}
	}
	// At the default -j, as many of the worst files as there are workers.
	var files []string
	for i := range defaultJobs() {
		files = append(files, big)
		if i%2 == 1 {
			files[i] = bomb
		}
	}
	if peak := measure(fmt.Sprintf("%d worst files at the default -j %d", len(files), defaultJobs()), files...); peak > memoryBound {
		t.Errorf("peak heap %d MiB at the default -j, more than the bound %s", peak>>20, memoryBoundText)
	}
	// At the cap, whatever the number of CPUs: maxDefaultJobs GPX files.
	files = slices.Repeat([]string{big}, maxDefaultJobs)
	if peak := measure(fmt.Sprintf("%d worst files at -j %d", len(files), maxDefaultJobs), append([]string{"-j", fmt.Sprint(maxDefaultJobs)}, files...)...); peak > memoryBound {
		t.Errorf("peak heap %d MiB at -j %d, more than the bound %s", peak>>20, maxDefaultJobs, memoryBoundText)
	}
}

// peakHeap runs f and returns the largest heap in use (runtime.MemStats
// HeapAlloc, garbage not yet collected included) seen while it ran,
// sampled every 2 ms, above the heap in use before.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}
	}()
	f()
	close(done)
	<-stopped
	return peak - base
}

// TestZonesJSONMemoryFlat runs zones -json on a folder of n and of 4n FIT
// files and measures the live heap, after a collection, when the last
// file's element is written. zones -json once kept every file's analysis
// to the end (926 MB for 4,000 files, some 200 kB a file); streamed, the
// heap may grow by at most maxPerFile bytes per extra file.
func TestZonesJSONMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 500 files")
	}
	const (
		n          = 50
		maxPerFile = 1024
	)
	fixtures := fitFixtures(t)
	live := func(files int) uint64 {
		dir := fitFolder(t, fixtures, files)
		probe := &elementProbe{at: files}
		var errs bytes.Buffer
		run([]string{"zones", "-json", "-max-hr", "190", dir}, nil, probe, &errs)
		if probe.elements != files {
			t.Fatalf("%d elements for %d files\n%s", probe.elements, files, errs.String())
		}
		return probe.heap
	}
	live(n)
	small, large := live(n), live(4*n)
	runtime.KeepAlive(fixtures)
	perFile := (float64(large) - float64(small)) / (3 * n)
	t.Logf("live heap %d B for %d files, %d B for %d: %.0f B per extra file", small, n, large, 4*n, perFile)
	if perFile > maxPerFile {
		t.Errorf("zones -json keeps %.0f B per file, more than %d: it holds the analyses", perFile, maxPerFile)
	}
}

// elementProbe is an output that counts the elements of a JSON array of
// files (their "file" keys) and, when the element numbered at is written,
// collects garbage and records the live heap.
type elementProbe struct {
	at, elements int
	heap         uint64
}

func (p *elementProbe) Write(b []byte) (int, error) {
	before := p.elements
	p.elements += bytes.Count(b, []byte(`"file": `))
	if before < p.at && p.elements >= p.at {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		p.heap = ms.HeapAlloc
	}
	return len(b), nil
}
