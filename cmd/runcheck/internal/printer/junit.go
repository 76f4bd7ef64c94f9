package printer

import (
	"encoding/xml"
	"strings"
	"unicode/utf8"

	"github.com/runcheck/runcheck/analyze"
)

// junitPrinter writes JUnit XML, the test report format CI systems
// (GitLab, Jenkins, Azure Pipelines, GitHub test-report actions) render:
// one <testsuite> named after the tool with one <testcase> per file,
// classname "runcheck", named by the file's path:
//
//   - PASS and WARN pass; their reasons (and the importer's warnings) are
//     the case's <system-out>, so a WARN is visible without failing;
//   - FAIL is a <failure> whose message is the grade's summary and whose
//     text is its reasons, one per line;
//   - UNGRADABLE and NOT GRADED are <skipped>, the message saying why: a
//     run that cannot be graded is not a failed run;
//   - ERROR (an unreadable file) is an <error> with the error.
//
// The suite's <system-out> holds the summary line and the weeks. There are
// no timestamps or durations, so the same reports give the same bytes. The
// counts go on the <testsuite> element, so the cases are kept until Finish.
type junitPrinter struct {
	w     *errWriter
	opt   Options
	cases []junitCase
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
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

// cdata returns lines as CDATA text on lines of their own, empty when
// there are none.
func cdata(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return "\n" + xmlSafe(strings.Join(lines, "\n")) + "\n"
}

// text returns lines as element text, nil when there are none.
func text(lines []string) *junitText {
	if len(lines) == 0 {
		return nil
	}
	return &junitText{Text: cdata(lines)}
}

// Report keeps the file's test case.
func (p *junitPrinter) Report(r *analyze.Report) error {
	if r == nil {
		return nilReport()
	}
	c := junitCase{Classname: "runcheck", Name: r.File}
	var out []string
	switch r.Outcome {
	case analyze.OutcomeFail:
		c.Failure = &junitProblem{Message: r.Reason(), Type: string(r.Outcome), Text: cdata(reasonLines(r))}
	case analyze.OutcomeError:
		c.Error = &junitProblem{Message: r.Reason(), Type: string(r.Outcome)}
	case analyze.OutcomeUngradable, analyze.OutcomeNotGraded:
		msg := r.Reason()
		if !strings.HasPrefix(msg, string(r.Outcome)+": ") {
			msg = string(r.Outcome) + ": " + msg
		}
		c.Skipped = &junitProblem{Message: msg}
	default:
		out = reasonLines(r)
	}
	for _, w := range r.Warnings {
		out = append(out, "warning: "+w)
	}
	c.SystemOut = text(out)
	p.cases = append(p.cases, c)
	return nil
}

// Finish writes the whole document.
func (p *junitPrinter) Finish(s Summary) error {
	suite := junitSuite{Name: p.opt.tool(), Tests: len(p.cases), Cases: p.cases}
	for _, c := range p.cases {
		switch {
		case c.Failure != nil:
			suite.Failures++
		case c.Error != nil:
			suite.Errors++
		case c.Skipped != nil:
			suite.Skipped++
		}
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
		Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Skipped: suite.Skipped,
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
