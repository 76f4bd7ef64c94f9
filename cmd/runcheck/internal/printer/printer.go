// Package printer writes the reports of a batch of graded files in the
// command line's output formats, one printer per format behind the small
// [Printer] interface.
//
// # Formats
//
//   - table (default): an aligned FILE, OUTCOME, REASON table and a summary
//     line; with [Options.Detail], everything about each file instead; with
//     [Options.Color], ANSI colours for the outcomes.
//   - json: one document, {"reports": [...], "summary": {...}}, each report
//     as [analyze.Report] marshals it.
//   - ndjson: one compact line per report as it comes, then one last line
//     {"summary": {...}}.
//   - csv: RFC 4180, a header and one row per report with a fixed set of
//     columns (see [CSVHeader]), safe to open in a spreadsheet.
//   - junit: JUnit XML for CI systems, valid by the common JUnit schema
//     (the Jenkins xUnit plugin's junit-10.xsd): a test case per file, a
//     failure for exactly the files that make the exit code 1 under
//     [Options.FailOn] (a FAIL; under "warn" also a WARN and a file with a
//     week warning; nothing under "never"), an error for ERROR, skipped for
//     UNGRADABLE and NOT GRADED that do not fail the run.
//   - github: GitHub Actions workflow commands: an annotation per file that
//     needs one, then the summary line.
//   - markdown: a title, a table and the summary line, with the reasons of
//     each FAIL and WARN in a <details> block, for a pull-request comment,
//     with no live @mention.
//
// Every printer is deterministic: the same reports print the same bytes,
// with no clock time and no map order in the output.
//
// # Untrusted names
//
// File names (archive members, Strava activity names, labels) and the
// messages that quote them come from the data, and a report must neither
// harm what reads it nor lie about what it says. So every name and message
// that a printer writes passes through [Clean] (control characters, bidi
// overrides and bytes that are not UTF-8 become visible escapes), then
// through the format's own escaping: XML escaping and CDATA for junit, the
// runner's escaping for github (no name can start a workflow command of
// its own), markup escaping and @mentions in code spans for markdown, a
// leading ' on text cells that a spreadsheet would take for a formula for
// csv. The table formats (and the markdown table) cut each cell to a width,
// a file name to its last 80 runes, other text to 400 runes keeping its
// start and end, so that one long name cannot pad every row.
//
// json and ndjson are the exception: they are for programs, encoding/json
// escapes every control character itself, and a program needs a file's
// name exactly as it is to find the file, so they write names and messages
// unchanged (a byte that is not UTF-8 becomes U+FFFD, as encoding/json
// does).
//
// # Use
//
// The caller hands the reports over in input order and finishes with the
// batch's summary, which [Summary.Add] keeps:
//
//	p, err := printer.New("junit", os.Stdout, printer.Options{Tool: "runcheck grade"})
//	...
//	var sum printer.Summary
//	for _, r := range reports {
//		sum.Add(r)
//		if err := p.Report(r); err != nil { ... }
//	}
//	err = p.Finish(sum)
//
// The streaming formats (ndjson, csv, github) write each report as it
// comes; json writes its document as it goes; table, junit and markdown
// hold back what must come after the last report (column widths, the
// suite's counts, the details blocks) until Finish.
package printer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/runcheck/runcheck/analyze"
)

// Printer writes a batch's reports in input order, one at a time, then a
// summary. After a write error every call returns that error. A Printer is
// not safe for concurrent use.
type Printer interface {
	// Report writes (or, for the formats that need the whole batch, keeps)
	// one file's report.
	Report(r *analyze.Report) error
	// Finish writes what is left and the summary. It is called once, after
	// the last Report.
	Finish(s Summary) error
}

