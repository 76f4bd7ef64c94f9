package analyze_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

// configExample is the complete example file, also in docs/config.md.
var configExample = filepath.Join("testdata", "config", "example.toml")

// TestConfigExample loads the complete example and checks every field as
// the file writes it.
func TestConfigExample(t *testing.T) {
	got, err := analyze.LoadConfig(configExample)
	if err != nil {
		t.Fatal(err)
	}
	profiles := analyze.DefaultProfiles()
	rec := profiles["recreational"]
	rec.MaxMinutes = 50
	profiles["recreational"] = rec
	profiles["masters"] = analyze.Profile{
		Name:          "masters",
		Description:   "Masters runner: easy, 60-68 % HRmax, 80-110 s/km slower than 10K pace, 20-40 minutes",
		Effort:        "easy; conversation pace",
		HRLowPct:      60,
		HRCeilingPct:  68,
		MinMinutes:    20,
		MaxMinutes:    40,
		PaceReference: analyze.Ref10K,
		PaceMinOffset: 80,
		PaceMaxOffset: 110,
	}
	want := &analyze.Config{
		Profile:   "recreational",
		ZoneModel: analyze.ModelHRR,
		Athlete: analyze.ConfigAthlete{
			MaxHR:       186,
			RestingHR:   48,
			ThresholdHR: 168,
			Age:         41,
			FiveK:       24*60 + 30,
			TenK:        51*60 + 10,
			EasyPace:    6*60 + 5,
		},
		Tolerances: analyze.GradeOptions{
			CeilingShare:      0.05,
			CeilingMinutes:    3,
			PaceFasterShare:   0.10,
			DriftUp:           1,
			HillyAscentPerKm:  15,
			SteepClimbMinutes: 2,
			HotTemperature:    27,
			HeavyCleaning:     0.10,
			WarmUpMinutes:     5,
		},
		Labels: analyze.LabelPatterns{
			Match:   `(?:^|[^\pL])(?:recovery|recup|récup|easy)(?:$|[^\pL])`,
			Exclude: `\d\s*[x×]\s*\d.*(?:recovery|recup|récup)`,
		},
		Limits: analyze.ConfigLimits{
			MaxFileSize:     512 << 20,
			MaxSamples:      4_000_000,
			MaxXMLDepth:     64,
			MaxXMLTokenSize: 4 << 20,
			MaxZipEntries:   100_000,
			MaxZipEntrySize: 512 << 20,
			MaxZipDepth:     3,
			MaxIndexSize:    64 << 20,
			MaxTotalSize:    32 << 30,
		},
		Profiles: profiles,
		Path:     configExample,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadConfig(%s) =\n%+v\nwant\n%+v", configExample, got, want)
	}

	// The example's label patterns work as written.
	m, err := analyze.NewLabelMatcher(got.Labels)
	if err != nil {
		t.Fatal(err)
	}
	for label, recovery := range map[string]bool{
		"Easy run":                          true,
		"footing récup":                     true,
		"6x800, 400 m recovery":             false,
		"Recovery run + 6x20 s strides":     true,
		"Regenerationslauf (not in it now)": false,
	} {
		if m.Match(label) != recovery {
			t.Errorf("example patterns: Match(%q) = %v, want %v", label, !recovery, recovery)
		}
	}
	// The example's own profile and zone model are usable as they are.
	if _, err := got.Profiles.Get(got.Profile); err != nil {
		t.Error(err)
	}
}

// configDoc is the documentation of the configuration file.
var configDoc = filepath.Join("..", "docs", "config.md")

// configDocBlocks returns the contents of the fenced blocks of docs/config.md
// whose info string is lang.
func configDocBlocks(t *testing.T, lang string) []string {
	t.Helper()
	doc, err := os.ReadFile(configDoc)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	var cur *strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(doc))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cur == nil && line == "```"+lang:
			cur = new(strings.Builder)
		case cur != nil && line == "```":
			blocks = append(blocks, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	if cur != nil {
		t.Fatalf("%s: unterminated ```%s block", configDoc, lang)
	}
	return blocks
}

// TestConfigDocExample checks that the example in docs/config.md is the
// example file, byte for byte, and loads, so that the documentation cannot
// drift from what runcheck reads.
func TestConfigDocExample(t *testing.T) {
	blocks := configDocBlocks(t, "toml")
	if len(blocks) != 1 {
		t.Fatalf("%s has %d ```toml blocks, want exactly the one example", configDoc, len(blocks))
	}
	file, err := os.ReadFile(configExample)
	if err != nil {
		t.Fatal(err)
	}
	if blocks[0] != string(file) {
		t.Errorf("the example in %s differs from %s; make them the same", configDoc, configExample)
	}
	fromDoc, err := analyze.ParseConfig(strings.NewReader(blocks[0]), configExample)
	if err != nil {
		t.Fatalf("the example in %s: %v", configDoc, err)
	}
	fromFile, err := analyze.LoadConfig(configExample)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromDoc, fromFile) {
		t.Errorf("the example in %s loads as %+v, the file as %+v", configDoc, fromDoc, fromFile)
	}
}

