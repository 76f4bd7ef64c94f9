package analyze

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/runcheck/runcheck/zones"
)

// The week context's check identifiers. Their checks are added to a recovery
// run's grade with [Grade.With]; they are not advice, so a warning turns a
// passing grade into WARN.
const (
	// WeekCheckHardBefore looks for a hard session shortly before a
	// recovery run.
	WeekCheckHardBefore = "week-hard-before"
	// WeekCheckRecoveryCount counts the recovery runs of an ISO week.
	WeekCheckRecoveryCount = "week-recovery-count"
)

// Defaults of the week context. Each is documented, with its reason, on the
// field of [WeekOptions] it fills in.
const (
	WeekDefaultHardZonePct        = 80.0           // % of max HR
	WeekDefaultHardMinutes        = 10.0           // minutes at or above WeekDefaultHardZonePct
	WeekDefaultLongRunMinutes     = 90.0           // moving minutes
	WeekDefaultWindow             = 48 * time.Hour // before a recovery run
	WeekDefaultMaxRecoveryPerWeek = 2              // recovery runs per ISO week
)

// WeekHardWords is the alternation of hard-session words behind
// [WeekDefaultHardLabel], without the word boundaries, for building a
// pattern of one's own around it. A word ending in \pL* also matches with
// any letters after it (German compounds: Intervalltraining, Tempodauerlauf).
//
//	language  words                                       example labels that match
//	English   interval..., tempo..., threshold, race,     Intervals, Tempo, Threshold 3x10', 5k race,
//	          races, racing, parkrun, fartlek, hills,     race pace, Saturday parkrun, Fartlek,
//	          hill repeats/reps/sprints, VO2max, VO2,     Hill repeats, VO2max, 5 mile time trial,
//	          time trial, speed work/session, track       Speedwork, Track session, Long run
//	          session/workout/repeats/reps/night,
//	          long run
//	French    fractionné(e)(s), seuil, compétition,       Fractionné court, Seuil, Séance VMA,
//	          VMA, côtes, sortie longue, course de/du/    Côtes, Sortie longue, Course de 10 km,
//	          des/d'..., course + a distance              course des Héros, course d'orientation
//	German    Intervall..., Tempo..., Schwelle...,        Intervalltraining, Tempodauerlauf,
//	          Wettkampf..., Wettkämpfe, Rennen,           Schwellenlauf, Wettkampf, Rennen,
//	          Fahrtspiel..., langer Lauf                  Fahrtspiel, langer Lauf
//	Spanish   intervalos, tempo, series, competición,     Series 6x1000, Competición, Umbral,
//	          umbral, cuestas, tirada larga, carrera      Cuestas, Tirada larga, Carrera popular,
//	          popular, carrera (de) + a distance          Carrera de 10 km
//	Italian   intervalli, tempo, ripetute, gara, gare,    Ripetute 5x1000, Gara, Soglia, Salite
//	          soglia, salite, competizione
//
// What it deliberately does not match:
//
//   - the words apps use for a plain run: French "course à pied" ("Course à
//     pied le midi", Strava's default name), Spanish "carrera" alone
//     ("Carrera matutina"), Italian "corsa": in these languages the word for
//     a race is also the word for a run, so "course" and "carrera" count
//     only before "de"/"du"/"des"/"d'..." or a distance ("course 10 km",
//     "carrera de 10 km") or, for carrera, "popular";
//   - "hill" and "track" alone: "Hill loop" and Garmin's "Track Run"
//     profile name a place, not a session;
//   - Italian "lungo" (long run), which also means "along" ("corsa lungo il
//     fiume").
//
// Known false positives: Italian "tempo" also means time or weather ("corsa
// col bel tempo"), and a label that mentions a race without being one ("Easy
// run the day after the race") counts as hard. The heart-rate rule of
// [HardSession] does not have these faults; the label rule exists for files
// without heart rate and for sessions whose heart rate lags the effort
// (short repetitions, races in the cold).
const WeekHardWords = `interval\pL*` + // en interval(s); de Intervall(e); fr intervalle(s); es intervalos; it intervalli
	`|tempo\pL*` + // en, es, it tempo; de Tempolauf, Tempodauerlauf
	`|threshold|rac(?:e|es|ing)|parkrun\pL*|fartlek\pL*` +
	`|hills|hill[- ]?(?:repeats?|reps|sprints?)` +
	`|vo2[- ]?max|vo2|time[- ]trial|speed[- ]?(?:work|session)` +
	`|track[- ](?:session|workout|repeats?|reps|night)|long[- ]run` +
	`|fractionn[eé]e?s?|seuil|comp[eé]tition|vma|c[oô]tes|sortie[- ]longue` + // fr
	`|course\s+(?:de|du|des|d['’]\pL+|\d+\s*(?:km|k)?)` + // fr: a race, not "course à pied"
	`|schwelle\pL*|wettkampf\pL*|wettk[aä]mpfe|rennen|fahrtspiel\pL*|langer\s+lauf` + // de
	`|series|competici[oó]n|umbral|cuestas|tirada\s+larga` + // es
	`|carrera\s+(?:popular|de\s+\d+\s*(?:km|k)?|\d+\s*(?:km|k)?)` + // es: a race, not "carrera matutina"
	`|ripetute|gara|gare|soglia|salite|competizione` // it

