package printer

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/runcheck/runcheck/analyze"
)

// tablePrinter writes the readable formats: a FILE, OUTCOME, REASON table
// and the summary line, or with Options.Detail a block per file. The table
// is kept until Finish, which knows the column widths; the detail view
// writes each block as it comes.
//
// Every name and message passes through [Clean], then is cut to a width
// (counted in runes): a file name to [fileWidth], keeping its end, the
// distinctive part ("…/activities/1234.fit.gz"); any other text (a reason,
// a label, a message) to [textWidth], keeping its start and its end. So a
// name of 60,000 characters, which would pad every row of its table to
// its width, costs a row no more than about half a kilobyte.
type tablePrinter struct {
	w    *errWriter
	opt  Options
	rows [][]cell
	n    int // reports seen
}

// cell is one table cell: its text, and the outcome that colours it (empty
// for none).
type cell struct {
	text  string
	color analyze.Outcome
}

// ansiReset ends a colour.
const ansiReset = "\x1b[0m"

// outcomeColor returns the ANSI sequence that colours an outcome: PASS
// green, WARN yellow, FAIL red, UNGRADABLE magenta, ERROR bold red, NOT
// GRADED dim.
func outcomeColor(o analyze.Outcome) string {
	switch o {
	case analyze.OutcomePass:
		return "\x1b[32m"
	case analyze.OutcomeWarn:
		return "\x1b[33m"
	case analyze.OutcomeFail:
		return "\x1b[31m"
	case analyze.OutcomeUngradable:
		return "\x1b[35m"
	case analyze.OutcomeError:
		return "\x1b[1;31m"
	case analyze.OutcomeNotGraded:
		return "\x1b[2m"
	}
	return ""
}

// paint colours text as outcome o when colours are on.
func (p *tablePrinter) paint(o analyze.Outcome, text string) string {
	if !p.opt.Color || o == "" {
		return text
	}
	c := outcomeColor(o)
	if c == "" {
		return text
	}
	return c + text + ansiReset
}

// Report keeps a table row, or writes the file's detail block.
func (p *tablePrinter) Report(r *analyze.Report) error {
	if r == nil {
		return nilReport()
	}
	p.n++
	if p.opt.Detail {
		if p.n > 1 {
			p.w.printf("\n")
		}
		p.detail(r)
		return p.w.err
	}
	why := reason(r)
	if r.Grade != nil && r.Grade.Salvaged {
		why = "salvaged file: " + why
	}
	p.rows = append(p.rows, []cell{{text: fileCell(r.File)}, {text: string(r.Outcome), color: r.Outcome}, {text: textCell(why)}})
	return nil
}

// Finish writes the table and the summary line (in the detail view, the
// summary line only when there was more than one file), then the weeks.
func (p *tablePrinter) Finish(s Summary) error {
	if p.opt.Detail {
		if p.n > 1 {
			p.w.printf("\n%s\n", summaryLine(s, p.paint))
		}
	} else {
		if len(p.rows) > 0 {
			header := []cell{{text: "FILE"}, {text: "OUTCOME"}, {text: "REASON"}}
			p.align("", append([][]cell{header}, p.rows...))
		}
		p.w.printf("%s\n", summaryLine(s, p.paint))
	}
	if len(s.Weeks) > 0 {
		rows := [][]cell{{{text: "WEEK"}, {text: "FILES"}, {text: "RUNS"}, {text: "HARD"}, {text: "RECOVERY"}, {text: "VERDICTS"}, {text: "MOVING"}, {text: "TRIMP"}}}
		for _, w := range s.Weeks {
			rows = append(rows, []cell{
				{text: textCell(w.Week)}, {text: fmt.Sprint(w.Files)}, {text: fmt.Sprint(w.Runs)},
				{text: fmt.Sprint(w.HardSessions)}, {text: fmt.Sprint(w.RecoveryRuns)}, {text: dash(weekVerdicts(w))},
				{text: hoursMinutes(w.MovingSeconds)}, {text: dash(number(w.Load, 0))},
			})
		}
		p.w.printf("\n")
		p.align("", rows)
	}
	if probs := s.weekProblems(); len(probs) > 0 {
		rows := [][]cell{{{text: "FILE"}, {text: "WEEK CHECK"}, {text: "STATUS"}, {text: "MESSAGE"}}}
		for _, c := range probs {
			rows = append(rows, []cell{{text: fileCell(c.File)}, {text: textCell(c.Check.ID)}, {text: strings.ToUpper(string(c.Check.Status))}, {text: textCell(c.Check.Message)}})
		}
		p.w.printf("\n")
		p.align("", rows)
	}
	return p.w.err
}

// align writes rows as columns two spaces apart, each line starting with
// indent, the last column unpadded. Widths count runes, not the colours;
// the first columns are at least minWidth wide.
func (p *tablePrinter) align(indent string, rows [][]cell, minWidth ...int) {
	width := slices.Clone(minWidth)
	for _, row := range rows {
		for i, c := range row {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c.text))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		b.Reset()
		b.WriteString(indent)
		for i, c := range row {
			b.WriteString(p.paint(c.color, c.text))
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c.text)+2))
			}
		}
		p.w.printf("%s\n", strings.TrimRight(b.String(), " "))
	}
}

// detailLabelWidth is the width of the detail view's labels ("resting HR",
// "confidence"), the same in every block.
const detailLabelWidth = 10

