package analyze

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/runcheck/runcheck/activity"
)

// A configuration file holds the athlete settings, the tolerances, the label
// patterns and the profile overrides that would otherwise be flags. It is
// TOML; docs/config.md documents the schema with a complete example. The
// command line's flags win over the file figure by figure ([MergeAthlete],
// [MergePace]), and every figure keeps its source, so a report says which won.

// Config is a runcheck configuration file, read by [LoadConfig] or
// [ParseConfig]. A zero field was not given in the file.
type Config struct {
	// Profile is the profile to grade by, a key of Profiles; empty when
	// the file names none.
	Profile string
	// ZoneModel is the heart-rate zone model, lower case: ModelHRMax,
	// ModelHRR, ModelLTHR or ModelDevice; empty when the file names none.
	ZoneModel string
	// Athlete holds the [athlete] table.
	Athlete ConfigAthlete
	// Tolerances holds the [tolerances] table; a field left out is 0,
	// which GradeOptions reads as its default.
	Tolerances GradeOptions
	// Labels holds the [labels] table: the recovery-label patterns.
	Labels LabelPatterns
	// Require is the [check] table's require key: the channels every run
	// must have for `runcheck check` (activity.Channel names); nil when the
	// file does not say, an empty list to require none.
	Require []string
	// RequireLabel is the [check] table's require_label key: every run
	// of the dataset must carry a recovery label, so that `runcheck check`
	// fails a run it does not grade. False when the file does not say.
	RequireLabel bool
	// Limits holds the [limits] table: the safety limits on input, raised
	// (or lowered) from their defaults.
	Limits ConfigLimits
	// Profiles are the built-in profiles with the file's [profiles.NAME]
	// tables applied field by field, plus the profiles the file adds. It
	// is never nil: DefaultProfiles when the file has no such table.
	Profiles Profiles
	// Path is the file the configuration came from, as the caller named
	// it; Source builds the sources of its figures from it.
	Path string
}

// ConfigAthlete is the [athlete] table of a configuration file. A zero field
// was not given.
type ConfigAthlete struct {
	// MaxHR, RestingHR and ThresholdHR are the maximum, resting and
	// lactate threshold heart rates (keys max_hr, resting_hr, lthr), in
	// beats per minute.
	MaxHR       float64
	RestingHR   float64
	ThresholdHR float64
	// Age is the athlete's age in years (key age).
	Age float64
	// FiveK and TenK are race times over 5 and 10 km in seconds (keys
	// race_5k and race_10k, written "25:00" or "1:02:30").
	FiveK float64
	TenK  float64
	// EasyPace is the normal easy pace in seconds per kilometre (key
	// easy_pace, written "6:10").
	EasyPace float64
}

// ConfigLimits is the [limits] table of a configuration file: the limits
// that guard against hostile or broken input, for a real file that exceeds
// one. A zero field was not given, and the default applies. The first four
// are the [Decoder] fields of the same meaning; the next four bound the
// zip archives and export indexes the command line reads; the last bounds
// a whole run.
type ConfigLimits struct {
	// MaxFileSize (key max_file_size) is the largest activity file, in
	// bytes after gzip decompression: Decoder.MaxSize.
	MaxFileSize int64
	// MaxSamples (key max_samples) is the largest number of samples per
	// activity: Decoder.MaxSamples.
	MaxSamples int
	// MaxXMLDepth (key max_xml_depth) is the deepest element nesting of a
	// GPX or TCX file: Decoder.MaxDepth.
	MaxXMLDepth int
	// MaxXMLTokenSize (key max_xml_token_size) is the largest XML token of
	// a GPX or TCX file, in bytes: Decoder.MaxTokenSize.
	MaxXMLTokenSize int
	// MaxZipEntries (key max_zip_entries) is the largest number of entries
	// in one zip archive.
	MaxZipEntries int
	// MaxZipEntrySize (key max_zip_entry_size) is the largest uncompressed
	// size, in bytes, of one member of a zip archive.
	MaxZipEntrySize int64
	// MaxZipDepth (key max_zip_depth) is how many zip archives may enclose
	// a file: 1 for archives on disk only, 2 also for archives in them.
	MaxZipDepth int
	// MaxIndexSize (key max_index_size) is the largest export index file
	// (a Strava activities.csv), in bytes, on disk or in an archive.
	MaxIndexSize int64
	// MaxTotalSize (key max_total_size) is the number of bytes a whole run
	// may read and inflate, all files together: the size of the run's
	// [Budget].
	MaxTotalSize int64
}