// WeekDefaultHardLabel is the regular expression (Go RE2 syntax) that, when
// [WeekOptions.HardLabel] is empty, decides whether a label names a hard
// session: a word of [WeekHardWords] as a whole word (with the same
// Unicode-aware boundaries as [DefaultLabelPattern]), or repetition notation
// anywhere: a digit, "x" or "×", a digit, as in "6x800", "10 x 400 m",
// "4×5'", "Ripetute 5x1000". It is matched case-insensitively, on the label
// as written and with its combining marks removed, as [LabelMatcher] does.
const WeekDefaultHardLabel = `(?i)(?:^|[^\pL])(?:` + WeekHardWords + `)(?:$|[^\pL])|\d\s*[x×]\s*\d`

// weekDefaultHardLabel compiles the default hard-label pattern once.
var weekDefaultHardLabel = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(WeekDefaultHardLabel) // a constant, tested to compile
})

// WeekRun is one file of a batch, as the week context sees it.
type WeekRun struct {
	// File names the file in messages.
	File string
	// Start is the activity's start ([activity.Activity.Start]) with the
	// UTC offset the file carries; the zero time means the file could not
	// be read, and the run is ignored.
	Start time.Time
	// Running is true when the activity is a run ([LabelDecision.Running]).
	Running bool
	// Recovery is true when the run is graded as a recovery run
	// ([LabelDecision.Graded]).
	Recovery bool
	// Label is the label text found ([LabelDecision.Label].Text), for the
	// label rule of [HardSession]; a caller may join several names.
	Label string
	// Analysis is the run's analysis, nil when the file could not be
	// analysed: the heart-rate and long-run rules then cannot apply.
	Analysis *Analysis
	// Grade is the recovery grade, nil when the run is not graded. The
	// week summary counts its verdict with the week checks added.
	Grade *Grade
	// HardDecided says that HardReasons holds the run's hardness, already
	// decided by [HardSession] (no reasons: not hard). A batch that grades
	// in parallel decides it in its workers, while each holds its run's
	// whole analysis, and hands on a smaller one without the series the
	// heart-rate rule would need (as [Analysis.Compact] does).
	HardDecided bool
	HardReasons []string
}

