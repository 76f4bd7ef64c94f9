package gpxio

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/xmlinput"
)

// Default limits, used when the matching [Decoder] field is 0.
const (
	// DefaultMaxDepth is the deepest element nesting accepted (the same as
	// tcxio's). A GPX track point extension value sits at depth 7
	// (gpx/trk/trkseg/trkpt/extensions/TrackPointExtension/hr); only a
	// crafted file nests dozens of elements.
	DefaultMaxDepth = xmlinput.DefaultMaxDepth
	// DefaultMaxTokenSize is the largest single XML token accepted, in bytes:
	// a start tag with its attributes, a run of character data, a comment.
	DefaultMaxTokenSize = xmlinput.DefaultMaxTokenSize
)

// Decoder decodes GPX files into activities. Its fields are limits against
// hostile or corrupt input; the zero value uses the documented defaults and
// is ready to use. Decode does not modify the Decoder, so one Decoder may be
// used by several goroutines at once.
type Decoder struct {
	// MaxSamples is the largest number of track points (<trkpt> elements,
	// timed or not) accepted; 0 or less means [activity.DefaultMaxSamples].
	// A file with more fails with [activity.ErrLimit].
	MaxSamples int
	// MaxDepth is the deepest element nesting accepted, counting the root
	// element as 1; 0 or less means [DefaultMaxDepth]. A deeper file fails
	// with [activity.ErrLimit].
	MaxDepth int
	// MaxTokenSize is the largest single XML token accepted, in bytes (a
	// start tag with its attributes, a run of character data, a comment or
	// directive); 0 or less means [DefaultMaxTokenSize]. A larger token
	// fails with [activity.ErrLimit], as soon as the reader is one byte
	// past the limit.
	MaxTokenSize int
}

