package main

import (
	"runtime/debug"
	"testing"
)

// TestVersionText: the module version, and the VCS settings the build
// recorded; "(devel)" when the build has no version.
func TestVersionText(t *testing.T) {
	info := &debug.BuildInfo{
		GoVersion: "go1.24.0",
		Main:      debug.Module{Path: "github.com/runcheck/runcheck", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs.revision", Value: "0123abc"},
			{Key: "vcs.time", Value: "2026-03-01T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	want := "runcheck v1.2.3 (github.com/runcheck/runcheck)\n" +
		"  go        go1.24.0\n" +
		"  revision  0123abc\n" +
		"  time      2026-03-01T10:00:00Z\n" +
		"  modified  true\n"
	if got := versionText(info); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got, want := versionText(&debug.BuildInfo{}), "runcheck (devel) (github.com/runcheck/runcheck)\n"; got != want {
		t.Errorf("no version: got %q, want %q", got, want)
	}
	if got, want := versionText(nil), "runcheck (devel) (github.com/runcheck/runcheck)\n"; got != want {
		t.Errorf("no build information: got %q, want %q", got, want)
	}
}
