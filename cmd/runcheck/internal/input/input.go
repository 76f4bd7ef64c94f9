package input

import (
	"errors"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/runcheck/runcheck/analyze"
)

// Item is one activity file to read: a file on disk, a member of a zip
// archive, or standard input. Exactly one of Open, Err and Skip is set.
type Item struct {
	// Name is how reports name the file: a path on disk as named or found
	// ("runs/a.fit"), "-" for standard input, or an archive member as the
	// archive's name, "/" and the member's name
	// ("export.zip/activities/123.fit.gz"); see the package documentation.
	Name string
	// Open opens the file's bytes, still gzip-compressed if the file is
	// (analyze.Decoder undoes gzip). It is safe to call from any goroutine,
	// concurrently with the walk and with other items' Open, and after the
	// walk ended; the caller closes the reader. For standard input it
	// returns the same reader each time, and a named pipe can be read
	// once, so call it once. A file on disk that is no longer a regular
	// file fails to open. Reading a member
	// of an archive fails with ErrLimit past Limits.MaxEntrySize, and with
	// analyze.ErrTruncated, ErrMalformed or ErrChecksum when the member is
	// damaged. Nil when Err or Skip is set.
	Open func() (io.ReadCloser, error)
	// Err says why the item could not be listed or opened (a missing path,
	// permission denied, a broken archive or activities.csv, a limit): the
	// caller reports it as one failed file. It is an *analyze.FileError
	// whose Path is Name; Name may hold control characters, so a printer
	// cleans it. Nil when Open or Skip is set.
	Err error
	// Skip, when not empty, says why the walker passed over Name without
	// opening it ("a named pipe, not a regular file"): the caller tells
	// the user and counts it neither as a file read nor as a failure.
	Skip string
	// Strava is the row of the enclosing Strava export's activities.csv
	// that describes this file, nil when there is none.
	Strava *analyze.StravaActivity
	// StravaFile names the activities.csv consulted ("export.zip/activities.csv"),
	// also when it has no row for this file; empty when the file is not in
	// a Strava export or its activities.csv could not be read.
	StravaFile string
}

// The limits a zero Limits applies.
const (
	// DefaultMaxEntries is the default limit on the entries of one zip
	// archive: a lifetime Strava export holds a few thousand.
	DefaultMaxEntries = 100_000
	// DefaultMaxEntrySize is the default limit on the uncompressed size of
	// one archive member, the same as analyze.DefaultMaxSize: 256 MiB.
	DefaultMaxEntrySize = analyze.DefaultMaxSize
	// DefaultMaxDepth is the default limit on archive nesting: an archive
	// inside an archive inside an archive. Garmin's export needs 2.
	DefaultMaxDepth = 3
	// DefaultMaxIndexSize is the default limit on the size of an export's
	// index file (a Strava activities.csv), on disk or in an archive: a
	// lifetime export's is a few megabytes. It is the bound of
	// analyze.OpenStravaActivities: 64 MiB.
	DefaultMaxIndexSize = analyze.MaxStravaFileSize
)

// Limits bound what a hostile or broken archive can cost. The zero value
// applies the defaults; a zero or negative field means its default.
type Limits struct {
	// MaxEntries is the largest number of entries (files and directories)
	// in one zip archive; 0 means DefaultMaxEntries.
	MaxEntries int
	// MaxEntrySize is the largest uncompressed size in bytes of one archive
	// member, as declared and as read, and of a nested archive read into
	// memory; 0 means DefaultMaxEntrySize.
	MaxEntrySize int64
	// MaxDepth is how many zip archives may enclose a file: 1 allows
	// archives on disk only, 2 also archives inside them; 0 means
	// DefaultMaxDepth.
	MaxDepth int
	// MaxIndexSize is the largest index file (activities.csv) in bytes, on
	// disk or in an archive; 0 means DefaultMaxIndexSize.
	MaxIndexSize int64
	// Budget, when not nil, is charged with every byte the walker reads or
	// inflates itself (archive heads, nested archives, index files), the
	// same Budget the batch's analyze.Decoder charges with the files'
	// bytes; once it is spent the walk ends with one failed item.
	Budget *analyze.Budget
}

// withDefaults returns l with its zero fields set to the defaults.
func (l Limits) withDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxEntrySize <= 0 {
		l.MaxEntrySize = DefaultMaxEntrySize
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxIndexSize <= 0 {
		l.MaxIndexSize = DefaultMaxIndexSize
	}
	return l
}