// WeekOptions tunes the week context. It is plain data that marshals to
// JSON. The zero value means the defaults; a field that is zero, negative or
// NaN takes its default.
type WeekOptions struct {
	// HardZonePct is the heart rate, in percent of the run's resolved
	// maximum heart rate ([Analysis.Settings]), at or above which time
	// counts as hard. 0 means WeekDefaultHardZonePct (80 %): the lower edge
	// of zone 4 in the default five-zone %HRmax model
	// (docs/recovery.md#heart-rate-zones, Garmin's default
	// 50/60/70/80/90 %), the threshold zone, where tempo runs,
	// threshold work and intervals are done and easy running never goes;
	// Edwards' TRIMP weighs it 4 of 5.
	HardZonePct float64 `json:"hard_zone_pct,omitempty"`
	// HardMinutes is the time, in minutes, at or above HardZonePct that
	// makes a run hard. 0 means WeekDefaultHardMinutes (10 min): half the
	// work of the shortest common quality sessions (4 × 5 min, 20 min of
	// tempo, a 5K race all hold about 20 min there), and more than an easy
	// run collects on a short hill or a final sprint.
	HardMinutes float64 `json:"hard_minutes,omitempty"`
	// LongRunMinutes is the moving time, in minutes, from which a run is a
	// long run, hard whatever its heart rate (a recovery run also follows
	// a long run: docs/recovery.md#the-week-around-a-run). 0 means
	// WeekDefaultLongRunMinutes (90 min), the usual line between a long run
	// and a steady run in training plans, and twice the longest recovery
	// run the built-in profiles allow (45 min, docs/recovery.md#profiles).
	LongRunMinutes float64 `json:"long_run_minutes,omitempty"`
	// HardLabel is the regular expression (Go RE2 syntax) a hard session's
	// label matches, case-insensitively (a leading (?-i) turns that off). It
	// must not match the empty string. Empty means WeekDefaultHardLabel.
	// See [WeekOptions.Validate].
	HardLabel string `json:"hard_label,omitempty"`
	// Window is how long before a recovery run a hard session may have
	// started and still be what it recovers from. 0 means WeekDefaultWindow
	// (48 h): a recovery run comes the day after the hard session
	// (docs/recovery.md#the-week-around-a-run), and 48 h reaches the day
	// before at any hour of either day (a
	// Monday 07:00 session, a Tuesday 19:00 recovery: 36 h) and a recovery
	// run two mornings after an evening race. In JSON it is nanoseconds, as
	// time.Duration marshals.
	Window time.Duration `json:"window,omitempty"`
	// MaxRecoveryPerWeek is the most recovery runs an ISO week may hold
	// without a warning. 0 means WeekDefaultMaxRecoveryPerWeek (2): one or
	// two recovery runs a week is the usual count
	// (docs/recovery.md#the-week-around-a-run).
	MaxRecoveryPerWeek int `json:"max_recovery_per_week,omitempty"`
}

// withDefaults returns o with every unset field set to its default.
func (o WeekOptions) withDefaults() WeekOptions {
	def := func(v *float64, d float64) {
		if !(*v > 0) || math.IsInf(*v, 0) {
			*v = d
		}
	}
	def(&o.HardZonePct, WeekDefaultHardZonePct)
	def(&o.HardMinutes, WeekDefaultHardMinutes)
	def(&o.LongRunMinutes, WeekDefaultLongRunMinutes)
	if o.Window <= 0 {
		o.Window = WeekDefaultWindow
	}
	if o.MaxRecoveryPerWeek <= 0 {
		o.MaxRecoveryPerWeek = WeekDefaultMaxRecoveryPerWeek
	}
	return o
}

// Validate reports whether o.HardLabel is usable: an invalid regular
// expression, or one that matches the empty string (every file would be
// hard), is an error matching [ErrLabelPattern] that quotes the pattern.
// [WeekContext] and [HardSession] do not fail on such a pattern: they leave
// the label rule out (and WeekContext says so in [WeekReport.Warnings]), so
// a caller that takes the pattern from a user validates it first.
func (o WeekOptions) Validate() error {
	_, err := o.hardLabel()
	return err
}

// hardLabel compiles o.HardLabel, or returns the default pattern.
func (o WeekOptions) hardLabel() (*regexp.Regexp, error) {
	if o.HardLabel == "" {
		return weekDefaultHardLabel(), nil
	}
	return labelCompile("hard label", o.HardLabel)
}

// WeekHard is a hard session of a batch, and why it counts as hard.
type WeekHard struct {
	// Index is the run's index in the slice given to [WeekContext].
	Index int    `json:"index"`
	File  string `json:"file"`
	// Start is the session's start; End its start plus its elapsed time
	// (the start when the file could not be analysed).
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Reasons are the rules of [HardSession] it meets, one sentence each.
	Reasons []string `json:"reasons"`
}

