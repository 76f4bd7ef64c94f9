package plot

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

// Run draws one run, as format "svg" or "png", to w: the heart-rate panel on
// top and the pace panel below, sharing the time axis (see the package
// documentation for what each shows).
//
// grade is the grade to show, which may differ from g.Report.Grade (with
// the week context's checks added, say); nil means g.Report.Grade, and when
// that is nil too the run was not graded: the title says NOT GRADED and
// why, and no ceiling or pace band is drawn. A missing channel leaves its
// panel with a note instead of a line. Run returns an error, and writes
// nothing, when format is neither "svg" nor "png" or g holds no activity
// with its analysis series (a file that could not be read, a compacted
// analysis).
func Run(w io.Writer, format string, g *analyze.Graded, grade *analyze.Grade) error {
	if g == nil {
		return fmt.Errorf("plot: no run to draw")
	}
	name := displayName(g.Report.File)
	switch {
	case g.Activity == nil || g.Analysis == nil:
		why := g.Report.Error
		if why == "" {
			why = "the file was not read"
		}
		return fmt.Errorf("plot: %s: nothing to draw: %s", name, why)
	case len(g.Analysis.Timeline.Weight) != g.Activity.Samples.Len():
		return fmt.Errorf("plot: %s: the analysis holds no per-sample series (a compact analysis cannot be drawn)", name)
	}
	if grade == nil {
		grade = g.Report.Grade
	}
	v := newRunView(g, grade)
	return render(w, format, runWidth, runHeight, v.paint)
}

// displayName is the name a title gives the file.
func displayName(path string) string {
	switch path {
	case "":
		return "(unnamed)"
	case "-":
		return "standard input"
	}
	return filepath.Base(path)
}

// runView holds what the panels of one run are drawn from.
type runView struct {
	g     *analyze.Graded
	grade *analyze.Grade
	// t is the time of each sample in minutes from the activity's start;
	// cut[i] says that no line joins sample i to sample i+1 (a pause or a
	// gap lies between them, or time goes backwards).
	t   []float64
	cut []bool
	// shade are the pauses and gaps, in minutes, sorted and merged.
	shade []span
	// xmin and xmax are the time axis' range, in minutes.
	xmin, xmax float64
}

func newRunView(g *analyze.Graded, grade *analyze.Grade) *runView {
	a := g.Activity
	v := &runView{g: g, grade: grade}
	secs := a.Samples.Time
	v.t = make([]float64, len(secs))
	for i, s := range secs {
		v.t[i] = s / 60
	}
	for _, s := range pausesAndGaps(a, g.Analysis.Timeline) {
		v.shade = append(v.shade, span{s.from / 60, s.to / 60})
	}
	v.cut = make([]bool, len(secs))
	for i := 0; i+1 < len(secs); i++ {
		v.cut[i] = !(secs[i+1] > secs[i]) || overlaps(v.shade, v.t[i], v.t[i+1])
	}
	v.xmin, v.xmax = 0, 1
	for _, x := range v.t {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			v.xmin, v.xmax = min(v.xmin, x), max(v.xmax, x)
		}
	}
	return v
}

// pausesAndGaps returns the stretches during which the clock did not
// count, in seconds from the start, sorted and merged: the file's pauses,
// and the gaps of the time base (a step between samples that, less the
// pauses inside it, is longer than the gap cap; see [analyze.Timeline]).
//
// Pauses are clipped to the samples' time: a pause the file dates outside
// the recording has nothing to shade.
func pausesAndGaps(a *activity.Activity, tl analyze.Timeline) []span {
	t := a.Samples.Time
	first, last := math.Inf(1), math.Inf(-1)
	for _, x := range t {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			first, last = min(first, x), max(last, x)
		}
	}
	var pauses []span
	for _, p := range a.Pauses {
		if from, to := max(p.Start, first), min(p.End, last); to > from {
			pauses = append(pauses, span{from, to})
		}
	}
	pauses = merge(pauses)
	out := slices.Clone(pauses)
	for i := 0; i+1 < len(t); i++ {
		d := t[i+1] - t[i]
		if d > 0 && !math.IsInf(d, 0) && tl.Cap > 0 && d-covered(pauses, t[i], t[i+1]) > tl.Cap {
			out = append(out, span{t[i], t[i+1]})
		}
	}
	return merge(out)
}

