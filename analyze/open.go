package analyze

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/fitio"
	"github.com/runcheck/runcheck/gpxio"
	"github.com/runcheck/runcheck/tcxio"
)

// Sentinel errors. Those shared with the importers are the same values as in
// package activity.
var (
	// ErrUnknownFormat means the content is none of the formats runcheck reads.
	ErrUnknownFormat = errors.New("analyze: unknown format")
	// ErrMalformed means the bytes break the format's rules.
	ErrMalformed = activity.ErrMalformed
	// ErrTruncated means the file ends before its content does.
	ErrTruncated = activity.ErrTruncated
	// ErrChecksum means a checksum in the file does not match its content.
	ErrChecksum = activity.ErrChecksum
	// ErrNotActivity means the file holds no activity (a FIT course or
	// settings file, a GPX with routes only).
	ErrNotActivity = activity.ErrNotActivity
	// ErrNoSamples means the activity has no samples.
	ErrNoSamples = activity.ErrNoSamples
	// ErrNoTimestamps means the samples carry no times.
	ErrNoTimestamps = activity.ErrNoTimestamps
	// ErrLimit means a safety limit was exceeded; the message says which and
	// how to raise it. The cause is a *[LimitError].
	ErrLimit = activity.ErrLimit
)

// LimitError is the cause of every [ErrLimit] error a [Decoder] returns:
// what went past which limit, and the setting that raises it. It matches
// ErrLimit with errors.Is. Its Limit names the Decoder field
// ("analyze.Decoder.MaxSamples"), not the importer's (the fitio, gpxio or
// tcxio Decoder, which a caller of analyze does not set), so an importer's
// limit error comes back with its Limit renamed; a program with settings of
// its own (the command line's config file) finds the LimitError with
// errors.As and words the advice in its own terms.
type LimitError = activity.LimitError

// DefaultMaxSize is the largest input, after decompression, that a zero
// Decoder accepts: 256 MiB, far above any real activity (a 24-hour 1 Hz GPX is
// about 20 MB) and small enough that a gzip bomb cannot exhaust memory.
const DefaultMaxSize = 256 << 20

// sniffLen is how many leading bytes the XML sniffer looks at for a root
// element. Real files name their root within the first few hundred bytes; a
// long comment or doctype before it is allowed for.
const sniffLen = 64 << 10

// Decoder decodes activity files of any supported format. The zero value is
// ready to use and applies the default limits. An input past a limit fails
// with an error matching ErrLimit whose cause, a *LimitError, names the
// Decoder field that raises it.
type Decoder struct {
	// Lenient makes a damaged FIT file (truncated, bad checksum) yield the
	// samples decoded before the damage, with the error as a warning in
	// Activity.Warnings, instead of failing.
	Lenient bool
	// MaxSize is the largest input in bytes, counted after decompression;
	// 0 means DefaultMaxSize.
	MaxSize int64
	// MaxSamples is the largest number of samples per activity (FIT
	// records, GPX track points, TCX trackpoints; FIT laps and sessions and
	// TCX laps count against it too); 0 means activity.DefaultMaxSamples.
	MaxSamples int
	// MaxDepth is the deepest element nesting a GPX or TCX file may have,
	// the root element counting 1; 0 means the importer's default
	// (gpxio.DefaultMaxDepth, tcxio.DefaultMaxDepth: 64).
	MaxDepth int
	// MaxTokenSize is the largest single XML token in a GPX or TCX file, in
	// bytes (an attribute list, a run of text, a comment), and the longest
	// text of one element; 0 means the importer's default
	// (gpxio.DefaultMaxTokenSize, tcxio.DefaultMaxTokenSize: 1 MiB).
	MaxTokenSize int
	// Budget, when not nil, is charged with every byte the Decoder reads
	// and every byte it inflates, so that one Budget shared by the decodes
	// of a batch bounds the batch's work; see [Budget].
	Budget *Budget
}

// FileError is the error Open returns: it names the file and wraps the
// importer's error.
type FileError struct {
	// Path is the file as the caller named it.
	Path string
	// Err is the cause; it matches one of the package's sentinels.
	Err error
}

// Error returns "PATH: CAUSE".
func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

// Open decodes the activity file at path with a zero Decoder.
func Open(path string) (*activity.Activity, error) {
	var d Decoder
	return d.Open(path)
}

