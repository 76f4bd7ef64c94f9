package analyze

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/runcheck/runcheck/activity"
)

// DefaultLabelWords is the alternation of recovery words behind
// [DefaultLabelPattern] and [DefaultLabelExclude], without the word
// boundaries, for building a pattern of one's own around it:
//
//	`(?:^|[^\pL])(?:` + analyze.DefaultLabelWords + `|easy)(?:$|[^\pL])`
const DefaultLabelWords = `recov(?:er(?:y|ies)?)?` + // en: recovery, recover, recov
	`|r[eé]cup(?:[eé]ration|s)?` + // fr: récupération, récup
	`|recuperaci[oó]n` + // es: recuperación
	`|recuperativ[oa]s?` + // es, it: recuperativo
	`|recuper[oi]` + // it: recupero
	`|r[eé]g[eé]n[eé]ra(?:tion|ci[oó]n)\pL*` + // en, fr, de (Regenerationslauf), es
	`|regenerativ\pL*` + // de: regenerativ(er); es: regenerativo, regenerativa
	`|reg\.?[- ]?l(?:auf|äufe|aeufe)` + // de: Reg-Lauf
	`|erholung\pL*` + // de: Erholung, Erholungslauf
	`|rigenera(?:nt[ei]|zione|tiv[oaie])` // it: rigenerante, rigenerazione

// DefaultLabelPattern is the regular expression (Go RE2 syntax) that decides
// whether a label names a recovery run when no other pattern is configured.
// It is matched case-insensitively, and a word of it counts only as a whole
// word: the letters on either side must be absent. Go's \b knows ASCII letters
// only, so the boundaries are written (?:^|[^\pL]) and (?:$|[^\pL]): "récup"
// in "footing récup 45'" is a word, "recovery" in "unrecoverable" is not. A
// digit, an underscore or any punctuation is a boundary ("recovery_run",
// "récup45"); a letter is not, so "EasyRecoveryRun" in camel case does not
// match.
//
// The words, in every language the pattern knows (accented and unaccented
// spellings both match; text with decomposed accents, as macOS writes file
// names, matches too, see [LabelMatcher]):
//
//	language  words                                   example labels that match
//	English   recovery, recoveries, recover, recov    Recovery run, easy recovery, active recovery, recov jog
//	          regeneration                            Regeneration run
//	French    récupération, recuperation, récup,      footing de récupération, sortie récup,
//	          recup, récups, régénération             Lundi - footing récup 45'
//	German    Regeneration..., regenerativ...,        Regenerationslauf, lockerer Regenerationslauf,
//	          Erholung..., Reg-Lauf (Reglauf,         regenerativer Dauerlauf, Erholungslauf, Reg-Lauf
//	          Reg. Lauf, Reg-Läufe)
//	Spanish   recuperación, recuperacion,             rodaje de recuperación, trote regenerativo
//	          recuperativo/a, regeneración,
//	          regenerativo, regenerativa
//	Italian   recupero, recuperi, recuperativo/a,     corsa di recupero, lento rigenerante
//	          rigenerante, rigeneranti,
//	          rigenerazione, rigenerativo/a
//
// A word ending in "..." also matches with any letters after it, as German
// compounds do (Regenerationslauf, Erholungsrunde, regenerativer).
//
// What it deliberately does not match:
//
//   - a recovery word inside a longer word: "Unrecoverable", "Discovery";
//   - verb forms: "recovered", "recovering", French "récupéré"/"récupérer"
//     ("Récupéré la montre" is about fetching a watch), Spanish "recuperar",
//     Italian "recuperato";
//   - "regen" alone, though English runners use it for regeneration: German
//     "Regen" is rain ("Lauf im Regen", "Regenlauf");
//   - easy, light or slow runs that do not say recovery: "Easy run", "footing
//     tranquille", "lockerer Dauerlauf", "rodaje suave", "corsa lenta". Easy
//     and recovery are different sessions; a user who grades easy runs too
//     gives a pattern of their own or -all.
//
// A recovery word that follows repetition notation such as "6x800" names
// the recoveries between the repetitions of an interval session, not a
// recovery run; [DefaultLabelExclude] rules those labels out.
//
// To extend the default, append an alternative with the same boundaries:
//
//	analyze.DefaultLabelPattern + `|(?:^|[^\pL])(?:regen|easy)(?:$|[^\pL])`
const DefaultLabelPattern = `(?i)(?:^|[^\pL])(?:` + DefaultLabelWords + `)(?:$|[^\pL])`

