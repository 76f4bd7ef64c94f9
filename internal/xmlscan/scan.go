// Package xmlscan scans XML documents held in memory, token by token, as
// [encoding/xml.Decoder.RawToken] does, but on a strict subset of XML and
// without allocating per token.
//
// # The subset
//
// A [Scanner] reads UTF-8 only. It reads start and end tags with ASCII
// names and quoted attributes, character data with the five predefined
// entities and numeric character references, CDATA sections (returned as
// character data, as encoding/xml does), comments and processing
// instructions. For every token it returns one of three verdicts:
//
//   - a token ([StartElement], [EndElement], [CharData], [Comment],
//     [ProcInst]) or [EOF]: encoding/xml's RawToken, given the same bytes
//     from the start of the document (with Strict set and no Entity map),
//     returns the same token, with the same name, attributes and decoded
//     text, and its InputOffset after it is [Scanner.InputOffset];
//   - [Malformed]: RawToken fails on this token (not well-formed XML,
//     including input that ends inside the token);
//   - [Unsupported]: the token is outside the subset, and only encoding/xml
//     can tell what it is: a directive such as <!DOCTYPE ...>, a name with
//     a byte outside ASCII, an XML declaration naming an encoding other
//     than UTF-8 (encoding/xml would switch to its CharsetReader), or a
//     token longer than [Scanner.MaxTokenSize].
//
// After Malformed or Unsupported the scanner stays where it is: Next
// returns the same verdict again. A caller that meets Unsupported decodes
// the document with encoding/xml instead, from its first byte. On
// Malformed it may do the same, or act as it would on an error of
// encoding/xml there, since encoding/xml fails on that token too.
//
// RawToken checks neither that end tags match start tags nor namespace
// prefixes, and neither does the Scanner. Like RawToken, it returns an
// empty element (<a/>) as a StartElement followed by an EndElement.
//
// # Use
//
//	var s xmlscan.Scanner
//	s.Reset(data)
//	for {
//		switch s.Next() {
//		case xmlscan.StartElement:
//			space, local := xmlscan.SplitName(s.Name())
//			...
//		case xmlscan.EOF:
//			return ...
//		case xmlscan.Unsupported:
//			return decodeWithEncodingXML(data)
//		}
//	}
//
// Slices the Scanner returns point into the input or into its own buffers
// and are valid until the next call of Next or Reset.
package xmlscan

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the kind of a token, or a verdict on one.
type Kind uint8

// The kinds of tokens and verdicts.
const (
	// EOF is the end of the input, between tokens.
	EOF Kind = iota
	// StartElement is a start tag (or the first half of an empty-element tag).
	StartElement
	// EndElement is an end tag (or the second half of an empty-element tag).
	EndElement
	// CharData is text or a CDATA section, decoded.
	CharData
	// Comment is a comment.
	Comment
	// ProcInst is a processing instruction, the XML declaration included.
	ProcInst
	// Malformed is a token on which encoding/xml's RawToken fails.
	Malformed
	// Unsupported is a token outside the subset the Scanner reads.
	Unsupported
)

var kindNames = [...]string{"EOF", "StartElement", "EndElement", "CharData", "Comment", "ProcInst", "Malformed", "Unsupported"}

// String returns the name of the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// span is a range of the input (or of Scanner.vals for decoded values).
type span struct{ start, end int }

// attr is one attribute of the current start tag.
type attr struct {
	name    span
	value   span // in Scanner.vals when decoded, else in the input
	decoded bool
}

// A Scanner reads the tokens of one document. The zero value is an empty
// document; Reset gives it another. A Scanner reuses its buffers across
// documents, so that scanning allocates only while they grow.
type Scanner struct {
	// MaxTokenSize, when positive, is the largest token in bytes (from its
	// first byte to its last; for character data, up to the '<' that ends
	// it) that Next returns; a larger one is Unsupported, since a reader
	// built on encoding/xml that bounds tokens counts them its own way.
	MaxTokenSize int

	data      []byte
	start     int // first byte of the current token
	pos       int // byte after the current token
	kind      Kind
	stuck     bool // the current verdict is final
	name      span // element name or processing instruction target
	text      []byte
	attrs     []attr
	vals      []byte // decoded attribute values
	scratch   []byte // decoded text
	needClose bool   // the last start tag was an empty-element tag
}

// Reset makes the scanner read data from its first byte.
func (s *Scanner) Reset(data []byte) {
	*s = Scanner{
		MaxTokenSize: s.MaxTokenSize,
		data:         data,
		attrs:        s.attrs[:0],
		vals:         s.vals[:0],
		scratch:      s.scratch[:0],
	}
}

// Offset returns the offset of the current token's first byte.
func (s *Scanner) Offset() int { return s.start }

// InputOffset returns the offset after the current token: what
// encoding/xml's Decoder.InputOffset returns after RawToken returned it.
// After Malformed or Unsupported it is the offset of the token's first
// byte.
func (s *Scanner) InputOffset() int { return s.pos }

