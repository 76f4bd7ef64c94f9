package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/runcheck/runcheck/analyze"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"runcheck": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Each script's
// work folder gets a copy of the generated fixtures of ../../testdata/runs
// (binary files that txtar cannot hold) under runs/.
func TestScripts(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join("..", "..", "testdata", "runs", "*"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures in ../../testdata/runs (err %v): run go generate ./...", err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			dst := filepath.Join(env.WorkDir, "runs")
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
			for _, f := range fixtures {
				b, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
	})
}

// TestReadmeConfigExample loads the configuration example of README.md, so
// that the example cannot rot.
func TestReadmeConfigExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```toml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("README.md has no ```toml example")
	}
	cfg, err := analyze.ParseConfig(strings.NewReader(example), "README.md")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != "recreational" || cfg.Athlete.MaxHR != 188 || cfg.Profiles["recreational"].MaxMinutes != 45 {
		t.Errorf("README example read as %+v", cfg)
	}
}