// DefaultLabelExclude is the regular expression that, when no other is
// configured, rules out a label that [DefaultLabelPattern] matches: a
// recovery word after repetition notation (a digit, "x" or "×", a digit, as
// in "6x800", "10 x 400 m", "3×1 km") describes the recoveries of an
// interval session: "6x800 @ 5K pace, 400 m recovery jog", "10x400 récup 1'",
// "Ripetute 5x1000 recupero 2'". A recovery word before the repetitions is
// kept, since recovery runs often end with strides: "Recovery run + 6x20 s
// strides" is a recovery label. "Recovery after yesterday's 6x800" is one too;
// "6x800 yesterday, recovery today" is, regrettably, ruled out.
const DefaultLabelExclude = `(?is)\d\s*[x×]\s*\d.*(?:^|[^\pL])(?:` + DefaultLabelWords + `)(?:$|[^\pL])`

// ErrLabelPattern means a configured label pattern is not a valid regular
// expression or would match every label; the message quotes the pattern.
var ErrLabelPattern = errors.New("analyze: invalid label pattern")

// LabelPatterns configures a [LabelMatcher]. The zero value means the
// defaults: [DefaultLabelPattern] and [DefaultLabelExclude].
type LabelPatterns struct {
	// Match is the regular expression (Go RE2 syntax) a recovery label
	// matches. It is matched case-insensitively; a leading (?-i) turns that
	// off. It must not match the empty string. Empty means
	// DefaultLabelPattern.
	Match string `json:"match,omitempty"`
	// Exclude is a regular expression that rules out a label Match matches.
	// Empty means DefaultLabelExclude, unless NoExclude is set.
	Exclude string `json:"exclude,omitempty"`
	// NoExclude turns the exclusion off: every label Match matches is a
	// recovery label.
	NoExclude bool `json:"no_exclude,omitempty"`
}

// LabelMatcher decides whether a label names a recovery run. It is safe for
// concurrent use. A nil or zero *LabelMatcher behaves as
// [DefaultLabelMatcher].
//
// A label matches when the Match pattern matches it and the Exclude pattern
// does not. Each pattern is tried on the label as written and on the label
// with its combining marks removed (the U+0301 of an "e" + U+0301 that macOS
// file names use for "é"), so the unaccented spellings in the pattern cover
// decomposed text.
type LabelMatcher struct {
	match, exclude *regexp.Regexp
	patterns       LabelPatterns
}

