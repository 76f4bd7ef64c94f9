package analyze

import (
	"slices"

	"github.com/runcheck/runcheck/activity"
)

// Defaults of the time base. They are documented in [TimeOptions].
const (
	DefaultMinGapCap    = 10.0 // seconds
	DefaultGapIntervals = 3.0  // typical recording intervals
	DefaultMovingSpeed  = 0.5  // metres per second, 33 min/km
	DefaultMovingSteps  = 20.0 // cycles per minute as the file writes cadence
)

// TimeOptions tunes how sample durations, gaps and moving time are decided.
// The zero value means the defaults.
type TimeOptions struct {
	// GapCap is the longest time, in seconds, one sample can be credited
	// with. A longer stretch between two samples that no pause of the file
	// covers is a gap: an inferred pause, credited to nothing. 0 means
	// max(DefaultMinGapCap, DefaultGapIntervals × the median recording
	// interval), so that 1 Hz recording caps at 10 s and a watch writing
	// every 10 s at 30 s.
	GapCap float64
	// MovingSpeed is the speed in metres per second at or above which a
	// sample counts as moving; 0 means DefaultMovingSpeed.
	MovingSpeed float64
	// MovingCadence is the cadence, in the file's cycles per minute, at or
	// above which a sample counts as moving whatever its speed; 0 means
	// DefaultMovingSteps.
	MovingCadence float64
}

// Timeline is the time base of an activity: what each sample is worth. Every
// time-weighted figure in this package (time in zone, averages, TRIMP) weighs
// samples by Weight, never by count, so smart recording and pauses are
// handled once, here.
type Timeline struct {
	// Weight is the time in seconds credited to each sample: the time to
	// the next sample minus the part of it inside a pause of the file; 0 when
	// that exceeds the gap cap (a gap) and for the last sample.
	Weight []float64
	// Moving flags the samples during which the athlete moved (see
	// Timeline.MovingTime).
	Moving []bool
	// Cap is the gap cap used, in seconds.
	Cap float64
	// Elapsed is the time from the first to the last sample, in seconds.
	Elapsed float64
	// Paused is the time inside the file's own pauses (timer stops, segment
	// boundaries), clipped to the samples, in seconds.
	Paused float64
	// Timer is Elapsed minus Paused: the time the watch's timer ran.
	Timer float64
	// Gaps counts the inferred pauses (stretches longer than Cap between two
	// samples, outside the file's pauses) and GapTime is their length.
	Gaps    int
	GapTime float64
	// Recorded is the sum of Weight: Timer minus GapTime, up to the last
	// sample's own interval.
	Recorded float64
	// MovingTime is the sum of Weight over moving samples. A sample is
	// moving when its speed is at least the moving speed or its cadence at
	// least the moving cadence: either is evidence of movement, so a run
	// whose GPS speed dips while the legs keep turning still moves. With
	// neither channel in the file, every credited sample counts as moving.
	MovingTime float64
}

// NewTimeline computes the time base of a, using speed (metres per second,
// for example [Kinematics].Movement, which [Analyze] passes) and the file's
// cadence to decide what is moving; speed may be nil.
func NewTimeline(a *activity.Activity, speed []float64, opt TimeOptions) Timeline {
	t := a.Samples.Time
	n := len(t)
	tl := Timeline{Weight: make([]float64, n), Moving: make([]bool, n)}
	if n == 0 {
		return tl
	}
	tl.Cap = opt.GapCap
	if tl.Cap <= 0 {
		tl.Cap = defaultGapCap(t)
	}
	tl.Elapsed = a.Duration()
	tl.Paused = PausedTime(a)
	tl.Timer = tl.Elapsed - tl.Paused

	pauses := sortedPauses(a.Pauses)
	first := 0 // pauses[:first] end before the current sample
	for i := 0; i+1 < n; i++ {
		span := t[i+1] - t[i]
		if !(span > 0) { // simultaneous or out-of-order samples are worth nothing
			first = 0 // and after disorder, no pause can be assumed past
			continue
		}
		for first < len(pauses) && pauses[first].End <= t[i] {
			first++
		}
		w := span - overlap(pauses[first:], t[i], t[i+1])
		if w > tl.Cap {
			tl.Gaps++
			tl.GapTime += w
			continue
		}
		tl.Weight[i] = w
		tl.Recorded += w
	}

	minSpeed := opt.MovingSpeed
	if minSpeed <= 0 {
		minSpeed = DefaultMovingSpeed
	}
	minCad := opt.MovingCadence
	if minCad <= 0 {
		minCad = DefaultMovingSteps
	}
	cad := a.Samples.Cadence
	for i := range n {
		tl.Moving[i] = speed == nil && cad == nil ||
			speed != nil && speed[i] >= minSpeed || cad != nil && cad[i] >= minCad
		if tl.Moving[i] {
			tl.MovingTime += tl.Weight[i]
		}
	}
	return tl
}

