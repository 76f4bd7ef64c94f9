package analyze_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/analyze"
)

// weekMaxHR is the maximum heart rate every fixture of these tests is
// analysed with, as a flag would give it: 190 bpm, as the fixtures' athlete,
// so that 80 % is exactly 152 bpm.
var weekMaxHR = analyze.Inputs{Athlete: analyze.AthleteInput{MaxHR: analyze.Given{Value: 190, Source: "flag -max-hr"}}}

// weekFixture reads testdata/runs/NAME as the command line would for the
// week context: the label decision from the file's own names, then the
// recovery grade by the general profile for a recovery run, or the analysis
// alone for any other file.
func weekFixture(t *testing.T, name string) analyze.WeekRun {
	t.Helper()
	path := filepath.Join(runs, name)
	a, err := analyze.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	d := analyze.DecideLabel(analyze.LabelInput{Path: path}, a, nil)
	r := analyze.WeekRun{File: name, Start: a.Start, Running: d.Running, Recovery: d.Graded, Label: d.Label.Text}
	if !d.Graded {
		r.Analysis = analyze.Analyze(a, weekMaxHR, analyze.Options{})
		return r
	}
	p, err := analyze.DefaultProfiles().Get("general")
	if err != nil {
		t.Fatal(err)
	}
	g, an := analyze.GradeRecovery(a, weekMaxHR, p, analyze.Options{}, analyze.GradeOptions{})
	r.Grade, r.Analysis = &g, an
	return r
}

// weekHR is a hand-built analysis of a run: cleaned heart rate hr[i] for
// w[i] seconds each, maximum heart rate maxHR, every second moving.
func weekHR(maxHR float64, hr, w []float64) *analyze.Analysis {
	var moving float64
	for _, v := range w {
		moving += v
	}
	return &analyze.Analysis{
		Running:   true,
		Settings:  analyze.Settings{MaxHR: analyze.Setting{Value: analyze.Value(maxHR), Source: "test"}},
		Time:      analyze.TimeFigures{Elapsed: moving, Timer: moving, Moving: moving},
		HeartRate: &analyze.HeartRateFigures{},
		Cleaning:  analyze.HeartRateCleaning{HR: hr},
		Timeline:  analyze.Timeline{Weight: w, MovingTime: moving},
	}
}

// weekMoving is a hand-built analysis of an activity with a moving time and
// no heart rate.
func weekMoving(seconds float64) *analyze.Analysis {
	return &analyze.Analysis{Running: true, Time: analyze.TimeFigures{Elapsed: seconds, Timer: seconds, Moving: seconds}}
}

