package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

// TestZonesHeartRateAllRemoved: zones says that cleaning removed every
// heart-rate sample, and how many, rather than that the file has none
// (issue 13).
func TestZonesHeartRateAllRemoved(t *testing.T) {
	a, err := analyze.Open(filepath.Join("..", "..", "testdata", "runs", "recovery-easy.fit"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Samples.HeartRate {
		a.Samples.HeartRate[i] = 250
	}
	var out strings.Builder
	printZones(&out, "easy.fit", analyze.Analyze(a, analyze.Inputs{}, analyze.Options{}))
	want := "  heart rate  none usable: all 421 heart-rate samples were out of range (outside 30-240 bpm)\n"
	if !strings.Contains(out.String(), want) || strings.Contains(out.String(), "none in the file") {
		t.Errorf("zones prints\n%s\nwant the line %q", out.String(), want)
	}
}
