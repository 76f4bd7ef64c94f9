package xmlinput_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/runcheck/runcheck/internal/xmlinput"
)

// decodeText decodes doc with a Decoder on a Reader and returns the text of
// its elements, joined.
func decodeText(doc string, limit int64) (string, error) {
	dec := xmlinput.NewDecoder(xmlinput.NewReader(strings.NewReader(doc), limit))
	var text strings.Builder
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return text.String(), nil
		}
		if err != nil {
			return text.String(), err
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
	}
}

func TestCharsetReader(t *testing.T) {
	decl := func(label string) string { return `<?xml version="1.0" encoding="` + label + `"?>` }
	for _, tc := range []struct {
		name string
		doc  string
		want string // the text; "" with err
		err  string // a substring of the error, "" for none
	}{
		{"UTF-8 undeclared", "<a>R\u00e9cup</a>", "Récup", ""},
		{"UTF-8 declared", decl("UTF-8") + "<a>R\u00e9cup</a>", "Récup", ""},
		{"US-ASCII, ASCII only", decl("US-ASCII") + "<a>Recup</a>", "Recup", ""},
		{"US-ASCII with a Latin-1 byte", decl("US-ASCII") + "<a>R\xe9cup</a>", "Récup", ""},
		{"ASCII with a Windows-1252 quote", decl("ascii") + "<a>it\x92s</a>", "it’s", ""},
		{"ISO646-US", decl("ISO646-US") + "<a>R\xe9cup</a>", "Récup", ""},
		{"ISO-8859-1", decl("ISO-8859-1") + "<a>caf\xe9 \xff</a>", "café ÿ", ""},
		{"ISO-8859-1 with a Windows-1252 quote", decl("iso-8859-1") + "<a>\x93q\x94</a>", "“q”", ""},
		{"latin1, spaced and upper-case", decl(" LATIN1 ") + "<a>\xe9</a>", "é", ""},
		{"cp819", decl("cp819") + "<a>\xe9</a>", "é", ""},
		{"Windows-1252", decl("windows-1252") + "<a>\x80 \x9f \xa0</a>", "€ Ÿ \u00a0", ""},
		{"Windows-1252 undefined byte", decl("cp1252") + "<a>\x81\x8d\x8f\x90\x9d</a>", "\u0081\u008d\u008f\u0090\u009d", ""},
		{"Windows-1252 attribute", decl("x-cp1252") + "<a b=\"\xe9\"/>", "", ""},
		{"unsupported", decl("EBCDIC") + "<a/>", "", `unsupported encoding "EBCDIC"`},
		{"UTF-8 with a Latin-1 byte", "<a>R\xe9cup</a>", "", "invalid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeText(tc.doc, 1<<20)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v, want %q", got, err, tc.want)
			}
		})
	}
	var ue xmlinput.UnsupportedCharsetError
	if _, err := decodeText(decl("koi8-r")+"<a/>", 1<<20); !errors.As(err, &ue) || ue.Label != "koi8-r" {
		t.Errorf("error %v, want an UnsupportedCharsetError for koi8-r", err)
	}
}

// TestReaderTokenLimit checks that a token of the limit's length is read
// and a longer one is refused, counting the input's bytes, whatever the
// charset.
func TestReaderTokenLimit(t *testing.T) {
	const limit = 100
	for _, tc := range []struct {
		name    string
		prefix  string // what comes before the <a> start tag
		token   func(n int) string
		n       int // the token's length in input bytes
		refused bool
	}{
		{"text at the limit", "", func(n int) string { return strings.Repeat("x", n) }, limit, false},
		{"text over the limit", "", func(n int) string { return strings.Repeat("x", n) }, limit + 2, true},
		{"attribute at the limit", "", func(n int) string { return `<b c="` + strings.Repeat("x", n-9) + `"/>` }, limit, false},
		{"attribute over the limit", "", func(n int) string { return `<b c="` + strings.Repeat("x", n-9) + `"/>` }, limit + 2, true},
		{"comment over the limit", "", func(n int) string { return "<!--" + strings.Repeat("x", n-7) + "-->" }, limit + 2, true},
		{"Latin-1 text at the limit", `<?xml version="1.0" encoding="ISO-8859-1"?>`, func(n int) string { return strings.Repeat("\xe9", n) }, limit, false},
		{"Latin-1 text over the limit", `<?xml version="1.0" encoding="ISO-8859-1"?>`, func(n int) string { return strings.Repeat("\xe9", n) }, limit + 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := tc.token(tc.n)
			if len(tok) != tc.n {
				t.Fatalf("token of %d bytes, want %d", len(tok), tc.n)
			}
			r := xmlinput.NewReader(strings.NewReader(tc.prefix+"<a>"+tok+"</a>"), limit)
			dec := xmlinput.NewDecoder(r)
			var err error
			for err == nil {
				r.Mark()
				_, err = dec.RawToken()
			}
			var tl xmlinput.TokenLimitError
			if refused := errors.As(err, &tl); refused != tc.refused || refused != r.LimitHit() {
				t.Fatalf("error %v (LimitHit %v), want refused %v", err, r.LimitHit(), tc.refused)
			}
			if tc.refused && tl.Max != limit {
				t.Errorf("limit %d in the error, want %d", tl.Max, limit)
			}
			if !tc.refused && err != io.EOF {
				t.Errorf("error %v, want io.EOF", err)
			}
		})
	}
}

