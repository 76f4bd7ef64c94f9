package xmlinput_test

import (
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/xmlinput"
)

func TestLimitsWithDefaults(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in, want xmlinput.Limits
	}{
		{"zero", xmlinput.Limits{}, xmlinput.Limits{MaxSamples: activity.DefaultMaxSamples, MaxDepth: 64, MaxTokenSize: 1 << 20}},
		{"negative", xmlinput.Limits{MaxSamples: -1, MaxDepth: -1, MaxTokenSize: -1},
			xmlinput.Limits{MaxSamples: activity.DefaultMaxSamples, MaxDepth: 64, MaxTokenSize: 1 << 20}},
		{"set", xmlinput.Limits{MaxSamples: 5, MaxDepth: 9, MaxTokenSize: 200}, xmlinput.Limits{MaxSamples: 5, MaxDepth: 9, MaxTokenSize: 200}},
	} {
		if got := tc.in.WithDefaults(); got != tc.want {
			t.Errorf("%s: WithDefaults = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
