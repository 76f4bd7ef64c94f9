package xmlscan_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/internal/xmlscan"
)

// compare scans data with a Scanner and with encoding/xml's RawToken side
// by side and returns where they disagree, "" when they agree: every token
// the Scanner returns must be RawToken's, with the same InputOffset after
// it; where the Scanner says Malformed, RawToken must fail; EOF must be
// RawToken's io.EOF. It stops at Unsupported. kinds lists the kinds seen.
func compare(data []byte, maxToken int) (kinds []xmlscan.Kind, problem string) {
	var s xmlscan.Scanner
	s.MaxTokenSize = maxToken
	s.Reset(data)
	d := xml.NewDecoder(bytes.NewReader(data))
	for n := 0; ; n++ {
		k := s.Next()
		kinds = append(kinds, k)
		if k == xmlscan.Unsupported {
			return kinds, ""
		}
		tok, err := d.RawToken()
		where := fmt.Sprintf("token %d (%v at %d)", n, k, s.Offset())
		switch k {
		case xmlscan.Malformed:
			if err == nil {
				return kinds, fmt.Sprintf("%s: encoding/xml reads %#v", where, tok)
			}
			if s.Next() != xmlscan.Malformed {
				return kinds, where + ": Malformed is not final"
			}
			return kinds, ""
		case xmlscan.EOF:
			if err != io.EOF {
				return kinds, fmt.Sprintf("%s: encoding/xml gives %#v, %v", where, tok, err)
			}
			return kinds, ""
		}
		if err != nil {
			return kinds, fmt.Sprintf("%s: encoding/xml fails: %v", where, err)
		}
		if int64(s.InputOffset()) != d.InputOffset() {
			return kinds, fmt.Sprintf("%s: input offset %d, encoding/xml %d", where, s.InputOffset(), d.InputOffset())
		}
		if got, want := scanned(&s, k), describe(tok); got != want {
			return kinds, fmt.Sprintf("%s: %s, encoding/xml %s", where, got, want)
		}
	}
}

// describe writes a token of encoding/xml, an empty text as a nil one.
func describe(tok xml.Token) string {
	switch t := tok.(type) {
	case xml.CharData:
		return fmt.Sprintf("CharData %q", []byte(t))
	case xml.Comment:
		return fmt.Sprintf("Comment %q", []byte(t))
	case xml.ProcInst:
		return fmt.Sprintf("ProcInst %q %q", t.Target, t.Inst)
	}
	return fmt.Sprintf("%#v", tok)
}

// scanned describes the Scanner's current token as describe describes
// encoding/xml's.
func scanned(s *xmlscan.Scanner, k xmlscan.Kind) string {
	name := func(raw []byte) xml.Name {
		space, local := xmlscan.SplitName(raw)
		return xml.Name{Space: string(space), Local: string(local)}
	}
	var tok xml.Token
	switch k {
	case xmlscan.StartElement:
		se := xml.StartElement{Name: name(s.Name()), Attr: []xml.Attr{}}
		for i := range s.NumAttr() {
			n, value := s.Attr(i)
			se.Attr = append(se.Attr, xml.Attr{Name: name(n), Value: string(value)})
		}
		tok = se
	case xmlscan.EndElement:
		tok = xml.EndElement{Name: name(s.Name())}
	case xmlscan.CharData:
		tok = xml.CharData(bytes.Clone(s.Text()))
	case xmlscan.Comment:
		tok = xml.Comment(bytes.Clone(s.Text()))
	case xmlscan.ProcInst:
		tok = xml.ProcInst{Target: string(s.Name()), Inst: bytes.Clone(s.Text())}
	}
	return describe(tok)
}

// doc is a document with every token kind the Scanner reads.
const doc = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
	"<!-- a comment -->\n<?pi some data?>\n" +
	"<r:root xmlns:r=\"urn:x\" a='1' b = \"x&amp;y&#65;&#x42;\r\n\tz\">\n" +
	"  <e>text &lt;&gt;&apos;&quot; caf\u00e9 \U0001F3C3\r\n</e><e/><e a=\"\"/>\n" +
	"  <![CDATA[<raw> & ]] ]]><n.a-m_e:x></n.a-m_e:x ><:odd a:=\"1\"></:odd>\n" +
	"</r:root>\n<!-- after -->\n"

