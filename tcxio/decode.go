package tcxio

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/xmlinput"
)

// Default limits of a zero [Decoder], the same as gpxio's.
const (
	// DefaultMaxDepth is the deepest element nesting a Decoder accepts when
	// its MaxDepth is 0. A TCX activity nests 11 deep at most
	// (TrainingCenterDatabase/Activities/MultiSportSession/NextSport/
	// Activity/Lap/Track/Trackpoint/Extensions/TPX/Speed).
	DefaultMaxDepth = xmlinput.DefaultMaxDepth
	// DefaultMaxTokenSize is the longest single XML token (a text run, a tag
	// with its attributes, a comment) in bytes that a Decoder accepts when
	// its MaxTokenSize is 0. It is also the longest text an element may hold.
	DefaultMaxTokenSize = xmlinput.DefaultMaxTokenSize
)

// Decoder decodes TCX files into activities. Its fields are limits that
// guard against hostile or corrupt input; a file that exceeds one is
// rejected with an error matching [activity.ErrLimit] whose message names
// the limit and the field that raises it. The zero value is ready to use and
// applies the defaults. A Decoder is not modified by decoding, so one value
// may be shared by concurrent goroutines.
type Decoder struct {
	// MaxSamples is the most trackpoints (with a usable Time) one file may
	// hold; it bounds the number of laps and of activities too. Zero or
	// negative means [activity.DefaultMaxSamples].
	MaxSamples int
	// MaxDepth is the deepest element nesting accepted. Zero or negative
	// means [DefaultMaxDepth].
	MaxDepth int
	// MaxTokenSize is the largest XML token in bytes, and the largest text
	// content of one element. Zero or negative means [DefaultMaxTokenSize].
	MaxTokenSize int
}

// Decode decodes a TCX file with the default limits. It is shorthand for
// (&Decoder{}).Decode(r).
func Decode(r io.Reader) (*activity.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

// Decode reads a TCX file from r and returns its activity. It reads r to
// its end or to its first error, and never writes to it. An input of up to
// 256 MiB is held in memory and read by the fast reader; the reference
// reader, which streams, reads the rest (see Readers in the package
// documentation).
//
// Every error is a [*activity.FormatError] with Format "tcx" that matches
// exactly one of the sentinels of package activity with errors.Is (see the
// package documentation for which one when). A panic while decoding is
// recovered and returned as [activity.ErrMalformed].
func (d *Decoder) Decode(r io.Reader) (*activity.Activity, error) {
	return xmlinput.Decode(r, d.decodeFast, d.decodeReference)
}

// DecodeBytes decodes a TCX document held in data, as [Decoder.Decode]
// does, without the copy that reading it from an io.Reader makes. data is
// neither modified nor retained.
func (d *Decoder) DecodeBytes(data []byte) (*activity.Activity, error) {
	return xmlinput.DecodeBytes(data, d.decodeFast, d.decodeReference)
}

// decodeReference decodes r with the reference reader, the streaming
// reader on encoding/xml.
func (d *Decoder) decodeReference(r io.Reader) (a *activity.Activity, err error) {
	s := newState(d)
	src := newRefSource(r, s.maxToken)
	s.src = src
	defer func() {
		if p := recover(); p != nil {
			a = nil
			err = &activity.FormatError{
				Format:  activity.FormatTCX,
				Offset:  -1,
				Element: s.element(),
				Kind:    activity.ErrMalformed,
				Err:     &panicError{value: p, stack: debug.Stack()},
			}
		}
	}()
	if err := s.sniff(src.g); err != nil {
		return nil, err
	}
	if err := s.parse(); err != nil {
		return nil, err
	}
	return s.finish()
}

// panicError is the cause of the error Decode returns after recovering a
// panic. The fuzz test looks for it: any occurrence is a bug.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string {
	return fmt.Sprintf("internal error while decoding (please report it): %v", e.value)
}

// Sample channels collected from trackpoints, in column order.
const (
	chDistance = iota
	chSpeed
	chAltitude
	chLat
	chLon
	chHeartRate
	chCadence
	numChannels
)

// lapBuild is a lap being decoded.
type lapBuild struct {
	lap        activity.Lap
	start      xmlinput.Time
	haveStart  bool
	first, end int // the lap's samples
	hasCadence bool
	runCadence float64 // LX AvgRunCadence, used when Cadence is absent
}