func TestWeekHardSession(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  analyze.WeekRun
		opt  analyze.WeekOptions
		want []string // the reasons; nil when not hard
	}{
		// Heart rate: 80 % of 190 is 152 bpm, 10 min is 600 s.
		{
			name: "600 s at 152 bpm is hard",
			run:  analyze.WeekRun{Running: true, Analysis: weekHR(190, []float64{152, 100, 152}, []float64{300, 600, 300})},
			want: []string{"10.0 min at or above 152 bpm (80 % of max HR 190, test)"},
		},
		{
			name: "599 s at 152 bpm is not",
			run:  analyze.WeekRun{Running: true, Analysis: weekHR(190, []float64{152, 100, 152}, []float64{300, 600, 299})},
		},
		{
			name: "20 min just below 152 bpm is not",
			run:  analyze.WeekRun{Running: true, Analysis: weekHR(190, []float64{151.9}, []float64{1200})},
		},
		{
			name: "missing heart rate and zero weights count nothing",
			run:  analyze.WeekRun{Running: true, Analysis: weekHR(190, []float64{math.NaN(), 180, 180}, []float64{1200, 0, 599})},
		},
		{
			name: "a maximum of 185 puts the bound at 148 bpm",
			run:  analyze.WeekRun{Running: true, Analysis: weekHR(185, []float64{148}, []float64{720})},
			want: []string{"12.0 min at or above 148 bpm (80 % of max HR 185, test)"},
		},
		{
			name: "without a maximum heart rate the rule is off",
			run:  analyze.WeekRun{Running: true, Analysis: weekHR(math.NaN(), []float64{180}, []float64{1800})},
		},
		{
			name: "HardZonePct 90: 170 bpm is under 171",
			run:  analyze.WeekRun{Running: true, Analysis: weekHR(190, []float64{170}, []float64{1800})},
			opt:  analyze.WeekOptions{HardZonePct: 90},
		},
		{
			name: "HardMinutes 5: 6 min is hard",
			run:  analyze.WeekRun{Running: true, Analysis: weekHR(190, []float64{160, 120}, []float64{360, 1800})},
			opt:  analyze.WeekOptions{HardMinutes: 5},
			want: []string{"6.0 min at or above 152 bpm (80 % of max HR 190, test)"},
		},
		{
			name: "a ride at 170 bpm is not hard by heart rate",
			run:  analyze.WeekRun{Running: false, Analysis: weekHR(190, []float64{170}, []float64{3600})},
		},
		{
			name: "a recovery run at 170 bpm is never hard",
			run:  analyze.WeekRun{Running: true, Recovery: true, Label: "Recovery after the race", Analysis: weekHR(190, []float64{170}, []float64{3600})},
		},

		// Long run: 90 min is 5400 s of moving time.
		{
			name: "90 min moving is a long run",
			run:  analyze.WeekRun{Running: true, Analysis: weekMoving(5400)},
			want: []string{"a long run: 90.0 min of moving time, 90 min or more"},
		},
		{
			name: "89:59 moving is not",
			run:  analyze.WeekRun{Running: true, Analysis: weekMoving(5399)},
		},
		{
			name: "LongRunMinutes 60",
			run:  analyze.WeekRun{Running: true, Analysis: weekMoving(3600)},
			opt:  analyze.WeekOptions{LongRunMinutes: 60},
			want: []string{"a long run: 60.0 min of moving time, 60 min or more"},
		},
		{
			name: "a three-hour ride is not a long run",
			run:  analyze.WeekRun{Running: false, Analysis: weekMoving(3 * 3600)},
		},
		{
			name: "a long recovery run is still a recovery run",
			run:  analyze.WeekRun{Running: true, Recovery: true, Analysis: weekMoving(2 * 3600)},
		},

		// Label.
		{
			name: "Tempo, without an analysis",
			run:  analyze.WeekRun{Running: true, Label: "Tempo"},
			want: []string{`hard label "Tempo"`},
		},
		{
			name: "race",
			run:  analyze.WeekRun{Running: true, Label: "5k race", Analysis: weekMoving(1200)},
			want: []string{`hard label "5k race"`},
		},
		{
			name: "parkrun",
			run:  analyze.WeekRun{Running: true, Label: "Saturday parkrun #312"},
			want: []string{`hard label "Saturday parkrun #312"`},
		},
		{
			name: "Course à pied le midi is a plain run",
			run:  analyze.WeekRun{Running: true, Label: "Course à pied le midi", Analysis: weekMoving(2400)},
		},
		{
			name: "a ride labelled Race is hard by its label",
			run:  analyze.WeekRun{Running: false, Label: "Race", Analysis: weekMoving(7200)},
			want: []string{`hard label "Race"`},
		},
		{
			name: "a custom pattern replaces the default",
			run:  analyze.WeekRun{Running: true, Label: "Tempo"},
			opt:  analyze.WeekOptions{HardLabel: `quality`},
		},
		{
			name: "a custom pattern matches case-insensitively",
			run:  analyze.WeekRun{Running: true, Label: "Quality session"},
			opt:  analyze.WeekOptions{HardLabel: `quality`},
			want: []string{`hard label "Quality session"`},
		},
		{
			name: "an invalid pattern leaves the label rule out",
			run:  analyze.WeekRun{Running: true, Label: "Tempo"},
			opt:  analyze.WeekOptions{HardLabel: `(`},
		},

		// Several rules.
		{
			name: "all three rules, in order",
			run:  analyze.WeekRun{Running: true, Label: "Marathon race", Analysis: weekHR(190, []float64{160}, []float64{3 * 3600})},
			want: []string{
				"180.0 min at or above 152 bpm (80 % of max HR 190, test)",
				"a long run: 180.0 min of moving time, 90 min or more",
				`hard label "Marathon race"`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hard, why := analyze.HardSession(tc.run, tc.opt)
			if hard != (tc.want != nil) || !reflect.DeepEqual(why, tc.want) {
				t.Errorf("HardSession = %v, %q; want %v, %q", hard, why, tc.want != nil, tc.want)
			}
		})
	}
}

