package analyze

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/runcheck/runcheck/activity"
)

// Status is the outcome of one check.
type Status string

// The outcomes of a check. Unknown means the check could not be graded (no
// heart rate, no reference pace, a treadmill run): it never passes silently.
const (
	StatusPass    Status = "pass"
	StatusWarn    Status = "warn"
	StatusFail    Status = "fail"
	StatusUnknown Status = "unknown"
)

// Verdict is the grade of a whole run.
type Verdict string

// The verdicts. Ungradable means there is nothing to grade the run by: not a
// run, no samples, or neither a heart-rate ceiling nor a pace band.
const (
	VerdictPass       Verdict = "PASS"
	VerdictWarn       Verdict = "WARN"
	VerdictFail       Verdict = "FAIL"
	VerdictUngradable Verdict = "UNGRADABLE"
)

// Check identifiers, in the order a grade lists them.
const (
	CheckCeiling  = "hr-ceiling"
	CheckDuration = "duration"
	CheckPace     = "pace"
	CheckDrift    = "drift"
	CheckTerrain  = "terrain"
	CheckHeat     = "heat"
	CheckWarmUp   = "warm-up"
	CheckQuality  = "hr-quality"
)

// Check is one graded rule: what was measured against which limit.
type Check struct {
	// ID is one of the Check constants.
	ID     string `json:"id"`
	Status Status `json:"status"`
	// Measured and Limit are the figure and the limit it was held to, in
	// Unit; missing when the check could not measure.
	Measured Value  `json:"measured"`
	Limit    Value  `json:"limit"`
	Unit     string `json:"unit,omitempty"`
	// Message says in one sentence, with numbers, what was found.
	Message string `json:"message"`
	// Advice marks a check that informs without changing the verdict (the
	// warm-up, the heart-rate data quality).
	Advice bool `json:"advice,omitempty"`
}

// Stretch is a continuous stretch of a run: its start as an offset from the
// activity's start and its length, in seconds, and its mean heart rate.
type Stretch struct {
	Start   float64 `json:"start_s"`
	Seconds float64 `json:"seconds"`
	AvgHR   Value   `json:"avg_hr"`
}

// Grade is the verdict on one run graded as a recovery run.
type Grade struct {
	Verdict Verdict `json:"verdict"`
	// Summary is one line: the verdict and its main reason.
	Summary string `json:"summary"`
	// Reasons are the checks' messages in order of weight: failures first,
	// then warnings, then what could not be graded, then advice.
	Reasons []string `json:"reasons"`
	// Checks are every check, in a fixed order.
	Checks []Check `json:"checks"`
	// Profile is the profile graded by; Settings the athlete settings with
	// their sources; Ceiling the heart-rate ceiling in bpm (missing without a
	// maximum heart rate).
	Profile  Profile  `json:"profile"`
	Settings Settings `json:"settings"`
	Ceiling  Value    `json:"ceiling_bpm"`
	// WorstStretch is the longest stretch above the ceiling, nil when there
	// is none.
	WorstStretch *Stretch `json:"worst_stretch,omitempty"`
	// Confidence is "high", or "low" when the heart-rate data is doubtful
	// or the activity salvaged; ConfidenceReasons say why.
	Confidence        string   `json:"confidence"`
	ConfidenceReasons []string `json:"confidence_reasons,omitempty"`
	// Salvaged is true when the activity holds less than its file (see
	// [activity.Activity.Salvaged]: decoded leniently up to damage, or cut
	// at a corrupt timestamp): the grade is of the part that could be read, and its
	// confidence is low.
	Salvaged bool `json:"salvaged,omitempty"`
}

// salvagedReason is the confidence reason of a salvaged activity.
const salvagedReason = "the file is damaged or its timestamps corrupt: only the part that could be read is graded (see the warnings)"

