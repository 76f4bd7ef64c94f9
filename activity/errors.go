package activity

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by every importer. A decode error matches exactly one
// of them with errors.Is.
var (
	// ErrMalformed means the bytes break the format's rules (bad XML, an
	// invalid FIT definition).
	ErrMalformed = errors.New("activity: malformed file")
	// ErrTruncated means the file ends before its content does.
	ErrTruncated = errors.New("activity: truncated file")
	// ErrChecksum means a checksum in the file does not match its content.
	ErrChecksum = errors.New("activity: checksum mismatch")
	// ErrNotActivity means the file is of the right format but holds no
	// activity (a FIT course, settings or monitoring file, a GPX with only
	// routes or waypoints).
	ErrNotActivity = errors.New("activity: not an activity file")
	// ErrNoSamples means the file is an activity with no samples.
	ErrNoSamples = errors.New("activity: no samples")
	// ErrNoTimestamps means the samples carry no usable times (a GPX route or
	// a drawn track).
	ErrNoTimestamps = errors.New("activity: samples have no timestamps")
	// ErrLimit means the file exceeds a safety limit (samples per activity,
	// nesting depth, token size); the message says which limit and how to
	// raise it. The importers' FormatError for it has a *LimitError as its
	// cause.
	ErrLimit = errors.New("activity: limit exceeded")
)

// LimitError says what went past which safety limit and the setting that
// raises it. It matches ErrLimit with errors.Is. Its fields are apart so
// that a caller with settings of its own (the analyze package's Decoder,
// the command line's config file) can name its own setting instead.
type LimitError struct {
	// Limit names the setting that raises the limit as Go code names it
	// ("fitio.Decoder.MaxSamples").
	Limit string
	// What says what went past the limit ("more than 2000000 samples").
	What string
}

// Error returns "WHAT; raise LIMIT".
func (e *LimitError) Error() string { return e.What + "; raise " + e.Limit }

// Unwrap returns ErrLimit.
func (e *LimitError) Unwrap() error { return ErrLimit }

// FormatError describes why an importer could not decode its input. It wraps
// one sentinel (Kind) and, where there is one, the underlying cause (Err).
type FormatError struct {
	// Format is the format being decoded.
	Format Format
	// Offset is the byte offset where the problem was found, or -1 when
	// unknown.
	Offset int64
	// Element names the element, message or field at fault ("trkpt",
	// "record", "file header"), empty when unknown.
	Element string
	// Kind is the sentinel the error matches.
	Kind error
	// Err is the underlying cause, nil when Kind says everything.
	Err error
}

// Error formats the error as "FORMAT: [ELEMENT ][at byte N: ]KIND[: CAUSE]".
func (e *FormatError) Error() string {
	s := string(e.Format) + ": "
	if e.Element != "" {
		s += e.Element + ": "
	}
	if e.Offset >= 0 {
		s += fmt.Sprintf("at byte %d: ", e.Offset)
	}
	kind := "error"
	if e.Kind != nil {
		kind = e.Kind.Error()
		if len(kind) > len("activity: ") && kind[:len("activity: ")] == "activity: " {
			kind = kind[len("activity: "):]
		}
	}
	s += kind
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the sentinel and the cause, so that errors.Is matches both.
func (e *FormatError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}
