package xmlinput

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// bufSize is the size of a Reader's buffer.
const bufSize = readChunk

// InvalidCountError is the read error for an io.Reader whose Read returned
// a count out of range.
type InvalidCountError struct{ N int }

func (e InvalidCountError) Error() string {
	return fmt.Sprintf("the reader returned an invalid byte count %d", e.N)
}

// TokenLimitError is the error a [Reader] returns to encoding/xml when one
// token grows past its limit; the importers turn it into an
// [activity.ErrLimit] error naming their MaxTokenSize.
type TokenLimitError struct{ Max int64 }

func (e TokenLimitError) Error() string {
	return fmt.Sprintf("an XML token is longer than %d bytes", e.Max)
}

// UnsupportedCharsetError is the error for an XML declaration naming an
// encoding that [Reader.CharsetReader] does not read.
type UnsupportedCharsetError struct{ Label string }

func (e UnsupportedCharsetError) Error() string {
	return fmt.Sprintf("unsupported encoding %q (UTF-8, US-ASCII, ISO-8859-1 and Windows-1252 are read)", e.Label)
}

// Reader is the buffered io.ByteReader an encoding/xml Decoder reads from
// (see [NewDecoder]). Because it is an io.ByteReader, the Decoder adds no
// bufio.Reader of its own, so the Reader knows exactly how far the Decoder
// has read. That lets it bound a single token (an attribute list, a run
// of character data, a comment), which encoding/xml buffers whole before
// returning it: the Reader hands out at most limit+1 bytes past the
// position of the last [Reader.Mark], and fails with a [TokenLimitError]
// after that. A caller that marks after every token thus bounds every
// token to limit bytes, give or take the one byte encoding/xml reads ahead.
//
// Positions count the input's bytes, before any charset conversion.
type Reader struct {
	r        io.Reader
	buf      []byte
	i, n     int
	pos      int64 // bytes handed out so far
	mark     int64 // pos at the last Mark
	limit    int64 // bytes allowed past mark
	err      error // sticky error from r
	limitHit bool
	// expanded counts the bytes a charset conversion added on top of the
	// input's own (UTF-8 needs 2 or 3 bytes for a byte >= 0x80).
	expanded int64
}

// NewReader returns a Reader of r that bounds tokens to limit bytes.
func NewReader(r io.Reader, limit int64) *Reader {
	return &Reader{r: r, buf: make([]byte, bufSize), limit: limit}
}

// NewDecoder returns a strict encoding/xml Decoder reading r, with r's
// CharsetReader.
func NewDecoder(r *Reader) *xml.Decoder {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	dec.CharsetReader = r.CharsetReader
	return dec
}

// Mark starts a new token: the next limit+1 bytes may be handed out.
func (r *Reader) Mark() { r.mark = r.pos }

// LimitHit reports whether the Reader has refused a byte for the token
// limit.
func (r *Reader) LimitHit() bool { return r.limitHit }

// Err returns the error the underlying reader returned, if any (io.EOF at
// the end of the input).
func (r *Reader) Err() error { return r.err }

// Offset turns an offset of the Decoder reading r (its InputOffset, which
// counts the bytes after charset conversion) into an offset in the input.
func (r *Reader) Offset(decoderOffset int64) int64 { return decoderOffset - r.expanded }

// ReadByte implements io.ByteReader.
func (r *Reader) ReadByte() (byte, error) {
	if r.i == r.n {
		if err := r.fill(); err != nil {
			return 0, err
		}
	}
	if r.pos-r.mark > r.limit {
		r.limitHit = true
		return 0, TokenLimitError{r.limit}
	}
	b := r.buf[r.i]
	r.i++
	r.pos++
	return b, nil
}

// Read implements io.Reader, one ReadByte at a time.
func (r *Reader) Read(p []byte) (int, error) {
	return readBytes(r, p)
}

// readBytes fills p from ReadByte; an error after some bytes is left for
// the next call.
func readBytes(br io.ByteReader, p []byte) (int, error) {
	for n := range p {
		b, err := br.ReadByte()
		if err != nil {
			if n > 0 && err == io.EOF {
				return n, nil
			}
			return n, err
		}
		p[n] = b
	}
	return len(p), nil
}

// fill refills the empty buffer, or returns the sticky error.
func (r *Reader) fill() error {
	if r.err != nil {
		return r.err
	}
	for range 100 {
		n, err := r.r.Read(r.buf)
		if n < 0 || n > len(r.buf) {
			r.err = InvalidCountError{n}
			return r.err
		}
		r.i, r.n = 0, n
		// Keep a read error for after the data that came with it.
		r.err = err
		if n > 0 {
			return nil
		}
		if err != nil {
			return err
		}
	}
	r.err = io.ErrNoProgress
	return r.err
}

// Peek returns the buffered bytes, reading until there are at least k of
// them or the underlying reader fails; it consumes nothing. k must not
// exceed the buffer size (32 KiB).
func (r *Reader) Peek(k int) []byte {
	for empty := 0; r.n-r.i < k && r.err == nil && empty < 100; {
		r.n = copy(r.buf, r.buf[r.i:r.n])
		r.i = 0
		n, err := r.r.Read(r.buf[r.n:])
		if n < 0 || n > len(r.buf)-r.n {
			r.err = InvalidCountError{n}
			break
		}
		if n == 0 && err == nil {
			empty++
		}
		r.n += n
		r.err = err
	}
	return r.buf[r.i:r.n]
}

// CharsetReader is the xml.Decoder CharsetReader for a Decoder reading r:
// it reads r itself (the Decoder's input) through a converter to UTF-8, so
// that token limits and offsets keep counting the input's bytes. See the
// package documentation for the labels it reads.
func (r *Reader) CharsetReader(label string, _ io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "us-ascii", "ascii", "iso646-us",
		"iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "latin-1", "l1", "cp819", "ibm819",
		"windows-1252", "cp1252", "x-cp1252":
		return &windows1252Reader{src: r}, nil
	}
	return nil, UnsupportedCharsetError{label}
}

// windows1252Reader converts Windows-1252 to UTF-8, one byte at a time, so
// that the Decoder reads no further ahead than it would without it.
type windows1252Reader struct {
	src     *Reader
	pending [utf8.UTFMax]byte
	np, ip  int
}

// ReadByte implements io.ByteReader.
func (w *windows1252Reader) ReadByte() (byte, error) {
	if w.ip < w.np {
		b := w.pending[w.ip]
		w.ip++
		return b, nil
	}
	b, err := w.src.ReadByte()
	if err != nil || b < utf8.RuneSelf {
		return b, err
	}
	w.np = utf8.EncodeRune(w.pending[:], windows1252(b))
	w.ip = 1
	w.src.expanded += int64(w.np - 1)
	return w.pending[0], nil
}

// Read implements io.Reader.
func (w *windows1252Reader) Read(p []byte) (int, error) { return readBytes(w, p) }

// windows1252 returns the character of byte b in Windows-1252 as the
// WHATWG Encoding Standard defines it: Latin-1 but for 0x80-0x9F, where
// the five bytes Windows leaves undefined keep their C1 control.
func windows1252(b byte) rune {
	if b < 0x80 || b > 0x9F {
		return rune(b)
	}
	table := [32]rune{
		'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008D', 'Ž', '\u008F',
		'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009D', 'ž', 'Ÿ',
	}
	return table[b-0x80]
}
