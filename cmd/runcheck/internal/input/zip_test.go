package input

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

// stravaCSVBytes returns an activities.csv with the real export's header
// and one row per {id, name, type, filename}; an empty filename is an
// activity entered by hand.
func stravaCSVBytes(t testing.TB, rows ...[4]string) []byte {
	t.Helper()
	header := stravaHeader(t)
	col := func(name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("the fixture's header has no %q", name)
		}
		return i
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	for _, r := range rows {
		rec := make([]string, len(header))
		rec[col("Activity ID")] = r[0]
		rec[col("Activity Date")] = "May 1, 2024, 6:12:03 AM"
		rec[col("Activity Name")] = r[1]
		rec[col("Activity Type")] = r[2]
		rec[col("Filename")] = r[3]
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestStravaExport(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	gpx := fixture(t, "hilly.gpx")
	tcx := fixture(t, "long-recovery.tcx")
	files := map[string][]byte{
		"activities/1001.fit.gz": gz(t, fit),
		"activities/1002.gpx.gz": gz(t, gpx),
		"activities/1003.tcx":    tcx,
		"activities/1004.fit":    fit, // not in activities.csv
		"media/photo.jpg":        []byte("\xff\xd8\xff"),
		"profile.csv":            []byte("x"),
	}
	good := stravaCSVBytes(t,
		[4]string{"1001", "Recovery run", "Run", "activities/1001.fit.gz"},
		[4]string{"1002", "Hill repeats", "Trail Run", "activities/1002.gpx.gz"},
		[4]string{"1003", "Footing récup", "Run", "activities/1003.tcx.gz"}, // .gz on one side only
		[4]string{"1005", "Manual entry", "Run", ""},
	)
	broken := []byte("Activity ID,Activity Name,Activity Type\n1001,Recovery run,Run\n") // no Filename column

	// Each case is written as a folder and as a zip archive.
	tests := []struct {
		name     string
		csv      []byte
		rows     []string // the Activity Name expected for each file, "" for none
		csvError bool
	}{
		{"activities.csv gives each file its row", good, []string{"Recovery run", "Hill repeats", "Footing récup", ""}, false},
		{"a broken activities.csv is one error item, the files follow without rows", broken, []string{"", "", "", ""}, true},
	}
	wantFiles := []string{"activities/1001.fit.gz", "activities/1002.gpx.gz", "activities/1003.tcx", "activities/1004.fit"}
	for _, tt := range tests {
		for _, form := range []string{"folder", "zip"} {
			t.Run(tt.name+"/"+form, func(t *testing.T) {
				dir := t.TempDir()
				t.Chdir(dir)
				tree := map[string][]byte{"activities.csv": tt.csv}
				for k, v := range files {
					tree[k] = v
				}
				root := "export"
				if form == "folder" {
					writeTree(t, root, tree)
				} else {
					root = "export.zip"
					var ents []zent
					for _, k := range []string{"profile.csv", "media/photo.jpg", "activities/1004.fit", "activities/1003.tcx", "activities.csv", "activities/1002.gpx.gz", "activities/1001.fit.gz"} {
						ents = append(ents, zent{name: k, data: tree[k]})
					}
					writeTree(t, ".", map[string][]byte{root: makeZip(t, ents...)})
				}
				items := collect(t, Walk([]string{root}, nil, Limits{}))
				if tt.csvError {
					if len(items) == 0 || !errors.Is(items[0].Err, analyze.ErrStravaCSV) || items[0].Name != filepath.Join(root, "activities.csv") && items[0].Name != root+"/activities.csv" {
						t.Fatalf("first item %q %v, want an ErrStravaCSV item naming %s/activities.csv", items[0].Name, items[0].Err, root)
					}
					items = items[1:]
				}
				var want []string
				for _, f := range wantFiles {
					want = append(want, root+"/"+f)
				}
				if got := summary(items); !slices.Equal(got, want) {
					t.Fatalf("got %q\nwant %q", got, want)
				}
				for i, it := range items {
					var gotRow string
					if it.Strava != nil {
						gotRow = it.Strava.Name
					}
					if gotRow != tt.rows[i] {
						t.Errorf("%s: Strava row %q, want %q", it.Name, gotRow, tt.rows[i])
					}
					wantFile := root + "/activities.csv"
					if tt.csvError {
						wantFile = ""
					}
					if filepath.ToSlash(it.StravaFile) != wantFile {
						t.Errorf("%s: StravaFile %q, want %q", it.Name, it.StravaFile, wantFile)
					}
					b, err := readItem(t, it)
					if err != nil || !bytes.Equal(b, files[wantFiles[i]]) {
						t.Errorf("%s: read %d bytes, %v; want the file's %d bytes", it.Name, len(b), err, len(files[wantFiles[i]]))
					}
				}
				if !tt.csvError {
					if it := items[1]; it.Strava.Type != "Trail Run" || it.Strava.ID != "1002" {
						t.Errorf("row of %s: %+v", it.Name, *it.Strava)
					}
					// The bytes decode: the gzip inside the archive is undone
					// by the decoder.
					r, _ := items[0].Open()
					defer r.Close()
					if a, err := analyze.Decode(r); err != nil || len(a.Samples.Time) == 0 {
						t.Errorf("decoding %s: %v", items[0].Name, err)
					}
				}
			})
		}
	}
}

// TestTreeOrder checks that an archive lists its files as its extracted
// folder does.
func TestTreeOrder(t *testing.T) {
	names := []string{"a.fit", "a/b.fit", "a-c.fit", "a/b/c.fit", "a/b.gpx", "B.fit", "a0.fit"}
	tree := map[string][]byte{}
	var ents []zent
	for _, n := range names {
		tree["folder/"+n] = []byte("x")
		ents = append(ents, zent{name: n, data: []byte("x")})
	}
	dir := t.TempDir()
	writeTree(t, dir, tree)
	writeTree(t, dir, map[string][]byte{"archive.zip": makeZip(t, ents...)})
	t.Chdir(dir)
	rel := func(root string) []string {
		var out []string
		for _, n := range summary(collect(t, Walk([]string{root}, nil, Limits{}))) {
			out = append(out, strings.TrimPrefix(n, root+"/"))
		}
		return out
	}
	folder, archive := rel("folder"), rel("archive.zip")
	want := []string{"B.fit", "a/b/c.fit", "a/b.fit", "a/b.gpx", "a-c.fit", "a.fit", "a0.fit"}
	if !slices.Equal(folder, want) || !slices.Equal(archive, want) {
		t.Errorf("folder %q\narchive %q\nwant %q", folder, archive, want)
	}
}

// garminZip returns a Garmin Connect-style export: a zip holding other
// files and, in a folder, zips of FIT files, one deflated and one stored.
func garminZip(t testing.TB, fits map[string][]byte) []byte {
	t.Helper()
	return makeZip(t,
		zent{name: "DI_CONNECT/DI-Connect-Fitness/user_summarizedActivities.json", data: []byte("[]")},
		zent{name: "DI_CONNECT/DI-Connect-Uploaded-Files/", data: nil},
		zent{name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", data: makeZip(t,
			zent{name: "me@example.com_1001.fit", data: fits["1001"]},
			zent{name: "me@example.com_1002.fit", data: fits["1002"]})},
		zent{name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip", store: true, data: makeZip(t,
			zent{name: "me@example.com_1003.fit", data: fits["1003"]})},
	)
}