// sessionBuild is an Activity (or a multisport Transition) being decoded.
type sessionBuild struct {
	sport          string
	id             xmlinput.Time
	haveID         bool
	first, end     int // sample range
	lapFrom, lapTo int
}

// state is one decoding run: the parser, which reads the tokens of either
// reader.
type state struct {
	src        tokenSource
	tok        token // the last token read
	maxSamples int
	maxDepth   int
	maxToken   int

	stack []xml.Name // names (prefix and local name) of the open elements
	ntok  int        // tokens read
	bom   bool       // the input starts with a UTF-8 byte order mark
	space bool       // only white space (after any BOM) came before the XML declaration
	// leadEnd is the offset where the white space (and BOM) that starts the
	// input ends, to tell it from other bytes before the XML declaration.
	leadEnd int64
	buf     []byte // text of the element being read

	// sizeHint is the expected number of samples, the capacity the
	// columns start with; the fast reader counts the trackpoints' start
	// tags.
	sizeHint int

	// Samples.
	n         int
	times     []float64
	cols      [numChannels][]float64
	start     xmlinput.Time
	last      float64 // time of the latest sample
	laps      []lapBuild
	sessions  []sessionBuild
	pauses    []activity.Pause
	unordered bool // pauses not in time order

	// Metadata.
	sawActivity  bool
	sawMulti     bool
	rootKids     []string // distinct names of the root's children, for messages
	product      string
	serial       string
	notes        []string
	workouts     []string
	seenNotes    map[string]bool
	seenWorkouts map[string]bool

	// Counts behind the warnings.
	noZone       int
	noTime       int
	noTimeOffset int64
	badTime      int
	badTimeText  string
	badNum       int
	badNumElem   string
	badNumText   string
	backwards    int
	backFirst    int
	backFrom     float64
	backTo       float64
	lapNoStart   int
	trailing     bool
}

func newState(d *Decoder) *state {
	l := xmlinput.Limits{MaxSamples: d.MaxSamples, MaxDepth: d.MaxDepth, MaxTokenSize: d.MaxTokenSize}.WithDefaults()
	return &state{maxSamples: l.MaxSamples, maxDepth: l.MaxDepth, maxToken: l.MaxTokenSize}
}

// element returns the innermost open element, for error messages.
func (s *state) element() string {
	if len(s.stack) == 0 {
		return ""
	}
	return s.stack[len(s.stack)-1].Local
}

// qname writes a name as it appears in the file.
func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func (s *state) offset() int64 { return s.src.offset() }

func (s *state) fail(kind error, offset int64, element string, cause error) error {
	return &activity.FormatError{Format: activity.FormatTCX, Offset: offset, Element: element, Kind: kind, Err: cause}
}

// token returns the next XML token, keeping the element stack, the nesting
// and token limits and the prolog rules.
func (s *state) token() (*token, error) {
	before := s.offset()
	t := &s.tok
	if err := s.src.next(t); err != nil {
		return nil, err
	}
	s.ntok++
	switch t.kind {
	case tokStart:
		if len(s.stack) >= s.maxDepth {
			return nil, s.fail(activity.ErrLimit, before, t.name.Local, limitError("MaxDepth",
				"elements nested deeper than %d", s.maxDepth))
		}
		s.stack = append(s.stack, t.name)
	case tokEnd:
		// RawToken leaves matching start and end tags to us.
		if len(s.stack) == 0 {
			return nil, s.fail(activity.ErrMalformed, before, t.name.Local, fmt.Errorf("unexpected end element </%s>", qname(t.name)))
		}
		if top := s.stack[len(s.stack)-1]; top != t.name {
			return nil, s.fail(activity.ErrMalformed, before, top.Local, fmt.Errorf("element <%s> closed by </%s>", qname(top), qname(t.name)))
		}
		s.stack = s.stack[:len(s.stack)-1]
	case tokText:
		if s.ntok == 1 && before == 0 && string(t.text) == xmlinput.BOM {
			s.bom = true
		}
		if len(s.stack) == 0 && s.leadEnd == before && strings.Trim(string(t.text), "\ufeff \t\r\n") == "" {
			s.leadEnd = s.offset()
		}
	case tokProcInst:
		if strings.EqualFold(t.name.Local, "xml") && !(s.ntok == 1 && before == 0) && !(s.ntok == 2 && s.bom && before == 3) {
			// White space before the declaration breaks the XML rules, but
			// Polar's V800 exports have it and the content is intact: read
			// them, with a warning. Anything else before it is an error.
			if !s.prologSpace(before) {
				return nil, s.fail(activity.ErrMalformed, before, s.element(), errors.New(
					"the XML declaration is not at the very start of the document (bytes come before it)"))
			}
			s.space = true
		}
	}
	return t, nil
}

