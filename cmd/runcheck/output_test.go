//go:build unix

package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fixtureRun is a passing recovery run of testdata/runs.
var fixtureRun = filepath.Join("..", "..", "testdata", "runs", "recovery-easy.fit")

// copyFixture copies fixtureRun to path.
func copyFixture(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(fixtureRun)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runTool runs the command line and returns its exit code, stdout and stderr.
func runTool(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := run(args, nil, &out, &errs)
	return code, out.String(), errs.String()
}

// noTemp fails when a temporary report file is left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".runcheck-*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestOutputMode: a new report honours the umask (os.CreateTemp made every
// report 0600), and a report written over an existing one keeps its mode.
func TestOutputMode(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	for _, c := range []struct {
		name     string
		umask    int
		existing fs.FileMode // 0: no file before
		want     fs.FileMode
	}{
		{"new.xml", 0o022, 0, 0o644},
		{"private.xml", 0o077, 0, 0o600},
		{"shared.xml", 0o077, 0o644, 0o644},
		{"group.xml", 0o022, 0o660, 0o660},
	} {
		path := filepath.Join(dir, c.name)
		if c.existing != 0 {
			if err := os.WriteFile(path, []byte("old"), c.existing); err != nil {
				t.Fatal(err)
			}
			os.Chmod(path, c.existing)
		}
		syscall.Umask(c.umask)
		code, _, errs := runTool("grade", "-max-hr", "190", "-format", "junit", "-o", path, fixtureRun)
		syscall.Umask(0o022)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", c.name, code, errs)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != c.want {
			t.Errorf("%s (umask %03o, before %v): mode %v, want %v", c.name, c.umask, c.existing, got, c.want)
		}
	}
	noTemp(t, dir)
}

// TestOutputFIFO: a named pipe is written into, not replaced by a regular
// file (as root, -o /dev/null replaced the device).
func TestOutputFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "report.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	code, _, errs := runTool("grade", "-max-hr", "190", "-format", "ndjson", "-o", fifo, fixtureRun)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if b := <-got; !bytes.Contains(b, []byte(`"outcome":"PASS"`)) {
		t.Errorf("the pipe's reader got %q, want the report", b)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v %v", fi.Mode(), err)
	}
	noTemp(t, dir)
}

// TestOutputDevice: a character device is written into, never replaced by
// a regular file (as root, -o /dev/null replaced the device); /dev/full's
// write error is exit 2 and names the report. As root the devices are
// private copies made in a temporary folder, so that a regression cannot
// replace the system's; otherwise the system's, which a user cannot
// replace.
func TestOutputDevice(t *testing.T) {
	dir := t.TempDir()
	null, full := "/dev/null", "/dev/full"
	if os.Geteuid() == 0 {
		null, full = filepath.Join(dir, "null"), filepath.Join(dir, "full")
		for _, d := range []struct {
			path  string
			minor int
		}{{null, 3}, {full, 7}} {
			if err := syscall.Mknod(d.path, syscall.S_IFCHR|0o666, 1<<8|d.minor); err != nil {
				t.Skip("cannot make a device:", err)
			}
		}
	}
	isDevice := func(p string) bool {
		fi, err := os.Lstat(p)
		return err == nil && fi.Mode()&fs.ModeCharDevice != 0
	}
	if !isDevice(null) || !isDevice(full) {
		t.Skip("no character devices")
	}
	code, _, errs := runTool("grade", "-max-hr", "190", "-o", null, fixtureRun)
	if code != exitOK || !isDevice(null) {
		t.Errorf("-o %s: exit %d (%s), still a device: %v", null, code, errs, isDevice(null))
	}
	code, _, errs = runTool("grade", "-max-hr", "190", "-o", full, fixtureRun)
	if code != exitError || !strings.Contains(errs, "-o "+full+": ") || strings.Contains(errs, ".runcheck-") {
		t.Errorf("exit %d, stderr %q; want 2 and an error naming -o %s", code, errs, full)
	}
	if !isDevice(full) {
		t.Errorf("%s is no longer a device", full)
	}
	noTemp(t, dir)
}

