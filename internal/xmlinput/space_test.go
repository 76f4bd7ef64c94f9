package xmlinput_test

import (
	"testing"

	"github.com/runcheck/runcheck/internal/xmlinput"
)

func TestSpaceAndBOM(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		cut      string // after CutBOM
		bom      bool
		trimmed  string // after TrimSpace
		allSpace bool
	}{
		{"empty", "", "", false, "", true},
		{"BOM only", "\uFEFF", "", true, "\uFEFF", false},
		{"BOM and space", "\uFEFF \r\n\t", " \r\n\t", true, "\uFEFF", false},
		{"BOM and a declaration", "\uFEFF<?xml?>", "<?xml?>", true, "\uFEFF<?xml?>", false},
		{"a cut BOM", "\xEF\xBB", "\xEF\xBB", false, "\xEF\xBB", false},
		{"BOM not at the start", " \uFEFF", " \uFEFF", false, "\uFEFF", false},
		{"XML white space", " \t\r\n", " \t\r\n", false, "", true},
		{"other white space is not XML's", "\u00a0\v\f", "\u00a0\v\f", false, "\u00a0\v\f", false},
		{"text in space", "\t 12.5 \n", "\t 12.5 \n", false, "12.5", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cut, bom := xmlinput.CutBOM(tc.in)
			if cut != tc.cut || bom != tc.bom {
				t.Errorf("CutBOM = %q, %v; want %q, %v", cut, bom, tc.cut, tc.bom)
			}
			if b, bbom := xmlinput.CutBOM([]byte(tc.in)); string(b) != cut || bbom != bom {
				t.Errorf("CutBOM([]byte) = %q, %v; want %q, %v", b, bbom, cut, bom)
			}
			if got := xmlinput.TrimSpace(tc.in); got != tc.trimmed {
				t.Errorf("TrimSpace = %q, want %q", got, tc.trimmed)
			}
			if got := string(xmlinput.TrimSpace([]byte(tc.in))); got != tc.trimmed {
				t.Errorf("TrimSpace([]byte) = %q, want %q", got, tc.trimmed)
			}
			if got := xmlinput.AllSpace(tc.in); got != tc.allSpace {
				t.Errorf("AllSpace = %v, want %v", got, tc.allSpace)
			}
		})
	}
}
