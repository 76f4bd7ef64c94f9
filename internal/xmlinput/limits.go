package xmlinput

import "github.com/runcheck/runcheck/activity"

// The default limits of both importers, for a Limits field of 0 or less.
const (
	// DefaultMaxDepth is the deepest element nesting accepted. A TCX
	// activity nests 11 deep at most, a GPX track point extension value 7;
	// only a crafted file nests dozens of elements.
	DefaultMaxDepth = 64
	// DefaultMaxTokenSize is the largest single XML token accepted, in
	// bytes (a start tag with its attributes, a run of character data, a
	// comment), and the longest text one element may hold.
	DefaultMaxTokenSize = 1 << 20
)

// Limits are the bounds an importer puts on one document, as its Decoder
// sets them.
type Limits struct {
	// MaxSamples bounds the samples; 0 or less means
	// activity.DefaultMaxSamples.
	MaxSamples int
	// MaxDepth bounds the element nesting, the root counting as 1; 0 or
	// less means DefaultMaxDepth.
	MaxDepth int
	// MaxTokenSize bounds a token and an element's text, in bytes; 0 or
	// less means DefaultMaxTokenSize.
	MaxTokenSize int
}

// WithDefaults returns l with every field of 0 or less replaced by its
// default.
func (l Limits) WithDefaults() Limits {
	if l.MaxSamples <= 0 {
		l.MaxSamples = activity.DefaultMaxSamples
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxTokenSize <= 0 {
		l.MaxTokenSize = DefaultMaxTokenSize
	}
	return l
}
