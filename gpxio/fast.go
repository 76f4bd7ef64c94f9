package gpxio

import (
	"bytes"
	"strings"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/xmlinput"
	"github.com/runcheck/runcheck/internal/xmlscan"
)

// The fast reader.
//
// Decode first reads the whole input into memory and scans it with an
// [xmlscan.Scanner], which reads a strict subset of XML and yields exactly
// the tokens (names, attributes, decoded text, offsets) that encoding/xml's
// RawToken yields on it, and feeds them to the same parser state and
// semantics as the reference reader (the streaming reader on encoding/xml
// in decode.go): open, close, value, finish. On that subset it gives the
// identical activity, warnings and errors; the differential and fuzz tests
// (fast_test.go) hold it to that. Everything else it leaves to the
// reference reader, which decodes the input again from its first byte. The
// fast reader falls back:
//
//   - when the input is larger than xmlinput.MaxInput, or reading it fails (the
//     reference then reads the bytes already read, then the rest of the
//     input or the same error);
//   - on any error before the root element closes: not well-formed XML,
//     truncation, the MaxDepth, MaxSamples and MaxTokenSize limits, a root
//     other than <gpx> (so every such error is the reference's own, with its
//     message and offset). The errors finish reports (no samples, no
//     timestamps, ...) come from the shared code and are returned directly;
//   - on a token outside the scanner's subset (xmlscan.Unsupported) before
//     the root element closes: a directive (<!DOCTYPE ...>), a name with a
//     byte outside ASCII, an XML declaration naming an encoding other than
//     UTF-8 (the reference converts the input), or a token longer than
//     MaxTokenSize (see decodeFast);
//   - on text before the root element other than white space as written,
//     after an optional byte order mark;
//   - on a panic.
//
// After the root element closes, the fast reader decides alone where it can:
// white space, comments and processing instructions are skipped, and
// anything else (including a malformed token, and any tag or directive the
// scanner leaves unread) ends the document with the "ignored content"
// warning at that token's offset, as the reference does.

// decodeFast decodes a whole document held in data, or returns xmlinput.ErrFallback.
func (d *Decoder) decodeFast(data []byte) (*activity.Activity, error) {
	f := fastParser{parser: newState(d), data: data}
	// A token of at most maxToken bytes is within the reference's limit:
	// its xmlinput.Reader hands out maxToken+1 bytes past the end of the
	// previous token, and encoding/xml reads at most one byte past a
	// token's end (the '<' after character data).
	f.sc.MaxTokenSize = int(f.maxToken)
	f.sc.Reset(data)
	if !f.run() {
		return nil, xmlinput.ErrFallback
	}
	return f.finish()
}

// fastFrame is one open element of the fast reader.
type fastFrame struct {
	kind  kind
	name  []byte // the qualified name, as written, in the input
	nsLen int
}

