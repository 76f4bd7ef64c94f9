package printer

import (
	"encoding/json"

	"github.com/runcheck/runcheck/analyze"
)

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

// Finish writes the summary line. It is encoded straight to the output,
// not through a buffer and a copy as a report line is: with the week checks
// of a large batch (a few hundred bytes per recovery run) it is the one
// line whose size grows with the batch.
func (p *ndjsonPrinter) Finish(s Summary) error {
	enc := json.NewEncoder(p.w)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		Summary Summary `json:"summary"`
	}{s})
	if p.w.err != nil {
		return p.w.err
	}
	return err
}
