package printer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/runcheck/runcheck/analyze"
)

// junitDoc is the part of a JUnit document the tests read.
type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Skipped  int `xml:"skipped,attr"`
		Cases    []struct {
			Name    string    `xml:"name,attr"`
			Failure *struct{} `xml:"failure"`
			Error   *struct{} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// TestJUnitFailOn checks, for every outcome and week warning under each
// -fail-on, that the JUnit report's failures are exactly the files that
// make the exit code 1 by the rule README.md and runcheck grade -h state:
// "1 a run failed its grade (or warned, with -fail-on warn, week warnings
// included)", nothing with -fail-on never; an unreadable file is exit 2
// and an <error>; the other files are skipped when they were not graded
// and pass otherwise. The suite's counts match the cases.
func TestJUnitFailOn(t *testing.T) {
	for _, failOn := range []string{"", "fail", "warn", "never"} {
		for _, weeks := range []bool{false, true} {
			files := batchFiles
			if weeks {
				files = weekFiles
			}
			reports, sum := grade(t, files, weeks)
			out := render(t, "junit", Options{FailOn: failOn}, reports, sum)
			var doc junitDoc
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatalf("-fail-on %q: %v", failOn, err)
			}
			s := doc.Suites[0]
			exit1 := 0 // the files that make the exit code 1
			var counts [3]int
			for i, r := range reports {
				weekWarn := false
				for _, wc := range sum.WeekChecks {
					weekWarn = weekWarn || wc.File == r.File && wc.Check.Status == analyze.StatusWarn
				}
				var makes1 bool
				switch failOn {
				case "", "fail":
					makes1 = r.Outcome == analyze.OutcomeFail
				case "warn":
					makes1 = r.Outcome == analyze.OutcomeFail || r.Outcome == analyze.OutcomeWarn || weekWarn
				}
				want := "pass"
				switch {
				case r.Outcome == analyze.OutcomeError:
					want = "error"
				case makes1:
					want = "failure"
					exit1++
				case r.Outcome == analyze.OutcomeUngradable || r.Outcome == analyze.OutcomeNotGraded:
					want = "skipped"
				}
				c := s.Cases[i]
				got := "pass"
				switch {
				case c.Failure != nil && c.Error == nil && c.Skipped == nil:
					got = "failure"
					counts[0]++
				case c.Error != nil && c.Failure == nil && c.Skipped == nil:
					got = "error"
					counts[1]++
				case c.Skipped != nil && c.Failure == nil && c.Error == nil:
					got = "skipped"
					counts[2]++
				case c.Failure != nil || c.Error != nil || c.Skipped != nil:
					got = "more than one of failure, error, skipped"
				}
				if got != want {
					t.Errorf("-fail-on %q, weeks %v: %s (%s, week warning %v) is %s, want %s", failOn, weeks, r.File, r.Outcome, weekWarn, got, want)
				}
			}
			if s.Failures != exit1 || doc.Failures != exit1 {
				t.Errorf("-fail-on %q, weeks %v: %d and %d failures, want %d, the files that make the exit code 1", failOn, weeks, s.Failures, doc.Failures, exit1)
			}
			if got, want := [4]int{s.Failures, s.Errors, s.Skipped, s.Tests}, [4]int{counts[0], counts[1], counts[2], len(reports)}; got != want {
				t.Errorf("-fail-on %q, weeks %v: testsuite failures, errors, skipped, tests = %v, the cases say %v", failOn, weeks, got, want)
			}
			if got, want := [3]int{doc.Tests, doc.Failures, doc.Errors}, [3]int{s.Tests, s.Failures, s.Errors}; got != want {
				t.Errorf("-fail-on %q, weeks %v: testsuites tests, failures, errors = %v, the suite says %v", failOn, weeks, got, want)
			}
		}
	}
	if _, err := New("junit", new(bytes.Buffer), Options{FailOn: "sometimes"}); err == nil || !strings.Contains(err.Error(), `"sometimes"`) {
		t.Errorf(`FailOn "sometimes": %v, want an error naming it`, err)
	}
}

