package gpxio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/runcheck/runcheck/activity"
)

// The fast reader.
//
// Decode first reads the whole input into memory and scans it with a byte
// scanner that accepts a strict subset of what the reference reader (the
// streaming reader on encoding/xml in decode.go) accepts, and feeds the same
// parser state and semantics (open, close, value, finish). On that subset
// it gives the identical activity, warnings and errors; the differential
// and fuzz tests (fast_test.go) hold it to that. Everything else it leaves
// to the reference reader, which decodes the input again from its first
// byte. The fast reader falls back:
//
//   - when the input is larger than fastMaxInput, or reading it fails (the
//     reference then reads the bytes already read, then the rest of the
//     input or the same error);
//   - on any error before the root element closes: not well-formed XML,
//     truncation, the MaxDepth, MaxSamples and MaxTokenSize limits, a root
//     other than <gpx> (so every such error is the reference's own, with its
//     message and offset). The errors finish reports (no samples, no
//     timestamps, ...) come from the shared code and are returned directly;
//   - on an XML declaration naming an encoding other than UTF-8 (the
//     reference converts the input) or a version other than 1.0;
//   - on a directive (<!DOCTYPE ...>) before or inside the root element;
//   - on element or attribute names with bytes outside ASCII;
//   - on text before the root element other than white space after an
//     optional byte order mark;
//   - on any token longer than MaxTokenSize: the reference's check depends
//     on where its 32 KiB reads fall, so only it can say.
//
// After the root element closes, the fast reader decides alone where it can:
// white space, comments and processing instructions are skipped, and
// anything else (including a malformed token) ends the document with the
// "ignored content" warning at that token's offset, as the reference does.

// fastMaxInput is the largest input the fast reader holds in memory (the
// same as analyze.DefaultMaxSize); a larger one is decoded by the streaming
// reference reader.
const fastMaxInput = 256 << 20

// errFallback is what the fast reader returns for an input it leaves to the
// reference reader; it never leaves Decode.
var errFallback = errors.New("gpxio: fall back to the reference reader")

// failReader replays a read error.
type failReader struct{ err error }

func (r failReader) Read([]byte) (int, error) { return 0, r.err }

// readInput reads r to its end, with the read errors of the reference
// reader's byteReader.fill (an error after 100 empty reads, a count out of
// range), straight into the returned slice. rest is nil when data is all of
// the input; otherwise (the input is larger than fastMaxInput, or reading
// failed) rest gives what follows data: the rest of r, or the read error.
func readInput(r io.Reader) (data []byte, rest io.Reader) {
	if br, ok := r.(*bytes.Reader); ok && br.Len() <= fastMaxInput {
		// What the analyze package passes. WriteTo hands over the bytes in
		// one Write, and appending them to nil spares the zeroing that a
		// buffer to read into costs.
		var w appendWriter
		br.WriteTo(&w) // cannot fail: appendWriter.Write does not
		return w.data, nil
	}
	size := readBufSize
	if l, ok := r.(interface{ Len() int }); ok {
		// A strings.Reader or a bytes.Buffer is then read in one call.
		size = min(l.Len(), fastMaxInput) + readBufSize
	}
	data = make([]byte, 0, size)
	for {
		if len(data) > fastMaxInput {
			return data, r
		}
		data = slices.Grow(data, readBufSize)
		var err error
		for empty := 0; ; empty++ {
			if empty == 100 {
				return data, failReader{io.ErrNoProgress}
			}
			p := data[len(data):cap(data)]
			var n int
			n, err = r.Read(p)
			if n < 0 || n > len(p) {
				return data, failReader{fmt.Errorf("gpxio: reader returned invalid count %d", n)}
			}
			data = data[:len(data)+n]
			if n > 0 || err != nil {
				break
			}
		}
		switch err {
		case nil:
		case io.EOF:
			return data, nil
		default:
			return data, failReader{err}
		}
	}
}

// appendWriter collects what is written to it.
type appendWriter struct{ data []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.data = append(w.data, p...)
	return len(p), nil
}

// tryFast runs the fast reader, turning a panic into a fallback.
func (d *Decoder) tryFast(data []byte) (a *activity.Activity, err error) {
	defer func() {
		if recover() != nil {
			a, err = nil, errFallback
		}
	}()
	return d.decodeFast(data)
}

