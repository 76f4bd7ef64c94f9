package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/printer"
)

const inspectUsage = `usage: runcheck inspect [flags] FILE...

Shows what each activity file holds: format, device, sport, names, start,
elapsed and timer time, distance, channels with their coverage, pauses, laps,
sessions with the device's own totals and time in zone, and the athlete
settings the file carries. FILE may be "-" for standard input, a folder (walked in lexical order) or a
zip export.

Exit codes: 0 every file was read, 2 a file could not be read, no activity
file was found in the paths, standard output could not be written, or an
internal error; 130, 143 or 129 when interrupted by SIGINT, SIGTERM or SIGHUP.

Flags:
`

// inspectResult is one file's entry in inspect's JSON output.
type inspectResult struct {
	File    string           `json:"file"`
	Error   string           `json:"error,omitempty"`
	Summary *analyze.Summary `json:"summary,omitempty"`
}

func runInspect(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	format := fs.String("format", "table", "output `format`: table or json")
	asJSON := fs.Bool("json", false, "short for -format json")
	lenient := fs.Bool("lenient", false, "salvage what a damaged FIT file holds before the damage")
	config := fs.String("config", "", "TOML configuration `FILE` (see docs/config.md); inspect reads its [limits]")
	fs.Usage = func() { fmt.Fprint(stderr, inspectUsage); fs.PrintDefaults() }
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if *asJSON {
		*format = "json"
	}
	if *format != "table" && *format != "json" {
		errorf(stderr, "inspect: -format %q: want table or json", *format)
		return exitError
	}
	if fs.NArg() == 0 {
		errorf(stderr, "inspect: no file given")
		fs.Usage()
		return exitError
	}

	var set settings
	if *config != "" {
		cfg, err := analyze.LoadConfig(*config)
		if err != nil {
			errorf(stderr, "inspect: -config: %v", err)
			return exitError
		}
		set.config = cfg
	}
	dec := set.decoder(*lenient)
	code := exitOK
	out := &stdoutWriter{w: stdout}
	arr := &jsonArray{w: out}
	n := 0
	files, err := walkOne(ctx, fs.Args(), stdin, &dec, set.inputLimits(), stderr, func(name string, g *analyze.Graded, err error) error {
		res := inspectResult{File: name}
		if err != nil {
			res.Error, code = errorText(err), exitError
			errorf(stderr, "%s", res.Error)
		} else {
			s := analyze.Summarize(name, g.Activity)
			res.Summary = &s
		}
		if *format == "json" {
			return arr.add(res) // one file at a time: nothing is kept
		}
		if res.Summary != nil {
			if n > 0 {
				fmt.Fprintln(out)
			}
			n++
			printSummary(out, res.Summary)
		}
		return out.err
	})
	if err == nil && files > 0 && *format == "json" {
		err = arr.close()
	}
	return visitCode(stderr, "inspect", fs.Args(), files, err, code)
}

// printSummary writes the readable layout of one file.
func printSummary(w io.Writer, s *analyze.Summary) {
	fmt.Fprintln(w, printer.Clean(s.File))
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "  %-11s %s\n", label, printer.Clean(fmt.Sprintf(format, args...)))
	}
	line("format", "%s", s.Format)
	if dev := strings.TrimSpace(s.Manufacturer + " " + s.Product); dev != "" {
		if s.Serial != "" {
			dev += " (serial " + s.Serial + ")"
		}
		line("device", "%s", dev)
	}
	if s.Sport != "" || s.SubSport != "" {
		line("sport", "%s", joinNonEmpty(" / ", s.Sport, s.SubSport))
	}
	if names := nameList(s); names != "" {
		line("names", "%s", names)
	}
	line("start", "%s", s.Start.Format("2006-01-02 15:04:05 -07:00"))
	line("elapsed", "%s   timer %s   paused %s in %d pause%s",
		clock(s.Elapsed), clock(s.Timer), clock(s.Paused), s.Pauses, plural(s.Pauses))
	if s.Distance.Known() {
		line("distance", "%.2f km (%s)", float64(s.Distance)/1000, s.DistanceSource)
	} else {
		line("distance", "unknown (no distance or position channel)")
	}
	line("samples", "%d", s.Samples)
	var chans []string
	for _, c := range s.Channels {
		chans = append(chans, fmt.Sprintf("%s %.1f%%", c.Name, 100*float64(c.Coverage)))
	}
	line("channels", "%s", orNone(strings.Join(chans, ", ")))
	line("laps", "%d", s.Laps)
	for i, ss := range s.Sessions {
		line(fmt.Sprintf("session %d", i+1), "%s from %s, %d samples",
			orNone(joinNonEmpty(" / ", ss.Sport, ss.SubSport, ss.Name)), clock(ss.Start), ss.Samples)
		if dev := deviceTotals(ss.Device); dev != "" {
			line("", "device: %s", dev)
		}
		if z := ss.TimeInZone; z != nil {
			line("", "device time in zone%s: %s", method(z.Method), zoneList(z))
		}
	}
	if a := athlete(s.Athlete); a != "" {
		line("athlete", "%s", a)
	}
	for _, warn := range s.Warnings {
		line("warning", "%s", warn)
	}
}

