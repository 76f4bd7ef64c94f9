package xmlinput

import (
	"bytes"
	"errors"
	"io"
)

// MaxInput is the largest input [Decode] holds in memory for the fast
// reader (the same as analyze.DefaultMaxSize); a larger one is read by the
// streaming reference reader.
const MaxInput = 256 << 20

// ErrFallback is what a fast reader returns for an input it leaves to the
// reference reader; it never leaves [Decode].
var ErrFallback = errors.New("xmlinput: fall back to the reference reader")

// Decode reads r with fast where it can and with ref otherwise: it reads r
// to its end into memory ([ReadInput] with [MaxInput]) and runs
// [DecodeBytes]; an input larger than MaxInput, or whose reading fails,
// goes to ref alone, which reads the bytes already read and then the rest
// of r (or the same read error).
func Decode[T any](r io.Reader, fast func([]byte) (T, error), ref func(io.Reader) (T, error)) (T, error) {
	data, rest := ReadInput(r, MaxInput)
	if rest != nil {
		return ref(io.MultiReader(bytes.NewReader(data), rest))
	}
	return DecodeBytes(data, fast, ref)
}

// DecodeBytes decodes data with fast, and with ref when fast returns
// ErrFallback or panics.
func DecodeBytes[T any](data []byte, fast func([]byte) (T, error), ref func(io.Reader) (T, error)) (T, error) {
	if v, err := tryFast(data, fast); err != ErrFallback {
		return v, err
	}
	return ref(bytes.NewReader(data))
}

// tryFast runs fast, turning a panic into ErrFallback.
func tryFast[T any](data []byte, fast func([]byte) (T, error)) (v T, err error) {
	defer func() {
		if recover() != nil {
			var zero T
			v, err = zero, ErrFallback
		}
	}()
	return fast(data)
}