// WeekSummary sums up one ISO week of a batch.
type WeekSummary struct {
	// Week is the ISO 8601 week, "2026-W10", each run placed by its start in
	// its own UTC offset.
	Week string `json:"week"`
	// Files counts the readable files of the week, Runs those that are
	// runs, RecoveryRuns the runs graded as recovery runs, HardSessions
	// the hard sessions ([HardSession]).
	Files        int `json:"files"`
	Runs         int `json:"runs"`
	RecoveryRuns int `json:"recovery_runs"`
	HardSessions int `json:"hard_sessions"`
	// MovingSeconds is the moving time of every analysed file of the week,
	// whatever the sport.
	MovingSeconds float64 `json:"moving_s"`
	// Load is the sum of the Edwards TRIMPs ([HeartRateFigures.Edwards]) of
	// the files that have one, LoadFiles how many they are; Load is missing
	// when none has one.
	Load      Value `json:"load_edwards_trimp"`
	LoadFiles int   `json:"load_files"`
	// Verdicts counts the verdicts of the graded recovery runs as each was
	// graded on its own; WeekWarnings counts those of them that a week check
	// warns about (nothing to recover from, too many in the week). A
	// caller that wants one verdict per run with the week included applies
	// [WeekReport.Checks] with [Grade.With].
	Verdicts     map[Verdict]int `json:"verdicts"`
	WeekWarnings int             `json:"week_warnings"`
}

// WeekReport is the week context of a batch of files.
type WeekReport struct {
	// Hard lists the hard sessions, in order of start.
	Hard []WeekHard `json:"hard"`
	// Weeks sums up each ISO week that holds a readable file, in order.
	Weeks []WeekSummary `json:"weeks"`
	// Checks holds, by index into the runs given to [WeekContext], the
	// week checks of each recovery run; the caller adds them with
	// grade.With(report.Checks[i]...). Other runs have no entry.
	Checks map[int][]Check `json:"checks"`
	// Warnings say what the week context could not apply: an invalid
	// HardLabel pattern.
	Warnings []string `json:"warnings,omitempty"`
}

// HardSession reports whether r counts as a hard session, something a
// recovery run recovers from, and why: one reason per rule met. The rules
// (docs/recovery.md#the-week-around-a-run: a recovery run follows
// intervals, hills, race-pace work or a long run):
//
//  1. Heart rate: a run with at least opt.HardMinutes (10) minutes of
//     cleaned heart rate at or above opt.HardZonePct (80) % of its resolved
//     maximum heart rate. The time is [zones.TimeIn] over the cleaned series
//     ([Analysis.Cleaning]) with one bound, each sample weighted by
//     [Timeline.Weight], so pauses and gaps count nothing and smart
//     recording counts by time. This is the rule that knows effort: it
//     finds intervals, tempo and races whatever they are called.
//  2. Duration: a run with at least opt.LongRunMinutes (90) minutes of
//     moving time ([TimeFigures.Moving]): a long run, even at an easy heart
//     rate, tires the legs and runs down glycogen stores.
//  3. Label: any file whose label matches opt.HardLabel
//     ([WeekDefaultHardLabel]: intervals, tempo, threshold, races, parkrun,
//     fartlek, hill repeats, VO2max, "6x800" and their French, German,
//     Spanish and Italian words). This catches sessions the first two rules
//     cannot see: a file without heart rate or maximum heart rate, short
//     repetitions whose heart rate lags, and hard sessions in other sports.
//
// The heart-rate and duration rules apply to runs only: the heart-rate
// settings are a runner's (maximum heart rate is lower on a bike, so 80 % of
// the running maximum would miss hard rides), and a long ride is not a long
// run. A file of another sport is hard by its label alone.
//
// A recovery run (r.Recovery) is never hard, even when it was run too hard:
// its own grade says so, and it is not a session to recover from. The zero
// WeekOptions means the defaults; an invalid opt.HardLabel leaves the label
// rule out (see [WeekOptions.Validate]).
func HardSession(r WeekRun, opt WeekOptions) (bool, []string) {
	re, _ := opt.hardLabel()
	return weekRules{opt.withDefaults(), re}.hard(r)
}