func nameList(s *analyze.Summary) string {
	n := s.Names
	var parts []string
	for _, kv := range [][2]string{
		{"workout", n.Workout}, {"sport profile", n.SportProfile}, {"track", n.Track},
		{"type", n.TrackType}, {"description", n.Description}, {"notes", n.Notes},
	} {
		if kv[1] != "" {
			parts = append(parts, fmt.Sprintf("%s %q", kv[0], kv[1]))
		}
	}
	return strings.Join(parts, "; ")
}

func deviceTotals(t analyze.TotalsSummary) string {
	var parts []string
	if t.Elapsed.Known() {
		parts = append(parts, "elapsed "+clock(t.Elapsed))
	}
	if t.Timer.Known() {
		parts = append(parts, "timer "+clock(t.Timer))
	}
	if t.Distance.Known() {
		parts = append(parts, fmt.Sprintf("distance %.2f km", float64(t.Distance)/1000))
	}
	if t.AvgHeartRate.Known() {
		parts = append(parts, fmt.Sprintf("avg HR %.0f", float64(t.AvgHeartRate)))
	}
	if t.MaxHeartRate.Known() {
		parts = append(parts, fmt.Sprintf("max HR %.0f", float64(t.MaxHeartRate)))
	}
	if t.Ascent.Known() {
		parts = append(parts, fmt.Sprintf("ascent %.0f m", float64(t.Ascent)))
	}
	return strings.Join(parts, ", ")
}

func zoneList(z *analyze.TimeInZoneSummary) string {
	bounds := make([]float64, len(z.Boundaries))
	for i, b := range z.Boundaries {
		bounds[i] = float64(b)
	}
	var parts []string
	for i, sec := range z.Seconds {
		parts = append(parts, fmt.Sprintf("z%d %s %s", i, zoneRange(bounds, i), clock(sec)))
	}
	return strings.Join(parts, ", ")
}

func athlete(a analyze.AthleteSummary) string {
	var parts []string
	for _, kv := range []struct {
		label string
		v     analyze.Value
	}{{"max HR", a.MaxHeartRate}, {"resting HR", a.RestingHeartRate}, {"threshold HR", a.ThresholdHeartRate}, {"age", a.Age}} {
		if kv.v.Known() {
			parts = append(parts, fmt.Sprintf("%s %.0f", kv.label, float64(kv.v)))
		}
	}
	if len(a.Zones) > 0 {
		var z []string
		for _, b := range a.Zones {
			z = append(z, fmt.Sprintf("%.0f", float64(b)))
		}
		parts = append(parts, "zones "+strings.Join(z, "/")+method(a.ZoneMethod))
	}
	if len(parts) == 0 {
		return ""
	}
	s := strings.Join(parts, ", ")
	if a.Source != "" {
		s += " (from " + a.Source + ")"
	}
	return s
}

func method(m string) string {
	if m == "" {
		return ""
	}
	return " (" + m + ")"
}

// clock formats seconds as H:MM:SS or M:SS, rounding to the nearest second.
func clock(v analyze.Value) string {
	if !v.Known() {
		return "-"
	}
	sec := int64(math.Round(float64(v)))
	sign := ""
	if sec < 0 {
		sign, sec = "-", -sec
	}
	if sec >= 3600 {
		return fmt.Sprintf("%s%d:%02d:%02d", sign, sec/3600, sec/60%60, sec%60)
	}
	return fmt.Sprintf("%s%d:%02d", sign, sec/60, sec%60)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