// TestWeekHardLabel checks WeekDefaultHardLabel on labels in the five
// languages it knows, and on the plain-run names it must leave alone.
func TestWeekHardLabel(t *testing.T) {
	hard := []string{
		"Intervals", "interval session", "6x800 @ 5K pace, 400 m recovery jog", "10 x 400 m", "4×5'", "Tempo",
		"tempo run", "Threshold 3x10'", "5k race", "10K race", "Race pace", "racing", "parkrun",
		"Saturday parkrun #312", "Fartlek", "Hills", "Hill repeats", "hill sprints", "VO2max", "VO2 max intervals",
		"5 mile time trial", "Speedwork", "Track session", "Tuesday track workout", "Long run",
		"Fractionné court", "Fractionne\u0301 10x400", "fractionnes", "Seuil", "Séance VMA", "Côtes", "Compétition",
		"Sortie longue", "Course de 10 km", "Course des Héros", "course d'orientation", "course 10km",
		"Intervalltraining", "Intervalle", "Tempodauerlauf", "Tempolauf", "Schwellenlauf", "Wettkampf", "Rennen",
		"Fahrtspiel", "langer Lauf",
		"Series 6x1000", "series de 400", "intervalos", "Competición", "Umbral", "Cuestas", "Tirada larga",
		"Carrera popular", "Carrera de 10 km", "carrera 10k",
		"Ripetute 5x1000", "Gara", "Soglia", "Salite", "intervalli", "Competizione",
	}
	plain := []string{
		"", "Morning Run", "Easy run", "Recovery run", "Lunch run", "Hill loop", "Track Run", "Trackless trail",
		"Course à pied le midi", "Course a pied le matin", "Course à pied en soirée", "footing",
		"Carrera matutina", "Carrera por la tarde", "Corsa serale", "corsa lungo il fiume", "Abendlauf",
		"Lauf im Regen", "Terrace loop", "Embrace the rain", "Interstate", "Temple run", "Garage sale",
		"Discovery", "Ultra trail", "Run 2024-05-01", "activity 123456", "5 km",
	}
	for _, s := range hard {
		if ok, why := analyze.HardSession(analyze.WeekRun{Label: s}, analyze.WeekOptions{}); !ok {
			t.Errorf("%q: not hard, want a hard label", s)
		} else if want := []string{"hard label \"" + s + "\""}; !reflect.DeepEqual(why, want) {
			t.Errorf("%q: reasons %q, want %q", s, why, want)
		}
	}
	for _, s := range plain {
		if ok, why := analyze.HardSession(analyze.WeekRun{Label: s}, analyze.WeekOptions{}); ok {
			t.Errorf("%q: hard (%q), want a plain label", s, why)
		}
	}
	// The constant is what the zero options use.
	re := regexp.MustCompile(analyze.WeekDefaultHardLabel)
	if !re.MatchString("6x800") || re.MatchString("Morning Run") {
		t.Errorf("WeekDefaultHardLabel does not behave as the default")
	}
}

func TestWeekOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		ok      bool
	}{
		{"", true},
		{`quality|workout`, true},
		{analyze.WeekDefaultHardLabel, true},
		{`(`, false},
		{`x*`, false}, // matches the empty label: every file would be hard
	} {
		err := analyze.WeekOptions{HardLabel: tc.pattern}.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("%q: Validate() = %v, want ok %v", tc.pattern, err, tc.ok)
		}
		if err != nil && (!errors.Is(err, analyze.ErrLabelPattern) || !strings.Contains(err.Error(), fmt.Sprintf("%q", tc.pattern))) {
			t.Errorf("%q: error %v does not match ErrLabelPattern or quote the pattern", tc.pattern, err)
		}
	}
	rep := analyze.WeekContext([]analyze.WeekRun{
		{File: "a", Start: weekAt("2026-03-02T18:00:00+01:00"), Running: true, Label: "Tempo"},
		{File: "b", Start: weekAt("2026-03-03T07:00:00+01:00"), Running: true, Recovery: true},
	}, analyze.WeekOptions{HardLabel: `(`})
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "label rule") || len(rep.Hard) != 0 {
		t.Errorf("with an invalid pattern: warnings %q, hard %+v; want one warning and no hard session", rep.Warnings, rep.Hard)
	}
}

// TestWeekIntervalsFixture: testdata/runs/week-intervals.json holds 4 x 300 s
// at 170 bpm and never lies between 139 and 169 bpm, so with max HR 190 the
// time at or above 152 bpm is exactly 1200 s, in every format; its workout
// name, track name and notes all name intervals.
func TestWeekIntervalsFixture(t *testing.T) {
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		t.Run(ext, func(t *testing.T) {
			r := weekFixture(t, "week-intervals."+ext)
			if !r.Running || r.Recovery {
				t.Fatalf("running %v, recovery %v (label %q); want a run that is not a recovery run", r.Running, r.Recovery, r.Label)
			}
			hard, why := analyze.HardSession(r, analyze.WeekOptions{})
			if !hard || len(why) != 2 {
				t.Fatalf("HardSession = %v, %q; want hard by heart rate and label", hard, why)
			}
			if want := "20.0 min at or above 152 bpm (80 % of max HR 190, flag -max-hr)"; why[0] != want {
				t.Errorf("reason %q, want %q", why[0], want)
			}
			if !strings.HasPrefix(why[1], `hard label "`) || !strings.Contains(strings.ToLower(why[1]), "interval") {
				t.Errorf("reason %q, want the intervals label", why[1])
			}
			// Without the label, heart rate alone decides; with the bound
			// at 90 % (171 bpm) nothing is hard.
			r.Label = ""
			if hard, _ := analyze.HardSession(r, analyze.WeekOptions{}); !hard {
				t.Errorf("not hard by heart rate alone")
			}
			if hard, why := analyze.HardSession(r, analyze.WeekOptions{HardZonePct: 90}); hard {
				t.Errorf("hard at 90 %%: %q", why)
			}
		})
	}
}

