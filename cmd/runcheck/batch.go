package main

import (
	"context"
	"io"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
)

// batch grades a stream of inputs with a bounded pool of workers and hands
// the results back in input order, whatever the order they finish in (the
// sequencer of gofmt): each input gets a slot in a queue as it is listed,
// a worker fills the slot, and the caller empties the queue in order. The
// queue holds at most a few slots per worker, so memory stays flat however
// many files there are.
type batch struct {
	grader  *analyze.Grader
	workers int // 0 means the number of CPUs
	limits  input.Limits
	// dataset adds the check verb's per-file dataset checks, in the worker;
	// ordered adds those that depend on the files before (duplicates), in
	// input order. Both nil for grade.
	dataset func(*result, *analyze.Graded)
	ordered func(*result)
}

// result is one file's outcome, kept small: the report and what the week
// context needs. A result with skip set is not a file: the walk passed over
// a path (skip says why); one with err set ends the batch (a worker's
// panic).
type result struct {
	report analyze.Report
	week   analyze.WeekRun
	skip   string
	err    error
}

// walkInputs lists the inputs of the verbs: input.Walk, a variable so that
// tests can list items the walker of the moment does not make (skipped
// paths) and make the walk or an item panic.
var walkInputs = input.Walk

// run walks paths and calls emit with every file's result in input order;
// skipped paths are results with skip set. It returns early when emit
// returns an error, and promptly when ctx is cancelled (with its cause),
// without waiting for a worker blocked reading: the walker stops at once
// and the workers when their read fails or ends, so no goroutine outlives
// them. A panic in the walk or a worker ends the batch with a *panicError.
func (b *batch) run(ctx context.Context, paths []string, stdin io.Reader, weekOpt analyze.WeekOptions, emit func(*result) error) error {
	workers := b.workers
	if workers <= 0 {
		workers = defaultJobs()
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	queue := make(chan chan *result, 2*workers)
	go func() {
		var g errgroup.Group
		g.SetLimit(workers)
		err := protect(func() {
			for item := range walkInputs(paths, stdin, b.limits) {
				slot := make(chan *result, 1)
				select {
				case queue <- slot:
				case <-ctx.Done():
					return
				}
				if item.Skip != "" {
					slot <- &result{report: analyze.Report{File: item.Name}, skip: item.Skip}
					continue
				}
				g.Go(func() error {
					slot <- b.safeGrade(ctx, item, weekOpt)
					return nil
				})
			}
		})
		g.Wait()
		if err != nil {
			slot := make(chan *result, 1)
			slot <- &result{err: err}
			select {
			case queue <- slot:
			case <-ctx.Done():
			}
		}
		close(queue)
	}()
	for {
		var slot chan *result
		select {
		case s, ok := <-queue:
			if !ok {
				return nil
			}
			slot = s
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		var r *result
		select {
		case r = <-slot:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		if ctx.Err() != nil {
			return context.Cause(ctx) // r may be a read the cancellation cut short
		}
		if r.err != nil {
			return r.err
		}
		if r.skip == "" && b.ordered != nil {
			b.ordered(r)
		}
		if err := emit(r); err != nil {
			return err
		}
	}
}

// safeGrade is grade, with a panic turned into a result that ends the
// batch, and nothing done once ctx is cancelled.
func (b *batch) safeGrade(ctx context.Context, item input.Item, weekOpt analyze.WeekOptions) (r *result) {
	if err := ctx.Err(); err != nil {
		return &result{err: context.Cause(ctx)}
	}
	if err := protect(func() { r = b.grade(ctx, item, weekOpt) }); err != nil {
		return &result{err: err}
	}
	return r
}

// grade reads and grades one input; a file that cannot be read is a result
// with OutcomeError.
func (b *batch) grade(ctx context.Context, item input.Item, weekOpt analyze.WeekOptions) *result {
	g := gradeItem(ctx, b.grader, item)
	r := &result{report: g.Report}
	if g.Activity == nil {
		return r
	}
	a := g.Activity
	label := g.Report.Label
	r.week = analyze.WeekRun{
		File: item.Name, Start: a.Start, Running: label.Running, Recovery: label.Graded,
		Label: label.Label.Text,
	}
	if an := g.Analysis; an != nil {
		r.week.Analysis = an
		_, r.week.HardReasons = analyze.HardSession(r.week, weekOpt)
		r.week.HardDecided = true
		// Keep only what the week context reads: the time and the load.
		small := &analyze.Analysis{Time: an.Time}
		if an.HeartRate != nil {
			small.HeartRate = &analyze.HeartRateFigures{Edwards: an.HeartRate.Edwards}
		}
		r.week.Analysis = small
	}
	if r.week.Recovery && g.Report.Grade != nil {
		// The week context counts verdicts: keep the verdict, not the grade.
		r.week.Grade = &analyze.Grade{Verdict: g.Report.Grade.Verdict}
	}
	if b.dataset != nil {
		b.dataset(r, &g)
	}
	return r
}

// ctxReader is a reader that fails with ctx's cause once ctx is cancelled,
// so that a decode stops at its next read when the run is interrupted.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		return 0, context.Cause(c.ctx)
	}
	return c.r.Read(p)
}

// The memory bound of the default -j. The worst single file the default
// limits let through costs up to perFileWorstCase of heap (garbage not yet
// collected included) while it is read and graded, as TestWorstCasePeak
// measures it: a GPX file of activity.DefaultMaxSamples (2,000,000) points
// within analyze.DefaultMaxSize (256 MiB) peaks at about 940 MiB, a gzip
// bomb inflating to 256 MiB at 512 MiB (the chunks read and their join).
// The default number of workers is the number of CPUs, but no more than
// keeps that many worst files within memoryBound.
const (
	memoryBound          = 4 << 30 // bytes
	memoryBoundText      = "4 GiB"
	perFileWorstCase     = 1 << 30 // bytes
	perFileWorstCaseText = "1 GiB"
	maxDefaultJobs       = memoryBound / perFileWorstCase
)

// defaultJobs is the default of -j: the number of CPUs, at most
// maxDefaultJobs.
func defaultJobs() int {
	return max(1, min(runtime.NumCPU(), maxDefaultJobs))
}
