package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBatchFaults grades a folder of 200 files of which 20 are broken in
// varied ways: every good file is graded exactly as in a clean run of the
// same files, every bad one is one error row naming its path and the
// reason, the exit code is 2, and nothing in the input folder changes.
func TestBatchFaults(t *testing.T) {
	src, err := filepath.Glob(filepath.Join("..", "..", "testdata", "runs", "*.[fgt][ipc][tx]"))
	if err != nil || len(src) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	slices.Sort(src)
	clean, dirty := t.TempDir(), t.TempDir()
	const n = 200
	good := map[string]bool{}
	// Every tenth file is broken, in the way its place in faults says.
	faults := []string{"truncated", "flipped", "wrong-extension", "empty", "empty-gzip", "directory", "unreadable", "truncated-gzip", "text", "flipped"}
	for i := range n {
		b, err := os.ReadFile(src[i%len(src)])
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%03d-%s", i, filepath.Base(src[i%len(src)]))
		if i%10 != 7 {
			good[name] = true
			for _, dir := range []string{clean, dirty} {
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		path := filepath.Join(dirty, name)
		switch fault := faults[(i/10)%len(faults)]; fault {
		case "truncated":
			err = os.WriteFile(path, b[:len(b)/3], 0o644)
		case "flipped":
			c := bytes.Clone(b)
			for k := 100; k < len(c); k += 97 {
				c[k] ^= 0x5a
			}
			err = os.WriteFile(path, c, 0o644)
		case "wrong-extension": // a CSV named .fit
			err = os.WriteFile(path, []byte("date,distance\n2026-03-03,5.0\n"), 0o644)
		case "empty":
			err = os.WriteFile(path, nil, 0o644)
		case "empty-gzip":
			err = os.WriteFile(path+".gz", nil, 0o644)
		case "truncated-gzip":
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(b)
			zw.Close()
			err = os.WriteFile(path+".gz", buf.Bytes()[:buf.Len()/2], 0o644)
		case "directory":
			err = os.Mkdir(path, 0o755)
		case "unreadable":
			if os.Geteuid() == 0 {
				// root reads anything: an unreadable file cannot be made;
				// a dangling link stands in for it.
				err = os.Symlink(filepath.Join(dirty, "nowhere"), path)
			} else {
				err = os.WriteFile(path, b, 0o000)
			}
		case "text":
			err = os.WriteFile(path, []byte("not an activity at all"), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	before := hashTree(t, dirty)

	reports := func(dir string, wantCode int) map[string]json.RawMessage {
		var out, errs bytes.Buffer
		t.Chdir(dir) // so that reports name files alike in both folders
		code := run([]string{"grade", "-max-hr", "190", "-j", "2", "-format", "ndjson", "."}, nil, &out, &errs)
		if code != wantCode {
			t.Fatalf("grade %s: exit %d, want %d; stderr:\n%s", dir, code, wantCode, errs.String())
		}
		m := map[string]json.RawMessage{}
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			var r struct {
				File string `json:"file"`
			}
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%v: %s", err, line)
			}
			if r.File != "" {
				m[filepath.Base(r.File)] = json.RawMessage(line)
			}
		}
		return m
	}
	want := reports(clean, exitFail) // the fixtures include runs that fail
	got := reports(dirty, exitError)

	var bad int
	for name, line := range got {
		if good[name] {
			if !bytes.Equal(line, want[name]) {
				t.Errorf("%s graded differently beside broken files:\n got %s\nwant %s", name, line, want[name])
			}
			continue
		}
		bad++
		var r struct {
			File, Outcome, Error string
		}
		json.Unmarshal(line, &r)
		if r.Outcome != "ERROR" || !strings.HasPrefix(r.Error, r.File+": ") {
			t.Errorf("%s: outcome %s, error %q: want ERROR naming the file", name, r.Outcome, r.Error)
		}
	}
	for name := range good {
		if _, ok := got[name]; !ok {
			t.Errorf("%s is missing from the report", name)
		}
	}
	if bad != n/10 {
		var names []string
		for name := range got {
			if !good[name] {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		t.Errorf("%d error rows, want %d: %q", bad, n/10, names)
	}
	if after := hashTree(t, dirty); !slices.Equal(before, after) {
		t.Error("grading changed the input folder")
	}
}

// hashTree returns a line per entry of dir: path, mode and content hash.
func hashTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v %d", path, info.Mode(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			line += " " + hex.EncodeToString(sum[:])
		}
		out = append(out, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