// prologSpace reports whether the tokens before the XML declaration, which
// starts at byte off, were only white space (after an optional BOM).
func (s *state) prologSpace(off int64) bool {
	return len(s.stack) == 0 && off > 0 && s.leadEnd == off
}

// next is token for use inside the root element: every error is final.
func (s *state) next() (*token, error) {
	tok, err := s.token()
	if err != nil {
		var fe *activity.FormatError
		if errors.As(err, &fe) {
			return nil, err
		}
		return nil, s.src.readError(s, err)
	}
	return tok, nil
}

// child returns the next child element of the element open at stack depth
// level, or ok false when that element ends. Whatever the caller leaves
// unread of a previous child is skipped.
func (s *state) child(level int) (se token, ok bool, err error) {
	for {
		t, err := s.next()
		if err != nil {
			return se, false, err
		}
		switch t.kind {
		case tokStart:
			if len(s.stack) == level+1 {
				return *t, true, nil
			}
		case tokEnd:
			if len(s.stack) < level {
				return se, false, nil
			}
		}
	}
}

// text reads the character data of the element open at stack depth level up
// to its end, ignoring child elements. The result is valid until the next
// call.
func (s *state) text(level int) ([]byte, error) {
	s.buf = s.buf[:0]
	for {
		t, err := s.next()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tokText:
			if len(s.stack) == level {
				if len(s.buf)+len(t.text) > s.maxToken {
					return nil, s.fail(activity.ErrLimit, s.offset(), s.element(), limitError("MaxTokenSize",
						"element text longer than %d bytes", s.maxToken))
				}
				s.buf = append(s.buf, t.text...)
			}
		case tokEnd:
			if len(s.stack) < level {
				return s.buf, nil
			}
		}
	}
}

// str reads an element's text as a trimmed string.
func (s *state) str(level int) (string, error) {
	b, err := s.text(level)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// num reads an element's text as a number. Text that is not a finite number
// yields NaN and is counted for a warning.
func (s *state) num(level int, name string) (float64, error) {
	b, err := s.text(level)
	if err != nil {
		return math.NaN(), err
	}
	return s.parseNum(b, name), nil
}

func (s *state) parseNum(b []byte, name string) float64 {
	b = xmlinput.TrimSpace(b)
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		if s.badNum == 0 {
			s.badNumElem = name
			s.badNumText = clip(string(b))
		}
		s.badNum++
		return math.NaN()
	}
	return v
}

// duration reads an element's text as a duration in seconds. A negative
// one, which no clock measures, yields NaN and is counted for a warning
// with the values that are not numbers.
func (s *state) duration(level int, name string) (float64, error) {
	v, err := s.num(level, name)
	if v < 0 {
		if s.badNum == 0 {
			s.badNumElem = name
			s.badNumText = strconv.FormatFloat(v, 'g', -1, 64)
		}
		s.badNum++
		v = math.NaN()
	}
	return v, err
}

// value reads the Value child of a HeartRateInBeatsPerMinute_t element.
func (s *state) value(level int) (float64, error) {
	v := math.NaN()
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return v, err
		}
		if se.name.Local == "Value" {
			if v, err = s.num(level+1, "Value"); err != nil {
				return v, err
			}
		}
	}
}

func clip(t string) string {
	if len(t) > 40 {
		return t[:40] + "..."
	}
	return t
}

// attr returns the value of a start element's attribute by local name.
func attr(se token, name string) []byte {
	for _, a := range se.attr {
		if a.name.Local == name {
			return a.value
		}
	}
	return nil
}

// parse reads the document up to its end. What it found is left in s for
// finish.
func (s *state) parse() error {
	// Prolog: up to the root element.
	for {
		t, err := s.token()
		if err != nil {
			var fe *activity.FormatError
			if errors.As(err, &fe) {
				return err
			}
			if err == io.EOF {
				return s.fail(activity.ErrTruncated, s.offset(), "", errors.New("no XML element: the input is empty or ends in the prolog"))
			}
			return s.src.readError(s, err)
		}
		switch t.kind {
		case tokText:
			text := string(t.text)
			if s.ntok == 1 {
				text, _ = xmlinput.CutBOM(text)
			}
			if strings.Trim(text, " \t\r\n") != "" {
				return s.fail(activity.ErrMalformed, s.offset(), "", errors.New("text before the root element: not an XML document"))
			}
			continue
		case tokStart:
			if t.name.Local != "TrainingCenterDatabase" {
				return s.fail(activity.ErrMalformed, s.offset(), t.name.Local, fmt.Errorf(
					"the root element is <%s>, not <TrainingCenterDatabase>: not a TCX file", t.name.Local))
			}
		default:
			continue
		}
		break
	}
	if err := s.root(1); err != nil {
		return err
	}
	return s.epilog()
}

