package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/plot"
)

const plotUsage = `usage: runcheck plot [flags] -o FILE.svg|FILE.png FILE
       runcheck plot -week [flags] -o FILE.svg|FILE.png PATH...

Draws one run: heart rate over time on the zone bands with the profile's
ceiling, pace (and grade-adjusted pace where there is terrain) against the
reference band, pauses shaded, the verdict in the title. With -week, draws a
bar per day of training load over the files and folders given, recovery runs
coloured by verdict. The picture is written whole or not at all.

Flags:
`

func runPlot(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plot", flag.ContinueOnError)
	var sf settingsFlags
	sf.register(fs)
	var bf batchFlags
	bf.register(fs)
	week := fs.Bool("week", false, "draw the week: a bar per day of load over every file given")
	fs.Usage = func() { fmt.Fprint(stderr, plotUsage); fs.PrintDefaults() }
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	usage := func(err error) int {
		errorf(stderr, "plot: %v", err)
		return exitError
	}
	if bf.out == "" {
		return usage(fmt.Errorf("-o FILE.svg or FILE.png is required"))
	}
	format, err := plot.FormatFor(bf.out)
	if err != nil {
		return usage(fmt.Errorf("-o %s: %w", bf.out, err))
	}
	switch {
	case fs.NArg() == 0:
		return usage(fmt.Errorf("no file given"))
	case !*week && fs.NArg() > 1:
		return usage(fmt.Errorf("one file at a time (or -week for several)"))
	}
	set, err := sf.resolve()
	if err != nil {
		return usage(err)
	}
	g, err := bf.grader(set)
	if err != nil {
		return usage(err)
	}
	var runs []analyze.Graded
	code, files := exitOK, 0
	for item := range walkInputs(fs.Args(), stdin, set.inputLimits()) {
		if ctx.Err() != nil {
			return exitError // run tells the interruption
		}
		if item.Skip != "" {
			skipped(stderr, item.Name, item.Skip)
			continue
		}
		files++
		gr := gradeItem(ctx, g, item)
		if ctx.Err() != nil {
			return exitError
		}
		if gr.Report.Outcome == analyze.OutcomeError {
			errorf(stderr, "%s", gr.Report.Error)
			code = exitError
			continue
		}
		if *week {
			// Days needs the start and the figures, not the samples.
			gr.Activity, gr.Analysis = &activity.Activity{Start: gr.Activity.Start}, gr.Analysis.Compact()
		}
		runs = append(runs, gr)
	}
	switch {
	case ctx.Err() != nil:
		return exitError
	case files == 0:
		return usage(noInputError(fs.Args()))
	case len(runs) == 0:
		return usage(fmt.Errorf("nothing to draw"))
	}
	var buf bytes.Buffer
	if *week {
		err = plot.Week(&buf, format, plot.Days(runs), "Training load by day, recovery runs by verdict")
	} else {
		err = plot.Run(&buf, format, &runs[0], runs[0].Report.Grade)
	}
	if err != nil {
		return usage(err)
	}
	out, err := openOutput(bf.out, readFiles(set, bf.labels), fs.Args(), stdout)
	if err != nil {
		return usage(err)
	}
	defer out.abort()
	if _, err := out.w.Write(buf.Bytes()); err != nil {
		return usage(err)
	}
	if err := out.commit(); err != nil {
		return usage(err)
	}
	return code
}

// gradeItem reads and grades one input item; an unreadable one is a report
// with OutcomeError.
func gradeItem(ctx context.Context, g *analyze.Grader, item input.Item) analyze.Graded {
	fail := func(err error) analyze.Graded {
		return analyze.Graded{Report: analyze.Report{File: item.Name, Outcome: analyze.OutcomeError, Error: errorText(err)}}
	}
	if item.Err != nil {
		return fail(item.Err)
	}
	a, err := decodeItem(ctx, &g.Decoder, item)
	if err != nil {
		return fail(err)
	}
	return g.GradeExport(item.Name, a, item.Strava, item.StravaFile)
}
