//go:build race

package gpxio_test

// raceEnabled is set when the race detector is on, which makes decoding
// ten times slower: the heaviest tests then do less.
const raceEnabled = true