// ErrConfig means a configuration file cannot be used: it is not TOML, it
// has a key runcheck does not know, or a value is invalid. Every such error
// is a *[ConfigError].
var ErrConfig = errors.New("analyze: invalid config file")

// ConfigError is what is wrong in a configuration file, and where. It
// matches [ErrConfig] with errors.Is, and its cause too: a bad race time
// also matches [ErrPaceInput], a bad label pattern [ErrLabelPattern].
// [LoadConfig] and [ParseConfig] return it inside a *[FileError] that names
// the file.
type ConfigError struct {
	// Line is the line of the file the problem is on, counted from 1; 0
	// when it is not known.
	Line int
	// Key is the dotted key the problem is about, as TOML writes it
	// ("athlete.race_5k", `profiles."my profile"`); empty when it is
	// about none (a TOML syntax error before any key).
	Key string
	// Err says what is wrong.
	Err error
}

// Error returns "line N: KEY: PROBLEM", leaving out what is not known.
func (e *ConfigError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	if e.Err == nil {
		b.WriteString("invalid")
		return b.String()
	}
	msg := e.Err.Error()
	// The key says what kind of setting it is: drop the sentinel's words.
	for _, s := range []error{ErrPaceInput, ErrLabelPattern} {
		if errors.Is(e.Err, s) {
			msg = strings.TrimPrefix(msg, s.Error()+": ")
		}
	}
	b.WriteString(msg)
	return b.String()
}

// Unwrap returns ErrConfig and the cause.
func (e *ConfigError) Unwrap() []error { return []error{ErrConfig, e.Err} }

// LoadConfig reads the configuration file at path with [ParseConfig]. Errors
// are *[FileError] values naming path; the cause is a *[ConfigError] when
// the file was read but cannot be used.
func LoadConfig(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	defer f.Close()
	return ParseConfig(f, path)
}

// ParseConfig reads a configuration file from r. name is the file's name,
// for errors and for the sources of its figures ([Config.Source]); it
// becomes Config.Path.
//
// Every key must be one of the schema's (docs/config.md): a misspelt key is
// an error, never silently ignored. The values are checked as the flags
// are: race times and the easy pace parse as -5k and -easy-pace do
// ([ParseRaceTime], [ParsePace]); heart rates and the age pass
// [Figure.Check], the check the command line's flags pass too, with
// resting below threshold below maximum; each limit is a whole number from
// 1 to its maximum (docs/config.md lists them); the profile must exist, counting the file's own
// [profiles.NAME] tables; the zone model must be known; tolerances must be
// finite and not negative, shares at most 1; label patterns must compile
// ([NewLabelMatcher]); a profile override must leave a valid profile
// ([Profile.Validate]).
//
// Errors are *[FileError] values naming name, whose cause is a
// *[ConfigError] with the key and, where known, the line; the first problem
// found is reported.
func ParseConfig(r io.Reader, name string) (*Config, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, &FileError{Path: name, Err: err}
	}
	c, err := parseConfig(string(src))
	if err != nil {
		return nil, &FileError{Path: name, Err: err}
	}
	c.Path = name
	return c, nil
}

// Source returns the source the file's figures are given with: "config
// PATH", or "config file" when the path is empty. A nil c gives "".
func (c *Config) Source() string {
	switch {
	case c == nil:
		return ""
	case c.Path == "":
		return "config file"
	}
	return "config " + c.Path
}

// AthleteInput returns the heart rates and age of the [athlete] table, each
// with c.Source() as its source; a figure the file does not give is left
// zero (not given). A nil c gives the zero AthleteInput.
func (c *Config) AthleteInput() AthleteInput {
	if c == nil {
		return AthleteInput{}
	}
	given := func(v float64) Given {
		if v == 0 {
			return Given{}
		}
		return Given{Value: v, Source: c.Source()}
	}
	a := c.Athlete
	return AthleteInput{
		MaxHR:       given(a.MaxHR),
		RestingHR:   given(a.RestingHR),
		ThresholdHR: given(a.ThresholdHR),
		Age:         given(a.Age),
	}
}