// sniff rejects, from the first buffered bytes of g, input that cannot be
// XML, before the xml.Decoder reads a binary file as one long text token.
func (s *state) sniff(g *xmlinput.Reader) error {
	b := g.Peek(64)
	if len(b) < 3 && g.Err() == io.EOF && len(b) > 0 && strings.HasPrefix(xmlinput.BOM, string(b)) {
		return s.fail(activity.ErrTruncated, int64(len(b)), "", errors.New("the input ends inside the byte order mark"))
	}
	if len(b) >= 2 && (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE) {
		return s.fail(activity.ErrMalformed, 0, "", errors.New("the file is UTF-16 encoded; tcxio reads UTF-8 (convert the file)"))
	}
	i := 0
	if _, bom := xmlinput.CutBOM(b); bom {
		i = len(xmlinput.BOM)
	}
	for i < len(b) && xmlinput.IsSpace(b[i]) {
		i++
	}
	if i < len(b) && b[i] != '<' {
		return s.fail(activity.ErrMalformed, int64(i), "", fmt.Errorf("not XML: the input starts with %q", clip(string(b[i:min(len(b), i+8)]))))
	}
	return nil
}

// epilog reads what follows the root element. Comments, processing
// instructions and white space are fine; anything else (or an error) is
// ignored with a warning, since the activity is already complete. The
// only error it returns is the fast reader's xmlinput.ErrFallback.
func (s *state) epilog() error {
	for {
		t, err := s.token()
		if err == io.EOF {
			return nil
		}
		if err == xmlinput.ErrFallback {
			return err
		}
		if err != nil {
			s.trailing = true
			return nil
		}
		switch t.kind {
		case tokText:
			if len(strings.TrimSpace(string(t.text))) == 0 {
				continue
			}
		case tokComment, tokProcInst, tokDirective:
			continue
		}
		s.trailing = true
		return nil
	}
}

func (s *state) root(level int) error {
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return err
		}
		name := se.name.Local
		if !contains(s.rootKids, name) && len(s.rootKids) < 8 {
			s.rootKids = append(s.rootKids, name)
		}
		if name == "Activities" {
			if err := s.activities(level + 1); err != nil {
				return err
			}
		}
	}
}

// addDistinct appends v to list unless seen holds it (a map, so that a file
// with very many names costs linear time).
func addDistinct(list []string, seen *map[string]bool, v string) []string {
	if *seen == nil {
		*seen = make(map[string]bool)
	}
	if (*seen)[v] {
		return list
	}
	(*seen)[v] = true
	return append(list, v)
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func (s *state) activities(level int) error {
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return err
		}
		switch se.name.Local {
		case "Activity":
			err = s.activity(se, level+1)
		case "MultiSportSession":
			err = s.multiSport(level + 1)
		}
		if err != nil {
			return err
		}
	}
}

// multiSport reads a MultiSportSession: FirstSport/Activity, then
// NextSport elements each with an optional Transition lap and an Activity.
func (s *state) multiSport(level int) error {
	s.sawMulti = true
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return err
		}
		switch se.name.Local {
		case "FirstSport", "NextSport":
			for {
				sp, ok, err := s.child(level + 1)
				if err != nil {
					return err
				}
				if !ok {
					break
				}
				switch sp.name.Local {
				case "Activity":
					err = s.activity(sp, level+2)
				case "Transition":
					err = s.transition(sp, level+2)
				}
				if err != nil {
					return err
				}
			}
		case "Notes":
			if err := s.note(level + 1); err != nil {
				return err
			}
		}
	}
}

func (s *state) note(level int) error {
	t, err := s.str(level)
	if t != "" {
		s.notes = addDistinct(s.notes, &s.seenNotes, t)
	}
	return err
}