// Check returns the check with the given id, and whether the grade has it.
func (g *Grade) Check(id string) (Check, bool) {
	for _, c := range g.Checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

// GradeRecovery analyses a and grades it as a recovery run by profile p. The
// profile's pace reference decides which reference pace in.Pace is resolved
// to.
func GradeRecovery(a *activity.Activity, in Inputs, p Profile, opt Options, gopt GradeOptions) (Grade, *Analysis) {
	an := Analyze(a, in.ForProfile(p), opt)
	return GradeAnalysis(a, an, p, gopt), an
}

// ForProfile returns in with the reference pace that profile p grades pace
// against: p's pace reference when it has one, else in's own. An analysis
// made with it offsets pace against the reference its grade uses.
func (in Inputs) ForProfile(p Profile) Inputs {
	if p.PaceReference != "" {
		in.PaceReference = p.PaceReference
	}
	return in
}

// GradeAnalysis grades an analysis of a as a recovery run by profile p. The
// analysis must have been made with p's pace reference (see Inputs.ForProfile).
func GradeAnalysis(a *activity.Activity, an *Analysis, p Profile, gopt GradeOptions) Grade {
	o := gopt.withDefaults()
	g := Grade{Profile: p, Settings: an.Settings, Ceiling: NA(), Confidence: "high"}
	if a.Salvaged {
		g.Salvaged, g.Confidence, g.ConfidenceReasons = true, "low", []string{salvagedReason}
	}
	switch {
	case a.Samples.Len() == 0:
		return ungradable(g, "the file has no samples")
	case !an.Running:
		return ungradable(g, fmt.Sprintf("not a run (sport %s)", orUnknown(an.Sport)))
	}
	g.Checks = append(g.Checks, g.ceilingCheck(a, an, o))
	g.Checks = append(g.Checks, durationCheck(an, p))
	if p.PaceReference != "" {
		g.Checks = append(g.Checks, paceCheck(an, p, o))
	}
	if p.Drift == "down" {
		g.Checks = append(g.Checks, driftCheck(an, o))
	}
	g.Checks = append(g.Checks, terrainCheck(an, o))
	if an.Terrain.Temperature.Known() {
		g.Checks = append(g.Checks, heatCheck(an, o))
	}
	g.Checks = append(g.Checks, warmUpCheck(a, an, p, o))
	if an.HeartRate != nil {
		g.Checks = append(g.Checks, g.qualityCheck(an, o))
	}
	return g.decide()
}

// With returns g with more checks (for example the week context's),
// its verdict, reasons and summary decided again. An ungradable grade stays
// ungradable: there is nothing to add to.
func (g Grade) With(checks ...Check) Grade {
	if g.Verdict == VerdictUngradable || len(checks) == 0 {
		return g
	}
	g.Checks = append(slices.Clone(g.Checks), checks...)
	g.Reasons, g.Summary = nil, ""
	return g.decide()
}

// decide sets the verdict, the reasons and the summary from the checks.
func (g Grade) decide() Grade {
	ceiling, _ := g.Check(CheckCeiling)
	pace, hasPace := g.Check(CheckPace)
	if ceiling.Status == StatusUnknown && (!hasPace || pace.Status == StatusUnknown) {
		why := ceiling.Message
		if hasPace {
			why += "; " + pace.Message
		} else {
			why += "; the " + g.Profile.Name + " profile has no pace band to grade by instead"
		}
		return ungradable(g, why)
	}
	rank := map[Status]int{StatusFail: 0, StatusWarn: 1, StatusUnknown: 2, StatusPass: 3}
	order := slices.Clone(g.Checks)
	slices.SortStableFunc(order, func(x, y Check) int {
		rx, ry := rank[x.Status], rank[y.Status]
		if x.Advice {
			rx += 10
		}
		if y.Advice {
			ry += 10
		}
		return rx - ry
	})
	g.Verdict = VerdictPass
	for _, c := range order {
		g.Reasons = append(g.Reasons, c.Message)
		if c.Advice {
			continue
		}
		switch {
		case c.Status == StatusFail:
			g.Verdict = VerdictFail
		case c.Status == StatusWarn && g.Verdict == VerdictPass:
			g.Verdict = VerdictWarn
		}
	}
	main := order[0].Message
	if g.Verdict == VerdictPass {
		main = "stayed easy: " + ceiling.Message
		if ceiling.Status == StatusUnknown {
			main = "graded on pace alone (" + ceiling.Message + "): " + pace.Message
		}
	} else if ceiling.Status == StatusUnknown {
		main = "graded without heart rate (" + ceiling.Message + "): " + main
	}
	g.Summary = string(g.Verdict) + ": " + main
	return g
}

func ungradable(g Grade, why string) Grade {
	g.Verdict = VerdictUngradable
	g.Summary = string(VerdictUngradable) + ": " + why
	g.Reasons = append([]string{why}, g.Reasons...)
	if g.Checks == nil {
		g.Checks = []Check{}
	}
	return g
}

// ceilingCheck measures the moving time above the profile's heart-rate
// ceiling, outside the optical lock-on window.
func (g *Grade) ceilingCheck(a *activity.Activity, an *Analysis, o GradeOptions) Check {
	c := Check{ID: CheckCeiling, Measured: NA(), Limit: Value(100 * o.CeilingShare), Unit: "% of moving time"}
	maxHR := an.Settings.MaxHR
	switch {
	case an.HeartRate == nil:
		c.Status, c.Message = StatusUnknown, "no heart rate in the file"
		return c
	case an.HeartRate.Cleaning.Kept.Samples == 0:
		c.Status, c.Message = StatusUnknown, "no heart rate to grade by: "+an.HeartRate.Cleaning.Unusable()
		return c
	case !maxHR.Known():
		c.Status, c.Message = StatusUnknown, "no maximum heart rate: give -max-hr or -age, or set it in the config file"
		return c
	}
	ceiling := g.Profile.HRCeilingPct / 100 * float64(maxHR.Value)
	g.Ceiling = Value(ceiling)
	t, hr, w := a.Samples.Time, an.Cleaning.HR, an.Timeline.Weight
	lockEnd := math.Inf(-1)
	if an.Cleaning.LockOnEnd.Known() {
		lockEnd = float64(an.Cleaning.LockOnEnd)
	}
	var graded, above, lockAbove float64
	var worst, cur Stretch
	var curSum float64
	flush := func() {
		if cur.Seconds > worst.Seconds {
			worst = cur
			worst.AvgHR = Value(curSum / cur.Seconds)
		}
		cur, curSum = Stretch{}, 0
	}
	for i := range t {
		if !an.Timeline.Moving[i] || math.IsNaN(hr[i]) || w[i] == 0 {
			flush()
			continue
		}
		if t[i] < lockEnd {
			if hr[i] >= ceiling {
				lockAbove += w[i]
			}
			continue
		}
		graded += w[i]
		if hr[i] < ceiling {
			flush()
			continue
		}
		above += w[i]
		if cur.Seconds == 0 {
			cur.Start = t[i]
		}
		cur.Seconds += w[i]
		curSum += hr[i] * w[i]
	}
	flush()
	if graded == 0 {
		c.Status, c.Message = StatusUnknown, "no moving time with a heart rate after the lock-on window"
		return c
	}
	share := above / graded
	c.Measured = Value(100 * share)
	pct := fmt.Sprintf("%g bpm (%g %% of max HR %.0f, %s)", math.Round(10*ceiling)/10, g.Profile.HRCeilingPct, float64(maxHR.Value), maxHR.Source)
	c.Message = fmt.Sprintf("%s (%.0f %%) of moving time at or above %s", minutes(above), 100*share, pct)
	if worst.Seconds > 0 {
		g.WorstStretch = &worst
		c.Message += fmt.Sprintf("; longest stretch %s from %s at %.0f bpm on average", minutes(worst.Seconds), clock(worst.Start), float64(worst.AvgHR))
	}
	if lockAbove > 0 {
		c.Message += fmt.Sprintf("; %s above it in the first %s not counted (optical lock-on)", minutes(lockAbove), minutes(lockEnd-t[0]))
	}
	switch {
	case share > o.CeilingShare || above > 60*o.CeilingMinutes:
		c.Status = StatusFail
		c.Message += fmt.Sprintf("; the tolerance is %g %% and %g min", 100*o.CeilingShare, o.CeilingMinutes)
	default:
		c.Status = StatusPass
	}
	return c
}

// durationCheck holds the moving time to the profile's window: too long
// fails, too short warns.
func durationCheck(an *Analysis, p Profile) Check {
	m := an.Time.Moving / 60
	c := Check{ID: CheckDuration, Measured: Value(m), Limit: Value(p.MaxMinutes), Unit: "min"}
	window := fmt.Sprintf("the %s profile's %g-%g min", p.Name, p.MinMinutes, p.MaxMinutes)
	switch {
	case m > p.MaxMinutes:
		c.Status = StatusFail
		c.Message = fmt.Sprintf("%s of moving time, longer than %s", minutes(an.Time.Moving), window)
	case m < p.MinMinutes:
		c.Status, c.Limit = StatusWarn, Value(p.MinMinutes)
		c.Message = fmt.Sprintf("%s of moving time, shorter than %s", minutes(an.Time.Moving), window)
	default:
		c.Status = StatusPass
		c.Message = fmt.Sprintf("%s of moving time, inside %s", minutes(an.Time.Moving), window)
	}
	return c
}

// paceCheck holds the median moving pace to the profile's band: faster than
// the band fails; a large share of moving time faster than it warns.
func paceCheck(an *Analysis, p Profile, o GradeOptions) Check {
	c := Check{ID: CheckPace, Measured: NA(), Limit: Value(p.PaceMinOffset), Unit: "s/km slower than reference"}
	ps := an.Pace
	switch {
	case ps.Reference == nil:
		c.Status = StatusUnknown
		c.Message = fmt.Sprintf("no %s reference pace to grade the pace by (%s)", refName(p.PaceReference), refHint(p.PaceReference))
		return c
	case !ps.Verifiable:
		c.Status, c.Message = StatusUnknown, "pace unverifiable: "+ps.Reason
		return c
	case !ps.MedianOffset.Known():
		c.Status, c.Message = StatusUnknown, "no moving pace to grade"
		return c
	}
	ref := ps.Reference
	off := float64(ps.MedianOffset)
	c.Measured = Value(off)
	c.Message = fmt.Sprintf("median pace %s/km, %+.0f s/km from %s pace %s/km (%s); the band is %g-%g s/km slower",
		FormatPace(float64(ps.MedianPace)), off, refName(ref.Kind), FormatPace(ref.Pace), ref.Source, p.PaceMinOffset, p.PaceMaxOffset)
	band := PaceBand{Min: p.PaceMinOffset, Max: p.PaceMaxOffset}
	faster, share := PaceFasterThan(PaceSeries(nil, an.Kinematics.Speed, an.Timeline.Moving), an.Timeline.Weight, ref.Pace+band.Min)
	switch {
	case off < p.PaceMinOffset:
		c.Status = StatusFail
		c.Message = "too fast: " + c.Message
	case share > o.PaceFasterShare:
		c.Status = StatusWarn
		c.Message += fmt.Sprintf("; but %s (%.0f %%) of moving time was faster than the band", minutes(faster), 100*share)
	default:
		c.Status = StatusPass
	}
	return c
}

// driftCheck wants heart rate to drift down or stay flat after a hard day.
func driftCheck(an *Analysis, o GradeOptions) Check {
	c := Check{ID: CheckDrift, Measured: NA(), Limit: Value(o.DriftUp), Unit: "bpm per 10 min"}
	switch {
	case an.HeartRate != nil && an.HeartRate.Cleaning.Kept.Samples == 0:
		c.Status, c.Message = StatusUnknown, "heart-rate drift not measurable: "+an.HeartRate.Cleaning.Unusable()
		return c
	case an.HeartRate == nil || !an.HeartRate.Drift.BPMPer10Min.Known():
		c.Status, c.Message = StatusUnknown, "heart-rate drift not measurable (no heart rate, or too short a steady part)"
		return c
	}
	s := float64(an.HeartRate.Drift.BPMPer10Min)
	c.Measured = Value(s)
	if s > o.DriftUp {
		c.Status = StatusWarn
		c.Message = fmt.Sprintf("heart rate drifted up %+.1f bpm per 10 min; after a hard day it should drift down or stay flat", s)
		return c
	}
	c.Status = StatusPass
	c.Message = fmt.Sprintf("heart rate drifted %+.1f bpm per 10 min: down or flat, as it should after a hard day", s)
	return c
}

// terrainCheck warns on hilly runs: too much climbing per kilometre or too
// long at a steep grade.
func terrainCheck(an *Analysis, o GradeOptions) Check {
	ts := an.Terrain
	c := Check{ID: CheckTerrain, Measured: NA(), Limit: Value(o.HillyAscentPerKm), Unit: "m per km"}
	if !ts.Known || !ts.AscentPerKm.Known() {
		c.Status, c.Message = StatusUnknown, "terrain unknown: "+orUnknown(ts.Reason)
		return c
	}
	c.Measured = ts.AscentPerKm
	steep := 0.0
	if ts.SteepClimbTime.Known() {
		steep = float64(ts.SteepClimbTime)
	}
	desc := fmt.Sprintf("%.0f m of climbing (%.1f m per km), %s at %g %% or steeper",
		float64(ts.Ascent), float64(ts.AscentPerKm), minutes(steep), float64(ts.SteepGrade))
	switch {
	case float64(ts.AscentPerKm) > o.HillyAscentPerKm || steep > 60*o.SteepClimbMinutes:
		c.Status = StatusWarn
		c.Message = "hilly: " + desc + fmt.Sprintf("; recovery runs belong on flat ground (limits %g m per km, %g min steep)", o.HillyAscentPerKm, o.SteepClimbMinutes)
	default:
		c.Status = StatusPass
		c.Message = "flat enough: " + desc
	}
	return c
}

// heatCheck warns on hot runs.
func heatCheck(an *Analysis, o GradeOptions) Check {
	t := float64(an.Terrain.Temperature)
	c := Check{ID: CheckHeat, Measured: Value(t), Limit: Value(o.HotTemperature), Unit: "°C"}
	if t > o.HotTemperature {
		c.Status = StatusWarn
		c.Message = fmt.Sprintf("hot: %.1f °C on average (device sensor), above %g °C; heat raises heart rate, so keep recovery runs to cool hours", t, o.HotTemperature)
		return c
	}
	c.Status = StatusPass
	c.Message = fmt.Sprintf("%.1f °C on average (device sensor)", t)
	return c
}

// warmUpCheck looks for walking or very easy running at the start: advice.
// The start is easy when its mean speed is below 2 m/s (slower than 8:20 per
// km, a brisk walk or shuffle), or below the slow end of the profile's pace
// band, or its mean heart rate is below the profile's low edge.
func warmUpCheck(a *activity.Activity, an *Analysis, p Profile, o GradeOptions) Check {
	c := Check{ID: CheckWarmUp, Measured: NA(), Limit: NA(), Advice: true}
	t, w := a.Samples.Time, an.Timeline.Weight
	span := 60 * o.WarmUpMinutes
	var sw, speedSum, speedW, hrSum, hrW float64
	for i := range t {
		if sw >= span {
			break
		}
		sw += w[i]
		if v := speedAt(an.Kinematics.Speed, i); !math.IsNaN(v) {
			speedSum += v * w[i]
			speedW += w[i]
		}
		if an.HeartRate != nil && !math.IsNaN(an.Cleaning.HR[i]) {
			hrSum += an.Cleaning.HR[i] * w[i]
			hrW += w[i]
		}
	}
	first := fmt.Sprintf("the first %g min", o.WarmUpMinutes)
	easy := []string{}
	if speedW > 0 {
		v := speedSum / speedW
		slow := 2.0
		if ref := an.Pace.Reference; ref != nil && p.PaceReference != "" {
			slow = max(slow, 1000/(ref.Pace+p.PaceMaxOffset))
		}
		if v < slow {
			easy = append(easy, fmt.Sprintf("%s/km on average", FormatPace(1000/v)))
		}
	}
	if hrW > 0 && an.Settings.MaxHR.Known() && p.HRLowPct > 0 {
		if m := hrSum / hrW; m < p.HRLowPct/100*float64(an.Settings.MaxHR.Value) {
			easy = append(easy, fmt.Sprintf("%.0f bpm on average", m))
		}
	}
	switch {
	case speedW == 0 && hrW == 0:
		c.Status, c.Message = StatusUnknown, "warm-up not measurable: no speed or heart rate at the start"
	case len(easy) > 0:
		c.Status, c.Message = StatusPass, fmt.Sprintf("starts easy: %s at %s", first, strings.Join(easy, " and "))
	default:
		c.Status, c.Message = StatusWarn, fmt.Sprintf("no walking or very easy start in %s: a few minutes of walking or drills first make a gentler recovery", first)
	}
	return c
}

func speedAt(speed []float64, i int) float64 {
	if speed == nil {
		return math.NaN()
	}
	return speed[i]
}

// qualityCheck reports how far the heart-rate data can be trusted: advice
// that lowers the grade's confidence.
func (g *Grade) qualityCheck(an *Analysis, o GradeOptions) Check {
	cl := an.HeartRate.Cleaning
	c := Check{ID: CheckQuality, Measured: NA(), Limit: Value(100 * o.HeavyCleaning), Unit: "% removed", Advice: true}
	if cl.Recorded > 0 {
		c.Measured = Value(100 * cl.Removed.Seconds / cl.Recorded)
	}
	var doubts []string
	if c.Measured.Known() && float64(c.Measured) > 100*o.HeavyCleaning {
		doubts = append(doubts, fmt.Sprintf("cleaning removed %.0f %% of the heart-rate time (%d samples)", float64(c.Measured), cl.Removed.Samples))
	}
	if cl.CadenceLockSeconds > 0 {
		doubts = append(doubts, fmt.Sprintf("heart rate followed the step rate for %s (cadence lock of an optical sensor)", minutes(cl.CadenceLockSeconds)))
	}
	if len(doubts) > 0 {
		g.Confidence, g.ConfidenceReasons = "low", append(g.ConfidenceReasons, doubts...)
		c.Status, c.Message = StatusWarn, "low confidence in the heart rate: "+strings.Join(doubts, "; ")
		return c
	}
	c.Status = StatusPass
	c.Message = fmt.Sprintf("heart rate clean: %d of %d samples removed, no cadence lock", cl.Removed.Samples, cl.Samples)
	return c
}

func refName(kind string) string {
	switch kind {
	case Ref5K:
		return "5K"
	case Ref10K:
		return "10K"
	}
	return kind
}

func refHint(kind string) string {
	switch kind {
	case Ref5K:
		return "give -5k or -10k, or race_5k in the config file"
	case Ref10K:
		return "give -10k or -5k, or race_10k in the config file"
	}
	return "give -easy-pace, or easy_pace in the config file"
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// minutes writes seconds as "12.5 min", or "45 s" under a minute.
func minutes(sec float64) string {
	if sec < 60 {
		return fmt.Sprintf("%.0f s", sec)
	}
	return fmt.Sprintf("%.1f min", sec/60)
}

// clock writes an offset in seconds as M:SS or H:MM:SS.
func clock(sec float64) string {
	s := int64(math.Round(sec))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