// cases are inputs and the verdict the Scanner reaches on them.
var cases = []struct {
	name string
	in   string
	last xmlscan.Kind
}{
	{"document", doc, xmlscan.EOF},
	{"empty", "", xmlscan.EOF},
	{"text only", "abc", xmlscan.EOF},
	{"carriage returns", "<a>\r\r\n\n\r</a>", xmlscan.EOF},
	{"entity then line feed", "<a>\r&#13;\n&amp;\n</a>", xmlscan.EOF},
	{"surrogate reference", "<a>&#xD800;</a>", xmlscan.EOF},
	{"long reference", "<a>&#0000000000000000000065;</a>", xmlscan.EOF},
	{"brackets", "<a>] ]] ]>]</a>", xmlscan.EOF},
	{"empty comment", "<!---->", xmlscan.EOF},
	{"declaration in lower case encoding", `<?xml version="1.0" encoding="utf-8"?><a/>`, xmlscan.EOF},
	{"upper-case target", `<?XML encoding="latin1"?><a/>`, xmlscan.EOF},
	{"instruction without content", "<?xml?><a/>", xmlscan.EOF},
	{"unbound and odd prefixes", "<q:a u:b=\"1\"></q:a><a:/>", xmlscan.EOF},
	{"space in end tag", "<a></a \t\r\n>", xmlscan.EOF},
	{"no space between attributes", `<a b="1"c='2'/>`, xmlscan.EOF},
	{"invalid UTF-8 in a comment", "<!-- \xff -->", xmlscan.EOF},

	{"lone <", "<", xmlscan.Malformed},
	{"truncated tag", "<abc", xmlscan.Malformed},
	{"truncated attribute", "<a b=\"1", xmlscan.Malformed},
	{"unquoted attribute", "<a b=1>", xmlscan.Malformed},
	{"attribute without value", "<a b>", xmlscan.Malformed},
	{"< in attribute", "<a b=\"<\">", xmlscan.Malformed},
	{"two colons", "<a:b:c/>", xmlscan.Malformed},
	{"name starting with a digit", "<1a/>", xmlscan.Malformed},
	{"bad end tag", "<a></a b>", xmlscan.Malformed},
	{"]]> in text", "<a>]]></a>", xmlscan.Malformed},
	{"unknown entity", "<a>&nbsp;</a>", xmlscan.Malformed},
	{"entity without semicolon", "<a>&amp </a>", xmlscan.Malformed},
	{"empty reference", "<a>&#;</a>", xmlscan.Malformed},
	{"NUL reference", "<a>&#0;</a>", xmlscan.Malformed},
	{"reference too large", "<a>&#x110000;</a>", xmlscan.Malformed},
	{"upper-case X reference", "<a>&#X41;</a>", xmlscan.Malformed},
	{"control character", "<a>\x01</a>", xmlscan.Malformed},
	{"invalid UTF-8", "<a>\xff</a>", xmlscan.Malformed},
	{"invalid UTF-8 in attribute", "<a b=\"\xc3\">", xmlscan.Malformed},
	{"double hyphen", "<!-- a -- b -->", xmlscan.Malformed},
	{"open comment", "<!-- a", xmlscan.Malformed},
	{"<!-x", "<!-x", xmlscan.Malformed},
	{"open CDATA", "<![CDATA[abc", xmlscan.Malformed},
	{"bad CDATA", "<![CDAT[abc]]>", xmlscan.Malformed},
	{"version 1.1", `<?xml version="1.1"?>`, xmlscan.Malformed},
	{"open instruction", "<?pi abc", xmlscan.Malformed},
	{"instruction without target", "<? abc?>", xmlscan.Malformed},
	{"slash without >", "<a/ >", xmlscan.Malformed},

	{"DOCTYPE", "<!DOCTYPE a><a/>", xmlscan.Unsupported},
	{"Latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`, xmlscan.Unsupported},
	{"non-ASCII element name", "<caf\u00e9/>", xmlscan.Unsupported},
	{"non-ASCII attribute name", "<a \u00e9=\"1\"/>", xmlscan.Unsupported},
	{"non-ASCII first byte", "<\u00e9/>", xmlscan.Unsupported},
}

// TestScanner checks the verdict on each case and that the Scanner agrees
// with encoding/xml token by token.
func TestScanner(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kinds, problem := compare([]byte(tc.in), 0)
			if problem != "" {
				t.Fatal(problem)
			}
			if last := kinds[len(kinds)-1]; last != tc.last {
				t.Errorf("ends with %v, want %v (tokens %v)", last, tc.last, kinds)
			}
		})
	}
}

