package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
)

// TestLimitsWiring reads a config file that sets every key of [limits] to a
// value of its own and checks that each reaches its field of
// analyze.Decoder or input.Limits, and that the limit errors naming that
// field send the user back to that key.
func TestLimitsWiring(t *testing.T) {
	src := "[limits]\nmax_file_size = 11\nmax_samples = 12\nmax_xml_depth = 13\nmax_xml_token_size = 14\n" +
		"max_zip_entries = 15\nmax_zip_entry_size = 16\nmax_zip_depth = 10\nmax_index_size = 18\nmax_total_size = 19\n"
	cfg, err := analyze.ParseConfig(strings.NewReader(src), "rc.toml")
	if err != nil {
		t.Fatal(err)
	}
	set := settings{config: cfg}
	dec, lim := set.decoder(true), set.inputLimits()
	if dec.Budget == nil || dec.Budget != lim.Budget {
		t.Fatalf("the Decoder's Budget %p and the walker's %p are not one Budget", dec.Budget, lim.Budget)
	}
	budget := dec.Budget
	dec.Budget, lim.Budget = nil, nil
	want := analyze.Decoder{Lenient: true, MaxSize: 11, MaxSamples: 12, MaxDepth: 13, MaxTokenSize: 14}
	if dec != want {
		t.Errorf("decoder = %+v, want %+v", dec, want)
	}
	if w := (input.Limits{MaxEntries: 15, MaxEntrySize: 16, MaxDepth: 10, MaxIndexSize: 18}); lim != w {
		t.Errorf("input limits = %+v, want %+v", lim, w)
	}
	var none settings
	if d, l := none.decoder(false), none.inputLimits(); d.Budget == nil || d.Budget != l.Budget || d.Budget.Limit() != DefaultMaxTotalSize {
		t.Errorf("without a config file: budgets %v and %v, want one of DefaultMaxTotalSize", d.Budget, l.Budget)
	} else if d.Budget, l.Budget = nil, nil; d != (analyze.Decoder{}) || l != (input.Limits{}) {
		t.Errorf("without a config file: %+v, %+v; want the zero values (the defaults)", d, l)
	}

	// Each field's limit error names the key whose value reached it.
	for _, tt := range []struct {
		limit string
		value int64
	}{
		{"analyze.Decoder.MaxSize", dec.MaxSize},
		{"analyze.Decoder.MaxSamples", int64(dec.MaxSamples)},
		{"analyze.Decoder.MaxDepth", int64(dec.MaxDepth)},
		{"analyze.Decoder.MaxTokenSize", int64(dec.MaxTokenSize)},
		{"input.Limits.MaxEntries", int64(lim.MaxEntries)},
		{"input.Limits.MaxEntrySize", lim.MaxEntrySize},
		{"input.Limits.MaxDepth", int64(lim.MaxDepth)},
		{"input.Limits.MaxIndexSize", lim.MaxIndexSize},
		{"analyze.Budget", budget.Limit()},
	} {
		key := limitKey(tt.limit)
		if !strings.Contains(src, fmt.Sprintf("\n%s = %d\n", key, tt.value)) {
			t.Errorf("limitKey(%q) = %q, not the key that sets it to %d", tt.limit, key, tt.value)
		}
	}
}

// TestRunBudgetShared checks that the settings resolve gives share one
// Budget between every copy, as the verbs copy them (the grader takes its
// Decoder from one copy, the batch its walker limits from another), and
// that a spent budget is an error that names max_total_size.
func TestRunBudgetShared(t *testing.T) {
	sf := settingsFlags{}
	set, err := sf.resolve()
	if err != nil {
		t.Fatal(err)
	}
	copied := set
	if d, l := copied.decoder(false), set.inputLimits(); d.Budget == nil || d.Budget != l.Budget {
		t.Fatalf("copies of resolved settings have budgets %p and %p", d.Budget, l.Budget)
	}
	b := analyze.NewBudget(10)
	err = b.Charge(11)
	if got := errorText(err); !strings.HasSuffix(got, "raise max_total_size under [limits] in the config file") {
		t.Errorf("a spent budget reads %q", got)
	}
}

// TestErrorText checks the wording of errors on the command line: a limit
// error, wherever it is in the chain, ends by naming the config file's key;
// any other error, or a limit the config file does not set, is as it was.
func TestErrorText(t *testing.T) {
	le := &analyze.LimitError{Limit: "input.Limits.MaxDepth", What: "zip archive nested 4 deep, more than the limit of 3"}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{
			name: "a limit error in a file error",
			err:  &analyze.FileError{Path: "export.zip/a.zip/b.zip/c.zip", Err: le},
			want: "export.zip/a.zip/b.zip/c.zip: zip archive nested 4 deep, more than the limit of 3; raise max_zip_depth under [limits] in the config file",
		},
		{
			name: "wrapped further",
			err:  fmt.Errorf("reading: %w", &analyze.FileError{Path: "x.gpx", Err: &analyze.LimitError{Limit: "analyze.Decoder.MaxTokenSize", What: "too long"}}),
			want: "reading: x.gpx: too long; raise max_xml_token_size under [limits] in the config file",
		},
		{
			name: "a limit no key sets",
			err:  &analyze.LimitError{Limit: "other.Limit", What: "too much"},
			want: "too much; raise other.Limit",
		},
		{
			name: "not a limit",
			err:  &analyze.FileError{Path: "x.fit", Err: errors.New("raise analyze.Decoder.MaxSize")},
			want: "x.fit: raise analyze.Decoder.MaxSize",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errorText(tt.err); got != tt.want {
				t.Errorf("errorText = %q, want %q", got, tt.want)
			}
		})
	}
}
