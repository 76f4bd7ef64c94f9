package printer

import (
	"fmt"
	"html"
	"strings"

	"github.com/runcheck/runcheck/analyze"
)

// markdownPrinter writes GitHub-flavoured Markdown for a pull-request
// comment: a title (the tool's name), a | File | Outcome | Reason | table
// written row by row, the summary line in bold, a table of the weeks when
// there are any, then a <details> block per FAIL and WARN with its reasons.
// The outcome column holds the plain words, no emoji.
//
// Every name and message passes through [Clean] (line breaks and other
// control characters become visible escapes, so no text ends a table row),
// and is then escaped so that no file name or message can break the table
// or smuggle in markup: backslash, pipe, backtick, the emphasis and link
// characters and < and > get a backslash, & becomes &amp;. The <summary>
// line of a <details> block is HTML, escaped as HTML. The table's cells
// are cut to the table printer's widths, file names keeping their end.
//
// The text is mention-safe: an @ followed by a letter or digit ("@user",
// "@org/team" in a file name or a label) is put in a code span with the
// name after it (<code> in the HTML of a <summary>), where GitHub and
// GitLab neither link nor notify anyone; the text still reads the same.
type markdownPrinter struct {
	w       *errWriter
	opt     Options
	started bool
	details []string
}

// start writes the title and the table's head once.
func (p *markdownPrinter) start() {
	if !p.started {
		p.started = true
		p.w.printf("## %s\n\n| File | Outcome | Reason |\n| --- | --- | --- |\n", markdownText(p.opt.tool()))
	}
}

// Report writes the report's row and keeps its details.
func (p *markdownPrinter) Report(r *analyze.Report) error {
	if r == nil {
		return nilReport()
	}
	p.start()
	p.w.printf("| %s | %s | %s |\n", markdownText(fileCell(r.File)), r.Outcome, markdownText(textCell(reason(r))))
	if r.Outcome == analyze.OutcomeFail || r.Outcome == analyze.OutcomeWarn {
		var b strings.Builder
		fmt.Fprintf(&b, "<details>\n<summary>%s: %s</summary>\n\n", htmlText(fileCell(r.File)), r.Outcome)
		for _, l := range reasonLines(r) {
			fmt.Fprintf(&b, "- %s\n", markdownText(l))
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "- warning: %s\n", markdownText(w))
		}
		b.WriteString("\n</details>\n")
		p.details = append(p.details, b.String())
	}
	return p.w.err
}

// Finish writes the summary line, the weeks and the details.
func (p *markdownPrinter) Finish(s Summary) error {
	if !p.started {
		p.started = true
		p.w.printf("## %s\n", markdownText(p.opt.tool()))
	}
	p.w.printf("\n**%s**\n", markdownText(SummaryLine(s)))
	if len(s.Weeks) > 0 {
		p.w.printf("\n| Week | Files | Runs | Hard sessions | Recovery runs | Verdicts | Moving | Edwards TRIMP |\n| --- | --: | --: | --: | --: | --- | --: | --: |\n")
		for _, w := range s.Weeks {
			p.w.printf("| %s | %d | %d | %d | %d | %s | %s | %s |\n", markdownText(w.Week), w.Files, w.Runs, w.HardSessions, w.RecoveryRuns,
				dash(weekVerdicts(w)), hoursMinutes(w.MovingSeconds), dash(number(w.Load, 0)))
		}
	}
	if probs := s.weekProblems(); len(probs) > 0 {
		p.w.printf("\n**Week context**\n\n")
		for _, c := range probs {
			p.w.printf("- %s: %s %s: %s\n", markdownText(c.File), strings.ToUpper(string(c.Check.Status)), markdownText(c.Check.ID), markdownText(c.Check.Message))
		}
	}
	for _, d := range p.details {
		p.w.printf("\n%s", d)
	}
	return p.w.err
}

// markdownText returns text for a table cell or a list item: cleaned,
// escaped, its mentions in code spans.
func markdownText(s string) string {
	var b strings.Builder
	rs := []rune(Clean(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if end := mentionEnd(rs, i); end > i {
			b.WriteString("`" + string(rs[i:end]) + "`")
			i = end - 1
			continue
		}
		switch r {
		case '\\', '|', '*', '`', '[', ']', '<', '>', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '_':
			// An underscore inside a word (time_in_zone) never emphasises.
			if i > 0 && i < len(rs)-1 && isWordRune(rs[i-1]) && isWordRune(rs[i+1]) {
				b.WriteRune(r)
			} else {
				b.WriteString(`\_`)
			}
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// htmlText returns text for HTML: cleaned, escaped, its mentions in <code>.
func htmlText(s string) string {
	var b strings.Builder
	rs := []rune(Clean(s))
	for i := 0; i < len(rs); i++ {
		if end := mentionEnd(rs, i); end > i {
			b.WriteString("<code>" + string(rs[i:end]) + "</code>")
			i = end - 1
			continue
		}
		b.WriteString(html.EscapeString(string(rs[i])))
	}
	return b.String()
}

// mentionEnd returns the end of the mention that starts at rs[i]: an @, a
// letter or digit, then letters, digits and "-_./@"; i when none starts
// there. Those characters need no escaping in a code span.
func mentionEnd(rs []rune, i int) int {
	if rs[i] != '@' || i+1 >= len(rs) || !isASCIIAlnum(rs[i+1]) {
		return i
	}
	end := i + 2
	for end < len(rs) && (isASCIIAlnum(rs[end]) || strings.ContainsRune("-_./@", rs[end])) {
		end++
	}
	return end
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f
}
