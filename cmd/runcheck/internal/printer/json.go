package printer

import "github.com/runcheck/runcheck/analyze"

// jsonPrinter writes one JSON document, indented by two spaces:
//
//	{
//	  "reports": [
//	    {"file": ..., "outcome": ..., ...},
//	    ...
//	  ],
//	  "summary": {"files": 6, "counts": {...}, "weeks": [...]}
//	}
//
// Each report is an [analyze.Report] as it marshals; the summary is a
// [Summary]. The document is written as the reports come, and is whole
// once Finish has returned.
type jsonPrinter struct {
	w       *errWriter
	started bool
	n       int
}

// start writes the head of the document once.
func (p *jsonPrinter) start() {
	if !p.started {
		p.started = true
		p.w.printf("{\n  \"reports\": [")
	}
}

// Report writes one element of the reports array.
func (p *jsonPrinter) Report(r *analyze.Report) error {
	if r == nil {
		return nilReport()
	}
	b, err := marshalIndent(r, "    ", "  ")
	if err != nil {
		return err
	}
	p.start()
	if p.n > 0 {
		p.w.printf(",")
	}
	p.n++
	p.w.printf("\n    %s", b)
	return p.w.err
}

// Finish closes the reports array and writes the summary.
func (p *jsonPrinter) Finish(s Summary) error {
	b, err := marshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	p.start()
	if p.n > 0 {
		p.w.printf("\n  ")
	}
	p.w.printf("],\n  \"summary\": %s\n}\n", b)
	return p.w.err
}