// weekAt parses an RFC 3339 time, keeping its offset.
func weekAt(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// weekCheck holds what a test expects of one week check.
type weekCheck struct {
	id        string
	status    analyze.Status
	fragments []string
}

func wantWeekChecks(t *testing.T, label string, got []analyze.Check, want []weekCheck) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d checks %+v, want %d", label, len(got), got, len(want))
		return
	}
	for k, w := range want {
		c := got[k]
		if c.ID != w.id || c.Status != w.status {
			t.Errorf("%s: check %d is %s %s (%s), want %s %s", label, k, c.ID, c.Status, c.Message, w.id, w.status)
		}
		for _, f := range w.fragments {
			if !strings.Contains(c.Message, f) {
				t.Errorf("%s: %s message %q lacks %q", label, c.ID, c.Message, f)
			}
		}
	}
}

// TestWeekContextFixtures puts generated fixtures together in batches. All
// but one fall in ISO week 2026-W10 (Monday 2 March to Sunday 8 March 2026):
// week-intervals on Monday 18:00 +01:00 (45 min), recovery-easy on Tuesday
// 07:15 (13 h 15 min after the intervals started), recovery-hilly on
// Thursday 18:30, long-recovery on Sunday 09:00; hilly, a 30 min hill loop
// (not a recovery run, and not hard: at most 145 bpm) on Tuesday 10 March,
// is in 2026-W11.
//
// The loads are Edwards TRIMPs worked out from the descriptions, with the
// bands of 190 bpm at 95, 114, 133, 152 and 171 bpm weighing 1 to 5, and a
// sample on a band's edge in the band above:
//
//   - week-intervals: 8508/60 (its description shows the sum);
//   - recovery-easy: its walk starts at 95 bpm and its jog reaches 114 bpm
//     70 s in (108 + round(12 x 70/150)), so 150 + 70 = 220 s weigh 1 and
//     the other 80 + 1800 = 1880 s weigh 2: (220 + 2 x 1880)/60 = 3980/60;
//   - recovery-hilly: 110 + round(10 t/300) stays under 114 bpm up to
//     t = 100 s, 21 samples of 5 s: 105 s weigh 1, 1995 s weigh 2 (never
//     133): (105 + 2 x 1995)/60 = 4095/60;
//   - long-recovery: 110 + round(14 t/300) stays under 114 up to t = 70 s,
//     8 samples of 10 s: 80 s weigh 1, 220 + 3000 s weigh 2 (never 133):
//     (80 + 2 x 3220)/60 = 6520/60;
//   - hilly: every sample is at 114 bpm or more, and at 133 or more on each
//     climb from 128 + round(17 t/240) at t = 65 s to 235 s (35 samples of
//     5 s, 175 s) and on each descent, 145 + round(-17 t/240), up to t = 175 s (36
//     samples, 180 s): 710 s weigh 3 and 1090 s weigh 2:
//     (2 x 1090 + 3 x 710)/60 = 4310/60.
func TestWeekContextFixtures(t *testing.T) {
	const (
		intervals = "week-intervals.fit"
		easy      = "recovery-easy.fit"
		hilly     = "recovery-hilly.fit"
		long      = "long-recovery.fit"
		hills     = "hilly.fit"
	)
	nothing := "recovery with nothing to recover from: no hard session among the files graded together in the 48 hours before"
	for _, tc := range []struct {
		name   string
		files  []string
		checks map[string][]weekCheck
		// verdicts are the grades' verdicts after Grade.With.
		verdicts map[string]analyze.Verdict
		hard     []string
		weeks    []analyze.WeekSummary // Load and Verdicts are checked apart
		loads    []float64
	}{
		{
			name:  "intervals the evening before",
			files: []string{easy, intervals},
			checks: map[string][]weekCheck{easy: {
				{analyze.WeekCheckHardBefore, analyze.StatusPass, []string{"hard session 13 h 15 min before: week-intervals.fit, Mon 2026-03-02 18:00 +01:00 (20.0 min at or above 152 bpm", `hard label "4x5 min intervals"`}},
				{analyze.WeekCheckRecoveryCount, analyze.StatusPass, []string{"1 recovery run in 2026-W10, not more than 2"}},
			}},
			verdicts: map[string]analyze.Verdict{easy: analyze.VerdictPass},
			hard:     []string{intervals},
			weeks:    []analyze.WeekSummary{{Week: "2026-W10", Files: 2, Runs: 2, RecoveryRuns: 1, HardSessions: 1, MovingSeconds: 2100 + 2700, LoadFiles: 2}},
			loads:    []float64{(8508 + 3980) / 60.0},
		},
		{
			name:  "a week with no hard day warns",
			files: []string{easy, hilly},
			checks: map[string][]weekCheck{
				easy: {
					{analyze.WeekCheckHardBefore, analyze.StatusWarn, []string{nothing}},
					{analyze.WeekCheckRecoveryCount, analyze.StatusPass, []string{"2 recovery runs in 2026-W10, not more than 2"}},
				},
				hilly: {
					{analyze.WeekCheckHardBefore, analyze.StatusWarn, []string{nothing}},
					{analyze.WeekCheckRecoveryCount, analyze.StatusPass, []string{"2 recovery runs in 2026-W10"}},
				},
			},
			// recovery-easy passes on its own: the week makes it WARN.
			verdicts: map[string]analyze.Verdict{easy: analyze.VerdictWarn, hilly: analyze.VerdictWarn},
			weeks:    []analyze.WeekSummary{{Week: "2026-W10", Files: 2, Runs: 2, RecoveryRuns: 2, MovingSeconds: 2100 + 2100, LoadFiles: 2}},
			loads:    []float64{(3980 + 4095) / 60.0},
		},
		{
			name:  "three recovery runs in one week",
			files: []string{long, hilly, intervals, easy},
			checks: map[string][]weekCheck{
				easy: {
					{analyze.WeekCheckHardBefore, analyze.StatusPass, []string{"week-intervals.fit"}},
					{analyze.WeekCheckRecoveryCount, analyze.StatusWarn, []string{"3 recovery runs in 2026-W10, more than 2; one or two a week is typical"}},
				},
				hilly: {
					{analyze.WeekCheckHardBefore, analyze.StatusWarn, []string{nothing}},
					{analyze.WeekCheckRecoveryCount, analyze.StatusWarn, []string{"3 recovery runs in 2026-W10"}},
				},
				long: {
					{analyze.WeekCheckHardBefore, analyze.StatusWarn, []string{nothing}},
					{analyze.WeekCheckRecoveryCount, analyze.StatusWarn, []string{"3 recovery runs in 2026-W10"}},
				},
			},
			// long-recovery's 55 min fail the general profile's 45 min.
			verdicts: map[string]analyze.Verdict{easy: analyze.VerdictWarn, hilly: analyze.VerdictWarn, long: analyze.VerdictFail},
			hard:     []string{intervals},
			weeks:    []analyze.WeekSummary{{Week: "2026-W10", Files: 4, Runs: 4, RecoveryRuns: 3, HardSessions: 1, MovingSeconds: 3300 + 2100 + 2700 + 2100, LoadFiles: 4}},
			loads:    []float64{(6520 + 4095 + 8508 + 3980) / 60.0},
		},
		{
			name:  "two weeks",
			files: []string{hills, easy, intervals},
			checks: map[string][]weekCheck{easy: {
				{analyze.WeekCheckHardBefore, analyze.StatusPass, []string{"week-intervals.fit"}},
				{analyze.WeekCheckRecoveryCount, analyze.StatusPass, []string{"1 recovery run in 2026-W10"}},
			}},
			verdicts: map[string]analyze.Verdict{easy: analyze.VerdictPass},
			hard:     []string{intervals},
			weeks: []analyze.WeekSummary{
				{Week: "2026-W10", Files: 2, Runs: 2, RecoveryRuns: 1, HardSessions: 1, MovingSeconds: 2100 + 2700, LoadFiles: 2},
				{Week: "2026-W11", Files: 1, Runs: 1, MovingSeconds: 1800, LoadFiles: 1},
			},
			loads: []float64{(8508 + 3980) / 60.0, 4310 / 60.0},
		},
		{
			name:     "a single file gets no week checks",
			files:    []string{easy},
			checks:   map[string][]weekCheck{},
			verdicts: map[string]analyze.Verdict{easy: analyze.VerdictPass},
			weeks:    []analyze.WeekSummary{{Week: "2026-W10", Files: 1, Runs: 1, RecoveryRuns: 1, MovingSeconds: 2100, LoadFiles: 1}},
			loads:    []float64{3980 / 60.0},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var batch []analyze.WeekRun
			index := map[string]int{}
			for i, f := range tc.files {
				batch = append(batch, weekFixture(t, f))
				index[f] = i
			}
			rep := analyze.WeekContext(batch, analyze.WeekOptions{})
			for f, want := range tc.checks {
				wantWeekChecks(t, f, rep.Checks[index[f]], want)
			}
			for i := range rep.Checks {
				if _, ok := tc.checks[tc.files[i]]; !ok {
					t.Errorf("%s has week checks %+v, want none", tc.files[i], rep.Checks[i])
				}
			}
			for f, want := range tc.verdicts {
				r := batch[index[f]]
				if r.Grade == nil {
					t.Fatalf("%s is not graded", f)
				}
				if got := r.Grade.With(rep.Checks[index[f]]...); got.Verdict != want {
					t.Errorf("%s: verdict %s with the week checks (%s), want %s", f, got.Verdict, got.Summary, want)
				}
			}
			var hard []string
			for _, h := range rep.Hard {
				hard = append(hard, tc.files[h.Index])
				if h.File != tc.files[h.Index] || !h.Start.Equal(batch[h.Index].Start) {
					t.Errorf("hard %+v does not describe run %d", h, h.Index)
				}
			}
			if !reflect.DeepEqual(hard, tc.hard) {
				t.Errorf("hard sessions %q, want %q", hard, tc.hard)
			}
			if len(rep.Weeks) != len(tc.weeks) {
				t.Fatalf("weeks %+v, want %+v", rep.Weeks, tc.weeks)
			}
			for k, want := range tc.weeks {
				got := rep.Weeks[k]
				counts, warned := map[analyze.Verdict]int{}, 0
				for f := range tc.verdicts {
					r := batch[index[f]]
					if y, w := r.Start.ISOWeek(); fmt.Sprintf("%d-W%02d", y, w) == want.Week {
						counts[r.Grade.Verdict]++ // as graded alone
						if slices.ContainsFunc(tc.checks[f], func(c weekCheck) bool { return c.status == analyze.StatusWarn }) {
							warned++
						}
					}
				}
				if !reflect.DeepEqual(got.Verdicts, counts) || got.WeekWarnings != warned {
					t.Errorf("%s: verdicts %v and %d week warnings, want %v and %d", want.Week, got.Verdicts, got.WeekWarnings, counts, warned)
				}
				if l := tc.loads[k]; math.Abs(float64(got.Load)-l) > 1e-9 {
					t.Errorf("%s: load %v, want %v", want.Week, float64(got.Load), l)
				}
				got.Load, got.Verdicts, got.WeekWarnings = 0, nil, 0
				if !reflect.DeepEqual(got, want) {
					t.Errorf("summary %+v, want %+v", got, want)
				}
			}
		})
	}
}

