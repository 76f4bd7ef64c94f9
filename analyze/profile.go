package analyze

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// defaultProfiles is the TOML source of the built-in profiles.
//
//go:embed profiles.toml
var defaultProfiles string

// DefaultProfile is the profile used when none is named.
const DefaultProfile = "general"

// Pace references a profile's pace band can be measured against.
const (
	Ref5K   = "5k"   // 5K race pace
	Ref10K  = "10k"  // 10K race pace
	RefEasy = "easy" // the runner's normal easy pace
)

// Profile is what a recovery run should look like for one kind of runner.
// The built-in profiles are those of docs/recovery.md#profiles: general,
// new, recreational, experienced and post-hard.
type Profile struct {
	// Name is the profile's name, as given to -profile.
	Name string `toml:"-" json:"name"`
	// Description says whom the profile is for and what it asks, in words.
	Description string `toml:"description" json:"description"`
	// Effort is how the run should feel, for reports.
	Effort string `toml:"effort" json:"effort"`
	// HRLowPct and HRCeilingPct are the heart-rate band in percent of
	// maximum heart rate. The ceiling is graded; the low edge is advice.
	HRLowPct     float64 `toml:"hr_low_pct" json:"hr_low_pct"`
	HRCeilingPct float64 `toml:"hr_ceiling_pct" json:"hr_ceiling_pct"`
	// MinMinutes and MaxMinutes are the recommended moving time.
	MinMinutes float64 `toml:"min_minutes" json:"min_minutes"`
	MaxMinutes float64 `toml:"max_minutes" json:"max_minutes"`
	// PaceReference is the pace the band is measured from: Ref5K, Ref10K,
	// RefEasy, or empty for no pace band.
	PaceReference string `toml:"pace_reference" json:"pace_reference,omitempty"`
	// PaceMinOffset and PaceMaxOffset bound the pace band in seconds per
	// kilometre slower than the reference. Faster than PaceMinOffset is too
	// fast; slower than PaceMaxOffset is fine for a recovery run.
	PaceMinOffset float64 `toml:"pace_min_offset" json:"pace_min_offset,omitempty"`
	PaceMaxOffset float64 `toml:"pace_max_offset" json:"pace_max_offset,omitempty"`
	// Drift is "down" when heart rate should drift downward or stay flat
	// (after a hard session), empty otherwise.
	Drift string `toml:"drift" json:"drift,omitempty"`
}

// Profiles is a set of profiles by name.
type Profiles map[string]Profile

// DefaultProfiles returns the built-in profiles.
func DefaultProfiles() Profiles {
	p, err := parseProfiles(defaultProfiles, nil)
	if err != nil {
		panic("analyze: built-in profiles.toml: " + err.Error()) // a build defect, caught by the tests
	}
	return p
}

// Names returns the profile names in lexical order.
func (p Profiles) Names() []string {
	names := make([]string, 0, len(p))
	for n := range p {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Get returns the profile called name, or an error listing the known ones.
func (p Profiles) Get(name string) (Profile, error) {
	if name == "" {
		name = DefaultProfile
	}
	pr, ok := p[name]
	if !ok {
		return Profile{}, fmt.Errorf("unknown profile %q (known: %s)", name, strings.Join(p.Names(), ", "))
	}
	return pr, nil
}

// parseProfiles decodes TOML tables of profiles over base: a table for a
// profile in base overrides the fields it names and keeps the others.
func parseProfiles(src string, base Profiles) (Profiles, error) {
	var raw map[string]toml.Primitive
	md, err := toml.Decode(src, &raw)
	if err != nil {
		return nil, err
	}
	out := Profiles{}
	for name, pr := range base {
		out[name] = pr
	}
	if err := mergeProfiles(md, raw, out); err != nil {
		return nil, err
	}
	return out, nil
}

// mergeProfiles decodes each raw profile table over the profile of the same
// name in out (or a new one), checking the result.
func mergeProfiles(md toml.MetaData, raw map[string]toml.Primitive, out Profiles) error {
	for _, name := range sortedKeys(raw) {
		pr := out[name]
		if err := md.PrimitiveDecode(raw[name], &pr); err != nil {
			return fmt.Errorf("profile %q: %w", name, err)
		}
		pr.Name = name
		if err := pr.Validate(); err != nil {
			return err
		}
		out[name] = pr
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return fmt.Errorf("unknown profile setting %q", keys[0].String())
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Validate reports the first setting of p that cannot be graded by.
func (p Profile) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("profile %q: "+format, append([]any{p.Name}, args...)...)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !finite(p.HRCeilingPct) || p.HRCeilingPct <= 0 || p.HRCeilingPct > 100:
		return bad("hr_ceiling_pct %g: want a percentage in (0, 100]", p.HRCeilingPct)
	case !finite(p.HRLowPct) || p.HRLowPct < 0 || p.HRLowPct >= p.HRCeilingPct:
		return bad("hr_low_pct %g: want 0 or more and below hr_ceiling_pct %g", p.HRLowPct, p.HRCeilingPct)
	case !finite(p.MinMinutes) || !finite(p.MaxMinutes) || p.MinMinutes < 0 || p.MaxMinutes <= p.MinMinutes:
		return bad("min_minutes %g and max_minutes %g: want 0 <= min < max", p.MinMinutes, p.MaxMinutes)
	}
	switch p.PaceReference {
	case "":
	case Ref5K, Ref10K, RefEasy:
		if !finite(p.PaceMinOffset) || !finite(p.PaceMaxOffset) || p.PaceMaxOffset <= p.PaceMinOffset {
			return bad("pace_min_offset %g and pace_max_offset %g: want min < max", p.PaceMinOffset, p.PaceMaxOffset)
		}
	default:
		return bad("pace_reference %q: want %q, %q, %q or empty", p.PaceReference, Ref5K, Ref10K, RefEasy)
	}
	if p.Drift != "" && p.Drift != "down" {
		return bad("drift %q: want \"down\" or empty", p.Drift)
	}
	return nil
}