// PaceInputs returns the race times and easy pace of the [athlete] table. A
// nil c gives the zero PaceInputs.
func (c *Config) PaceInputs() PaceInputs {
	if c == nil {
		return PaceInputs{}
	}
	return PaceInputs{FiveK: c.Athlete.FiveK, TenK: c.Athlete.TenK, Easy: c.Athlete.EasyPace}
}

// MergeAthlete returns the athlete figures with the flags winning: each
// figure is taken from flags when given there, else from config (usually
// [Config.AthleteInput]). Each keeps its Source, so the result says which
// won: "flag -max-hr" or "config runcheck.toml".
func MergeAthlete(flags, config AthleteInput) AthleteInput {
	pick := func(f, c Given) Given {
		if f.given() {
			return f
		}
		if c.given() {
			return c
		}
		return Given{}
	}
	return AthleteInput{
		MaxHR:       pick(flags.MaxHR, config.MaxHR),
		RestingHR:   pick(flags.RestingHR, config.RestingHR),
		ThresholdHR: pick(flags.ThresholdHR, config.ThresholdHR),
		Age:         pick(flags.Age, config.Age),
	}
}

// PaceOrigin says where each setting of a [PaceInputs] came from, in the
// words of [Given].Source: "flag -5k", "flag -10k", "flag -easy-pace", a
// config file's source ("config runcheck.toml"), or empty when not given. A
// report puts it beside [PaceReference].Source: "5K race time 25:00 (from
// config runcheck.toml)".
type PaceOrigin struct {
	// FiveK, TenK and Easy are the sources of the PaceInputs fields of
	// the same names.
	FiveK string `json:"five_k,omitempty"`
	TenK  string `json:"ten_k,omitempty"`
	Easy  string `json:"easy_pace,omitempty"`
}

// MergePace returns the pace settings with the flags (-5k, -10k,
// -easy-pace) winning over config, and where each came from; configSource
// names config ([Config.Source]).
//
// The two race times count as one figure, the athlete's race fitness: when
// the flags give either, both come from the flags, and the config's race
// times are dropped. Otherwise a -10k on the command line would lose to the
// file's race_5k wherever a profile measures from 5K pace, since a time for
// the distance itself wins over a conversion ([PaceInputs.Reference]). The
// easy pace is a figure of its own. A setting counts as given when it is a
// positive finite number.
func MergePace(flags, config PaceInputs, configSource string) (PaceInputs, PaceOrigin) {
	ok := func(v float64) bool { return v > 0 && !math.IsInf(v, 1) }
	var out PaceInputs
	var origin PaceOrigin
	take := func(dst *float64, src *string, v float64, from string) {
		if ok(v) {
			*dst, *src = v, from
		}
	}
	if ok(flags.FiveK) || ok(flags.TenK) {
		take(&out.FiveK, &origin.FiveK, flags.FiveK, "flag -5k")
		take(&out.TenK, &origin.TenK, flags.TenK, "flag -10k")
	} else {
		take(&out.FiveK, &origin.FiveK, config.FiveK, configSource)
		take(&out.TenK, &origin.TenK, config.TenK, configSource)
	}
	if ok(flags.Easy) {
		take(&out.Easy, &origin.Easy, flags.Easy, "flag -easy-pace")
	} else {
		take(&out.Easy, &origin.Easy, config.Easy, configSource)
	}
	return out, origin
}

// configFile is the TOML schema of a configuration file. Pointers tell a
// key left out from a key given as 0.
type configFile struct {
	Profile    string                    `toml:"profile"`
	ZoneModel  string                    `toml:"zone_model"`
	Athlete    configAthleteFile         `toml:"athlete"`
	Tolerances GradeOptions              `toml:"tolerances"`
	Labels     configLabelsFile          `toml:"labels"`
	Check      configCheckFile           `toml:"check"`
	Limits     configLimitsFile          `toml:"limits"`
	Profiles   map[string]toml.Primitive `toml:"profiles"`
}