// NewLabelMatcher compiles p. An invalid pattern, or one that matches the
// empty string (it would call every run a recovery run, or none), is an
// error matching [ErrLabelPattern] that quotes the pattern.
func NewLabelMatcher(p LabelPatterns) (*LabelMatcher, error) {
	m := &LabelMatcher{patterns: p}
	if p.Match == "" {
		m.patterns.Match = DefaultLabelPattern
	}
	if p.Exclude == "" && !p.NoExclude {
		m.patterns.Exclude = DefaultLabelExclude
	}
	if p.NoExclude {
		m.patterns.Exclude = ""
	}
	var err error
	if m.match, err = labelCompile("match", m.patterns.Match); err != nil {
		return nil, err
	}
	if m.patterns.Exclude != "" {
		if m.exclude, err = labelCompile("exclude", m.patterns.Exclude); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// labelCompile compiles one pattern of a LabelMatcher, case-insensitively.
func labelCompile(what, p string) (*regexp.Regexp, error) {
	// Compile the pattern as given first, so that an error quotes what the
	// user wrote rather than the (?i) prefix.
	if _, err := regexp.Compile(p); err != nil {
		return nil, fmt.Errorf("%w: %s pattern %q: %w", ErrLabelPattern, what, p, err)
	}
	re, err := regexp.Compile("(?i)" + p)
	if err != nil {
		return nil, fmt.Errorf("%w: %s pattern %q: %w", ErrLabelPattern, what, p, err)
	}
	if re.MatchString("") {
		return nil, fmt.Errorf("%w: %s pattern %q matches an empty label, so it would match every label", ErrLabelPattern, what, p)
	}
	return re, nil
}

// defaultLabelMatcher compiles the default patterns once.
var defaultLabelMatcher = sync.OnceValue(func() *LabelMatcher {
	m, err := NewLabelMatcher(LabelPatterns{})
	if err != nil {
		panic(err) // the default patterns are constants, tested to compile
	}
	return m
})

// DefaultLabelMatcher returns the matcher of [DefaultLabelPattern] and
// [DefaultLabelExclude], compiled once and shared.
func DefaultLabelMatcher() *LabelMatcher { return defaultLabelMatcher() }

// orDefault returns m, or the default matcher when m is nil or zero.
func (m *LabelMatcher) orDefault() *LabelMatcher {
	if m == nil || m.match == nil {
		return DefaultLabelMatcher()
	}
	return m
}

// Patterns returns the patterns m applies, with the defaults filled in;
// Exclude is empty when there is no exclusion.
func (m *LabelMatcher) Patterns() LabelPatterns { return m.orDefault().patterns }

// Match reports whether text is a recovery label: the Match pattern matches
// it and the Exclude pattern does not.
func (m *LabelMatcher) Match(text string) bool {
	match, excluded := m.classify(text)
	return match && !excluded
}

// classify reports whether the Match pattern matches text and whether the
// Exclude pattern then rules it out.
func (m *LabelMatcher) classify(text string) (match, excluded bool) {
	m = m.orDefault()
	folded := labelFoldMarks(text)
	try := func(re *regexp.Regexp) bool {
		return re.MatchString(text) || folded != text && re.MatchString(folded)
	}
	match = try(m.match)
	if match && m.exclude != nil {
		excluded = try(m.exclude)
	}
	return match, excluded
}

// labelFoldMarks removes the nonspacing combining marks (Unicode category
// Mn) from s: "re\u0301cup" becomes "recup".
func labelFoldMarks(s string) string {
	isMark := func(r rune) bool { return unicode.Is(unicode.Mn, r) }
	if !strings.ContainsFunc(s, isMark) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isMark(r) {
			return -1
		}
		return r
	}, s)
}

// LabelSource says where a label came from. The constants are listed in
// priority order: the first source that has a label decides.
type LabelSource string

// The label sources, in priority order.
const (
	// LabelSourceFlag is the -label TEXT flag: one label for every file.
	LabelSourceFlag LabelSource = "flag"
	// LabelSourceLabelsFile is the file's entry in a labels file (-labels
	// FILE, see [ReadLabelsFile]).
	LabelSourceLabelsFile LabelSource = "labels-file"
	// LabelSourceStrava is the file's row in a Strava bulk export's
	// activities.csv: the activity name and description (see
	// [ReadStravaActivities]).
	LabelSourceStrava LabelSource = "strava-csv"
	// LabelSourceFileNames is the names the file itself carries
	// ([activity.Names]): FIT workout and sport profile name, GPX track name,
	// type and description, TCX notes. Label.Field says which.
	LabelSourceFileNames LabelSource = "file-names"
	// LabelSourceFileName is the file's base name without its extensions
	// (.gz, then .fit, .gpx, .tcx or .xml), with "_", "-" and "." turned
	// into spaces: "2024-05-01_recovery.fit.gz" gives "2024 05 01 recovery".
	LabelSourceFileName LabelSource = "file-name"
	// LabelSourceAll is the -all flag, which grades every run as a recovery
	// run whatever its labels say.
	LabelSourceAll LabelSource = "all"
)