// TestConfigDocErrors makes each error message docs/config.md shows from the
// example with one mistake, and checks the message is the documented one.
func TestConfigDocErrors(t *testing.T) {
	blocks := configDocBlocks(t, "text")
	if len(blocks) != 1 {
		t.Fatalf("%s has %d ```text blocks, want exactly the error messages", configDoc, len(blocks))
	}
	documented := strings.Split(strings.TrimSuffix(blocks[0], "\n"), "\n")
	example, err := os.ReadFile(configExample)
	if err != nil {
		t.Fatal(err)
	}
	mistakes := []struct{ old, new string }{
		{"max_hr = 186 ", "max_heart_rate = 186 "},
		{`race_5k = "24:30"`, `race_5k = "24.30"`},
		{"max_hr = 186 ", "max_hr = 1900 "},
		{"lthr = 168 ", "lthr = 190 "},
		{"ceiling_share = 0.05", "ceiling_share = 5"},
		{"max_minutes = 50\n", "max_minutes = 50\nhr_ceiling_pct = 170\n"},
		{"max_file_size = 536_870_912 ", "max_file_size = 9223372036854775807 "},
	}
	if len(documented) != len(mistakes) {
		t.Fatalf("%s shows %d error messages, the test makes %d", configDoc, len(documented), len(mistakes))
	}
	for i, m := range mistakes {
		src := string(example)
		if strings.Count(src, m.old) != 1 {
			t.Fatalf("%q is not once in %s", m.old, configExample)
		}
		src = strings.Replace(src, m.old, m.new, 1)
		_, err := analyze.ParseConfig(strings.NewReader(src), "runcheck.toml")
		if err == nil {
			t.Errorf("%q: no error", m.new)
			continue
		}
		if got := "runcheck: error: " + err.Error(); got != documented[i] {
			t.Errorf("%q:\n got %s\nwant %s (as %s shows)", m.new, got, documented[i], configDoc)
		}
	}
}