// defaultGapCap returns the gap cap that [TimeOptions] documents for a zero
// GapCap: max(DefaultMinGapCap, DefaultGapIntervals × the median recording
// interval of t).
func defaultGapCap(t []float64) float64 {
	if len(t) < 2 {
		return DefaultMinGapCap
	}
	return max(DefaultMinGapCap, DefaultGapIntervals*medianInterval(t, make([]float64, len(t)-1)))
}

// medianInterval returns the median of the positive intervals between
// samples, or 1 when there are none. It uses scratch, of at least
// len(t) - 1 values, as scratch space.
func medianInterval(t, scratch []float64) float64 {
	d := scratch[:0]
	for i := 1; i < len(t); i++ {
		if dt := t[i] - t[i-1]; dt > 0 {
			d = append(d, dt)
		}
	}
	if len(d) == 0 {
		return 1
	}
	return selectNth(d, len(d)/2)
}

// selectNth returns the value that x[k] would hold if x were sorted, in
// linear time on average: a quickselect with a three-way partition, which
// takes one pass over values that are all equal, as the intervals of a
// regular recording are. It reorders x, which must hold no NaN, and sorts
// what is left if the pivots keep falling badly.
func selectNth(x []float64, k int) float64 {
	lo, hi := 0, len(x) // x[k] of the sorted x is in x[lo:hi]
	for rounds := 0; hi-lo > 1; rounds++ {
		if rounds == 64 {
			slices.Sort(x[lo:hi])
			break
		}
		a, b, c := x[lo], x[lo+(hi-lo)/2], x[hi-1]
		pivot := max(min(a, b), min(max(a, b), c)) // the median of three
		lt, i, gt := lo, lo, hi                    // x[lo:lt] < pivot = x[lt:i]; x[gt:hi] > pivot
		for i < gt {
			switch v := x[i]; {
			case v < pivot:
				x[lt], x[i] = x[i], x[lt]
				lt++
				i++
			case v > pivot:
				gt--
				x[i], x[gt] = x[gt], x[i]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k < gt:
			return pivot
		default:
			lo = gt
		}
	}
	return x[k]
}

// sortedPauses returns the pauses with positive length, ordered by start.
func sortedPauses(p []activity.Pause) []activity.Pause {
	out := make([]activity.Pause, 0, len(p))
	for _, q := range p {
		if q.End > q.Start {
			out = append(out, q)
		}
	}
	slices.SortFunc(out, func(a, b activity.Pause) int {
		switch {
		case a.Start < b.Start:
			return -1
		case a.Start > b.Start:
			return 1
		}
		return 0
	})
	return out
}

// overlap returns how much of [from, to] the pauses cover, overlapping pauses
// counted once. pauses must be sorted by start.
func overlap(pauses []activity.Pause, from, to float64) float64 {
	total, covered := 0.0, from
	for _, p := range pauses {
		if p.Start >= to {
			break
		}
		s, e := max(p.Start, covered), min(p.End, to)
		if e > s {
			total += e - s
			covered = e
		}
	}
	return total
}
