package printer_test

import (
	"fmt"
	"os"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/printer"
)

func ExampleNew() {
	reports := []*analyze.Report{
		{File: "runs/easy.fit", Outcome: analyze.OutcomePass, Grade: &analyze.Grade{
			Verdict: analyze.VerdictPass, Summary: "PASS: stayed easy: 0 s (0 %) of moving time at or above 133 bpm",
		}},
		{File: "runs/ride.fit", Outcome: analyze.OutcomeNotGraded, Label: &analyze.LabelDecision{
			Reason: "not a run (sport cycling)",
		}},
		{File: "runs/broken.fit", Outcome: analyze.OutcomeError, Error: "runs/broken.fit: fit: truncated at byte 812"},
	}
	p, err := printer.New("table", os.Stdout, printer.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var sum printer.Summary
	for _, r := range reports {
		sum.Add(r)
		if err := p.Report(r); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := p.Finish(sum); err != nil {
		fmt.Println(err)
	}
	// Output:
	// FILE             OUTCOME     REASON
	// runs/easy.fit    PASS        stayed easy: 0 s (0 %) of moving time at or above 133 bpm
	// runs/ride.fit    NOT GRADED  not a run (sport cycling)
	// runs/broken.fit  ERROR       runs/broken.fit: fit: truncated at byte 812
	// 3 files: 1 PASS, 1 NOT GRADED, 1 ERROR
}

func ExampleNew_github() {
	r := &analyze.Report{File: "runs/broken.fit", Outcome: analyze.OutcomeError, Error: "runs/broken.fit: 100% unreadable"}
	p, _ := printer.New("github", os.Stdout, printer.Options{Tool: "runcheck grade"})
	var sum printer.Summary
	sum.Add(r)
	_ = p.Report(r)
	_ = p.Finish(sum)
	// Output:
	// ::error file=runs/broken.fit,title=ERROR (runcheck grade)::runs/broken.fit: 100%25 unreadable
	// 1 file: 1 ERROR
}

func ExampleSummaryLine() {
	s := printer.Summary{Files: 4, Counts: map[analyze.Outcome]int{
		analyze.OutcomeFail: 2, analyze.OutcomePass: 1, analyze.OutcomeNotGraded: 1,
	}}
	fmt.Println(printer.SummaryLine(s))
	// Output:
	// 4 files: 1 PASS, 2 FAIL, 1 NOT GRADED
}