// TestConfigErrors checks that every mistake is an error naming the file, the
// key, the line and the problem.
func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		key  string // the ConfigError's key
		line int    // the ConfigError's line
		want string // the message after "runcheck.toml: line N: KEY: "
		is   error  // an error the message matches besides ErrConfig
	}{
		{
			name: "unknown key",
			src:  "[athlete]\nmax_hr = 186\nmax_heart_rate = 186\n",
			key:  "athlete.max_heart_rate", line: 3,
			want: "unknown key; the keys of [athlete] are max_hr, resting_hr, lthr, age, race_5k, race_10k, easy_pace",
		},
		{
			name: "unknown table",
			src:  "profile = \"new\"\n[athlet]\nmax_hr = 186\n",
			key:  "athlet", line: 2,
			want: "unknown key; the top-level keys are profile, zone_model, athlete, tolerances, labels, check, limits, profiles",
		},
		{
			name: "unknown limit",
			src:  "[limits]\nmax_size = 1000\n",
			key:  "limits.max_size", line: 2,
			want: "unknown key; the keys of [limits] are max_file_size, max_samples, max_xml_depth, max_xml_token_size, max_zip_entries, max_zip_entry_size, max_zip_depth, max_index_size, max_total_size",
		},
		{
			name: "limit of 0",
			src:  "[limits]\nmax_samples = 0\n",
			key:  "limits.max_samples", line: 2,
			want: "0 is out of range; want a whole number from 1 to 100000000, or leave the key out for the default",
		},
		{
			name: "negative limit",
			src:  "[limits]\nmax_zip_depth = 1\nmax_file_size = -1\n",
			key:  "limits.max_file_size", line: 3,
			want: "-1 is out of range; want a whole number from 1 to 4294967296 (4 GiB), or leave the key out",
		},
		{
			name: "limit not a whole number",
			src:  "[limits]\nmax_xml_depth = 64.5\n",
			key:  "limits.max_xml_depth", line: 2,
			want: "want a whole number, not a float",
		},
		{
			name: "limit as a string",
			src:  "[limits]\nmax_zip_entry_size = \"1 GiB\"\n",
			key:  "limits.max_zip_entry_size", line: 2,
			want: "want a whole number, not a string",
		},
		{
			name: "unknown tolerance",
			src:  "[tolerances]\nceiling_pct = 5\n",
			key:  "tolerances.ceiling_pct", line: 2,
			want: "unknown key; the keys of [tolerances] are ceiling_share, ceiling_minutes,",
		},
		{
			name: "unknown profile setting",
			src:  "[profiles.general]\nhr_ceiling = 70\n",
			key:  "profiles.general.hr_ceiling", line: 2,
			want: "unknown key; the keys of [profiles.general] are description, effort, hr_low_pct, hr_ceiling_pct,",
		},
		{
			name: "unknown key as a dotted key",
			src:  "athlete.maxhr = 186\n",
			key:  "athlete.maxhr", line: 1,
			want: "unknown key; the keys of [athlete]",
		},
		{
			name: "bad race time",
			src:  "[athlete]\nrace_5k = \"25\"\n",
			key:  "athlete.race_5k", line: 2,
			want: `race time "25" is not two or three numbers separated by colons; want MM:SS or H:MM:SS, such as 25:00 or 1:52:30`,
			is:   analyze.ErrPaceInput,
		},
		{
			name: "bad 10K time",
			src:  "[athlete]\nrace_10k = \"51:70\"\n",
			key:  "athlete.race_10k", line: 2,
			want: `race time "51:70" has no two-digit seconds from 00 to 59; want MM:SS`,
			is:   analyze.ErrPaceInput,
		},
		{
			name: "empty race time",
			src:  "[athlete]\nrace_5k = \"\"\n",
			key:  "athlete.race_5k", line: 2,
			want: `race time "" is not`,
			is:   analyze.ErrPaceInput,
		},
		{
			name: "unquoted race time",
			src:  "[athlete]\nrace_5k = 25:00\n",
			key:  "athlete.race_5k", line: 2,
			want: `invalid datetime: "25:00"; write a race time or a pace in quotes, such as "25:00"`,
		},
		{
			name: "race time as a TOML time",
			src:  "[athlete]\nrace_10k = 00:51:10\n",
			key:  "athlete.race_10k", line: 2,
			want: "want a string in quotes, not a date or time",
		},
		{
			name: "bad pace",
			src:  "[athlete]\neasy_pace = \"6.10\"\n",
			key:  "athlete.easy_pace", line: 2,
			want: `pace "6.10" is not minutes and seconds separated by a colon; want M:SS per kilometre, such as 6:10`,
			is:   analyze.ErrPaceInput,
		},
		{
			name: "resting not below max",
			src:  "[athlete]\nmax_hr = 110\nresting_hr = 110\n",
			key:  "athlete.resting_hr", line: 3,
			want: "110 is not below max_hr 110",
		},
		{
			name: "threshold above max",
			src:  "[athlete]\nmax_hr = 186\nlthr = 190\n",
			key:  "athlete.lthr", line: 3,
			want: "190 is not below max_hr 186",
		},
		{
			name: "resting above threshold",
			src:  "[athlete]\nlthr = 100\nresting_hr = 110\n",
			key:  "athlete.resting_hr", line: 3,
			want: "110 is not below lthr 100",
		},
		{
			name: "heart rate too high",
			src:  "[athlete]\nmax_hr = 300\n",
			key:  "athlete.max_hr", line: 2,
			want: "300 is out of range; want 100 to 250 bpm",
		},
		{
			name: "heart rate zero",
			src:  "[athlete]\n\nresting_hr = 0\n",
			key:  "athlete.resting_hr", line: 3,
			want: "0 is out of range; want 25 to 120 bpm",
		},
		{
			name: "heart rate NaN",
			src:  "[athlete]\nlthr = nan\n",
			key:  "athlete.lthr", line: 2,
			want: "NaN is not a number; want 80 to 250 bpm",
		},
		{
			name: "heart rate of the wrong type",
			src:  "[athlete]\nmax_hr = \"186\"\n",
			key:  "athlete.max_hr", line: 2,
			want: "want a number, not a string",
		},
		{
			name: "age out of range",
			src:  "[athlete]\nage = 130\n",
			key:  "athlete.age", line: 2,
			want: "130 is out of range; want 10 to 120 years",
		},
		{
			name: "maximum heart rate implausible (the typo -max-hr 1900 is)",
			src:  "[athlete]\n\nmax_hr = 1900\n",
			key:  "athlete.max_hr", line: 3,
			want: "1900 is out of range; want 100 to 250 bpm",
		},
		{
			name: "maximum heart rate too low",
			src:  "[athlete]\nmax_hr = 99\n",
			key:  "athlete.max_hr", line: 2,
			want: "99 is out of range; want 100 to 250 bpm",
		},
		{
			name: "maximum heart rate infinite",
			src:  "[athlete]\nmax_hr = inf\n",
			key:  "athlete.max_hr", line: 2,
			want: "+Inf is out of range; want 100 to 250 bpm",
		},
		{
			name: "age that would estimate a negative maximum",
			src:  "[athlete]\nage = 300\n",
			key:  "athlete.age", line: 2,
			want: "300 is out of range; want 10 to 120 years",
		},
		{
			name: "file size limit that overflows",
			src:  "[limits]\nmax_file_size = 9223372036854775807\n",
			key:  "limits.max_file_size", line: 2,
			want: "9223372036854775807 is out of range; want a whole number from 1 to 4294967296 (4 GiB), or leave the key out for the default",
		},
		{
			name: "entry size limit past its maximum",
			src:  "[limits]\nmax_zip_entry_size = 68719476737\n",
			key:  "limits.max_zip_entry_size", line: 2,
			want: "68719476737 is out of range; want a whole number from 1 to 68719476736 (64 GiB)",
		},
		{
			name: "total size of 0",
			src:  "[limits]\nmax_total_size = 0\n",
			key:  "limits.max_total_size", line: 2,
			want: "0 is out of range; want a whole number from 1 to 1125899906842624 (1 PiB)",
		},
		{
			name: "index size past its maximum",
			src:  "[limits]\nmax_index_size = 4294967297\n",
			key:  "limits.max_index_size", line: 2,
			want: "4294967297 is out of range; want a whole number from 1 to 4294967296 (4 GiB)",
		},
		{
			name: "zip depth past its maximum",
			src:  "[limits]\nmax_zip_depth = 17\n",
			key:  "limits.max_zip_depth", line: 2,
			want: "17 is out of range; want a whole number from 1 to 16, or",
		},
		{
			name: "unknown profile",
			src:  "profile = \"elite\"\n",
			key:  "profile", line: 1,
			want: `unknown profile "elite" (known: experienced, general, new, post-hard, recreational)`,
		},
		{
			name: "unknown zone model",
			src:  "\nzone_model = \"karvonen\"\n",
			key:  "zone_model", line: 2,
			want: `unknown zone model "karvonen"; want hrmax, hrr, lthr or device`,
		},
		{
			name: "bad match pattern",
			src:  "[labels]\nmatch = \"recovery(\"\n",
			key:  "labels.match", line: 2,
			want: `match pattern "recovery(": error parsing regexp: missing closing )`,
			is:   analyze.ErrLabelPattern,
		},
		{
			name: "match pattern matching every label",
			src:  "[labels]\nmatch = \"x*\"\n",
			key:  "labels.match", line: 2,
			want: `match pattern "x*" matches an empty label`,
			is:   analyze.ErrLabelPattern,
		},
		{
			name: "bad exclude pattern",
			src:  "[labels]\nexclude = '[z-a]'\n",
			key:  "labels.exclude", line: 2,
			want: `exclude pattern "[z-a]": error parsing regexp: invalid character class range`,
			is:   analyze.ErrLabelPattern,
		},
		{
			name: "exclude and no_exclude",
			src:  "[labels]\nexclude = 'tempo'\nno_exclude = true\n",
			key:  "labels.no_exclude", line: 3,
			want: "true turns off the exclude pattern the file also gives; keep one of them",
		},
		{
			name: "negative tolerance",
			src:  "[tolerances]\nceiling_minutes = -1\n",
			key:  "tolerances.ceiling_minutes", line: 2,
			want: "-1 is not allowed; want 0 (the default) or a positive number",
		},
		{
			name: "infinite tolerance",
			src:  "[tolerances]\nhot_temperature_c = inf\n",
			key:  "tolerances.hot_temperature_c", line: 2,
			want: "+Inf is not allowed",
		},
		{
			name: "share written as a percentage",
			src:  "[tolerances]\nheavy_cleaning_share = 10\n",
			key:  "tolerances.heavy_cleaning_share", line: 2,
			want: "10 is not a share; want a fraction from 0 to 1 (0.05 is 5 %)",
		},
		{
			name: "profile override breaking the profile",
			src:  "profile = \"general\"\n\n[profiles.general]\nhr_ceiling_pct = 170\n",
			key:  "profiles.general", line: 3,
			want: "hr_ceiling_pct 170: want a percentage in (0, 100]",
		},
		{
			name: "new profile incomplete",
			src:  "[profiles.masters]\nhr_ceiling_pct = 68\n",
			key:  "profiles.masters", line: 1,
			want: "min_minutes 0 and max_minutes 0: want 0 <= min < max",
		},
		{
			name: "profile setting of the wrong type",
			src:  "[profiles.new]\nmax_minutes = \"30\"\n",
			key:  "profiles.new.max_minutes", line: 2,
			want: "want a number, not a string",
		},
		{
			name: "profiles not a table",
			src:  "profiles = \"recreational\"\n",
			key:  "profiles", line: 1,
			want: "want a table of profiles, [profiles.NAME], not a string",
		},
		{
			name: "athlete not a table",
			src:  "athlete = 186\n",
			key:  "athlete", line: 1,
			want: "want a table, not an integer",
		},
		{
			name: "key given twice",
			src:  "[athlete]\nmax_hr = 186\nmax_hr = 190\n",
			key:  "athlete.max_hr", line: 3,
			want: "Key 'athlete.max_hr' has already been defined.",
		},
		{
			name: "not TOML",
			src:  "[athlete\nmax_hr = 186\n",
			line: 2, // where toml sees the error: the line break ends the table name
			want: "expected '.' or ']' to end table name",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := analyze.ParseConfig(strings.NewReader(tt.src), "runcheck.toml")
			if err == nil {
				t.Fatalf("no error; config %+v", c)
			}
			var fe *analyze.FileError
			if !errors.As(err, &fe) || fe.Path != "runcheck.toml" {
				t.Errorf("error %q is not a *FileError naming runcheck.toml", err)
			}
			var ce *analyze.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %q has no *ConfigError", err)
			}
			if ce.Key != tt.key || ce.Line != tt.line {
				t.Errorf("key %q line %d, want key %q line %d", ce.Key, ce.Line, tt.key, tt.line)
			}
			if !errors.Is(err, analyze.ErrConfig) {
				t.Errorf("error %q does not match ErrConfig", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q does not match %v", err, tt.is)
			}
			prefix := fmt.Sprintf("runcheck.toml: line %d: ", tt.line)
			if tt.key != "" {
				prefix += tt.key + ": "
			}
			if msg := err.Error(); !strings.HasPrefix(msg, prefix+tt.want) {
				t.Errorf("error\n %s\nwant it to start with\n %s", msg, prefix+tt.want)
			}
		})
	}
}

