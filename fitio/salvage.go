package fitio

import (
	"fmt"
	"math"
	"time"
)

// maxRecordJump is the longest step forward between a record and the
// records before it that one activity can hold. A watch's timer can stop
// overnight; a month's jump is a corrupt timestamp (a record decoded from
// damaged bytes, a clock set to garbage), after which nothing is timed.
const maxRecordJump = 30 * 24 * time.Hour

// cutAtJump cuts the samples at the first one that comes more than
// maxRecordJump after every sample before it, with a warning: a timestamp
// that jumps by years (the last record before the damage of a file salvaged
// leniently, 64 years on in the corpus's Strava file; the first records of
// a watch whose clock was not set yet) would make the activity that long.
// The larger side of the jump is kept: the samples from the jump on are cut
// off, or, when they are more than those before it, the samples before it
// (the activity then starts at the jump). Samples that go back in time are
// left to the "timestamps go backwards" warning.
func (c *collector) cutAtJump() {
	s := &c.samples
	n := len(s.Time)
	latest := math.Inf(-1)
	for i, t := range s.Time {
		if i == 0 || t-latest <= maxRecordJump.Seconds() {
			latest = max(latest, t)
			continue
		}
		jump := duration(time.Duration(t-latest) * time.Second)
		lo, hi, cut := 0, i, "the samples from it on are cut off"
		if n-i > i {
			lo, hi, cut = i, n, "the samples before it are cut off"
		}
		c.salvaged = true
		c.warnings = append(c.warnings, fmt.Sprintf(
			"a record's timestamp jumps %s after the records before it, at sample %d of %d: no activity lasts that long, so a timestamp is corrupt; %s",
			jump, i, n, cut))
		for _, col := range append(channels(s), &s.Time) {
			*col = (*col)[lo:hi]
		}
		if lo > 0 {
			shift := s.Time[0]
			for k := range s.Time {
				s.Time[k] -= shift
			}
			c.t0 += uint32(shift)
		}
		for k := range c.seqStart {
			c.seqStart[k] = min(max(c.seqStart[k]-lo, 0), hi-lo)
		}
		c.backwards = 0 // counted again over the samples kept
		for k := 1; k < len(s.Time); k++ {
			if s.Time[k] < s.Time[k-1] {
				if c.backwards == 0 {
					c.firstBack = k
				}
				c.backwards++
			}
		}
		return
	}
}

// duration words a long duration, rounded, in years from two years on
// ("64 years"), else in days ("45 days").
func duration(d time.Duration) string {
	const day = 24 * time.Hour
	const year = 365 * day
	if d >= 2*year {
		return fmt.Sprintf("%.0f years", d.Hours()/year.Hours())
	}
	return fmt.Sprintf("%.0f days", d.Hours()/day.Hours())
}
