package analyze

import (
	"strings"
	"testing"
)

// TestDefaultProfiles checks the built-in profiles against the table of
// docs/recovery.md#profiles, typed here from the table itself
// (TestRecoveryDocProfiles reads the table from the page).
func TestDefaultProfiles(t *testing.T) {
	want := map[string]Profile{
		"general":      {HRLowPct: 0, HRCeilingPct: 70, MinMinutes: 20, MaxMinutes: 45},
		"new":          {HRLowPct: 55, HRCeilingPct: 65, MinMinutes: 15, MaxMinutes: 30},
		"recreational": {HRLowPct: 60, HRCeilingPct: 70, MinMinutes: 20, MaxMinutes: 40, PaceReference: "5k", PaceMinOffset: 90, PaceMaxOffset: 120},
		"experienced":  {HRLowPct: 65, HRCeilingPct: 72, MinMinutes: 25, MaxMinutes: 45, PaceReference: "10k", PaceMinOffset: 75, PaceMaxOffset: 105},
		"post-hard":    {HRLowPct: 55, HRCeilingPct: 65, MinMinutes: 15, MaxMinutes: 30, PaceReference: "easy", PaceMinOffset: 30, PaceMaxOffset: 60, Drift: "down"},
	}
	got := DefaultProfiles()
	if len(got) != len(want) {
		t.Errorf("profiles %v, want %d", got.Names(), len(want))
	}
	for name, w := range want {
		g, err := got.Get(name)
		if err != nil {
			t.Error(err)
			continue
		}
		if g.Name != name || g.Description == "" || g.Effort == "" {
			t.Errorf("%s: name %q, description %q, effort %q", name, g.Name, g.Description, g.Effort)
		}
		g.Name, g.Description, g.Effort = "", "", ""
		if g != w {
			t.Errorf("%s = %+v, want %+v", name, g, w)
		}
	}
	if p, err := got.Get(""); err != nil || p.Name != "general" {
		t.Errorf("Get(\"\") = %q, %v; want the general profile", p.Name, err)
	}
	if _, err := got.Get("elite"); err == nil || !strings.Contains(err.Error(), "general, new, post-hard") {
		t.Errorf("Get(elite) error %v, want the list of known profiles", err)
	}
}

func TestParseProfilesOverride(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		check   func(Profiles) string
		wantErr string
	}{
		{
			name: "one field overridden, the others kept",
			src:  "[recreational]\nmax_minutes = 50\n",
			check: func(p Profiles) string {
				r := p["recreational"]
				if r.MaxMinutes != 50 || r.MinMinutes != 20 || r.PaceReference != "5k" || r.HRCeilingPct != 70 {
					return "recreational not merged field by field"
				}
				return ""
			},
		},
		{
			name: "a new profile",
			src:  "[masters]\nhr_ceiling_pct = 68\nmin_minutes = 20\nmax_minutes = 35\n",
			check: func(p Profiles) string {
				if m := p["masters"]; m.Name != "masters" || m.HRCeilingPct != 68 || len(p) != 6 {
					return "masters not added"
				}
				return ""
			},
		},
		{name: "ceiling above 100 %", src: "[general]\nhr_ceiling_pct = 170\n", wantErr: "hr_ceiling_pct 170"},
		{name: "duration window reversed", src: "[new]\nmin_minutes = 40\n", wantErr: "min_minutes 40 and max_minutes 30"},
		{name: "unknown reference", src: "[new]\npace_reference = \"marathon\"\npace_min_offset = 1\npace_max_offset = 2\n", wantErr: `pace_reference "marathon"`},
		{name: "unknown setting", src: "[new]\nmax_minute = 40\n", wantErr: `unknown profile setting "new.max_minute"`},
		{name: "not TOML", src: "[new\n", wantErr: "toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseProfiles(tt.src, DefaultProfiles())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(p); msg != "" {
				t.Error(msg)
			}
			if DefaultProfiles()["recreational"].MaxMinutes != 40 {
				t.Error("overriding changed the defaults")
			}
		})
	}
}
