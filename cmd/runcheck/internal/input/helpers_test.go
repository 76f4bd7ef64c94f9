package input

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

// runsDir holds the project's generated activity fixtures; tests only read
// them.
const runsDir = "../../../../testdata/runs"

// fixture returns the bytes of testdata/runs/name.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(runsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// gz returns b gzip-compressed.
func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zent is one entry of a zip archive built by a test.
type zent struct {
	name  string
	data  []byte
	store bool // stored uncompressed rather than deflated
}

// makeZip returns a zip archive of the entries, in order.
func makeZip(t testing.TB, entries ...zent) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeTree writes files (slash-separated paths relative to dir) under dir.
func writeTree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// collect runs the walk to its end and checks every item's invariants:
// exactly one of Open and Err, and Err a *analyze.FileError naming the item.
func collect(t testing.TB, seq func(func(Item) bool)) []Item {
	t.Helper()
	var items []Item
	for it := range seq {
		checkItem(t, it)
		items = append(items, it)
	}
	return items
}

// checkItem checks an item's invariants.
func checkItem(t testing.TB, it Item) {
	t.Helper()
	set := 0
	for _, b := range []bool{it.Open != nil, it.Err != nil, it.Skip != ""} {
		if b {
			set++
		}
	}
	if set != 1 {
		t.Errorf("item %q: want exactly one of Open, Err and Skip, got Open set %v, Err %v, Skip %q", it.Name, it.Open != nil, it.Err, it.Skip)
	}
	if it.Err != nil {
		var fe *analyze.FileError
		if !errors.As(it.Err, &fe) || fe.Path != it.Name {
			t.Errorf("item %q: Err %q is not a *analyze.FileError naming the item", it.Name, it.Err)
		}
	}
}

// summary lists items as slash-separated names, an error item as
// "NAME !" and a skipped one as "NAME -" so that tables can state where
// errors and skips are expected.
func summary(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = filepath.ToSlash(it.Name)
		switch {
		case it.Err != nil:
			out[i] += " !"
		case it.Skip != "":
			out[i] += " -"
		}
	}
	return out
}

// readItem opens the item and reads it whole.
func readItem(t testing.TB, it Item) ([]byte, error) {
	t.Helper()
	if it.Err != nil {
		t.Fatalf("item %q failed: %v", it.Name, it.Err)
	}
	r, err := it.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// stravaHeader returns the header row of the Strava activities.csv
// fixture in analyze/testdata, split into cells.
func stravaHeader(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile("../../../../analyze/testdata/labels/activities.csv")
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.Split(strings.TrimRight(line, "\r"), ",")
}