// TestOutputSymlink: a link to a regular file replaces that file and leaves
// the link; a link to nothing, and a directory, are refused.
func TestOutputSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "reports", "report.xml")
	os.MkdirAll(filepath.Dir(target), 0o755)
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xml")
	if err := os.Symlink(filepath.Join("reports", "report.xml"), link); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runTool("grade", "-max-hr", "190", "-format", "junit", "-o", link, fixtureRun)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if b, _ := os.ReadFile(target); !bytes.Contains(b, []byte("<testsuites")) {
		t.Errorf("the link's target holds %q, want the report", b)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("the target's mode became %v, want 0640", fi.Mode().Perm())
	}
	noTemp(t, dir)
	noTemp(t, filepath.Dir(target))

	dangling := filepath.Join(dir, "dangling.xml")
	os.Symlink("nowhere.xml", dangling)
	for _, out := range []string{dangling, filepath.Join(dir, "reports")} {
		code, _, errs := runTool("grade", "-max-hr", "190", "-o", out, fixtureRun)
		if code != exitError || !strings.Contains(errs, "-o "+out+": ") {
			t.Errorf("-o %s: exit %d, stderr %q; want 2 and an error naming it", out, code, errs)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere.xml")); err == nil {
		t.Error("the dangling link's target was created")
	}
}

// TestOutputNeverOverwritesWhatTheRunReads: the -config file, the -labels
// file, an export's activities.csv, an input named through a link or a
// hard link, and files a folder's walk reads are refused as -o, and left
// as they were.
func TestOutputNeverOverwritesWhatTheRunReads(t *testing.T) {
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs")
	copyFixture(t, filepath.Join(runs, "a.fit"))
	copyFixture(t, filepath.Join(runs, "sub", "b.fit"))
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	config := write("runcheck.toml", "[athlete]\nmax_hr = 190\n")
	labels := write("labels.csv", "file,label\na.fit,recovery\n")
	csv := write(filepath.Join("runs", "activities.csv"), "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n")
	os.Symlink(filepath.Join("runs", "a.fit"), filepath.Join(dir, "link.fit"))
	os.Symlink("runs", filepath.Join(dir, "runs-link"))
	if err := os.Link(filepath.Join(runs, "sub", "b.fit"), filepath.Join(dir, "hard.xml")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		out  string
		args []string
		want string
	}{
		{config, []string{"-config", config, runs}, "which the run reads"},
		{labels, []string{"-labels", labels, runs}, "which the run reads"},
		{csv, []string{runs}, "among the inputs of"},
		{filepath.Join(dir, "link.fit"), []string{filepath.Join(runs, "a.fit")}, "would overwrite the input"},
		{filepath.Join(runs, "a.fit"), []string{filepath.Join(dir, "link.fit")}, "would overwrite the input"},
		{filepath.Join(dir, "hard.xml"), []string{runs}, "which the walk of"},
		{filepath.Join(dir, "runs-link", "sub", "new.fit"), []string{runs}, "among the inputs of"},
		{filepath.Join(runs, "sub", "new.zip"), []string{filepath.Join(dir, "runs-link")}, "among the inputs of"},
	} {
		before := map[string][]byte{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				before[p], _ = os.ReadFile(p)
			}
			return nil
		})
		args := append([]string{"grade", "-max-hr", "190", "-o", c.out}, c.args...)
		code, _, errs := runTool(args...)
		if code != exitError || !strings.Contains(errs, "-o "+c.out+": ") || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", args, code, errs, c.want)
		}
		for p, b := range before {
			if now, _ := os.ReadFile(p); !bytes.Equal(now, b) {
				t.Errorf("%v changed %s", args, p)
			}
		}
		if _, err := os.Stat(filepath.Join(runs, "sub", "new.fit")); err == nil {
			t.Errorf("%v created a file among the inputs", args)
		}
		noTemp(t, dir)
		noTemp(t, runs)
	}
	// A report beside the inputs, and a hidden one inside them, are fine.
	for _, out := range []string{filepath.Join(dir, "report.xml"), filepath.Join(runs, ".report.xml"), filepath.Join(runs, "report.xml")} {
		if code, _, errs := runTool("grade", "-max-hr", "190", "-format", "junit", "-o", out, runs); code != exitOK {
			t.Errorf("-o %s: exit %d: %s", out, code, errs)
		}
	}
}

// TestOutputErrorsNameTheReport: a report that cannot be created names the
// report's path, never the temporary file.
func TestOutputErrorsNameTheReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "missing", "report.xml")
	code, _, errs := runTool("grade", "-max-hr", "190", "-o", out, fixtureRun)
	if code != exitError || !strings.Contains(errs, "-o "+out+": ") || strings.Contains(errs, ".runcheck-") {
		t.Errorf("exit %d, stderr %q; want 2, naming -o %s and no temporary file", code, errs, out)
	}
}