// weekRules holds the resolved options and the compiled hard-label pattern,
// nil when it is invalid.
type weekRules struct {
	o     WeekOptions
	label *regexp.Regexp
}

// hard implements [HardSession].
func (w weekRules) hard(r WeekRun) (bool, []string) {
	if r.Recovery {
		return false, nil
	}
	if r.HardDecided {
		return len(r.HardReasons) > 0, r.HardReasons
	}
	var why []string
	if an := r.Analysis; r.Running && an != nil {
		if s, ok := w.hardHeartRate(an); ok {
			why = append(why, s)
		}
		if m := an.Time.Moving; m >= 60*w.o.LongRunMinutes {
			why = append(why, fmt.Sprintf("a long run: %s of moving time, %g min or more", minutes(m), w.o.LongRunMinutes))
		}
	}
	if w.label != nil && r.Label != "" {
		folded := labelFoldMarks(r.Label)
		if w.label.MatchString(r.Label) || folded != r.Label && w.label.MatchString(folded) {
			why = append(why, "hard label "+labelQuote(r.Label))
		}
	}
	return len(why) > 0, why
}

// hardHeartRate applies the heart-rate rule to an: the reason, and whether
// it is met.
func (w weekRules) hardHeartRate(an *Analysis) (string, bool) {
	maxHR := an.Settings.MaxHR
	hr, wt := an.Cleaning.HR, an.Timeline.Weight
	if an.HeartRate == nil || !maxHR.Known() || !(maxHR.Value > 0) || len(hr) == 0 || len(hr) != len(wt) {
		return "", false
	}
	bound := w.o.HardZonePct * float64(maxHR.Value) / 100 // exact for whole percentages and bpm
	secs := zones.TimeIn(nil, []float64{bound}, hr, wt)[1]
	if secs < 60*w.o.HardMinutes {
		return "", false
	}
	return fmt.Sprintf("%s at or above %.0f bpm (%g %% of max HR %.0f, %s)",
		minutes(secs), bound, w.o.HardZonePct, float64(maxHR.Value), maxHR.Source), true
}

// WeekContext puts each run of a batch in its week: it finds the hard
// sessions ([HardSession]), checks every recovery run against them and
// against the other recovery runs of its ISO week, and sums up each week.
// runs are the files of the batch in any order; runs with a zero Start
// (unreadable files) are ignored. Indexes in the report refer to runs.
//
// Each recovery run (r.Recovery) gets two checks, in this order:
//
//   - [WeekCheckHardBefore]: the most recent hard session that started at
//     most opt.Window (48 h) before the recovery run started, and ended
//     (its start plus its elapsed time) by then. Found, the check passes
//     and names it: file, start, why it is hard, and how long before. None,
//     it warns: "recovery with nothing to recover from". Measured is the
//     hours from the hard session's start to the recovery run's start.
//   - [WeekCheckRecoveryCount]: the recovery runs of the batch in the run's
//     ISO week (time.Time.ISOWeek of each start in its own UTC offset, as
//     the athlete lived it). More than opt.MaxRecoveryPerWeek (2) warns,
//     on every recovery run of that week.
//
// Only a batch of more than one readable file gets week checks: graded
// alone, a file has no week around it, and the command line grades a
// single file often, so its grade must not warn for what it was not
// given. The context sees only the batch: a hard session or a recovery run
// in a file left out does not count.
//
// The checks are not advice: add them with grade.With(report.Checks[i]...),
// and a warning makes a passing grade WARN. The zero WeekOptions means the
// defaults.
func WeekContext(runs []WeekRun, opt WeekOptions) WeekReport {
	b := NewWeekBatch(opt)
	for _, r := range runs {
		b.Add(r)
	}
	return b.Report()
}

// WeekBatch builds the week context of a batch one run at a time, for a
// caller that streams its files and must not hold them all: of each run it
// keeps only what the context reads (its start, sport, recovery flag and
// verdict, moving time, load, and for a hard session its file, end and
// reasons), about 100 bytes, and decides the run's hardness as it is
// added, while the caller still holds its analysis. [WeekBatch.Report]
// then gives what [WeekContext] gives for the same runs in the same order.
// Make one with [NewWeekBatch].
type WeekBatch struct {
	rules    weekRules
	warnings []string
	added    int         // runs added, readable or not
	runs     []weekEntry // the readable runs, in the order added
}