func TestGarminExport(t *testing.T) {
	fits := map[string][]byte{
		"1001": fixture(t, "recovery-easy.fit"),
		"1002": fixture(t, "hilly.fit"),
		"1003": fixture(t, "no-hr.fit"),
	}
	const up = "garmin.zip/DI_CONNECT/DI-Connect-Uploaded-Files/"
	fit := fits["1001"]
	tests := []struct {
		name    string
		archive []byte
		lim     Limits
		want    []string
		limit   string // the Limits field a limit error names
	}{
		{
			name:    "nested zips: items from the inner zips, names show the nesting",
			archive: garminZip(t, fits),
			want: []string{
				up + "UploadedFiles_0-_Part1.zip/me@example.com_1001.fit",
				up + "UploadedFiles_0-_Part1.zip/me@example.com_1002.fit",
				up + "UploadedFiles_0-_Part2.zip/me@example.com_1003.fit",
			},
		},
		{
			name:    "nesting beyond MaxDepth is an error item per inner zip",
			archive: garminZip(t, fits),
			lim:     Limits{MaxDepth: 1},
			want:    []string{up + "UploadedFiles_0-_Part1.zip !", up + "UploadedFiles_0-_Part2.zip !"},
			limit:   "input.Limits.MaxDepth",
		},
		{
			name: "three deep is within the default",
			archive: makeZip(t, zent{name: "l2.zip", data: makeZip(t,
				zent{name: "l3.zip", store: true, data: makeZip(t, zent{name: "a.fit", data: fit})})}),
			want: []string{"garmin.zip/l2.zip/l3.zip/a.fit"},
		},
		{
			name: "four deep is not",
			archive: makeZip(t, zent{name: "l2.zip", data: makeZip(t,
				zent{name: "l3.zip", data: makeZip(t,
					zent{name: "l4.zip", data: makeZip(t, zent{name: "a.fit", data: fit})})})}),
			want:  []string{"garmin.zip/l2.zip/l3.zip/l4.zip !"},
			limit: "input.Limits.MaxDepth",
		},
		{
			name: "an inner zip compressed inside its parent is bounded by MaxEntrySize",
			archive: makeZip(t,
				zent{name: "big.zip", data: makeZip(t, zent{name: "a.fit", data: make([]byte, 300<<10), store: true})},
				zent{name: "stored.zip", store: true, data: makeZip(t, zent{name: "b.fit", data: make([]byte, 200<<10)})}),
			lim: Limits{MaxEntrySize: 256 << 10},
			// stored.zip is read in place, so its own size is not limited.
			want:  []string{"garmin.zip/big.zip !", "garmin.zip/stored.zip/b.fit"},
			limit: "input.Limits.MaxEntrySize",
		},
		{
			name:    "a broken inner zip is an error item naming it",
			archive: makeZip(t, zent{name: "inner.zip", data: []byte("PK\x03\x04broken")}, zent{name: "z.fit", data: fit}),
			want:    []string{"garmin.zip/inner.zip !", "garmin.zip/z.fit"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string][]byte{"garmin.zip": tt.archive})
			t.Chdir(dir)
			items := collect(t, Walk([]string{"garmin.zip"}, nil, tt.lim))
			if got := summary(items); !slices.Equal(got, tt.want) {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
			for _, it := range items {
				if it.Err != nil {
					var le *analyze.LimitError
					if tt.limit != "" && (!errors.Is(it.Err, ErrLimit) || !errors.As(it.Err, &le) || le.Limit != tt.limit ||
						!strings.Contains(it.Err.Error(), "raise "+tt.limit)) {
						t.Errorf("%s: %v, want ErrLimit, a LimitError naming %s", it.Name, it.Err, tt.limit)
					}
					continue
				}
				b, err := readItem(t, it)
				if err != nil {
					t.Fatalf("%s: %v", it.Name, err)
				}
				id := strings.TrimSuffix(it.Name[strings.LastIndex(it.Name, "_")+1:], ".fit")
				if want, ok := fits[id]; ok && !bytes.Equal(b, want) {
					t.Errorf("%s: read %d bytes, want %d", it.Name, len(b), len(want))
				}
			}
		})
	}
}

