// Package zones builds heart-rate and pace zone models and measures the time a
// run spends in each zone.
//
// It is runcheck's numeric leaf, shaped like gonum's [gonum.org/v1/gonum/stat]:
// functions over plain x and weights []float64 with an optional dst, their
// preconditions listed in their doc comments. It knows nothing of files,
// clocks or athletes and imports no other runcheck package; the analyze
// package turns an activity's samples into the x and weights used here.
//
// # Zone models
//
// A [Zones] value holds boundaries in the unit of the samples and a name for
// each zone. The constructors build the published models:
//
//   - [HRMax]: percentages of maximum heart rate, by default Garmin's
//     50/60/70/80/90/100 % table;
//   - [HRR]: percentages of heart-rate reserve (Karvonen), rest + p × (max − rest),
//     with the same default table; [HRRTarget] gives one such target;
//   - [LTHR]: percentages of lactate-threshold heart rate, and the two
//     published threshold models, [Friel] (running, seven zones Z1 to Z5c) and
//     [Coggan] (five zones at 68/83/94/105 %, as in GoldenCheetah);
//   - [Custom]: boundaries in beats per minute;
//   - [Watch]: the boundaries a watch stored with its own time in zone;
//   - [Pace]: offsets from a reference pace (5K, 10K or threshold), with
//     [Riegel] to carry a race time over to another distance.
//
// # Bounds and edges
//
// n bounds make n+1 zones. A value equal to a bound belongs to the zone above
// it, as a zone table reads ("zone 2: 60–70 %" starts at 60 %): zone i holds
// [Bounds[i-1], Bounds[i]). The outer edges are open: a value below the first
// bound is in zone 0 and a value above the last bound is in the last zone,
// however far out, so every sample that is not NaN counts somewhere. In
// [HRMax], [HRR], [Custom], [Watch] and [Pace] zone 0 is "below zone 1" and
// is named "Z0"; in [Friel] and [Coggan] zone 0 is their Z1. [Zones.Names]
// carries the name of each zone.
//
// # Time in zone
//
// [TimeIn] sums the weights of the samples in each zone in one pass over the
// samples, with a binary search over the bounds per sample: no sorting, no
// histogram, the caller's slices untouched. With weights the seconds each
// sample lasts it gives seconds per zone; [Share] turns that into fractions.
// [Zone] places a single value.
//
// # Distributions
//
// [Mean] and [Quantile] (or [Quantiles], for several at once) describe a
// weighted distribution, such as heart rate weighted by time. Quantile works
// on copies, so it never reorders the caller's slices as
// [stat.SortWeighted] would.
//
// # Units
//
// Heart rates are in beats per minute, paces in seconds per kilometre (larger
// is slower; 1000 / v for a speed v in metres per second). Zone percentages
// are written as percentages, 70 rather than 0.7; quantile fractions p are in
// [0, 1].
//
// # Missing values, errors and panics
//
// A NaN sample, or a sample with a NaN weight, is skipped by every function.
// Constructors validate the settings they are given, which come from users,
// and return an error matching [ErrInvalid]. The other functions panic only
// on programmer errors: slices of mismatched length, bounds out of order,
// negative weights. Inputs are never modified.
package zones
