package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/runcheck/runcheck/cmd/runcheck/internal/printer"
)

// parseFlags parses a verb's flags wherever they are among its paths, as
// users expect of "runcheck grade run.fit -max-hr 150": the flag package
// stops at the first argument that is not a flag, so parseFlags takes that
// argument as a path and parses on. "--" ends the flags, so that a file
// named "-x.fit" can still be given after it; "-" alone is a path
// (standard input). After it, fs.Args() holds the paths in their order.
//
// A flag's error is printed in the tool's format, naming the verb, with a
// pointer to the verb's -h (which prints the usage); -h prints the usage on
// stderr. parseFlags returns false with the exit code to use when the
// caller must stop.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (int, bool) {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, for -h only
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = usage; fs.SetOutput(stderr) }()

	var paths []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			fs.SetOutput(stderr)
			if errors.Is(err, flag.ErrHelp) {
				if usage != nil {
					usage()
				} else {
					fs.PrintDefaults()
				}
				return exitOK, false
			}
			errorf(stderr, "%s: %s", fs.Name(), flagError(err))
			fmt.Fprintf(stderr, "run \"runcheck %s -h\" for its flags\n", fs.Name())
			return exitError, false
		}
		left := fs.Args()
		if endsFlags(fs, rest[:len(rest)-len(left)]) {
			paths = append(paths, left...)
			break
		}
		if len(left) > 0 {
			paths, left = append(paths, left[0]), left[1:]
		}
		rest = left
	}
	// Leave the paths in fs.Args(): after "--", Parse takes every
	// argument as one.
	if err := fs.Parse(append([]string{"--"}, paths...)); err != nil {
		panic("runcheck: parsing paths after --: " + err.Error()) // cannot happen: nothing is parsed after --
	}
	return exitOK, true
}

// endsFlags reports whether the arguments the flag package consumed in one
// Parse end with the "--" that ends the flags, rather than with a "--"
// given as a flag's value ("-label --"): it replays them, flag by flag.
func endsFlags(fs *flag.FlagSet, consumed []string) bool {
	for i := 0; i < len(consumed); i++ {
		a := consumed[i]
		if a == "--" {
			return true
		}
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // not parsed: Parse would have failed
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		i++ // the flag's value
	}
	return false
}

// flagInvalid matches the flag package's message for a value its flag's
// Set refused.
var flagInvalid = regexp.MustCompile(`^invalid value ("(?:[^"\\]|\\.)*") for flag (-\S+): (.*)$`)

// flagError words an error of the flag package as the tool's messages
// are: "-max-hr 1900: out of range; want 100 to 250 bpm" for an invalid
// value, and a hint for a flag that is not defined, which may be a file
// whose name starts with "-". The value, typed by the user, is printed
// with control characters escaped.
func flagError(err error) string {
	msg := err.Error()
	if m := flagInvalid.FindStringSubmatch(msg); m != nil {
		v, uerr := strconv.Unquote(m[1])
		if uerr != nil {
			v = m[1]
		}
		return fmt.Sprintf("%s %s: %s", m[2], printer.Clean(v), m[3])
	}
	if strings.HasPrefix(msg, "flag provided but not defined: ") {
		return printer.Clean(msg) + ` (a file whose name starts with "-" goes after "--")`
	}
	return printer.Clean(msg)
}