// weekEntry is what a WeekBatch keeps of one readable run.
type weekEntry struct {
	index             int // in the order added
	start             time.Time
	running, recovery bool
	graded            bool // the run has a recovery grade: verdict is its verdict
	verdict           Verdict
	moving            float64   // seconds; 0 when the run was not analysed
	load              Value     // Edwards TRIMP, NA when none
	hard              *WeekHard // nil when the run is not hard
}

// NewWeekBatch returns an empty WeekBatch. The zero WeekOptions means the
// defaults; an invalid opt.HardLabel leaves the label rule out, which the
// report's Warnings say (see [WeekOptions.Validate]).
func NewWeekBatch(opt WeekOptions) *WeekBatch {
	re, err := opt.hardLabel()
	b := &WeekBatch{rules: weekRules{opt.withDefaults(), re}}
	if err != nil {
		b.warnings = append(b.warnings, err.Error()+"; the label rule of the hard sessions is left out")
	}
	return b
}

// Add adds the next run of the batch. Indexes in the report count the runs
// in the order added, from 0, unreadable ones (a zero r.Start) included.
// Of r, Add keeps its File and HardReasons when the run is hard, and no
// pointer: r.Analysis and r.Grade may be dropped or reused after.
func (b *WeekBatch) Add(r WeekRun) {
	i := b.added
	b.added++
	if r.Start.IsZero() {
		return
	}
	e := weekEntry{index: i, start: r.Start, running: r.Running, recovery: r.Recovery, load: NA()}
	if r.Recovery && r.Grade != nil {
		e.graded, e.verdict = true, r.Grade.Verdict
	}
	an := r.Analysis
	if an != nil {
		e.moving = an.Time.Moving
		if hr := an.HeartRate; hr != nil && hr.Edwards != nil && hr.Edwards.TRIMP.Known() {
			e.load = hr.Edwards.TRIMP
		}
	}
	if ok, why := b.rules.hard(r); ok {
		end := r.Start
		if an != nil && an.Time.Elapsed > 0 && !math.IsInf(an.Time.Elapsed, 0) {
			end = r.Start.Add(time.Duration(math.Round(an.Time.Elapsed * 1e9)))
		}
		e.hard = &WeekHard{Index: i, File: r.File, Start: r.Start, End: end, Reasons: why}
	}
	b.runs = append(b.runs, e)
}

