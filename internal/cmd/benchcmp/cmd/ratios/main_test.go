package main

import (
	"strings"
	"testing"
)

// TestTable reads go test -bench output, -v noise and the GOMAXPROCS suffix
// included, and checks the medians, the ratios and the target marks.
func TestTable(t *testing.T) {
	const in = `goos: linux
goarch: amd64
pkg: github.com/runcheck/runcheck/internal/cmd/benchcmp
=== RUN   BenchmarkFIT
BenchmarkFIT/tier=3h/reader=muktihari-decode-2    10   1000 ns/op   30.00 MB/s   900 B/op   18 allocs/op
BenchmarkFIT/tier=3h/reader=muktihari-decode-2    10   3000 ns/op   10.00 MB/s   900 B/op   18 allocs/op
BenchmarkFIT/tier=3h/reader=muktihari-decode-2    10   1200 ns/op   25.00 MB/s   900 B/op   18 allocs/op
BenchmarkFIT/tier=3h/reader=runcheck-verdict-2    10    200 ns/op  150.00 MB/s   900 B/op   18 allocs/op
BenchmarkFIT/tier=24h/reader=muktihari-decode     10   1000 ns/op   30.00 MB/s
BenchmarkFIT/tier=24h/reader=runcheck-verdict     10    250 ns/op  120.00 MB/s
BenchmarkGPX/tier=30m/reader=gpxgo-2              10   1000 ns/op   20.00 MB/s
BenchmarkGPX/tier=30m/reader=runcheck-verdict-2   10    100 ns/op  200.00 MB/s
BenchmarkGPXDecision/lib=gpxgo-2                  10   1000 ns/op   20.00 MB/s
--- SKIP: BenchmarkFIT/tier=30m/reader=tormoder-2
PASS
`
	all, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 {
		t.Fatalf("%d benchmarks, want 6: %v", len(all), all)
	}
	var b strings.Builder
	table(&b, all)
	out := b.String()
	t.Log("\n" + out)
	for _, want := range []string{
		"| 3h | 25.0 | — | — | 150.0 | 6.00x | — | met (6.00x) |",
		"| 24h | 30.0 | — | — | 120.0 | 4.00x | — | **not met** (4.00x) |",
		"| 30m | 20.0 | — | 200.0 | 10.00x | met (10.00x) |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if strings.Contains(out, "TCX") {
		t.Error("table has a TCX section without TCX results")
	}
}