// decodeFast decodes a whole document held in data, or returns errFallback.
func (d *Decoder) decodeFast(data []byte) (*activity.Activity, error) {
	f := fastParser{parser: newState(d), data: data}
	if !f.run() {
		return nil, errFallback
	}
	return f.finish()
}

// span is a run of bytes of the input (or of fastParser.values): frames and
// attributes hold spans rather than slices, since structs without pointers
// cost the garbage collector nothing to write.
type span struct{ start, end int }

// fastFrame is one open element of the fast reader.
type fastFrame struct {
	kind  kind
	name  span // the qualified name, as written
	nsLen int
}

// fastAttr is one attribute of the start tag being read.
type fastAttr struct {
	space, local span
	value        span // in fastParser.values when decoded, else in the input
	decoded      bool
}

// fastParser is the state of one fast decode.
type fastParser struct {
	*parser
	data    []byte
	stack   []fastFrame
	attrs   []fastAttr
	values  []byte // the attribute values of the start tag that have entities
	scratch []byte // decoded text
	// bound is a namespace prefix known to be declared in scope (it stays
	// so until an element with declarations closes), to spare most
	// prefixed elements a map lookup.
	bound []byte
}

// in returns the input bytes of s.
func (f *fastParser) in(s span) []byte { return f.data[s.start:s.end] }

// attrValue returns the value of an attribute.
func (f *fastParser) attrValue(at *fastAttr) []byte {
	if at.decoded {
		return f.values[at.value.start:at.value.end]
	}
	return f.in(at.value)
}

// checkPrefix is parser.checkPrefix with a cache of the last prefix found
// declared.
func (f *fastParser) checkPrefix(prefix []byte) {
	if len(prefix) == 0 || bytes.Equal(prefix, f.bound) {
		return
	}
	f.parser.checkPrefix(prefix)
	if f.inScope[string(prefix)] > 0 {
		f.bound = prefix
	}
}

// Byte classes.
const (
	cName      = 1 << iota // may appear in a name (encoding/xml's isNameByte)
	cNameStart             // may start a name (ASCII only)
	cSpace                 // XML white space
	cText                  // stands for itself in character data
	cAttr                  // stands for itself in an attribute value
)

var class = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || b == '_' || b == ':' {
			t[c] |= cName | cNameStart
		}
		if '0' <= b && b <= '9' || b == '.' || b == '-' {
			t[c] |= cName
		}
		if b == ' ' || b == '\t' || b == '\n' || b == '\r' {
			t[c] |= cSpace
		}
		if b >= 0x20 && b < 0x7F || b == '\t' || b == '\n' {
			if b != '&' && b != ']' && b != '<' {
				t[c] |= cText
			}
			if b != '&' && b != '<' {
				t[c] |= cAttr
			}
		}
	}
	return t
}()

// run scans the document. It returns false to fall back.
func (f *fastParser) run() bool {
	data := f.data
	i := 0
	for i < len(data) {
		tok := i
		f.off = int64(tok)
		if data[i] != '<' {
			j := bytes.IndexByte(data[i:], '<')
			if j < 0 {
				j = len(data)
			} else {
				j += i
			}
			// The reference reads the '<' too, or tries to read past the
			// end.
			if !f.limitOK(j + 1 - tok) {
				return false
			}
			if f.rootClosed {
				if !f.spaceAfterRoot(data[i:j]) {
					f.trailing.add("", f.off, 0)
					return true
				}
				i = j
				continue
			}
			if j == len(data) {
				return false // truncated
			}
			if !f.text(data[i:j], false) {
				return false
			}
			i = j
			continue
		}
		if i+1 >= len(data) {
			return f.badToken()
		}
		var next int
		switch data[i+1] {
		case '/':
			if f.rootClosed {
				f.trailing.add("", f.off, 0)
				return true
			}
			next = f.endTag(i)
		case '?':
			next = f.procInst(i)
		case '!':
			next = f.bang(i)
		default:
			if f.rootClosed {
				f.trailing.add("", f.off, 0)
				return true
			}
			next = f.startTag(i)
		}
		switch {
		case next == fbFail:
			return f.badToken()
		case next == fbFallback:
			return false
		case next == fbTrailing:
			f.trailing.add("", int64(tok), 0)
			return true
		case !f.limitOK(next - tok):
			return false
		}
		i = next
	}
	// The reference reads on to EOF: the document must be complete.
	return f.rootClosed
}

// Results of the token readers other than the offset after the token.
const (
	fbFail     = -1 // not well-formed: the reference fails on this token
	fbFallback = -2 // well-formed, but beyond the fast reader
	fbTrailing = -3 // a token after the root element that ends the document
)

