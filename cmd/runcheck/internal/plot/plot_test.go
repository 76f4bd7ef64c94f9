package plot

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

// plotsDir is where the tests write their pictures, to look at them:
//
//	go test ./cmd/runcheck/internal/plot -plots /tmp/runcheck-plots
var plotsDir = flag.String("plots", "", "write the test pictures to this `folder`")

// runsDir holds the generated fixtures.
const runsDir = "../../../../testdata/runs"

// svgDoc is what the tests read from an SVG: its text elements and the
// style of its paths.
type svgDoc struct {
	texts []svgText
	paths []map[string]string
}

// svgText is a text element: its content and position (y grows upwards:
// the writer flips the page).
type svgText struct {
	text string
	x, y float64
}

// parseSVG parses an SVG with encoding/xml, failing the test when it is not
// well-formed XML with an svg root.
func parseSVG(t *testing.T, data []byte) svgDoc {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var doc svgDoc
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
		}
		attr := map[string]string{}
		for _, a := range se.Attr {
			attr[a.Name.Local] = a.Value
		}
		switch se.Name.Local {
		case "path":
			doc.paths = append(doc.paths, parseStyle(attr["style"]))
		case "text":
			var s string
			if err := d.DecodeElement(&s, &se); err != nil {
				t.Fatalf("text element: %v", err)
			}
			x, _ := strconv.ParseFloat(attr["x"], 64)
			y, _ := strconv.ParseFloat(attr["y"], 64)
			doc.texts = append(doc.texts, svgText{text: s, x: x, y: -y})
		}
	}
	if root != "svg" {
		t.Fatalf("the root element is %q, want svg", root)
	}
	return doc
}

func parseStyle(s string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Split(s, ";") {
		if k, v, ok := strings.Cut(kv, ":"); ok {
			m[k] = v
		}
	}
	return m
}

// hex returns the colour 0xRRGGBB as the SVG writer spells it, "#RRGGBB".
func hex(c uint32) string { return fmt.Sprintf("#%06X", c) }

// fills counts the paths filled with colour c.
func (d svgDoc) fills(c uint32) int {
	n := 0
	for _, p := range d.paths {
		if p["fill"] == hex(c) {
			n++
		}
	}
	return n
}

// strokes counts the paths stroked with colour c.
func (d svgDoc) strokes(c uint32) int {
	n := 0
	for _, p := range d.paths {
		if p["stroke"] == hex(c) {
			n++
		}
	}
	return n
}

// text returns the first text element that contains s.
func (d svgDoc) text(s string) (svgText, bool) {
	for _, t := range d.texts {
		if strings.Contains(t.text, s) {
			return t, true
		}
	}
	return svgText{}, false
}

// contains reports whether the texts, joined by spaces, hold s: a note
// wrapped over several lines is found whole.
func (d svgDoc) contains(s string) bool {
	all := make([]string, len(d.texts))
	for i, t := range d.texts {
		all[i] = t.text
	}
	return strings.Contains(strings.Join(all, " "), s)
}

// exact returns the text element whose content is s.
func (d svgDoc) exact(s string) (svgText, bool) {
	for _, t := range d.texts {
		if t.text == s {
			return t, true
		}
	}
	return svgText{}, false
}

// grade runs the real pipeline on a fixture.
func grade(t *testing.T, g analyze.Grader, name string) analyze.Graded {
	t.Helper()
	r := g.GradeFile(filepath.Join(runsDir, name))
	if r.Report.Outcome == analyze.OutcomeError {
		t.Fatalf("%s: %s", name, r.Report.Error)
	}
	return r
}

