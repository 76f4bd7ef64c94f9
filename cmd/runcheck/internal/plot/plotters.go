package plot

import (
	"image/color"
	"math"
	"strconv"

	"github.com/runcheck/runcheck/analyze"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The plotters below draw in data coordinates on the data canvas of a
// gonum plot; the plot's axis ranges must be set before drawing.

// span is an interval of the horizontal axis, in its units.
type span struct{ from, to float64 }

// fillRect fills the rectangle between two corners with colour fill,
// clipped to c.
func fillRect(c *draw.Canvas, fill color.Color, x0, y0, x1, y1 vg.Length) {
	pts := c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	if len(pts) > 2 {
		c.FillPolygon(fill, pts)
	}
}

// zoneBands fills one horizontal band per zone across the whole panel and
// writes each zone's name just right of the panel, at the band's middle, as
// a second axis would.
type zoneBands struct {
	bounds []float64 // boundaries between zones, increasing
	names  []string  // len(bounds)+1 names
}

// Plot implements gplot.Plotter.
func (z zoneBands) Plot(c draw.Canvas, p *gplot.Plot) {
	_, trY := p.Transforms(&c)
	fills := zoneColours()
	label := textStyle(8, false, rgb(colourNote), draw.XLeft, draw.YCenter)
	for i := 0; i <= len(z.bounds); i++ {
		lo, hi := p.Y.Min, p.Y.Max
		if i > 0 {
			lo = max(lo, z.bounds[i-1])
		}
		if i < len(z.bounds) {
			hi = min(hi, z.bounds[i])
		}
		if !(hi > lo) {
			continue
		}
		fill := fills[min(i, len(fills)-1)]
		y0, y1 := trY(lo), trY(hi)
		fillRect(&c, rgb(fill), c.Min.X, y0, c.Max.X, y1)
		if i < len(z.names) && y1-y0 >= label.Height(z.names[i]) {
			c.FillText(label, vg.Point{X: c.Max.X + 3, Y: (y0 + y1) / 2}, z.names[i])
		}
	}
}

// spans fills stretches of the horizontal axis over the whole height of the
// panel.
type spans struct {
	spans []span
	fill  color.Color
}

// Plot implements gplot.Plotter.
func (s spans) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, sp := range s.spans {
		fillRect(&c, s.fill, trX(sp.from), c.Min.Y, trX(sp.to), c.Max.Y)
	}
}

// Thumbnail implements gplot.Thumbnailer.
func (s spans) Thumbnail(c *draw.Canvas) {
	fillRect(c, s.fill, c.Min.X, c.Min.Y, c.Max.X, c.Max.Y)
}

// lockOn fades the optical lock-on window, from from to to on the
// horizontal axis, marks its end with a dotted line and names it.
type lockOn struct{ from, to float64 }

// lockOnStyle is the line that ends the lock-on window.
func lockOnStyle() draw.LineStyle {
	return draw.LineStyle{Color: rgb(colourNote), Width: 0.8, Dashes: []vg.Length{1.5, 2}}
}

// Plot implements gplot.Plotter.
func (l lockOn) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, _ := p.Transforms(&c)
	x0, x1 := trX(l.from), trX(l.to)
	fillRect(&c, color.NRGBA{R: 255, G: 255, B: 255, A: 150}, x0, c.Min.Y, x1, c.Max.Y)
	if c.ContainsX(x1) {
		c.StrokeLine2(lockOnStyle(), x1, c.Min.Y, x1, c.Max.Y)
	}
	sty := textStyle(8, false, rgb(colourNote), draw.XCenter, draw.YTop)
	const name = "lock-on"
	x := (x0 + x1) / 2
	if sty.Width(name)+4 > x1-x0 {
		sty.XAlign = draw.XLeft
		x = x1 + 3
	}
	c.FillText(sty, vg.Point{X: x, Y: c.Max.Y - 3}, name)
}

// Thumbnail implements gplot.Thumbnailer.
func (l lockOn) Thumbnail(c *draw.Canvas) {
	fillRect(c, rgb(zoneColours()[2]), c.Min.X, c.Min.Y, c.Max.X, c.Max.Y)
	fillRect(c, color.NRGBA{R: 255, G: 255, B: 255, A: 150}, c.Min.X, c.Min.Y, c.Max.X, c.Max.Y)
	x := c.Min.X + 0.7*(c.Max.X-c.Min.X)
	c.StrokeLine2(lockOnStyle(), x, c.Min.Y, x, c.Max.Y)
}

// hline is a horizontal line across the panel at y, with a label right
// aligned above it on a light backing.
type hline struct {
	y     float64
	style draw.LineStyle
	label string
}

// Plot implements gplot.Plotter.
func (h hline) Plot(c draw.Canvas, p *gplot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(h.y)
	if !c.ContainsY(y) {
		return
	}
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
	if h.label == "" {
		return
	}
	sty := textStyle(9, false, h.style.Color, draw.XRight, draw.YBottom)
	pt := vg.Point{X: c.Max.X - 4, Y: y + 3}
	r := sty.Rectangle(h.label)
	fillRect(&c, color.NRGBA{R: 255, G: 255, B: 255, A: 140},
		pt.X+r.Min.X-2, pt.Y+r.Min.Y, pt.X+r.Max.X+2, pt.Y+r.Max.Y)
	c.FillText(sty, pt, h.label)
}

