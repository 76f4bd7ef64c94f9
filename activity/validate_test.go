package activity_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/runcheck/runcheck/activity"
)

// wellFormed returns a small activity that satisfies every rule: four
// samples, a heart rate column, a pause, two laps, two sessions.
func wellFormed() *activity.Activity {
	nan := math.NaN()
	return &activity.Activity{
		Meta:  activity.Metadata{Format: activity.FormatFIT},
		Start: time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC),
		Samples: activity.Samples{
			Time:      []float64{0, 1, 1, 5},
			HeartRate: []float64{120, nan, 122, 123},
		},
		Pauses: []activity.Pause{{Start: 1, End: 5, Kind: activity.PauseTimer}},
		Laps: []activity.Lap{
			{Start: 0, Totals: activity.NoTotals()},
			{Start: nan, Totals: activity.NoTotals()},
		},
		Sessions: []activity.Session{
			{First: 0, End: 2, Totals: activity.NoTotals()},
			{First: 2, End: 4, Start: nan, Totals: activity.NoTotals(),
				TimeInZone: &activity.TimeInZone{Boundaries: []float64{120, 140}, Seconds: []float64{1, nan, 3}}},
		},
		Athlete: activity.NoAthlete(),
	}
}

func TestValidate(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name string
		edit func(a *activity.Activity)
		want string // a fragment of the error; "" for well formed
	}{
		{name: "well formed", edit: func(*activity.Activity) {}},
		{name: "zero value", edit: func(a *activity.Activity) { *a = activity.Activity{} }},
		{name: "no sessions", edit: func(a *activity.Activity) { a.Sessions = nil }},
		{name: "NaN time", edit: func(a *activity.Activity) { a.Samples.Time[2] = math.NaN() }, want: "Samples.Time[2] is NaN"},
		{name: "infinite time", edit: func(a *activity.Activity) { a.Samples.Time[3] = inf }, want: "Samples.Time[3] is +Inf"},
		{name: "first time not 0", edit: func(a *activity.Activity) { a.Samples.Time[0] = -1 }, want: "Samples.Time[0] is -1"},
		{name: "time goes back, unreported", edit: func(a *activity.Activity) { a.Samples.Time[2] = 0.5 }, want: "Samples.Time[2] = 0.5 is before"},
		{
			name: "time goes back, reported",
			edit: func(a *activity.Activity) {
				a.Samples.Time[2] = 0.5
				a.Warnings = []string{"times go BACKWARDS 1 times"}
			},
		},
		{
			name: "time goes back, reported as back in time",
			edit: func(a *activity.Activity) {
				a.Samples.Time[2] = 0.5
				a.Warnings = []string{"1 sample goes back in time"}
			},
		},
		{
			name: "time goes back, another warning",
			edit: func(a *activity.Activity) {
				a.Samples.Time[2] = 0.5
				a.Warnings = []string{"skipped 3 records without a timestamp"}
			},
			want: "no warning reports it",
		},
		{name: "short column", edit: func(a *activity.Activity) { a.Samples.HeartRate = a.Samples.HeartRate[:3] }, want: "Samples.HeartRate has 3 values, Samples.Time has 4"},
		{name: "long column", edit: func(a *activity.Activity) { a.Samples.Lat = make([]float64, 5) }, want: "Samples.Lat has 5 values"},
		{name: "empty column", edit: func(a *activity.Activity) { a.Samples.Speed = []float64{} }, want: "Samples.Speed has 0 values"},
		{name: "infinite value", edit: func(a *activity.Activity) { a.Samples.HeartRate[1] = -inf }, want: "Samples.HeartRate[1] is -Inf"},
		{name: "pause ends before it starts", edit: func(a *activity.Activity) { a.Pauses[0].End = 0.5 }, want: "Pauses[0] ends at 0.5, before its start at 1"},
		{name: "pause without end", edit: func(a *activity.Activity) { a.Pauses[0].End = math.NaN() }, want: "Pauses[0] runs from 1 to NaN"},
		{
			name: "pauses out of order",
			edit: func(a *activity.Activity) {
				a.Pauses = append(a.Pauses, activity.Pause{Start: 0, End: 0})
			},
			want: "Pauses[1] starts at 0, before Pauses[0]",
		},
		{name: "infinite lap start", edit: func(a *activity.Activity) { a.Laps[1].Start = inf }, want: "Laps[1].Start is +Inf"},
		{name: "negative lap timer time", edit: func(a *activity.Activity) { a.Laps[0].Totals.TimerTime = -3 }, want: "Laps[0].Totals.TimerTime is -3, a negative duration"},
		{name: "negative lap distance is no defect", edit: func(a *activity.Activity) { a.Laps[0].Totals.Distance = -3 }},
		{name: "infinite session distance", edit: func(a *activity.Activity) { a.Sessions[0].Totals.Distance = inf }, want: "Sessions[0].Totals.Distance is +Inf"},
		{name: "session gap", edit: func(a *activity.Activity) { a.Sessions[1].First = 3 }, want: "Sessions[1] covers samples [3, 4), want it to start at 2"},
		{name: "session overlap", edit: func(a *activity.Activity) { a.Sessions[1].First = 1 }, want: "Sessions[1] covers samples [1, 4)"},
		{name: "session ends before it starts", edit: func(a *activity.Activity) { a.Sessions[0].End = 0; a.Sessions[1].First = 0; a.Sessions[0].First = 1 }, want: "Sessions[0] covers samples [1, 0)"},
		{name: "session past the samples", edit: func(a *activity.Activity) { a.Sessions[1].End = 5 }, want: "Sessions[1] covers samples [2, 5), want it to start at 2 and end by 4"},
		{name: "sessions short of the samples", edit: func(a *activity.Activity) { a.Sessions[1].End = 3 }, want: "the sessions cover samples [0, 3) of 4"},
		{name: "empty session", edit: func(a *activity.Activity) {
			a.Sessions[1].First, a.Sessions[1].End = 2, 2
			a.Sessions[0].End = 2
			a.Sessions = append(a.Sessions, activity.Session{First: 2, End: 4})
		}},
		{name: "infinite session start", edit: func(a *activity.Activity) { a.Sessions[1].Start = -inf }, want: "Sessions[1].Start is -Inf"},
		{name: "negative time in zone", edit: func(a *activity.Activity) { a.Sessions[1].TimeInZone.Seconds[2] = -1 }, want: "TimeInZone.Seconds[2] is -1"},
		{name: "NaN zone boundary", edit: func(a *activity.Activity) { a.Sessions[1].TimeInZone.Boundaries[0] = math.NaN() }, want: "TimeInZone.Boundaries[0] is NaN"},
		{name: "infinite athlete setting", edit: func(a *activity.Activity) { a.Athlete.HeartRateZones = []float64{150, inf} }, want: "Athlete setting is +Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := wellFormed()
			tt.edit(a)
			err := a.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && err == nil:
				t.Errorf("Validate() = nil, want an error with %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("Validate() = %q, want it to contain %q", err, tt.want)
			case err != nil && !strings.HasPrefix(err.Error(), "activity: "):
				t.Errorf("Validate() = %q, want the package prefix", err)
			}
		})
	}
}
