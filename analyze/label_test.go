package analyze_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

func TestLabelDefaultPatternMatches(t *testing.T) {
	m := analyze.DefaultLabelMatcher()
	tests := []struct {
		name, text string
	}{
		// English
		{"en recovery", "Recovery"},
		{"en lower", "recovery run"},
		{"en upper", "RECOVERY RUN"},
		{"en easy recovery", "Easy recovery"},
		{"en active", "Active recovery 30'"},
		{"en recover", "Recover"},
		{"en recov", "recov jog"},
		{"en plural", "two recoveries this week"},
		{"en regeneration", "Regeneration run"},
		{"en underscore", "2024_05_01_recovery_run"},
		{"en digits", "recovery45"},
		{"en strides after", "Recovery run + 6x20 s strides"},
		{"en reps mentioned after", "Recovery after yesterday's 6x800"},
		{"en emoji", "🐢 recovery 🐢"},
		// French
		{"fr récupération", "Récupération"},
		{"fr upper accented", "RÉCUPÉRATION"},
		{"fr unaccented", "recuperation"},
		{"fr récup", "récup"},
		{"fr recup", "Recup"},
		{"fr footing de récupération", "Footing de récupération"},
		{"fr footing de recuperation", "footing de recuperation"},
		{"fr sortie récup", "Sortie récup"},
		{"fr monday", "Lundi - footing récup 45'"},
		{"fr apostrophe", "récup' du dimanche"},
		{"fr decomposed", "Footing de re\u0301cupe\u0301ration"},
		{"fr decomposed upper", "RE\u0301CUP"},
		{"fr régénération", "Footing régénération"},
		// German
		{"de Regeneration", "Regeneration"},
		{"de Regenerationslauf", "Regenerationslauf"},
		{"de lockerer", "lockerer Regenerationslauf"},
		{"de upper", "REGENERATIONSLAUF"},
		{"de plural", "Regenerationsläufe"},
		{"de regenerativ", "regenerativ"},
		{"de regenerativer", "Regenerativer Dauerlauf"},
		{"de Reg-Lauf", "Reg-Lauf"},
		{"de Reglauf", "Reglauf am Morgen"},
		{"de Reg. Lauf", "Reg. Lauf"},
		{"de Erholung", "Erholung"},
		{"de Erholungslauf", "Erholungslauf"},
		{"de Erholungslauf upper", "ERHOLUNGSLAUF"},
		// Spanish
		{"es recuperación", "recuperación"},
		{"es recuperacion", "Recuperacion"},
		{"es rodaje", "Rodaje de recuperación"},
		{"es rodaje upper", "RODAJE DE RECUPERACIÓN"},
		{"es regenerativo", "Trote regenerativo"},
		{"es regenerativa", "carrera regenerativa"},
		{"es regeneración", "Regeneración"},
		{"es recuperativo", "rodaje recuperativo"},
		// Italian
		{"it recupero", "recupero"},
		{"it corsa di recupero", "Corsa di recupero"},
		{"it rigenerante", "rigenerante"},
		{"it lento rigenerante", "Lento rigenerante"},
		{"it upper", "LENTO RIGENERANTE"},
		{"it rigenerazione", "corsa di rigenerazione"},
		{"it rigenerativa", "corsa rigenerativa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !m.Match(tt.text) {
				t.Errorf("Match(%q) = false, want true", tt.text)
			}
		})
	}
}

