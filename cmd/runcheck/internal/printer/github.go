package printer

import (
	"strings"

	"github.com/runcheck/runcheck/analyze"
)

// githubPrinter writes GitHub Actions workflow commands, which the Actions
// runner turns into annotations on the files of a workflow run:
//
//	::error file=runs/recovery-too-hard.fit,title=FAIL (runcheck grade)::6.0 min (16 %) of moving time ...
//
// FAIL and ERROR are errors, WARN and UNGRADABLE warnings (a run labelled
// recovery that cannot be checked deserves a look), PASS a notice; NOT
// GRADED files, which are not recovery runs, get no annotation. The message
// is the main reason, then any other failing or warning check and the
// importer's warnings on lines of their own. Each annotation is written as
// its report comes; Finish writes the summary line and the weeks as plain
// log lines.
//
// Data is escaped as the runner unescapes it: % as %25, CR as %0D, LF as
// %0A; property values (file, title) also : as %3A and , as %2C.
type githubPrinter struct {
	w   *errWriter
	opt Options
}

// Report writes the report's annotation, if it has one.
func (p *githubPrinter) Report(r *analyze.Report) error {
	if r == nil {
		return nilReport()
	}
	var level string
	switch r.Outcome {
	case analyze.OutcomeFail, analyze.OutcomeError:
		level = "error"
	case analyze.OutcomeWarn, analyze.OutcomeUngradable:
		level = "warning"
	case analyze.OutcomePass:
		level = "notice"
	default:
		return nil
	}
	main := reason(r)
	lines := []string{main}
	if r.Grade != nil {
		for _, m := range problems(r.Grade) {
			if !strings.Contains(main, m) {
				lines = append(lines, m)
			}
		}
	}
	for _, w := range r.Warnings {
		lines = append(lines, "warning: "+w)
	}
	title := string(r.Outcome) + " (" + p.opt.tool() + ")"
	p.w.printf("::%s file=%s,title=%s::%s\n", level, githubProperty(r.File), githubProperty(title), githubData(strings.Join(lines, "\n")))
	return p.w.err
}

// Finish writes the summary line and the weeks.
func (p *githubPrinter) Finish(s Summary) error {
	p.w.printf("%s\n", oneLine(SummaryLine(s)))
	for _, w := range s.Weeks {
		p.w.printf("%s\n", oneLine(weekLine(w)))
	}
	for _, c := range s.weekProblems() {
		p.w.printf("::warning file=%s,title=%s::%s\n", githubProperty(c.File),
			githubProperty(c.Check.ID+" ("+p.opt.tool()+")"), githubData(c.Check.Message))
	}
	return p.w.err
}

// githubData escapes a workflow command's message.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