// configLimitsFile is the [limits] table.
type configLimitsFile struct {
	MaxFileSize     *int64 `toml:"max_file_size"`
	MaxSamples      *int64 `toml:"max_samples"`
	MaxXMLDepth     *int64 `toml:"max_xml_depth"`
	MaxXMLTokenSize *int64 `toml:"max_xml_token_size"`
	MaxZipEntries   *int64 `toml:"max_zip_entries"`
	MaxZipEntrySize *int64 `toml:"max_zip_entry_size"`
	MaxZipDepth     *int64 `toml:"max_zip_depth"`
	MaxIndexSize    *int64 `toml:"max_index_size"`
	MaxTotalSize    *int64 `toml:"max_total_size"`
}

// The largest values the keys of [limits] accept. They are far above what
// any real input needs and low enough that no size or count derived from a
// limit (a limit plus a chunk, a sum of member sizes, a slice of that many
// entries) can overflow an int64 or ask for more memory than a machine has
// at once: the memory a file costs grows with what the file really holds,
// never with the limit.
const (
	configMaxFileSize  = 4 << 30  // one activity file or index, read into memory: 4 GiB
	configMaxEntrySize = 64 << 30 // one archive member, which may itself be an archive: 64 GiB
	configMaxTotalSize = 1 << 50  // a whole run's bytes read and inflated: 1 PiB
	configMaxSamples   = 100_000_000
	configMaxXMLDepth  = 10_000
	configMaxTokenSize = 1 << 30 // 1 GiB
	configMaxEntries   = 10_000_000
	configMaxZipDepth  = 16
)

// check checks the [limits] table into dst: each limit given is a whole
// number from 1 to its maximum.
func (l configLimitsFile) check(dst *ConfigLimits, keyErr func(string, error) error) error {
	for _, f := range []struct {
		key string
		v   *int64
		max int64
		set func(int64)
	}{
		{"max_file_size", l.MaxFileSize, configMaxFileSize, func(v int64) { dst.MaxFileSize = v }},
		{"max_samples", l.MaxSamples, configMaxSamples, func(v int64) { dst.MaxSamples = int(v) }},
		{"max_xml_depth", l.MaxXMLDepth, configMaxXMLDepth, func(v int64) { dst.MaxXMLDepth = int(v) }},
		{"max_xml_token_size", l.MaxXMLTokenSize, configMaxTokenSize, func(v int64) { dst.MaxXMLTokenSize = int(v) }},
		{"max_zip_entries", l.MaxZipEntries, configMaxEntries, func(v int64) { dst.MaxZipEntries = int(v) }},
		{"max_zip_entry_size", l.MaxZipEntrySize, configMaxEntrySize, func(v int64) { dst.MaxZipEntrySize = v }},
		{"max_zip_depth", l.MaxZipDepth, configMaxZipDepth, func(v int64) { dst.MaxZipDepth = int(v) }},
		{"max_index_size", l.MaxIndexSize, configMaxFileSize, func(v int64) { dst.MaxIndexSize = v }},
		{"max_total_size", l.MaxTotalSize, configMaxTotalSize, func(v int64) { dst.MaxTotalSize = v }},
	} {
		switch {
		case f.v == nil:
		case *f.v <= 0 || *f.v > f.max:
			return keyErr("limits."+f.key, fmt.Errorf("%d is out of range; want a whole number from 1 to %d%s, or leave the key out for the default",
				*f.v, f.max, sizeWords(f.key, f.max)))
		default:
			f.set(*f.v)
		}
	}
	return nil
}

// sizeWords is " (4 GiB)" for a key of a size in bytes, else "".
func sizeWords(key string, n int64) string {
	if !strings.HasSuffix(key, "_size") {
		return ""
	}
	for _, u := range []struct {
		shift uint
		unit  string
	}{{50, "PiB"}, {40, "TiB"}, {30, "GiB"}, {20, "MiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf(" (%d %s)", n>>u.shift, u.unit)
		}
	}
	return ""
}

// configCheckFile is the [check] table.
type configCheckFile struct {
	Require      *[]string `toml:"require"`
	RequireLabel bool      `toml:"require_label"`
}

// configAthleteFile is the [athlete] table.
type configAthleteFile struct {
	MaxHR     *float64 `toml:"max_hr"`
	RestingHR *float64 `toml:"resting_hr"`
	LTHR      *float64 `toml:"lthr"`
	Age       *float64 `toml:"age"`
	Race5K    *string  `toml:"race_5k"`
	Race10K   *string  `toml:"race_10k"`
	EasyPace  *string  `toml:"easy_pace"`
}