// transition reads a multisport Transition, a lap of its own, as a session
// with Sport "Transition".
func (s *state) transition(se token, level int) error {
	if len(s.sessions) >= s.maxSamples {
		return s.tooMany("activities")
	}
	sess := sessionBuild{sport: "Transition", first: s.n, lapFrom: len(s.laps)}
	if err := s.lap(se, level); err != nil {
		return err
	}
	sess.end, sess.lapTo = s.n, len(s.laps)
	s.sessions = append(s.sessions, sess)
	return nil
}

func (s *state) activity(se token, level int) error {
	if len(s.sessions) >= s.maxSamples {
		return s.tooMany("activities")
	}
	s.sawActivity = true
	sess := sessionBuild{sport: strings.TrimSpace(string(attr(se, "Sport"))), first: s.n, lapFrom: len(s.laps)}
	for {
		c, ok, err := s.child(level)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch c.name.Local {
		case "Id":
			b, err := s.text(level + 1)
			if err != nil {
				return err
			}
			sess.id, sess.haveID = xmlinput.ParseTime(b)
		case "Lap":
			err = s.lap(c, level+1)
		case "Notes":
			err = s.note(level + 1)
		case "Training":
			err = s.training(level + 1)
		case "Creator":
			err = s.creator(level + 1)
		}
		if err != nil {
			return err
		}
	}
	sess.end, sess.lapTo = s.n, len(s.laps)
	s.sessions = append(s.sessions, sess)
	return nil
}

// training reads Training/Plan/Name, the workout the activity followed.
func (s *state) training(level int) error {
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return err
		}
		if se.name.Local != "Plan" {
			continue
		}
		for {
			pe, ok, err := s.child(level + 1)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			if pe.name.Local == "Name" {
				t, err := s.str(level + 2)
				if err != nil {
					return err
				}
				if t != "" {
					s.workouts = addDistinct(s.workouts, &s.seenWorkouts, t)
				}
			}
		}
	}
}

// creator reads the device that recorded the activity: the first Name and
// UnitId seen.
func (s *state) creator(level int) error {
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return err
		}
		switch se.name.Local {
		case "Name":
			t, err := s.str(level + 1)
			if err != nil {
				return err
			}
			if s.product == "" {
				s.product = t
			}
		case "UnitId":
			t, err := s.str(level + 1)
			if err != nil {
				return err
			}
			if s.serial == "" && t != "0" {
				s.serial = t
			}
		}
	}
}

func (s *state) lap(se token, level int) error {
	if len(s.laps) >= s.maxSamples {
		return s.tooMany("laps")
	}
	lb := lapBuild{lap: activity.Lap{Totals: activity.NoTotals()}, first: s.n, runCadence: math.NaN()}
	if v := attr(se, "StartTime"); len(v) > 0 {
		lb.start, lb.haveStart = xmlinput.ParseTime(v)
	}
	prevLast := -1 // last sample of the lap's previous non-empty Track
	tot := &lb.lap.Totals
	for {
		c, ok, err := s.child(level)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		name := c.name.Local
		l := level + 1
		switch name {
		case "TotalTimeSeconds":
			tot.TimerTime, err = s.duration(l, name)
		case "DistanceMeters":
			tot.Distance, err = s.num(l, name)
		case "MaximumSpeed":
			tot.MaxSpeed, err = s.num(l, name)
		case "Calories":
			tot.Calories, err = s.num(l, name)
		case "AverageHeartRateBpm":
			tot.AvgHeartRate, err = s.value(l)
		case "MaximumHeartRateBpm":
			tot.MaxHeartRate, err = s.value(l)
		case "Cadence":
			tot.AvgCadence, err = s.num(l, name)
			lb.hasCadence = !math.IsNaN(tot.AvgCadence)
		case "Intensity":
			lb.lap.Intensity, err = s.str(l)
		case "TriggerMethod":
			lb.lap.Trigger, err = s.str(l)
		case "Notes":
			err = s.note(l)
		case "Track":
			first := s.n
			if err = s.track(l); err != nil {
				return err
			}
			if s.n > first {
				if prevLast >= 0 {
					s.addPause(s.times[prevLast], s.times[first])
				}
				prevLast = s.n - 1
			}
		case "Extensions":
			err = s.lapExtensions(l, &lb)
		}
		if err != nil {
			return err
		}
	}
	if !lb.hasCadence && !math.IsNaN(lb.runCadence) {
		tot.AvgCadence = lb.runCadence
	}
	lb.end = s.n
	s.laps = append(s.laps, lb)
	return nil
}