// deflated returns b deflate-compressed.
func deflated(b []byte) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.DefaultCompression)
	fw.Write(b)
	fw.Close()
	return comp.Bytes()
}

// rawZip returns a zip archive of one deflated entry whose directory says
// what h says, whatever the data really inflates to: a zip bomb that
// understates its size, or a damaged entry.
func rawZip(t testing.TB, h zip.FileHeader, data []byte) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	h.Method = zip.Deflate
	return rawZipBytes(t, h, comp.Bytes())
}

// rawZipBytes returns a zip archive of one entry whose stored bytes are
// comp and whose directory says what h says.
func rawZipBytes(t testing.TB, h zip.FileHeader, comp []byte) []byte {
	t.Helper()
	h.CompressedSize64 = uint64(len(comp))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&h)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLimitsAndDamage(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	zeros := make([]byte, 4<<20)
	many := func(n int) []byte {
		var ents []zent
		for i := range n {
			ents = append(ents, zent{name: fmt.Sprintf("%d.fit", i), data: fit[:100]})
		}
		return makeZip(t, ents...)
	}
	tests := []struct {
		name    string
		archive []byte
		lim     Limits
		want    []string // items; "x.zip" is the archive
		listErr error    // the error of the error items
		readErr error    // the error reading the first good item
		message string   // what those errors say
	}{
		{
			name: "more entries than MaxEntries: one error item, nothing else", archive: many(5), lim: Limits{MaxEntries: 4},
			want: []string{"x.zip !"}, listErr: ErrLimit, message: "5 entries, more than the limit of 4; raise input.Limits.MaxEntries",
		},
		{
			name: "as many entries as MaxEntries", archive: many(4), lim: Limits{MaxEntries: 4},
			want: []string{"x.zip/0.fit", "x.zip/1.fit", "x.zip/2.fit", "x.zip/3.fit"},
		},
		{
			name: "directories count as entries", archive: makeZip(t, zent{name: "d/"}, zent{name: "e/"}, zent{name: "d/a.fit", data: fit}), lim: Limits{MaxEntries: 2},
			want: []string{"x.zip !"}, listErr: ErrLimit, message: "input.Limits.MaxEntries",
		},
		{
			name:    "an entry declaring more than MaxEntrySize is an error item; the others are read",
			archive: makeZip(t, zent{name: "big.fit", data: zeros[:2<<20]}, zent{name: "small.fit", data: fit}), lim: Limits{MaxEntrySize: 1 << 20},
			want: []string{"x.zip/big.fit !", "x.zip/small.fit"}, listErr: ErrLimit,
			message: "declares 2097152 bytes uncompressed, more than the limit of 1048576; raise input.Limits.MaxEntrySize",
		},
		{
			name:    "a zip bomb understating its size fails with ErrLimit when read",
			archive: rawZip(t, zip.FileHeader{Name: "bomb.fit", UncompressedSize64: 1000}, zeros), lim: Limits{MaxEntrySize: 1 << 20},
			want: []string{"x.zip/bomb.fit"}, readErr: ErrLimit,
			message: "inflates past 1048576 bytes though it declares 1000 (a zip bomb?); raise input.Limits.MaxEntrySize",
		},
		{
			name:    "an entry holding less than it declares is truncated",
			archive: rawZip(t, zip.FileHeader{Name: "short.fit", UncompressedSize64: 5000, CRC32: crc32.ChecksumIEEE(fit[:4000])}, fit[:4000]),
			want:    []string{"x.zip/short.fit"}, readErr: analyze.ErrTruncated, message: "ends after 4000 of the 5000 bytes it declares",
		},
		{
			name:    "an entry holding more than it declares is malformed",
			archive: rawZip(t, zip.FileHeader{Name: "long.fit", UncompressedSize64: 3000}, fit[:4000]),
			want:    []string{"x.zip/long.fit"}, readErr: analyze.ErrMalformed, message: "holds more than the 3000 bytes it declares",
		},
		{
			name:    "a checksum mismatch",
			archive: rawZip(t, zip.FileHeader{Name: "crc.fit", UncompressedSize64: 4000, CRC32: 12345}, fit[:4000]),
			want:    []string{"x.zip/crc.fit"}, readErr: analyze.ErrChecksum, message: "CRC-32",
		},
		{
			name:    "a corrupt deflate stream is malformed",
			archive: rawZipBytes(t, zip.FileHeader{Name: "bad.fit", Method: zip.Deflate, UncompressedSize64: 100}, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}),
			want:    []string{"x.zip/bad.fit !"}, listErr: analyze.ErrMalformed, message: "flate: corrupt input",
		},
		{
			name:    "a deflate stream cut short is truncated",
			archive: rawZipBytes(t, zip.FileHeader{Name: "cut.fit", Method: zip.Deflate, UncompressedSize64: uint64(len(fit))}, deflated(fit)[:1000]),
			want:    []string{"x.zip/cut.fit"}, readErr: analyze.ErrTruncated, message: "unexpected EOF",
		},
		{
			name:    "an unsupported compression method",
			archive: rawZipBytes(t, zip.FileHeader{Name: "bz.fit", Method: 12, UncompressedSize64: 100}, []byte("BZh9")),
			want:    []string{"x.zip/bz.fit !"}, listErr: analyze.ErrMalformed, message: "method 12",
		},
		{
			name:    "an encrypted entry",
			archive: rawZipBytes(t, zip.FileHeader{Name: "secret.fit", Method: zip.Store, Flags: 0x1, UncompressedSize64: 4}, []byte("abcd")),
			want:    []string{"x.zip/secret.fit !"}, listErr: analyze.ErrMalformed, message: "encrypted",
		},
		{
			name: "zip-slip names are error items naming the entry; safe names are cleaned",
			archive: makeZip(t,
				zent{name: "../evil.fit", data: fit}, zent{name: "/abs.fit", data: fit}, zent{name: `..\win.fit`, data: fit},
				zent{name: "C:/drive.fit", data: fit}, zent{name: "a/../../up.fit", data: fit},
				zent{name: "ok/../fine.fit", data: fit}, zent{name: "./a/./b.fit", data: fit}, zent{name: `w\c.fit`, data: fit},
				zent{name: "12:30.fit", data: fit}),
			want: []string{
				"x.zip !", "x.zip !", "x.zip !", "x.zip !", "x.zip !",
				"x.zip/12:30.fit", "x.zip/a/b.fit", "x.zip/fine.fit", "x.zip/w/c.fit",
			},
			listErr: analyze.ErrMalformed, message: "unsafe name",
		},
		{
			name: "hidden entries and macOS resource forks are skipped",
			archive: makeZip(t, zent{name: "__MACOSX/._a.fit", data: fit}, zent{name: ".git/x.fit", data: fit},
				zent{name: "a/.b.fit", data: fit}, zent{name: "a.fit", data: fit}),
			want: []string{"x.zip/a.fit"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string][]byte{"x.zip": tt.archive})
			t.Chdir(dir)
			items := collect(t, Walk([]string{"x.zip"}, nil, tt.lim))
			if got := summary(items); !slices.Equal(got, tt.want) {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
			checked := false
			for _, it := range items {
				if it.Err != nil {
					if !errors.Is(it.Err, tt.listErr) || !strings.Contains(it.Err.Error(), tt.message) {
						t.Errorf("%s: %v; want %v saying %q", it.Name, it.Err, tt.listErr, tt.message)
					}
					continue
				}
				_, err := readItem(t, it)
				if tt.readErr == nil || checked {
					if err != nil {
						t.Errorf("%s: %v", it.Name, err)
					}
					continue
				}
				checked = true
				if !errors.Is(err, tt.readErr) || !strings.Contains(err.Error(), tt.message) {
					t.Errorf("%s: read error %v; want %v saying %q", it.Name, err, tt.readErr, tt.message)
				}
			}
			if tt.readErr != nil && !checked {
				t.Error("no item was read to check the read error")
			}
		})
	}
}

