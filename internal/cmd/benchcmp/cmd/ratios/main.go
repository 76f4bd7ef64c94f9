// Command ratios prints the comparison table of the benchcmp benchmarks: per
// format and size tier, the MB/s of every reader and the ratios "baseline
// time / runcheck verdict time", with the performance targets marked met or
// not met.
//
// It either runs the benchmarks itself, the same functions as go test
// -bench, through testing.Benchmark, -count times each in turn, and takes
// medians:
//
//	go run ./cmd/ratios -count 5
//
// or reads go test -bench output (benchstat's input format) and takes the
// medians of the runs in it:
//
//	go test -run '^$' -bench '^Benchmark(FIT|GPX|TCX)$' -count 6 | tee /tmp/bench.txt
//	go run ./cmd/ratios -in /tmp/bench.txt
//
// With -o FILE, the runs it makes itself are also written to FILE as
// go test -bench lines, for benchstat.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/cmd/benchcmp"
)

// target is a performance target: baseline time / verdict time at least
// Min on the given tiers.
type target struct {
	format   activity.Format
	baseline string
	tiers    []string
	min      float64
}

// targets are issue 6's: the file -> verdict path at least 5x faster than
// muktihari/fit's Decode alone on the 3-hour and 24-hour FIT files, and than
// gpxgo's ParseBytes alone on GPX. The GPX target names no tier; it is held
// to all of them.
var targets = []target{
	{activity.FormatFIT, benchcmp.MuktihariDecode, []string{"3h", "24h"}, 5},
	{activity.FormatGPX, benchcmp.Gpxgo, []string{"30m", "3h", "24h"}, 5},
}

// key names one benchmark.
type key struct {
	format activity.Format
	tier   string
	reader string
}

// runs are one benchmark's measurements.
type runs struct {
	nsPerOp, mbPerS, allocs []float64
	skip                    string // why the benchmark could not run
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("ratios: ")
	testing.Init()
	count := flag.Int("count", 5, "runs of each benchmark; the table shows medians")
	benchtime := flag.Duration("benchtime", time.Second, "target time of each run")
	in := flag.String("in", "", "read go test -bench output from `FILE` (- for stdin) instead of running")
	out := flag.String("o", "", "also write the runs as go test -bench lines to `FILE`")
	tiers := flag.String("tiers", "30m,3h,24h", "comma-separated tiers to run")
	flag.Parse()

	var all map[key]*runs
	var err error
	if *in != "" {
		all, err = readFile(*in)
	} else {
		if err := flag.Set("test.benchtime", benchtime.String()); err != nil {
			log.Fatal(err)
		}
		all, err = measure(*count, strings.Split(*tiers, ","), *out)
	}
	if err != nil {
		log.Fatal(err)
	}
	if len(all) == 0 {
		log.Fatal("no benchcmp benchmark results")
	}
	table(os.Stdout, all)
}

// measure runs every benchmark count times, one run of each in turn so that
// a change in the machine's load spreads over all readers.
func measure(count int, tiers []string, outFile string) (map[key]*runs, error) {
	var out io.Writer = io.Discard
	if outFile != "" {
		f, err := os.Create(outFile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		out = f
		fmt.Fprintf(f, "goos: %s\ngoarch: %s\npkg: github.com/runcheck/runcheck/internal/cmd/benchcmp\n", runtime.GOOS, runtime.GOARCH)
	}
	type bench struct {
		k    key
		name string
		data []byte
		r    benchcmp.Reader
	}
	var benches []bench
	all := map[key]*runs{}
	for _, f := range benchcmp.Formats {
		for _, t := range benchcmp.Tiers() {
			if !slices.Contains(tiers, t.Name) {
				continue
			}
			data, err := benchcmp.Input(t, f)
			if err != nil {
				return nil, err
			}
			for _, r := range benchcmp.Readers(f, t) {
				k := key{f, t.Name, r.Name}
				all[k] = &runs{}
				// Read once first: a reader that rejects the file is
				// reported, not timed.
				if err := r.Read(data); err != nil {
					all[k].skip = err.Error()
					fmt.Fprintf(os.Stderr, "%s %s %s: skipped: %v\n", f, t.Name, r.Name, err)
					continue
				}
				name := fmt.Sprintf("Benchmark%s/tier=%s/reader=%s", strings.ToUpper(string(f)), t.Name, r.Name)
				if p := runtime.GOMAXPROCS(0); p > 1 {
					name += "-" + strconv.Itoa(p)
				}
				benches = append(benches, bench{k, name, data, r})
			}
		}
	}
	for i := range count {
		for _, b := range benches {
			res := testing.Benchmark(benchcmp.Bench(b.r, b.data))
			if res.N == 0 {
				return nil, fmt.Errorf("%s failed", b.name)
			}
			ns := float64(res.T.Nanoseconds()) / float64(res.N)
			r := all[b.k]
			r.nsPerOp = append(r.nsPerOp, ns)
			r.mbPerS = append(r.mbPerS, float64(res.Bytes)*1e3/ns)
			r.allocs = append(r.allocs, float64(res.AllocsPerOp()))
			fmt.Fprintf(out, "%s\t%s\t%s\n", b.name, res.String(), res.MemString())
			fmt.Fprintf(os.Stderr, "run %d/%d %-4s %-4s %-17s %8.2f MB/s\n", i+1, count, b.k.format, b.k.tier, b.k.reader, r.mbPerS[len(r.mbPerS)-1])
		}
	}
	return all, nil
}

// readFile reads the benchcmp lines of go test -bench output.
func readFile(name string) (map[key]*runs, error) {
	f := os.Stdin
	if name != "-" {
		var err error
		if f, err = os.Open(name); err != nil {
			return nil, err
		}
		defer f.Close()
	}
	all, err := parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return all, nil
}

// parse reads lines such as
//
//	BenchmarkFIT/tier=3h/reader=tormoder-2   100   2169075 ns/op   23.71 MB/s   1513177 B/op   12772 allocs/op
//
// and ignores every other line, as benchstat does.
func parse(r io.Reader) (map[key]*runs, error) {
	all := map[key]*runs{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		k, ok := parseName(fields[0])
		if !ok {
			continue
		}
		if all[k] == nil {
			all[k] = &runs{}
		}
		r := all[k]
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %q is not a number", fields[0], fields[i])
			}
			switch fields[i+1] {
			case "ns/op":
				r.nsPerOp = append(r.nsPerOp, v)
			case "MB/s":
				r.mbPerS = append(r.mbPerS, v)
			case "allocs/op":
				r.allocs = append(r.allocs, v)
			}
		}
	}
	return all, sc.Err()
}

