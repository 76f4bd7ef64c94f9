package tcxio

import (
	"encoding/xml"
	"errors"
	"io"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/xmlinput"
)

// tokenKind is the kind of an XML token.
type tokenKind uint8

// The kinds of tokens, one for each token type of encoding/xml.
const (
	tokStart tokenKind = iota + 1
	tokEnd
	tokText
	tokComment
	tokProcInst
	tokDirective
)

// attribute is an attribute of a start element.
type attribute struct {
	name  xml.Name
	value []byte
}

// token is one raw XML token, as xml.Decoder.RawToken returns it, in a form
// both readers can fill without allocating. Its slices are valid until the
// next token is read.
type token struct {
	kind tokenKind
	name xml.Name    // the element's name; for a processing instruction, the target in Local
	attr []attribute // a start element's attributes
	text []byte      // character data, decoded
}

// tokenSource yields the raw tokens of a document to the parser (state):
// the reference reader's refSource or the fast reader's fastSource.
type tokenSource interface {
	// next reads the next token into t. At the end of the input it
	// returns io.EOF.
	next(t *token) error
	// offset returns the input offset after the last token read, as
	// xml.Decoder.InputOffset does.
	offset() int64
	// readError turns an error of next (other than an
	// *activity.FormatError) into the error Decode returns.
	readError(s *state, err error) error
}

// refSource reads tokens with encoding/xml from an xmlinput.Reader: the
// reference reader.
type refSource struct {
	dec  *xml.Decoder
	g    *xmlinput.Reader
	attr []attribute
}

func newRefSource(r io.Reader, maxToken int) *refSource {
	g := xmlinput.NewReader(r, int64(maxToken))
	return &refSource{dec: xmlinput.NewDecoder(g), g: g}
}

func (r *refSource) next(t *token) error {
	tok, err := r.dec.RawToken()
	r.g.Mark()
	if err != nil {
		return err
	}
	*t = token{}
	switch x := tok.(type) {
	case xml.StartElement:
		t.kind, t.name = tokStart, x.Name
		r.attr = r.attr[:0]
		for _, a := range x.Attr {
			r.attr = append(r.attr, attribute{name: a.Name, value: []byte(a.Value)})
		}
		t.attr = r.attr
	case xml.EndElement:
		t.kind, t.name = tokEnd, x.Name
	case xml.CharData:
		t.kind, t.text = tokText, x
	case xml.Comment:
		t.kind = tokComment
	case xml.ProcInst:
		t.kind, t.name.Local = tokProcInst, x.Target
	case xml.Directive:
		t.kind = tokDirective
	}
	return nil
}

// offset counts the input's bytes, before charset conversion.
func (r *refSource) offset() int64 { return r.g.Offset(r.dec.InputOffset()) }

func (r *refSource) readError(s *state, err error) error {
	off := r.offset()
	el := s.element()
	var se *xml.SyntaxError
	switch {
	case r.g.LimitHit():
		return s.fail(activity.ErrLimit, off, el, limitError("MaxTokenSize",
			"an XML token is longer than %d bytes", s.maxToken))
	case r.g.Err() != nil && r.g.Err() != io.EOF && errors.Is(err, r.g.Err()):
		// The reader failed: the input stops before the document does.
		return s.fail(activity.ErrTruncated, off, el, err)
	case err == io.EOF:
		return s.fail(activity.ErrTruncated, off, el, errors.New("input ends before the TrainingCenterDatabase element does"))
	case errors.As(err, &se) && se.Msg == "unexpected EOF":
		return s.fail(activity.ErrTruncated, off, el, err)
	}
	return s.fail(activity.ErrMalformed, off, el, err)
}
