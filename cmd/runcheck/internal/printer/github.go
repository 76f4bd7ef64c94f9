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
// Every name and message passes through [Clean] first, which writes line
// breaks and other control characters as visible escapes ("\x0a"); the
// data is then escaped as the runner unescapes it: % as %25, CR as %0D, LF
// as %0A; property values (file, title) also : as %3A and , as %2C. The
// runner reads a command only at the start of a line, and each annotation
// is one line that starts with its own command, so no file name or message
// can start a command of its own (a member named "x.fit\n::add-mask::..."
// stays in the annotation's file property).
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
	lines := []string{Clean(main)}
	if r.Grade != nil {
		for _, m := range problems(r.Grade) {
			if !strings.Contains(main, m) {
				lines = append(lines, Clean(m))
			}
		}
	}
	for _, w := range r.Warnings {
		lines = append(lines, Clean("warning: "+w))
	}
	title := Clean(string(r.Outcome) + " (" + p.opt.tool() + ")")
	p.w.printf("::%s file=%s,title=%s::%s\n", level, githubProperty(Clean(r.File)), githubProperty(title), githubData(strings.Join(lines, "\n")))
	return p.w.err
}

// Finish writes the summary line and the weeks.
func (p *githubPrinter) Finish(s Summary) error {
	p.w.printf("%s\n", Clean(SummaryLine(s)))
	for _, w := range s.Weeks {
		p.w.printf("%s\n", Clean(weekLine(w)))
	}
	for _, c := range s.weekProblems() {
		p.w.printf("::warning file=%s,title=%s::%s\n", githubProperty(Clean(c.File)),
			githubProperty(Clean(c.Check.ID+" ("+p.opt.tool()+")")), githubData(Clean(c.Check.Message)))
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
