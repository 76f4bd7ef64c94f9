package benchcmp

import (
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

// BenchmarkFIT, BenchmarkGPX and BenchmarkTCX read every tier's file with
// every reader of the format, named FORMAT/tier=T/reader=R so that benchstat
// can put the readers side by side (-col /reader) per tier.
func BenchmarkFIT(b *testing.B) { benchFormat(b, activity.FormatFIT) }
func BenchmarkGPX(b *testing.B) { benchFormat(b, activity.FormatGPX) }
func BenchmarkTCX(b *testing.B) { benchFormat(b, activity.FormatTCX) }

func benchFormat(b *testing.B, f activity.Format) {
	for _, t := range Tiers() {
		b.Run("tier="+t.Name, func(b *testing.B) {
			data, err := Input(t, f)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range Readers(f, t) {
				b.Run("reader="+r.Name, Bench(r, data))
			}
		})
	}
}

// TestVerdicts proves that every benchmark input grades to its tier's
// verdict through the file -> verdict path the benchmarks time (Grade, which
// the runcheck-verdict reader calls with the same grader): 30 minutes
// PASS, 3 and 24 hours FAIL on duration alone, with the 190 bpm maximum heart
// rate in every format.
func TestVerdicts(t *testing.T) {
	for _, tier := range Tiers() {
		for _, f := range Formats {
			t.Run(tier.Name+"/"+string(f), func(t *testing.T) {
				data, err := Input(tier, f)
				if err != nil {
					t.Fatal(err)
				}
				gr, err := Grade(NewGrader(), "steady."+string(f), data)
				if err != nil {
					t.Fatal(err)
				}
				g := gr.Report.Grade
				if g == nil {
					t.Fatalf("not graded: %s", gr.Report.Reason())
				}
				if g.Verdict != tier.Want {
					t.Fatalf("verdict %s, want %s: %s", g.Verdict, tier.Want, g.Summary)
				}
				if got := g.Settings.MaxHR.Value; !got.Known() || got != 190 {
					t.Errorf("max HR %v (%s), want 190", got, g.Settings.MaxHR.Source)
				}
				for _, c := range g.Checks {
					failed := c.Status == analyze.StatusFail
					if failed != (tier.Want == analyze.VerdictFail && c.ID == analyze.CheckDuration) {
						t.Errorf("check %s: %s: %s", c.ID, c.Status, c.Message)
					}
				}
				t.Logf("%d bytes: %s", len(data), g.Summary)
			})
		}
	}
}

// TestReaders checks that every reader reads the smallest tier, so that the
// benchmarks compare readers that work. tormoder/fit is allowed to reject
// the file (its benchmark then skips with the error); the test logs why.
func TestReaders(t *testing.T) {
	tier := Tiers()[0]
	for _, f := range Formats {
		data, err := Input(tier, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range Readers(f, tier) {
			t.Run(string(f)+"/"+r.Name, func(t *testing.T) {
				err := r.Read(data)
				switch {
				case err != nil && r.Name == Tormoder:
					t.Logf("tormoder/fit v0.15.0 rejects the generated file: %v", err)
				case err != nil:
					t.Fatal(err)
				}
			})
		}
	}
}