// Label is the label that decided whether a run is a recovery run.
type Label struct {
	// Text is the label as its source gives it; empty for LabelSourceAll.
	Text string `json:"text"`
	// Source is where the label came from; empty when no source had one.
	Source LabelSource `json:"source"`
	// Field names the field of the source that holds Text: "-label flag",
	// "labels file entry", "Strava activity name", "Strava activity
	// description", "workout name", "sport profile name", "track name",
	// "track type", "description", "notes", "file name" or "-all flag".
	Field string `json:"field,omitempty"`
	// Recovery is true when the label names a recovery run.
	Recovery bool `json:"recovery"`
}

// LabelDecision says whether a run is graded as a recovery run, and why.
type LabelDecision struct {
	// Graded is true when the run is graded as a recovery run: it is a run
	// and its label names a recovery run (or -all was given).
	Graded bool `json:"graded"`
	// Running is true when the activity counts as a run: the file or its
	// Strava row names a running sport (see [IsRunning]), or nothing names
	// any sport at all.
	Running bool `json:"running"`
	// Sport is the sport the decision rests on: the running sport found
	// ("running", "running (trail)", "Strava Trail Run"), or the sports
	// found when none is running ("cycling", "cycling; Strava Ride");
	// empty when nothing names a sport.
	Sport string `json:"sport,omitempty"`
	// Label is the label that decided; its Source is empty when no source
	// had a label.
	Label Label `json:"label"`
	// Reason says why, as one readable sentence without a final period:
	// "not a run (sport cycling)", "no recovery label (looked in: ...)",
	// `the workout name "Tempo" is not a recovery label`, `the track name
	// "Recovery run" is a recovery label`.
	Reason string `json:"reason"`
}

// LabelInput holds what the caller knows about one file's labels besides
// the file itself. The zero value means no flag, no labels file, no Strava
// export, no path.
type LabelInput struct {
	// Path is the file's path as the caller names it; its base name is the
	// last label source.
	Path string
	// Flag is the text of an explicit -label flag, empty when none.
	Flag string
	// All is the -all flag: every run is graded as a recovery run.
	All bool
	// FileLabel is the labels file's label for this file and FileLabelFound
	// whether it has one, as [LookupLabel] returns them.
	FileLabel      string
	FileLabelFound bool
	// LabelsFile names the labels file that was consulted, for reasons;
	// empty when none was given.
	LabelsFile string
	// Strava is the file's row in a Strava export's activities.csv (see
	// [StravaIndex.Lookup]), nil when there is none.
	Strava *StravaActivity
	// StravaFile names the activities.csv that was consulted, for reasons;
	// empty when none was given.
	StravaFile string
}

