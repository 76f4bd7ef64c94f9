package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/runcheck/runcheck/analyze"
)

const gradeUsage = `usage: runcheck grade [flags] PATH...

Grades every labelled recovery run among the files and folders given
(folders are walked in lexical order for .fit, .gpx and .tcx files, also
gzipped): did it stay under the profile's heart-rate ceiling, inside its
duration and pace band? One file gets a detailed view; several a table.
PATH may be "-" for standard input.

Exit codes: 0 every graded run passed, 1 a run failed its grade (or warned,
with -fail-on warn), 2 a usage error or an unreadable file.

Flags:
`

// gradeFlags are grade's own flags besides the shared settings.
type gradeFlags struct {
	format  string
	asJSON  bool
	all     bool
	label   string
	labels  string
	failOn  string
	lenient bool
}

func runGrade(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	var sf settingsFlags
	sf.register(fs)
	var gf gradeFlags
	fs.StringVar(&gf.format, "format", "table", "output `format`: table or json")
	fs.BoolVar(&gf.asJSON, "json", false, "short for -format json")
	fs.BoolVar(&gf.all, "all", false, "grade every run as a recovery run, whatever its label")
	fs.StringVar(&gf.label, "label", "", "take `TEXT` as every file's label")
	fs.StringVar(&gf.labels, "labels", "", "CSV `FILE` of file,label rows")
	fs.StringVar(&gf.failOn, "fail-on", "fail", "exit 1 on `fail`, on warn (fail or warn), or never")
	fs.BoolVar(&gf.lenient, "lenient", false, "salvage what a damaged FIT file holds before the damage")
	fs.Usage = func() { fmt.Fprint(stderr, gradeUsage); fs.PrintDefaults() }
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if gf.asJSON {
		gf.format = "json"
	}
	usage := func(format string, args ...any) int {
		errorf(stderr, "grade: "+format, args...)
		return exitError
	}
	if gf.format != "table" && gf.format != "json" {
		return usage("-format %q: want table or json", gf.format)
	}
	if gf.failOn != "fail" && gf.failOn != "warn" && gf.failOn != "never" {
		return usage("-fail-on %q: want fail, warn or never", gf.failOn)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usage("no file or folder given")
	}
	set, err := sf.resolve()
	if err != nil {
		return usage("%v", err)
	}
	g := analyze.Grader{
		Decoder:      analyze.Decoder{Lenient: gf.lenient},
		Profile:      set.profile,
		Inputs:       set.inputs,
		Options:      analyze.Options{ZoneModel: set.zoneModel("")},
		GradeOptions: set.gradeOpt,
		Labels:       analyze.LabelSettings{Flag: gf.label, All: gf.all, Matcher: set.matcher},
	}
	if gf.labels != "" {
		if g.Labels.File, err = analyze.OpenLabelsFile(gf.labels); err != nil {
			return usage("-labels: %v", err)
		}
		g.Labels.FileName = gf.labels
	}

	files := expandPaths(fs.Args())
	if len(files) == 0 {
		return usage("no activity files in %s", strings.Join(fs.Args(), ", "))
	}
	reports := make([]analyze.Report, 0, len(files))
	for _, f := range files {
		var res analyze.Graded
		if f == "-" {
			a, err := g.Decoder.Decode(stdin)
			if err != nil {
				res.Report = analyze.Report{File: f, Outcome: analyze.OutcomeError, Error: (&analyze.FileError{Path: "standard input", Err: err}).Error()}
			} else {
				res = g.GradeActivity(f, a)
			}
		} else {
			res = g.GradeFile(f)
		}
		if res.Report.Outcome == analyze.OutcomeError {
			errorf(stderr, "%s", res.Report.Error)
		}
		reports = append(reports, res.Report)
	}

	switch {
	case gf.format == "json":
		if err := writeJSON(stdout, reports); err != nil {
			return usage("writing JSON: %v", err)
		}
	case len(reports) == 1 && reports[0].Outcome != analyze.OutcomeError:
		printGradeDetail(stdout, &reports[0])
	default:
		printGradeTable(stdout, reports)
	}
	return exitCode(reports, gf.failOn)
}

// exitCode decides the exit code: 2 when a file could not be read, else 1
// when a graded run failed (or warned, with -fail-on warn), else 0.
func exitCode(reports []analyze.Report, failOn string) int {
	code := exitOK
	for _, r := range reports {
		switch {
		case r.Outcome == analyze.OutcomeError:
			return exitError
		case failOn == "never":
		case r.Outcome == analyze.OutcomeFail, r.Outcome == analyze.OutcomeWarn && failOn == "warn":
			code = exitFail
		}
	}
	return code
}

// counts returns how many reports have each outcome, as "N OUTCOME" parts
// in a fixed order, leaving out the zeros.
func counts(reports []analyze.Report) string {
	n := map[analyze.Outcome]int{}
	for _, r := range reports {
		n[r.Outcome]++
	}
	var parts []string
	for _, o := range []analyze.Outcome{analyze.OutcomePass, analyze.OutcomeWarn, analyze.OutcomeFail,
		analyze.OutcomeUngradable, analyze.OutcomeNotGraded, analyze.OutcomeError} {
		if n[o] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[o], o))
		}
	}
	return fmt.Sprintf("%d file%s: %s", len(reports), plural(len(reports)), strings.Join(parts, ", "))
}

// printGradeTable writes one line per file and a summary line.
func printGradeTable(w io.Writer, reports []analyze.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tOUTCOME\tREASON")
	for i := range reports {
		r := &reports[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.File, r.Outcome, strings.TrimPrefix(r.Reason(), string(r.Outcome)+": "))
	}
	tw.Flush()
	fmt.Fprintln(w, counts(reports))
}

// printGradeDetail writes everything about one file's grade.
func printGradeDetail(w io.Writer, r *analyze.Report) {
	fmt.Fprintln(w, r.File)
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "  %-10s "+format+"\n", append([]any{label}, args...)...)
	}
	line("outcome", "%s", r.Outcome)
	if r.Label != nil {
		line("label", "%s", r.Label.Reason)
	}
	g := r.Grade
	if g == nil {
		return
	}
	line("summary", "%s", g.Summary)
	line("profile", "%s: %s", g.Profile.Name, g.Profile.Description)
	for _, s := range []struct {
		name string
		s    analyze.Setting
	}{{"max HR", g.Settings.MaxHR}, {"resting HR", g.Settings.RestingHR}} {
		if s.s.Known() {
			line(s.name, "%.0f bpm (%s)", float64(s.s.Value), s.s.Source)
		}
	}
	if g.Confidence != "high" {
		line("confidence", "%s: %s", g.Confidence, strings.Join(g.ConfidenceReasons, "; "))
	}
	for _, c := range g.Checks {
		tag := strings.ToUpper(string(c.Status))
		if c.Advice {
			tag = "advice"
		}
		line(c.ID, "%-7s %s", tag, c.Message)
	}
}