// tooMany is the limit error for laps and activities, which MaxSamples
// bounds as well as trackpoints: each costs more memory than a sample, and a
// hostile file could hold millions of empty ones.
func (s *state) tooMany(what string) error {
	return s.fail(activity.ErrLimit, s.offset(), s.element(), limitError("MaxSamples",
		"more than %d %s (MaxSamples bounds laps and activities too)", s.maxSamples, what))
}

// addPause records the stretch between two Track elements of one lap.
func (s *state) addPause(from, to float64) {
	if !(to > from) {
		return // no time passed, or time went backwards (warned about)
	}
	if k := len(s.pauses); k > 0 && from < s.pauses[k-1].Start {
		s.unordered = true
	}
	s.pauses = append(s.pauses, activity.Pause{Start: from, End: to, Kind: activity.PauseTrack})
}

// lapExtensions reads Extensions/LX (ActivityExtension v2, any prefix).
func (s *state) lapExtensions(level int, lb *lapBuild) error {
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return err
		}
		if se.name.Local != "LX" {
			continue
		}
		for {
			x, ok, err := s.child(level + 1)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			switch x.name.Local {
			case "AvgSpeed":
				lb.lap.Totals.AvgSpeed, err = s.num(level+2, "AvgSpeed")
			case "AvgRunCadence":
				lb.runCadence, err = s.num(level+2, "AvgRunCadence")
			}
			if err != nil {
				return err
			}
		}
	}
}

func (s *state) track(level int) error {
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return err
		}
		if se.name.Local == "Trackpoint" {
			if err := s.trackpoint(level + 1); err != nil {
				return err
			}
		}
	}
}

// trackpoint reads one Trackpoint and appends it as a sample.
func (s *state) trackpoint(level int) error {
	var v [numChannels]float64
	for i := range v {
		v[i] = math.NaN()
	}
	var ts xmlinput.Time
	hasTime, badTime := false, false
	cadence, runCadence := math.NaN(), math.NaN()
	offset := s.offset()
	for {
		c, ok, err := s.child(level)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		name := c.name.Local
		l := level + 1
		switch name {
		case "Time":
			b, err := s.text(l)
			if err != nil {
				return err
			}
			if st, ok := xmlinput.ParseTime(b); ok {
				ts, hasTime, badTime = st, true, false
			} else if !hasTime {
				badTime = true
				if s.badTime == 0 {
					s.badTimeText = clip(strings.TrimSpace(string(b)))
				}
			}
		case "Position":
			for {
				p, ok, err := s.child(l)
				if err != nil {
					return err
				}
				if !ok {
					break
				}
				switch p.name.Local {
				case "LatitudeDegrees":
					v[chLat], err = s.num(l+1, "LatitudeDegrees")
				case "LongitudeDegrees":
					v[chLon], err = s.num(l+1, "LongitudeDegrees")
				}
				if err != nil {
					return err
				}
			}
		case "AltitudeMeters":
			v[chAltitude], err = s.num(l, name)
		case "DistanceMeters":
			v[chDistance], err = s.num(l, name)
		case "HeartRateBpm":
			v[chHeartRate], err = s.value(l)
		case "Cadence":
			cadence, err = s.num(l, name)
		case "Extensions":
			err = s.tpx(l, &v[chSpeed], &runCadence)
		}
		if err != nil {
			return err
		}
	}
	if math.IsNaN(cadence) {
		cadence = runCadence
	}
	v[chCadence] = cadence
	if !hasTime {
		if badTime {
			s.badTime++
		} else {
			if s.noTime == 0 {
				s.noTimeOffset = offset
			}
			s.noTime++
		}
		return nil
	}
	return s.add(ts, &v, offset)
}

// tpx reads Extensions/TPX (ActivityExtension v2, any prefix): Speed and
// RunCadence.
func (s *state) tpx(level int, speed, runCadence *float64) error {
	for {
		se, ok, err := s.child(level)
		if err != nil || !ok {
			return err
		}
		if se.name.Local != "TPX" {
			continue
		}
		for {
			x, ok, err := s.child(level + 1)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			switch x.name.Local {
			case "Speed":
				*speed, err = s.num(level+2, "Speed")
			case "RunCadence":
				*runCadence, err = s.num(level+2, "RunCadence")
			}
			if err != nil {
				return err
			}
		}
	}
}

// limitError is the cause of an ErrLimit error: what went past the limit
// that Decoder field raises.
func limitError(field, format string, args ...any) *activity.LimitError {
	return &activity.LimitError{Limit: "tcxio.Decoder." + field, What: fmt.Sprintf(format, args...)}
}

