package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ErrFormat means an image format is neither SVG nor PNG.
var ErrFormat = errors.New("plot: unknown image format")

// Image sizes and resolution.
const (
	runWidth   = 10 * vg.Inch
	runHeight  = 6 * vg.Inch
	weekWidth  = 10 * vg.Inch
	weekHeight = 4 * vg.Inch
	dpi        = 96
	// legendWidth is the column on the right that holds the legends and
	// the notes, so that they never cover the data.
	legendWidth = 1.7 * vg.Inch
	// weekLegendWidth is the legend column of a week chart, whose entries
	// are longer.
	weekLegendWidth = 2 * vg.Inch
)

// FormatFor returns the image format for an output file name: "svg" for a
// name ending in .svg, "png" for .png (in any case). Any other name is an
// error matching ErrFormat that lists both.
func FormatFor(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg":
		return "svg", nil
	case ".png":
		return "png", nil
	case "":
		return "", fmt.Errorf("%w: %s has no extension: name the output .svg or .png", ErrFormat, path)
	default:
		return "", fmt.Errorf("%w: %s ends in %s: name the output .svg or .png", ErrFormat, path, ext)
	}
}

// newCanvas returns an empty canvas of the given format and size.
func newCanvas(format string, w, h vg.Length) (vg.CanvasWriterTo, error) {
	switch format {
	case "svg":
		return vgsvg.New(w, h), nil
	case "png":
		return vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))}, nil
	}
	return nil, fmt.Errorf("%w %q: want svg or png", ErrFormat, format)
}

// render makes a canvas, lets paint draw on it, and writes the image to w in
// one piece.
func render(w io.Writer, format string, width, height vg.Length, paint func(draw.Canvas) error) error {
	c, err := newCanvas(format, width, height)
	if err != nil {
		return err
	}
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	if err := paint(dc); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("plot: encoding %s: %w", format, err)
	}
	out := buf.Bytes()
	if format == "svg" {
		out = fontFallbacks(out)
	}
	_, err = w.Write(out)
	return err
}

// fontFallbacks names, after Liberation Sans, the fonts with the same
// metrics that viewers have where it is missing (Arial on Windows,
// Helvetica on macOS), then any sans-serif: the SVG does not embed its
// fonts, and the layout was measured with Liberation Sans.
func fontFallbacks(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;"))
}

// The colours, as 0xRRGGBB. The tests look for some of them in the SVG.
const (
	colourHR        = 0xC62828 // heart rate
	colourCeiling   = 0x4A148C // the ceiling line
	colourPace      = 0x1565C0 // pace
	colourGAP       = 0xFFB74D // grade-adjusted pace, a light orange drawn under the pace
	colourBand      = 0xC8E6C9 // the pace band's fill
	colourBandEdge  = 0x66BB6A // the pace band's edges
	colourPause     = 0xC9C9CF // pauses and gaps: a grey no zone band uses
	colourNote      = 0x555555 // notes and zone labels
	colourPass      = 0x2E7D32 // PASS bars
	colourWarn      = 0xF9A825 // WARN bars
	colourFail      = 0xC62828 // FAIL bars
	colourUngrade   = 0x8C8C8C // UNGRADABLE bars
	colourOtherRuns = 0xB3CDE8 // bars of days without a recovery run: a pale blue, apart from the grey
	colourBarEdge   = 0x37474F // bar outlines
)

// zoneColours are the fills of the heart-rate zone bands, from the lowest
// zone up: light enough for the lines to stay readable on them. A model
// with more zones reuses the last.
func zoneColours() []uint32 {
	return []uint32{0xECEFF1, 0xE3F2FD, 0xE8F5E9, 0xFFFDE7, 0xFFF3E0, 0xFFEBEE, 0xFCE4EC, 0xF3E5F5}
}

// rgb returns the opaque colour 0xRRGGBB.
func rgb(c uint32) color.RGBA {
	return color.RGBA{R: uint8(c >> 16), G: uint8(c >> 8), B: uint8(c), A: 0xFF}
}

