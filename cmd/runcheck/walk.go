package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// isActivityName reports whether a file found in a folder looks like an
// activity export by its name: .fit, .gpx or .tcx, optionally .gz, in any
// case. Files named on the command line are read whatever their name, since
// the format is sniffed from the content.
func isActivityName(name string) bool {
	lower := strings.TrimSuffix(strings.ToLower(name), ".gz")
	return strings.HasSuffix(lower, ".fit") || strings.HasSuffix(lower, ".gpx") || strings.HasSuffix(lower, ".tcx")
}

// expandPaths turns the command line's paths into the files to read, in
// order: a file as given, a folder's activity files in lexical order (hidden
// files and folders skipped), "-" as standard input. A path that cannot be
// listed is returned as is, so that reading it reports the error.
func expandPaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if p == "-" || err != nil || !fi.IsDir() {
			out = append(out, p)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, path) // reading it will say what is wrong
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && isActivityName(d.Name()) {
				out = append(out, path)
			}
			return nil
		})
	}
	return out
}