// configLabelsFile is the [labels] table.
type configLabelsFile struct {
	Match     string `toml:"match"`
	Exclude   string `toml:"exclude"`
	NoExclude bool   `toml:"no_exclude"`
}

// parseConfig decodes and checks the configuration file src.
func parseConfig(src string) (*Config, error) {
	keyErr := func(key string, err error) error {
		return configKeyError(src, toml.Key(strings.Split(key, ".")), err)
	}
	var f configFile
	md, err := toml.Decode(src, &f)
	if err != nil {
		return nil, configTOMLError(err, md)
	}
	if t := md.Type("profiles"); t != "" && t != "Hash" {
		// toml leaves a map alone when the value is not a table. The
		// profiles table that a [profiles.NAME] header implies has no
		// type ("").
		return nil, keyErr("profiles", fmt.Errorf("want a table of profiles, [profiles.NAME], not %s", configTOMLType(md, "profiles")))
	}

	// Decode each profile table once on its own, so that a value of the
	// wrong type is reported with its key and every key is marked decoded
	// before looking for unknown ones; mergeProfiles decodes them again
	// over the built-in profiles.
	names := sortedKeys(f.Profiles)
	for _, name := range names {
		var scratch Profile
		if err := md.PrimitiveDecode(f.Profiles[name], &scratch); err != nil {
			return nil, configTOMLError(err, md)
		}
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return nil, configKeyError(src, keys[0], configUnknownKey(keys[0]))
	}

	c := &Config{Tolerances: f.Tolerances}
	if err := f.Athlete.check(&c.Athlete, keyErr); err != nil {
		return nil, err
	}
	if f.ZoneModel != "" {
		c.ZoneModel = strings.ToLower(f.ZoneModel)
		switch c.ZoneModel {
		case ModelHRMax, ModelHRR, ModelLTHR, ModelDevice:
		default:
			return nil, keyErr("zone_model", fmt.Errorf("unknown zone model %q; want %s, %s, %s or %s",
				f.ZoneModel, ModelHRMax, ModelHRR, ModelLTHR, ModelDevice))
		}
	}
	if err := configCheckTolerances(f.Tolerances, keyErr); err != nil {
		return nil, err
	}
	c.Labels = LabelPatterns{Match: f.Labels.Match, Exclude: f.Labels.Exclude, NoExclude: f.Labels.NoExclude}
	if err := configCheckLabels(c.Labels, keyErr); err != nil {
		return nil, err
	}

	c.RequireLabel = f.Check.RequireLabel
	if f.Check.Require != nil {
		c.Require = []string{}
		for _, ch := range *f.Check.Require {
			if !slices.Contains(activity.ChannelNames(), ch) {
				return nil, keyErr("check.require", fmt.Errorf("unknown channel %q; want some of %s", ch, strings.Join(activity.ChannelNames(), ", ")))
			}
			c.Require = append(c.Require, ch)
		}
	}

	if err := f.Limits.check(&c.Limits, keyErr); err != nil {
		return nil, err
	}

	c.Profiles = DefaultProfiles()
	for _, name := range names {
		one := map[string]toml.Primitive{name: f.Profiles[name]}
		if err := mergeProfiles(md, one, c.Profiles); err != nil {
			msg := strings.TrimPrefix(err.Error(), fmt.Sprintf("profile %q: ", name))
			return nil, configKeyError(src, toml.Key{"profiles", name}, errors.New(msg))
		}
	}
	if f.Profile != "" {
		if _, err := c.Profiles.Get(f.Profile); err != nil {
			return nil, keyErr("profile", err)
		}
		c.Profile = f.Profile
	}
	return c, nil
}

// configAthleteKeys are the keys of the [athlete] table's figures.
var configAthleteKeys = [...]string{FigureMaxHR: "max_hr", FigureRestingHR: "resting_hr", FigureThresholdHR: "lthr", FigureAge: "age"}