// Thumbnail implements gplot.Thumbnailer.
func (h hline) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

// hband fills the band between two values of the vertical axis, across the
// panel, with its edges drawn.
type hband struct {
	lo, hi float64
	fill   color.Color
	edge   draw.LineStyle
}

// Plot implements gplot.Plotter.
func (b hband) Plot(c draw.Canvas, p *gplot.Plot) {
	_, trY := p.Transforms(&c)
	y0, y1 := trY(b.lo), trY(b.hi)
	fillRect(&c, b.fill, c.Min.X, y0, c.Max.X, y1)
	for _, y := range []vg.Length{y0, y1} {
		if c.ContainsY(y) {
			c.StrokeLine2(b.edge, c.Min.X, y, c.Max.X, y)
		}
	}
}

// Thumbnail implements gplot.Thumbnailer.
func (b hband) Thumbnail(c *draw.Canvas) {
	fillRect(c, b.fill, c.Min.X, c.Min.Y, c.Max.X, c.Max.Y)
	c.StrokeLine2(b.edge, c.Min.X, c.Min.Y, c.Max.X, c.Min.Y)
	c.StrokeLine2(b.edge, c.Min.X, c.Max.Y, c.Max.X, c.Max.Y)
}

// note writes a message in the middle of the panel, for a panel without
// data.
type note struct{ text string }

// Plot implements gplot.Plotter.
func (n note) Plot(c draw.Canvas, _ *gplot.Plot) {
	sty := textStyle(12, false, rgb(colourNote), draw.XCenter, draw.YCenter)
	c.FillText(sty, c.Center(), n.text)
}

// swatch is a legend thumbnail: a filled square with an outline.
type swatch struct{ fill color.Color }

// Thumbnail implements gplot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	w := c.Max.Y - c.Min.Y
	x0 := c.Min.X + (c.Max.X-c.Min.X-w)/2
	fillRect(c, s.fill, x0, c.Min.Y, x0+w, c.Max.Y)
	c.StrokeLines(draw.LineStyle{Color: rgb(colourBarEdge), Width: 0.5},
		[]vg.Point{{X: x0, Y: c.Min.Y}, {X: x0 + w, Y: c.Min.Y}, {X: x0 + w, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}, {X: x0, Y: c.Min.Y}})
}

// bar is one bar of the week chart: a day's index on the horizontal axis,
// its height, its fill and the label above it.
type bar struct {
	x, y  float64
	fill  color.Color
	label string
}

// bars draws bars of the given width in axis units, from 0 up.
type bars struct {
	bars  []bar
	width float64
}

// Plot implements gplot.Plotter.
func (b bars) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	edge := draw.LineStyle{Color: rgb(colourBarEdge), Width: 0.6}
	label := textStyle(8, false, color.Black, draw.XCenter, draw.YBottom)
	for _, r := range b.bars {
		x0, x1 := trX(r.x-b.width/2), trX(r.x+b.width/2)
		y0, y1 := trY(0), trY(r.y)
		fillRect(&c, r.fill, x0, y0, x1, y1)
		c.StrokeLines(edge, []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}})
		if r.label != "" {
			c.FillText(label, vg.Point{X: (x0 + x1) / 2, Y: y1 + 2}, r.label)
		}
	}
}

// unlabelled wraps a ticker and drops its labels, for an axis whose labels
// another panel shows.
type unlabelled struct{ gplot.Ticker }

// Ticks implements gplot.Ticker.
func (u unlabelled) Ticks(lo, hi float64) []gplot.Tick {
	ts := u.Ticker.Ticks(lo, hi)
	for i := range ts {
		ts[i].Label = ""
	}
	return ts
}

// stepTicks marks an axis at round numbers, about five to eight of them,
// with half steps as minor ticks.
type stepTicks struct{}

// Ticks implements gplot.Ticker.
func (stepTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) {
		return nil
	}
	step := math.Pow(10, math.Floor(math.Log10(hi-lo)))
	for _, m := range []float64{0.1, 0.2, 0.5, 1, 2, 5, 10} {
		if (hi-lo)/(step*m) <= 8 {
			step *= m
			break
		}
	}
	var ts []gplot.Tick
	for k := math.Ceil(lo / step * 2); k/2*step <= hi+step*1e-9; k++ {
		v := k / 2 * step
		t := gplot.Tick{Value: v}
		if math.Mod(k, 2) == 0 {
			t.Label = strconv.FormatFloat(v, 'f', -1, 64)
		}
		ts = append(ts, t)
	}
	return ts
}

// paceTicks marks a pace axis in minutes per kilometre with labels M:SS.
type paceTicks struct{}

// Ticks implements gplot.Ticker.
func (paceTicks) Ticks(lo, hi float64) []gplot.Tick {
	step := 5.0
	for _, s := range []float64{0.25, 0.5, 1, 2, 5} {
		if (hi-lo)/s <= 8 {
			step = s
			break
		}
	}
	var ts []gplot.Tick
	for v := math.Ceil(lo/step*2) * step / 2; v <= hi+1e-9; v += step / 2 {
		t := gplot.Tick{Value: v}
		if r := math.Mod(v/step, 1); r < 1e-6 || r > 1-1e-6 {
			t.Label = analyze.FormatPace(v * 60)
		}
		ts = append(ts, t)
	}
	return ts
}