// Decode decodes a GPX document with the default limits; it is shorthand for
// (&Decoder{}).Decode(r). See [Decoder.Decode].
func Decode(r io.Reader) (*activity.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

// Decode reads one GPX 1.0 or 1.1 document from r and returns its tracks as
// one activity: every track point with a time, in file order, one
// [activity.Session] per track and one [activity.PauseSegment] pause per
// boundary between segments. The package documentation lists the mapping and
// the errors.
//
// Every error is an [*activity.FormatError] whose Kind is one of the
// activity sentinels. Decode reads r to its end (an input over 256 MiB
// only through the end of the document and what may follow it) and never
// modifies the input.
func (d *Decoder) Decode(r io.Reader) (*activity.Activity, error) {
	return xmlinput.Decode(r, d.decodeFast, d.decodeReference)
}

// DecodeBytes decodes a GPX document held in data, as [Decoder.Decode]
// does, without the copy that reading it from an io.Reader makes. data is
// neither modified nor retained.
func (d *Decoder) DecodeBytes(data []byte) (*activity.Activity, error) {
	return xmlinput.DecodeBytes(data, d.decodeFast, d.decodeReference)
}

// decodeReference is the streaming reader on encoding/xml's RawToken: the
// reference the fast reader (fast.go) is tested against, and what decodes
// every input the fast reader leaves to it.
func (d *Decoder) decodeReference(r io.Reader) (a *activity.Activity, err error) {
	p := newParser(d, r)
	defer func() {
		if v := recover(); v != nil {
			a = nil
			err = &activity.FormatError{
				Format: activity.FormatGPX, Offset: p.off, Element: p.element(),
				Kind: activity.ErrMalformed, Err: fmt.Errorf("gpxio: internal error (please report): %v", v),
			}
		}
	}()
	return p.run()
}

// kind classifies an open element by where it sits in the GPX tree.
type kind uint8

const (
	kOther kind = iota // anything not read
	kGPX
	kMetadata
	kTrk
	kTrkseg
	kTrkpt
	kExt // <extensions> of a trkpt
	kTPX // Garmin TrackPointExtension (v1, v2) or GpxExtensions v3 inside kExt
	kRte
	kWpt

	// Leaves: elements whose character data is read.
	kMetaName
	kMetaDesc
	kTrkName
	kTrkType
	kTrkDesc
	kEle
	kTime
	kTPXHR
	kTPXCad
	kTPXTemp
	kTPXSpeed
	kDataHR    // cluetrust gpxdata:hr
	kDataCad   // cluetrust gpxdata:cadence
	kDataTemp  // cluetrust gpxdata:temp
	kPlainHR   // <heartrate> (Amazfit, mapstogpx)
	kGpxxTemp  // Garmin GpxExtensions v3 <Temperature>
	kFirstLeaf = kMetaName
)

// classify returns the kind of an element named local inside an element of
// kind parent.
func classify(parent kind, local string) kind {
	switch parent {
	case kGPX:
		switch local {
		case "metadata":
			return kMetadata
		case "trk":
			return kTrk
		case "rte":
			return kRte
		case "wpt":
			return kWpt
		case "name": // GPX 1.0 keeps metadata on the root
			return kMetaName
		case "desc":
			return kMetaDesc
		}
	case kMetadata:
		switch local {
		case "name":
			return kMetaName
		case "desc":
			return kMetaDesc
		}
	case kTrk:
		switch local {
		case "trkseg":
			return kTrkseg
		case "name":
			return kTrkName
		case "type":
			return kTrkType
		case "desc":
			return kTrkDesc
		}
	case kTrkseg:
		if local == "trkpt" {
			return kTrkpt
		}
	case kTrkpt:
		switch local {
		case "time":
			return kTime
		case "ele":
			return kEle
		case "extensions":
			return kExt
		}
	case kExt:
		switch local {
		case "TrackPointExtension":
			return kTPX
		case "hr":
			return kDataHR
		case "cadence":
			return kDataCad
		case "temp":
			return kDataTemp
		case "heartrate":
			return kPlainHR
		case "Temperature":
			return kGpxxTemp
		}
	case kTPX:
		switch local {
		case "hr":
			return kTPXHR
		case "cad":
			return kTPXCad
		case "atemp":
			return kTPXTemp
		case "speed":
			return kTPXSpeed
		case "Temperature":
			return kGpxxTemp
		}
	}
	return kOther
}

// frame is one open element.
type frame struct {
	kind         kind
	space, local string
	nsLen        int // len(parser.ns) before this element's declarations
}

// point is the track point being read. Extension values are kept per source
// so that the preferred one wins whatever the order in the file.
type point struct {
	lat, lon, ele float64
	hr            [3]float64 // TPX, gpxdata, <heartrate>
	cad           [2]float64 // TPX, gpxdata
	temp          [3]float64 // TPX atemp, gpxdata, gpxx Temperature
	speed         float64
	t             xmlinput.Time
	timed         bool
	badTime       string // the first unreadable <time>, "" if none
	badTimeOff    int64
}

func (pt *point) reset() {
	n := math.NaN()
	*pt = point{lat: n, lon: n, ele: n, hr: [3]float64{n, n, n}, cad: [2]float64{n, n}, temp: [3]float64{n, n, n}, speed: n}
}

// first returns the first value that is not NaN.
func first(vs ...float64) float64 {
	for _, v := range vs {
		if v == v {
			return v
		}
	}
	return math.NaN()
}

// issue counts one kind of oddity for a warning.
type issue struct {
	n     int
	first string // the first offending value or element
	off   int64
	index int
}

func (is *issue) add(first string, off int64, index int) {
	if is.n == 0 {
		is.first, is.off, is.index = first, off, index
	}
	is.n++
}

// distinct collects distinct non-empty strings in order.
type distinct struct {
	vals []string
	seen map[string]bool
}

func (ds *distinct) add(s string) {
	s = strings.TrimSpace(s)
	if s == "" || ds.seen[s] {
		return
	}
	if ds.seen == nil {
		ds.seen = make(map[string]bool)
	}
	ds.seen[s] = true
	ds.vals = append(ds.vals, s)
}

func (ds *distinct) String() string { return strings.Join(ds.vals, "; ") }

// parser holds the state of one Decode call.
type parser struct {
	dec        *xml.Decoder     // nil in the fast reader
	in         *xmlinput.Reader // nil in the fast reader
	maxSamples int
	maxDepth   int
	maxToken   int64

	off   int64 // offset of the token being handled
	stack []frame
	ns    []string // namespace prefixes declared in scope, in order
	// inScope counts the declarations of each prefix in ns, so that a
	// prefix is looked up in constant time: scanning ns made a file with
	// many declarations on the root and many prefixed elements quadratic.
	inScope map[string]int
	text    []byte // character data of the open leaf

	bom              bool // the input starts with a UTF-8 byte order mark
	rootClosed       bool
	nTrk, nRte, nWpt int
	points           int // <trkpt> elements seen
	pt               point

	a        activity.Activity
	t0       xmlinput.Time
	allSame  bool
	segFirst int // first sample of the open segment
	prevLast int // last sample of the previous non-empty segment, -1 if none
	trkFirst int // first sample of the open track
	trkName  string
	trkType  string
	creator  string

	names struct{ track, typ, desc distinct }

	untimed, badTime, noZone, badValue, noLatLon issue
	backwards, unbound, trailing, lateDecl       issue
}

// newParser returns the reference parser reading r.
func newParser(d *Decoder, r io.Reader) *parser {
	p := newState(d)
	p.in = xmlinput.NewReader(r, p.maxToken)
	p.dec = xmlinput.NewDecoder(p.in)
	return p
}

// newState returns a parser with the Decoder's limits and no input: the
// state and semantics both readers share.
func newState(d *Decoder) *parser {
	l := xmlinput.Limits{MaxSamples: d.MaxSamples, MaxDepth: d.MaxDepth, MaxTokenSize: d.MaxTokenSize}.WithDefaults()
	return &parser{
		maxSamples: l.MaxSamples, maxDepth: l.MaxDepth, maxToken: int64(l.MaxTokenSize),
		off: -1, prevLast: -1, allSame: true, inScope: map[string]int{},
	}
}

// fail returns a FormatError at the current token.
func (p *parser) fail(kind error, element string, cause error) *activity.FormatError {
	return &activity.FormatError{Format: activity.FormatGPX, Offset: p.off, Element: element, Kind: kind, Err: cause}
}

// element names the innermost open element, for errors.
func (p *parser) element() string {
	if len(p.stack) == 0 {
		return ""
	}
	return p.stack[len(p.stack)-1].local
}

func (p *parser) run() (*activity.Activity, error) {
	for {
		// Offsets count the input's bytes, before charset conversion.
		p.off = p.in.Offset(p.dec.InputOffset())
		p.in.Mark()
		tok, err := p.dec.RawToken()
		if err != nil {
			if p.rootClosed {
				if err != io.EOF {
					p.trailing.add("", p.off, 0)
				}
				break
			}
			return nil, p.readError(err)
		}
		if p.rootClosed {
			if p.afterRoot(tok) {
				continue
			}
			p.trailing.add("", p.off, 0)
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := p.start(t); err != nil {
				return nil, err
			}
		case xml.EndElement:
			if err := p.end(t); err != nil {
				return nil, err
			}
		case xml.CharData:
			if err := p.charData(t); err != nil {
				return nil, err
			}
		case xml.ProcInst:
			// The XML declaration must open the document, after at most a
			// byte order mark. Some exporters put white space first (Polar
			// does, in TCX); the content is intact, so read on and say so.
			if strings.EqualFold(t.Target, "xml") && p.off != 0 && !(p.bom && p.off == 3) {
				p.lateDecl.add("", p.off, 0)
			}
		}
	}
	return p.finish()
}

// limitError is the cause of an ErrLimit error: what went past the limit
// that Decoder field raises.
func limitError(field, format string, args ...any) *activity.LimitError {
	return &activity.LimitError{Limit: "gpxio.Decoder." + field, What: fmt.Sprintf(format, args...)}
}

// readError maps an error from the XML tokenizer.
func (p *parser) readError(err error) error {
	if p.in.LimitHit() {
		return p.fail(activity.ErrLimit, p.element(), limitError("MaxTokenSize", "%v", err))
	}
	var syn *xml.SyntaxError
	switch {
	case err == io.EOF:
		if len(p.stack) == 0 {
			return p.fail(activity.ErrTruncated, "", errors.New("the input ends before the root element"))
		}
		return p.fail(activity.ErrTruncated, p.element(), fmt.Errorf("input ends inside <%s>", p.element()))
	case errors.As(err, &syn):
		if strings.HasPrefix(syn.Msg, "unexpected EOF") {
			return p.fail(activity.ErrTruncated, p.element(), err)
		}
		return p.fail(activity.ErrMalformed, p.element(), err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return p.fail(activity.ErrTruncated, p.element(), err)
	case strings.HasPrefix(err.Error(), "xml:"):
		// Unsupported version or encoding.
		return p.fail(activity.ErrMalformed, p.element(), err)
	}
	// An error from the reader itself: reading stopped before the document
	// ended.
	return p.fail(activity.ErrTruncated, p.element(), fmt.Errorf("reading stopped: %w", err))
}

// afterRoot reports whether tok may follow the root element: white space,
// comments and processing instructions.
func (p *parser) afterRoot(tok xml.Token) bool {
	switch t := tok.(type) {
	case xml.CharData:
		return xmlinput.AllSpace([]byte(t))
	case xml.Comment, xml.ProcInst:
		return true
	}
	return false
}

func (p *parser) start(t xml.StartElement) error {
	depth := len(p.stack)
	if depth >= p.maxDepth {
		return p.fail(activity.ErrLimit, t.Name.Local, limitError("MaxDepth",
			"elements nested deeper than %d", p.maxDepth))
	}
	nsLen := len(p.ns)
	for _, at := range t.Attr {
		if at.Name.Space == "xmlns" {
			p.declare(at.Name.Local)
		}
	}
	p.checkPrefix([]byte(t.Name.Space))
	for _, at := range t.Attr {
		if at.Name.Space != "xmlns" {
			p.checkPrefix([]byte(at.Name.Space))
		}
	}

	k := kOther
	if depth == 0 {
		if t.Name.Local != "gpx" {
			return p.fail(activity.ErrMalformed, t.Name.Local, fmt.Errorf("root element <%s> is not <gpx>", t.Name.Local))
		}
		k = kGPX
	} else {
		k = classify(p.stack[depth-1].kind, t.Name.Local)
	}
	p.stack = append(p.stack, frame{kind: k, space: t.Name.Space, local: t.Name.Local, nsLen: nsLen})

	switch k {
	case kGPX:
		for _, at := range t.Attr {
			if at.Name.Space == "" && at.Name.Local == "creator" {
				p.creator = strings.TrimSpace(at.Value)
			}
		}
	case kTrkpt:
		if err := p.openPoint(); err != nil {
			return err
		}
		for _, at := range t.Attr {
			if at.Name.Space != "" {
				continue
			}
			switch at.Name.Local {
			case "lat":
				p.pt.lat = p.number([]byte(at.Value), "lat")
			case "lon":
				p.pt.lon = p.number([]byte(at.Value), "lon")
			}
		}
	default:
		p.open(k)
	}
	return nil
}

// declare brings a namespace prefix declared on the element being opened
// into scope.
func (p *parser) declare(prefix string) {
	p.ns = append(p.ns, prefix)
	p.inScope[prefix]++
}

// undeclare takes the prefixes declared since the stack held nsLen of them
// out of scope, when their element closes.
func (p *parser) undeclare(nsLen int) {
	for _, prefix := range p.ns[nsLen:] {
		p.inScope[prefix]--
	}
	p.ns = p.ns[:nsLen]
}

// openPoint starts a track point, enforcing the MaxSamples limit. The
// caller then reads its lat and lon attributes.
func (p *parser) openPoint() error {
	if p.points >= p.maxSamples {
		return p.fail(activity.ErrLimit, "trkpt", limitError("MaxSamples",
			"more than %d track points", p.maxSamples))
	}
	p.points++
	p.pt.reset()
	return nil
}

// open handles the start of an element of kind k other than kGPX and
// kTrkpt, whose attributes the callers read themselves.
func (p *parser) open(k kind) {
	switch k {
	case kTrk:
		p.nTrk++
		p.trkFirst = len(p.a.Samples.Time)
		p.trkName, p.trkType = "", ""
	case kRte:
		p.nRte++
	case kWpt:
		p.nWpt++
	case kTrkseg:
		p.segFirst = len(p.a.Samples.Time)
	default:
		if k >= kFirstLeaf {
			p.text = p.text[:0]
		}
	}
}

// checkPrefix records a namespace prefix used without a declaration in
// scope. encoding/xml's RawToken does not check this; the file is still read
// by local names, with a warning.
func (p *parser) checkPrefix(prefix []byte) {
	if len(prefix) == 0 || string(prefix) == "xml" || string(prefix) == "xmlns" {
		return
	}
	if p.inScope[string(prefix)] > 0 {
		return
	}
	p.unbound.add(string(prefix), p.off, 0)
}

func (p *parser) charData(t xml.CharData) error {
	if len(p.stack) == 0 {
		// Before the root: only white space, after a byte order mark.
		b := []byte(t)
		if p.off == 0 {
			b, p.bom = xmlinput.CutBOM(b)
		}
		if !xmlinput.AllSpace(b) {
			return p.fail(activity.ErrMalformed, "", errors.New("text before the root element: not an XML document"))
		}
		return nil
	}
	if p.stack[len(p.stack)-1].kind >= kFirstLeaf {
		if len(p.text)+len(t) > int(p.maxToken) {
			return p.fail(activity.ErrLimit, p.element(), limitError("MaxTokenSize",
				"element text longer than %d bytes", p.maxToken))
		}
		p.text = append(p.text, t...)
	}
	return nil
}

func (p *parser) end(t xml.EndElement) error {
	n := len(p.stack)
	if n == 0 {
		return p.fail(activity.ErrMalformed, t.Name.Local, fmt.Errorf("</%s> closes no element", qname(t.Name)))
	}
	f := p.stack[n-1]
	if f.local != t.Name.Local || f.space != t.Name.Space {
		return p.fail(activity.ErrMalformed, f.local, fmt.Errorf("<%s> is closed by </%s>",
			qname(xml.Name{Space: f.space, Local: f.local}), qname(t.Name)))
	}
	p.stack = p.stack[:n-1]
	p.undeclare(f.nsLen)
	p.close(f.kind)
	return nil
}

// close handles the end of an element of kind k, whose text (for a leaf)
// is in p.text.
func (p *parser) close(k kind) {
	pt := &p.pt
	switch k {
	case kGPX:
		p.rootClosed = true
	case kTrk:
		p.endTrack()
	case kTrkseg:
		p.endSegment()
	case kTrkpt:
		p.endPoint()
	case kMetaName:
		p.names.track.add(string(p.text))
	case kMetaDesc:
		p.names.desc.add(string(p.text))
	case kTrkName:
		p.trkName = strings.TrimSpace(string(p.text))
		p.names.track.add(p.trkName)
	case kTrkType:
		p.trkType = strings.TrimSpace(string(p.text))
		p.names.typ.add(p.trkType)
		if p.a.Meta.Sport == "" {
			p.a.Meta.Sport = p.trkType
		}
	case kTrkDesc:
		p.names.desc.add(string(p.text))
	case kTime:
		b := xmlinput.TrimSpace(p.text)
		if len(b) == 0 {
			break // an empty <time/> is no time
		}
		if s, ok := xmlinput.ParseTime(b); ok {
			pt.t, pt.timed = s, true
		} else if pt.badTime == "" {
			pt.badTime, pt.badTimeOff = clip(b), p.off
		}
	case kEle:
		pt.ele = p.value(p.text, "ele")
	case kTPXHR:
		pt.hr[0] = p.value(p.text, "hr")
	case kDataHR:
		pt.hr[1] = p.value(p.text, "hr")
	case kPlainHR:
		pt.hr[2] = p.value(p.text, "heartrate")
	case kTPXCad:
		pt.cad[0] = p.value(p.text, "cad")
	case kDataCad:
		pt.cad[1] = p.value(p.text, "cadence")
	case kTPXTemp:
		pt.temp[0] = p.value(p.text, "atemp")
	case kDataTemp:
		pt.temp[1] = p.value(p.text, "temp")
	case kGpxxTemp:
		pt.temp[2] = p.value(p.text, "Temperature")
	case kTPXSpeed:
		pt.speed = p.value(p.text, "speed")
	}
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// clip shortens a value quoted in a warning or error.
func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// value reads a number from element text. Empty text and "NaN" are missing
// values; text that is not a finite number is missing too, with a warning.
func (p *parser) value(b []byte, element string) float64 {
	b = xmlinput.TrimSpace(b)
	if len(b) == 0 {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) {
		p.badValue.add("<"+element+">"+clip(b), p.off, 0)
		return math.NaN()
	}
	return v
}

// number reads a number from an attribute value, as value does (but
// trimming any Unicode white space, as strings.TrimSpace does).
func (p *parser) number(b []byte, attr string) float64 {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) {
		p.badValue.add(attr+"="+strconv.Quote(clip(b)), p.off, 0)
		return math.NaN()
	}
	return v
}

// put appends v to a lazily created column: a column stays nil until its
// first value, then is back-filled with NaN.
func put(col []float64, n int, v float64) []float64 {
	if col == nil {
		if v != v {
			return nil
		}
		col = activity.NaNs(n)
	}
	return append(col, v)
}

func (p *parser) endPoint() {
	pt := &p.pt
	s := &p.a.Samples
	n := len(s.Time)
	if !pt.timed {
		if pt.badTime != "" {
			p.badTime.add(pt.badTime, pt.badTimeOff, n)
		} else {
			p.untimed.add("", p.off, n)
		}
		return
	}
	if pt.lat != pt.lat || pt.lon != pt.lon {
		p.noLatLon.add("", p.off, n)
	}
	if !pt.t.Zoned {
		p.noZone.add("", p.off, n)
	}
	var t float64
	if n == 0 {
		p.t0 = pt.t
		p.a.Start = pt.t.Time()
	} else {
		t = pt.t.Since(p.t0)
		if t < s.Time[n-1] {
			p.backwards.add("", p.off, n)
		}
		if t != 0 {
			p.allSame = false
		}
	}
	s.Time = append(s.Time, t)
	s.Lat = put(s.Lat, n, pt.lat)
	s.Lon = put(s.Lon, n, pt.lon)
	s.Altitude = put(s.Altitude, n, pt.ele)
	s.HeartRate = put(s.HeartRate, n, first(pt.hr[:]...))
	s.Cadence = put(s.Cadence, n, first(pt.cad[:]...))
	s.Temperature = put(s.Temperature, n, first(pt.temp[:]...))
	s.Speed = put(s.Speed, n, pt.speed)
}

func (p *parser) endSegment() {
	n := len(p.a.Samples.Time)
	if n == p.segFirst {
		return // empty segment, or no timed point in it
	}
	if p.prevLast >= 0 {
		tm := p.a.Samples.Time
		start, end := tm[p.prevLast], tm[p.segFirst]
		p.a.Pauses = append(p.a.Pauses, activity.Pause{Start: start, End: max(start, end), Kind: activity.PauseSegment})
	}
	p.prevLast = n - 1
}

func (p *parser) endTrack() {
	n := len(p.a.Samples.Time)
	if n == p.trkFirst {
		return
	}
	p.a.Sessions = append(p.a.Sessions, activity.Session{
		Sport:  p.trkType,
		Name:   p.trkName,
		Start:  p.a.Samples.Time[p.trkFirst],
		First:  p.trkFirst,
		End:    n,
		Totals: activity.NoTotals(),
	})
}

func (p *parser) finish() (*activity.Activity, error) {
	p.off = -1
	a := &p.a
	n := len(a.Samples.Time)
	if n == 0 {
		switch {
		case p.points > 0 && p.badTime.n > 0:
			p.off = p.badTime.off
			return nil, p.fail(activity.ErrMalformed, "time", fmt.Errorf(
				"no track point has a readable time (first %q)", p.badTime.first))
		case p.points > 0:
			return nil, p.fail(activity.ErrNoTimestamps, "trkpt", fmt.Errorf(
				"none of the %d track points has a <time> (a route or a drawn track)", p.points))
		case p.nTrk == 0 && p.nRte+p.nWpt > 0:
			return nil, p.fail(activity.ErrNotActivity, "", fmt.Errorf(
				"no track, only %d routes and %d waypoints", p.nRte, p.nWpt))
		case p.nTrk > 0:
			return nil, p.fail(activity.ErrNoSamples, "trk", fmt.Errorf("%d tracks without track points", p.nTrk))
		}
		return nil, p.fail(activity.ErrNoSamples, "", errors.New("no track in the file"))
	}
	a.Meta.Format = activity.FormatGPX
	a.Meta.Product = p.creator
	a.Meta.Names.Track = p.names.track.String()
	a.Meta.Names.TrackType = p.names.typ.String()
	a.Meta.Names.Description = p.names.desc.String()
	a.Athlete = activity.NoAthlete()
	a.Warnings = p.warnings()
	return a, nil
}

func (p *parser) warnings() []string {
	var w []string
	add := func(format string, args ...any) { w = append(w, fmt.Sprintf(format, args...)) }
	n := len(p.a.Samples.Time)
	if p.lateDecl.n > 0 {
		add("the XML declaration is not at the start of the document (it is at byte %d); read anyway", p.lateDecl.off)
	}
	if p.unbound.n > 0 {
		add("namespace prefix %q is used without a declaration (first at byte %d), so the XML is not namespace-well-formed; elements were read by local name",
			p.unbound.first, p.unbound.off)
	}
	if p.untimed.n > 0 {
		add("dropped %d of %d track points that have no <time> (first at byte %d)", p.untimed.n, p.points, p.untimed.off)
	}
	if p.badTime.n > 0 {
		add("dropped %d track points whose <time> cannot be read (first %q at byte %d)", p.badTime.n, p.badTime.first, p.badTime.off)
	}
	if p.noZone.n > 0 {
		add("%d of %d track point times carry no UTC offset (first at byte %d); they were read as UTC", p.noZone.n, n, p.noZone.off)
	}
	if p.badValue.n > 0 {
		add("%d values are not numbers and were read as missing (first %s at byte %d)", p.badValue.n, p.badValue.first, p.badValue.off)
	}
	if p.noLatLon.n > 0 {
		add("%d track points lack a lat or lon attribute (first at byte %d)", p.noLatLon.n, p.noLatLon.off)
	}
	if p.backwards.n > 0 {
		i := p.backwards.index
		add("times go backwards %d times (first at sample %d, %s after %s); samples are kept in file order",
			p.backwards.n, i, p.a.TimeAt(p.a.Samples.Time[i]).Format(time.RFC3339Nano), p.a.TimeAt(p.a.Samples.Time[i-1]).Format(time.RFC3339Nano))
	}
	if n > 1 && p.allSame {
		add("all %d track points have the same time (%s); the times are kept as the file has them", n, p.a.Start.Format(time.RFC3339Nano))
	}
	if p.trailing.n > 0 {
		add("ignored content after </gpx> at byte %d", p.trailing.off)
	}
	return w
}