// ErrLimit means an archive exceeds one of the [Limits]. It is
// [analyze.ErrLimit], so one errors.Is check covers the decoder's limits too;
// the cause is an [analyze.LimitError] whose message says which limit was
// hit and which Limits field raises it.
var ErrLimit = analyze.ErrLimit

// Walk returns the activity files that paths name, in order: for each path,
// standard input ("-", read from stdin), a file, the files of a folder in
// lexical order, or the members of a zip archive; see the package
// documentation for the rules. Problems with one path are items with Err
// set, and files that are not regular are items with Skip set, never the
// end of the walk; only the budget running out ends it, with one last item.
// lim bounds archives, index files and the walk's work.
//
// The sequence is lazy: each iteration walks the paths again, reads only
// the first bytes of files (to recognise archives), directories and
// archive directories, and closes what it opened when the loop ends or
// breaks.
func Walk(paths []string, stdin io.Reader, lim Limits) iter.Seq[Item] {
	return walk(paths, stdin, lim, nil)
}

// walk is Walk with a hook for tests: track, when not nil, is called with +1
// when the walker opens an archive file to list it and -1 when it closes it.
func walk(paths []string, stdin io.Reader, lim Limits, track func(delta int)) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		w := &walker{lim: lim.withDefaults(), stdin: stdin, yield: yield, track: track}
		for _, p := range paths {
			if !w.path(p) {
				return
			}
		}
	}
}

// walker is the state of one iteration of Walk. Its methods return false
// when the consumer stopped the iteration; nothing may be yielded after.
type walker struct {
	lim       Limits
	stdin     io.Reader
	stdinUsed bool
	yield     func(Item) bool
	track     func(delta int)
}

// stravaCSV is the name of a Strava export's index at the export's root.
const stravaCSV = "activities.csv"

// export is the Strava export enclosing the files being walked.
type export struct {
	index analyze.StravaIndex
	file  string // names the activities.csv, as Item.StravaFile
}

// fill sets it.Strava and it.StravaFile for the file at rel, a slash-separated path
// relative to the export's root. x may be nil: no export.
func (x *export) fill(it *Item, rel string) {
	if x == nil {
		return
	}
	it.StravaFile = x.file
	if a, ok := x.index.Lookup(rel); ok {
		it.Strava = &a
	}
}

// fail yields an item for name that failed with err. When err is the run
// budget running out, the item is the walk's last: fail returns false.
func (w *walker) fail(name string, err error) bool {
	var fe *analyze.FileError
	if !errors.As(err, &fe) || fe.Path != name {
		err = &analyze.FileError{Path: name, Err: err}
	}
	return w.yield(Item{Name: name, Err: err}) && !isBudget(err)
}

// skip yields an item for name that the walk passes over, saying why.
func (w *walker) skip(name, reason string) bool {
	return w.yield(Item{Name: name, Skip: reason})
}

// isBudget reports whether err is the run budget running out.
func isBudget(err error) bool {
	var le *analyze.LimitError
	return errors.As(err, &le) && le.Limit == budgetLimit
}

// budgetLimit is the Limit an analyze.Budget's error names.
const budgetLimit = "analyze.Budget"

// charge takes n bytes the walker read or inflated from the run budget.
func (w *walker) charge(n int) error {
	return w.lim.Budget.Charge(int64(n))
}

// path walks one path of the command line. The path is followed if it is
// a symbolic link: to a folder (walked), a regular file (read, or walked as
// an archive) or a named pipe (read once, as standard input is); anything
// else is skipped.
func (w *walker) path(p string) bool {
	if p == "-" {
		return w.stdinItem()
	}
	if err := w.charge(0); err != nil {
		return w.fail(p, err)
	}
	fi, err := os.Stat(p)
	switch {
	case err != nil:
		return w.fail(p, err)
	case fi.IsDir():
		return w.dir(p)
	case fi.Mode().IsRegular():
		return w.file(p, nil, "")
	case fi.Mode()&fs.ModeNamedPipe != 0:
		return w.pipe(p)
	}
	return w.skip(p, notRegular(fi.Mode(), false))
}

// pipe yields the named pipe at path, named on the command line (shell
// process substitution, <(...), names one). It is read once, like
// standard input: it is neither sniffed nor walked as an archive, since
// bytes read from a pipe cannot be read again.
func (w *walker) pipe(path string) bool {
	return w.yield(Item{Name: path, Open: func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		return f, nil
	}})
}

