package analyze

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// recoveryDoc is docs/recovery.md, from the module root.
const recoveryDoc = "../docs/recovery.md"

// readRecoveryDoc returns docs/recovery.md as lines.
func readRecoveryDoc(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(recoveryDoc)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
}

// docTable returns the first Markdown table in the section of doc under the
// heading line heading ("## Profiles"), before the next heading: its column
// names and its rows, each cell trimmed and without backticks.
func docTable(t *testing.T, doc []string, heading string) (cols []string, rows [][]string) {
	t.Helper()
	start := slices.Index(doc, heading)
	if start < 0 {
		t.Fatalf("%s: no heading %q", recoveryDoc, heading)
	}
	cells := func(line string) []string {
		line = strings.TrimSpace(line)
		line = strings.TrimPrefix(strings.TrimSuffix(line, "|"), "|")
		var out []string
		for _, c := range strings.Split(line, "|") {
			out = append(out, strings.Trim(strings.TrimSpace(c), "`"))
		}
		return out
	}
	for i := start + 1; i < len(doc); i++ {
		line := doc[i]
		if strings.HasPrefix(line, "#") {
			break
		}
		if !strings.HasPrefix(line, "|") {
			if cols != nil {
				break
			}
			continue
		}
		switch {
		case cols == nil:
			cols = cells(line)
		case strings.HasPrefix(line, "|---"):
		default:
			r := cells(line)
			if len(r) != len(cols) {
				t.Fatalf("%s:%d: %d cells, want %d: %s", recoveryDoc, i+1, len(r), len(cols), line)
			}
			rows = append(rows, r)
		}
	}
	if cols == nil {
		t.Fatalf("%s: no table under %q", recoveryDoc, heading)
	}
	return cols, rows
}

// docNumber parses a table cell as a number.
func docNumber(t *testing.T, what, cell string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		t.Errorf("%s: %q is not a number", what, cell)
	}
	return v
}

// TestRecoveryDocProfiles holds the profile table of docs/recovery.md to
// the built-in profiles (profiles.toml): a change to one without the other
// fails.
func TestRecoveryDocProfiles(t *testing.T) {
	cols, rows := docTable(t, readRecoveryDoc(t), "## Profiles")
	want := []string{"profile", "hr_low_pct", "hr_ceiling_pct", "min_minutes", "max_minutes",
		"pace_reference", "pace_min_offset", "pace_max_offset", "drift", "effort"}
	if !slices.Equal(cols, want) {
		t.Fatalf("profile table columns %q, want %q", cols, want)
	}
	text := func(s string) string {
		if s == "-" {
			return ""
		}
		return s
	}
	got := Profiles{}
	for _, r := range rows {
		name := r[0]
		num := func(k int) float64 { return docNumber(t, name+" "+cols[k], r[k]) }
		got[name] = Profile{
			Name: name, HRLowPct: num(1), HRCeilingPct: num(2), MinMinutes: num(3), MaxMinutes: num(4),
			PaceReference: text(r[5]), PaceMinOffset: num(6), PaceMaxOffset: num(7),
			Drift: text(r[8]), Effort: r[9],
		}
	}
	def := DefaultProfiles()
	if !slices.Equal(got.Names(), def.Names()) {
		t.Errorf("docs/recovery.md lists the profiles %q, profiles.toml %q", got.Names(), def.Names())
	}
	for name, p := range def {
		d, ok := got[name]
		if !ok {
			continue
		}
		p.Description = "" // not in the table
		if d != p {
			t.Errorf("profile %s:\n docs/recovery.md %+v\n profiles.toml    %+v", name, d, p)
		}
	}
}

