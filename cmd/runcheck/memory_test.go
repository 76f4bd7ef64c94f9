package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
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
	live := func(files int) uint64 {
		dir := t.TempDir()
		for i := range files {
			name := filepath.Join(dir, fmt.Sprintf("%05d.fit", i))
			if err := os.WriteFile(name, fixtures[i%len(fixtures)], 0o644); err != nil {
				t.Fatal(err)
			}
		}
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