// check parses and checks the [athlete] table into dst: each figure passes
// [Figure.Check], as a flag's value does, and the heart rates given are in
// order.
func (a configAthleteFile) check(dst *ConfigAthlete, keyErr func(string, error) error) error {
	var v [4]float64
	for f, p := range [...]*float64{FigureMaxHR: a.MaxHR, FigureRestingHR: a.RestingHR, FigureThresholdHR: a.LTHR, FigureAge: a.Age} {
		if p == nil {
			continue
		}
		if err := Figure(f).Check(*p); err != nil {
			return keyErr("athlete."+configAthleteKeys[f], fmt.Errorf("%g is %w", *p, err))
		}
		v[f] = *p
	}
	dst.MaxHR, dst.RestingHR, dst.ThresholdHR, dst.Age = v[FigureMaxHR], v[FigureRestingHR], v[FigureThresholdHR], v[FigureAge]
	if lo, hi, ok := checkOrder(v); !ok {
		return keyErr("athlete."+configAthleteKeys[lo], fmt.Errorf("%g is not below %s %g", v[lo], configAthleteKeys[hi], v[hi]))
	}
	parse := func(key string, s *string, p func(string) (float64, error), dst *float64) error {
		if s == nil {
			return nil
		}
		v, err := p(*s)
		if err != nil {
			return keyErr("athlete."+key, err)
		}
		*dst = v
		return nil
	}
	if err := parse("race_5k", a.Race5K, ParseRaceTime, &dst.FiveK); err != nil {
		return err
	}
	if err := parse("race_10k", a.Race10K, ParseRaceTime, &dst.TenK); err != nil {
		return err
	}
	return parse("easy_pace", a.EasyPace, ParsePace, &dst.EasyPace)
}

// configCheckTolerances checks that every tolerance is finite and not
// negative, and that a share (a key ending in _share) is at most 1.
func configCheckTolerances(t GradeOptions, keyErr func(string, error) error) error {
	v := reflect.ValueOf(t)
	for i := range v.NumField() {
		key, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("toml"), ",")
		if v.Field(i).Kind() != reflect.Float64 || key == "" || key == "-" {
			continue
		}
		x := v.Field(i).Float()
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0) || x < 0:
			return keyErr("tolerances."+key, fmt.Errorf("%g is not allowed; want 0 (the default) or a positive number", x))
		case strings.HasSuffix(key, "_share") && x > 1:
			return keyErr("tolerances."+key, fmt.Errorf("%g is not a share; want a fraction from 0 to 1 (0.05 is 5 %%)", x))
		}
	}
	return nil
}

// configCheckLabels compiles each pattern of p on its own, so that an error
// names the key of the pattern at fault.
func configCheckLabels(p LabelPatterns, keyErr func(string, error) error) error {
	if p.Match != "" {
		if _, err := NewLabelMatcher(LabelPatterns{Match: p.Match, NoExclude: true}); err != nil {
			return keyErr("labels.match", err)
		}
	}
	if p.Exclude != "" {
		if p.NoExclude {
			return keyErr("labels.no_exclude", errors.New("true turns off the exclude pattern the file also gives; keep one of them"))
		}
		if _, err := NewLabelMatcher(LabelPatterns{Exclude: p.Exclude}); err != nil {
			return keyErr("labels.exclude", err)
		}
	}
	return nil
}

// configLastKey reads the line, key and message out of the errors toml gives
// for a value of the wrong type, which are not toml.ParseError values:
// `toml: line 3 (last key "athlete.max_hr"): incompatible types: ...`.
var configLastKey = regexp.MustCompile(`^toml: line (\d+) \(last key "((?:[^"\\]|\\.)*)"\): (.*)$`)

// configWrongType matches the messages of toml for a value of the wrong
// type, whose last group is the type wanted in Go's words.
var configWrongType = regexp.MustCompile(`^(?:incompatible types: TOML value has type \S+; destination has type (\w+)|type mismatch for \S+: expected (table) but found \S+)$`)

