package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

const versionUsage = `usage: runcheck version

Prints the module version of this build of runcheck and the version control
information the Go toolchain stamped into it: the revision, its time and
whether the working tree had uncommitted changes. A build from a source tree
without module version prints "(devel)".
`

func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
			fmt.Fprint(stderr, versionUsage)
			return exitOK
		}
		errorf(stderr, "version: takes no arguments")
		fmt.Fprint(stderr, versionUsage)
		return exitError
	}
	info, _ := debug.ReadBuildInfo()
	return writeStdout(stderr, func() error {
		_, err := io.WriteString(stdout, versionText(info))
		return err
	})
}

// versionText formats the build information: the module path and version
// on the first line, then the VCS settings the build recorded, one a line.
func versionText(info *debug.BuildInfo) string {
	var b strings.Builder
	path, version := "github.com/runcheck/runcheck", "(devel)"
	if info != nil {
		if info.Main.Path != "" {
			path = info.Main.Path
		}
		if info.Main.Version != "" {
			version = info.Main.Version
		}
	}
	fmt.Fprintf(&b, "runcheck %s (%s)\n", version, path)
	if info == nil {
		return b.String()
	}
	if info.GoVersion != "" {
		fmt.Fprintf(&b, "  go        %s\n", info.GoVersion)
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			fmt.Fprintf(&b, "  revision  %s\n", s.Value)
		case "vcs.time":
			fmt.Fprintf(&b, "  time      %s\n", s.Value)
		case "vcs.modified":
			fmt.Fprintf(&b, "  modified  %s\n", s.Value)
		}
	}
	return b.String()
}
