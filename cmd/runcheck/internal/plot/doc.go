// Package plot draws the pictures of runcheck's plot verb with
// [gonum.org/v1/plot]: one run ([Run]) and a week of runs ([Week]), as SVG or
// PNG.
//
// # One run
//
// [Run] draws two panels that share the time axis, in minutes from the
// activity's start:
//
//   - the cleaned heart rate ([analyze.HeartRateCleaning].HR) on the
//     heart-rate zones of the analysis, drawn as light horizontal bands
//     labelled with the zones' names, with the profile's ceiling as a dashed
//     line and the optical lock-on window, which the ceiling check leaves
//     out, faded;
//   - the moving pace in minutes per kilometre, on an axis that grows
//     downwards so that faster is higher, with the grade-adjusted pace
//     (GAP) where the terrain is known and the profile's pace band (the
//     reference pace plus the band's offsets) shaded.
//
// Pauses are shaded grey across both panels: the file's own pauses (timer
// stops, segment boundaries) and the gaps of the time base, stretches
// between two samples longer than the gap cap that no pause covers
// ([analyze.Timeline]). Neither the time in them nor a line across them is
// drawn: the analysis credits them to nothing either.
//
// The title names the file and the verdict with its main reason, shortened
// to fit; a run that was not graded says NOT GRADED and why. The legends,
// and notes on what could not be drawn and why (no pace band, no GAP, an
// unverifiable pace), stand in a column on the right, never over the data.
//
// Lines break at NaN values and at pauses. A line of more than 4800
// samples is thinned to the first, lowest, highest and last sample of each
// of 2400 time columns, a quarter point each: the picture does not change,
// and a day-long 1 Hz recording still makes a small SVG.
//
// # A week
//
// [Days] adds up the daily load of a batch of runs, calendar day by
// calendar day in each run's own UTC offset, and [Week] draws one bar per
// day, the recovery runs' days coloured by verdict.
//
// # Output
//
// A run is drawn 10 × 6 inches and a week 10 × 4 inches; PNG at 96 dots per
// inch (960 × 576 and 960 × 384 pixels). SVG output holds no time stamp and
// does not depend on map order, so the same input gives the same bytes. Its
// text names Liberation Sans, the font the layout is measured with, then
// Arial and Helvetica, which share its metrics, then any sans-serif; fonts
// are not embedded. The image is rendered in memory and written in one
// piece: a failed call writes nothing.
package plot
