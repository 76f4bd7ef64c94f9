package gpxio_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/gpxio"
	"github.com/runcheck/runcheck/internal/activitytest"
)

// diffInput is one input of the differential test.
type diffInput struct {
	name string
	data []byte
	dec  gpxio.Decoder
}

// diffInputs returns the inputs the fast reader is checked on: the GPX
// fixtures of ../testdata/runs (it fails when there are none), the table
// test's inputs, generated runs and, when RUNCHECK_CORPUS is set, every GPX
// file of the corpus (corpus reports whether it was). It fails when an input
// cannot be read.
func diffInputs(tb testing.TB) (in []diffInput, corpus bool) {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "runs", "*.gpx"))
	if err != nil || len(paths) == 0 {
		tb.Fatal("no ../testdata/runs/*.gpx fixtures: the differential inputs have gone missing")
	}
	if dir := os.Getenv("RUNCHECK_CORPUS"); dir != "" {
		m, err := filepath.Glob(filepath.Join(dir, "*", "*.gpx"))
		if err != nil || len(m) == 0 {
			tb.Fatalf("no GPX files under RUNCHECK_CORPUS=%s", dir)
		}
		paths = append(paths, m...)
		corpus = true
	}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		in = append(in, diffInput{name: path, data: b})
	}
	for _, tc := range cases() {
		in = append(in, diffInput{name: "case/" + tc.name, data: []byte(tc.in), dec: tc.dec})
	}
	for _, tc := range fastCases() {
		in = append(in, diffInput{name: "fast/" + tc.name, data: []byte(tc.in)})
	}
	in = append(in, diffInput{name: "genRun/600", data: genRun(600)})
	return in, corpus
}

// fastCase is an input on the edges of what the fast reader decides alone.
type fastCase struct {
	name string
	in   string
	fast bool // the fast reader decides it alone
}

