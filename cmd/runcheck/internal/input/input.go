package input

import (
	"errors"
	"io"
	"io/fs"
	"iter"
	"os"
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
	// returns the same reader each time, so call it once. Reading a member
	// of an archive fails with ErrLimit past Limits.MaxEntrySize, and with
	// analyze.ErrTruncated, ErrMalformed or ErrChecksum when the member is
	// damaged. Nil when Err is set.
	Open func() (io.ReadCloser, error)
	// Err says why the item could not be listed or opened (a missing path,
	// permission denied, a broken archive or activities.csv, a limit): the
	// caller reports it as one failed file. It is an *analyze.FileError
	// whose Path is Name, so print it as is. Nil when Open is set.
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
	// lifetime export's is a few megabytes.
	DefaultMaxIndexSize = 64 << 20
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
// set, never the end of the walk. lim bounds archives.
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

// fail yields an item for name that failed with err.
func (w *walker) fail(name string, err error) bool {
	var fe *analyze.FileError
	if !errors.As(err, &fe) || fe.Path != name {
		err = &analyze.FileError{Path: name, Err: err}
	}
	return w.yield(Item{Name: name, Err: err})
}

// path walks one path of the command line.
func (w *walker) path(p string) bool {
	if p == "-" {
		return w.stdinItem()
	}
	fi, err := os.Stat(p)
	if err != nil {
		return w.fail(p, err)
	}
	if fi.IsDir() {
		return w.dir(p)
	}
	return w.file(p, nil, "")
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

// file yields the file at path, or walks it when it holds a zip archive. x
// and rel place it in a Strava export (x nil: none).
func (w *walker) file(path string, x *export, rel string) bool {
	isZip, err := sniffFile(path)
	if err != nil {
		return w.fail(path, err)
	}
	if isZip {
		return w.diskZip(path)
	}
	it := Item{Name: path, Open: func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		return f, nil
	}}
	x.fill(&it, rel)
	return w.yield(it)
}

// sniffFile reports whether the file at path holds a zip archive. Only a
// regular file is read: a pipe or a device named on the command line
// would lose the bytes read here.
func sniffFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	if !fi.Mode().IsRegular() {
		return false, nil
	}
	var head [4]byte
	n, err := io.ReadFull(f, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return false, err
	}
	return isZipMagic(head[:n]), nil
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

// dir walks the folder root: its Strava activities.csv first, if any, then
// its files in lexical order.
func (w *walker) dir(root string) bool {
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a symbolic link, not even at the root;
		// with a trailing separator the system resolves it.
		walkRoot = root + string(filepath.Separator)
	}
	var x *export
	csvPath := filepath.Join(root, stravaCSV)
	switch idx, err := analyze.OpenStravaActivities(csvPath); {
	case err == nil:
		x = &export{index: idx, file: csvPath}
	case errors.Is(err, fs.ErrNotExist):
	default:
		if !w.fail(csvPath, err) {
			return false
		}
	}
	more := true
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
		if d.IsDir() || !isTaken(name) {
			return nil
		}
		rel, err := filepath.Rel(walkRoot, p)
		if err != nil {
			rel = p
		}
		if !w.file(p, x, filepath.ToSlash(rel)) {
			more = false
			return filepath.SkipAll
		}
		return nil
	})
	return more
}
