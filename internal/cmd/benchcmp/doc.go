// Package benchcmp holds the benchmark that decided how runcheck reads GPX:
// github.com/tkrajina/gpxgo v1.4.0 against runcheck's own streaming reader,
// [github.com/runcheck/runcheck/gpxio], on the same generated 3-hour run, and
// a test showing the times gpxgo loses.
//
// It is a separate module so that gpxgo never reaches runcheck's go.mod. See
// README.md for how to run it.
package benchcmp