// Report returns the week context of the runs added so far; see
// [WeekContext].
func (b *WeekBatch) Report() WeekReport {
	rep := WeekReport{Hard: []WeekHard{}, Weeks: []WeekSummary{}, Checks: map[int][]Check{}}
	rep.Warnings = slices.Clone(b.warnings)

	// The readable runs, in order of start (then of addition).
	runs := b.runs
	slices.SortFunc(runs, func(x, y weekEntry) int {
		if c := x.start.Compare(y.start); c != 0 {
			return c
		}
		return x.index - y.index
	})
	for _, e := range runs {
		if e.hard != nil {
			rep.Hard = append(rep.Hard, *e.hard)
		}
	}

	// The ISO weeks, and the recovery runs of each.
	weekOf := make([]int, len(runs)) // year*100 + week, by position in runs
	recoveries := make(map[int]int)  // week key -> recovery runs
	for k, e := range runs {
		y, wk := e.start.ISOWeek()
		weekOf[k] = 100*y + wk
		if e.recovery {
			recoveries[weekOf[k]]++
		}
	}

	if len(runs) > 1 {
		for k, e := range runs {
			if e.recovery {
				rep.Checks[e.index] = []Check{
					b.rules.hardBefore(e.start, rep.Hard),
					b.rules.recoveryCount(weekName(weekOf[k]), recoveries[weekOf[k]]),
				}
			}
		}
	}

	// The week summaries, each run counted in order of start.
	sums := make(map[int]*WeekSummary)
	for k, e := range runs {
		s := sums[weekOf[k]]
		if s == nil {
			s = &WeekSummary{Week: weekName(weekOf[k]), Load: NA(), Verdicts: map[Verdict]int{}}
			sums[weekOf[k]] = s
		}
		s.Files++
		if e.running {
			s.Runs++
		}
		if e.recovery {
			s.RecoveryRuns++
		}
		if e.hard != nil {
			s.HardSessions++
		}
		s.MovingSeconds += e.moving
		if e.load.Known() {
			if !s.Load.Known() {
				s.Load = 0
			}
			s.Load += e.load
			s.LoadFiles++
		}
		if e.graded {
			s.Verdicts[e.verdict]++
			for _, c := range rep.Checks[e.index] {
				if c.Status == StatusWarn {
					s.WeekWarnings++
					break
				}
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(sums)) {
		rep.Weeks = append(rep.Weeks, *sums[k])
	}
	return rep
}

// hardBefore is the WeekCheckHardBefore check of the recovery run r, given
// the hard sessions in order of start.
func (w weekRules) hardBefore(start time.Time, hard []WeekHard) Check {
	window := w.o.Window
	c := Check{ID: WeekCheckHardBefore, Measured: NA(), Limit: Value(window.Hours()), Unit: "h since a hard session started"}
	var found *WeekHard
	for k := range hard {
		h := &hard[k]
		gap := start.Sub(h.Start)
		if gap <= 0 || gap > window || h.End.After(start) {
			continue
		}
		found = h // the latest qualifying one wins: hard is in order of start
	}
	if found == nil {
		c.Status = StatusWarn
		c.Message = fmt.Sprintf("recovery with nothing to recover from: no hard session among the files graded together in the %s before (hard: %s)",
			weekHours(window), w.describe())
		return c
	}
	gap := start.Sub(found.Start)
	c.Status, c.Measured = StatusPass, Value(gap.Hours())
	c.Message = fmt.Sprintf("hard session %s before: %s, %s (%s)",
		weekDuration(gap), found.File, found.Start.Format("Mon 2006-01-02 15:04 -07:00"), strings.Join(found.Reasons, "; "))
	return c
}

// describe says in words what makes a session hard, for messages.
func (w weekRules) describe() string {
	rules := []string{
		fmt.Sprintf("%g min or more at or above %g %% of max HR", w.o.HardMinutes, w.o.HardZonePct),
		fmt.Sprintf("a run of %g min or more", w.o.LongRunMinutes),
	}
	switch {
	case w.label == nil:
	case w.o.HardLabel == "" || w.o.HardLabel == WeekDefaultHardLabel:
		rules = append(rules, "a label such as intervals, tempo, race or 6x800")
	default:
		rules = append(rules, "a label matching "+labelQuote(w.o.HardLabel))
	}
	rules[len(rules)-1] = "or " + rules[len(rules)-1]
	return strings.Join(rules, "; ")
}

// recoveryCount is the WeekCheckRecoveryCount check of a recovery run in a
// week that holds n recovery runs.
func (w weekRules) recoveryCount(week string, n int) Check {
	limit := w.o.MaxRecoveryPerWeek
	c := Check{ID: WeekCheckRecoveryCount, Measured: Value(n), Limit: Value(limit), Unit: "recovery runs in the week"}
	what := fmt.Sprintf("%d recovery runs in %s", n, week)
	if n == 1 {
		what = fmt.Sprintf("1 recovery run in %s", week)
	}
	if n > limit {
		c.Status = StatusWarn
		c.Message = fmt.Sprintf("%s, more than %d; one or two a week is typical", what, limit)
		return c
	}
	c.Status = StatusPass
	c.Message = fmt.Sprintf("%s, not more than %d; one or two a week is typical", what, limit)
	return c
}

// weekName writes a week key (year*100 + week) as ISO 8601 does: "2026-W10".
func weekName(k int) string { return fmt.Sprintf("%04d-W%02d", k/100, k%100) }

// weekHours writes a window as "48 hours", or as a duration when it is not a
// whole number of hours.
func weekHours(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%d hours", d/time.Hour)
	}
	return weekDuration(d)
}

// weekDuration writes d, rounded to the minute, as "13 h 15 min", "48 h" or
// "40 min".
func weekDuration(d time.Duration) string {
	m := int64(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}