// add appends a sample.
func (s *state) add(ts xmlinput.Time, v *[numChannels]float64, offset int64) error {
	if s.n >= s.maxSamples {
		return s.fail(activity.ErrLimit, offset, "Trackpoint", limitError("MaxSamples",
			"more than %d trackpoints", s.maxSamples))
	}
	if s.n == 0 {
		s.start = ts
	}
	if !ts.Zoned {
		s.noZone++
	}
	t := ts.Since(s.start)
	if s.n > 0 && t < s.last {
		if s.backwards == 0 {
			s.backFirst, s.backFrom, s.backTo = s.n, s.last, t
		}
		s.backwards++
	}
	s.last = t
	if s.times == nil {
		s.times = make([]float64, 0, max(s.sizeHint, 16))
	}
	s.times = append(s.times, t)
	for c := range v {
		x := v[c]
		switch {
		case s.cols[c] != nil:
			s.cols[c] = append(s.cols[c], x)
		case !math.IsNaN(x):
			col := make([]float64, s.n, max(2*s.n, 16, s.sizeHint))
			for i := range col {
				col[i] = math.NaN()
			}
			s.cols[c] = append(col, x)
		}
	}
	s.n++
	return nil
}

// finish checks what was found and assembles the activity.
func (s *state) finish() (*activity.Activity, error) {
	if !s.sawActivity {
		found := "nothing"
		if len(s.rootKids) > 0 {
			found = strings.Join(s.rootKids, ", ")
		}
		return nil, s.fail(activity.ErrNotActivity, -1, "TrainingCenterDatabase", fmt.Errorf(
			"no Activities/Activity element (the file holds %s): a course or workout file?", found))
	}
	if s.n == 0 {
		if s.noTime+s.badTime > 0 {
			return nil, s.fail(activity.ErrNoTimestamps, -1, "Trackpoint", fmt.Errorf(
				"none of the %d trackpoints has a valid Time", s.noTime+s.badTime))
		}
		return nil, s.fail(activity.ErrNoSamples, -1, "Activity", errors.New("the activities hold no trackpoints"))
	}

	a := &activity.Activity{
		Meta: activity.Metadata{
			Format:       activity.FormatTCX,
			Product:      s.product,
			SerialNumber: s.serial,
			Names: activity.Names{
				Workout: strings.Join(s.workouts, "; "),
				Notes:   strings.Join(s.notes, "; "),
			},
		},
		Start:   s.start.Time(),
		Athlete: activity.NoAthlete(),
	}
	a.Samples = activity.Samples{
		Time:      s.times,
		Distance:  s.cols[chDistance],
		Speed:     s.cols[chSpeed],
		Altitude:  s.cols[chAltitude],
		Lat:       s.cols[chLat],
		Lon:       s.cols[chLon],
		HeartRate: s.cols[chHeartRate],
		Cadence:   s.cols[chCadence],
	}
	if s.unordered {
		sort.SliceStable(s.pauses, func(i, j int) bool { return s.pauses[i].Start < s.pauses[j].Start })
	}
	a.Pauses = s.pauses

	a.Laps = make([]activity.Lap, len(s.laps))
	for i, lb := range s.laps {
		l := lb.lap
		switch {
		case lb.haveStart:
			l.Start = lb.start.Since(s.start)
		case lb.end > lb.first:
			l.Start = s.times[lb.first] // no StartTime: the lap's first sample
			s.lapNoStart++
		default:
			l.Start = math.NaN()
			s.lapNoStart++
		}
		a.Laps[i] = l
	}

	a.Sessions = make([]activity.Session, len(s.sessions))
	var sports []string
	var sportSeen map[string]bool
	for i, sb := range s.sessions {
		laps := a.Laps[sb.lapFrom:sb.lapTo]
		ss := activity.Session{Sport: sb.sport, First: sb.first, End: sb.end, Totals: sessionTotals(laps)}
		switch {
		case sb.haveID:
			ss.Start = sb.id.Since(s.start)
		case len(laps) > 0 && !math.IsNaN(laps[0].Start):
			ss.Start = laps[0].Start
		case sb.end > sb.first:
			ss.Start = s.times[sb.first]
		default:
			ss.Start = math.NaN()
		}
		a.Sessions[i] = ss
		if sb.sport != "Transition" {
			sports = addDistinct(sports, &sportSeen, sb.sport)
		}
	}
	switch {
	case len(sports) == 1:
		a.Meta.Sport = sports[0]
	case len(sports) > 1 && s.sawMulti:
		a.Meta.Sport = "MultiSport"
	}
	a.Warnings = s.warnings()
	return a, nil
}

