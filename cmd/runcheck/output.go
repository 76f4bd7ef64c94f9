package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/term"

	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
)

// output is where a report goes: standard output; a character device or a
// named pipe, written directly (-o /dev/stdout, -o /dev/null, a FIFO); or a
// regular file, written whole or not at all: a temporary file beside it,
// renamed over it when complete. A symbolic link is followed to the file
// it names, which is replaced, never the link.
type output struct {
	w    io.Writer
	file *os.File // the temporary file or the device; nil for stdout
	tmp  bool     // file is a temporary file, to rename to dst
	path string   // the report's path as -o names it, for messages
	dst  string   // the regular file that the temporary file replaces
	done bool     // committed or aborted
}

// openOutput opens the report destination: stdout when path is empty. It
// refuses a path that is not a regular file, a character device, a named
// pipe or a link to one of them; one that a run of reads (the -config and
// -labels files) and inputs would read, also when named through another
// path or a link; and one in an input folder that the folder's walk would
// read, so that a report never overwrites what the run reads.
func openOutput(path string, reads, inputs []string, stdout io.Writer) (*output, error) {
	if path == "" {
		return &output{w: stdout}, nil
	}
	fail := func(format string, args ...any) (*output, error) {
		return nil, fmt.Errorf("-o %s: "+format, append([]any{path}, args...)...)
	}
	dst, direct, keep := path, false, false
	var perm fs.FileMode = 0o666 // a new file: the umask applies
	fi, err := os.Stat(path)     // follows a link
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			return fail("a symbolic link to a file that does not exist; name the file itself")
		}
	case err != nil:
		return fail("%v", pathless(err))
	case fi.Mode().IsRegular():
		if dst, err = filepath.EvalSymlinks(path); err != nil {
			return fail("%v", pathless(err))
		}
		perm, keep = fi.Mode().Perm(), true
	case fi.Mode()&fs.ModeCharDevice != 0, fi.Mode()&fs.ModeNamedPipe != 0:
		direct = true
	case fi.IsDir():
		return fail("is a directory")
	default:
		return fail("not a regular file, a character device or a named pipe (%s)", fi.Mode().Type())
	}
	if err := notRead(dst, reads, inputs); err != nil {
		return fail("%v", err)
	}
	if direct {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fail("%v", pathless(err))
		}
		return &output{w: &reportWriter{f: f, path: path}, file: f, path: path}, nil
	}
	f, err := createTemp(filepath.Dir(dst), perm, keep)
	if err != nil {
		return fail("creating a temporary file in %s: %v", filepath.Dir(dst), pathless(err))
	}
	return &output{w: &reportWriter{f: f, path: path}, file: f, tmp: true, path: path, dst: dst}, nil
}

// createTemp creates a new file named .runcheck-*.tmp in dir with the
// permissions perm: exactly perm when keep is set (the mode of the file the
// report replaces), else perm less the umask.
func createTemp(dir string, perm fs.FileMode, keep bool) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, ".runcheck-"+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if keep {
			// The umask applied to the existing file's mode; keep it whole.
			if err := f.Chmod(perm); err != nil {
				f.Close()
				os.Remove(name)
				return nil, err
			}
		}
		return f, nil
	}
	return nil, errors.New("no free temporary name")
}

// notRead reports why the report must not be written at dst (the file the
// report replaces or creates, links resolved), or nil.
func notRead(dst string, reads, inputs []string) error {
	out, outErr := os.Stat(dst)
	exists := outErr == nil
	for _, r := range reads {
		if r == "" {
			continue
		}
		if fi, err := os.Stat(r); err == nil && exists && os.SameFile(out, fi) {
			return fmt.Errorf("the report would overwrite %s, which the run reads", r)
		}
	}
	real := resolved(dst)
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			continue
		}
		if exists && os.SameFile(out, fi) {
			return fmt.Errorf("the report would overwrite the input %s", in)
		}
		if !fi.IsDir() {
			continue
		}
		root, err := filepath.EvalSymlinks(in)
		if err == nil {
			root, err = filepath.Abs(root)
		}
		if err != nil {
			root = resolved(in)
		}
		if rel, err := filepath.Rel(root, real); err == nil && input.Walks(rel) {
			return fmt.Errorf("the report would be written among the inputs of %s, where it would be read as an activity", in)
		}
		if exists {
			if p := walkReads(in, out); p != "" {
				return fmt.Errorf("the report would overwrite %s, which the walk of %s reads", p, in)
			}
		}
	}
	return nil
}

