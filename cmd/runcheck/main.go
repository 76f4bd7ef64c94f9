package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/runcheck/runcheck/cmd/runcheck/internal/printer"
)

// Exit codes.
const (
	exitOK    = 0 // every input was read (and every graded run passed)
	exitFail  = 1 // a run failed its grade
	exitError = 2 // a usage error, an unreadable input, no input, an output error, an internal error
	// An interrupted run exits 128 plus the signal's number: 130 on
	// SIGINT, 143 on SIGTERM, 129 on SIGHUP (see signal.go).
)

const usage = `usage: runcheck <command> [flags] PATH...

runcheck reads the files sports watches export (FIT, GPX, TCX, optionally
gzip-compressed) and tells whether easy days were really easy.

Commands:
  grade     grade labelled recovery runs: did they stay easy?
  check     check an activity dataset for CI
  inspect   show what an activity file holds
  plot      draw a run, or a week of runs, as SVG or PNG
  zones     time in heart-rate zones, pace offsets, cleaning counts
  version   print the version and the build's VCS information

Run "runcheck <command> -h" for the flags of a command.

Exit codes: 0 success, 1 a run failed its grade (or check), 2 a usage error,
an unreadable file, no activity file found, a report that could not be
written or an internal error; 130, 143 and 129 when interrupted by SIGINT,
SIGTERM or SIGHUP.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit code. SIGINT,
// SIGTERM and SIGHUP cancel the command, which removes what it was writing;
// a panic anywhere ends as an internal error, exit code 2.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signalContext(context.Background())
	defer stop()
	done := make(chan int, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- internalError(stderr, &panicError{value: v, stack: debug.Stack()})
			}
		}()
		done <- dispatch(ctx, args, stdin, stdout, stderr)
	}()
	var code int
	select {
	case code = <-done:
	case <-ctx.Done():
		// Interrupted: give the command a moment to remove what it was
		// writing, but do not wait on a read that cannot be cancelled
		// (standard input).
		select {
		case code = <-done:
		case <-time.After(interruptGrace):
		}
	}
	if n, ok := interrupted(ctx); ok {
		errorf(stderr, "interrupted")
		return 128 + n
	}
	return code
}

// interruptGrace is how long an interrupted command may take to stop.
const interruptGrace = 2 * time.Second

// dispatch runs the command args name.
func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "inspect":
		return runInspect(ctx, rest, stdin, stdout, stderr)
	case "grade":
		return runGrade(ctx, rest, stdin, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdin, stdout, stderr)
	case "plot":
		return runPlot(ctx, rest, stdin, stdout, stderr)
	case "zones":
		return runZones(ctx, rest, stdin, stdout, stderr)
	case "version":
		return runVersion(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return writeStdout(stderr, func() error {
			_, err := fmt.Fprint(stdout, usage)
			return err
		})
	}
	errorf(stderr, "unknown command %q; run \"runcheck help\" for the list", cmd)
	return exitError
}

// writeStdout runs write, which prints on standard output, and returns the
// exit code: 2, with the error on stderr, when standard output could not
// be written.
func writeStdout(stderr io.Writer, write func() error) int {
	if err := write(); err != nil {
		errorf(stderr, "writing to standard output: %v", err)
		return exitError
	}
	return exitOK
}

// errorf prints an error message on stderr in the tool's format, cleaned
// of control characters (printer.Clean): file names and messages come from
// the inputs.
func errorf(stderr io.Writer, format string, args ...any) {
	fmt.Fprintf(stderr, "runcheck: error: %s\n", printer.Clean(fmt.Sprintf(format, args...)))
}

// skipped tells the user that the walk passed over name without reading
// it, and why.
func skipped(stderr io.Writer, name, reason string) {
	fmt.Fprintf(stderr, "runcheck: skipped %s\n", printer.Clean(name+": "+reason))
}
