package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/printer"
)

const gradeUsage = `usage: runcheck grade [flags] PATH...

Grades every labelled recovery run among the files, folders and archives
given: did it stay under the profile's heart-rate ceiling, inside its
duration and pace band? Folders are walked in lexical order for .fit, .gpx
and .tcx files (also gzipped) and .zip exports (a Strava bulk export's
activities.csv names and labels its files; a Garmin export's nested zips are
read in place). PATH may be "-" for standard input. One file gets a detailed
view; several a table, then the week context: a hard session in the 48 hours
before each recovery run, recovery runs per ISO week.

A path the walk passes over without reading it (a named pipe, a device) is
told on stderr as "runcheck: skipped NAME: REASON" and is no file.

-o FILE replaces only a regular file (keeping its mode; a new one gets the
umask's), or the regular file a symbolic link names; it writes into a
character device or a named pipe directly; it refuses to write over anything
the run reads (inputs, -config, -labels, files an input folder's walk reads).

Exit codes: 0 every graded run passed, 1 a run failed its grade (or warned,
with -fail-on warn, week warnings included), 2 a usage error, an unreadable
file, no activity file found in the paths, a report that could not be
written or an internal error; 130, 143 or 129 when interrupted by SIGINT,
SIGTERM or SIGHUP (no report is written).

Flags:
`

// batchFlags are the flags grade and check share besides the settings.
type batchFlags struct {
	format  string
	asJSON  bool
	out     string
	jobs    int
	all     bool
	label   string
	labels  string
	failOn  string
	lenient bool
}

func (bf *batchFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&bf.format, "format", "table", "output `format`: "+strings.Join(printer.Formats(), ", "))
	fs.BoolVar(&bf.asJSON, "json", false, "short for -format json")
	fs.StringVar(&bf.out, "o", "", "write the report to `FILE` instead of standard output: a regular file (or the one a link names) is replaced whole or not at all, keeping its mode; a device or a named pipe is written into; never a file the run reads")
	fs.IntVar(&bf.jobs, "j", defaultJobs(), "read and grade `N` files at a time; the default is the number of CPUs but at most "+strconv.Itoa(maxDefaultJobs)+
		", so that that many of the worst files the default limits allow (up to "+perFileWorstCaseText+" each) stay within "+memoryBoundText)
	fs.BoolVar(&bf.all, "all", false, "grade every run as a recovery run, whatever its label")
	fs.StringVar(&bf.label, "label", "", "take `TEXT` as every file's label")
	fs.StringVar(&bf.labels, "labels", "", "CSV `FILE` of file,label rows")
	fs.StringVar(&bf.failOn, "fail-on", "fail", "exit 1 on `fail`, on warn (fail or warn), or never")
	fs.BoolVar(&bf.lenient, "lenient", false, "salvage what a damaged FIT file holds before the damage")
}

// check validates the flags' values.
func (bf *batchFlags) check() error {
	if bf.asJSON {
		bf.format = "json"
	}
	if _, err := printer.New(bf.format, io.Discard, printer.Options{}); err != nil {
		return fmt.Errorf("-format: %w", err)
	}
	if bf.failOn != "fail" && bf.failOn != "warn" && bf.failOn != "never" {
		return fmt.Errorf("-fail-on %q: want fail, warn or never", bf.failOn)
	}
	if bf.jobs < 1 {
		return fmt.Errorf("-j %d: want 1 or more", bf.jobs)
	}
	return nil
}

// grader builds the Grader the flags and settings describe.
func (bf *batchFlags) grader(set settings) (*analyze.Grader, error) {
	g := &analyze.Grader{
		Decoder:      set.decoder(bf.lenient),
		Profile:      set.profile,
		Inputs:       set.inputs,
		Options:      analyze.Options{ZoneModel: set.zoneModel("")},
		GradeOptions: set.gradeOpt,
		Labels:       analyze.LabelSettings{Flag: bf.label, All: bf.all, Matcher: set.matcher},
	}
	if bf.labels != "" {
		labels, err := analyze.OpenLabelsFile(bf.labels)
		if err != nil {
			return nil, fmt.Errorf("-labels: %w", err)
		}
		g.Labels.File, g.Labels.FileName = labels, bf.labels
	}
	return g, nil
}