// merge sorts spans by start and joins those that overlap or touch.
func merge(s []span) []span {
	sort.Slice(s, func(i, j int) bool { return s[i].from < s[j].from })
	var out []span
	for _, x := range s {
		if n := len(out); n > 0 && x.from <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, x.to)
			continue
		}
		out = append(out, x)
	}
	return out
}

// covered returns how much of [from, to] the merged spans s cover.
func covered(s []span, from, to float64) float64 {
	var c float64
	for i := sort.Search(len(s), func(i int) bool { return s[i].to > from }); i < len(s) && s[i].from < to; i++ {
		c += min(s[i].to, to) - max(s[i].from, from)
	}
	return c
}

// overlaps reports whether the merged spans s cover part of (from, to).
func overlaps(s []span, from, to float64) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i].to > from })
	return i < len(s) && s[i].from < to
}

// thinColumns is the number of time columns a line is thinned to: about
// four per point of the panel's width, so that thinning cannot be seen.
const thinColumns = 2400

// segments cuts the series y over v.t into lines, breaking at NaN values
// and where v.cut says; lines of one point are left out. Long recordings
// are thinned (see thin).
func (v *runView) segments(y []float64) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	flush := func() {
		if len(cur) > 1 {
			out = append(out, v.thin(cur))
		}
		cur = nil
	}
	for i, yi := range y {
		if math.IsNaN(yi) || math.IsInf(yi, 0) || math.IsNaN(v.t[i]) || math.IsInf(v.t[i], 0) {
			flush()
			continue
		}
		cur = append(cur, plotter.XY{X: v.t[i], Y: yi})
		if v.cut[i] {
			flush()
		}
	}
	flush()
	return out
}

// thin keeps, of the consecutive points of a line that fall in one of
// thinColumns columns of the time axis, the first, the lowest, the highest
// and the last, in their order: the line's envelope is drawn as it is,
// while a week of 1 Hz samples no longer makes an image of hundreds of
// megabytes.
func (v *runView) thin(xy plotter.XYs) plotter.XYs {
	if len(xy) <= 2*thinColumns {
		return xy
	}
	width := (v.xmax - v.xmin) / thinColumns
	column := func(x float64) int { return int(math.Floor((x - v.xmin) / width)) }
	out := make(plotter.XYs, 0, 4*thinColumns)
	for i := 0; i < len(xy); {
		j, c := i, column(xy[i].X)
		lo, hi := i, i
		for j < len(xy) && column(xy[j].X) == c {
			if xy[j].Y < xy[lo].Y {
				lo = j
			}
			if xy[j].Y > xy[hi].Y {
				hi = j
			}
			j++
		}
		keep := []int{i, lo, hi, j - 1}
		slices.Sort(keep)
		for k, idx := range keep {
			if k == 0 || idx != keep[k-1] {
				out = append(out, xy[idx])
			}
		}
		i = j
	}
	return out
}

// lines adds to p one line per segment of y (see segments) and returns the
// first, for a legend entry; nil when there is none.
func (v *runView) lines(p *gplot.Plot, y []float64, sty draw.LineStyle) *plotter.Line {
	if len(y) != len(v.t) {
		return nil // not a series of this activity
	}
	var first *plotter.Line
	for _, seg := range v.segments(y) {
		l := &plotter.Line{XYs: seg, LineStyle: sty}
		p.Add(l)
		if first == nil {
			first = l
		}
	}
	return first
}

// panel is one panel: its plot, its legend and the notes under the legend.
type panel struct {
	plot   *gplot.Plot
	legend gplot.Legend
	notes  []string
}