// fastCases are inputs on the edges of the fast reader's rules: what it must
// decide alone, and what it must leave to the reference reader.
func fastCases() []fastCase {
	two := pt("2024-01-01T00:00:00Z", "<ele>1</ele>") + pt("2024-01-01T00:00:01Z", "<ele>2</ele>")
	doc := gpx11(trk("t", two))
	body := strings.TrimSuffix(doc, "\n</gpx>\n")
	return []fastCase{
		{"plain", doc, true},
		{"byte order mark", "\xEF\xBB\xBF" + doc, true},
		{"byte order mark and white space", "\xEF\xBB\xBF \n" + doc, true},
		{"white space before the declaration", "\n " + doc, true},
		{"double hyphen in a comment", "<!-- a -- b -->" + doc, false},
		{"comment", "<!-- x -->" + doc, true},
		{"empty comment", "<!---->" + doc, true},
		{"stylesheet", `<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?>` + strings.TrimPrefix(doc, `<?xml version="1.0" encoding="UTF-8"?>`), true},
		{"declaration in upper case later", doc[:len(doc)-8] + `<?XML x?></gpx>`, true},
		{"no declaration", strings.TrimPrefix(doc, `<?xml version="1.0" encoding="UTF-8"?>`), true},
		{"utf-8 in lower case", strings.Replace(doc, "UTF-8", "utf-8", 1), true},
		{"single quotes", strings.Replace(doc, `lat="46.5"`, `lat='46.5'`, -1), true},
		{"no space between attributes", strings.Replace(doc, `lat="46.5" lon`, `lat="46.5"lon`, -1), true},
		{"space around =", strings.Replace(doc, `lat="46.5"`, "lat \t=\r\n '46.5'", -1), true},
		{"entities in names", strings.Replace(doc, "<name>t</name>", "<name>a &amp; b &lt;&gt;&apos;&quot; &#65;&#x42;&#xd800;</name>", 1), true},
		{"CDATA name", strings.Replace(doc, "<name>t</name>", "<name><![CDATA[<b>&amp;</b>]]> x<!-- c -->y</name>", 1), true},
		{"carriage returns", strings.ReplaceAll(doc, "\n", "\r\n"), true},
		{"carriage return in a value", strings.Replace(doc, "<ele>1</ele>", "<ele>\r1\r\n</ele>", 1), true},
		{"UTF-8 text", strings.Replace(doc, "<name>t</name>", "<name>Läufchen → 🏃</name>", 1), true},
		{"entity in creator", strings.Replace(doc, `creator="runcheck test"`, `creator=" a&amp;b&#10; "`, 1), true},
		{"unicode space around lat", strings.Replace(doc, `lat="46.5"`, "lat=\"\u00a046.5\u2003\"", 1), true},
		{"bad numbers", strings.Replace(strings.Replace(doc, `lat="46.5"`, `lat="north"`, 1), "<ele>2</ele>", "<ele>high</ele>", 1), true},
		{"self-closing elements", strings.Replace(doc, "<ele>1</ele>", "<ele/><extensions/>", 1), true},
		{"self-closing point", body + "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>", true},
		{"end tag with space", strings.Replace(doc, "</trkseg>", "</trkseg \n>", 1), true},
		{"prefixed root", strings.Replace(strings.Replace(doc, "<gpx ", "<g:gpx xmlns:g=\"x\" ", 1), "</gpx>", "</g:gpx>", 1), true},
		{"unbound prefix", strings.Replace(strings.Replace(doc, "<ele>1</ele>", "<q:ele>1</q:ele>", 1), "<trkseg>", "<trkseg u:a=\"1\">", 1), true},
		{"prefix out of scope", strings.Replace(doc, "<trk>", "<trk><x xmlns:q=\"u\"><q:a/></x><q:b/>", 1), true},
		{"names with dots and dashes", strings.Replace(doc, "<trkseg>", "<trkseg><a.b-c_d x.y-z=\"1\"></a.b-c_d>", 1), true},
		{"odd colons", strings.Replace(doc, "<trkseg>", "<trkseg><a: :b=\"1\"></a:><:c/>", 1), true},
		{"white space after the root", doc + " \r\n\t", true},
		{"comment and instruction after the root", doc + "<!-- end --><?pi x?>\n", true},
		{"entity space after the root", doc + "&#32;&#x9;", true},
		{"white space CDATA after the root", doc + "<![CDATA[ ]]>", true},
		{"text after the root", doc + "garbage", true},
		{"NUL padding after the root", doc + "\x00\x00\x00", true},
		{"element after the root", doc + "<gpx/>", true},
		{"end tag after the root", doc + "</gpx>", true},
		{"directive after the root", doc + "<!DOCTYPE x>", true},
		{"CDATA text after the root", doc + "<![CDATA[x]]>", true},
		{"bad comment after the root", doc + "<!-- a -- b -->", true},
		{"open comment after the root", doc + "<!-- a", true},
		{"lone < after the root", doc + "<", true},
		{"bad entity after the root", doc + "&nbsp;", true},
		{"]]> after the root", doc + "]]>", true},
		{"declaration after the root", doc + `<?xml version="1.0"?>`, true},
		{"non-ASCII element after the root", doc + "<é/>", true},
		{"white space CDATA before the root", "<![CDATA[ \n]]>" + doc, true},
		{"no samples", gpx11("<metadata><name>m</name></metadata>"), true},
		{"route only", gpx11("<rte><rtept lat=\"1\" lon=\"2\"/></rte>"), true},
		{"no times", gpx11(trk("", pt("", ""))), true},
		{"bad times only", gpx11(trk("", pt("yesterday", ""))), true},
		// Left to the reference reader.
		{"Latin-1", strings.Replace(doc, "UTF-8", "ISO-8859-1", 1), false},
		{"version 1.1", strings.Replace(doc, `version="1.0"`, `version="1.1"`, 1), false},
		{"DOCTYPE", strings.Replace(doc, "<gpx ", "<!DOCTYPE gpx [<!ENTITY a \"b\">]><gpx ", 1), false},
		{"unknown entity", strings.Replace(doc, "<name>t</name>", "<name>&nbsp;</name>", 1), false},
		{"non-ASCII element name", strings.Replace(doc, "<trkseg>", "<trkseg><é/>", 1), false},
		{"text before the root", "x" + doc, false},
		{"truncated", doc[:len(doc)/2], false},
		{"not gpx", strings.Replace(strings.Replace(doc, "<gpx ", "<kml ", 1), "</gpx>", "</kml>", 1), false},
		{"mismatched end tag", strings.Replace(doc, "</trkseg>", "</trkSeg>", 1), false},
		{"]]> in text", strings.Replace(doc, "<name>t</name>", "<name>]]></name>", 1), false},
		{"< in attribute", strings.Replace(doc, `lat="46.5"`, `lat="<"`, 1), false},
		{"control character", strings.Replace(doc, "<name>t</name>", "<name>\x01</name>", 1), false},
	}
}

// TestFastCases checks that the fast reader decides alone exactly the edge
// cases it should (checkSame checks that it agrees with the reference).
func TestFastCases(t *testing.T) {
	for _, tc := range fastCases() {
		if got := checkSame(t, tc.name, gpxio.Decoder{}, []byte(tc.in), true); got != tc.fast {
			t.Errorf("%s: fast reader decided alone: %v, want %v", tc.name, got, tc.fast)
		}
	}
}