// Decode decodes an activity from r with a zero Decoder.
func Decode(r io.Reader) (*activity.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

// Open decodes the activity file at path. Errors are *FileError values naming
// path. The file is only read.
func (d *Decoder) Open(path string) (*activity.Activity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, &FileError{Path: path, Err: errors.New("is a directory, not an activity file")}
	}
	a, err := d.Decode(f)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	return a, nil
}

// Decode reads r to its end and decodes the activity it holds, sniffing the
// format from the content and undoing gzip compression.
func (d *Decoder) Decode(r io.Reader) (*activity.Activity, error) {
	data, err := d.readAll(r)
	if err != nil {
		switch {
		case errors.Is(err, ErrLimit):
			return nil, err
		case errors.Is(err, ErrChecksum), errors.Is(err, ErrMalformed), errors.Is(err, ErrTruncated):
			// r said what is wrong (a zip member's CRC-32): keep it.
			return nil, fmt.Errorf("reading the input: %w", err)
		}
		// r failed: the input stops before its content does.
		return nil, fmt.Errorf("reading the input: %w: %w", ErrTruncated, err)
	}
	return d.decode(data)
}

// DecodeBytes decodes the activity held in data, as [Decoder.Decode] does,
// for a caller that holds the file's bytes already: it saves reading them
// into a copy. data is neither modified nor retained.
func (d *Decoder) DecodeBytes(data []byte) (*activity.Activity, error) {
	if limit := d.maxSize(); int64(len(data)) > limit {
		return nil, sizeLimitError(limit)
	}
	if err := d.Budget.Charge(int64(len(data))); err != nil {
		return nil, err
	}
	return d.decode(data)
}

// decode decodes the whole input data, within the size limit.
func (d *Decoder) decode(data []byte) (*activity.Activity, error) {
	var err error
	if isGzip(data) {
		zr, err := newGzipMembers(data)
		if err != nil {
			return nil, gzipError(err)
		}
		data, err = d.readAll(zr)
		if err != nil {
			return nil, gzipError(err)
		}
	}
	format := sniff(data)
	if format == "" {
		if f, order := sniffUTF16(data); f != "" {
			// GPX or TCX in UTF-16: read as the UTF-8 it transcodes to.
			if data, err = d.fromUTF16(data, order, f); err != nil {
				return nil, err
			}
			format = sniff(data)
		}
	}
	var a *activity.Activity
	switch format {
	case activity.FormatFIT:
		fd := fitio.Decoder{Lenient: d.Lenient, MaxSamples: d.MaxSamples}
		a, err = fd.DecodeBytes(data)
	case activity.FormatGPX:
		gd := gpxio.Decoder{MaxSamples: d.MaxSamples, MaxDepth: d.MaxDepth, MaxTokenSize: d.MaxTokenSize}
		a, err = gd.DecodeBytes(data)
	case activity.FormatTCX:
		td := tcxio.Decoder{MaxSamples: d.MaxSamples, MaxDepth: d.MaxDepth, MaxTokenSize: d.MaxTokenSize}
		a, err = td.DecodeBytes(data)
	default:
		if len(data) == 0 {
			return nil, fmt.Errorf("empty input (0 bytes): %w", ErrTruncated)
		}
		// Never a byte of the content: a file that is no activity may be
		// anything (a symlink to /proc/self/environ, a key file).
		return nil, fmt.Errorf("not an activity file (FIT, GPX or TCX): the content looks like %s: %w", describe(data), ErrUnknownFormat)
	}
	if err != nil {
		return nil, importerLimit(err)
	}
	return a, nil
}

// importerLimit renames the setting an importer's limit error names
// ("gpxio.Decoder.MaxDepth", a field a caller of analyze cannot reach) to
// the field of Decoder that raises the limit ("analyze.Decoder.MaxDepth");
// format, offset, element, kind and what went past the limit stay. Any
// other error is returned as it is.
func importerLimit(err error) error {
	fe, ok := err.(*activity.FormatError)
	var le *LimitError
	if !ok || fe.Kind != ErrLimit || !errors.As(fe.Err, &le) {
		return err
	}
	field := le.Limit[strings.LastIndexByte(le.Limit, '.')+1:]
	out := *fe
	out.Err = &LimitError{Limit: "analyze.Decoder." + field, What: le.What}
	return &out
}