// TestEntriesLie checks the entry limit against an archive whose directory
// end understates its count by 65536, which archive/zip accepts (it
// compares counts modulo 65536).
func TestEntriesLie(t *testing.T) {
	b := liarZip(65539, 3)
	if d, ok := findDirectory(bytes.NewReader(b), int64(len(b))); !ok || d.records != 3 {
		t.Fatalf("declared %d, %v; want 3", d.records, ok)
	}
	if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil || len(zr.File) != 65539 {
		t.Fatalf("archive/zip reads the liar as %v; want 65539 entries", err)
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{"liar.zip": b})
	items := collect(t, Walk([]string{filepath.Join(dir, "liar.zip")}, nil, Limits{MaxEntries: 10}))
	if len(items) != 1 || !errors.Is(items[0].Err, ErrLimit) || !strings.Contains(items[0].Err.Error(), "more than 10 entries") {
		t.Fatalf("got %q, %v; want one ErrLimit item for more than 10 entries", summary(items), items[0].Err)
	}
}

// liarZip returns a zip archive of n empty entries whose zip64 directory
// end declares the count declared. It holds the central directory only
// (listing an archive reads nothing else) after a first local header
// signature for the sniffer, which keeps it quick to build.
func liarZip(n int, declared uint64) []byte {
	le := binary.LittleEndian
	const start = 30
	b := make([]byte, start)
	copy(b, "PK\x03\x04")
	for i := range n {
		name := fmt.Sprintf("%05d.txt", i)
		h := make([]byte, 46)
		copy(h, "PK\x01\x02")
		le.PutUint16(h[4:], 20)
		le.PutUint16(h[6:], 20)
		le.PutUint16(h[28:], uint16(len(name)))
		b = append(append(b, h...), name...)
	}
	dirSize := uint64(len(b) - start)
	end64 := make([]byte, end64Len)
	copy(end64, "PK\x06\x06")
	le.PutUint64(end64[4:], end64Len-12)
	le.PutUint16(end64[12:], 45)
	le.PutUint16(end64[14:], 45)
	le.PutUint64(end64[24:], declared)
	le.PutUint64(end64[32:], declared)
	le.PutUint64(end64[40:], dirSize)
	le.PutUint64(end64[48:], start)
	loc := make([]byte, end64LocLen)
	copy(loc, "PK\x06\x07")
	le.PutUint64(loc[8:], start+dirSize)
	le.PutUint32(loc[16:], 1)
	end := make([]byte, endLen)
	copy(end, "PK\x05\x06")
	le.PutUint16(end[8:], 0xFFFF)
	le.PutUint16(end[10:], 0xFFFF)
	le.PutUint32(end[12:], 0xFFFFFFFF)
	le.PutUint32(end[16:], 0xFFFFFFFF)
	return append(append(append(b, end64...), loc...), end...)
}

