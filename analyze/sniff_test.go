package analyze

import (
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/internal/activitytest"
)

func TestSniff(t *testing.T) {
	fitHeader := func(size byte) string {
		h := make([]byte, size)
		h[0] = size
		copy(h[8:], ".FIT")
		return string(h)
	}
	tests := []struct {
		name string
		in   string
		want activity.Format
	}{
		{"fit 14-byte header", fitHeader(14), activity.FormatFIT},
		{"fit 12-byte header", fitHeader(12), activity.FormatFIT},
		{"fit signature but odd header size", "\x0d" + fitHeader(14)[1:], ""},
		{"gpx", `<?xml version="1.0"?><gpx version="1.1">`, activity.FormatGPX},
		{"gpx with BOM, comment, doctype", "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- exported -->\n<!DOCTYPE gpx>\n<gpx>", activity.FormatGPX},
		{"gpx with a prefix", `<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1">`, activity.FormatGPX},
		{"tcx after white space before the declaration", "   \n<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"x\">", activity.FormatTCX},
		{"tcx self-closing root", `<TrainingCenterDatabase/>`, activity.FormatTCX},
		{"other xml", `<?xml version="1.0"?><kml>`, ""},
		{"root name that only starts like gpx", `<gpxx>`, ""},
		{"unterminated declaration", `<?xml version="1.0"`, ""},
		{"text", "hello, world", ""},
		{"empty", "", ""},
		{"json", `{"gpx": 1}`, ""},
		{"doctype with an internal subset holding '>'", `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x "y">]><gpx>`, activity.FormatGPX},
		{"doctype with '>' and ']' in quotes", `<!DOCTYPE TrainingCenterDatabase SYSTEM "a>b]c" [<!ATTLIST x y CDATA "]>">]>` + "\n<TrainingCenterDatabase>", activity.FormatTCX},
		{"doctype with a comment in the subset", `<!DOCTYPE gpx [<!-- ]> -->]><gpx>`, activity.FormatGPX},
		{"doctype with an unterminated subset", `<!DOCTYPE gpx [<!ENTITY x "y"> <gpx>`, ""},
		{"doctype with an unterminated literal", `<!DOCTYPE gpx SYSTEM "x> <gpx>`, ""},
		{"utf-16 is not sniffed as such", "\xff\xfe<\x00g\x00p\x00x\x00>\x00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniff([]byte(tt.in)); got != tt.want {
				t.Errorf("sniff(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSniffUTF16(t *testing.T) {
	for _, big := range []bool{false, true} {
		for _, tt := range []struct {
			in   string
			want activity.Format
		}{
			{`<?xml version="1.0" encoding="UTF-16"?>` + "\n<gpx>", activity.FormatGPX},
			{"<!DOCTYPE x [<!ENTITY a \"b\">]><TrainingCenterDatabase>", activity.FormatTCX},
			{"<kml>", ""},
			{"plain text \U0001F3C3", ""},
		} {
			got, order := sniffUTF16(activitytest.UTF16(tt.in, big))
			if got != tt.want || got != "" && (order == utf16BE) != big {
				t.Errorf("sniffUTF16(%q, big-endian %v) = %q, %v; want %q", tt.in, big, got, order, tt.want)
			}
		}
	}
	if got, _ := sniffUTF16([]byte("<gpx>")); got != "" {
		t.Errorf("sniffUTF16 of UTF-8 = %q", got)
	}
	// A character outside the BMP (a surrogate pair) and a lone surrogate.
	out, odd := decodeUTF16(activitytest.UTF16("a\U0001F3C3b", false)[2:], utf16LE)
	if string(out) != "a\U0001F3C3b" || odd != 0 {
		t.Errorf("decodeUTF16 = %q, %d", out, odd)
	}
	out, odd = decodeUTF16([]byte{0x00, 0xD8, 'x', 0, 'y'}, utf16LE)
	if string(out) != "\uFFFDx" || odd != 1 {
		t.Errorf("decodeUTF16 of a lone surrogate and an odd byte = %q, %d", out, odd)
	}
}

// TestDescribe checks what an error says content that is no activity file
// looks like, for generated inputs of each kind, and that it never holds
// the content's own bytes beyond a root element's plain name.
func TestDescribe(t *testing.T) {
	secret := "AKIA" + strings.Repeat("Z7", 8)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"text", "date,distance\n2026-03-03," + secret + "\n", "text"},
		{"key=value text", "PASSWORD=" + secret, "text"},
		{"environment (NUL-separated)", "HOME=/root\x00TOKEN=" + secret + "\x00", "binary data"},
		{"PNG", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + secret, "a PNG image"},
		{"JPEG", "\xff\xd8\xff\xe0\x00\x10JFIF" + secret, "a JPEG image"},
		{"GIF", "GIF89a" + secret, "a GIF image"},
		{"PDF", "%PDF-1.7\n" + secret, "a PDF document"},
		{"zip", "PK\x03\x04\x14\x00" + secret, "a zip archive"},
		{"empty zip", "PK\x05\x06" + strings.Repeat("\x00", 18), "a zip archive"},
		{"gzip in gzip", "\x1f\x8b\x08\x00" + secret, "gzip data"},
		{"ELF", "\x7fELF\x02\x01" + secret, "an executable (ELF)"},
		{"HTML", "<!DOCTYPE html>\n<html><title>" + secret + "</title>", "HTML"},
		{"HTML without doctype", "  <HTML lang=en>" + secret, "HTML"},
		{"XML", `<?xml version="1.0"?><!-- ` + secret + ` --><kml xmlns="x">`, "XML with root <kml>"},
		{"XML with a prefixed root", `<a:b.c-d>` + secret, "XML with root <a:b.c-d>"},
		{"XML root with escapes is not named", "<k\x1b[2Jx>" + secret, "binary data"},
		{"XML root not ASCII is not named", "<r\u00e9sum\u00e9>" + secret, "XML"},
		{"XML root cut to 32 bytes", "<" + strings.Repeat("n", 40) + ">", "XML with root <" + strings.Repeat("n", 32) + "...>"},
		{"XML without root", "<?xml version=\"1.0\"?>", "XML"},
		{"JSON", `{"token": "` + secret + `"}`, "JSON"},
		{"JSON array", "[1, 2]\n", "JSON"},
		{"brackets that are not JSON", "[section]\nkey = " + secret, "text"},
		{"UTF-16 text", string(activitytest.UTF16("hello "+secret, false)), "UTF-16 text"},
		{"FIT-like header without signature", "\x0e\x10\x00\x00" + secret, "binary data"},
		{"text cut inside a character", "caf\xc3", "text"},
		{"bad UTF-8", "caf\xc3(" + secret, "binary data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe([]byte(tt.in))
			if got != tt.want {
				t.Errorf("describe = %q, want %q", got, tt.want)
			}
			if strings.Contains(got, secret[:6]) {
				t.Errorf("describe = %q holds the content", got)
			}
		})
	}
}