// parseName splits BenchmarkFIT/tier=3h/reader=tormoder-2 into its format,
// tier and reader.
func parseName(name string) (key, bool) {
	parts := strings.Split(name, "/")
	if len(parts) != 3 || !strings.HasPrefix(parts[1], "tier=") || !strings.HasPrefix(parts[2], "reader=") {
		return key{}, false
	}
	reader := strings.TrimPrefix(parts[2], "reader=")
	// Drop the -GOMAXPROCS suffix; no reader's name ends in -digits.
	if i := strings.LastIndexByte(reader, '-'); i >= 0 {
		if _, err := strconv.Atoi(reader[i+1:]); err == nil {
			reader = reader[:i]
		}
	}
	f := activity.Format(strings.ToLower(strings.TrimPrefix(parts[0], "Benchmark")))
	if !slices.Contains(benchcmp.Formats, f) {
		return key{}, false
	}
	return key{f, strings.TrimPrefix(parts[1], "tier="), reader}, true
}

// table writes one Markdown table per format: a row per tier with each
// reader's median MB/s, then each baseline's time over the verdict time,
// and the target.
func table(w io.Writer, all map[key]*runs) {
	n := 0
	for _, r := range all {
		n = max(n, len(r.nsPerOp))
	}
	fmt.Fprintf(w, "Medians of up to %d runs each; a ratio is baseline time / runcheck-verdict time on the same file (higher is better for runcheck).\n", n)
	for _, f := range benchcmp.Formats {
		var tiers []benchcmp.Tier
		for _, t := range benchcmp.Tiers() {
			if all[key{f, t.Name, benchcmp.RuncheckVerdict}] != nil {
				tiers = append(tiers, t)
			}
		}
		if len(tiers) == 0 {
			continue
		}
		readers := benchcmp.Readers(f, tiers[0])
		fmt.Fprintf(w, "\n### %s\n\n| tier |", strings.ToUpper(string(f)))
		sep := "\n|---|"
		for _, r := range readers {
			fmt.Fprintf(w, " %s MB/s |", r.Name)
			sep += "---:|"
		}
		for _, r := range readers {
			if r.Baseline {
				fmt.Fprintf(w, " %s / verdict |", r.Name)
				sep += "---:|"
			}
		}
		var tg *target
		for i := range targets {
			if targets[i].format == f {
				tg = &targets[i]
				fmt.Fprintf(w, " target: %s / verdict ≥ %gx |", tg.baseline, tg.min)
				sep += "---|"
			}
		}
		fmt.Fprint(w, sep+"\n")
		for _, t := range tiers {
			fmt.Fprintf(w, "| %s |", t.Name)
			for _, r := range readers {
				fmt.Fprintf(w, " %s |", mbps(all[key{f, t.Name, r.Name}]))
			}
			verdict := median(all[key{f, t.Name, benchcmp.RuncheckVerdict}].nsPerOp)
			for _, r := range readers {
				if r.Baseline {
					fmt.Fprintf(w, " %s |", ratioText(ratio(all[key{f, t.Name, r.Name}], verdict)))
				}
			}
			if tg != nil {
				fmt.Fprintf(w, " %s |", targetText(tg, t.Name, ratio(all[key{f, t.Name, tg.baseline}], verdict)))
			}
			fmt.Fprintln(w)
		}
	}
}

func mbps(r *runs) string {
	switch {
	case r == nil:
		return "—"
	case r.skip != "":
		return "rejected: " + r.skip
	case len(r.mbPerS) == 0:
		return "—"
	}
	return fmt.Sprintf("%.1f", median(r.mbPerS))
}

// ratio returns the baseline's median time over the verdict's, or NaN.
func ratio(baseline *runs, verdict float64) float64 {
	if baseline == nil || len(baseline.nsPerOp) == 0 || verdict == 0 {
		return math.NaN()
	}
	return median(baseline.nsPerOp) / verdict
}

func ratioText(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf("%.2fx", x)
}

func targetText(tg *target, tier string, x float64) string {
	switch {
	case !slices.Contains(tg.tiers, tier):
		return "n/a"
	case math.IsNaN(x):
		return "not measured"
	case x >= tg.min:
		return fmt.Sprintf("met (%.2fx)", x)
	}
	return fmt.Sprintf("**not met** (%.2fx)", x)
}

// median returns the median of xs, 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}
