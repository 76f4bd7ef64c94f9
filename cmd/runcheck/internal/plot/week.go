package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/runcheck/runcheck/analyze"
)

// The units of a day's load.
const (
	// LoadTRIMP is Edwards' training impulse ([analyze.EdwardsTRIMP]).
	LoadTRIMP = "Edwards TRIMP"
	// LoadMinutes is moving time in minutes.
	LoadMinutes = "moving minutes"
)

// maxWeekDays bounds the days a week chart spans: a year. Beyond it the
// bars would be thinner than a line.
const maxWeekDays = 366

// Day is one calendar day of a batch of runs, for [Week].
type Day struct {
	// Date is the calendar day, at midnight UTC: only its year, month and
	// day mean anything. A run belongs to the day of its start in its own
	// UTC offset, as the athlete lived it.
	Date time.Time
	// Load is the day's training load in LoadUnit: the sum over the day's
	// runs.
	Load float64
	// LoadUnit is LoadTRIMP or LoadMinutes.
	LoadUnit string
	// Verdict is the worst verdict of the day's recovery runs (FAIL, then
	// WARN, then UNGRADABLE, then PASS), empty when the day holds no graded
	// recovery run.
	Verdict analyze.Verdict
	// Files are the day's files, in the order of their start.
	Files []string
}

// Days adds up runs by calendar day, in each run's own UTC offset, and
// returns the days that hold a run, in date order. Runs that could not be
// read, or whose start is unknown, are left out.
//
// The load is Edwards TRIMP when every run has one (heart rate and a
// maximum heart rate), and moving minutes otherwise, for every day alike:
// one chart has one unit, and TRIMP and minutes do not add up. A day's
// verdict is the worst of its recovery runs' grades (Report.Grade: set it
// to the grade with the week context's checks to show those).
func Days(runs []analyze.Graded) []Day {
	type run struct {
		date  time.Time
		start time.Time
		file  string
		trimp float64
		mins  float64
		grade *analyze.Grade
	}
	var rs []run
	trimp := true
	for _, g := range runs {
		if g.Activity == nil || g.Analysis == nil || g.Activity.Start.IsZero() {
			continue
		}
		an := g.Analysis
		r := run{start: g.Activity.Start, file: g.Report.File, trimp: math.NaN(), mins: an.Time.Moving / 60, grade: g.Report.Grade}
		y, m, d := r.start.Date()
		r.date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if hr := an.HeartRate; hr != nil && hr.Edwards != nil && hr.Edwards.TRIMP.Known() {
			r.trimp = float64(hr.Edwards.TRIMP)
		} else {
			trimp = false
		}
		rs = append(rs, r)
	}
	slices.SortStableFunc(rs, func(a, b run) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return strings.Compare(a.file, b.file)
	})
	unit := LoadMinutes
	if trimp {
		unit = LoadTRIMP
	}
	var days []Day
	for _, r := range rs {
		i := slices.IndexFunc(days, func(d Day) bool { return d.Date.Equal(r.date) })
		if i < 0 {
			days = append(days, Day{Date: r.date, LoadUnit: unit})
			i = len(days) - 1
		}
		d := &days[i]
		if trimp {
			d.Load += r.trimp
		} else {
			d.Load += r.mins
		}
		d.Files = append(d.Files, r.file)
		if r.grade != nil && worse(r.grade.Verdict, d.Verdict) {
			d.Verdict = r.grade.Verdict
		}
	}
	slices.SortStableFunc(days, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return days
}

// verdictRank orders verdicts from the best; the empty verdict (no
// recovery run) is below them all.
func verdictRank(v analyze.Verdict) int {
	switch v {
	case analyze.VerdictPass:
		return 1
	case analyze.VerdictUngradable:
		return 2
	case analyze.VerdictWarn:
		return 3
	case analyze.VerdictFail:
		return 4
	}
	return 0
}

// worse reports whether verdict a is worse than b.
func worse(a, b analyze.Verdict) bool { return verdictRank(a) > verdictRank(b) }

// verdictColour is the bar colour of a day's verdict.
func verdictColour(v analyze.Verdict) uint32 {
	switch v {
	case analyze.VerdictPass:
		return colourPass
	case analyze.VerdictWarn:
		return colourWarn
	case analyze.VerdictFail:
		return colourFail
	case analyze.VerdictUngradable:
		return colourUngrade
	}
	return colourOtherRuns
}