// DecideLabel decides whether the activity a, read from the file in.Path, is
// graded as a recovery run, using m to recognise a recovery label (nil means
// [DefaultLabelMatcher]). a may be nil when the file could not be read: its
// sport and names are then unknown.
//
// # Sport
//
// Only runs are graded. The activity is a run when its sport and sub-sport
// ([activity.Metadata]) or those of any of its sessions name a run (see
// [IsRunning]: running, trail, treadmill, track, virtual run; a multisport
// file with a running session counts), or when its Strava row's Activity
// Type does ("Run", "Trail Run", "Virtual Run"). When something names a
// sport and none is a run, the run is not graded: "not a run (sport
// cycling)". When nothing names any sport (a GPX without a type), the file
// is taken to be a run, and the reason says so.
//
// # Label
//
// -all (in.All) grades every run, whatever its labels say. Otherwise the
// label comes from the first of these sources that has one:
//
//  1. the -label flag (in.Flag);
//  2. the labels file (in.FileLabel);
//  3. the Strava activities.csv row (in.Strava): its name and description;
//  4. the file's own names: FIT workout name and sport profile name, GPX
//     track name, type and description, TCX notes;
//  5. the file name (see [LabelSourceFileName]).
//
// Within a source, every text is tried in the order above and any recovery
// label wins. A source whose texts are all non-recovery labels decides too:
// the run is labelled, but not as a recovery run, and lower sources are not
// consulted. So a labels file entry "Tempo" keeps a file named
// "recovery.fit" from being graded, and -label TEXT overrides every file's
// own names.
//
// From the Strava row on, a text that only names the sport, a time of day or
// a date is not a label, since apps write one where the athlete wrote
// nothing: "Morning Run", "Course à pied le midi", the sport profile "Run",
// the track type "running", the file name "2024-05-01-07-30-00" or
// "activity_123456". The search goes on past such a text. (A place name is a
// label: Garmin Connect's "Lyon Running" stops the search.)
//
// A run with no label anywhere is not graded: "no recovery label (looked
// in: ...)" lists where it looked.
func DecideLabel(in LabelInput, a *activity.Activity, m *LabelMatcher) LabelDecision {
	m = m.orDefault()
	var d LabelDecision
	var sportNamed bool
	d.Running, sportNamed, d.Sport = labelSport(a, in.Strava)

	var reason string
	d.Label, reason = labelFind(in, a, m)
	if !d.Running {
		d.Reason = "not a run (" + d.Sport + ")"
		return d
	}
	d.Graded = d.Label.Recovery
	d.Reason = reason
	if d.Graded && !sportNamed {
		d.Reason += ", and the file names no sport, so it is taken to be a run"
	}
	return d
}

// labelSport reports whether a (with its Strava row sv) counts as a run,
// whether anything names a sport at all, and the sport to report.
func labelSport(a *activity.Activity, sv *StravaActivity) (running, named bool, sport string) {
	var others []string
	consider := func(sp, sub string) bool {
		if IsRunning(sp, sub) {
			return true
		}
		if n := labelSportName(sp, sub); n != "" && !slices.Contains(others, n) {
			others = append(others, n)
		}
		return false
	}
	if a != nil {
		if consider(a.Meta.Sport, a.Meta.SubSport) {
			return true, true, labelSportName(a.Meta.Sport, a.Meta.SubSport)
		}
		for _, s := range a.Sessions {
			if consider(s.Sport, s.SubSport) {
				return true, true, labelSportName(s.Sport, s.SubSport)
			}
		}
	}
	var parts []string
	switch len(others) {
	case 0:
	case 1:
		parts = append(parts, "sport "+others[0])
	default:
		parts = append(parts, "sports "+strings.Join(others, ", "))
	}
	if sv != nil && strings.TrimSpace(sv.Type) != "" {
		if IsRunning(sv.Type, "") {
			return true, true, "Strava " + sv.Type
		}
		parts = append(parts, "Strava type "+sv.Type)
	}
	if len(parts) == 0 {
		return true, false, ""
	}
	return false, true, strings.Join(parts, "; ")
}

// labelSportName describes a sport and sub-sport for a reason: "cycling",
// "running (trail)"; empty when neither names a sport ("", "generic", "all").
func labelSportName(sp, sub string) string {
	sp, sub = strings.TrimSpace(sp), strings.TrimSpace(sub)
	blank := func(s string) bool {
		switch strings.ToLower(s) {
		case "", "generic", "all", "invalid":
			return true
		}
		return false
	}
	switch {
	case blank(sp) && blank(sub):
		return ""
	case blank(sub) || strings.EqualFold(sub, sp):
		return sp
	case blank(sp):
		return sub
	}
	return sp + " (" + sub + ")"
}

// labelText is one text a source offers as a label.
type labelText struct {
	text, field string
}