// TestWeekWindow moves a 45 min tempo run around a recovery run on
// Wednesday 4 March 2026 at 07:00 +01:00: a session that started at most
// 48 h before, and ended before the recovery run started, is found.
func TestWeekWindow(t *testing.T) {
	rec := weekAt("2026-03-04T07:00:00+01:00")
	for _, tc := range []struct {
		name   string
		before time.Duration // from the hard session's start to the recovery run's
		found  bool
		text   string
	}{
		{"47:59 before", 47*time.Hour + 59*time.Minute, true, "hard session 47 h 59 min before: tempo, Mon 2026-03-02 07:01 +01:00 (hard label \"Tempo\")"},
		{"48:00 before", 48 * time.Hour, true, "hard session 48 h before"},
		{"48:01 before", 48*time.Hour + time.Minute, false, "recovery with nothing to recover from"},
		{"ended just before", 45 * time.Minute, true, "hard session 45 min before"},
		{"still running", 44 * time.Minute, false, "recovery with nothing to recover from"},
		{"after the recovery run", -time.Hour, false, "recovery with nothing to recover from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			batch := []analyze.WeekRun{
				{File: "recovery", Start: rec, Running: true, Recovery: true, Label: "Recovery run"},
				{File: "tempo", Start: rec.Add(-tc.before), Running: true, Label: "Tempo", Analysis: weekMoving(45 * 60)},
			}
			c := analyze.WeekContext(batch, analyze.WeekOptions{}).Checks[0]
			if len(c) != 2 || c[0].ID != analyze.WeekCheckHardBefore {
				t.Fatalf("checks %+v", c)
			}
			want := analyze.StatusWarn
			if tc.found {
				want = analyze.StatusPass
			}
			if c[0].Status != want || !strings.Contains(c[0].Message, tc.text) {
				t.Errorf("%s: %q, want %s containing %q", c[0].Status, c[0].Message, want, tc.text)
			}
			if tc.found && math.Abs(float64(c[0].Measured)-tc.before.Hours()) > 1e-9 || float64(c[0].Limit) != 48 {
				t.Errorf("measured %v h, limit %v h; want %v and 48", float64(c[0].Measured), float64(c[0].Limit), tc.before.Hours())
			}
		})
	}
	t.Run("a 24 h window", func(t *testing.T) {
		batch := []analyze.WeekRun{
			{File: "recovery", Start: rec, Running: true, Recovery: true},
			{File: "tempo", Start: rec.Add(-25 * time.Hour), Running: true, Label: "Tempo"},
		}
		c := analyze.WeekContext(batch, analyze.WeekOptions{Window: 24 * time.Hour}).Checks[0][0]
		if c.Status != analyze.StatusWarn || !strings.Contains(c.Message, "in the 24 hours before") {
			t.Errorf("%s %q, want a warning over 24 hours", c.Status, c.Message)
		}
	})
	t.Run("the most recent hard session is named", func(t *testing.T) {
		batch := []analyze.WeekRun{
			{File: "long", Start: rec.Add(-40 * time.Hour), Running: true, Analysis: weekMoving(100 * 60)},
			{File: "recovery", Start: rec, Running: true, Recovery: true},
			{File: "race", Start: rec.Add(-20 * time.Hour), Running: true, Label: "10k race"},
			{File: "other recovery", Start: rec.Add(-10 * time.Hour), Running: true, Recovery: true, Label: "6x800 recovery"},
			{File: "easy", Start: rec.Add(-5 * time.Hour), Running: true, Label: "Easy run"},
		}
		rep := analyze.WeekContext(batch, analyze.WeekOptions{})
		c := rep.Checks[1][0]
		if c.Status != analyze.StatusPass || !strings.Contains(c.Message, "hard session 20 h before: race") {
			t.Errorf("%s %q, want the race 20 h before", c.Status, c.Message)
		}
		if len(rep.Hard) != 2 || rep.Hard[0].Index != 0 || rep.Hard[1].Index != 2 {
			t.Errorf("hard %+v, want runs 0 and 2 in order of start", rep.Hard)
		}
		if want := rec.Add(-40 * time.Hour).Add(100 * time.Minute); !rep.Hard[0].End.Equal(want) {
			t.Errorf("end %v, want %v", rep.Hard[0].End, want)
		}
	})
}