// sans returns the sans-serif font at the given size, bold or not.
func sans(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// textStyle returns a text style in the sans-serif font.
func textStyle(size vg.Length, bold bool, c color.Color, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{
		Color: c, Font: sans(size, bold), XAlign: xa, YAlign: ya,
		Handler: gplot.DefaultTextHandler,
	}
}

// newPlot returns a plot in the house style: sans-serif text, no padding
// between the axes and the data, so that bands reach the axes.
func newPlot() *gplot.Plot {
	p := gplot.New()
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Padding = 0
		a.Label.TextStyle.Font = sans(10, false)
		a.Tick.Label.Font = sans(9, false)
		a.Tick.Length = 4
	}
	return p
}

// fit shortens s so that it is at most width wide in style sty, keeping
// what matters most: it drops whole "; "-separated clauses from the end,
// then parenthesised asides from the end, then words, marking the cut with
// an ellipsis.
func fit(s string, sty text.Style, width vg.Length) string {
	fits := func(s string) bool { return sty.Width(s) <= width }
	if fits(s) {
		return s
	}
	const more = " …"
	for i := strings.LastIndex(s, "; "); i > 0; i = strings.LastIndex(s, "; ") {
		s = s[:i]
		if fits(s + more) {
			return s + more
		}
	}
	for {
		t, ok := dropLastAside(s)
		if !ok {
			break
		}
		s = t
		if fits(s + more) {
			return s + more
		}
	}
	for i := strings.LastIndex(s, " "); i > 0; i = strings.LastIndex(s, " ") {
		s = strings.TrimRight(s[:i], " ,;:(")
		if fits(s + more) {
			return s + more
		}
	}
	for len(s) > 0 {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if fits(s + "…") {
			return s + "…"
		}
	}
	return ""
}

// dropLastAside removes the last parenthesised aside of s, nested
// parentheses and the space before it included, and reports whether there
// was one.
func dropLastAside(s string) (string, bool) {
	end := strings.LastIndex(s, ")")
	if end < 0 {
		return s, false
	}
	depth := 0
	for i := end; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return strings.TrimRight(s[:i], " ") + s[end+1:], true
			}
		}
	}
	return s, false
}

// wrap breaks s into lines at most width wide in style sty, at spaces; a
// word wider than width gets a line of its own.
func wrap(s string, sty text.Style, width vg.Length) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case sty.Width(line+" "+w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// drawTitle writes a bold title and, when not empty, a smaller subtitle at
// the top of c, centred, and returns c without them.
func drawTitle(c draw.Canvas, title, subtitle string) draw.Canvas {
	const margin = 6
	// Room to spare, for SVG viewers that lack the fonts measured with.
	width := 0.85 * (c.Max.X - c.Min.X - 2*margin)
	sty := textStyle(12, true, color.Black, draw.XCenter, draw.YTop)
	y := c.Max.Y - margin
	c.FillText(sty, vg.Point{X: c.Center().X, Y: y}, fit(title, sty, width))
	y -= sty.Height("X") + 3
	if subtitle != "" {
		sub := textStyle(9, false, rgb(colourNote), draw.XCenter, draw.YTop)
		c.FillText(sub, vg.Point{X: c.Center().X, Y: y}, fit(subtitle, sub, width))
		y -= sub.Height("X") + 3
	}
	c.Max.Y = y - 4
	return c
}

// drawSide draws a legend and, under it, notes wrapped to the column, in
// the column c (the legend column beside a panel), from top.
func drawSide(c draw.Canvas, top vg.Length, l gplot.Legend, notes []string) {
	c.Max.Y = top
	c.Min.X += 24 // room for the zone names beside the panel
	l.Draw(c)
	y := top - l.Rectangle(c).Size().Y - 10
	sty := textStyle(8, false, rgb(colourNote), draw.XLeft, draw.YTop)
	for _, n := range notes {
		for _, line := range wrap(n, sty, 0.85*(c.Max.X-c.Min.X)) {
			c.FillText(sty, vg.Point{X: c.Min.X, Y: y}, line)
			y -= sty.Height(line) + 1
		}
		y -= 4
	}
}
