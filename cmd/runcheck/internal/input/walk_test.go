package input

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

func TestWalkPaths(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	tree := map[string][]byte{
		"runs/b.fit":            fit,
		"runs/a.gpx":            []byte("<gpx/>"),
		"runs/A.TCX":            []byte("<TrainingCenterDatabase/>"),
		"runs/c.fit.gz":         gz(t, fit),
		"runs/x.FIT.GZ":         gz(t, fit),
		"runs/notes.txt":        []byte("not an activity"),
		"runs/data.json":        []byte("{}"),
		"runs/fit":              []byte("no extension"),
		"runs/a.fit.bak":        fit,
		"runs/.hidden.fit":      fit,
		"runs/.git/x.fit":       fit,
		"runs/sub/d.fit":        fit,
		"runs/sub/deeper/e.gpx": []byte("<gpx/>"),
		"runs/sub.fit":          fit,
		"runs/pack.zip":         makeZip(t, zent{name: "in.fit", data: fit}, zent{name: "notes.txt", data: []byte("x")}),
		"runs/fake.zip":         []byte("not a zip at all"),
		"runs/broken.zip":       []byte("PK\x03\x04 and then garbage"),
		"other/zipped.dat":      makeZip(t, zent{name: "z.gpx", data: []byte("<gpx/>")}),
		"other/empty.zip":       makeZip(t),
	}
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{
			name:  "folder: lexical order, hidden and non-activity names skipped, nested folders, .gz, any case, zips walked",
			paths: []string{"runs"},
			want: []string{
				"runs/A.TCX", "runs/a.gpx", "runs/b.fit", "runs/broken.zip !", "runs/c.fit.gz", "runs/fake.zip",
				"runs/pack.zip/in.fit",
				"runs/sub/d.fit", "runs/sub/deeper/e.gpx", "runs/sub.fit", "runs/x.FIT.GZ",
			},
		},
		{
			name:  "files named explicitly are taken whatever their name",
			paths: []string{"runs/notes.txt", "runs/.hidden.fit", "runs/fit", "runs/b.fit"},
			want:  []string{"runs/notes.txt", "runs/.hidden.fit", "runs/fit", "runs/b.fit"},
		},
		{
			name:  "a zip is recognised by its content, not its name",
			paths: []string{"other/zipped.dat", "runs/fake.zip", "other/empty.zip"},
			want:  []string{"other/zipped.dat/z.gpx", "runs/fake.zip"},
		},
		{
			name:  "a missing path is an error item and the walk goes on",
			paths: []string{"nope.fit", "runs/b.fit", "no-such-folder"},
			want:  []string{"nope.fit !", "runs/b.fit", "no-such-folder !"},
		},
		{
			name:  "a hidden folder named explicitly is walked",
			paths: []string{"runs/.git"},
			want:  []string{"runs/.git/x.fit"},
		},
		{
			name:  "paths keep their order and may repeat",
			paths: []string{"runs/sub", "runs/b.fit", "runs/sub/d.fit"},
			want:  []string{"runs/sub/d.fit", "runs/sub/deeper/e.gpx", "runs/b.fit", "runs/sub/d.fit"},
		},
		{
			name:  "no paths, no items",
			paths: nil,
			want:  []string{},
		},
	}
	dir := t.TempDir()
	writeTree(t, dir, tree)
	t.Chdir(dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := collect(t, Walk(tt.paths, nil, Limits{}))
			if got := summary(items); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}

	t.Run("items read the files' bytes", func(t *testing.T) {
		for _, it := range collect(t, Walk([]string{"runs/b.fit", "runs/c.fit.gz", "runs/pack.zip"}, nil, Limits{})) {
			got, err := readItem(t, it)
			if err != nil {
				t.Fatalf("%s: %v", it.Name, err)
			}
			want := tree[filepath.ToSlash(it.Name)]
			if it.Name == filepath.FromSlash("runs/pack.zip")+"/in.fit" {
				want = fit
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: read %d bytes, want %d", it.Name, len(got), len(want))
			}
		}
	})

	t.Run("a missing path's error says what is wrong", func(t *testing.T) {
		items := collect(t, Walk([]string{"nope.fit"}, nil, Limits{}))
		if !errors.Is(items[0].Err, fs.ErrNotExist) || !strings.HasPrefix(items[0].Err.Error(), "nope.fit: ") {
			t.Errorf("Err = %v, want a not-exist error naming nope.fit", items[0].Err)
		}
	})

	t.Run("a broken archive is a malformed error item", func(t *testing.T) {
		items := collect(t, Walk([]string{"runs/broken.zip"}, nil, Limits{}))
		if !errors.Is(items[0].Err, analyze.ErrMalformed) {
			t.Errorf("Err = %v, want analyze.ErrMalformed", items[0].Err)
		}
	})
}

func TestWalkUnreadable(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{"runs/a.fit": fixture(t, "hilly.fit")})
	// A dangling link is a directory entry that cannot be read, whoever runs
	// the test (permission bits do not stop root).
	if err := os.Symlink(filepath.Join(dir, "gone.fit"), filepath.Join(dir, "runs", "b.fit")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	t.Chdir(dir)
	items := collect(t, Walk([]string{"runs"}, nil, Limits{}))
	want := []string{"runs/a.fit", "runs/b.fit !"}
	if got := summary(items); !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if !errors.Is(items[1].Err, fs.ErrNotExist) {
		t.Errorf("Err = %v, want a not-exist error", items[1].Err)
	}

	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		writeTree(t, dir, map[string][]byte{"locked/sub/c.fit": nil, "locked/d.fit": nil})
		if err := os.Chmod(filepath.Join(dir, "locked", "sub"), 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(filepath.Join(dir, "locked", "sub"), 0o755)
		items := collect(t, Walk([]string{"locked"}, nil, Limits{}))
		want := []string{"locked/d.fit", "locked/sub !"}
		if got := summary(items); !slices.Equal(got, want) {
			t.Errorf("unlistable folder: got %q, want %q", got, want)
		}
	}
}