func TestLabelDefaultPatternRejects(t *testing.T) {
	m := analyze.DefaultLabelMatcher()
	tests := []struct {
		name, text, why string
	}{
		{"discovery", "Discovery Park loop", "no recovery word"},
		{"inside a word", "Unrecoverable watch data", "recovery inside a longer word"},
		{"prefix", "nonrecovery", "recovery inside a longer word"},
		{"camel case", "EasyRecoveryRun", "letters on both sides"},
		{"tempo", "Tempo run", "not a recovery"},
		{"easy run", "Easy run", "easy is not recovery"},
		{"footing tranquille", "footing tranquille", "easy is not recovery"},
		{"lockerer Dauerlauf", "lockerer Dauerlauf", "easy is not recovery"},
		{"rodaje suave", "rodaje suave", "easy is not recovery"},
		{"corsa lenta", "corsa lenta", "easy is not recovery"},
		{"intervals", "Intervals 6x800", "no recovery word"},
		{"long run", "Long run", "no recovery word"},
		{"morning run", "Morning Run", "no recovery word"},
		{"fr verb", "Récupéré la montre", "verb form"},
		{"fr infinitive", "récupérer les clés", "verb form"},
		{"en past tense", "Recovered from flu", "verb form"},
		{"en gerund", "Recovering", "verb form"},
		{"es verb", "recuperar", "verb form"},
		{"it participle", "recuperato", "verb form"},
		{"de rain", "Lauf im Regen", "Regen is rain"},
		{"de rain run", "Regenlauf", "Regen is rain"},
		{"regen alone", "regen", "Regen is rain"},
		{"de city", "Regensburg Halbmarathon", "a town"},
		{"reps then recovery", "6x800 w/ 400 m recovery jog", "interval session"},
		{"reps spaced", "10 x 400 m, 200 m recovery", "interval session"},
		{"reps times sign", "3×1 km, 2' récup", "interval session"},
		{"fr reps", "10x400 récup 1'", "interval session"},
		{"it reps", "Ripetute 5x1000 recupero 2'", "interval session"},
		{"reps multi-line", "6x800\n400 m recovery", "interval session"},
		{"empty", "", "nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m.Match(tt.text) {
				t.Errorf("Match(%q) = true, want false (%s)", tt.text, tt.why)
			}
		})
	}
}