func newPanel() *panel {
	l := gplot.NewLegend()
	l.TextStyle.Font = sans(9, false)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = 18
	l.Padding = 4
	return &panel{plot: newPlot(), legend: l}
}

// paint draws the run on c.
func (v *runView) paint(c draw.Canvas) error {
	body := drawTitle(c, v.title(), v.subtitle())
	top, bottom := v.heartRatePanel(), v.pacePanel()
	for _, p := range []*gplot.Plot{top.plot, bottom.plot} {
		p.X.Min, p.X.Max = v.xmin, v.xmax
	}
	area := body
	area.Max.X -= legendWidth
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadY: 10, PadLeft: 6, PadBottom: 4}
	cs := gplot.Align([][]*gplot.Plot{{top.plot}, {bottom.plot}}, tiles, area)
	side := body
	side.Min.X = area.Max.X
	for i, p := range []*panel{top, bottom} {
		p.plot.Draw(cs[i][0])
		drawSide(side, p.plot.DataCanvas(cs[i][0]).Max.Y, p.legend, p.notes)
	}
	return nil
}

// title is "FILE — VERDICT: reason", or NOT GRADED and why.
func (v *runView) title() string {
	name := displayName(v.g.Report.File)
	if v.grade != nil {
		if v.grade.Summary == "" {
			return name + " — " + string(v.grade.Verdict)
		}
		return name + " — " + v.grade.Summary
	}
	why := v.g.Report.Reason()
	if why == "" {
		return name + " — NOT GRADED"
	}
	return name + " — NOT GRADED: " + why
}

// subtitle gives the start, the moving time and distance, and the profile
// with the maximum heart rate it was graded by.
func (v *runView) subtitle() string {
	a, an := v.g.Activity, v.g.Analysis
	var parts []string
	if !a.Start.IsZero() {
		parts = append(parts, a.Start.Format("Mon 2006-01-02 15:04 -07:00"))
	}
	parts = append(parts, analyze.FormatRaceTime(an.Time.Moving)+" moving")
	if an.Distance.Known() {
		parts = append(parts, fmt.Sprintf("%.2f km", float64(an.Distance)/1000))
	}
	if v.grade != nil {
		parts = append(parts, v.grade.Profile.Name+" profile")
	}
	if m := an.Settings.MaxHR; m.Known() {
		parts = append(parts, fmt.Sprintf("max HR %.0f bpm, %s", float64(m.Value), m.Source))
	}
	return strings.Join(parts, " · ")
}

