package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"
)

// output is where a report goes: standard output, or a file that is written
// whole or not at all (a temporary file beside it, renamed when complete).
type output struct {
	w    io.Writer
	tmp  *os.File // nil for standard output
	path string
}

// openOutput opens the report destination: stdout when path is empty. It
// refuses a path that is one of the inputs, or an activity file or archive
// inside an input folder, so that a report never overwrites an input.
func openOutput(path string, inputs []string, stdout io.Writer) (*output, error) {
	if path == "" {
		return &output{w: stdout}, nil
	}
	if err := notAnInput(path, inputs); err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".runcheck-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("-o %s: %w", path, err)
	}
	return &output{w: tmp, tmp: tmp, path: path}, nil
}

// notAnInput reports why path must not be written, or nil.
func notAnInput(path string, inputs []string) error {
	out, outErr := os.Stat(path)
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			continue
		}
		if outErr == nil && os.SameFile(out, fi) {
			return fmt.Errorf("-o %s: the report would overwrite the input %s", path, in)
		}
		if !fi.IsDir() {
			continue
		}
		if inAbs, err := filepath.Abs(in); err == nil && strings.HasPrefix(abs, inAbs+string(filepath.Separator)) && walkable(path) {
			return fmt.Errorf("-o %s: the report would be written among the inputs of %s, where it would be read as an activity", path, in)
		}
	}
	return nil
}

// walkable reports whether a folder walk would read a file of this name.
func walkable(name string) bool {
	lower := strings.TrimSuffix(strings.ToLower(name), ".gz")
	for _, ext := range []string{".fit", ".gpx", ".tcx", ".zip"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// commit makes the written report visible at its path; for standard output
// it does nothing.
func (o *output) commit() error {
	if o.tmp == nil {
		return nil
	}
	if err := o.tmp.Close(); err != nil {
		os.Remove(o.tmp.Name())
		return fmt.Errorf("-o %s: %w", o.path, err)
	}
	if err := os.Rename(o.tmp.Name(), o.path); err != nil {
		os.Remove(o.tmp.Name())
		return fmt.Errorf("-o %s: %w", o.path, err)
	}
	return nil
}

// abort drops a report that could not be written whole.
func (o *output) abort() {
	if o.tmp != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
