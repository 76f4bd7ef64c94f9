// Package analyze is the front door of the runcheck library: it opens an
// exported activity file of any supported format and turns it into an
// [activity.Activity], and it is where the cleaning, the metrics and the
// recovery grading live.
//
// # Opening files
//
// [Open] reads a file by path and [Decode] reads from an [io.Reader]. The format
// is sniffed from the content, never trusted from the file name: a FIT file is
// recognised by its header, GPX and TCX by their root element, and gzip
// compression (a .fit.gz from a Strava export) is undone transparently. A
// [Decoder] carries the options: lenient salvage of damaged FIT files and the
// limits that guard against hostile input.
//
// # Errors
//
// Every error from Open names the file, the format and what is wrong, and
// matches one sentinel with [errors.Is]: [ErrUnknownFormat], [ErrNotActivity],
// [ErrMalformed], [ErrTruncated], [ErrChecksum], [ErrNoSamples],
// [ErrNoTimestamps] or [ErrLimit]. The importers' sentinels are the same
// values, so a test on analyze.ErrTruncated also matches an error from
// [github.com/runcheck/runcheck/fitio] directly.
package analyze