// labelFind returns the deciding label and the reason for it.
func labelFind(in LabelInput, a *activity.Activity, m *LabelMatcher) (Label, string) {
	if in.All {
		return Label{Source: LabelSourceAll, Field: "-all flag", Recovery: true},
			"-all grades every run as a recovery run"
	}
	type source struct {
		src      LabelSource
		texts    []labelText
		explicit bool   // every non-empty text is a label, generic or not
		none     string // what "looked in" says when the source is absent or empty
	}
	var names activity.Names
	if a != nil {
		names = a.Meta.Names
	}
	sources := []source{
		{src: LabelSourceFlag, texts: []labelText{{in.Flag, "-label flag"}}, explicit: true},
		{src: LabelSourceLabelsFile, explicit: true},
		{src: LabelSourceStrava},
		{src: LabelSourceFileNames, none: "the file's own names (it has none)", texts: []labelText{
			{names.Workout, "workout name"},
			{names.SportProfile, "sport profile name"},
			{names.Track, "track name"},
			{names.TrackType, "track type"},
			{names.Description, "description"},
			{names.Notes, "notes"},
		}},
		{src: LabelSourceFileName, texts: []labelText{{LabelFileName(in.Path), "file name"}}},
	}
	if in.FileLabelFound {
		sources[1].texts = []labelText{{in.FileLabel, "labels file entry"}}
	}
	if in.LabelsFile != "" {
		sources[1].none = "labels file " + in.LabelsFile
	}
	if sv := in.Strava; sv != nil {
		sources[2].texts = []labelText{{sv.Name, "Strava activity name"}, {sv.Description, "Strava activity description"}}
		sources[2].none = "Strava row " + labelQuote(sv.Filename) + " (no name)"
	} else if in.StravaFile != "" {
		sources[2].none = "Strava export " + in.StravaFile
	}

	var looked []string // where the search looked, for a missing label
	generic := false    // whether looked quotes a text that only names the sport
	for _, s := range sources {
		var first, excluded *labelText
		var seen []string
		for i := range s.texts {
			t := &s.texts[i]
			if strings.TrimSpace(t.text) == "" {
				continue
			}
			match, ex := m.classify(t.text)
			if match && !ex {
				return Label{Text: t.text, Source: s.src, Field: t.field, Recovery: true},
					labelWhat(in, *t) + " is a recovery label"
			}
			if match && excluded == nil {
				excluded = t
			}
			if s.explicit || !labelGeneric(t.text) {
				if first == nil {
					first = t
				}
			} else {
				seen = append(seen, t.field+" "+labelQuote(t.text))
			}
		}
		switch {
		case excluded != nil:
			why := ": it matches the exclude pattern"
			if m.patterns.Exclude == DefaultLabelExclude {
				why = ": its recovery word follows repetitions (6x800), as an interval session's recoveries do"
			}
			return Label{Text: excluded.text, Source: s.src, Field: excluded.field},
				labelWhat(in, *excluded) + " is not a recovery label" + why
		case first != nil:
			return Label{Text: first.text, Source: s.src, Field: first.field},
				labelWhat(in, *first) + " is not a recovery label"
		case len(seen) > 0:
			looked = append(looked, seen...)
			generic = true
		case s.none != "":
			looked = append(looked, s.none)
		}
	}
	reason := "no recovery label (looked in: " + strings.Join(looked, ", ")
	if generic {
		reason += "; a name that only gives the sport, a time of day or a date is not a label"
	}
	return Label{}, reason + ")"
}

// labelWhat names a label text and where it is, for a reason: `the workout
// name "Tempo"`.
func labelWhat(in LabelInput, t labelText) string {
	s := "the " + t.field + " " + labelQuote(t.text)
	if t.field == "labels file entry" && in.LabelsFile != "" {
		s += " in " + in.LabelsFile
	}
	return s
}

// labelQuote quotes a label for a reason on one line: white space collapsed,
// control characters dropped, at most 60 characters. Unlike %q it leaves
// every other character as it is, combining accents included.
func labelQuote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return `"` + s + `"`
}