// The sizes of the chunks readAll reads into: the first, and the largest.
const (
	firstChunk = 16 << 10
	maxChunk   = 1 << 20
)

// readAll reads r to its end, failing with a *LimitError past the size
// limit or once the Budget is spent. It reads at most the limit and one
// byte, into chunks that double from firstChunk to maxChunk, and joins them
// once at the end: an input
// past the limit (a gzip bomb) costs the limit and at most a chunk before
// it fails, where a growing buffer (io.ReadAll) would have cost about
// twice the limit in the copies it grows through.
func (d *Decoder) readAll(r io.Reader) ([]byte, error) {
	limit := d.maxSize()
	var (
		chunks [][]byte
		total  int64
		err    error
	)
	for size := int64(firstChunk); err == nil; size = min(2*size, maxChunk) {
		buf := make([]byte, min(size, limit+1-total))
		n := 0
		for n < len(buf) && err == nil {
			var k int
			k, err = r.Read(buf[n:])
			n += k
		}
		if n > 0 {
			chunks = append(chunks, buf[:n])
			total += int64(n)
		}
		if total > limit {
			return nil, sizeLimitError(limit)
		}
		if err := d.Budget.Charge(int64(n)); err != nil {
			return nil, err
		}
	}
	if err != io.EOF {
		return nil, err
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	data := make([]byte, 0, total)
	for _, c := range chunks {
		data = append(data, c...)
	}
	return data, nil
}

// maxSize returns the size limit: MaxSize, or DefaultMaxSize.
func (d *Decoder) maxSize() int64 {
	if d.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return d.MaxSize
}

// sizeLimitError is the error for an input past the size limit.
func sizeLimitError(limit int64) error {
	return &LimitError{Limit: "analyze.Decoder.MaxSize",
		What: fmt.Sprintf("input is larger than %d bytes after decompression", limit)}
}

// gzipError classifies an error met while decompressing.
func gzipError(err error) error {
	switch {
	case errors.Is(err, ErrLimit):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("gzip: %w: %w", ErrTruncated, err)
	case errors.Is(err, gzip.ErrChecksum):
		// The trailer's CRC-32 or length does not match the data.
		return fmt.Errorf("gzip: %w: %w", ErrChecksum, err)
	}
	return fmt.Errorf("gzip: %w: %w", ErrMalformed, err)
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// errGzipTrailing is the error for bytes after a gzip member that are
// neither another member nor zero padding.
var errGzipTrailing = errors.New("data after the end of the compressed stream that is neither another gzip member nor zero padding (gzip -t warns \"trailing garbage\")")

// gzipMembers reads the gzip file data as gzip -t reads it: member after
// member (a multistream file, as concatenated .gz files make), then, after
// the last member, only zero bytes, the padding that tape and blocked
// writers add and gzip accepts silently. Any other bytes there are an
// error wrapping errGzipTrailing.
type gzipMembers struct {
	data []byte
	src  *bytes.Reader
	zr   *gzip.Reader
}

// newGzipMembers starts reading the first member of data.
func newGzipMembers(data []byte) (*gzipMembers, error) {
	g := &gzipMembers{data: data, src: bytes.NewReader(data)}
	zr, err := gzip.NewReader(g.src) // a bytes.Reader: no read-ahead past the member
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	g.zr = zr
	return g, nil
}

// Read reads the members' decompressed bytes.
func (g *gzipMembers) Read(p []byte) (int, error) {
	for {
		n, err := g.zr.Read(p)
		if err != io.EOF {
			return n, err
		}
		rest := g.data[len(g.data)-g.src.Len():]
		switch {
		case len(bytes.TrimLeft(rest, "\x00")) == 0:
			return n, io.EOF
		case !isGzip(rest):
			return n, fmt.Errorf("at byte %d: %w", len(g.data)-len(rest), errGzipTrailing)
		}
		if err := g.zr.Reset(g.src); err != nil {
			return n, err
		}
		g.zr.Multistream(false)
		if n > 0 {
			return n, nil
		}
	}
}

// sniff names the format of data from its content, or "" when it is none
// runcheck reads. A FIT file starts with a 12- or 14-byte header whose bytes
// 8-11 are ".FIT". GPX and TCX are XML: after an optional byte order mark,
// white space, the XML declaration, comments and a doctype, the root element
// is gpx or TrainingCenterDatabase (with any namespace prefix).
func sniff(b []byte) activity.Format {
	if len(b) >= 12 && (b[0] == 12 || b[0] == 14) && string(b[8:12]) == ".FIT" {
		return activity.FormatFIT
	}
	root := xmlProlog(b)
	if root == nil {
		return ""
	}
	return rootFormat(root[1:])
}

// xmlProlog returns b after its prolog (a UTF-8 byte order mark, white
// space, the XML declaration, comments, processing instructions and a
// doctype), at the '<' of the root element, or nil when b holds no root
// element within sniffLen bytes.
func xmlProlog(b []byte) []byte {
	head := b[:min(len(b), sniffLen)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		head = bytes.TrimLeft(head, " \t\r\n")
		switch {
		case len(head) == 0 || head[0] != '<':
			return nil
		case bytes.HasPrefix(head, []byte("<?")):
			head = skipPast(head, "?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			head = skipPast(head, "-->")
		case bytes.HasPrefix(head, []byte("<!")):
			head = skipDoctype(head)
		default:
			return head
		}
	}
}

// skipDoctype returns b after the markup declaration it starts with
// ("<!DOCTYPE gpx SYSTEM "gpx.dtd">"), or nil. A '>' inside a quoted
// string or inside the internal subset ("<!DOCTYPE gpx [<!ENTITY x
// "y">]>") does not end it. Nothing in it is interpreted: the importers
// never expand entities.
func skipDoctype(b []byte) []byte {
	var quote byte
	subset := false
	for i := 2; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case subset && bytes.HasPrefix(b[i:], []byte("<!--")):
			j := bytes.Index(b[i+4:], []byte("-->"))
			if j < 0 {
				return nil
			}
			i += 4 + j + 2
		case c == '[' && !subset:
			subset = true
		case c == ']' && subset:
			subset = false
		case c == '>' && !subset:
			return b[i+1:]
		}
	}
	return nil
}

// skipPast returns b after the first occurrence of end, or nil.
func skipPast(b []byte, end string) []byte {
	i := bytes.Index(b, []byte(end))
	if i < 0 {
		return nil
	}
	return b[i+len(end):]
}

// rootFormat names the format whose root element b starts with (b begins just
// after the '<').
func rootFormat(b []byte) activity.Format {
	end := bytes.IndexAny(b, " \t\r\n/>")
	if end < 0 {
		return ""
	}
	name := b[:end]
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	switch string(name) {
	case "gpx":
		return activity.FormatGPX
	case "TrainingCenterDatabase":
		return activity.FormatTCX
	}
	return ""
}

// utf16Order is the byte order of UTF-16 content, from its byte order mark.
type utf16Order int

const (
	utf16LE utf16Order = iota + 1
	utf16BE
)

// String names the order as the message about the file does.
func (o utf16Order) String() string {
	if o == utf16BE {
		return "big-endian"
	}
	return "little-endian"
}

// utf16BOM returns the byte order of data's UTF-16 byte order mark, or 0.
func utf16BOM(data []byte) utf16Order {
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		return utf16LE
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		return utf16BE
	}
	return 0
}

