//go:build unix

package input

import (
	"bytes"
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/runcheck/runcheck/analyze"
)

// walkWithin runs the walk to its end, failing the test if it takes more
// than a minute: a walker that opens a named pipe blocks for ever.
func walkWithin(t *testing.T, paths []string, lim Limits) []Item {
	t.Helper()
	done := make(chan []Item, 1)
	go func() {
		var items []Item
		for it := range Walk(paths, nil, lim) {
			items = append(items, it)
		}
		done <- items
	}()
	select {
	case items := <-done:
		for _, it := range items {
			checkItem(t, it)
		}
		return items
	case <-time.After(time.Minute):
		t.Fatal("the walk hangs (it opened a named pipe?)")
		return nil
	}
}

// mkfifo makes a named pipe at p, skipping the test where that fails.
func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
}

// TestSpecialFilesInFolders checks that named pipes, sockets, devices and
// links to them in a folder are skipped with a reason and never opened,
// that a link to a folder is skipped too, and that a link to a regular
// file is read.
func TestSpecialFilesInFolders(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{"runs/a.fit": fit, "elsewhere/b.fit": fit, "elsewhere/sub/c.fit": fit})
	runs := filepath.Join(dir, "runs")
	mkfifo(t, filepath.Join(runs, "pipe.fit"))
	mkfifo(t, filepath.Join(runs, "pipe.zip"))
	mkfifo(t, filepath.Join(runs, "notes.txt")) // not a name that is taken: passed over silently
	mkfifo(t, filepath.Join(dir, "elsewhere", "fifo"))
	// A unix socket's path must be short: make it in the folder by its
	// relative name.
	t.Chdir(runs)
	l, err := net.Listen("unix", "sock.gpx")
	if err != nil {
		t.Skip("unix socket:", err)
	}
	defer l.Close()
	t.Chdir(dir)
	links := map[string]string{
		"ok.fit":       filepath.Join(dir, "elsewhere", "b.fit"),
		"tolink.fit":   filepath.Join(runs, "ok.fit"), // a link to a link to a file
		"zero.fit":     "/dev/zero",
		"linkpipe.tcx": filepath.Join(dir, "elsewhere", "fifo"),
		"folder":       filepath.Join(dir, "elsewhere", "sub"),
		"broken.fit":   filepath.Join(dir, "nowhere.fit"),
		"broken.txt":   filepath.Join(dir, "nowhere.txt"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(runs, name)); err != nil {
			t.Fatal(err)
		}
	}
	items := walkWithin(t, []string{"runs"}, Limits{})
	want := []string{
		"runs/a.fit", "runs/broken.fit !", "runs/folder -", "runs/linkpipe.tcx -", "runs/ok.fit",
		"runs/pipe.fit -", "runs/pipe.zip -", "runs/sock.gpx -", "runs/tolink.fit", "runs/zero.fit -",
	}
	if got := summary(items); !slices.Equal(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	reasons := map[string]string{
		"runs/folder":       "a symbolic link to a folder, which a folder walk does not follow",
		"runs/linkpipe.tcx": "a symbolic link to a named pipe, not a regular file",
		"runs/pipe.fit":     "a named pipe, not a regular file",
		"runs/pipe.zip":     "a named pipe, not a regular file",
		"runs/sock.gpx":     "a socket, not a regular file",
		"runs/zero.fit":     "a symbolic link to a character device, not a regular file",
	}
	for _, it := range items {
		if want, ok := reasons[filepath.ToSlash(it.Name)]; ok && it.Skip != want {
			t.Errorf("%s: Skip %q, want %q", it.Name, it.Skip, want)
		}
		if it.Open != nil {
			if b, err := readItem(t, it); err != nil || !bytes.Equal(b, fit) {
				t.Errorf("%s: read %d bytes, %v; want the file's %d", it.Name, len(b), err, len(fit))
			}
		}
	}
}

// TestPipeOnCommandLine checks that a named pipe named on the command line
// (as <(...) names one) is one item, read once, whole: not sniffed, so no
// byte is lost, and not walked as an archive even when it holds one.
func TestPipeOnCommandLine(t *testing.T) {
	zipped := makeZip(t, zent{name: "a.fit", data: fixture(t, "hilly.fit")})
	p := filepath.Join(t.TempDir(), "63")
	mkfifo(t, p)
	items := walkWithin(t, []string{p}, Limits{})
	if got := summary(items); !slices.Equal(got, []string{filepath.ToSlash(p)}) {
		t.Fatalf("got %q, want the pipe alone", got)
	}
	go func() {
		w, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write(zipped)
		w.Close()
	}()
	if b, err := readItem(t, items[0]); err != nil || !bytes.Equal(b, zipped) {
		t.Errorf("read %d bytes, %v; want all %d written", len(b), err, len(zipped))
	}
}

// TestDeviceOnCommandLine checks that a device named on the command line
// is skipped, not read.
func TestDeviceOnCommandLine(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	items := walkWithin(t, []string{"/dev/zero"}, Limits{})
	if len(items) != 1 || items[0].Skip != "a character device, not a regular file" {
		t.Fatalf("got %q (%+v), want /dev/zero skipped as a character device", summary(items), items)
	}
}

// TestSpecialStravaIndex checks that an activities.csv that is a named
// pipe or a link to a device is skipped unread (the export's files follow
// without rows), and that one that is a link to a "regular" file of the
// proc file system that says it is empty (the environment) is read within
// MaxIndexSize and fails without quoting it.
func TestSpecialStravaIndex(t *testing.T) {
	fit := fixture(t, "recovery-easy.fit")
	tests := []struct {
		name  string
		make  func(t *testing.T, csv string)
		skip  string
		err   error
		notIn string
	}{
		{"a named pipe", func(t *testing.T, csv string) { mkfifo(t, csv) }, "a named pipe, not a regular file", nil, ""},
		{"a link to /dev/zero", func(t *testing.T, csv string) { symlink(t, "/dev/zero", csv) }, "a character device, not a regular file", nil, ""},
		{"a link to /proc/self/environ", func(t *testing.T, csv string) { symlink(t, "/proc/self/environ", csv) }, "", analyze.ErrStravaCSV, "PATH="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.notIn != "" {
				if b, err := os.ReadFile("/proc/self/environ"); err != nil || !bytes.Contains(b, []byte(tt.notIn)) {
					t.Skip("no /proc/self/environ holding", tt.notIn)
				}
			}
			dir := t.TempDir()
			writeTree(t, dir, map[string][]byte{"export/activities/1.fit": fit})
			csv := filepath.Join(dir, "export", "activities.csv")
			tt.make(t, csv)
			items := walkWithin(t, []string{filepath.Join(dir, "export")}, Limits{})
			if len(items) != 2 || items[0].Name != csv || items[1].Name != filepath.Join(dir, "export", "activities", "1.fit") || items[1].StravaFile != "" {
				t.Fatalf("got %q, want activities.csv then the file without a row", summary(items))
			}
			if it := items[0]; it.Skip != tt.skip || (tt.err != nil) != (it.Err != nil) || tt.err != nil && !errors.Is(it.Err, tt.err) {
				t.Errorf("activities.csv: Skip %q, Err %v; want Skip %q, Err %v", it.Skip, it.Err, tt.skip, tt.err)
			}
			if it := items[0]; tt.notIn != "" && strings.Contains(it.Err.Error(), tt.notIn) {
				t.Errorf("the error quotes the file: %v", it.Err)
			}
		})
	}
}

// symlink makes a symbolic link at link to target.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
