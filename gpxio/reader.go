package gpxio

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// readBufSize is the size of the input buffer. It is also the granularity of
// the token size limit: a token is stopped at most this many bytes past
// Decoder.MaxTokenSize.
const readBufSize = 32 << 10

// tokenLimitError is what byteReader returns to encoding/xml when one token
// grows past the limit; the parser turns it into an ErrLimit FormatError.
type tokenLimitError struct{ max int64 }

func (e tokenLimitError) Error() string {
	return fmt.Sprintf("an XML token is longer than %d bytes", e.max)
}

// byteReader is the buffered io.ByteReader that encoding/xml reads from. It
// replaces the bufio.Reader that xml.NewDecoder would add, so that it can stop
// a single token (an attribute list, a run of character data, a comment)
// from growing without bound: encoding/xml itself buffers a whole token in
// memory before returning it.
//
// tokStart is set by the parser to the stream offset where the token being
// read began; whenever the buffer runs dry, byteReader checks how far the
// stream has moved past it.
type byteReader struct {
	r        io.Reader
	buf      []byte
	pos, end int
	base     int64 // stream offset of buf[0]
	tokStart int64
	maxToken int64
	err      error // sticky error from r, or the token limit
	limitHit bool
	// expanded counts the bytes a charset conversion added on top of
	// the input's own (UTF-8 needs 2 or 3 bytes for a byte >= 0x80).
	expanded int64
}

func newByteReader(r io.Reader, maxToken int64) *byteReader {
	return &byteReader{r: r, buf: make([]byte, readBufSize), maxToken: maxToken}
}

// ReadByte implements io.ByteReader.
func (b *byteReader) ReadByte() (byte, error) {
	if b.pos < b.end {
		c := b.buf[b.pos]
		b.pos++
		return c, nil
	}
	if err := b.fill(); err != nil {
		return 0, err
	}
	c := b.buf[b.pos]
	b.pos++
	return c, nil
}

// Read implements io.Reader; encoding/xml uses it only to hand the stream to
// a charset converter.
func (b *byteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if b.pos >= b.end {
		if err := b.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, b.buf[b.pos:b.end])
	b.pos += n
	return n, nil
}

// fill refills the empty buffer, or returns the sticky error.
func (b *byteReader) fill() error {
	if b.err != nil {
		return b.err
	}
	b.base += int64(b.end)
	b.pos, b.end = 0, 0
	if b.base-b.tokStart > b.maxToken {
		b.limitHit = true
		b.err = tokenLimitError{b.maxToken}
		return b.err
	}
	for range 100 {
		n, err := b.r.Read(b.buf)
		if n < 0 || n > len(b.buf) {
			b.err = fmt.Errorf("gpxio: reader returned invalid count %d", n)
			return b.err
		}
		if n > 0 {
			b.end = n
			// Keep a read error for after the data that came with it.
			b.err = err
			return nil
		}
		if err != nil {
			b.err = err
			return err
		}
	}
	b.err = io.ErrNoProgress
	return b.err
}

// charsetReader is the xml.Decoder CharsetReader: it accepts the single-byte
// encodings that GPS software has been seen to declare (US-ASCII,
// ISO-8859-1, Windows-1252) and converts them to UTF-8.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	br, ok := input.(io.ByteReader)
	if !ok {
		br = bufio.NewReader(input)
	}
	in, _ := input.(*byteReader)
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		return &singleByteReader{r: br, in: in}, nil
	case "windows-1252", "cp1252", "x-cp1252":
		return &singleByteReader{r: br, in: in, cp1252: true}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q (gpxio reads UTF-8, US-ASCII, ISO-8859-1 and Windows-1252)", label)
}

// singleByteReader converts ISO-8859-1 or Windows-1252 bytes to UTF-8.
type singleByteReader struct {
	r       io.ByteReader
	in      *byteReader // counts the bytes added, when r is one
	cp1252  bool
	pending [utf8.UTFMax]byte
	np, ip  int
}

// ReadByte implements io.ByteReader.
func (s *singleByteReader) ReadByte() (byte, error) {
	if s.ip < s.np {
		c := s.pending[s.ip]
		s.ip++
		return c, nil
	}
	c, err := s.r.ReadByte()
	if err != nil || c < 0x80 {
		return c, err
	}
	r := rune(c)
	if s.cp1252 && c < 0xA0 {
		r = cp1252Rune(c)
	}
	s.np = utf8.EncodeRune(s.pending[:], r)
	s.ip = 1
	if s.in != nil {
		s.in.expanded += int64(s.np - 1)
	}
	return s.pending[0], nil
}

// Read implements io.Reader.
func (s *singleByteReader) Read(p []byte) (int, error) {
	for i := range p {
		c, err := s.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = c
	}
	return len(p), nil
}

// cp1252Rune maps the Windows-1252 bytes 0x80-0x9F, the only ones that differ
// from ISO-8859-1.
func cp1252Rune(c byte) rune {
	table := [32]rune{
		'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
		'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
	}
	return table[c-0x80]
}