// Week draws days as format "svg" or "png" to w: one bar per day of load,
// over the calendar days from the first to the last (days without a run
// have no bar), the days with a recovery run coloured by its verdict (PASS
// green, WARN amber, FAIL red, UNGRADABLE grey) and the others neutral,
// under title. The vertical axis names the load's unit.
//
// Week returns an error, and writes nothing, when format is neither "svg"
// nor "png", days is empty, a load is negative or not finite, the days do
// not share one unit, or they span more than a year.
func Week(w io.Writer, format string, days []Day, title string) error {
	if len(days) == 0 {
		return fmt.Errorf("plot: no days to draw")
	}
	ds := slices.Clone(days)
	slices.SortStableFunc(ds, func(a, b Day) int { return dayOf(a.Date).Compare(dayOf(b.Date)) })
	unit := ds[0].LoadUnit
	for _, d := range ds {
		if d.LoadUnit != unit {
			return fmt.Errorf("plot: the days mix load units (%q and %q)", unit, d.LoadUnit)
		}
		if !(d.Load >= 0) || math.IsInf(d.Load, 1) {
			return fmt.Errorf("plot: the load of %s is %g, want a finite number at least 0", dayOf(d.Date).Format(time.DateOnly), d.Load)
		}
	}
	first := dayOf(ds[0].Date)
	span := int(math.Round(dayOf(ds[len(ds)-1].Date).Sub(first).Hours()/24)) + 1
	if span > maxWeekDays {
		return fmt.Errorf("plot: the runs span %d days, from %s to %s; a week chart draws at most %d",
			span, first.Format(time.DateOnly), dayOf(ds[len(ds)-1].Date).Format(time.DateOnly), maxWeekDays)
	}
	return render(w, format, weekWidth, weekHeight, func(c draw.Canvas) error {
		drawWeek(c, ds, first, span, unit, title)
		return nil
	})
}

// dayOf returns the calendar day of t, at midnight UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// drawWeek draws the bars of ds, which are sorted and share unit, over span
// days from first.
func drawWeek(c draw.Canvas, ds []Day, first time.Time, span int, unit, title string) {
	var runs int
	for _, d := range ds {
		runs += len(d.Files)
	}
	sub := fmt.Sprintf("%s to %s · %d runs on %d of %d days · load in %s",
		first.Format("Mon 2 Jan 2006"), dayOf(ds[len(ds)-1].Date).Format("Mon 2 Jan 2006"), runs, len(ds), span, unit)
	body := drawTitle(c, title, sub)

	p := newPlot()
	p.Y.Label.Text = "daily load (" + unit + ")"
	p.Y.Tick.Marker = stepTicks{}
	p.X.Min, p.X.Max = -0.5, float64(span)-0.5
	p.X.Tick.Marker = dayTicks{first: first, days: span}
	p.X.Tick.Length = 0

	var bs bars
	bs.width = 0.7
	top := 0.0
	present := map[analyze.Verdict]bool{}
	for _, d := range ds {
		x := math.Round(dayOf(d.Date).Sub(first).Hours() / 24)
		label := loadLabel(d.Load, unit)
		if len(d.Files) > 1 {
			label += fmt.Sprintf(" (%d)", len(d.Files))
		}
		bs.bars = append(bs.bars, bar{x: x, y: d.Load, fill: rgb(verdictColour(d.Verdict)), label: label})
		top = max(top, d.Load)
		present[d.Verdict] = true
	}
	p.Add(mondays{first: first, days: span}, bs)
	p.Y.Min, p.Y.Max = 0, math.Max(top*1.15, 1)

	l := gplot.NewLegend()
	l.TextStyle.Font = sans(9, false)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = 18
	l.Padding = 4
	for _, e := range []struct {
		v    analyze.Verdict
		name string
	}{
		{analyze.VerdictPass, "recovery: PASS"},
		{analyze.VerdictWarn, "recovery: WARN"},
		{analyze.VerdictFail, "recovery: FAIL"},
		{analyze.VerdictUngradable, "recovery: UNGRADABLE"},
		{"", "other runs"},
	} {
		if present[e.v] {
			l.Add(e.name, swatch{fill: rgb(verdictColour(e.v))})
		}
	}
	var notes []string
	if anyMulti(ds) {
		notes = append(notes, "(n): the number of runs that day")
	}

	area := body
	area.Max.X -= weekLegendWidth
	area = draw.Crop(area, 6, 0, 4, 0)
	p.Draw(area)
	side := body
	side.Min.X = area.Max.X - 16
	drawSide(side, p.DataCanvas(area).Max.Y, l, notes)
}

// anyMulti reports whether a day holds more than one run.
func anyMulti(ds []Day) bool {
	return slices.ContainsFunc(ds, func(d Day) bool { return len(d.Files) > 1 })
}

// loadLabel writes a load for the label above its bar.
func loadLabel(v float64, unit string) string {
	if unit == LoadMinutes {
		return fmt.Sprintf("%.0f min", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// dayTicks labels the days of a week chart, "Mon\n2 Mar", every day when
// they fit, else every few days; a line marks where a week starts.
type dayTicks struct {
	first time.Time
	days  int
}

// Ticks implements gplot.Ticker.
func (d dayTicks) Ticks(float64, float64) []gplot.Tick {
	every := 1
	for d.days/every > 21 {
		every++
	}
	var ts []gplot.Tick
	for i := 0; i < d.days; i++ {
		t := gplot.Tick{Value: float64(i)}
		if i%every == 0 {
			day := d.first.AddDate(0, 0, i)
			t.Label = day.Format("Mon\n2 Jan")
		}
		ts = append(ts, t)
	}
	return ts
}

// mondays draws a light line before each Monday but the first day, where
// an ISO week starts.
type mondays struct {
	first time.Time
	days  int
}

// Plot implements gplot.Plotter.
func (m mondays) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, _ := p.Transforms(&c)
	sty := draw.LineStyle{Color: color.Gray{Y: 0xB0}, Width: 0.6, Dashes: []vg.Length{3, 2}}
	for i := 1; i < m.days; i++ {
		if m.first.AddDate(0, 0, i).Weekday() == time.Monday {
			x := trX(float64(i) - 0.5)
			c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
		}
	}
}