// TestWeekISOWeek checks that weeks are ISO weeks of each run's own start:
// Monday 9 March 2026 at 00:30 +02:00 is Sunday 8 March 22:30 UTC, but the
// athlete ran it on Monday, in 2026-W11; Sunday 8 March 23:30 +01:00 is
// still 2026-W10. A year boundary: Thursday 1 January 2026 is in 2026-W01,
// Monday 29 December 2025 too.
func TestWeekISOWeek(t *testing.T) {
	rec := func(s string) analyze.WeekRun {
		return analyze.WeekRun{File: s, Start: weekAt(s), Running: true, Recovery: true}
	}
	batch := []analyze.WeekRun{
		rec("2026-03-09T00:30:00+02:00"),
		rec("2026-03-08T23:30:00+01:00"),
		rec("2026-03-02T07:00:00+01:00"),
		{}, // unreadable
		rec("2026-03-05T07:00:00+01:00"),
		rec("2026-01-01T10:00:00+01:00"),
		rec("2025-12-29T10:00:00+01:00"),
	}
	rep := analyze.WeekContext(batch, analyze.WeekOptions{})
	var weeks []string
	for _, w := range rep.Weeks {
		weeks = append(weeks, fmt.Sprintf("%s %d", w.Week, w.RecoveryRuns))
	}
	if want := []string{"2026-W01 2", "2026-W10 3", "2026-W11 1"}; !reflect.DeepEqual(weeks, want) {
		t.Errorf("weeks %q, want %q", weeks, want)
	}
	want := map[int]analyze.Status{0: analyze.StatusPass, 1: analyze.StatusWarn, 2: analyze.StatusWarn, 4: analyze.StatusWarn, 5: analyze.StatusPass, 6: analyze.StatusPass}
	if len(rep.Checks) != len(want) {
		t.Errorf("checks for %d runs, want %d (none for the unreadable one)", len(rep.Checks), len(want))
	}
	for i, st := range want {
		if c := rep.Checks[i]; len(c) != 2 || c[1].ID != analyze.WeekCheckRecoveryCount || c[1].Status != st {
			t.Errorf("run %d: checks %+v, want %s %s", i, c, analyze.WeekCheckRecoveryCount, st)
		}
	}
	if c := rep.Checks[0][1]; c.Message != "1 recovery run in 2026-W11, not more than 2; one or two a week is typical" || float64(c.Measured) != 1 || float64(c.Limit) != 2 {
		t.Errorf("check %+v", c)
	}
	// MaxRecoveryPerWeek 3 lets the three of 2026-W10 pass.
	rep = analyze.WeekContext(batch, analyze.WeekOptions{MaxRecoveryPerWeek: 3})
	if c := rep.Checks[1][1]; c.Status != analyze.StatusPass || !strings.Contains(c.Message, "3 recovery runs in 2026-W10, not more than 3") {
		t.Errorf("with a limit of 3: %s %q", c.Status, c.Message)
	}
}