// TestJUnitWeekDuplicates gives the same file twice, both recovery runs
// with a week warning: each case gets its own check, and both fail under
// -fail-on warn.
func TestJUnitWeekDuplicates(t *testing.T) {
	pass := func() *analyze.Report {
		return &analyze.Report{File: "runs/a.fit", Outcome: analyze.OutcomePass, Grade: &analyze.Grade{Verdict: analyze.VerdictPass, Summary: "PASS: easy"}}
	}
	reports := []*analyze.Report{pass(), pass()}
	var sum Summary
	for _, r := range reports {
		sum.Add(r)
		sum.WeekChecks = append(sum.WeekChecks,
			WeekCheck{File: r.File, Check: analyze.Check{ID: analyze.WeekCheckHardBefore, Status: analyze.StatusWarn, Message: "nothing hard before"}},
			WeekCheck{File: r.File, Check: analyze.Check{ID: analyze.WeekCheckRecoveryCount, Status: analyze.StatusPass, Message: "2 recovery runs"}})
	}
	out := render(t, "junit", Options{FailOn: "warn"}, reports, sum)
	var doc junitDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if f := doc.Suites[0].Failures; f != 2 || bytes.Count(out, []byte("week WARN week-hard-before")) != 2 {
		t.Errorf("%d failures, want 2, each with its week warning:\n%s", f, out)
	}
}

// inCI reports whether the tests run in CI, where a tool the tests need
// must be there: RUNCHECK_CI=1 (.ci/run sets it), or CI set as CI systems
// set it.
func inCI() bool {
	return os.Getenv("RUNCHECK_CI") == "1" || os.Getenv("CI") != ""
}

// TestJUnitSchema validates the JUnit reports of a batch with every
// outcome, of the week batch, under each -fail-on, and of hostile names,
// against the common JUnit schema (testdata/junit-10.xsd, see its header),
// with xmllint. Without xmllint it skips, except in CI, where it fails:
// .ci/run installs it.
func TestJUnitSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if inCI() {
			t.Fatal("xmllint is missing (apt-get install libxml2-utils; .ci/run installs it)")
		}
		t.Skip("xmllint is missing: the JUnit report is not validated against the schema (apt-get install libxml2-utils)")
	}
	schema, err := filepath.Abs(filepath.Join("testdata", "junit-10.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	validate := func(name string, doc []byte) error {
		t.Helper()
		path := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", schema, path).CombinedOutput()
		if err != nil {
			return &schemaError{out: string(out), err: err}
		}
		return nil
	}
	// The schema is not vacuous: the report as it was, with skipped on
	// testsuites, is refused.
	old := golden(t, "junit")
	old = bytes.Replace(old, []byte(`<testsuites name="runcheck grade" tests="6" failures="1" errors="1">`),
		[]byte(`<testsuites name="runcheck grade" tests="6" failures="1" errors="1" skipped="2">`), 1)
	if err := validate("old", old); err == nil || !strings.Contains(err.Error(), "skipped") {
		t.Fatalf("a report with testsuites/@skipped validates (%v): the schema checks nothing", err)
	}
	for _, failOn := range []string{"fail", "warn", "never"} {
		for _, weeks := range []bool{false, true} {
			files := batchFiles
			if weeks {
				files = weekFiles
			}
			reports, sum := grade(t, files, weeks)
			doc := render(t, "junit", Options{Tool: "runcheck grade", FailOn: failOn}, reports, sum)
			if err := validate("batch-"+failOn, doc); err != nil {
				t.Errorf("-fail-on %s, weeks %v: %v", failOn, weeks, err)
			}
		}
	}
	reports, sum := hostile()
	if err := validate("hostile", render(t, "junit", Options{}, reports, sum)); err != nil {
		t.Errorf("hostile names: %v", err)
	}
	if err := validate("empty", render(t, "junit", Options{}, nil, Summary{})); err != nil {
		t.Errorf("empty batch: %v", err)
	}
}

type schemaError struct {
	out string
	err error
}

func (e *schemaError) Error() string { return e.err.Error() + ": " + e.out }

// hostileName is a member name that tries everything: a terminal escape, a
// forged line with a workflow command, a bidi override, markup, a mention,
// a formula, bytes that are not UTF-8 and a noncharacter XML cannot hold.
const hostileName = "=HYPERLINK(\"http://x\")\x1b[2J\r\n::add-mask::x\n| @octocat `<b>` \u202eevil\xff\uFFFE.fit"

// hostile returns a batch of reports whose names and messages are hostile.
func hostile() ([]*analyze.Report, Summary) {
	reports := []*analyze.Report{
		{File: hostileName, Outcome: analyze.OutcomeFail, Label: &analyze.LabelDecision{
			Reason: "the workout name \"" + hostileName + "\" is a recovery label", Label: analyze.Label{Text: "@org/team " + hostileName, Source: "file-names"},
		}, Grade: &analyze.Grade{
			Verdict: analyze.VerdictFail, Summary: "FAIL: too hard " + hostileName,
			Reasons: []string{"too hard " + hostileName},
			Checks:  []analyze.Check{{ID: "hr-ceiling", Status: analyze.StatusFail, Message: "too hard " + hostileName}},
		}, Warnings: []string{"odd " + hostileName}},
		{File: "runs/" + hostileName, Outcome: analyze.OutcomeError, Error: "cannot read " + hostileName},
	}
	var sum Summary
	for _, r := range reports {
		sum.Add(r)
	}
	sum.WeekChecks = []WeekCheck{{File: hostileName, Check: analyze.Check{ID: analyze.WeekCheckHardBefore, Status: analyze.StatusWarn, Message: "nothing hard before " + hostileName}}}
	return reports, sum
}