// Name returns the name of the current element as written (see
// [SplitName]), or the target of the current processing instruction.
func (s *Scanner) Name() []byte { return s.data[s.name.start:s.name.end] }

// SplitName splits an element or attribute name that a Scanner returned
// as encoding/xml splits it into Name.Space and Name.Local: a name with a
// colon that is neither its first nor its last byte has a prefix; any
// other name is all local.
func SplitName(name []byte) (space, local []byte) {
	c := -1
	for i, b := range name {
		if b == ':' {
			c = i
			break
		}
	}
	if c <= 0 || c == len(name)-1 {
		return name[:0], name
	}
	return name[:c], name[c+1:]
}

// Text returns the decoded text of the current character data, the
// content of the current comment, or the instruction of the current
// processing instruction (after the white space that follows its target).
func (s *Scanner) Text() []byte { return s.text }

// NumAttr returns the number of attributes of the current start element.
func (s *Scanner) NumAttr() int {
	if s.kind != StartElement {
		return 0
	}
	return len(s.attrs)
}

// Attr returns the name as written (see [SplitName]) and the decoded value
// of the i-th attribute of the current start element, in the order
// written.
func (s *Scanner) Attr(i int) (name, value []byte) {
	a := &s.attrs[i]
	value = s.data[a.value.start:a.value.end]
	if a.decoded {
		value = s.vals[a.value.start:a.value.end]
	}
	return s.data[a.name.start:a.name.end], value
}

// Results of the token readers other than the offset after the token.
const (
	fail        = -1 // Malformed
	unsupported = -2 // Unsupported
)

