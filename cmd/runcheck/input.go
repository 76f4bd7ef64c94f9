package main

import (
	"io"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

// openPath decodes the file at path, or standard input when path is "-".
func openPath(dec *analyze.Decoder, path string, stdin io.Reader) (*activity.Activity, error) {
	if path != "-" {
		return dec.Open(path)
	}
	act, err := dec.Decode(stdin)
	if err != nil {
		return nil, &analyze.FileError{Path: "standard input", Err: err}
	}
	return act, nil
}