// badToken handles a token on which the reference reader fails: after the
// root element that ends the document with a warning; before, it is an
// error the reference reports.
func (f *fastParser) badToken() bool {
	if f.rootClosed {
		f.trailing.add("", f.off, 0)
		return true
	}
	return false
}

// limitOK reports whether a token that makes the reference read n bytes
// from its start is surely within MaxTokenSize.
func (f *fastParser) limitOK(n int) bool {
	return int64(n) <= f.maxToken
}

// spaceAfterRoot reports whether text after the root element is white
// space that the reference reader skips.
func (f *fastParser) spaceAfterRoot(raw []byte) bool {
	if isSpace(raw) {
		return true
	}
	t, ok := f.decode(raw, modeText)
	return ok && isSpace(t)
}

// text handles character data (or a CDATA section when cdata is set) inside
// or before the root element. It returns false to fall back.
func (f *fastParser) text(raw []byte, cdata bool) bool {
	if len(f.stack) == 0 {
		// Before the root: white space, after a byte order mark at the
		// very start.
		b := raw
		if !cdata && f.off == 0 && len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
			b = b[3:]
			f.bom = true
		}
		return isSpace(b)
	}
	leaf := f.stack[len(f.stack)-1].kind >= kFirstLeaf
	t := raw
	clean := !cdata
	if clean {
		for _, c := range raw {
			if class[c]&cText == 0 {
				clean = false
				break
			}
		}
	}
	if !clean {
		mode := modeText
		if cdata {
			mode = modeCDATA
		}
		var ok bool
		if t, ok = f.decode(raw, mode); !ok {
			return false
		}
	}
	if leaf {
		if len(f.parser.text)+len(t) > int(f.maxToken) {
			return false
		}
		f.parser.text = append(f.parser.text, t...)
	}
	return true
}

// skipSpace returns the index of the first byte at or after i that is not
// XML white space.
func skipSpace(data []byte, i int) int {
	for i < len(data) && class[data[i]]&cSpace != 0 {
		i++
	}
	return i
}

// name reads an XML name at i, as encoding/xml's name does, and returns the
// index after it: fbFail when there is none or it is invalid, fbFallback
// when it holds a byte outside ASCII.
func name(data []byte, i int) int {
	if i >= len(data) {
		return fbFail
	}
	c := data[i]
	if c >= utf8.RuneSelf {
		return fbFallback
	}
	if class[c]&cNameStart == 0 {
		return fbFail // no name, or one that starts with a digit, '.' or '-'
	}
	i++
	for i < len(data) && class[data[i]]&cName != 0 {
		i++
	}
	if i < len(data) && data[i] >= utf8.RuneSelf {
		return fbFallback
	}
	if i >= len(data) {
		return fbFail // unexpected EOF
	}
	return i
}

// splitName splits the qualified name in data[i:j] as encoding/xml's nsname
// does; ok is false when the name has more than one colon.
func splitName(data []byte, i, j int) (space, local span, ok bool) {
	c := -1
	for k := i; k < j; k++ {
		if data[k] == ':' {
			if c >= 0 {
				return span{}, span{}, false
			}
			c = k
		}
	}
	if c <= i || c == j-1 {
		return span{i, i}, span{i, j}, true
	}
	return span{i, c}, span{c + 1, j}, true
}

// startTag reads a start tag at i and opens its element (and closes it too
// when it is empty). It returns the index after the tag or an fb code.
func (f *fastParser) startTag(i int) int {
	data := f.data
	j := name(data, i+1)
	if j < 0 {
		return j
	}
	qname := span{i + 1, j}
	space, local, ok := splitName(data, i+1, j)
	if !ok {
		return fbFail
	}
	f.attrs = f.attrs[:0]
	f.values = f.values[:0]
	empty := false
	for {
		j = skipSpace(data, j)
		if j >= len(data) {
			return fbFail
		}
		if data[j] == '/' {
			if j+1 >= len(data) || data[j+1] != '>' {
				return fbFail
			}
			j += 2
			empty = true
			break
		}
		if data[j] == '>' {
			j++
			break
		}
		k := name(data, j)
		if k < 0 {
			return k
		}
		aspace, alocal, ok := splitName(data, j, k)
		if !ok {
			return fbFail
		}
		k = skipSpace(data, k)
		if k >= len(data) || data[k] != '=' {
			return fbFail
		}
		k = skipSpace(data, k+1)
		if k >= len(data) || data[k] != '"' && data[k] != '\'' {
			return fbFail
		}
		q := data[k]
		k++
		end := bytes.IndexByte(data[k:], q)
		if end < 0 {
			return fbFail
		}
		at := fastAttr{space: aspace, local: alocal, value: span{k, k + end}}
		for _, c := range data[k : k+end] {
			if class[c]&cAttr == 0 {
				val, ok := f.decode(data[k:k+end], modeAttr)
				if !ok {
					return fbFail
				}
				at.value = span{len(f.values), len(f.values) + len(val)}
				at.decoded = true
				f.values = append(f.values, val...)
				break
			}
		}
		f.attrs = append(f.attrs, at)
		j = k + end + 1
	}
	if !f.limitOK(j - i) {
		return fbFallback
	}
	if !f.open(qname, space, local) {
		return fbFallback
	}
	if empty {
		f.off = int64(j)
		f.close()
	}
	return j
}