// TestConfigInvalidFiles loads each file of testdata/config/invalid and
// checks its error against the file's "# expect:" line.
func TestConfigInvalidFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "config", "invalid", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no files in testdata/config/invalid")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(src), "\n")
			expect, ok := strings.CutPrefix(first, "# expect: ")
			if !ok {
				t.Fatalf("first line %q is not \"# expect: MESSAGE\"", first)
			}
			_, err = analyze.LoadConfig(path)
			var fe *analyze.FileError
			if !errors.As(err, &fe) || fe.Path != path {
				t.Fatalf("error %v is not a *FileError naming %s", err, path)
			}
			if want := path + ": " + expect; err.Error() != want {
				t.Errorf("error\n %s\nwant\n %s", err, want)
			}
		})
	}
}

// TestLoadConfigMissing checks that a file that cannot be read is a
// *FileError naming it.
func TestLoadConfigMissing(t *testing.T) {
	path := filepath.Join("testdata", "config", "missing.toml")
	_, err := analyze.LoadConfig(path)
	var fe *analyze.FileError
	if !errors.As(err, &fe) || fe.Path != path || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want a *FileError naming %s and matching os.ErrNotExist", err, path)
	}
	if errors.Is(err, analyze.ErrConfig) {
		t.Errorf("error %v matches ErrConfig, though the file was never read", err)
	}
}

