// Package activity holds the common sample stream that every runcheck importer
// produces: one [Activity] per exported file, whatever its format.
//
// # Shape
//
// An Activity is plain data. Its [Samples] are columns, one []float64 per
// channel, all of the same length as the time axis, so that numeric code (gonum,
// the zones package) works on them without copying. A value the device did not
// record is NaN, never 0: a missing heart rate is NaN, a heart rate of 0 is a
// dropout the device wrote and is kept as 0 for the cleaning stage to count.
//
// Times are seconds relative to [Activity.Start], the instant of the first
// sample, carrying the file's UTC offset where the format records one. Laps,
// pauses and sessions use the same axis.
//
// # Units
//
// All quantities are SI or the unit the sport uses by convention:
//
//   - time and durations: seconds
//   - distance and altitude: metres
//   - speed: metres per second
//   - latitude and longitude: degrees (WGS 84)
//   - heart rate: beats per minute
//   - cadence: cycles per minute as the device writes it (for running, strides
//     per minute of one foot, so half the step rate; for cycling, crank rpm)
//   - temperature: degrees Celsius
//
// # Faithfulness
//
// Importers report what the file says. They never guess a label, never clean or
// smooth a channel and never reorder samples; where the file is odd (times that
// go backwards, a salvaged truncated file) they say so in [Activity.Warnings].
// Cleaning, units of display and grading belong to the analyze package.
//
// # Errors
//
// The sentinel errors defined here are shared by every importer, so that a
// caller can test the outcome of any decode with [errors.Is] whatever the
// format. Importers return a [*FormatError] that wraps one of them.
package activity