// open opens an element whose start tag (attributes in f.attrs) was just
// read, as the reference parser's start does. It returns false to fall
// back.
func (f *fastParser) open(qname, space, local span) bool {
	depth := len(f.stack)
	if depth >= f.maxDepth {
		return false
	}
	nsLen := len(f.ns)
	for i := range f.attrs {
		if at := &f.attrs[i]; string(f.in(at.space)) == "xmlns" {
			f.declare(string(f.in(at.local)))
		}
	}
	f.checkPrefix(f.in(space))
	for i := range f.attrs {
		if at := &f.attrs[i]; string(f.in(at.space)) != "xmlns" {
			f.checkPrefix(f.in(at.space))
		}
	}
	k := kGPX
	if depth == 0 {
		if string(f.in(local)) != "gpx" {
			return false
		}
	} else {
		k = classify(f.stack[depth-1].kind, string(f.in(local)))
	}
	f.stack = append(f.stack, fastFrame{kind: k, name: qname, nsLen: nsLen})
	switch k {
	case kGPX:
		for i := range f.attrs {
			if at := &f.attrs[i]; at.space.start == at.space.end && string(f.in(at.local)) == "creator" {
				f.creator = strings.TrimSpace(string(f.attrValue(at)))
			}
		}
	case kTrkpt:
		if f.openPoint() != nil {
			return false
		}
		for i := range f.attrs {
			at := &f.attrs[i]
			if at.space.start != at.space.end {
				continue
			}
			switch string(f.in(at.local)) {
			case "lat":
				f.pt.lat = f.number(f.attrValue(at), "lat")
			case "lon":
				f.pt.lon = f.number(f.attrValue(at), "lon")
			}
		}
	default:
		f.parser.open(k)
	}
	return true
}

// close closes the innermost element.
func (f *fastParser) close() {
	fr := f.stack[len(f.stack)-1]
	f.stack = f.stack[:len(f.stack)-1]
	if len(f.ns) > fr.nsLen {
		f.bound = nil
		f.undeclare(fr.nsLen)
	}
	f.parser.close(fr.kind)
}

// endTag reads an end tag at i and closes its element.
func (f *fastParser) endTag(i int) int {
	data := f.data
	if len(f.stack) == 0 {
		return fbFail
	}
	// The name must be the open element's, which passed splitName: a
	// different one is an error, whether it is a valid name or not. When
	// the open element's name is there, ended by a byte that cannot
	// continue a name, it is the name name would read.
	open := f.in(f.stack[len(f.stack)-1].name)
	j := i + 2 + len(open)
	if j >= len(data) || !bytes.Equal(data[i+2:j], open) || class[data[j]]&cName != 0 || data[j] >= utf8.RuneSelf {
		if j = name(data, i+2); j < 0 {
			return j
		}
		if !bytes.Equal(open, data[i+2:j]) {
			return fbFail
		}
	}
	j = skipSpace(data, j)
	if j >= len(data) || data[j] != '>' {
		return fbFail
	}
	j++
	if !f.limitOK(j - i) {
		return fbFallback
	}
	f.close()
	return j
}

