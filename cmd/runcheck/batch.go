package main

import (
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
// context needs.
type result struct {
	report analyze.Report
	week   analyze.WeekRun
}

// run walks paths and calls emit with every file's result in input order.
// It stops early, without leaking a goroutine, when emit returns an error.
func (b *batch) run(paths []string, stdin io.Reader, weekOpt analyze.WeekOptions, emit func(*result) error) error {
	workers := b.workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	queue := make(chan chan *result, 2*workers)
	stop := make(chan struct{})
	go func() {
		defer close(queue)
		var g errgroup.Group
		g.SetLimit(workers)
		for item := range input.Walk(paths, stdin, b.limits) {
			slot := make(chan *result, 1)
			select {
			case queue <- slot:
			case <-stop:
				g.Wait()
				return
			}
			g.Go(func() error {
				slot <- b.grade(item, weekOpt)
				return nil
			})
		}
		g.Wait()
	}()
	var err error
	for slot := range queue {
		r := <-slot
		if b.ordered != nil {
			b.ordered(r)
		}
		if err == nil {
			if err = emit(r); err != nil {
				close(stop)
			}
		}
	}
	return err
}

// grade reads and grades one input; a file that cannot be read is a result
// with OutcomeError.
func (b *batch) grade(item input.Item, weekOpt analyze.WeekOptions) *result {
	g := gradeItem(b.grader, item)
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
