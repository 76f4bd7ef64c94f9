package tcxio

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// tokenTooLongError is returned by guardReader when the XML decoder has read
// more than the token limit past the end of the last complete token.
type tokenTooLongError struct{}

func (tokenTooLongError) Error() string { return "tcxio: XML token too long" }

// guardReader is the buffered io.ByteReader the xml.Decoder reads from. It
// counts the bytes it hands out and refuses to hand out more than limit bytes
// past mark, the position at the end of the last token the decoder returned.
// That bounds the memory a single token (a text run, a tag with its
// attributes, a comment) can take, which encoding/xml itself does not bound:
// it buffers a whole token before returning it.
//
// Because guardReader implements io.ByteReader, xml.NewDecoder reads it
// directly, without a bufio.Reader of its own in between, so pos is exact.
type guardReader struct {
	r     io.Reader
	buf   []byte
	i, n  int
	pos   int64 // bytes handed to the decoder so far
	mark  int64 // pos when the decoder last returned a token
	limit int64 // bytes allowed past mark
	err   error // sticky read error
}

func newGuardReader(r io.Reader, limit int64) *guardReader {
	return &guardReader{r: r, buf: make([]byte, 32<<10), limit: limit}
}

// ReadByte implements io.ByteReader.
func (g *guardReader) ReadByte() (byte, error) {
	if g.i == g.n {
		if err := g.fill(); err != nil {
			return 0, err
		}
	}
	if g.pos-g.mark > g.limit {
		return 0, tokenTooLongError{}
	}
	b := g.buf[g.i]
	g.i++
	g.pos++
	return b, nil
}

// Read implements io.Reader; the xml.Decoder does not use it, but a
// CharsetReader might.
func (g *guardReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		b, err := g.ReadByte()
		if err != nil {
			if n > 0 && err == io.EOF {
				return n, nil
			}
			return n, err
		}
		p[n] = b
		n++
	}
	return n, nil
}

func (g *guardReader) fill() error {
	if g.err != nil {
		return g.err
	}
	for tries := 0; tries < 100; tries++ {
		n, err := g.r.Read(g.buf)
		if n < 0 || n > len(g.buf) {
			g.err = errInvalidCount()
			return g.err
		}
		g.i, g.n = 0, n
		if err != nil && n == 0 {
			g.err = err
			return err
		}
		if err != nil {
			g.err = err // served after the buffered bytes
		}
		if n > 0 {
			return nil
		}
	}
	g.err = io.ErrNoProgress
	return g.err
}

// peek returns the buffered bytes, reading until there are at least k of
// them or the reader fails; it consumes nothing. k must not exceed the
// buffer size.
func (g *guardReader) peek(k int) []byte {
	for empty := 0; g.n-g.i < k && g.err == nil && empty < 100; {
		g.n = copy(g.buf, g.buf[g.i:g.n])
		g.i = 0
		n, err := g.r.Read(g.buf[g.n:])
		if n < 0 || n > len(g.buf)-g.n {
			g.err = errInvalidCount()
			break
		}
		if n == 0 && err == nil {
			empty++
		}
		g.n += n
		if err != nil {
			g.err = err
		}
	}
	return g.buf[g.i:g.n]
}

func errInvalidCount() error { return errors.New("tcxio: the reader returned an invalid byte count") }

// singleByteReader turns a single-byte encoding (ISO-8859-1, Windows-1252,
// US-ASCII) into UTF-8, one byte at a time, so that the xml.Decoder keeps
// reading a guardReader without extra buffering.
type singleByteReader struct {
	src     *guardReader
	table   []rune // Windows-1252 mapping of 0x80-0x9F, nil for Latin-1
	pending [utf8.UTFMax]byte
	np, ip  int
}

func (s *singleByteReader) ReadByte() (byte, error) {
	if s.ip < s.np {
		b := s.pending[s.ip]
		s.ip++
		return b, nil
	}
	b, err := s.src.ReadByte()
	if err != nil || b < utf8.RuneSelf {
		return b, err
	}
	r := rune(b)
	if s.table != nil && b >= 0x80 && b <= 0x9F {
		r = s.table[b-0x80]
	}
	s.np = utf8.EncodeRune(s.pending[:], r)
	s.ip = 1
	return s.pending[0], nil
}

func (s *singleByteReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		b, err := s.ReadByte()
		if err != nil {
			if n > 0 && err == io.EOF {
				return n, nil
			}
			return n, err
		}
		p[n] = b
		n++
	}
	return n, nil
}

// windows1252 lists the characters of bytes 0x80-0x9F in Windows-1252;
// undefined positions are U+FFFD.
const windows1252 = "\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021" +
	"\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD" +
	"\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014" +
	"\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178"

// errUnsupportedCharset is the cause of ErrMalformed for an encoding the
// decoder cannot read.
type errUnsupportedCharset string

func (e errUnsupportedCharset) Error() string {
	return "unsupported encoding " + string(e) + " (tcxio reads UTF-8, ISO-8859-1, Windows-1252 and US-ASCII)"
}

// charsetReader returns the xml.Decoder.CharsetReader for g.
func charsetReader(g *guardReader) func(string, io.Reader) (io.Reader, error) {
	return func(label string, _ io.Reader) (io.Reader, error) {
		switch strings.ToLower(strings.TrimSpace(label)) {
		case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819", "ibm819":
			return &singleByteReader{src: g}, nil
		case "windows-1252", "cp1252", "x-cp1252":
			return &singleByteReader{src: g, table: []rune(windows1252)}, nil
		case "us-ascii", "ascii", "iso646-us":
			// A subset of UTF-8: bytes >= 0x80 are invalid there and the
			// xml.Decoder reports them.
			return g, nil
		}
		return nil, errUnsupportedCharset(label)
	}
}