// notRegular says what a file of mode m is, for a Skip reason; link says
// that a symbolic link led to it.
func notRegular(m fs.FileMode, link bool) string {
	var what string
	switch {
	case m.IsDir():
		return "a symbolic link to a folder, which a folder walk does not follow"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a block device"
	default:
		what = "a special file"
	}
	if link {
		what = "a symbolic link to " + what
	}
	return what + ", not a regular file"
}

// stdinItem yields standard input, the first time it is named.
func (w *walker) stdinItem() bool {
	switch {
	case w.stdin == nil:
		return w.fail("-", errors.New("no standard input to read"))
	case w.stdinUsed:
		return w.fail("-", errors.New(`standard input named twice: it can be read once, so name "-" once`))
	}
	w.stdinUsed = true
	r := w.stdin
	return w.yield(Item{Name: "-", Open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }})
}

// file yields the regular file at path, or walks it when it holds a zip
// archive. x and rel place it in a Strava export (x nil: none).
func (w *walker) file(path string, x *export, rel string) bool {
	isZip, mode, err := w.sniffFile(path)
	switch {
	case err != nil:
		return w.fail(path, err)
	case !mode.IsRegular():
		// It changed since it was listed.
		return w.skip(path, notRegular(mode, false))
	case isZip:
		return w.diskZip(path)
	}
	it := Item{Name: path, Open: func() (io.ReadCloser, error) {
		f, _, err := openRegular(path)
		if err != nil {
			return nil, err
		}
		return f, nil
	}}
	x.fill(&it, rel)
	return w.yield(it)
}

// openRegular opens the file at path, without blocking on a named pipe,
// and returns it with its Stat. Anything but a regular file is closed
// again and refused with an error saying what it is; the mode returned
// then says it too.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fi, &notRegularError{mode: fi.Mode()}
	}
	return f, fi, nil
}

// notRegularError is openRegular's refusal of a file that is not regular.
type notRegularError struct{ mode fs.FileMode }

// Error says what the file is.
func (e *notRegularError) Error() string {
	return "is " + strings.TrimSuffix(notRegular(e.mode, false), ", not a regular file") +
		" now, not a regular file: it is not read"
}

// sniffFile reports whether the regular file at path holds a zip archive,
// and the file's mode: a file that is not regular (any more) is not read,
// with a nil error.
func (w *walker) sniffFile(path string) (isZip bool, mode fs.FileMode, err error) {
	f, fi, err := openRegular(path)
	var nr *notRegularError
	if errors.As(err, &nr) {
		return false, nr.mode, nil
	}
	if err != nil {
		return false, 0, err
	}
	defer f.Close()
	var head [4]byte
	n, err := io.ReadFull(f, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return false, 0, err
	}
	if err := w.charge(n); err != nil {
		return false, 0, err
	}
	return isZipMagic(head[:n]), fi.Mode(), nil
}

// isZipMagic reports whether b starts a zip archive: a local file header,
// or the end of the central directory of an empty archive.
func isZipMagic(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	s := string(b[:4])
	return s == "PK\x03\x04" || s == "PK\x05\x06"
}

// isActivityName reports whether a name found in a folder or an archive
// looks like an activity file: .fit, .gpx or .tcx, optionally .gz, in any
// case.
func isActivityName(name string) bool {
	lower := strings.TrimSuffix(strings.ToLower(name), ".gz")
	return strings.HasSuffix(lower, ".fit") || strings.HasSuffix(lower, ".gpx") || strings.HasSuffix(lower, ".tcx")
}

// isTaken reports whether a name found in a folder or an archive is walked:
// an activity file or a zip archive.
func isTaken(name string) bool {
	return isActivityName(name) || strings.HasSuffix(strings.ToLower(name), ".zip")
}

// Walks reports whether the walk of a folder reads the file at rel, a path
// relative to the folder (in the system's separators): an activity file or
// a zip archive under no hidden name, or the Strava index at the folder's
// root. A program that writes into a folder it also walks (the command
// line's -o) asks it, so that what it writes is never read as an input.
func Walks(rel string) bool {
	rel = filepath.ToSlash(rel)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return false
	}
	for el := range strings.SplitSeq(rel, "/") {
		if strings.HasPrefix(el, ".") {
			return false
		}
	}
	return rel == stravaCSV || isTaken(path.Base(rel))
}

