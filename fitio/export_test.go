package fitio

import "github.com/runcheck/runcheck/activity"

// DecodeFast and DecodeLibrary expose the two decoding paths to the
// differential tests.
func DecodeFast(d Decoder, data []byte) (*activity.Activity, bool) { return d.decodeFast(data) }

func DecodeLibrary(d Decoder, data []byte) (*activity.Activity, error) {
	return d.decodeLibrary(data)
}