// sniffUTF16 names the format of data when it is GPX or TCX in UTF-16
// with a byte order mark, as some Windows tools write them, and returns its
// byte order; "" when it is not.
func sniffUTF16(data []byte) (activity.Format, utf16Order) {
	order := utf16BOM(data)
	if order == 0 {
		return "", 0
	}
	head, _ := decodeUTF16(data[2:min(len(data), 2+2*sniffLen)], order)
	return sniff(head), order
}

// decodeUTF16 returns the UTF-8 of the UTF-16 text b (with no byte order
// mark), and the number of bytes of b that did not make a whole code unit
// (0 or 1). A lone surrogate becomes U+FFFD.
func decodeUTF16(b []byte, order utf16Order) ([]byte, int) {
	out := make([]byte, 0, len(b)/2+len(b)/8)
	unit := func(i int) rune {
		if order == utf16BE {
			return rune(b[i])<<8 | rune(b[i+1])
		}
		return rune(b[i+1])<<8 | rune(b[i])
	}
	i := 0
	for ; i+1 < len(b); i += 2 {
		r := unit(i)
		if utf16.IsSurrogate(r) && i+3 < len(b) {
			if dec := utf16.DecodeRune(r, unit(i+2)); dec != utf8.RuneError {
				r, i = dec, i+2
			}
		}
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError
		}
		out = utf8.AppendRune(out, r)
	}
	return out, len(b) - i
}