// fastParser is the state of one fast decode.
type fastParser struct {
	*parser
	sc    xmlscan.Scanner
	data  []byte
	stack []fastFrame
	// bound is a namespace prefix known to be declared in scope (it stays
	// so until an element with declarations closes), to spare most
	// prefixed elements a map lookup.
	bound []byte
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

// run reads the document. It returns false to fall back.
func (f *fastParser) run() bool {
	sc := &f.sc
	for {
		k := sc.Next()
		f.off = int64(sc.Offset())
		if f.rootClosed {
			switch k {
			case xmlscan.EOF:
				return true
			case xmlscan.CharData:
				if xmlinput.AllSpace(sc.Text()) {
					continue
				}
			case xmlscan.Comment, xmlscan.ProcInst:
				continue
			case xmlscan.Unsupported:
				if !f.tagAfterRoot() {
					return false
				}
			}
			// Whatever the reference makes of the rest (a token or an
			// error), the document ends here.
			f.trailing.add("", f.off, 0)
			return true
		}
		switch k {
		case xmlscan.StartElement:
			if !f.open() {
				return false
			}
		case xmlscan.EndElement:
			if len(f.stack) == 0 || !bytes.Equal(sc.Name(), f.stack[len(f.stack)-1].name) {
				return false // an error in the reference
			}
			f.close()
		case xmlscan.CharData:
			if !f.text() {
				return false
			}
		case xmlscan.ProcInst:
			// As in the reference: the XML declaration belongs at the start.
			if strings.EqualFold(string(sc.Name()), "xml") && f.off != 0 && !(f.bom && f.off == 3) {
				f.lateDecl.add("", f.off, 0)
			}
		case xmlscan.Comment:
		default:
			// EOF before the root element closed (truncated), Malformed
			// (an error in the reference) or Unsupported.
			return false
		}
	}
}

// tagAfterRoot reports whether the token the scanner left unread after
// the root element is a start or end tag or a directive, which the
// reference reads as a token or an error that ends the document either way
// (rather than white space, a comment or a processing instruction it may
// skip).
func (f *fastParser) tagAfterRoot() bool {
	rest := f.data[f.sc.Offset():]
	if len(rest) < 2 || rest[0] != '<' {
		return false
	}
	switch rest[1] {
	case '?':
		return false
	case '!':
		return len(rest) > 2 && rest[2] != '-' && rest[2] != '['
	}
	return true
}

// text handles character data (decoded, CDATA sections included) inside or
// before the root element. It returns false to fall back.
func (f *fastParser) text() bool {
	t := f.sc.Text()
	if len(f.stack) == 0 {
		// Before the root: white space as written, after a byte order
		// mark at the very start (the reference reads a character
		// reference there as text, not as white space).
		raw := f.data[f.sc.Offset():f.sc.InputOffset()]
		if raw[0] == '<' {
			return xmlinput.AllSpace(t) // a CDATA section
		}
		if f.off == 0 {
			raw, f.bom = xmlinput.CutBOM(raw)
		}
		return xmlinput.AllSpace(raw)
	}
	if f.stack[len(f.stack)-1].kind >= kFirstLeaf {
		if len(f.parser.text)+len(t) > int(f.maxToken) {
			return false
		}
		f.parser.text = append(f.parser.text, t...)
	}
	return true
}

// open opens the element of the start tag just read, as the reference
// parser's start does. It returns false to fall back.
func (f *fastParser) open() bool {
	sc := &f.sc
	depth := len(f.stack)
	if depth >= f.maxDepth {
		return false
	}
	nsLen := len(f.ns)
	n := sc.NumAttr()
	prefixed := false // an attribute other than a declaration has a colon
	for i := range n {
		name, _ := sc.Attr(i)
		// SplitName gives the prefix xmlns exactly for these names.
		if len(name) > len("xmlns:") && string(name[:len("xmlns:")]) == "xmlns:" {
			f.declare(string(name[len("xmlns:"):]))
		} else if !prefixed && bytes.IndexByte(name, ':') >= 0 {
			prefixed = true
		}
	}
	qname := sc.Name()
	space, local := xmlscan.SplitName(qname)
	f.checkPrefix(space)
	for i := 0; prefixed && i < n; i++ {
		name, _ := sc.Attr(i)
		if space, _ := xmlscan.SplitName(name); string(space) != "xmlns" {
			f.checkPrefix(space)
		}
	}
	k := kGPX
	if depth == 0 {
		if string(local) != "gpx" {
			return false
		}
	} else {
		k = classify(f.stack[depth-1].kind, string(local))
	}
	f.stack = append(f.stack, fastFrame{kind: k, name: qname, nsLen: nsLen})
	switch k {
	case kGPX:
		for i := range n {
			name, value := sc.Attr(i)
			if string(name) == "creator" {
				f.creator = strings.TrimSpace(string(value))
			}
		}
	case kTrkpt:
		if f.openPoint() != nil {
			return false
		}
		for i := range n {
			// An unprefixed name is all local (":lat" is not "lat").
			switch name, value := sc.Attr(i); string(name) {
			case "lat":
				f.pt.lat = f.number(value, "lat")
			case "lon":
				f.pt.lon = f.number(value, "lon")
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