// heartRatePanel is the top panel: heart rate on the zone bands.
func (v *runView) heartRatePanel() *panel {
	an := v.g.Analysis
	pn := newPanel()
	p := pn.plot
	p.Y.Label.Text = "heart rate (bpm)"
	p.X.Tick.Marker = unlabelled{stepTicks{}}
	p.Y.Tick.Marker = stepTicks{}

	var hr []float64
	if an.HeartRate != nil && an.HeartRate.Cleaning.Kept.Samples > 0 {
		hr = an.Cleaning.HR
	}
	ceiling := math.NaN()
	if v.grade != nil && v.grade.Ceiling.Known() {
		ceiling = float64(v.grade.Ceiling)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range append(slices.Clone(hr), ceiling) {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	if lo > hi && an.Zones != nil && len(an.Zones.Bounds) > 0 {
		lo, hi = an.Zones.Bounds[0], an.Zones.Bounds[len(an.Zones.Bounds)-1]
	}
	if lo > hi {
		lo, hi = 100, 160
	}
	p.Y.Min, p.Y.Max = math.Floor((lo-8)/10)*10, math.Ceil((hi+8)/10)*10

	if z := an.Zones; z != nil {
		p.Add(zoneBands{bounds: z.Bounds, names: z.Names})
		pn.notes = append(pn.notes, "zones: "+zoneModelName(z.Name))
	} else if an.HeartRate != nil && an.HeartRate.ZonesError != "" {
		pn.notes = append(pn.notes, "no zones: "+an.HeartRate.ZonesError)
	}
	var lock *lockOn
	if e := an.Cleaning.LockOnEnd; hr != nil && e.Known() {
		end := float64(e)
		lock = &lockOn{from: (end - an.Cleaning.Options.LockOn) / 60, to: end / 60}
		p.Add(*lock)
	}
	pause := spans{spans: v.shade, fill: rgb(colourPause)}
	if len(v.shade) > 0 {
		p.Add(pause)
	}
	var line *plotter.Line
	if hr != nil {
		line = v.lines(p, hr, draw.LineStyle{Color: rgb(colourHR), Width: 1.2})
	} else {
		p.Add(note{"no heart rate in the file"})
	}
	var ceil *hline
	if !math.IsNaN(ceiling) {
		ceil = &hline{
			y:     ceiling,
			style: draw.LineStyle{Color: rgb(colourCeiling), Width: 2, Dashes: []vg.Length{6, 3}},
			label: fmt.Sprintf("ceiling %g bpm (%g %%)", math.Round(10*ceiling)/10, v.grade.Profile.HRCeilingPct),
		}
		p.Add(*ceil)
	}

	if line != nil {
		pn.legend.Add("heart rate", line)
	}
	if ceil != nil {
		pn.legend.Add("ceiling", *ceil)
	}
	if lock != nil {
		pn.legend.Add("lock-on", *lock)
	}
	if len(v.shade) > 0 {
		pn.legend.Add("paused", pause)
	}
	switch {
	case v.grade == nil:
	case math.IsNaN(ceiling):
		if c, ok := v.grade.Check(analyze.CheckCeiling); ok {
			pn.notes = append(pn.notes, "no ceiling: "+c.Message)
		}
	case v.grade.WorstStretch != nil:
		s := v.grade.WorstStretch
		pn.notes = append(pn.notes, fmt.Sprintf("longest above the ceiling: %s from minute %.0f",
			analyze.FormatRaceTime(s.Seconds), s.Start/60))
	}
	return pn
}

// zoneModelName says in words which zone model a name stands for.
func zoneModelName(name string) string {
	switch name {
	case "percent_max_hr":
		return "% of max HR"
	case "percent_hrr":
		return "% of heart-rate reserve"
	case "percent_lthr":
		return "% of threshold HR"
	case "watch":
		return "the watch's own"
	}
	return name
}

// pacePanel is the bottom panel: pace and GAP on the pace band.
func (v *runView) pacePanel() *panel {
	a, an := v.g.Activity, v.g.Analysis
	pn := newPanel()
	p := pn.plot
	p.Y.Label.Text = "pace (min/km)"
	p.Y.Scale = gplot.InvertedScale{Normalizer: gplot.LinearScale{}}
	p.Y.Tick.Marker = paceTicks{}
	p.X.Tick.Marker = stepTicks{}
	p.X.Label.Text = "minutes from the start"
	if !a.Start.IsZero() {
		p.X.Label.Text += a.Start.Format(" (15:04)")
	}

	pace := analyze.PaceSeries(nil, an.Kinematics.Speed, an.Timeline.Moving)
	toMinutes(pace)
	var gap []float64
	if an.Terrain.Known && an.Kinematics.Distance != nil && an.Kinematics.Speed != nil {
		alt := analyze.SmoothAltitude(nil, a.Samples.Time, a.Samples.Altitude, float64(an.Terrain.Window))
		grade := analyze.GradeSeries(nil, an.Kinematics.Distance, alt, float64(an.Terrain.GradeSpan))
		gap = analyze.GradeAdjustedPaces(nil, pace, grade)
	}
	hasPace := activity.Coverage(pace) > 0

	var band *hband
	if g := v.grade; g != nil && g.Profile.PaceReference != "" && an.Pace.Reference != nil {
		ref := an.Pace.Reference
		band = &hband{
			lo:   (ref.Pace + g.Profile.PaceMinOffset) / 60,
			hi:   (ref.Pace + g.Profile.PaceMaxOffset) / 60,
			fill: rgb(colourBand),
			edge: draw.LineStyle{Color: rgb(colourBandEdge), Width: 0.8},
		}
	}
	lo, hi := paceRange(pace, gap)
	if band != nil {
		lo, hi = min(lo, band.lo), max(hi, band.hi)
	}
	if lo > hi {
		lo, hi = 4, 8
	}
	lo, hi = math.Floor((lo-0.1)*4)/4, math.Ceil((hi+0.1)*4)/4
	if hi-lo < 1 {
		lo, hi = lo-0.5, hi+0.5
	}
	p.Y.Min, p.Y.Max = max(lo, 0), hi

	if band != nil {
		p.Add(*band)
	}
	pause := spans{spans: v.shade, fill: rgb(colourPause)}
	if len(v.shade) > 0 {
		p.Add(pause)
	}
	// GAP under pace, wide and light, as a halo: on flat ground the two are
	// equal and both stay visible, with the measured pace on top.
	var paceLine, gapLine *plotter.Line
	if gap != nil {
		gapLine = v.lines(p, gap, draw.LineStyle{Color: rgb(colourGAP), Width: 2.6})
	}
	if hasPace {
		paceLine = v.lines(p, pace, draw.LineStyle{Color: rgb(colourPace), Width: 1.2})
	} else {
		p.Add(note{"no pace: the file has neither speed nor distance"})
	}

	if paceLine != nil {
		pn.legend.Add("pace", paceLine)
	}
	if gapLine != nil {
		pn.legend.Add("GAP", gapLine)
	}
	if band != nil {
		pn.legend.Add(fmt.Sprintf("band %s–%s", analyze.FormatPace(band.lo*60), analyze.FormatPace(band.hi*60)), *band)
	}
	if len(v.shade) > 0 {
		pn.legend.Add("paused", pause)
	}
	if band != nil {
		ref := an.Pace.Reference
		pn.notes = append(pn.notes, fmt.Sprintf("band: %g–%g s/km slower than %s pace %s/km (%s)",
			v.grade.Profile.PaceMinOffset, v.grade.Profile.PaceMaxOffset, refName(ref.Kind), analyze.FormatPace(ref.Pace), ref.Source))
	} else if g := v.grade; g != nil {
		switch {
		case g.Profile.PaceReference == "":
			pn.notes = append(pn.notes, "no pace band: the "+g.Profile.Name+" profile has none")
		case an.PaceReferenceError != "":
			pn.notes = append(pn.notes, "no pace band: "+an.PaceReferenceError)
		}
	}
	if hasPace && !an.Pace.Verifiable && an.Pace.Reason != "" {
		pn.notes = append(pn.notes, "pace unverifiable: "+an.Pace.Reason)
	}
	if hasPace && gap == nil && an.Terrain.Reason != "" {
		pn.notes = append(pn.notes, "no GAP: "+an.Terrain.Reason)
	}
	return pn
}

// refName names a reference kind for notes.
func refName(kind string) string {
	switch kind {
	case analyze.Ref5K:
		return "5K"
	case analyze.Ref10K:
		return "10K"
	case analyze.RefEasy:
		return "easy"
	}
	return kind
}

// toMinutes turns paces in seconds per kilometre into minutes per
// kilometre, in place.
func toMinutes(x []float64) {
	for i := range x {
		x[i] /= 60
	}
}

// paceRange returns the range of the pace axis: from the 1st to the 99th
// percentile of the known values of the series, so that a few samples at a
// crawl (just above the moving speed) do not squash the run into a strip.
// lo > hi when no value is known.
func paceRange(series ...[]float64) (lo, hi float64) {
	var all []float64
	for _, s := range series {
		for _, x := range s {
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				all = append(all, x)
			}
		}
	}
	if len(all) == 0 {
		return 1, 0
	}
	slices.Sort(all)
	q := func(p float64) float64 { return all[int(math.Round(p*float64(len(all)-1)))] }
	return q(0.01), q(0.99)
}
