package tcxio

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/xmlinput"
	"github.com/runcheck/runcheck/internal/xmlscan"
)

// The fast reader.
//
// Decode first reads the whole input into memory and scans it with an
// [xmlscan.Scanner], which reads a strict subset of XML and yields exactly
// the tokens (names, attributes, decoded text, offsets) that encoding/xml's
// RawToken yields on it. The same parser (state) reads those tokens, so on
// that subset the fast reader gives the reference reader's activity and
// warnings; the differential and fuzz tests (fast_test.go) hold it to that.
// Everything else it leaves to the reference reader, which decodes the
// input again from its first byte. The fast reader falls back:
//
//   - when the input is larger than xmlinput.MaxInput, or reading it fails (the
//     reference then reads the bytes already read, then the rest of the
//     input or the same read error);
//   - on any error before the end of the document: not well-formed XML,
//     truncation, the MaxDepth, MaxSamples and MaxTokenSize limits, a root
//     other than TrainingCenterDatabase, text before the root. So every
//     such error is the reference's own, with its message and offset. The
//     errors of finish (no activity, no samples, no timestamps) come from
//     the shared parser and are returned directly;
//   - on text before the root element other than white space as written
//     (after a byte order mark at the very start): the reference first
//     sniffs its first buffered bytes for a '<', so that a character
//     reference such as &#32; there is an error or not depending on how
//     far it is from the start;
//   - on a token outside the scanner's subset (xmlscan.Unsupported):
//     a directive (<!DOCTYPE ...>), a name with a byte outside ASCII, an
//     XML declaration naming an encoding other than UTF-8 (the reference
//     converts the input), or a token longer than MaxTokenSize;
//   - on a panic.
//
// After the root element closes, a malformed token ends the document with
// the "content after the end" warning, as an error there does in the
// reference.

// errSyntax is what fastSource returns for a token on which encoding/xml
// fails; the parser passes it on as xmlinput.ErrFallback, except after the root
// element, where it ends the document.
var errSyntax = errors.New("tcxio: not well-formed XML")

// decodeFast decodes a whole document held in data, or returns xmlinput.ErrFallback.
func (d *Decoder) decodeFast(data []byte) (*activity.Activity, error) {
	s := newState(d)
	src := &fastSource{data: data, names: make(map[string]internedName)}
	// A token of at most maxToken bytes is within the reference's limit:
	// its xmlinput.Reader hands out maxToken+1 bytes past the end
	// of the previous token, and it reads at most one byte past a token's
	// end (the '<' after character data).
	src.sc.MaxTokenSize = s.maxToken
	src.sc.Reset(data)
	s.src = src
	s.sizeHint = min(bytes.Count(data, []byte("<Trackpoint>")), s.maxSamples)
	if err := s.parse(); err != nil {
		return nil, xmlinput.ErrFallback
	}
	return s.finish()
}

// fastSource yields the tokens of an xmlscan.Scanner.
type fastSource struct {
	sc     xmlscan.Scanner
	data   []byte
	inRoot bool // a start element was read
	// names interns element and attribute names, so that a name costs one
	// allocation per document rather than one per tag; recent caches the
	// names most recently looked up, a map lookup costing more than the
	// rest of a tag.
	names  map[string]internedName
	recent [64]internedName
	attr   []attribute
}

// maxInterned bounds fastSource.names, against a file of endless distinct
// names; a TCX file uses a few dozen.
const maxInterned = 1024

// internedName is an entry of fastSource.names and fastSource.recent.
type internedName struct {
	raw  string
	name xml.Name
}

func (f *fastSource) next(t *token) error {
	switch f.sc.Next() {
	case xmlscan.StartElement:
		f.inRoot = true
		t.kind, t.name, t.text = tokStart, f.name(f.sc.Name()), nil
		f.attr = f.attr[:0]
		for i := range f.sc.NumAttr() {
			n, v := f.sc.Attr(i)
			f.attr = append(f.attr, attribute{name: f.name(n), value: v})
		}
		t.attr = f.attr
	case xmlscan.EndElement:
		t.kind, t.name, t.attr, t.text = tokEnd, f.name(f.sc.Name()), nil, nil
	case xmlscan.CharData:
		if !f.inRoot && !f.rawSpace() {
			return xmlinput.ErrFallback
		}
		t.kind, t.name, t.attr, t.text = tokText, xml.Name{}, nil, f.sc.Text()
	case xmlscan.Comment:
		t.kind, t.name, t.attr, t.text = tokComment, xml.Name{}, nil, nil
	case xmlscan.ProcInst:
		// Rare (the XML declaration); a target may hold several colons.
		t.kind, t.name, t.attr, t.text = tokProcInst, xml.Name{Local: string(f.sc.Name())}, nil, nil
	case xmlscan.EOF:
		return io.EOF
	case xmlscan.Malformed:
		return errSyntax
	default:
		return xmlinput.ErrFallback
	}
	return nil
}

// name returns the interned xml.Name of an element or attribute name as
// written.
func (f *fastSource) name(raw []byte) xml.Name {
	// Names are never empty.
	e := &f.recent[(len(raw)+int(raw[0])+3*int(raw[len(raw)-1])+5*int(raw[len(raw)/2]))%len(f.recent)]
	if e.raw == string(raw) {
		return e.name
	}
	n, ok := f.names[string(raw)]
	if !ok {
		space, local := xmlscan.SplitName(raw)
		n = internedName{raw: string(raw), name: xml.Name{Space: string(space), Local: string(local)}}
		if len(f.names) < maxInterned {
			f.names[n.raw] = n
		}
	}
	*e = n
	return n.name
}

// rawSpace reports whether the current character data is white space as
// written, after a byte order mark at the start of the input.
func (f *fastSource) rawSpace() bool {
	start := f.sc.Offset()
	raw := f.data[start:f.sc.InputOffset()]
	if start == 0 {
		raw, _ = xmlinput.CutBOM(raw)
	}
	return xmlinput.AllSpace(raw)
}

func (f *fastSource) offset() int64 { return int64(f.sc.InputOffset()) }

// readError turns every error inside the document into a fallback: only
// the reference reader reports errors there.
func (f *fastSource) readError(*state, error) error { return xmlinput.ErrFallback }