// procInst reads a processing instruction at i. An XML declaration must
// name version 1.0 (or none) and UTF-8 (or no encoding); one that is not at
// the start of the document adds a warning, as in the reference.
func (f *fastParser) procInst(i int) int {
	data := f.data
	j := name(data, i+2)
	if j < 0 {
		return j
	}
	target := data[i+2 : j]
	j = skipSpace(data, j)
	end := bytes.Index(data[j:], []byte("?>"))
	if end < 0 {
		return fbFail
	}
	content := data[j : j+end]
	next := j + end + 2
	if string(target) == "xml" {
		ver := procInstParam("version", content)
		if ver != "" && ver != "1.0" {
			return fbFail
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			return fbFallback
		}
	}
	if !f.limitOK(next - i) {
		return fbFallback
	}
	if strings.EqualFold(string(target), "xml") && f.off != 0 && !(f.bom && f.off == 3) {
		f.lateDecl.add("", f.off, 0)
	}
	return next
}

// procInstParam returns the value of param in the content of a processing
// instruction, as encoding/xml's procInst does.
func procInstParam(param string, content []byte) string {
	s := string(content)
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// bang reads a comment or a CDATA section at i.
func (f *fastParser) bang(i int) int {
	data := f.data
	if i+2 >= len(data) {
		return fbFail
	}
	switch data[i+2] {
	case '-':
		if i+3 >= len(data) || data[i+3] != '-' {
			return fbFail
		}
		// The first "--" must end the comment.
		end := bytes.Index(data[i+4:], []byte("--"))
		if end < 0 {
			return fbFail
		}
		k := i + 4 + end + 2
		if k >= len(data) || data[k] != '>' {
			return fbFail
		}
		return k + 1
	case '[':
		if !bytes.HasPrefix(data[i+3:], []byte("CDATA[")) {
			return fbFail
		}
		start := i + 9
		end := bytes.Index(data[start:], []byte("]]>"))
		if end < 0 {
			return fbFail
		}
		next := start + end + 3
		if !f.limitOK(next - i) {
			return fbFallback
		}
		raw := data[start : start+end]
		if f.rootClosed {
			if t, ok := f.decode(raw, modeCDATA); ok && isSpace(t) {
				return next
			}
			return fbTrailing
		}
		if !f.text(raw, true) {
			return fbFallback
		}
		return next
	}
	if f.rootClosed {
		return fbTrailing // a directive
	}
	return fbFallback
}

// Modes of decode.
const (
	modeText  = iota // character data
	modeAttr         // a quoted attribute value
	modeCDATA        // a CDATA section
)

// decode decodes raw text as encoding/xml's text does (entities, line
// ends) and checks it the same way. It reports false where encoding/xml
// fails. The result is valid until the next call.
func (f *fastParser) decode(raw []byte, mode int) ([]byte, bool) {
	buf := f.scratch[:0]
	var b0, b1 byte
	for i := 0; i < len(raw); i++ {
		b := raw[i]
		if mode == modeText && b0 == ']' && b1 == ']' && b == '>' {
			return nil, false // "]]>" outside a CDATA section
		}
		if mode == modeAttr && b == '<' {
			return nil, false
		}
		if b == '&' && mode != modeCDATA {
			r, n, ok := entity(raw[i+1:])
			if !ok {
				return nil, false
			}
			buf = utf8.AppendRune(buf, r)
			i += n
			b0, b1 = 0, 0
			continue
		}
		switch {
		case b == '\r':
			buf = append(buf, '\n')
		case b1 == '\r' && b == '\n':
		default:
			buf = append(buf, b)
		}
		b0, b1 = b1, b
	}
	f.scratch = buf
	for s := buf; len(s) > 0; {
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError && size == 1 || !inCharRange(r) {
			return nil, false
		}
		s = s[size:]
	}
	return buf, true
}

// entity reads a character or entity reference after its '&': one of the
// five predefined entities or a numeric reference, ended by ';'. It returns
// the character and the bytes read.
func entity(s []byte) (rune, int, bool) {
	semi := bytes.IndexByte(s, ';')
	if semi < 0 {
		return 0, 0, false
	}
	ref := s[:semi]
	switch string(ref) {
	case "lt":
		return '<', semi + 1, true
	case "gt":
		return '>', semi + 1, true
	case "amp":
		return '&', semi + 1, true
	case "apos":
		return '\'', semi + 1, true
	case "quot":
		return '"', semi + 1, true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, 0, false
	}
	digits, base := ref[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	for _, c := range digits {
		if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
			return 0, 0, false
		}
	}
	n, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil || n > utf8.MaxRune {
		return 0, 0, false
	}
	return rune(n), semi + 1, true
}

// inCharRange reports whether r is an XML Char, as encoding/xml's
// isInCharacterRange does.
func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