// TestWeekUnreadable: files that could not be read (zero Start) are left
// out, so one readable file among them is a single file with no checks, and
// a batch of nothing gives an empty report that marshals.
func TestWeekUnreadable(t *testing.T) {
	batch := []analyze.WeekRun{
		{File: "broken.fit"},
		{File: "recovery.fit", Start: weekAt("2026-03-03T07:15:00+01:00"), Running: true, Recovery: true},
		{File: "broken.gpx", Label: "Intervals"},
	}
	rep := analyze.WeekContext(batch, analyze.WeekOptions{})
	if len(rep.Checks) != 0 || len(rep.Hard) != 0 || len(rep.Weeks) != 1 || rep.Weeks[0].Files != 1 {
		t.Errorf("report %+v, want one week of one file and no checks", rep)
	}
	if rep.Weeks[0].Load.Known() || rep.Weeks[0].LoadFiles != 0 {
		t.Errorf("load %v from %d files, want none", float64(rep.Weeks[0].Load), rep.Weeks[0].LoadFiles)
	}
	for _, b := range [][]analyze.WeekRun{nil, batch} {
		out, err := json.Marshal(analyze.WeekContext(b, analyze.WeekOptions{}))
		if err != nil {
			t.Fatal(err)
		}
		var back map[string]any
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if back["hard"] == nil || back["weeks"] == nil || back["checks"] == nil {
			t.Errorf("%s: empty lists must marshal as [] and {}", out)
		}
	}
}