// LabelFileName returns the label text the file name at p gives: its base
// name without a .gz extension and then without a .fit, .gpx, .tcx or .xml
// extension (in any case), with "_", "-" and "." turned into spaces and
// white space trimmed. Both / and \ separate directories.
func LabelFileName(p string) string {
	base := path.Base(strings.ReplaceAll(p, `\`, "/"))
	if base == "." || base == "/" {
		return ""
	}
	if ext := path.Ext(base); strings.EqualFold(ext, ".gz") {
		base = strings.TrimSuffix(base, ext)
	}
	switch ext := path.Ext(base); strings.ToLower(ext) {
	case ".fit", ".gpx", ".tcx", ".xml":
		base = strings.TrimSuffix(base, ext)
	}
	base = strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', '.':
			return ' '
		}
		return r
	}, base)
	return strings.Join(strings.Fields(base), " ")
}

// labelGeneric reports whether s only names a sport, a time of day or a
// date, in the words apps and watches use when the athlete wrote nothing:
// every word of it is one of labelGenericWord's, and words holding a digit
// ("2024", "10k", "57JC1813") do not count.
func labelGeneric(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(labelFoldMarks(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, w := range words {
		if strings.ContainsFunc(w, unicode.IsDigit) {
			continue
		}
		if !labelGenericWord(w) {
			return false
		}
	}
	return true
}

// labelGenericWord reports whether w, lower case, is a word of the names
// apps give activities by themselves: Strava's default names in English,
// French, German, Spanish and Italian ("Morning Run", "Course à pied le
// midi", "Abendlauf", "Carrera matutina", "Corsa serale"), Garmin sport
// profiles ("Run", "Trail Run", "Treadmill"), GPX types, units, and the words
// of device file names ("activity_123456").
func labelGenericWord(w string) bool {
	switch w {
	// Sports and sessions.
	case "run", "runs", "running", "jog", "jogging", "joggen", "footing", "trail", "trails",
		"treadmill", "track", "road", "street", "indoor", "outdoor", "virtual", "ultra",
		"ride", "cycling", "bike", "walk", "walking", "hike", "hiking", "swim", "swimming",
		"activity", "activities", "workout", "training", "sport", "generic", "exercise", "session",
		"lauf", "laufen", "läufe", "laufband", "course", "courir", "pied", "tapis", "roulant",
		"carrera", "correr", "cinta", "corsa", "correre":
		return true
	// Times of day.
	case "morning", "lunch", "lunchtime", "afternoon", "evening", "night", "noon", "midday",
		"day", "am", "pm",
		"matin", "matinal", "matinale", "midi", "après", "apres", "soir", "soirée", "soiree", "nuit",
		"morgen", "morgenlauf", "mittag", "mittagslauf", "nachmittag", "nachmittagslauf",
		"abend", "abendlauf", "nacht", "nachtlauf",
		"mañana", "manana", "mediodía", "mediodia", "tarde", "noche", "matutina", "matutino",
		"vespertina", "nocturna", "nocturno", "almuerzo", "hora",
		"mattina", "mattino", "mattutina", "pomeriggio", "pomeridiana", "sera", "serale",
		"notte", "notturna", "pranzo", "ora":
		return true
	// Small words.
	case "a", "à", "al", "all", "alla", "an", "at", "d", "de", "del", "dell", "della", "der",
		"di", "du", "dans", "el", "en", "i", "im", "in", "l", "la", "le", "les", "of", "on",
		"por", "the", "um", "y":
		return true
	// Units, time zones, and the words of device and export file names.
	case "k", "km", "kms", "mi", "mile", "miles", "m", "min", "mins", "h", "hr", "s", "sec",
		"t", "z", "utc", "gmt", "export", "file", "untitled", "unnamed", "new",
		"garmin", "connect", "strava", "coros", "suunto", "polar", "wahoo", "zwift", "apple", "watch":
		return true
	}
	return false
}
