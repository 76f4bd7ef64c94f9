package plot

import (
	"bytes"
	"errors"
	"image"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

// weekFixtures are runs from 2 to 10 March 2026: the interval session on
// Monday 2, recovery-easy on Tuesday 3 (PASS), recovery-too-hard (FAIL) on
// Thursday 5, recovery-hilly (WARN) on Friday 6, and hilly, not a recovery
// run, on Tuesday 10.
func weekFixtures(t *testing.T) []analyze.Graded {
	t.Helper()
	var g analyze.Grader
	var runs []analyze.Graded
	for _, f := range []string{"recovery-too-hard.fit", "hilly.fit", "recovery-easy.fit", "week-intervals.fit", "recovery-hilly.fit"} {
		runs = append(runs, grade(t, g, f))
	}
	return runs
}

func TestDaysFixtures(t *testing.T) {
	days := Days(weekFixtures(t))
	// Edwards TRIMP by hand from the fixtures' time in zone (weights 1 to
	// 5 for the bands 50-60 ... 90-100 % of max HR 190), in minutes:
	//   week-intervals: (2 × 792 + 3 × 708 + 4 × 1200) / 60 = 141.8
	//   recovery-easy:  (1 × 220 + 2 × 1880) / 60            = 66.33
	//   recovery-too-hard: (1 × 72 + 2 × 1968 + 3 × 360) / 60 = 84.8
	//   hilly:          (2 × 1090 + 3 × 710) / 60            = 71.83
	//   recovery-hilly: (1 × 105 + 2 × 1995) / 60            = 68.25
	// (recovery-hilly's zone times worked out from its description's heart
	// rate ramps, 110-120 then 122-128 bpm every 5 s: 105 s below 114 bpm.)
	want := []struct {
		date    string
		load    float64
		verdict analyze.Verdict
		files   []string
	}{
		{"2026-03-02", 141.8, "", []string{"week-intervals.fit"}},
		{"2026-03-03", 3980.0 / 60, analyze.VerdictPass, []string{"recovery-easy.fit"}},
		{"2026-03-05", 5088.0 / 60, analyze.VerdictFail, []string{"recovery-too-hard.fit"}},
		{"2026-03-06", 4095.0 / 60, analyze.VerdictWarn, []string{"recovery-hilly.fit"}},
		{"2026-03-10", 4310.0 / 60, "", []string{"hilly.fit"}},
	}
	if len(days) != len(want) {
		t.Fatalf("%d days, want %d: %+v", len(days), len(want), days)
	}
	for i, w := range want {
		d := days[i]
		if got := d.Date.Format(time.DateOnly); got != w.date || d.Date.Location() != time.UTC || d.Date.Hour() != 0 {
			t.Errorf("day %d: date %v, want %s at midnight UTC", i, d.Date, w.date)
		}
		if d.LoadUnit != LoadTRIMP {
			t.Errorf("%s: unit %q, want %q", w.date, d.LoadUnit, LoadTRIMP)
		}
		if !math.IsNaN(w.load) && math.Abs(d.Load-w.load) > 1e-9 {
			t.Errorf("%s: load %g, want %g", w.date, d.Load, w.load)
		}
		if d.Verdict != w.verdict {
			t.Errorf("%s: verdict %q, want %q", w.date, d.Verdict, w.verdict)
		}
		var files []string
		for _, f := range d.Files {
			files = append(files, filepath.Base(f))
		}
		if !reflect.DeepEqual(files, w.files) {
			t.Errorf("%s: files %v, want %v", w.date, files, w.files)
		}
	}
}

// run builds a graded run by hand for Days.
func run(file, start string, movingMin, trimp float64, v analyze.Verdict) analyze.Graded {
	st, err := time.Parse(time.RFC3339, start)
	if err != nil {
		panic(err)
	}
	an := &analyze.Analysis{Time: analyze.TimeFigures{Moving: movingMin * 60}}
	if !math.IsNaN(trimp) {
		an.HeartRate = &analyze.HeartRateFigures{Edwards: &analyze.CardioTRIMP{Method: "edwards", TRIMP: analyze.Value(trimp)}}
	}
	g := analyze.Graded{Report: analyze.Report{File: file}, Activity: &activity.Activity{Start: st}, Analysis: an}
	if v != "" {
		g.Report.Grade = &analyze.Grade{Verdict: v}
	}
	return g
}

func TestDays(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		runs []analyze.Graded
		want []Day
	}{
		{
			name: "empty",
			runs: nil,
			want: nil,
		},
		{
			name: "TRIMP, the day in the run's own offset, worst verdict",
			runs: []analyze.Graded{
				// 23:30 at UTC-05:00 is 04:30 UTC on the 4th: it belongs to the 3rd.
				run("late.fit", "2026-03-03T23:30:00-05:00", 30, 40, analyze.VerdictPass),
				run("b.fit", "2026-03-03T07:00:00+01:00", 45, 60, analyze.VerdictWarn),
				run("a.fit", "2026-03-03T07:00:00+01:00", 20, 25, ""),
				// 00:30 at UTC+02:00 is 22:30 UTC on the 4th: it belongs to the 5th.
				run("early.fit", "2026-03-05T00:30:00+02:00", 25, 30, analyze.VerdictUngradable),
				run("fail.fit", "2026-03-05T18:00:00+02:00", 35, 50, analyze.VerdictFail),
				{Report: analyze.Report{File: "unreadable.fit", Outcome: analyze.OutcomeError}},
				run("no-start.fit", "0001-01-01T00:00:00Z", 30, 40, analyze.VerdictPass),
			},
			want: []Day{
				{Date: date(2026, 3, 3), Load: 40 + 60 + 25, LoadUnit: LoadTRIMP, Verdict: analyze.VerdictWarn, Files: []string{"a.fit", "b.fit", "late.fit"}},
				{Date: date(2026, 3, 5), Load: 30 + 50, LoadUnit: LoadTRIMP, Verdict: analyze.VerdictFail, Files: []string{"early.fit", "fail.fit"}},
			},
		},
		{
			name: "one run without TRIMP turns every day to minutes",
			runs: []analyze.Graded{
				run("a.fit", "2026-03-02T18:00:00+01:00", 45, 141.8, ""),
				run("no-hr.fit", "2026-03-04T08:00:00-04:00", 25, nan, analyze.VerdictUngradable),
				run("b.fit", "2026-03-04T19:00:00+01:00", 30.5, 50, analyze.VerdictPass),
			},
			want: []Day{
				{Date: date(2026, 3, 2), Load: 45, LoadUnit: LoadMinutes, Files: []string{"a.fit"}},
				{Date: date(2026, 3, 4), Load: 55.5, LoadUnit: LoadMinutes, Verdict: analyze.VerdictUngradable, Files: []string{"no-hr.fit", "b.fit"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Days(tt.runs)
			if len(got) != len(tt.want) {
				t.Fatalf("%d days, want %d: %+v", len(got), len(tt.want), got)
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if !g.Date.Equal(w.Date) || math.Abs(g.Load-w.Load) > 1e-9 || g.LoadUnit != w.LoadUnit || g.Verdict != w.Verdict || !reflect.DeepEqual(g.Files, w.Files) {
					t.Errorf("day %d = %+v\nwant    %+v", i, g, w)
				}
			}
		})
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestWeekSVG(t *testing.T) {
	days := Days(weekFixtures(t))
	var buf bytes.Buffer
	if err := Week(&buf, "svg", days, "Recovery week of 2 March 2026"); err != nil {
		t.Fatal(err)
	}
	save(t, "week.svg", buf.Bytes())
	doc := parseSVG(t, buf.Bytes())
	if first(doc.texts) != "Recovery week of 2 March 2026" {
		t.Errorf("title %q", first(doc.texts))
	}
	// Each bar is a path filled in its day's colour; each colour present
	// also fills one legend swatch.
	fills := map[string]int{
		"PASS":  doc.fills(colourPass),
		"WARN":  doc.fills(colourWarn),
		"FAIL":  doc.fills(colourFail),
		"other": doc.fills(colourOtherRuns),
	}
	want := map[string]int{"PASS": 1 + 1, "WARN": 1 + 1, "FAIL": 1 + 1, "other": 2 + 1}
	if !reflect.DeepEqual(fills, want) {
		t.Errorf("fills %v, want %v (bars + legend swatches)", fills, want)
	}
	if bars := fills["PASS"] + fills["WARN"] + fills["FAIL"] + fills["other"] - 4; bars != len(days) {
		t.Errorf("%d bars, want one per day: %d", bars, len(days))
	}
	for _, s := range []string{"daily load (Edwards TRIMP)", "recovery: PASS", "recovery: WARN", "recovery: FAIL", "other runs", "142", "85", "68", "5 Mar", "Wed", "9 Mar"} {
		if !doc.contains(s) {
			t.Errorf("no text %q", s)
		}
	}
	if doc.contains("UNGRADABLE") {
		t.Error("the legend lists a verdict no day has")
	}

	var again bytes.Buffer
	if err := Week(&again, "svg", days, "Recovery week of 2 March 2026"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two SVGs of the same week differ")
	}
}

func TestWeekPNG(t *testing.T) {
	days := Days(weekFixtures(t))
	var buf bytes.Buffer
	if err := Week(&buf, "png", days, "Recovery week of 2 March 2026"); err != nil {
		t.Fatal(err)
	}
	save(t, "week.png", buf.Bytes())
	img, _, err := image.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 960 || b.Dy() != 384 {
		t.Errorf("size %dx%d, want 960x384 (10 x 4 in at 96 dpi)", b.Dx(), b.Dy())
	}
	colours := countColours(img)
	// The FAIL bar is about 18 × 200 pixels of the exact red.
	if n := colours[rgb(colourFail)]; n < 1000 {
		t.Errorf("%d pixels of the FAIL red, want a bar", n)
	}
	if n := colours[rgb(colourWarn)]; n < 500 {
		t.Errorf("%d pixels of the WARN amber, want a bar", n)
	}
}

func TestWeekErrors(t *testing.T) {
	d := func(y int, m time.Month, dd int, unit string) Day {
		return Day{Date: date(y, m, dd), Load: 10, LoadUnit: unit, Files: []string{"x.fit"}}
	}
	tests := []struct {
		name   string
		format string
		days   []Day
		want   string
		is     error
	}{
		{"no days", "svg", nil, "no days", nil},
		{"format", "jpeg", []Day{d(2026, 3, 2, LoadTRIMP)}, `unknown image format "jpeg"`, ErrFormat},
		{"mixed units", "svg", []Day{d(2026, 3, 2, LoadTRIMP), d(2026, 3, 3, LoadMinutes)}, "mix load units", nil},
		{"NaN load", "svg", []Day{{Date: date(2026, 3, 2), Load: math.NaN(), LoadUnit: LoadTRIMP}}, "the load of 2026-03-02 is NaN", nil},
		{"negative load", "svg", []Day{{Date: date(2026, 3, 2), Load: -1, LoadUnit: LoadTRIMP}}, "is -1", nil},
		{"too long", "svg", []Day{d(2024, 1, 1, LoadTRIMP), d(2026, 3, 3, LoadTRIMP)}, "span 793 days", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Week(&buf, tt.format, tt.days, "title")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not match %v", err, tt.is)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written on error", buf.Len())
			}
		})
	}
}

func TestWeekUnsortedDays(t *testing.T) {
	a := Day{Date: date(2026, 3, 5), Load: 30, LoadUnit: LoadMinutes, Verdict: analyze.VerdictFail, Files: []string{"b.fit"}}
	b := Day{Date: date(2026, 3, 2), Load: 45, LoadUnit: LoadMinutes, Files: []string{"a.fit"}}
	var x, y bytes.Buffer
	if err := Week(&x, "svg", []Day{a, b}, "t"); err != nil {
		t.Fatal(err)
	}
	if err := Week(&y, "svg", []Day{b, a}, "t"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Error("the order of the days changes the picture")
	}
	if doc := parseSVG(t, x.Bytes()); !doc.contains("daily load (moving minutes)") || !doc.contains("45 min") {
		t.Error("the axis or the bar labels do not say minutes")
	}
}