// xmlDeclEncoding matches the encoding of an XML declaration.
var xmlDeclEncoding = regexp.MustCompile(`(?i)(\sencoding\s*=\s*)("utf-16(?:le|be)?"|'utf-16(?:le|be)?')`)

// fromUTF16 transcodes data, GPX or TCX (format) in UTF-16 of the given
// byte order with its byte order mark, to the UTF-8 the importers read,
// and makes its XML declaration say so. The transcoded bytes count against
// MaxSize and the Budget as inflated bytes do.
func (d *Decoder) fromUTF16(data []byte, order utf16Order, format activity.Format) ([]byte, error) {
	out, odd := decodeUTF16(data[2:], order)
	if odd != 0 {
		return nil, &activity.FormatError{Format: format, Offset: int64(len(data) - 1), Kind: ErrTruncated,
			Err: fmt.Errorf("the file is UTF-16 (%s) and ends inside a character", order)}
	}
	if limit := d.maxSize(); int64(len(out)) > limit {
		return nil, sizeLimitError(limit)
	}
	if err := d.Budget.Charge(int64(len(out))); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(out, []byte("<?xml")) {
		if end := bytes.Index(out, []byte("?>")); end > 0 {
			decl := xmlDeclEncoding.ReplaceAll(out[:end], []byte(`${1}"UTF-8"`))
			out = append(decl, out[end:]...)
		}
	}
	return out, nil
}

// describe says what data, which is no activity file, looks like, in a few
// words for an error message ("a JPEG image", "text", "XML with root
// <kml>"), without a byte of its content: only the kind, from its
// signature or the shape of its text. The root element's name of XML is
// named only when it is a plain ASCII XML name, cut to 32 bytes.
func describe(data []byte) string {
	for _, sig := range []struct{ magic, what string }{
		{"\x89PNG\r\n\x1a\n", "a PNG image"},
		{"\xff\xd8\xff", "a JPEG image"},
		{"GIF87a", "a GIF image"},
		{"GIF89a", "a GIF image"},
		{"%PDF-", "a PDF document"},
		{"PK\x03\x04", "a zip archive"},
		{"PK\x05\x06", "a zip archive"},
		{"PK\x07\x08", "a zip archive"},
		{"\x1f\x8b", "gzip data"},
		{"\x7fELF", "an executable (ELF)"},
	} {
		if bytes.HasPrefix(data, []byte(sig.magic)) {
			return sig.what
		}
	}
	if order := utf16BOM(data); order != 0 {
		head, _ := decodeUTF16(data[2:min(len(data), 2+2*sniffLen)], order)
		if isText(head) {
			return "UTF-16 text"
		}
		return "binary data"
	}
	head := data[:min(len(data), sniffLen)]
	if !isText(head) {
		return "binary data"
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') && json.Valid(data):
		return "JSON"
	case len(trimmed) > 0 && trimmed[0] == '<':
		lower := bytes.ToLower(trimmed[:min(len(trimmed), 14)])
		if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
			return "HTML"
		}
		root := xmlProlog(head)
		if root == nil {
			return "XML"
		}
		name := root[1:]
		if end := bytes.IndexAny(name, " \t\r\n/>"); end >= 0 {
			name = name[:end]
		}
		switch n := string(name); {
		case strings.EqualFold(n, "html"):
			return "HTML"
		case xmlName(n):
			if len(n) > 32 {
				n = n[:32] + "..."
			}
			return "XML with root <" + n + ">"
		}
		return "XML"
	}
	return "text"
}

// isText reports whether b reads as text: UTF-8 (the last character may be
// cut by the end of b) without control characters other than tab, line
// feed, form feed and carriage return.
func isText(b []byte) bool {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:])
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\f' && r != '\r' || r == 0x7f {
			return false
		}
		i += size
	}
	return true
}

// xmlName reports whether s is an XML name of ASCII letters, digits and
// the punctuation names may hold, so that a message can show it as it is.
func xmlName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == ':':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}