// Next reads the next token and returns its kind, or a verdict on it.
func (s *Scanner) Next() Kind {
	if s.stuck {
		return s.kind
	}
	if s.needClose {
		// The second half of <a/>: encoding/xml reads nothing for it.
		s.needClose = false
		s.start = s.pos
		s.kind = EndElement
		return EndElement
	}
	s.start = s.pos
	data := s.data
	i := s.pos
	if i >= len(data) {
		s.kind = EOF
		return EOF
	}
	var kind Kind
	var next int
	if data[i] != '<' {
		kind, next = CharData, s.charData(i)
	} else if i+1 >= len(data) {
		next = fail
	} else {
		switch data[i+1] {
		case '/':
			kind, next = EndElement, s.endTag(i)
		case '?':
			kind, next = ProcInst, s.procInst(i)
		case '!':
			kind, next = s.bang(i)
		default:
			kind, next = StartElement, s.startTag(i)
		}
	}
	switch {
	case next == fail:
		kind = Malformed
	case next == unsupported || s.MaxTokenSize > 0 && next-i > s.MaxTokenSize:
		kind = Unsupported
	}
	s.kind = kind
	if kind == Malformed || kind == Unsupported {
		s.stuck = true
		s.needClose = false
		return kind
	}
	s.pos = next
	return kind
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
		// '\r' is rewritten, ']' may start "]]>", '&' an entity; bytes
		// outside ASCII must be checked as UTF-8.
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

// skipSpace returns the index of the first byte at or after i that is not
// XML white space.
func skipSpace(data []byte, i int) int {
	for i < len(data) && class[data[i]]&cSpace != 0 {
		i++
	}
	return i
}

// name reads a name at i, as encoding/xml's name does, and returns the
// index after it: fail when there is none, it is invalid or the input ends
// in it, unsupported when it holds a byte outside ASCII.
func name(data []byte, i int) int {
	if i >= len(data) {
		return fail
	}
	c := data[i]
	if c >= utf8.RuneSelf {
		return unsupported
	}
	if class[c]&cNameStart == 0 {
		return fail // no name, or one that starts with a digit, '.' or '-'
	}
	i++
	for i < len(data) && class[data[i]]&cName != 0 {
		i++
	}
	if i >= len(data) {
		return fail // encoding/xml needs the byte after the name
	}
	if data[i] >= utf8.RuneSelf {
		return unsupported
	}
	return i
}

// qualified reports whether a name has at most one colon, as encoding/xml's
// nsname requires of element and attribute names.
func qualified(name []byte) bool {
	// Names are short: a loop beats two calls of bytes.IndexByte.
	colon := false
	for _, c := range name {
		if c == ':' {
			if colon {
				return false
			}
			colon = true
		}
	}
	return true
}

// charData reads character data at i, up to the next '<' or the end of the
// input.
func (s *Scanner) charData(i int) int {
	data := s.data
	j := i
	for j < len(data) && class[data[j]]&cText != 0 {
		j++
	}
	if j < len(data) && data[j] != '<' {
		k := bytes.IndexByte(data[j:], '<')
		if k < 0 {
			j = len(data)
		} else {
			j += k
		}
		t, ok := s.decode(data[i:j], modeText)
		if !ok {
			return fail
		}
		s.text = t
		return j
	}
	s.text = data[i:j]
	return j
}

// startTag reads a start tag at i.
func (s *Scanner) startTag(i int) int {
	data := s.data
	j := name(data, i+1)
	if j < 0 {
		return j
	}
	if !qualified(data[i+1 : j]) {
		return fail
	}
	s.name = span{i + 1, j}
	s.attrs = s.attrs[:0]
	s.vals = s.vals[:0]
	for {
		j = skipSpace(data, j)
		if j >= len(data) {
			return fail
		}
		switch data[j] {
		case '/':
			if j+1 >= len(data) || data[j+1] != '>' {
				return fail
			}
			s.needClose = true
			return j + 2
		case '>':
			return j + 1
		}
		k := name(data, j)
		if k < 0 {
			return k
		}
		if !qualified(data[j:k]) {
			return fail
		}
		a := attr{name: span{j, k}}
		k = skipSpace(data, k)
		if k >= len(data) || data[k] != '=' {
			return fail
		}
		k = skipSpace(data, k+1)
		if k >= len(data) || data[k] != '"' && data[k] != '\'' {
			return fail
		}
		q := data[k]
		k++
		end := bytes.IndexByte(data[k:], q)
		if end < 0 {
			return fail
		}
		a.value = span{k, k + end}
		for _, c := range data[k : k+end] {
			if class[c]&cAttr == 0 {
				val, ok := s.decode(data[k:k+end], modeAttr)
				if !ok {
					return fail
				}
				a.value = span{len(s.vals), len(s.vals) + len(val)}
				a.decoded = true
				s.vals = append(s.vals, val...)
				break
			}
		}
		s.attrs = append(s.attrs, a)
		j = k + end + 1
	}
}

// endTag reads an end tag at i.
func (s *Scanner) endTag(i int) int {
	data := s.data
	j := name(data, i+2)
	if j < 0 {
		return j
	}
	if !qualified(data[i+2 : j]) {
		return fail
	}
	s.name = span{i + 2, j}
	j = skipSpace(data, j)
	if j >= len(data) || data[j] != '>' {
		return fail
	}
	return j + 1
}

// procInst reads a processing instruction at i.
func (s *Scanner) procInst(i int) int {
	data := s.data
	j := name(data, i+2)
	if j < 0 {
		return j
	}
	s.name = span{i + 2, j}
	j = skipSpace(data, j)
	end := bytes.Index(data[j:], []byte("?>"))
	if end < 0 {
		return fail
	}
	content := data[j : j+end]
	if string(data[i+2:s.name.end]) == "xml" {
		if v := procInstParam("version", content); v != "" && v != "1.0" {
			return fail
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			return unsupported // encoding/xml switches to its CharsetReader
		}
	}
	s.text = content
	return j + end + 2
}

// procInstParam returns the value of param in the content of a processing
// instruction, as encoding/xml's procInst does.
func procInstParam(param string, content []byte) string {
	str := string(content)
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(str) {
		sub := str[i:]
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
	j := strings.IndexByte(str[i:], sep)
	if j < 0 {
		return ""
	}
	return str[i : i+j]
}

// bang reads a comment or a CDATA section at i; a directive is
// unsupported.
func (s *Scanner) bang(i int) (Kind, int) {
	data := s.data
	if i+2 >= len(data) {
		return Comment, fail
	}
	switch data[i+2] {
	case '-':
		if i+3 >= len(data) || data[i+3] != '-' {
			return Comment, fail
		}
		// The first "--" must end the comment.
		end := bytes.Index(data[i+4:], []byte("--"))
		if end < 0 {
			return Comment, fail
		}
		k := i + 4 + end + 2
		if k >= len(data) || data[k] != '>' {
			return Comment, fail
		}
		s.text = data[i+4 : i+4+end]
		return Comment, k + 1
	case '[':
		if !bytes.HasPrefix(data[i+3:], []byte("CDATA[")) {
			return CharData, fail
		}
		start := i + 9
		end := bytes.Index(data[start:], []byte("]]>"))
		if end < 0 {
			return CharData, fail
		}
		t, ok := s.decode(data[start:start+end], modeCDATA)
		if !ok {
			return CharData, fail
		}
		s.text = t
		return CharData, start + end + 3
	}
	return Comment, unsupported
}

// Modes of decode.
const (
	modeText  = iota // character data
	modeAttr         // a quoted attribute value
	modeCDATA        // a CDATA section
)

// decode decodes raw text as encoding/xml's text does (entities, line
// ends) and checks it the same way; ok is false where encoding/xml fails.
// The result is valid until the next call.
func (s *Scanner) decode(raw []byte, mode int) ([]byte, bool) {
	buf := s.scratch[:0]
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
	for t := buf; len(t) > 0; {
		r, size := utf8.DecodeRune(t)
		if r == utf8.RuneError && size == 1 || !inCharRange(r) {
			return nil, false
		}
		t = t[size:]
	}
	s.scratch = buf
	return buf, true
}

// entity reads a character or entity reference after its '&': one of the
// five predefined entities or a numeric reference, ended by ';'. It returns
// the character and the bytes read.
func entity(b []byte) (rune, int, bool) {
	semi := bytes.IndexByte(b, ';')
	if semi < 0 {
		return 0, 0, false
	}
	ref := b[:semi]
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
