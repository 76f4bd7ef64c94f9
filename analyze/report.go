package analyze

import (
	"time"

	"github.com/runcheck/runcheck/activity"
)

// Outcome is what happened to one file of a batch, as reports count it.
type Outcome string

// The outcomes of a file: one of the four verdicts for a graded run, or why it
// was not graded.
const (
	OutcomePass       Outcome = "PASS"
	OutcomeWarn       Outcome = "WARN"
	OutcomeFail       Outcome = "FAIL"
	OutcomeUngradable Outcome = "UNGRADABLE"
	// OutcomeNotGraded is a readable file that is not a labelled recovery
	// run (or not a run).
	OutcomeNotGraded Outcome = "NOT GRADED"
	// OutcomeError is a file that could not be read.
	OutcomeError Outcome = "ERROR"
)

// Report is one file's result in a batch. It marshals to stable JSON.
type Report struct {
	// File is the path as the caller named it.
	File    string  `json:"file"`
	Outcome Outcome `json:"outcome"`
	// Error is why the file could not be read, empty otherwise.
	Error string `json:"error,omitempty"`
	// Format, Sport, SubSport and Start describe the file when it was read.
	Format   activity.Format `json:"format,omitempty"`
	Sport    string          `json:"sport,omitempty"`
	SubSport string          `json:"sub_sport,omitempty"`
	Start    *time.Time      `json:"start,omitempty"`
	// Label is the label decision, nil when the file could not be read.
	Label *LabelDecision `json:"label,omitempty"`
	// Grade is the recovery grade, nil when the run was not graded.
	Grade *Grade `json:"grade,omitempty"`
	// Warnings are the importer's warnings.
	Warnings []string `json:"warnings,omitempty"`
	// Dataset holds the dataset checks of `runcheck check` (the channels a
	// run must have, duplicates), nil when the file was graded alone.
	Dataset []Check `json:"dataset_checks,omitempty"`
}

// Reason returns the report's main reason in one line: a failed dataset
// check, the error, the grade's summary, or the label decision's reason.
func (r *Report) Reason() string {
	for _, c := range r.Dataset {
		if c.Status == StatusFail {
			return c.Message
		}
	}
	switch {
	case r.Error != "":
		return r.Error
	case r.Grade != nil:
		return r.Grade.Summary
	case r.Label != nil:
		return r.Label.Reason
	}
	return ""
}

// Grader grades files as recovery runs with one set of settings. Its zero
// value grades by the general profile with default options and no athlete
// settings beyond those files carry.
type Grader struct {
	// Decoder reads the files.
	Decoder Decoder
	// Profile is the profile runs are graded by; the zero value means the
	// built-in DefaultProfile.
	Profile Profile
	// Inputs are the athlete's settings and pace references.
	Inputs Inputs
	// Options and GradeOptions tune the analysis and the grade.
	Options      Options
	GradeOptions GradeOptions
	// Labels says how recovery runs are recognised.
	Labels LabelSettings
}

// LabelSettings are the label sources a batch shares (see [DecideLabel]).
type LabelSettings struct {
	// Flag is the -label text, All the -all flag.
	Flag string
	All  bool
	// File holds the labels file's entries (see [ReadLabelsFile]) and
	// FileName names it; nil and empty when none.
	File     map[string]string
	FileName string
	// Strava is a Strava export's activities.csv index and StravaFile names
	// it; empty when none.
	Strava     StravaIndex
	StravaFile string
	// Matcher recognises recovery labels; nil means DefaultLabelMatcher.
	Matcher *LabelMatcher
}

// Graded is one file's full result: the report, and for a readable file the
// activity and its analysis (nil otherwise), for callers that need more than
// the report (the week context, plots).
type Graded struct {
	Report   Report
	Activity *activity.Activity
	Analysis *Analysis
}

// GradeFile reads the file at path and grades it when it is a labelled
// recovery run. A file that cannot be read is a report with OutcomeError,
// never a failure of the call.
func (g *Grader) GradeFile(path string) Graded {
	a, err := g.Decoder.Open(path)
	if err != nil {
		return Graded{Report: Report{File: path, Outcome: OutcomeError, Error: err.Error()}}
	}
	return g.GradeActivity(path, a)
}

// GradeActivity grades an activity already read from the file named path.
func (g *Grader) GradeActivity(path string, a *activity.Activity) Graded {
	return g.GradeExport(path, a, nil, "")
}

// GradeExport grades an activity read from an export: strava is its row of
// the export's activities.csv (named by stravaFile), which wins over the
// Grader's own Strava index; nil when the export has none.
func (g *Grader) GradeExport(path string, a *activity.Activity, strava *StravaActivity, stravaFile string) Graded {
	r := Report{
		File: path, Format: a.Meta.Format, Sport: a.Meta.Sport, SubSport: a.Meta.SubSport,
		Warnings: a.Warnings,
	}
	if !a.Start.IsZero() {
		start := a.Start
		r.Start = &start
	}
	in := LabelInput{Path: path, Flag: g.Labels.Flag, All: g.Labels.All, LabelsFile: g.Labels.FileName, StravaFile: g.Labels.StravaFile}
	if g.Labels.File != nil {
		in.FileLabel, in.FileLabelFound = LookupLabel(g.Labels.File, path)
	}
	if strava != nil {
		in.Strava, in.StravaFile = strava, stravaFile
	} else if s, ok := g.Labels.Strava.Lookup(path); ok {
		in.Strava = &s
	}
	d := DecideLabel(in, a, g.Labels.Matcher)
	r.Label = &d
	p := g.Profile
	if p.Name == "" {
		p = DefaultProfiles()[DefaultProfile]
	}
	var an *Analysis
	if d.Graded {
		var gr Grade
		gr, an = GradeRecovery(a, g.Inputs, p, g.Options, g.GradeOptions)
		r.Grade = &gr
		r.Outcome = Outcome(gr.Verdict)
	} else {
		r.Outcome = OutcomeNotGraded
		an = Analyze(a, g.Inputs, g.Options)
	}
	return Graded{Report: r, Activity: a, Analysis: an}
}