// Options tunes the printers. The zero value prints the table without
// colours under the tool name "runcheck".
type Options struct {
	// Color turns on ANSI colours for the outcomes (table only). The
	// caller decides: standard output is a terminal and NO_COLOR is unset.
	Color bool
	// Detail prints everything about each file instead of the table
	// (table only), the view for a single file.
	Detail bool
	// Tool names the command, "runcheck grade" or "runcheck check": the
	// JUnit suite's name, the Markdown title, the GitHub annotations'
	// title. Empty means "runcheck".
	Tool string
	// FailOn is the exit code's rule, as runcheck's -fail-on flag sets
	// it: "fail" (exit 1 on a FAIL; also the meaning of ""), "warn" (on a
	// FAIL, a WARN or a week warning) or "never". The JUnit report marks
	// as failures exactly the files that make the exit code 1 under it.
	FailOn string
}

// failOn returns the exit code's rule, "fail" when it is unset.
func (o Options) failOn() string {
	if o.FailOn == "" {
		return "fail"
	}
	return o.FailOn
}

// Fails reports whether a file of outcome out makes the exit code 1 under
// FailOn. ERROR, which makes it 2, is not a failure. The command line
// takes its exit code from it, so that the JUnit report and the code
// agree by construction.
func (o Options) Fails(out analyze.Outcome) bool {
	switch o.failOn() {
	case "never":
		return false
	case "warn":
		return out == analyze.OutcomeFail || out == analyze.OutcomeWarn
	}
	return out == analyze.OutcomeFail
}

// WeekFails reports whether a week check makes the exit code 1 under
// FailOn: a week warning under "warn".
func (o Options) WeekFails(c analyze.Check) bool {
	return o.failOn() == "warn" && c.Status == analyze.StatusWarn
}

// tool returns the tool name to print.
func (o Options) tool() string {
	if o.Tool == "" {
		return "runcheck"
	}
	return o.Tool
}

// Formats returns the names of the output formats, the default first.
func Formats() []string {
	return []string{"table", "json", "ndjson", "csv", "junit", "github", "markdown"}
}

// New returns the printer of the named format (one of [Formats]) writing to
// w. An unknown format is an error that lists the known ones, and so is an
// unknown [Options.FailOn].
func New(format string, w io.Writer, opt Options) (Printer, error) {
	switch opt.FailOn {
	case "", "fail", "warn", "never":
	default:
		return nil, fmt.Errorf("unknown FailOn %q: want fail, warn or never", opt.FailOn)
	}
	ew := &errWriter{w: w}
	switch format {
	case "table":
		return &tablePrinter{w: ew, opt: opt}, nil
	case "json":
		return &jsonPrinter{w: ew}, nil
	case "ndjson":
		return &ndjsonPrinter{w: ew}, nil
	case "csv":
		return newCSVPrinter(ew), nil
	case "junit":
		return &junitPrinter{w: ew, opt: opt}, nil
	case "github":
		return &githubPrinter{w: ew, opt: opt}, nil
	case "markdown":
		return &markdownPrinter{w: ew, opt: opt}, nil
	}
	f := Formats()
	return nil, fmt.Errorf("unknown format %q: want %s or %s", format, strings.Join(f[:len(f)-1], ", "), f[len(f)-1])
}

// Outcomes returns the outcomes in the order summaries list them.
func Outcomes() []analyze.Outcome {
	return []analyze.Outcome{
		analyze.OutcomePass, analyze.OutcomeWarn, analyze.OutcomeFail,
		analyze.OutcomeUngradable, analyze.OutcomeNotGraded, analyze.OutcomeError,
	}
}

// Summary sums up a batch: how many files, how many of each outcome, and
// the week context when there is one. Its zero value is an empty batch.
//
// It marshals to JSON as {"files": N, "counts": {...}, "weeks": [...]}:
// counts holds every outcome of [Outcomes] in that order, zeros included,
// then any other outcome in lexical order; weeks is left out when nil.
type Summary struct {
	// Files is the number of files in the batch.
	Files int `json:"files"`
	// Counts is the number of files of each outcome.
	Counts map[analyze.Outcome]int `json:"counts"`
	// Weeks sums up each ISO week of the batch ([analyze.WeekContext]);
	// nil when the batch has no week context.
	Weeks []analyze.WeekSummary `json:"weeks,omitempty"`
	// WeekChecks are the week context's checks on each recovery run (a hard
	// session in the 48 hours before it, the recovery runs of its week),
	// in input order; nil without a week context. They come at the end
	// because they need the whole batch, while reports are streamed.
	WeekChecks []WeekCheck `json:"week_checks,omitempty"`
}

