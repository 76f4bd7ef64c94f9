package input

import (
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/runcheck/runcheck/analyze"
)

// archive is one zip archive being walked.
type archive struct {
	name  string      // how reports name it
	src   source      // where items find its bytes again
	base  int64       // where the archive starts in src
	ra    io.ReaderAt // the walker's reader, from the archive's start; valid during the walk only
	size  int64
	depth int // 1 for an archive on disk, 2 for one inside it, ...
}

// source is where an archive's bytes live: a file on disk, reopened by
// each Open, or a buffer in memory, for an archive that was compressed
// inside its parent.
type source struct {
	path string // the file on disk, when data is nil
	size int64  // the file's size when it was walked
	data []byte // the bytes, when held in memory
}

// open returns a reader of the source's bytes and what closes it.
func (s source) open() (io.ReaderAt, io.Closer, error) {
	if s.data != nil {
		return bytes.NewReader(s.data), noClose{}, nil
	}
	f, fi, err := openRegular(s.path)
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() != s.size {
		f.Close()
		return nil, nil, fmt.Errorf("archive %q changed since it was listed (%d bytes, now %d): walk it again", s.path, s.size, fi.Size())
	}
	return f, f, nil
}

// noClose is the closer of a reader that holds nothing to close.
type noClose struct{}

// Close does nothing.
func (noClose) Close() error { return nil }

// diskZip walks the zip archive in the file at path.
func (w *walker) diskZip(path string) bool {
	f, fi, err := openRegular(path)
	if err != nil {
		return w.fail(path, err)
	}
	if w.track != nil {
		w.track(+1)
	}
	defer func() {
		f.Close()
		if w.track != nil {
			w.track(-1)
		}
	}()
	return w.zip(&archive{
		name: path, src: source{path: path, size: fi.Size()},
		ra: w.charged(f), size: fi.Size(), depth: 1,
	})
}

// charged returns ra, charging every byte read through it to the budget.
func (w *walker) charged(ra io.ReaderAt) io.ReaderAt {
	if w.lim.Budget == nil {
		return ra
	}
	return chargedReaderAt{ra: ra, budget: w.lim.Budget}
}

// chargedReaderAt is the reader charged returns.
type chargedReaderAt struct {
	ra     io.ReaderAt
	budget *analyze.Budget
}

// ReadAt reads from the underlying reader and charges the bytes read; once
// the budget is spent it fails with the budget's error.
func (c chargedReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.ra.ReadAt(p, off)
	if cerr := c.budget.Charge(int64(n)); cerr != nil {
		return n, cerr
	}
	return n, err
}

// member is one entry of an archive, with its cleaned name ("" for one
// whose name is unsafe) and, for one the walk reads, where its bytes are
// (or why they cannot be found).
type member struct {
	name string
	zf   *zip.File
	e    entry
	err  error // from newEntry
}