// save writes a picture to -plots, when given.
func save(t *testing.T, name string, data []byte) {
	t.Helper()
	if *plotsDir == "" {
		return
	}
	if err := os.MkdirAll(*plotsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*plotsDir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// recreational grades by the recreational profile with a 25:00 5K, which
// puts the pace band at 6:30-7:00/km.
func recreational() analyze.Grader {
	return analyze.Grader{
		Profile: analyze.DefaultProfiles()["recreational"],
		Inputs:  analyze.Inputs{Pace: analyze.PaceInputs{FiveK: 25 * 60}},
	}
}

func TestRunSVG(t *testing.T) {
	all := analyze.Grader{Labels: analyze.LabelSettings{All: true}}
	tests := []struct {
		name   string
		grader analyze.Grader
		file   string
		// title is what the title starts with.
		title string
		// ceiling is the ceiling's label, empty for none.
		ceiling string
		// hr, gap and band say whether the heart rate, the GAP and the
		// pace band are drawn.
		hr, gap, band bool
		// pauses counts the stretches shaded as paused.
		pauses int
		// hrLines is the least number of heart-rate lines.
		hrLines int
		// notes are texts that must be somewhere.
		notes []string
	}{
		{
			name: "too hard", grader: analyze.Grader{}, file: "recovery-too-hard.fit",
			title: "recovery-too-hard.fit — FAIL: 6.0 min", ceiling: "ceiling 133 bpm (70 %)",
			hr: true, gap: true, hrLines: 1,
			notes: []string{"lock-on", "no pace band: the general profile has none", "longest above the ceiling"},
		},
		{
			name: "easy, with a pace band", grader: recreational(), file: "recovery-easy.fit",
			title: "recovery-easy.fit — PASS: stayed easy", ceiling: "ceiling 133 bpm (70 %)",
			hr: true, gap: true, band: true, hrLines: 1,
			notes: []string{"band 6:30–7:00", "5K race time 25:00"},
		},
		{
			name: "smart recording with two pauses", grader: all, file: "smart-recording.fit",
			title: "smart-recording.fit — FAIL:", ceiling: "ceiling 133 bpm (70 %)",
			hr: true, gap: true, pauses: 2, hrLines: 3,
		},
		{
			name: "not graded", grader: analyze.Grader{}, file: "smart-recording.fit",
			title: "smart-recording.fit — NOT GRADED: ", hr: true, gap: true, pauses: 2, hrLines: 3,
		},
		{
			name: "no heart rate", grader: analyze.Grader{}, file: "no-hr.fit",
			title: "no-hr.fit — UNGRADABLE: no heart rate in the file", gap: true,
			notes: []string{"no heart rate in the file"},
		},
		{
			name: "treadmill", grader: recreational(), file: "treadmill.fit",
			title: "treadmill.fit — PASS", ceiling: "ceiling 133 bpm (70 %)", hr: true, band: true, hrLines: 1,
			notes: []string{"pace unverifiable: treadmill run", "no GAP: treadmill run"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := grade(t, tt.grader, tt.file)
			var buf bytes.Buffer
			if err := Run(&buf, "svg", &g, nil); err != nil {
				t.Fatal(err)
			}
			save(t, slug(tt.name)+".svg", buf.Bytes())
			doc := parseSVG(t, buf.Bytes())

			if len(doc.texts) == 0 || !strings.HasPrefix(doc.texts[0].text, tt.title) {
				t.Errorf("title = %q, want it to start with %q", first(doc.texts), tt.title)
			}
			if _, ok := doc.text("ceiling "); ok != (tt.ceiling != "") {
				t.Errorf("a ceiling label: %v, want %v", ok, tt.ceiling != "")
			}
			if tt.ceiling != "" {
				if _, ok := doc.exact(tt.ceiling); !ok {
					t.Errorf("no text %q", tt.ceiling)
				}
				// The line and its legend thumbnail.
				if n := doc.strokes(colourCeiling); n != 2 {
					t.Errorf("%d paths stroked in the ceiling colour, want 2", n)
				}
			}
			for _, e := range []struct {
				label string
				want  bool
			}{{"heart rate", tt.hr}, {"pace", true}, {"GAP", tt.gap}, {"paused", tt.pauses > 0}} {
				if _, ok := doc.exact(e.label); ok != e.want {
					t.Errorf("legend entry %q: %v, want %v", e.label, ok, e.want)
				}
			}
			// Every line is a path of its colour; one more is the legend's.
			if n := doc.strokes(colourHR); tt.hr && n < tt.hrLines+1 || !tt.hr && n != 0 {
				t.Errorf("%d heart-rate paths, want at least %d", n, tt.hrLines+1)
			}
			if n := doc.strokes(colourPace); n < 2 {
				t.Errorf("%d pace paths, want at least 2", n)
			}
			if n := doc.strokes(colourGAP); tt.gap != (n >= 2) {
				t.Errorf("%d GAP paths; GAP wanted: %v", n, tt.gap)
			}
			// A pause is shaded in both panels, and each panel's legend
			// has a swatch of it.
			wantPause := 0
			if tt.pauses > 0 {
				wantPause = 2*tt.pauses + 2
			}
			if n := doc.fills(colourPause); n != wantPause {
				t.Errorf("%d paths filled in the pause grey, want %d", n, wantPause)
			}
			if n := doc.fills(colourBand); tt.band != (n == 2) {
				t.Errorf("%d paths filled in the band colour; band wanted: %v", n, tt.band)
			}
			for _, n := range tt.notes {
				if !doc.contains(n) {
					t.Errorf("no text containing %q", n)
				}
			}
		})
	}
}

// slug turns a test name into a file name.
func slug(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return r
		}
		return '-'
	}, strings.ToLower(s))
}

