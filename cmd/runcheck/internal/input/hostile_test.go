package input

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

// rawEntry is one central directory entry of an archive built by
// rawArchive: it points at a local header that the blob holds at offset.
type rawEntry struct {
	name         string
	offset       uint32
	method       uint16
	csize, usize uint32
	crc          uint32
}

// localRecord returns a local file header for name followed by data.
func localRecord(name string, method uint16, data []byte, usize, crc uint32) []byte {
	le := binary.LittleEndian
	h := make([]byte, 30)
	copy(h, "PK\x03\x04")
	le.PutUint16(h[4:], 20)
	le.PutUint16(h[8:], method)
	le.PutUint32(h[14:], crc)
	le.PutUint32(h[18:], uint32(len(data)))
	le.PutUint32(h[22:], usize)
	le.PutUint16(h[26:], uint16(len(name)))
	return append(append(h, name...), data...)
}

// rawArchive returns blob followed by a central directory of entries and
// its end: an archive whose directory says whatever the test wants,
// such as members sharing bytes.
func rawArchive(blob []byte, entries []rawEntry) []byte {
	le := binary.LittleEndian
	out := slices.Clone(blob)
	start := len(out)
	for _, e := range entries {
		h := make([]byte, 46)
		copy(h, "PK\x01\x02")
		le.PutUint16(h[4:], 20)
		le.PutUint16(h[6:], 20)
		le.PutUint16(h[10:], e.method)
		le.PutUint32(h[16:], e.crc)
		le.PutUint32(h[20:], e.csize)
		le.PutUint32(h[24:], e.usize)
		le.PutUint16(h[28:], uint16(len(e.name)))
		le.PutUint32(h[42:], e.offset)
		out = append(append(out, h...), e.name...)
	}
	end := make([]byte, endLen)
	copy(end, "PK\x05\x06")
	le.PutUint16(end[8:], uint16(len(entries)))
	le.PutUint16(end[10:], uint16(len(entries)))
	le.PutUint32(end[12:], uint32(len(out)-start))
	le.PutUint32(end[16:], uint32(start))
	return append(out, end...)
}

// overlapBomb returns an archive of n members named 0.fit, 1.fit, ...
// that all point at one local header and its deflate stream of size zero
// bytes: what the "overlapping entries" zip bomb does, each member costing
// the work of inflating the whole stream.
func overlapBomb(n, size int) []byte {
	zeros := make([]byte, size)
	comp := deflated(zeros)
	crc := crc32.ChecksumIEEE(zeros)
	blob := localRecord("0.fit", zip.Deflate, comp, uint32(size), crc)
	ents := make([]rawEntry, n)
	for i := range ents {
		ents[i] = rawEntry{name: fmt.Sprintf("%d.fit", i), method: zip.Deflate, csize: uint32(len(comp)), usize: uint32(size), crc: crc}
	}
	return rawArchive(blob, ents)
}

// quotedOverlap returns an archive of two stored members where the second
// one's local header and bytes lie inside the first one's bytes (the
// "quoted" form of the overlapping-entries bomb).
func quotedOverlap(data []byte) []byte {
	crc := crc32.ChecksumIEEE(data)
	inner := localRecord("b.fit", zip.Store, data, uint32(len(data)), crc)
	outer := localRecord("a.fit", zip.Store, inner, uint32(len(inner)), crc32.ChecksumIEEE(inner))
	return rawArchive(outer, []rawEntry{
		{name: "a.fit", method: zip.Store, csize: uint32(len(inner)), usize: uint32(len(inner)), crc: crc32.ChecksumIEEE(inner)},
		{name: "b.fit", offset: 30 + 5, method: zip.Store, csize: uint32(len(data)), usize: uint32(len(data)), crc: crc},
	})
}

// writeFile writes b to a new file named name in a new temporary folder
// and returns its path.
func writeFile(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// allocated returns the bytes the Go heap allocated while f ran.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestOverlappingEntries(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	tests := []struct {
		name    string
		archive []byte
	}{
		{"a thousand members share one deflate stream", overlapBomb(1000, 1<<20)},
		{"a member inside another one's bytes", quotedOverlap(fit)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "bomb.zip", tt.archive)
			items := collect(t, Walk([]string{p}, nil, Limits{}))
			if len(items) != 1 || !errors.Is(items[0].Err, analyze.ErrMalformed) ||
				!strings.Contains(items[0].Err.Error(), "overlapping entries: a zip bomb") || items[0].Name != p {
				t.Fatalf("got %d items, the first %q, %v; want one ErrMalformed item for the archive saying overlapping entries", len(items), items[0].Name, items[0].Err)
			}
		})
	}
	t.Run("archive/zip reads the bomb, so the walker must refuse it itself", func(t *testing.T) {
		b := overlapBomb(3, 1000)
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil || len(zr.File) != 3 {
			t.Fatalf("archive/zip: %v", err)
		}
		for _, f := range zr.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			if n, err := io.Copy(io.Discard, r); n != 1000 || err != nil {
				t.Fatalf("%s: %d bytes, %v", f.Name, n, err)
			}
		}
	})
}