// sessionTotals combines the laps' own figures: sums (timer time, distance,
// calories) only when every lap carries the figure, maxima over the laps
// that carry one, averages weighted by lap timer time only when every lap
// with timer time carries them. Elapsed time, moving time, ascent and
// descent are not in TCX laps and stay NaN.
func sessionTotals(laps []activity.Lap) activity.Totals {
	t := activity.NoTotals()
	if len(laps) == 0 {
		return t
	}
	sum := func(f func(*activity.Totals) float64) float64 {
		v := 0.0
		for i := range laps {
			x := f(&laps[i].Totals)
			if math.IsNaN(x) {
				return math.NaN()
			}
			v += x
		}
		return v
	}
	maximum := func(f func(*activity.Totals) float64) float64 {
		v := math.NaN()
		for i := range laps {
			if x := f(&laps[i].Totals); !math.IsNaN(x) && !(x <= v) {
				v = x
			}
		}
		return v
	}
	mean := func(f func(*activity.Totals) float64) float64 {
		var num, den float64
		for i := range laps {
			w := laps[i].Totals.TimerTime
			if math.IsNaN(w) {
				return math.NaN()
			}
			if w <= 0 {
				continue
			}
			x := f(&laps[i].Totals)
			if math.IsNaN(x) {
				return math.NaN()
			}
			num += w * x
			den += w
		}
		if den == 0 {
			return math.NaN()
		}
		return num / den
	}
	t.TimerTime = sum(func(t *activity.Totals) float64 { return t.TimerTime })
	t.Distance = sum(func(t *activity.Totals) float64 { return t.Distance })
	t.Calories = sum(func(t *activity.Totals) float64 { return t.Calories })
	t.MaxSpeed = maximum(func(t *activity.Totals) float64 { return t.MaxSpeed })
	t.MaxHeartRate = maximum(func(t *activity.Totals) float64 { return t.MaxHeartRate })
	t.AvgSpeed = mean(func(t *activity.Totals) float64 { return t.AvgSpeed })
	t.AvgHeartRate = mean(func(t *activity.Totals) float64 { return t.AvgHeartRate })
	t.AvgCadence = mean(func(t *activity.Totals) float64 { return t.AvgCadence })
	return t
}

// warnings turns the counts gathered while decoding into sentences.
func (s *state) warnings() []string {
	var w []string
	if s.noZone > 0 {
		w = append(w, fmt.Sprintf("%s carry no UTC offset; they were read as UTC", count(s.noZone, "trackpoint time")))
	}
	if s.noTime > 0 {
		w = append(w, fmt.Sprintf("dropped %s without a Time (the first at byte %d)", count(s.noTime, "trackpoint"), s.noTimeOffset))
	}
	if s.badTime > 0 {
		w = append(w, fmt.Sprintf("dropped %s whose Time is not a valid date-time (the first: %q)", count(s.badTime, "trackpoint"), s.badTimeText))
	}
	if s.backwards > 0 {
		w = append(w, fmt.Sprintf("%s back in time (the first is sample %d at %.3f s, after %.3f s); the file's order is kept",
			count(s.backwards, "sample goes", "samples go"), s.backFirst, s.backTo, s.backFrom))
	}
	if s.badNum > 0 {
		w = append(w, fmt.Sprintf("%s not a finite number (or a negative duration) and read as missing (the first: <%s>%q)",
			count(s.badNum, "value is", "values are"), s.badNumElem, s.badNumText))
	}
	if s.lapNoStart > 0 {
		w = append(w, fmt.Sprintf("%s no valid StartTime; its start is taken from its first sample, or NaN without one",
			count(s.lapNoStart, "lap has", "laps have")))
	}
	if s.space {
		w = append(w, "white space comes before the XML declaration (not well-formed XML); it was ignored")
	}
	if s.trailing {
		w = append(w, "content after the end of the TrainingCenterDatabase element was ignored")
	}
	return w
}

// count writes n with the singular or plural form of a noun (plural: the
// second form, or the first plus "s").
func count(n int, forms ...string) string {
	switch {
	case n == 1:
		return "1 " + forms[0]
	case len(forms) > 1:
		return strconv.Itoa(n) + " " + forms[1]
	}
	return strconv.Itoa(n) + " " + forms[0] + "s"
}