// TestRecoveryDocDefaults holds the tables of tolerances and cleaning
// defaults in docs/recovery.md to the constants the code uses.
func TestRecoveryDocDefaults(t *testing.T) {
	doc := readRecoveryDoc(t)
	for _, tc := range []struct {
		heading string
		want    map[string]float64
	}{
		{"### Tolerances", map[string]float64{
			"ceiling_share":          DefaultCeilingShare,
			"ceiling_minutes":        DefaultCeilingMinutes,
			"pace_faster_share":      DefaultPaceFasterShare,
			"drift_up_bpm_per_10min": DefaultDriftUp,
			"hilly_ascent_m_per_km":  DefaultHillyAscentPerKm,
			"steep_climb_minutes":    DefaultSteepClimbMinutes,
			"hot_temperature_c":      DefaultHotTemperature,
			"heavy_cleaning_share":   DefaultHeavyCleaning,
			"warm_up_minutes":        DefaultWarmUpMinutes,
		}},
		{"### Heart-rate cleaning", map[string]float64{
			"min_hr":             DefaultHeartRateMin,
			"max_hr":             DefaultHeartRateMax,
			"max_rate":           DefaultHeartRateMaxRate,
			"mad_window_s":       DefaultHeartRateMADWindow,
			"mad_k":              DefaultHeartRateMADK,
			"mad_floor":          DefaultHeartRateMADFloor,
			"lock_on_s":          DefaultHeartRateLockOn,
			"cadence_tolerance":  DefaultCadenceLockTolerance,
			"cadence_lock_min_s": DefaultCadenceLockMinSeconds,
			"stride_cadence_max": DefaultStrideCadenceMax,
		}},
	} {
		cols, rows := docTable(t, doc, tc.heading)
		if len(cols) < 2 || cols[1] != "default" {
			t.Fatalf("%s: columns %q, want the default second", tc.heading, cols)
		}
		seen := map[string]bool{}
		for _, r := range rows {
			key := r[0]
			seen[key] = true
			want, ok := tc.want[key]
			if !ok {
				t.Errorf("%s: %s is not a setting this test knows", tc.heading, key)
				continue
			}
			if got := docNumber(t, tc.heading+" "+key, r[1]); got != want {
				t.Errorf("%s: %s is %v in docs/recovery.md, %v in the code", tc.heading, key, got, want)
			}
		}
		for key := range tc.want {
			if !seen[key] {
				t.Errorf("%s: %s missing from docs/recovery.md", tc.heading, key)
			}
		}
	}
}

// docAnchor is the anchor GitHub gives a heading: lower case, without
// punctuation, spaces as hyphens.
func docAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestRecoveryDocLinks checks that every link to a section of
// docs/recovery.md, in the repository's Go, Markdown and TOML files, names a
// heading that exists, and that no file cites the domain notes that are not
// in the repository.
func TestRecoveryDocLinks(t *testing.T) {
	anchors := map[string]bool{}
	for _, line := range readRecoveryDoc(t) {
		if h, ok := strings.CutPrefix(line, "#"); ok {
			a := docAnchor(strings.TrimSpace(strings.TrimLeft(h, "#")))
			if anchors[a] {
				t.Errorf("docs/recovery.md: two headings make the anchor #%s", a)
			}
			anchors[a] = true
		}
	}
	link := regexp.MustCompile(`recovery\.md#([A-Za-z0-9_-]+)`)
	// The page's links to its own sections.
	self := regexp.MustCompile(`\]\(#([A-Za-z0-9_-]+)\)`)
	// Split, so that this file does not cite it.
	absent := "RECOVERY" + ".md"
	links := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != ".." && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".toml":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		isDoc := filepath.Clean(path) == filepath.Clean(recoveryDoc)
		for i, line := range strings.Split(string(b), "\n") {
			ms := link.FindAllStringSubmatch(line, -1)
			if isDoc {
				ms = append(ms, self.FindAllStringSubmatch(line, -1)...)
			}
			for _, m := range ms {
				links++
				if !anchors[m[1]] {
					t.Errorf("%s:%d: #%s is no heading of docs/recovery.md", path, i+1, m[1])
				}
			}
			if strings.Contains(line, absent) {
				t.Errorf("%s:%d: cites %s, which is not in the repository; cite docs/recovery.md", path, i+1, absent)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if links == 0 {
		t.Error("no link to a section of docs/recovery.md found: is the walk in the wrong place?")
	}
}
