package printer

import "github.com/runcheck/runcheck/analyze"

// ndjsonPrinter writes newline-delimited JSON for streaming consumers: one
// compact line per report, [analyze.Report] as it marshals, written as it
// comes; then one last line {"summary": {...}} holding the [Summary].
//
// A report line always has a "file" key and never a "summary" key, so a
// consumer tells the two apart by either; one that wants the reports alone
// keeps the lines with an "outcome" (jq: select(.outcome)).
type ndjsonPrinter struct {
	w *errWriter
}

// Report writes the report's line.
func (p *ndjsonPrinter) Report(r *analyze.Report) error {
	if r == nil {
		return nilReport()
	}
	b, err := marshal(r)
	if err != nil {
		return err
	}
	p.w.printf("%s\n", b)
	return p.w.err
}

// Finish writes the summary line.
func (p *ndjsonPrinter) Finish(s Summary) error {
	b, err := marshal(struct {
		Summary Summary `json:"summary"`
	}{s})
	if err != nil {
		return err
	}
	p.w.printf("%s\n", b)
	return p.w.err
}
