package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
)

// withWalk replaces the walk of the inputs for the test: list is called
// with the items input.Walk lists and yields what the test wants.
func withWalk(t *testing.T, list func(real iter.Seq[input.Item], yield func(input.Item) bool)) {
	t.Helper()
	walkInputs = func(paths []string, stdin io.Reader, lim input.Limits) iter.Seq[input.Item] {
		return func(yield func(input.Item) bool) { list(input.Walk(paths, stdin, lim), yield) }
	}
	t.Cleanup(func() { walkInputs = input.Walk })
}

// TestPanicIsExit2: a panic in the walk (the walker goroutine of a batch,
// the main goroutine of inspect and zones), in a worker, or in the main
// goroutine while printing ends as exit 2 with "internal error" on stderr
// and no report: no -o file, no temporary file left. A walker's panic
// once unwound past `defer close(queue)` and the batch ended as exit 0
// with an empty report.
func TestPanicIsExit2(t *testing.T) {
	walkPanic := func(real iter.Seq[input.Item], yield func(input.Item) bool) {
		for it := range real {
			if !yield(it) {
				return
			}
		}
		panic("walk exploded")
	}
	openPanic := func(real iter.Seq[input.Item], yield func(input.Item) bool) {
		for it := range real {
			it.Open = func() (io.ReadCloser, error) { panic("open exploded") }
			if !yield(it) {
				return
			}
		}
	}
	for _, c := range []struct {
		name string
		list func(iter.Seq[input.Item], func(input.Item) bool)
		verb []string
	}{
		{"walk/grade", walkPanic, []string{"grade", "-format", "junit"}},
		{"walk/check", walkPanic, []string{"check", "-format", "junit"}},
		{"worker/grade", openPanic, []string{"grade", "-format", "junit", "-j", "2"}},
		{"worker/check", openPanic, []string{"check", "-format", "ndjson"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			withWalk(t, c.list)
			dir := t.TempDir()
			out := filepath.Join(dir, "report.xml")
			args := append(c.verb, "-max-hr", "190", "-o", out, fixtureRun, fixtureRun)
			code, stdout, errs := runTool(args...)
			if code != exitError || !strings.Contains(errs, "runcheck: error: internal error: ") || !strings.Contains(errs, "exploded") {
				t.Errorf("exit %d, stderr %q; want 2 and the internal error", code, errs)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a report was written")
			}
			noTemp(t, dir)
		})
	}
	for _, verb := range []string{"inspect", "zones", "plot"} {
		t.Run("walk/"+verb, func(t *testing.T) {
			withWalk(t, walkPanic)
			args := []string{verb, fixtureRun}
			if verb == "plot" {
				args = []string{"plot", "-week", "-o", filepath.Join(t.TempDir(), "w.svg"), fixtureRun}
			}
			code, _, errs := runTool(args...)
			if code != exitError || !strings.Contains(errs, "runcheck: error: internal error: walk exploded") {
				t.Errorf("exit %d, stderr %q; want 2 and the internal error", code, errs)
			}
		})
	}
	t.Run("main/grade", func(t *testing.T) {
		var errs bytes.Buffer
		code := run([]string{"grade", "-max-hr", "190", "-format", "ndjson", fixtureRun}, nil, panicWriter{}, &errs)
		if code != exitError || !strings.Contains(errs.String(), "runcheck: error: internal error: stdout exploded") {
			t.Errorf("exit %d, stderr %q; want 2 and the internal error", code, errs.String())
		}
	})
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("stdout exploded") }

// failWriter is a standard output that cannot be written.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestStdoutWriteErrorIsExit2: every verb exits 2 when standard output
// cannot be written; inspect and zones (table) exited 0.
func TestStdoutWriteErrorIsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"inspect", fixtureRun},
		{"inspect", "-json", fixtureRun},
		{"zones", fixtureRun},
		{"zones", "-json", fixtureRun},
		{"grade", "-max-hr", "190", fixtureRun},
		{"grade", "-max-hr", "190", "-format", "junit", fixtureRun, fixtureRun},
		{"check", "-max-hr", "190", "-format", "csv", fixtureRun},
		{"version"},
		{"help"},
	} {
		var errs bytes.Buffer
		code := run(args, nil, failWriter{}, &errs)
		if code != exitError || !strings.Contains(errs.String(), "broken pipe") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the write error", args, code, errs.String())
		}
	}
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		defer f.Close()
		var errs bytes.Buffer
		if code := run([]string{"zones", fixtureRun}, nil, f, &errs); code != exitError {
			t.Errorf("zones > /dev/full: exit %d, stderr %q; want 2", code, errs.String())
		}
	}
}