func first(ts []svgText) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].text
}

// TestRunPaceAxisInverted checks that faster paces are drawn higher.
func TestRunPaceAxisInverted(t *testing.T) {
	g := grade(t, analyze.Grader{}, "recovery-too-hard.fit")
	var buf bytes.Buffer
	if err := Run(&buf, "svg", &g, nil); err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, buf.Bytes())
	fast, ok1 := doc.exact("5:30")
	slow, ok2 := doc.exact("8:00")
	if !ok1 || !ok2 {
		t.Fatalf("pace tick labels 5:30 and 8:00 not found")
	}
	if !(fast.y > slow.y) {
		t.Errorf("5:30/km is drawn at y=%g, below 8:00/km at y=%g", fast.y, slow.y)
	}
}

func TestRunPNG(t *testing.T) {
	for _, file := range []string{"recovery-too-hard.fit", "recovery-easy.fit", "smart-recording.fit", "no-hr.fit", "treadmill.fit"} {
		t.Run(file, func(t *testing.T) {
			g := grade(t, analyze.Grader{Labels: analyze.LabelSettings{All: true}}, file)
			var buf bytes.Buffer
			if err := Run(&buf, "png", &g, nil); err != nil {
				t.Fatal(err)
			}
			save(t, strings.TrimSuffix(file, ".fit")+".png", buf.Bytes())
			img, format, err := image.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if format != "png" {
				t.Errorf("format %q, want png", format)
			}
			if b := img.Bounds(); b.Dx() != 960 || b.Dy() != 576 {
				t.Errorf("size %dx%d, want 960x576 (10 x 6 in at 96 dpi)", b.Dx(), b.Dy())
			}
			colours := countColours(img)
			if len(colours) < 10 {
				t.Errorf("only %d colours: an empty picture?", len(colours))
			}
			hasHR := file != "no-hr.fit"
			for _, c := range []struct {
				name string
				is   func(color.RGBA) bool
				want bool
			}{
				{"ceiling purple", isPurple, hasHR},
				{"heart-rate red", isRed, hasHR},
				{"pace blue", isBlue, true},
			} {
				if n := count(colours, c.is); c.want != (n > 150) {
					t.Errorf("%d pixels of %s; wanted: %v", n, c.name, c.want)
				}
			}
		})
	}
}

// The colour classes of the PNG test: each takes in a line's colour and
// the anti-aliased pixels mostly covered by it, and nothing else the
// picture holds.
func isPurple(c color.RGBA) bool { return int(c.B) > int(c.R)+30 && int(c.R) > int(c.G)+25 }
func isRed(c color.RGBA) bool {
	return int(c.R) > int(c.G)+100 && int(c.R) > int(c.B)+100 && c.G < 90
}
func isBlue(c color.RGBA) bool { return int(c.B) > int(c.R)+100 && int(c.G) > int(c.R)+30 }

// count counts the pixels whose colour is in a class.
func count(colours map[color.RGBA]int, is func(color.RGBA) bool) int {
	n := 0
	for c, k := range colours {
		if is(c) {
			n += k
		}
	}
	return n
}

func countColours(img image.Image) map[color.RGBA]int {
	m := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			m[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}]++
		}
	}
	return m
}

func TestRunDeterministic(t *testing.T) {
	g := grade(t, analyze.Grader{Labels: analyze.LabelSettings{All: true}}, "smart-recording.fit")
	var a, b bytes.Buffer
	if err := Run(&a, "svg", &g, nil); err != nil {
		t.Fatal(err)
	}
	if err := Run(&b, "svg", &g, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two SVGs of the same run differ")
	}
	if bytes.Contains(a.Bytes(), []byte("2026-03-12T")) {
		t.Error("the SVG holds a time stamp")
	}
}

func TestRunGradeArgument(t *testing.T) {
	g := grade(t, analyze.Grader{}, "recovery-too-hard.fit")
	other := *g.Report.Grade
	other.Summary = "WARN: a grade given by the caller"
	var buf bytes.Buffer
	if err := Run(&buf, "svg", &g, &other); err != nil {
		t.Fatal(err)
	}
	if doc := parseSVG(t, buf.Bytes()); !strings.HasPrefix(first(doc.texts), "recovery-too-hard.fit — WARN: a grade given by the caller") {
		t.Errorf("title %q does not show the grade given", first(doc.texts))
	}
}

