package benchcmp

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"testing"

	mfit "github.com/muktihari/fit/decoder"
	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/fitio"
	"github.com/runcheck/runcheck/gpxio"
	"github.com/runcheck/runcheck/tcxio"
	"github.com/tkrajina/gpxgo/gpx"
	tfit "github.com/tormoder/fit"
)

// The readers' names, as they appear in benchmark names (reader=NAME).
const (
	// MuktihariDecode is muktihari/fit v0.28.3: decoder.New(r).Decode(),
	// the decode alone.
	MuktihariDecode = "muktihari-decode"
	// Tormoder is tormoder/fit v0.15.0: fit.Decode, then File.Activity(),
	// as a user of that library reads an activity.
	Tormoder = "tormoder"
	// Gpxgo is gpxgo v1.4.0's gpx.ParseBytes alone, without the walk over
	// its tree an importer would still do.
	Gpxgo = "gpxgo"
	// XMLTokens is a bare encoding/xml token loop over the document (the
	// TCX baseline; TCX has no maintained Go library).
	XMLTokens = "xml-tokens"
	// RuncheckImport is runcheck's importer for the format alone: bytes to
	// an activity.Activity (fitio, gpxio, tcxio DecodeBytes).
	RuncheckImport = "runcheck-import"
	// RuncheckVerdict is the whole file -> verdict path: the bytes through
	// analyze.Decoder.DecodeBytes (sniffing, gzip check, import) and
	// analyze.Grader.GradeActivity with every run labelled recovery.
	RuncheckVerdict = "runcheck-verdict"
)

// Reader is one way of reading a file of one format.
type Reader struct {
	Name   string
	Format activity.Format
	// Baseline marks another library's reader, the side a ratio divides by
	// runcheck's verdict time. A baseline's error skips its benchmark with
	// the error as the reason; runcheck's readers fail theirs.
	Baseline bool
	// Read reads data once and returns what went wrong.
	Read func(data []byte) error
}

// Readers returns the readers of format f for inputs of tier t, baselines
// first. The verdict reader checks that the file grades to t.Want.
func Readers(f activity.Format, t Tier) []Reader {
	g := NewGrader()
	verdict := Reader{Name: RuncheckVerdict, Format: f, Read: func(data []byte) error {
		return checkVerdict(g, data, f, t.Want)
	}}
	switch f {
	case activity.FormatFIT:
		return []Reader{
			{Name: MuktihariDecode, Format: f, Baseline: true, Read: ReadMuktihari},
			{Name: Tormoder, Format: f, Baseline: true, Read: ReadTormoder},
			{Name: RuncheckImport, Format: f, Read: func(data []byte) error {
				_, err := new(fitio.Decoder).DecodeBytes(data)
				return err
			}},
			verdict,
		}
	case activity.FormatGPX:
		return []Reader{
			{Name: Gpxgo, Format: f, Baseline: true, Read: ReadGpxgo},
			{Name: RuncheckImport, Format: f, Read: func(data []byte) error {
				_, err := new(gpxio.Decoder).DecodeBytes(data)
				return err
			}},
			verdict,
		}
	case activity.FormatTCX:
		return []Reader{
			{Name: XMLTokens, Format: f, Baseline: true, Read: ReadXMLTokens},
			{Name: RuncheckImport, Format: f, Read: func(data []byte) error {
				_, err := new(tcxio.Decoder).DecodeBytes(data)
				return err
			}},
			verdict,
		}
	}
	panic("benchcmp: no readers for format " + string(f))
}

// ReadMuktihari decodes a FIT file with muktihari/fit's Decode.
func ReadMuktihari(data []byte) error {
	_, err := mfit.New(bytes.NewReader(data)).Decode()
	return err
}

// ReadTormoder decodes a FIT file with tormoder/fit and takes its activity
// view.
func ReadTormoder(data []byte) error {
	f, err := tfit.Decode(bytes.NewReader(data))
	if err != nil {
		return err
	}
	_, err = f.Activity()
	return err
}

// ReadGpxgo parses a GPX file with gpxgo's ParseBytes.
func ReadGpxgo(data []byte) error {
	_, err := gpx.ParseBytes(data)
	return err
}

// ReadXMLTokens reads every token of an XML document with encoding/xml's
// Decoder.Token, keeping none.
func ReadXMLTokens(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// NewGrader returns the grader of the verdict path: the general profile,
// every run labelled recovery (the -all flag), and a maximum heart rate of
// 190 bpm, which the FIT files carry and the GPX and TCX files do not.
func NewGrader() *analyze.Grader {
	return &analyze.Grader{
		Inputs: analyze.Inputs{Athlete: analyze.AthleteInput{
			MaxHR: analyze.Given{Value: 190, Source: "benchcmp"},
		}},
		Labels: analyze.LabelSettings{All: true},
	}
}

// Grade runs the file -> verdict path on data: g.Decoder.Decode, then
// g.GradeActivity. The name only labels the report.
func Grade(g *analyze.Grader, name string, data []byte) (analyze.Graded, error) {
	a, err := g.Decoder.DecodeBytes(data)
	if err != nil {
		return analyze.Graded{}, err
	}
	return g.GradeActivity(name, a), nil
}

// checkVerdict runs the verdict path and checks the verdict, a comparison
// that costs nothing beside the grading.
func checkVerdict(g *analyze.Grader, data []byte, f activity.Format, want analyze.Verdict) error {
	gr, err := Grade(g, "steady."+string(f), data)
	if err != nil {
		return err
	}
	if gr.Report.Grade == nil {
		return fmt.Errorf("not graded: %s", gr.Report.Reason())
	}
	if gr.Report.Grade.Verdict != want {
		return fmt.Errorf("graded %s, want %s", gr.Report.Grade.Summary, want)
	}
	return nil
}

// Bench returns the benchmark of r on data: SetBytes, ReportAllocs, and r.Read
// in a b.Loop. A baseline that rejects data is skipped with its error, which
// is printed even without -v (go test shows a benchmark's skip reason only
// with -v); benchstat ignores the line.
func Bench(r Reader, data []byte) func(b *testing.B) {
	return func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if err := r.Read(data); err != nil {
				if r.Baseline {
					msg := fmt.Sprintf("%s rejects the %d-byte %s file: %v", r.Name, len(data), r.Format, err)
					if !testing.Verbose() {
						fmt.Printf("--- SKIP: %s\n    %s\n", b.Name(), msg)
					}
					b.Skip(msg)
				}
				b.Fatalf("%s: %v", r.Name, err)
			}
		}
	}
}