// TestConfigEmpty checks that an empty file, or one of comments only, gives
// no setting and the built-in profiles.
func TestConfigEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n\n", "\ufeff", "[athlete]\n[tolerances]\n[labels]\n"} {
		c, err := analyze.ParseConfig(strings.NewReader(src), "empty.toml")
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		want := &analyze.Config{Profiles: analyze.DefaultProfiles(), Path: "empty.toml"}
		if !reflect.DeepEqual(c, want) {
			t.Errorf("%q: %+v, want %+v", src, c, want)
		}
		if in := c.AthleteInput(); in != (analyze.AthleteInput{}) {
			t.Errorf("%q: AthleteInput() = %+v, want none given", src, in)
		}
		if p := c.PaceInputs(); p != (analyze.PaceInputs{}) {
			t.Errorf("%q: PaceInputs() = %+v, want none given", src, p)
		}
	}
}

// TestConfigProfileOverrides checks that [profiles.NAME] tables merge field
// by field over the built-in profiles and leave the built-in set alone.
func TestConfigProfileOverrides(t *testing.T) {
	src := `profile = "masters"

[profiles.recreational]
max_minutes = 50
pace_reference = "10k"

[profiles.post-hard]
drift = ""

[profiles.masters]
hr_ceiling_pct = 68
min_minutes = 20
max_minutes = 35
`
	c, err := analyze.ParseConfig(strings.NewReader(src), "runcheck.toml")
	if err != nil {
		t.Fatal(err)
	}
	def := analyze.DefaultProfiles()
	if len(c.Profiles) != len(def)+1 {
		t.Errorf("profiles %v, want the built-in ones and masters", c.Profiles.Names())
	}
	rec := def["recreational"]
	rec.MaxMinutes, rec.PaceReference = 50, analyze.Ref10K
	if got := c.Profiles["recreational"]; got != rec {
		t.Errorf("recreational = %+v\nwant %+v", got, rec)
	}
	ph := def["post-hard"]
	ph.Drift = ""
	if got := c.Profiles["post-hard"]; got != ph {
		t.Errorf("post-hard = %+v\nwant %+v", got, ph)
	}
	for _, name := range []string{"general", "new", "experienced"} {
		if c.Profiles[name] != def[name] {
			t.Errorf("%s changed: %+v", name, c.Profiles[name])
		}
	}
	masters := analyze.Profile{Name: "masters", HRCeilingPct: 68, MinMinutes: 20, MaxMinutes: 35}
	if got, err := c.Profiles.Get(c.Profile); err != nil || got != masters {
		t.Errorf("Get(%q) = %+v, %v; want %+v", c.Profile, got, err, masters)
	}
	if again := analyze.DefaultProfiles(); !reflect.DeepEqual(again, def) {
		t.Errorf("the built-in profiles changed: %+v", again)
	}
}