// nestChain returns a zip nested depth deep, each level deflated inside
// the one above, the innermost holding a.fit.
func nestChain(t testing.TB, depth int, fit []byte) []byte {
	b := makeZip(t, zent{name: "a.fit", data: fit})
	for range depth - 1 {
		b = makeZip(t, zent{name: "r.zip", data: b})
	}
	return b
}

// fanZip returns a recursive zip bomb in the manner of 42.zip: each of
// levels levels holds fan deflated copies of the level below, the lowest
// fan files of size zero bytes, stored, so that the lowest zips are
// large and the ones above them small.
func fanZip(t testing.TB, levels, fan, size int) []byte {
	var ents []zent
	for i := range fan {
		ents = append(ents, zent{name: fmt.Sprintf("%d.fit", i), data: make([]byte, size), store: true})
	}
	b := makeZip(t, ents...)
	for range levels - 1 {
		ents = ents[:0]
		for i := range fan {
			ents = append(ents, zent{name: fmt.Sprintf("%d.zip", i), data: b})
		}
		b = makeZip(t, ents...)
	}
	return b
}

func TestRecursiveZip(t *testing.T) {
	fit := fixture(t, "hilly.fit")
	t.Run("a zip inside itself, ten deep, stops at MaxDepth", func(t *testing.T) {
		p := writeFile(t, "r.zip", nestChain(t, 10, fit))
		items := collect(t, Walk([]string{p}, nil, Limits{}))
		want := p + strings.Repeat("/r.zip", DefaultMaxDepth) + " !"
		if got := summary(items); len(got) != 1 || got[0] != filepath.ToSlash(want) || !errors.Is(items[0].Err, ErrLimit) {
			t.Fatalf("got %q, %v; want %q, a MaxDepth limit", got, items[0].Err, want)
		}
	})
	t.Run("a fan of nested zips stops when the budget is spent", func(t *testing.T) {
		// 8 x 8 nested zips inflated by the walker, each about 8 x 64 KiB:
		// some 32 MiB to inflate, for a budget of 4 MiB.
		b := fanZip(t, 3, 8, 64<<10)
		p := writeFile(t, "42.zip", b)
		budget := analyze.NewBudget(4 << 20)
		items := collect(t, Walk([]string{p}, nil, Limits{Budget: budget}))
		last := items[len(items)-1]
		var le *analyze.LimitError
		if !errors.As(last.Err, &le) || le.Limit != "analyze.Budget" || !errors.Is(last.Err, ErrLimit) {
			t.Fatalf("last item %s: %v, want the budget spent", last.Name, last.Err)
		}
		for _, it := range items[:len(items)-1] {
			if it.Err != nil {
				t.Errorf("%s: %v; want one error, the last", it.Name, it.Err)
			}
		}
		if n := len(items); n >= 8*8*8 {
			t.Errorf("%d items, want the walk to stop before all %d", n, 8*8*8)
		}
	})
}

