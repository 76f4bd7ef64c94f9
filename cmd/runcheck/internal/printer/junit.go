package printer

import (
	"encoding/xml"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/runcheck/runcheck/analyze"
)

// junitPrinter writes JUnit XML, the test report format CI systems
// (GitLab, Jenkins, Azure Pipelines, GitHub test-report actions) render:
// one <testsuite> named after the tool with one <testcase> per file,
// classname "runcheck", named by the file's path. A CI system that reads
// the report fails or passes the build by its failures and errors, so the
// report marks as such exactly what made the exit code 1 or 2, under
// [Options.FailOn]:
//
//   - ERROR (an unreadable file, exit 2) is an <error> with the error;
//   - a file that makes the exit code 1 is a <failure>: a FAIL, unless
//     FailOn is "never"; under "warn" also a WARN, and any file with a
//     week warning (the week checks of [Summary.WeekChecks], attached to
//     the file's test case by name, in input order). The failure's message
//     is the grade's summary (or the first week warning), its text the
//     reasons and week warnings, one per line;
//   - UNGRADABLE and NOT GRADED, when they do not fail the run, are
//     <skipped>, the message saying why: a run that cannot be graded is
//     not a failed run. A caller that fails such a run (a dataset that
//     requires every run graded) reports it with the outcome FAIL;
//   - everything else passes: its reasons, week warnings (and the
//     importer's warnings) are the case's <system-out>, so a WARN under
//     "fail", or a FAIL under "never", is visible without failing a build
//     whose exit code is 0. Such a FAIL's text starts by saying so.
//
// The suite's <system-out> holds the summary line, the weeks and the week
// warnings. The document validates against the Jenkins xUnit plugin's
// junit-10.xsd, the most common JUnit schema: the counts of tests,
// failures, errors and skipped cases are on the <testsuite>, and the root
// <testsuites> has tests, failures and errors but no skipped, which that
// schema does not allow there. There are no timestamps or durations, so
// the same reports give the same bytes. The counts go before the cases
// and the week checks come with the summary, so the cases are kept until
// Finish.
//
// Names and messages pass through [Clean], then through the XML escaping
// of encoding/xml (attributes) or [xmlSafe] (CDATA).
type junitPrinter struct {
	w     *errWriter
	opt   Options
	files []junitFile
}

