package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK    = 0 // every input was read (and every graded run passed)
	exitFail  = 1 // a run failed its grade
	exitError = 2 // a usage error or an unreadable input
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

Run "runcheck <command> -h" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "inspect":
		return runInspect(rest, stdin, stdout, stderr)
	case "grade":
		return runGrade(rest, stdin, stdout, stderr)
	case "check":
		return runCheck(rest, stdin, stdout, stderr)
	case "plot":
		return runPlot(rest, stdin, stdout, stderr)
	case "zones":
		return runZones(rest, stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	errorf(stderr, "unknown command %q; run \"runcheck help\" for the list", cmd)
	return exitError
}

// errorf prints an error message on stderr in the tool's format.
func errorf(stderr io.Writer, format string, args ...any) {
	fmt.Fprintf(stderr, "runcheck: error: "+format+"\n", args...)
}
