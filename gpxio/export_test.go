package gpxio

import (
	"io"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/xmlinput"
)

// DecodeFast runs only the fast reader on data. fellBack is true when it
// leaves data to the reference reader (a and err are then nil); a panic is
// not recovered, so that tests see it.
func DecodeFast(d *Decoder, data []byte) (a *activity.Activity, fellBack bool, err error) {
	a, err = d.decodeFast(data)
	if err == xmlinput.ErrFallback {
		return nil, true, nil
	}
	return a, false, err
}

// DecodeReference runs only the reference reader on r.
func DecodeReference(d *Decoder, r io.Reader) (*activity.Activity, error) {
	return d.decodeReference(r)
}