func runGrade(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	v, code, ok := setupBatch("grade", gradeUsage, args, stderr)
	if !ok {
		return code
	}
	b := &batch{grader: v.grader, workers: v.flags.jobs, limits: v.set.inputLimits()}
	return runBatchVerb(ctx, &v, stdin, stdout, stderr, b, "runcheck grade")
}

// batchVerb is a batch verb's command line, parsed: its flags, settings,
// grader and paths.
type batchVerb struct {
	flags  batchFlags
	set    settings
	grader *analyze.Grader
	paths  []string
}

// setupBatch parses the command line of grade or check and builds the
// grader. When the verb must stop (-h, a usage error) ok is false and code
// is the exit code.
func setupBatch(name, usageText string, args []string, stderr io.Writer) (v batchVerb, code int, ok bool) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var sf settingsFlags
	sf.register(fs)
	v.flags.register(fs)
	fs.Usage = func() { fmt.Fprint(stderr, usageText); fs.PrintDefaults() }
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return v, code, false
	}
	fail := func(err error) (batchVerb, int, bool) {
		errorf(stderr, "%s: %v", name, err)
		return v, exitError, false
	}
	if err := v.flags.check(); err != nil {
		return fail(err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fail(fmt.Errorf("no file or folder given"))
	}
	var err error
	if v.set, err = sf.resolve(); err != nil {
		return fail(err)
	}
	if v.grader, err = v.flags.grader(v.set); err != nil {
		return fail(err)
	}
	v.paths = fs.Args()
	return v, exitOK, true
}

// runBatchVerb grades paths and prints the reports in the chosen format, in
// input order, then the summary and the week context; it returns the exit
// code.
func runBatchVerb(ctx context.Context, v *batchVerb, stdin io.Reader, stdout, stderr io.Writer, b *batch, tool string) int {
	paths, bf := v.paths, &v.flags
	out, err := openOutput(bf.out, readFiles(v.set, bf.labels), paths, stdout)
	if err != nil {
		errorf(stderr, "%v", err)
		return exitError
	}
	defer out.abort() // a panic, an interruption: no partial report is left
	opt := printer.Options{Tool: tool, FailOn: bf.failOn, Color: bf.out == "" && isTerminal(stdout) && os.Getenv("NO_COLOR") == ""}
	weekOpt := analyze.WeekOptions{}
	// Memory: of each file the batch keeps only what the week context
	// needs (analyze.WeekBatch, about 100 bytes) and, for a recovery run,
	// its name for the week checks; reports are printed as they come (the
	// table, junit and markdown printers keep a small row of each).
	var (
		sum      printer.Summary
		week     = analyze.NewWeekBatch(weekOpt)
		files    int
		recovery = map[int]string{} // the names of the recovery runs, by index
		first    *analyze.Report
		p        printer.Printer
	)
	// The detail view is for one file; the printer is made once it is known
	// whether a second file comes.
	start := func(detail bool) error {
		opt.Detail = detail && bf.format == "table"
		p, err = printer.New(bf.format, out.w, opt)
		return err
	}
	prog := newProgress(stderr)
	code := exitOK
	err = b.run(ctx, paths, stdin, weekOpt, func(r *result) error {
		if r.skip != "" {
			skipped(stderr, r.report.File, r.skip)
			return nil
		}
		prog.done()
		if r.report.Outcome == analyze.OutcomeError {
			errorf(stderr, "%s", r.report.Error)
		}
		code = max(code, outcomeCode(r.report.Outcome, opt))
		sum.Add(&r.report)
		week.Add(r.week)
		if r.week.Recovery {
			recovery[files] = r.report.File
		}
		files++
		switch {
		case first == nil && p == nil:
			first = &r.report
			return nil
		case p == nil:
			if err := start(false); err != nil {
				return err
			}
			if err := p.Report(first); err != nil {
				return err
			}
			first = nil
		}
		return p.Report(&r.report)
	})
	prog.finish()
	var (
		intr *interruption
		pe   *panicError
	)
	switch {
	case errors.As(err, &intr):
		return exitError // run tells it, with its exit code
	case errors.As(err, &pe):
		return internalError(stderr, pe)
	case err == nil && files == 0:
		// No report: an empty one would pass in CI.
		errorf(stderr, "%s: %v", strings.TrimPrefix(tool, "runcheck "), noInputError(paths))
		return exitError
	}
	if err == nil && p == nil {
		err = start(true)
		if err == nil && first != nil {
			err = p.Report(first)
		}
	}
	if err == nil {
		wc := week.Report()
		if files > 1 {
			sum.Weeks = wc.Weeks
		}
		for _, i := range slices.Sorted(maps.Keys(wc.Checks)) { // input order
			for _, c := range wc.Checks[i] {
				sum.WeekChecks = append(sum.WeekChecks, printer.WeekCheck{File: recovery[i], Check: c})
				if opt.WeekFails(c) {
					code = max(code, exitFail)
				}
			}
		}
		for _, w := range wc.Warnings {
			errorf(stderr, "week context: %s", w)
		}
		err = p.Finish(sum)
	}
	if err == nil {
		err = context.Cause(ctx) // interrupted while finishing: no report
	}
	if err == nil {
		err = out.commit()
	}
	if errors.As(err, &intr) {
		return exitError
	}
	if err != nil {
		errorf(stderr, "writing the report: %v", err)
		return exitError
	}
	return code
}

