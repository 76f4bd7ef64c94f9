package analyze

import (
	"testing"

	"github.com/runcheck/runcheck/activity"
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniff([]byte(tt.in)); got != tt.want {
				t.Errorf("sniff(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