// TestConfigZoneModelCase checks that the zone model is read in any case
// and kept in lower case, as the model constants are.
func TestConfigZoneModelCase(t *testing.T) {
	c, err := analyze.ParseConfig(strings.NewReader(`zone_model = "LTHR"`), "runcheck.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.ZoneModel != analyze.ModelLTHR {
		t.Errorf("ZoneModel = %q, want %q", c.ZoneModel, analyze.ModelLTHR)
	}
}

// TestConfigSources checks the sources the file's figures carry.
func TestConfigSources(t *testing.T) {
	src := "[athlete]\nmax_hr = 186\nage = 41\nrace_10k = \"51:10\"\n"
	c, err := analyze.ParseConfig(strings.NewReader(src), "conf/runcheck.toml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Source(), "config conf/runcheck.toml"; got != want {
		t.Errorf("Source() = %q, want %q", got, want)
	}
	want := analyze.AthleteInput{
		MaxHR: analyze.Given{Value: 186, Source: "config conf/runcheck.toml"},
		Age:   analyze.Given{Value: 41, Source: "config conf/runcheck.toml"},
	}
	if got := c.AthleteInput(); got != want {
		t.Errorf("AthleteInput() = %+v\nwant %+v", got, want)
	}
	if got, want := c.PaceInputs(), (analyze.PaceInputs{TenK: 3070}); got != want {
		t.Errorf("PaceInputs() = %+v, want %+v", got, want)
	}
	c.Path = ""
	if got := c.Source(); got != "config file" {
		t.Errorf("Source() without a path = %q, want \"config file\"", got)
	}
	var none *analyze.Config
	if none.Source() != "" || none.AthleteInput() != (analyze.AthleteInput{}) || none.PaceInputs() != (analyze.PaceInputs{}) {
		t.Error("a nil *Config gives settings")
	}
}