// zip walks the archive a: its Strava activities.csv first, if any, then
// its members in the order of a folder walk.
func (w *walker) zip(a *archive) bool {
	if d, ok := findDirectory(a.ra, a.size); ok {
		// Refuse an archive over the entry limit before archive/zip
		// reads its whole directory into memory: first on the count the
		// directory's end declares, then on the headers really there,
		// which archive/zip checks only modulo 65536.
		if d.records > uint64(w.lim.MaxEntries) {
			return w.fail(a.name, w.entriesError(d.records))
		}
		n, err := countHeaders(a.ra, d.start, a.size, w.lim.MaxEntries)
		if err != nil {
			return w.fail(a.name, zipError("not a readable zip archive", err))
		}
		if n > w.lim.MaxEntries {
			return w.fail(a.name, limitError("MaxEntries", "zip archive holds more than %d entries, the limit", w.lim.MaxEntries))
		}
	}
	zr, err := zip.NewReader(a.ra, a.size)
	if isBudget(err) {
		return w.fail(a.name, err)
	}
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return w.fail(a.name, zipError("not a readable zip archive", err))
	}
	if len(zr.File) > w.lim.MaxEntries {
		return w.fail(a.name, w.entriesError(uint64(len(zr.File))))
	}
	var ms []member
	for _, zf := range zr.File {
		if strings.HasSuffix(zf.Name, "/") || strings.HasSuffix(zf.Name, `\`) || zf.Mode().IsDir() {
			continue
		}
		name, ok := cleanName(zf.Name)
		if ok && name == "" {
			continue
		}
		ms = append(ms, member{name: name, zf: zf})
	}
	slices.SortStableFunc(ms, func(x, y member) int { return compareTree(x.name, y.name) })
	for i := range ms {
		if m := &ms[i]; m.name == stravaCSV || m.name != "" && !isHidden(m.name) && isTaken(path.Base(m.name)) {
			m.e, m.err = w.newEntry(a, m.zf)
			if isBudget(m.err) {
				return w.fail(a.name, m.err)
			}
		}
	}
	if err := overlap(ms); err != nil {
		return w.fail(a.name, err)
	}

	var x *export
	for _, m := range ms {
		if m.name != stravaCSV {
			continue
		}
		csvName := a.name + "/" + stravaCSV
		if idx, err := w.readStrava(a, m); err != nil {
			if !w.fail(csvName, err) {
				return false
			}
		} else {
			x = &export{index: idx, file: csvName}
		}
		break
	}

	for _, m := range ms {
		if m.name == "" {
			err := fmt.Errorf("member %q has an unsafe name (absolute, or climbing out with ..); it is never extracted, but is not read either: %w",
				m.zf.Name, analyze.ErrMalformed)
			if !w.fail(a.name, err) {
				return false
			}
			continue
		}
		if isHidden(m.name) || !isTaken(path.Base(m.name)) {
			continue
		}
		if !w.member(a, m, x) {
			return false
		}
	}
	return true
}

// member yields the member m of the archive a, or walks it when it holds a
// zip archive. x is the Strava export a is, or nil.
func (w *walker) member(a *archive, m member, x *export) bool {
	name := a.name + "/" + m.name
	if m.err != nil {
		return w.fail(name, m.err)
	}
	e := m.e
	isZip, err := e.sniff(a, w.lim.Budget)
	if err != nil {
		return w.fail(name, err)
	}
	if isZip {
		return w.nested(a, name, e)
	}
	if e.usize > uint64(w.lim.MaxEntrySize) {
		return w.fail(name, limitError("MaxEntrySize", "zip member declares %d bytes uncompressed, more than the limit of %d",
			e.usize, w.lim.MaxEntrySize))
	}
	it := Item{Name: name, Open: e.open}
	x.fill(&it, m.name)
	return w.yield(it)
}

// nested walks the archive held by the entry e of parent, named name: in
// place when it is stored uncompressed, from memory otherwise.
func (w *walker) nested(parent *archive, name string, e entry) bool {
	depth := parent.depth + 1
	if depth > w.lim.MaxDepth {
		return w.fail(name, limitError("MaxDepth", "zip archive nested %d deep, more than the limit of %d",
			depth, w.lim.MaxDepth))
	}
	child := &archive{name: name, depth: depth}
	if e.method == zip.Store && e.flags&flagEncrypted == 0 && uint64(e.csize) == e.usize {
		child.src = parent.src
		child.base = e.offset
		child.ra = io.NewSectionReader(parent.ra, e.offset-parent.base, e.csize)
		child.size = e.csize
		return w.zip(child)
	}
	if e.usize > uint64(w.lim.MaxEntrySize) {
		return w.fail(name, limitError("MaxEntrySize", "nested zip archive declares %d bytes uncompressed, more than the limit of %d for an archive read into memory",
			e.usize, w.lim.MaxEntrySize))
	}
	e.budget = w.lim.Budget
	r, err := e.reader(parent.ra, parent.base, noClose{})
	if err != nil {
		return w.fail(name, err)
	}
	// The buffer is sized for what the member can really hold, never
	// trusting the size it declares beyond what its stored bytes can
	// inflate to, and grows from there; the reader fails past MaxEntrySize.
	var buf bytes.Buffer
	buf.Grow(int(min(e.capacity(), math.MaxInt-bytes.MinRead)) + bytes.MinRead) // MinRead: room for the read that meets the end
	if _, err := buf.ReadFrom(r); err != nil {
		return w.fail(name, err)
	}
	child.src = source{data: buf.Bytes()}
	child.ra = w.charged(bytes.NewReader(child.src.data))
	child.size = int64(buf.Len())
	return w.zip(child)
}

// readStrava reads the activities.csv member m of the archive a, within
// Limits.MaxIndexSize (and MaxEntrySize, if smaller) as declared and as
// inflated, charging the budget.
func (w *walker) readStrava(a *archive, m member) (analyze.StravaIndex, error) {
	if m.err != nil {
		return analyze.StravaIndex{}, m.err
	}
	e := m.e
	if e.usize > uint64(w.lim.MaxIndexSize) {
		return analyze.StravaIndex{}, limitError("MaxIndexSize", "the index file declares %d bytes uncompressed, more than the limit of %d",
			e.usize, w.lim.MaxIndexSize)
	}
	if e.usize > uint64(w.lim.MaxEntrySize) {
		return analyze.StravaIndex{}, limitError("MaxEntrySize", "zip member declares %d bytes uncompressed, more than the limit of %d",
			e.usize, w.lim.MaxEntrySize)
	}
	if w.lim.MaxIndexSize < e.max {
		e.max, e.maxField = w.lim.MaxIndexSize, "MaxIndexSize"
	}
	e.budget = w.lim.Budget
	r, err := e.reader(a.ra, a.base, noClose{})
	if err != nil {
		return analyze.StravaIndex{}, err
	}
	return analyze.ReadStravaActivities(r)
}

// entriesError is the error for an archive declaring or holding n entries,
// above the limit.
func (w *walker) entriesError(n uint64) error {
	return limitError("MaxEntries", "zip archive holds %d entries, more than the limit of %d", n, w.lim.MaxEntries)
}

// limitError is the error for a limit exceeded: an *analyze.LimitError
// naming field, the field of Limits that raises it, and saying what went
// past it (format and args, as fmt.Sprintf takes them).
func limitError(field, format string, args ...any) error {
	return &analyze.LimitError{Limit: "input.Limits." + field, What: fmt.Sprintf(format, args...)}
}

// cleanName returns the slash-separated, cleaned form of a member's name,
// "" with ok true for a name that names nothing ("", "./"), and ok false
// for a name that is absolute or climbs out of the archive (zip-slip).
func cleanName(raw string) (name string, ok bool) {
	n := strings.ReplaceAll(raw, `\`, "/")
	if n == "" {
		return "", true
	}
	if strings.HasPrefix(n, "/") || hasDrive(n) {
		return "", false
	}
	n = path.Clean(n)
	switch {
	case n == "..", strings.HasPrefix(n, "../"):
		return "", false
	case n == ".":
		return "", true
	}
	return n, true
}

// hasDrive reports whether n starts with a Windows drive: "C:" alone or
// followed by a slash.
func hasDrive(n string) bool {
	if len(n) < 2 || n[1] != ':' {
		return false
	}
	c := n[0] | 0x20
	return c >= 'a' && c <= 'z' && (len(n) == 2 || n[2] == '/')
}

// isHidden reports whether a cleaned member name has a hidden element (a
// name starting with "."), or is macOS's resource-fork folder __MACOSX.
func isHidden(name string) bool {
	for el := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(el, ".") || el == "__MACOSX" {
			return true
		}
	}
	return false
}

// compareTree orders slash-separated paths as a folder walk lists them:
// element by element, so "a/b.fit" comes before "a.fit" ("a" < "a.fit"),
// where a plain string comparison puts it after.
func compareTree(a, b string) int {
	for {
		ai, bi := strings.IndexByte(a, '/'), strings.IndexByte(b, '/')
		ae, be := a, b
		if ai >= 0 {
			ae = a[:ai]
		}
		if bi >= 0 {
			be = b[:bi]
		}
		if c := strings.Compare(ae, be); c != 0 {
			return c
		}
		switch {
		case ai < 0 && bi < 0:
			return 0
		case ai < 0:
			return -1
		case bi < 0:
			return 1
		}
		a, b = a[ai+1:], b[bi+1:]
	}
}

// flagEncrypted is the general-purpose flag of an encrypted zip member.
const flagEncrypted = 0x1

// entry locates one archive member's bytes, so that an item can read them
// again without the archive's directory, after the walk moved on.
type entry struct {
	src    source
	offset int64 // of the member's stored (compressed) bytes in src
	csize  int64 // stored bytes
	usize  uint64
	method uint16
	flags  uint16
	crc    uint32
	// max bounds the bytes inflated: Limits.MaxEntrySize, or the limit
	// of the Limits field maxField names.
	max      int64
	maxField string
	// budget, when not nil, is charged with the bytes inflated: set for
	// the walker's own reads, never for an item's Open (the decoder
	// charges what it reads).
	budget *analyze.Budget
}

// newEntry locates the member zf of the archive a.
func (w *walker) newEntry(a *archive, zf *zip.File) (entry, error) {
	off, err := zf.DataOffset()
	if isBudget(err) {
		return entry{}, err
	}
	if err != nil {
		return entry{}, zipError("unreadable zip member", err)
	}
	if zf.CompressedSize64 > math.MaxInt64 || off > a.size || int64(zf.CompressedSize64) > a.size-off {
		return entry{}, fmt.Errorf("zip member claims %d bytes beyond the end of its archive: %w", zf.CompressedSize64, analyze.ErrMalformed)
	}
	return entry{
		src: a.src, offset: a.base + off, csize: int64(zf.CompressedSize64), usize: zf.UncompressedSize64,
		method: zf.Method, flags: zf.Flags, crc: zf.CRC32, max: w.lim.MaxEntrySize, maxField: "MaxEntrySize",
	}, nil
}

// maxDeflateRatio is the most bytes one stored byte of a deflate stream
// inflates to (a 258-byte match per 2 bits, give or take).
const maxDeflateRatio = 1032

// capacity returns the most bytes the member can inflate to: its declared
// size, unless its stored bytes cannot hold that much.
func (e entry) capacity() uint64 {
	most := uint64(e.csize) // stored
	if e.method == zip.Deflate {
		most = math.MaxUint64
		if uint64(e.csize) < math.MaxUint64/maxDeflateRatio-1 {
			most = uint64(e.csize)*maxDeflateRatio + 1024
		}
	}
	return min(e.usize, most)
}

// open opens the member for an item: it reopens the archive's source.
func (e entry) open() (io.ReadCloser, error) {
	ra, c, err := e.src.open()
	if err != nil {
		return nil, err
	}
	r, err := e.reader(ra, 0, c)
	if err != nil {
		c.Close()
		return nil, err
	}
	return r, nil
}

// sniff reports whether the member holds a zip archive, reading its first
// bytes through the walker's reader of the archive a and charging the
// bytes inflated to budget.
func (e entry) sniff(a *archive, budget *analyze.Budget) (bool, error) {
	e.budget = budget
	r, err := e.reader(a.ra, a.base, noClose{})
	if err != nil {
		return false, err
	}
	defer r.Close()
	var head [4]byte
	n, err := io.ReadFull(r, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return false, err
	}
	return isZipMagic(head[:n]), nil
}

// reader returns a reader of the member's uncompressed bytes from ra, which
// starts at offset base of the source; closing it closes c.
func (e entry) reader(ra io.ReaderAt, base int64, c io.Closer) (io.ReadCloser, error) {
	if e.flags&flagEncrypted != 0 {
		return nil, fmt.Errorf("zip member is encrypted, which runcheck does not read: %w", analyze.ErrMalformed)
	}
	sr := io.NewSectionReader(ra, e.offset-base, e.csize)
	r := &entryReader{e: e, closer: c}
	switch e.method {
	case zip.Store:
		r.r = sr
	case zip.Deflate:
		fr := flate.NewReader(sr)
		r.r, r.flate = fr, fr
	default:
		return nil, fmt.Errorf("zip member is compressed with method %d; runcheck reads stored and deflated members only: %w: %w",
			e.method, analyze.ErrMalformed, zip.ErrAlgorithm)
	}
	return r, nil
}

// entryReader reads a member's uncompressed bytes, failing past the size
// limit and checking, at the end, the size and checksum the archive
// declares.
type entryReader struct {
	e      entry
	r      io.Reader
	flate  io.Closer // the decompressor, nil for a stored member
	closer io.Closer
	n      int64
	crc    uint32
	err    error // sticky
}

// Read reads uncompressed bytes.
func (r *entryReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.r.Read(p)
	r.n += int64(n)
	if r.n > r.e.max {
		// A zip bomb whose directory understates the size gets here.
		r.err = limitError(r.e.maxField, "zip member inflates past %d bytes though it declares %d (a zip bomb?)",
			r.e.max, r.e.usize)
		return 0, r.err
	}
	if r.flate != nil {
		// Stored bytes were charged as they were read.
		if cerr := r.e.budget.Charge(int64(n)); cerr != nil {
			r.err = cerr
			return 0, cerr
		}
	}
	r.crc = crc32.Update(r.crc, crc32.IEEETable, p[:n])
	switch {
	case err == io.EOF:
		err = r.finish()
	case err != nil:
		err = readError(err)
	}
	r.err = err
	return n, err
}

// finish checks the member's size and checksum once its bytes ended, and
// returns io.EOF when they match.
func (r *entryReader) finish() error {
	switch {
	case uint64(r.n) < r.e.usize:
		return fmt.Errorf("zip member ends after %d of the %d bytes it declares: %w", r.n, r.e.usize, analyze.ErrTruncated)
	case uint64(r.n) > r.e.usize:
		return fmt.Errorf("zip member holds more than the %d bytes it declares: %w", r.e.usize, analyze.ErrMalformed)
	case r.e.crc != 0 && r.crc != r.e.crc:
		return fmt.Errorf("zip member's CRC-32 is %08x, its archive declares %08x: %w", r.crc, r.e.crc, analyze.ErrChecksum)
	}
	return io.EOF
}

// Close closes the decompressor and the archive's file, if the reader
// opened it.
func (r *entryReader) Close() error {
	if r.flate != nil {
		r.flate.Close()
	}
	return r.closer.Close()
}

// readError classifies an error met while reading a member's bytes.
func readError(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("zip member: %w: %w", analyze.ErrTruncated, err)
	case errors.As(err, &corrupt):
		return fmt.Errorf("zip member: %w: %w", analyze.ErrMalformed, err)
	}
	return err
}

// zipError classifies an error from archive/zip: a damaged archive is
// analyze.ErrMalformed or ErrTruncated; an I/O error stays as it is.
func zipError(what string, err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("%s: %w: %w", what, analyze.ErrTruncated, err)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
		return fmt.Errorf("%s: %w: %w", what, analyze.ErrMalformed, err)
	}
	if strings.HasPrefix(err.Error(), "zip: ") {
		return fmt.Errorf("%s: %w: %w", what, analyze.ErrMalformed, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// The zip records findDirectory and countHeaders read.
const (
	endLen      = 22 // end of central directory, without its comment
	end64LocLen = 20 // zip64 end of central directory locator
	end64Len    = 56 // zip64 end of central directory, without extensions
	headerLen   = 46 // central directory header, without its name, extra field and comment
	// endSearch is how far from the end archive/zip looks for the end of
	// the central directory.
	endSearch = 65 * 1024
)

// directory is where an archive's central directory is, as the end of the
// directory says and as archive/zip finds it.
type directory struct {
	records uint64 // the entries the end record declares
	start   int64  // where archive/zip starts reading headers, from the archive's start
}

// findDirectory finds the end of the central directory of the zip archive
// in r the way archive/zip does (the last end record in the last 65 KiB,
// the zip64 record when the classic one says so, the same correction for
// data prepended to the archive), with ok false when there is none
// (zip.NewReader then says what is wrong). It lets an archive over the
// entry limit be refused before archive/zip reads its whole directory
// into memory.
func findDirectory(r io.ReaderAt, size int64) (d directory, ok bool) {
	le := binary.LittleEndian
	tail := min(size, endSearch)
	if tail < endLen {
		return d, false
	}
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return d, false
	}
	p := bytes.LastIndex(buf[:len(buf)-endLen+4], []byte("PK\x05\x06"))
	if p < 0 || p+endLen+int(le.Uint16(buf[p+20:])) > len(buf) {
		return d, false
	}
	endOff := size - tail + int64(p)
	records := uint64(le.Uint16(buf[p+10:]))
	dirSize := uint64(le.Uint32(buf[p+12:]))
	dirOff := uint64(le.Uint32(buf[p+16:]))
	if records == 0xFFFF || dirSize == 0xFFFF || dirOff == 0xFFFFFFFF {
		// Zip64: a locator just before the record points to the zip64 record.
		var lb [end64LocLen]byte
		if loc := endOff - end64LocLen; loc >= 0 {
			if _, err := r.ReadAt(lb[:], loc); err != nil {
				return d, false
			}
		}
		if string(lb[:4]) == "PK\x06\x07" && le.Uint32(lb[4:]) == 0 && le.Uint32(lb[16:]) == 1 {
			off := le.Uint64(lb[8:])
			var eb [end64Len]byte
			if off > math.MaxInt64 {
				return d, false
			}
			if _, err := r.ReadAt(eb[:], int64(off)); err != nil || string(eb[:4]) != "PK\x06\x06" {
				return d, false
			}
			endOff = int64(off)
			records, dirSize, dirOff = le.Uint64(eb[32:]), le.Uint64(eb[40:]), le.Uint64(eb[48:])
		}
	}
	if dirSize > math.MaxInt64 || dirOff > math.MaxInt64 {
		return d, false
	}
	start := endOff - int64(dirSize) // base + dirOff
	if start < 0 || start >= size {
		return d, false
	}
	if base := start - int64(dirOff); base > 0 {
		// archive/zip trusts the recorded offset when a header is there.
		var h [4]byte
		if _, err := r.ReadAt(h[:], int64(dirOff)); err == nil && string(h[:]) == "PK\x01\x02" {
			start = int64(dirOff)
		}
	}
	return directory{records: records, start: start}, true
}

// countHeaders counts the central directory headers of the archive in r
// (size bytes) from start, as archive/zip reads them: one after the other
// until one is not there whole. It stops counting past max, so that it
// reads at most max+1 headers, and returns an error only when r fails.
func countHeaders(r io.ReaderAt, start, size int64, max int) (int, error) {
	br := bufio.NewReaderSize(io.NewSectionReader(r, start, size-start), 64<<10)
	var h [headerLen]byte
	n := 0
	for n <= max {
		if _, err := io.ReadFull(br, h[:]); err != nil {
			return n, headerError(err)
		}
		if string(h[:4]) != "PK\x01\x02" {
			return n, nil
		}
		le := binary.LittleEndian
		rest := int(le.Uint16(h[28:])) + int(le.Uint16(h[30:])) + int(le.Uint16(h[32:]))
		if _, err := br.Discard(rest); err != nil {
			return n, headerError(err)
		}
		n++
	}
	return n, nil
}

// headerError is nil for the end of the input, which ends the directory,
// and err for a failing reader.
func headerError(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return nil
	}
	return err
}

// overlap returns an error when the stored bytes of two members that the
// walk reads share bytes of the archive, which no zip writer produces: it
// is how a zip bomb makes thousands of members out of one deflate stream
// ("overlapping entries"), each member costing the work of inflating it
// all. Members whose entry could not be found, or that store nothing, are
// left out.
func overlap(ms []member) error {
	var rs []*member
	for i := range ms {
		if m := &ms[i]; m.err == nil && m.e.csize > 0 { // csize 0 also for a member not located
			rs = append(rs, m)
		}
	}
	slices.SortFunc(rs, func(x, y *member) int { return cmp.Compare(x.e.offset, y.e.offset) })
	for i := 1; i < len(rs); i++ {
		prev, m := rs[i-1], rs[i]
		if m.e.offset < prev.e.offset+prev.e.csize {
			return fmt.Errorf("members %q and %q share stored bytes (overlapping entries: a zip bomb); the archive is not read: %w",
				prev.name, m.name, analyze.ErrMalformed)
		}
	}
	return nil
}