// detail writes everything about one file:
//
//	runs/recovery-too-hard.fit
//	  outcome     FAIL
//	  label       the workout name "Recovery run" is a recovery label
//	  summary     6.0 min (16 %) of moving time at or above 133 bpm ...
//	  ...
//	  checks
//	    hr-ceiling  FAIL    6.0 min (16 %) ...
func (p *tablePrinter) detail(r *analyze.Report) {
	p.w.printf("%s\n", fileCell(r.File))
	var rows [][]cell
	add := func(label, text string) { rows = append(rows, []cell{{text: label}, {text: textCell(text)}}) }
	rows = append(rows, []cell{{text: "outcome"}, {text: string(r.Outcome), color: r.Outcome}})
	if r.Error != "" {
		add("error", r.Error)
	}
	if r.Label != nil {
		add("label", r.Label.Reason)
	}
	g := r.Grade
	if g != nil {
		add("summary", strings.TrimPrefix(g.Summary, string(g.Verdict)+": "))
	}
	if a := activityLine(r); a != "" {
		add("activity", a)
	}
	for _, w := range r.Warnings {
		add("warning", w)
	}
	if g != nil {
		add("profile", g.Profile.Name+": "+g.Profile.Description)
		for _, s := range []struct {
			name string
			s    analyze.Setting
			unit string
		}{
			{"max HR", g.Settings.MaxHR, " bpm"},
			{"resting HR", g.Settings.RestingHR, " bpm"},
			{"LTHR", g.Settings.ThresholdHR, " bpm"},
			{"age", g.Settings.Age, " years"},
		} {
			if s.s.Known() {
				add(s.name, fmt.Sprintf("%s%s (%s)", number(s.s.Value, 1), s.unit, s.s.Source))
			}
		}
		switch {
		case g.Ceiling.Known():
			add("ceiling", fmt.Sprintf("%s bpm (%g %% of max HR)", number(g.Ceiling, 1), g.Profile.HRCeilingPct))
		case !g.Settings.MaxHR.Known():
			add("ceiling", "none: no maximum heart rate")
		}
		conf := g.Confidence
		if len(g.ConfidenceReasons) > 0 {
			conf += ": " + strings.Join(g.ConfidenceReasons, "; ")
		}
		add("confidence", conf)
	}
	p.align("  ", rows, detailLabelWidth)
	checks := slices.Clone(r.Dataset)
	if g != nil {
		checks = append(checks, g.Checks...)
	}
	if len(checks) == 0 {
		return
	}
	p.w.printf("  checks\n")
	rows = rows[:0]
	for _, c := range checks {
		rows = append(rows, []cell{{text: textCell(c.ID)}, {text: checkTag(c), color: checkColor(c)}, {text: textCell(c.Message)}})
	}
	p.align("    ", rows)
}

// checkColor is the outcome whose colour a check's status takes: advice and
// unknown checks are dim.
func checkColor(c analyze.Check) analyze.Outcome {
	switch {
	case c.Advice, c.Status == analyze.StatusUnknown:
		return analyze.OutcomeNotGraded
	case c.Status == analyze.StatusPass:
		return analyze.OutcomePass
	case c.Status == analyze.StatusWarn:
		return analyze.OutcomeWarn
	case c.Status == analyze.StatusFail:
		return analyze.OutcomeFail
	}
	return ""
}

// activityLine describes the file as read: "fit, running (generic), Tue
// 2026-03-03 07:15 +01:00"; empty when the file was not read.
func activityLine(r *analyze.Report) string {
	var parts []string
	if r.Format != "" {
		parts = append(parts, string(r.Format))
	}
	switch {
	case r.Sport != "" && r.SubSport != "" && r.SubSport != r.Sport && r.SubSport != "generic":
		parts = append(parts, r.Sport+" ("+r.SubSport+")")
	case r.Sport != "":
		parts = append(parts, r.Sport)
	}
	if r.Start != nil {
		parts = append(parts, r.Start.Format("Mon 2006-01-02 15:04 -07:00"))
	}
	return strings.Join(parts, ", ")
}

// dash returns s, or "-" when it is empty.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// The widths table cells are cut to, in runes.
const (
	// fileWidth is the widest a file name prints: wider than the paths of
	// a Garmin or Strava export, narrow enough for a terminal's table.
	fileWidth = 80
	// textWidth is the widest any other text prints: wider than every
	// reason runcheck writes itself, so that only quoted input is cut.
	textWidth = 400
)

// ellipsis marks where a cell was cut.
const ellipsis = "…"

// fileCell is a file name for a table: cleaned and cut to fileWidth,
// keeping the end.
func fileCell(s string) string { return keepEnd(Clean(s), fileWidth) }

// textCell is any other text for a table: cleaned and cut to textWidth,
// keeping the start and the end.
func textCell(s string) string { return keepEnds(Clean(s), textWidth) }

// keepEnd returns s, or when it has more than width runes, an ellipsis and
// its last width-1 runes.
func keepEnd(s string, width int) string {
	n := utf8.RuneCountInString(s)
	if n <= width {
		return s
	}
	cut := 0 // the byte offset of the first rune kept
	for skip := n - (width - 1); skip > 0; skip-- {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	return ellipsis + s[cut:]
}

// keepEnds returns s, or when it has more than width runes, its first and
// last runes with an ellipsis between, width runes in all.
func keepEnds(s string, width int) string {
	n := utf8.RuneCountInString(s)
	if n <= width {
		return s
	}
	head := (width - 1) / 2
	end := 0
	for range head {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	return s[:end] + keepEnd(s[end:], width-head)
}