// TestWeekDefaults checks that the zero options are the documented
// defaults, and that negative values fall back to them too.
func TestWeekDefaults(t *testing.T) {
	def := analyze.WeekOptions{
		HardZonePct: analyze.WeekDefaultHardZonePct, HardMinutes: analyze.WeekDefaultHardMinutes,
		LongRunMinutes: analyze.WeekDefaultLongRunMinutes, HardLabel: analyze.WeekDefaultHardLabel,
		Window: analyze.WeekDefaultWindow, MaxRecoveryPerWeek: analyze.WeekDefaultMaxRecoveryPerWeek,
	}
	if def.HardZonePct != 80 || def.HardMinutes != 10 || def.LongRunMinutes != 90 || def.Window != 48*time.Hour || def.MaxRecoveryPerWeek != 2 {
		t.Fatalf("defaults %+v", def)
	}
	neg := analyze.WeekOptions{HardZonePct: -1, HardMinutes: math.NaN(), LongRunMinutes: -5, Window: -time.Hour, MaxRecoveryPerWeek: -1}
	start := weekAt("2026-03-02T18:00:00+01:00")
	batch := []analyze.WeekRun{
		{File: "a", Start: start, Running: true, Analysis: weekHR(190, []float64{152, 120}, []float64{600, 5399 - 600})},
		{File: "b", Start: start.Add(48 * time.Hour), Running: true, Recovery: true},
		{File: "c", Start: start.Add(49 * time.Hour), Running: true, Recovery: true},
		{File: "d", Start: start.Add(50 * time.Hour), Running: true, Recovery: true, Label: "6x800"},
	}
	want, _ := json.Marshal(analyze.WeekContext(batch, def))
	for _, opt := range []analyze.WeekOptions{{}, neg} {
		got, _ := json.Marshal(analyze.WeekContext(batch, opt))
		if string(got) != string(want) {
			t.Errorf("%+v:\n%s\nwant\n%s", opt, got, want)
		}
	}
}

func ExampleWeekContext() {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	runs := []analyze.WeekRun{
		{File: "mon.fit", Start: at("2026-03-02T18:00:00+01:00"), Running: true, Label: "6x800 intervals"},
		{File: "tue.fit", Start: at("2026-03-03T07:15:00+01:00"), Running: true, Recovery: true, Label: "Recovery run"},
		{File: "fri.fit", Start: at("2026-03-06T07:15:00+01:00"), Running: true, Recovery: true, Label: "Recovery run"},
	}
	rep := analyze.WeekContext(runs, analyze.WeekOptions{})
	for _, h := range rep.Hard {
		fmt.Printf("hard: %s: %s\n", h.File, strings.Join(h.Reasons, "; "))
	}
	for i, r := range runs {
		for _, c := range rep.Checks[i] {
			fmt.Printf("%s %s %s: %s\n", r.File, c.ID, c.Status, c.Message)
		}
	}
	for _, w := range rep.Weeks {
		fmt.Printf("%s: %d runs, %d recovery, %d hard\n", w.Week, w.Runs, w.RecoveryRuns, w.HardSessions)
	}
	// Output:
	// hard: mon.fit: hard label "6x800 intervals"
	// tue.fit week-hard-before pass: hard session 13 h 15 min before: mon.fit, Mon 2026-03-02 18:00 +01:00 (hard label "6x800 intervals")
	// tue.fit week-recovery-count pass: 2 recovery runs in 2026-W10, not more than 2; one or two a week is typical
	// fri.fit week-hard-before warn: recovery with nothing to recover from: no hard session among the files graded together in the 48 hours before (hard: 10 min or more at or above 80 % of max HR; a run of 90 min or more; or a label such as intervals, tempo, race or 6x800)
	// fri.fit week-recovery-count pass: 2 recovery runs in 2026-W10, not more than 2; one or two a week is typical
	// 2026-W10: 3 runs, 2 recovery, 1 hard
}

// TestWeekHardDecided: a run whose hardness was decided while its whole
// analysis was at hand keeps that decision with only the compact analysis,
// whose series the heart-rate rule cannot use.
func TestWeekHardDecided(t *testing.T) {
	a, err := analyze.Open(filepath.Join("..", "testdata", "runs", "week-intervals.fit"))
	if err != nil {
		t.Fatal(err)
	}
	in := analyze.Inputs{Athlete: analyze.AthleteInput{MaxHR: analyze.Given{Value: 190, Source: "test"}}}
	an := analyze.Analyze(a, in, analyze.Options{})
	full := analyze.WeekRun{File: "i.fit", Start: a.Start, Running: true, Analysis: an}
	hard, why := analyze.HardSession(full, analyze.WeekOptions{})
	if !hard {
		t.Fatal("the intervals fixture is not hard")
	}
	compact := full
	compact.Analysis = an.Compact()
	if h, _ := analyze.HardSession(compact, analyze.WeekOptions{}); h {
		t.Fatal("the compact analysis still carries its series")
	}
	compact.HardDecided, compact.HardReasons = true, why
	if h, w := analyze.HardSession(compact, analyze.WeekOptions{}); !h || len(w) != len(why) {
		t.Errorf("decided hardness lost: %v %q", h, w)
	}
	if compact.Analysis.Time != an.Time || compact.Analysis.HeartRate.Edwards != an.HeartRate.Edwards {
		t.Error("the compact analysis lost its figures")
	}
}
