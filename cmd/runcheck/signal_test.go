//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperArgs is the environment variable through which TestInterrupt
// hands a child process its command line, one argument a line.
const helperArgs = "RUNCHECK_HELPER_ARGS"

// TestInterruptHelper is the child process of TestInterrupt: it runs the
// tool on the command line it is given and exits with its exit code.
func TestInterruptHelper(t *testing.T) {
	args := os.Getenv(helperArgs)
	if args == "" {
		t.Skip("the child process of TestInterrupt")
	}
	os.Exit(run(strings.Split(args, "\n"), os.Stdin, os.Stdout, os.Stderr))
}

// TestInterrupt sends SIGINT, SIGTERM and SIGHUP to a real runcheck
// process that is writing a report with -o and waiting on its standard
// input: it exits 130, 143 and 129, says "interrupted", leaves no
// .runcheck-*.tmp file behind and the report as it was.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "report.xml")
			if err := os.WriteFile(out, []byte("the last report"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd, stderr := startHelper(t, "grade", "-max-hr", "190", "-format", "junit", "-o", out, fixtureRun, "-")
			deadline := time.Now().Add(30 * time.Second)
			for {
				if tmp, _ := filepath.Glob(filepath.Join(dir, ".runcheck-*.tmp")); len(tmp) > 0 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("the child never opened its report: %s", stderr.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(50 * time.Millisecond) // into the walk
			err := signalAndWait(t, cmd, c.sig)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != c.code {
				t.Errorf("%v: %v, want exit code %d", c.sig, err, c.code)
			}
			if !strings.Contains(stderr.String(), "runcheck: error: interrupted\n") {
				t.Errorf("stderr %q, want runcheck: error: interrupted", stderr.String())
			}
			noTemp(t, dir)
			if b, _ := os.ReadFile(out); string(b) != "the last report" {
				t.Errorf("the report became %q", b)
			}
		})
	}
}

// TestInterruptStdinRead: SIGTERM stops inspect while it waits on a read
// of standard input that nothing can cancel: exit 143 within the grace
// period, not a hang until the input ends.
func TestInterruptStdinRead(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	cmd, stderr := startHelper(t, "inspect", "-")
	time.Sleep(300 * time.Millisecond) // into the read
	err := signalAndWait(t, cmd, syscall.SIGTERM)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 143 || !strings.Contains(stderr.String(), "runcheck: error: interrupted") {
		t.Errorf("%v, stderr %q; want exit 143 and interrupted", err, stderr.String())
	}
}

// startHelper starts the tool as a child process (TestInterruptHelper) on
// args, with a standard input that is never written, so that a run that
// reads "-" waits; the pipe is closed when the test ends. It returns the
// process and what it writes on stderr.
func startHelper(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptHelper$")
	cmd.Env = append(os.Environ(), helperArgs+"="+strings.Join(args, "\n"))
	stdin, hold, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hold.Close() })
	var stderr bytes.Buffer
	cmd.Stdin, cmd.Stderr = stdin, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stdin.Close()
	return cmd, &stderr
}

// signalAndWait sends sig to the child and returns what Wait returns; a
// child that has not stopped 30 s later is killed and fails the test.
func signalAndWait(t *testing.T, cmd *exec.Cmd, sig syscall.Signal) error {
	t.Helper()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the child did not stop on %v", sig)
		return nil
	}
}