func TestBudget(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	budgetItem := func(t *testing.T, it Item) {
		t.Helper()
		var le *analyze.LimitError
		if !errors.Is(it.Err, ErrLimit) || !errors.As(it.Err, &le) || le.Limit != "analyze.Budget" {
			t.Errorf("%s: %v, want the budget's limit error", it.Name, it.Err)
		}
	}
	t.Run("a folder: the walk ends with one item naming the budget", func(t *testing.T) {
		dir := t.TempDir()
		tree := map[string][]byte{}
		for i := range 10 {
			tree[fmt.Sprintf("%02d.fit", i)] = fit
		}
		writeTree(t, dir, tree)
		// Each file costs its 4 sniffed bytes: the fifth goes past 18.
		items := collect(t, Walk([]string{dir, dir}, nil, Limits{Budget: analyze.NewBudget(18)}))
		if len(items) != 5 {
			t.Fatalf("got %q, want 4 files then the budget", summary(items))
		}
		budgetItem(t, items[4])
	})
	t.Run("a nested zip is charged as it is inflated", func(t *testing.T) {
		inner := makeZip(t, zent{name: "a.fit", data: make([]byte, 1<<20), store: true})
		p := writeFile(t, "x.zip", makeZip(t, zent{name: "in.zip", data: inner}, zent{name: "z.fit", data: fit}))
		items := collect(t, Walk([]string{p, p}, nil, Limits{Budget: analyze.NewBudget(512 << 10)}))
		if got := summary(items); !slices.Equal(got, []string{filepath.ToSlash(p) + "/in.zip !"}) {
			t.Fatalf("got %q, want the nested zip failing, and nothing after", got)
		}
		budgetItem(t, items[0])

		b := analyze.NewBudget(1 << 40)
		collect(t, Walk([]string{p}, nil, Limits{Budget: b}))
		if b.Used() < int64(len(inner)) {
			t.Errorf("the walk charged %d bytes, less than the %d of the nested zip it inflated", b.Used(), len(inner))
		}
	})
	t.Run("a budget spent elsewhere (by the decoder) ends the walk", func(t *testing.T) {
		b := analyze.NewBudget(100)
		b.Charge(101)
		p := writeFile(t, "a.fit", fit)
		items := collect(t, Walk([]string{p, p, p}, nil, Limits{Budget: b}))
		if len(items) != 1 {
			t.Fatalf("got %q, want one item", summary(items))
		}
		budgetItem(t, items[0])
	})
}

func TestIndexSize(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	csv := stravaCSVBytes(t, [4]string{"1", "Recovery run", "Run", "activities/1.fit"})
	lim := Limits{MaxIndexSize: int64(len(csv)) - 1}
	wantLimit := func(t *testing.T, it Item, name, what string) {
		t.Helper()
		var le *analyze.LimitError
		if filepath.ToSlash(it.Name) != name || !errors.As(it.Err, &le) || le.Limit != "input.Limits.MaxIndexSize" || !strings.Contains(it.Err.Error(), what) {
			t.Errorf("%s: %v; want %s failing on input.Limits.MaxIndexSize, saying %q", it.Name, it.Err, name, what)
		}
	}
	t.Run("on disk, by its size", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string][]byte{"export/activities.csv": csv, "export/activities/1.fit": fit})
		t.Chdir(dir)
		items := collect(t, Walk([]string{"export"}, nil, lim))
		if got := summary(items); !slices.Equal(got, []string{"export/activities.csv !", "export/activities/1.fit"}) {
			t.Fatalf("got %q", got)
		}
		wantLimit(t, items[0], "export/activities.csv", fmt.Sprintf("is %d bytes, more than the limit of %d", len(csv), lim.MaxIndexSize))
		// Within the limit, the row is found.
		items = collect(t, Walk([]string{"export"}, nil, Limits{MaxIndexSize: int64(len(csv))}))
		if len(items) != 1 || items[0].Strava == nil {
			t.Errorf("got %q, want the file with its row", summary(items))
		}
	})
	t.Run("in a zip, as declared", func(t *testing.T) {
		p := writeFile(t, "x.zip", makeZip(t, zent{name: "activities.csv", data: csv}, zent{name: "activities/1.fit", data: fit}))
		items := collect(t, Walk([]string{p}, nil, lim))
		if len(items) != 2 {
			t.Fatalf("got %q", summary(items))
		}
		wantLimit(t, items[0], filepath.ToSlash(p)+"/activities.csv", "declares")
	})
	t.Run("in a zip, understating its size", func(t *testing.T) {
		h := zip.FileHeader{Name: "activities.csv", UncompressedSize64: 10, CRC32: crc32.ChecksumIEEE(csv)}
		p := writeFile(t, "x.zip", rawZip(t, h, csv))
		items := collect(t, Walk([]string{p}, nil, lim))
		if len(items) != 1 {
			t.Fatalf("got %q", summary(items))
		}
		wantLimit(t, items[0], filepath.ToSlash(p)+"/activities.csv", "inflates past")
	})
}

