package benchcmp

import (
	"fmt"
	"sync"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/internal/fixture"
)

// Tier is one input size: a steady easy run ([fixture.SteadyRun]) of the
// given timer time at 1 Hz, rendered as FIT, GPX and TCX.
type Tier struct {
	// Name is the tier in benchmark names: "30m", "3h", "24h".
	Name  string
	Timer time.Duration
	// Want is the verdict every format of the tier grades to under the
	// general profile (20 to 45 minutes): PASS for 30 minutes, FAIL on
	// duration beyond.
	Want analyze.Verdict
}

// Tiers returns the size tiers, smallest first.
func Tiers() []Tier {
	return []Tier{
		{Name: "30m", Timer: 30 * time.Minute, Want: analyze.VerdictPass},
		{Name: "3h", Timer: 3 * time.Hour, Want: analyze.VerdictFail},
		{Name: "24h", Timer: 24 * time.Hour, Want: analyze.VerdictFail},
	}
}

// Formats are the formats benchmarked, in table order.
var Formats = []activity.Format{activity.FormatFIT, activity.FormatGPX, activity.FormatTCX}

// rendered caches each tier's files: generating the 24-hour tier takes
// seconds, so it is done once per process and only when asked for.
var rendered sync.Map // tier name -> func() ([]fixture.File, error)

// Input returns the tier's file in format f, generated in-process by
// runcheck's fixture generator the first time any format of the tier is
// asked for. Callers must not modify the bytes.
func Input(t Tier, f activity.Format) ([]byte, error) {
	v, _ := rendered.LoadOrStore(t.Name, sync.OnceValues(func() ([]fixture.File, error) {
		d, err := fixture.SteadyRun("steady", t.Timer)
		if err != nil {
			return nil, err
		}
		return fixture.Render(d)
	}))
	files, err := v.(func() ([]fixture.File, error))()
	if err != nil {
		return nil, fmt.Errorf("benchcmp: generating the %s tier: %w", t.Name, err)
	}
	want := "steady." + string(f)
	for _, file := range files {
		if file.Name == want {
			return file.Data, nil
		}
	}
	return nil, fmt.Errorf("benchcmp: the %s tier has no %s file", t.Name, f)
}
