package main

import (
	"context"
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
labelled recovery run passes its grade and can be graded: an UNGRADABLE
run (too short, no heart rate to grade by) fails. A run that is not graded
(NOT GRADED: it has no recovery label) passes, unless the config file's
[check] table sets require_label = true: then every run must be a labelled
recovery run and one that is not fails; other sports never do. Paths are
read as by grade; the formats are grade's.

Exit codes: 0 every check passed, 1 a check failed (or warned, with -fail-on
warn), 2 a usage error, an unreadable file, no activity file found in the
paths, a report that could not be written or an internal error; 130, 143 or
129 when interrupted by SIGINT, SIGTERM or SIGHUP (no report is written).

Flags:
`

// Check identifiers of the dataset checks.
const (
	checkChannels  = "channels"
	checkDuplicate = "duplicate"
	checkGradable  = "gradable"
	checkLabelled  = "labelled"
)

func runCheck(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	v, code, ok := setupBatch("check", checkUsage, args, stderr)
	if !ok {
		return code
	}
	set, g, bf := v.set, v.grader, &v.flags
	require := []string{activity.ChannelHeartRate}
	if set.config != nil && set.config.Require != nil {
		require = set.config.Require
	}
	requireLabel := set.config != nil && set.config.RequireLabel
	seen := map[string]string{} // "start sport" -> the first file
	b := &batch{
		grader:  g,
		workers: bf.jobs,
		limits:  set.inputLimits(),
		dataset: func(r *result, gr *analyze.Graded) {
			r.report.Dataset = append(r.report.Dataset, channelCheck(gr, require))
			if c, failed := gradedCheck(&gr.Report, requireLabel); failed {
				r.report.Dataset = append(r.report.Dataset, c)
				r.report.Outcome = analyze.OutcomeFail
			}
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
			for _, c := range r.report.Dataset {
				if c.Status == analyze.StatusFail {
					r.report.Outcome = analyze.OutcomeFail
				}
			}
		},
	}
	return runBatchVerb(ctx, &v, stdin, stdout, stderr, b, "runcheck check")
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

// gradedCheck is the failed check of a run the dataset cannot accept as
// it was graded: an UNGRADABLE recovery run, and with requireLabel a run
// that was not graded for want of a recovery label. failed is false for
// every other report.
func gradedCheck(r *analyze.Report, requireLabel bool) (c analyze.Check, failed bool) {
	c = analyze.Check{Status: analyze.StatusFail, Measured: analyze.NA(), Limit: analyze.NA()}
	switch {
	case r.Outcome == analyze.OutcomeUngradable && r.Grade != nil:
		c.ID, c.Message = checkGradable, "a labelled recovery run that cannot be graded: "+r.Grade.Summary
	case r.Outcome == analyze.OutcomeNotGraded && requireLabel && r.Label != nil && r.Label.Running:
		c.ID, c.Message = checkLabelled, "a run without a recovery label, which [check] require_label requires: "+r.Label.Reason
	default:
		return c, false
	}
	return c, true
}
