//go:build unix

package analyze_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

// TestOpenIndexFilesBounded checks that OpenLabelsFile and
// OpenStravaActivities read at most their cap: a regular file over it is
// refused by its size before it is read, and a pipe or a device that
// never ends stops at the cap rather than filling memory.
func TestOpenIndexFilesBounded(t *testing.T) {
	type opener struct {
		name string
		max  int64
		kind error
		head string // a valid start, then an endless quoted field
		open func(string) error
	}
	openers := []opener{
		{"OpenLabelsFile", analyze.MaxLabelsFileSize, analyze.ErrLabelsFile, "file,label\na.fit,\"", func(p string) error {
			_, err := analyze.OpenLabelsFile(p)
			return err
		}},
		{"OpenStravaActivities", analyze.MaxStravaFileSize, analyze.ErrStravaCSV, "Activity Name,Activity Type,Filename\nRun,Run,\"", func(p string) error {
			_, err := analyze.OpenStravaActivities(p)
			return err
		}},
	}
	for _, o := range openers {
		t.Run(o.name+"/regular file over the cap", func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "big.csv")
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			// A sparse file: its size says enough.
			if err := f.Truncate(o.max + 1); err != nil {
				t.Fatal(err)
			}
			f.Close()
			err = o.open(p)
			if !errors.Is(err, analyze.ErrLimit) || !errors.Is(err, o.kind) || !strings.HasPrefix(err.Error(), p+": ") {
				t.Errorf("error %v, want ErrLimit and %v naming %s", err, o.kind, p)
			}
		})
		t.Run(o.name+"/a pipe that does not end", func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "fifo.csv")
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Skip("mkfifo:", err)
			}
			done := make(chan int64)
			go func() {
				w, err := os.OpenFile(p, os.O_WRONLY, 0)
				if err != nil {
					done <- -1
					return
				}
				// A quoted field that never ends, until the reader goes away.
				n, _ := io.WriteString(w, o.head)
				line := []byte(strings.Repeat("a\n", 2048))
				for {
					m, err := w.Write(line)
					n += m
					if err != nil {
						break
					}
				}
				w.Close()
				done <- int64(n)
			}()
			err := o.open(p)
			if !errors.Is(err, analyze.ErrLimit) {
				t.Errorf("error %v, want ErrLimit", err)
			}
			if n := <-done; n < o.max || n > o.max+1<<20 {
				t.Errorf("the writer got %d bytes in before the reader stopped, want about %d", n, o.max)
			}
		})
		t.Run(o.name+"/a device is not read", func(t *testing.T) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip(err)
			}
			if err := o.open("/dev/zero"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("error %v, want one saying /dev/zero is not a regular file", err)
			}
		})
	}
}

// TestOpenLabelsFilePipe checks that a labels file given as a pipe (shell
// process substitution) is read.
func TestOpenLabelsFilePipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "labels")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	go func() {
		w, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		io.WriteString(w, "file,label\na.fit,Recovery run\n")
		w.Close()
	}()
	labels, err := analyze.OpenLabelsFile(p)
	if err != nil || labels["a.fit"] != "Recovery run" {
		t.Errorf("got %v, %v; want a.fit labelled Recovery run", labels, err)
	}
}