// TestReaderOffset checks that Offset maps the Decoder's offsets back to
// the input's bytes across multi-byte conversions.
func TestReaderOffset(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
	}{
		{"UTF-8", `<?xml version="1.0"?><a>caf` + "\u00e9" + `</a><b x="` + "\u00e9\u00e9" + `"/><c/>`},
		{"Latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><a>caf` + "\xe9" + `</a><b x="` + "\xe9\xe9" + `"/><c/>`},
		{"Windows-1252 euro", `<?xml version="1.0" encoding="windows-1252"?><a>` + "\x80\x80" + `</a><b x="` + "\x80" + `"/><c/>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := xmlinput.NewReader(strings.NewReader(tc.doc), 1<<20)
			dec := xmlinput.NewDecoder(r)
			for {
				off := r.Offset(dec.InputOffset())
				tok, err := dec.RawToken()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if se, ok := tok.(xml.StartElement); ok {
					want := strings.Index(tc.doc, "<"+se.Name.Local)
					if off != int64(want) {
						t.Errorf("<%s> at offset %d, want %d", se.Name.Local, off, want)
					}
				}
			}
			if end := r.Offset(dec.InputOffset()); end != int64(len(tc.doc)) {
				t.Errorf("end at offset %d, want %d", end, len(tc.doc))
			}
		})
	}
}

// TestReaderReads checks the Reader's reads from a misbehaving io.Reader,
// and Peek.
func TestReaderReads(t *testing.T) {
	doc := "<a>" + strings.Repeat("x", 40<<10) + "</a>"
	errRead := errors.New("read failed")
	for _, tc := range []struct {
		name string
		r    io.Reader
		want string // all that is read
		err  error  // the error at the end, nil for io.EOF
	}{
		{"one byte at a time", iotest.OneByteReader(strings.NewReader(doc)), doc, nil},
		{"data with EOF", iotest.DataErrReader(strings.NewReader(doc)), doc, nil},
		{"error after data", io.MultiReader(strings.NewReader(doc[:10]), iotest.ErrReader(errRead)), doc[:10], errRead},
		{"no progress", emptyReader{}, "", io.ErrNoProgress},
		{"invalid count", badCountReader{}, "", xmlinput.InvalidCountError{N: 32<<10 + 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := xmlinput.NewReader(tc.r, 1<<20)
			got, err := io.ReadAll(r)
			if err == nil {
				err = io.EOF
			}
			want := tc.err
			if want == nil {
				want = io.EOF
			}
			if string(got) != tc.want || !errors.Is(err, want) && err != want {
				t.Errorf("read %d bytes, %v; want %d bytes, %v", len(got), err, len(tc.want), want)
			}
			if want != io.EOF && r.Err() != want {
				t.Errorf("Err() = %v, want %v", r.Err(), want)
			}
		})
	}
	r := xmlinput.NewReader(iotest.OneByteReader(strings.NewReader(doc)), 1<<20)
	if p := r.Peek(64); string(p) != doc[:64] {
		t.Errorf("Peek(64) = %q, want %q", p, doc[:64])
	}
	if b, err := r.ReadByte(); b != '<' || err != nil {
		t.Errorf("ReadByte after Peek = %q, %v", b, err)
	}
	if p := r.Peek(3); !bytes.HasPrefix(p, []byte("a>x")) {
		t.Errorf("Peek(3) after a byte = %q", p)
	}
}

// emptyReader returns no data and no error, for ever.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }
