package fitio_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/proto"

	"github.com/runcheck/runcheck/fitio"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// goldenCheetahResave returns a run with a developer field, and the same
// file as GoldenCheetah re-saves it: its developer_data_id definition gives
// application_version (field 4, uint32) the base type 0x06, which FIT does
// not have (uint32 is 0x86), and the file CRC is set right again.
func goldenCheetahResave(tb testing.TB) (original, resaved []byte) {
	tb.Helper()
	original = encode(tb, withDeveloperField(run(30)), encoder.WithProtocolVersion(proto.V2))
	// A definition of developer_data_id (207), little-endian, whose
	// application_version field is 4 bytes of base type uint32.
	def := bytes.Index(original, []byte{0x00, 0x00, 207, 0x00})
	if def < 0 {
		tb.Fatal("no developer_data_id definition in the file")
	}
	def-- // the record header
	n := int(original[def+5])
	resaved = bytes.Clone(original)
	for i := range n {
		f := def + 6 + 3*i
		if original[f] == 4 && original[f+1] == 4 && original[f+2] == 0x86 {
			resaved[f+2] = 0x06
			return original, fixCRCs(resaved)
		}
	}
	tb.Fatal("no application_version field in the developer_data_id definition")
	return nil, nil
}

// TestDecodeInvalidDeveloperDefinition: a developer_data_id definition with
// an invalid base type (GoldenCheetah's re-saved FIT files) is no damage:
// the file decodes strictly, without Lenient, to the samples, laps and
// sessions of the original, the field skipped with a warning (issue 13).
// The FIT library alone refuses the whole file.
func TestDecodeInvalidDeveloperDefinition(t *testing.T) {
	original, resaved := goldenCheetahResave(t)
	want, err := fitio.Decode(bytes.NewReader(original))
	if err != nil {
		t.Fatal(err)
	}
	got, err := fitio.Decode(bytes.NewReader(resaved))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0],
		"the definition of message developer_data_id (207) at byte ") ||
		!strings.Contains(got.Warnings[0], "the base type 0x06, which FIT does not have; the field is skipped") {
		t.Errorf("Warnings %q, want one saying the field is skipped", got.Warnings)
	}
	got.Warnings = want.Warnings
	if err := activitytest.Same(want, got); err != nil {
		t.Errorf("the re-saved file decodes otherwise than the original: %v", err)
	}
	if !bytes.Equal(resaved, fixCRCs(resaved)) {
		t.Error("Decode modified its input")
	}

	// A record definition with an invalid base type stays damage: see
	// TestDecodeErrors ("definition with an invalid base type").
}

// TestCorpusGoldenCheetahResave: the corpus's GoldenCheetah re-save of the
// vivoactive HR run decodes, with the figures of the original.
func TestCorpusGoldenCheetahResave(t *testing.T) {
	dir := activitytest.CorpusDir(t)
	resaved, err := fitio.Decode(bytes.NewReader(readFile(t, filepath.Join(dir, "broken", "gc__goldencheetah-saved-devdata.fit"))))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	original, err := fitio.Decode(bytes.NewReader(readFile(t, filepath.Join(dir, "fit", "gc__vivoactive-hr-run-devfields.fit"))))
	if err != nil {
		t.Fatal(err)
	}
	if len(resaved.Warnings) == 0 {
		t.Error("no warning for the skipped field")
	}
	// GoldenCheetah re-samples: it writes its own session (distance
	// 4921.06 m where the watch has 4922.73 m), the local time as UTC, a
	// record more at the start, and heart rates and distances of its own
	// a second off here and there. The figures a grade uses agree.
	s, o := resaved.Samples, original.Samples
	if s.Len() != o.Len()+1 {
		t.Errorf("%d samples, the original %d and GoldenCheetah's one more", s.Len(), o.Len())
	}
	span := func(t []float64) float64 { return t[len(t)-1] - t[0] }
	mean := func(x []float64) (m, top float64) {
		for _, v := range x {
			m, top = m+v, max(top, v)
		}
		return m / float64(len(x)), top
	}
	sm, smax := mean(s.HeartRate)
	om, omax := mean(o.HeartRate)
	if !approx(span(s.Time), span(o.Time), 1) || !approx(sm, om, 0.5) || smax != omax ||
		!approx(s.Distance[s.Len()-1], o.Distance[o.Len()-1], o.Distance[o.Len()-1]/1000) {
		t.Errorf("span %v s, heart rate mean %.1f max %v, distance %v m; the original's %v s, %.1f, %v, %v m",
			span(s.Time), sm, smax, s.Distance[s.Len()-1], span(o.Time), om, omax, o.Distance[o.Len()-1])
	}
}

// invalidFieldDescription returns a run with a developer field, and the
// same file with the field_description's fit_base_type_id set to 0x52, a
// base type FIT does not have, and the file CRC set right again.
func invalidFieldDescription(tb testing.TB) (good, bad []byte) {
	tb.Helper()
	good = encode(tb, withDeveloperField(run(30)), encoder.WithProtocolVersion(proto.V2))
	// The encoder writes the field_description's definition (little-endian,
	// message 206), then the message.
	def := bytes.Index(good, []byte{0x00, 0x00, 206, 0x00}) - 1
	if def < 0 {
		tb.Fatal("no field_description definition in the file")
	}
	n, at := int(good[def+5]), -1
	msg := def + 6 + 3*n + 1 // the message header comes after the definition
	for i, off := 0, 0; i < n; i++ {
		f := def + 6 + 3*i
		if good[f] == 2 {
			at = msg + off
		}
		off += int(good[f+1])
	}
	if at < 0 || good[at] != 0x84 {
		tb.Fatal("no fit_base_type_id 0x84 where the field_description message should be")
	}
	bad = bytes.Clone(good)
	bad[at] = 0x52
	return good, fixCRCs(bad)
}

// TestDecodeInvalidFieldDescription: a field_description message whose
// fit_base_type_id FIT does not have describes a developer field no decoder
// can read as a number: the field is skipped with a warning, and the file
// decodes to what it does without the developer field, where the FIT
// library alone refuses it.
func TestDecodeInvalidFieldDescription(t *testing.T) {
	good, bad := invalidFieldDescription(t)
	want, err := fitio.Decode(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	got, err := fitio.Decode(bytes.NewReader(bad))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(got.Warnings) != 1 || !strings.HasPrefix(got.Warnings[0], "the field_description message at byte ") ||
		!strings.HasSuffix(got.Warnings[0], "gives its developer field the base type 0x52, which FIT does not have; the field is skipped, as other FIT decoders do") {
		t.Errorf("Warnings %q, want one saying the field is skipped", got.Warnings)
	}
	got.Warnings = want.Warnings
	if err := activitytest.Same(want, got); err != nil {
		t.Errorf("decodes otherwise than with a valid field description: %v", err)
	}
}