// configTOMLError turns an error of the toml package, decoding with md,
// into a *ConfigError with the line and key it names, saying in TOML's
// words what type a value has and what it should be.
func configTOMLError(err error, md toml.MetaData) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if strings.Contains(msg, "datetime") {
			msg += `; write a race time or a pace in quotes, such as "25:00"`
		}
		return &ConfigError{Line: pe.Position.Line, Key: pe.LastKey, Err: errors.New(msg)}
	}
	m := configLastKey.FindStringSubmatch(err.Error())
	if m == nil {
		return &ConfigError{Err: err}
	}
	line, _ := strconv.Atoi(m[1])
	key, kerr := strconv.Unquote(`"` + m[2] + `"`)
	if kerr != nil {
		key = m[2]
	}
	msg := m[3]
	if w := configWrongType.FindStringSubmatch(msg); w != nil {
		want := map[string]string{
			"float": "a number", "integer": "a whole number", "string": "a string in quotes",
			"boolean": "true or false", "table": "a table",
		}[w[1]+w[2]]
		if want != "" {
			msg = fmt.Sprintf("want %s, not %s", want, configTOMLType(md, key))
		}
	}
	return &ConfigError{Line: line, Key: key, Err: errors.New(msg)}
}

// configTOMLType names the TOML type of the value at the dotted key, with
// its article: "a string", "an integer".
func configTOMLType(md toml.MetaData, key string) string {
	var typ string
	for _, k := range md.Keys() {
		if k.String() == key {
			typ = md.Type(k...)
			break
		}
	}
	switch typ {
	case "Integer":
		return "an integer"
	case "Float":
		return "a float"
	case "String":
		return "a string"
	case "Bool":
		return "a boolean"
	case "Array":
		return "an array"
	case "Hash":
		return "a table"
	case "ArrayHash":
		return "an array of tables"
	case "Datetime", "DatetimeLocal", "DateLocal", "TimeLocal":
		return "a date or time"
	}
	return "a value of another type"
}

// configKeyError returns a *ConfigError about key, on the line of src where
// key is defined.
func configKeyError(src string, key toml.Key, err error) error {
	return &ConfigError{Line: configKeyLine(src, key), Key: key.String(), Err: err}
}

// configKeyLine returns the line where key is defined in src, or 0. The toml
// package keeps the position of every key but shows it only in a
// ParseError, so the value at key is decoded into configLineProbe, whose
// failure carries the position.
func configKeyLine(src string, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	var top map[string]toml.Primitive
	md, err := toml.Decode(src, &top)
	if err != nil {
		return 0
	}
	prim, ok := top[key[0]]
	for _, k := range key[1:] {
		var m map[string]toml.Primitive
		if !ok || md.PrimitiveDecode(prim, &m) != nil {
			return 0
		}
		prim, ok = m[k]
	}
	var pe toml.ParseError
	if ok && errors.As(md.PrimitiveDecode(prim, configLineProbe{}), &pe) {
		return pe.Position.Line
	}
	return 0
}

// configLineProbe fails to decode any value; see configKeyLine.
type configLineProbe struct{}

// UnmarshalTOML fails.
func (configLineProbe) UnmarshalTOML(any) error { return errors.New("probe") }

// configUnknownKey says that key is not in the schema and lists the keys of
// the table it is in.
func configUnknownKey(key toml.Key) error {
	var table string
	var known []string
	switch {
	case len(key) == 1:
		return fmt.Errorf("unknown key; the top-level keys are %s", strings.Join(configTags(configFile{}), ", "))
	case len(key) == 2 && key[0] == "athlete":
		table, known = "[athlete]", configTags(configAthleteFile{})
	case len(key) == 2 && key[0] == "tolerances":
		table, known = "[tolerances]", configTags(GradeOptions{})
	case len(key) == 2 && key[0] == "labels":
		table, known = "[labels]", configTags(configLabelsFile{})
	case len(key) == 2 && key[0] == "check":
		table, known = "[check]", configTags(configCheckFile{})
	case len(key) == 2 && key[0] == "limits":
		table, known = "[limits]", configTags(configLimitsFile{})
	case len(key) == 3 && key[0] == "profiles":
		table, known = "["+key[:2].String()+"]", configTags(Profile{})
	default:
		return errors.New("unknown key")
	}
	return fmt.Errorf("unknown key; the keys of %s are %s", table, strings.Join(known, ", "))
}

// configTags returns the TOML keys of the struct v's fields, in order.
func configTags(v any) []string {
	t := reflect.TypeOf(v)
	var keys []string
	for i := range t.NumField() {
		if k, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}