func TestRunErrors(t *testing.T) {
	good := grade(t, analyze.Grader{}, "recovery-easy.fit")
	compact := good
	compact.Analysis = good.Analysis.Compact()
	var zero analyze.Grader
	missing := zero.GradeFile(filepath.Join(runsDir, "does-not-exist.fit"))
	tests := []struct {
		name   string
		format string
		g      *analyze.Graded
		want   string
		is     error
	}{
		{"unknown format", "pdf", &good, `unknown image format "pdf"`, ErrFormat},
		{"nil run", "svg", nil, "no run to draw", nil},
		{"unreadable file", "svg", &missing, "does-not-exist.fit: nothing to draw", nil},
		{"compact analysis", "png", &compact, "no per-sample series", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Run(&buf, tt.format, tt.g, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not match %v", err, tt.is)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written on error", buf.Len())
			}
		})
	}
}

func TestFormatFor(t *testing.T) {
	tests := []struct {
		path, want string
		err        bool
	}{
		{"run.svg", "svg", false},
		{"out/RUN.PNG", "png", false},
		{"week.Svg", "svg", false},
		{"run.pdf", "", true},
		{"run", "", true},
		{"svg", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := FormatFor(tt.path)
			if got != tt.want || (err != nil) != tt.err {
				t.Fatalf("FormatFor(%q) = %q, %v; want %q, error %v", tt.path, got, err, tt.want, tt.err)
			}
			if err != nil {
				if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), ".svg or .png") || !strings.Contains(err.Error(), tt.path) {
					t.Errorf("error %q should match ErrFormat, name the file and list .svg and .png", err)
				}
			}
		})
	}
}

func TestFit(t *testing.T) {
	sty := textStyle(12, false, color.Black, 0, 0)
	long := "FAIL: 6.0 min (16 %) of moving time at or above 133 bpm (70 % of max HR 190, file (user_profile)); " +
		"longest stretch 6.0 min from 20:00 at 145 bpm on average; the tolerance is 10 % and 5 min"
	// Each case gives the room of its result: fit must keep that much.
	tests := []struct {
		name, want string
	}{
		{"fits", long},
		{"a clause dropped", "FAIL: 6.0 min (16 %) of moving time at or above 133 bpm (70 % of max HR 190, file (user_profile)); " +
			"longest stretch 6.0 min from 20:00 at 145 bpm on average …"},
		{"every clause dropped", "FAIL: 6.0 min (16 %) of moving time at or above 133 bpm (70 % of max HR 190, file (user_profile)) …"},
		{"an aside dropped", "FAIL: 6.0 min (16 %) of moving time at or above 133 bpm …"},
		{"every aside dropped", "FAIL: 6.0 min of moving time at or above 133 bpm …"},
		{"words dropped", "FAIL: 6.0 min of moving time …"},
		{"characters dropped", "FA…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := sty.Width(tt.want) + 0.01
			if got := fit(long, sty, w); got != tt.want {
				t.Errorf("fit = %q\nwant  %q", got, tt.want)
			}
		})
	}
	if got := fit(long, sty, 1); got != "" {
		t.Errorf("fit in 1 pt = %q, want nothing", got)
	}
}

func TestPaceTicks(t *testing.T) {
	var labels []string
	for _, tk := range (paceTicks{}).Ticks(5, 8.5) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if got, want := strings.Join(labels, " "), "5:00 5:30 6:00 6:30 7:00 7:30 8:00 8:30"; got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
}

// ExampleFormatFor shows how the plot verb picks the format from -o.
func ExampleFormatFor() {
	for _, name := range []string{"run.svg", "week.PNG", "run.pdf"} {
		f, err := FormatFor(name)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(name + ": " + f)
	}
	// Output:
	// run.svg: svg
	// week.PNG: png
	// plot: unknown image format: run.pdf ends in .pdf: name the output .svg or .png
}