// TestEveryPrinterCleans prints hostile names and messages in every format:
// no format but json and ndjson writes a control character (other than the
// line breaks of its own layout), a bidi override or a byte that is not
// UTF-8; json and ndjson keep the names exact, as encoding/json escapes
// them.
func TestEveryPrinterCleans(t *testing.T) {
	reports, sum := hostile()
	for _, f := range Formats() {
		for _, detail := range []bool{false, true} {
			if detail && f != "table" {
				continue
			}
			out := render(t, f, Options{Detail: detail}, reports, sum)
			switch f {
			case "json", "ndjson":
				var back analyze.Report
				line := out
				if f == "json" {
					var doc struct{ Reports []analyze.Report }
					if err := json.Unmarshal(out, &doc); err != nil {
						t.Fatal(err)
					}
					back = doc.Reports[0]
				} else {
					line, _, _ = bytes.Cut(out, []byte("\n"))
					if err := json.Unmarshal(line, &back); err != nil {
						t.Fatal(err)
					}
				}
				// encoding/json turns bytes that are not UTF-8 into U+FFFD.
				if want := strings.ToValidUTF8(hostileName, "\uFFFD"); back.File != want {
					t.Errorf("%s: the name came back as %q, want %q", f, back.File, want)
				}
				continue
			}
			if !utf8.Valid(out) {
				t.Errorf("%s (detail %v): bytes that are not UTF-8", f, detail)
			}
			for _, r := range string(out) { // valid UTF-8: every U+FFFD is one
				if r != '\n' && r != utf8.RuneError && unsafeRune(r) {
					t.Errorf("%s (detail %v): %U in the output:\n%s", f, detail, r, out)
					break
				}
			}
			if !strings.Contains(string(out), `\x1b[2J\x0d\x0a`) && !strings.Contains(string(out), `\\x1b\[2J\\x0d\\x0a`) {
				t.Errorf("%s (detail %v): the escape sequence and the line break are not shown as escapes:\n%s", f, detail, out)
			}
		}
	}
}

// TestGitHubCannotStartCommand: a name or message cannot start a workflow
// command of its own; every line the github format writes is one of its
// own annotations or a summary line.
func TestGitHubCannotStartCommand(t *testing.T) {
	reports, sum := hostile()
	out := render(t, "github", Options{Tool: "runcheck grade"}, reports, sum)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	want := []string{"::error file=", "::error file=", "2 files: 1 FAIL, 1 ERROR", "::warning file="}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, want[i]) {
			t.Errorf("line %d is %q, want it to start with %q", i+1, l, want[i])
		}
		// The runner ends the properties at the first :: after the
		// command's; that must be the one after our title.
		if end := strings.Index(l[2:], "::"); i != 2 && (end < 0 || !strings.HasSuffix(l[:2+end], " (runcheck grade)")) {
			t.Errorf("line %d: a name ends the properties early: %q", i+1, l)
		}
	}
	if !strings.HasPrefix(lines[0], `::error file==HYPERLINK("http%3A//x")\x1b[2J\x0d\x0a%3A%3Aadd-mask%3A%3Ax\x0a| @octocat`) {
		t.Errorf("the file property is not escaped as documented: %s", lines[0])
	}
}