// TestDocumentKinds checks that the document holds every kind of token,
// so that TestScanner and the mutation sweep cannot pass on a document the
// Scanner does not read.
func TestDocumentKinds(t *testing.T) {
	kinds, _ := compare([]byte(doc), 0)
	seen := map[xmlscan.Kind]int{}
	for _, k := range kinds {
		seen[k]++
	}
	for k := xmlscan.StartElement; k <= xmlscan.ProcInst; k++ {
		if seen[k] == 0 {
			t.Errorf("no %v in the document (%v)", k, kinds)
		}
	}
}

// TestMaxTokenSize checks the boundary of MaxTokenSize for a tag and for
// character data (counted up to the '<' after it).
func TestMaxTokenSize(t *testing.T) {
	in := "<abc>0123456789</abc>"
	for _, tc := range []struct {
		max  int
		want []xmlscan.Kind
	}{
		{0, []xmlscan.Kind{xmlscan.StartElement, xmlscan.CharData, xmlscan.EndElement, xmlscan.EOF}},
		{10, []xmlscan.Kind{xmlscan.StartElement, xmlscan.CharData, xmlscan.EndElement, xmlscan.EOF}},
		{9, []xmlscan.Kind{xmlscan.StartElement, xmlscan.Unsupported}},
		{5, []xmlscan.Kind{xmlscan.StartElement, xmlscan.Unsupported}},
		{4, []xmlscan.Kind{xmlscan.Unsupported}},
	} {
		kinds, problem := compare([]byte(in), tc.max)
		if problem != "" {
			t.Fatal(problem)
		}
		if fmt.Sprint(kinds) != fmt.Sprint(tc.want) {
			t.Errorf("MaxTokenSize %d: %v, want %v", tc.max, kinds, tc.want)
		}
	}
}

// TestMutants compares the Scanner with encoding/xml on every truncation
// of the document and on every byte of it replaced by each byte of a set
// of markup, white space, control and non-ASCII bytes.
func TestMutants(t *testing.T) {
	data := []byte(doc)
	for n := range len(data) {
		if _, problem := compare(data[:n], 0); problem != "" {
			t.Fatalf("truncated to %d bytes: %s", n, problem)
		}
	}
	m := bytes.Clone(data)
	for i := range data {
		for _, c := range []byte("<>/&;#x\"'=!?-[]: \r\n\x00\xff\xc3\xa9Aa1") {
			m[i] = c
			if _, problem := compare(m, 0); problem != "" {
				t.Fatalf("byte %d set to %q: %s", i, c, problem)
			}
		}
		m[i] = data[i]
	}
}

// TestReset checks that a Scanner reads a second document from its start
// and keeps MaxTokenSize.
func TestReset(t *testing.T) {
	s := xmlscan.Scanner{MaxTokenSize: 100}
	s.Reset([]byte("<a>x</a>"))
	for s.Next() != xmlscan.EOF {
	}
	s.Reset([]byte("<b/>"))
	if k := s.Next(); k != xmlscan.StartElement || string(s.Name()) != "b" || s.MaxTokenSize != 100 {
		t.Errorf("after Reset: %v %q, MaxTokenSize %d", k, s.Name(), s.MaxTokenSize)
	}
}

// FuzzScanner compares the Scanner with encoding/xml on arbitrary input.
func FuzzScanner(f *testing.F) {
	for _, tc := range cases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, problem := compare(data, 0); problem != "" {
			t.Fatal(problem)
		}
		if _, problem := compare(data, len(data)/2); problem != "" {
			t.Fatal("with MaxTokenSize: " + problem)
		}
	})
}

// ExampleScanner lists the elements of a document.
func ExampleScanner() {
	var s xmlscan.Scanner
	s.Reset([]byte(`<?xml version="1.0"?><run sport="easy"><hr>140</hr><hr/></run>`))
	var out []string
	for {
		switch s.Next() {
		case xmlscan.StartElement:
			_, local := xmlscan.SplitName(s.Name())
			out = append(out, "<"+string(local)+">")
		case xmlscan.CharData:
			out = append(out, string(s.Text()))
		case xmlscan.EOF:
			fmt.Println(strings.Join(out, " "))
			return
		case xmlscan.Malformed, xmlscan.Unsupported:
			fmt.Println("not for the scanner")
			return
		}
	}
	// Output: <run> <hr> 140 <hr>
}