func TestFindDirectory(t *testing.T) {
	withComment := func(n int, comment string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range n {
			zw.Create(fmt.Sprint(i))
		}
		zw.SetComment(comment)
		zw.Close()
		return buf.Bytes()
	}
	// A hand-made zip64 end: record, locator, then the classic record
	// saying 0xFFFF.
	zip64 := make([]byte, 108)
	copy(zip64[10:], "PK\x06\x06")
	binary.LittleEndian.PutUint64(zip64[10+32:], 1<<40)
	loc := zip64[66:]
	copy(loc, "PK\x06\x07")
	binary.LittleEndian.PutUint64(loc[8:], 10)
	binary.LittleEndian.PutUint32(loc[16:], 1) // one disk
	end := zip64[86:]
	copy(end, "PK\x05\x06")
	binary.LittleEndian.PutUint16(end[10:], 0xFFFF)
	tests := []struct {
		name string
		data []byte
		want uint64
		ok   bool
	}{
		{"empty archive", withComment(0, ""), 0, true},
		{"three entries", withComment(3, ""), 3, true},
		{"a comment after the record", withComment(7, "a comment"), 7, true},
		// archive/zip takes the last signature and gives up when its
		// comment would overrun the file: so must findDirectory.
		{"a comment holding the record's signature", withComment(7, strings.Repeat("PK\x05\x06 looks like a record ", 100)), 0, false},
		{"zip64", zip64, 1 << 40, true},
		{"not a zip", []byte(strings.Repeat("x", 100)), 0, false},
		{"too short", []byte("PK\x05\x06"), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := findDirectory(bytes.NewReader(tt.data), int64(len(tt.data)))
			if n := d.records; n != tt.want || ok != tt.ok {
				t.Errorf("got %d, %v; want %d, %v", n, ok, tt.want, tt.ok)
			}
			if _, err := zip.NewReader(bytes.NewReader(tt.data), int64(len(tt.data))); !tt.ok && err == nil {
				t.Errorf("archive/zip reads it, so findDirectory must find its directory")
			}
		})
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{"a.fit", "a.fit", true},
		{"activities/1.fit.gz", "activities/1.fit.gz", true},
		{`activities\1.fit.gz`, "activities/1.fit.gz", true},
		{"./a//b/../c.fit", "a/c.fit", true},
		{"", "", true},
		{"./", "", true},
		{"../a.fit", "", false},
		{"a/../../a.fit", "", false},
		{"..", "", false},
		{"/etc/passwd", "", false},
		{`\\server\share\a.fit`, "", false},
		{"C:/a.fit", "", false},
		{"c:", "", false},
		{"10:00.fit", "10:00.fit", true},
		{"a:b.fit", "a:b.fit", true},
	}
	for _, tt := range tests {
		if got, ok := cleanName(tt.raw); got != tt.want || ok != tt.ok {
			t.Errorf("cleanName(%q) = %q, %v; want %q, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}

// TestEarlyStop breaks out of the loop at every point of a walk over many
// archives and checks that no archive stays open, that no goroutine is
// left, and that the items already yielded can still be read.
func TestEarlyStop(t *testing.T) {
	fit := fixture(t, "hilly.fit")
	tree := map[string][]byte{}
	for i := range 6 {
		tree[fmt.Sprintf("exports/%d.zip", i)] = makeZip(t,
			zent{name: "a.fit", data: fit},
			zent{name: "inner.zip", store: true, data: makeZip(t, zent{name: "b.fit", data: fit})},
			zent{name: "packed.zip", data: makeZip(t, zent{name: "c.fit", data: fit})})
	}
	dir := t.TempDir()
	writeTree(t, dir, tree)
	paths := []string{filepath.Join(dir, "exports")}
	const total = 6 * 3
	goroutines := runtime.NumGoroutine()
	for stop := 1; stop <= total+1; stop++ {
		open, maxOpen, n := 0, 0, 0
		track := func(d int) {
			open += d
			maxOpen = max(maxOpen, open)
		}
		var kept []Item
		for it := range walk(paths, nil, Limits{}, track) {
			checkItem(t, it)
			kept = append(kept, it)
			if n++; n == stop {
				break
			}
		}
		if open != 0 || maxOpen > 1 {
			t.Fatalf("stop after %d: %d archives left open, %d open at once; want 0 and at most 1", stop, open, maxOpen)
		}
		if want := min(stop, total); len(kept) != want {
			t.Fatalf("stop after %d: got %d items, want %d", stop, len(kept), want)
		}
		for _, it := range kept {
			if b, err := readItem(t, it); err != nil || !bytes.Equal(b, fit) {
				t.Fatalf("reading %s after the loop: %d bytes, %v", it.Name, len(b), err)
			}
		}
	}
	if g := runtime.NumGoroutine(); g > goroutines {
		t.Errorf("%d goroutines after the walks, %d before", g, goroutines)
	}
}

// TestConcurrentOpen runs the walk as the command line does: one goroutine
// ranges over Walk and hands items to workers that open and read them
// while the walk goes on. Run with -race.
func TestConcurrentOpen(t *testing.T) {
	fits := map[string][]byte{
		"1001": fixture(t, "recovery-easy.fit"),
		"1002": fixture(t, "hilly.fit"),
		"1003": fixture(t, "no-hr.fit"),
	}
	tree := map[string][]byte{"garmin.zip": garminZip(t, fits)}
	for id, b := range fits {
		tree["runs/x_"+id+".fit"] = b
		tree["runs/gz/x_"+id+".fit.gz"] = gz(t, b)
	}
	dir := t.TempDir()
	writeTree(t, dir, tree)
	paths := []string{filepath.Join(dir, "garmin.zip"), filepath.Join(dir, "runs"), filepath.Join(dir, "garmin.zip")}

	jobs := make(chan Item)
	var wg sync.WaitGroup
	var mu sync.Mutex
	read := 0
	for range 4 {
		wg.Go(func() {
			for it := range jobs {
				if it.Err != nil {
					t.Errorf("%s: %v", it.Name, it.Err)
					continue
				}
				r, err := it.Open()
				if err != nil {
					t.Errorf("%s: %v", it.Name, err)
					continue
				}
				b, err := io.ReadAll(r)
				r.Close()
				id := it.Name[strings.LastIndex(it.Name, "_")+1:]
				id = id[:4]
				want := fits[id]
				if strings.HasSuffix(it.Name, ".gz") {
					want = tree["runs/gz/x_"+id+".fit.gz"]
				}
				if err != nil || !bytes.Equal(b, want) {
					t.Errorf("%s: read %d bytes, %v; want %d", it.Name, len(b), err, len(want))
				}
				mu.Lock()
				read++
				mu.Unlock()
			}
		})
	}
	for it := range Walk(paths, nil, Limits{}) {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
	if read != 12 {
		t.Errorf("read %d items, want 12", read)
	}
}

// TestArchiveChanged checks that an item of an archive that changed on disk
// after the walk fails to open rather than reading the wrong bytes.
func TestArchiveChanged(t *testing.T) {
	fit := fixture(t, "hilly.fit")
	path := filepath.Join(t.TempDir(), "a.zip")
	if err := os.WriteFile(path, makeZip(t, zent{name: "a.fit", data: fit}), 0o644); err != nil {
		t.Fatal(err)
	}
	items := collect(t, Walk([]string{path}, nil, Limits{}))
	if err := os.WriteFile(path, makeZip(t, zent{name: "a.fit", data: fit}, zent{name: "b.fit", data: fit}), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := items[0].Open(); err == nil || !strings.Contains(err.Error(), "changed since it was listed") {
		t.Errorf("Open after a change: %v, want an error saying the archive changed", err)
	}
}
