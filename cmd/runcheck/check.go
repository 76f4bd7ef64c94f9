package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

const checkUsage = `usage: runcheck check [flags] PATH...

Checks an activity dataset for CI: every file decodes, every run has the
required channels (heart rate unless the config file's [check] require says
otherwise), no activity is there twice (same start and sport), and every
labelled recovery run passes its grade. Paths are read as by grade; the
formats and exit codes are grade's.

Flags:
`

// Check identifiers of the dataset checks.
const (
	checkChannels  = "channels"
	checkDuplicate = "duplicate"
)

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	v, code, ok := setupBatch("check", checkUsage, args, stderr)
	if !ok {
		return code
	}
	set, g, bf := v.set, v.grader, &v.flags
	require := []string{activity.ChannelHeartRate}
	if set.config != nil && set.config.Require != nil {
		require = set.config.Require
	}
	seen := map[string]string{} // "start sport" -> the first file
	b := &batch{
		grader:  g,
		workers: bf.jobs,
		limits:  set.inputLimits(),
		dataset: func(r *result, gr *analyze.Graded) {
			r.report.Dataset = append(r.report.Dataset, channelCheck(gr, require))
		},
		ordered: func(r *result) {
			if r.report.Outcome == analyze.OutcomeError || r.week.Start.IsZero() {
				return
			}
			sport := strings.ToLower(r.report.Sport)
			if r.week.Running {
				sport = "running" // FIT "running", TCX "Running", GPX "run" are one sport
			}
			key := r.week.Start.UTC().Format(time.RFC3339) + " " + sport
			c := analyze.Check{ID: checkDuplicate, Status: analyze.StatusPass, Measured: analyze.NA(), Limit: analyze.NA(),
				Message: "no other file has this start and sport"}
			if first, dup := seen[key]; dup {
				c.Status = analyze.StatusFail
				c.Message = fmt.Sprintf("duplicate of %s: the same start (%s) and sport (%s)", first, r.week.Start.Format(time.RFC3339), orNone(r.report.Sport))
			} else {
				seen[key] = r.report.File
			}
			r.report.Dataset = append(r.report.Dataset, c)
			if c.Status == analyze.StatusFail || r.report.Dataset[0].Status == analyze.StatusFail {
				r.report.Outcome = analyze.OutcomeFail
			}
		},
	}
	return runBatchVerb(v.paths, stdin, stdout, stderr, bf, b, "runcheck check")
}

// channelCheck checks that a run has every required channel with at least
// one value; other sports need none.
func channelCheck(gr *analyze.Graded, require []string) analyze.Check {
	c := analyze.Check{ID: checkChannels, Status: analyze.StatusPass, Measured: analyze.NA(), Limit: analyze.NA()}
	if gr.Report.Label == nil || !gr.Report.Label.Running {
		c.Message = "not a run: no channel required"
		return c
	}
	var missing []string
	for _, ch := range require {
		if activity.Coverage(gr.Activity.Samples.Channel(ch)) == 0 {
			missing = append(missing, ch)
		}
	}
	if len(missing) > 0 {
		c.Status = analyze.StatusFail
		c.Message = "missing required channel" + plural(len(missing)) + ": " + strings.Join(missing, ", ")
		return c
	}
	c.Message = "has the required channels: " + orNone(strings.Join(require, ", "))
	return c
}