func TestConfigMergeAthlete(t *testing.T) {
	flag := func(v float64, name string) analyze.Given { return analyze.Given{Value: v, Source: "flag -" + name} }
	conf := func(v float64) analyze.Given { return analyze.Given{Value: v, Source: "config runcheck.toml"} }
	full := analyze.AthleteInput{MaxHR: conf(186), RestingHR: conf(48), ThresholdHR: conf(168), Age: conf(41)}
	tests := []struct {
		name          string
		flags, config analyze.AthleteInput
		want          analyze.AthleteInput
	}{
		{name: "no flags: the config", config: full, want: full},
		{name: "no config: the flags", flags: analyze.AthleteInput{MaxHR: flag(190, "max-hr")}, want: analyze.AthleteInput{MaxHR: flag(190, "max-hr")}},
		{
			name:   "the flag wins per figure, the config fills the rest",
			flags:  analyze.AthleteInput{MaxHR: flag(190, "max-hr"), Age: flag(42, "age")},
			config: full,
			want:   analyze.AthleteInput{MaxHR: flag(190, "max-hr"), RestingHR: conf(48), ThresholdHR: conf(168), Age: flag(42, "age")},
		},
		{
			name:   "a flag not given (0, NaN, Inf) does not win",
			flags:  analyze.AthleteInput{MaxHR: flag(0, "max-hr"), RestingHR: flag(math.NaN(), "resting-hr"), ThresholdHR: flag(math.Inf(1), "lthr")},
			config: full,
			want:   full,
		},
		{
			name:   "neither: not given, with no source",
			flags:  analyze.AthleteInput{Age: analyze.Given{Source: "flag -age"}},
			config: analyze.AthleteInput{MaxHR: conf(186)},
			want:   analyze.AthleteInput{MaxHR: conf(186)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := analyze.MergeAthlete(tt.flags, tt.config); got != tt.want {
				t.Errorf("MergeAthlete =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestConfigMergePace(t *testing.T) {
	const cfg = "config runcheck.toml"
	config := analyze.PaceInputs{FiveK: 1470, TenK: 3070, Easy: 365}
	tests := []struct {
		name          string
		flags, config analyze.PaceInputs
		want          analyze.PaceInputs
		origin        analyze.PaceOrigin
	}{
		{name: "nothing"},
		{name: "the config", config: config, want: config, origin: analyze.PaceOrigin{FiveK: cfg, TenK: cfg, Easy: cfg}},
		{
			name:  "the flags",
			flags: config, config: analyze.PaceInputs{FiveK: 1500, TenK: 3100, Easy: 370},
			want:   config,
			origin: analyze.PaceOrigin{FiveK: "flag -5k", TenK: "flag -10k", Easy: "flag -easy-pace"},
		},
		{
			name:  "a race time flag replaces both race times of the config",
			flags: analyze.PaceInputs{TenK: 3000}, config: config,
			want:   analyze.PaceInputs{TenK: 3000, Easy: 365},
			origin: analyze.PaceOrigin{TenK: "flag -10k", Easy: cfg},
		},
		{
			name:  "the easy pace flag leaves the race times of the config",
			flags: analyze.PaceInputs{Easy: 360}, config: config,
			want:   analyze.PaceInputs{FiveK: 1470, TenK: 3070, Easy: 360},
			origin: analyze.PaceOrigin{FiveK: cfg, TenK: cfg, Easy: "flag -easy-pace"},
		},
		{
			name:  "a flag not given (NaN, Inf, negative) does not win",
			flags: analyze.PaceInputs{FiveK: math.NaN(), TenK: math.Inf(1), Easy: -1}, config: config,
			want:   config,
			origin: analyze.PaceOrigin{FiveK: cfg, TenK: cfg, Easy: cfg},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, origin := analyze.MergePace(tt.flags, tt.config, cfg)
			if got != tt.want || origin != tt.origin {
				t.Errorf("MergePace = %+v, %+v\nwant %+v, %+v", got, origin, tt.want, tt.origin)
			}
		})
	}
}

// TestConfigPaceAsFlags checks that the file's race times and pace parse as
// the flags' do, to the same reference paces.
func TestConfigPaceAsFlags(t *testing.T) {
	c, err := analyze.ParseConfig(strings.NewReader("[athlete]\nrace_5k = \"25:00\"\neasy_pace = \"6:10/km\"\n"), "runcheck.toml")
	if err != nil {
		t.Fatal(err)
	}
	five, _ := analyze.ParseRaceTime("25:00")
	easy, _ := analyze.ParsePace("6:10")
	if got, want := c.PaceInputs(), (analyze.PaceInputs{FiveK: five, Easy: easy}); got != want {
		t.Errorf("PaceInputs() = %+v, want %+v", got, want)
	}
	ref, err := c.PaceInputs().Reference(analyze.Ref10K)
	if err != nil || ref.Source != "Riegel from 5K race time 25:00" {
		t.Errorf("Reference(10k) = %+v, %v", ref, err)
	}
}

func ExampleParseConfig() {
	const file = `
profile = "recreational"

[athlete]
max_hr = 186
resting_hr = 48
race_5k = "24:30"
`
	cfg, err := analyze.ParseConfig(strings.NewReader(file), "runcheck.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	// The command line gave -max-hr 190: the flag wins.
	flags := analyze.AthleteInput{MaxHR: analyze.Given{Value: 190, Source: "flag -max-hr"}}
	athlete := analyze.MergeAthlete(flags, cfg.AthleteInput())
	fmt.Printf("max %g from %s, resting %g from %s\n",
		athlete.MaxHR.Value, athlete.MaxHR.Source, athlete.RestingHR.Value, athlete.RestingHR.Source)

	pace, origin := analyze.MergePace(analyze.PaceInputs{}, cfg.PaceInputs(), cfg.Source())
	ref, _ := pace.Reference(analyze.Ref5K)
	fmt.Printf("%s (from %s)\n", ref.Source, origin.FiveK)

	profile, _ := cfg.Profiles.Get(cfg.Profile)
	fmt.Printf("profile %s: below %g %% of max\n", profile.Name, profile.HRCeilingPct)
	// Output:
	// max 190 from flag -max-hr, resting 48 from config runcheck.toml
	// 5K race time 24:30 (from config runcheck.toml)
	// profile recreational: below 70 % of max
}

func ExampleParseConfig_unknownKey() {
	const file = `
[athlete]
max_hr = 186
resting_heart_rate = 48
`
	_, err := analyze.ParseConfig(strings.NewReader(file), "runcheck.toml")
	fmt.Println(err)
	// Output:
	// runcheck.toml: line 4: athlete.resting_heart_rate: unknown key; the keys of [athlete] are max_hr, resting_hr, lthr, age, race_5k, race_10k, easy_pace
}

// TestConfigCheckRequire reads the [check] table's required channels.
func TestConfigCheckRequire(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		wantErr string
	}{
		{name: "not given", src: "", want: nil},
		{name: "two channels", src: "[check]\nrequire = [\"heart_rate\", \"distance\"]\n", want: []string{"heart_rate", "distance"}},
		{name: "none required", src: "[check]\nrequire = []\n", want: []string{}},
		{name: "unknown channel", src: "[check]\nrequire = [\"power\"]\n", wantErr: `check.require: unknown channel "power"`},
		{name: "unknown key", src: "[check]\nrequired = []\n", wantErr: "the keys of [check] are require"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := analyze.ParseConfig(strings.NewReader(tt.src), "rc.toml")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (c.Require == nil) != (tt.want == nil) || !slices.Equal(c.Require, tt.want) {
				t.Errorf("Require = %#v, want %#v", c.Require, tt.want)
			}
		})
	}
}

// TestConfigLimits reads [limits] tables: each key sets its field, a key
// left out leaves it 0 (the default), and the table may be absent.
func TestConfigLimits(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want analyze.ConfigLimits
	}{
		{name: "no table", src: "", want: analyze.ConfigLimits{}},
		{name: "empty table", src: "[limits]\n", want: analyze.ConfigLimits{}},
		{name: "one key", src: "[limits]\nmax_samples = 5_000_000\n", want: analyze.ConfigLimits{MaxSamples: 5_000_000}},
		{
			name: "every key, lowered",
			src: "[limits]\nmax_file_size = 1\nmax_samples = 2\nmax_xml_depth = 3\nmax_xml_token_size = 4\n" +
				"max_zip_entries = 5\nmax_zip_entry_size = 6\nmax_zip_depth = 7\nmax_index_size = 8\nmax_total_size = 9\n",
			want: analyze.ConfigLimits{MaxFileSize: 1, MaxSamples: 2, MaxXMLDepth: 3, MaxXMLTokenSize: 4,
				MaxZipEntries: 5, MaxZipEntrySize: 6, MaxZipDepth: 7, MaxIndexSize: 8, MaxTotalSize: 9},
		},
		{
			name: "every key at its maximum",
			src: "[limits]\nmax_file_size = 4294967296\nmax_samples = 100_000_000\nmax_xml_depth = 10_000\nmax_xml_token_size = 1073741824\n" +
				"max_zip_entries = 10_000_000\nmax_zip_entry_size = 68719476736\nmax_zip_depth = 16\nmax_index_size = 4294967296\nmax_total_size = 1125899906842624\n",
			want: analyze.ConfigLimits{MaxFileSize: 4 << 30, MaxSamples: 100_000_000, MaxXMLDepth: 10_000, MaxXMLTokenSize: 1 << 30,
				MaxZipEntries: 10_000_000, MaxZipEntrySize: 64 << 30, MaxZipDepth: 16, MaxIndexSize: 4 << 30, MaxTotalSize: 1 << 50},
		},
		{name: "dotted keys", src: "limits.max_xml_depth = 100\n", want: analyze.ConfigLimits{MaxXMLDepth: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := analyze.ParseConfig(strings.NewReader(tt.src), "rc.toml")
			if err != nil {
				t.Fatal(err)
			}
			if c.Limits != tt.want {
				t.Errorf("Limits = %+v, want %+v", c.Limits, tt.want)
			}
		})
	}
}