// resolved returns path absolute, with the links of its folder resolved
// (the file itself need not exist).
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// walkReads returns the path in the folder root that its walk reads and
// that is the file out, or "". Links are followed, as the walk follows
// them, and hard links are found too.
func walkReads(root string, out fs.FileInfo) string {
	found := ""
	filepath.WalkDir(root+string(filepath.Separator), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || !input.Walks(rel) {
			return nil
		}
		if fi, err := os.Stat(p); err == nil && os.SameFile(out, fi) {
			found = p
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// pathless returns the cause of a path error, whose path is a temporary
// file or the report's path that the message already names.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// reportWriter writes to the report's file and names the report, not a
// temporary file, in its errors.
type reportWriter struct {
	f    *os.File
	path string
}

func (r *reportWriter) Write(b []byte) (int, error) {
	n, err := r.f.Write(b)
	if err != nil {
		err = fmt.Errorf("-o %s: %w", r.path, pathless(err))
	}
	return n, err
}

// commit makes the written report visible at its path; for standard output
// it does nothing.
func (o *output) commit() error {
	if o.file == nil || o.done {
		return nil
	}
	o.done = true
	if err := o.file.Close(); err != nil {
		if o.tmp {
			os.Remove(o.file.Name())
		}
		return fmt.Errorf("-o %s: %w", o.path, pathless(err))
	}
	if !o.tmp {
		return nil
	}
	if err := os.Rename(o.file.Name(), o.dst); err != nil {
		os.Remove(o.file.Name())
		return fmt.Errorf("-o %s: %w", o.path, pathless(err))
	}
	return nil
}

// abort drops a report that could not be written whole; after commit it
// does nothing.
func (o *output) abort() {
	if o.file == nil || o.done {
		return
	}
	o.done = true
	o.file.Close()
	if o.tmp {
		os.Remove(o.file.Name())
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// stdoutWriter writes to standard output and keeps the first error, after
// which it writes nothing more: the readable layouts print with fmt, which
// a caller checks once per file through err.
type stdoutWriter struct {
	w   io.Writer
	err error
}

func (s *stdoutWriter) Write(b []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(b)
	if err != nil {
		s.err = fmt.Errorf("writing to standard output: %w", err)
	}
	return n, s.err
}

// jsonArray writes a JSON array element by element, laid out as
// json.Encoder with SetIndent("", "  ") lays out a whole array, so that a
// verb holds one element at a time, not all of them.
type jsonArray struct {
	w io.Writer
	n int
}

// add writes v as the next element.
func (a *jsonArray) add(v any) error {
	b, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n  "
	if a.n == 0 {
		sep = "[\n  "
	}
	a.n++
	_, err = a.w.Write(append([]byte(sep), b...))
	return err
}

// close ends the array.
func (a *jsonArray) close() error {
	end := "\n]\n"
	if a.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}

// visitCode is the exit code of a verb that read files one at a time
// (inspect, zones): 2 when err (an output error) stopped it or when the
// walk of paths found no file, else code. An interruption is told by run.
func visitCode(stderr io.Writer, verb string, paths []string, files int, err error, code int) int {
	var intr *interruption
	switch {
	case errors.As(err, &intr), errors.Is(err, context.Canceled):
		return exitError
	case err != nil:
		errorf(stderr, "%s: %v", verb, err)
		return exitError
	case files == 0:
		errorf(stderr, "%s: %v", verb, noInputError(paths))
		return exitError
	}
	return code
}

// readFiles returns the files besides the inputs that a run with the
// settings set and the -labels file labels reads.
func readFiles(set settings, labels string) []string {
	files := []string{labels}
	if set.config != nil {
		files = append(files, set.config.Path)
	}
	return files
}