// outcomeCode is the exit code one outcome calls for under the printer's
// FailOn (-fail-on), by the rule the JUnit report marks failures with.
func outcomeCode(o analyze.Outcome, opt printer.Options) int {
	switch {
	case o == analyze.OutcomeError:
		return exitError
	case opt.Fails(o):
		return exitFail
	}
	return exitOK
}

// walkOne reads the files of paths one after the other, for the verbs
// that look at files rather than grade a batch, and calls visit with each:
// its activity, or the error that kept it from being read. A skipped path
// is told on stderr and not visited. walkOne returns the number of files
// visited, and stops early with visit's error, or with ctx's cause when
// ctx is cancelled.
func walkOne(ctx context.Context, paths []string, stdin io.Reader, dec *analyze.Decoder, lim input.Limits, stderr io.Writer, visit func(name string, a *analyze.Graded, err error) error) (int, error) {
	n := 0
	for item := range walkInputs(paths, stdin, lim) {
		if ctx.Err() != nil {
			return n, context.Cause(ctx)
		}
		if item.Skip != "" {
			skipped(stderr, item.Name, item.Skip)
			continue
		}
		n++
		var (
			a    *activity.Activity
			derr = item.Err
		)
		if derr == nil {
			a, derr = decodeItem(ctx, dec, item)
		}
		if ctx.Err() != nil {
			return n, context.Cause(ctx) // the read was cut short: no error to tell
		}
		var err error
		if derr != nil {
			err = visit(item.Name, nil, derr)
		} else {
			err = visit(item.Name, &analyze.Graded{Activity: a}, nil)
		}
		if err != nil {
			return n, err
		}
	}
	return n, context.Cause(ctx)
}

// decodeItem opens and decodes one listed item, stopping at its next read
// once ctx is cancelled. An error is an *analyze.FileError naming the item.
func decodeItem(ctx context.Context, dec *analyze.Decoder, item input.Item) (*activity.Activity, error) {
	rc, err := item.Open()
	if err != nil {
		return nil, &analyze.FileError{Path: item.Name, Err: err}
	}
	defer rc.Close()
	a, err := dec.Decode(ctxReader{ctx, rc})
	if err != nil {
		return nil, &analyze.FileError{Path: item.Name, Err: err}
	}
	return a, nil
}

// noInputError is the error for paths in which the walk found no activity
// file to read.
func noInputError(paths []string) error {
	return fmt.Errorf("no activity file found in %s (looked for .fit, .gpx and .tcx files, also gzipped, and .zip exports)", quoteList(paths))
}

// quoteList lists paths for a message, each quoted.
func quoteList(paths []string) string {
	q := make([]string, len(paths))
	for i, p := range paths {
		q[i] = fmt.Sprintf("%q", p)
	}
	return strings.Join(q, ", ")
}