// junitFile is what the report of one file keeps of it until Finish.
type junitFile struct {
	file     string // as the report names it, to match the week checks
	outcome  analyze.Outcome
	reason   string   // r.Reason()
	lines    []string // reasonLines(r)
	warnings []string
	week     []analyze.Check // the week checks that did not pass
	weekIDs  []string        // the ids of every week check attached
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Cases     []junitCase `xml:"testcase"`
	SystemOut *junitText  `xml:"system-out,omitempty"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

// junitProblem is a failure, an error or a skip.
type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// junitText is element text kept in CDATA so that its line breaks stay
// readable.
type junitText struct {
	Text string `xml:",cdata"`
}

// cdata returns lines as CDATA text on lines of their own, each through
// [Clean]; empty when there are none.
func cdata(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	clean := make([]string, len(lines))
	for i, l := range lines {
		clean[i] = Clean(l)
	}
	return "\n" + xmlSafe(strings.Join(clean, "\n")) + "\n"
}

// text returns lines as element text, nil when there are none.
func text(lines []string) *junitText {
	if len(lines) == 0 {
		return nil
	}
	return &junitText{Text: cdata(lines)}
}

// Report keeps what the file's test case needs.
func (p *junitPrinter) Report(r *analyze.Report) error {
	if r == nil {
		return nilReport()
	}
	p.files = append(p.files, junitFile{
		file: r.File, outcome: r.Outcome, reason: r.Reason(), lines: reasonLines(r), warnings: r.Warnings,
	})
	return nil
}

// attachWeek gives each week check to the test case of its file: the
// first case of that name, or the next one of that name when the first
// already has a check of that id (the same file given twice). A check
// whose file has no case stays in the suite's output only.
func (p *junitPrinter) attachWeek(checks []WeekCheck) {
	byName := make(map[string][]int)
	for i, f := range p.files {
		byName[f.file] = append(byName[f.file], i)
	}
	next := make(map[string]int)
	for _, wc := range checks {
		idx := byName[wc.File]
		k := next[wc.File]
		if k >= len(idx) {
			continue
		}
		if slices.Contains(p.files[idx[k]].weekIDs, wc.Check.ID) && k+1 < len(idx) {
			k++
			next[wc.File] = k
		}
		f := &p.files[idx[k]]
		f.weekIDs = append(f.weekIDs, wc.Check.ID)
		if wc.Check.Status != analyze.StatusPass {
			f.week = append(f.week, wc.Check)
		}
	}
}

// weekCheckLine is a week check as a line of a test case's text.
func weekCheckLine(c analyze.Check) string {
	return "week " + strings.ToUpper(string(c.Status)) + " " + c.ID + ": " + c.Message
}

// testCase returns the file's test case under the printer's FailOn.
func (p *junitPrinter) testCase(f *junitFile) junitCase {
	c := junitCase{Classname: "runcheck", Name: Clean(f.file)}
	var weekFail *analyze.Check
	var weekLines []string
	for i, w := range f.week {
		if weekFail == nil && p.opt.WeekFails(w) {
			weekFail = &f.week[i]
		}
		weekLines = append(weekLines, weekCheckLine(w))
	}
	var out []string
	switch {
	case f.outcome == analyze.OutcomeError:
		c.Error = &junitProblem{Message: Clean(f.reason), Type: string(f.outcome)}
		out = weekLines
	case p.opt.Fails(f.outcome):
		c.Failure = &junitProblem{Message: Clean(f.reason), Type: string(f.outcome), Text: cdata(append(slices.Clone(f.lines), weekLines...))}
	case weekFail != nil:
		lines := slices.Clone(f.lines)
		if f.outcome == analyze.OutcomeUngradable || f.outcome == analyze.OutcomeNotGraded {
			// Say the outcome, with the reason it comes with, once.
			msg := skipMessage(f)
			why := strings.TrimPrefix(msg, string(f.outcome)+": ")
			lines = append([]string{msg}, slices.DeleteFunc(lines, func(l string) bool { return l == why })...)
		}
		lines = append(lines, weekLines...)
		c.Failure = &junitProblem{Message: Clean("week warning: " + weekFail.ID + ": " + weekFail.Message), Type: "WEEK WARN", Text: cdata(lines)}
	case f.outcome == analyze.OutcomeUngradable || f.outcome == analyze.OutcomeNotGraded:
		c.Skipped = &junitProblem{Message: Clean(skipMessage(f))}
		out = weekLines
	default:
		if f.outcome == analyze.OutcomeFail {
			out = append(out, "FAIL, not counted as a failure under -fail-on "+p.opt.failOn())
		}
		out = append(append(out, f.lines...), weekLines...)
	}
	for _, w := range f.warnings {
		out = append(out, "warning: "+w)
	}
	c.SystemOut = text(out)
	return c
}

// skipMessage is the message of a skipped case: its reason, starting with
// the outcome.
func skipMessage(f *junitFile) string {
	if !strings.HasPrefix(f.reason, string(f.outcome)+": ") {
		return string(f.outcome) + ": " + f.reason
	}
	return f.reason
}

// Finish writes the whole document.
func (p *junitPrinter) Finish(s Summary) error {
	p.attachWeek(s.WeekChecks)
	suite := junitSuite{Name: Clean(p.opt.tool()), Tests: len(p.files), Cases: make([]junitCase, len(p.files))}
	for i := range p.files {
		c := p.testCase(&p.files[i])
		switch {
		case c.Failure != nil:
			suite.Failures++
		case c.Error != nil:
			suite.Errors++
		case c.Skipped != nil:
			suite.Skipped++
		}
		suite.Cases[i] = c
	}
	out := []string{SummaryLine(s)}
	for _, w := range s.Weeks {
		out = append(out, weekLine(w))
	}
	for _, c := range s.weekProblems() {
		out = append(out, strings.ToUpper(string(c.Check.Status))+" "+c.File+" "+c.Check.ID+": "+c.Check.Message)
	}
	suite.SystemOut = text(out)
	doc := junitSuites{
		Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors,
		Suites: []junitSuite{suite},
	}
	b, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	p.w.printf("%s%s\n", xml.Header, b)
	return p.w.err
}

// xmlSafe replaces the characters XML 1.0 cannot hold (most control
// characters, invalid UTF-8) with U+FFFD, as encoding/xml does for
// attributes and escaped text; CDATA gets no such care from it.
func xmlSafe(s string) string {
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' ||
			(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
	}
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !ok(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s { // invalid UTF-8 comes as utf8.RuneError, U+FFFD
		if !ok(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}
