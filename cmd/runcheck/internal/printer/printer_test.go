package printer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// repoTestdata is the repository's testdata folder, made absolute before
// any test changes the working directory.
var repoTestdata, _ = filepath.Abs(filepath.Join("..", "..", "..", "..", "testdata"))

// batchFiles is the golden batch: one file of each outcome, in input order,
// relative to the repository's testdata folder.
var batchFiles = []string{
	"runs/recovery-easy.fit",     // PASS
	"runs/recovery-too-hard.fit", // FAIL
	"runs/recovery-hilly.fit",    // WARN
	"runs/no-hr.fit",             // UNGRADABLE
	"runs/hilly.fit",             // NOT GRADED
	"runs/missing.fit",           // ERROR
}

// weekFiles is the week batch: two ISO weeks with a hard session, graded
// with the week context.
var weekFiles = []string{
	"runs/week-intervals.fit",
	"runs/recovery-easy.fit",
	"runs/recovery-too-hard.fit",
	"runs/long-recovery.fit",
	"runs/hilly.fit",
	"runs/no-hr.fit",
}

// grade grades files with the zero Grader, as runcheck grade does without
// flags, from the repository's testdata folder so that reports name the
// files "runs/NAME" whatever the checkout's location. With weeks, it adds
// the week context as the command line does: the reports stay as graded,
// and the summary gets the weeks and the week checks.
func grade(t *testing.T, files []string, weeks bool) ([]*analyze.Report, Summary) {
	t.Helper()
	t.Chdir(repoTestdata)
	var g analyze.Grader
	graded := make([]analyze.Graded, len(files))
	for i, f := range files {
		graded[i] = g.GradeFile(f)
	}
	var sum Summary
	if weeks {
		runs := make([]analyze.WeekRun, len(graded))
		for i, gr := range graded {
			r := &gr.Report
			runs[i] = analyze.WeekRun{File: r.File, Analysis: gr.Analysis, Grade: r.Grade}
			if gr.Activity != nil {
				runs[i].Start = gr.Activity.Start
			}
			if r.Label != nil {
				runs[i].Running, runs[i].Recovery, runs[i].Label = r.Label.Running, r.Label.Graded, r.Label.Label.Text
			}
		}
		ctx := analyze.WeekContext(runs, analyze.WeekOptions{})
		for i := range graded {
			for _, c := range ctx.Checks[i] {
				sum.WeekChecks = append(sum.WeekChecks, WeekCheck{File: graded[i].Report.File, Check: c})
			}
		}
		sum.Weeks = ctx.Weeks
	}
	reports := make([]*analyze.Report, len(graded))
	for i := range graded {
		reports[i] = &graded[i].Report
		sum.Add(reports[i])
	}
	return reports, sum
}

// render prints reports in format and returns the output.
func render(t *testing.T, format string, opt Options, reports []*analyze.Report, sum Summary) []byte {
	t.Helper()
	var b bytes.Buffer
	p, err := New(format, &b, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if err := p.Report(r); err != nil {
			t.Fatalf("%s: Report(%s): %v", format, r.File, err)
		}
	}
	if err := p.Finish(sum); err != nil {
		t.Fatalf("%s: Finish: %v", format, err)
	}
	return b.Bytes()
}

// goldenCases are the golden files: name, format and options.
var goldenCases = []struct {
	name   string
	format string
	opt    Options
	weeks  bool
}{
	{name: "table", format: "table"},
	{name: "table-color", format: "table", opt: Options{Color: true}},
	{name: "table-detail", format: "table", opt: Options{Detail: true}},
	{name: "json", format: "json"},
	{name: "ndjson", format: "ndjson"},
	{name: "csv", format: "csv"},
	{name: "junit", format: "junit", opt: Options{Tool: "runcheck grade"}},
	{name: "github", format: "github", opt: Options{Tool: "runcheck grade"}},
	{name: "markdown", format: "markdown", opt: Options{Tool: "runcheck grade"}},
	{name: "table-weeks", format: "table", weeks: true},
	{name: "ndjson-weeks", format: "ndjson", weeks: true},
	{name: "junit-weeks", format: "junit", opt: Options{Tool: "runcheck grade"}, weeks: true},
	{name: "junit-weeks-warn", format: "junit", opt: Options{Tool: "runcheck grade", FailOn: "warn"}, weeks: true},
	{name: "junit-never", format: "junit", opt: Options{Tool: "runcheck grade", FailOn: "never"}},
	{name: "github-weeks", format: "github", opt: Options{Tool: "runcheck grade"}, weeks: true},
	{name: "markdown-weeks", format: "markdown", opt: Options{Tool: "runcheck grade"}, weeks: true},
}