// TestCSVFormulaSafe: a text cell that a spreadsheet would take for a
// formula gets a leading '; the numeric columns keep their numbers, a
// negative pace offset included.
func TestCSVFormulaSafe(t *testing.T) {
	r := &analyze.Report{
		File: "strava.zip/activities/1.fit.gz", Outcome: analyze.OutcomePass, Sport: "+running",
		Label: &analyze.LabelDecision{Reason: "recovery label", Label: analyze.Label{Text: `=HYPERLINK("http://x","y")`, Source: "strava-csv"}},
		Grade: &analyze.Grade{
			Verdict: analyze.VerdictPass, Summary: "PASS: @SUM(A1)", Profile: analyze.Profile{Name: "-12"},
			Checks: []analyze.Check{{ID: analyze.CheckPace, Status: analyze.StatusPass, Measured: -12, Message: "12 s/km faster"}},
		},
	}
	var sum Summary
	sum.Add(r)
	rows, err := csv.NewReader(bytes.NewReader(render(t, "csv", Options{}, []*analyze.Report{r}, sum))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) string { return rows[1][slices.Index(CSVHeader(), name)] }
	for name, want := range map[string]string{
		"file":                        "strava.zip/activities/1.fit.gz",
		"sport":                       "'+running",
		"label":                       `'=HYPERLINK("http://x","y")`,
		"reason":                      "'@SUM(A1)",
		"profile":                     "'-12", // text that looks like a number is still text
		"median_pace_offset_s_per_km": "-12",  // a number stays a number
	} {
		if got := col(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"-", "'-"}, {"", ""}, {"a=b", "a=b"}, {"'x", "'x"},
	} {
		if got := formulaSafe(tc.in); got != tc.want {
			t.Errorf("formulaSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestMarkdownMentionSafe: a mention in a name or a label neither pings in
// the table, nor in the list of reasons, nor in the HTML of a <summary>;
// no name breaks the table.
func TestMarkdownMentionSafe(t *testing.T) {
	reports, sum := hostile()
	out := string(render(t, "markdown", Options{}, reports, sum))
	if n := strings.Count(out, "@octocat"); n == 0 || n != strings.Count(out, "`@octocat`")+strings.Count(out, "<code>@octocat</code>") {
		t.Errorf("a live @octocat:\n%s", out)
	}
	if !strings.Contains(out, "<summary>…&#34;http://x&#34;)\\x1b[2J\\x0d\\x0a::add-mask::x\\x0a| <code>@octocat</code> `&lt;b&gt;`") {
		t.Errorf("the <summary> is not escaped as HTML:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| ") && l != "| --- | --- | --- |" {
			if cells := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|"); cells != 4 {
				t.Errorf("a table row with %d unescaped pipes, want 4: %s", cells, l)
			}
		}
	}
}

// TestLongNameTable prints a batch whose one member has a 60,000-character
// name, as a zip can hold: every row used to be padded to its width (about
// 600 MB for a 1.1 MB zip of 10,000 members); now the FILE column is cut
// to fileWidth, keeping the end of the name.
func TestLongNameTable(t *testing.T) {
	long := "activities/" + strings.Repeat("é", 60_000) + "-distinct-end.fit"
	const n = 1000
	reports := make([]*analyze.Report, n)
	var sum Summary
	for i := range reports {
		name := "runs/short.fit"
		if i == 0 {
			name = long
		}
		reports[i] = &analyze.Report{File: name, Outcome: analyze.OutcomeNotGraded, Label: &analyze.LabelDecision{Reason: "the file name \"" + name + "\" is not a recovery label"}}
		sum.Add(reports[i])
	}
	sum.WeekChecks = []WeekCheck{{File: long, Check: analyze.Check{ID: analyze.WeekCheckHardBefore, Status: analyze.StatusWarn, Message: "about " + long}}}
	for _, opt := range []Options{{}, {Detail: true}} {
		out := render(t, "table", opt, reports, sum)
		// Each row: at most fileWidth, the outcome, textWidth runes of 2 bytes.
		if limit := n * (fileWidth*2 + 20 + textWidth*2); len(out) > limit {
			t.Errorf("detail %v: %d bytes of table for %d rows, want at most %d", opt.Detail, len(out), n, limit)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if c := utf8.RuneCountInString(l); c > fileWidth+textWidth+40 {
				t.Errorf("detail %v: a line of %d runes: %.200s", opt.Detail, c, l)
			}
		}
		if !strings.Contains(string(out), "…"+strings.Repeat("é", fileWidth-1-len("-distinct-end.fit"))+"-distinct-end.fit") {
			t.Errorf("detail %v: the name was not cut to its last %d runes after an ellipsis", opt.Detail, fileWidth-1)
		}
	}
	out := render(t, "markdown", Options{}, reports, sum)
	if limit := n * (fileWidth*2 + 20 + textWidth*2); len(out) > limit+70_000*4 {
		t.Errorf("markdown: %d bytes", len(out))
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		end   string
		ends  string
	}{
		{"abcdef", 6, "abcdef", "abcdef"},
		{"abcdefg", 6, "…cdefg", "ab…efg"},
		{"ééééééé", 4, "…ééé", "é…éé"},
		{"abcdefgh", 5, "…efgh", "ab…gh"},
	} {
		if got := keepEnd(tc.in, tc.width); got != tc.end || utf8.RuneCountInString(got) > tc.width {
			t.Errorf("keepEnd(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.end)
		}
		if got := keepEnds(tc.in, tc.width); got != tc.ends || utf8.RuneCountInString(got) > tc.width {
			t.Errorf("keepEnds(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.ends)
		}
	}
}