func TestLabelMatcherPatterns(t *testing.T) {
	tests := []struct {
		name    string
		p       analyze.LabelPatterns
		text    string
		want    bool
		wantErr string // substring of the error; the error must match ErrLabelPattern
	}{
		{name: "zero is default", p: analyze.LabelPatterns{}, text: "Sortie récup", want: true},
		{name: "custom, case-insensitive", p: analyze.LabelPatterns{Match: `easy|tempo`}, text: "TEMPO 3x2 km", want: true},
		{name: "custom replaces default", p: analyze.LabelPatterns{Match: `easy`}, text: "Recovery run", want: false},
		{name: "case-sensitive on request", p: analyze.LabelPatterns{Match: `(?-i)Easy`}, text: "easy run", want: false},
		{name: "extended default", p: analyze.LabelPatterns{Match: analyze.DefaultLabelPattern + `|(?:^|[^\pL])regen(?:$|[^\pL])`}, text: "regen jog", want: true},
		{name: "built around the default words", p: analyze.LabelPatterns{Match: `(?:^|[^\pL])(?:` + analyze.DefaultLabelWords + `|easy)(?:$|[^\pL])`}, text: "Easy run", want: true},
		{name: "default exclude applies to custom match", p: analyze.LabelPatterns{Match: `recovery`}, text: "6x800 400 m recovery", want: false},
		{name: "no exclude", p: analyze.LabelPatterns{NoExclude: true}, text: "6x800 400 m recovery", want: true},
		{name: "custom exclude", p: analyze.LabelPatterns{Exclude: `bike`}, text: "recovery bike", want: false},
		{name: "custom exclude replaces default", p: analyze.LabelPatterns{Exclude: `bike`}, text: "6x800 400 m recovery", want: true},
		{name: "bad match", p: analyze.LabelPatterns{Match: `(recov`}, wantErr: `match pattern "(recov"`},
		{name: "bad exclude", p: analyze.LabelPatterns{Exclude: `[x`}, wantErr: `exclude pattern "[x"`},
		{name: "empty-matching match", p: analyze.LabelPatterns{Match: `x*`}, wantErr: `match pattern "x*" matches an empty label`},
		{name: "empty-matching exclude", p: analyze.LabelPatterns{Exclude: `^`}, wantErr: `exclude pattern "^" matches an empty label`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := analyze.NewLabelMatcher(tt.p)
			if tt.wantErr != "" {
				if !errors.Is(err, analyze.ErrLabelPattern) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("NewLabelMatcher(%+v) error = %v, want ErrLabelPattern containing %q", tt.p, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewLabelMatcher(%+v): %v", tt.p, err)
			}
			if got := m.Match(tt.text); got != tt.want {
				t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestLabelMatcherDefaults(t *testing.T) {
	want := analyze.LabelPatterns{Match: analyze.DefaultLabelPattern, Exclude: analyze.DefaultLabelExclude}
	var zero analyze.LabelMatcher
	for name, m := range map[string]*analyze.LabelMatcher{
		"nil": nil, "zero": &zero, "default": analyze.DefaultLabelMatcher(),
	} {
		t.Run(name, func(t *testing.T) {
			if got := m.Patterns(); got != want {
				t.Errorf("Patterns() = %+v, want the defaults", got)
			}
			if !m.Match("Recovery run") || m.Match("Tempo") {
				t.Error("does not behave as the default matcher")
			}
		})
	}
	m, err := analyze.NewLabelMatcher(analyze.LabelPatterns{NoExclude: true, Exclude: "ignored"})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Patterns(); got.Exclude != "" || !got.NoExclude {
		t.Errorf("NoExclude: Patterns() = %+v, want no exclude", got)
	}
}

func TestLabelFileName(t *testing.T) {
	tests := []struct{ path, want string }{
		{"runs/2024-05-01_recovery.fit.gz", "2024 05 01 recovery"},
		{"Lundi 12.05 récup.FIT", "Lundi 12 05 récup"},
		{`C:\runs\easy-run.gpx`, "easy run"},
		{"activities/1234567890.tcx", "1234567890"},
		{"notes.v2.txt", "notes v2 txt"},
		{"recovery", "recovery"},
		{"", ""},
		{"/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := analyze.LabelFileName(tt.path); got != tt.want {
				t.Errorf("LabelFileName(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// labelRun returns a running activity with the given names.
func labelRun(n activity.Names) *activity.Activity {
	return &activity.Activity{Meta: activity.Metadata{Format: activity.FormatFIT, Sport: "running", SubSport: "generic", Names: n}}
}

// labelSport returns an activity of the given sport with the given names.
func labelSport(sport, sub string, n activity.Names) *activity.Activity {
	return &activity.Activity{Meta: activity.Metadata{Sport: sport, SubSport: sub, Names: n}}
}

const labelGenericNote = "; a name that only gives the sport, a time of day or a date is not a label)"

func TestDecideLabel(t *testing.T) {
	recoveryWorkout := labelRun(activity.Names{Workout: "Recovery run", SportProfile: "Run"})
	tempoWorkout := labelRun(activity.Names{Workout: "Tempo", SportProfile: "Run"})
	profileOnly := labelRun(activity.Names{SportProfile: "Run"})
	tests := []struct {
		name       string
		in         analyze.LabelInput
		a          *activity.Activity
		graded     bool
		running    bool
		sport      string
		label      analyze.Label
		reason     string // the whole reason, or with a trailing "..." its start
		skipReason bool
	}{
		// Precedence: flag > labels file > Strava > file's names > file name.
		{
			name:   "flag beats labels file",
			in:     analyze.LabelInput{Flag: "recovery", FileLabel: "Tempo", FileLabelFound: true},
			a:      tempoWorkout,
			graded: true, running: true, sport: "running",
			label:  analyze.Label{Text: "recovery", Source: analyze.LabelSourceFlag, Field: "-label flag", Recovery: true},
			reason: `the -label flag "recovery" is a recovery label`,
		},
		{
			name:    "non-recovery flag stops the search",
			in:      analyze.LabelInput{Flag: "Tempo", FileLabel: "récup", FileLabelFound: true, Path: "recovery.fit"},
			a:       recoveryWorkout,
			running: true, sport: "running",
			label:  analyze.Label{Text: "Tempo", Source: analyze.LabelSourceFlag, Field: "-label flag"},
			reason: `the -label flag "Tempo" is not a recovery label`,
		},
		{
			name:   "labels file beats Strava",
			in:     analyze.LabelInput{FileLabel: "Sortie récup", FileLabelFound: true, LabelsFile: "labels.csv", Strava: &analyze.StravaActivity{Name: "Tempo", Type: "Run"}},
			a:      tempoWorkout,
			graded: true, running: true, sport: "running",
			label:  analyze.Label{Text: "Sortie récup", Source: analyze.LabelSourceLabelsFile, Field: "labels file entry", Recovery: true},
			reason: `the labels file entry "Sortie récup" in labels.csv is a recovery label`,
		},
		{
			name:    "non-recovery labels file entry stops the search",
			in:      analyze.LabelInput{FileLabel: "Tempo", FileLabelFound: true, LabelsFile: "labels.csv", Strava: &analyze.StravaActivity{Name: "Recovery", Type: "Run"}, Path: "recovery.fit"},
			a:       recoveryWorkout,
			running: true, sport: "running",
			label:  analyze.Label{Text: "Tempo", Source: analyze.LabelSourceLabelsFile, Field: "labels file entry"},
			reason: `the labels file entry "Tempo" in labels.csv is not a recovery label`,
		},
		{
			name:   "Strava beats file names",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Recovery 🐢", Type: "Run"}},
			a:      tempoWorkout,
			graded: true, running: true, sport: "running",
			label:  analyze.Label{Text: "Recovery 🐢", Source: analyze.LabelSourceStrava, Field: "Strava activity name", Recovery: true},
			reason: `the Strava activity name "Recovery 🐢" is a recovery label`,
		},
		{
			name:    "non-recovery Strava name stops the search",
			in:      analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Tempo Tuesday", Type: "Run"}, Path: "recovery.fit"},
			a:       recoveryWorkout,
			running: true, sport: "running",
			label:  analyze.Label{Text: "Tempo Tuesday", Source: analyze.LabelSourceStrava, Field: "Strava activity name"},
			reason: `the Strava activity name "Tempo Tuesday" is not a recovery label`,
		},
		{
			name:   "Strava default name is no label",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Morning Run", Type: "Run"}},
			a:      recoveryWorkout,
			graded: true, running: true, sport: "running",
			label:  analyze.Label{Text: "Recovery run", Source: analyze.LabelSourceFileNames, Field: "workout name", Recovery: true},
			reason: `the workout name "Recovery run" is a recovery label`,
		},
		{
			name:   "Strava French default name is no label",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Course à pied dans l'après-midi", Type: "Run"}},
			a:      recoveryWorkout,
			graded: true, running: true, sport: "running",
			label:      analyze.Label{Text: "Recovery run", Source: analyze.LabelSourceFileNames, Field: "workout name", Recovery: true},
			skipReason: true,
		},
		{
			name:   "Strava description counts after the name",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Sunday jog with Anna", Type: "Run", Description: "recovery from yesterday's race"}},
			a:      tempoWorkout,
			graded: true, running: true, sport: "running",
			label:  analyze.Label{Text: "recovery from yesterday's race", Source: analyze.LabelSourceStrava, Field: "Strava activity description", Recovery: true},
			reason: `the Strava activity description "recovery from yesterday's race" is a recovery label`,
		},
		{
			name:    "Strava interval description is excluded",
			in:      analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Track Tuesday", Type: "Run", Description: "6x800 m, 400 m recovery jog"}},
			a:       recoveryWorkout,
			running: true, sport: "running",
			label:  analyze.Label{Text: "6x800 m, 400 m recovery jog", Source: analyze.LabelSourceStrava, Field: "Strava activity description"},
			reason: `the Strava activity description "6x800 m, 400 m recovery jog" is not a recovery label: its recovery word follows repetitions (6x800), as an interval session's recoveries do`,
		},
		{
			name:   "file names: any match wins",
			a:      labelRun(activity.Names{Workout: "Easy 45'", SportProfile: "Run", Notes: "récup du lundi"}),
			graded: true, running: true, sport: "running",
			label:  analyze.Label{Text: "récup du lundi", Source: analyze.LabelSourceFileNames, Field: "notes", Recovery: true},
			reason: `the notes "récup du lundi" is a recovery label`,
		},
		{
			name:   "file names: GPX track name",
			a:      &activity.Activity{Meta: activity.Metadata{Sport: "running", Names: activity.Names{Track: "Recovery run", TrackType: "running"}}},
			graded: true, running: true, sport: "running",
			label:      analyze.Label{Text: "Recovery run", Source: analyze.LabelSourceFileNames, Field: "track name", Recovery: true},
			skipReason: true,
		},
		{
			name:   "file names: sport profile named by the athlete",
			a:      labelRun(activity.Names{SportProfile: "Recovery Run"}),
			graded: true, running: true, sport: "running",
			label:      analyze.Label{Text: "Recovery Run", Source: analyze.LabelSourceFileNames, Field: "sport profile name", Recovery: true},
			skipReason: true,
		},
		{
			name:    "file names beat the file name",
			in:      analyze.LabelInput{Path: "runs/recovery.fit"},
			a:       tempoWorkout,
			running: true, sport: "running",
			label:  analyze.Label{Text: "Tempo", Source: analyze.LabelSourceFileNames, Field: "workout name"},
			reason: `the workout name "Tempo" is not a recovery label`,
		},
		{
			name:   "generic names fall through to the file name",
			in:     analyze.LabelInput{Path: "runs/2024-05-01_recovery.fit.gz"},
			a:      labelRun(activity.Names{SportProfile: "Run", Track: "Morning Run", TrackType: "running"}),
			graded: true, running: true, sport: "running",
			label:  analyze.Label{Text: "2024 05 01 recovery", Source: analyze.LabelSourceFileName, Field: "file name", Recovery: true},
			reason: `the file name "2024 05 01 recovery" is a recovery label`,
		},
		{
			name:   "decomposed accents in the file name",
			in:     analyze.LabelInput{Path: "Footing re\u0301cupe\u0301ration.gpx"},
			graded: true, running: true,
			label:  analyze.Label{Text: "Footing re\u0301cupe\u0301ration", Source: analyze.LabelSourceFileName, Field: "file name", Recovery: true},
			reason: "the file name \"Footing re\u0301cupe\u0301ration\" is a recovery label, and the file names no sport, so it is taken to be a run",
		},
		{
			name:    "non-recovery file name",
			in:      analyze.LabelInput{Path: "hill-repeats.fit"},
			a:       profileOnly,
			running: true, sport: "running",
			label:  analyze.Label{Text: "hill repeats", Source: analyze.LabelSourceFileName, Field: "file name"},
			reason: `the file name "hill repeats" is not a recovery label`,
		},
		// Missing labels.
		{
			name:    "no label: generic names and file name",
			in:      analyze.LabelInput{Path: "export/activities/1234567890.fit.gz"},
			a:       profileOnly,
			running: true, sport: "running",
			reason: `no recovery label (looked in: sport profile name "Run", file name "1234567890"` + labelGenericNote,
		},
		{
			name:    "no label: lists the labels file and Strava export",
			in:      analyze.LabelInput{Path: "a/2024-05-01.gpx", LabelsFile: "labels.csv", StravaFile: "export/activities.csv"},
			a:       labelSport("running", "", activity.Names{}),
			running: true, sport: "running",
			reason: `no recovery label (looked in: labels file labels.csv, Strava export export/activities.csv, the file's own names (it has none), file name "2024 05 01"` + labelGenericNote,
		},
		{
			name:    "no label: Strava row with a default name",
			in:      analyze.LabelInput{Path: "activities/42.fit.gz", Strava: &analyze.StravaActivity{Name: "Lunch Run", Type: "Run", Filename: "activities/42.fit.gz"}},
			a:       profileOnly,
			running: true, sport: "running",
			reason: `no recovery label (looked in: Strava activity name "Lunch Run", sport profile name "Run", file name "42"` + labelGenericNote,
		},
		{
			name:    "no label, no path, no activity",
			running: true,
			reason:  `no recovery label (looked in: the file's own names (it has none))`,
		},
		// -all.
		{
			name:   "-all grades a tempo run",
			in:     analyze.LabelInput{All: true, Flag: "Tempo"},
			a:      tempoWorkout,
			graded: true, running: true, sport: "running",
			label:  analyze.Label{Source: analyze.LabelSourceAll, Field: "-all flag", Recovery: true},
			reason: "-all grades every run as a recovery run",
		},
		{
			name:   "-all skips a ride",
			in:     analyze.LabelInput{All: true},
			a:      labelSport("cycling", "road", activity.Names{}),
			sport:  "sport cycling (road)",
			label:  analyze.Label{Source: analyze.LabelSourceAll, Field: "-all flag", Recovery: true},
			reason: "not a run (sport cycling (road))",
		},
		// Sports.
		{
			name:   "ride labelled recovery is skipped",
			a:      labelSport("cycling", "", activity.Names{Workout: "Recovery ride"}),
			sport:  "sport cycling",
			label:  analyze.Label{Text: "Recovery ride", Source: analyze.LabelSourceFileNames, Field: "workout name", Recovery: true},
			reason: "not a run (sport cycling)",
		},
		{
			name:   "walk",
			in:     analyze.LabelInput{Flag: "recovery"},
			a:      labelSport("walking", "", activity.Names{}),
			sport:  "sport walking",
			label:  analyze.Label{Text: "recovery", Source: analyze.LabelSourceFlag, Field: "-label flag", Recovery: true},
			reason: "not a run (sport walking)",
		},
		{
			name:   "trail running",
			in:     analyze.LabelInput{Flag: "recovery"},
			a:      labelSport("running", "trail", activity.Names{}),
			graded: true, running: true, sport: "running (trail)",
			label:      analyze.Label{Text: "recovery", Source: analyze.LabelSourceFlag, Field: "-label flag", Recovery: true},
			skipReason: true,
		},
		{
			name:   "treadmill with a generic sport",
			in:     analyze.LabelInput{Flag: "recovery"},
			a:      labelSport("generic", "treadmill", activity.Names{}),
			graded: true, running: true, sport: "treadmill",
			label:      analyze.Label{Text: "recovery", Source: analyze.LabelSourceFlag, Field: "-label flag", Recovery: true},
			skipReason: true,
		},
		{
			name:   "TCX Running",
			in:     analyze.LabelInput{Flag: "recovery"},
			a:      labelSport("Running", "", activity.Names{}),
			graded: true, running: true, sport: "Running",
			label:      analyze.Label{Text: "recovery", Source: analyze.LabelSourceFlag, Field: "-label flag", Recovery: true},
			skipReason: true,
		},
		{
			name: "multisport with a running session counts",
			in:   analyze.LabelInput{Flag: "recovery"},
			a: &activity.Activity{Meta: activity.Metadata{Sport: "multisport"}, Sessions: []activity.Session{
				{Sport: "swimming", SubSport: "open_water"}, {Sport: "cycling"}, {Sport: "running"},
			}},
			graded: true, running: true, sport: "running",
			label:      analyze.Label{Text: "recovery", Source: analyze.LabelSourceFlag, Field: "-label flag", Recovery: true},
			skipReason: true,
		},
		{
			name: "multisport without running",
			in:   analyze.LabelInput{Flag: "recovery"},
			a: &activity.Activity{Meta: activity.Metadata{Sport: "swimming"}, Sessions: []activity.Session{
				{Sport: "swimming"}, {Sport: "cycling"},
			}},
			sport:  "sports swimming, cycling",
			label:  analyze.Label{Text: "recovery", Source: analyze.LabelSourceFlag, Field: "-label flag", Recovery: true},
			reason: "not a run (sports swimming, cycling)",
		},
		{
			name:   "Strava Run type makes a typeless GPX a run",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Footing récup", Type: "Run"}},
			a:      labelSport("", "", activity.Names{Track: "Footing récup"}),
			graded: true, running: true, sport: "Strava Run",
			label:  analyze.Label{Text: "Footing récup", Source: analyze.LabelSourceStrava, Field: "Strava activity name", Recovery: true},
			reason: `the Strava activity name "Footing récup" is a recovery label`,
		},
		{
			name:   "Strava Trail Run type with a generic FIT sport",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Recovery", Type: "Trail Run"}},
			a:      labelSport("generic", "", activity.Names{}),
			graded: true, running: true, sport: "Strava Trail Run",
			label:      analyze.Label{Text: "Recovery", Source: analyze.LabelSourceStrava, Field: "Strava activity name", Recovery: true},
			skipReason: true,
		},
		{
			name:   "Strava Ride type with no sport in the file",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Recovery spin", Type: "Ride"}},
			a:      labelSport("", "", activity.Names{}),
			sport:  "Strava type Ride",
			label:  analyze.Label{Text: "Recovery spin", Source: analyze.LabelSourceStrava, Field: "Strava activity name", Recovery: true},
			reason: "not a run (Strava type Ride)",
		},
		{
			name:   "file says running, Strava says Ride: running",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Recovery", Type: "Ride"}},
			a:      labelSport("running", "", activity.Names{}),
			graded: true, running: true, sport: "running",
			label:      analyze.Label{Text: "Recovery", Source: analyze.LabelSourceStrava, Field: "Strava activity name", Recovery: true},
			skipReason: true,
		},
		{
			name:   "file says cycling, Strava says Ride",
			in:     analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Recovery", Type: "Ride"}},
			a:      labelSport("cycling", "", activity.Names{}),
			sport:  "sport cycling; Strava type Ride",
			label:  analyze.Label{Text: "Recovery", Source: analyze.LabelSourceStrava, Field: "Strava activity name", Recovery: true},
			reason: "not a run (sport cycling; Strava type Ride)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := analyze.DecideLabel(tt.in, tt.a, nil)
			if d.Graded != tt.graded || d.Running != tt.running || d.Sport != tt.sport {
				t.Errorf("graded, running, sport = %v, %v, %q; want %v, %v, %q", d.Graded, d.Running, d.Sport, tt.graded, tt.running, tt.sport)
			}
			if d.Label != tt.label {
				t.Errorf("label = %+v\nwant    %+v", d.Label, tt.label)
			}
			if tt.skipReason {
				return
			}
			if start, ok := strings.CutSuffix(tt.reason, "..."); ok {
				if !strings.HasPrefix(d.Reason, start) {
					t.Errorf("reason = %q\nwant it to start %q", d.Reason, start)
				}
			} else if d.Reason != tt.reason {
				t.Errorf("reason = %q\nwant     %q", d.Reason, tt.reason)
			}
			if strings.ContainsAny(d.Reason, "\n\r") {
				t.Errorf("reason %q spans lines", d.Reason)
			}
		})
	}
}

func TestDecideLabelCustomMatcher(t *testing.T) {
	m, err := analyze.NewLabelMatcher(analyze.LabelPatterns{Match: `(?:^|\s)easy(?:$|\s)`})
	if err != nil {
		t.Fatal(err)
	}
	a := labelRun(activity.Names{Workout: "Easy run", SportProfile: "Run"})
	if d := analyze.DecideLabel(analyze.LabelInput{}, a, m); !d.Graded || d.Label.Field != "workout name" {
		t.Errorf("custom pattern: %+v, want graded by the workout name", d)
	}
	if d := analyze.DecideLabel(analyze.LabelInput{}, a, nil); d.Graded {
		t.Errorf("default pattern graded %q: %+v", a.Meta.Names.Workout, d)
	}
	// A custom exclude pattern is named as such.
	m, err = analyze.NewLabelMatcher(analyze.LabelPatterns{Exclude: `bike`})
	if err != nil {
		t.Fatal(err)
	}
	d := analyze.DecideLabel(analyze.LabelInput{Flag: "Recovery bike"}, a, m)
	if want := `the -label flag "Recovery bike" is not a recovery label: it matches the exclude pattern`; d.Graded || d.Reason != want {
		t.Errorf("custom exclude: %+v\nwant reason %q", d, want)
	}
	// A custom pattern that matches a generic name makes it a label.
	m, err = analyze.NewLabelMatcher(analyze.LabelPatterns{Match: `morning`})
	if err != nil {
		t.Fatal(err)
	}
	in := analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "Morning Run", Type: "Run"}}
	if d := analyze.DecideLabel(in, labelRun(activity.Names{}), m); !d.Graded || d.Label.Source != analyze.LabelSourceStrava {
		t.Errorf("custom pattern on a generic name: %+v, want graded by Strava", d)
	}
}

func TestDecideLabelLongReason(t *testing.T) {
	desc := "Tempo.\n" + strings.Repeat("Felt strong, negative split, ", 10)
	in := analyze.LabelInput{Strava: &analyze.StravaActivity{Name: "", Type: "Run", Description: desc}}
	d := analyze.DecideLabel(in, labelRun(activity.Names{}), nil)
	if d.Label.Text != desc {
		t.Errorf("label text = %q, want the whole description", d.Label.Text)
	}
	want := `the Strava activity description "Tempo. Felt strong, negative split, Felt strong, negative..." is not a recovery label`
	if d.Reason != want {
		t.Errorf("reason = %q\nwant     %q", d.Reason, want)
	}
}

// TestDecideLabelFixtures decides the generated runs in three formats: the
// names each format carries differ (FIT workout and sport profile, GPX track
// name and type, TCX notes).
func TestDecideLabelFixtures(t *testing.T) {
	tests := []struct {
		file   string
		graded bool
		field  string // the deciding label's field, "" for none
		sport  string
	}{
		{"recovery-easy.fit", true, "workout name", "running"},
		{"recovery-easy.gpx", true, "track name", "running"},
		{"recovery-easy.tcx", true, "notes", "Running"},
		{"treadmill.fit", true, "workout name", "running (treadmill)"},
		{"treadmill.tcx", false, "notes", "Running"},        // "Treadmill, 1 % incline not recorded."
		{"long-recovery.tcx", true, "file name", "Running"}, // no names: "long recovery"
		{"long-recovery.gpx", true, "track name", "running"},
		{"hr-drift.gpx", false, "track name", "running"},       // "Evening steady run"
		{"smart-recording.gpx", false, "file name", "running"}, // "Lunch run" is generic
		{"hilly.fit", false, "file name", "running (trail)"},   // "Trail Run" is generic; "hilly" is a label
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("..", "testdata", "runs", tt.file)
			a, err := analyze.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			d := analyze.DecideLabel(analyze.LabelInput{Path: path}, a, nil)
			if d.Graded != tt.graded || d.Label.Field != tt.field || d.Sport != tt.sport || !d.Running {
				t.Errorf("DecideLabel = %+v\nwant graded %v by the %s, sport %q", d, tt.graded, tt.field, tt.sport)
			}
		})
	}
}

func TestLabelDecisionJSON(t *testing.T) {
	d := analyze.DecideLabel(analyze.LabelInput{Flag: "Récup"}, labelRun(activity.Names{}), nil)
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"graded":true,"running":true,"sport":"running","label":{"text":"Récup","source":"flag","field":"-label flag","recovery":true},"reason":"the -label flag \"Récup\" is a recovery label"}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
	var back analyze.LabelDecision
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, d)
	}
	b, _ = json.Marshal(analyze.DecideLabel(analyze.LabelInput{}, nil, nil))
	want = `{"graded":false,"running":true,"label":{"text":"","source":"","recovery":false},"reason":"no recovery label (looked in: the file's own names (it has none))"}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
}

func ExampleDecideLabel() {
	// A FIT file from a watch: the athlete ran a workout named "Footing récup".
	a := &activity.Activity{Meta: activity.Metadata{
		Format: activity.FormatFIT, Sport: "running", SubSport: "generic",
		Names: activity.Names{Workout: "Footing récup", SportProfile: "Run"},
	}}
	d := analyze.DecideLabel(analyze.LabelInput{Path: "2024-05-01-07-30-00.fit"}, a, nil)
	fmt.Println(d.Graded, d.Label.Source, d.Label.Field)
	fmt.Println(d.Reason)

	// A labels file entry comes first, and a non-recovery label stops the search.
	in := analyze.LabelInput{Path: "2024-05-01-07-30-00.fit", FileLabel: "Tempo", FileLabelFound: true}
	d = analyze.DecideLabel(in, a, nil)
	fmt.Println(d.Graded, d.Label.Source)
	fmt.Println(d.Reason)

	// Only runs are graded.
	ride := &activity.Activity{Meta: activity.Metadata{Sport: "cycling", Names: activity.Names{Workout: "Recovery"}}}
	fmt.Println(analyze.DecideLabel(analyze.LabelInput{}, ride, nil).Reason)

	// Names that apps write by themselves are not labels.
	a.Meta.Names.Workout = ""
	fmt.Println(analyze.DecideLabel(analyze.LabelInput{Path: "2024-05-01-07-30-00.fit"}, a, nil).Reason)
	// Output:
	// true file-names workout name
	// the workout name "Footing récup" is a recovery label
	// false labels-file
	// the labels file entry "Tempo" is not a recovery label
	// not a run (sport cycling)
	// no recovery label (looked in: sport profile name "Run", file name "2024 05 01 07 30 00"; a name that only gives the sport, a time of day or a date is not a label)
}

func ExampleDecideLabel_all() {
	a := &activity.Activity{Meta: activity.Metadata{Sport: "running", Names: activity.Names{Track: "Tempo"}}}
	d := analyze.DecideLabel(analyze.LabelInput{All: true}, a, nil)
	fmt.Println(d.Graded, d.Label.Source, d.Reason)
	// Output:
	// true all -all grades every run as a recovery run
}

func ExampleNewLabelMatcher() {
	m, err := analyze.NewLabelMatcher(analyze.LabelPatterns{
		Match: analyze.DefaultLabelPattern + `|(?:^|[^\pL])easy(?:$|[^\pL])`,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, label := range []string{"Easy run", "Sortie récup", "Tempo", "6x800, 400 m recovery"} {
		fmt.Printf("%-22q %v\n", label, m.Match(label))
	}
	_, err = analyze.NewLabelMatcher(analyze.LabelPatterns{Match: "(recov"})
	fmt.Println(err)
	// Output:
	// "Easy run"             true
	// "Sortie récup"         true
	// "Tempo"                false
	// "6x800, 400 m recovery" false
	// analyze: invalid label pattern: match pattern "(recov": error parsing regexp: missing closing ): `(recov`
}
