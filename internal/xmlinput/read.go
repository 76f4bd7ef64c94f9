package xmlinput

import (
	"bytes"
	"io"
	"slices"
)

// readChunk is the least room ReadInput offers each Read: the buffer size
// of the Reader it stands in for.
const readChunk = 32 << 10

// ReadInput reads r to its end into memory, for a fast reader that scans
// the whole input and leaves what it cannot read to a streaming reader on
// a [Reader]. It reads straight into the returned slice and fails as the
// Reader's buffer fill does: with [io.ErrNoProgress] after 100 reads that
// return nothing, and with an [InvalidCountError] when a Read returns a
// count out of range.
//
// rest is nil when data is all of the input. Otherwise (the input is larger
// than limit, or reading failed) rest gives what follows data: the rest of r,
// or the read error; io.MultiReader(bytes.NewReader(data), rest) then reads
// as r would have.
//
// A [*bytes.Reader] of at most limit bytes is read in one WriteTo, and a
// reader with a Len method (such as [*strings.Reader] or [*bytes.Buffer])
// in one Read.
func ReadInput(r io.Reader, limit int) (data []byte, rest io.Reader) {
	if br, ok := r.(*bytes.Reader); ok && br.Len() <= limit {
		// WriteTo hands over the bytes in one Write, and appending them
		// to nil spares the zeroing that a buffer to read into costs.
		var w appendWriter
		br.WriteTo(&w) // cannot fail: appendWriter.Write does not
		return w.data, nil
	}
	size := readChunk
	if l, ok := r.(interface{ Len() int }); ok {
		size = min(max(l.Len(), 0), limit) + readChunk
	}
	data = make([]byte, 0, size)
	for {
		if len(data) > limit {
			return data, r
		}
		data = slices.Grow(data, readChunk)
		var err error
		for empty := 0; ; empty++ {
			if empty == 100 {
				return data, failReader{io.ErrNoProgress}
			}
			p := data[len(data):cap(data)]
			var n int
			n, err = r.Read(p)
			if n < 0 || n > len(p) {
				return data, failReader{InvalidCountError{n}}
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

// failReader replays a read error.
type failReader struct{ err error }

func (r failReader) Read([]byte) (int, error) { return 0, r.err }

// appendWriter collects what is written to it.
type appendWriter struct{ data []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.data = append(w.data, p...)
	return len(p), nil
}