// TestNoInputIsExit2: an empty folder, a folder of no activity file, a zip
// whose only member is named "-" and one that holds no activity are exit 2
// with a message naming what was searched, for every verb, and no report:
// a JUnit report of 0 tests passed in CI.
func TestNoInputIsExit2(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("nothing here"), 0o644)
	mkzip := func(name string, members map[string]string) string {
		p := filepath.Join(dir, name)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for n, body := range members {
			w, _ := zw.Create(n)
			w.Write([]byte(body))
		}
		zw.Close()
		os.WriteFile(p, buf.Bytes(), 0o644)
		return p
	}
	dash := mkzip("dash.zip", map[string]string{"-": "not an activity"})
	readme := mkzip("readme.zip", map[string]string{"README.txt": "no activity", "activities.csv": "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"})
	for _, path := range []string{empty, other, dash, readme} {
		for _, verb := range [][]string{
			{"grade", "-format", "junit"}, {"check", "-format", "junit"}, {"inspect"}, {"zones"},
			{"plot", "-week", "-o", filepath.Join(dir, "week.svg")},
		} {
			args := append(append([]string{}, verb...), path)
			out := filepath.Join(dir, "report.xml")
			if verb[0] == "grade" || verb[0] == "check" {
				args = append([]string{verb[0], "-o", out}, append(verb[1:], path)...)
			}
			code, stdout, errs := runTool(args...)
			if code != exitError {
				t.Errorf("%v: exit %d, want 2; stderr %q", args, code, errs)
			}
			if path == empty || path == other || path == readme {
				if want := "no activity file found in \"" + path + "\""; !strings.Contains(errs, want) {
					t.Errorf("%v: stderr %q, want %q", args, errs, want)
				}
			}
			if stdout != "" {
				t.Errorf("%v: stdout %q, want nothing", args, stdout)
			}
			for _, p := range []string{out, filepath.Join(dir, "week.svg")} {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%v: wrote %s", args, p)
					os.Remove(p)
				}
			}
		}
	}
}

// TestSkippedItems: a path the walker skips is told on stderr as
// "runcheck: skipped NAME: REASON", its name cleaned of control
// characters, counted as no file, and leaves the exit code as it was;
// only skipped paths is no input, exit 2.
func TestSkippedItems(t *testing.T) {
	skipFirst := func(real iter.Seq[input.Item], yield func(input.Item) bool) {
		if !yield(input.Item{Name: "runs/pipe\x1b[31m.fit", Skip: "a named pipe, not a regular file"}) {
			return
		}
		for it := range real {
			if !yield(it) {
				return
			}
		}
	}
	withWalk(t, skipFirst)
	const want = "runcheck: skipped runs/pipe\\x1b[31m.fit: a named pipe, not a regular file\n"
	for _, args := range [][]string{
		{"grade", "-max-hr", "190", "-format", "ndjson", fixtureRun},
		{"check", "-max-hr", "190", "-format", "ndjson", fixtureRun},
		{"inspect", "-json", fixtureRun},
		{"zones", "-json", fixtureRun},
		{"plot", "-o", filepath.Join(t.TempDir(), "run.svg"), fixtureRun},
	} {
		code, stdout, errs := runTool(args...)
		if code != exitOK || errs != want {
			t.Errorf("%v: exit %d, stderr %q; want 0 and %q", args, code, errs, want)
		}
		if strings.Contains(stdout, "pipe") {
			t.Errorf("%v: the skipped path is in the report: %s", args, stdout)
		}
		if args[0] == "grade" && !strings.Contains(stdout, `"files":1`) {
			t.Errorf("%v: summary %s, want 1 file", args, stdout)
		}
	}
	withWalk(t, func(_ iter.Seq[input.Item], yield func(input.Item) bool) {
		yield(input.Item{Name: "runs/pipe.fit", Skip: "a named pipe, not a regular file"})
	})
	if code, _, errs := runTool("grade", "-max-hr", "190", fixtureRun); code != exitError || !strings.Contains(errs, "no activity file found") {
		t.Errorf("only skipped paths: exit %d, stderr %q; want 2", code, errs)
	}
}

// TestStreamedJSON: inspect -json and zones -json, written element by
// element, are one JSON array with an element per file, errors included.
func TestStreamedJSON(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.fit")
	os.WriteFile(bad, []byte("not a fit file"), 0o644)
	for _, verb := range []string{"inspect", "zones"} {
		code, stdout, _ := runTool(verb, "-json", fixtureRun, bad, fixtureRun)
		var got []map[string]any
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("%s -json: %v\n%s", verb, err, stdout)
		}
		if code != exitError || len(got) != 3 || got[1]["file"] != bad || got[1]["error"] == nil || got[2]["file"] != fixtureRun {
			t.Errorf("%s -json: exit %d, %d elements %v", verb, code, len(got), got)
		}
		// The layout of json.Encoder with a two-space indent, as before.
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		var raw []json.RawMessage
		json.Unmarshal([]byte(stdout), &raw)
		enc.Encode(raw)
		if want.String() != stdout {
			t.Errorf("%s -json: not laid out as one indented document", verb)
		}
	}
}