// dir walks the folder root: its Strava activities.csv first, if any, then
// its files in lexical order.
func (w *walker) dir(root string) bool {
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a symbolic link, not even at the root;
		// with a trailing separator the system resolves it.
		walkRoot = root + string(filepath.Separator)
	}
	x, more := w.diskStrava(filepath.Join(root, stravaCSV))
	if !more {
		return false
	}
	filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !w.fail(p, err) {
				more = false
				return filepath.SkipAll
			}
			return nil
		}
		if p == walkRoot {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() && isActivityName(name) {
			// A folder named like an activity file is most likely a file
			// that went wrong (an export unpacked into a folder of the
			// same name): say so rather than walk into it unnoticed.
			if !w.fail(p, errors.New("is a directory, not an activity file")) {
				more = false
				return filepath.SkipAll
			}
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		if !w.dirEntry(walkRoot, p, d, x) {
			more = false
			return filepath.SkipAll
		}
		return nil
	})
	return more
}

// dirEntry walks the entry d, at p, of the folder walkRoot, which is not a
// folder: a regular file with a name that is taken is read, a symbolic
// link is followed to a regular file only, and anything else with such a
// name is skipped with a reason, never opened. x is the Strava export the
// folder is, or nil.
func (w *walker) dirEntry(walkRoot, p string, d fs.DirEntry, x *export) bool {
	taken := isTaken(d.Name())
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		fi, err := os.Stat(p)
		switch {
		case err != nil && taken:
			return w.fail(p, err)
		case err != nil:
			return true
		case fi.IsDir():
			// Not followed: a link can lead out of the folder, or round
			// in a loop. Said even for a name that is not taken, since
			// the folder may hold runs.
			return w.skip(p, notRegular(fi.Mode(), true))
		case !taken:
			return true
		case !fi.Mode().IsRegular():
			return w.skip(p, notRegular(fi.Mode(), true))
		}
	} else if !taken {
		return true
	} else if !mode.IsRegular() {
		return w.skip(p, notRegular(mode, false))
	}
	rel, err := filepath.Rel(walkRoot, p)
	if err != nil {
		rel = p
	}
	return w.file(p, x, filepath.ToSlash(rel))
}

// diskStrava reads the activities.csv at path, the index of the folder
// export it is at the root of, and returns the export, nil when there is
// no such file or it cannot be read (an item then says why). It is read
// only when it is a regular file (or a link to one) within
// Limits.MaxIndexSize, checked before it is opened and while it is read,
// and its bytes are charged to Limits.Budget. more is false when the
// consumer stopped the walk.
func (w *walker) diskStrava(path string) (x *export, more bool) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, true
	case err != nil:
		return nil, w.fail(path, err)
	case !fi.Mode().IsRegular():
		return nil, w.skip(path, notRegular(fi.Mode(), false))
	case fi.Size() > w.lim.MaxIndexSize:
		return nil, w.fail(path, w.indexError(fi.Size()))
	}
	f, _, err := openRegular(path)
	if err != nil {
		return nil, w.fail(path, err)
	}
	defer f.Close()
	idx, err := analyze.ReadStravaActivities(w.bounded(f, w.lim.MaxIndexSize, w.indexError))
	if err != nil {
		return nil, w.fail(path, err)
	}
	return &export{index: idx, file: path}, true
}

// indexError is the error for an index file of size bytes (-1: more than
// the limit, as found reading it), above Limits.MaxIndexSize.
func (w *walker) indexError(size int64) error {
	if size < 0 {
		return limitError("MaxIndexSize", "the index file holds more than %d bytes, the limit", w.lim.MaxIndexSize)
	}
	return limitError("MaxIndexSize", "the index file is %d bytes, more than the limit of %d", size, w.lim.MaxIndexSize)
}

// bounded returns a reader of r that charges what it reads to the budget
// and fails with tooBig(-1) once more than max bytes came out.
func (w *walker) bounded(r io.Reader, max int64, tooBig func(int64) error) io.Reader {
	return &boundedReader{r: r, left: max, budget: w.lim.Budget, tooBig: tooBig}
}

// boundedReader is the reader bounded returns.
type boundedReader struct {
	r      io.Reader
	left   int64
	budget *analyze.Budget
	tooBig func(int64) error
	err    error // sticky
}

// Read reads from the underlying reader, within the bound and the budget.
func (b *boundedReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	if cerr := b.budget.Charge(int64(n)); cerr != nil {
		b.err = cerr
		return 0, cerr
	}
	if int64(n) > b.left {
		b.err = b.tooBig(-1)
		return 0, b.err
	}
	b.left -= int64(n)
	return n, err
}