// golden returns the golden output of a case, printed afresh.
func golden(t *testing.T, name string) []byte {
	t.Helper()
	for _, tc := range goldenCases {
		if tc.name == name {
			files := batchFiles
			if tc.weeks {
				files = weekFiles
			}
			reports, sum := grade(t, files, tc.weeks)
			return render(t, tc.format, tc.opt, reports, sum)
		}
	}
	t.Fatalf("no golden case %q", name)
	return nil
}

func TestGolden(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			files := batchFiles
			if tc.weeks {
				files = weekFiles
			}
			reports, sum := grade(t, files, tc.weeks)
			got := render(t, tc.format, tc.opt, reports, sum)
			if again := render(t, tc.format, tc.opt, reports, sum); !bytes.Equal(got, again) {
				t.Fatalf("printing twice gave different bytes:\n%s\n---\n%s", got, again)
			}
			path := filepath.Join(dir, tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run go test -update to rewrite it):\n%s", tc.name, path, diff(string(want), string(got)))
			}
		})
	}
}

// diff shows the first lines that differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 5; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			shown++
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl + "\n")
		}
	}
	return b.String()
}

func TestJUnitParses(t *testing.T) {
	for _, name := range []string{"junit", "junit-weeks"} {
		t.Run(name, func(t *testing.T) {
			out := golden(t, name)
			var doc struct {
				XMLName  xml.Name `xml:"testsuites"`
				Tests    int      `xml:"tests,attr"`
				Failures int      `xml:"failures,attr"`
				Errors   int      `xml:"errors,attr"`
				Skipped  int      `xml:"skipped,attr"`
				Suites   []struct {
					Name     string `xml:"name,attr"`
					Tests    int    `xml:"tests,attr"`
					Failures int    `xml:"failures,attr"`
					Errors   int    `xml:"errors,attr"`
					Skipped  int    `xml:"skipped,attr"`
					Cases    []struct {
						Classname string `xml:"classname,attr"`
						Name      string `xml:"name,attr"`
						Failure   *struct {
							Message string `xml:"message,attr"`
							Text    string `xml:",chardata"`
						} `xml:"failure"`
						Error *struct {
							Message string `xml:"message,attr"`
						} `xml:"error"`
						Skipped *struct {
							Message string `xml:"message,attr"`
						} `xml:"skipped"`
						SystemOut string `xml:"system-out"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatalf("the JUnit output does not parse: %v\n%s", err, out)
			}
			reports, sum := grade(t, batchFiles, false)
			if name == "junit-weeks" {
				reports, sum = grade(t, weekFiles, true)
			}
			if len(doc.Suites) != 1 {
				t.Fatalf("%d test suites, want 1", len(doc.Suites))
			}
			s := doc.Suites[0]
			if s.Name != "runcheck grade" {
				t.Errorf("suite name %q, want %q", s.Name, "runcheck grade")
			}
			c := sum.Counts
			want := [4]int{len(reports), c[analyze.OutcomeFail], c[analyze.OutcomeError], c[analyze.OutcomeUngradable] + c[analyze.OutcomeNotGraded]}
			if got := [4]int{s.Tests, s.Failures, s.Errors, s.Skipped}; got != want {
				t.Errorf("testsuite tests, failures, errors, skipped = %v, want %v", got, want)
			}
			// The common schema has no skipped on testsuites.
			if got := [4]int{doc.Tests, doc.Failures, doc.Errors, doc.Skipped}; got != [4]int{want[0], want[1], want[2], 0} {
				t.Errorf("testsuites tests, failures, errors, skipped = %v, want %v and no skipped", got, want[:3])
			}
			if len(s.Cases) != len(reports) {
				t.Fatalf("%d test cases, want %d", len(s.Cases), len(reports))
			}
			for i, tc := range s.Cases {
				r := reports[i]
				if tc.Name != r.File || tc.Classname != "runcheck" {
					t.Errorf("case %d: classname %q, name %q; want runcheck, %s", i, tc.Classname, tc.Name, r.File)
				}
				var got []string
				if tc.Failure != nil {
					got = append(got, "failure")
				}
				if tc.Error != nil {
					got = append(got, "error")
				}
				if tc.Skipped != nil {
					got = append(got, "skipped")
				}
				var want []string
				switch r.Outcome {
				case analyze.OutcomeFail:
					want = []string{"failure"}
					weekWarnings := 0
					for _, wc := range sum.WeekChecks {
						if wc.File == r.File && wc.Check.Status != analyze.StatusPass {
							weekWarnings++
						}
					}
					if lines := strings.Count(strings.TrimSpace(tc.Failure.Text), "\n") + 1; lines != len(r.Grade.Reasons)+weekWarnings {
						t.Errorf("%s: the failure has %d lines, want one per reason (%d) and week warning (%d)", r.File, lines, len(r.Grade.Reasons), weekWarnings)
					}
				case analyze.OutcomeError:
					want = []string{"error"}
				case analyze.OutcomeUngradable, analyze.OutcomeNotGraded:
					want = []string{"skipped"}
				default:
					if !strings.Contains(tc.SystemOut, r.Grade.Reasons[0]) {
						t.Errorf("%s: system-out %q lacks the first reason", r.File, tc.SystemOut)
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s (%s): %v, want %v", r.File, r.Outcome, got, want)
				}
			}
		})
	}
}

func TestCSVParses(t *testing.T) {
	out := golden(t, "csv")
	rd := csv.NewReader(bytes.NewReader(out))
	rd.FieldsPerRecord = len(CSVHeader())
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("the CSV output does not parse with %d columns a row: %v", len(CSVHeader()), err)
	}
	if !slices.Equal(rows[0], CSVHeader()) {
		t.Errorf("header %q, want %q", rows[0], CSVHeader())
	}
	if len(rows) != 1+len(batchFiles) {
		t.Fatalf("%d rows, want a header and %d reports", len(rows), len(batchFiles))
	}
	col := func(name string) int { return slices.Index(CSVHeader(), name) }
	for i, f := range batchFiles {
		if rows[i+1][col("file")] != f {
			t.Errorf("row %d: file %q, want %q", i+1, rows[i+1][col("file")], f)
		}
	}
	// The PASS run's figures, from testdata/runs/recovery-easy.json.
	pass := rows[1]
	for name, want := range map[string]string{
		"outcome": "PASS", "max_hr_bpm": "190", "ceiling_bpm": "133", "above_ceiling_pct": "0",
		"moving_min": "35", "median_pace_offset_s_per_km": "", "label_source": "file-names", "label": "Recovery run",
	} {
		if got := pass[col(name)]; got != want {
			t.Errorf("recovery-easy %s = %q, want %q", name, got, want)
		}
	}
	// The unreadable file has nothing but its name, outcome and error.
	for i, v := range rows[len(rows)-1] {
		switch CSVHeader()[i] {
		case "file", "outcome", "reason":
			if v == "" {
				t.Errorf("missing.fit: %s is empty", CSVHeader()[i])
			}
		default:
			if v != "" {
				t.Errorf("missing.fit: %s = %q, want empty", CSVHeader()[i], v)
			}
		}
	}
}

func TestJSONParses(t *testing.T) {
	out := golden(t, "json")
	var doc struct {
		Reports []analyze.Report `json:"reports"`
		Summary Summary          `json:"summary"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("the JSON output does not parse: %v", err)
	}
	if dec.More() {
		t.Error("more than one JSON document")
	}
	if len(doc.Reports) != len(batchFiles) {
		t.Fatalf("%d reports, want %d", len(doc.Reports), len(batchFiles))
	}
	reports, sum := grade(t, batchFiles, false)
	for i, r := range doc.Reports {
		if r.File != reports[i].File || r.Outcome != reports[i].Outcome {
			t.Errorf("report %d: %s %s, want %s %s", i, r.File, r.Outcome, reports[i].File, reports[i].Outcome)
		}
	}
	if doc.Summary.Files != sum.Files || !mapsEqual(doc.Summary.Counts, sum.Counts) {
		t.Errorf("summary %+v, want %+v", doc.Summary, sum)
	}
}

// mapsEqual compares counts, a missing outcome counting as zero.
func mapsEqual(a, b map[analyze.Outcome]int) bool {
	for _, o := range Outcomes() {
		if a[o] != b[o] {
			return false
		}
	}
	return true
}

func TestNDJSONParses(t *testing.T) {
	for _, name := range []string{"ndjson", "ndjson-weeks"} {
		t.Run(name, func(t *testing.T) {
			out := golden(t, name)
			lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
			files := batchFiles
			if name == "ndjson-weeks" {
				files = weekFiles
			}
			if len(lines) != len(files)+1 {
				t.Fatalf("%d lines, want a line per report and a summary line", len(lines))
			}
			for i, line := range lines[:len(files)] {
				var r analyze.Report
				if err := json.Unmarshal([]byte(line), &r); err != nil {
					t.Fatalf("line %d does not parse: %v", i+1, err)
				}
				if r.File != files[i] {
					t.Errorf("line %d: file %q, want %q", i+1, r.File, files[i])
				}
			}
			var last struct {
				Summary *Summary `json:"summary"`
			}
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Summary == nil {
				t.Fatalf("the last line is not a summary: %v: %s", err, lines[len(lines)-1])
			}
			if last.Summary.Files != len(files) {
				t.Errorf("summary files %d, want %d", last.Summary.Files, len(files))
			}
			if (name == "ndjson-weeks") != (len(last.Summary.Weeks) > 0) {
				t.Errorf("summary weeks %v", last.Summary.Weeks)
			}
		})
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestTableColorAligns(t *testing.T) {
	plain, color := golden(t, "table"), golden(t, "table-color")
	if bytes.Equal(plain, color) {
		t.Fatal("the colour table has no colours")
	}
	if got := ansi.ReplaceAll(color, nil); !bytes.Equal(got, plain) {
		t.Errorf("without its colours, the colour table differs from the plain one:\n%s", diff(string(plain), string(got)))
	}
	detail := golden(t, "table-detail")
	if ansi.Match(plain) || ansi.Match(detail) {
		t.Error("colours without Options.Color")
	}
	reports, sum := grade(t, batchFiles, false)
	colorDetail := render(t, "table", Options{Detail: true, Color: true}, reports, sum)
	if !ansi.Match(colorDetail) {
		t.Error("the colour detail view has no colours")
	}
	if got := ansi.ReplaceAll(colorDetail, nil); !bytes.Equal(got, detail) {
		t.Errorf("without its colours, the colour detail view differs from the plain one:\n%s", diff(string(detail), string(got)))
	}
}

func TestGitHubEscaping(t *testing.T) {
	r := &analyze.Report{
		File:    "runs/a,b:c%d.fit",
		Outcome: analyze.OutcomeError,
		Error:   "100% wrong\r\nat offset 12: one, two",
	}
	var b bytes.Buffer
	p, err := New("github", &b, Options{Tool: "runcheck check"})
	if err != nil {
		t.Fatal(err)
	}
	var sum Summary
	sum.Add(r)
	if err := p.Report(r); err != nil {
		t.Fatal(err)
	}
	if err := p.Finish(sum); err != nil {
		t.Fatal(err)
	}
	want := "::error file=runs/a%2Cb%3Ac%25d.fit,title=ERROR (runcheck check)::100%25 wrong\\x0d\\x0aat offset 12: one, two\n" +
		"1 file: 1 ERROR\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "runs/recovery-easy.fit", "runs/recovery-easy.fit"},
		{"pipe", "a|b", `a\|b`},
		{"newline", "one\ntwo\r\nthree", `one\\x0atwo\\x0d\\x0athree`},
		{"html", "<b>&</b>", `\<b\>&amp;\</b\>`},
		{"emphasis", "*x* _y_ time_in_zone", `\*x\* \_y\_ time_in_zone`},
		{"code and links", "`[x](y)`", "\\`\\[x\\](y)\\`"},
		{"control", "a\x1b[31mb", `a\\x1b\[31mb`},
		{"mention", "hi @octocat and @org/team-a.", "hi `@octocat` and `@org/team-a.`"},
		{"mentions back to back", "@a@b", "`@a@b`"},
		{"a lone at sign", "a @ b @", "a @ b @"},
		{"mention after a backtick", "`@x`", "\\``@x`\\`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markdownText(tc.in); got != tc.want {
				t.Errorf("markdownText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestJUnitEscaping(t *testing.T) {
	r := &analyze.Report{
		File: `runs/<"a"&b>.fit`, Outcome: analyze.OutcomeFail,
		Grade: &analyze.Grade{
			Verdict: analyze.VerdictFail, Summary: "FAIL: x ]]> y \x00",
			Reasons: []string{"x ]]> y \x00 \uFFFE", "<second>"},
		},
	}
	var sum Summary
	sum.Add(r)
	out := render(t, "junit", Options{}, []*analyze.Report{r}, sum)
	var doc struct {
		Suite struct {
			Case struct {
				Name    string `xml:"name,attr"`
				Failure struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("does not parse: %v\n%s", err, out)
	}
	c := doc.Suite.Case
	if c.Name != r.File {
		t.Errorf("name %q, want %q", c.Name, r.File)
	}
	// Clean shows the NUL as an escape; xmlSafe replaces the noncharacter,
	// which XML cannot hold and Clean leaves alone.
	if want := "\nx ]]> y \\x00 \uFFFD\n<second>\n"; c.Failure.Text != want {
		t.Errorf("failure text %q, want %q", c.Failure.Text, want)
	}
}

func TestSummaryLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Summary
		want string
	}{
		{"empty", Summary{}, "0 files"},
		{"one", Summary{Files: 1, Counts: map[analyze.Outcome]int{analyze.OutcomePass: 1}}, "1 file: 1 PASS"},
		{"order and zeros", Summary{Files: 5, Counts: map[analyze.Outcome]int{
			analyze.OutcomeNotGraded: 1, analyze.OutcomeFail: 2, analyze.OutcomeWarn: 0,
			analyze.OutcomeUngradable: 1, analyze.OutcomePass: 1,
		}}, "5 files: 1 PASS, 2 FAIL, 1 UNGRADABLE, 1 NOT GRADED"},
		{"unknown outcomes last, in order", Summary{Files: 3, Counts: map[analyze.Outcome]int{
			"ZZZ": 1, "AAA": 1, analyze.OutcomeError: 1,
		}}, "3 files: 1 ERROR, 1 AAA, 1 ZZZ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SummaryLine(tc.s); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSummaryJSON(t *testing.T) {
	var s Summary
	s.Add(&analyze.Report{Outcome: analyze.OutcomeFail})
	s.Add(&analyze.Report{Outcome: analyze.OutcomeFail})
	s.Add(&analyze.Report{Outcome: analyze.OutcomePass})
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"files":3,"counts":{"PASS":1,"WARN":0,"FAIL":2,"UNGRADABLE":0,"NOT GRADED":0,"ERROR":0}}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	var back Summary
	if err := json.Unmarshal(b, &back); err != nil || back.Files != 3 || !mapsEqual(back.Counts, s.Counts) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}

func TestNew(t *testing.T) {
	for _, f := range Formats() {
		if _, err := New(f, new(bytes.Buffer), Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	_, err := New("xml", new(bytes.Buffer), Options{})
	if err == nil {
		t.Fatal(`New("xml") gave no error`)
	}
	want := `unknown format "xml": want table, json, ndjson, csv, junit, github or markdown`
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// TestEmpty prints an empty batch in every format: the machine formats
// stay valid.
func TestEmpty(t *testing.T) {
	for _, f := range Formats() {
		t.Run(f, func(t *testing.T) {
			out := render(t, f, Options{}, nil, Summary{})
			switch f {
			case "json":
				var v struct {
					Reports []analyze.Report `json:"reports"`
				}
				if err := json.Unmarshal(out, &v); err != nil || v.Reports == nil {
					t.Errorf("%v, reports %v:\n%s", err, v.Reports, out)
				}
			case "junit":
				var v struct{}
				if err := xml.Unmarshal(out, &v); err != nil {
					t.Errorf("%v:\n%s", err, out)
				}
			case "ndjson":
				if got, want := string(out), `{"summary":{"files":0,"counts":{"PASS":0,"WARN":0,"FAIL":0,"UNGRADABLE":0,"NOT GRADED":0,"ERROR":0}}}`+"\n"; got != want {
					t.Errorf("got %q, want %q", got, want)
				}
			case "csv":
				if got, want := string(out), strings.Join(CSVHeader(), ",")+"\n"; got != want {
					t.Errorf("got %q, want the header %q", got, want)
				}
			default:
				if !strings.Contains(string(out), "0 files") {
					t.Errorf("no summary line:\n%s", out)
				}
			}
		})
	}
}

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	reports, sum := grade(t, batchFiles, false)
	for _, f := range Formats() {
		t.Run(f, func(t *testing.T) {
			p, err := New(f, &failWriter{n: 10}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var errs []error
			for _, r := range reports {
				errs = append(errs, p.Report(r))
			}
			errs = append(errs, p.Finish(sum))
			if !errors.Is(errors.Join(errs...), errFull) {
				t.Errorf("the write error was not returned: %v", errs)
			}
			if last := errs[len(errs)-1]; !errors.Is(last, errFull) {
				t.Errorf("Finish after a write error returned %v", last)
			}
		})
	}
}

func TestNilReport(t *testing.T) {
	for _, f := range Formats() {
		p, _ := New(f, new(bytes.Buffer), Options{})
		if err := p.Report(nil); err == nil {
			t.Errorf("%s: Report(nil) gave no error", f)
		}
	}
}

// TestDatasetChecks prints a report of runcheck check whose dataset check
// failed: the failure leads the table's reason, the detail view's checks and
// the JUnit failure's text.
func TestDatasetChecks(t *testing.T) {
	r := &analyze.Report{
		File: "runs/b.fit", Outcome: analyze.OutcomeFail,
		Label: &analyze.LabelDecision{Reason: "the file name \"b\" is not a recovery label"},
		Dataset: []analyze.Check{
			{ID: "channels", Status: analyze.StatusPass, Message: "has the required channels: heart_rate"},
			{ID: "duplicate", Status: analyze.StatusFail, Message: "duplicate of runs/a.fit"},
		},
	}
	var sum Summary
	sum.Add(r)
	for _, tt := range []struct {
		format string
		opt    Options
		want   []string
	}{
		{"table", Options{}, []string{"runs/b.fit  FAIL     duplicate of runs/a.fit"}},
		{"table", Options{Detail: true}, []string{"    duplicate  FAIL  duplicate of runs/a.fit", "    channels   PASS  has the required channels"}},
		{"junit", Options{}, []string{`<failure message="duplicate of runs/a.fit" type="FAIL">`, "FAIL duplicate: duplicate of runs/a.fit"}},
	} {
		out := string(render(t, tt.format, tt.opt, []*analyze.Report{r}, sum))
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s (detail %v) lacks %q:\n%s", tt.format, tt.opt.Detail, w, out)
			}
		}
	}
}

// TestSalvaged: the table and the CSV say that a report's activity was
// salvaged from a damaged file (issue 13).
func TestSalvaged(t *testing.T) {
	r := &analyze.Report{
		File: "runs/cut.fit", Outcome: analyze.OutcomePass,
		Grade: &analyze.Grade{
			Verdict: analyze.VerdictPass, Summary: "PASS: stayed easy", Salvaged: true, Confidence: "low",
			ConfidenceReasons: []string{"the file is damaged"},
		},
	}
	var sum Summary
	sum.Add(r)
	for _, tt := range []struct {
		format string
		opt    Options
		want   string
	}{
		{"table", Options{}, "runs/cut.fit  PASS     salvaged file: stayed easy"},
		{"table", Options{Detail: true}, "  confidence  low: the file is damaged"},
		{"csv", Options{}, ",low (salvaged),"},
	} {
		out := string(render(t, tt.format, tt.opt, []*analyze.Report{r}, sum))
		if !strings.Contains(out, tt.want) {
			t.Errorf("%s (detail %v) lacks %q:\n%s", tt.format, tt.opt.Detail, tt.want, out)
		}
	}
}