// checkSame decodes data with the fast reader and the reference reader (and
// with Decode too when public is set), and fails unless all give the
// identical activity, or fail with the identical error. It reports whether
// the fast reader decided alone (without falling back).
func checkSame(t testing.TB, name string, d gpxio.Decoder, data []byte, public bool) (fast bool) {
	t.Helper()
	orig := bytes.Clone(data)
	ref, refErr := gpxio.DecodeReference(&d, bytes.NewReader(data))
	got, fellBack, err := gpxio.DecodeFast(&d, data)
	if !bytes.Equal(data, orig) {
		t.Fatalf("%s: the input was modified", name)
	}
	if public {
		pub, pubErr := d.Decode(bytes.NewReader(data))
		if e := activitytest.SameOutcome(ref, refErr, pub, pubErr); e != nil {
			t.Errorf("%s: Decode differs from the reference reader: %v", name, e)
		}
	}
	if fellBack {
		return false
	}
	if e := activitytest.SameOutcome(ref, refErr, got, err); e != nil {
		t.Errorf("%s: the fast reader differs from the reference reader: %v", name, e)
	}
	return true
}

// TestFastReaderSame checks that the fast reader decodes every differential
// input exactly as the reference reader does, and that it decides most of
// them alone. Without RUNCHECK_CORPUS it skips the corpus tier, saying so.
func TestFastReaderSame(t *testing.T) {
	in, corpus := diffInputs(t)
	activitytest.LogCorpus(t, corpus)
	fast := 0
	for _, x := range in {
		if checkSame(t, x.name, x.dec, x.data, true) {
			fast++
		}
	}
	// The inputs the fast reader leaves to the reference are the table
	// test's malformed, truncated, over-the-limit and Latin-1 ones.
	if fast < len(in)*2/3 {
		t.Errorf("the fast reader decided only %d of %d inputs alone", fast, len(in))
	}
	t.Logf("fast reader decided %d of %d inputs alone", fast, len(in))
}

// TestFastReaderCorpus is the corpus tier on its own, so that its skip is
// visible in the test output when RUNCHECK_CORPUS is unset.
func TestFastReaderCorpus(t *testing.T) {
	dir := activitytest.CorpusDir(t)
	m, err := filepath.Glob(filepath.Join(dir, "*", "*.gpx"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no GPX files under %s", dir)
	}
	for _, path := range m {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !checkSame(t, path, gpxio.Decoder{}, b, true) {
			t.Logf("%s: left to the reference reader", path)
		}
	}
}

// mutationBytes are the bytes the mutation sweep writes: markup, entity
// and quote characters, white space, a control character, a byte that is
// never valid UTF-8, a UTF-8 lead byte and a digit and letter.
var mutationBytes = []byte{'<', '>', '/', '&', '"', '\'', ';', ']', '?', '!', '-', ':', ' ', '\r', 0, 0xFF, 0xC3, '7', 'x'}

// TestFastReaderMutants runs the differential check over a deterministic
// sweep of truncations and byte replacements of every differential input:
// 100 of each per input (30 for inputs over 256 KiB, 10 with -short or the
// race detector), at
// positions spread over the file and dense over its first and last
// kilobyte, where the XML declaration, the root element and the end of the
// document are.
func TestFastReaderMutants(t *testing.T) {
	in, _ := diffInputs(t)
	per := func(n int) int {
		switch {
		case testing.Short() || activitytest.RaceEnabled():
			return 10
		case n > 256<<10:
			return 30
		}
		return 100
	}
	activitytest.MutantSweep(t, in, func(x diffInput) (string, []byte) { return x.name, x.data }, per, mutationBytes,
		func(x diffInput, name string, mutant []byte) bool { return checkSame(t, name, x.dec, mutant, false) })
}

// TestDecodeReaders checks that Decode gives the reference reader's result
// whatever the reader does (see activitytest.ReaderCases).
func TestDecodeReaders(t *testing.T) {
	doc := []byte(gpx11(trk("t", pt("2024-01-01T00:00:00Z", "")+pt("2024-01-01T00:00:01Z", ""))))
	for _, tc := range activitytest.ReaderCases(doc) {
		a, err := gpxio.Decode(tc.Reader())
		ref, refErr := gpxio.DecodeReference(&gpxio.Decoder{}, tc.Reader())
		if e := activitytest.SameOutcome(ref, refErr, a, err); e != nil {
			t.Errorf("%s: %v", tc.Name, e)
		}
		if !errors.Is(err, tc.Err) || (err == nil) != (tc.Err == nil) {
			t.Errorf("%s: got error %v, want %v", tc.Name, err, tc.Err)
		}
	}
}
