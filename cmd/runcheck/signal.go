package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

// interruptSignals are the signals that cancel a run: the terminal's ^C,
// a CI runner's or a container's stop, a closed terminal.
var interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// interruption is the cause of a context cancelled by a signal.
type interruption struct{ sig syscall.Signal }

func (i *interruption) Error() string { return "interrupted by " + i.sig.String() }

// signalContext returns a context that the first of interruptSignals
// cancels, with an *interruption as its cause. After that first signal the
// signals have their default effect again, so that a second one ends a run
// that does not stop. stop releases the signals.
func signalContext(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, interruptSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			sig, _ := s.(syscall.Signal)
			cancel(&interruption{sig: sig})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// interrupted reports whether a signal cancelled ctx, and its number.
func interrupted(ctx context.Context) (int, bool) {
	i, ok := context.Cause(ctx).(*interruption)
	if !ok {
		return 0, false
	}
	return int(i.sig), true
}

// panicError is a panic recovered in one of the tool's goroutines.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprint(p.value) }

// internalError prints a recovered panic, its message first and the stack
// after, and returns the exit code for it.
func internalError(stderr io.Writer, p *panicError) int {
	errorf(stderr, "internal error: %v (please report it, with the stack below)", p.value)
	for _, line := range strings.Split(strings.TrimRight(string(p.stack), "\n"), "\n") {
		errorf(stderr, "  %s", strings.ReplaceAll(line, "\t", "    "))
	}
	return exitError
}

// protect runs f and returns the panic it raised, if any, as a *panicError.
func protect(f func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{value: v, stack: debug.Stack()}
		}
	}()
	f()
	return nil
}