// TestRunLong draws a synthetic recording of 100 000 samples (28 hours at
// 1 Hz) with one pause: the lines are thinned, so the SVG stays small, and
// still break at the pause.
func TestRunLong(t *testing.T) {
	const n = 100_000
	a := &activity.Activity{
		Meta:  activity.Metadata{Sport: "running"},
		Start: time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC),
	}
	s := &a.Samples
	s.Time = make([]float64, n)
	s.HeartRate = make([]float64, n)
	s.Speed = make([]float64, n)
	s.Distance = make([]float64, n)
	for i := range n {
		ti := float64(i)
		if i >= n/2 {
			ti += 600 // a ten-minute pause in the middle
		}
		s.Time[i] = ti
		s.HeartRate[i] = 130 + 10*math.Sin(ti/300)
		s.Speed[i] = 3 + 0.3*math.Sin(ti/200)
		if i > 0 {
			s.Distance[i] = s.Distance[i-1] + s.Speed[i-1]
		}
	}
	a.Pauses = []activity.Pause{{Start: s.Time[n/2-1] + 1, End: s.Time[n/2], Kind: activity.PauseTimer}}
	in := analyze.Inputs{Athlete: analyze.AthleteInput{MaxHR: analyze.Given{Value: 190, Source: "test"}}}
	an := analyze.Analyze(a, in, analyze.Options{})
	g := analyze.Graded{Report: analyze.Report{File: "long.fit", Outcome: analyze.OutcomeNotGraded}, Activity: a, Analysis: an}

	var buf bytes.Buffer
	if err := Run(&buf, "svg", &g, nil); err != nil {
		t.Fatal(err)
	}
	save(t, "long.svg", buf.Bytes())
	if buf.Len() > 2<<20 {
		t.Errorf("the SVG is %d bytes: the lines were not thinned", buf.Len())
	}
	doc := parseSVG(t, buf.Bytes())
	if n := doc.strokes(colourHR); n != 2+1 {
		t.Errorf("%d heart-rate paths, want 2 lines (before and after the pause) and the legend's", n)
	}
	if n := doc.fills(colourPause); n != 2+2 {
		t.Errorf("%d pause fills, want 2 panels and 2 legend swatches", n)
	}
	buf.Reset()
	if err := Run(&buf, "png", &g, nil); err != nil {
		t.Fatal(err)
	}
	save(t, "long.png", buf.Bytes())
}

func TestThin(t *testing.T) {
	v := &runView{xmin: 0, xmax: 10}
	var xy plotter.XYs
	for i := range 100_000 {
		x := float64(i) / 10_000
		xy = append(xy, plotter.XY{X: x, Y: math.Sin(x * 7)})
	}
	xy[5000].Y = 9 // a spike must survive
	got := v.thin(xy)
	if len(got) > 4*thinColumns+4 {
		t.Errorf("%d points after thinning, want at most %d", len(got), 4*thinColumns)
	}
	var spike bool
	for i, p := range got {
		if i > 0 && p.X < got[i-1].X {
			t.Fatalf("point %d goes back in time", i)
		}
		spike = spike || p.Y == 9
	}
	if !spike {
		t.Error("the spike was thinned away")
	}
	if got[0] != xy[0] || got[len(got)-1] != xy[len(xy)-1] {
		t.Error("the ends moved")
	}
	short := xy[:100]
	if got := v.thin(short); len(got) != len(short) {
		t.Error("a short line was thinned")
	}
}

// TestRunOddInput draws runs a hostile or odd file could give: pauses
// dated outside the recording or without end, samples without speed or
// heart rate, a single sample. None may fail or panic.
func TestRunOddInput(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name    string
		samples activity.Samples
		pauses  []activity.Pause
	}{
		// Each has a speed channel beside its heart rate: analyze.Analyze
		// panics on heart rate without any speed source (AerobicDecoupling
		// is handed a nil speed), which is the analysis's to fix.
		{"pause past the end", activity.Samples{Time: []float64{0, 1, 2, 3}, HeartRate: []float64{120, 121, 122, 123}, Speed: []float64{3, 3, 3, 3}},
			[]activity.Pause{{Start: 2.5, End: inf}, {Start: -100, End: 0.5}, {Start: math.NaN(), End: 1}}},
		{"one sample", activity.Samples{Time: []float64{0}, HeartRate: []float64{120}, Speed: []float64{3}}, nil},
		{"no channels", activity.Samples{Time: []float64{0, 5, 10}}, nil},
		{"all NaN", activity.Samples{Time: []float64{0, 5, 10}, HeartRate: activity.NaNs(3), Speed: []float64{math.NaN(), math.NaN(), 3}}, nil},
		{"huge speed", activity.Samples{Time: []float64{0, 5, 10}, Speed: []float64{1e300, inf, 3}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &activity.Activity{Meta: activity.Metadata{Sport: "running"}, Samples: tt.samples, Pauses: tt.pauses}
			an := analyze.Analyze(a, analyze.Inputs{}, analyze.Options{})
			g := analyze.Graded{Report: analyze.Report{File: "odd.fit"}, Activity: a, Analysis: an}
			for _, f := range []string{"svg", "png"} {
				var buf bytes.Buffer
				if err := Run(&buf, f, &g, nil); err != nil {
					t.Fatal(err)
				}
				if f == "svg" {
					parseSVG(t, buf.Bytes())
				}
			}
		})
	}
}