func TestWalkSymlinkedFolder(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{"real/a.fit": fixture(t, "hilly.fit")})
	if err := os.Symlink("real", filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	t.Chdir(dir)
	want := []string{"link/a.fit"}
	if got := summary(collect(t, Walk([]string{"link"}, nil, Limits{}))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWalkStdin(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		stdin *strings.Reader
		want  []string
	}{
		{"standard input", []string{"-"}, strings.NewReader("<gpx/>"), []string{"-"}},
		{"named twice: the second is an error", []string{"-", "-"}, strings.NewReader("<gpx/>"), []string{"-", "- !"}},
		{"no standard input", []string{"-"}, nil, []string{"- !"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var items []Item
			if tt.stdin == nil {
				items = collect(t, Walk(tt.paths, nil, Limits{}))
			} else {
				items = collect(t, Walk(tt.paths, tt.stdin, Limits{}))
			}
			if got := summary(items); !slices.Equal(got, tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if items[0].Err != nil {
				return
			}
			b, err := readItem(t, items[0])
			if err != nil || string(b) != "<gpx/>" {
				t.Errorf("read %q, %v; want the standard input", b, err)
			}
		})
	}
}

// TestInputsUnchanged walks and reads every kind of input and checks that
// the folder holding them is byte for byte, name for name and time for
// time what it was, with nothing added (nothing is extracted).
func TestInputsUnchanged(t *testing.T) {
	fit := fixture(t, "hr-drift.fit")
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{
		"runs/a.fit":    fit,
		"runs/b.fit.gz": gz(t, fit),
		"runs/garmin.zip": makeZip(t,
			zent{name: "DI_CONNECT/up/UploadedFiles_0.zip", data: makeZip(t, zent{name: "1.fit", data: fit})},
			zent{name: "DI_CONNECT/up/UploadedFiles_1.zip", data: makeZip(t, zent{name: "2.fit", data: fit}), store: true}),
		"runs/strava/activities.csv":       []byte("Activity Name,Activity Type,Filename\nEasy,Run,activities/1.fit.gz\n"),
		"runs/strava/activities/1.fit.gz":  gz(t, fit),
		"runs/strava-export.zip":           makeZip(t, zent{name: "activities.csv", data: []byte("Activity Name,Activity Type,Filename\n")}, zent{name: "activities/2.fit", data: fit}),
		"runs/bomb.zip":                    makeZip(t, zent{name: "big.fit", data: make([]byte, 2<<20)}),
		"runs/.hidden/x.fit":               fit,
		"runs/notes.txt":                   []byte("x"),
		"runs/deep/deeper/deepest/c.tcx":   []byte("<TrainingCenterDatabase/>"),
		"runs/deep/deeper/deepest/c.tcx.x": nil,
	})
	before := hashTree(t, dir)
	n := 0
	for it := range Walk([]string{filepath.Join(dir, "runs"), filepath.Join(dir, "runs", "strava")}, nil, Limits{MaxEntrySize: 1 << 20}) {
		n++
		if it.Err != nil {
			continue
		}
		if _, err := readItem(t, it); err != nil {
			t.Logf("%s: %v", it.Name, err)
		}
	}
	if n < 8 {
		t.Fatalf("walked %d items, want at least 8", n)
	}
	if after := hashTree(t, dir); !slices.Equal(before, after) {
		t.Errorf("the inputs changed:\nbefore %q\nafter  %q", before, after)
	}
}

// hashTree lists every file and folder under dir with its mode, size,
// modification time and content.
func hashTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		line := p + " " + fi.Mode().String() + " " + fi.ModTime().String()
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		out = append(out, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWalks checks Walks against the walk itself: for every file of a
// folder, Walks says yes exactly when the folder's walk reads the file (an
// item names it, or an archive member in it); and the Strava index, which
// the walk reads at the root only and yields no item for, by name.
func TestWalks(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	tree := map[string][]byte{
		"b.fit": fit, "A.TCX": []byte("<TrainingCenterDatabase/>"), "c.fit.gz": gz(t, fit),
		"notes.txt": []byte("x"), "report.json": []byte("{}"), "a.fit.bak": fit, "fit": fit,
		".hidden.fit": fit, ".git/x.fit": fit, "sub/d.gpx": []byte("<gpx/>"), "sub/.cache/e.fit": fit,
		"pack.zip": makeZip(t, zent{name: "in.fit", data: fit}), "zipped.dat": makeZip(t, zent{name: "z.gpx", data: []byte("<gpx/>")}),
	}
	dir := t.TempDir()
	writeTree(t, dir, tree)
	read := map[string]bool{}
	for _, it := range collect(t, Walk([]string{dir}, nil, Limits{})) {
		rel, err := filepath.Rel(dir, it.Name)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		if i := strings.Index(rel, ".zip/"); i >= 0 {
			rel = rel[:i+len(".zip")]
		}
		read[rel] = true
	}
	for name := range tree {
		if got := Walks(filepath.FromSlash(name)); got != read[name] {
			t.Errorf("Walks(%q) = %v; the walk reads it: %v", name, got, read[name])
		}
	}
	for rel, want := range map[string]bool{
		"activities.csv": true, "sub/activities.csv": false, ".": false, "..": false,
		filepath.FromSlash("../x.fit"): false, filepath.FromSlash("sub/x.FIT.GZ"): true,
	} {
		if got := Walks(rel); got != want {
			t.Errorf("Walks(%q) = %v, want %v", rel, got, want)
		}
	}
}
