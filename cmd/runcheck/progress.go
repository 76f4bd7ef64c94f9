package main

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress counts a batch's files on standard error when it is a terminal,
// and only once the batch has run for a second, so that short batches and
// pipelines print nothing.
type progress struct {
	w     io.Writer // nil: no progress at all
	start time.Time
	once  sync.Once
	bar   *progressbar.ProgressBar
}

// newProgress returns a progress counter for stderr, silent unless stderr is
// a terminal.
func newProgress(stderr io.Writer) *progress {
	if !isTerminal(stderr) {
		return &progress{}
	}
	return &progress{w: stderr, start: time.Now()}
}

// done counts one more file.
func (p *progress) done() {
	if p.w == nil {
		return
	}
	if p.bar == nil {
		if time.Since(p.start) < time.Second {
			return
		}
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("grading"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Add(1)
}

// finish clears the counter.
func (p *progress) finish() {
	p.once.Do(func() {
		if p.bar != nil {
			p.bar.Finish()
		}
	})
}
