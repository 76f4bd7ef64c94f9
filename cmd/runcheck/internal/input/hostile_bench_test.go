package input

import (
	"archive/zip"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runcheck/runcheck/analyze"
)

// BenchmarkHostile measures what each hostile input costs a batch that
// walks it and decodes every item, one at a time (as -j 1 does): the time
// per walk, the peak of the Go heap (sampled every millisecond) and the
// bytes allocated. Run it with -benchtime=1x; it asserts nothing, the
// tests do (hostile_test.go). The budget, where set, is 64 MiB.
func BenchmarkHostile(b *testing.B) {
	fit := fixture(b, "hilly.fit")
	dir := b.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		return p
	}
	// A 400 MB activities.csv, sparse: as costly to read as any.
	csvDir := filepath.Join(dir, "export")
	writeTree(b, csvDir, map[string][]byte{"activities/1.fit": fit})
	f, err := os.Create(filepath.Join(csvDir, "activities.csv"))
	if err != nil {
		b.Fatal(err)
	}
	f.Truncate(400 << 20)
	f.Close()

	inner := makeZip(b, zent{name: "a.fit", data: fit})
	declares := zip.FileHeader{Name: "in.zip", UncompressedSize64: 1330 << 20, CRC32: crc32.ChecksumIEEE(inner)}

	cases := []struct {
		name   string
		path   string
		budget bool
		lim    Limits
	}{
		{"activities.csv of 400 MB", csvDir, false, Limits{}},
		// As in issue 14, with max_zip_entry_size raised.
		{"nested zip declaring 1.33 GB", write("declares.zip", rawZip(b, declares, inner)), false, Limits{MaxEntrySize: 2 << 30}},
		{"1966083 entries, 3 declared", write("liar.zip", liarZip(30*65536+3, 3)), false, Limits{}},
		{"overlapping entries 1000 x 8 MiB", write("overlap.zip", overlapBomb(1000, 8<<20)), false, Limits{}},
		{"recursive zip 8x8x8 x 1 MiB", write("fan.zip", fanZip(b, 3, 8, 1<<20)), false, Limits{}},
		{"recursive zip 8x8x8 x 1 MiB, budget", filepath.Join(dir, "fan.zip"), true, Limits{}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var peak atomic.Uint64
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() {
				defer close(done)
				var m runtime.MemStats
				for {
					select {
					case <-stop:
						return
					case <-time.After(time.Millisecond):
					}
					runtime.ReadMemStats(&m)
					if m.HeapAlloc > peak.Load() {
						peak.Store(m.HeapAlloc)
					}
				}
			}()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			items := 0
			for b.Loop() {
				lim := c.lim
				var dec analyze.Decoder
				if c.budget {
					lim.Budget = analyze.NewBudget(64 << 20)
					dec.Budget = lim.Budget
				}
				for it := range Walk([]string{c.path}, nil, lim) {
					items++
					if it.Open == nil {
						continue
					}
					r, err := it.Open()
					if err != nil {
						continue
					}
					dec.Decode(r)
					r.Close()
				}
			}
			runtime.ReadMemStats(&after)
			close(stop)
			<-done
			b.ReportMetric(float64(peak.Load()-min(peak.Load(), before.HeapAlloc))/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20)/float64(b.N), "alloc-MiB/op")
			b.ReportMetric(float64(items)/float64(b.N), "items/op")
		})
	}
}
