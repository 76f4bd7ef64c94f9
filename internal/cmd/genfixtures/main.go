// Command genfixtures writes runcheck's generated test fixtures: for every
// run description NAME.json in a folder it writes NAME.fit, NAME.tcx and,
// when the run has GPS, NAME.gpx beside it (see package
// github.com/runcheck/runcheck/internal/fixture for the description format).
//
// Usage, from the module root:
//
//	go run ./internal/cmd/genfixtures [-dir testdata/runs] [-check]
//
// With -check it writes nothing and exits 1 when a file on disk differs from
// what the generator makes now.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/runcheck/runcheck/internal/fixture"
)

const usage = `usage: genfixtures [-dir DIR] [-check]

Writes NAME.fit, NAME.gpx and NAME.tcx beside every NAME.json run
description in DIR (default testdata/runs).
`

// Exit codes.
const (
	exitOK    = 0
	exitStale = 1
	exitError = 2
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("genfixtures", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(os.Stderr, usage); fs.PrintDefaults() }
	dir := fs.String("dir", filepath.Join("testdata", "runs"), "folder of NAME.json run descriptions")
	check := fs.Bool("check", false, "write nothing; exit 1 when a generated file is missing or stale")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitError
	}
	paths, err := filepath.Glob(filepath.Join(*dir, "*.json"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "genfixtures: error: %v\n", err)
		return exitError
	}
	if len(paths) == 0 {
		fmt.Fprintf(os.Stderr, "genfixtures: error: no *.json run descriptions in %s\n", *dir)
		return exitError
	}
	code := exitOK
	for _, p := range paths {
		d, err := fixture.Load(p)
		if err != nil {
			fmt.Fprintf(os.Stderr, "genfixtures: error: %v\n", err)
			code = exitError
			continue
		}
		if want := filepath.Base(p); want != d.Name+".json" {
			fmt.Fprintf(os.Stderr, "genfixtures: error: %s: name %q does not match the file name\n", p, d.Name)
			code = exitError
			continue
		}
		files, err := fixture.Render(d)
		if err != nil {
			fmt.Fprintf(os.Stderr, "genfixtures: error: %s: %v\n", p, err)
			code = exitError
			continue
		}
		for _, f := range files {
			out := filepath.Join(*dir, f.Name)
			if *check {
				old, err := os.ReadFile(out)
				if err != nil || !bytes.Equal(old, f.Data) {
					fmt.Fprintf(os.Stderr, "genfixtures: %s is missing or stale\n", out)
					code = max(code, exitStale)
				}
				continue
			}
			if err := writeFile(out, f.Data); err != nil {
				fmt.Fprintf(os.Stderr, "genfixtures: error: %v\n", err)
				code = exitError
				continue
			}
			fmt.Printf("%s\t%d bytes\n", out, len(f.Data))
		}
	}
	return code
}

// writeFile writes data whole or not at all: to a temporary file in the
// same folder, then renamed over name.
func writeFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
