package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCheckCommittedFixtures(t *testing.T) {
	if code := run([]string{"-dir", filepath.Join("..", "..", "..", "testdata", "runs"), "-check"}); code != exitOK {
		t.Errorf("genfixtures -check exits %d: the committed fixtures are stale; run `go run ./internal/cmd/genfixtures` from the module root", code)
	}
}

func TestWritesBesideDescriptions(t *testing.T) {
	dir := t.TempDir()
	desc := `{"name": "tiny", "start": "2026-01-01T10:00:00Z",
	  "phases": [{"duration": 10, "pace": "6:00", "hr_start": 120, "hr_end": 121, "cadence": 80}]}`
	if err := os.WriteFile(filepath.Join(dir, "tiny.json"), []byte(desc), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-dir", dir, "-check"}); code != exitStale {
		t.Errorf("-check before writing exits %d, want %d", code, exitStale)
	}
	if code := run([]string{"-dir", dir}); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, name := range []string{"tiny.fit", "tiny.gpx", "tiny.tcx"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	if code := run([]string{"-dir", dir, "-check"}); code != exitOK {
		t.Errorf("-check after writing exits %d", code)
	}
	if code := run([]string{"-dir", t.TempDir()}); code != exitError {
		t.Errorf("an empty folder exits %d, want %d", code, exitError)
	}
}