// TestNestedGrowth checks that a nested zip is read into a buffer that
// grows with its bytes, not one of the size it declares.
func TestNestedGrowth(t *testing.T) {
	inner := makeZip(t, zent{name: "a.fit", data: fixture(t, "hilly.fit")})
	h := zip.FileHeader{Name: "in.zip", UncompressedSize64: 1 << 30, CRC32: crc32.ChecksumIEEE(inner)}
	p := writeFile(t, "x.zip", rawZip(t, h, inner))
	var items []Item
	n := allocated(func() { items = collect(t, Walk([]string{p}, nil, Limits{MaxEntrySize: 1 << 40})) })
	if len(items) != 1 || !errors.Is(items[0].Err, analyze.ErrTruncated) {
		t.Fatalf("got %q, %v; want the nested zip failing, holding less than it declares", summary(items), items[0].Err)
	}
	if n > 16<<20 {
		t.Errorf("the walk allocated %d bytes for a nested zip of %d declaring 1 GiB", n, len(inner))
	}
}

// TestEntriesCounted checks that the entries are counted from the
// directory's headers before archive/zip reads them all into memory, when
// the directory's end understates their number.
func TestEntriesCounted(t *testing.T) {
	b := liarZip(65536+3, 3)
	p := writeFile(t, "liar.zip", b)
	var items []Item
	n := allocated(func() { items = collect(t, Walk([]string{p}, nil, Limits{MaxEntries: 10})) })
	if len(items) != 1 || !errors.Is(items[0].Err, ErrLimit) {
		t.Fatalf("got %q, want one limit error", summary(items))
	}
	// archive/zip would have made a *zip.File for each of the 65539.
	if n > 2<<20 {
		t.Errorf("refusing the archive allocated %d bytes", n)
	}
}

// TestChecksumClass checks that a zip member whose bytes were damaged
// fails to decode as a checksum error, not a truncated file, whether it is
// stored or deflated.
func TestChecksumClass(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	// A deflate stream of stored blocks: damaging a byte of it damages
	// a byte of the output, which only the CRC-32 catches.
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.NoCompression)
	fw.Write(fit)
	fw.Close()
	damaged := func(b []byte) []byte {
		b = slices.Clone(b)
		b[len(b)/2] ^= 0x55
		return b
	}
	h := zip.FileHeader{Name: "a.fit", UncompressedSize64: uint64(len(fit)), CRC32: crc32.ChecksumIEEE(fit)}
	stored, deflate := h, h
	stored.Method, deflate.Method = zip.Store, zip.Deflate
	for _, tt := range []struct {
		name    string
		archive []byte
	}{
		{"stored", rawZipBytes(t, stored, damaged(fit))},
		{"deflated", rawZipBytes(t, deflate, damaged(comp.Bytes()))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			items := collect(t, Walk([]string{writeFile(t, "x.zip", tt.archive)}, nil, Limits{}))
			if len(items) != 1 || items[0].Err != nil {
				t.Fatalf("got %q", summary(items))
			}
			r, err := items[0].Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			_, err = analyze.Decode(r)
			if !errors.Is(err, analyze.ErrChecksum) || errors.Is(err, analyze.ErrTruncated) || strings.Contains(err.Error(), "truncated") {
				t.Errorf("decode: %v; want a checksum error, not truncated", err)
			}
		})
	}
}

// TestMessagesEscapeNames checks that the errors the walker words about
// members quote their names, so that no control character of a hostile
// name reaches a terminal through them.
func TestMessagesEscapeNames(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	const evil = "\x1b]0;owned\x07\x1b[2J"
	crc := crc32.ChecksumIEEE(fit)
	overlapping := rawArchive(localRecord("a.fit", zip.Store, fit, uint32(len(fit)), crc), []rawEntry{
		{name: evil + "1.fit", method: zip.Store, csize: uint32(len(fit)), usize: uint32(len(fit)), crc: crc},
		{name: evil + "2.fit", method: zip.Store, csize: uint32(len(fit)), usize: uint32(len(fit)), crc: crc},
	})
	for _, archive := range [][]byte{
		makeZip(t, zent{name: "../" + evil + ".fit", data: fit}),
		overlapping,
	} {
		p := writeFile(t, "x.zip", archive)
		items := collect(t, Walk([]string{p}, nil, Limits{}))
		if len(items) != 1 || items[0].Err == nil {
			t.Fatalf("got %q, want one error item", summary(items))
		}
		if msg := items[0].Err.Error(); strings.ContainsAny(msg, "\x1b\x07") || !strings.Contains(msg, `\x1b]0;owned\a`) {
			t.Errorf("error %q: want the name quoted, its control characters escaped", msg)
		}
	}
}