// WeekCheck is one week-context check on one file.
type WeekCheck struct {
	File  string        `json:"file"`
	Check analyze.Check `json:"check"`
}

// weekProblems returns the week checks that did not pass.
func (s Summary) weekProblems() []WeekCheck {
	var out []WeekCheck
	for _, c := range s.WeekChecks {
		if c.Check.Status != analyze.StatusPass {
			out = append(out, c)
		}
	}
	return out
}

// Add counts one report in the summary.
func (s *Summary) Add(r *analyze.Report) {
	if s.Counts == nil {
		s.Counts = make(map[analyze.Outcome]int)
	}
	s.Files++
	s.Counts[r.Outcome]++
}

// counted returns the outcomes to list: those of [Outcomes] in order, then
// any other outcome found in Counts, in lexical order.
func (s Summary) counted() []analyze.Outcome {
	out := Outcomes()
	var extra []analyze.Outcome
	for o := range s.Counts {
		if !slices.Contains(out, o) {
			extra = append(extra, o)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

// MarshalJSON writes the summary with its counts in the order of [Outcomes].
func (s Summary) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"files":`)
	b.WriteString(strconv.Itoa(s.Files))
	b.WriteString(`,"counts":{`)
	for i, o := range s.counted() {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(string(o))
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(s.Counts[o]))
	}
	b.WriteByte('}')
	if s.Weeks != nil {
		w, err := marshal(s.Weeks)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"weeks":`)
		b.Write(w)
	}
	if s.WeekChecks != nil {
		w, err := marshal(s.WeekChecks)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"week_checks":`)
		b.Write(w)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// SummaryLine returns the summary in one line: "6 files: 1 PASS, 1 WARN,
// 2 FAIL, 1 UNGRADABLE, 1 NOT GRADED", the outcomes in the order of
// [Outcomes], zeros left out.
func SummaryLine(s Summary) string {
	return summaryLine(s, func(_ analyze.Outcome, text string) string { return text })
}

// summaryLine writes the summary line, passing each "N OUTCOME" part through
// paint.
func summaryLine(s Summary, paint func(analyze.Outcome, string) string) string {
	var parts []string
	for _, o := range s.counted() {
		if n := s.Counts[o]; n != 0 {
			parts = append(parts, paint(o, fmt.Sprintf("%d %s", n, o)))
		}
	}
	line := fmt.Sprintf("%d file%s", s.Files, plural(s.Files))
	if len(parts) > 0 {
		line += ": " + strings.Join(parts, ", ")
	}
	return line
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// reason returns the report's main reason without the leading "OUTCOME: ".
func reason(r *analyze.Report) string {
	return strings.TrimPrefix(r.Reason(), string(r.Outcome)+": ")
}

// reasonLines returns a graded report's reasons, in the grade's order of
// weight, each with the status and id of its check when a check says it:
// "FAIL hr-ceiling: 6.0 min ...", "advice warm-up: starts easy ...". A
// reason no check says (why a run is ungradable) comes as it is. The
// dataset checks of runcheck check come first. Nil when the report has
// neither.
func reasonLines(r *analyze.Report) []string {
	var lines []string
	for _, c := range r.Dataset { // the check verb's dataset checks come first
		lines = append(lines, checkTag(c)+" "+c.ID+": "+c.Message)
	}
	g := r.Grade
	if g == nil {
		return lines
	}
	used := make([]bool, len(g.Checks))
	for _, text := range g.Reasons {
		line := text
		for i, c := range g.Checks {
			if !used[i] && c.Message == text {
				used[i] = true
				line = checkTag(c) + " " + c.ID + ": " + text
				break
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// checkTag is the status a check prints with: PASS, WARN, FAIL, UNKNOWN,
// or advice for a check that does not change the verdict.
func checkTag(c analyze.Check) string {
	if c.Advice {
		return "advice"
	}
	return strings.ToUpper(string(c.Status))
}

// problems returns the messages of the checks that make a grade FAIL or
// WARN, in the order of its reasons, leaving out advice.
func problems(g *analyze.Grade) []string {
	var out []string
	for _, text := range g.Reasons {
		for _, c := range g.Checks {
			if c.Message == text && !c.Advice && (c.Status == analyze.StatusFail || c.Status == analyze.StatusWarn) {
				out = append(out, text)
				break
			}
		}
	}
	return out
}

// marshal writes v as compact JSON without HTML escaping (reports quote
// labels, and "<" reads better than "\u003c").
func marshal(v any) ([]byte, error) {
	return marshalIndent(v, "", "")
}

// marshalIndent is json.MarshalIndent without HTML escaping and without
// the encoder's final newline.
func marshalIndent(v any, prefix, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// number writes a figure rounded to the given decimals, without trailing
// zeros ("131.6", "16", "-3"); empty when it is missing.
func number(v analyze.Value, decimals int) string {
	if !v.Known() {
		return ""
	}
	p := math.Pow(10, float64(decimals))
	f := math.Round(float64(v)*p) / p
	if f == 0 {
		f = 0 // no "-0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// hoursMinutes writes seconds as "3:05 h".
func hoursMinutes(sec float64) string {
	m := int64(math.Round(sec / 60))
	return fmt.Sprintf("%d:%02d h", m/60, m%60)
}

// weekVerdicts writes a week's verdict counts in verdict order: "1 PASS,
// 2 FAIL"; empty when it has none.
func weekVerdicts(w analyze.WeekSummary) string {
	order := []analyze.Verdict{analyze.VerdictPass, analyze.VerdictWarn, analyze.VerdictFail, analyze.VerdictUngradable}
	var extra []analyze.Verdict
	for v := range w.Verdicts {
		if !slices.Contains(order, v) {
			extra = append(extra, v)
		}
	}
	slices.Sort(extra)
	var parts []string
	for _, v := range append(order, extra...) {
		if n := w.Verdicts[v]; n != 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, v))
		}
	}
	if w.WeekWarnings > 0 {
		parts = append(parts, fmt.Sprintf("%d with a week warning", w.WeekWarnings))
	}
	return strings.Join(parts, ", ")
}

// weekLine writes a week's summary in one line: "week 2026-W10: 6 files,
// 6 runs, 4 recovery runs (1 PASS, 1 WARN, 2 FAIL), 1 hard session, 3:05 h
// moving, load 312 Edwards TRIMP (5 files)".
func weekLine(w analyze.WeekSummary) string {
	count := func(n int, what string) string { return fmt.Sprintf("%d %s%s", n, what, plural(n)) }
	line := fmt.Sprintf("week %s: %s, %s, %s", w.Week, count(w.Files, "file"), count(w.Runs, "run"), count(w.RecoveryRuns, "recovery run"))
	if v := weekVerdicts(w); v != "" {
		line += " (" + v + ")"
	}
	line += ", " + count(w.HardSessions, "hard session") + ", " + hoursMinutes(w.MovingSeconds) + " moving"
	if w.Load.Known() {
		line += fmt.Sprintf(", load %s Edwards TRIMP (%s)", number(w.Load, 0), count(w.LoadFiles, "file"))
	}
	return line
}

// errWriter remembers the first write error and writes nothing after it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// printf writes formatted text; errors are kept in e.err.
func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}

// nilReport is the error of a Report call without a report.
func nilReport() error { return fmt.Errorf("printer: nil report") }
