package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/printer"
)

const zonesUsage = `usage: runcheck zones [flags] FILE...

Shows time and share in each heart-rate zone, the pace offset against a
reference pace, the heart-rate cleaning counts, and where each setting came
from. FILE may be "-" for standard input, a folder or a zip export.

Exit codes: 0 every file was read, 2 a file could not be read, no activity
file was found in the paths, standard output could not be written, or an
internal error; 130, 143 or 129 when interrupted by SIGINT, SIGTERM or SIGHUP.

Flags:
`

// zonesResult is one file's entry in zones' JSON output.
type zonesResult struct {
	File     string            `json:"file"`
	Error    string            `json:"error,omitempty"`
	Analysis *analyze.Analysis `json:"analysis,omitempty"`
}

func runZones(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zones", flag.ContinueOnError)
	var sf settingsFlags
	sf.register(fs)
	format := fs.String("format", "table", "output `format`: table or json")
	asJSON := fs.Bool("json", false, "short for -format json")
	model := fs.String("model", "", "heart-rate zone `model`: hrmax, hrr, lthr or device (default hrmax, or the config file's)")
	lenient := fs.Bool("lenient", false, "salvage what a damaged FIT file holds before the damage")
	fs.Usage = func() { fmt.Fprint(stderr, zonesUsage); fs.PrintDefaults() }
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if *asJSON {
		*format = "json"
	}
	if *format != "table" && *format != "json" {
		errorf(stderr, "zones: -format %q: want table or json", *format)
		return exitError
	}
	set, err := sf.resolve()
	if err != nil {
		errorf(stderr, "zones: %v", err)
		return exitError
	}
	// The profile's reference pace, as grade uses it.
	in := set.inputs.ForProfile(set.profile)
	switch *model = set.zoneModel(*model); *model {
	case analyze.ModelHRMax, analyze.ModelHRR, analyze.ModelLTHR, analyze.ModelDevice:
	default:
		errorf(stderr, "zones: -model %q: want hrmax, hrr, lthr or device", *model)
		return exitError
	}
	if fs.NArg() == 0 {
		errorf(stderr, "zones: no file given")
		fs.Usage()
		return exitError
	}
	dec := set.decoder(*lenient)
	opt := analyze.Options{ZoneModel: *model}
	code := exitOK
	out := &stdoutWriter{w: stdout}
	arr := &jsonArray{w: out}
	n := 0
	files, err := walkOne(ctx, fs.Args(), stdin, &dec, set.inputLimits(), stderr, func(name string, g *analyze.Graded, err error) error {
		res := zonesResult{File: name}
		if err != nil {
			res.Error, code = errorText(err), exitError
			errorf(stderr, "%s", res.Error)
		} else {
			res.Analysis = analyze.Analyze(g.Activity, in, opt)
		}
		if *format == "json" {
			return arr.add(res) // one file at a time: nothing is kept
		}
		if res.Analysis != nil {
			if n > 0 {
				fmt.Fprintln(out)
			}
			n++
			printZones(out, name, res.Analysis)
		}
		return out.err
	})
	if err == nil && files > 0 && *format == "json" {
		err = arr.close()
	}
	return visitCode(stderr, "zones", fs.Args(), files, err, code)
}

// printZones writes the readable layout of one file's zones.
func printZones(w io.Writer, file string, an *analyze.Analysis) {
	fmt.Fprintln(w, printer.Clean(file))
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "  %-11s %s\n", label, printer.Clean(fmt.Sprintf(format, args...)))
	}
	s := an.Settings
	for _, set := range []struct {
		name string
		s    analyze.Setting
	}{{"max HR", s.MaxHR}, {"resting HR", s.RestingHR}, {"LTHR", s.ThresholdHR}} {
		if set.s.Known() {
			line(set.name, "%.0f bpm (%s)", float64(set.s.Value), set.s.Source)
		} else {
			line(set.name, "unknown")
		}
	}
	line("time", "timer %s, moving %s", clock(analyze.Value(an.Time.Timer)), clock(analyze.Value(an.Time.Moving)))
	hr := an.HeartRate
	switch {
	case hr == nil:
		line("heart rate", "none in the file")
	case hr.Cleaning.Kept.Samples == 0:
		line("heart rate", "none usable: %s", hr.Cleaning.Unusable())
	case hr.Zones == nil:
		line("heart rate", "avg %.0f, max %.0f bpm; no zones: %s", float64(hr.Avg), float64(hr.Max), hr.ZonesError)
	default:
		line("heart rate", "avg %.0f, max %.0f bpm; zones %s", float64(hr.Avg), float64(hr.Max), hr.Zones.Model)
		z := hr.Zones
		for i, name := range z.Names {
			line("", "%-4s %-11s %8s %5.1f%%", name, zoneRange(z.Bounds, i), clock(analyze.Value(z.Seconds[i])), 100*float64(z.Share[i]))
		}
	}
	if hr != nil {
		c := hr.Cleaning
		line("cleaning", "%d of %d samples removed (%d dropouts, %d out of range, %d rate of change, %d outliers), %d missing; lock-on until %s; cadence lock %s",
			c.Removed.Samples, c.Samples, c.Dropouts.Samples, c.OutOfRange.Samples, c.RateOfChange.Samples, c.Outliers.Samples,
			c.Missing.Samples, clock(c.LockOnEnd), clock(analyze.Value(c.CadenceLockSeconds)))
	}
	p := an.Pace
	switch {
	case !p.AvgPace.Known():
		line("pace", "none (no speed or distance)")
	default:
		line("pace", "avg %s/km, median %s/km (p10 %s, p90 %s)", analyze.FormatPace(float64(p.AvgPace)),
			analyze.FormatPace(float64(p.MedianPace)), analyze.FormatPace(float64(p.P10Pace)), analyze.FormatPace(float64(p.P90Pace)))
	}
	if !p.Verifiable {
		line("", "unverifiable: %s", p.Reason)
	}
	if ref := p.Reference; ref != nil && p.MedianOffset.Known() {
		line("offset", "median %+.0f s/km (p10 %+.0f, p90 %+.0f) against %s pace %s/km (%s)",
			float64(p.MedianOffset), float64(p.P10Offset), float64(p.P90Offset), ref.Kind, analyze.FormatPace(ref.Pace), ref.Source)
	} else if an.PaceReferenceError != "" {
		line("offset", "no reference pace: give -5k, -10k or -easy-pace")
	}
}

// zoneRange writes the bounds of zone i, whose outer edges are open.
func zoneRange(bounds []float64, i int) string {
	switch {
	case len(bounds) == 0:
		return "all"
	case i == 0:
		return fmt.Sprintf("<%.0f", bounds[0])
	case i == len(bounds):
		return fmt.Sprintf("≥%.0f", bounds[i-1])
	}
	return fmt.Sprintf("%.0f-%.0f", bounds[i-1], bounds[i])
}
